"""The Model dock: a chapter preset or your own layer stack, its input, and its Keras-style summary.

The stack is an editable list: add, remove, drag to reorder, and edit each layer's settings. Shapes
propagate live — every row shows its output shape and parameters — and a stack that cannot work
marks the failing row with the reason (Train is then disabled with that reason). Editing a preset
turns it into a custom stack; stacks can be saved to and loaded from JSON files.

The shape check is arithmetic and runs as you type. The summary table builds the model (on PyTorch's
meta device) and traces it, which takes longer than a frame: it waits until the edits pause and runs
as a job, each newer stack superseding the one being summarised.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QWidget,
)

from ...core.errors import ModelSpecError
from ...core.events import Finished
from ...core.jobs import call_job
from ...core.models import (
    CUSTOM,
    PRESETS,
    ModelSpec,
    ModelSummary,
    check_spec,
    preset_layers,
    summarize_spec,
)
from ...core.training import TrainConfig
from ..texts import tr_message
from ..timers import debounce_timer
from ..widgets.dock import Dock
from ..widgets.forms import choice_combo, int_spin, select_data, wrapped_label
from ..workers import JobRunner
from .layer_stack import LayerStackEditor

if TYPE_CHECKING:
    from .pretrained_panel import PretrainedPanel

__all__ = ["ModelDock", "SUMMARY_DELAY_MS"]

SUMMARY_DELAY_MS = 150  # the summary is computed once the edits pause this long


class ModelDock(Dock):
    """Edits the model part of the training settings; `changed` carries the fields to update.

    ``summary_shown()`` fires when the summary table shows the current stack (or the pretrained base).
    """

    changed = Signal(dict)
    summary_shown = Signal()

    def __init__(self, parent: QWidget | None = None, *, engine: bool = True) -> None:
        """`engine` False: no summary and no Pretrained tab, which need PyTorch (the frame while it loads, qt/startup.py)."""
        super().__init__(self.tr("Model"), "modelDock", parent)
        body, form = self.body, self.add_form()
        self.preset = self._build_preset_combo()
        self.dropout = QCheckBox(self.tr("Dropout 0.5 before the dense layer"), body)
        self.dropout.setObjectName("dropoutCheck")
        self.image_size = int_spin(
            body,
            "imageSizeSpin",
            8,
            512,
            suffix=self.tr(" px"),
            tip=self.tr("Images are resized to this square size before they enter the network"),
        )
        self.channels = choice_combo(
            body, "channelsCombo", {3: self.tr("RGB (3 channels)"), 1: self.tr("Grayscale (1 channel)")}
        )
        form.addRow(self.tr("Preset:"), self.preset)
        form.addRow("", self.dropout)
        form.addRow(self.tr("Input size:"), self.image_size)
        form.addRow(self.tr("Colour:"), self.channels)

        self.tabs = QTabWidget(body)
        self.tabs.setObjectName("modelTabs")
        self.stack = LayerStackEditor(self.tabs)
        self.stack.setObjectName("layerStack")
        self.stack.edited.connect(self._set_layers)
        self.stack.loaded.connect(self._on_stack_loaded)
        self.stack.load_failed.connect(self._on_stack_load_failed)
        self.tabs.addTab(self.stack, self.tr("Layers"))
        self.tabs.addTab(self._build_summary_tab(), self.tr("Summary"))
        self.pretrained: PretrainedPanel | None = None
        self._engine = engine
        if engine:
            from .pretrained_panel import PretrainedPanel  # pretrained bases need PyTorch (its module imports it)

            self.pretrained = PretrainedPanel(self.tabs)
            self.pretrained.setObjectName("pretrainedPanel")
            self.pretrained.changed.connect(self.changed)
            self.pretrained.summary_ready.connect(self._on_backbone_summary)
            self.tabs.addTab(self.pretrained, self.tr("Pretrained"))
        else:
            waiting = wrapped_label(self.tabs, "pretrainedWaiting", self.tr("Available once PyTorch has loaded."))
            self.tabs.setTabEnabled(self.tabs.addTab(waiting, self.tr("Pretrained")), False)
            self.tabs.setTabEnabled(1, False)  # the summary builds the model

        self.totals = wrapped_label(body, "paramTotals")
        self.error = wrapped_label(body, "modelError")
        self.error.setStyleSheet("color: #c62828;")
        self.error.setVisible(False)

        self.column.addWidget(self.tabs, 1)
        self.column.addWidget(self.totals)
        self.column.addWidget(self.error)

        self.preset.currentIndexChanged.connect(lambda _i: self._on_preset_chosen())
        self.dropout.toggled.connect(lambda _on: self._emit())
        self.image_size.valueChanged.connect(lambda _v: self._emit())
        self.channels.currentIndexChanged.connect(lambda _i: self._emit())
        self.problem: str = ""
        self.problem_row: int | None = None
        self._spec: ModelSpec | None = None
        self._summarizing: ModelSpec | None = None
        self.using_backbone = False
        self.summarizer = JobRunner(self)
        self.summarizer.job_ended.connect(self._on_summarized)
        self._summary_delay = debounce_timer(self, SUMMARY_DELAY_MS, self._summarize)

    @property
    def train_blocker(self) -> str:
        """Why Train cannot start with these model settings ("" if it can)."""
        if self.using_backbone:
            if self.pretrained is None or not self.pretrained.weights_ready:
                return self.tr("Download the backbone's weights or load a weights file first (Model → Pretrained).")
            return ""
        return self.problem

    # ---- construction ----------------------------------------------------------------------
    def _build_preset_combo(self) -> QComboBox:
        """The chapter's presets, each with its layers as the tool tip, then the custom stack."""
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
        return choice_combo(
            self.body,
            "presetCombo",
            {**{key: f"{names.get(key, key)} ({key})" for key in PRESETS}, CUSTOM: self.tr("Custom stack")},
            tips={key: tips.get(key, PRESETS[key]) for key in PRESETS},
        )

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
            self._emit(layers=self.stack.layers)
        else:
            self._emit(layers=[])

    def _set_layers(self, layers: list[dict[str, Any]]) -> None:
        """The user edited the stack: it becomes a custom stack."""
        self._emit(model=CUSTOM, layers=[dict(layer) for layer in layers])

    def show_config(self, config: TrainConfig, num_classes: int = 2) -> None:
        """Reflect the session's settings without echoing them back as changes."""
        self.using_backbone = bool(config.backbone)
        if self.pretrained is not None:
            self.pretrained.show_config(config, num_classes)
        for widget in (self.preset, self.dropout, self.tabs.widget(0)):
            widget.setEnabled(not self.using_backbone)
        self.channels.setEnabled(not self.using_backbone)
        self.totals.setVisible(not self.using_backbone)  # the Pretrained tab shows the base's and head's counts
        widgets = (self.preset, self.dropout, self.image_size, self.channels)
        for widget in widgets:
            widget.blockSignals(True)
        try:
            select_data(self.preset, config.model)
            self.dropout.setChecked(config.dropout)
            self.dropout.setEnabled(config.model == "small-convnet")
            self.image_size.setValue(config.image_size)
            select_data(self.channels, config.channels)
        finally:
            for widget in widgets:
                widget.blockSignals(False)
        self.stack.set_layers(
            [dict(x) for x in config.layers]
            if config.model == CUSTOM
            else preset_layers(config.model, dropout=config.dropout)
        )

    def show_pretrained(self) -> None:
        """Bring the Pretrained tab to the front (the chapter 5 tour's transfer-learning step)."""
        if self.pretrained is not None:
            self.tabs.setCurrentWidget(self.pretrained)

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
        self.stack.show_rows(spec, rows, self.problem, self.problem_row)
        self._summary_delay.stop()
        if self.using_backbone:  # the table shows the pretrained base; the stack above is not used
            self.error.setVisible(False)
            summary = self.pretrained and self.pretrained.summary
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
        self._summary_delay.start()

    def _summarize(self) -> None:
        spec = self._spec
        if spec is not None and not self.using_backbone and not self.problem and self._engine:
            self._summarizing = spec
            self.summarizer.start(lambda: call_job(summarize_spec, spec), "model-summary", supersede=True)

    def _on_summarized(self, event) -> None:
        # The stack may have changed (or become a backbone) while this one was summarised.
        if isinstance(event, Finished) and self._summarizing is self._spec and not self.using_backbone:
            self._fill(event.result)

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
        self.summary_shown.emit()

    def _on_stack_loaded(self, spec: ModelSpec) -> None:
        channels, height, _width = spec.input_shape
        self._emit(model=CUSTOM, layers=self.stack.layers, image_size=height, channels=channels)

    def _on_stack_load_failed(self, reason: str) -> None:
        self.error.setText(reason)
        self.error.setVisible(True)
