"""The Evaluation dock: a run evaluated in a job, its confusion matrix, a cell's images, two Grad-CAMs, CSV, drops."""

from __future__ import annotations

import csv
import json

import numpy as np
import pytest
from PySide6.QtCore import Qt

from cnnstudio.core.data import open_folder
from cnnstudio.core.data.scan import run_to_end
from cnnstudio.core.evaluation import ImagePrediction, evaluate_run
from cnnstudio.core.predict import classify
from cnnstudio.qt.dialogs.prediction import explanation_targets
from cnnstudio.qt.docks.evaluation import EvaluationDock
from cnnstudio.qt.docks.top_classes_panel import dropped_images
from tests.helpers import make_stripes_folder, write_model_run
from tests.qt.test_datasets_gui import drop


@pytest.fixture(scope="module")
def stripes_run(tmp_path_factory):
    """A run of seeded random weights that records the stripes folder it was "trained" on, and the expected result."""
    folder = make_stripes_folder(tmp_path_factory.mktemp("stripes"), per_class=40, size=24)
    run = write_model_run(
        tmp_path_factory.mktemp("runs") / "run", "seed-separable", class_names=("horizontal", "vertical"), image_size=24
    )
    config = json.loads((run / "config.json").read_text(encoding="utf-8"))
    config["dataset"] = {"source": str(folder), "seed": 0, "val_fraction": 0.15, "test_fraction": 0.15}
    (run / "config.json").write_text(json.dumps(config), encoding="utf-8")
    expected = run_to_end(evaluate_run(run, open_folder(folder, seed=0), "test"))
    return run, folder, expected


@pytest.fixture
def dock(qtbot):
    dock = EvaluationDock()
    qtbot.addWidget(dock)
    dock.resize(700, 900)
    dock.show()
    yield dock
    qtbot.waitUntil(lambda: not dock.runner.is_running and not dock.top_classes.runner.is_running, timeout=20_000)


def _evaluated(dock, qtbot, run):
    dock.add_run(str(run), "stripes run")
    with qtbot.waitSignal(dock.evaluated, timeout=30_000) as shown:
        qtbot.mouseClick(dock.evaluate_button, Qt.MouseButton.LeftButton)
    return shown.args[0]


def test_evaluating_the_recorded_dataset_shows_the_metrics_and_matrix_of_evaluate_run(dock, qtbot, stripes_run):
    run, _folder, expected = stripes_run
    assert not dock.stop_button.isEnabled()
    result = _evaluated(dock, qtbot, run)
    assert result.images == expected.images == 12
    assert dock.matrix.counts() == expected.confusion == result.confusion
    assert dock.matrix.class_names() == ["horizontal", "vertical"]
    assert f"{expected.accuracy:.1%}" in dock.summary.text()
    assert dock.table.rowCount() == 2
    for row, metrics in enumerate(expected.per_class):
        cells = [dock.table.item(row, column).text() for column in range(5)]
        assert cells == [
            metrics["class"],
            f"{metrics['precision']:.3f}",
            f"{metrics['recall']:.3f}",
            f"{metrics['f1']:.3f}",
            str(metrics["support"]),
        ]
    assert dock.progress.value() == dock.progress.maximum() and dock.export_button.isEnabled()
    wrong = expected.most_confidently_wrong(16)
    assert dock.wrong_strip.keys() == [p.key for p in wrong]


def test_the_open_dataset_can_be_evaluated_on_its_validation_split(dock, qtbot, stripes_run):
    run, folder, _expected = stripes_run
    dock.set_dataset(open_folder(folder, seed=0))
    dock.data_combo.setCurrentIndex(dock.data_combo.findData("open"))
    dock.split_combo.setCurrentIndex(dock.split_combo.findData("validation"))
    result = _evaluated(dock, qtbot, run)
    assert result.split == "validation" and result.images == 12
    assert dock.matrix.counts() == run_to_end(evaluate_run(run, open_folder(folder, seed=0), "validation")).confusion


def test_clicking_a_cell_lists_exactly_its_images_most_confident_first(dock, qtbot, stripes_run):
    run, _folder, expected = stripes_run
    _evaluated(dock, qtbot, run)
    true, predicted = max(((t, p) for t in range(2) for p in range(2)), key=lambda c: expected.confusion[c[0]][c[1]])
    count = expected.confusion[true][predicted]
    assert count >= 2
    rect = dock.matrix.cell_rect(true, predicted)
    names = expected.class_names
    assert f"{count} images of {names[true]} predicted as {names[predicted]}" in dock.matrix.describe(true, predicted)
    with qtbot.waitSignal(dock.cell_strip.thumbnails_loaded, timeout=20_000):
        qtbot.mouseClick(dock.matrix, Qt.MouseButton.LeftButton, pos=rect.center())
    cell = expected.cell(true, predicted)
    assert dock.matrix.selected() == (true, predicted)
    assert dock.cell_strip.keys() == [p.key for p in cell]
    confidences = [p.confidence for p in dock.cell_predictions()]
    assert confidences == sorted(confidences, reverse=True) and len(confidences) == count
    assert dock.cell_strip.captions() == [f"{p.confidence:.0%}" for p in cell]
    assert all(dock.cell_strip.has_thumbnail(row) for row in range(count))


def test_an_enlarged_image_shows_grad_cam_for_the_predicted_and_the_true_class(dock, qtbot, stripes_run):
    run, _folder, expected = stripes_run
    _evaluated(dock, qtbot, run)
    wrong = expected.most_confidently_wrong(1)
    prediction = wrong[0] if wrong else expected.predictions[0]
    with qtbot.waitSignal(dock.prediction_opened) as opened:
        dock.wrong_strip.opened.emit(0) if wrong else dock.open_prediction(prediction)
    dialog = opened.args[0]
    try:
        qtbot.waitUntil(lambda: len(dialog.maps) == 2, timeout=30_000)
        assert dialog.prediction == prediction
        first, second = dialog.maps
        assert first.shape == second.shape == (24, 24)
        assert first.min() >= 0 and first.max() <= 1
        assert not np.array_equal(first, second)  # two classes, two different maps
        assert dialog.targets[0] == prediction.predicted
        assert dialog.targets[1] == (prediction.true if wrong else 1 - prediction.predicted)
        assert not dialog.views[1].image().isNull() and not dialog.views[2].image().isNull()
    finally:
        dialog.reject()


def test_predictions_export_as_csv_one_row_per_image(dock, qtbot, stripes_run, tmp_path):
    run, _folder, expected = stripes_run
    _evaluated(dock, qtbot, run)
    assert dock.export_csv(str(tmp_path / "p.csv"))
    with (tmp_path / "p.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["path"] for r in rows] == [p.key for p in expected.predictions]
    assert not dock.export_csv(str(tmp_path / "missing" / "folder" / "p.csv"))
    assert "Cannot write" in dock.status.text()


def test_a_dropped_folder_gives_each_image_the_runs_top_classes(dock, qtbot, stripes_run):
    run, folder, _expected = stripes_run
    dock.add_run(str(run))
    images = dropped_images([str(folder / "vertical")])
    assert len(images) == 40 and all(p.endswith(".png") for p in images)
    with qtbot.waitSignal(dock.top_classes.shown, timeout=30_000) as shown:
        drop(dock, [folder / "vertical"])
    rows = shown.args[0]
    direct = run_to_end(classify(images, run_dir=str(run), top_k=3))
    assert [path for path, _ in rows] == images
    assert [[name for name, _ in top] for _, top in rows] == [[t["class"] for t in row["top"]] for row in direct]
    shown_p = [p for _, top in rows for _, p in top]
    assert shown_p == pytest.approx([t["probability"] for row in direct for t in row["top"]])
    assert dock.top_classes.rows.rowCount() >= 40 and "40 images" in dock.top_classes.label.text()


def test_the_window_offers_each_finished_run_and_the_open_dataset_for_evaluation(window, stripes_run):
    run, _folder, _expected = stripes_run
    dock = window.evaluation_dock
    assert window.tabifiedDockWidgets(window.curves_dock).count(dock) == 1
    window.training_presenter.run_finished.emit(str(run))
    assert dock.run_dir() == str(run) and dock.evaluate_button.isEnabled()
    assert dock.dataset() is window.session.dataset


def test_the_chosen_run_exports_as_torchscript_and_the_check_is_reported(dock, qtbot, stripes_run, tmp_path):
    run, _folder, _expected = stripes_run
    panel = dock.export_panel
    assert not panel.export_button.isEnabled()  # no run yet
    dock.add_run(str(run))
    assert panel.export_button.isEnabled()
    target = tmp_path / "model.pt"
    with qtbot.waitSignal(panel.exported, timeout=60_000) as done:
        panel.export_to(str(target), "torchscript")
    result = done.args[0]
    assert result.path == str(target) and target.is_file() and result.matches
    assert f"{result.max_abs_difference:.1e}" in panel.status.text()
    qtbot.waitUntil(lambda: panel.export_button.isEnabled())
    panel.export_to(str(tmp_path / "no" / "such" / "model.pt"), "safetensors")
    qtbot.waitUntil(lambda: panel.status.text().startswith("Cannot export"), timeout=20_000)
    assert "does not exist" in panel.status.text()


def test_stop_cancels_an_evaluation_and_keeps_the_one_shown(dock, qtbot, stripes_run):
    run, _folder, expected = stripes_run
    _evaluated(dock, qtbot, run)
    dock.split_combo.setCurrentIndex(dock.split_combo.findData("validation"))
    with qtbot.waitSignal(dock.runner.job_ended, timeout=30_000) as ended:
        dock.evaluate()
        assert dock.stop_button.isEnabled()
        qtbot.mouseClick(dock.stop_button, Qt.MouseButton.LeftButton)
    assert type(ended.args[0]).__name__ == "Cancelled"
    assert dock.status.text() == "Evaluation stopped." and not dock.stop_button.isEnabled()
    assert dock.evaluation.split == "test" and dock.matrix.counts() == expected.confusion


def test_a_right_answer_is_explained_for_its_class_and_the_runner_up():
    right = ImagePrediction(0, "k", 2, 2, 0.6, 0.6, (0.1, 0.3, 0.6))
    wrong = ImagePrediction(1, "k", 0, 2, 0.6, 0.1, (0.1, 0.3, 0.6))
    assert explanation_targets(right) == (2, 1)
    assert explanation_targets(wrong) == (2, 0)
