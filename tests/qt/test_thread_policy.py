"""How a job's thread shares the machine with the GUI: the trainer's thread policy is applied and put back."""

from __future__ import annotations

import os
import sys
import threading

import pytest
import torch

from cnnstudio.core.events import Finished
from cnnstudio.qt.session import Session
from cnnstudio.qt.workers import YIELD_TO_GUI, JobRunner, ThreadPolicy, live_threads

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="per-thread niceness is Linux's")


def niceness(tid: int | None = None) -> int:
    return os.getpriority(os.PRIO_PROCESS, threading.get_native_id() if tid is None else tid)


def tasks() -> set[int]:
    return {int(tid) for tid in os.listdir("/proc/self/task")}


def observing(seen: dict, gate: threading.Event | None = None):
    """A job that notes its thread's niceness and the switch interval (then waits for `gate`)."""
    seen["nice"], seen["switch"] = niceness(), sys.getswitchinterval()
    if gate is not None:
        gate.wait(10)
    seen["switch_at_end"] = sys.getswitchinterval()
    return "done"
    yield  # a generator: a job


@pytest.fixture
def threads_end(qtbot):
    yield
    qtbot.waitUntil(lambda: not live_threads(), timeout=10_000)


def run_to_end(qtbot, runner: JobRunner, factory) -> object:
    with qtbot.waitSignal(runner.job_ended, timeout=30_000) as ended:
        assert runner.start(factory, "observe")
    return ended.args[0]


@linux_only
def test_a_yielding_job_runs_niced_with_a_short_switch_interval_and_both_come_back(qtbot, threads_end):
    before_switch, before_nice = sys.getswitchinterval(), niceness()
    seen: dict = {}
    ended = run_to_end(qtbot, JobRunner(policy=YIELD_TO_GUI), lambda: observing(seen))
    assert ended == Finished("done")
    assert seen["nice"] == min(19, before_nice + YIELD_TO_GUI.nice) > before_nice
    assert seen["switch"] == pytest.approx(YIELD_TO_GUI.switch_interval) != pytest.approx(before_switch)
    assert sys.getswitchinterval() == pytest.approx(before_switch)  # put back when the job ended
    assert niceness() == before_nice  # the GUI thread's own is never touched


def test_the_default_policy_changes_nothing(qtbot, threads_end):
    before_switch = sys.getswitchinterval()
    seen: dict = {}
    run_to_end(qtbot, JobRunner(), lambda: observing(seen))
    assert seen["nice"] == niceness() and seen["switch"] == pytest.approx(before_switch)


def test_overlapping_jobs_keep_the_shortest_interval_until_the_last_one_ends(qtbot, threads_end):
    before = sys.getswitchinterval()
    slow, fast = JobRunner(policy=ThreadPolicy(switch_interval=0.002)), JobRunner(policy=ThreadPolicy(0, 0.0005))
    first, second, gate = {}, {}, threading.Event()
    with qtbot.waitSignal(fast.job_ended, timeout=10_000):
        slow.start(lambda: observing(first, gate), "slow")
        qtbot.waitUntil(lambda: "switch" in first, timeout=10_000)
        fast.start(lambda: observing(second), "fast")
    assert first["switch"] == pytest.approx(0.002) and second["switch"] == pytest.approx(0.0005)
    assert sys.getswitchinterval() == pytest.approx(0.002)  # the fast job ended; the slow one still runs
    with qtbot.waitSignal(slow.job_ended, timeout=10_000):
        gate.set()
    assert sys.getswitchinterval() == pytest.approx(before)


@linux_only
@pytest.mark.skipif(torch.get_num_threads() < 2, reason="torch runs on one thread here: no workers to inherit")
def test_torch_workers_started_by_a_yielding_job_inherit_its_niceness(qtbot, threads_end):
    seen: dict = {}

    def convolve():
        own = niceness()
        before = tasks()
        x = torch.randn(8, 16, 64, 64)
        for _ in range(3):  # large enough for OpenMP to start this thread's workers
            torch.nn.functional.conv2d(x, torch.randn(16, 16, 3, 3), padding=1).sum().item()
        seen["own"], seen["workers"] = own, {tid: niceness(tid) for tid in tasks() - before}
        return "done"
        yield

    run_to_end(qtbot, JobRunner(policy=YIELD_TO_GUI), convolve)
    assert seen["workers"], "the convolution started no worker thread"
    assert set(seen["workers"].values()) == {seen["own"]} and seen["own"] > niceness()


def test_the_session_trains_with_the_yielding_policy(qtbot):
    session = Session()
    assert session.trainer.policy == YIELD_TO_GUI
    assert session.scanner.policy == ThreadPolicy()  # short jobs keep the default
    qtbot.waitUntil(lambda: not live_threads(), timeout=10_000)
