"""The small immutable events that long jobs yield.

Only plain data crosses threads: numbers, strings, tuples and CPU numpy arrays, never tensors or
modules. Every job ends with exactly one terminal event: `Finished`, `Failed` or `Cancelled`.
Whatever an event says to the user is a `Message` (an id and arguments), never a finished English
sentence: the GUI translates it, the CLI prints it in English (``str(message)``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .messages import Message, msg

__all__ = [
    "Event",
    "Progress",
    "LogMessage",
    "RunStarted",
    "BatchEnd",
    "EpochEnd",
    "Finished",
    "Failed",
    "Cancelled",
    "ImageReady",
    "TERMINAL_EVENTS",
]


@dataclass(frozen=True)
class Event:
    """Base class of everything a job yields."""


@dataclass(frozen=True)
class Progress(Event):
    """Part `done` of `total` of a step described by `message` (loading images, evaluating, ...)."""

    message: Message
    done: int
    total: int


@dataclass(frozen=True)
class LogMessage(Event):
    """A line for the log; `level` is "info", "warning" or "error"."""

    message: Message
    level: str = "info"


@dataclass(frozen=True)
class RunStarted(Event):
    """Training is about to take its first step."""

    run_dir: str
    epochs: int
    steps_per_epoch: int
    train_images: int
    val_images: int
    class_names: tuple[str, ...]
    device: str
    parameters: int


@dataclass(frozen=True)
class BatchEnd(Event):
    """One optimisation step is done. `epoch` and `step` count from 1."""

    epoch: int
    epochs: int
    step: int
    steps: int
    loss: float
    accuracy: float
    images_per_second: float
    elapsed: float
    eta: float


@dataclass(frozen=True)
class EpochEnd(Event):
    """Train and validation metrics of one finished epoch."""

    epoch: int
    epochs: int
    train_loss: float
    train_accuracy: float
    val_loss: float
    val_accuracy: float
    is_best: bool
    elapsed: float
    images_per_second: float


@dataclass(frozen=True)
class ImageReady(Event):
    """A decoded image for display (thumbnail, preview): uint8 (H, W, C) with C = 1 or 3, or None if unreadable."""

    key: str
    image: Any  # numpy.ndarray | None
    reason: str = ""


@dataclass(frozen=True)
class Finished(Event):
    """The job completed; `result` is the job's plain-data result, `message` an optional summary for the user."""

    result: Any = None
    message: Message | None = None


@dataclass(frozen=True)
class Failed(Event):
    """The job stopped because of a problem. `reason` is for the user; `details` (a traceback) for bug reports."""

    reason: Message
    details: str = ""

    @property
    def is_bug(self) -> bool:
        """True for an unexpected error (it has a traceback to report), False for a problem the user can fix."""
        return bool(self.details)


@dataclass(frozen=True)
class Cancelled(Event):
    """The job was stopped on request before it completed."""

    reason: Message = field(default_factory=lambda: msg("job.stopped_by_user"))


TERMINAL_EVENTS = (Finished, Failed, Cancelled)
