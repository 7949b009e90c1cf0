from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtWidgets import QDockWidget, QMessageBox

from cnnstudio.core.events import BatchEnd, Cancelled, Failed, Finished, RunStarted
from cnnstudio.core.messages import msg
from cnnstudio.qt.main_window import MainWindow
from tests.helpers import make_stripes_folder

FAST = dict(
    model="seed-separable", image_size=24, batch_size=16, epochs=30, optimizer="rmsprop", learning_rate=1e-3, threads=1
)


def run_dir_of(win: MainWindow) -> Path:
    return Path(win.session.current_run_dir)


def error_box(win: MainWindow) -> QMessageBox:
    """The error message box on screen (there is one)."""
    boxes = [b for b in win.findChildren(QMessageBox, "errorBox") if b.isVisible()]
    assert len(boxes) == 1, boxes
    return boxes[0]


def test_window_opens_with_the_demo_dataset_ready_to_train(window, qtbot):
    names = {d.objectName() for d in window.findChildren(QDockWidget)}
    assert {"datasetDock", "modelDock", "trainingDock", "curvesDock", "logDock"} <= names
    assert window.session.dataset.is_demo
    assert window.dataset_dock.table.topLevelItemCount() == len(window.session.dataset.class_names) + 1
    qtbot.waitUntil(lambda: window.model_dock.table.rowCount() > 0, timeout=10_000)
    assert window.action_train.isEnabled() and not window.action_stop.isEnabled()


def test_actions_have_names_and_shortcuts(window):
    for name in ("actionOpenDataset", "actionTrain", "actionPause", "actionStop", "actionQuit"):
        action = window.findChild(type(window.action_train), name)
        assert action is not None, name
        assert not action.shortcut().isEmpty(), name


def test_train_streams_curve_points_and_stop_ends_the_thread(window, qtbot):
    window.session.update_config(**FAST)
    with qtbot.waitSignal(window.session.trainer.job_started, timeout=5_000):
        window.action_train.trigger()
    assert window.action_stop.isEnabled() and not window.action_train.isEnabled()
    qtbot.waitUntil(lambda: window.curves_dock.batch_points >= 3, timeout=60_000)
    qtbot.waitUntil(lambda: window.curves_dock.epoch_points >= 1, timeout=60_000)
    with qtbot.waitSignal(window.session.trainer.job_ended, timeout=10_000) as ended:
        window.action_stop.trigger()
    assert isinstance(ended.args[0], Cancelled)
    assert not window.session.is_training
    assert window.action_train.isEnabled() and not window.action_stop.isEnabled()
    assert json.loads((run_dir_of(window) / "status.json").read_text())["status"] == "cancelled"


def test_pause_holds_training_between_batches_and_resume_goes_on(window, qtbot):
    window.session.update_config(**FAST)
    assert not window.action_pause.isEnabled()
    with qtbot.waitSignal(window.session.trainer.job_started, timeout=5_000):
        window.action_train.trigger()
    qtbot.waitUntil(lambda: window.curves_dock.batch_points >= 2, timeout=60_000)
    window.action_pause.trigger()
    assert window.session.trainer.is_paused and window.action_pause.text() == "&Resume"
    assert "Paused" in window.training_dock.state.text()
    qtbot.wait(300)
    held = window.curves_dock.batch_points
    qtbot.wait(700)
    assert window.curves_dock.batch_points == held and window.session.is_training  # held, not ended
    window.action_pause.trigger()
    assert not window.session.trainer.is_paused and window.action_pause.text() == "&Pause"
    qtbot.waitUntil(lambda: window.curves_dock.batch_points > held, timeout=60_000)
    window.action_pause.trigger()  # stop while paused: the run ends at once
    with qtbot.waitSignal(window.session.trainer.job_ended, timeout=10_000) as ended:
        window.action_stop.trigger()
    assert isinstance(ended.args[0], Cancelled)
    assert not window.action_pause.isEnabled() and not window.action_pause.isChecked()


def test_stopping_before_the_first_epoch_ends_leaves_no_run_folder(window, qtbot):
    window.session.update_config(**FAST)
    window.action_train.trigger()
    qtbot.waitUntil(lambda: window.curves_dock.batch_points >= 1, timeout=60_000)
    with qtbot.waitSignal(window.session.trainer.job_ended, timeout=10_000) as ended:
        window.action_stop.trigger()
    assert isinstance(ended.args[0], Cancelled) and window.curves_dock.epoch_points == 0
    assert not run_dir_of(window).exists()
    assert not window.training_dock.open_run.isEnabled()  # no folder to open
    assert "no run folder was kept" in window.training_dock.state.text()


def test_a_finished_run_draws_epoch_curves_and_says_so(window, qtbot):
    window.session.update_config(**{**FAST, "epochs": 2})
    started: list[RunStarted] = []
    window.session.trainer.event_received.connect(lambda e: isinstance(e, RunStarted) and started.append(e))
    with qtbot.waitSignal(window.session.trainer.job_ended, timeout=120_000) as ended:
        window.action_train.trigger()
    assert isinstance(ended.args[0], Finished)
    assert window.curves_dock.epoch_points == 2
    assert window.curves_dock.batch_points == 2 * started[0].steps_per_epoch
    assert "Finished" in window.training_dock.state.text()
    assert window.training_dock.open_run.isEnabled()


def test_batch_events_are_drawn_by_the_timer_not_one_by_one(window, qtbot):
    steps = 300

    def burst():  # a run that reports its batches as fast as a thread can
        yield RunStarted("", 1, steps, steps, 0, ("a", "b"), "cpu", 1)
        for step in range(1, steps + 1):
            yield BatchEnd(1, 1, step, steps, 1.0 / step, 0.5, 1000.0, 0.0, 0.0)
        yield Cancelled(msg("job.stopped_by_user"))

    curves, presenter, trainer = window.curves_dock, window.training_presenter, window.session.trainer
    seen: list[tuple[str, int]] = []  # what the curve holds as each batch arrives, and after each redraw
    trainer.event_received.connect(lambda e: isinstance(e, BatchEnd) and seen.append(("batch", curves.batch_points)))
    presenter.refreshed.connect(lambda: seen.append(("redraw", curves.batch_points)))
    with qtbot.waitSignal(trainer.job_ended, timeout=20_000):
        assert trainer.start(burst, "train")
        assert presenter.is_refreshing
    assert not presenter.is_refreshing
    assert curves.batch_points == steps and sum(kind == "batch" for kind, _ in seen) == steps
    growth = [(kind, after) for (_, before), (kind, after) in zip(seen, seen[1:], strict=False) if after != before]
    assert growth and all(kind == "redraw" for kind, _ in growth)  # the curve grows on redraws only
    assert len(growth) <= steps // 10  # many batches per redraw


def test_answering_no_keeps_the_window_and_the_run(window, qtbot, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    window.session.update_config(**FAST)
    window.action_train.trigger()
    qtbot.waitUntil(lambda: window.curves_dock.batch_points >= 1, timeout=60_000)
    assert not window.close()
    assert window.isVisible() and window.session.is_training
    with qtbot.waitSignal(window.session.trainer.job_ended, timeout=10_000):
        window.action_stop.trigger()


def test_layout_is_restored_in_the_next_window(qtbot):
    first = MainWindow()
    qtbot.addWidget(first)
    first.show()
    first.log_dock.hide()
    assert first.close()
    second = MainWindow()
    qtbot.addWidget(second)
    second.show()
    assert not second.log_dock.isVisible() and second.dataset_dock.isVisible()


def test_a_diverging_run_reaches_the_user_as_a_message_and_the_app_stays_usable(window, qtbot):
    window.session.update_config(
        model="small-convnet", image_size=48, optimizer="sgd", learning_rate=1e12, epochs=3, threads=1
    )
    with qtbot.waitSignal(window.session.trainer.job_ended, timeout=60_000) as ended:
        window.action_train.trigger()
    assert isinstance(ended.args[0], Failed)
    box = error_box(window)
    assert "learning rate" in box.text()
    box.close()
    assert window.action_train.isEnabled()
    assert "learning rate" in window.log_dock.text()


def test_a_model_that_cannot_fit_the_input_disables_train_with_the_reason(window):
    window.model_dock.preset.setCurrentIndex(window.model_dock.preset.findData("small-convnet"))
    window.model_dock.image_size.setValue(24)
    assert not window.action_train.isEnabled()
    assert window.model_dock.error.isVisible() and "image size" in window.model_dock.error.text()
    assert "image size" in window.action_train.toolTip()
    window.model_dock.image_size.setValue(64)
    assert window.action_train.isEnabled() and not window.model_dock.error.isVisible()


def test_model_dock_edits_reach_the_session_and_the_summary(window, qtbot):
    dock = window.model_dock
    dock.preset.setCurrentIndex(dock.preset.findData("seed-separable"))
    dock.image_size.setValue(32)
    assert window.session.config.model == "seed-separable" and window.session.config.image_size == 32
    qtbot.waitUntil(lambda: dock.table.item(0, 1) is not None and dock.table.item(0, 1).text() == "(None, 30, 30, 32)")


def test_opening_a_dataset_folder_scans_in_the_background(window, qtbot, tmp_path):
    root = make_stripes_folder(tmp_path / "stripes", per_class=8)
    (root / "vertical" / "broken.png").write_bytes(b"nope")
    with qtbot.waitSignal(window.session.dataset_changed, timeout=20_000) as changed:
        window.open_dataset(str(root))
    dataset = changed.args[0]
    assert dataset.class_names == ("horizontal", "vertical")
    assert window.dataset_dock.title.text() == "stripes"
    assert window.dataset_dock.warning.isVisible()
    assert window.dataset_dock.skipped_list.topLevelItemCount() == 1
    table = window.model_dock.table
    qtbot.waitUntil(lambda: table.rowCount() > 0 and table.item(table.rowCount() - 1, 1).text() == "(None, 1)")


def test_opening_a_folder_without_classes_shows_a_clear_error(window, qtbot, tmp_path):
    (tmp_path / "empty").mkdir()
    with qtbot.waitSignal(window.session.scanner.job_ended, timeout=10_000) as ended:
        window.open_dataset(str(tmp_path / "empty"))
    assert isinstance(ended.args[0], Failed)
    box = error_box(window)
    assert "holds no images" in box.text()
    box.close()
    assert window.session.dataset.is_demo  # the previous dataset stays


def test_cache_budgets_set_in_the_settings_reach_the_engine(qtbot):
    from cnnstudio.core.data import SPLIT_CACHE
    from cnnstudio.core.pretrained import BACKBONE_CACHE
    from cnnstudio.qt import settings as app_settings

    before = SPLIT_CACHE.budget, BACKBONE_CACHE.budget
    app_settings.set_value(app_settings.Key.CACHE_SPLITS_MB, 32)
    app_settings.set_value(app_settings.Key.CACHE_BACKBONES_MB, "not a number")
    try:
        win = MainWindow()
        qtbot.addWidget(win)
        assert SPLIT_CACHE.budget == 32 * 2**20
        assert BACKBONE_CACHE.budget == before[1]  # a bad value keeps the engine's default
    finally:
        SPLIT_CACHE.set_budget(before[0])
