"""The one mechanism that runs a core job (a generator of events) on a QThread.

A `JobRunner` owns at most one job at a time. `start` moves a `_Worker` to a fresh QThread; the
worker iterates `core.jobs.drive(job, token)` and emits each event to the GUI thread (queued
signal). `cancel` sets the token directly from the GUI thread, so the job stops at its next yield
(within one training step) even while the worker is busy. Errors arrive as `Failed` events with the
traceback. `shutdown` cancels and waits with a time limit; threads are never terminated.
"""

from __future__ import annotations

import traceback
import weakref
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal, Slot

from ..core.errors import UserError
from ..core.events import TERMINAL_EVENTS, Event, Failed
from ..core.jobs import CancelToken, Job, drive
from ..core.messages import msg, text

__all__ = ["JobRunner", "live_threads"]

_LIVE_THREADS: weakref.WeakSet[QThread] = weakref.WeakSet()


def live_threads() -> list[QThread]:
    """Worker threads that are still running (the test suite fails a test that leaves one)."""
    return [t for t in list(_LIVE_THREADS) if t.isRunning()]


class _Worker(QObject):
    event_emitted = Signal(object)
    done = Signal()

    def __init__(self, factory: Callable[[], Job], token: CancelToken) -> None:
        super().__init__()
        self._factory = factory
        self._token = token

    @Slot()
    def run(self) -> None:
        try:
            try:
                job = self._factory()
            except Exception as exc:  # building the job failed (bad settings): report, don't die
                details = "" if isinstance(exc, UserError) else traceback.format_exc()
                message = (
                    exc.message
                    if isinstance(exc, UserError)
                    else msg("job.unexpected_error", kind=type(exc).__name__, error=text(str(exc)))
                )
                self.event_emitted.emit(Failed(message, details))
                return
            for event in drive(job, self._token):
                self.event_emitted.emit(event)
        finally:
            self.done.emit()


class JobRunner(QObject):
    """Runs one job at a time in a background thread and forwards its events.

    Signals: ``job_started(str)`` with the job's name, ``event_received(object)`` for every event (in
    the GUI thread), ``job_ended(object)`` with the terminal event once the thread has finished.
    """

    job_started = Signal(str)
    event_received = Signal(object)
    job_ended = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread: QThread | None = None
        self._worker: _Worker | None = None
        self._token: CancelToken | None = None
        self._terminal: Event | None = None
        self._name = ""
        self._closed = False  # after shutdown() no job starts (a job_ended handler may try, mid-shutdown)

    @property
    def is_running(self) -> bool:
        return self._thread is not None

    @property
    def job_name(self) -> str:
        return self._name

    def start(self, factory: Callable[[], Job], name: str = "job") -> bool:
        """Run ``factory()``'s generator in a new thread; False if a job is already running or the runner is shut down."""
        if self._thread is not None or self._closed:
            return False
        self._name = name
        self._token = CancelToken()
        self._terminal = None
        thread = QThread()
        thread.setObjectName(f"cnnstudio-{name}")
        worker = _Worker(factory, self._token)
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        worker.event_emitted.connect(self._on_worker_event)
        # Direct: quit() is thread-safe, and a queued call would never run while the GUI thread waits.
        worker.done.connect(thread.quit, Qt.ConnectionType.DirectConnection)
        thread.finished.connect(self._on_thread_finished)
        # Keep Python references until the thread has finished (PITFALLS: "Destroyed while running").
        self._thread, self._worker = thread, worker
        _LIVE_THREADS.add(thread)
        thread.start()
        self.job_started.emit(name)
        return True

    def cancel(self, reason: str | None = None) -> None:
        """Ask the job to stop at its next step; returns at once."""
        if self._token is not None:
            self._token.cancel(reason)

    def wait(self, timeout_ms: int) -> bool:
        """Block until the thread has finished (True) or the time is up (False)."""
        thread = self._thread
        return True if thread is None else thread.wait(timeout_ms)

    def shutdown(self, timeout_ms: int = 10_000) -> bool:
        """Cancel, wait at most `timeout_ms`, and deliver the last events; True if the thread ended.

        The runner starts no job afterwards.
        """
        self._closed = True
        if self._thread is None:
            return True
        self.cancel("The window is closing.")
        finished = self.wait(timeout_ms)
        if finished:
            # Deliver the queued events (the terminal one included) and the finished signal now.
            QCoreApplication.sendPostedEvents()
            QCoreApplication.processEvents()
            if self._thread is not None:
                self._on_thread_finished()
        return finished

    @Slot(object)
    def _on_worker_event(self, event: Event) -> None:
        if isinstance(event, TERMINAL_EVENTS):
            self._terminal = event
        self.event_received.emit(event)

    @Slot()
    def _on_thread_finished(self) -> None:
        thread, worker = self._thread, self._worker
        if thread is None:
            return
        self._thread = self._worker = None
        self._token = None
        if worker is not None:
            worker.deleteLater()
        thread.deleteLater()
        terminal = self._terminal or Failed("The job ended without reporting a result.")
        self.job_ended.emit(terminal)
