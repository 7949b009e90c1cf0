"""Every long action ends with a line in the Log dock and the status bar, written once, centrally."""

from __future__ import annotations

import time

from PySide6.QtWidgets import QStatusBar

from cnnstudio.core.events import Progress
from cnnstudio.core.export import export_run
from cnnstudio.qt.job_log import QUIET_JOBS, JobLog
from cnnstudio.qt.workers import JobEnd, JobRunner, job_ends
from tests.helpers import make_stripes_folder, write_model_run


def test_a_scan_and_an_export_each_end_with_a_line_in_the_log_and_the_status_bar(window, qtbot, tmp_path):
    folder = make_stripes_folder(tmp_path / "stripes", per_class=6, size=16)
    with qtbot.waitSignal(window.session.scanner.job_ended, timeout=30_000):
        window.open_dataset(str(folder))
    scan_line = [line for line in window.job_log.lines if line.startswith("Scanning the dataset finished in ")]
    assert len(scan_line) == 1 and scan_line[0] in window.log_dock.text()

    run = write_model_run(tmp_path / "run", "seed-separable", image_size=32)
    panel = window.evaluation_dock.export_panel
    panel.set_run(str(run))
    with qtbot.waitSignal(panel.runner.job_ended, timeout=30_000):
        panel.export_to(str(tmp_path / "model.safetensors"), "safetensors")
    assert (tmp_path / "model.safetensors").is_file()
    assert window.job_log.lines[-1].startswith("Export finished in ")
    assert window.statusBar().currentMessage() == window.job_log.lines[-1]
    assert window.log_dock.text().rstrip().endswith(window.job_log.lines[-1])

    with qtbot.waitSignal(panel.runner.job_ended, timeout=30_000):
        panel.export_to(str(tmp_path / "no-such-folder" / "model.safetensors"), "safetensors")
    failed = window.job_log.lines[-1]
    assert failed.startswith("Export failed after ") and "no-such-folder" in failed
    assert f"error: {failed}" in window.log_dock.text() and window.statusBar().currentMessage() == failed


def _slow(seconds: float, steps: int = 20):
    for i in range(steps):
        time.sleep(seconds / steps)
        yield Progress("working", i, steps)
    return "done"


def _log_and_bar(qtbot):
    bar = QStatusBar()
    qtbot.addWidget(bar)
    lines: list[tuple[str, str]] = []
    return JobLog(lambda text, level: lines.append((text, level)), bar), lines, bar


def test_views_that_follow_clicks_stay_quiet_and_superseded_jobs_say_nothing(qtbot, tmp_path):
    log, lines, bar = _log_and_bar(qtbot)
    runner = JobRunner()
    ends: list[JobEnd] = []
    job_ends().ended.connect(ends.append)
    try:
        _quiet_and_superseded(qtbot, log, lines, bar, runner, ends, tmp_path)
    finally:
        job_ends().ended.disconnect(ends.append)


def _quiet_and_superseded(qtbot, log, lines, bar, runner, ends, tmp_path):
    run = write_model_run(tmp_path / "run", "seed-separable", image_size=32)
    with qtbot.waitSignal(runner.job_ended, timeout=30_000):
        runner.start(lambda: _slow(1.2), "classify")  # quiet however long it takes
    assert ends[-1].name == "classify" and ends[-1].outcome == "finished" and ends[-1].seconds >= 1.2
    assert lines == []

    with qtbot.waitSignal(runner.job_ended, timeout=30_000):
        runner.start(lambda: _slow(5.0), "export")
        runner.start(lambda: export_run(run, "safetensors", tmp_path / "m.safetensors"), "export", supersede=True)
    assert [text for text, _level in lines] == [log.lines[-1]] and lines[0][0].startswith("Export finished in ")
    assert bar.currentMessage() == lines[0][0]
    assert runner.wait(10_000)  # the superseded job's thread ended too


def test_a_stopped_job_and_an_unknown_long_job_are_said_with_their_time(qtbot):
    log, lines, _bar = _log_and_bar(qtbot)
    runner = JobRunner()
    with qtbot.waitSignal(runner.job_ended, timeout=30_000):
        runner.start(lambda: _slow(3.0), "train")
        qtbot.wait(200)
        runner.cancel()
    assert lines[-1][0].startswith("Training was stopped after ") and lines[-1][0].endswith("Stopped by the user.")
    with qtbot.waitSignal(runner.job_ended, timeout=30_000):
        runner.start(lambda: _slow(1.1), "something-new")
    assert lines[-1][0].startswith("The background job “something-new” finished in 1.")
    assert not log.announces(JobEnd("something-new", "finished", 0.3))  # quick: quiet
    assert log.line(JobEnd("evaluation", "finished", 75.0)) == "Evaluation finished in 1:15."
    assert runner.wait(5_000)


def test_every_job_the_window_starts_is_either_a_long_action_or_a_quiet_view(qtbot):
    """A new kind of job has to be placed: a long action (a line, always) or a view that follows clicks."""
    import re
    from pathlib import Path

    import cnnstudio.qt

    sources = "\n".join(p.read_text(encoding="utf-8") for p in Path(cnnstudio.qt.__file__).parent.rglob("*.py"))
    names = set(re.findall(r'\.start\(\s*lambda[^"]*?"([^"]+)"', sources))
    assert {"scan", "train", "export", "classify", "heatmap folder"} <= names  # the pattern finds them
    log, _lines, _bar = _log_and_bar(qtbot)
    titled = {name for name in names if log.announces(JobEnd(name, "finished", 0.0))}
    assert names - titled <= QUIET_JOBS, f"place these jobs in job_log.py: {sorted(names - titled - QUIET_JOBS)}"
    assert not titled & QUIET_JOBS
