"""The training presenter and the Curves dock together: the redraw budget under a flood of batch events, nothing
drawn while the dock cannot be seen, the best epoch named by the run's own monitor, and the Curves brought to
the front when a run starts. Events are sent as the trainer sends them (its `event_received` signal)."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QMainWindow, QProgressBar

from cnnstudio.core.events import BatchEnd, EpochEnd, Finished, RunStarted
from cnnstudio.qt.docks.curves import CurvesDock
from cnnstudio.qt.docks.log import LogDock
from cnnstudio.qt.docks.training import TrainingDock
from cnnstudio.qt.training_presenter import REFRESH_INTERVAL_MS, TrainingPresenter
from cnnstudio.qt.workers import JobRunner


class PaintCounter(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.paints = 0

    def eventFilter(self, _watched, event) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Paint:
            self.paints += 1
        return False


@pytest.fixture
def parts(qtbot):
    window = QMainWindow()
    qtbot.addWidget(window)
    trainer = JobRunner(window)
    curves, log = CurvesDock(window), LogDock(window)
    training = TrainingDock(QAction(window), QAction(window), window)
    for dock in (curves, log, training):
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    window.tabifyDockWidget(curves, log)
    status = QLabel(window)
    presenter = TrainingPresenter(trainer, curves, training, log, QProgressBar(window), status, window)
    window.resize(900, 700)
    window.show()
    qtbot.waitExposed(window)
    return SimpleNamespace(window=window, trainer=trainer, curves=curves, log=log, presenter=presenter, status=status)


def _run_dir(tmp_path, monitor: str) -> str:
    (tmp_path / "config.json").write_text(json.dumps({"training": {"monitor": monitor}}))
    return str(tmp_path)


def _started(run_dir: str, epochs: int = 3, steps: int = 1000) -> RunStarted:
    return RunStarted(run_dir, epochs, steps, 100, 20, ("a", "b"), "cpu", 1000)


def _batch(epoch: int, step: int, steps: int = 1000) -> BatchEnd:
    return BatchEnd(epoch, 3, step, steps, 0.7 - step / 5000, 0.5, 100.0, 1.0, 9.0)


def test_starting_a_run_brings_the_curves_to_the_front(parts, qtbot, tmp_path):
    parts.log.raise_()
    qtbot.waitUntil(lambda: not parts.curves.is_on_screen())
    parts.presenter.begin_run(str(tmp_path))
    qtbot.waitUntil(parts.curves.is_on_screen)


def test_a_flood_of_batches_is_drawn_once_per_refresh(parts, qtbot, tmp_path):
    """However many batches arrive, the plots are drawn (and repainted) only on the presenter's refresh, which
    its timer calls every REFRESH_INTERVAL_MS: at most 5 a second."""
    assert REFRESH_INTERVAL_MS >= 200
    parts.presenter.begin_run(str(tmp_path))
    qtbot.waitUntil(parts.curves.is_on_screen)
    counter = PaintCounter()
    parts.curves.graphics.viewport().installEventFilter(counter)
    parts.trainer.event_received.emit(_started(_run_dir(tmp_path, "val_loss")))
    qtbot.wait(20)
    drawn, counter.paints = parts.curves.redraws, 0
    for step in range(1, 1001):
        parts.trainer.event_received.emit(_batch(1, step))
        if step % 100 == 0:
            qtbot.wait(1)  # the event loop runs between the events, as it does during a run
    assert parts.curves.redraws == drawn and counter.paints == 0 and parts.curves.batch_points == 0
    for _tick in range(3):
        parts.presenter.refresh()
        qtbot.wait(20)
    assert parts.curves.batch_points == 1000 and len(parts.curves.batch_loss.getData()[0]) == 1000
    assert parts.curves.redraws == drawn + 1  # the two later ticks had nothing new
    assert 1 <= counter.paints <= 2
    parts.curves.graphics.viewport().removeEventFilter(counter)


def test_nothing_is_drawn_while_the_curves_are_behind_another_tab(parts, qtbot, tmp_path):
    parts.presenter.begin_run(str(tmp_path))
    parts.log.raise_()
    qtbot.waitUntil(lambda: not parts.curves.is_on_screen())
    counter = PaintCounter()
    parts.curves.graphics.viewport().installEventFilter(counter)
    drawn = parts.curves.redraws
    for step in range(1, 201):
        parts.trainer.event_received.emit(_batch(1, step))
    parts.trainer.event_received.emit(EpochEnd(1, 3, 0.6, 0.6, 0.65, 0.55, True, 1.0, 100.0))
    parts.presenter.refresh()
    qtbot.wait(20)
    assert parts.curves.batch_points == 200 and parts.curves.epoch_points == 1  # kept
    assert parts.curves.redraws == drawn and counter.paints == 0  # not drawn
    parts.curves.raise_()
    qtbot.waitUntil(lambda: parts.curves.redraws == drawn + 1)
    assert len(parts.curves.batch_loss.getData()[0]) == 200 and parts.curves.best_lines[0].value() == 1
    parts.curves.graphics.viewport().removeEventFilter(counter)


@pytest.mark.parametrize(
    ("monitor", "legend", "finished"),
    [
        ("val_loss", "best: epoch 1 (lowest validation loss, 0.650)", "by the lowest validation loss, was 1 (55.0%)"),
        ("val_accuracy", "best: epoch 2 (highest validation accuracy, 68.2%)", "by the highest validation accuracy"),
    ],
)
def test_the_best_epoch_is_named_by_the_runs_monitor(parts, qtbot, tmp_path, monitor, legend, finished):
    run_dir = _run_dir(tmp_path, monitor)
    parts.presenter.begin_run(run_dir)
    qtbot.waitUntil(parts.curves.is_on_screen)
    parts.trainer.event_received.emit(_started(run_dir, epochs=2, steps=2))
    best_first = monitor == "val_loss"
    history = [
        {"epoch": 1, "train_loss": 0.6, "train_accuracy": 0.6, "val_loss": 0.65, "val_accuracy": 0.55},
        {"epoch": 2, "train_loss": 0.3, "train_accuracy": 0.9, "val_loss": 0.9, "val_accuracy": 0.682},
    ]
    for row in history:
        is_best = best_first == (row["epoch"] == 1)
        parts.trainer.event_received.emit(EpochEnd(row["epoch"], 2, *list(row.values())[1:], is_best, 1.0, 100.0))
    parts.presenter.refresh()
    assert parts.curves.monitor == monitor
    for best in parts.curves.best_legends:
        assert [label.text for _s, label in best.items] == [legend]
    best = history[0] if best_first else history[1]
    result = SimpleNamespace(
        run_dir=run_dir, history=history, best_epoch=best["epoch"], val_accuracy=best["val_accuracy"]
    )
    parts.trainer.job_ended.emit(Finished(result))
    assert finished in parts.status.text() and "68.2% at the end" in parts.status.text()


def test_the_status_line_is_set_again_only_for_a_new_batch(parts, qtbot, tmp_path):
    parts.presenter.begin_run(str(tmp_path))
    parts.presenter.set_running(True)
    try:
        parts.trainer.event_received.emit(_batch(1, 7))
        parts.presenter.refresh()
        assert parts.status.text().startswith("Epoch 1/3 · batch 7/1000")
        parts.status.setText("held")  # e.g. what a pause says
        parts.presenter.refresh()
        assert parts.status.text() == "held"  # nothing new: the label is left alone (no relayout, no repaint)
        parts.trainer.event_received.emit(_batch(1, 8))
        parts.presenter.refresh()
        assert parts.status.text().startswith("Epoch 1/3 · batch 8/1000")
    finally:
        parts.presenter.set_running(False)
