from __future__ import annotations

from cnnstudio.core.errors import UserError
from cnnstudio.core.events import Cancelled, Failed, Finished, Progress
from cnnstudio.core.jobs import CancelToken, call_job, drive


def counting_job(n: int, log: list[str]):
    try:
        for i in range(n):
            yield Progress("step", i + 1, n)
        yield Finished(n)
    finally:
        log.append("cleaned up")


def test_drive_passes_events_through_and_ends_with_the_terminal_event():
    log: list[str] = []
    events = list(drive(counting_job(3, log)))
    assert [type(e) for e in events] == [Progress, Progress, Progress, Finished]
    assert log == ["cleaned up"]


def test_cancel_stops_at_the_next_yield_and_runs_the_jobs_cleanup():
    log: list[str] = []
    token = CancelToken()
    events = []
    for event in drive(counting_job(100, log), token):
        events.append(event)
        if len(events) == 2:
            token.cancel("enough")
    assert len(events) == 3
    assert events[-1] == Cancelled("enough")
    assert log == ["cleaned up"]


def test_a_user_error_becomes_failed_without_traceback():
    def job():
        yield Progress("x", 0, 1)
        raise UserError("The folder is empty; add images.")

    events = list(drive(job()))
    assert isinstance(events[-1], Failed) and events[-1].details == ""
    assert str(events[-1].reason) == "The folder is empty; add images."


def test_a_bug_becomes_failed_with_its_traceback():
    def job():
        yield Progress("x", 0, 1)
        return 1 / 0

    last = list(drive(job()))[-1]
    assert isinstance(last, Failed)
    assert last.reason.id == "job.unexpected_error" and "ZeroDivisionError" in str(last.reason)
    assert "Traceback" in last.details


def test_a_step_that_returns_a_value_finishes_with_it():
    def job():
        yield Progress("x", 0, 1)
        return {"classes": 2}

    assert list(drive(job()))[-1] == Finished({"classes": 2})


def test_a_plain_function_becomes_a_one_step_job():
    assert list(drive(call_job(divmod, 17, 5))) == [Finished((3, 2))]
    failed = list(drive(call_job(divmod, 1, 0)))
    assert len(failed) == 1 and isinstance(failed[0], Failed) and "ZeroDivisionError" in str(failed[0].reason)


def test_a_cancelled_plain_function_never_runs():
    calls = []
    token = CancelToken()
    token.cancel()
    events = list(drive(call_job(calls.append, 1), token))
    assert calls == [] and isinstance(events[-1], Cancelled)


def test_a_paused_job_waits_between_events_and_goes_on_or_stops_when_told():
    import threading

    log: list[str] = []
    token = CancelToken()
    events: list = []
    steps_seen = threading.Event()

    def consume():
        for event in drive(counting_job(6, log), token):
            events.append(event)
            if len(events) == 2:
                token.pause()
                steps_seen.set()

    worker = threading.Thread(target=consume)
    worker.start()
    assert steps_seen.wait(5)
    worker.join(0.3)
    assert worker.is_alive() and len(events) == 2 and token.paused  # held after its second event
    token.resume()
    worker.join(5)
    assert not worker.is_alive() and [type(e) for e in events] == [Progress] * 6 + [Finished]
    # stopping a paused job wakes it to stop
    stopped: list = []
    token = CancelToken()
    token.pause()
    worker = threading.Thread(target=lambda: stopped.extend(drive(counting_job(50, log), token)))
    worker.start()
    worker.join(0.3)
    assert worker.is_alive() and len(stopped) == 1
    token.cancel("enough")
    worker.join(5)
    assert not worker.is_alive() and stopped[-1] == Cancelled("enough") and not token.paused
