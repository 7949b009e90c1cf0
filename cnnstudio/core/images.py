"""The one image loader and checker: datasets, thumbnails, dropped images and visualisations all use it.

Every image the app touches goes through here, so a bad file is met the same way everywhere: either it is
refused with one of a few fixed reasons (`check_image`, `ImageError.reason`) and a message that says what
to do, or it decodes completely and comes back upright (EXIF orientation applied) and in 8-bit RGB.

Rules, in the order they are applied:

1. The path must be a readable regular file (`UNREADABLE`) with at least one byte (`EMPTY_FILE`).
2. Pillow must recognise it from its header (`NOT_AN_IMAGE`; a file that starts like a supported format but
   whose header cannot be read is `TRUNCATED`).
3. The format must be JPEG (MPO counts as JPEG), PNG, BMP, GIF, WebP or TIFF, in a colour mode `to_rgb`
   handles (`UNSUPPORTED_FORMAT`). The file's content decides, not its extension.
4. The header's width x height must be at most `MAX_PIXELS` (`TOO_MANY_PIXELS`), checked *before* any pixel
   is decoded. Pillow's own decompression-bomb warning/error also maps to `TOO_MANY_PIXELS`; it is caught
   locally and Pillow's global settings (`MAX_IMAGE_PIXELS`, `LOAD_TRUNCATED_IMAGES`) are never changed.
5. The (first frame's) pixel data must decode completely (`TRUNCATED`), because truncation only shows up
   when decoding. If another library set `ImageFile.LOAD_TRUNCATED_IMAGES`, Pillow pads short files
   silently and this check cannot see it.

Read errors from the disk at any stage are `UNREADABLE`. Animated GIF/WebP/APNG, MPO and multi-page TIFF
files are used (and checked) by their first frame.
"""

from __future__ import annotations

import io
import os
import stat
import struct
import threading
import warnings
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

import numpy as np
from PIL import Image, ImageFile, ImageOps, UnidentifiedImageError

from .errors import UserError

__all__ = [
    "IMAGE_EXTENSIONS",
    "MAX_PIXELS",
    "EMPTY_FILE",
    "NOT_AN_IMAGE",
    "TRUNCATED",
    "TOO_MANY_PIXELS",
    "UNSUPPORTED_FORMAT",
    "UNREADABLE",
    "ImageError",
    "check_image",
    "open_image",
    "to_rgb",
    "load_image",
    "image_size",
]

IMAGE_EXTENSIONS: tuple[str, ...] = (".jpg", ".jpeg", ".png", ".bmp", ".gif", ".webp", ".tif", ".tiff")
"""File name extensions (lowercase, with the dot) that dataset scans treat as images."""

MAX_PIXELS: int = 64_000_000
"""Images with more pixels than this are refused before decoding (decompression bombs, giant scans)."""

# Skip reasons: exact strings, shown by the GUI and the CLI and compared by tests.
EMPTY_FILE = "empty file"
NOT_AN_IMAGE = "not an image"
TRUNCATED = "truncated"
TOO_MANY_PIXELS = "too many pixels"
UNSUPPORTED_FORMAT = "unsupported format"
UNREADABLE = "unreadable"

# Pillow format names accepted; MPO is what Pillow calls a JPEG with extra (e.g. depth or preview) frames.
_SUPPORTED_FORMATS = frozenset({"JPEG", "MPO", "PNG", "BMP", "GIF", "WEBP", "TIFF"})

# Pillow modes that `to_rgb` converts correctly ("LAB" only when Pillow has LittleCMS; see `_supported_modes`).
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

# File signatures of supported formats that are specific enough to say "this was meant to be an image".
# (BMP's two-byte "BM" is not: plenty of text files start with it.)
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
    (b"II+\x00", "TIFF"),
    (b"MM\x00+", "TIFF"),
)

# What Pillow raises on malformed data, besides its decompression-bomb error (handled separately).
_DECODE_ERRORS: tuple[type[BaseException], ...] = (
    OSError,
    SyntaxError,
    ValueError,
    EOFError,
    struct.error,
    zlib.error,
    IndexError,
    KeyError,
    TypeError,
    ArithmeticError,
)
# What Pillow raises on malformed EXIF data.
_EXIF_ERRORS: tuple[type[BaseException], ...] = (
    OSError,
    SyntaxError,
    ValueError,
    EOFError,
    struct.error,
    IndexError,
    KeyError,
    TypeError,
)

_ORIENTATION_TAG = 0x0112
_TIFF_WIDTH_TAG, _TIFF_LENGTH_TAG = 256, 257
_SWAPPING_ORIENTATIONS = frozenset({5, 6, 7, 8})  # transposed / rotated by 90 degrees: width and height swap

# `warnings.catch_warnings` swaps process-wide state; serialise our own uses of it so that two threads
# checking images at once cannot restore each other's filters in the wrong order.
_WARNINGS_LOCK = threading.Lock()

# reason -> (phrase after the file name, default detail, what to do)
_MESSAGES: dict[str, tuple[str, str, str]] = {
    EMPTY_FILE: ("is an empty file", "0 bytes", "copy it again from its source or remove it"),
    NOT_AN_IMAGE: ("is not an image", "its contents are not in any image format", "remove it from the folder"),
    TRUNCATED: ("is truncated", "the file ends early or its image data is damaged", "re-export or remove it"),
    TOO_MANY_PIXELS: (
        "has too many pixels",
        f"more than {MAX_PIXELS:,}",
        "shrink it in an image editor or remove it",
    ),
    UNSUPPORTED_FORMAT: (
        "is in an unsupported format",
        "not JPEG, PNG, BMP, GIF, WebP or TIFF",
        "save it as PNG or JPEG, or remove it",
    ),
    UNREADABLE: ("is unreadable", "it cannot be opened", "check that it exists and that you may read it"),
}


class ImageError(UserError):
    """An image that cannot be used.

    `.reason` is one of the reason constants (`TRUNCATED`, ...), `.path` the file as given; str() is a full
    sentence naming the file, the reason and what to do, e.g.
    'photo.jpg is truncated (the file ends early or its image data is damaged); re-export or remove it.'
    """

    def __init__(self, path: str | os.PathLike[str], reason: str, detail: str | None = None) -> None:
        if reason not in _MESSAGES:
            raise ValueError(f"unknown image error reason {reason!r}")
        self.path = os.fspath(path)
        self.reason = reason
        self.detail = detail
        phrase, default_detail, advice = _MESSAGES[reason]
        super().__init__(f"{_display_name(self.path)} {phrase} ({detail or default_detail}); {advice}.")

    def __reduce__(self) -> tuple[Any, ...]:
        # Keep the error picklable (worker processes send errors back); the default would call
        # ImageError(message) and fail.
        return (type(self), (self.path, self.reason, self.detail))


def check_image(path: str | os.PathLike[str]) -> str | None:
    """Return None if `path` fully decodes as a supported image, else the reason constant why not.

    Decodes the (first frame's) pixels, so it costs about as much as loading the image; use it to vet
    dataset files once, up front, instead of failing in the middle of training.
    """
    try:
        with _checked_image(path, decode=True):
            pass
    except ImageError as error:
        return error.reason
    return None


def open_image(path: str | os.PathLike[str]) -> Image.Image:
    """Open, validate and fully load `path`, turn it upright by its EXIF orientation, and return it as RGB.

    Raises `ImageError` for everything `check_image` refuses. GIF (and other animations): first frame.
    The returned image is detached from the file, which is closed.
    """
    with _checked_image(path, decode=True) as image:
        upright = _exif_upright(image)
    return to_rgb(upright)


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


def load_image(path: str | os.PathLike[str], *, size: tuple[int, int] | None = None, channels: int = 3) -> np.ndarray:
    """Load `path` as a writable uint8 array of shape (height, width, channels).

    `open_image`, then grayscale ('L' from the RGB result) when `channels` is 1, then a bilinear,
    antialiased resize to `size` = (height, width) when given. Always 3-D: grayscale is (H, W, 1).
    Raises `ImageError` for unusable files and ValueError for bad arguments.
    """
    if channels not in (1, 3):
        raise ValueError(f"channels must be 1 or 3, not {channels!r}")
    target = _check_size(size) if size is not None else None
    image = open_image(path)
    if channels == 1:
        image = image.convert("L")
    if target is not None and image.size != target:
        image = image.resize(target, Image.Resampling.BILINEAR, reducing_gap=3.0)
    array = np.array(image, dtype=np.uint8)
    if array.ndim == 2:
        array = array[:, :, np.newaxis]
    return array


def image_size(path: str | os.PathLike[str]) -> tuple[int, int]:
    """Return the upright (width, height) of `path` from its header, without decoding pixels.

    EXIF orientations 5-8 swap width and height. Raises `ImageError` for everything that shows without
    decoding (unreadable, empty, not an image, unsupported format, too many pixels); a truncated file still
    has a size. (A PNG whose EXIF chunk comes after the pixel data is taken as unrotated here.)
    """
    with _checked_image(path, decode=False) as image:
        width, height = _stored_size(image)
        if _orientation(image) in _SWAPPING_ORIENTATIONS:
            width, height = height, width
    return width, height


# --- opening and checking ------------------------------------------------------------------------


class _TrackedFileIO(io.FileIO):
    """A raw file that remembers read errors, so a failing disk is told apart from a damaged image."""

    io_error: OSError | None = None

    def read(self, size: int = -1) -> bytes | None:
        try:
            return super().read(size)
        except OSError as exc:
            self.io_error = exc
            raise

    def readall(self) -> bytes:
        try:
            return super().readall()
        except OSError as exc:
            self.io_error = exc
            raise

    def readinto(self, buffer: Any) -> int | None:
        try:
            return super().readinto(buffer)
        except OSError as exc:
            self.io_error = exc
            raise


@contextmanager
def _checked_image(path: str | os.PathLike[str], *, decode: bool) -> Iterator[ImageFile.ImageFile]:
    """Yield the opened image of `path` after rules 1-4 (and 5 when `decode`), or raise `ImageError`.

    The file stays open while the caller uses the image and is closed afterwards, as is the image (so
    callers must copy what they keep).
    """
    fspath = os.fspath(path)
    raw = _open_regular_file(fspath)
    with io.BufferedReader(raw) as handle:
        image = _identify(fspath, handle, raw)
        try:
            _check_header(fspath, image)
            if decode:
                _decode(fspath, image, raw)
            yield image
        finally:
            image.close()


def _open_regular_file(fspath: str) -> _TrackedFileIO:
    """Rule 1: open `fspath` for reading if it is a non-empty regular file."""
    try:
        info = os.stat(fspath)
        if stat.S_ISDIR(info.st_mode):
            raise ImageError(fspath, UNREADABLE, "it is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise ImageError(fspath, UNREADABLE, "it is not a regular file")
        if info.st_size == 0:
            raise ImageError(fspath, EMPTY_FILE)
        return _TrackedFileIO(fspath, "r")
    except OSError as exc:
        raise ImageError(fspath, UNREADABLE, _os_detail(exc)) from exc


def _identify(fspath: str, handle: io.BufferedReader, raw: _TrackedFileIO) -> ImageFile.ImageFile:
    """Rule 2: let Pillow identify the file from its header, with its bomb warning turned into an error."""
    try:
        prefix = handle.read(16)
    except OSError as exc:
        raise ImageError(fspath, UNREADABLE, _os_detail(exc)) from exc
    try:
        with _WARNINGS_LOCK, warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            return Image.open(handle)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ImageError(fspath, TOO_MANY_PIXELS, "Pillow refuses it as a possible decompression bomb") from exc
    except _DECODE_ERRORS as exc:
        if raw.io_error is not None:
            raise ImageError(fspath, UNREADABLE, _os_detail(raw.io_error)) from exc
        if (
            isinstance(exc, OSError)
            and not isinstance(exc, UnidentifiedImageError)
            and "unsupported" in str(exc).lower()
        ):
            text = str(exc).rstrip(".")
            raise ImageError(fspath, UNSUPPORTED_FORMAT, text[:1].lower() + text[1:]) from exc
        claimed = _claimed_format(prefix)
        if claimed is not None:
            detail = f"it starts like a {claimed} file, but its header is cut short or damaged"
            raise ImageError(fspath, TRUNCATED, detail) from exc
        raise ImageError(fspath, NOT_AN_IMAGE) from exc


def _check_header(fspath: str, image: ImageFile.ImageFile) -> None:
    """Rules 3 and 4: a supported format and mode, and not too many pixels, judged from the header."""
    if image.format not in _SUPPORTED_FORMATS:
        described = f"{image.format}: {image.format_description}" if image.format_description else image.format
        raise ImageError(fspath, UNSUPPORTED_FORMAT, f"{described or 'unknown'}; not JPEG, PNG, BMP, GIF, WebP or TIFF")
    if image.mode not in _supported_modes():
        raise ImageError(fspath, UNSUPPORTED_FORMAT, f"a {image.format} image in colour mode {image.mode}")
    width, height = image.size
    if width < 1 or height < 1:
        raise ImageError(fspath, NOT_AN_IMAGE, f"its header says it is {width} x {height} pixels")
    if width * height > MAX_PIXELS:
        raise ImageError(fspath, TOO_MANY_PIXELS, f"{width} x {height}, more than {MAX_PIXELS:,}")


def _decode(fspath: str, image: ImageFile.ImageFile, raw: _TrackedFileIO) -> None:
    """Rule 5: decode all pixel data of the current (first) frame."""
    try:
        image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ImageError(fspath, TOO_MANY_PIXELS, "Pillow refuses it as a possible decompression bomb") from exc
    except _DECODE_ERRORS as exc:
        if raw.io_error is not None:
            raise ImageError(fspath, UNREADABLE, _os_detail(raw.io_error)) from exc
        raise ImageError(fspath, TRUNCATED) from exc


def _claimed_format(prefix: bytes) -> str | None:
    """The supported format whose signature `prefix` starts with, if any."""
    if prefix[:4] == b"RIFF" and prefix[8:12] == b"WEBP":
        return "WebP"
    for signature, name in _SIGNATURES:
        if prefix.startswith(signature):
            return name
    return None


@lru_cache(maxsize=1)
def _supported_modes() -> frozenset[str]:
    """The modes `to_rgb` handles here: LAB needs Pillow's LittleCMS binding."""
    try:
        from PIL import ImageCms  # noqa: F401  (optional part of Pillow)
    except ImportError:
        return _BASE_MODES
    return _BASE_MODES | {"LAB"}


# --- orientation ---------------------------------------------------------------------------------


def _orientation(image: Image.Image) -> int:
    """The EXIF orientation (1-8; 1 when absent or unreadable), read without decoding pixels."""
    try:
        # The base-class getexif: PNG's override decodes the image to look for an EXIF chunk at the end.
        value = Image.Image.getexif(image).get(_ORIENTATION_TAG, 1)
    except _EXIF_ERRORS:
        return 1
    return value if isinstance(value, int) and 1 <= value <= 8 else 1


def _stored_size(image: Image.Image) -> tuple[int, int]:
    """(width, height) of the pixels as stored in the file, before any orientation is applied.

    Newer Pillow versions report a TIFF's size already turned by its orientation tag (and turn the pixels
    when loading); the TIFF's own width and length tags say how it is stored, whatever the version.
    """
    tags = getattr(image, "tag_v2", None)
    if image.format == "TIFF" and tags is not None:
        width, height = tags.get(_TIFF_WIDTH_TAG), tags.get(_TIFF_LENGTH_TAG)
        if isinstance(width, int) and isinstance(height, int):
            return width, height
    return image.size


def _exif_upright(image: Image.Image) -> Image.Image:
    """A loaded copy of `image` turned upright by its EXIF orientation; unchanged if that is unreadable."""
    try:
        return ImageOps.exif_transpose(image)
    except _EXIF_ERRORS:
        return image.copy()


# --- conversion ----------------------------------------------------------------------------------


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


# --- small helpers -------------------------------------------------------------------------------


def _display_name(fspath: str) -> str:
    """The file name to show in messages (the whole path if it has no final component)."""
    return os.path.basename(os.path.normpath(fspath)) or fspath


def _os_detail(exc: OSError) -> str:
    """A short, lower-case description of an OS error, e.g. 'no such file or directory'."""
    text = exc.strerror or str(exc) or type(exc).__name__
    return text[:1].lower() + text[1:]


def _check_background(background: tuple[int, int, int]) -> tuple[int, int, int]:
    """Validate an RGB background colour."""
    colour = tuple(int(c) for c in background)
    if len(colour) != 3 or not all(0 <= c <= 255 for c in colour):
        raise ValueError(f"background must be three values in 0..255, not {background!r}")
    return colour  # type: ignore[return-value]


def _check_size(size: tuple[int, int]) -> tuple[int, int]:
    """Validate a (height, width) request and return Pillow's (width, height)."""
    try:
        height, width = size
    except (TypeError, ValueError):
        raise ValueError(f"size must be (height, width), not {size!r}") from None
    for value in (height, width):
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
            raise ValueError(f"size must be two positive integers (height, width), not {size!r}")
    return int(width), int(height)
