"""Loading splits into memory: decoded, resized uint8 tensors, kept in caches with a byte budget.

`load_split` decodes and resizes one split into a uint8 (N, C, H, W) tensor, so that later epochs and
later runs on the same data at the same size decode nothing. Files whose pixels the scan kept at this
size (`decoded`) are not decoded at all: each file is decoded once per scan and training. Two `ByteBudgetCache`s hold what is
kept, each never more than its budget (least recently used entries go first):

* "splits" (`SPLIT_CACHE`): loaded splits. Budget ``$CNNSTUDIO_SPLITS_CACHE_MB``, by default
  ``$CNNSTUDIO_CACHE_MB``, else 2048 MiB.
* "demo" (`DEMO_CACHE`): the demo set's generated arrays, which split loading and the gallery's
  thumbnails draw from. Budget ``$CNNSTUDIO_DEMO_CACHE_MB``, else 64 MiB (all three splits of one
  seed take about 22 MiB).

Change a budget at run time with ``cnnstudio.core.cache.configure(splits=..., demo=...)`` (MiB).

Training loads a split here only when it fits the run's own memory budget (``TrainConfig.cache_mb``);
a split that does not is streamed from disk, decoded by the same `load_image` call in worker
processes (`streaming`), so both paths give the same pixels.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Generator, Iterable

import numpy as np
import torch

from ..cache import ByteBudgetCache, cache_budget_from_env
from ..errors import DatasetError
from ..events import Event, LogMessage, Progress
from ..images import UNREADABLE, VANISHED, ImageError, load_image
from ..messages import msg
from . import decoded, demo
from ._pool import map_in_chunks
from .dataset import ImageDataset, SkippedFile

__all__ = ["SPLIT_CACHE", "DEMO_CACHE", "LoadedSplit", "load_split", "files_digest", "clear_cache", "demo_arrays"]

_STACK = 1024  # images put into the split tensor at a time

LoadedSplit = tuple[torch.Tensor, torch.Tensor, list[SkippedFile]]
"""uint8 images (N, C, H, W), int64 labels (N,), and the files that could not be decoded."""


def _default_split_budget_mb() -> int:
    """The split cache's default budget: ``$CNNSTUDIO_CACHE_MB`` (its name before the caches had names), or 2 GiB."""
    try:
        return int(float(os.environ.get("CNNSTUDIO_CACHE_MB", "2048")))
    except ValueError:
        return 2048


def _split_bytes(value: LoadedSplit) -> int:
    x, y, _ = value
    return x.untyped_storage().nbytes() + y.untyped_storage().nbytes()


def _demo_bytes(value: tuple[np.ndarray, np.ndarray]) -> int:
    images, labels = value
    return images.nbytes + labels.nbytes


SPLIT_CACHE: ByteBudgetCache[tuple, LoadedSplit] = ByteBudgetCache(
    "splits", cache_budget_from_env("splits", _default_split_budget_mb()), _split_bytes
)
DEMO_CACHE: ByteBudgetCache[tuple[str, int], tuple[np.ndarray, np.ndarray]] = ByteBudgetCache(
    "demo", cache_budget_from_env("demo", 64), _demo_bytes
)


def clear_cache() -> None:
    """Forget every loaded split, every generated demo split, and the pixels a scan kept."""
    SPLIT_CACHE.clear()
    DEMO_CACHE.clear()
    decoded.forget()


def files_digest(dataset: ImageDataset, splits: Iterable[str]) -> str:
    """A fingerprint of which files (with which labels) make up `splits`: part of cache keys.

    Paths are hashed as the bytes the file system holds (`os.fsencode`), so a name that is not valid
    UTF-8 (a Latin-1 ``café.jpg`` from an old zip file, held as a lone surrogate) hashes losslessly.
    """
    digest = hashlib.sha1()
    for split in splits:
        for path, label in dataset.files.get(split, []):
            digest.update(b"%s\0%s\0%d\n" % (split.encode(), os.fsencode(path), int(label)))
    return digest.hexdigest()


def demo_arrays(split: str, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """The demo split's images (N, H, W, 3) and labels, generated once and kept in `DEMO_CACHE`.

    The arrays are shared: read them, never write to them.
    """
    key = (split, int(seed))
    arrays = DEMO_CACHE.get(key)
    if arrays is None:
        arrays = demo.generate_demo_split(split, seed=seed)
        DEMO_CACHE.put(key, arrays)
    return arrays


def _cache_key(dataset: ImageDataset, split: str, size: tuple[int, int], channels: int) -> tuple:
    return (
        dataset.source,
        dataset.seed if dataset.is_demo else 0,
        split,
        tuple(size),
        channels,
        files_digest(dataset, [split]),
    )


def load_split(
    dataset: ImageDataset, split: str, size: tuple[int, int], channels: int = 3
) -> Generator[Event, None, LoadedSplit]:
    """Decode and resize one split: uint8 images (N, C, H, W), int64 labels (N,), files skipped now.

    Results are kept in `SPLIT_CACHE`, so a second run on the same data at the same size starts at
    once. The tensors may be shared with the cache and with other runs: read them, never write to them.

    A listed file that no longer exists is skipped as `VANISHED`. A class whose files in this split were
    all listed but none could be loaded (its folder deleted since the scan) is a `DatasetError`: a run
    must never train or score on fewer classes than the dataset names.
    """
    key = _cache_key(dataset, split, size, channels)
    cached = SPLIT_CACHE.get(key)
    if cached is not None:
        x, y, skipped = cached
        yield Progress(msg("data.loading_cached", split=split), len(x), len(x))
        return x, y, list(skipped)
    if dataset.is_demo:
        result = yield from _load_demo(dataset, split, size, channels)
    else:
        result = yield from _load_files(dataset.files.get(split, []), dataset.source, split, size, channels)
        _check_no_class_emptied(dataset, split, result[1])
    SPLIT_CACHE.put(key, result)
    x, y, skipped = result
    return x, y, list(skipped)


def _load_demo(
    dataset: ImageDataset, split: str, size: tuple[int, int], channels: int
) -> Generator[Event, None, LoadedSplit]:
    yield Progress(msg("data.generating", split=split), 0, 1)
    images, labels = demo_arrays(split, dataset.seed)
    x = torch.from_numpy(images).permute(0, 3, 1, 2)
    if channels == 1:
        weights = torch.tensor([0.299, 0.587, 0.114]).view(1, 3, 1, 1)
        x = (x.float() * weights).sum(1, keepdim=True).round().to(torch.uint8)
    if tuple(x.shape[-2:]) != tuple(size):
        x = torch.nn.functional.interpolate(x.float(), size=size, mode="bilinear", antialias=True, align_corners=False)
        x = x.round().clamp(0, 255).to(torch.uint8)
    yield Progress(msg("data.generating", split=split), 1, 1)
    # Copies, never views of the demo cache's arrays: evicting those must free their memory.
    return x.contiguous(), torch.tensor(labels, dtype=torch.long), []


def _load_files(
    items: list[tuple[str, int]], source: str, split: str, size: tuple[int, int], channels: int
) -> Generator[Event, None, LoadedSplit]:
    """Decode and resize `items`, in order; files whose pixels a scan kept (`decoded`) are not decoded again."""
    total = len(items)
    arrays: list[np.ndarray | None] = [decoded.take(source, size, channels, path) for path, _ in items]
    reasons: dict[int, str] = {}
    missing = [i for i, array in enumerate(arrays) if array is None]

    def decode(i: int) -> tuple[np.ndarray | None, str]:
        path = items[i][0]
        try:
            return load_image(path, size=size, channels=channels), ""
        except ImageError as exc:
            reason = exc.reason
        except Exception:  # a file that changed or broke after the scan
            reason = UNREADABLE
        return None, reason if os.path.lexists(path) else VANISHED

    def consume(i: int, result: tuple[np.ndarray | None, str]) -> None:
        arrays[i], reason = result
        if arrays[i] is None:
            reasons[i] = reason

    if missing:
        yield from map_in_chunks(decode, missing, msg("data.loading", split=split), consume)
    else:
        yield Progress(msg("data.loading", split=split), total, total)
    skipped = [SkippedFile(items[i][0], reasons[i]) for i in sorted(reasons)]
    kept = [i for i in range(total) if arrays[i] is not None]
    x = torch.empty((len(kept), channels, *size), dtype=torch.uint8)
    for start in range(0, len(kept), _STACK):
        rows = kept[start : start + _STACK]
        x[start : start + len(rows)] = torch.from_numpy(np.stack([arrays[i] for i in rows])).permute(0, 3, 1, 2)
        for i in rows:
            arrays[i] = None  # free as we go: the split holds the pixels now
    vanished = sum(1 for file in skipped if file.reason == VANISHED)
    if vanished:
        yield LogMessage(msg("data.skipped_vanished", count=vanished, split=split), "warning")
    if len(skipped) > vanished:
        yield LogMessage(msg("data.skipped_undecodable", count=len(skipped) - vanished, split=split), "warning")
    return x, torch.tensor([items[i][1] for i in kept], dtype=torch.long), skipped


def _check_no_class_emptied(dataset: ImageDataset, split: str, labels: torch.Tensor) -> None:
    """A `DatasetError` naming the classes that had files listed in `split` but kept no image."""
    listed = {int(label) for _, label in dataset.files.get(split, [])}
    kept = set(labels.tolist())
    emptied = [name for label, name in enumerate(dataset.class_names) if label in listed and label not in kept]
    if emptied:
        raise DatasetError(
            msg("data.classes_emptied", classes=", ".join(emptied), split=split, folder=str(dataset.source))
        )
