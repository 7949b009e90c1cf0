"""The dataset model: which classes, which file belongs to which split, what was skipped and why.

An `ImageDataset` holds no pixels. `scan.scan_folder` builds one from a folder, `demo_dataset` for the
built-in demo set; `loading.load_split` decodes a split, `files.make_subset` copies a part of it.

Layouts (`ImageDataset.layout`):
    "split-folders"  train/, validation/ (or val/), optional test/, each with one folder per class
    "class-folders"  one folder per class; a stratified train/validation/test split with a seed
    "flat-prefix"    images in one folder, labelled by file-name prefix (Kaggle: cat.123.jpg, dog.7.jpg)
    "demo"           the built-in synthetic dataset
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field, replace

from ..errors import DatasetError
from ..messages import Message, msg
from . import demo

__all__ = [
    "SPLITS",
    "LAYOUTS",
    "SkippedFile",
    "ImageDataset",
    "demo_dataset",
    "stratified_split",
    "image_size_message",
    "image_size_text",
]

SPLITS = ("train", "validation", "test")
LAYOUTS = ("demo", "split-folders", "class-folders", "flat-prefix")


@dataclass(frozen=True)
class SkippedFile:
    """A file left out, with its reason: one of `cnnstudio.core.images.REASONS` (see `skip_reason_message`)."""

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
        files = stratified_split(self.pool, len(self.class_names), val_fraction, test_fraction, seed)
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


def stratified_split(
    items: list[tuple[str, int]], num_classes: int, val_fraction: float, test_fraction: float, seed: int
) -> dict[str, list[tuple[str, int]]]:
    """Each class's (path, label) items shuffled with `seed` and cut into train, validation and test.

    Every class with three or more images keeps at least one for training; smaller classes train on
    all of theirs. The shuffle uses its own generator per class, never the global one.
    """
    if not (0 <= val_fraction < 1 and 0 <= test_fraction < 1 and val_fraction + test_fraction < 1):
        raise DatasetError(msg("data.bad_fractions"))
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


def image_size_message(sizes: dict[str, tuple[int, int]]) -> Message | None:
    """The image sizes of a dataset: "64×64" when all share one, else min, median and max; None if unknown."""
    if not sizes:
        return None
    if sizes["min"] == sizes["max"]:
        return msg("data.image_size_uniform", width=sizes["min"][0], height=sizes["min"][1])
    fields = {
        f"{stat}_{side}": sizes[stat][i]
        for stat in ("min", "median", "max")
        for i, side in enumerate(("width", "height"))
    }
    return msg("data.image_size_range", **fields)


def image_size_text(sizes: dict[str, tuple[int, int]]) -> str:
    """`image_size_message` in English ("" when unknown): "64×64" or "min 32×40 · median 500×375 · max 1024×768"."""
    message = image_size_message(sizes)
    return "" if message is None else str(message)
