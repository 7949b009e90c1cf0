"""Managing the runs of a workspace: renaming and deleting run folders, and reading what compares them.

A run that is training (another process, or this one, holds the folder's lock) is never renamed or
deleted, and only a real run folder (one holding a run's config.json or status.json) is deleted:
a slip of the finger on a folder the user keeps something else in deletes nothing.
"""

from __future__ import annotations

import math
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import RunFolderError, UserError
from ..messages import msg
from .folder import CONFIG, STATUS, RunFolder, lock_holder
from .listing import RunEntry, list_runs, read_run

__all__ = ["RunCurves", "RunDetails", "delete_run", "list_details", "read_curves", "read_details", "rename_run"]

_NAME_LIMIT = 200


@dataclass
class RunCurves:
    """A run's per-epoch history as columns (NaN where an epoch lacks a value)."""

    epochs: list[int] = field(default_factory=list)
    train_loss: list[float] = field(default_factory=list)
    train_accuracy: list[float] = field(default_factory=list)
    val_loss: list[float] = field(default_factory=list)
    val_accuracy: list[float] = field(default_factory=list)
    phases: list[str] = field(default_factory=list)  # "train", or "head" / "fine-tune" for transfer learning

    def __len__(self) -> int:
        return len(self.epochs)


@dataclass
class RunDetails:
    """What the Runs dock shows and compares of one run: its entry, its curves and a few more figures."""

    entry: RunEntry
    curves: RunCurves
    transfer_mode: str | None = None  # "feature-extraction", "fine-tune", ...; None for a model from scratch
    final_val_loss: float | None = None  # after the last finished epoch

    @property
    def run_dir(self) -> str:
        return self.entry.run_dir


def _value(row: dict[str, Any], key: str) -> float:
    value = row.get(key)
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else math.nan


def read_curves(run_dir: str | os.PathLike[str]) -> RunCurves:
    """The run's history.jsonl as curves; no history yet gives empty curves. Raises `RunFolderError`
    for a history that cannot be read."""
    folder = RunFolder(run_dir)
    try:
        rows = [row for row in folder.read_history() if isinstance(row, dict)]
    except (OSError, ValueError) as exc:
        raise RunFolderError(msg("runs.unreadable", folder=str(folder.path), error=str(exc))) from exc
    curves = RunCurves()
    for n, row in enumerate(rows, start=1):
        epoch = row.get("epoch")
        curves.epochs.append(epoch if isinstance(epoch, int) and not isinstance(epoch, bool) else n)
        curves.train_loss.append(_value(row, "train_loss"))
        curves.train_accuracy.append(_value(row, "train_accuracy"))
        curves.val_loss.append(_value(row, "val_loss"))
        curves.val_accuracy.append(_value(row, "val_accuracy"))
        curves.phases.append(str(row.get("phase") or ""))
    return curves


def read_details(run_dir: str | os.PathLike[str], entry: RunEntry | None = None) -> RunDetails:
    """One run's details (its entry read anew unless given); never raises for a damaged folder, whose
    curves are then empty."""
    entry = entry or read_run(run_dir)
    details = RunDetails(entry, RunCurves())
    if entry.status == "unreadable":
        return details
    try:
        details.curves = read_curves(run_dir)
        config = RunFolder(run_dir).read_config()
    except UserError:
        return details
    transfer = config.get("transfer")
    if isinstance(transfer, dict) and transfer.get("mode"):
        details.transfer_mode = str(transfer["mode"])
    if details.curves.val_loss and math.isfinite(details.curves.val_loss[-1]):
        details.final_val_loss = details.curves.val_loss[-1]
    return details


def list_details(root: str | os.PathLike[str]) -> list[RunDetails]:
    """`list_runs(root)` with each run's curves: everything the Runs dock shows, read in one go."""
    return [read_details(entry.run_dir, entry) for entry in list_runs(root)]


def _run_folder(run_dir: str | os.PathLike[str]) -> Path:
    """`run_dir` as a path, refused unless it is a real run folder nobody is training in."""
    path = Path(run_dir).expanduser()
    if path.is_symlink() or not path.is_dir() or not any((path / name).is_file() for name in (CONFIG, STATUS)):
        raise RunFolderError(msg("runs.not_a_run", folder=str(path)))
    holder = lock_holder(path)
    if holder is not None:
        raise RunFolderError(msg("runs.busy", folder=str(path), **holder))
    return path


def rename_run(run_dir: str | os.PathLike[str], new_name: str) -> Path:
    """Give the run folder `run_dir` the name `new_name` (in the same folder); its new path.

    Refuses a name that is not a plain folder name, a name already taken there, and a run in progress.
    """
    path = _run_folder(run_dir)
    name = new_name.strip()
    bad = (os.sep, "/", "\\", "\0") + ((os.altsep,) if os.altsep else ())
    if not name or name.startswith(".") or len(name) > _NAME_LIMIT or any(c in name for c in bad):
        raise RunFolderError(msg("runs.bad_name", name=new_name))
    target = path.with_name(name)
    if target == path:
        return path
    if target.exists() or target.is_symlink():
        raise RunFolderError(msg("runs.name_taken", name=name, root=str(path.parent)))
    try:
        path.rename(target)
    except OSError as exc:
        raise RunFolderError(
            msg("runs.rename_failed", folder=str(path), name=name, error=exc.strerror or str(exc))
        ) from exc
    return target


def delete_run(run_dir: str | os.PathLike[str]) -> None:
    """Delete the run folder `run_dir` and everything in it; refuses a run in progress and a folder
    that is not a run's."""
    path = _run_folder(run_dir)
    try:
        shutil.rmtree(path)
    except OSError as exc:
        raise RunFolderError(msg("runs.delete_failed", folder=str(path), error=exc.strerror or str(exc))) from exc
