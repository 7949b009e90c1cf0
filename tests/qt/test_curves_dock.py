"""The Curves dock: smoothing, the best epoch on both plots and in the legends, the shaded gap, values under the mouse,
phases, export; the epoch axis, the legends off the data, and drawing only what can be seen."""

from __future__ import annotations

import csv
import re

import numpy as np
import pytest
from PIL import Image
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QGraphicsItem

from cnnstudio.core.curves import smooth
from cnnstudio.core.events import BatchEnd, EpochEnd
from cnnstudio.qt.docks.curves import CurvesDock
from cnnstudio.qt.widgets.epoch_axis import epoch_ticks, value_tick_step


def _epoch(n: int, val_acc: float, best: bool) -> EpochEnd:
    return EpochEnd(n, 6, 1.0 / n, 0.5 + 0.08 * n, 0.6 + 0.05 * n, val_acc, best, float(n), 100.0)


@pytest.fixture
def dock(qtbot):
    dock = CurvesDock()
    qtbot.addWidget(dock)
    dock.resize(520, 560)
    dock.show()
    return dock


def _fill(dock: CurvesDock) -> None:
    dock.set_monitor("val_accuracy")  # the epochs below are best by their validation accuracy
    dock.add_batches(
        [BatchEnd(e, 6, s, 4, 1.2 / (e + s), 0.5, 100.0, 1.0, 9.0) for e in (1, 2, 3) for s in (1, 2, 3, 4)]
    )
    dock.add_epochs([_epoch(1, 0.60, True), _epoch(2, 0.72, True), _epoch(3, 0.70, False)])
    dock.begin_phase("fine-tune")
    dock.add_epochs([_epoch(4, 0.81, True), _epoch(5, 0.78, False)])


def test_best_epoch_gap_and_phase_are_marked(dock):
    _fill(dock)
    assert dock.epoch_points == 5 and dock.batch_points == 12 and dock.best_epoch == 4
    assert all(line.isVisible() and line.value() == 4 for line in dock.best_lines)  # on both plots
    for legend in dock.best_legends:  # under each plot, naming the metric the run monitors
        assert legend.isVisible()
        assert [label.text for _sample, label in legend.items] == ["best: epoch 4 (highest validation accuracy, 81.0%)"]
    assert all(gap.isVisible() for gap in dock.gaps)
    assert [line.value() for _plot, line in dock.phase_lines] == [3.5, 3.5]  # fine-tuning starts after epoch 3
    dock.reset()
    assert dock.epoch_points == 0 and not dock.phase_lines and not dock.best_lines[0].isVisible()
    assert not any(legend.isVisible() for legend in dock.best_legends)


def test_smoothing_redraws_the_lines_and_the_readout_stays_raw(dock):
    _fill(dock)
    raw = [0.60, 0.72, 0.70, 0.81, 0.78]
    np.testing.assert_allclose(dock.val_accuracy.getData()[1], raw)
    dock.smoothing.setValue(60)
    np.testing.assert_allclose(dock.val_accuracy.getData()[1], smooth(raw, 0.6))
    assert dock.smoothing_value.text() == "0.60"
    dock.show_values_at(2.2)
    assert dock.readout.text().startswith("Epoch 2: training loss 0.5000, accuracy 66.0%")
    assert "accuracy 72.0%" in dock.readout.text()
    dock.show_values_at(4.1)
    assert "best epoch" in dock.readout.text() and "fine-tuning" in dock.readout.text()


def test_a_finished_runs_history_is_shown_with_its_phases(dock):
    rows = [
        {
            "epoch": e,
            "phase": "feature-extraction" if e < 3 else "fine-tune",
            "train_loss": 1 / e,
            "train_accuracy": 0.5,
            "val_loss": 0.5,
            "val_accuracy": 0.1 * e,
        }
        for e in range(1, 5)
    ]
    dock.show_history(rows, best_epoch=4)
    assert dock.epoch_points == 4 and dock.batch_points == 0 and dock.best_epoch == 4
    assert [line.value() for _plot, line in dock.phase_lines] == [2.5, 2.5]


def test_export_png_svg_and_csv(dock, tmp_path):
    _fill(dock)
    png, svg, table = (str(tmp_path / f"curves.{kind}") for kind in ("png", "svg", "csv"))
    assert dock.export(png) == [png]
    with Image.open(png) as image:
        assert image.width > 100 and image.height > 100
    dock.export(svg)
    drawing = (tmp_path / "curves.svg").read_text()
    assert "<svg" in drawing and len(re.findall(r">\s*[\d.]+</text>", drawing)) >= 8  # tick labels as text, not pixmaps
    assert dock.loss_plot.getAxis("left").cacheMode() == QGraphicsItem.CacheMode.DeviceCoordinateCache  # cached again
    assert dock.export(table) == [table, str(tmp_path / "curves-batches.csv")]
    with open(table, newline="") as f:
        rows = list(csv.DictReader(f))
    assert [r["val_accuracy"] for r in rows] == ["0.6", "0.72", "0.7", "0.81", "0.78"]
    assert [r["phase"] for r in rows] == ["", "", "", "fine-tune", "fine-tune"] and rows[3]["best"] == "1"


def _ticks(dock: CurvesDock) -> tuple[list[float], list[str], str]:
    """The bottom axis's tick values and texts over the view as drawn, and the axis's label."""
    axis = dock.accuracy_plot.getAxis("bottom")  # the plots share it; labelled under the lower one
    low, high = dock.loss_plot.vb.viewRange()[0]
    levels = axis.tickValues(low, high, axis.geometry().width())
    values = [v for _spacing, level in levels for v in level]
    return values, axis.tickStrings(values, axis.scale, levels[0][0]), re.sub("<[^>]+>", "", axis.labelString()).strip()


def test_the_epoch_axis_reads_fractions_during_the_first_epoch_and_whole_epochs_later(dock):
    steps = 400  # the demo's first epoch: batch 1/400 is at 0.0025 epochs
    dock.add_batches([BatchEnd(1, 20, s, steps, 0.7, 0.5, 100.0, 1.0, 9.0) for s in range(1, 121)])
    low, high = dock.loss_plot.vb.viewRange()[0]
    assert low < 0.05 and 0.99 < high < 1.1  # the view is the first epoch, not its 120 batches
    values, texts, label = _ticks(dock)
    assert label == "epoch"  # no "(x0.001)"
    assert 0.5 in values and all(0 <= v <= 1 for v in values) and "0.5" in texts
    assert all(float(t) == v for t, v in zip(texts, values, strict=True))

    dock.add_batches([BatchEnd(e, 20, s, 4, 0.5, 0.5, 100.0, 1.0, 9.0) for e in range(2, 8) for s in (1, 2, 3, 4)])
    dock.add_epochs([_epoch(n, 0.5, n == 1) for n in range(1, 8)])
    values, texts, label = _ticks(dock)
    assert dock.loss_plot.vb.viewRange()[0][1] >= 7
    assert label == "epoch" and len(values) >= 3
    assert all(v == int(v) for v in values) and texts == [str(int(v)) for v in values]


def test_epoch_ticks_step_by_fractions_then_whole_epochs():
    assert epoch_ticks(0, 1, 600) == [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0]
    assert epoch_ticks(0, 1, 300) == [0, 0.25, 0.5, 0.75, 1.0]
    assert epoch_ticks(0, 1, 100) == [0, 0.5, 1.0]
    assert epoch_ticks(0, 12, 400) == [0, 2, 4, 6, 8, 10, 12]
    assert epoch_ticks(0, 300, 400) == [0, 50, 100, 150, 200, 250, 300]


def test_value_labels_step_wider_on_a_short_axis():
    assert value_tick_step(1.0, 300, 0.2) == 0.2  # pyqtgraph's own step where its labels fit
    assert value_tick_step(1.0, 40, 0.2) == 0.5  # 40 px: two labels, not five in one smudge
    assert value_tick_step(2.5, 100, 0.5) == 1.0
    assert value_tick_step(0.03, 30, 0.005) == 0.02


def _label_gap(plot) -> float:
    """Pixels between two labelled ticks of `plot`'s value axis."""
    axis = plot.getAxis("left")
    low, high = plot.vb.viewRange()[1]
    pixels = axis.geometry().height()
    return axis.tickValues(low, high, pixels)[0][0] / (high - low) * pixels


def test_a_short_dock_puts_the_plots_side_by_side_and_says_the_legends_once(dock, qtbot):
    _fill(dock)
    dock.resize(520, 280)  # as under a picked Activations tab at 1280×800: stacked, each plot kept 30 px
    qtbot.waitUntil(lambda: dock.plot_stack.side_by_side)
    qtbot.wait(10)  # laid out
    loss, accuracy = (plot.vb.sceneBoundingRect() for plot in (dock.loss_plot, dock.accuracy_plot))
    assert loss.right() < accuracy.left() and abs(loss.top() - accuracy.top()) < 2
    assert min(loss.height(), accuracy.height()) > 60 and abs(loss.width() - accuracy.width()) < 8
    assert dock.accuracy_legend.scene() is None and dock.best_legends[1].scene() is None  # said once, across
    view = dock.graphics.mapToScene(dock.graphics.viewport().rect()).boundingRect()
    for legend in (dock.loss_legend, dock.best_legends[0]):
        box = legend.sceneBoundingRect()
        assert legend.isVisible() and view.contains(box) and box.top() > max(loss.bottom(), accuracy.bottom())
    assert dock.loss_plot.getAxis("bottom").label.isVisible()  # each plot's epoch axis named
    assert min(_label_gap(dock.loss_plot), _label_gap(dock.accuracy_plot)) >= 20  # the labels never overlap
    at_epoch_2 = dock.accuracy_plot.vb.mapViewToScene(QPointF(2, 0.5))  # over the right-hand plot
    dock.graphics.scene().sigMouseMoved.emit(at_epoch_2)
    assert dock.readout.text().startswith("Epoch 2:")

    dock.resize(520, 560)
    qtbot.waitUntil(lambda: not dock.plot_stack.side_by_side)
    qtbot.wait(10)
    loss, accuracy = (plot.vb.sceneBoundingRect() for plot in (dock.loss_plot, dock.accuracy_plot))
    assert loss.bottom() < accuracy.top() and abs(loss.width() - accuracy.width()) < 2
    assert dock.accuracy_legend.scene() is dock.graphics.scene() and dock.best_legends[1].isVisible()
    assert not dock.loss_plot.getAxis("bottom").label.isVisible()


def test_the_best_epoch_is_named_by_the_metric_the_run_monitors(dock):
    """The demo's case: the lowest validation loss at epoch 1 while the accuracy goes on rising."""
    rows = [
        {
            "epoch": e,
            "phase": "",
            "train_loss": 0.7 / e,
            "train_accuracy": 0.5 + 0.05 * e,
            "val_loss": v,
            "val_accuracy": a,
        }
        for e, v, a in ((1, 0.69, 0.517), (2, 0.72, 0.60), (3, 0.80, 0.682))
    ]
    dock.show_history(rows, best_epoch=1)  # monitor: the default, validation loss
    assert [line.value() for line in dock.best_lines] == [1, 1] and all(line.isVisible() for line in dock.best_lines)
    for legend in dock.best_legends:
        assert [label.text for _s, label in legend.items] == ["best: epoch 1 (lowest validation loss, 0.690)"]
    dock.show_history(rows, best_epoch=3, monitor="val_accuracy")
    assert dock.monitor == "val_accuracy" and [line.value() for line in dock.best_lines] == [3, 3]
    for legend in dock.best_legends:
        assert [label.text for _s, label in legend.items] == ["best: epoch 3 (highest validation accuracy, 68.2%)"]


def test_the_legends_cover_no_data(dock, qtbot):
    _fill(dock)
    qtbot.wait(10)  # laid out
    view = dock.graphics.mapToScene(dock.graphics.viewport().rect()).boundingRect()
    for plot, legends in (
        (dock.loss_plot, (dock.loss_legend, dock.best_legends[0])),
        (dock.accuracy_plot, (dock.accuracy_legend, dock.best_legends[1])),
    ):
        data = plot.vb.sceneBoundingRect()
        for legend in legends:
            box = legend.sceneBoundingRect()
            assert legend.isVisible() and box.height() > 5 and len(legend.items) >= 1
            assert not box.intersects(data), (box, data)
            assert view.contains(box)  # and not cut off at the dock's edge


def test_a_hidden_dock_draws_nothing_and_catches_up_when_shown(dock):
    _fill(dock)
    drawn = dock.redraws
    dock.hide()
    dock.add_batches([BatchEnd(6, 6, s, 4, 0.3, 0.5, 100.0, 1.0, 9.0) for s in (1, 2, 3, 4)])
    dock.add_epochs([_epoch(6, 0.9, True)])
    assert dock.redraws == drawn and dock.batch_points == 16 and dock.epoch_points == 6
    assert len(dock.batch_loss.getData()[0]) == 12 and len(dock.val_accuracy.getData()[0]) == 5  # not yet drawn
    dock.show()
    assert dock.redraws == drawn + 1
    assert len(dock.batch_loss.getData()[0]) == 16 and len(dock.val_accuracy.getData()[0]) == 6
    assert [line.value() for line in dock.best_lines] == [6, 6]


def test_long_curves_have_no_point_symbols(dock):
    dock.add_epochs([_epoch(n, 0.5, n == 1) for n in range(1, 11)])
    assert dock.val_loss.opts["symbol"] == "s"
    dock.add_epochs([_epoch(n, 0.5, False) for n in range(11, 41)])
    assert all(c.opts["symbol"] is None for c in (dock.train_loss, dock.val_loss, dock.val_accuracy))


def test_new_batches_within_an_epoch_leave_the_axes_as_drawn(dock, qtbot):
    """The views follow the data by whole epochs: a batch that stays within the epoch and under the loss plot's
    top changes no range, so the axes (text, the costly part of a repaint) are not drawn again."""
    dock.add_batches([BatchEnd(1, 6, s, 40, 0.7, 0.5, 100.0, 1.0, 9.0) for s in range(1, 11)])
    qtbot.wait(20)  # painted
    axes = [plot.getAxis(name) for plot in (dock.loss_plot, dock.accuracy_plot) for name in ("left", "bottom")]
    assert all(axis.picture is not None for axis in axes)
    drawn = [axis.picture for axis in axes]
    for step in range(11, 30):
        dock.add_batches([BatchEnd(1, 6, step, 40, 0.6, 0.5, 100.0, 1.0, 9.0)])
        qtbot.wait(1)
    assert len(dock.batch_loss.getData()[0]) == 29
    assert [axis.picture for axis in axes] == drawn
    dock.add_batches([BatchEnd(2, 6, 1, 40, 0.6, 0.5, 100.0, 1.0, 9.0)])  # the next epoch: the x axis follows
    qtbot.wait(20)
    assert axes[1].picture is not drawn[1] and dock.loss_plot.vb.viewRange()[0][1] >= 2


def test_a_zoom_by_the_user_stays_until_the_next_run(dock, qtbot):
    dock.add_batches([BatchEnd(1, 6, s, 4, 0.7, 0.5, 100.0, 1.0, 9.0) for s in (1, 2, 3, 4)])
    qtbot.wait(10)
    view = dock.graphics.viewport()
    centre = dock.graphics.mapFromScene(dock.loss_plot.vb.sceneBoundingRect().center())
    wheel = QWheelEvent(
        QPointF(centre),
        QPointF(view.mapToGlobal(centre)),
        QPoint(0, 0),
        QPoint(0, 240),  # two notches: zoom in
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(view, wheel)
    zoomed = dock.loss_plot.vb.viewRange()[0]
    assert zoomed[1] - zoomed[0] < 0.9  # zoomed into the first epoch
    dock.add_batches([BatchEnd(e, 6, s, 4, 0.5, 0.5, 100.0, 1.0, 9.0) for e in (2, 3) for s in (1, 2, 3, 4)])
    assert dock.loss_plot.vb.viewRange()[0] == zoomed  # not pulled back to follow the data
    dock.reset()
    dock.add_batches([BatchEnd(1, 6, 1, 4, 0.5, 0.5, 100.0, 1.0, 9.0)])
    low, high = dock.loss_plot.vb.viewRange()[0]
    assert low < 0.05 and 0.99 < high < 1.1  # a new run: followed again
