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
from .events import TERMINAL_EVENTS, Cancelled, Event, Failed, Finished
from .messages import Message, msg, text

__all__ = ["CancelToken", "drive", "call_job", "Job"]

T = TypeVar("T")

Job = Generator[Event, None, object]


class CancelToken:
    """Thread-safe flags, set from any thread and checked by `drive` after every event: stop, and pause.

    A paused job waits between two of its events (for training: between two batches) until it is
    resumed or stopped; nothing of its state is lost.
    """

    def __init__(self) -> None:
        self._event = threading.Event()
        self._running = threading.Event()
        self._running.set()
        self._reason: Message = msg("job.stopped_by_user")

    def cancel(self, reason: Message | None = None) -> None:
        if reason is not None:
            self._reason = reason
        self._event.set()
        self._running.set()  # a paused job wakes up to stop

    def pause(self) -> None:
        if not self.cancelled:
            self._running.clear()

    def resume(self) -> None:
        self._running.set()

    @property
    def paused(self) -> bool:
        return not self._running.is_set()

    def wait_while_paused(self) -> None:
        """Block while paused; return at once when running, resumed or stopped."""
        self._running.wait()

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
            token.wait_while_paused()
            if token.cancelled:
                job.close()  # runs the job's cleanup (finally / except GeneratorExit) now
                yield Cancelled(token.reason)
                return
    except UserError as exc:
        yield Failed(exc.message)
    except Exception as exc:  # a bug: report it with its traceback rather than dying silently
        yield Failed(msg("job.unexpected_error", kind=type(exc).__name__, error=text(str(exc))), traceback.format_exc())
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
