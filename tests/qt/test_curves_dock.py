"""The Curves dock: smoothing, the best epoch on both plots and in the legend, the shaded gap, values under the mouse, phases, export."""

from __future__ import annotations

import csv

import numpy as np
import pytest
from PIL import Image

from cnnstudio.core.curves import smooth
from cnnstudio.core.events import BatchEnd, EpochEnd
from cnnstudio.qt.docks.curves import CurvesDock


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
    names = [label.text for _sample, label in dock.accuracy_plot.legend.items]
    assert "best epoch 4 (validation accuracy 81.0%)" in names
    assert all(gap.isVisible() for gap in dock.gaps)
    assert [line.value() for _plot, line in dock.phase_lines] == [3.5, 3.5]  # fine-tuning starts after epoch 3
    dock.reset()
    assert dock.epoch_points == 0 and not dock.phase_lines and not dock.best_lines[0].isVisible()


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
    assert "<svg" in (tmp_path / "curves.svg").read_text()
    assert dock.export(table) == [table, str(tmp_path / "curves-batches.csv")]
    with open(table, newline="") as f:
        rows = list(csv.DictReader(f))
    assert [r["val_accuracy"] for r in rows] == ["0.6", "0.72", "0.7", "0.81", "0.78"]
    assert [r["phase"] for r in rows] == ["", "", "", "fine-tune", "fine-tune"] and rows[3]["best"] == "1"
