"""The row at the top of every look-inside dock: which network, and which image.

It shows and changes the shared `Inspection`: a network combo (your runs, then the pretrained
networks); for a run, which of its weights (best epoch by the metric it monitors, by default, or the
last epoch's), said in full; and — with an image — its thumbnail and name, Open…, the sample photos,
a random image from the dataset, and drops of an image file anywhere on the row.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QImageReader, QPixmap
from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QMenu, QPushButton, QToolButton, QWidget

from ...core.data import DEMO_PREFIX, display_image
from ...core.errors import UserError
from ..inspection import Inspection, split_key
from ..texts import tr_message
from .drops import AcceptsImageDrops
from .files import ask_open_file
from .images import to_pixmap

__all__ = ["SubjectBar", "IMAGE_FILTER"]

IMAGE_FILTER = "*.jpg *.jpeg *.png *.bmp *.gif *.webp *.tif *.tiff"
_THUMB = 40


def _thumbnail(path: str) -> QPixmap:
    """A small, upright (EXIF-rotated) preview, decoded at thumbnail size: a 24-megapixel photo costs little."""
    if path.startswith(DEMO_PREFIX):
        try:
            return to_pixmap(display_image(path)).scaled(_THUMB, _THUMB, Qt.AspectRatioMode.KeepAspectRatio)
        except (ValueError, IndexError, UserError):
            return QPixmap()
    reader = QImageReader(path)
    reader.setAutoTransform(True)
    size = reader.size()
    if size.isValid() and max(size.width(), size.height()) > 4 * _THUMB:
        reader.setScaledSize(size.scaled(4 * _THUMB, 4 * _THUMB, Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    if image.isNull():
        return QPixmap()
    return QPixmap.fromImage(
        image.scaled(_THUMB, _THUMB, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)
    )


class SubjectBar(AcceptsImageDrops, QWidget):
    """Network: [combo]; Image: [thumbnail] name [Open…] [Samples ▾] [From dataset] — bound to `inspection`."""

    def __init__(self, inspection: Inspection, parent: QWidget | None = None, *, with_image: bool = True) -> None:
        super().__init__(parent)
        self.inspection = inspection
        self.setObjectName("subjectBar")
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setColumnStretch(2, 1)
        self.network = QComboBox(self)
        self.network.setObjectName("subjectNetworkCombo")
        self.network.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.network.setMinimumContentsLength(16)
        self.network.setToolTip(self.tr("The network to look inside: one of your runs, or a pretrained network"))
        grid.addWidget(QLabel(self.tr("Network:"), self), 0, 0)
        grid.addWidget(self.network, 0, 1, 1, 5)
        self.weights_label = QLabel(self.tr("Weights:"), self)
        self.weights = QComboBox(self)
        self.weights.setObjectName("subjectWeightsCombo")
        self.weights.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.weights.setMinimumContentsLength(16)
        self.weights.setToolTip(
            self.tr(
                "Which weights of the run to look inside: those of its best epoch, by the metric the run "
                "monitors (the default), or those of its last epoch"
            )
        )
        grid.addWidget(self.weights_label, 1, 0)
        grid.addWidget(self.weights, 1, 1, 1, 5)
        self._fill_networks()
        self.network.currentIndexChanged.connect(self._on_network_picked)
        self.weights.currentIndexChanged.connect(self._on_weights_picked)
        inspection.networks_changed.connect(self._fill_networks)
        inspection.network_changed.connect(self._show_network)

        self.with_image = with_image
        if not with_image:
            self.setAcceptDrops(False)
            return
        self.thumbnail = QLabel(self)
        self.thumbnail.setObjectName("subjectThumbnail")
        self.thumbnail.setFixedSize(_THUMB, _THUMB)
        self.thumbnail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.thumbnail.setStyleSheet("QLabel { border: 1px solid #bbb; }")
        self.image_name = QLabel(self)
        self.image_name.setObjectName("subjectImageName")
        self.image_name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.image_name.setMinimumWidth(60)
        self.open_button = QPushButton(self.tr("Open…"), self)
        self.open_button.setObjectName("subjectOpenButton")
        self.open_button.setToolTip(self.tr("Open an image file (or drop one on this panel)"))
        self.open_button.clicked.connect(self._on_open)
        self.samples_button = QToolButton(self)
        self.samples_button.setObjectName("subjectSamplesButton")
        self.samples_button.setText(self.tr("Samples"))
        self.samples_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.samples_button)
        for title, path in inspection.sample_images():
            menu.addAction(title, lambda p=path: inspection.set_image(p))
        self.samples_button.setMenu(menu)
        self.dataset_button = QPushButton(self.tr("From dataset"), self)
        self.dataset_button.setObjectName("subjectDatasetButton")
        self.dataset_button.setToolTip(self.tr("A random image of the current dataset"))
        self.dataset_button.clicked.connect(self._on_dataset)
        grid.addWidget(QLabel(self.tr("Image:"), self), 2, 0)
        grid.addWidget(self.thumbnail, 2, 1)
        grid.addWidget(self.image_name, 2, 2)
        grid.addWidget(self.open_button, 2, 3)
        grid.addWidget(self.samples_button, 2, 4)
        grid.addWidget(self.dataset_button, 2, 5)
        inspection.image_changed.connect(self._show_image)
        inspection.dataset_images_changed.connect(self._update_dataset_button)
        self._show_image(inspection.image() or "")
        self._update_dataset_button()

    # ---- network -----------------------------------------------------------------------------
    def _fill_networks(self) -> None:
        self.network.blockSignals(True)
        try:
            self.network.clear()
            for key, title in self.inspection.networks():
                self.network.addItem(title, key)
            self.network.setCurrentIndex(max(0, self.network.findData(self.inspection.base_network())))
        finally:
            self.network.blockSignals(False)
        self._fill_weights()

    def _show_network(self, key: str) -> None:
        index = self.network.findData(split_key(key)[0])
        if index >= 0 and index != self.network.currentIndex():
            self.network.blockSignals(True)
            self.network.setCurrentIndex(index)
            self.network.blockSignals(False)
        self._fill_weights()

    def _on_network_picked(self, index: int) -> None:
        key = self.network.itemData(index)
        if key:
            self.inspection.set_network(key)

    def _fill_weights(self) -> None:
        """The run's weights, each said in full ("best (epoch 3, validation loss 0.412)"); hidden for a pretrained network."""
        choices = self.inspection.weights_choices()
        self.weights.blockSignals(True)
        try:
            self.weights.clear()
            for choice in choices:
                self.weights.addItem(tr_message(choice.label), choice.name)
            self.weights.setCurrentIndex(max(0, self.weights.findData(self.inspection.weights())))
        finally:
            self.weights.blockSignals(False)
        self.weights.setEnabled(len(choices) > 1)
        self.weights_label.setVisible(bool(choices))
        self.weights.setVisible(bool(choices))

    def _on_weights_picked(self, index: int) -> None:
        name = self.weights.itemData(index)
        if name:
            self.inspection.set_weights(name)

    # ---- image -------------------------------------------------------------------------------
    def _show_image(self, path: str) -> None:
        if path.startswith(DEMO_PREFIX):
            name = self.tr("Demo image {0}").format(path[len(DEMO_PREFIX) :])
        else:
            name = Path(path).name if path else ""
        self.image_name.setText(name or self.tr("No image: drop one here"))
        self.image_name.setToolTip(path)
        self.thumbnail.setPixmap(_thumbnail(path) if path else QPixmap())

    def _update_dataset_button(self) -> None:
        has_images = bool(self.inspection.dataset_images())
        self.dataset_button.setEnabled(has_images)
        self.dataset_button.setToolTip(
            self.tr("A random image of the current dataset") if has_images else self.tr("Open a dataset first")
        )

    def _on_dataset(self) -> None:
        path = self.inspection.dataset_image()
        if path:
            self.inspection.set_image(path)

    def _on_open(self) -> None:
        images = self.tr("Images ({0})").format(IMAGE_FILTER)
        ask_open_file(self, self.tr("Open image"), images, self.inspection.set_image)

    def image_dropped(self, path: str) -> None:
        if self.with_image:
            self.inspection.set_image(path)
