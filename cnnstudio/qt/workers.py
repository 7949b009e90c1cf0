"""The one mechanism that runs a core job (a generator of events) on a background thread, and the registry of them all.

A `JobRunner` owns the job a view is waiting for. `start` runs the job through `core.jobs.drive` on a
fresh thread and forwards each event to the GUI thread (`event_received`), then `job_ended` with the
terminal event once the job has reported its last event. `cancel` sets the job's token directly from the GUI
thread, so the job stops at its next yield even while its thread is busy. A factory or job that
raises ends with a `Failed` event carrying the message (and the traceback for a bug).

Generations: a runner forwards the events of its *current* job only. ``start(..., supersede=True)``
cancels the running job and starts the new one at once; whatever the old job still reports, its
terminal event and its `job_ended` included, is dropped, so a view never shows a stale result.
`close` drops the current job the same way and starts nothing afterwards.

Sharing the machine with the GUI thread: a runner built with a `ThreadPolicy` (the trainer uses
`YIELD_TO_GUI`) runs each job's thread at a lower OS priority (Linux: the thread's own niceness, which
torch's OpenMP workers, started by that thread, inherit) and shortens the interpreter's switch interval
while the job runs, so the GUI thread gets a core and the GIL within a millisecond when it wakes;
both are put back when the job ends. Profiled (bench/gui_latency.py): the window's stutter while
training was its repaint (pyqtgraph's Python paint code) waiting on the GIL, up to 5 ms per hand-over,
and on cores busy with the training thread's torch workers, not the work of the handlers themselves.

Ends, application-wide: when a runner's current job ends (not a superseded or closed one), `job_ends()`
emits ``ended(JobEnd)`` with the job's name, outcome ("finished", "failed", "cancelled"), seconds and
reason, after the runner's own `job_ended`; the window turns it into one line (`qt/job_log.py`).

The registry: every runner registers itself (weakly) and every started thread is held (strongly)
until it has finished, superseded and orphaned ones included, so none is forgotten at shutdown.
`shutdown_all` is the one way out: it closes every runner and cancels every job at once, then
waits once, with one deadline for all threads. Threads are never terminated: one that
outlives the deadline is reported, abandoned, and not waited for again.
"""

from __future__ import annotations

import itertools
import logging
import os
import sys
import threading
import time
import traceback
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial

from PySide6.QtCore import QObject, Signal, Slot

from ..core.errors import UserError
from ..core.events import TERMINAL_EVENTS, BatchEnd, Cancelled, Event, Failed, Finished, Progress
from ..core.jobs import CancelToken, Job, drive
from ..core.messages import Message, msg, text

__all__ = [
    "JobEnd",
    "JobRunner",
    "job_ends",
    "ShutdownReport",
    "ThreadPolicy",
    "YIELD_TO_GUI",
    "shutdown_all",
    "live_threads",
    "runners",
]

_log = logging.getLogger(__name__)
_RUNNERS: weakref.WeakSet[JobRunner] = weakref.WeakSet()
_JOBS: set[_Job] = set()  # every job whose thread may still run (strong references, see above)
_IDS = itertools.count(1)
MAX_SIGNALS_PER_SECOND = 20
_INTERVAL = 1.0 / MAX_SIGNALS_PER_SECOND
_FREQUENT = (BatchEnd, Progress)  # events a job may send thousands of times a second


@dataclass(frozen=True)
class ShutdownReport:
    """What `shutdown_all` left behind: the names of the jobs still running when the time was up."""

    still_running: tuple[str, ...] = ()

    @property
    def clean(self) -> bool:
        return not self.still_running


@dataclass(frozen=True)
class ThreadPolicy:
    """How a job's thread shares the machine with the GUI thread while the job runs.

    `nice`: added to the job thread's OS niceness (Linux, where niceness is per thread; elsewhere
    nothing). Threads the job thread starts, torch's OpenMP workers among them, inherit it, so the job
    must not have run torch work on its thread before: every job gets a fresh thread, so it has not.
    `switch_interval`: the interpreter's switch interval (seconds) while the job runs, None to leave it:
    how long a thread that wants the GIL waits before the holder is asked to hand it over. It is the
    process's: the shortest asked by any running job applies, and the value from before the first one
    comes back when the last one ends.
    """

    nice: int = 0
    switch_interval: float | None = None


YIELD_TO_GUI = ThreadPolicy(nice=10, switch_interval=0.001)
_SWITCH_LOCK = threading.Lock()
_SWITCH_HELD: list[float] = []  # the switch intervals asked by the jobs running now
_SWITCH_SAVED = [sys.getswitchinterval()]  # the interval before the first of them


@dataclass(frozen=True)
class JobEnd:
    """How a runner's current job ended: its name, "finished" / "failed" / "cancelled", how long it ran,
    and the terminal event's message (a finished job's summary, the failure's or the stop's reason)."""

    name: str
    outcome: str
    seconds: float
    message: Message | None = None


class JobEnds(QObject):
    """The one application-wide announcer of ended jobs (see `job_ends`)."""

    ended = Signal(object)  # a JobEnd


_ENDS: list[JobEnds] = []


def job_ends() -> JobEnds:
    """The announcer every runner reports its current job's end to, on the GUI thread: ``ended(JobEnd)``."""
    if not _ENDS:
        _ENDS.append(JobEnds())
    return _ENDS[0]


def _job_end(job: _Job, terminal: Event) -> JobEnd:
    seconds = time.monotonic() - job.started
    if isinstance(terminal, Finished):
        return JobEnd(job.name, "finished", seconds, terminal.message)
    if isinstance(terminal, Cancelled):
        return JobEnd(job.name, "cancelled", seconds, terminal.reason)
    return JobEnd(job.name, "failed", seconds, getattr(terminal, "reason", None))


def _renice(delta: int) -> int | None:
    """Add `delta` to the calling thread's niceness; the niceness before, or None if nothing changed."""
    if not delta or not sys.platform.startswith("linux"):
        return None
    tid = threading.get_native_id()
    try:
        before = os.getpriority(os.PRIO_PROCESS, tid)
        os.setpriority(os.PRIO_PROCESS, tid, min(19, before + delta))
    except OSError:  # not allowed (a negative delta without privileges): run as it is
        return None
    return before


@contextmanager
def _applied(policy: ThreadPolicy) -> Iterator[None]:
    """`policy` on the calling thread and the interpreter for the block; what it changed put back after."""
    niceness = _renice(policy.nice)
    interval = policy.switch_interval
    if interval is not None:
        with _SWITCH_LOCK:
            if not _SWITCH_HELD:
                _SWITCH_SAVED[0] = sys.getswitchinterval()
            _SWITCH_HELD.append(interval)
            sys.setswitchinterval(min(_SWITCH_HELD))
    try:
        yield
    finally:
        if interval is not None:
            with _SWITCH_LOCK:
                _SWITCH_HELD.remove(interval)
                sys.setswitchinterval(min(_SWITCH_HELD) if _SWITCH_HELD else _SWITCH_SAVED[0])
        if niceness is not None:
            try:  # lowering it back needs privileges most users lack; the thread ends with the job anyway
                os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), niceness)
            except OSError:
                pass


def _events(factory: Callable[[], Job], token: CancelToken) -> Iterator[Event]:
    """Build the job and drive it; a factory that raises ends the job with `Failed` instead."""
    try:
        job = factory()
    except UserError as exc:  # building the job failed on the user's settings
        yield Failed(exc.message)
        return
    except Exception as exc:  # a bug: report it with its traceback rather than dying silently
        yield Failed(msg("job.unexpected_error", kind=type(exc).__name__, error=text(str(exc))), traceback.format_exc())
        return
    yield from drive(job, token)


class _Relay(QObject):
    """Lives in the GUI thread; its signals, emitted from a job's thread, arrive there queued and in order."""

    event_emitted = Signal(int, object)  # job id, a list of events in order
    done = Signal(int)  # job id: the job's last event has been emitted


class _Job:
    """One started job: its thread, token and relay. Plain Python, owned by the GUI thread.

    The thread is a plain Python thread, not a QThread: completion is the job's own `done` signal
    (emitted after its last event, so it arrives after them), never Qt's end-of-thread bookkeeping.
    In a long session (the test suite) a QThread sometimes ended without Qt marking it finished, so
    its `finished` signal never came and the view waited forever.
    """

    def __init__(self, factory: Callable[[], Job], name: str, policy: ThreadPolicy) -> None:
        self.id = next(_IDS)
        self.name = name
        self.policy = policy
        self.token = CancelToken()
        self.terminal: Event | None = None
        self.started = time.monotonic()
        self.abandoned = False  # outlived a shutdown's deadline: not waited for again
        self.relay = _Relay()
        self.thread = threading.Thread(target=self._run, args=(factory,), name=f"cnnstudio-{name}", daemon=True)

    def _run(self, factory: Callable[[], Job]) -> None:
        """Drive the job, sending its events to the GUI thread at most `MAX_SIGNALS_PER_SECOND` times a second.

        A job that reports thousands of steps a second (a GPU) would otherwise flood the GUI's event
        queue. Frequent events (steps, progress) wait at most one interval and go in one signal with
        those before them; any other event, a paused job and the end go at once, with whatever waits.
        """
        waiting: list[Event] = []
        sent = 0.0
        try:
            with _applied(self.policy):
                for event in _events(factory, self.token):
                    waiting.append(event)
                    now = time.monotonic()
                    if not isinstance(event, _FREQUENT) or now - sent >= _INTERVAL or self.token.paused:
                        self.relay.event_emitted.emit(self.id, waiting)
                        waiting, sent = [], now
        finally:
            if waiting:
                self.relay.event_emitted.emit(self.id, waiting)
            self.relay.done.emit(self.id)

    def is_running(self) -> bool:
        return self.thread.is_alive()

    def wait(self, deadline: float) -> bool:
        """Join the thread until `deadline` (time.monotonic()); True once it has ended."""
        self.thread.join(max(0.0, deadline - time.monotonic()))
        return not self.thread.is_alive()


def _cancel_all(jobs: list[_Job]) -> None:
    for job in jobs:
        job.token.cancel()


class JobRunner(QObject):
    """Runs a view's job in a background thread and forwards the events of its current job only.

    Signals: ``job_started(str)`` with the job's name, ``event_received(object)`` for every event of
    the current job (in the GUI thread), ``job_ended(object)`` with its terminal event once its
    thread has finished. A superseded or closed job emits nothing more. `policy` (a `ThreadPolicy`)
    is how each job started afterwards shares the machine with the GUI thread; the default changes nothing.
    """

    job_started = Signal(str)
    event_received = Signal(object)
    job_ended = Signal(object)

    def __init__(self, parent: QObject | None = None, *, policy: ThreadPolicy = ThreadPolicy()) -> None:
        super().__init__(parent)
        self.policy = policy
        self._current: _Job | None = None
        self._jobs: list[_Job] = []  # started, thread not yet seen finished; the current one included
        self._closed = False
        _RUNNERS.add(self)
        # A runner deleted with its view cancels what it started (the registry still waits for it).
        self.destroyed.connect(partial(_cancel_all, self._jobs))

    @property
    def is_running(self) -> bool:
        """True from `start` until the current job's `job_ended` (False at once after supersede or close)."""
        return self._current is not None

    @property
    def job_name(self) -> str:
        return self._current.name if self._current is not None else ""

    @property
    def is_closed(self) -> bool:
        return self._closed

    def start(self, factory: Callable[[], Job], name: str = "job", *, supersede: bool = False) -> bool:
        """Run ``factory()``'s job in a new thread (the factory runs there too).

        While a job runs: with `supersede`, cancel it, drop whatever it still reports and start this one
        at once; without, start nothing and return False. False too once the runner is closed.
        """
        if self._closed:
            return False
        if self._current is not None:
            if not supersede:
                return False
            self._drop_current(None)
        job = _Job(factory, name, self.policy)
        job.relay.event_emitted.connect(self._on_worker_event)
        job.relay.done.connect(self._on_job_done)
        self._jobs.append(job)
        _JOBS.add(job)
        self._current = job
        job.thread.start()
        self.job_started.emit(name)
        return True

    def pause(self) -> None:
        """Hold the current job between two of its events (a training run: between two batches)."""
        if self._current is not None:
            self._current.token.pause()

    def resume(self) -> None:
        if self._current is not None:
            self._current.token.resume()

    @property
    def is_paused(self) -> bool:
        return self._current is not None and self._current.token.paused

    def cancel(self, reason: Message | None = None) -> None:
        """Ask the current job to stop at its next step (its `Cancelled` event carries `reason`); returns at once."""
        if self._current is not None:
            self._current.token.cancel(reason)

    def close(self, reason: Message | None = None) -> None:
        """Cancel the current job, drop whatever it still reports, and start no job afterwards; returns at once."""
        self._closed = True
        self._drop_current(reason)

    def wait(self, timeout_ms: int) -> bool:
        """Block until every thread this runner started has finished (True) or the time is up (False)."""
        deadline = time.monotonic() + timeout_ms / 1000
        return all(job.wait(deadline) for job in list(self._jobs))

    def _drop_current(self, reason: Message | None) -> None:
        job, self._current = self._current, None
        if job is not None:
            job.token.cancel(reason)

    @Slot(int, object)
    def _on_worker_event(self, job_id: int, events: list[Event]) -> None:
        for event in events:
            job = self._current
            if job is None or job.id != job_id:
                return  # a superseded or closed job: its events never reach a view
            if isinstance(event, TERMINAL_EVENTS):
                job.terminal = event
            self.event_received.emit(event)

    @Slot(int)
    def _on_job_done(self, job_id: int) -> None:
        for job in [j for j in self._jobs if j.id == job_id]:
            job.wait(time.monotonic() + 5.0)  # `done` is the thread's last act: it ends at once
            self._jobs.remove(job)
            _JOBS.discard(job)
            if job is self._current:
                self._current = None
                terminal = job.terminal or Failed(
                    msg(
                        "job.unexpected_error",
                        kind="RuntimeError",
                        error=text("the job ended without reporting a result"),
                    )
                )
                self.job_ended.emit(terminal)
                job_ends().ended.emit(_job_end(job, terminal))


def runners() -> list[JobRunner]:
    """Every runner alive now."""
    return list(_RUNNERS)


def _prune() -> None:
    for job in [j for j in _JOBS if not j.is_running()]:
        _JOBS.discard(job)


def live_threads() -> list[threading.Thread]:
    """Job threads still running, from every runner (the test suite fails a test that leaves one)."""
    _prune()
    return [job.thread for job in _JOBS if job.is_running()]


def shutdown_all(timeout_ms: int = 10_000) -> ShutdownReport:
    """Close every runner and cancel every job at once, then wait at most `timeout_ms` in all.

    Jobs still running when the time is up are named in the report and in the log (stderr unless
    logging is configured otherwise); a later call does not wait for them again. No runner starts a
    job afterwards.
    """
    reason = msg("job.app_closing")
    for runner in list(_RUNNERS):
        runner.close(reason)
    for job in _JOBS:  # superseded and orphaned jobs too
        job.token.cancel(reason)
    waiting = [job for job in _JOBS if not job.abandoned]
    deadline = time.monotonic() + timeout_ms / 1000
    for job in waiting:
        job.wait(deadline)
    _prune()
    stuck = sorted(_JOBS, key=lambda job: job.id)  # what is left is still running
    newly = [job.name for job in stuck if not job.abandoned]
    for job in stuck:
        job.abandoned = True
    if newly:
        _log.warning(
            "cnnstudio: %d job(s) still running %d ms after they were cancelled, left behind: %s",
            len(newly),
            timeout_ms,
            ", ".join(newly),
        )
    return ShutdownReport(tuple(job.name for job in stuck))
