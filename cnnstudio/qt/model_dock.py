"""The Model dock: pick a chapter preset, its input size, and read its Keras-style summary."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDockWidget,
    QFormLayout,
    QHeaderView,
    QLabel,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.errors import ModelSpecError
from ..core.models import PRESETS, ModelSpec
from ..core.summary import ModelSummary, summarize_spec
from ..core.training import TrainConfig

__all__ = ["ModelDock"]


class ModelDock(QDockWidget):
    """Edits the model part of the training settings; `changed` carries the fields to update."""

    changed = Signal(dict)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Model"), parent)
        self.setObjectName("modelDock")
        body = QWidget(self)
        layout = QVBoxLayout(body)
        form = QFormLayout()

        self.preset = QComboBox(body)
        self.preset.setObjectName("presetCombo")
        names = {"seed-separable": self.tr("Slides' separable convnet"), "small-convnet": self.tr("Book's small convnet")}
        tips = {"seed-separable": self.tr("SeparableConv2D 32 → 64 → 128 with max pooling, global average pooling, Dense 32"),
                "small-convnet": self.tr("Conv2D 32/64/128/128, each followed by max pooling, Flatten, Dense 512")}
        for key in PRESETS:
            self.preset.addItem(f"{names.get(key, key)} ({key})", key)
            self.preset.setItemData(self.preset.count() - 1, tips.get(key, PRESETS[key]), Qt.ItemDataRole.ToolTipRole)
        self.dropout = QCheckBox(self.tr("Dropout 0.5 before the dense layer"), body)
        self.dropout.setObjectName("dropoutCheck")
        self.image_size = QSpinBox(body)
        self.image_size.setObjectName("imageSizeSpin")
        self.image_size.setRange(8, 512)
        self.image_size.setSuffix(self.tr(" px"))
        self.image_size.setToolTip(self.tr("Images are resized to this square size before they enter the network"))
        self.channels = QComboBox(body)
        self.channels.setObjectName("channelsCombo")
        self.channels.addItem(self.tr("RGB (3 channels)"), 3)
        self.channels.addItem(self.tr("Grayscale (1 channel)"), 1)
        form.addRow(self.tr("Preset:"), self.preset)
        form.addRow("", self.dropout)
        form.addRow(self.tr("Input size:"), self.image_size)
        form.addRow(self.tr("Colour:"), self.channels)

        self.table = QTableWidget(0, 3, body)
        self.table.setObjectName("summaryTable")
        self.table.setHorizontalHeaderLabels([self.tr("Layer (type)"), self.tr("Output shape"), self.tr("Param #")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.totals = QLabel(body)
        self.totals.setObjectName("paramTotals")
        self.error = QLabel(body)
        self.error.setObjectName("modelError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #c62828;")
        self.error.setVisible(False)

        layout.addLayout(form)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.totals)
        layout.addWidget(self.error)
        self.setWidget(body)

        self.preset.currentIndexChanged.connect(lambda _i: self._emit())
        self.dropout.toggled.connect(lambda _on: self._emit())
        self.image_size.valueChanged.connect(lambda _v: self._emit())
        self.channels.currentIndexChanged.connect(lambda _i: self._emit())
        self.problem: str = ""

    def _emit(self) -> None:
        self.changed.emit({
            "model": self.preset.currentData(),
            "dropout": self.dropout.isChecked(),
            "image_size": self.image_size.value(),
            "channels": self.channels.currentData(),
        })

    def show_config(self, config: TrainConfig) -> None:
        """Reflect the session's settings without echoing them back as changes."""
        widgets = (self.preset, self.dropout, self.image_size, self.channels)
        for widget in widgets:
            widget.blockSignals(True)
        try:
            self.preset.setCurrentIndex(max(0, self.preset.findData(config.model)))
            self.dropout.setChecked(config.dropout)
            self.dropout.setEnabled(config.model == "small-convnet")
            self.image_size.setValue(config.image_size)
            self.channels.setCurrentIndex(max(0, self.channels.findData(config.channels)))
        finally:
            for widget in widgets:
                widget.blockSignals(False)

    def show_spec(self, spec: ModelSpec) -> None:
        """Fill the summary table; a spec that cannot work is shown with the reason."""
        try:
            summary = summarize_spec(spec)
        except ModelSpecError as exc:
            self.problem = str(exc)
            self.table.setRowCount(0)
            self.totals.setText("")
            self.error.setText(self.problem)
            self.error.setVisible(True)
            return
        self.problem = ""
        self.error.setVisible(False)
        self._fill(summary)

    def _fill(self, summary: ModelSummary) -> None:
        self.table.setRowCount(len(summary.rows))
        for row, layer in enumerate(summary.rows):
            cells = [f"{layer.name} ({layer.type})", layer.keras_shape, f"{layer.params:,}"]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        self.totals.setText(self.tr("Total params: {0} · trainable: {1} · non-trainable: {2}").format(
            f"{summary.total_params:,}", f"{summary.trainable_params:,}", f"{summary.non_trainable_params:,}"))
