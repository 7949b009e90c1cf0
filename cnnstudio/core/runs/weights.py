"""Which weights of a run folder a view uses: the best epoch's or the last one's, and how to say so.

A run keeps two weights files (see `folder`): ``best.safetensors``, written at each epoch that
improved the metric the run monitors (validation loss unless told otherwise), and ``last.safetensors``,
written after every epoch. Each records its epoch in the file's metadata; status.json records the
monitor, the best epoch and the epochs completed, history.jsonl each epoch's metrics. ``checkpoint.pt``
(for continuing the run) holds the last finished epoch's weights too. The probes keep predictions,
not weights, and no other epoch's weights are kept anywhere.

`weights_choices` offers, best first (the default), each with a label such as "best (epoch 3,
validation loss 0.412)" or "last (epoch 10)":
- "best": best.safetensors;
- "last": last.safetensors when it holds another epoch; when the run restored its best weights at
  the end, last.safetensors holds the best epoch's, and the last epoch's are the checkpoint's;
- when the best epoch was the last one, one choice: "best and last (epoch N, …)".
A view names a choice ("best", "last"); `run_weights_file` says which file that is for a run.

Reading the choices reads small files and the weights files' headers only (no tensors): cheap
enough to do when a view is drawn.
"""

from __future__ import annotations

import json
import os
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..messages import Message, msg
from .folder import BEST, CHECKPOINT, LAST, STATUS, RunFolder, read_json_object

__all__ = ["WEIGHTS_NAMES", "WeightsChoice", "run_weights_file", "weights_choices", "weights_label"]

WEIGHTS_NAMES = ("best", "last")
_FILES = {"best": BEST, "last": LAST}
_MAX_HEADER = 100 * 1024 * 1024  # a safetensors header longer than this is not one


@dataclass(frozen=True)
class WeightsChoice:
    """One set of weights a run folder holds: its name ("best" or "last"), file, epoch and monitored metric.

    `epoch` is None when neither the file nor status.json records it (a folder written by hand);
    `value` is the monitored metric at that epoch, None when the history does not say.
    `also_last` marks the best weights when they are the last epoch's too.
    """

    name: str
    file: str
    epoch: int | None
    monitor: str = "val_loss"
    value: float | None = None
    also_last: bool = False

    @property
    def label(self) -> Message:
        return weights_label(self)


def run_weights_file(run_dir: str | os.PathLike[str], name: str) -> str:
    """The file of `run_dir` that the choice `name` ("best" or "last") loads; a ValueError for another name.

    A choice the folder does not offer names its usual file, so loading it says what is missing.
    """
    if name not in WEIGHTS_NAMES:
        raise ValueError(f"unknown weights {name!r}: choose one of {', '.join(WEIGHTS_NAMES)}")
    for choice in weights_choices(run_dir):
        if choice.name == name or (choice.also_last and name == "last"):
            return choice.file
    return _FILES[name]


def weights_label(choice: WeightsChoice) -> Message:
    """What a view says about `choice`: "best (epoch 3, validation loss 0.412)", "last (epoch 10)"…"""
    if choice.name == "last":
        if choice.epoch is None:
            return msg("weights.last_unknown_epoch")
        return msg("weights.last", epoch=choice.epoch)
    if choice.value is None:
        metric = msg("weights.by_monitor", monitor=choice.monitor)
    elif choice.monitor == "val_accuracy":
        metric = msg("weights.val_accuracy", value=choice.value)
    else:
        metric = msg("weights.val_loss", value=choice.value)
    if choice.epoch is None:
        return msg("weights.best_unknown_epoch", metric=metric)
    if choice.also_last:
        return msg("weights.best_and_last", epoch=choice.epoch, metric=metric)
    return msg("weights.best", epoch=choice.epoch, metric=metric)


def weights_choices(run_dir: str | os.PathLike[str]) -> list[WeightsChoice]:
    """The weights `run_dir` holds, best first (the default), then last when it is another epoch.

    Empty when the folder holds no weights file. Unreadable status or history only lose the epoch
    or the metric from the label; they never hide weights that are there.
    """
    path = Path(run_dir)
    status = read_json_object(path / STATUS)
    monitor = status.get("monitor") if isinstance(status.get("monitor"), str) else "val_loss"
    history = _history(path)
    completed = _int(status.get("epochs_completed")) or (len(history) or None)  # the run's last epoch
    files = {name: file for name, file in _FILES.items() if (path / file).is_file()}
    epochs = {name: _file_epoch(path / file) for name, file in files.items()}
    if "best" in epochs and epochs["best"] is None:
        epochs["best"] = _int(status.get("best_epoch"))
    if "last" in epochs and epochs["last"] is None:
        epochs["last"] = completed
    if "last" in files and epochs["last"] == epochs.get("best") and (completed or 0) > (epochs["last"] or 0):
        # restored to the best epoch at the end: the last epoch's weights are the checkpoint's, if it is there
        del files["last"]
        if (path / CHECKPOINT).is_file():
            files["last"], epochs["last"] = CHECKPOINT, completed
    choices = []
    if "best" in files:
        epoch = epochs["best"]
        same = "last" in files and epoch is not None and epochs["last"] == epoch
        choices.append(WeightsChoice("best", BEST, epoch, monitor, _metric(history, epoch, monitor), also_last=same))
        if same:
            return choices
    if "last" in files:
        epoch = epochs["last"]
        choices.append(WeightsChoice("last", files["last"], epoch, monitor, _metric(history, epoch, monitor)))
    return choices


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else None


def _file_epoch(path: Path) -> int | None:
    """The epoch a weights file's metadata records (its header only is read), or None."""
    try:
        with open(path, "rb") as handle:
            (length,) = struct.unpack("<Q", handle.read(8))
            if length > _MAX_HEADER:
                return None
            header = json.loads(handle.read(length))
    except (OSError, struct.error, ValueError):
        return None
    metadata = header.get("__metadata__") if isinstance(header, dict) else None
    epoch = metadata.get("epoch") if isinstance(metadata, dict) else None
    return _int(int(epoch)) if isinstance(epoch, str) and epoch.isdigit() else None


def _history(path: Path) -> list[dict[str, Any]]:
    """The run's history rows (`RunFolder.read_history`), or none when it cannot be read."""
    try:
        return [row for row in RunFolder(path).read_history() if isinstance(row, dict)]
    except (OSError, ValueError):
        return []


def _metric(history: list[dict[str, Any]], epoch: int | None, monitor: str) -> float | None:
    row = next((r for r in history if r.get("epoch") == epoch), None) if epoch is not None else None
    value = row.get(monitor) if row else None
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None
