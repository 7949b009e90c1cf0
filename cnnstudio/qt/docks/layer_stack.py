"""The Model dock's layer stack: the editable list of layers and the settings of the selected one.

Add, remove, drag to reorder and edit; every row shows its output shape and parameters, and the row
that cannot work is marked with the reason. The stack is saved to and loaded from JSON model files.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...core.errors import ModelSpecError
from ...core.models import ACTIVATIONS, LAYER_TYPES, LayerShape, ModelSpec, keras_shape
from ..texts import tr_message
from ..widgets.files import ask_open_file
from ..widgets.forms import choice_combo

__all__ = ["LayerStackEditor"]

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


class LayerStackEditor(QWidget):
    """The layers of a custom stack (the output layer excluded: it is fitted to the classes).

    Signals: ``edited(list)`` with the new layers when the user changes the stack; ``loaded(object)``
    with a `ModelSpec` read from a file; ``load_failed(str)`` with the reason a file was refused.
    """

    edited = Signal(list)
    loaded = Signal(object)
    load_failed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        buttons = QHBoxLayout()
        self.add_button = QToolButton(self)
        self.add_button.setObjectName("addLayerButton")
        self.add_button.setText(self.tr("Add layer"))
        self.add_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.add_button)
        for kind in LAYER_TYPES:
            action = QAction(kind, menu)
            action.triggered.connect(lambda _checked=False, k=kind: self.add_layer(k))
            menu.addAction(action)
        self.add_button.setMenu(menu)
        self.remove_button = QToolButton(self)
        self.remove_button.setObjectName("removeLayerButton")
        self.remove_button.setText(self.tr("Remove"))
        self.remove_button.clicked.connect(self.remove_selected_layer)
        self.up_button = QToolButton(self)
        self.up_button.setText(self.tr("Up"))
        self.up_button.clicked.connect(lambda: self.move_selected_layer(-1))
        self.down_button = QToolButton(self)
        self.down_button.setText(self.tr("Down"))
        self.down_button.clicked.connect(lambda: self.move_selected_layer(1))
        self.save_button = QToolButton(self)
        self.save_button.setObjectName("saveModelButton")
        self.save_button.setText(self.tr("Save…"))
        self.save_button.setToolTip(self.tr("Save the layer stack as a JSON model file"))
        self.save_button.clicked.connect(self._on_save)
        self.load_button = QToolButton(self)
        self.load_button.setObjectName("loadModelButton")
        self.load_button.setText(self.tr("Load…"))
        self.load_button.setToolTip(self.tr("Load a layer stack from a JSON model file"))
        self.load_button.clicked.connect(self._on_load)
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.load_button)
        buttons.addWidget(self.save_button)

        self.layer_list = QListWidget(self)
        self.layer_list.setObjectName("layerList")
        self.layer_list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.layer_list.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.layer_list.setAlternatingRowColors(True)
        self.layer_list.model().rowsMoved.connect(lambda *_: self._on_rows_moved())
        self.layer_list.currentRowChanged.connect(self._on_row_selected)

        self.editor = QWidget(self)
        self.editor.setObjectName("layerEditor")
        self.editor_form = QFormLayout(self.editor)
        self.editor_form.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.layer_list, 1)
        layout.addWidget(self.editor)

        self._layers: list[dict[str, Any]] = []
        self._spec: ModelSpec | None = None
        self._editor_key: tuple[int, str | None] = (-1, None)

    @property
    def layers(self) -> list[dict[str, Any]]:
        return [dict(layer) for layer in self._layers]

    def set_layers(self, layers: list[dict[str, Any]]) -> None:
        """The stack as the session has it (no `edited`)."""
        self._layers = [dict(layer) for layer in layers]

    def _set_layers(self, layers: list[dict[str, Any]]) -> None:
        self._layers = [dict(layer) for layer in layers]
        self.edited.emit(self.layers)

    def show_rows(self, spec: ModelSpec, rows: list[LayerShape], problem: str, problem_row: int | None) -> None:
        """Show every layer of `spec` with its checked shape (`rows`); mark `problem_row` with `problem`."""
        self._spec = spec
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
            item.setToolTip(item.text())  # the whole row, where the list is narrower than its text
            if index == problem_row:
                item.setForeground(QBrush(QColor("#c62828")))
                item.setToolTip(problem)
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
        else:  # the same layer, perhaps with other values (a preset or a loaded file): show them
            self._sync_editor(row)

    def _sync_editor(self, row: int) -> None:
        """Set the editor's widgets to the layer's values without emitting edits (they are not the user's)."""
        if not 0 <= row < len(self._layers):
            return
        layer = self._layers[row]
        for key, default in LAYER_TYPES[layer["type"]].items():
            widget = self.editor.findChild(QWidget, f"layerSetting_{key}")
            value = layer.get(key, default)
            if widget is None:
                continue
            widget.blockSignals(True)
            if isinstance(widget, QComboBox):
                widget.setCurrentIndex(max(0, widget.findData(value)))
            elif isinstance(widget, QDoubleSpinBox):
                widget.setValue(float(value))
            elif isinstance(widget, QSpinBox):
                widget.setValue(int(value or 0))
            widget.blockSignals(False)

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
            choices = ("valid", "same") if key == "padding" else tuple(a for a in ACTIVATIONS if a != "softmax")
            combo = choice_combo(self.editor, f"layerSetting_{key}", {choice: choice for choice in choices}, value)
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
        ask_open_file(self, self.tr("Load model"), self.tr("Model files (*.json)"), self.load_spec_file)

    def load_spec_file(self, path: str) -> None:
        """Use a saved stack: `loaded` carries it (its output layer is refitted to the dataset's classes)."""
        try:
            spec = ModelSpec.load(path)
        except ModelSpecError as exc:
            self.load_failed.emit(tr_message(exc.message))
            return
        self._layers = [dict(layer) for layer in spec.layers[:-1]]
        self.loaded.emit(spec)
