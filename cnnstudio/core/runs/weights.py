"""Which weights of a run folder a view uses: the best epoch's or the last one's, and how to say so.

A run keeps two weights files (see `folder`): ``best.safetensors``, written at each epoch that
improved the metric the run monitors (validation loss unless told otherwise), and ``last.safetensors``,
written after every epoch. Each records its epoch in the file's metadata; status.json records the
monitor and the best epoch, history.jsonl each epoch's metrics. Nothing else in the folder holds
weights a view could use (``checkpoint.pt`` is for continuing the run; the probes keep predictions,
not weights), so those two are what `weights_choices` offers, best first (the default), each with a
label such as "best (epoch 3, validation loss 0.412)" or "last (epoch 10)". When both hold the same
epoch (the best epoch was the last, or the run restored its best weights at the end) there is one
choice, "best and last (epoch N, …)".

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
from .folder import BEST, HISTORY, LAST, STATUS

__all__ = ["WEIGHTS_FILES", "WeightsChoice", "weights_choices", "weights_file", "weights_label"]

WEIGHTS_FILES = {"best": BEST, "last": LAST}  # a choice's name → the file it loads
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


def weights_file(name: str) -> str:
    """The file a choice's `name` loads ("best" → best.safetensors); a ValueError for any other name."""
    try:
        return WEIGHTS_FILES[name]
    except KeyError:
        raise ValueError(f"unknown weights {name!r}: choose one of {', '.join(WEIGHTS_FILES)}") from None


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
    status = _json_object(path / STATUS)
    monitor = status.get("monitor") if isinstance(status.get("monitor"), str) else "val_loss"
    history = _history(path / HISTORY)
    epochs = {name: _file_epoch(path / file) for name, file in WEIGHTS_FILES.items() if (path / file).is_file()}
    if "best" in epochs and epochs["best"] is None:
        epochs["best"] = _int(status.get("best_epoch"))
    if "last" in epochs and epochs["last"] is None:
        epochs["last"] = _int(status.get("epochs_completed")) or (len(history) or None)
    choices = []
    if "best" in epochs:
        epoch = epochs["best"]
        value = _metric(history, epoch, monitor)
        same = "last" in epochs and epoch is not None and epochs["last"] == epoch
        choices.append(WeightsChoice("best", BEST, epoch, monitor, value, also_last=same))
        if same:
            return choices
    if "last" in epochs:
        epoch = epochs["last"]
        choices.append(WeightsChoice("last", LAST, epoch, monitor, _metric(history, epoch, monitor)))
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


def _json_object(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _history(path: Path) -> list[dict[str, Any]]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return []
    rows = []
    for line in lines:
        try:
            row = json.loads(line)
        except ValueError:
            continue
        if isinstance(row, dict):
            rows.append(row)
    return rows


def _metric(history: list[dict[str, Any]], epoch: int | None, monitor: str) -> float | None:
    row = next((r for r in history if r.get("epoch") == epoch), None) if epoch is not None else None
    value = row.get(monitor) if row else None
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None
