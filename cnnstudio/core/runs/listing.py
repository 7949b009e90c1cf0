"""The runs in a workspace folder, each summarised from its own files, for the Runs dock and ``cnnstudio runs list``.

A run's status comes from its status.json: finished, stopped (it was cancelled), failed, or running.
A status.json that still says running while nobody holds the folder's lock (the process was killed,
the machine lost power) is *interrupted*, never "running" forever. A folder that cannot be read (a
damaged or missing file) is listed as "unreadable" with the one-line reason: listing never fails
because of one broken folder.
"""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from ..errors import UserError
from ..io import sweep_stale_temps
from ..messages import msg
from .folder import BEST, CONFIG, HISTORY, LAST, LOCK, STATUS, RunFolder, lock_holder

__all__ = ["RUN_STATUSES", "RunEntry", "list_runs", "read_run"]

RUN_STATUSES = ("finished", "stopped", "failed", "running", "interrupted", "unreadable")
_RECORDED = {"finished": "finished", "cancelled": "stopped", "failed": "failed"}
_RUN_FILES = (CONFIG, STATUS, HISTORY, BEST, LAST, LOCK)


@dataclass
class RunEntry:
    """One run folder as the Runs list shows it; fields it could not read are None."""

    run_dir: str
    name: str
    status: str  # one of RUN_STATUSES
    reason: str = ""  # why it failed or stopped, or why it is unreadable (one line)
    model: str | None = None
    dataset: str | None = None
    augmentation: str | None = None
    best_epoch: int | None = None
    val_accuracy: float | None = None  # at the best epoch
    epochs: int | None = None  # epochs completed
    duration: float | None = None  # seconds, up to the last finished epoch
    created: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _model_name(config: dict[str, Any]) -> str | None:
    transfer = config.get("transfer")
    if isinstance(transfer, dict) and transfer.get("backbone"):
        mode = transfer.get("mode")
        return f"{transfer['backbone']} ({mode})" if mode else str(transfer["backbone"])
    model = config.get("model")
    return str(model["name"]) if isinstance(model, dict) and model.get("name") else None


def _augmentation(config: dict[str, Any]) -> str | None:
    training = config.get("training")
    if not isinstance(training, dict):
        return None
    spec = training.get("augment")
    if not spec:
        return "none"
    from ..data import AugmentSpec, preset_name

    try:
        return preset_name(AugmentSpec.from_dict(spec)) or "custom"
    except (TypeError, ValueError, KeyError, AttributeError, UserError):
        return "custom"


def _number(value: Any, kind: type) -> Any:
    return kind(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _status(folder: RunFolder, status: dict[str, Any]) -> tuple[str, str]:
    recorded = status.get("status")
    if recorded in _RECORDED:
        return _RECORDED[recorded], str(status.get("reason") or "")
    if recorded == "running":
        if lock_holder(folder.path) is not None:
            return "running", ""
        return "interrupted", str(msg("runs.interrupted"))
    raise UserError(msg("runs.unknown_status", path=str(folder.path / STATUS), status=str(recorded)))


def read_run(run_dir: str | os.PathLike[str]) -> RunEntry:
    """One run folder's entry; a folder that cannot be read is an "unreadable" entry saying why."""
    folder = RunFolder(run_dir)
    entry = RunEntry(run_dir=str(folder.path), name=folder.path.name, status="unreadable")
    try:
        if not (folder.path / STATUS).exists() and lock_holder(folder.path) is not None:
            entry.status = "running"  # claimed, nothing written yet
            return entry
        status = folder.read_status()
        entry.status, entry.reason = _status(folder, status)
        config = folder.read_config()
        history = folder.read_history()
    except UserError as exc:
        entry.status, entry.reason = "unreadable", str(exc)
        return entry
    except (OSError, ValueError) as exc:  # a history line that is not JSON, a folder gone while read
        entry.status, entry.reason = "unreadable", str(msg("runs.unreadable", folder=str(folder.path), error=str(exc)))
        return entry
    entry.model = _model_name(config)
    dataset = config.get("dataset")
    entry.dataset = str(dataset.get("name")) if isinstance(dataset, dict) and dataset.get("name") else None
    entry.augmentation = _augmentation(config)
    entry.created = str(config["created"]) if config.get("created") else None
    entry.epochs = _number(status.get("epochs_completed"), int)
    best = _number(status.get("best_epoch"), int)
    rows = [row for row in history if isinstance(row, dict)]
    if entry.epochs is None:
        entry.epochs = len(rows)
    if best:
        entry.best_epoch = best
        chosen = next((row for row in rows if row.get("epoch") == best), None)
        entry.val_accuracy = _number(chosen.get("val_accuracy"), float) if chosen else None
    if rows:
        entry.duration = _number(rows[-1].get("seconds"), float)
    return entry


def _is_run_folder(path: Path) -> bool:
    try:
        return path.is_dir() and not path.name.startswith(".") and any((path / name).exists() for name in _RUN_FILES)
    except OSError:
        return path.is_dir()


def list_runs(root: str | os.PathLike[str]) -> list[RunEntry]:
    """Every run folder directly under `root` (a folder holding a run's files), newest name first.

    A missing root has no runs. Folders that are not runs (no config.json, status.json, history,
    weights or lock) are left out; a run folder that cannot be read is listed as "unreadable". The
    temporary files of writes a crash interrupted are swept from every run nobody is training.
    """
    base = Path(root).expanduser()
    try:
        children = sorted(base.iterdir(), key=lambda p: p.name, reverse=True)
    except (FileNotFoundError, NotADirectoryError):
        return []
    entries = []
    for child in children:
        if not _is_run_folder(child):
            continue
        try:
            entry = read_run(child)
            if lock_holder(child) is None:
                sweep_stale_temps(child)
            entries.append(entry)
        except Exception as exc:  # never let one folder break the list
            reason = msg("runs.unreadable", folder=str(child), error=str(exc) or type(exc).__name__)
            entries.append(RunEntry(str(child), child.name, "unreadable", str(reason)))
    return entries
