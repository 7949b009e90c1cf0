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

Modules: `loader` (opening and checking files: the rules above), `reasons` (the reason constants,
`ImageError` and their messages), `colour` (every colour mode to 8-bit RGB), `scanning` (a scan's check
of a file that keeps its pixels from the same decode).
"""

from __future__ import annotations

from .colour import to_rgb
from .loader import IMAGE_EXTENSIONS, check_image, decode_image, image_size, load_image, open_image
from .reasons import (
    EMPTY_FILE,
    MAX_PIXELS,
    NOT_AN_IMAGE,
    REASONS,
    TOO_MANY_PIXELS,
    TRUNCATED,
    UNREADABLE,
    UNSUPPORTED_FORMAT,
    VANISHED,
    ImageError,
    skip_reason_message,
)

__all__ = [
    "check_image",
    "decode_image",
    "EMPTY_FILE",
    "IMAGE_EXTENSIONS",
    "image_size",
    "ImageError",
    "load_image",
    "MAX_PIXELS",
    "NOT_AN_IMAGE",
    "open_image",
    "REASONS",
    "skip_reason_message",
    "to_rgb",
    "TOO_MANY_PIXELS",
    "TRUNCATED",
    "UNREADABLE",
    "UNSUPPORTED_FORMAT",
    "VANISHED",
]
