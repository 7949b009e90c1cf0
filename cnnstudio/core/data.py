"""Image datasets: class-per-folder image folders and the built-in demo set, loaded into memory.

A `ImageDataset` knows its classes and which files (or demo images) belong to which split; it holds
no pixels. `load_split` is a job step that decodes and resizes one split into a uint8 tensor,
yielding progress; the chapter's datasets fit in memory, so every epoch after the first costs no
decoding. Files that cannot be read are skipped and counted, never a crash.
"""

from __future__ import annotations

import os
import random
from collections.abc import Generator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import torch
from PIL import Image, ImageOps, UnidentifiedImageError

from . import demo
from .errors import DatasetError
from .events import Event, LogMessage, Progress

__all__ = [
    "IMAGE_EXTENSIONS",
    "SPLITS",
    "SkippedFile",
    "ImageDataset",
    "demo_dataset",
    "open_folder",
    "scan_folder",
    "load_split",
    "load_image",
]

IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".bmp", ".gif", ".webp", ".tif", ".tiff")
SPLITS = ("train", "validation", "test")
_SPLIT_ALIASES = {"train": "train", "training": "train", "validation": "validation", "val": "validation",
                  "valid": "validation", "test": "test", "testing": "test"}
_PROGRESS_EVERY = 64


@dataclass(frozen=True)
class SkippedFile:
    path: str
    reason: str


@dataclass
class ImageDataset:
    """Classes and split membership of a dataset; ``files`` maps split -> [(path, label)]."""

    name: str
    source: str  # "demo" or the folder's absolute path
    layout: str  # "demo", "class-folders" or "split-folders"
    class_names: tuple[str, ...]
    files: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    skipped: list[SkippedFile] = field(default_factory=list)
    seed: int = 0
    val_fraction: float = 0.2

    @property
    def is_demo(self) -> bool:
        return self.layout == "demo"

    def counts(self) -> dict[str, dict[str, int]]:
        """split -> class -> number of images."""
        if self.is_demo:
            return demo.demo_counts()
        result: dict[str, dict[str, int]] = {}
        for split, items in self.files.items():
            per_class = {name: 0 for name in self.class_names}
            for _, label in items:
                per_class[self.class_names[label]] += 1
            result[split] = per_class
        return result

    def split_size(self, split: str) -> int:
        return sum(self.counts().get(split, {}).values())

    def to_dict(self) -> dict:
        """What a run's config records about its data."""
        return {
            "name": self.name,
            "source": self.source,
            "layout": self.layout,
            "class_names": list(self.class_names),
            "counts": self.counts(),
            "skipped_files": len(self.skipped),
            "seed": self.seed,
            "val_fraction": self.val_fraction,
        }


def demo_dataset(seed: int = 0) -> ImageDataset:
    """The built-in synthetic dataset (no pixels are generated until a split is loaded)."""
    return ImageDataset("Demo shapes", "demo", "demo", tuple(demo.DEMO_CLASSES), seed=seed)


def _visible_dirs(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith("."))


def _image_files(folder: Path) -> list[Path]:
    files = []
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if not name.startswith(".") and name.lower().endswith(IMAGE_EXTENSIONS):
                files.append(Path(root) / name)
    return files


def _check_image(path: Path) -> str | None:
    """Why `path` is not a usable image, or None if its header and structure read fine."""
    try:
        if path.stat().st_size == 0:
            return "empty file"
        with Image.open(path) as im:
            im.verify()
    except UnidentifiedImageError:
        return "not an image"
    except Image.DecompressionBombError:
        return "too many pixels (possible decompression bomb)"
    except OSError as exc:
        return f"unreadable ({exc})"
    except Exception as exc:  # Pillow raises assorted errors on corrupt files
        return f"unreadable ({type(exc).__name__}: {exc})"
    return None


def scan_folder(folder: str | os.PathLike[str], *, val_fraction: float = 0.2, seed: int = 0) -> Generator[Event, None, ImageDataset]:
    """Find the classes and images of a folder, checking each file; a job step.

    Layouts: ``train/``, ``validation/`` (or ``val/``), optional ``test/``, each with class folders;
    or one folder per class, split into train and validation with a stratified, seeded split.
    """
    root = Path(folder).expanduser()
    if not root.exists():
        raise DatasetError(f"The folder {root} does not exist; choose an existing dataset folder.")
    if not root.is_dir():
        raise DatasetError(f"{root} is a file, not a folder; choose the folder that holds one sub-folder per class.")
    root = root.resolve()
    subdirs = _visible_dirs(root)
    split_dirs = {_SPLIT_ALIASES[d.name.lower()]: d for d in subdirs if d.name.lower() in _SPLIT_ALIASES}
    if "train" in split_dirs:
        layout = "split-folders"
        class_names = tuple(d.name for d in _visible_dirs(split_dirs["train"]))
        sources = {split: {name: _image_files(d / name) for name in class_names} for split, d in split_dirs.items()}
    else:
        layout = "class-folders"
        class_names = tuple(d.name for d in subdirs)
        sources = {"all": {d.name: _image_files(d) for d in subdirs}}
    if len(class_names) < 2:
        found = f"only {class_names[0]!r}" if class_names else "none"
        raise DatasetError(
            f"{root} needs at least two class folders (one sub-folder of images per class); found {found}."
        )
    total = sum(len(files) for per_class in sources.values() for files in per_class.values())
    if total == 0:
        raise DatasetError(f"{root} has class folders but no image files ({', '.join(IMAGE_EXTENSIONS)}).")
    skipped: list[SkippedFile] = []
    good: dict[str, dict[str, list[Path]]] = {}
    done = 0
    for split, per_class in sources.items():
        good[split] = {}
        for name, files in per_class.items():
            keep = []
            for path in files:
                reason = _check_image(path)
                if reason is None:
                    keep.append(path)
                else:
                    skipped.append(SkippedFile(str(path), reason))
                done += 1
                if done % _PROGRESS_EVERY == 0 or done == total:
                    yield Progress("Checking images", done, total)
            good[split][name] = keep
    label = {name: i for i, name in enumerate(class_names)}
    files: dict[str, list[tuple[str, int]]] = {}
    if layout == "split-folders":
        for split, per_class in good.items():
            files[split] = [(str(p), label[name]) for name, paths in per_class.items() if name in label for p in paths]
    else:
        rng = random.Random(seed)
        files = {"train": [], "validation": []}
        for name, paths in good["all"].items():
            paths = list(paths)
            rng.shuffle(paths)
            n_val = int(round(len(paths) * val_fraction)) if len(paths) > 1 else 0
            files["validation"] += [(str(p), label[name]) for p in paths[:n_val]]
            files["train"] += [(str(p), label[name]) for p in paths[n_val:]]
    empty = [name for name in class_names if not any(lbl == label[name] for lbl in (l for _, l in files.get("train", [])))]
    if empty:
        raise DatasetError(f"The class folder(s) {', '.join(empty)} in {root} have no readable training images; add images or remove the folder.")
    if not files.get("validation"):
        raise DatasetError(f"{root} has no validation images; add a validation/ folder or more images per class.")
    if skipped:
        yield LogMessage(f"Skipped {len(skipped)} file(s) that could not be read.", "warning")
    return ImageDataset(root.name, str(root), layout, class_names, files, skipped, seed, val_fraction)


def open_folder(folder: str | os.PathLike[str], **kwargs) -> ImageDataset:
    """`scan_folder` run to completion (for the CLI and tests)."""
    gen = scan_folder(folder, **kwargs)
    while True:
        try:
            next(gen)
        except StopIteration as stop:
            return stop.value


def load_image(path: str | os.PathLike[str], size: tuple[int, int], channels: int = 3) -> np.ndarray:
    """Decode one image upright (EXIF orientation applied), resized to (height, width): uint8 (H, W, C)."""
    with Image.open(path) as im:
        im = ImageOps.exif_transpose(im)
        if im.mode in ("RGBA", "LA", "P"):
            im = im.convert("RGBA")
            background = Image.new("RGBA", im.size, (255, 255, 255, 255))
            im = Image.alpha_composite(background, im)
        im = im.convert("L" if channels == 1 else "RGB")
        im = im.resize((size[1], size[0]), Image.Resampling.BILINEAR)
        array = np.asarray(im, dtype=np.uint8)
    return array[..., None] if array.ndim == 2 else array


def load_split(
    dataset: ImageDataset, split: str, size: tuple[int, int], channels: int = 3
) -> Generator[Event, None, tuple[torch.Tensor, torch.Tensor, list[SkippedFile]]]:
    """Decode and resize one split: uint8 images (N, C, H, W), int64 labels (N,), files skipped now."""
    if dataset.is_demo:
        yield Progress(f"Generating {split} images", 0, 1)
        images, labels = demo.generate_demo_split(split, seed=dataset.seed)
        x = torch.from_numpy(np.ascontiguousarray(images)).permute(0, 3, 1, 2)
        if channels == 1:
            x = (x.float() * torch.tensor([0.299, 0.587, 0.114]).view(1, 3, 1, 1)).sum(1, keepdim=True).round().to(torch.uint8)
        if tuple(x.shape[-2:]) != tuple(size):
            x = torch.nn.functional.interpolate(x.float(), size=size, mode="bilinear", antialias=True, align_corners=False)
            x = x.round().clamp(0, 255).to(torch.uint8)
        yield Progress(f"Generating {split} images", 1, 1)
        return x.contiguous(), torch.from_numpy(labels).long(), []
    items = dataset.files.get(split, [])
    arrays, labels, skipped = [], [], []
    for i, (path, label) in enumerate(items, 1):
        try:
            arrays.append(load_image(path, size, channels))
            labels.append(label)
        except Exception as exc:  # a file that changed or broke after the scan
            skipped.append(SkippedFile(path, f"unreadable ({exc})"))
        if i % _PROGRESS_EVERY == 0 or i == len(items):
            yield Progress(f"Loading {split} images", i, len(items))
    if skipped:
        yield LogMessage(f"Skipped {len(skipped)} {split} file(s) that could not be decoded.", "warning")
    if not arrays:
        return torch.zeros((0, channels, *size), dtype=torch.uint8), torch.zeros(0, dtype=torch.long), skipped
    x = torch.from_numpy(np.stack(arrays)).permute(0, 3, 1, 2).contiguous()
    return x, torch.tensor(labels, dtype=torch.long), skipped
