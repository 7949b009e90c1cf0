"""The batched tensor operations behind `augment.augment_batch`: random parameters, the warp, colour, erasing.

Every function draws its random numbers from the caller's ``torch.Generator`` (never torch's global
RNG) and works on a whole batch at once, each image with its own parameters.

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
from typing import TYPE_CHECKING

import torch
import torch.nn.functional as F

from ..lazy_imports import import_once

if TYPE_CHECKING:
    from .augment import AugmentSpec

__all__ = [
    "BRIGHTNESS",
    "CONTRAST",
    "SATURATION",
    "HUE",
    "uniform",
    "coin",
    "keras_matrices",
    "flip_matrices",
    "crop_matrices",
    "draw_crops",
    "draw_geometry",
    "warp",
    "luma",
    "jitter_blend_",
    "adjust_hue",
    "colour_jitter",
    "random_grayscale",
    "random_erasing",
    "random_flips",
]

_GRID_PADDING = {"nearest": "border", "constant": "zeros", "reflect": "reflection", "wrap": "border"}
_CROP_RATIO = (3.0 / 4.0, 4.0 / 3.0)  # v2.RandomResizedCrop's default aspect ratios (w / h)
_ERASE_SCALE = (0.02, 0.33)  # v2.RandomErasing's defaults
_ERASE_RATIO = (0.3, 3.3)
_ATTEMPTS = 10  # as torchvision: tries before giving up on a crop / an erased box


# --- random parameters ---------------------------------------------------------------------------------


def uniform(generator: torch.Generator, shape: int | tuple[int, ...], low: float, high: float) -> torch.Tensor:
    """float64 uniform draws in [low, high) from `generator`, on the CPU."""
    shape = (shape,) if isinstance(shape, int) else shape
    u = torch.rand(shape, generator=generator, dtype=torch.float64, device=generator.device).cpu()
    return low + (high - low) * u


def coin(generator: torch.Generator, n: int, p: float) -> torch.Tensor:
    """n booleans, each True with probability p."""
    return uniform(generator, n, 0.0, 1.0) < p


def keras_matrices(
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


def flip_matrices(hflip: torch.Tensor, vflip: torch.Tensor) -> torch.Tensor:
    """(N, 3, 3) output->input maps of per-image flips (applied after the affine, as Keras does)."""
    rows, cols = 1.0 - 2.0 * vflip.double(), 1.0 - 2.0 * hflip.double()  # -1 mirrors that axis
    return torch.diag_embed(torch.stack([rows, cols, torch.ones_like(rows)], dim=-1))


def crop_matrices(
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


def draw_crops(generator: torch.Generator, n: int, h: int, w: int, min_scale: float) -> torch.Tensor:
    """Per-image crops drawn as ``v2.RandomResizedCrop(scale=(min_scale, 1))`` does, as (N, 3, 3) maps."""
    area = h * w
    scale = uniform(generator, (n, _ATTEMPTS), min_scale, 1.0)
    aspect = torch.exp(uniform(generator, (n, _ATTEMPTS), math.log(_CROP_RATIO[0]), math.log(_CROP_RATIO[1])))
    cw = torch.round(torch.sqrt(area * scale * aspect))
    ch = torch.round(torch.sqrt(area * scale / aspect))
    ok = (cw > 0) & (cw <= w) & (ch > 0) & (ch <= h)
    first = ok.to(torch.int64).argmax(dim=1, keepdim=True)
    cw, ch = cw.gather(1, first).squeeze(1), ch.gather(1, first).squeeze(1)
    top = torch.floor(uniform(generator, n, 0.0, 1.0) * (h - ch + 1))
    left = torch.floor(uniform(generator, n, 0.0, 1.0) * (w - cw + 1))
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
    return crop_matrices(top, left, ch, cw, h, w)


def draw_geometry(spec: AugmentSpec, generator: torch.Generator, n: int, h: int, w: int) -> torch.Tensor:
    """Per-image (N, 3, 3) output->input maps: random resized crop, then the Keras affine, then flips."""

    def symmetric(r: float) -> torch.Tensor:
        return uniform(generator, n, -r, r) if r else torch.zeros(n, dtype=torch.float64)

    theta = symmetric(spec.rotation_range)
    tx = symmetric(spec.height_shift_range) * h
    ty = symmetric(spec.width_shift_range) * w
    shear = symmetric(spec.shear_range)
    zx, zy = 1.0 + symmetric(spec.zoom_range), 1.0 + symmetric(spec.zoom_range)
    no = torch.zeros(n, dtype=torch.bool)
    hflip = coin(generator, n, 0.5) if spec.horizontal_flip else no
    vflip = coin(generator, n, 0.5) if spec.vertical_flip else no
    matrices = keras_matrices(theta, tx, ty, shear, zx, zy) @ flip_matrices(hflip, vflip)
    if spec.random_resized_crop:
        matrices = draw_crops(generator, n, h, w, spec.random_resized_crop) @ matrices
    return matrices


# --- the warp ------------------------------------------------------------------------------------------


def warp(images: torch.Tensor, matrices: torch.Tensor, fill_mode: str) -> torch.Tensor:
    """Float (N, C, H, W) images resampled bilinearly through per-image (N, 3, 3) output->input maps.

    The maps are in (row, col) pixel coordinates about the image centre, as built by `keras_matrices`.
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


def luma(x: torch.Tensor) -> torch.Tensor:
    """(N, 1, H, W) luma of float images (BT.601 weights, as torchvision); a 1-channel image itself."""
    if x.shape[1] == 1:
        return x
    r, g, b = x.unbind(dim=1)
    return r.mul(0.2989).add_(g, alpha=0.587).add_(b, alpha=0.114).unsqueeze(1)


BRIGHTNESS, CONTRAST, SATURATION, HUE = 1, 2, 3, 4  # colour operation codes; 0 = leave the image


def jitter_blend_(x: torch.Tensor, factor: torch.Tensor, op: torch.Tensor) -> torch.Tensor:
    """Per-image brightness, contrast or saturation (``op`` codes, (N,)) by ``factor`` (N,), in place, in one pass.

    Each is torchvision's blend ``clamp(f * x + (1 - f) * other)`` with other = 0 (brightness), the mean
    luma (contrast) or the luma (saturation); images with another code get f = 1, which is exact.
    """
    blends = (op == BRIGHTNESS) | (op == CONTRAST) | (op == SATURATION)
    f = torch.where(blends, factor.double(), 1.0).to(x.device, x.dtype).view(-1, 1, 1, 1)
    mean_weight = (op == CONTRAST).to(x.device, x.dtype).view(-1, 1, 1, 1)
    gray_weight = (op == SATURATION).to(x.device, x.dtype).view(-1, 1, 1, 1)
    other = None
    if bool((op == CONTRAST).any() or (op == SATURATION).any()):
        gray = luma(x)  # may be x itself (1 channel): used read-only
        other = gray.mean(dim=(1, 2, 3), keepdim=True) * mean_weight
        if bool((op == SATURATION).any()):
            other = torch.addcmul(other, gray, gray_weight)
        other = other.mul_(1.0 - f)
    x = x.mul_(f)
    if other is not None:
        x = x.add_(other)
    return x.clamp_(0.0, 255.0)


def adjust_hue(x: torch.Tensor, shift: torch.Tensor) -> torch.Tensor:
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


def colour_jitter(x: torch.Tensor, spec: AugmentSpec, generator: torch.Generator) -> torch.Tensor:
    """``v2.ColorJitter`` with per-image factors and a per-image random order of the operations (x is reused).

    Step k applies every image's k-th operation: all brightness/contrast/saturation images in one blend
    pass, the hue images (gathered) through `adjust_hue`.
    """
    n, c = x.shape[:2]
    codes: list[int] = []
    factors: list[torch.Tensor] = []
    for code, amount in ((BRIGHTNESS, spec.brightness), (CONTRAST, spec.contrast)):
        if amount:
            codes.append(code)
            factors.append(uniform(generator, n, max(0.0, 1.0 - amount), 1.0 + amount))
    if c == 3 and spec.saturation:
        codes.append(SATURATION)
        factors.append(uniform(generator, n, max(0.0, 1.0 - spec.saturation), 1.0 + spec.saturation))
    if c == 3 and spec.hue:
        codes.append(HUE)
        factors.append(uniform(generator, n, -spec.hue, spec.hue))
    if not codes:
        return x
    if len(codes) > 1:
        order = uniform(generator, (n, len(codes)), 0.0, 1.0).argsort(dim=1)  # a random permutation per image
    else:
        order = torch.zeros(n, 1, dtype=torch.int64)
    code_table, factor_table = torch.tensor(codes), torch.stack(factors, dim=1)  # (K,), (N, K)
    for step in range(len(codes)):
        op = code_table[order[:, step]]
        factor = factor_table.gather(1, order[:, step : step + 1]).squeeze(1)
        if bool((op != HUE).any()):
            x = jitter_blend_(x, factor, op)
        hue_images = (op == HUE).nonzero().flatten()
        if len(hue_images) == n:
            x = adjust_hue(x, factor)
        elif len(hue_images):
            index = hue_images.to(x.device)
            x = x.index_copy_(0, index, adjust_hue(x.index_select(0, index), factor[hue_images]))
    return x


def _tv_functional():
    """torchvision's v2 functional ops, imported on first use: importing torchvision takes seconds, which
    the window's start-up should not wait for (see qt/startup.py)."""
    return import_once("torchvision.transforms.v2.functional")


def random_grayscale(x: torch.Tensor, p: float, generator: torch.Generator) -> torch.Tensor:
    """``v2.RandomGrayscale(p)`` per image, keeping 3 channels."""
    chosen = coin(generator, x.shape[0], p).nonzero().flatten().to(x.device)
    if len(chosen):
        x[chosen] = _tv_functional().rgb_to_grayscale(x[chosen], num_output_channels=3)
    return x


def random_erasing(images: torch.Tensor, p: float, generator: torch.Generator) -> torch.Tensor:
    """``v2.RandomErasing(p)`` per image (torchvision's box sizes, value 0), on uint8; returns a new tensor."""
    n, _, h, w = images.shape
    apply = coin(generator, n, p)
    area = uniform(generator, (n, _ATTEMPTS), *_ERASE_SCALE) * (h * w)
    aspect = torch.exp(uniform(generator, (n, _ATTEMPTS), math.log(_ERASE_RATIO[0]), math.log(_ERASE_RATIO[1])))
    eh = torch.round(torch.sqrt(area * aspect)).long()
    ew = torch.round(torch.sqrt(area / aspect)).long()
    ok = (eh < h) & (ew < w)
    first = ok.to(torch.int64).argmax(dim=1, keepdim=True)
    eh, ew = eh.gather(1, first).squeeze(1), ew.gather(1, first).squeeze(1)
    top = torch.floor(uniform(generator, n, 0.0, 1.0) * (h - eh + 1)).long()
    left = torch.floor(uniform(generator, n, 0.0, 1.0) * (w - ew + 1)).long()
    out = images.clone()
    zero = torch.zeros((), dtype=images.dtype, device=images.device)
    erase = _tv_functional().erase
    for k in (apply & ok.any(dim=1)).nonzero().flatten().tolist():
        erase(out[k], int(top[k]), int(left[k]), int(eh[k]), int(ew[k]), zero, inplace=True)
    return out


def random_flips(images: torch.Tensor, spec: AugmentSpec, generator: torch.Generator) -> torch.Tensor:
    """Per-image flips of uint8 images without a warp (exact); returns a new tensor."""
    out = images.clone()
    tf = _tv_functional()
    for enabled, flip in ((spec.horizontal_flip, tf.horizontal_flip), (spec.vertical_flip, tf.vertical_flip)):
        if enabled:
            chosen = coin(generator, images.shape[0], 0.5).nonzero().flatten().to(images.device)
            if len(chosen):
                out[chosen] = flip(out[chosen])
    return out
