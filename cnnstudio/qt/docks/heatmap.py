"""The Heatmap dock (5.4.3): which parts of a photo argue for a class, laid over the photo at full resolution.

The network and the photo come from the shared `Inspection` (the bar at the top). A background job
(`core.visualize.heatmap`) computes the map for the chosen class, layer and method at the photo's own
resolution (EXIF orientation applied), so the overlay lines up exactly with the photo. The class
comes from the top-5 predictions or any class typed by name or index; a one-sigmoid model offers
both of its classes. Opacity and colour map re-blend the cached map at once, without a new job.
Score-CAM shows its progress and can be stopped. The faithfulness figure says in plain words how
much the class's probability drops when the map's hottest pixels are blurred, against random pixels.
A folder of images gives a folder of heatmaps (`heatmap_folder.FolderHeatmaps`). The dock computes
only while it is visible and catches up when it is shown again.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtWidgets import QComboBox, QFileDialog, QFormLayout, QHBoxLayout, QProgressBar, QSlider, QWidget

from ...core.events import Finished, Progress
from ...core.visualize import (
    COLORMAPS,
    HeatmapResult,
    LayerInfo,
    default_heatmap_layer,
    heatmap,
    list_layers,
    overlay_image,
    save_map,
    save_overlay,
)
from ..inspection import Inspection, subject_for
from ..texts import tr_message
from ..widgets.dock import Dock
from ..widgets.drops import AcceptsImageDrops
from ..widgets.forms import choice_combo, push_button, select_data, wrapped_label
from ..widgets.images import ScaledImageLabel, to_pixmap
from ..widgets.subject_bar import SubjectBar
from ..workers import JobRunner
from .heatmap_folder import FolderHeatmaps

__all__ = ["HeatmapDock", "HeatmapView"]

_COLORMAP_CHOICES = ("jet", *[name for name in COLORMAPS if name != "jet"])


@dataclass(frozen=True)
class HeatmapView:
    """What one job gives the dock: the heatmap and the layers that can carry one."""

    network: str
    image: str
    result: HeatmapResult
    layers: tuple[LayerInfo, ...]
    default_layer: str


def _view_job(network: str, image: str, target: int | str | None, layer: str | None, method: str):
    """Job: the subject (may load weights), the heatmap, then the layers with their shapes at the photo's input size."""
    subject = subject_for(network)
    result = yield from heatmap(subject, image, target=target, layer=layer, method=method)
    layers = tuple(info for info in list_layers(subject, size=result.network_size) if info.is_map)
    # a one-sigmoid model's top holds both of its classes
    return HeatmapView(network, image, result, layers, default_heatmap_layer(list(layers)))


class HeatmapDock(AcceptsImageDrops, Dock):
    """A class activation heatmap over the current photo, with its class, layer, method and faithfulness."""

    def __init__(self, inspection: Inspection, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Heatmap"), "heatmapDock", parent)  # scrolls when short
        self.inspection = inspection
        self.view: HeatmapView | None = None
        self.blended: np.ndarray | None = None
        self._target: int | str | None = None  # None: the top-1 class
        self._layer: str | None = None  # None: the default layer
        self._stale = True
        self.subject_bar = SubjectBar(inspection, self.body)
        self.column.addWidget(self.subject_bar)
        self._build_controls(self.body)
        self._build_picture(self.body)
        self.runner = JobRunner(self)
        self.runner.event_received.connect(self._on_event)
        self.runner.job_ended.connect(self._on_done)
        inspection.network_changed.connect(self._on_network_changed)
        inspection.image_changed.connect(self._on_image_changed)

    def _build_controls(self, body: QWidget) -> None:
        form = QFormLayout()
        self.column.addLayout(form)
        self.target_combo = QComboBox(body)
        self.target_combo.setObjectName("heatmapTargetCombo")
        self.target_combo.setEditable(True)
        self.target_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.target_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.target_combo.setMinimumContentsLength(16)
        self.target_combo.setToolTip(self.tr("A top-5 class, or type any class name or index and press Enter"))
        self.target_combo.activated.connect(self._on_target_picked)
        self.target_combo.lineEdit().returnPressed.connect(self._on_target_typed)
        form.addRow(self.tr("Class:"), self.target_combo)
        self.layer_combo = QComboBox(body)
        self.layer_combo.setObjectName("heatmapLayerCombo")
        self.layer_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.layer_combo.setMinimumContentsLength(16)
        self.layer_combo.setToolTip(
            self.tr("The layer whose feature maps are weighted; the default is the last convolution")
        )
        self.layer_combo.activated.connect(self._on_layer_picked)
        form.addRow(self.tr("Layer:"), self.layer_combo)
        methods = {
            "gradcam": self.tr("Grad-CAM"),
            "gradcam++": self.tr("Grad-CAM++"),
            "scorecam": self.tr("Score-CAM (slow, no gradients)"),
            "saliency": self.tr("Saliency (input gradient)"),
            "smoothgrad": self.tr("SmoothGrad (averaged saliency)"),
        }
        self.method_combo = choice_combo(body, "heatmapMethodCombo", methods, "gradcam")
        self.method_combo.activated.connect(lambda _i: self.refresh())
        form.addRow(self.tr("Method:"), self.method_combo)

        row = QHBoxLayout()
        self.opacity_slider = QSlider(Qt.Orientation.Horizontal, body)
        self.opacity_slider.setObjectName("heatmapOpacitySlider")
        self.opacity_slider.setRange(0, 100)
        self.opacity_slider.setValue(50)
        self.opacity_slider.setToolTip(self.tr("How strongly the map covers the photo"))
        self.opacity_slider.valueChanged.connect(lambda _v: self._blend())
        self.colormap_combo = choice_combo(body, "heatmapColormapCombo", {n: n for n in _COLORMAP_CHOICES}, "jet")
        self.colormap_combo.currentIndexChanged.connect(lambda _i: self._blend())
        row.addWidget(self.opacity_slider, 1)
        row.addWidget(self.colormap_combo)
        form.addRow(self.tr("Opacity:"), row)

    def _build_picture(self, body: QWidget) -> None:
        self.notice = wrapped_label(body, "heatmapNotice")
        self.notice.setStyleSheet("font-weight: bold; color: #b00020;")
        self.notice.hide()
        self.column.addWidget(self.notice)
        self.picture = ScaledImageLabel(body, smooth=True)
        self.picture.setObjectName("heatmapPicture")
        self.column.addWidget(self.picture, 1)
        self.faithfulness_label = wrapped_label(body, "heatmapFaithfulness")
        self.column.addWidget(self.faithfulness_label)

        buttons = QHBoxLayout()
        self.progress = QProgressBar(body)
        self.progress.setObjectName("heatmapProgress")
        self.progress.hide()
        self.stop_button = push_button(body, "heatmapStopButton", self.tr("Stop"), lambda: self.runner.cancel())
        self.stop_button.hide()
        self.save_png_button = push_button(body, "heatmapSavePngButton", self.tr("Save overlay PNG…"), self._ask_png)
        self.save_npy_button = push_button(body, "heatmapSaveNpyButton", self.tr("Save map .npy…"), self._ask_npy)
        for button in (self.save_png_button, self.save_npy_button):
            button.setEnabled(False)
        buttons.addWidget(self.progress, 1)
        buttons.addWidget(self.stop_button)
        buttons.addStretch(0)
        buttons.addWidget(self.save_png_button)
        buttons.addWidget(self.save_npy_button)
        self.column.addLayout(buttons)
        self.status = wrapped_label(body, "heatmapStatus")
        self.column.addWidget(self.status)
        self.folder = FolderHeatmaps(self.inspection.network, self.folder_options, body)
        self.column.addWidget(self.folder)

    def folder_options(self) -> dict:
        """The settings a folder's heatmaps are made with: this dock's class (if one was picked), layer, method and look."""
        return {
            "target": self._target,
            "layer": self._layer,
            "method": self.method_combo.currentData(),
            "opacity": self.opacity_slider.value() / 100,
            "colormap": self.colormap_combo.currentData(),
        }

    # ---- when to compute ---------------------------------------------------------------------
    def on_screen(self) -> None:
        if self._stale:  # something changed while out of view: catch up
            self.refresh()

    def image_dropped(self, path: str) -> None:
        self.inspection.set_image(path)

    def _on_network_changed(self, _key: str) -> None:
        self._target, self._layer = None, None  # another network: its own classes and layers
        self._changed()

    def _on_image_changed(self, _path: str) -> None:
        self._changed()

    def _changed(self) -> None:
        self._stale = True
        if self.is_on_screen():
            self.refresh()

    def refresh(self) -> None:
        """Compute the heatmap for the current photo, class, layer and method (a job; a running one is superseded)."""
        network, image, method = self.inspection.network(), self.inspection.image(), self.method_combo.currentData()
        if image is None:
            self.status.setText(self.tr("Choose or drop an image."))
            return
        self._stale = False
        target, layer = self._target, self._layer
        slow = method in ("scorecam", "smoothgrad")
        self.progress.setVisible(slow)
        self.progress.setRange(0, 0)
        self.stop_button.setVisible(slow)
        self.status.setText(self.tr("Computing the heatmap…"))
        self.runner.start(lambda: _view_job(network, image, target, layer, method), "heatmap", supersede=True)

    # ---- results -----------------------------------------------------------------------------
    def _on_event(self, event) -> None:
        if isinstance(event, Progress):
            self.status.setText(tr_message(event.message))
            if event.total:
                self.progress.setRange(0, event.total)
                self.progress.setValue(event.done)

    def _on_done(self, event) -> None:
        self.progress.hide()
        self.stop_button.hide()
        if isinstance(event, Finished):
            self._show(event.result)
        elif getattr(event, "reason", None) is not None:  # failed or stopped: say why, keep the last map
            self.status.setText(self.tr("No heatmap: {0}").format(tr_message(event.reason)))

    def _show(self, view: HeatmapView) -> None:
        self.view = view
        self._fill_targets(view)
        self._fill_layers(view)
        result = view.result
        self.notice.setVisible(result.empty)
        self.notice.setText(self.tr("No positive evidence for this class") if result.empty else "")
        self.faithfulness_label.setText(self._faithfulness_text(result))
        for button in (self.save_png_button, self.save_npy_button):
            button.setEnabled(True)
        self._blend()
        h, w = result.network_size
        where = result.layer or self.tr("the input pixels")
        self.status.setText(
            self.tr("{0} of “{1}” at {2}; the network saw the whole photo at {3} × {4}").format(
                self.method_combo.currentText(), result.target.name, where, w, h
            )
        )

    def _faithfulness_text(self, result: HeatmapResult) -> str:
        faith = result.faithfulness
        if faith is None:
            return ""
        share = round(faith.fraction * 100)
        text = self.tr(
            "Faithfulness: with the map's hottest {0} % of pixels blurred, “{1}” goes from {2:.1%} to {3:.1%}; "
            "with {0} % blurred at random, to {4:.1%}."
        ).format(
            share,
            result.target.name,
            faith.probability,
            faith.probability - faith.top,
            faith.probability - faith.random,
        )
        if faith.probability < 0.01:
            verdict = self.tr("The class is too unlikely in this photo for the figure to say much.")
        elif faith.top - faith.random > 0.01:
            verdict = self.tr("The map points at what the network uses.")
        else:
            verdict = self.tr("Here the map does no better than chance.")
        return f"{text} {verdict}"

    def _fill_targets(self, view: HeatmapView) -> None:
        combo, target = self.target_combo, view.result.target
        with QSignalBlocker(combo):
            combo.clear()
            shown = view.result.top if target in view.result.top else (*view.result.top, target)
            for score in shown:
                combo.addItem(f"{score.name} — {score.probability:.1%}", score.index)
            combo.setCurrentIndex(combo.findData(target.index))

    def _fill_layers(self, view: HeatmapView) -> None:
        with QSignalBlocker(self.layer_combo):
            self.layer_combo.clear()
            for info in view.layers:
                shape = " × ".join(map(str, info.shape))
                default = self.tr(" (default)") if info.name == view.default_layer else ""
                self.layer_combo.addItem(f"{info.name}  ({info.type}, {shape}){default}", info.name)
            select_data(self.layer_combo, view.result.layer or view.default_layer)
        self.layer_combo.setEnabled(view.result.layer is not None)

    # ---- controls ----------------------------------------------------------------------------
    def _on_target_picked(self, index: int) -> None:
        data = self.target_combo.itemData(index)
        if data is not None:
            self.select_target(int(data))

    def _on_target_typed(self) -> None:
        text = self.target_combo.currentText().strip()
        if text and self.target_combo.findText(text) < 0:
            self.select_target(text)

    def select_target(self, target: int | str | None) -> None:
        """Show the map of class `target` (an index, a name, or an index as text; None: the top-1 class)."""
        self._target = target
        self.refresh()

    def _on_layer_picked(self, index: int) -> None:
        self.select_layer(self.layer_combo.itemData(index))

    def select_layer(self, name: str | None) -> None:
        self._layer = name
        self.refresh()

    def select_method(self, method: str) -> None:
        select_data(self.method_combo, method)
        self.refresh()

    def _blend(self) -> None:
        """Lay the cached map over the photo with the current opacity and colour map (no new job)."""
        if self.view is None:
            return
        opacity = self.opacity_slider.value() / 100
        self.blended = overlay_image(self.view.result, opacity=opacity, colormap=self.colormap_combo.currentData())
        self.picture.set_image(to_pixmap(self.blended))

    # ---- export ------------------------------------------------------------------------------
    def save_overlay_png(self, path: str) -> None:
        if self.view is not None:
            opacity = self.opacity_slider.value() / 100
            save_overlay(self.view.result, path, opacity=opacity, colormap=self.colormap_combo.currentData())

    def save_map_npy(self, path: str) -> None:
        if self.view is not None:
            save_map(self.view.result, path)

    def _suggested(self, suffix: str) -> str:
        from pathlib import Path

        stem = Path(self.view.image).stem if self.view else "heatmap"
        return f"{stem}-heatmap{suffix}"

    def _ask_png(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save overlay"), self._suggested(".png"), self.tr("PNG images (*.png)")
        )
        if path:
            self.save_overlay_png(path)

    def _ask_npy(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save map"), self._suggested(".npy"), self.tr("NumPy arrays (*.npy)")
        )
        if path:
            self.save_map_npy(path)
