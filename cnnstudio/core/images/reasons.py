"""Why an image is refused: the reason constants, `ImageError` and the messages that say what to do.

The reasons are stable strings: scans record them (`SkippedFile.reason`), the CLI prints them and
writes them to JSON, and tests compare them. Whatever is said to a user about them is a `Message`:
`ImageError.message` names the file, the reason, a detail and what to do; `skip_reason_message` turns a
bare reason into a message a front end can translate.
"""

from __future__ import annotations

import os
from typing import Any

from ..errors import UserError
from ..messages import Message, MessageTemplate, msg, template, text

__all__ = [
    "MAX_PIXELS",
    "EMPTY_FILE",
    "NOT_AN_IMAGE",
    "TRUNCATED",
    "TOO_MANY_PIXELS",
    "UNSUPPORTED_FORMAT",
    "UNREADABLE",
    "VANISHED",
    "REASONS",
    "ImageError",
    "skip_reason_message",
]

MAX_PIXELS: int = 64_000_000
"""Images with more pixels than this are refused before decoding (decompression bombs, giant scans)."""

# Skip reasons: exact strings, shown by the GUI and the CLI and compared by tests.
EMPTY_FILE = "empty file"
NOT_AN_IMAGE = "not an image"
TRUNCATED = "truncated"
TOO_MANY_PIXELS = "too many pixels"
UNSUPPORTED_FORMAT = "unsupported format"
UNREADABLE = "unreadable"
VANISHED = "vanished"  # listed by a scan, gone when loaded: only skips have it, never an `ImageError`
REASONS: tuple[str, ...] = (
    EMPTY_FILE,
    NOT_AN_IMAGE,
    TRUNCATED,
    TOO_MANY_PIXELS,
    UNSUPPORTED_FORMAT,
    UNREADABLE,
    VANISHED,
)

# The whole sentence for each reason: the file name, a detail (a message or foreign text) and what to do.
_SENTENCES: dict[str, MessageTemplate] = {
    EMPTY_FILE: template("images.empty_file"),
    NOT_AN_IMAGE: template("images.not_an_image"),
    TRUNCATED: template("images.truncated"),
    TOO_MANY_PIXELS: template("images.too_many_pixels"),
    UNSUPPORTED_FORMAT: template("images.unsupported_format"),
    UNREADABLE: template("images.unreadable"),
}

# The detail when the code that refused the file has nothing more specific to say.

# The reason alone, as lists of skipped files show it.
_REASON_NAMES: dict[str, MessageTemplate] = {
    EMPTY_FILE: template("images.reason_empty_file"),
    NOT_AN_IMAGE: template("images.reason_not_an_image"),
    TRUNCATED: template("images.reason_truncated"),
    TOO_MANY_PIXELS: template("images.reason_too_many_pixels"),
    UNSUPPORTED_FORMAT: template("images.reason_unsupported_format"),
    UNREADABLE: template("images.reason_unreadable"),
    VANISHED: template("images.reason_vanished"),
}


def _default_detail(reason: str) -> Message:
    if reason == EMPTY_FILE:
        return msg("images.detail_zero_bytes")
    if reason == NOT_AN_IMAGE:
        return msg("images.detail_no_image_format")
    if reason == TRUNCATED:
        return msg("images.detail_damaged")
    if reason == TOO_MANY_PIXELS:
        return msg("images.detail_more_than", limit=MAX_PIXELS)
    if reason == UNSUPPORTED_FORMAT:
        return msg("images.detail_not_supported")
    return msg("images.detail_cannot_open")


def skip_reason_message(reason: str) -> Message:
    """A skip reason (`TRUNCATED`, ...) as a message a front end can translate; other text as it is."""
    template = _REASON_NAMES.get(reason)
    return template() if template is not None else text(reason)


class ImageError(UserError):
    """An image that cannot be used.

    `.reason` is one of the reason constants (`TRUNCATED`, ...), `.path` the file as given, `.detail`
    what was found (a `Message`, text from the OS or a library, or None for the reason's usual detail).
    `.message` names the file, the reason and what to do; in English, for example,
    'photo.jpg is truncated (the file ends early or its image data is damaged); re-export or remove it.'
    """

    def __init__(self, path: str | os.PathLike[str], reason: str, detail: Message | str | None = None) -> None:
        if reason not in _SENTENCES:
            raise ValueError(f"unknown image error reason {reason!r}")
        self.path = os.fspath(path)
        self.reason = reason
        self.detail = detail
        shown = _default_detail(reason) if detail is None else detail
        super().__init__(_SENTENCES[reason](name=display_name(self.path), detail=shown))

    def __reduce__(self) -> tuple[Any, ...]:
        # Keep the error picklable (worker processes send errors back) with its own arguments.
        return (type(self), (self.path, self.reason, self.detail))


def display_name(fspath: str) -> str:
    """The file name to show in messages (the whole path if it has no final component)."""
    return os.path.basename(os.path.normpath(fspath)) or fspath
