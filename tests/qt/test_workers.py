"""The job runner and its registry: events in order, errors as events, generations, one bounded shutdown."""

from __future__ import annotations

import logging
import threading
import time

import pytest
from PySide6.QtWidgets import QDialog, QMessageBox

from cnnstudio.core.errors import UserError
from cnnstudio.core.events import Cancelled, Failed, Finished, Progress
from cnnstudio.core.jobs import call_job
from cnnstudio.core.messages import msg, text
from cnnstudio.qt.workers import JobRunner, live_threads, runners, shutdown_all
from tests.qt.windows import open_dialogs


def counting(tag: str, n: int, gate: threading.Event | None = None):
    """A job: `n` Progress events tagged `tag` (then, with a gate, wait for it), finishing with `tag`."""
    for i in range(n):
        yield Progress(text(tag), i + 1, n)
    if gate is not None:
        gate.wait(10)
    return tag


def until_cancelled(started: threading.Event):
    """A job that reports until it is cancelled."""
    started.set()
    while True:
        yield Progress(text("working"), 0, 0)
        threading.Event().wait(0.005)


@pytest.fixture
def threads_end(qtbot):
    """After the test, every job thread it started has ended."""
    yield
    qtbot.waitUntil(lambda: not live_threads(), timeout=10_000)


def test_events_arrive_in_order_and_job_ended_carries_the_result(qtbot, threads_end):
    runner = JobRunner()
    received = []
    runner.event_received.connect(received.append)
    with qtbot.waitSignal(runner.job_ended, timeout=10_000) as ended:
        assert runner.start(lambda: counting("a", 3), "count")
        assert runner.is_running and runner.job_name == "count"
    assert [e.done for e in received if isinstance(e, Progress)] == [1, 2, 3]
    assert received[-1] == ended.args[0] == Finished("a")
    assert not runner.is_running


def test_a_factory_that_raises_ends_the_job_with_failed_and_its_message(qtbot, threads_end):
    def broken_factory():
        raise ValueError("the settings do not fit")

    runner = JobRunner()
    with qtbot.waitSignal(runner.job_ended, timeout=10_000) as ended:
        runner.start(broken_factory, "broken")
    failed = ended.args[0]
    assert isinstance(failed, Failed) and failed.reason.id == "job.unexpected_error"
    assert "the settings do not fit" in str(failed.reason) and "Traceback" in failed.details
    assert not live_threads()


def test_a_factory_that_raises_a_user_error_says_why_without_a_traceback(qtbot, threads_end):
    def refusing_factory():
        raise UserError(text("Choose a folder first."))

    runner = JobRunner()
    with qtbot.waitSignal(runner.job_ended, timeout=10_000) as ended:
        runner.start(refusing_factory, "refused")
    assert isinstance(ended.args[0], Failed)
    assert str(ended.args[0].reason) == "Choose a folder first." and ended.args[0].details == ""


def test_a_busy_runner_refuses_a_second_job_unless_it_supersedes(qtbot, threads_end):
    runner = JobRunner()
    started = threading.Event()
    assert runner.start(lambda: until_cancelled(started), "first")
    assert not runner.start(lambda: counting("b", 1), "second")
    with qtbot.waitSignal(runner.job_ended, timeout=10_000) as ended:
        assert runner.start(lambda: counting("b", 1), "second", supersede=True)
    assert ended.args[0] == Finished("b")


def test_events_of_a_superseded_job_never_reach_the_view(qtbot, threads_end):
    runner = JobRunner()
    received, ends = [], []
    runner.event_received.connect(received.append)
    runner.job_ended.connect(ends.append)
    burst_sent, release = threading.Event(), threading.Event()

    def stale_job():
        yield from counting("stale", 200)
        burst_sent.set()
        release.wait(10)  # its cancellation is only seen at the next yield
        yield Progress(text("stale"), 0, 0)
        return "stale"

    runner.start(stale_job, "stale")
    assert burst_sent.wait(10)  # 200 events are queued for the GUI thread, none delivered yet
    runner.start(lambda: counting("fresh", 3), "fresh", supersede=True)
    release.set()
    qtbot.waitUntil(lambda: bool(ends), timeout=10_000)
    qtbot.waitUntil(lambda: not live_threads(), timeout=10_000)  # the stale thread has ended too
    assert {str(e.message) for e in received if isinstance(e, Progress)} == {"fresh"}
    assert ends == [Finished("fresh")]


def test_cancel_delivers_cancelled_with_the_reason(qtbot, threads_end):
    runner = JobRunner()
    started = threading.Event()
    runner.start(lambda: until_cancelled(started), "endless")
    assert started.wait(10)
    with qtbot.waitSignal(runner.job_ended, timeout=10_000) as ended:
        runner.cancel(text("Enough."))
    assert ended.args[0] == Cancelled(text("Enough."))


def test_a_closed_runner_drops_its_job_and_starts_no_other(qtbot, threads_end):
    runner = JobRunner()
    started = threading.Event()
    ends = []
    runner.job_ended.connect(ends.append)
    runner.start(lambda: until_cancelled(started), "endless")
    assert started.wait(10)
    runner.close()
    assert not runner.is_running and runner.is_closed
    assert not runner.start(lambda: counting("late", 1), "late")
    qtbot.waitUntil(lambda: not live_threads(), timeout=10_000)
    assert ends == []


def test_a_runner_that_is_deleted_cancels_its_job_and_the_registry_sees_it_end(qtbot, threads_end):
    started = threading.Event()
    runner = JobRunner()
    runner.start(lambda: until_cancelled(started), "orphan")
    assert started.wait(10)
    del runner  # its view went away mid-job
    qtbot.waitUntil(lambda: not live_threads(), timeout=10_000)


def test_shutdown_all_cancels_every_job_at_once_and_waits_once(qtbot, threads_end):
    jobs = [JobRunner() for _ in range(4)]
    flags = [threading.Event() for _ in jobs]
    for runner, flag in zip(jobs, flags, strict=True):
        runner.start(lambda flag=flag: until_cancelled(flag), "endless")
    assert all(flag.wait(10) for flag in flags)
    assert set(jobs) <= set(runners())
    report = shutdown_all(10_000)
    assert report.clean and report.still_running == ()
    assert not live_threads()
    assert not any(runner.is_running for runner in jobs)
    assert not jobs[0].start(lambda: counting("after", 1), "after")  # closing: nothing new starts


def test_a_shutdown_that_times_out_returns_within_the_limit_and_reports_it(qtbot, caplog, threads_end):
    started, release = threading.Event(), threading.Event()

    def stubborn() -> None:  # one step: cancelling cannot stop it
        started.set()
        release.wait(30)

    runner = JobRunner()
    runner.start(lambda: call_job(stubborn), "stubborn")
    assert started.wait(10)
    start = time.monotonic()
    with caplog.at_level(logging.WARNING):
        report = shutdown_all(300)
    first = time.monotonic() - start
    assert report.still_running == ("stubborn",) and not report.clean
    assert first < 5  # 0.3 s and some: not the job's 30 s
    assert "stubborn" in caplog.text and "still running" in caplog.text
    start = time.monotonic()
    assert shutdown_all(10_000).still_running == ("stubborn",)  # reported again, not waited for again
    assert time.monotonic() - start < 5
    release.set()  # the stuck step ends after all
    qtbot.waitUntil(lambda: not live_threads(), timeout=10_000)


def test_the_closing_reason_is_a_message(qtbot):
    assert msg("job.app_closing").id == "job.app_closing" and str(msg("job.app_closing")) == "The window is closing."


def test_a_dialog_left_open_is_found(qtbot):
    dialog = QDialog()
    qtbot.addWidget(dialog)
    box = QMessageBox(QMessageBox.Icon.Warning, "Oops", "Something", QMessageBox.StandardButton.Ok)
    qtbot.addWidget(box)
    dialog.show()
    box.open()
    assert set(open_dialogs()) == {dialog, box}
    dialog.close()
    box.close()
    assert open_dialogs() == []


def test_pause_holds_the_current_job_and_resume_lets_it_finish(qtbot, threads_end):
    runner = JobRunner()
    received = []
    runner.event_received.connect(received.append)
    started = threading.Event()
    assert runner.start(lambda: until_cancelled(started), "work")
    assert started.wait(5)
    qtbot.waitUntil(lambda: len(received) >= 2, timeout=5_000)
    runner.pause()
    assert runner.is_paused
    qtbot.wait(100)
    count = len(received)
    qtbot.wait(200)
    assert len(received) == count  # nothing while paused
    runner.resume()
    assert not runner.is_paused
    qtbot.waitUntil(lambda: len(received) > count + 2, timeout=5_000)
    with qtbot.waitSignal(runner.job_ended, timeout=10_000) as ended:
        runner.pause()
        runner.cancel()  # stopping a paused job ends it
    assert isinstance(ended.args[0], Cancelled)


def test_thousands_of_steps_a_second_reach_the_gui_in_at_most_60_signals_a_second(qtbot, threads_end, monkeypatch):
    from cnnstudio.qt import workers

    signals = []
    original = workers.JobRunner._on_worker_event

    def counting(self, job_id, events):
        signals.append(len(events))
        original(self, job_id, events)

    monkeypatch.setattr(workers.JobRunner, "_on_worker_event", counting)

    def fast(n):
        started = time.monotonic()
        for i in range(n):
            yield Progress(text("step"), i + 1, n)
        return time.monotonic() - started

    runner = JobRunner()
    received = []
    runner.event_received.connect(received.append)
    with qtbot.waitSignal(runner.job_ended, timeout=30_000) as ended:
        runner.start(lambda: fast(20_000), "fast")
    seconds = ended.args[0].result
    steps = [e.done for e in received if isinstance(e, Progress)]
    assert steps == list(range(1, 20_001))  # every event, in order
    assert sum(signals) == 20_001 and len(signals) <= seconds * workers.MAX_SIGNALS_PER_SECOND + 3
    assert len(signals) < 2_000  # far fewer signals than events
