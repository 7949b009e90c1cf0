"""A Fashion-MNIST PNG folder for the benches: 20,000 training and 5,000 validation 28×28 grayscale images.

The real data come from Debian's ``dataset-fashion-mnist`` package (its idx files), found in
``/usr/share/datasets/fashion-mnist`` or in the .deb in apt's cache (unpacked with ``dpkg-deb -x``).
Without either, a seeded synthetic stand-in of the same shape is written (10 classes of blurred
shapes with noise) and `fashion_folder` says so. The folder has the split-folders layout
(train/<class>/N.png, validation/<class>/N.png) and is written once, then reused.

    .venv/bin/python bench/fashion_folder.py [OUT]   # writes the folder, prints where and which data
"""

from __future__ import annotations

import glob
import gzip
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
from PIL import Image

CLASSES = ("tshirt", "trouser", "pullover", "dress", "coat", "sandal", "shirt", "sneaker", "bag", "boot")
TRAIN, VALIDATION = 20_000, 5_000
_SYSTEM = Path("/usr/share/datasets/fashion-mnist")
_DEB = "/var/cache/apt/archives/dataset-fashion-mnist_*.deb"


def _idx(path: Path) -> np.ndarray:
    data = gzip.decompress(path.read_bytes())
    dims = data[3]
    shape = tuple(int.from_bytes(data[4 + 4 * i : 8 + 4 * i], "big") for i in range(dims))
    return np.frombuffer(data, np.uint8, offset=4 + 4 * dims).reshape(shape)


def _real(scratch: Path) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None:
    folder = _SYSTEM
    if not (folder / "train-images-idx3-ubyte.gz").exists():
        debs = sorted(glob.glob(_DEB))
        if not debs:
            return None
        subprocess.run(["dpkg-deb", "-x", debs[-1], str(scratch)], check=True)
        folder = scratch / "usr/share/datasets/fashion-mnist"
    return (
        _idx(folder / "train-images-idx3-ubyte.gz")[:TRAIN],
        _idx(folder / "train-labels-idx1-ubyte.gz")[:TRAIN],
        _idx(folder / "t10k-images-idx3-ubyte.gz")[:VALIDATION],
        _idx(folder / "t10k-labels-idx1-ubyte.gz")[:VALIDATION],
    )


def _synthetic() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(0)
    yy, xx = np.mgrid[0:28, 0:28]

    def make(n: int) -> tuple[np.ndarray, np.ndarray]:
        labels = rng.integers(0, 10, n).astype(np.uint8)
        images = np.empty((n, 28, 28), np.uint8)
        for i, label in enumerate(labels):
            cy, cx = rng.normal(14, 2, 2)
            r = 5 + label % 5 + rng.normal(0, 1)
            shape = ((yy - cy) ** 2 + ((xx - cx) * (1 + label // 5)) ** 2) < r * r
            images[i] = np.clip(shape * 200 + rng.normal(0, 30, (28, 28)), 0, 255)
        return images, labels

    return (*make(TRAIN), *make(VALIDATION))


def fashion_folder(out: str | os.PathLike[str]) -> tuple[Path, str]:
    """Write (once) the PNG folder at `out`; returns it and "Fashion-MNIST" or "synthetic stand-in"."""
    root = Path(out)
    marker = root / ".source"
    if marker.exists():
        return root, marker.read_text()
    with tempfile.TemporaryDirectory() as scratch:
        real = _real(Path(scratch))
    arrays, source = (real, "Fashion-MNIST") if real is not None else (_synthetic(), "synthetic stand-in")
    x_train, y_train, x_val, y_val = arrays
    for split, images, labels in (("train", x_train, y_train), ("validation", x_val, y_val)):
        for name in CLASSES:
            (root / split / name).mkdir(parents=True, exist_ok=True)
        for i, (image, label) in enumerate(zip(images, labels, strict=True)):
            Image.fromarray(np.array(image)).save(root / split / CLASSES[label] / f"{i}.png")
    marker.write_text(source)
    return root, source


if __name__ == "__main__":
    where, what = fashion_folder(sys.argv[1] if len(sys.argv) > 1 else "/tmp/fashion-png")
    print(f"{what}: {where}")
