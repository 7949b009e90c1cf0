"""The Model dock: a chapter preset or your own layer stack, its input, and its Keras-style summary.

The stack is an editable list: add, remove, drag to reorder, and edit each layer's settings. Shapes
propagate live — every row shows its output shape and parameters — and a stack that cannot work
marks the failing row with the reason (Train is then disabled with that reason). Editing a preset
turns it into a custom stack; stacks can be saved to and loaded from JSON files.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDockWidget,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...core.errors import ModelSpecError
from ...core.models import (
    ACTIVATIONS,
    CUSTOM,
    LAYER_TYPES,
    PRESETS,
    ModelSpec,
    ModelSummary,
    check_spec,
    keras_shape,
    preset_layers,
    summarize_spec,
)
from ...core.training import TrainConfig
from ..texts import tr_message
from .pretrained_panel import PretrainedPanel

__all__ = ["ModelDock"]

_ROLE_LAYER = Qt.ItemDataRole.UserRole


def _describe(layer: dict[str, Any]) -> str:
    """A short description of a layer's settings, Keras-like: "Conv2D 32, 3×3, relu"."""
    kind = layer["type"]
    get = lambda key: layer.get(key, LAYER_TYPES[kind][key])  # noqa: E731
    if kind in ("Conv2D", "SeparableConv2D"):
        extra = "" if get("strides") == 1 else f", stride {get('strides')}"
        pad = "" if get("padding") == "valid" else ", same"
        return f"{kind} {get('filters')}, {get('kernel_size')}×{get('kernel_size')}{extra}{pad}, {get('activation')}"
    if kind in ("MaxPooling2D", "AveragePooling2D"):
        return f"{kind} {get('pool_size')}×{get('pool_size')}"
    if kind == "Dropout":
        return f"Dropout {get('rate'):g}"
    if kind == "Dense":
        return f"Dense {get('units')}, {get('activation')}"
    return kind


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
        names = {
            "seed-separable": self.tr("Slides' separable convnet"),
            "small-convnet": self.tr("Book's small convnet"),
            "mnist-convnet": self.tr("Book's MNIST convnet"),
            "tinyvgg": self.tr("TinyVGG (CNN Explainer)"),
        }
        tips = {
            "seed-separable": self.tr(
                "SeparableConv2D 32 → 64 → 128 with max pooling, global average pooling, Dense 32"
            ),
            "small-convnet": self.tr("Conv2D 32/64/128/128, each followed by max pooling, Flatten, Dense 512"),
            "mnist-convnet": self.tr(
                "Conv2D 32, MaxPool, Conv2D 64, MaxPool, Conv2D 64, Flatten, Dense 64 (28×28×1 in the book)"
            ),
            "tinyvgg": self.tr("Two blocks of two Conv2D 10 and a MaxPool, then Flatten"),
        }
        for key in PRESETS:
            self.preset.addItem(f"{names.get(key, key)} ({key})", key)
            self.preset.setItemData(self.preset.count() - 1, tips.get(key, PRESETS[key]), Qt.ItemDataRole.ToolTipRole)
        self.preset.addItem(self.tr("Custom stack"), CUSTOM)
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

        self.tabs = QTabWidget(body)
        self.tabs.setObjectName("modelTabs")
        self.tabs.addTab(self._build_layers_tab(), self.tr("Layers"))
        self.tabs.addTab(self._build_summary_tab(), self.tr("Summary"))
        self.pretrained = PretrainedPanel(self.tabs)
        self.pretrained.setObjectName("pretrainedPanel")
        self.pretrained.changed.connect(self.changed)
        self.pretrained.summary_ready.connect(self._on_backbone_summary)
        self.tabs.addTab(self.pretrained, self.tr("Pretrained"))

        self.totals = QLabel(body)
        self.totals.setObjectName("paramTotals")
        self.totals.setWordWrap(True)
        self.error = QLabel(body)
        self.error.setObjectName("modelError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #c62828;")
        self.error.setVisible(False)

        layout.addLayout(form)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.totals)
        layout.addWidget(self.error)
        self.setWidget(body)

        self.preset.currentIndexChanged.connect(lambda _i: self._on_preset_chosen())
        self.dropout.toggled.connect(lambda _on: self._emit())
        self.image_size.valueChanged.connect(lambda _v: self._emit())
        self.channels.currentIndexChanged.connect(lambda _i: self._emit())
        self.problem: str = ""
        self.problem_row: int | None = None
        self._layers: list[dict[str, Any]] = []
        self._spec: ModelSpec | None = None
        self._editor_key: tuple[int, str | None] = (-1, None)
        self.using_backbone = False

    @property
    def train_blocker(self) -> str:
        """Why Train cannot start with these model settings ("" if it can)."""
        if self.using_backbone:
            if not self.pretrained.weights_ready:
                return self.tr("Download the backbone's weights or load a weights file first (Model → Pretrained).")
            return ""
        return self.problem

    # ---- construction ----------------------------------------------------------------------
    def _build_layers_tab(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        buttons = QHBoxLayout()
        self.add_button = QToolButton(page)
        self.add_button.setObjectName("addLayerButton")
        self.add_button.setText(self.tr("Add layer"))
        self.add_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.add_button)
        for kind in LAYER_TYPES:
            action = QAction(kind, menu)
            action.triggered.connect(lambda _checked=False, k=kind: self.add_layer(k))
            menu.addAction(action)
        self.add_button.setMenu(menu)
        self.remove_button = QToolButton(page)
        self.remove_button.setObjectName("removeLayerButton")
        self.remove_button.setText(self.tr("Remove"))
        self.remove_button.clicked.connect(self.remove_selected_layer)
        self.up_button = QToolButton(page)
        self.up_button.setText(self.tr("Up"))
        self.up_button.clicked.connect(lambda: self.move_selected_layer(-1))
        self.down_button = QToolButton(page)
        self.down_button.setText(self.tr("Down"))
        self.down_button.clicked.connect(lambda: self.move_selected_layer(1))
        self.save_button = QToolButton(page)
        self.save_button.setObjectName("saveModelButton")
        self.save_button.setText(self.tr("Save…"))
        self.save_button.setToolTip(self.tr("Save the layer stack as a JSON model file"))
        self.save_button.clicked.connect(self._on_save)
        self.load_button = QToolButton(page)
        self.load_button.setObjectName("loadModelButton")
        self.load_button.setText(self.tr("Load…"))
        self.load_button.setToolTip(self.tr("Load a layer stack from a JSON model file"))
        self.load_button.clicked.connect(self._on_load)
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.load_button)
        buttons.addWidget(self.save_button)

        self.layer_list = QListWidget(page)
        self.layer_list.setObjectName("layerList")
        self.layer_list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.layer_list.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.layer_list.setAlternatingRowColors(True)
        self.layer_list.model().rowsMoved.connect(lambda *_: self._on_rows_moved())
        self.layer_list.currentRowChanged.connect(self._on_row_selected)

        self.editor = QWidget(page)
        self.editor.setObjectName("layerEditor")
        self.editor_form = QFormLayout(self.editor)
        self.editor_form.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.layer_list, 1)
        layout.addWidget(self.editor)
        return page

    def _build_summary_tab(self) -> QWidget:
        self.table = QTableWidget(0, 5, self)
        self.table.setObjectName("summaryTable")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Layer (type)"),
                self.tr("Output shape"),
                self.tr("Param #"),
                self.tr("Receptive field"),
                self.tr("Mult-adds"),
            ]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, 5):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        return self.table

    # ---- settings in and out -----------------------------------------------------------------
    def _emit(self, **extra: Any) -> None:
        changes = {
            "model": self.preset.currentData(),
            "dropout": self.dropout.isChecked(),
            "image_size": self.image_size.value(),
            "channels": self.channels.currentData(),
        }
        changes.update(extra)
        self.changed.emit(changes)

    def _on_preset_chosen(self) -> None:
        key = self.preset.currentData()
        if key == CUSTOM:
            self._emit(layers=[dict(layer) for layer in self._layers])
        else:
            self._emit(layers=[])

    def _set_layers(self, layers: list[dict[str, Any]]) -> None:
        """The user edited the stack: it becomes a custom stack."""
        self._layers = [dict(layer) for layer in layers]
        self._emit(model=CUSTOM, layers=[dict(layer) for layer in self._layers])

    def show_config(self, config: TrainConfig, num_classes: int = 2) -> None:
        """Reflect the session's settings without echoing them back as changes."""
        self.using_backbone = bool(config.backbone)
        self.pretrained.show_config(config, num_classes)
        for widget in (self.preset, self.dropout, self.tabs.widget(0)):
            widget.setEnabled(not self.using_backbone)
        self.channels.setEnabled(not self.using_backbone)
        self.totals.setVisible(not self.using_backbone)  # the Pretrained tab shows the base's and head's counts
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
        self._layers = (
            [dict(x) for x in config.layers]
            if config.model == CUSTOM
            else preset_layers(config.model, dropout=config.dropout)
        )

    # ---- the layer list ------------------------------------------------------------------------
    def show_spec(self, spec: ModelSpec) -> None:
        """Show every row with its shape and parameters; mark the row that fails, with the reason."""
        self._spec = spec
        try:
            rows = check_spec(spec)
            self.problem, self.problem_row = "", None
        except ModelSpecError as exc:
            self.problem, self.problem_row = tr_message(exc.message), exc.layer_index
            rows = []
        selected = self.layer_list.currentRow()
        self.layer_list.blockSignals(True)
        self.layer_list.clear()
        last = len(spec.layers) - 1
        for index, layer in enumerate(spec.layers):
            if index < len(rows):
                row = rows[index]
                text = f"{row.name}  ·  {_describe(layer)}  →  {keras_shape(row.output_shape)}  ·  {row.params:,}"
            else:
                text = f"{index + 1}.  {_describe(layer)}"
            item = QListWidgetItem(text)
            item.setData(_ROLE_LAYER, index)
            if index == last:
                item.setText(text + self.tr("  (output, fitted to the classes)"))
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsDragEnabled)
                item.setForeground(QBrush(QColor("#555555")))
            if index == self.problem_row:
                item.setForeground(QBrush(QColor("#c62828")))
                item.setToolTip(self.problem)
                item.setText("⚠ " + text)
            self.layer_list.addItem(item)
        self.layer_list.blockSignals(False)
        if 0 <= selected < self.layer_list.count():
            self.layer_list.blockSignals(True)
            self.layer_list.setCurrentRow(selected)
            self.layer_list.blockSignals(False)
        # Rebuild the settings editor only when another layer is selected: an edit arrives here from
        # one of the editor's own widgets, which must not be deleted while it is emitting.
        row = self.layer_list.currentRow()
        key = (row, self._layers[row]["type"] if 0 <= row < len(self._layers) else None)
        if key != self._editor_key:
            self._on_row_selected(row)
        if self.using_backbone:  # the table shows the pretrained base; the stack above is not used
            self.error.setVisible(False)
            summary = self.pretrained.summary
            if summary is not None and summary.model_name == self.pretrained.backbone.currentData():
                self._fill(summary)
            else:
                self.table.setRowCount(0)
            return
        if self.problem:
            self.table.setRowCount(0)
            self.totals.setText("")
            self.error.setText(self.problem)
            self.error.setVisible(True)
            return
        self.error.setVisible(False)
        self._fill(summarize_spec(spec))

    def _on_backbone_summary(self, summary: ModelSummary) -> None:
        if self.using_backbone:
            self._fill(summary)

    def _fill(self, summary: ModelSummary) -> None:
        self.table.setRowCount(len(summary.rows))
        for row, layer in enumerate(summary.rows):
            rf = "—" if layer.receptive_field is None else f"{layer.receptive_field}×{layer.receptive_field}"
            cells = [f"{layer.name} ({layer.type})", layer.keras_shape, f"{layer.params:,}", rf, f"{layer.macs:,}"]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column >= 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        self.totals.setText(
            self.tr("Total params: {0} · trainable: {1} · non-trainable: {2} · mult-adds per image: {3}").format(
                f"{summary.total_params:,}",
                f"{summary.trainable_params:,}",
                f"{summary.non_trainable_params:,}",
                f"{summary.total_macs:,}",
            )
        )

    def add_layer(self, kind: str) -> None:
        """Insert a layer with Keras's defaults after the selected one (before the output layer)."""
        layer = {"type": kind, **{k: v for k, v in LAYER_TYPES[kind].items() if v is not None}}
        row = self.layer_list.currentRow()
        position = len(self._layers) if row < 0 or row >= len(self._layers) else row + 1
        layers = list(self._layers)
        layers.insert(position, layer)
        self._set_layers(layers)
        self.layer_list.setCurrentRow(position)

    def remove_selected_layer(self) -> None:
        row = self.layer_list.currentRow()
        if 0 <= row < len(self._layers):
            layers = list(self._layers)
            del layers[row]
            self._set_layers(layers)

    def move_selected_layer(self, step: int) -> None:
        row = self.layer_list.currentRow()
        target = row + step
        if 0 <= row < len(self._layers) and 0 <= target < len(self._layers):
            layers = list(self._layers)
            layers[row], layers[target] = layers[target], layers[row]
            self._set_layers(layers)
            self.layer_list.setCurrentRow(target)

    def _on_rows_moved(self) -> None:
        order = [self.layer_list.item(i).data(_ROLE_LAYER) for i in range(self.layer_list.count())]
        hidden = [i for i in order if i < len(self._layers)]
        self._set_layers([self._layers[i] for i in hidden])

    # ---- the selected layer's settings -------------------------------------------------------
    def _on_row_selected(self, row: int) -> None:
        self._editor_key = (row, self._layers[row]["type"] if 0 <= row < len(self._layers) else None)
        while self.editor_form.rowCount():
            self.editor_form.removeRow(0)
        editable = 0 <= row < len(self._layers)
        self.remove_button.setEnabled(editable)
        self.up_button.setEnabled(editable and row > 0)
        self.down_button.setEnabled(editable and row < len(self._layers) - 1)
        if not editable:
            return
        layer = self._layers[row]
        for key, default in LAYER_TYPES[layer["type"]].items():
            value = layer.get(key, default)
            widget = self._editor_widget(key, value, row)
            widget.setObjectName(f"layerSetting_{key}")
            self.editor_form.addRow(self._setting_labels().get(key, key) + ":", widget)

    def _setting_labels(self) -> dict[str, str]:
        return {
            "filters": self.tr("Filters"),
            "kernel_size": self.tr("Kernel size"),
            "strides": self.tr("Stride"),
            "padding": self.tr("Padding"),
            "activation": self.tr("Activation"),
            "pool_size": self.tr("Pool size"),
            "rate": self.tr("Rate"),
            "units": self.tr("Units"),
        }

    def _editor_widget(self, key: str, value: Any, row: int) -> QWidget:
        if key in ("padding", "activation"):
            combo = QComboBox(self.editor)
            choices = ("valid", "same") if key == "padding" else tuple(a for a in ACTIVATIONS if a != "softmax")
            for choice in choices:
                combo.addItem(choice, choice)
            combo.setCurrentIndex(max(0, combo.findData(value)))
            combo.currentIndexChanged.connect(lambda _i, c=combo: self._edit(row, key, c.currentData()))
            return combo
        if key == "rate":
            spin = QDoubleSpinBox(self.editor)
            spin.setRange(0.0, 0.95)
            spin.setSingleStep(0.05)
            spin.setValue(float(value))
            spin.valueChanged.connect(lambda v: self._edit(row, key, float(v)))
            return spin
        spin = QSpinBox(self.editor)
        spin.setRange(0 if key == "strides" else 1, 4096)
        if key == "strides":
            spin.setSpecialValueText(self.tr("same as pool"))
        spin.setValue(int(value or 0))
        spin.setKeyboardTracking(False)
        spin.valueChanged.connect(lambda v: self._edit(row, key, int(v) if v else None))
        return spin

    def _edit(self, row: int, key: str, value: Any) -> None:
        layers = [dict(layer) for layer in self._layers]
        if value is None:
            layers[row].pop(key, None)
        else:
            layers[row][key] = value
        self._set_layers(layers)

    # ---- files --------------------------------------------------------------------------------
    def _on_save(self) -> None:
        if self._spec is None:
            return
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save model"), f"{self._spec.name}.json", self.tr("Model files (*.json)")
        )
        if path:
            ModelSpec(self._spec.name, self._spec.input_shape, self._spec.layers).save(path)

    def _on_load(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Load model"), "", self.tr("Model files (*.json)"))
        if path:
            self.load_spec_file(path)

    def load_spec_file(self, path: str) -> None:
        """Use a saved stack (its output layer is refitted to the dataset's classes)."""
        try:
            spec = ModelSpec.load(path)
        except ModelSpecError as exc:
            self.error.setText(str(exc))
            self.error.setVisible(True)
            return
        self._layers = [dict(layer) for layer in spec.layers[:-1]]
        channels, height, _width = spec.input_shape
        self._emit(model=CUSTOM, layers=[dict(x) for x in self._layers], image_size=height, channels=channels)
