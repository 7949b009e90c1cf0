"""Intermediate activations (5.4.1): what every layer makes of one image, drawn as the book draws it.

`activations` is a job: ONE forward pass with `capture` on every layer (or the ones asked for),
each output moved to the CPU as float32 numpy without the batch axis, kept in the "activations"
`ByteBudgetCache` under the weights' key and the image's identity (path, modification time and
size, or a hash of the pixels), so looking at another layer of the same image costs nothing.

The pictures are pure functions of the arrays:

- `activation_grid`: every channel of one layer, each map standardised (`standardise_maps`),
  viridis, 16 per row, labelled with its channel index, as ONE `Mosaic` (a click maps back to a
  channel with `tile_at`); tiny maps are blown up by a whole factor so a tile is ≥ `min_tile` px.
- `overview`: the first channels of every convolution and pooling layer, one row per layer,
  labelled with the layer's name.
- `blank_shares`: per convolution/pooling layer, the share of channels that are blank for this image
  (the book's "information distillation": deeper layers carry less about the picture). A channel is
  *blank* when it is flat: ``max - min <= BLANK_TOLERANCE * max(1, largest |activation| of the layer)``.
  After a ReLU that is the all-zero map the book points at; a flat non-zero map is blank too, since
  it says nothing about where anything is (and the book's display draws it as one uniform colour).
"""

from __future__ import annotations

import hashlib
import math
import os
from collections.abc import Generator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
from PIL import Image, ImageDraw

from ..cache import ByteBudgetCache, cache_budget_from_env
from ..data import DEMO_PREFIX
from ..events import Progress
from ..messages import msg
from .colormaps import DEFAULT_COLORMAP
from .layers import LayerError, LayerInfo, capture, layer_kind, model_layers
from .render import BOOK_COLUMNS, Mosaic, colour_maps, mosaic, standardise_maps, upscale_nearest
from .subject import Subject

__all__ = [
    "Activations",
    "ACTIVATION_CACHE",
    "ACTIVATION_CACHE_MB",
    "BLANK_TOLERANCE",
    "Overview",
    "activations",
    "activation_grid",
    "blank_channels",
    "blank_shares",
    "image_identity",
    "overview",
]

ACTIVATION_CACHE_MB = 256
"""The default budget of the "activations" cache in MiB ($CNNSTUDIO_ACTIVATIONS_CACHE_MB overrides it)."""

BLANK_TOLERANCE = 1e-6
"""A channel whose values span at most this share of max(1, the layer's largest |value|) is blank."""

ImageLike = str | os.PathLike[str] | np.ndarray


@dataclass(frozen=True, eq=False)
class Activations:
    """Every caught layer's output for one image: `layers` in forward order, `maps[name]` without the batch."""

    layers: tuple[LayerInfo, ...]
    maps: dict[str, np.ndarray]  # name → float32 (C, H, W) for feature maps, (F,) for a dense layer
    input_size: tuple[int, int]  # (height, width) the network saw

    @property
    def nbytes(self) -> int:
        return sum(int(a.nbytes) for a in self.maps.values())

    def layer(self, name: str) -> LayerInfo:
        """The `LayerInfo` of `name` (LayerError with the closest names when it was not caught)."""
        for info in self.layers:
            if info.name == name:
                return info
        import difflib

        close = difflib.get_close_matches(name, [i.name for i in self.layers], n=3, cutoff=0.5)
        raise LayerError(msg("visualize.no_such_layer", layer=name, suggestions=", ".join(close) or "-"))

    def feature_maps(self, name: str) -> np.ndarray:
        """The (C, H, W) maps of layer `name` (LayerError when it is not a layer of 2-D maps)."""
        info = self.layer(name)
        if not info.is_map:
            raise LayerError(msg("activations.not_maps", layer=name, shape=" × ".join(map(str, info.shape))))
        return self.maps[name]

    def map_layers(self, kinds: Sequence[str] = ("conv", "pool")) -> list[LayerInfo]:
        """The layers of 2-D maps whose kind is one of `kinds`, in forward order."""
        return [info for info in self.layers if info.is_map and info.kind in kinds]


ACTIVATION_CACHE: ByteBudgetCache[tuple, Activations] = ByteBudgetCache(
    "activations", cache_budget_from_env("activations", ACTIVATION_CACHE_MB), lambda result: result.nbytes
)
"""Activations per (weights key, image identity, layers asked for); see `activations`."""


def image_identity(image: ImageLike) -> tuple:
    """What tells one image from another for the cache: a file's path, mtime and size, or the pixels' hash."""
    if isinstance(image, np.ndarray):
        digest = hashlib.blake2b(np.ascontiguousarray(image).tobytes(), digest_size=16).hexdigest()
        return ("array", image.shape, str(image.dtype), digest)
    if os.fspath(image).startswith(DEMO_PREFIX):  # a demo dataset image: drawn, always the same for its key
        return ("demo", os.fspath(image))
    path = Path(image).resolve()
    try:
        stat = path.stat()
        return ("file", str(path), stat.st_mtime_ns, stat.st_size)
    except OSError:
        return ("file", str(path), 0, 0)  # opening it below raises the proper error


def activations(
    subject: Subject, image: ImageLike, *, layers: Sequence[str] | None = None
) -> Generator[Progress, None, Activations]:
    """Job: the outputs of every layer (or of `layers`) of `subject`'s network for one image, cached.

    `image` is a path or a uint8 (H, W, C) array as `Subject.image_array` gives. One forward pass with
    hooks (always removed), inside `subject.using()`, without gradients.
    """
    wanted = tuple(dict.fromkeys(layers)) if layers is not None else None
    identity = image_identity(image)
    for key in ((subject.key, identity, None), (subject.key, identity, wanted)):
        cached = ACTIVATION_CACHE.get(key)
        if cached is not None and (wanted is None or all(n in cached.maps for n in wanted)):
            return cached
    yield Progress(msg("activations.forward"), 0, 1)
    array = image if isinstance(image, np.ndarray) else subject.image_array(image)
    result = _forward(subject, array, wanted)
    ACTIVATION_CACHE.put((subject.key, identity, wanted), result)
    yield Progress(msg("activations.forward"), 1, 1)
    return result


def _forward(subject: Subject, array: np.ndarray, wanted: tuple[str, ...] | None) -> Activations:
    leaves = dict(model_layers(subject.model))
    names = list(wanted) if wanted is not None else list(leaves)
    with subject.using() as model:
        modules = dict(model.named_modules())
        x = subject.prepare_array(np.array(array, dtype=np.uint8))
        with capture(model, names) as caught, torch.no_grad():
            model(x)
            maps = {name: out.detach()[0].to("cpu", torch.float32).numpy() for name, out in caught.items()}
    infos = tuple(
        LayerInfo(name, type(modules[name]).__name__, tuple(a.shape), layer_kind(modules[name]))
        for name, a in maps.items()
    )
    return Activations(infos, maps, (int(x.shape[2]), int(x.shape[3])))


# ---- pictures ---------------------------------------------------------------------------------


def _scale_for(side: int, min_tile: int, max_tile: int | None) -> int:
    """The whole factor that makes a map's smaller `side` at least `min_tile` px, never past `max_tile`."""
    factor = max(1, math.ceil(min_tile / max(1, side)))
    if max_tile is not None and side * factor > max_tile:
        factor = max(1, max_tile // max(1, side))
    return factor


def _shrink(maps: np.ndarray, max_tile: int | None) -> np.ndarray:
    """(C, H, W) maps whose smaller side exceeds `max_tile`, reduced by a whole factor (block means)."""
    side = min(maps.shape[1], maps.shape[2])
    if max_tile is None or side <= max_tile:
        return maps
    k = math.ceil(side / max(1, max_tile))
    c, h, w = maps.shape[0], maps.shape[1] // k, maps.shape[2] // k
    return maps[:, : h * k, : w * k].reshape(c, h, k, w, k).mean(axis=(2, 4))


def activation_grid(
    maps: np.ndarray,
    *,
    columns: int = BOOK_COLUMNS,
    min_tile: int = 32,
    max_tile: int | None = None,
    colormap: str = DEFAULT_COLORMAP,
) -> Mosaic:
    """(C, H, W) maps → the book's grid: each map standardised, coloured, `columns` per row, labelled 0…C-1.

    Maps smaller than `min_tile` px are enlarged by a whole factor (each value a block of pixels); with
    `max_tile` (a view with little room) bigger maps are reduced by a whole factor (block means) instead.
    Either way a tile shows the whole map with the same proportions.
    """
    maps = np.asarray(maps, dtype=np.float32)
    if maps.ndim != 3:
        raise ValueError(f"maps must be (C, H, W), not {maps.shape}")
    maps = _shrink(maps, max_tile)
    tiles = colour_maps(standardise_maps(maps), colormap)
    tiles = upscale_nearest(tiles, _scale_for(min(maps.shape[1], maps.shape[2]), min_tile, max_tile))
    return mosaic(tiles, columns=columns, labels=[str(i) for i in range(len(tiles))])


@dataclass(frozen=True)
class Overview:
    """The overview picture and, for each of its tiles, the (layer name, channel) it shows."""

    mosaic: Mosaic
    entries: list[tuple[str, int]]

    def entry_at(self, x: float, y: float) -> tuple[str, int] | None:
        index = self.mosaic.tile_at(x, y)
        return None if index is None else self.entries[index]


def _nearest_resize(maps: np.ndarray, size: int) -> np.ndarray:
    """(N, H, W) → (N, size, size) by nearest neighbour (index arrays: no loop over maps)."""
    rows = (np.arange(size) * maps.shape[1] // size).clip(0, maps.shape[1] - 1)
    cols = (np.arange(size) * maps.shape[2] // size).clip(0, maps.shape[2] - 1)
    return maps[:, rows][:, :, cols]


def overview(
    result: Activations,
    *,
    per_layer: int = 8,
    tile: int = 48,
    gap: int = 2,
    colormap: str = DEFAULT_COLORMAP,
) -> Overview:
    """The first `per_layer` channels of every convolution and pooling layer: one row per layer, name on the left."""
    rows = [(info.name, result.maps[info.name][:per_layer]) for info in result.map_layers()]
    if not rows:
        raise LayerError(msg("visualize.no_feature_maps"))
    draw_probe = ImageDraw.Draw(Image.new("RGB", (1, 1)))
    label_w = int(max(draw_probe.textlength(name) for name, _ in rows)) + 8
    width = label_w + per_layer * (tile + gap) - gap
    out = np.full((len(rows) * (tile + gap) - gap, width, 3), 255, dtype=np.uint8)
    cells, entries = [], []
    for r, (name, maps) in enumerate(rows):
        y = r * (tile + gap)
        tiles = colour_maps(standardise_maps(_nearest_resize(maps, tile)), colormap)
        for c, picture in enumerate(tiles):
            x = label_w + c * (tile + gap)
            out[y : y + tile, x : x + tile] = picture
            cells.append((x, y, tile, tile))
            entries.append((name, c))
    canvas = Image.fromarray(out)
    draw = ImageDraw.Draw(canvas)
    for r, (name, _) in enumerate(rows):
        draw.text((2, r * (tile + gap) + tile // 2 - 5), name, fill=(40, 40, 40))
    return Overview(Mosaic(np.asarray(canvas).copy(), cells, per_layer), entries)


def blank_channels(maps: np.ndarray, tolerance: float = BLANK_TOLERANCE) -> np.ndarray:
    """(C, H, W) → (C,) bool: which channels are blank (flat; see the module's note)."""
    maps = np.asarray(maps, dtype=np.float32)
    if maps.size == 0:
        return np.zeros(len(maps), dtype=bool)
    flat = maps.reshape(len(maps), -1)
    spread = flat.max(axis=1) - flat.min(axis=1)
    scale = max(1.0, float(np.abs(flat).max()))
    return spread <= tolerance * scale


def blank_shares(result: Activations, tolerance: float = BLANK_TOLERANCE) -> list[tuple[str, float]]:
    """(layer name, share of its channels that are blank) for every convolution and pooling layer, in order."""
    return [
        (info.name, float(blank_channels(result.maps[info.name], tolerance).mean())) for info in result.map_layers()
    ]
