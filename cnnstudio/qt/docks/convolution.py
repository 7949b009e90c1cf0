"""The Convolution explained dock: one small grey image, one editable kernel, padding, stride and pooling.

The slides' first pages on real numbers: the input map, the kernel and the output map side by side, the
output-size formula with the current numbers, and 2×2 max and average pooling of the output. Moving the
mouse over the output outlines the input window the value came from (padding cells drawn dashed) and
writes the kernel-weighted sum; every map shows its values on hover. The kernel can be a preset, typed
in, or one real filter of the current network's first convolution (loaded in a job). The numbers come
from `core.visualize.convolution` (exact, a few microseconds for these sizes); images and kernels that
need a file or a model are loaded in background jobs.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from ...core.events import Failed, Finished
from ...core.jobs import call_job
from ...core.visualize import (
    KERNEL_PRESETS,
    SAMPLES,
    ConvolutionError,
    LayerKernel,
    convolve,
    explain_cell,
    first_layer_kernel,
    image_crop,
    output_formula,
    padding_amounts,
    pool,
    preset_kernel,
    sample_image,
)
from ..texts import tr_message
from ..widgets.dock import Dock
from ..widgets.forms import choice_combo, int_spin, push_button, select_data, wrapped_label
from ..widgets.value_grid import KernelTable, ValueGrid
from ..workers import JobRunner

__all__ = ["ConvolutionDock"]

DEFAULT_SIZE = 28
_CELL = 42  # kernel table cell side (px)


def _load_kernel(network: str, index: int, channel: int | None) -> LayerKernel:
    """Filter `index` of the network's first convolution (a job: opening the network may load weights)."""
    from ..inspection import subject_for

    return first_layer_kernel(subject_for(network), index, channel)


def _span(start: int, stop: int) -> str:
    return f"{start}…{stop - 1}"


class ConvolutionDock(Dock):
    """Convolution, padding, stride and pooling on one small image; `explained` after each recomputation."""

    def __init__(self, inspection=None, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Convolution"), "convolutionDock", parent)
        self.inspection = inspection
        body = self.body
        if inspection is not None:
            from ..widgets.subject_bar import SubjectBar

            self.column.addWidget(SubjectBar(inspection, body))

        # ---- input ------------------------------------------------------------------------
        self.sample_button = push_button(body, "convolutionSampleButton", self.tr("Sample"), self._on_sample)
        self.sample_button.setToolTip(self.tr("A drawn digit, then the cat's face: each click the next sample"))
        self.crop_button = push_button(
            body, "convolutionCropButton", self.tr("Use current image (crop)"), self.use_current_image
        )
        self.crop_button.setToolTip(self.tr("The centre square of the image above, shrunk and made grey"))
        self.crop_button.setEnabled(inspection is not None)
        self.size_spin = int_spin(body, "convolutionSizeSpin", 6, 32, tip=self.tr("Input side in pixels"))
        self.size_spin.setValue(DEFAULT_SIZE)
        self.size_spin.valueChanged.connect(lambda _v: self._load_input())
        self._row(self.sample_button, self.crop_button, None, self.tr("Size:"), self.size_spin)

        # ---- kernel and sliding settings -------------------------------------------------
        names = (self.tr("Edge (outline)"), self.tr("Sobel x"), self.tr("Sobel y"), self.tr("Blur (box)"))
        names += (self.tr("Blur (Gaussian)"), self.tr("Sharpen"), self.tr("Identity"))
        presets = dict(zip(KERNEL_PRESETS, names, strict=True))
        self.preset = choice_combo(body, "convolutionPresetCombo", {**presets, None: self.tr("Custom")}, "edge")
        self.preset.setMinimumContentsLength(8)
        self.preset.currentIndexChanged.connect(self._on_preset)
        self.kernel_size = choice_combo(body, "convolutionKernelSizeCombo", {3: "3×3", 5: "5×5"}, 3)
        self.kernel_size.setMinimumContentsLength(4)
        self.kernel_size.currentIndexChanged.connect(self._on_preset)
        self.padding = choice_combo(
            body, "convolutionPaddingCombo", {"valid": self.tr("valid"), "same": self.tr("same")}, "valid"
        )
        self.padding.setMinimumContentsLength(5)
        self.padding.setToolTip(self.tr("valid: no padding; same: zeros around so the output is ⌈n / stride⌉ wide"))
        self.padding.currentIndexChanged.connect(self.recompute)
        self.stride = int_spin(body, "convolutionStrideSpin", 1, 3, tip=self.tr("Step of the kernel, in pixels"))
        self.stride.valueChanged.connect(self.recompute)
        kernel_row = (self.tr("Kernel:"), self.preset, self.kernel_size)
        self._row(*kernel_row, None)  # two short rows, so the dock stays narrow
        self._row(self.tr("Padding:"), self.padding, self.tr("Stride:"), self.stride, None)

        self.load_button = push_button(
            body, "convolutionLoadKernelButton", self.tr("Load kernel from model's first layer"), self.load_kernel
        )
        self.load_button.setEnabled(inspection is not None)
        self.filter_spin = int_spin(body, "convolutionFilterSpin", 0, 1023, tip=self.tr("Which filter of the layer"))
        self.channel_spin = int_spin(
            body, "convolutionChannelSpin", -1, 1023, special=self.tr("mean"), tip=self.tr("Input channel, or the mean")
        )
        self.channel_spin.setValue(-1)
        filters = (self.tr("Filter:"), self.filter_spin, self.tr("Channel:"), self.channel_spin)
        self._row(self.load_button, None)
        self._row(*filters, None)

        # ---- the maps ---------------------------------------------------------------------
        maps = QGridLayout()
        self.input_view = ValueGrid(body)
        self.input_view.setObjectName("convolutionInputMap")
        self.output_view = ValueGrid(body)
        self.output_view.setObjectName("convolutionOutputMap")
        self.kernel_table = KernelTable(body, cell=_CELL)
        self.kernel_table.setObjectName("convolutionKernelTable")
        self.kernel_table.setToolTip(self.tr("Type any number in a cell"))
        self.kernel_table.edited.connect(self._on_kernel_edited)
        self.input_title = QLabel(body)
        self.output_title = QLabel(body)
        maps.addWidget(self.input_title, 0, 0)
        maps.addWidget(QLabel(self.tr("Kernel"), body), 0, 1)
        maps.addWidget(self.output_title, 0, 2)
        maps.addWidget(self.input_view, 1, 0)
        maps.addWidget(self.kernel_table, 1, 1)
        maps.addWidget(self.output_view, 1, 2)
        pools = QHBoxLayout()
        self.max_view, self.avg_view = ValueGrid(body, minimum=60), ValueGrid(body, minimum=60)
        self.max_view.setObjectName("convolutionMaxPoolMap")
        self.avg_view.setObjectName("convolutionAvgPoolMap")
        for title, view in ((self.tr("Max pool 2×2"), self.max_view), (self.tr("Average pool 2×2"), self.avg_view)):
            box = QVBoxLayout()
            box.addWidget(QLabel(title, body))
            box.addWidget(view, 1)
            pools.addLayout(box)
        maps.addLayout(pools, 2, 2)
        self.formula = wrapped_label(body, "convolutionFormula")
        maps.addWidget(self.formula, 2, 0, 1, 2)
        maps.setColumnStretch(0, 1)
        maps.setColumnStretch(2, 1)
        self.column.addLayout(maps)

        self.hover_label = wrapped_label(body, "convolutionHoverLabel", self.tr("Move the mouse over a map."))
        self.hover_label.setMinimumHeight(self.hover_label.fontMetrics().lineSpacing() * 2)
        self.status = wrapped_label(body, "convolutionStatus")
        self.column.addWidget(self.hover_label)
        self.column.addWidget(self.status)
        self.column.addStretch(1)

        self.input_view.hovered.connect(self._on_input_hovered)
        self.output_view.hovered.connect(self.explain)
        self.output_view.left.connect(self._clear_explanation)
        self.max_view.hovered.connect(lambda r, c: self._on_pool_hovered("max", r, c))
        self.avg_view.hovered.connect(lambda r, c: self._on_pool_hovered("avg", r, c))
        for view in (self.max_view, self.avg_view):
            view.left.connect(lambda: self.output_view.set_window(None))

        self.input_runner = JobRunner(self)
        self.input_runner.job_ended.connect(self._on_input_loaded)
        self.kernel_runner = JobRunner(self)
        self.kernel_runner.job_ended.connect(self._on_kernel_loaded)
        if inspection is not None:
            inspection.image_changed.connect(self._on_image_changed)

        self._sample = 0
        self._source: tuple[str, str] = ("sample", SAMPLES[0])
        self._stale = False
        self._image = sample_image(SAMPLES[0], DEFAULT_SIZE)
        self._kernel = preset_kernel("edge", 3)
        self._output: np.ndarray | None = None
        self._show_kernel()
        self.recompute()

    def _row(self, *items: QWidget | str | None) -> None:
        """A row of widgets, labels (str) and stretches (None), next in the column."""
        row = QHBoxLayout()
        for item in items:
            if item is None:
                row.addStretch(1)
            else:
                row.addWidget(QLabel(item, self.body) if isinstance(item, str) else item)
        self.column.addLayout(row)

    # ---- state -------------------------------------------------------------------------------
    def image(self) -> np.ndarray:
        return self._image.copy()

    def kernel(self) -> np.ndarray:
        return self._kernel.copy()

    def output(self) -> np.ndarray | None:
        return None if self._output is None else self._output.copy()

    def set_image(self, image: np.ndarray) -> None:
        self._image = np.array(image, dtype=np.float64)
        self.recompute()

    def set_kernel(self, kernel: np.ndarray) -> None:
        """Show and use `kernel` (a custom one: the preset combo says "Custom")."""
        self._kernel = np.array(kernel, dtype=np.float64)
        self.preset.blockSignals(True)
        select_data(self.preset, None)
        self.preset.blockSignals(False)
        self._show_kernel()
        self.recompute()

    # ---- input -------------------------------------------------------------------------------
    def _on_sample(self) -> None:
        self._sample = (self._sample + 1) % len(SAMPLES) if self._source[0] == "sample" else self._sample
        self._source = ("sample", SAMPLES[self._sample])
        self._load_input()

    def use_current_image(self) -> None:
        """Crop the inspection's current image (its centre square, grey, `size` pixels wide)."""
        path = self.inspection.image() if self.inspection is not None else None
        if path:
            self._source = ("image", path)
            self._load_input()

    def _load_input(self) -> None:
        kind, name = self._source
        size = self.size_spin.value()
        load = sample_image if kind == "sample" else image_crop
        self.input_runner.start(lambda: call_job(load, name, size), "convolution-input", supersede=True)

    def _on_input_loaded(self, event) -> None:
        if isinstance(event, Finished):
            self.status.clear()
            self.set_image(event.result)
        elif isinstance(event, Failed):
            self.status.setText(tr_message(event.reason))

    def _on_image_changed(self, _path: str) -> None:
        if self._source[0] != "image":
            return
        if self.is_on_screen():
            self.use_current_image()
        else:
            self._stale = True

    def on_screen(self) -> None:
        if self._stale:
            self._stale = False
            self.use_current_image()

    # ---- kernel ------------------------------------------------------------------------------
    def _on_preset(self, _index: int = 0) -> None:
        name = self.preset.currentData()
        if name is None:  # "Custom": keep the numbers, resized to the chosen size
            k = self.kernel_size.currentData()
            kernel = np.zeros((k, k))
            n = min(k, self._kernel.shape[0])
            o, p = (k - n) // 2, (self._kernel.shape[0] - n) // 2
            kernel[o : o + n, o : o + n] = self._kernel[p : p + n, p : p + n]
            self._kernel = kernel
        else:
            self._kernel = preset_kernel(name, self.kernel_size.currentData())
        self._show_kernel()
        self.recompute()

    def _show_kernel(self) -> None:
        k = self._kernel.shape[0]
        if self.kernel_size.findData(k) < 0:
            self.kernel_size.addItem(f"{k}×{k}", k)
        self.kernel_size.blockSignals(True)
        select_data(self.kernel_size, k)
        self.kernel_size.blockSignals(False)
        self.kernel_table.set_values(self._kernel)

    def _on_kernel_edited(self, row: int, col: int, value: float) -> None:
        self._kernel[row, col] = value
        self.preset.blockSignals(True)
        select_data(self.preset, None)
        self.preset.blockSignals(False)
        self.recompute()

    def load_kernel(self) -> None:
        """Load filter `filter_spin` (channel `channel_spin`, or their mean) of the network's first convolution."""
        if self.inspection is None:
            return
        network, index = self.inspection.network(), self.filter_spin.value()
        channel = None if self.channel_spin.value() < 0 else self.channel_spin.value()
        self.status.setText(self.tr("Loading the network's first convolution…"))
        self.load_button.setEnabled(False)
        self.kernel_runner.start(
            lambda: call_job(_load_kernel, network, index, channel), "convolution-kernel", supersede=True
        )

    def _on_kernel_loaded(self, event) -> None:
        self.load_button.setEnabled(self.inspection is not None)
        if isinstance(event, Finished):
            loaded: LayerKernel = event.result
            self.filter_spin.setMaximum(loaded.filters - 1)
            self.channel_spin.setMaximum(loaded.channels - 1)
            channel = (
                self.tr("mean of {0} channels").format(loaded.channels)
                if loaded.channel is None
                else (self.tr("channel {0}").format(loaded.channel))
            )
            self.status.setText(
                self.tr("Filter {0} of {1} ({2} filters), {3}.").format(
                    loaded.index, loaded.layer, loaded.filters, channel
                )
            )
            self.set_kernel(loaded.kernel)
        elif isinstance(event, Failed):
            self.status.setText(tr_message(event.reason))
        else:
            self.status.clear()

    # ---- the computation and its explanation -------------------------------------------------
    def _pads(self) -> tuple[int, int, int, int]:
        k, padding, stride = self._kernel.shape[0], self.padding.currentData(), self.stride.value()
        h, w = self._image.shape
        return (*padding_amounts(h, k, padding, stride), *padding_amounts(w, k, padding, stride))

    def recompute(self) -> None:
        """Convolve, pool and state the formula with the current image, kernel, padding and stride."""
        padding, stride, k = self.padding.currentData(), self.stride.value(), self._kernel.shape[0]
        h, w = self._image.shape
        self.input_view.set_values(self._image, pad=self._pads())
        self.input_title.setText(self.tr("Input {0}×{1}").format(h, w))
        try:
            self._output = convolve(self._image, self._kernel, padding, stride)
        except ConvolutionError as error:
            self._output = None
            self.formula.setText(tr_message(error.message))
            for view in (self.output_view, self.max_view, self.avg_view):
                view.set_values(np.zeros((0, 0)))
            self.output_title.setText(self.tr("Output"))
            return
        out_h, out_w = self._output.shape
        self.output_view.set_values(self._output, signed=True)
        self.max_view.set_values(pool(self._output, "max"), signed=True)
        self.avg_view.set_values(pool(self._output, "avg"), signed=True)
        self.output_title.setText(self.tr("Output {0}×{1}").format(out_h, out_w))
        rows = output_formula(h, k, padding, stride)
        text = rows if h == w else f"{rows}\n{output_formula(w, k, padding, stride)}"
        self.formula.setText(self.tr("Output size: {0}").format(text))

    def formula_text(self) -> str:
        return self.formula.text()

    def explain(self, row: int, col: int) -> None:
        """Outline the input window of output cell (row, col) and write its kernel-weighted sum."""
        if self._output is None or self.output_view.is_padding(row, col):
            self._clear_explanation()
            return
        padding, stride = self.padding.currentData(), self.stride.value()
        cell = explain_cell(self._image, self._kernel, padding, stride, row, col)
        w = cell.window
        self.input_view.set_window((w.row0, w.col0, w.row1, w.col1))
        self.output_view.set_marked((row, col))
        terms = " + ".join(
            f"{v:.2f}·{k:.3g}" if k >= 0 else f"{v:.2f}·({k:.3g})"
            for v, k in zip(cell.values.ravel(), self._kernel.ravel(), strict=True)
        )
        sum_text = (
            f"out[{row}, {col}] = Σ in[{_span(w.row0, w.row1)}, {_span(w.col0, w.col1)}] ⊙ kernel = {cell.total:.4g}"
        )
        padded = int(w.padding_mask.sum())
        if padded:
            sum_text += " " + self.tr("({0} cells of zero padding)").format(padded)
        self.hover_label.setText(sum_text if self._kernel.size > 9 else f"{sum_text}\n= {terms}")

    def _clear_explanation(self) -> None:
        self.input_view.set_window(None)
        self.output_view.set_marked(None)

    def _on_input_hovered(self, row: int, col: int) -> None:
        value = self.input_view.value_at(row, col)
        padding = self.input_view.is_padding(row, col)
        text = f"in[{row}, {col}] = {value:.4g}"
        self.hover_label.setText(self.tr("{0} (zero padding)").format(text) if padding else text)

    def _on_pool_hovered(self, mode: str, row: int, col: int) -> None:
        if self._output is None:
            return
        self.output_view.set_window((2 * row, 2 * col, 2 * row + 2, 2 * col + 2))
        view = self.max_view if mode == "max" else self.avg_view
        name = "max" if mode == "max" else "mean"
        self.hover_label.setText(
            f"{name}(out[{_span(2 * row, 2 * row + 2)}, {_span(2 * col, 2 * col + 2)}]) = {view.value_at(row, col):.4g}"
        )
