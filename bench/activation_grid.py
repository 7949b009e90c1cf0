"""Rendering the activation grid for 256 channels must take under 100 ms (issue 8).

`activation_grid` (standardise every map, viridis, enlarge small maps by a whole factor, one mosaic
with 256 labels) is timed on random (256, s, s) float32 maps for a few map sizes, the book's grid
(tiles ≥ 32 px) and the dock's (tiles of 32 px), against a plain baseline built tile by tile:
one PIL image per channel pasted into the canvas with its label (what a first version would do).
With --forward, also one forward pass of EfficientNet-Lite0 with hooks on every layer (cold) and
the cached second call, for scale.

    .venv/bin/python bench/activation_grid.py [--repeats 20] [--forward]
"""

from __future__ import annotations

import argparse
import math
import time
from collections.abc import Callable

import numpy as np
from PIL import Image, ImageDraw

from cnnstudio.core.visualize import activation_grid, apply_colormap

GOAL_MS = 100.0


def best_of(repeats: int, work: Callable[[], object]) -> float:
    """The fastest of `repeats` runs of `work`, in seconds."""
    best = math.inf
    for _ in range(repeats):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best


def tile_by_tile(maps: np.ndarray, min_tile: int = 32) -> np.ndarray:
    """The baseline: each channel standardised, coloured, resized and pasted on its own, label drawn per tile."""
    n, h, w = maps.shape
    factor = max(1, math.ceil(min_tile / min(h, w)))
    th, tw = h * factor, w * factor
    canvas = Image.new("RGB", (16 * (tw + 2), math.ceil(n / 16) * (th + 13)), "white")
    draw = ImageDraw.Draw(canvas)
    for i in range(n):
        m = maps[i]
        z = (m - m.mean()) / (m.std() if m.std() > 1e-5 else 1.0)
        values = np.clip(z * 64 + 128, 0, 255) / 255
        tile = Image.fromarray(apply_colormap(values[None], "viridis")[0]).resize((tw, th), Image.Resampling.NEAREST)
        r, c = divmod(i, 16)
        canvas.paste(tile, (c * (tw + 2), r * (th + 13)))
        draw.text((c * (tw + 2) + tw // 2 - 4, r * (th + 13) + th), str(i), fill=(60, 60, 60))
    return np.asarray(canvas)


def forward(repeats: int) -> None:
    import os

    import cnnstudio
    from cnnstudio.core.pretrained import package_weights_path
    from cnnstudio.core.visualize import ACTIVATION_CACHE, activations, open_subject

    if package_weights_path() is None:
        print("forward pass: efficientnet-lite0 weights missing, skipped")
        return
    photo = os.path.join(os.path.dirname(cnnstudio.__file__), "resources", "samples", "chelsea.jpg")
    subject = open_subject(backbone="efficientnet-lite0")

    def once():
        job = activations(subject, photo)
        try:
            while True:
                next(job)
        except StopIteration as stop:
            return stop.value

    def cold():
        ACTIVATION_CACHE.clear()
        return once()

    cold_s = best_of(max(1, repeats // 5), cold)
    result = once()
    warm_s = best_of(repeats, once)
    print(
        f"EfficientNet-Lite0 on chelsea.jpg: {len(result.layers)} layers, {result.nbytes / 2**20:.0f} MiB of maps;"
        f" one pass with hooks {cold_s * 1e3:.0f} ms, cached {warm_s * 1e6:.0f} µs"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--forward", action="store_true", help="also time the forward pass on EfficientNet-Lite0")
    args = parser.parse_args()
    rng = np.random.default_rng(0)
    print(f"activation grid of 256 channels, best of {args.repeats} (goal < {GOAL_MS:.0f} ms)")
    worst = 0.0
    for size in (7, 14, 28, 56):
        maps = rng.normal(size=(256, size, size)).astype(np.float32)
        book = best_of(args.repeats, lambda maps=maps: activation_grid(maps))
        dock = best_of(args.repeats, lambda maps=maps: activation_grid(maps, min_tile=32, max_tile=32))
        base = best_of(max(1, args.repeats // 4), lambda maps=maps: tile_by_tile(maps))
        image = activation_grid(maps).image
        worst = max(worst, book, dock)
        print(
            f"  {size:2d}x{size:<2d} maps -> {image.shape[1]}x{image.shape[0]} px: book {book * 1e3:6.1f} ms,"
            f" dock {dock * 1e3:5.1f} ms, tile by tile {base * 1e3:6.1f} ms (x{base / book:.1f} slower)"
        )
    print(
        f"slowest grid {worst * 1e3:.1f} ms: {'under' if worst * 1e3 < GOAL_MS else 'OVER'} the {GOAL_MS:.0f} ms goal"
    )
    if args.forward:
        forward(args.repeats)


if __name__ == "__main__":
    main()
