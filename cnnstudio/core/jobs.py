"""Driving a job: a generator of events, cancellable at every yield.

A job is a generator that yields `Event`s and ends with one terminal event. Jobs know nothing about
threads or cancellation: `drive` checks a `CancelToken` after every event and, when it is set,
closes the generator (its ``finally`` blocks save what must be saved) and yields `Cancelled`.
Unexpected exceptions become `Failed` with the traceback, so nothing dies silently. The Qt worker
and the CLI both use `drive`.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable, Generator, Iterator
from typing import Any, TypeVar

from .errors import UserError
from .events import STOPPED_BY_USER, TERMINAL_EVENTS, Cancelled, Event, Failed, Finished
from .messages import Message, define, text

__all__ = ["CancelToken", "drive", "call_job", "Job", "UNEXPECTED_ERROR", "APP_CLOSING"]

T = TypeVar("T")

Job = Generator[Event, None, object]

UNEXPECTED_ERROR = define("job.unexpected_error", "Unexpected error: {kind}: {error}")
APP_CLOSING = define("job.app_closing", "The window is closing.")  # the reason jobs are cancelled at exit


class CancelToken:
    """A thread-safe flag: set from any thread, checked by `drive` after every event."""

    def __init__(self) -> None:
        self._event = threading.Event()
        self._reason: Message = STOPPED_BY_USER()

    def cancel(self, reason: Message | None = None) -> None:
        if reason is not None:
            self._reason = reason
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    @property
    def reason(self) -> Message:
        return self._reason


def drive(job: Job, token: CancelToken | None = None) -> Iterator[Event]:
    """Yield the job's events; stop it at the first event after `token` is set.

    Always ends with exactly one terminal event (`Finished`, `Failed` or `Cancelled`). A job that
    returns without yielding one (a plain step such as a dataset scan) ends with ``Finished(its return value)``.
    """
    token = token or CancelToken()
    try:
        if token.cancelled:
            yield Cancelled(token.reason)
            return
        while True:
            try:
                event = next(job)
            except StopIteration as stop:
                yield Finished(stop.value)
                return
            yield event
            if isinstance(event, TERMINAL_EVENTS):
                return
            if token.cancelled:
                job.close()  # runs the job's cleanup (finally / except GeneratorExit) now
                yield Cancelled(token.reason)
                return
    except UserError as exc:
        yield Failed(exc.message)
    except Exception as exc:  # a bug: report it with its traceback rather than dying silently
        yield Failed(UNEXPECTED_ERROR(kind=type(exc).__name__, error=text(str(exc))), traceback.format_exc())
    finally:
        job.close()


def call_job(function: Callable[..., T], /, *args: Any, **kwargs: Any) -> Generator[Event, None, T]:
    """A plain function as a job: one step, no events of its own, ``Finished(its return value)`` from `drive`.

    For work that is short but must not run on the GUI thread (decoding one image, copying a few
    files); cancelling it takes effect before it starts, not in the middle.
    """
    if False:  # pragma: no cover - a generator that yields nothing
        yield
    return function(*args, **kwargs)
