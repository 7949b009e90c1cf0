"""Copying image files: a subset of a dataset into a new folder, dropped images into a class folder.

Nothing here moves, overwrites or deletes a file of the user's: sources are only read, and a copy whose
name is taken gets a free name ("cat-2.jpg"). The one deletion is a subset copy's own undoing: a copy
that fails or is stopped midway removes exactly the files and folders it created, so a retry into the
same folder works.
"""

from __future__ import annotations

import os
import random
import shutil
from collections.abc import Generator, Iterable
from pathlib import Path

from ..errors import DatasetError
from ..events import Event, LogMessage, Progress
from ..images import check_image, skip_reason_message
from ..messages import Message, msg, text
from .dataset import SPLITS, ImageDataset

__all__ = ["make_subset", "subset_counts", "copy_into_class", "check_new_folder"]


def check_new_folder(folder: str | os.PathLike[str]) -> Path:
    """`folder` as a path if it is new or an empty folder; else a `DatasetError` (nothing is ever overwritten)."""
    target = Path(folder).expanduser()
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise DatasetError(msg("data.folder_not_empty", folder=str(target)))
    return target


def make_subset(
    dataset: ImageDataset, out: str | os.PathLike[str], per_class: dict[str, int], *, seed: int = 0
) -> Generator[Event, None, dict[str, dict[str, int]]]:
    """Copy N images per class per split into `out` as train/, validation/, test/ class folders.

    From split folders each split draws from its own folder; otherwise each class's images are
    shuffled with `seed` and cut into disjoint slices (as the book builds its 1000/500/500 cats and
    dogs). The source is never modified; `out` must be new or empty. Returns what was copied.
    """
    if dataset.is_demo:
        raise DatasetError(msg("data.subset_of_demo"))
    counts = _parse_counts(per_class)
    target = check_new_folder(out)
    source = Path(dataset.source)
    if target.resolve().is_relative_to(source.resolve()):
        raise DatasetError(msg("data.subset_inside_source", folder=str(target), source=str(source)))
    plan = _plan(dataset, counts, seed)
    copied = _tally(dataset, counts, plan)
    short = _shortfalls(copied, counts)
    if short:
        yield LogMessage(msg("data.not_enough_images", shortfalls=_joined(short)), "warning")
    yield Progress(msg("data.copying"), 0, len(plan))
    created: list[Path] = []  # folders and files this copy made, in the order it made them
    try:
        for i, (path, split, name) in enumerate(plan, 1):
            _copy_one(path, target, split, name, created)
            if i % 32 == 0 or i == len(plan):
                yield Progress(msg("data.copying"), i, len(plan))
    except BaseException:  # a vanished source, a full disk, a cancelled job: leave nothing half-written
        _undo(created)
        raise
    return copied


def subset_counts(
    dataset: ImageDataset, per_class: dict[str, int], *, seed: int = 0
) -> tuple[dict[str, dict[str, int]], list[Message]]:
    """What `make_subset` would copy, without copying: {split: {class: n}}, and one message per class and
    split that gets fewer images than asked (empty when every request can be met)."""
    counts = _parse_counts(per_class)
    copied = _tally(dataset, counts, _plan(dataset, counts, seed))
    return copied, _shortfalls(copied, counts)


def _tally(dataset: ImageDataset, counts: dict[str, int], plan) -> dict[str, dict[str, int]]:
    copied = {split: {name: 0 for name in dataset.class_names} for split in SPLITS if counts[split]}
    for _, split, name in plan:
        copied[split][name] += 1
    return copied


def _shortfalls(copied: dict[str, dict[str, int]], counts: dict[str, int]) -> list[Message]:
    return [
        msg("data.shortfall", class_name=name, split=split, count=n, requested=counts[split])
        for split, per in copied.items()
        for name, n in per.items()
        if n < counts[split]
    ]


def _make_folder(folder: Path, created: list[Path]) -> None:
    """Create `folder` and any missing parents, recording each one created."""
    missing = []
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    for each in reversed(missing):
        each.mkdir()
        created.append(each)


def _copy_one(path: str, target: Path, split: str, name: str, created: list[Path]) -> None:
    """Copy one planned file into `target`/`split`/`name`; an `OSError` becomes a `DatasetError` naming it."""
    try:
        folder = target / split / name
        _make_folder(folder, created)
        destination = _unique(folder / Path(path).name)
        created.append(destination)  # before copying: a copy that fails midway may leave part of it
        shutil.copy2(path, destination)
    except OSError as exc:
        if not os.path.lexists(path):
            raise DatasetError(msg("data.subset_source_vanished", file=path, folder=str(target))) from exc
        error = text(exc.strerror or str(exc))
        raise DatasetError(msg("data.subset_copy_failed", file=path, folder=str(target), error=error)) from exc


def _undo(created: list[Path]) -> None:
    """Remove what a failed copy created, newest first; folders only once empty (nothing else is touched)."""
    for path in reversed(created):
        try:
            if path.is_dir() and not path.is_symlink():
                path.rmdir()
            else:
                path.unlink(missing_ok=True)
        except OSError:
            pass  # something else now lives there, or it cannot be removed: leave it


def copy_into_class(dataset: ImageDataset, class_name: str, paths: Iterable[str]) -> list[str]:
    """Copy image files into a class's (training) folder without overwriting; returns the new paths.

    Only layouts with class folders on disk accept new images. Nothing is moved or deleted.
    """
    if dataset.layout == "split-folders":
        folder = Path(dataset.source) / "train" / class_name
        if not folder.is_dir():
            folder = next(
                (d / class_name for d in Path(dataset.source).iterdir() if d.name.lower() in ("train", "training")),
                folder,
            )
    elif dataset.layout == "class-folders":
        folder = Path(dataset.source) / class_name
    else:
        raise DatasetError(msg("data.no_class_folders"))
    if class_name not in dataset.class_names:
        raise DatasetError(msg("data.not_a_class", class_name=class_name, dataset=dataset.name))
    sources = [Path(p) for p in paths]
    for source in sources:  # all or nothing: check every file before copying any
        reason = check_image(source)
        if reason is not None:
            raise DatasetError(
                msg("data.cannot_add", file=source.name, class_name=class_name, reason=skip_reason_message(reason))
            )
    added = []
    for source in sources:
        destination = _unique(folder / source.name)
        shutil.copy2(source, destination)
        added.append(str(destination))
    return added


def _parse_counts(per_class: dict[str, int]) -> dict[str, int]:
    unknown = set(per_class) - set(SPLITS)
    if unknown:
        raise DatasetError(msg("data.unknown_splits", splits=", ".join(sorted(unknown))))
    if any(n < 0 for n in per_class.values()):
        raise DatasetError(msg("data.negative_count"))
    return {split: int(per_class.get(split, 0)) for split in SPLITS}


def _plan(dataset: ImageDataset, counts: dict[str, int], seed: int) -> list[tuple[str, str, str]]:
    """Which files to copy: (source path, split, class name), drawn with generators of their own."""
    plan: list[tuple[str, str, str]] = []
    splits = [split for split in SPLITS if counts[split]]
    for label, name in enumerate(dataset.class_names):
        if dataset.layout == "split-folders":
            for split in splits:
                members = sorted(p for p, lbl in dataset.files.get(split, []) if lbl == label)
                random.Random(f"{seed}:{split}:{label}").shuffle(members)
                plan += [(p, split, name) for p in members[: counts[split]]]
        else:
            members = sorted(p for p, lbl in dataset.pool if lbl == label)
            random.Random(f"{seed}:{label}").shuffle(members)
            start = 0
            for split in splits:
                plan += [(p, split, name) for p in members[start : start + counts[split]]]
                start += counts[split]
    return plan


def _joined(messages: list[Message]) -> Message:
    """Several messages as one, separated by "; " (a separator the translation can change too)."""
    result = messages[-1]
    for message in reversed(messages[:-1]):
        result = msg("data.list_more", first=message, rest=result)
    return result


def _unique(path: Path) -> Path:
    candidate, n = path, 2
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
        n += 1
    return candidate
