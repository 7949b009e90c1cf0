"""Checking files for a dataset scan, keeping each one's pixels from the same decode.

`inspect_file` is the scan's judgment of one file: the reason it cannot be used (`check_image`'s) or
its upright (width, height), and, when a size is asked for, its pixels as `load_image` gives them at
that size, from that one decode. `inspect_files` does a list of them; it is what worker processes
run (this package imports no torch, so a worker starts quickly).
"""

from __future__ import annotations

import os

import numpy as np

from .loader import check_image, decode_image, image_size
from .reasons import ImageError

__all__ = ["Inspected", "Stamp", "file_stamp", "inspect_file", "inspect_files"]

Stamp = tuple[int, int]
"""A file's (modification time in ns, size in bytes): pixels kept from a scan are good while it holds."""

Inspected = tuple[str | None, tuple[int, int] | None, np.ndarray | None, Stamp | None]
"""(reason or None, upright (width, height) or None, pixels (H, W, C) uint8 or None, the file's stamp
taken before it was decoded, with the pixels)."""


def file_stamp(path: str | os.PathLike[str]) -> Stamp | None:
    """The `Stamp` of `path` now, or None if it cannot be read."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size


def inspect_file(path: str | os.PathLike[str], size: tuple[int, int] | None = None, channels: int = 3) -> Inspected:
    """One file, decoded once: ``(reason, None, None, None)`` if unusable, else ``(None, (w, h), pixels, stamp)``.

    Pixels (and the stamp) only when `size` = (height, width) is given. The reasons are exactly `check_image`'s.
    """
    if size is not None:
        stamp = file_stamp(path)
        try:
            array, upright = decode_image(path, size=size, channels=channels)
            return None, upright, array, stamp
        except ImageError as exc:
            return exc.reason, None, None, None
        except Exception:  # noqa: BLE001 - checks but does not convert: judged as without pixels
            pass
    reason = check_image(path)
    if reason is not None:
        return reason, None, None, None
    try:
        return None, image_size(path), None, None
    except ImageError as exc:
        return exc.reason, None, None, None


def inspect_files(paths: list[str], size: tuple[int, int] | None = None, channels: int = 3) -> list[Inspected]:
    """`inspect_file` of each path, in order (one task of a worker process)."""
    return [inspect_file(path, size, channels) for path in paths]
