"""Opening and checking image files: the rules that decide whether a file is a usable image.

See the package's docstring for the rules and their order. Everything here raises `ImageError` with
one of the reason constants; `check_image` returns the reason instead.
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
from typing import Any

import numpy as np
from PIL import Image, ImageFile, ImageOps, UnidentifiedImageError

from ..messages import msg
from .colour import supported_modes, to_rgb
from .reasons import (
    EMPTY_FILE,
    MAX_PIXELS,
    NOT_AN_IMAGE,
    TOO_MANY_PIXELS,
    TRUNCATED,
    UNREADABLE,
    UNSUPPORTED_FORMAT,
    ImageError,
)

__all__ = ["IMAGE_EXTENSIONS", "check_image", "open_image", "load_image", "decode_image", "image_size"]

IMAGE_EXTENSIONS: tuple[str, ...] = (".jpg", ".jpeg", ".png", ".bmp", ".gif", ".webp", ".tif", ".tiff")
"""File name extensions (lowercase, with the dot) that dataset scans treat as images."""

# Pillow format names accepted; MPO is what Pillow calls a JPEG with extra (e.g. depth or preview) frames.
_SUPPORTED_FORMATS = frozenset({"JPEG", "MPO", "PNG", "BMP", "GIF", "WEBP", "TIFF"})


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

# What was found, said inside an ImageError's sentence.


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


def load_image(path: str | os.PathLike[str], *, size: tuple[int, int] | None = None, channels: int = 3) -> np.ndarray:
    """Load `path` as a writable uint8 array of shape (height, width, channels).

    `open_image`, then grayscale ('L' from the RGB result) when `channels` is 1, then a bilinear,
    antialiased resize to `size` = (height, width) when given. Always 3-D: grayscale is (H, W, 1).
    Raises `ImageError` for unusable files and ValueError for bad arguments.
    """
    return decode_image(path, size=size, channels=channels)[0]


def decode_image(
    path: str | os.PathLike[str], *, size: tuple[int, int] | None = None, channels: int = 3
) -> tuple[np.ndarray, tuple[int, int]]:
    """`load_image`'s array and the image's upright (width, height) before resizing, from one decode.

    Raises `ImageError` exactly when `check_image` would give a reason (the same reason), since both
    apply the same rules; a scan uses it to check a file and keep its pixels at once.
    """
    if channels not in (1, 3):
        raise ValueError(f"channels must be 1 or 3, not {channels!r}")
    target = _check_size(size) if size is not None else None
    with _checked_image(path, decode=True) as opened:
        image = _exif_upright(opened)
    upright = image.size
    if channels == 1 and image.mode == "L" and "transparency" not in image.info:
        pass  # already what to_rgb then convert("L") gives (grey R = G = B converts back exactly), only faster
    else:
        image = to_rgb(image)
        if channels == 1:
            image = image.convert("L")
    if target is not None and image.size != target:
        image = image.resize(target, Image.Resampling.BILINEAR, reducing_gap=3.0)
    array = np.array(image, dtype=np.uint8)
    if array.ndim == 2:
        array = array[:, :, np.newaxis]
    return array, upright


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
            raise ImageError(fspath, UNREADABLE, msg("images.detail_folder"))
        if not stat.S_ISREG(info.st_mode):
            raise ImageError(fspath, UNREADABLE, msg("images.detail_not_regular"))
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
        raise ImageError(fspath, TOO_MANY_PIXELS, msg("images.detail_bomb")) from exc
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
            raise ImageError(fspath, TRUNCATED, msg("images.detail_damaged_header", format=claimed)) from exc
        raise ImageError(fspath, NOT_AN_IMAGE) from exc


def _check_header(fspath: str, image: ImageFile.ImageFile) -> None:
    """Rules 3 and 4: a supported format and mode, and not too many pixels, judged from the header."""
    if image.format not in _SUPPORTED_FORMATS:
        described = f"{image.format}: {image.format_description}" if image.format_description else image.format
        detail = msg("images.detail_other_format", format=described or msg("images.detail_unknown_format"))
        raise ImageError(fspath, UNSUPPORTED_FORMAT, detail)
    if image.mode not in supported_modes():
        raise ImageError(
            fspath, UNSUPPORTED_FORMAT, msg("images.detail_colour_mode", format=image.format, mode=image.mode)
        )
    width, height = image.size
    if width < 1 or height < 1:
        raise ImageError(fspath, NOT_AN_IMAGE, msg("images.detail_header_size", width=width, height=height))
    if width * height > MAX_PIXELS:
        raise ImageError(
            fspath, TOO_MANY_PIXELS, msg("images.detail_pixels", width=width, height=height, limit=MAX_PIXELS)
        )


def _decode(fspath: str, image: ImageFile.ImageFile, raw: _TrackedFileIO) -> None:
    """Rule 5: decode all pixel data of the current (first) frame."""
    try:
        image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ImageError(fspath, TOO_MANY_PIXELS, msg("images.detail_bomb")) from exc
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


# --- small helpers -------------------------------------------------------------------------------


def _os_detail(exc: OSError) -> str:
    """A short, lower-case description of an OS error, e.g. 'no such file or directory'."""
    text = exc.strerror or str(exc) or type(exc).__name__
    return text[:1].lower() + text[1:]


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
