"""Turning stacks of maps into pictures: the book's standardisation and one mosaic image for a whole grid.

A grid of 256 channels is one numpy array drawn once (not 256 widgets); `mosaic` also returns where
each tile sits, so a view can map a click back to its channel. Labels are drawn with PIL's built-in
bitmap font, so the engine can write a labelled PNG without Qt.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from .colormaps import DEFAULT_COLORMAP, apply_colormap

__all__ = ["Mosaic", "standardise_maps", "colour_maps", "mosaic", "upscale_nearest", "BOOK_COLUMNS"]

BOOK_COLUMNS = 16  # the book shows 16 channels per row


def standardise_maps(maps: np.ndarray) -> np.ndarray:
    """(N, H, W) activations → [0, 1], each map on its own, as the book displays them (5.4.1).

    Each map is standardised (minus its mean, over its standard deviation), scaled by 64 around
    128 and clipped to 0..255: a flat (blank) map comes out as 128/255 everywhere.
    """
    x = np.asarray(maps, dtype=np.float32)
    mean = x.mean(axis=(1, 2), keepdims=True)
    std = x.std(axis=(1, 2), keepdims=True)
    z = (x - mean) / np.where(std > 1e-5, std, 1.0)
    return np.clip(z * 64.0 + 128.0, 0.0, 255.0) / 255.0


def colour_maps(values: np.ndarray, colormap: str = DEFAULT_COLORMAP) -> np.ndarray:
    """(N, H, W) values in [0, 1] → (N, H, W, 3) uint8 colours."""
    return apply_colormap(values, colormap)


def upscale_nearest(tiles: np.ndarray, factor: int) -> np.ndarray:
    """(N, H, W, C) → (N, H*factor, W*factor, C), each value a block of pixels (tiny maps stay readable)."""
    if factor <= 1:
        return tiles
    return tiles.repeat(factor, axis=1).repeat(factor, axis=2)


@dataclass(frozen=True)
class Mosaic:
    """One image holding a grid of tiles, and the (x, y, width, height) of each tile in it."""

    image: np.ndarray  # (H, W, 3) uint8
    cells: list[tuple[int, int, int, int]]
    columns: int

    def tile_at(self, x: float, y: float) -> int | None:
        """The index of the tile under image position (x, y), or None between tiles."""
        for index, (cx, cy, cw, ch) in enumerate(self.cells):
            if cx <= x < cx + cw and cy <= y < cy + ch:
                return index
        return None


_INK = 60  # the labels' grey


_LABEL_HEIGHT = 11  # PIL's built-in bitmap font, with a pixel to spare


@functools.cache
def _label_sprite(text: str, height: int) -> np.ndarray:
    """`text` in PIL's built-in bitmap font, grey on white, (height, width) uint8: drawn once, then stamped.

    Drawing 256 labels with PIL one by one took most of a grid's time; stamping kept arrays takes ~1 ms.
    """
    font = ImageFont.load_default()
    probe = ImageDraw.Draw(Image.new("L", (1, 1)))
    width = max(1, math.ceil(probe.textlength(text, font=font)))
    canvas = Image.new("L", (width, height), 255)
    ImageDraw.Draw(canvas).text((0, 0), text, fill=_INK, font=font)
    return np.asarray(canvas)


def mosaic(
    tiles: np.ndarray,
    *,
    columns: int = BOOK_COLUMNS,
    gap: int | None = None,
    labels: list[str] | None = None,
    background: int = 255,
) -> Mosaic:
    """(N, h, w, 3) uint8 tiles → one `Mosaic`, `columns` per row, each tile with its label under it.

    Without `labels` no room is kept for them. The whole grid is filled with numpy slicing and the
    labels drawn in one pass, so 256 tiles take milliseconds. Labels and gaps grow with the tiles (11 px
    and 2 px for tiles up to 59 px, twice that from 60 px, three times from 100 px, at most four times),
    so a grid shown scaled down to fit a dock keeps labels that can be read and tiles that do not run
    together.
    """
    tiles = np.asarray(tiles)
    if tiles.ndim != 4 or tiles.shape[-1] != 3:
        raise ValueError(f"tiles must be (N, h, w, 3), not {tiles.shape}")
    n, h, w, _ = tiles.shape
    scale = max(1, min(4, int(min(h, w) / 40 + 0.5)))
    gap = 2 * scale if gap is None else gap
    label_height = _LABEL_HEIGHT * scale
    columns = max(1, min(int(columns), max(1, n)))
    rows = max(1, -(-n // columns))
    lh = label_height if labels is not None else 0
    cell_h, cell_w = h + lh + gap, w + gap
    out = np.full((rows * cell_h - gap, columns * cell_w - gap, 3), background, dtype=np.uint8)
    cells = []
    for i in range(n):
        r, c = divmod(i, columns)
        y, x = r * cell_h, c * cell_w
        out[y : y + h, x : x + w] = tiles[i]
        cells.append((x, y, w, h))
    if labels is not None:
        for (x, y, cw, ch), label in zip(cells, labels, strict=False):
            sprite = _label_sprite(label, _LABEL_HEIGHT)
            if scale > 1:
                sprite = sprite.repeat(scale, axis=0).repeat(scale, axis=1)
            sprite = sprite[:, :cw]
            x0 = x + (cw - sprite.shape[1]) // 2
            out[y + ch : y + ch + sprite.shape[0], x0 : x0 + sprite.shape[1]] = sprite[:, :, None]
    return Mosaic(out, cells, columns)
