"""Image datasets: the user's folders in the layouts photos come in, and the built-in demo set.

An `ImageDataset` knows its classes, which file belongs to which split, what was skipped and why;
it holds no pixels. `scan_folder` finds the layout and checks every file in the background (a job
step that yields progress); `load_split` decodes and resizes one split into a uint8 tensor, cached in
memory so later epochs and later runs decode nothing; `make_subset` copies N images per class and
split into a new folder in the book's layout. The user's folders are only ever read.

Layouts (`ImageDataset.layout`):
    "split-folders"  train/, validation/ (or val/), optional test/, each with one folder per class
    "class-folders"  one folder per class; a stratified train/validation/test split with a seed
    "flat-prefix"    images in one folder, labelled by file-name prefix (Kaggle: cat.123.jpg, dog.7.jpg)
    "demo"           the built-in synthetic dataset
"""

from __future__ import annotations

import hashlib
import os
import random
import re
import shutil
from collections import OrderedDict
from collections.abc import Generator, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import torch
from PIL import Image

from ..errors import DatasetError
from ..events import Event, ImageReady, LogMessage, Progress
from ..images import IMAGE_EXTENSIONS, ImageError, check_image, image_size, load_image, open_image
from . import demo

__all__ = [
    "SPLITS",
    "LAYOUTS",
    "SkippedFile",
    "ImageDataset",
    "demo_dataset",
    "scan_folder",
    "open_folder",
    "load_split",
    "make_subset",
    "clear_cache",
    "run_to_end",
    "files_digest",
    "copy_into_class",
    "image_size_text",
    "gallery_items",
    "display_image",
    "thumbnail_job",
]

SPLITS = ("train", "validation", "test")
LAYOUTS = ("demo", "split-folders", "class-folders", "flat-prefix")
_SPLIT_ALIASES = {
    "train": "train",
    "training": "train",
    "validation": "validation",
    "val": "validation",
    "valid": "validation",
    "test": "test",
    "testing": "test",
}
# Files a file manager or OS leaves beside images: never reported as skipped.
_JUNK = {"thumbs.db", "desktop.ini", "readme", "readme.txt", "readme.md", "license", "license.txt"}
_PREFIX = re.compile(r"^(.+?)[._-]\d+$")
_CHUNK = 64
_WORKERS = max(1, min(4, os.cpu_count() or 1))
_CACHE_BYTES = int(os.environ.get("CNNSTUDIO_CACHE_MB", "2048")) * 2**20


@dataclass(frozen=True)
class SkippedFile:
    path: str
    reason: str


@dataclass
class ImageDataset:
    """Classes and split membership of a dataset; ``files`` maps split -> [(path, label)]."""

    name: str
    source: str  # "demo" or the folder's absolute path
    layout: str
    class_names: tuple[str, ...]
    files: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    skipped: list[SkippedFile] = field(default_factory=list)
    empty_classes: list[str] = field(default_factory=list)
    image_sizes: dict[str, tuple[int, int]] = field(default_factory=dict)  # "min"/"median"/"max" -> (w, h)
    seed: int = 0
    val_fraction: float = 0.15
    test_fraction: float = 0.15
    # For layouts without split folders: every usable image, split by `with_split`.
    pool: list[tuple[str, int]] = field(default_factory=list, repr=False)

    @property
    def is_demo(self) -> bool:
        return self.layout == "demo"

    @property
    def can_resplit(self) -> bool:
        """True when the split is ours to choose (no split folders on disk)."""
        return self.layout in ("class-folders", "flat-prefix")

    def counts(self) -> dict[str, dict[str, int]]:
        """split -> class -> number of images."""
        if self.is_demo:
            return demo.demo_counts()
        result: dict[str, dict[str, int]] = {}
        for split in SPLITS:
            per_class = {name: 0 for name in self.class_names}
            for _, label in self.files.get(split, []):
                per_class[self.class_names[label]] += 1
            result[split] = per_class
        return result

    def split_size(self, split: str) -> int:
        return sum(self.counts().get(split, {}).values())

    def total_images(self) -> int:
        return sum(self.split_size(s) for s in SPLITS)

    def imbalance(self) -> float:
        """Largest over smallest class (training split); 1.0 is perfectly balanced."""
        train = [n for n in self.counts().get("train", {}).values()]
        if not train or min(train) == 0:
            return float("inf") if train else 1.0
        return max(train) / min(train)

    def with_split(self, val_fraction: float, test_fraction: float, seed: int) -> ImageDataset:
        """The same images split anew (stratified by class); split folders on disk are kept as they are."""
        if not self.can_resplit:
            return replace(self, seed=seed) if self.is_demo else self
        files = _stratified_split(self.pool, len(self.class_names), val_fraction, test_fraction, seed)
        return replace(self, files=files, seed=seed, val_fraction=val_fraction, test_fraction=test_fraction)

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
            "test_fraction": self.test_fraction,
        }


def demo_dataset(seed: int = 0) -> ImageDataset:
    """The built-in synthetic dataset (no pixels are generated until a split is loaded)."""
    n = demo.DEMO_IMAGE_SIZE
    sizes = {"min": (n, n), "median": (n, n), "max": (n, n)}
    return ImageDataset("Demo shapes", "demo", "demo", tuple(demo.DEMO_CLASSES), image_sizes=sizes, seed=seed)


def run_to_end(gen: Generator[Event, None, object]) -> object:
    """Run a job step to completion, ignoring its events; return its result (CLI and tests)."""
    while True:
        try:
            next(gen)
        except StopIteration as stop:
            return stop.value


def open_folder(folder: str | os.PathLike[str], **kwargs) -> ImageDataset:
    """`scan_folder` run to completion."""
    return run_to_end(scan_folder(folder, **kwargs))  # type: ignore[return-value]


# ---- scanning ---------------------------------------------------------------------------------


def _visible_dirs(folder: Path) -> list[Path]:
    try:
        return sorted(
            (p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")), key=lambda p: p.name.lower()
        )
    except OSError as exc:
        raise DatasetError(f"Cannot read the folder {folder}: {exc.strerror or exc}.") from exc


def _candidate_files(folder: Path, recursive: bool = True) -> list[Path]:
    """Every visible file that could be an image (hidden files and folders, and OS junk, are ignored)."""
    files: list[Path] = []
    if not recursive:
        return sorted(p for p in folder.iterdir() if p.is_file() and _is_candidate(p.name))
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        files += [Path(root) / n for n in sorted(names) if _is_candidate(n)]
    return files


def _is_candidate(name: str) -> bool:
    return not name.startswith(".") and name.lower() not in _JUNK


def _prefix_label(path: Path) -> str | None:
    match = _PREFIX.match(path.stem)
    return match.group(1).lower() if match else None


def _check_all(
    paths: list[Path], label: str
) -> Generator[Event, None, tuple[list[Path], list[SkippedFile], list[tuple[int, int]]]]:
    """Fully decode every file (in a few threads: Pillow releases the GIL); yields progress per chunk."""
    good: list[Path] = []
    skipped: list[SkippedFile] = []
    sizes: list[tuple[int, int]] = []

    def check(path: Path) -> tuple[Path, str | None, tuple[int, int] | None]:
        reason = check_image(path)
        if reason is not None:
            return path, reason, None
        try:
            return path, None, image_size(path)
        except ImageError as exc:
            return path, exc.reason, None

    total = len(paths)
    yield Progress(label, 0, total)
    with ThreadPoolExecutor(max_workers=_WORKERS) as pool:
        for start in range(0, total, _CHUNK):
            for path, reason, size in pool.map(check, paths[start : start + _CHUNK]):
                if reason is None:
                    good.append(path)
                    sizes.append(size)  # type: ignore[arg-type]
                else:
                    skipped.append(SkippedFile(str(path), reason))
            yield Progress(label, min(start + _CHUNK, total), total)
    return good, skipped, sizes


def _size_summary(sizes: list[tuple[int, int]]) -> dict[str, tuple[int, int]]:
    if not sizes:
        return {}
    areas = sorted(sizes, key=lambda s: (s[0] * s[1], s))
    return {"min": areas[0], "median": areas[len(areas) // 2], "max": areas[-1]}


def _stratified_split(
    items: list[tuple[str, int]], num_classes: int, val_fraction: float, test_fraction: float, seed: int
) -> dict[str, list[tuple[str, int]]]:
    if not (0 <= val_fraction < 1 and 0 <= test_fraction < 1 and val_fraction + test_fraction < 1):
        raise DatasetError("The validation and test fractions must each be in [0, 1) and leave images for training.")
    files: dict[str, list[tuple[str, int]]] = {split: [] for split in SPLITS}
    for label in range(num_classes):
        members = sorted(p for p, lbl in items if lbl == label)
        random.Random(f"{seed}:{label}").shuffle(members)
        n = len(members)
        n_val = round(n * val_fraction)
        n_test = round(n * test_fraction)
        if n >= 3:  # keep at least one training image per class
            n_val, n_test = min(n_val, n - 1), min(n_test, n - 1 - min(n_val, n - 1))
        else:
            n_val = n_test = 0
        files["validation"] += [(p, label) for p in members[:n_val]]
        files["test"] += [(p, label) for p in members[n_val : n_val + n_test]]
        files["train"] += [(p, label) for p in members[n_val + n_test :]]
    return files


def scan_folder(
    folder: str | os.PathLike[str], *, val_fraction: float = 0.15, test_fraction: float = 0.15, seed: int = 0
) -> Generator[Event, None, ImageDataset]:
    """Detect the layout of `folder`, check every file, and split; a job step that yields progress."""
    root = Path(folder).expanduser()
    if not root.exists():
        raise DatasetError(f"The folder {root} does not exist; choose an existing dataset folder.")
    if not root.is_dir():
        raise DatasetError(
            f"{root} is a file, not a folder; choose the folder that holds the images or one sub-folder per class."
        )
    root = root.resolve()
    subdirs = _visible_dirs(root)
    split_dirs: dict[str, Path] = {}
    for d in subdirs:
        split = _SPLIT_ALIASES.get(d.name.lower())
        if split and split not in split_dirs:
            split_dirs[split] = d

    # Which files, with which class name and split (None: ours to split).
    entries: list[tuple[Path, str, str | None]] = []
    notes: list[str] = []
    if "train" in split_dirs:
        layout = "split-folders"
        class_dirs = {d.name: d for d in _visible_dirs(split_dirs["train"])}
        for split, sdir in split_dirs.items():
            for cdir in _visible_dirs(sdir):
                if cdir.name not in class_dirs:
                    notes.append(f"{cdir} has no matching class folder in {split_dirs['train'].name}/ and is ignored.")
                    continue
                entries += [(p, cdir.name, split) for p in _candidate_files(cdir)]
        class_order = list(class_dirs)
    elif subdirs:
        layout = "class-folders"
        for cdir in subdirs:
            entries += [(p, cdir.name, None) for p in _candidate_files(cdir)]
        class_order = [d.name for d in subdirs]
        loose = [p for p in _candidate_files(root, recursive=False) if p.suffix.lower() in IMAGE_EXTENSIONS]
        if loose:
            notes.append(f"{len(loose)} image(s) directly in {root.name}/ belong to no class folder and are ignored.")
    else:
        layout = "flat-prefix"
        files = _candidate_files(root, recursive=False)
        for p in files:
            label = _prefix_label(p)
            if label is None:
                entries.append((p, "", None))
            else:
                entries.append((p, label, None))
        class_order = sorted({name for _, name, _ in entries if name})
        unlabelled = [p for p, name, _ in entries if not name]
        entries = [e for e in entries if e[1]]
        if unlabelled:
            notes.append(f"{len(unlabelled)} file(s) have no class prefix (like cat.123.jpg) and are ignored.")
        if not files:
            raise DatasetError(
                f"{root} holds no images and no sub-folders; choose a folder with one sub-folder per class, "
                "train/ and validation/ folders, or images named by class (cat.1.jpg, dog.1.jpg)."
            )
    if not entries:
        raise DatasetError(f"{root} has no image files ({', '.join(IMAGE_EXTENSIONS)}).")

    good, skipped, sizes = yield from _check_all([p for p, _, _ in entries], "Checking images")
    usable = set(good)
    per_class = {name: 0 for name in class_order}
    for path, name, _ in entries:
        if path in usable:
            per_class[name] += 1
    empty = [name for name, n in per_class.items() if n == 0]
    class_names = tuple(name for name in class_order if per_class[name] > 0)
    if len(class_names) < 2:
        found = f"only {class_names[0]!r}" if class_names else "none"
        if empty:
            found += f" (no usable images in: {', '.join(empty)})"
        raise DatasetError(
            f"{root} needs at least two classes with images (one sub-folder of images per class); found {found}."
        )
    for note in notes:
        yield LogMessage(note, "warning")
    if empty:
        yield LogMessage(f"Class folder(s) without usable images, left out: {', '.join(empty)}.", "warning")
    if skipped:
        yield LogMessage(f"Skipped {len(skipped)} file(s) that could not be used.", "warning")
    label_of = {name: i for i, name in enumerate(class_names)}
    dataset = ImageDataset(
        name=root.name,
        source=str(root),
        layout=layout,
        class_names=class_names,
        skipped=skipped,
        empty_classes=empty,
        image_sizes=_size_summary(sizes),
        seed=seed,
        val_fraction=val_fraction,
        test_fraction=test_fraction,
    )
    if layout == "split-folders":
        dataset.files = {split: [] for split in SPLITS}
        for path, name, split in entries:
            if path in usable and name in label_of:
                dataset.files[split].append((str(path), label_of[name]))  # type: ignore[index]
        if not dataset.files["train"]:
            raise DatasetError(f"{root}/train has no usable images.")
        if not dataset.files["validation"]:
            yield LogMessage("There is no validation/ folder: training will need a validation split.", "warning")
    else:
        dataset.pool = [(str(p), label_of[name]) for p, name, _ in entries if p in usable]
        dataset.files = _stratified_split(dataset.pool, len(class_names), val_fraction, test_fraction, seed)
    return dataset


# ---- loading into memory ------------------------------------------------------------------------

_cache: OrderedDict[tuple, tuple[torch.Tensor, torch.Tensor, list[SkippedFile]]] = OrderedDict()


def clear_cache() -> None:
    _cache.clear()


def files_digest(dataset: ImageDataset, splits: Iterable[str]) -> str:
    """A fingerprint of which files (with which labels) make up `splits`: part of cache keys."""
    digest = hashlib.sha1()
    for split in splits:
        for path, label in dataset.files.get(split, []):
            digest.update(f"{split}\0{path}\0{label}\n".encode())
    return digest.hexdigest()


def _cache_key(dataset: ImageDataset, split: str, size: tuple[int, int], channels: int) -> tuple:
    return (
        dataset.source,
        dataset.seed if dataset.is_demo else 0,
        split,
        tuple(size),
        channels,
        files_digest(dataset, [split]),
    )


def _remember(key: tuple, value: tuple[torch.Tensor, torch.Tensor, list[SkippedFile]]) -> None:
    _cache[key] = value
    _cache.move_to_end(key)
    while len(_cache) > 1 and sum(v[0].numel() for v in _cache.values()) > _CACHE_BYTES:
        _cache.popitem(last=False)


def load_split(
    dataset: ImageDataset, split: str, size: tuple[int, int], channels: int = 3
) -> Generator[Event, None, tuple[torch.Tensor, torch.Tensor, list[SkippedFile]]]:
    """Decode and resize one split: uint8 images (N, C, H, W), int64 labels (N,), files skipped now.

    Results are cached in memory (up to ``$CNNSTUDIO_CACHE_MB``, 2 GiB by default), so a second run on
    the same data at the same size starts at once.
    """
    key = _cache_key(dataset, split, size, channels)
    if key in _cache:
        _cache.move_to_end(key)
        x, y, skipped = _cache[key]
        yield Progress(f"Loading {split} images (cached)", len(x), len(x))
        return x, y, list(skipped)
    if dataset.is_demo:
        result = yield from _load_demo(dataset, split, size, channels)
    else:
        result = yield from _load_files(dataset.files.get(split, []), split, size, channels)
    _remember(key, result)
    return result


def _load_demo(dataset: ImageDataset, split: str, size: tuple[int, int], channels: int):
    yield Progress(f"Generating {split} images", 0, 1)
    images, labels = _demo_arrays(split, dataset.seed)
    x = torch.from_numpy(np.ascontiguousarray(images)).permute(0, 3, 1, 2)
    if channels == 1:
        weights = torch.tensor([0.299, 0.587, 0.114]).view(1, 3, 1, 1)
        x = (x.float() * weights).sum(1, keepdim=True).round().to(torch.uint8)
    if tuple(x.shape[-2:]) != tuple(size):
        x = torch.nn.functional.interpolate(x.float(), size=size, mode="bilinear", antialias=True, align_corners=False)
        x = x.round().clamp(0, 255).to(torch.uint8)
    yield Progress(f"Generating {split} images", 1, 1)
    return x.contiguous(), torch.from_numpy(labels).long(), []


def _load_files(items: list[tuple[str, int]], split: str, size: tuple[int, int], channels: int):
    label = f"Loading {split} images"
    total = len(items)
    x = torch.empty((total, channels, *size), dtype=torch.uint8)
    labels: list[int] = []
    skipped: list[SkippedFile] = []
    kept = 0

    def decode(item: tuple[str, int]):
        try:
            return load_image(item[0], size=size, channels=channels), None
        except ImageError as exc:
            return None, exc.reason
        except Exception as exc:  # a file that changed or broke after the scan
            return None, f"unreadable ({exc})"

    yield Progress(label, 0, total)
    with ThreadPoolExecutor(max_workers=_WORKERS) as pool:
        for start in range(0, total, _CHUNK):
            chunk = items[start : start + _CHUNK]
            for (path, lbl), (array, reason) in zip(chunk, pool.map(decode, chunk), strict=True):
                if array is None:
                    skipped.append(SkippedFile(path, reason or "unreadable"))
                    continue
                x[kept] = torch.from_numpy(array).permute(2, 0, 1)
                labels.append(lbl)
                kept += 1
            yield Progress(label, min(start + _CHUNK, total), total)
    if skipped:
        yield LogMessage(f"Skipped {len(skipped)} {split} file(s) that could not be decoded.", "warning")
    return x[:kept].contiguous(), torch.tensor(labels, dtype=torch.long), skipped


# ---- subsets --------------------------------------------------------------------------------------


def _parse_counts(per_class: dict[str, int]) -> dict[str, int]:
    unknown = set(per_class) - set(SPLITS)
    if unknown:
        raise DatasetError(f"Unknown split(s) {', '.join(sorted(unknown))}; use train, validation and test.")
    if any(n < 0 for n in per_class.values()):
        raise DatasetError("Images per class must be zero or more.")
    return {split: int(per_class.get(split, 0)) for split in SPLITS}


def make_subset(
    dataset: ImageDataset, out: str | os.PathLike[str], per_class: dict[str, int], *, seed: int = 0
) -> Generator[Event, None, dict[str, dict[str, int]]]:
    """Copy N images per class per split into `out` as train/, validation/, test/ class folders.

    From split folders each split draws from its own folder; otherwise each class's images are
    shuffled with `seed` and cut into disjoint slices (as the book builds its 1000/500/500 cats and
    dogs). The source is never modified; `out` must be new or empty. Returns what was copied.
    """
    if dataset.is_demo:
        raise DatasetError("Make subset copies image files; write the demo dataset out first (cnnstudio demo-data).")
    counts = _parse_counts(per_class)
    target = Path(out).expanduser()
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise DatasetError(
            f"{target} already exists and is not an empty folder; choose a new folder so nothing is overwritten."
        )
    source = Path(dataset.source)
    if target.resolve().is_relative_to(source.resolve()):
        raise DatasetError(f"The subset folder {target} is inside the dataset {source}; choose a folder outside it.")
    plan: list[tuple[str, str, str]] = []  # (source path, split, class name)
    copied = {split: {name: 0 for name in dataset.class_names} for split in SPLITS if counts[split]}
    for label, name in enumerate(dataset.class_names):
        if dataset.layout == "split-folders":
            for split in copied:
                members = sorted(p for p, lbl in dataset.files.get(split, []) if lbl == label)
                random.Random(f"{seed}:{split}:{label}").shuffle(members)
                plan += [(p, split, name) for p in members[: counts[split]]]
        else:
            members = sorted(p for p, lbl in dataset.pool if lbl == label)
            random.Random(f"{seed}:{label}").shuffle(members)
            start = 0
            for split in copied:
                plan += [(p, split, name) for p in members[start : start + counts[split]]]
                start += counts[split]
    for _, split, name in plan:
        copied[split][name] += 1
    short = [
        f"{name} {split}: {n} of {counts[split]}"
        for split, per in copied.items()
        for name, n in per.items()
        if n < counts[split]
    ]
    if short:
        yield LogMessage(
            "Not enough images for every request; copying what there is (" + "; ".join(short) + ").", "warning"
        )
    yield Progress("Copying images", 0, len(plan))
    for i, (path, split, name) in enumerate(plan, 1):
        folder = target / split / name
        folder.mkdir(parents=True, exist_ok=True)
        destination = _unique(folder / Path(path).name)
        shutil.copy2(path, destination)
        if i % 32 == 0 or i == len(plan):
            yield Progress("Copying images", i, len(plan))
    return copied


def _unique(path: Path) -> Path:
    candidate, n = path, 2
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
        n += 1
    return candidate


def copy_into_class(dataset: ImageDataset, class_name: str, paths: Iterable[str]) -> list[str]:
    """Copy image files into a class's (training) folder without overwriting; returns the new paths.

    Only layouts with class folders on disk accept new images. Nothing is moved or deleted.
    """
    if dataset.layout == "split-folders":
        folder = Path(dataset.source) / "train" / class_name
        if not folder.is_dir():
            folder = next(
                (d / class_name for d in Path(dataset.source).iterdir() if d.name.lower() in ("train", "training")),
                folder,
            )
    elif dataset.layout == "class-folders":
        folder = Path(dataset.source) / class_name
    else:
        raise DatasetError(
            "Images can be added to datasets with class folders only; this dataset has none to copy into."
        )
    if class_name not in dataset.class_names:
        raise DatasetError(f"{class_name!r} is not a class of {dataset.name}.")
    sources = [Path(p) for p in paths]
    for source in sources:  # all or nothing: check every file before copying any
        reason = check_image(source)
        if reason is not None:
            raise DatasetError(f"{source.name} cannot be added to {class_name}: {reason}.")
    added = []
    for source in sources:
        destination = _unique(folder / source.name)
        shutil.copy2(source, destination)
        added.append(str(destination))
    return added


def image_size_text(sizes: dict[str, tuple[int, int]]) -> str:
    """ "64×64" when all images share a size, else "min 32×40 · median 500×375 · max 1024×768"."""
    if not sizes:
        return ""
    if sizes["min"] == sizes["max"]:
        return f"{sizes['min'][0]}×{sizes['min'][1]}"
    return " · ".join(f"{k} {v[0]}×{v[1]}" for k, v in sizes.items())


# ---- images for display ---------------------------------------------------------------------------

DEMO_PREFIX = "demo://"


def gallery_items(dataset: ImageDataset) -> list[tuple[str, int, str]]:
    """Every image as (key, label, split); keys are file paths, or ``demo://split/index`` for the demo."""
    if dataset.is_demo:
        items = []
        for split in SPLITS:  # labels only: the pixels are drawn when a thumbnail is asked for
            labels = demo.demo_labels(split, seed=dataset.seed)
            items += [(f"{DEMO_PREFIX}{split}/{i}", int(label), split) for i, label in enumerate(labels)]
        return items
    return [(path, label, split) for split in SPLITS for path, label in dataset.files.get(split, [])]


_demo_cache: dict[tuple[str, int], tuple[np.ndarray, np.ndarray]] = {}


def _demo_arrays(split: str, seed: int) -> tuple[np.ndarray, np.ndarray]:
    key = (split, seed)
    if key not in _demo_cache:
        _demo_cache[key] = demo.generate_demo_split(split, seed=seed)
    return _demo_cache[key]


def display_image(key: str, *, max_side: int | None = None, seed: int = 0) -> np.ndarray:
    """An image for display, upright and RGB uint8 (H, W, 3), at most `max_side` on its longer side.

    `key` is a file path or a ``demo://split/index`` key from `gallery_items`. Raises `ImageError`.
    """
    if key.startswith(DEMO_PREFIX):
        split, index = key[len(DEMO_PREFIX) :].split("/")
        return _demo_arrays(split, seed)[0][int(index)]
    with open_image(key) as image:
        if max_side and max(image.size) > max_side:
            image.thumbnail((max_side, max_side), Image.Resampling.BILINEAR, reducing_gap=2.0)
        return np.asarray(image, dtype=np.uint8)


def thumbnail_job(next_key, max_side: int = 96, seed: int = 0) -> Generator[Event, None, int]:
    """Decode the images whose keys `next_key()` hands out (None: no more), one `ImageReady` each.

    The caller feeds the keys the user is looking at; the job ends when there are none left.
    """
    done = 0
    while (key := next_key()) is not None:
        try:
            yield ImageReady(key, display_image(key, max_side=max_side, seed=seed))
        except ImageError as exc:
            yield ImageReady(key, None, exc.reason)
        except Exception as exc:  # a file deleted or changed since the scan
            yield ImageReady(key, None, f"unreadable ({exc})")
        done += 1
    return done
