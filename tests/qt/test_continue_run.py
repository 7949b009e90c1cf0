"""Continue a finished run from the Runs dock: asked for the new total, the curves so far kept, the new epochs added."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtWidgets import QInputDialog, QMessageBox

from cnnstudio.core.events import Finished
from tests.helpers import make_stripes_folder, write_model_run

FAST = dict(model="seed-separable", image_size=24, batch_size=16, epochs=2, threads=1)


def test_a_finished_run_continues_to_the_total_asked_for(window, qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("CNNSTUDIO_RUNS", str(tmp_path / "runs"))
    with qtbot.waitSignal(window.session.dataset_changed, timeout=20_000):
        window.open_dataset(str(make_stripes_folder(tmp_path / "stripes", per_class=8)))
    qtbot.waitUntil(window.action_train.isEnabled, timeout=20_000)
    window.session.update_config(**FAST)
    with qtbot.waitSignal(window.session.trainer.job_ended, timeout=60_000) as first:
        window.action_train.trigger()
    assert isinstance(first.args[0], Finished)
    run_dir = window.session.current_run_dir
    asked = []

    def get_int(_parent, _title, label, value, low, high):
        asked.append((label, value, low))
        return 4, True

    monkeypatch.setattr(QInputDialog, "getInt", get_int)
    with qtbot.waitSignal(window.session.trainer.job_ended, timeout=60_000) as second:
        window.runs_dock.continue_requested.emit(run_dir)
        assert window.curves_dock.epoch_points == 2  # the run's curves so far, kept
    assert isinstance(second.args[0], Finished)
    assert asked == [("The run has 2 epochs. Train it until epoch (in all):", 4, 3)]
    history = [json.loads(line) for line in (Path(run_dir) / "history.jsonl").read_text().splitlines()]
    assert [row["epoch"] for row in history] == [1, 2, 3, 4]
    qtbot.waitUntil(lambda: window.curves_dock.epoch_points == 4, timeout=10_000)


def test_a_run_that_cannot_continue_says_why(window, qtbot, tmp_path, monkeypatch):
    run = write_model_run(tmp_path / "old-run", "seed-separable", image_size=24)  # no checkpoint
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, title, text: warned.append((title, text)))
    window.runs_presenter.ask_continue(str(run))  # the checkpoint is read in the background, then the answer comes
    qtbot.waitUntil(lambda: bool(warned), timeout=10_000)
    assert warned[0][0] == "Cannot continue old-run" and not window.session.is_training
