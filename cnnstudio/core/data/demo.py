"""The built-in demo dataset: light shapes on dark, blotchy backgrounds.

Why it exists: it lets the studio run the whole workflow of Deep Learning with
Python, chapter 5 (train a small convnet from scratch on a small dataset, watch
it overfit, fix it with data augmentation) without downloading anything. The
images are generated deterministically on the fly from a seed, so nothing is
stored in git and every machine sees the same pixels.

What it teaches: each image holds one filled shape (circle, square, triangle or
star) of a random light colour on a dark background of random colours with a
gradient, soft blotches and noise. The *training* split only shows the shapes
in a narrow range of nuisance factors -- near the centre, nearly upright
(within 20 degrees), of middling size -- while the *validation* and *test*
splits move them well off-centre, turn them any way (upside down included) and
make them smaller and larger than any training shape. A small convnet trained
on the raw training images memorises them (about 100 % training accuracy) but
reaches only about 70 % on validation: it never saw an upside-down triangle
("how do you teach a machine to recognise an upside-down cat?"). Random
rotation, shift, zoom and flip augmentation of the training batches teaches
it those variations and brings validation close to 100 %.

Determinism: all randomness comes from a ``numpy.random.Generator`` seeded from
``(seed, split)``; the pixels are computed with integer or plain IEEE
arithmetic (no vectorised transcendental functions, whose last bits can depend
on the CPU) and drawn with ``PIL.ImageDraw``, so the same split and seed give
bit-identical arrays (for given numpy and Pillow versions). No global random
state is touched.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageDraw

__all__ = [
    "DEMO_CLASSES",
    "DEMO_IMAGE_SIZE",
    "DEMO_SPLITS",
    "DemoParams",
    "demo_counts",
    "demo_labels",
    "demo_parameters",
    "generate_demo_split",
    "render_backgrounds",
    "shape_masks",
]

DEMO_CLASSES: tuple[str, ...] = ("circle", "square", "triangle", "star")
DEMO_IMAGE_SIZE: int = 64
DEMO_SPLITS: tuple[str, ...] = ("train", "validation", "test")

# Images per class in each split (chapter 5 uses a few hundred per class too).
_PER_CLASS: dict[str, int] = {"train": 250, "validation": 100, "test": 100}


@dataclass(frozen=True)
class _Ranges:
    """The range of each nuisance factor a split samples from."""

    max_offset: float  # +- pixels from the centre, per axis (then clipped to stay in frame)
    max_rotation: float  # +- degrees from upright
    size: tuple[float, float]  # sqrt(area) in pixels, uniform in this range


# The nuisance ranges, tuned so that the book's small convnet overfits visibly
# without augmentation and generalises with it. "size" is the square root of the
# shape's area, so every class covers the same area at the same size: area is no clue.
_NARROW = _Ranges(max_offset=8.0, max_rotation=20.0, size=(18.0, 28.0))
_WIDE = _Ranges(max_offset=12.0, max_rotation=180.0, size=(15.0, 31.0))
_RANGES: dict[str, _Ranges] = {"train": _NARROW, "validation": _WIDE, "test": _WIDE}

_SUPERSAMPLE = 4  # shapes are drawn at 4x and box-filtered down: anti-aliasing
_MARGIN = 1.0  # pixels kept between a shape's circumscribed circle and the frame edge
_BG_MAX = 85  # background gradient colours have every channel in [0, _BG_MAX]
_MIN_CONTRAST = 150  # the shape is brighter than the gradient by this much in every channel
_BLOBS = 4  # background blotches per image
_BLOB_AMPLITUDE = 35.0  # +- colour offset at a blotch's middle
_NOISE = 12  # pixel noise amplitude, uniform integer in [-_NOISE, _NOISE]
_CHUNK = 100  # images rendered per vectorised step
_SALT = 0x5EED_DE30  # keeps the demo's streams apart from other seeded uses of the seed

# Circumradius of a unit-area shape, per class, so that size means sqrt(area).
_STAR_POINTS = 5
_STAR_INNER = 0.45  # inner radius / outer radius
_UNIT_RADIUS: dict[str, float] = {
    "circle": 1.0 / math.sqrt(math.pi),
    "square": 1.0 / math.sqrt(2.0),
    "triangle": math.sqrt(4.0 / (3.0 * math.sqrt(3.0))),
    "star": 1.0 / math.sqrt(_STAR_POINTS * _STAR_INNER * math.sin(math.pi / _STAR_POINTS)),
}


def demo_counts() -> dict[str, dict[str, int]]:
    """Split -> class name -> number of images, without generating any pixels."""
    return {split: {name: _PER_CLASS[split] for name in DEMO_CLASSES} for split in DEMO_SPLITS}


def demo_labels(split: str, *, seed: int = 0) -> np.ndarray:
    """The labels `generate_demo_split` gives, in the same order, without drawing any pixels (fast)."""
    return demo_parameters(split, seed).labels.copy()


def generate_demo_split(split: str, *, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Generate one split: uint8 images (N, H, W, 3) RGB and int64 labels (N,).

    Labels index ``DEMO_CLASSES``; the order is shuffled so labels are mixed.
    The same ``split`` and ``seed`` (a non-negative int) always give
    bit-identical arrays; different splits hold different images. Raises
    ``ValueError`` for an unknown split or a negative seed.
    """
    params = demo_parameters(split, seed)
    n, side = len(params.labels), DEMO_IMAGE_SIZE
    images = np.empty((n, side, side, 3), dtype=np.uint8)
    for start in range(0, n, _CHUNK):  # chunks keep the float temporaries in cache
        rows = slice(start, min(start + _CHUNK, n))
        images[rows] = render_backgrounds(params, rows)
        _draw_shapes(images[rows], params, rows)
    return images, params.labels.copy()


# --------------------------------------------------------------------------- #
# Sampling


@dataclass(frozen=True)
class DemoParams:
    """Every random choice behind one split, one row per image."""

    labels: np.ndarray  # (N,) int64
    center: np.ndarray  # (N, 2) float64, x and y of the shape's centre in pixels
    rotation: np.ndarray  # (N,) float64, degrees
    size: np.ndarray  # (N,) float64, sqrt(area) in pixels
    shape_color: np.ndarray  # (N, 3) int64
    bg_colors: np.ndarray  # (N, 2, 3) int64, the gradient's two end colours
    bg_direction: np.ndarray  # (N, 2) float64, unit vector of the gradient
    blob_center: np.ndarray  # (N, B, 2) float64, pixels
    blob_radius: np.ndarray  # (N, B) float64, pixels
    blob_color: np.ndarray  # (N, B, 3) float64, colour offset at the blob's middle
    noise: np.ndarray  # (N, H, W, 3) int16


def _rng_for(split: str, seed: int) -> np.random.Generator:
    """A generator private to (seed, split); raises ValueError for an unknown split."""
    if split not in DEMO_SPLITS:
        raise ValueError(f"unknown demo split {split!r}; valid splits: {', '.join(DEMO_SPLITS)}")
    return np.random.default_rng([_SALT, int(seed), DEMO_SPLITS.index(split)])


def demo_parameters(split: str, seed: int = 0) -> DemoParams:
    """Draw every random choice for a split (no pixels yet)."""
    rng = _rng_for(split, seed)
    ranges = _RANGES[split]
    side = DEMO_IMAGE_SIZE
    per_class = _PER_CLASS[split]
    n = per_class * len(DEMO_CLASSES)

    labels = rng.permutation(np.repeat(np.arange(len(DEMO_CLASSES), dtype=np.int64), per_class))
    size = rng.uniform(ranges.size[0], ranges.size[1], n)
    rotation = rng.uniform(-ranges.max_rotation, ranges.max_rotation, n)
    offset = rng.uniform(-ranges.max_offset, ranges.max_offset, (n, 2))
    # Keep the whole shape in the frame: a cut-off shape would be ambiguous.
    radius = size * np.array([_UNIT_RADIUS[name] for name in DEMO_CLASSES])[labels]
    room = np.maximum(side / 2.0 - _MARGIN - radius, 0.0)
    center = side / 2.0 + np.clip(offset, -room[:, None], room[:, None])

    bg_colors = rng.integers(0, _BG_MAX + 1, (n, 2, 3))
    direction = rng.normal(size=(n, 2))
    direction /= np.sqrt((direction**2).sum(axis=1, keepdims=True)) + 1e-12
    blob_center = rng.uniform(0.0, side, (n, _BLOBS, 2))
    blob_radius = rng.uniform(side / 8.0, side / 3.0, (n, _BLOBS))
    blob_color = rng.uniform(-_BLOB_AMPLITUDE, _BLOB_AMPLITUDE, (n, _BLOBS, 3))
    noise = rng.integers(-_NOISE, _NOISE + 1, (n, side, side, 3), dtype=np.int16)
    shape_color = _shape_colors(rng, bg_colors)

    return DemoParams(
        labels, center, rotation, size, shape_color, bg_colors, direction, blob_center, blob_radius, blob_color, noise
    )


def _shape_colors(rng: np.random.Generator, bg_colors: np.ndarray) -> np.ndarray:
    """Random light colours, brighter than the background in every channel by a clear margin.

    One polarity (light on dark) and a large margin matter: with shapes of any
    colour on backgrounds of any colour, the small convnet trained with Adam
    sat at chance level for many epochs before learning anything.
    """
    low = np.minimum(bg_colors.max(axis=1) + _MIN_CONTRAST, 255)  # (N, 3)
    return low + (rng.random(low.shape) * (256 - low)).astype(np.int64)


# --------------------------------------------------------------------------- #
# Rendering


def render_backgrounds(params: DemoParams, rows: slice) -> np.ndarray:
    """Smooth random gradient plus soft blotches plus noise for a slice of images (uint8)."""
    side = DEMO_IMAGE_SIZE
    coords = np.arange(side, dtype=np.float64) + 0.5
    ys, xs = coords[:, None], coords[None, :]

    # Linear gradient between the two end colours along a random direction.
    dx = params.bg_direction[rows, 0, None, None]
    dy = params.bg_direction[rows, 1, None, None]
    t = (xs - side / 2.0) * dx + (ys - side / 2.0) * dy  # (N, H, W), within +- side/sqrt(2)
    t = np.clip(t / side + 0.5, 0.0, 1.0)[..., None]
    c0 = params.bg_colors[rows, 0, None, None, :].astype(np.float64)
    c1 = params.bg_colors[rows, 1, None, None, :].astype(np.float64)
    bg = c0 + (c1 - c0) * t  # (N, H, W, 3)

    # Soft blotches with a (1 - d^2/r^2)^2 falloff: smooth, and plain arithmetic.
    for b in range(params.blob_radius.shape[1]):
        bx = params.blob_center[rows, b, 0, None, None]
        by = params.blob_center[rows, b, 1, None, None]
        r2 = (params.blob_radius[rows, b] ** 2)[:, None, None]
        w = np.maximum(1.0 - ((xs - bx) ** 2 + (ys - by) ** 2) / r2, 0.0) ** 2
        bg += w[..., None] * params.blob_color[rows, b, None, None, :]

    out = np.rint(bg).astype(np.int16) + params.noise[rows]
    return np.clip(out, 0, 255).astype(np.uint8)


def _shape_vertices(name: str, cx: float, cy: float, radius: float, degrees: float) -> list[tuple[float, float]]:
    """Polygon corners of a shape with the given circumradius, rotated clockwise on screen."""
    if name == "square":
        angles, radii = [45.0 + 90.0 * k for k in range(4)], [radius] * 4
    elif name == "triangle":
        angles, radii = [-90.0 + 120.0 * k for k in range(3)], [radius] * 3
    elif name == "star":
        step = 180.0 / _STAR_POINTS
        angles = [-90.0 + step * k for k in range(2 * _STAR_POINTS)]
        radii = [radius if k % 2 == 0 else radius * _STAR_INNER for k in range(2 * _STAR_POINTS)]
    else:
        raise ValueError(f"no polygon for {name!r}")
    # Scalar sin/cos (not numpy's vectorised ones, whose last bits depend on the CPU).
    return [
        (cx + r * math.cos(math.radians(a + degrees)), cy + r * math.sin(math.radians(a + degrees)))
        for a, r in zip(angles, radii, strict=True)
    ]


def shape_masks(params: DemoParams, rows: slice) -> np.ndarray:
    """Anti-aliased coverage (N, H, W) uint8 of the shapes of a slice of images, drawn with PIL."""
    side, ss = DEMO_IMAGE_SIZE, _SUPERSAMPLE
    labels = params.labels[rows]
    masks = np.empty((len(labels), side, side), dtype=np.uint8)
    canvas = Image.new("L", (side * ss, side * ss))
    draw = ImageDraw.Draw(canvas)
    for i, (label, center, size, rotation) in enumerate(
        zip(labels, params.center[rows], params.size[rows], params.rotation[rows], strict=True)
    ):
        name = DEMO_CLASSES[label]
        cx, cy = float(center[0]) * ss, float(center[1]) * ss
        radius = float(size) * _UNIT_RADIUS[name] * ss
        draw.rectangle((0, 0, side * ss, side * ss), fill=0)
        if name == "circle":
            draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), fill=255)
        else:
            draw.polygon(_shape_vertices(name, cx, cy, radius, float(rotation)), fill=255)
        masks[i] = np.asarray(canvas.resize((side, side), Image.Resampling.BOX))
    return masks


def _draw_shapes(images: np.ndarray, params: DemoParams, rows: slice) -> None:
    """Blend the shapes of a slice of images over their backgrounds, in place, in integers."""
    alpha = shape_masks(params, rows).astype(np.int32)[..., None]
    color = params.shape_color[rows, None, None, :].astype(np.int32)
    blended = (images.astype(np.int32) * (255 - alpha) + color * alpha + 127) // 255
    images[...] = blended.astype(np.uint8)
