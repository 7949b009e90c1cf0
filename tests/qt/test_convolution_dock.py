"""The Convolution explained dock: formula, hover windows, presets, crops and a real kernel, on real numbers."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication
from safetensors.torch import load_file

from cnnstudio.core.events import Finished
from cnnstudio.core.runs import BEST
from cnnstudio.core.visualize import convolve, preset_kernel, sample_image
from cnnstudio.qt.docks.convolution import ConvolutionDock
from cnnstudio.qt.inspection import Inspection
from tests.helpers import write_model_run


def _hover(view, row: int, col: int) -> None:
    """A real mouse move over cell (row, col) of a map."""
    point = view.cell_rect(row, col).center()
    event = QMouseEvent(
        QEvent.Type.MouseMove, QPointF(point), QPointF(view.mapToGlobal(point.toPoint())),
        Qt.MouseButton.NoButton, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
    )  # fmt: skip
    QApplication.sendEvent(view, event)


@pytest.fixture
def dock(qtbot):
    inspection = Inspection()
    widget = ConvolutionDock(inspection)
    qtbot.addWidget(widget)
    widget.resize(570, 760)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    for runner in (widget.input_runner, widget.kernel_runner):
        runner.close()
        runner.wait(5000)


def test_it_opens_on_the_digit_and_the_edge_kernel(dock):
    assert dock.objectName() == "convolutionDock"
    np.testing.assert_allclose(dock.image(), sample_image("digit", 28))
    np.testing.assert_allclose(dock.kernel(), preset_kernel("edge"))
    np.testing.assert_allclose(dock.output(), convolve(dock.image(), dock.kernel()))
    assert "⌊(28 − 3 + 2·0) / 1⌋ + 1 = 26" in dock.formula_text()
    assert dock.output_view.values().shape == (26, 26) and dock.max_view.values().shape == (13, 13)
    assert dock.kernel_table.rowCount() == dock.kernel_table.columnCount() == 3


def test_changing_stride_and_padding_updates_the_formula_and_output_size(dock):
    dock.stride.setValue(2)
    assert "⌊(28 − 3 + 2·0) / 2⌋ + 1 = 13" in dock.formula_text()
    assert dock.output().shape == (13, 13) and dock.max_view.values().shape == (6, 6)
    dock.padding.setCurrentIndex(dock.padding.findData("same"))
    assert "⌊(28 − 3 + 0 + 1) / 2⌋ + 1 = 14" in dock.formula_text()
    assert dock.output().shape == (14, 14)
    np.testing.assert_allclose(dock.output(), convolve(dock.image(), dock.kernel(), "same", 2))
    assert dock.input_view._pad == (0, 1, 0, 1)  # the padded input is drawn, with TensorFlow's extra cell after


def test_hovering_the_output_outlines_the_input_window_it_came_from(dock):
    dock.stride.setValue(2)
    _hover(dock.output_view, 3, 4)
    assert dock.input_view.window() == (6, 8, 9, 11)
    expected = float((dock.image()[6:9, 8:11] * dock.kernel()).sum())
    assert f"out[3, 4] = Σ in[6…8, 8…10] ⊙ kernel = {expected:.4g}" in dock.hover_label.text()
    assert expected == pytest.approx(dock.output()[3, 4])
    dock.padding.setCurrentIndex(dock.padding.findData("same"))
    dock.stride.setValue(1)
    _hover(dock.output_view, 0, 0)
    assert dock.input_view.window() == (-1, -1, 2, 2)  # reaches into the zero padding
    assert "5" in dock.hover_label.text()  # 5 of the 9 cells are padding
    _hover(dock.input_view, 2, 5)
    assert dock.hover_label.text() == f"in[2, 5] = {dock.image()[2, 5]:.4g}"


def test_hovering_a_pooled_cell_outlines_its_2x2_block(dock):
    _hover(dock.max_view, 5, 6)
    assert dock.output_view.window() == (10, 12, 12, 14)
    assert f"= {dock.output()[10:12, 12:14].max():.4g}" in dock.hover_label.text()


def test_presets_and_edits_change_the_kernel_grid(dock):
    dock.preset.setCurrentIndex(dock.preset.findData("sobel_x"))
    assert dock.kernel_table.item(1, 0).text() == "-2" and dock.kernel_table.item(1, 2).text() == "2"
    dock.kernel_size.setCurrentIndex(dock.kernel_size.findData(5))
    assert dock.kernel_table.rowCount() == 5
    np.testing.assert_allclose(dock.kernel(), preset_kernel("sobel_x", 5))
    assert dock.output().shape == (24, 24)
    dock.kernel_table.item(0, 0).setText("1.5")
    assert dock.kernel()[0, 0] == 1.5 and dock.preset.currentData() is None  # now "Custom"
    np.testing.assert_allclose(dock.output(), convolve(dock.image(), dock.kernel()))
    dock.kernel_table.item(0, 1).setText("not a number")
    assert dock.kernel()[0, 1] == preset_kernel("sobel_x", 5)[0, 1]


def test_a_crop_of_the_current_image_and_the_next_sample(dock, qtbot, tmp_path):
    dock.size_spin.setValue(16)
    with qtbot.waitSignal(dock.input_runner.job_ended, timeout=10000):
        dock.crop_button.click()
    assert dock.image().shape == (16, 16)
    assert "⌊(16 − 3 + 2·0) / 1⌋ + 1 = 14" in dock.formula_text()
    photo = tmp_path / "bright.png"
    Image.fromarray(np.full((40, 60, 3), 255, dtype=np.uint8)).save(photo)
    with qtbot.waitSignal(dock.input_runner.job_ended, timeout=10000):
        dock.inspection.set_image(str(photo))  # the crop follows the shared image
    np.testing.assert_allclose(dock.image(), np.ones((16, 16)))
    for sample in ("digit", "cat"):  # back to the sample shown before, then the next one
        with qtbot.waitSignal(dock.input_runner.job_ended, timeout=10000):
            dock.sample_button.click()
        np.testing.assert_allclose(dock.image(), sample_image(sample, 16))


def test_a_kernel_loaded_from_the_first_layer_is_the_runs_weight(dock, qtbot, tmp_path):
    run = write_model_run(tmp_path / "run", "mnist-convnet", image_size=28, channels=1, seed=2)
    dock.inspection.add_run(str(run), "run")
    dock.filter_spin.setValue(3)
    with qtbot.waitSignal(dock.kernel_runner.job_ended, timeout=20000) as ended:
        dock.load_button.click()
    assert isinstance(ended.args[0], Finished)
    weights = load_file(run / BEST)
    first = next(v for k, v in weights.items() if k.endswith("weight") and v.ndim == 4)
    np.testing.assert_allclose(dock.kernel(), first[3, 0].double().numpy())
    assert dock.filter_spin.maximum() == first.shape[0] - 1
    assert dock.preset.currentData() is None and dock.load_button.isEnabled()
    dock.filter_spin.setMaximum(1023)
    dock.filter_spin.setValue(999)
    with qtbot.waitSignal(dock.kernel_runner.job_ended, timeout=20000):
        dock.load_button.click()
    assert "no filter 999" in dock.status.text()  # the engine's message, and the kernel kept
    np.testing.assert_allclose(dock.kernel(), first[3, 0].double().numpy())
