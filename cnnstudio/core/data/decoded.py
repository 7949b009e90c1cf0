"""A scan's decoded pixels, kept until training loads its splits: each file is decoded once.

A scan asked for a size (`scan.scan_folder(decode_size=..., channels=...)`) checks every file by
decoding it, as always, and keeps what that decode gave, resized as training will ask for it. The
pixels of the latest such scan are kept here (one scan at a time: a new scan replaces them), and
only when all of its files fit the run's memory budget (`streaming.memory_budget`, as
`streaming.plan_splits` judges the splits); otherwise nothing is kept and loading decodes as before.

`loading.load_split` takes a file's pixels from here when the dataset, size and channels match and
the file is unchanged since the scan (same modification time and size); each file's pixels are handed
out once (the loaded split, in the split cache, holds them from then on), so memory is not held
twice. Anything else, a size changed since the scan included, is decoded again (and a load of the
dataset at another size drops what its scan kept).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

import numpy as np

from ..images.scanning import Stamp, file_stamp

__all__ = ["ScanPixels", "keep", "take", "forget", "kept_bytes"]


@dataclass
class ScanPixels:
    """The pixels one scan decoded: for dataset `source`, at `size` (height, width) and `channels`."""

    source: str
    size: tuple[int, int]
    channels: int
    files: dict[str, tuple[np.ndarray, Stamp]] = field(default_factory=dict)
    nbytes: int = 0

    def add(self, path: str, pixels: np.ndarray, stamp: Stamp) -> None:
        self.files[path] = (pixels, stamp)
        self.nbytes += pixels.nbytes


_lock = threading.Lock()
_kept: ScanPixels | None = None


def keep(pixels: ScanPixels | None) -> None:
    """Keep `pixels` (None: nothing), in place of whatever an earlier scan kept."""
    global _kept
    with _lock:
        _kept = pixels if pixels is not None and pixels.files else None


def take(source: str, size: tuple[int, int], channels: int, path: str) -> np.ndarray | None:
    """The kept pixels of `path` (H, W, C uint8) if a scan of `source` kept them at this size and
    channels and the file is unchanged since; they are handed out once. None: decode it.

    Asking for `source` at another size or channels drops what its scan kept.
    """
    global _kept
    with _lock:
        kept = _kept
        if kept is None or kept.source != source:
            return None
        if kept.size != tuple(size) or kept.channels != channels:
            _kept = None  # this dataset is now loaded at another size: those pixels would only take memory
            return None
        entry = kept.files.pop(path, None)
        if entry is None:
            return None
        pixels, stamp = entry
        kept.nbytes -= pixels.nbytes
        if not kept.files:
            _kept = None
    return pixels if file_stamp(path) == stamp else None


def forget() -> None:
    """Drop whatever a scan kept."""
    keep(None)


def kept_bytes() -> int:
    """Bytes of pixels kept now."""
    with _lock:
        return 0 if _kept is None else _kept.nbytes
