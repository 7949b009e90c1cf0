"""Data larger than memory: splits that stay on disk and are decoded batch by batch in worker processes.

`plan_splits` decides, before anything is decoded, whether the decoded, resized training and validation
splits fit a memory budget (`memory_budget`: a setting in MiB, by default a quarter of the machine's
RAM). Splits that fit are loaded into memory as before (`loading.load_split`); a split that does not
becomes a `StreamedSplit`: its file list and labels only. `batches` gives the batches of either kind
the same way, so the epoch loop does not care which it got.

Cached and streamed runs are meant to be the same run, bit for bit:

* Pixels: workers decode with the one image loader (`images.load_image`, the same resize and channels
  as `loading.load_split`) into a contiguous uint8 (B, C, H, W) batch, as the cache holds it.
* Order: the epoch's order is drawn in the main process by the run's own shuffle generator, exactly
  as for a cached split, and handed to the `DataLoader` as the batches to fetch (a list of index lists).
* Augmentation stays in the main process, on the whole batch, with the run's own augmentation
  generator (`augment.augment_batch`, batched tensor operations). Putting it in the workers would
  need a generator per worker, which draws different numbers than the run's one generator, so a
  streamed run could no longer equal a cached one, and a continued run (whose checkpoint holds that
  generator's state) could no longer equal an uninterrupted one. Decoding is the expensive part, and
  it is what the workers do; augmenting a decoded batch costs little next to the training step.

Workers are started with the "forkserver" method (where the platform has it, else "spawn"), never
"fork": forking a process whose other threads hold locks (the GUI's Qt threads, the training
QThread, PyTorch's OpenMP pool) can deadlock the child (PITFALLS.md: DataLoader workers fork a
threaded Qt process). The fork server is a fresh, single-threaded process that has imported this
module once, so each epoch's workers start in a fraction of a second. Workers live for one pass
(an epoch, or one validation) and are shut down when it ends, however it ends: a cancelled run
leaves no process behind. A file that vanished or broke since the scan is skipped with its reason,
as `load_split` skips it; a worker never raises for a bad file.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator
from dataclasses import dataclass, field

import torch
from torch.utils.data import DataLoader, Dataset

from ..images import UNREADABLE, VANISHED, ImageError, load_image
from .dataset import ImageDataset, SkippedFile

__all__ = [
    "StreamedSplit",
    "SplitPlan",
    "batches",
    "memory_budget",
    "plan_splits",
    "split_bytes",
    "stream_workers",
]

_MIB = 1024 * 1024
_FALLBACK_RAM = 8 * 1024 * _MIB  # when the platform cannot say how much RAM there is


def stream_workers() -> int:
    """Worker processes that decode a streamed split: ``$CNNSTUDIO_STREAM_WORKERS``, else min(2, cores)."""
    try:
        return max(0, int(os.environ["CNNSTUDIO_STREAM_WORKERS"]))
    except (KeyError, ValueError):
        return min(2, os.cpu_count() or 1)


def memory_budget(cache_mb: int) -> int:
    """The budget in bytes for decoded splits: `cache_mb` MiB, or with 0 a quarter of the RAM."""
    if cache_mb > 0:
        return cache_mb * _MIB
    try:
        ram = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (AttributeError, ValueError, OSError):
        ram = _FALLBACK_RAM
    return max(ram, _MIB) // 4


def split_bytes(count: int, size: tuple[int, int], channels: int) -> int:
    """What `count` decoded images of `size` take in memory (uint8 pixels and int64 labels)."""
    return count * (channels * size[0] * size[1] + 8)


@dataclass
class StreamedSplit:
    """A split kept on disk: its files and labels; `batches` decodes it batch by batch in workers.

    ``len()`` is the number of listed files. `skipped` collects the files found unusable while
    streaming (each once), for the run's log.
    """

    split: str
    paths: list[str]
    labels: torch.Tensor  # int64 (N,)
    size: tuple[int, int]
    channels: int
    skipped: list[SkippedFile] = field(default_factory=list)

    @classmethod
    def of(cls, dataset: ImageDataset, split: str, size: tuple[int, int], channels: int) -> StreamedSplit:
        items = dataset.files.get(split, [])
        labels = torch.tensor([label for _, label in items], dtype=torch.long)
        return cls(split, [path for path, _ in items], labels, tuple(size), channels)

    def __len__(self) -> int:
        return len(self.paths)

    def note_skipped(self, found: list[tuple[str, str]]) -> list[SkippedFile]:
        """Record `found` (path, reason) pairs; returns those not recorded before."""
        known = {file.path for file in self.skipped}
        new = [SkippedFile(path, reason) for path, reason in found if path not in known]
        self.skipped.extend(new)
        return new


@dataclass(frozen=True)
class SplitPlan:
    """Which splits are streamed, and the figures that decided it (bytes)."""

    streamed: tuple[str, ...]
    needed: dict[str, int]
    budget: int


def plan_splits(
    dataset: ImageDataset, splits: tuple[str, ...], size: tuple[int, int], channels: int, cache_mb: int
) -> SplitPlan:
    """Stream nothing when all of `splits` fit the budget together; else keep in memory the smallest
    splits that still fit in what is left (validation, usually), and stream the others.

    The demo set is generated in memory and is never streamed.
    """
    budget = memory_budget(cache_mb)
    needed = {split: split_bytes(dataset.split_size(split), size, channels) for split in splits}
    if dataset.is_demo or sum(needed.values()) <= budget:
        return SplitPlan((), needed, budget)
    left, streamed = budget, []
    for split in sorted(splits, key=lambda s: needed[s]):
        if needed[split] <= left:
            left -= needed[split]
        else:
            streamed.append(split)
    return SplitPlan(tuple(s for s in splits if s in streamed), needed, budget)


class _Files(Dataset):
    """What a worker holds: paths, target size and channels; item = a list of positions → one batch."""

    def __init__(self, paths: list[str], size: tuple[int, int], channels: int) -> None:
        self.paths, self.size, self.channels = paths, size, channels

    def __len__(self) -> int:
        return len(self.paths)

    def __getitem__(self, positions: list[int]) -> tuple[torch.Tensor, torch.Tensor, list[tuple[str, str]]]:
        """The decoded batch (uint8, B, C, H, W), the positions it holds, and the files skipped with why."""
        x = torch.empty((len(positions), self.channels, *self.size), dtype=torch.uint8)
        kept: list[int] = []
        skipped: list[tuple[str, str]] = []
        for position in positions:
            path = self.paths[position]
            try:
                array = load_image(path, size=self.size, channels=self.channels)
            except Exception as exc:  # a file that changed or broke after the scan: never a dead worker
                reason = exc.reason if isinstance(exc, ImageError) else UNREADABLE
                skipped.append((path, reason if os.path.lexists(path) else VANISHED))
                continue
            x[len(kept)] = torch.from_numpy(array).permute(2, 0, 1)
            kept.append(position)
        if len(kept) < len(positions):
            x = x[: len(kept)].clone()
        return x, torch.tensor(kept, dtype=torch.long), skipped


def _context():
    methods = multiprocessing.get_all_start_methods()
    if "forkserver" in methods:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload([__name__])  # the server imports torch and the loader once
        return context
    return multiprocessing.get_context("spawn")


def batches(
    x: torch.Tensor | StreamedSplit,
    y: torch.Tensor,
    batch_size: int,
    order: torch.Tensor | None = None,
    workers: int | None = None,
) -> Iterator[tuple[torch.Tensor, torch.Tensor, list[SkippedFile]]]:
    """(images, labels, files newly skipped) for each batch of `batch_size`, in `order` (default: as stored).

    For a tensor, batches are slices (no order) or index selections of it, with no process involved.
    For a `StreamedSplit`, `workers` processes (default `stream_workers()`; 0: this process) decode
    the same batches; files that fail are left out of their batch (which may then be empty).
    Close the iterator (or exhaust it) to stop the workers; a closed or collected iterator stops them too.
    """
    n = len(x) if order is None else len(order)  # an order may hold a share of the split (distributed runs)
    if not isinstance(x, StreamedSplit):
        for start in range(0, n, batch_size):
            idx = slice(start, start + batch_size) if order is None else order[start : start + batch_size]
            yield x[idx], y[idx], []
        return
    positions = order if order is not None else torch.arange(n)
    chunks = [positions[start : start + batch_size].tolist() for start in range(0, n, batch_size)]
    workers = stream_workers() if workers is None else workers
    loader = DataLoader(
        _Files(x.paths, x.size, x.channels),
        sampler=chunks,
        batch_size=None,
        num_workers=workers,
        multiprocessing_context=_context() if workers else None,
        prefetch_factor=2 if workers else None,
    )
    iterator = iter(loader)
    try:
        for images, kept, skipped in iterator:
            yield images, x.labels[kept], x.note_skipped([(str(p), str(r)) for p, r in skipped])
    finally:
        shutdown = getattr(iterator, "_shutdown_workers", None)
        if shutdown is not None:
            shutdown()  # at once, not when the iterator happens to be collected
