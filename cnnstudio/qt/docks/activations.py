"""The Activations dock (5.4.1): what every layer of the network makes of one image.

The network and the image come from the shared `Inspection` (the bar at the top: samples, the
dataset, a file, a drop). One background job runs the image through the network once with hooks
(`core.visualize.activations`, cached per weights and image) and draws the picture asked for: all
channels of the chosen layer as the book's grid (one image, 16 per row), or the overview of every
convolution and pooling layer. Click a channel to see it enlarged with the value under the mouse;
the chart below shows, per layer, the share of channels that stay blank for this image. The dock
computes only while it is visible and catches up when it is shown again.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from ...core.events import Finished, Progress
from ...core.visualize import (
    Activations,
    LayerError,
    LayerInfo,
    activation_grid,
    activations,
    blank_shares,
    colormap_lut,
    overview,
)
from ...core.visualize.render import Mosaic
from ..inspection import Inspection, subject_for
from ..texts import tr_message
from ..widgets.dock import Dock
from ..widgets.drops import AcceptsImageDrops
from ..widgets.forms import wrapped_label
from ..widgets.subject_bar import SubjectBar
from ..workers import JobRunner

__all__ = ["ActivationsDock", "ActivationsView"]

_COLUMNS = 16
_BAR = "#3b528b"  # viridis' blue


@dataclass(frozen=True)
class ActivationsView:
    """What one job gives the dock: the activations, the picture drawn and the blank share of each layer."""

    network: str
    image: str
    result: Activations
    layer: str | None  # None for the overview
    mosaic: Mosaic
    entries: list[tuple[str, int]]  # per tile: (layer, channel)
    shares: list[tuple[str, float]]


def _default_layer(layers: list[LayerInfo]) -> str:
    maps = [info for info in layers if info.is_map]
    if not maps:
        from ...core.messages import msg

        raise LayerError(msg("visualize.no_feature_maps"))
    convs = [info for info in maps if info.kind == "conv"]
    return (convs or maps)[0].name


def _view_job(network: str, image: str, layer: str | None, show_overview: bool, tile: int):
    """Job: the image's activations (cached), then the grid of `layer` (or the overview) and the blank shares."""
    subject = subject_for(network)
    result = yield from activations(subject, image)
    shares = blank_shares(result)
    if show_overview:
        view = overview(result, tile=max(24, tile + 8))
        return ActivationsView(network, image, result, None, view.mosaic, view.entries, shares)
    if layer is None or layer not in result.maps or not result.layer(layer).is_map:
        layer = _default_layer(list(result.layers))
    grid = activation_grid(result.feature_maps(layer), min_tile=tile, max_tile=tile)
    return ActivationsView(network, image, result, layer, grid, [(layer, c) for c in range(len(grid.cells))], shares)


def _image_view(parent: QWidget, name: str) -> tuple[pg.GraphicsLayoutWidget, pg.ViewBox, pg.ImageItem]:
    """A zoomable image: a view box (y down, square pixels) holding one image item."""
    widget = pg.GraphicsLayoutWidget(parent)
    widget.setObjectName(name)
    widget.setBackground("w")
    box = widget.addViewBox(lockAspect=True, invertY=True, enableMenu=False)
    item = pg.ImageItem(axisOrder="row-major")
    box.addItem(item)
    return widget, box, item


class ActivationsDock(AcceptsImageDrops, Dock):
    """The book's activation grid for one layer (or the overview), a channel enlarged, and the blank-channel chart."""

    def __init__(self, inspection: Inspection, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Activations"), "activationsDock", parent)  # scrolls when short
        self.inspection = inspection
        body = self.body
        self.subject_bar = SubjectBar(inspection, body)
        self.column.addWidget(self.subject_bar)

        row = QHBoxLayout()
        self.layer_combo = QComboBox(body)
        self.layer_combo.setObjectName("activationsLayerCombo")
        self.layer_combo.setToolTip(self.tr("Every layer with its output shape for this image; maps can be shown"))
        self.layer_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.layer_combo.setMinimumContentsLength(20)
        self.layer_combo.activated.connect(self._on_layer_picked)
        self.overview_button = QPushButton(self.tr("Overview"), body)
        self.overview_button.setObjectName("activationsOverviewButton")
        self.overview_button.setCheckable(True)
        self.overview_button.setToolTip(self.tr("The first 8 channels of every convolution and pooling layer"))
        self.overview_button.toggled.connect(lambda _on: self.refresh())
        row.addWidget(QLabel(self.tr("Layer:"), body))
        row.addWidget(self.layer_combo, 1)
        row.addWidget(self.overview_button)
        self.column.addLayout(row)

        splitter = QSplitter(Qt.Orientation.Vertical, body)
        self.grid_widget, self.grid_box, self.grid_item = _image_view(splitter, "activationsGrid")
        self.grid_widget.setToolTip(self.tr("Click a channel to enlarge it; wheel to zoom, drag to pan"))
        self.grid_widget.scene().sigMouseClicked.connect(self._on_grid_clicked)
        self.grid_box.sigResized.connect(self._refit)
        splitter.addWidget(self.grid_widget)
        bottom = self._build_bottom(splitter)
        splitter.addWidget(bottom)
        self.grid_widget.setMinimumHeight(120)
        bottom.setMinimumHeight(170)  # the enlarged channel and the chart stay readable in a short dock
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        self.column.addWidget(splitter, 1)
        self.status = wrapped_label(body, "activationsStatus")
        self.column.addWidget(self.status)

        self.runner = JobRunner(self)
        self.runner.event_received.connect(self._on_event)
        self.runner.job_ended.connect(self._on_done)
        inspection.network_changed.connect(self._on_subject_changed)
        inspection.image_changed.connect(self._on_subject_changed)
        self.view: ActivationsView | None = None
        self.channel: tuple[str, int] | None = None
        self._layer: str | None = None
        self._stale = True

    def _build_bottom(self, parent: QWidget) -> QWidget:
        bottom = QSplitter(Qt.Orientation.Horizontal, parent)
        left_box, right_box = QWidget(bottom), QWidget(bottom)
        left, right = QVBoxLayout(left_box), QVBoxLayout(right_box)
        for layout in (left, right):
            layout.setContentsMargins(0, 0, 0, 0)
        self.channel_title = wrapped_label(bottom, "activationsChannelTitle", self.tr("Click a channel to enlarge it"))
        self.channel_widget, self.channel_box, self.channel_item = _image_view(bottom, "activationsChannel")
        self.channel_item.setLookupTable(colormap_lut("viridis"))
        self.channel_widget.scene().sigMouseMoved.connect(self._on_channel_hover)
        self.value_label = wrapped_label(bottom, "activationsValue", " ")
        left.addWidget(self.channel_title)
        left.addWidget(self.channel_widget, 1)
        left.addWidget(self.value_label)
        self.chart_widget = pg.GraphicsLayoutWidget(bottom)
        self.chart_widget.setObjectName("activationsBlankChart")
        self.chart_widget.setBackground("w")
        self.chart = self.chart_widget.addPlot()
        self.chart.setLabel("bottom", self.tr("layer, input → output"))
        self.chart.setYRange(0, 1, padding=0.02)
        self.chart.getAxis("left").setTicks([[(0.0, "0"), (0.5, "50%"), (1.0, "100%")]])
        self.chart.setMouseEnabled(x=False, y=False)
        self.chart.hideButtons()
        self.chart.setMenuEnabled(False)
        self.chart_widget.setToolTip(
            self.tr("Share of channels with nothing in them for this image: deeper layers keep less of the picture")
        )
        self.bars = pg.BarGraphItem(x=[], height=[], width=0.8, brush=_BAR)
        self.chart.addItem(self.bars)
        self.chart.scene().sigMouseClicked.connect(self._on_chart_clicked)
        self.chart.scene().sigMouseMoved.connect(self._on_chart_hover)
        self.chart_title = wrapped_label(bottom, "activationsChartTitle", self.tr("Blank channels per layer"))
        self.chart_label = wrapped_label(
            bottom, "activationsChartLabel", self.tr("Hover a bar for its layer; click it to show the layer")
        )
        right.addWidget(self.chart_title)
        right.addWidget(self.chart_widget, 1)
        right.addWidget(self.chart_label)
        bottom.addWidget(left_box)
        bottom.addWidget(right_box)
        bottom.setSizes([250, 310])
        return bottom

    def image_dropped(self, path: str) -> None:
        self.inspection.set_image(path)

    # ---- when to compute ---------------------------------------------------------------------
    def on_screen(self) -> None:
        if self._stale:
            self.refresh()

    def _on_subject_changed(self, _value: str) -> None:
        self._stale = True
        if self.is_on_screen():
            self.refresh()

    def _tile(self) -> int:
        """The tile size that puts 16 tiles across the grid view at 1:1 (labels stay readable)."""
        width = max(self.grid_widget.width(), 320)
        return int(min(64, max(24, (width - 12) // _COLUMNS - 2)))

    def refresh(self) -> None:
        """Draw the current image through the current network (a job; one still running is superseded)."""
        image = self.inspection.image()
        if not image:
            self.status.setText(self.tr("Choose or drop an image."))
            return
        self._stale = False
        network, layer, show_overview, tile = (
            self.inspection.network(),
            self._layer,
            self.overview_button.isChecked(),
            self._tile(),
        )
        self.status.setText(self.tr("Running the image through the network…"))
        self.runner.start(lambda: _view_job(network, image, layer, show_overview, tile), "activations", supersede=True)

    # ---- results -----------------------------------------------------------------------------
    def _on_event(self, event) -> None:
        if isinstance(event, Progress):
            self.status.setText(tr_message(event.message))

    def _on_done(self, event) -> None:
        if not isinstance(event, Finished):
            reason = getattr(event, "reason", None)
            if reason is not None:
                self.status.setText(self.tr("Cannot show the activations: {0}").format(tr_message(reason)))
            return
        view: ActivationsView = event.result
        new_subject = self.view is None or self.view.network != view.network or self.view.image != view.image
        self.view = view
        if view.layer is not None:
            self._layer = view.layer
        self._fill_layers(view.result.layers, self._layer)
        self.grid_item.setImage(view.mosaic.image, autoLevels=False, levels=(0, 255))
        self._fit_width(view.mosaic.image.shape)
        self._show_shares(view.shares)
        h, w = view.result.input_size
        what = self.tr("overview") if view.layer is None else view.layer
        self.status.setText(self.tr("{0} — the network saw the image at {1} × {2}").format(what, w, h))
        if not (new_subject or self.channel is None or self.channel[0] not in view.result.maps):
            self.show_channel(*self.channel)  # the same image: keep the enlarged channel, new values
        elif view.entries:
            self.show_channel(*view.entries[0])

    def _fill_layers(self, layers: tuple[LayerInfo, ...], current: str | None) -> None:
        combo = self.layer_combo
        combo.blockSignals(True)
        try:
            combo.clear()
            model = combo.model()
            for info in layers:
                shape = " × ".join(map(str, info.shape))
                combo.addItem(f"{info.name}  ({info.type}, {shape})", info.name)
                if not info.is_map and isinstance(model, QStandardItemModel):
                    model.item(combo.count() - 1).setEnabled(False)
            index = combo.findData(current) if current else -1
            combo.setCurrentIndex(max(0, index))
        finally:
            combo.blockSignals(False)

    def _refit(self, *_args) -> None:
        if self.view is not None:
            self._fit_width(self.view.mosaic.image.shape)

    def _fit_width(self, shape: tuple[int, ...]) -> None:
        """Show the picture's whole width, from its top (tall grids and the overview scroll by dragging)."""
        width = shape[1]
        view_w, view_h = max(1, self.grid_box.width()), max(1, self.grid_box.height())
        self.grid_box.setRange(QRectF(-2, -2, width + 4, (width + 4) * view_h / view_w), padding=0)

    def _show_shares(self, shares: list[tuple[str, float]]) -> None:
        self.bars.setOpts(x=np.arange(len(shares)), height=[share for _, share in shares], width=0.8)
        step = max(1, len(shares) // 8)
        self.chart.getAxis("bottom").setTicks([[(i, str(i + 1)) for i in range(0, len(shares), step)]])
        self.chart.setXRange(-0.6, max(0.6, len(shares) - 0.4), padding=0)

    # ---- interaction -------------------------------------------------------------------------
    def _on_layer_picked(self, index: int) -> None:
        name = self.layer_combo.itemData(index)
        if not name:
            return
        self._layer = name
        if self.overview_button.isChecked():
            self.overview_button.setChecked(False)  # refreshes
        else:
            self.refresh()

    def select_layer(self, name: str) -> None:
        """Show the grid of layer `name` (as picking it in the combo does)."""
        index = self.layer_combo.findData(name)
        if index >= 0:
            self.layer_combo.setCurrentIndex(index)
            self._on_layer_picked(index)

    def tile_at(self, x: float, y: float) -> tuple[str, int] | None:
        """The (layer, channel) drawn at picture position (x, y), or None between tiles."""
        if self.view is None:
            return None
        index = self.view.mosaic.tile_at(x, y)
        return None if index is None else self.view.entries[index]

    def _on_grid_clicked(self, event) -> None:
        point = self.grid_item.mapFromScene(event.scenePos())
        hit = self.tile_at(point.x(), point.y())
        if hit is not None:
            self.show_channel(*hit)

    def _on_chart_clicked(self, event) -> None:
        index = self._bar_at(event.scenePos())
        if index is not None:
            self.select_layer(self.view.shares[index][0])  # type: ignore[union-attr]

    def _bar_at(self, scene_pos) -> int | None:
        if self.view is None:
            return None
        index = int(round(self.chart.vb.mapSceneToView(scene_pos).x()))
        return index if 0 <= index < len(self.view.shares) else None

    def _on_chart_hover(self, pos) -> None:
        index = self._bar_at(pos)
        if index is not None:
            name, share = self.view.shares[index]  # type: ignore[union-attr]
            self.chart_label.setText(self.tr("{0}. {1}: {2:.0%} blank").format(index + 1, name, share))

    def show_channel(self, layer: str, channel: int) -> None:
        """Enlarge one channel of the current image's activations, in raw values (hover shows them)."""
        if self.view is None or layer not in self.view.result.maps:
            return
        values = self.view.result.maps[layer][channel]
        self.channel = (layer, channel)
        low, high = float(values.min()), float(values.max())
        self.channel_item.setImage(values, autoLevels=False, levels=(low, high if high > low else low + 1e-6))
        self.channel_box.autoRange(padding=0.02)
        self.channel_title.setText(
            self.tr("{0}, channel {1} ({2} × {3}): {4:.3g} … {5:.3g}").format(
                layer, channel, values.shape[1], values.shape[0], low, high
            )
        )
        self.value_label.setText(self.tr("Move the mouse over the map to read its values"))

    def _on_channel_hover(self, pos) -> None:
        if self.view is None or self.channel is None:
            return
        point = self.channel_item.mapFromScene(pos)
        values = self.view.result.maps[self.channel[0]][self.channel[1]]
        x, y = int(np.floor(point.x())), int(np.floor(point.y()))
        if 0 <= y < values.shape[0] and 0 <= x < values.shape[1]:
            self.value_label.setText(self.tr("{0}, {1}: {2:.4g}").format(x, y, float(values[y, x])))
