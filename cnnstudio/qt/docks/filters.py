"""The Filters dock (5.4.2): what each filter of a convolution layer responds to most.

Pick a layer and press Start: all the filters asked for climb their gradient together, as one batch
(`core.visualize.filter_patterns`), and the grid shows the patterns as they form, about ten times a
second. Two modes side by side show why the book's patterns look "edgy": *book* is the chapter's
normalised-gradient ascent on the pixels; *robust* is Lucid's Fourier image with jitter, scale and
rotation. Click a filter to see the nine patches of the dataset that excite it most (each its
receptive field), found in one pass over the dataset's images. The first layer's raw kernels are
shown under it. Finished grids are kept: going back to a layer with the same settings shows it at once.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from ...core.events import Finished, Progress
from ...core.visualize import (
    PatternFrame,
    conv_layers,
    filter_patterns,
    first_layer_kernels,
    list_layers,
    top_patches,
)
from ...core.visualize.filters import FilterError
from ...core.visualize.render import Mosaic, mosaic, upscale_nearest
from ..inspection import Inspection, subject_for
from ..texts import tr_message
from ..widgets.dock import Dock
from ..widgets.forms import choice_combo, int_spin, push_button, wrapped_label
from ..widgets.images import ScaledImageLabel, to_pixmap
from ..widgets.subject_bar import SubjectBar
from ..workers import JobRunner

__all__ = ["FiltersDock", "FRAME_INTERVAL_MS"]

FRAME_INTERVAL_MS = 100  # the grid is redrawn at most ten times a second while the ascent runs
_DEFAULT_STEP = {"book": 1.0, "robust": 0.05}
_TOP_K = 9
_KEPT_GRIDS = 24  # finished grids the dock keeps to show again at once


def _layers_job(key: str):
    """The network's convolution layers (name, shape) and its first layer's kernels (None without a convolution)."""
    yield from ()
    subject = subject_for(key)
    layers = [(layer.name, layer.shape) for layer in conv_layers(list_layers(subject))]
    try:
        kernels = first_layer_kernels(subject)
    except FilterError:
        kernels = None
    return key, layers, kernels, subject.fixed_size, subject.input_size


def _ascent_job(key: str, layer: str, settings: dict):
    subject = subject_for(key)
    return (yield from filter_patterns(subject, layer, **settings))


def _patches_job(key: str, layer: str, index: int, images: list[str]):
    subject = subject_for(key)
    return (yield from top_patches(subject, layer, index, images, k=_TOP_K))


def _rgb(tiles: np.ndarray) -> np.ndarray:
    return tiles if tiles.shape[-1] == 3 else np.repeat(tiles[..., :1], 3, axis=-1)


class _GridView(ScaledImageLabel):
    """A mosaic scaled to fit; a click on a tile emits the tile's index."""

    tile_clicked = Signal(int)

    def __init__(self, parent: QWidget, object_name: str) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.grid: Mosaic | None = None

    def show_mosaic(self, grid: Mosaic | None) -> None:
        self.grid = grid
        self.set_image(to_pixmap(grid.image) if grid is not None else to_pixmap(np.full((1, 1, 3), 255, np.uint8)))

    def tile_at(self, x: float, y: float) -> int | None:
        """The tile under widget position (x, y)."""
        shown = self.pixmap()
        if self.grid is None or shown is None or shown.isNull() or shown.width() == 0:
            return None
        scale = self.grid.image.shape[1] / shown.width()
        left, top = (self.width() - shown.width()) / 2, (self.height() - shown.height()) / 2
        return self.grid.tile_at((x - left) * scale, (y - top) * scale)

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt override
        index = self.tile_at(event.position().x(), event.position().y())
        if index is not None:
            self.tile_clicked.emit(index)
        super().mousePressEvent(event)


class FiltersDock(Dock):
    """Gradient-ascent patterns of a layer's filters, their top dataset patches and the first layer's kernels."""

    patterns_shown = Signal(int)  # the step of the grid just drawn

    def __init__(self, inspection: Inspection, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Filters"), "filtersDock", parent)
        self.inspection = inspection
        body = self.body
        self.column.addWidget(SubjectBar(inspection, body, with_image=False))
        self._build_settings(body)
        self.status = wrapped_label(body, "filtersStatus", self.tr("Pick a layer and press Start."))
        self.grid = _GridView(body, "filtersGrid")
        self.grid.setMinimumHeight(240)
        self.grid.setToolTip(self.tr("Click a filter to see the dataset patches that excite it most"))
        self.grid.tile_clicked.connect(self.select_filter)
        self.column.addWidget(self.status)
        self.column.addWidget(self.grid, 3)
        self._build_patches(body)

        self.runner = JobRunner(self)  # the ascent; its frames are drawn by a timer, ten a second at most
        self.runner.event_received.connect(self._on_event)
        self.runner.job_ended.connect(self._on_ascent_ended)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(FRAME_INTERVAL_MS)
        self.layers_runner = JobRunner(self)
        self.layers_runner.job_ended.connect(self._on_layers)
        self.patch_runner = JobRunner(self)
        self.patch_runner.job_ended.connect(self._on_patches)
        self._timer.timeout.connect(self._draw_pending)
        self._pending: PatternFrame | None = None
        self._network = ""  # the network whose layers are listed
        self._results: dict[tuple, tuple] = {}  # (network, layer, settings) → (patterns, filters), oldest first
        self._shown_filters: tuple[int, ...] = ()
        self._running_key: tuple = ()
        self.selected_filter: int | None = None
        inspection.network_changed.connect(lambda _key: self._refresh())
        inspection.dataset_images_changed.connect(self._on_dataset_changed)

    # ---- building ----------------------------------------------------------------------------
    def _build_settings(self, body: QWidget) -> None:
        self.layer = choice_combo(body, "filtersLayerCombo", {})
        self.layer.currentIndexChanged.connect(lambda _i: self._show_cached())
        modes = {"book": self.tr("Book: normalised gradient"), "robust": self.tr("Robust: Fourier image, jitter")}
        self.mode = choice_combo(body, "filtersModeCombo", modes, "book")
        self.mode.setToolTip(
            self.tr(
                "Book: the chapter's gradient ascent on the pixels. Robust: as Lucid does it, a decorrelated "
                "Fourier image under random jitter, scale and rotation; clean patterns on pretrained networks."
            )
        )
        self.mode.currentIndexChanged.connect(self._on_mode)
        self.steps = int_spin(body, "filtersStepsSpin", 1, 2000)
        self.steps.setValue(40)
        self.step_size = QDoubleSpinBox(body)
        self.step_size.setObjectName("filtersStepSizeSpin")
        self.step_size.setDecimals(3)
        self.step_size.setRange(0.001, 100.0)
        self.step_size.setValue(_DEFAULT_STEP["book"])
        self.size = int_spin(body, "filtersSizeSpin", 16, 512, suffix=self.tr(" px"))
        self.size.setValue(64)
        self.count = int_spin(body, "filtersCountSpin", 1, 2048)
        self.count.setValue(32)
        self.count.setToolTip(self.tr("How many filters, from the first: all of them are optimised together"))
        grid = QGridLayout()  # compact: two or three settings a row, so the patterns get the height
        grid.addWidget(QLabel(self.tr("Layer:"), body), 0, 0)
        grid.addWidget(self.layer, 0, 1, 1, 5)
        grid.addWidget(QLabel(self.tr("Mode:"), body), 1, 0)
        grid.addWidget(self.mode, 1, 1, 1, 3)
        grid.addWidget(QLabel(self.tr("Steps:"), body), 1, 4)
        grid.addWidget(self.steps, 1, 5)
        for column, (label, widget) in enumerate(
            ((self.tr("Step size:"), self.step_size), (self.tr("Size:"), self.size), (self.tr("Filters:"), self.count))
        ):
            grid.addWidget(QLabel(label, body), 2, 2 * column)
            grid.addWidget(widget, 2, 2 * column + 1)
        for column in (1, 3, 5):
            grid.setColumnStretch(column, 1)
        self.column.addLayout(grid)
        row = QHBoxLayout()
        self.start_button = push_button(body, "filtersStartButton", self.tr("Start"), self.start)
        self.stop_button = push_button(body, "filtersStopButton", self.tr("Stop"), self.stop)
        self.stop_button.setEnabled(False)
        self.progress = QProgressBar(body)
        self.progress.setObjectName("filtersProgress")
        self.progress.setTextVisible(False)
        row.addWidget(self.start_button)
        row.addWidget(self.stop_button)
        row.addWidget(self.progress, 1)
        self.column.addLayout(row)

    def _build_patches(self, body: QWidget) -> None:
        box = QGroupBox(self.tr("Top dataset patches"), body)
        layout = QVBoxLayout(box)
        self.patches_status = wrapped_label(box, "filtersPatchesStatus", self.tr("Click a filter in the grid."))
        self.patches = _GridView(box, "filtersPatches")
        self.patches.setMinimumHeight(80)
        layout.addWidget(self.patches_status)
        layout.addWidget(self.patches, 1)
        self.column.addWidget(box, 1)
        kernels_box = QGroupBox(self.tr("First layer kernels"), body)
        kernels_layout = QVBoxLayout(kernels_box)
        self.kernels = _GridView(kernels_box, "filtersKernels")
        self.kernels.setMinimumHeight(80)
        self.kernels_note = QLabel(kernels_box)
        kernels_layout.addWidget(self.kernels, 1)
        kernels_layout.addWidget(self.kernels_note)
        self.column.addWidget(kernels_box, 1)

    # ---- the network and its layers ----------------------------------------------------------
    def on_screen(self) -> None:
        if self._network != self.inspection.network():
            self._refresh()

    def _refresh(self) -> None:
        """List the layers of the inspection's network (only while the dock is visible; on showing, catch up)."""
        if not self.is_on_screen():
            return
        key = self.inspection.network()
        self._network = key
        self.runner.cancel()
        self.patch_runner.cancel()
        self.layer.clear()
        self.grid.show_mosaic(None)
        self.patches.show_mosaic(None)
        self.status.setText(self.tr("Reading the network's layers…"))
        self.layers_runner.start(lambda: _layers_job(key), "filter-layers", supersede=True)

    def _on_layers(self, event) -> None:
        if not isinstance(event, Finished):
            self.status.setText(
                self.tr("Cannot read the network: {0}").format(tr_message(getattr(event, "reason", "")))
            )
            return
        key, layers, kernels, fixed, input_size = event.result
        if key != self._network:
            return
        self.layer.blockSignals(True)
        for name, shape in layers:
            self.layer.addItem(f"{name}  {' × '.join(str(v) for v in shape)}", name)
        self.layer.blockSignals(False)
        self.size.setEnabled(not fixed)
        if fixed:
            self.size.setValue(int(input_size[0]))
        if kernels is None:
            self.kernels.show_mosaic(None)
            self.kernels_note.setText(self.tr("This network has no convolution layer."))
        else:
            factor = max(1, 24 // kernels.shape[1])
            self.kernels.show_mosaic(mosaic(upscale_nearest(kernels, factor), columns=16))
            self.kernels_note.setText(
                self.tr("{0} kernels of {1}×{1}: grey is 0, light positive, dark negative.").format(
                    len(kernels), kernels.shape[1]
                )
            )
        self.status.setText(
            self.tr("Pick a layer and press Start.") if layers else self.tr("This network has no convolution layer.")
        )
        self._show_cached()

    # ---- the ascent --------------------------------------------------------------------------
    def settings(self) -> dict:
        """The ascent's settings as `filter_patterns` takes them."""
        side = self.size.value()
        return {
            "filters": self.count.value(),
            "steps": self.steps.value(),
            "step_size": round(self.step_size.value(), 6),
            "size": (side, side),
            "mode": self.mode.currentData(),
        }

    def _key(self) -> tuple:
        return (self._network, self.layer.currentData(), tuple(sorted(self.settings().items())))

    def start(self) -> None:
        layer = self.layer.currentData()
        if not layer:
            return
        key, settings = self._network, self.settings()
        self._pending = None
        self._running_key = self._key()
        self.progress.setRange(0, settings["steps"])
        self.progress.setValue(0)
        self.status.setText(self.tr("Climbing the gradient of {0}…").format(layer))
        self.start_button.setEnabled(False)
        self.stop_button.setEnabled(True)
        self.runner.start(lambda: _ascent_job(key, layer, settings), "filter-ascent", supersede=True)

    def stop(self) -> None:
        self.runner.cancel()

    def _on_mode(self, _index: int) -> None:
        self.step_size.setValue(_DEFAULT_STEP.get(self.mode.currentData(), 1.0))
        self._show_cached()

    def _on_event(self, event) -> None:
        if isinstance(event, Progress):
            self.progress.setValue(event.done)
        elif isinstance(event, PatternFrame):
            self._pending = event
            if not self._timer.isActive():
                self._draw_pending()
                self._timer.start()

    def _draw_pending(self) -> None:
        frame, self._pending = self._pending, None
        if frame is not None:
            self._draw(frame.images, frame.filters)
            self.patterns_shown.emit(frame.step)

    def _draw(self, patterns: np.ndarray, filters: tuple[int, ...]) -> None:
        self._shown_filters = tuple(filters)
        self.grid.show_mosaic(mosaic(_rgb(patterns), columns=8, labels=[str(f) for f in filters]))

    def _on_ascent_ended(self, event) -> None:
        self._timer.stop()
        self._pending = None
        self.start_button.setEnabled(True)
        self.stop_button.setEnabled(False)
        self.progress.setValue(0)  # an empty bar between runs: a full one reads as "still working"
        if isinstance(event, Finished):
            result = event.result
            self._results[self._running_key] = (result.patterns, result.filters)
            while len(self._results) > _KEPT_GRIDS:
                del self._results[next(iter(self._results))]
            self._draw(result.patterns, result.filters)
            self.patterns_shown.emit(self.steps.value())
            self.status.setText(
                self.tr("{0} filters of {1}: mean activation {2:.3g} → {3:.3g}. Click one for its top patches.").format(
                    len(result.filters),
                    result.layer,
                    float(result.start_activations.mean()),
                    float(result.activations.mean()),
                )
            )
        else:
            self.status.setText(self.tr("Stopped: {0}").format(tr_message(getattr(event, "reason", ""))))

    def _show_cached(self) -> None:
        """Show the finished grid of this network, layer and settings, if there is one."""
        kept = self._results.get(self._key())
        if kept is not None:
            self._draw(*kept)
        elif not self.runner.is_running:
            self.grid.show_mosaic(None)
            self._shown_filters = ()

    # ---- top dataset patches -----------------------------------------------------------------
    def select_filter(self, tile: int) -> None:
        """Show the dataset patches that excite the filter in grid tile `tile` most."""
        if not 0 <= tile < len(self._shown_filters):
            return
        index = self._shown_filters[tile]
        self.selected_filter = index
        images = self.inspection.dataset_images()
        layer = self.layer.currentData()
        if not images:
            self.patches_status.setText(
                self.tr("Open a dataset to see the patches of it that excite filter {0}.").format(index)
            )
            return
        self.patches_status.setText(self.tr("Searching {0} images for filter {1}…").format(len(images), index))
        key = self._network
        self.patch_runner.start(lambda: _patches_job(key, layer, index, images), "filter-patches", supersede=True)

    def _on_dataset_changed(self) -> None:
        if self.selected_filter is not None and self.selected_filter in self._shown_filters:
            self.select_filter(self._shown_filters.index(self.selected_filter))

    def _on_patches(self, event) -> None:
        if not isinstance(event, Finished):
            self.patches_status.setText(self.tr("No patches: {0}").format(tr_message(getattr(event, "reason", ""))))
            return
        top = event.result
        factor = max(1, 48 // max(1, top.patches.shape[1]))
        labels = [f"{v:.2f}" for v in top.values]
        self.patches.show_mosaic(mosaic(upscale_nearest(_rgb(top.patches), factor), columns=9, labels=labels))
        self.patches.setToolTip("\n".join(Path(p).name for p in top.images))
        self.patches_status.setText(
            self.tr("Filter {0} of {1}: the {2} strongest responses, each its {3}×{4} receptive field.").format(
                top.filter, top.layer, len(top.patches), top.field.height, top.field.width
            )
        )
