"""The Augmentation dock: every transform of Keras's ImageDataGenerator and more, with a live preview.

The preview shows one image (picked from the dataset, or dropped on the dock) and a grid of augmented
versions, regenerated in the background on every change: each change supersedes the preview being
computed, so a stale grid is never shown.
"""

from __future__ import annotations

import dataclasses
import random

import numpy as np
from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from ...core.data import AUGMENT_PRESETS, FILL_MODES, AugmentSpec, ImageDataset, display_image, preset_name, preview
from ...core.events import Cancelled, Finished
from ...core.jobs import call_job
from ..texts import tr_message
from ..timers import debounce_timer
from ..widgets.dock import Dock
from ..widgets.drops import AcceptsImageDrops
from ..widgets.forms import choice_combo, push_button, select_data, wrapped_label
from ..widgets.images import ScaledImageLabel, mosaic, to_pixmap
from ..workers import JobRunner

__all__ = ["AugmentDock", "PREVIEW_COUNT"]

PREVIEW_COUNT = 12
PREVIEW_COLUMNS = 4
PREVIEW_MAX_SIDE = 160
_DEBOUNCE_MS = 30


def _preview(source: str | np.ndarray, seed_of_dataset: int, spec: AugmentSpec, seed: int):
    """Load the source image (a key, or pixels) and augment it (run as a job: the GUI thread stays free)."""
    image = (
        source
        if isinstance(source, np.ndarray)
        else display_image(source, max_side=PREVIEW_MAX_SIDE, seed=seed_of_dataset)
    )
    return image, preview(image, spec, count=PREVIEW_COUNT, seed=seed)


class AugmentDock(AcceptsImageDrops, Dock):
    """Edits the augmentation part of the training settings; `changed` carries ``{"augment": dict}``."""

    changed = Signal(dict)
    preview_updated = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Augmentation"), "augmentDock", parent)
        body = self.body

        top = QHBoxLayout()
        labels = {
            "none": self.tr("None"),
            "book": self.tr("Book (chapter 5.2)"),
            "light": self.tr("Light"),
            "strong": self.tr("Strong"),
        }
        presets = {key: labels.get(key, key) for key in AUGMENT_PRESETS}
        self.preset = choice_combo(body, "augmentPresetCombo", {**presets, None: self.tr("Custom")})
        top.addWidget(QLabel(self.tr("Preset:"), body))
        top.addWidget(self.preset, 1)

        self._controls: dict[str, QWidget] = {}
        geometry = QGroupBox(self.tr("Geometry (Keras ImageDataGenerator)"), body)
        gform = QFormLayout(geometry)
        degrees = self.tr(" °")
        self._spin(gform, "rotation_range", self.tr("Rotation:"), 180, 0, 5, degrees)
        self._tip("rotation_range", self.tr("Rotate by a random angle in ±this many degrees"))
        self._spin(gform, "width_shift_range", self.tr("Width shift:"))
        self._tip("width_shift_range", self.tr("Shift sideways by up to this fraction of the width"))
        self._spin(gform, "height_shift_range", self.tr("Height shift:"))
        self._tip("height_shift_range", self.tr("Shift up or down by up to this fraction of the height"))
        self._spin(gform, "shear_range", self.tr("Shear:"), 45, 1, 0.1, degrees)
        self._tip("shear_range", self.tr("Shear by a random angle in ±this many degrees"))
        self._spin(gform, "zoom_range", self.tr("Zoom:"), 0.9)
        self._tip("zoom_range", self.tr("Scale by a random factor in [1 − zoom, 1 + zoom]"))
        flips = QHBoxLayout()
        for key, text in (("horizontal_flip", self.tr("Horizontal flip")), ("vertical_flip", self.tr("Vertical flip"))):
            box = QCheckBox(text, geometry)
            box.setObjectName(f"augment_{key}")
            box.toggled.connect(self._on_edited)
            self._controls[key] = box
            flips.addWidget(box)
        gform.addRow(self.tr("Flips:"), flips)
        fill_labels = {
            "nearest": self.tr("nearest (Keras default)"),
            "constant": self.tr("constant (black)"),
            "reflect": self.tr("reflect"),
            "wrap": self.tr("wrap"),
        }
        fill = choice_combo(geometry, "augment_fill_mode", {mode: fill_labels.get(mode, mode) for mode in FILL_MODES})
        fill.setToolTip(self.tr("How the pixels uncovered by a rotation or shift are filled"))
        fill.currentIndexChanged.connect(self._on_edited)
        self._controls["fill_mode"] = fill
        gform.addRow(self.tr("Fill mode:"), fill)

        colour = QGroupBox(self.tr("Colour and more"), body)
        cform = QFormLayout(colour)
        self._spin(cform, "brightness", self.tr("Brightness:"))
        self._tip("brightness", self.tr("Random brightness change, ±fraction"))
        self._spin(cform, "contrast", self.tr("Contrast:"))
        self._tip("contrast", self.tr("Random contrast change, ±fraction"))
        self._spin(cform, "saturation", self.tr("Saturation:"))
        self._tip("saturation", self.tr("Random saturation change, ±fraction"))
        self._spin(cform, "hue", self.tr("Hue:"), 0.5, step=0.02)
        self._tip("hue", self.tr("Random hue shift, ±fraction of the colour wheel"))
        self._spin(cform, "random_resized_crop", self.tr("Random crop:"))
        self._tip(
            "random_resized_crop",
            self.tr("0: off. Otherwise keep a random crop of at least this fraction of the area, resized back"),
        )
        self._spin(cform, "random_erasing", self.tr("Random erasing:"))
        self._tip("random_erasing", self.tr("Probability of erasing a random rectangle"))
        self._spin(cform, "grayscale", self.tr("Grayscale:"))
        self._tip("grayscale", self.tr("Probability of turning the image gray"))

        groups = QVBoxLayout()  # one under the other: side by side they would make the dock (and window) wide
        groups.addWidget(geometry)
        groups.addWidget(colour)

        preview_box = QGroupBox(self.tr("Preview"), body)
        pgrid = QGridLayout(preview_box)
        self.source_view = ScaledImageLabel(preview_box, smooth=True)
        self.source_view.setObjectName("augmentSource")
        self.source_view.setToolTip(self.tr("The original. Drop an image file on this dock to preview it."))
        self.grid_view = ScaledImageLabel(preview_box)
        self.grid_view.setObjectName("augmentPreview")
        self.grid_view.setToolTip(self.tr("Augmented versions, as the network would see them during training"))
        self.pick_button = push_button(
            preview_box, "augmentPickButton", self.tr("Another image"), self.pick_random_image
        )
        self.reseed_button = push_button(preview_box, "augmentReseedButton", self.tr("Reseed"), self.reseed)
        self.reseed_button.setToolTip(self.tr("Draw new random augmentations"))
        self.preview_status = wrapped_label(preview_box, "augmentPreviewStatus")
        pgrid.addWidget(self.source_view, 0, 0)
        pgrid.addWidget(self.grid_view, 0, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.pick_button)
        buttons.addWidget(self.reseed_button)
        buttons.addStretch(1)
        pgrid.addLayout(buttons, 1, 0, 1, 2)
        pgrid.addWidget(self.preview_status, 2, 0, 1, 2)
        pgrid.setColumnStretch(0, 1)
        pgrid.setColumnStretch(1, 3)
        pgrid.setRowStretch(0, 1)

        self.column.addLayout(top)
        self.column.addLayout(groups)
        self.column.addWidget(preview_box, 1)

        self.preset.currentIndexChanged.connect(self._on_preset_chosen)
        self._spec = AugmentSpec()
        self._seed = 0
        self._source: str | np.ndarray | None = None
        self._source_is_own = False  # the user's own image (dropped or given): kept when the dataset changes
        self._dataset_seed = 0
        self._keys: list[str] = []
        self._dirty = False  # settings changed while the dock was hidden
        self.runner = JobRunner(self)
        self.runner.job_ended.connect(self._on_preview_ended)
        self._debounce = debounce_timer(self, _DEBOUNCE_MS, self._start_preview)
        self.last_preview: np.ndarray | None = None

    # ---- controls ------------------------------------------------------------------------
    def _spin(
        self,
        form: QFormLayout,
        key: str,
        label: str,
        high: float = 1.0,
        decimals: int = 2,
        step: float = 0.05,
        suffix="",
    ) -> None:
        """A spin box from 0 to `high` for the field `key` (a fraction unless told otherwise)."""
        spin = QDoubleSpinBox(form.parentWidget())
        spin.setObjectName(f"augment_{key}")
        spin.setRange(0, high)
        spin.setDecimals(decimals)
        spin.setSingleStep(step)
        spin.setSuffix(suffix)
        spin.valueChanged.connect(self._on_edited)
        self._controls[key] = spin
        form.addRow(label, spin)

    def _tip(self, key: str, tip: str) -> None:
        self._controls[key].setToolTip(tip)

    def spec_from_controls(self) -> AugmentSpec:
        values = {}
        for key, widget in self._controls.items():
            if isinstance(widget, QDoubleSpinBox):
                values[key] = float(widget.value())
            elif isinstance(widget, QCheckBox):
                values[key] = widget.isChecked()
            elif isinstance(widget, QComboBox):
                values[key] = widget.currentData()
        return dataclasses.replace(AugmentSpec(), **values)

    def show_spec(self, spec: AugmentSpec) -> None:
        """Reflect the session's augmentation without echoing it back as a change."""
        widgets = [*self._controls.values(), self.preset]
        for widget in widgets:
            widget.blockSignals(True)
        try:
            for key, widget in self._controls.items():
                value = getattr(spec, key)
                if isinstance(widget, QDoubleSpinBox):
                    widget.setValue(float(value))
                elif isinstance(widget, QCheckBox):
                    widget.setChecked(bool(value))
                elif isinstance(widget, QComboBox):
                    select_data(widget, value)
            self.preset.setCurrentIndex(self.preset.findData(preset_name(spec)))
        finally:
            for widget in widgets:
                widget.blockSignals(False)
        if spec != self._spec:
            self._spec = spec
            self.schedule_preview()

    def _on_preset_chosen(self, _index: int) -> None:
        key = self.preset.currentData()
        if key is None:
            return
        self.show_spec(AUGMENT_PRESETS[key])
        self.changed.emit({"augment": AUGMENT_PRESETS[key].to_dict()})

    def _on_edited(self, *_args) -> None:
        spec = self.spec_from_controls()
        self.preset.blockSignals(True)
        self.preset.setCurrentIndex(self.preset.findData(preset_name(spec)))
        self.preset.blockSignals(False)
        self._spec = spec
        self.changed.emit({"augment": spec.to_dict()})
        self.schedule_preview()

    # ---- preview -------------------------------------------------------------------------
    def set_dataset(self, dataset: ImageDataset) -> None:
        """A new dataset: its images arrive with `set_items` (listed off the GUI thread)."""
        self._dataset_seed = dataset.seed
        self._keys = []
        if not self._source_is_own:
            self._source = None  # an image of the previous dataset
        self.pick_button.setEnabled(False)

    def set_items(self, items: list[tuple[str, int, str]]) -> None:
        """The dataset's images as (key, label, split); the preview uses the training images."""
        self._keys = [key for key, _, split in items if split == "train"]
        if not self._source_is_own:
            self._source = self._keys[0] if self._keys else None
        self.pick_button.setEnabled(bool(self._keys))
        self.schedule_preview()

    def set_image(self, image: np.ndarray | str) -> None:
        """Preview this image (pixels, or a file path)."""
        self._source, self._source_is_own = image, True
        self.schedule_preview()

    def pick_random_image(self) -> None:
        if self._keys:
            self._source, self._source_is_own = random.choice(self._keys), False
            self.schedule_preview()

    def reseed(self) -> None:
        """Draw new augmentations (the next seed)."""
        self.set_preview_seed(self._seed + 1)

    def set_preview_seed(self, seed: int) -> None:
        """Show the augmentations drawn with `seed` (the same seed, the same images)."""
        self._seed = seed
        self.schedule_preview()

    @property
    def preview_seed(self) -> int:
        return self._seed

    def schedule_preview(self) -> None:
        if self._source is not None and self.isVisible():
            self._debounce.start()
        else:
            self._dirty = self._source is not None

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._dirty or self.last_preview is None:
            self.schedule_preview()

    def _start_preview(self) -> None:
        if self._source is None:
            return
        self._dirty = False
        args = (self._source, self._dataset_seed, self._spec, self._seed)
        self.runner.start(lambda: call_job(_preview, *args), "augment-preview", supersede=True)

    def _on_preview_ended(self, event) -> None:
        if isinstance(event, Finished) and event.result is not None:
            image, versions = event.result
            self.source_view.set_image(to_pixmap(image))
            self.grid_view.set_image(to_pixmap(mosaic(versions, PREVIEW_COLUMNS)))
            self.last_preview = versions
            self.preview_status.setText("")
            self.preview_updated.emit()
        elif not isinstance(event, Cancelled):
            self.preview_status.setText(
                self.tr("Cannot preview this image: {0}").format(tr_message(getattr(event, "reason", None)))
            )

    # ---- drops -----------------------------------------------------------------------------
    def image_dropped(self, path: str) -> None:
        self.set_image(path)

    def set_locked(self, locked: bool) -> None:
        """While training, the settings are fixed; the preview stays usable."""
        self.preset.setEnabled(not locked)
        for widget in self._controls.values():
            widget.setEnabled(not locked)
