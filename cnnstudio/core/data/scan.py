"""Scanning a folder: find its layout, check every file, split the images; the user's folder is only read.

`scan_folder` is a job step: it yields progress while it fully decodes every candidate file (so a
broken file is found now, not in the middle of training) and returns an `ImageDataset`. Hidden files
and folders and the junk file managers leave behind are ignored; everything else that cannot be used
is listed in `ImageDataset.skipped` with its reason.

Given the size and channels training will ask for (`decode_size`, `channels`), the scan keeps each
file's pixels from that one decode, resized, for `loading.load_split` (see `decoded`), when they fit
the memory budget (`cache_mb`, as a run's). Many files are decoded in worker processes
(`_pool.decode_processes`), a few in threads.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Generator
from pathlib import Path

from ..errors import DatasetError
from ..events import Event, LogMessage
from ..images import IMAGE_EXTENSIONS, UNREADABLE
from ..images.scanning import Inspected, inspect_file, inspect_files
from ..messages import Message, msg
from . import decoded
from ._pool import decode_processes, map_in_chunks, map_in_processes
from .dataset import SPLITS, ImageDataset, SkippedFile, stratified_split

__all__ = ["scan_folder", "open_folder", "run_to_end"]

_SPLIT_ALIASES = {
    "train": "train",
    "training": "train",
    "validation": "validation",
    "val": "validation",
    "valid": "validation",
    "test": "test",
    "testing": "test",
}
# Files a file manager or OS leaves beside images: never reported as skipped.
_JUNK = {"thumbs.db", "desktop.ini", "readme", "readme.txt", "readme.md", "license", "license.txt"}
_PREFIX = re.compile(r"^(.+?)[._-]\d+$")
# Fewer files than this are decoded in threads: starting worker processes would cost more.
PROCESS_THRESHOLD = 2000


# One candidate file: its path (a string: thousands of Path objects cost seconds), its class name, and
# its split (None: ours to choose).
_Entry = tuple[str, str, str | None]


def run_to_end(gen: Generator[Event, None, object]) -> object:
    """Run a job step to completion, ignoring its events; return its result (CLI and tests)."""
    while True:
        try:
            next(gen)
        except StopIteration as stop:
            return stop.value


def open_folder(folder: str | os.PathLike[str], **kwargs) -> ImageDataset:
    """`scan_folder` run to completion."""
    return run_to_end(scan_folder(folder, **kwargs))  # type: ignore[return-value]


def scan_folder(
    folder: str | os.PathLike[str],
    *,
    val_fraction: float = 0.15,
    test_fraction: float = 0.15,
    seed: int = 0,
    decode_size: tuple[int, int] | None = None,
    channels: int = 3,
    cache_mb: int = 0,
) -> Generator[Event, None, ImageDataset]:
    """Detect the layout of `folder`, check every file, and split; a job step that yields progress.

    With `decode_size` = (height, width), each file's pixels at that size and `channels` are kept
    for loading (when all fit `cache_mb`, 0: a quarter of the RAM), so training decodes nothing again.
    """
    root = Path(folder).expanduser()
    if not root.exists():
        raise DatasetError(msg("data.folder_missing", folder=str(root)))
    if not root.is_dir():
        raise DatasetError(msg("data.not_a_folder", folder=str(root)))
    root = root.resolve()
    layout, entries, class_order, notes = _find_entries(root)
    if not entries:
        raise DatasetError(msg("data.no_image_files", folder=str(root), extensions=", ".join(IMAGE_EXTENSIONS)))

    keeping = _keeping(root, entries, decode_size, channels, cache_mb)
    good, skipped, sizes = yield from _check_all([p for p, _, _ in entries], keeping)
    if keeping is not None:  # a scan that only checks (an evaluation's, say) leaves another's pixels be
        decoded.keep(keeping)
    usable = set(good)
    per_class = {name: 0 for name in class_order}
    for path, name, _ in entries:
        if path in usable:
            per_class[name] += 1
    empty = [name for name, n in per_class.items() if n == 0]
    class_names = tuple(name for name in class_order if per_class[name] > 0)
    if len(class_names) < 2:
        found = msg("data.found_only", name=class_names[0]) if class_names else msg("data.found_none")
        if empty:
            found = msg("data.found_with_empty", found=found, empty=", ".join(empty))
        raise DatasetError(msg("data.too_few_classes", folder=str(root), found=found))
    for note in notes:
        yield LogMessage(note, "warning")
    if empty:
        yield LogMessage(msg("data.empty_classes", names=", ".join(empty)), "warning")
    if skipped:
        yield LogMessage(msg("data.skipped_files", count=len(skipped)), "warning")
    label_of = {name: i for i, name in enumerate(class_names)}
    dataset = ImageDataset(
        name=root.name,
        source=str(root),
        layout=layout,
        class_names=class_names,
        skipped=skipped,
        empty_classes=empty,
        image_sizes=_size_summary(sizes),
        seed=seed,
        val_fraction=val_fraction,
        test_fraction=test_fraction,
    )
    if layout == "split-folders":
        dataset.files = {split: [] for split in SPLITS}
        for path, name, split in entries:
            if path in usable and name in label_of:
                dataset.files[split].append((path, label_of[name]))  # type: ignore[index]
        if not dataset.files["train"]:
            raise DatasetError(msg("data.no_usable_train", folder=str(root)))
        if not dataset.files["validation"]:
            yield LogMessage(msg("data.no_validation_folder"), "warning")
    else:
        dataset.pool = [(p, label_of[name]) for p, name, _ in entries if p in usable]
        dataset.files = stratified_split(dataset.pool, len(class_names), val_fraction, test_fraction, seed)
    return dataset


def _find_entries(root: Path) -> tuple[str, list[_Entry], list[str], list[Message]]:
    """The layout of `root`, its candidate files, its class names in order, and notes for the log."""
    subdirs = _visible_dirs(root)
    split_dirs: dict[str, Path] = {}
    for d in subdirs:
        split = _SPLIT_ALIASES.get(d.name.lower())
        if split and split not in split_dirs:
            split_dirs[split] = d
    entries: list[_Entry] = []
    notes: list[Message] = []
    if "train" in split_dirs:
        class_dirs = {d.name: d for d in _visible_dirs(split_dirs["train"])}
        for split, sdir in split_dirs.items():
            for cdir in _visible_dirs(sdir):
                if cdir.name not in class_dirs:
                    notes.append(msg("data.unmatched_class", folder=str(cdir), train=split_dirs["train"].name))
                    continue
                entries += [(p, cdir.name, split) for p in _candidate_files(cdir)]
        return "split-folders", entries, list(class_dirs), notes
    if subdirs:
        for cdir in subdirs:
            entries += [(p, cdir.name, None) for p in _candidate_files(cdir)]
        loose = [p for p in _candidate_files(root, recursive=False) if _suffix(p) in IMAGE_EXTENSIONS]
        if loose:
            notes.append(msg("data.loose_images", count=len(loose), folder=root.name))
        return "class-folders", entries, [d.name for d in subdirs], notes
    files = _candidate_files(root, recursive=False)
    if not files:
        raise DatasetError(msg("data.nothing_in_folder", folder=str(root)))
    labelled = [(p, _prefix_label(p)) for p in files]
    entries = [(p, label, None) for p, label in labelled if label is not None]
    unlabelled = len(labelled) - len(entries)
    if unlabelled:
        notes.append(msg("data.no_prefix", count=unlabelled))
    return "flat-prefix", entries, sorted({name for _, name, _ in entries}), notes


def _visible_dirs(folder: Path) -> list[Path]:
    try:
        return sorted(
            (p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")), key=lambda p: p.name.lower()
        )
    except OSError as exc:
        raise DatasetError(msg("data.cannot_read_folder", folder=str(folder), error=exc.strerror or str(exc))) from exc


def _candidate_files(folder: Path, recursive: bool = True) -> list[str]:
    """Every visible file that could be an image (hidden files and folders, and OS junk, are ignored)."""
    files: list[str] = []
    if not recursive:
        return [str(p) for p in sorted(p for p in folder.iterdir() if p.is_file() and _is_candidate(p.name))]
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        files += [os.path.join(root, n) for n in sorted(names) if _is_candidate(n)]
    return files


def _suffix(path: str) -> str:
    return os.path.splitext(path)[1].lower()


def _is_candidate(name: str) -> bool:
    return not name.startswith(".") and name.lower() not in _JUNK


def _prefix_label(path: str) -> str | None:
    match = _PREFIX.match(os.path.splitext(os.path.basename(path))[0])
    return match.group(1).lower() if match else None


def _keeping(
    root: Path, entries: list[_Entry], size: tuple[int, int] | None, channels: int, cache_mb: int
) -> decoded.ScanPixels | None:
    """Where the scan keeps pixels: None without a size, or when they would not all fit the budget."""
    if size is None:
        return None
    from .streaming import memory_budget, split_bytes  # the run's own rule (imports torch: only here)

    if split_bytes(len(entries), size, channels) > memory_budget(cache_mb):
        return None
    return decoded.ScanPixels(str(root), tuple(size), channels)


def _check_all(
    paths: list[str], keeping: decoded.ScanPixels | None
) -> Generator[Event, None, tuple[list[str], list[SkippedFile], list[tuple[int, int]]]]:
    """Decode every file once; the usable ones with their sizes, and the skipped ones with their reasons.

    The pixels go into `keeping` (when given), at its size and channels.
    """
    good: list[str] = []
    skipped: list[SkippedFile] = []
    sizes: list[tuple[int, int]] = []
    size = keeping.size if keeping is not None else None
    channels = keeping.channels if keeping is not None else 3

    def consume(path: str, result: Inspected) -> None:
        reason, dimensions, pixels, stamp = result
        if reason is None and dimensions is not None:
            good.append(path)
            sizes.append(dimensions)
            if keeping is not None and pixels is not None and stamp is not None:
                keeping.add(path, pixels, stamp)
        else:
            skipped.append(SkippedFile(path, reason or UNREADABLE))

    message = msg("data.checking_images")
    workers = decode_processes()
    if workers > 1 and len(paths) >= PROCESS_THRESHOLD:
        task = functools.partial(inspect_files, size=size, channels=channels)
        yield from map_in_processes(task, paths, message, consume, workers)
    else:
        yield from map_in_chunks(lambda p: inspect_file(p, size, channels), paths, message, consume)
    return good, skipped, sizes


def _size_summary(sizes: list[tuple[int, int]]) -> dict[str, tuple[int, int]]:
    if not sizes:
        return {}
    areas = sorted(sizes, key=lambda s: (s[0] * s[1], s))
    return {"min": areas[0], "median": areas[len(areas) // 2], "max": areas[-1]}
