"""Scanning speed: checking 10,000 small images (full decode of each) must take under 10 s on 2 cores.

Writes N small PNG/JPEG files into a temporary class-folder dataset (not timed), then times
`scan_folder` (layout detection, a full decode of every file, image sizes, the split) against a
bare baseline: a plain loop of ``PIL.Image.open(path).load()`` over the same files.

    .venv/bin/python bench/scan_speed.py [--images 10000] [--size 64]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import numpy as np
from PIL import Image

from cnnstudio.core.data.dataset import open_folder


def write_dataset(root: Path, images: int, size: int) -> list[Path]:
    rng = np.random.default_rng(0)
    paths = []
    for i in range(images):
        folder = root / f"class{i % 4}"
        folder.mkdir(parents=True, exist_ok=True)
        pixels = rng.integers(0, 256, (size, size, 3), dtype=np.uint8)
        path = folder / (f"{i}.png" if i % 2 else f"{i}.jpg")
        Image.fromarray(pixels).save(path)
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--images", type=int, default=10_000)
    parser.add_argument("--size", type=int, default=64)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        paths = write_dataset(root, args.images, args.size)
        start = time.perf_counter()
        for path in paths:
            with Image.open(path) as image:
                image.load()
        baseline = time.perf_counter() - start
        start = time.perf_counter()
        dataset = open_folder(root)
        scan = time.perf_counter() - start
    print(f"{args.images} images of {args.size}x{args.size} (half PNG, half JPEG)")
    print(f"  scan_folder (checks, sizes, split)    {scan:6.2f} s   goal < 10 s   ({dataset.total_images()} usable)")
    print(f"  plain PIL open+load loop               {baseline:6.2f} s")
    print(f"scan / plain loop = {scan / baseline:.2f}")


if __name__ == "__main__":
    main()
