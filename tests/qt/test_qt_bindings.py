"""The Qt binding itself: a PySide6 release whose signals leak references would abort the app mid-training."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal, Slot


class _Emitter(QObject):
    event = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.received = 0

    @Slot(object)
    def on_event(self, _value: object) -> None:
        self.received += 1


def test_emitting_signals_keeps_reference_counts_of_true_and_none(qtbot):
    # PySide6 6.12.0 dropped a reference to True on every emit() and to None in decorated slots;
    # on Python 3.11 (not immortal objects) the process aborts after a few thousand events.
    emitter = _Emitter()
    emitter.event.connect(emitter.on_event)
    before = sys.getrefcount(True), sys.getrefcount(None)
    for i in range(200):
        emitter.event.emit(i)
    after = sys.getrefcount(True), sys.getrefcount(None)
    assert emitter.received == 200
    assert abs(after[0] - before[0]) < 20 and abs(after[1] - before[1]) < 20


def test_a_runner_that_was_shut_down_starts_no_new_job(qtbot):
    from cnnstudio.core.events import Progress
    from cnnstudio.core.messages import text
    from cnnstudio.qt.workers import JobRunner, live_threads, shutdown_all

    def job():
        yield Progress(text("x"), 1, 1)
        return 1

    runner = JobRunner()
    restarted = []
    # A handler that starts the next job when one ends, as the lazy loaders do.
    runner.job_ended.connect(lambda _e: restarted.append(runner.start(job, "again")))
    assert runner.start(job, "first")
    assert shutdown_all(5_000).clean
    qtbot.wait(50)  # whatever the job still reported is delivered now, or never
    assert restarted == [] and not runner.is_running and not live_threads()
    assert not runner.start(job, "again")
