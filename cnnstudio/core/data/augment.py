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

Design of the geometric part: ``v2.RandomAffine`` fills only with a constant (Keras's default is
"nearest") and draws from the global RNG. So random resized crop, the Keras affine and the flips are
composed into one 3x3 matrix per image and applied as ONE batched warp: a sampling grid built from the
per-image matrices (separable broadcast sums, several times cheaper than ``F.affine_grid``) and one
``torch.nn.functional.grid_sample`` (bilinear, align_corners=False) with padding_mode "border" =
nearest, "zeros" = constant, "reflection" = reflect; "wrap" takes coordinates modulo the size on an
image padded circularly by one pixel, so interpolation across the seam is right too. Composing the crop
into the warp means pixels that a rotation pulls in from outside the crop come from the real image.
Measured for 32 images (shared 2-core machine, medians with 1 thread, best of 20 with 2): "book" 2.1 /
1.4 ms at 64 px and 16.6 / 16.4 ms at 150 px, 2-4 % of a training step of the book's small convnet;
a loop of ``v2.functional.affine`` (constant fill only) costs 4.7 / 9.4 ms and 16 / 40 ms.

The colour part follows ``v2.ColorJitter`` (factor ranges, a random order of the four operations, here
per image, BT.601 luma weights) with per-image factors applied batched in float32: each step of the
order is one blend pass for brightness/contrast/saturation plus hue for the images whose turn it is
(a ``v2.functional`` loop costs 1.3-2x more for brightness/contrast/saturation and 3x more for hue, and
rounds to uint8 between operations). Flips without a warp, random grayscale and random erasing
(torchvision's defaults: area 2-33 %, aspect 0.3-3.3, value 0) call ``v2.functional`` with parameters
drawn here. All float work is rounded to uint8 once, at the end. Order: geometry, colour jitter,
grayscale, erasing. On 1-channel images saturation, hue and grayscale are skipped.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

import numpy as np
import torch
import torch.nn.functional as F
from torchvision.transforms.v2 import functional as TF

from ..errors import UserError

__all__ = [
    "AUGMENT_PRESETS",
    "FILL_MODES",
    "AugmentSpec",
    "augment_batch",
    "preset_name",
    "preview",
]

FILL_MODES = ("nearest", "constant", "reflect", "wrap")

_GRID_PADDING = {"nearest": "border", "constant": "zeros", "reflect": "reflection", "wrap": "border"}
_CROP_RATIO = (3.0 / 4.0, 4.0 / 3.0)  # v2.RandomResizedCrop's default aspect ratios (w / h)
_ERASE_SCALE = (0.02, 0.33)  # v2.RandomErasing's defaults
_ERASE_RATIO = (0.3, 3.3)
_ATTEMPTS = 10  # as torchvision: tries before giving up on a crop / an erased box

# name -> (lowest, highest, what the number is)
_RANGES: dict[str, tuple[float, float, str]] = {
    "rotation_range": (0.0, 180.0, "degrees"),
    "width_shift_range": (0.0, 1.0, "a fraction of the width"),
    "height_shift_range": (0.0, 1.0, "a fraction of the height"),
    "shear_range": (0.0, 60.0, "degrees"),
    "zoom_range": (0.0, 0.9, "the zoom scale varies in [1 - z, 1 + z]"),
    "brightness": (0.0, 1.0, "a colour jitter factor"),
    "contrast": (0.0, 1.0, "a colour jitter factor"),
    "saturation": (0.0, 1.0, "a colour jitter factor"),
    "hue": (0.0, 0.5, "a fraction of the colour wheel"),
    "random_resized_crop": (0.0, 1.0, "the smallest fraction of the area kept, e.g. 0.6"),
    "random_erasing": (0.0, 1.0, "a probability"),
    "grayscale": (0.0, 1.0, "a probability"),
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
            raise UserError(
                f"The augmentation settings must be a mapping of setting names to values, not {type(data).__name__}. "
                "Fix the 'augment' entry of the run configuration."
            )
        known = [f.name for f in fields(cls)]
        values: dict[str, Any] = {}
        for key, value in data.items():
            if key not in known:
                raise UserError(
                    f"Unknown augmentation setting {key!r}. Remove it; the known settings are: {', '.join(known)}."
                )
            if key in _RANGES:
                if isinstance(value, bool) or not isinstance(value, (int, float)):
                    raise UserError(f"Augmentation setting {key!r} must be a number, not {value!r}.")
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
                raise UserError(f"Augmentation setting {name!r} must be a number ({meaning}), not {value!r}.")
            if not (math.isfinite(value) and low <= value <= high):
                raise UserError(
                    f"Augmentation setting {name!r} is {value!r}; it is {meaning} and must be between {low:g} "
                    f"and {high:g}. Set it in that range (0 turns it off)."
                )
        for name in _FLAGS:
            if not isinstance(getattr(self, name), bool):
                raise UserError(f"Augmentation setting {name!r} must be true or false, not {getattr(self, name)!r}.")
        if self.fill_mode not in FILL_MODES:
            raise UserError(
                f"Augmentation setting 'fill_mode' is {self.fill_mode!r}; use one of {', '.join(FILL_MODES)}."
            )

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


AUGMENT_PRESETS: dict[str, AugmentSpec] = {
    "none": AugmentSpec(),
    # Deep Learning with Python, chapter 5: the ImageDataGenerator of the cats-vs-dogs example.
    "book": AugmentSpec(
        rotation_range=40.0,
        width_shift_range=0.2,
        height_shift_range=0.2,
        shear_range=0.2,
        zoom_range=0.2,
        horizontal_flip=True,
        fill_mode="nearest",
    ),
    "light": AugmentSpec(
        rotation_range=15.0,
        width_shift_range=0.1,
        height_shift_range=0.1,
        zoom_range=0.1,
        horizontal_flip=True,
        fill_mode="nearest",
    ),
    "strong": AugmentSpec(
        rotation_range=60.0,
        width_shift_range=0.25,
        height_shift_range=0.25,
        shear_range=10.0,
        zoom_range=0.3,
        horizontal_flip=True,
        vertical_flip=True,
        fill_mode="reflect",
        brightness=0.3,
        contrast=0.3,
        saturation=0.3,
        random_erasing=0.3,
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


# --- random parameters ---------------------------------------------------------------------------------


def _uniform(generator: torch.Generator, shape: int | tuple[int, ...], low: float, high: float) -> torch.Tensor:
    """float64 uniform draws in [low, high) from `generator`, on the CPU."""
    shape = (shape,) if isinstance(shape, int) else shape
    u = torch.rand(shape, generator=generator, dtype=torch.float64, device=generator.device).cpu()
    return low + (high - low) * u


def _coin(generator: torch.Generator, n: int, p: float) -> torch.Tensor:
    """n booleans, each True with probability p."""
    return _uniform(generator, n, 0.0, 1.0) < p


def _keras_matrices(
    theta: torch.Tensor,
    tx: torch.Tensor,
    ty: torch.Tensor,
    shear: torch.Tensor,
    zx: torch.Tensor,
    zy: torch.Tensor,
) -> torch.Tensor:
    """Keras's ``rotation @ shift @ shear @ zoom`` as (N, 3, 3) float64, in (row, col) coordinates about the centre.

    Angles in degrees; tx (rows) and ty (columns) in pixels; the matrix maps an output pixel to the input
    pixel it samples, exactly as Keras's ``apply_affine_transform`` (so zx, zy > 1 zoom out).
    """
    n = theta.shape[0]
    theta, shear = torch.deg2rad(theta.double()), torch.deg2rad(shear.double())
    one, zero = torch.ones(n, dtype=torch.float64), torch.zeros(n, dtype=torch.float64)

    def mat(*rows: tuple[torch.Tensor, ...]) -> torch.Tensor:
        return torch.stack([torch.stack([v.double() for v in row], dim=-1) for row in rows], dim=-2)

    rotation = mat((theta.cos(), -theta.sin(), zero), (theta.sin(), theta.cos(), zero), (zero, zero, one))
    shift = mat((one, zero, tx), (zero, one, ty), (zero, zero, one))
    shearing = mat((one, -shear.sin(), zero), (zero, shear.cos(), zero), (zero, zero, one))
    zoom = mat((zx, zero, zero), (zero, zy, zero), (zero, zero, one))
    return rotation @ shift @ shearing @ zoom


def _flip_matrices(hflip: torch.Tensor, vflip: torch.Tensor) -> torch.Tensor:
    """(N, 3, 3) output->input maps of per-image flips (applied after the affine, as Keras does)."""
    rows, cols = 1.0 - 2.0 * vflip.double(), 1.0 - 2.0 * hflip.double()  # -1 mirrors that axis
    return torch.diag_embed(torch.stack([rows, cols, torch.ones_like(rows)], dim=-1))


def _crop_matrices(
    top: torch.Tensor, left: torch.Tensor, ch: torch.Tensor, cw: torch.Tensor, h: int, w: int
) -> torch.Tensor:
    """(N, 3, 3) maps from a crop (top, left, ch, cw) resized to h x w back into the original image.

    Equal to ``v2.functional.resized_crop`` with bilinear interpolation (align_corners=False) for crops
    no larger than the image, where resizing only upsamples and antialiasing does nothing.
    """
    n = top.shape[0]
    m = torch.zeros(n, 3, 3, dtype=torch.float64)
    m[:, 0, 0] = ch.double() / h
    m[:, 1, 1] = cw.double() / w
    m[:, 0, 2] = top.double() + ch.double() / 2 - h / 2
    m[:, 1, 2] = left.double() + cw.double() / 2 - w / 2
    m[:, 2, 2] = 1.0
    return m


def _draw_crops(generator: torch.Generator, n: int, h: int, w: int, min_scale: float) -> torch.Tensor:
    """Per-image crops drawn as ``v2.RandomResizedCrop(scale=(min_scale, 1))`` does, as (N, 3, 3) maps."""
    area = h * w
    scale = _uniform(generator, (n, _ATTEMPTS), min_scale, 1.0)
    aspect = torch.exp(_uniform(generator, (n, _ATTEMPTS), math.log(_CROP_RATIO[0]), math.log(_CROP_RATIO[1])))
    cw = torch.round(torch.sqrt(area * scale * aspect))
    ch = torch.round(torch.sqrt(area * scale / aspect))
    ok = (cw > 0) & (cw <= w) & (ch > 0) & (ch <= h)
    first = ok.to(torch.int64).argmax(dim=1, keepdim=True)
    cw, ch = cw.gather(1, first).squeeze(1), ch.gather(1, first).squeeze(1)
    top = torch.floor(_uniform(generator, n, 0.0, 1.0) * (h - ch + 1))
    left = torch.floor(_uniform(generator, n, 0.0, 1.0) * (w - cw + 1))
    fallback = ~ok.any(dim=1)
    if fallback.any():  # torchvision's fallback: the central crop of the nearest allowed aspect ratio
        in_ratio = w / h
        if in_ratio < _CROP_RATIO[0]:
            fw, fh = w, round(w / _CROP_RATIO[0])
        elif in_ratio > _CROP_RATIO[1]:
            fh, fw = h, round(h * _CROP_RATIO[1])
        else:
            fw, fh = w, h
        cw[fallback], ch[fallback] = float(fw), float(fh)
        top[fallback], left[fallback] = float((h - fh) // 2), float((w - fw) // 2)
    return _crop_matrices(top, left, ch, cw, h, w)


def _draw_geometry(spec: AugmentSpec, generator: torch.Generator, n: int, h: int, w: int) -> torch.Tensor:
    """Per-image (N, 3, 3) output->input maps: random resized crop, then the Keras affine, then flips."""

    def symmetric(r: float) -> torch.Tensor:
        return _uniform(generator, n, -r, r) if r else torch.zeros(n, dtype=torch.float64)

    theta = symmetric(spec.rotation_range)
    tx = symmetric(spec.height_shift_range) * h
    ty = symmetric(spec.width_shift_range) * w
    shear = symmetric(spec.shear_range)
    zx, zy = 1.0 + symmetric(spec.zoom_range), 1.0 + symmetric(spec.zoom_range)
    no = torch.zeros(n, dtype=torch.bool)
    hflip = _coin(generator, n, 0.5) if spec.horizontal_flip else no
    vflip = _coin(generator, n, 0.5) if spec.vertical_flip else no
    matrices = _keras_matrices(theta, tx, ty, shear, zx, zy) @ _flip_matrices(hflip, vflip)
    if spec.random_resized_crop:
        matrices = _draw_crops(generator, n, h, w, spec.random_resized_crop) @ matrices
    return matrices


# --- the warp ------------------------------------------------------------------------------------------


def _warp(images: torch.Tensor, matrices: torch.Tensor, fill_mode: str) -> torch.Tensor:
    """Float (N, C, H, W) images resampled bilinearly through per-image (N, 3, 3) output->input maps.

    The maps are in (row, col) pixel coordinates about the image centre, as built by `_keras_matrices`.
    """
    h, w = images.shape[-2:]
    device = images.device
    t = matrices.to(torch.float64)
    # grid[..., 0] is the input column (x), grid[..., 1] the input row (y), both for each output (row, col).
    # In pixel units relative to the centre: x = t10*r + t11*c + t12, y = t00*r + t01*c + t02.
    if fill_mode == "wrap":
        # Absolute pixel coordinates, taken modulo the size below.
        scale = torch.tensor([1.0, 1.0], dtype=torch.float64)
        offset = torch.tensor([(w - 1) / 2, (h - 1) / 2], dtype=torch.float64)
    else:
        # grid_sample's normalised coordinates (align_corners=False): 2 * relative pixel / size.
        scale = torch.tensor([2.0 / w, 2.0 / h], dtype=torch.float64)
        offset = torch.zeros(2, dtype=torch.float64)
    row_coef = torch.stack([t[:, 1, 0], t[:, 0, 0]], dim=-1) * scale  # (N, 2)
    col_coef = torch.stack([t[:, 1, 1], t[:, 0, 1]], dim=-1) * scale
    const = torch.stack([t[:, 1, 2], t[:, 0, 2]], dim=-1) * scale + offset
    rows = torch.arange(h, dtype=torch.float64) - (h - 1) / 2
    cols = torch.arange(w, dtype=torch.float64) - (w - 1) / 2
    row_part = (rows[None, :, None] * row_coef[:, None, :] + const[:, None, :]).to(device, torch.float32)
    col_part = (cols[None, :, None] * col_coef[:, None, :]).to(device, torch.float32)
    grid = row_part[:, :, None, :] + col_part[:, None, :, :]  # (N, H, W, 2), separable: one add per element
    if fill_mode == "wrap":
        size = torch.tensor([w, h], dtype=torch.float32, device=device)
        grid = torch.remainder(grid, size)
        grid = grid.mul_(2.0 / (size + 1)).add_(1.0 / (size + 1) - 1.0)  # normalised for the padded image
        images = F.pad(images, (0, 1, 0, 1), mode="circular")  # column 0 after the last, row 0 below the last
    return F.grid_sample(images, grid, mode="bilinear", padding_mode=_GRID_PADDING[fill_mode], align_corners=False)


# --- colour --------------------------------------------------------------------------------------------


def _gray(x: torch.Tensor) -> torch.Tensor:
    """(N, 1, H, W) luma of float images (BT.601 weights, as torchvision); a 1-channel image itself."""
    if x.shape[1] == 1:
        return x
    r, g, b = x.unbind(dim=1)
    return r.mul(0.2989).add_(g, alpha=0.587).add_(b, alpha=0.114).unsqueeze(1)


_BRIGHTNESS, _CONTRAST, _SATURATION, _HUE = 1, 2, 3, 4  # colour operation codes; 0 = leave the image


def _jitter_blend_(x: torch.Tensor, factor: torch.Tensor, op: torch.Tensor) -> torch.Tensor:
    """Per-image brightness, contrast or saturation (``op`` codes, (N,)) by ``factor`` (N,), in place, in one pass.

    Each is torchvision's blend ``clamp(f * x + (1 - f) * other)`` with other = 0 (brightness), the mean
    luma (contrast) or the luma (saturation); images with another code get f = 1, which is exact.
    """
    blends = (op == _BRIGHTNESS) | (op == _CONTRAST) | (op == _SATURATION)
    f = torch.where(blends, factor.double(), 1.0).to(x.device, x.dtype).view(-1, 1, 1, 1)
    mean_weight = (op == _CONTRAST).to(x.device, x.dtype).view(-1, 1, 1, 1)
    gray_weight = (op == _SATURATION).to(x.device, x.dtype).view(-1, 1, 1, 1)
    other = None
    if bool((op == _CONTRAST).any() or (op == _SATURATION).any()):
        gray = _gray(x)  # may be x itself (1 channel): used read-only
        other = gray.mean(dim=(1, 2, 3), keepdim=True) * mean_weight
        if bool((op == _SATURATION).any()):
            other = torch.addcmul(other, gray, gray_weight)
        other = other.mul_(1.0 - f)
    x = x.mul_(f)
    if other is not None:
        x = x.add_(other)
    return x.clamp_(0.0, 255.0)


def _adjust_hue(x: torch.Tensor, shift: torch.Tensor) -> torch.Tensor:
    """Per-image ``v2.functional.adjust_hue`` on float RGB: hue rotated by `shift` turns (N,), S and V kept."""
    r, g, b = x.unbind(dim=1)
    maxc = torch.maximum(torch.maximum(r, g), b)
    chroma = maxc - torch.minimum(torch.minimum(r, g), b)
    # Hue in sixths of a turn: (g - b) / C where R is the max, (b - r) / C + 2 where G is, else (r - g) / C + 4.
    is_r = maxc == r
    is_g = (maxc == g) & ~is_r
    hue6 = torch.where(is_r, g - b, torch.where(is_g, (b - r).add_(chroma, alpha=2.0), (r - g).add_(chroma, alpha=4.0)))
    hue6 = hue6.div_(chroma.clamp(min=1e-12)).add_(6.0 * shift.to(x.dtype).view(-1, 1, 1))
    # HSV -> RGB: with d the circular distance (in sixths, 0..3) from the hue to the channel's own hue
    # (R 0, G 2, B 4), the channel is V - C * clamp(d - 1, 0, 1).
    centres = torch.tensor([0.0, 2.0, 4.0], dtype=x.dtype, device=x.device).view(1, 3, 1, 1)
    turns = (hue6.unsqueeze(1) - centres).mul_(1.0 / 6.0)
    distance = turns.sub_(turns.round()).abs_().mul_(6.0)
    return distance.sub_(1.0).clamp_(0.0, 1.0).mul_(chroma.unsqueeze(1)).neg_().add_(maxc.unsqueeze(1))


def _colour_jitter(x: torch.Tensor, spec: AugmentSpec, generator: torch.Generator) -> torch.Tensor:
    """``v2.ColorJitter`` with per-image factors and a per-image random order of the operations (x is reused).

    Step k applies every image's k-th operation: all brightness/contrast/saturation images in one blend
    pass, the hue images (gathered) through `_adjust_hue`.
    """
    n, c = x.shape[:2]
    codes: list[int] = []
    factors: list[torch.Tensor] = []
    for code, amount in ((_BRIGHTNESS, spec.brightness), (_CONTRAST, spec.contrast)):
        if amount:
            codes.append(code)
            factors.append(_uniform(generator, n, max(0.0, 1.0 - amount), 1.0 + amount))
    if c == 3 and spec.saturation:
        codes.append(_SATURATION)
        factors.append(_uniform(generator, n, max(0.0, 1.0 - spec.saturation), 1.0 + spec.saturation))
    if c == 3 and spec.hue:
        codes.append(_HUE)
        factors.append(_uniform(generator, n, -spec.hue, spec.hue))
    if not codes:
        return x
    if len(codes) > 1:
        order = _uniform(generator, (n, len(codes)), 0.0, 1.0).argsort(dim=1)  # a random permutation per image
    else:
        order = torch.zeros(n, 1, dtype=torch.int64)
    code_table, factor_table = torch.tensor(codes), torch.stack(factors, dim=1)  # (K,), (N, K)
    for step in range(len(codes)):
        op = code_table[order[:, step]]
        factor = factor_table.gather(1, order[:, step : step + 1]).squeeze(1)
        if bool((op != _HUE).any()):
            x = _jitter_blend_(x, factor, op)
        hue_images = (op == _HUE).nonzero().flatten()
        if len(hue_images) == n:
            x = _adjust_hue(x, factor)
        elif len(hue_images):
            index = hue_images.to(x.device)
            x = x.index_copy_(0, index, _adjust_hue(x.index_select(0, index), factor[hue_images]))
    return x


def _random_grayscale(x: torch.Tensor, p: float, generator: torch.Generator) -> torch.Tensor:
    """``v2.RandomGrayscale(p)`` per image, keeping 3 channels."""
    chosen = _coin(generator, x.shape[0], p).nonzero().flatten().to(x.device)
    if len(chosen):
        x[chosen] = TF.rgb_to_grayscale(x[chosen], num_output_channels=3)
    return x


def _random_erasing(images: torch.Tensor, p: float, generator: torch.Generator) -> torch.Tensor:
    """``v2.RandomErasing(p)`` per image (torchvision's box sizes, value 0), on uint8; returns a new tensor."""
    n, _, h, w = images.shape
    apply = _coin(generator, n, p)
    area = _uniform(generator, (n, _ATTEMPTS), *_ERASE_SCALE) * (h * w)
    aspect = torch.exp(_uniform(generator, (n, _ATTEMPTS), math.log(_ERASE_RATIO[0]), math.log(_ERASE_RATIO[1])))
    eh = torch.round(torch.sqrt(area * aspect)).long()
    ew = torch.round(torch.sqrt(area / aspect)).long()
    ok = (eh < h) & (ew < w)
    first = ok.to(torch.int64).argmax(dim=1, keepdim=True)
    eh, ew = eh.gather(1, first).squeeze(1), ew.gather(1, first).squeeze(1)
    top = torch.floor(_uniform(generator, n, 0.0, 1.0) * (h - eh + 1)).long()
    left = torch.floor(_uniform(generator, n, 0.0, 1.0) * (w - ew + 1)).long()
    out = images.clone()
    zero = torch.zeros((), dtype=images.dtype, device=images.device)
    for k in (apply & ok.any(dim=1)).nonzero().flatten().tolist():
        TF.erase(out[k], int(top[k]), int(left[k]), int(eh[k]), int(ew[k]), zero, inplace=True)
    return out


def _random_flips(images: torch.Tensor, spec: AugmentSpec, generator: torch.Generator) -> torch.Tensor:
    """Per-image flips of uint8 images without a warp (exact); returns a new tensor."""
    out = images.clone()
    for enabled, flip in ((spec.horizontal_flip, TF.horizontal_flip), (spec.vertical_flip, TF.vertical_flip)):
        if enabled:
            chosen = _coin(generator, images.shape[0], 0.5).nonzero().flatten().to(images.device)
            if len(chosen):
                out[chosen] = flip(out[chosen])
    return out


# --- public --------------------------------------------------------------------------------------------


def _check_batch(images: torch.Tensor) -> None:
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
    _check_batch(images)
    spec.validate()
    n, c, h, w = images.shape
    if spec.is_identity() or n == 0 or h == 0 or w == 0:
        return images
    x: torch.Tensor | None = None
    out = images
    if spec._has_geometry():
        x = _warp(images.float(), _draw_geometry(spec, generator, n, h, w), spec.fill_mode)
    elif spec.horizontal_flip or spec.vertical_flip:
        out = _random_flips(images, spec, generator)
    colour = spec.brightness or spec.contrast or (c == 3 and (spec.saturation or spec.hue or spec.grayscale))
    if colour:
        x = out.float() if x is None else x
        x = _colour_jitter(x, spec, generator)
        if c == 3 and spec.grayscale:
            x = _random_grayscale(x, spec.grayscale, generator)
    if x is not None:
        out = x.round_().clamp_(0.0, 255.0).to(torch.uint8)
    if spec.random_erasing:
        out = _random_erasing(out, spec.random_erasing, generator)
    return out


def preview(image: np.ndarray, spec: AugmentSpec, *, count: int = 12, seed: int = 0) -> np.ndarray:
    """One uint8 HWC image (C = 1 or 3; a 2-D image counts as C = 1) -> uint8 (count, H, W, C) augmented copies.

    Reproducible for a given seed; drawn exactly as `augment_batch` draws for training.
    """
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
    out = augment_batch(batch, spec, torch.Generator().manual_seed(int(seed)))
    return np.ascontiguousarray(out.permute(0, 2, 3, 1).numpy())
