"""The checkpoint a run writes after every epoch, so it can be continued exactly.

``checkpoint.pt`` holds the model's weights, the optimizer's and the schedule's state, the states of
the run's own random generators (shuffling, augmentation, dropout) as tensors, the epoch loop's
counters, early stopping's and the best epoch's, and the history up to that epoch. It is written
atomically (a temporary file renamed over the old one), so a process killed while writing it leaves
the previous checkpoint whole. It is read with ``torch.load(weights_only=True)`` only: tensors,
numbers, strings, lists and dicts, never arbitrary pickled objects, so a doctored file cannot run code.
The run's global random generators are not saved because the run never draws from them.
"""

from __future__ import annotations

import io
from typing import Any

import torch

from ..errors import RunFolderError, UserError
from ..io import atomic_write_bytes
from ..messages import msg
from ..runs import RunFolder
from ..runs.folder import CHECKPOINT, write_fault
from .distributed import is_writer

__all__ = ["CHECKPOINT", "CHECKPOINT_FORMAT", "save_checkpoint", "load_checkpoint"]

CHECKPOINT_FORMAT = "cnnstudio-checkpoint/1"


def save_checkpoint(folder: RunFolder, payload: dict[str, Any]) -> None:
    """Write `payload` (tensors, numbers, strings, lists, dicts) as the run's checkpoint, atomically
    (in a distributed run, by rank 0 only)."""
    if not is_writer():
        return
    buffer = io.BytesIO()
    torch.save({"format": CHECKPOINT_FORMAT, **payload}, buffer)
    path = folder.path / CHECKPOINT
    try:
        atomic_write_bytes(path, buffer.getvalue())
    except OSError as exc:
        raise write_fault(exc, path) from exc


def load_checkpoint(folder: RunFolder) -> dict[str, Any]:
    """The run's checkpoint, on the CPU; loading never executes code from the file."""
    path = folder.path / CHECKPOINT
    if not path.is_file():
        raise UserError(msg("training.no_checkpoint", folder=str(folder.path)))
    try:
        data = torch.load(path, map_location="cpu", weights_only=True)
    except Exception as exc:  # weights_only refuses anything but plain data, a damaged file fails to parse
        raise RunFolderError(msg("training.checkpoint_invalid", path=str(path), error=str(exc)[:300])) from exc
    if not isinstance(data, dict) or data.get("format") != CHECKPOINT_FORMAT:
        raise RunFolderError(msg("training.checkpoint_format", path=str(path)))
    return data
