"""Colour modes: any common Pillow mode to 8-bit RGB, without the mistakes of ``convert("RGB")``.

16-bit and float images clip to black or white through Pillow's own conversion, alpha is dropped
instead of composited, CMYK and LAB come out wrong. `to_rgb` converts each mode by its own rule;
`supported_modes` lists the modes it handles, which is what the image checker accepts.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from PIL import Image

__all__ = ["to_rgb", "supported_modes"]

# Pillow modes that `to_rgb` converts correctly ("LAB" only when Pillow has LittleCMS; see `supported_modes`).
_BASE_MODES = frozenset(
    {
        "1",
        "L",
        "LA",
        "La",
        "P",
        "PA",
        "RGB",
        "RGBA",
        "RGBa",
        "RGBX",
        "CMYK",
        "YCbCr",
        "HSV",
        "I",
        "I;16",
        "I;16L",
        "I;16B",
        "I;16N",
        "F",
    }
)
_ALPHA_MODES = frozenset({"LA", "La", "PA", "RGBA", "RGBa"})
# Modes whose colour-key transparency (info["transparency"], e.g. a PNG tRNS chunk) Pillow applies in convert().
_COLOUR_KEY_MODES = frozenset({"1", "L", "P", "RGB"})


def to_rgb(image: Image.Image, background: tuple[int, int, int] = (255, 255, 255)) -> Image.Image:
    """Convert an image of any common Pillow mode to 8-bit RGB, without the mistakes of `convert('RGB')`.

    - 1, L, P, RGBX, YCbCr, HSV: Pillow's conversion. RGB: returned as is (the same object).
    - Alpha (RGBA, LA, PA, premultiplied RGBa/La, P or L or RGB with a transparency key such as a PNG
      tRNS chunk): composited over `background`, so fully transparent pixels become `background`.
      (A transparency key on a 16/32-bit image is ignored.)
    - CMYK: R = (255 - C) * (255 - K) / 255, likewise G from M and B from Y (no ICC colour management).
    - LAB: through LittleCMS (Pillow's plain conversion copies the channels unchanged).
    - I;16 (and I;16L/B/N): value / 257, so the full 0..65535 range maps to 0..255 and 32768 to 128.
    - I (32-bit int): kept as is when all values lie in 0..255; otherwise stretched linearly so the
      image's own minimum becomes 0 and its maximum 255.
    - F (32-bit float): values all in 0..1 are multiplied by 255 (the usual float-image convention); else
      kept as is when all lie in 0..255; else stretched by the image's own min..max like I. NaN -> 0,
      +inf -> 255, -inf -> 0, and the range is taken over finite values only.
    - A constant I/F image outside 0..255 cannot be stretched and is clipped to 0..255.
    Results are rounded to the nearest integer. Raises ValueError for a mode it cannot convert.
    """
    fill = _check_background(background)
    mode = image.mode
    if mode == "RGB" and "transparency" not in image.info:
        return image
    if mode.startswith("I;16"):
        values = np.asarray(image).astype(np.float64) / 257.0
        return _grey_array_to_rgb(values)
    if mode == "I":
        return _grey_array_to_rgb(_stretch(np.asarray(image).astype(np.float64), unit_floats=False))
    if mode == "F":
        return _grey_array_to_rgb(_stretch(np.asarray(image).astype(np.float64), unit_floats=True))
    if mode == "CMYK":
        return _cmyk_to_rgb(image)
    if mode == "LAB":
        return _lab_to_rgb(image)
    if _has_alpha(image):
        return _composite(image.convert("RGBA"), fill)
    try:
        return image.convert("RGB")
    except ValueError as exc:
        raise ValueError(f"cannot convert an image in mode {mode!r} to RGB") from exc


@lru_cache(maxsize=1)
def supported_modes() -> frozenset[str]:
    """The modes `to_rgb` handles here: LAB needs Pillow's LittleCMS binding."""
    try:
        from PIL import ImageCms  # noqa: F401  (optional part of Pillow)
    except ImportError:
        return _BASE_MODES
    return _BASE_MODES | {"LAB"}


def _has_alpha(image: Image.Image) -> bool:
    """Whether `image` has per-pixel transparency that must be composited."""
    if image.mode in _ALPHA_MODES:
        return True
    if image.mode in _COLOUR_KEY_MODES and "transparency" in image.info:
        return True
    palette = getattr(image, "palette", None)
    return image.mode == "P" and palette is not None and palette.mode == "RGBA"


def _composite(rgba: Image.Image, background: tuple[int, int, int]) -> Image.Image:
    """Blend an RGBA image over a solid background."""
    result = Image.new("RGB", rgba.size, background)
    result.paste(rgba, (0, 0), rgba.getchannel("A"))
    return result


def _stretch(values: np.ndarray, *, unit_floats: bool) -> np.ndarray:
    """Map wide-range values to 0..255 by the rules in `to_rgb` (floats, not yet rounded)."""
    finite = np.isfinite(values)
    if not finite.any():
        return np.zeros_like(values)
    low, high = float(values[finite].min()), float(values[finite].max())
    if unit_floats and low >= 0.0 and high <= 1.0:
        scaled = values * 255.0
    elif low >= 0.0 and high <= 255.0:
        scaled = values
    elif high > low:
        scaled = (values - low) * (255.0 / (high - low))
    else:
        scaled = values  # constant image outside 0..255: clipped below
    return np.nan_to_num(scaled, nan=0.0, posinf=255.0, neginf=0.0)


def _grey_array_to_rgb(values: np.ndarray) -> Image.Image:
    """An RGB image from a 2-D array of grey levels on the 0..255 scale."""
    grey = np.clip(np.rint(values), 0, 255).astype(np.uint8)
    return Image.fromarray(np.ascontiguousarray(grey)).convert("RGB")


def _cmyk_to_rgb(image: Image.Image) -> Image.Image:
    """Naive (no ICC profile) CMYK to RGB: each ink and black multiply the light away."""
    cmyk = np.asarray(image).astype(np.uint32)
    white_k = 255 - cmyk[..., 3:4]
    rgb = ((255 - cmyk[..., :3]) * white_k + 127) // 255
    return Image.fromarray(rgb.astype(np.uint8), "RGB")


def _lab_to_rgb(image: Image.Image) -> Image.Image:
    """CIE L*a*b* to sRGB through LittleCMS."""
    try:
        from PIL import ImageCms
    except ImportError as exc:
        raise ValueError("converting LAB images needs Pillow with LittleCMS (PIL.ImageCms)") from exc
    transform = ImageCms.buildTransform(ImageCms.createProfile("LAB"), ImageCms.createProfile("sRGB"), "LAB", "RGB")
    result = ImageCms.applyTransform(image, transform)
    assert result is not None  # not in place, so a new image
    return result


def _check_background(background: tuple[int, int, int]) -> tuple[int, int, int]:
    """Validate an RGB background colour."""
    colour = tuple(int(c) for c in background)
    if len(colour) != 3 or not all(0 <= c <= 255 for c in colour):
        raise ValueError(f"background must be three values in 0..255, not {background!r}")
    return colour  # type: ignore[return-value]
