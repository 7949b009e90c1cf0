"""The Activations dock: a dropped image's grid, a clicked channel enlarged with its values, the overview, the chart."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image
from PySide6.QtCore import QPointF, Qt

from cnnstudio.qt.docks.activations import ActivationsDock
from cnnstudio.qt.inspection import Inspection
from tests.helpers import write_model_run
from tests.qt.test_datasets_gui import drop


@pytest.fixture
def dock(qtbot, tmp_path):
    inspection = Inspection()
    run = write_model_run(tmp_path / "run", "small-convnet", image_size=64)
    inspection.add_run(str(run), "run")
    dock = ActivationsDock(inspection)
    qtbot.addWidget(dock)
    dock.resize(570, 760)
    dock.show()
    yield dock
    qtbot.waitUntil(lambda: not dock.runner.is_running, timeout=20_000)


def _photo(tmp_path, colour=(200, 30, 30)):
    path = tmp_path / "photo.png"
    pixels = np.zeros((48, 64, 3), np.uint8)
    pixels[:, :32] = colour
    pixels[10:30, 40:60] = 255
    Image.fromarray(pixels).save(path)
    return path


def _click(qtbot, dock, x, y):
    """A real mouse click on the grid at picture position (x, y)."""
    scene_point = dock.grid_item.mapToScene(QPointF(x, y))
    point = dock.grid_widget.mapFromScene(scene_point)
    qtbot.mouseClick(dock.grid_widget.viewport(), Qt.MouseButton.LeftButton, pos=point)


def test_a_dropped_image_gets_the_grid_and_a_clicked_channel_is_enlarged(dock, qtbot, tmp_path):
    path = _photo(tmp_path)
    drop(dock, [path])
    assert dock.inspection.image() == str(path)
    qtbot.waitUntil(lambda: dock.view is not None and dock.view.image == str(path), timeout=20_000)
    view = dock.view
    assert view.layer == "conv2d"  # the first convolution by default
    assert len(view.mosaic.cells) == 32 and view.mosaic.columns == 16
    assert dock.grid_item.image.shape == view.mosaic.image.shape
    # the layer picker lists every layer with its shape; only the 2-D maps can be picked
    combo = dock.layer_combo
    assert combo.count() == len(view.result.layers) == 11
    assert "32 × 62 × 62" in combo.itemText(0)
    dense = combo.findData("dense")
    assert not combo.model().item(dense).isEnabled() and combo.model().item(0).isEnabled()
    # the blank chart has one bar per conv/pool layer
    assert len(view.shares) == 8
    # click channel 20's tile: it is enlarged, in raw values
    x, y, w, h = view.mosaic.cells[20]
    _click(qtbot, dock, x + w / 2, y + h / 2)
    assert dock.channel == ("conv2d", 20)
    np.testing.assert_array_equal(dock.channel_item.image, view.result.maps["conv2d"][20])
    assert "channel 20" in dock.channel_title.text()
    # the value under the mouse
    point = dock.channel_item.mapToScene(QPointF(5.5, 7.5))
    dock._on_channel_hover(point)
    value = view.result.maps["conv2d"][20][7, 5]
    assert dock.value_label.text() == f"5, 7: {value:.4g}"


def test_another_layer_the_overview_and_a_bar_click(dock, qtbot, tmp_path):
    dock.inspection.set_image(str(_photo(tmp_path)))
    qtbot.waitUntil(lambda: dock.view is not None, timeout=20_000)
    dock.select_layer("conv2d_2")
    qtbot.waitUntil(lambda: dock.view.layer == "conv2d_2", timeout=20_000)
    assert len(dock.view.mosaic.cells) == 128
    assert dock.tile_at(*dock.view.mosaic.cells[100][:2]) == ("conv2d_2", 100)
    dock.overview_button.click()
    qtbot.waitUntil(lambda: dock.view.layer is None, timeout=20_000)
    assert {layer for layer, _ in dock.view.entries} == {name for name, _ in dock.view.shares}
    x, y, w, h = dock.view.mosaic.cells[8 * 3 + 2]
    _click(qtbot, dock, x + w / 2, y + h / 2)
    assert dock.channel == (dock.view.shares[3][0], 2)
    # a click on a bar of the blank chart shows its layer (and leaves the overview)
    assert [name for name, _ in dock.view.shares][3] == "max_pooling2d_1"
    scene_point = dock.chart.vb.mapViewToScene(QPointF(3, 0.5))
    qtbot.mouseClick(
        dock.chart_widget.viewport(), Qt.MouseButton.LeftButton, pos=dock.chart_widget.mapFromScene(scene_point)
    )
    qtbot.waitUntil(lambda: dock.view.layer == "max_pooling2d_1", timeout=20_000)
    assert not dock.overview_button.isChecked() and dock.layer_combo.currentData() == "max_pooling2d_1"
    dock._on_chart_hover(scene_point)
    assert dock.chart_label.text().startswith("4. max_pooling2d_1: ")


def test_a_hidden_dock_waits_until_it_is_shown(dock, qtbot, tmp_path):
    qtbot.waitUntil(lambda: dock.view is not None, timeout=20_000)  # the sample photo first
    dock.hide()
    path = _photo(tmp_path, colour=(10, 200, 10))
    dock.inspection.set_image(str(path))
    qtbot.wait(200)
    assert not dock.runner.is_running and dock.view.image != str(path)
    dock.show()
    qtbot.waitUntil(lambda: dock.view.image == str(path), timeout=20_000)


def test_an_unreadable_image_is_said_in_the_status_line(dock, qtbot, tmp_path):
    qtbot.waitUntil(lambda: dock.view is not None, timeout=20_000)
    bad = tmp_path / "broken.png"
    bad.write_bytes(b"not a png")
    dock.inspection.set_image(str(bad))
    qtbot.waitUntil(lambda: dock.status.text().startswith("Cannot show the activations"), timeout=20_000)
    assert "broken.png" in dock.status.text()
