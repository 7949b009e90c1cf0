"""The Heatmap dock: a dropped photo's overlay at full resolution, both classes of one sigmoid, re-blending, export."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from PIL import Image
from torch import nn

from cnnstudio.core.events import Finished
from cnnstudio.core.jobs import drive
from cnnstudio.core.visualize import Subject, heatmap, overlay
from cnnstudio.qt.docks.heatmap import HeatmapDock, HeatmapView
from cnnstudio.qt.inspection import Inspection
from tests.helpers import write_model_run
from tests.qt.test_datasets_gui import drop


@pytest.fixture
def dock(qtbot, tmp_path):
    inspection = Inspection()
    run = write_model_run(tmp_path / "run", "seed-separable", class_names=("cats", "dogs"), image_size=32)
    inspection.add_run(str(run), "run")
    dock = HeatmapDock(inspection)
    qtbot.addWidget(dock)
    dock.resize(480, 640)
    dock.show()
    yield dock
    qtbot.waitUntil(lambda: not dock.runner.is_running, timeout=20_000)


def _photo(tmp_path, name="photo.png"):
    path = tmp_path / name
    pixels = np.zeros((45, 70, 3), np.uint8)
    pixels[:, :35] = (200, 30, 30)
    pixels[10:30, 40:60] = 255
    Image.fromarray(pixels).save(path)
    return path


def test_a_dropped_photo_gets_its_overlay_at_full_resolution(dock, qtbot, tmp_path):
    path = _photo(tmp_path)
    drop(dock, [path])
    assert dock.inspection.image() == str(path)
    qtbot.waitUntil(lambda: dock.view is not None and dock.view.image == str(path), timeout=20_000)
    result = dock.view.result
    assert result.map.shape == (45, 70) and dock.blended.shape == (45, 70, 3)
    pixmap = dock.picture.image()
    assert (pixmap.width(), pixmap.height()) == (70, 45)
    np.testing.assert_array_equal(dock.blended, overlay(result.image, result.map, opacity=0.5, colormap="jet"))
    # one sigmoid unit: both classes on offer, with probabilities
    combo = dock.target_combo
    assert [combo.itemData(i) for i in range(combo.count())] == [s.index for s in result.top]
    assert sorted(combo.itemData(i) for i in range(combo.count())) == [0, 1]
    assert "%" in combo.itemText(0)
    assert dock.layer_combo.currentData() == result.layer == dock.view.default_layer
    assert "(default)" in dock.layer_combo.currentText()
    assert dock.faithfulness_label.text().startswith("Faithfulness: with the map's hottest 20 % of pixels blurred")
    # the other class: another map
    other = 1 - result.target.index
    dock.select_target(other)
    qtbot.waitUntil(lambda: dock.view.result.target.index == other, timeout=20_000)
    assert np.abs(dock.view.result.map - result.map).max() > 0.05
    # export
    dock.save_overlay_png(str(tmp_path / "o.png"))
    dock.save_map_npy(str(tmp_path / "m.npy"))
    with Image.open(tmp_path / "o.png") as saved:
        assert saved.size == (70, 45)
    saved_map = np.load(tmp_path / "m.npy")
    assert saved_map.shape == (45, 70) and saved_map.dtype == np.float32


def test_opacity_and_colormap_reblend_without_a_job(dock, qtbot, tmp_path):
    qtbot.waitUntil(lambda: dock.view is not None, timeout=20_000)  # the sample photo, at its full size
    view = dock.view
    assert dock.blended.shape[:2] == view.result.image.shape[:2]
    dock.opacity_slider.setValue(90)
    assert not dock.runner.is_running and dock.view is view
    np.testing.assert_array_equal(dock.blended, overlay(view.result.image, view.result.map, opacity=0.9))
    dock.colormap_combo.setCurrentIndex(dock.colormap_combo.findData("viridis"))
    assert not dock.runner.is_running
    expected = overlay(view.result.image, view.result.map, opacity=0.9, colormap="viridis")
    np.testing.assert_array_equal(dock.blended, expected)


def test_typed_class_other_methods_and_layers(dock, qtbot, tmp_path):
    qtbot.waitUntil(lambda: dock.view is not None, timeout=20_000)
    dock.target_combo.setEditText("dogs")
    dock._on_target_typed()
    qtbot.waitUntil(lambda: dock.view.result.target.name == "dogs", timeout=20_000)
    dock.select_method("scorecam")
    qtbot.waitUntil(lambda: dock.view.result.method == "scorecam", timeout=20_000)
    assert dock.view.result.target.name == "dogs" and not dock.progress.isVisible()
    dock.select_method("saliency")
    qtbot.waitUntil(lambda: dock.view.result.method == "saliency", timeout=20_000)
    assert not dock.layer_combo.isEnabled()
    dock.select_method("gradcam")
    first = dock.view.layers[0].name
    dock.select_layer(first)
    qtbot.waitUntil(lambda: dock.view.result.method == "gradcam" and dock.view.result.layer == first, timeout=20_000)
    dock.select_target("no such class")
    qtbot.waitUntil(lambda: dock.status.text().startswith("No heatmap:"), timeout=20_000)
    assert "Closest names" in dock.status.text()


def test_an_empty_map_says_no_positive_evidence(dock, qtbot):
    qtbot.waitUntil(lambda: dock.view is not None, timeout=20_000)
    model = nn.Sequential(nn.Conv2d(3, 2, 3), nn.ReLU(), nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(2, 2))
    with torch.no_grad():
        model[0].weight.zero_()
        model[0].bias.fill_(1.0)
        model[4].weight.fill_(-1.0)
    subject = Subject(model, ["a", "b"], (16, 16), 3, None, None, "empty", "empty", fixed_size=False)
    events = list(drive(heatmap(subject, np.full((20, 24, 3), 100, np.uint8), target=0)))
    assert isinstance(events[-1], Finished) and events[-1].result.empty
    dock._on_done(Finished(HeatmapView("test", "x.png", events[-1].result, dock.view.layers, "0")))
    assert dock.notice.isVisible() and dock.notice.text() == "No positive evidence for this class"
    assert dock.faithfulness_label.text() == "" and not np.isnan(dock.blended).any()


def test_a_hidden_dock_waits_until_it_is_shown(dock, qtbot, tmp_path):
    qtbot.waitUntil(lambda: dock.view is not None, timeout=20_000)
    dock.hide()
    path = _photo(tmp_path, "later.png")
    dock.inspection.set_image(str(path))
    qtbot.wait(100)
    assert not dock.runner.is_running and dock.view.image != str(path)
    dock.show()
    qtbot.waitUntil(lambda: dock.view.image == str(path), timeout=20_000)


def test_a_folder_of_images_gives_a_folder_of_heatmaps_and_asks_before_replacing(dock, qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    images = tmp_path / "photos"
    images.mkdir()
    _photo(images, "a.png")
    _photo(images, "b.jpg")
    (images / "broken.png").write_bytes(b"not a png")
    (images / "notes.txt").write_text("not an image")
    qtbot.waitUntil(lambda: dock.view is not None, timeout=20_000)
    dock.select_method("saliency")
    qtbot.waitUntil(lambda: not dock.runner.is_running, timeout=20_000)
    folder = dock.folder
    assert folder.start(str(images))
    assert not folder.button.isEnabled()
    with qtbot.waitSignal(folder.finished, timeout=30_000) as done:
        pass
    out = tmp_path / "photos-heatmaps"
    assert done.args == [str(out)] and folder.button.isEnabled()
    assert sorted(p.name for p in out.iterdir()) == ["a.npy", "a.png", "b.npy", "b.png"]
    with Image.open(out / "a.png") as saved:
        assert saved.size == (70, 45)
    assert np.load(out / "b.npy").shape == (45, 70)
    report = folder.report.text()
    assert "Wrote 2 heatmaps" in report and "Skipped 1 unreadable" in report
    # a second run would replace them: the answer "No" keeps every file
    before = (out / "a.png").stat().st_mtime_ns
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a) or QMessageBox.StandardButton.No)
    assert not folder.start(str(images))
    assert asked and "4 files" in asked[0][2] and (out / "a.png").stat().st_mtime_ns == before
    assert "kept" in folder.report.text() and not folder.runner.is_running
    # an empty folder says so and starts nothing
    empty = tmp_path / "empty"
    empty.mkdir()
    assert not folder.start(str(empty)) and "no images" in folder.report.text()
