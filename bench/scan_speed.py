"""Scanning speed: checking 10,000 small images (full decode of each) must take under 10 s on 2 cores.

With ``--fashion DIR``: scan plus load of the 25,000 Fashion-MNIST PNGs (`fashion_folder.py` writes
them into DIR once) the way `cnnstudio train` does it (the scan keeps each file's pixels at 28×28,
one channel; `load_split` of train and validation takes them) against a bare single-threaded PIL loop
that decodes each file once (``np.array(Image.open(path))``), in alternating rounds; the median
ratio. Goal ≤ 1.2×. Also the old way (scan that only checks, then a second decode to load).
Worker processes are spawned and import this script as their main module: heavy imports stay
inside functions here.

Writes N small PNG/JPEG files into a temporary class-folder dataset (not timed), then times
`scan_folder` (layout detection, a full decode of every file, image sizes, the split) against a
bare baseline: a plain loop of ``PIL.Image.open(path).load()`` over the same files.

Per file, side by side (best of `--repeats`): `check_image` of one small PNG against a plain Pillow
open + load of it (the checker's overhead; it used to be a test asserting < 20 ms), and the refusal of
a PNG whose header claims 81 M pixels against checking the small one (refused before decoding, so
about as cheap; it used to be a test asserting < 1 s).

    .venv/bin/python bench/scan_speed.py [--images 10000] [--size 64] [--repeats 50]
    .venv/bin/python bench/scan_speed.py --fashion /tmp/fashion-png [--rounds 3]
"""

from __future__ import annotations

import argparse
import glob
import math
import statistics
import struct
import tempfile
import time
import zlib
from collections.abc import Callable
from pathlib import Path

import numpy as np
from PIL import Image

from cnnstudio.core.images import TOO_MANY_PIXELS, check_image


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


def best_of(repeats: int, work: Callable[[], object]) -> float:
    """The fastest of `repeats` runs of `work`, in seconds."""
    best = math.inf
    for _ in range(repeats):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best


def write_huge_header(path: Path, width: int = 9_000, height: int = 9_000) -> None:
    """A real 8x8 PNG whose header (with a fixed CRC) claims `width` x `height` pixels."""
    Image.new("L", (8, 8), 128).save(path)
    data = bytearray(path.read_bytes())
    data[16:24] = struct.pack(">II", width, height)
    data[29:33] = struct.pack(">I", zlib.crc32(bytes(data[12:29])))
    path.write_bytes(bytes(data))


def load_plainly(path: Path) -> None:
    with Image.open(path) as image:
        image.load()


def per_file(root: Path, size: int, repeats: int) -> None:
    small, huge = root / "small.png", root / "huge.png"
    Image.fromarray(np.random.default_rng(1).integers(0, 256, (size, size, 3), dtype=np.uint8)).save(small)
    write_huge_header(huge)
    assert check_image(small) is None and check_image(huge) == TOO_MANY_PIXELS
    check = best_of(repeats, lambda: check_image(small))
    plain = best_of(repeats, lambda: load_plainly(small))
    refuse = best_of(repeats, lambda: check_image(huge))
    print(f"one {size}x{size} PNG, best of {repeats}")
    print(f"  check_image                            {check * 1e3:6.2f} ms")
    print(f"  plain PIL open+load                    {plain * 1e3:6.2f} ms   check / plain = {check / plain:.2f}")
    print(
        f"  check_image of a 9000x9000 PNG header  {refuse * 1e3:6.2f} ms   refused / small check = {refuse / check:.2f}"
    )


def scan_and_load(folder: str, rounds: int) -> None:
    """The 25,000-PNG figure: scan + load (new and old) against a bare PIL loop, alternating rounds."""
    import sys

    sys.path.insert(0, str(Path(__file__).parent))
    from fashion_folder import fashion_folder

    from cnnstudio.core.data import clear_cache, load_split, open_folder, run_to_end

    root, source = fashion_folder(folder)
    paths = sorted(glob.glob(str(root / "*" / "*" / "*.png")))

    def bare() -> None:
        for path in paths:
            with Image.open(path) as image:
                np.array(image)

    def scan_load(**keep) -> None:
        clear_cache()
        dataset = open_folder(root, **keep)
        for split in ("train", "validation"):
            run_to_end(load_split(dataset, split, (28, 28), 1))
        clear_cache()

    times: dict[str, list[float]] = {"bare": [], "new": [], "old": []}
    work = {"bare": bare, "new": lambda: scan_load(decode_size=(28, 28), channels=1), "old": scan_load}
    for _ in range(rounds):
        for name in ("bare", "new", "bare", "old"):
            start = time.perf_counter()
            work[name]()
            times[name].append(time.perf_counter() - start)
    bare_s = statistics.median(times["bare"])
    print(f"{len(paths)} PNGs of 28x28 ({source}), median of {rounds} alternating rounds")
    print(f"  bare PIL loop, one decode each         {bare_s:6.2f} s")
    for name, label in (("new", "scan + load, decoded once"), ("old", "scan, then load (two decodes)")):
        paired = times["bare"][0::2] if name == "new" else times["bare"][1::2]
        ratios = [t / b for t, b in zip(times[name], paired, strict=True)]
        print(f"  {label:38} {statistics.median(times[name]):6.2f} s   / bare = {statistics.median(ratios):.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--images", type=int, default=10_000)
    parser.add_argument("--size", type=int, default=64)
    parser.add_argument("--repeats", type=int, default=50)
    parser.add_argument(
        "--fashion", metavar="DIR", help="scan + load of 25,000 Fashion-MNIST PNGs (written into DIR once)"
    )
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if args.fashion:
        scan_and_load(args.fashion, args.rounds)
        return
    from cnnstudio.core.data import open_folder

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        per_file(root, args.size, args.repeats)
        data = root / "data"
        paths = write_dataset(data, args.images, args.size)
        start = time.perf_counter()
        for path in paths:
            load_plainly(path)
        baseline = time.perf_counter() - start
        start = time.perf_counter()
        dataset = open_folder(data)
        scan = time.perf_counter() - start
    print(f"{args.images} images of {args.size}x{args.size} (half PNG, half JPEG)")
    print(f"  scan_folder (checks, sizes, split)    {scan:6.2f} s   goal < 10 s   ({dataset.total_images()} usable)")
    print(f"  plain PIL open+load loop               {baseline:6.2f} s")
    print(f"scan / plain loop = {scan / baseline:.2f}")


if __name__ == "__main__":
    main()
