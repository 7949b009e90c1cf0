"""Data augmentation: a plain-data spec, presets, and the transform for training batches and previews.

`AugmentSpec` holds every transform of the book's Keras ``ImageDataGenerator`` (rotation, width/height
shift, shear, zoom, horizontal flip, fill mode) plus vertical flip, colour jitter, random resized crop,
random erasing and random grayscale. `augment_batch` gives every image of a uint8 batch its own random
parameters, all drawn from the caller's ``torch.Generator`` (never torch's global RNG), so a seeded run
is reproducible and the GUI's `preview` shows exactly what training will see.

Conventions (Keras's, so the book's numbers mean what the book says):

* rotation: angle uniform in [-r, r] degrees.
* shifts: fractions of the height/width, uniform in [-f, f] (unlike Keras, 1.0 means the whole width,
  never "1 pixel").
* shear: angle in degrees, uniform in [-s, s], as in TF2 Keras (the book's 0.2 is therefore tiny).
* zoom: the row and column scales are drawn *independently* (as Keras does) uniformly in [1 - z, 1 + z];
  a scale is the size of the input area sampled per output pixel, so **scale > 1 zooms out** (the
  object gets smaller) and scale < 1 zooms in.
* the matrix is Keras's ``rotation @ shift @ shear @ zoom`` about the image centre, mapping output
  pixels to input pixels, sampled bilinearly (Keras's ``order=1``). Flips come after it, as in Keras.
* fill_mode: "nearest" repeats the edge pixel, "constant" fills 0, "reflect" mirrors about the edge
  (``dcba|abcd|dcba``, the edge pixel repeated, scipy's "reflect"), "wrap" tiles (``abcd|abcd|abcd``).

The batched tensor work (random parameters, the one warp, colour jitter, erasing) is in `augment_ops`;
its docstring says how it is built and what it costs.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import UserError
from ..messages import Message, msg, template

if TYPE_CHECKING:  # the functions below import torch: the spec and presets are needed before torch is in
    import torch

__all__ = [
    "AUGMENT_PRESETS",
    "FILL_MODES",
    "AugmentSpec",
    "augment_batch",
    "preset_name",
    "preview",
]

FILL_MODES = ("nearest", "constant", "reflect", "wrap")


# What each number means, said inside the messages about a setting out of range.
_DEGREES = template("data.augment_unit_degrees")()
_WIDTH = template("data.augment_unit_width")()
_HEIGHT = template("data.augment_unit_height")()
_ZOOM = template("data.augment_unit_zoom")()
_JITTER = template("data.augment_unit_jitter")()
_HUE = template("data.augment_unit_hue")()
_CROP = template("data.augment_unit_crop")()
_PROBABILITY = template("data.augment_unit_probability")()

# name -> (lowest, highest, what the number is)
_RANGES: dict[str, tuple[float, float, Message]] = {
    "rotation_range": (0.0, 180.0, _DEGREES),
    "width_shift_range": (0.0, 1.0, _WIDTH),
    "height_shift_range": (0.0, 1.0, _HEIGHT),
    "shear_range": (0.0, 60.0, _DEGREES),
    "zoom_range": (0.0, 0.9, _ZOOM),
    **dict.fromkeys(("brightness", "contrast", "saturation"), (0.0, 1.0, _JITTER)),
    "hue": (0.0, 0.5, _HUE),
    "random_resized_crop": (0.0, 1.0, _CROP),
    **dict.fromkeys(("random_erasing", "grayscale"), (0.0, 1.0, _PROBABILITY)),
}
_FLAGS = ("horizontal_flip", "vertical_flip")


@dataclass(frozen=True)
class AugmentSpec:
    """Which random transforms to apply to training images, and how strongly; 0 / False is off."""

    rotation_range: float = 0.0  # degrees, uniform in [-r, r]
    width_shift_range: float = 0.0  # fraction of width
    height_shift_range: float = 0.0  # fraction of height
    shear_range: float = 0.0  # degrees
    zoom_range: float = 0.0  # scale in [1 - z, 1 + z] (Keras semantics: > 1 zooms out)
    horizontal_flip: bool = False
    vertical_flip: bool = False
    fill_mode: str = "nearest"
    brightness: float = 0.0  # colour jitter factors as in v2.ColorJitter (0 = off)
    contrast: float = 0.0
    saturation: float = 0.0
    hue: float = 0.0  # 0..0.5
    random_resized_crop: float = 0.0  # 0 = off; else the lower bound of the area fraction kept
    random_erasing: float = 0.0  # probability
    grayscale: float = 0.0  # probability

    def is_identity(self) -> bool:
        """True when no transform is switched on (fill_mode alone changes nothing)."""
        return not any(getattr(self, name) for name in (*_RANGES, *_FLAGS))

    def to_dict(self) -> dict[str, Any]:
        """Every field by name, JSON-able, for run config files."""
        out: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name in _RANGES and isinstance(value, (int, float)) and not isinstance(value, bool):
                value = float(value)
            out[f.name] = value
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> AugmentSpec:
        """The spec saved by `to_dict`; missing keys take defaults, unknown keys or bad values raise UserError."""
        if not isinstance(data, Mapping):
            raise UserError(msg("data.augment_not_a_mapping", kind=type(data).__name__))
        known = [f.name for f in fields(cls)]
        values: dict[str, Any] = {}
        for key, value in data.items():
            if key not in known:
                raise UserError(msg("data.augment_unknown_setting", name=str(key), known=", ".join(known)))
            if key in _RANGES:
                if isinstance(value, bool) or not isinstance(value, (int, float)):
                    raise UserError(msg("data.augment_not_a_number", name=key, value=repr(value)))
                value = float(value)
            values[key] = value
        spec = cls(**values)
        spec.validate()
        return spec

    def validate(self) -> None:
        """Raise UserError naming the first setting out of range, and the range to use."""
        for name, (low, high, meaning) in _RANGES.items():
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise UserError(msg("data.augment_not_a_number_meaning", name=name, meaning=meaning, value=repr(value)))
            if not (math.isfinite(value) and low <= value <= high):
                raise UserError(
                    msg("data.augment_out_of_range", name=name, value=repr(value), meaning=meaning, low=low, high=high)
                )
        for name in _FLAGS:
            if not isinstance(getattr(self, name), bool):
                raise UserError(msg("data.augment_not_a_flag", name=name, value=repr(getattr(self, name))))
        if self.fill_mode not in FILL_MODES:
            raise UserError(msg("data.augment_bad_fill_mode", value=repr(self.fill_mode), modes=", ".join(FILL_MODES)))

    def _has_geometry(self) -> bool:
        """True when a warp is needed (anything but plain flips)."""
        return bool(
            self.rotation_range
            or self.width_shift_range
            or self.height_shift_range
            or self.shear_range
            or self.zoom_range
            or self.random_resized_crop
        )


def _geometric(rotation: float, shift: float, zoom: float, shear: float = 0.0, **more: Any) -> AugmentSpec:
    """A preset in ImageDataGenerator's terms: rotation, width and height shift, zoom, shear, horizontal flip."""
    geometry = dict(rotation_range=rotation, width_shift_range=shift, height_shift_range=shift, zoom_range=zoom)
    return AugmentSpec(**geometry, shear_range=shear, horizontal_flip=True, **{"fill_mode": "nearest", **more})


_COLOUR = dict(brightness=0.3, contrast=0.3, saturation=0.3)

AUGMENT_PRESETS: dict[str, AugmentSpec] = {
    "none": AugmentSpec(),
    # Deep Learning with Python, chapter 5: the ImageDataGenerator of the cats-vs-dogs example.
    "book": _geometric(40.0, 0.2, 0.2, shear=0.2),
    "light": _geometric(15.0, 0.1, 0.1),
    "strong": _geometric(
        60.0, 0.25, 0.3, shear=10.0, vertical_flip=True, fill_mode="reflect", random_erasing=0.3, **_COLOUR
    ),
}


def preset_name(spec: AugmentSpec) -> str | None:
    """The preset equal to `spec` ("none" for any spec that does nothing), or None for a custom spec."""
    if spec.is_identity():
        return "none"
    for name, preset in AUGMENT_PRESETS.items():
        if preset == spec:
            return name
    return None


def _check_batch(images: torch.Tensor) -> None:
    import torch

    if not isinstance(images, torch.Tensor) or images.dtype != torch.uint8 or images.dim() != 4:
        raise ValueError(
            f"augment_batch needs a uint8 (N, C, H, W) tensor, got {getattr(images, 'dtype', type(images))} "
            f"of shape {tuple(getattr(images, 'shape', ()))}"
        )
    if images.shape[1] not in (1, 3):
        raise ValueError(f"augment_batch needs 1 or 3 channels, got {images.shape[1]}")


def augment_batch(images: torch.Tensor, spec: AugmentSpec, generator: torch.Generator) -> torch.Tensor:
    """uint8 (N, C, H, W), C in {1, 3} -> uint8 (N, C, H, W), each image with its own random parameters.

    Every random number comes from `generator` (the global RNG is never touched), so a seeded generator
    reproduces a batch exactly. When nothing applies (an identity spec, or only saturation, hue or
    grayscale on 1-channel images, which they skip) `images` itself is returned; otherwise a new tensor,
    and `images` is never modified.
    """
    import torch

    from . import augment_ops as ops

    _check_batch(images)
    spec.validate()
    n, c, h, w = images.shape
    if spec.is_identity() or n == 0 or h == 0 or w == 0:
        return images
    x: torch.Tensor | None = None
    out = images
    if spec._has_geometry():
        x = ops.warp(images.float(), ops.draw_geometry(spec, generator, n, h, w), spec.fill_mode)
    elif spec.horizontal_flip or spec.vertical_flip:
        out = ops.random_flips(images, spec, generator)
    colour = spec.brightness or spec.contrast or (c == 3 and (spec.saturation or spec.hue or spec.grayscale))
    if colour:
        x = out.float() if x is None else x
        x = ops.colour_jitter(x, spec, generator)
        if c == 3 and spec.grayscale:
            x = ops.random_grayscale(x, spec.grayscale, generator)
    if x is not None:
        out = x.round_().clamp_(0.0, 255.0).to(torch.uint8)
    if spec.random_erasing:
        out = ops.random_erasing(out, spec.random_erasing, generator)
    return out


def preview(image: np.ndarray, spec: AugmentSpec, *, count: int = 12, seed: int = 0) -> np.ndarray:
    """One uint8 HWC image (C = 1 or 3; a 2-D image counts as C = 1) -> uint8 (count, H, W, C) augmented copies.

    Reproducible for a given seed; drawn exactly as `augment_batch` draws for training.
    """
    import torch

    from ..torchutils import seeded_generator

    array = np.asarray(image)
    if array.dtype != np.uint8:
        raise ValueError(f"preview needs a uint8 image, got {array.dtype}")
    if array.ndim == 2:
        array = array[:, :, None]
    if array.ndim != 3 or array.shape[2] not in (1, 3):
        raise ValueError(f"preview needs an (H, W, 1) or (H, W, 3) image, got shape {array.shape}")
    if count < 0:
        raise ValueError(f"count must be at least 0, got {count}")
    chw = torch.from_numpy(np.array(array, copy=True)).permute(2, 0, 1)
    batch = chw.unsqueeze(0).expand(count, -1, -1, -1).contiguous()
    out = augment_batch(batch, spec, seeded_generator(seed))
    return np.ascontiguousarray(out.permute(0, 2, 3, 1).numpy())
