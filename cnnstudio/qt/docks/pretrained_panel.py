"""The Model dock's Pretrained tab: reuse a pretrained convnet (chapter 5.3).

Pick a backbone (EfficientNet-Lite0 works offline; the others download their ImageNet weights on
demand, with progress and Cancel, or load from a weights file), choose feature extraction (the fast
way on cached features, or end to end through the frozen base) or fine-tuning, and toggle which
top blocks of the base train, with the trainable-parameter counts.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...core.events import Failed, Finished, Progress
from ...core.jobs import call_job
from ...core.pretrained import (
    BACKBONES,
    BlockListing,
    check_weights_file,
    default_input_size,
    download_weights,
    list_blocks,
    weights_available,
)
from ...core.training import TrainConfig, head_parameter_count
from ..texts import tr_message
from ..widgets.files import ask_folder, ask_open_file
from ..widgets.forms import choice_combo, int_spin, push_button, rate_spin, select_data, wrapped_label
from ..workers import JobRunner

__all__ = ["PretrainedPanel"]


class PretrainedPanel(QWidget):
    """Edits the transfer-learning fields of the training settings; `changed` carries them."""

    changed = Signal(dict)
    summary_ready = Signal(object)  # core.summary.ModelSummary of the chosen backbone

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.enabled = QCheckBox(self.tr("Use a pretrained convolutional base (transfer learning)"), self)
        self.enabled.setObjectName("usePretrainedCheck")
        form = QFormLayout()
        self.backbone = choice_combo(self, "backboneCombo", {name: info.title for name, info in BACKBONES.items()})
        self.weights_state = wrapped_label(self, "weightsState")
        weights_row = QHBoxLayout()
        self.download_button = push_button(self, "downloadWeightsButton", self.tr("Download weights"))
        self.cancel_button = push_button(self, "cancelDownloadButton", self.tr("Cancel"))
        self.cancel_button.setVisible(False)
        self.file_button = push_button(self, "loadWeightsButton", self.tr("Load weights file…"))
        self.file_button.setToolTip(self.tr("A state_dict saved as .pth or .safetensors (loaded without running code)"))
        weights_row.addWidget(self.download_button)
        weights_row.addWidget(self.cancel_button)
        weights_row.addWidget(self.file_button)
        weights_row.addStretch(1)
        self.download_progress = QProgressBar(self)
        self.download_progress.setObjectName("downloadProgress")
        self.download_progress.setVisible(False)

        modes = {
            "feature-extraction": self.tr("Feature extraction (frozen base, new head)"),
            "fine-tune": self.tr("Fine-tuning (then unfreeze the top blocks)"),
        }
        self.mode = choice_combo(self, "transferModeCombo", modes)
        self.cached = QCheckBox(self.tr("Fast: compute the base's features once"), self)
        self.cached.setObjectName("cachedFeaturesCheck")
        self.cached.setToolTip(
            self.tr("Much faster, but no augmentation; without it, images go through the frozen base every epoch")
        )
        self.cut = choice_combo(self, "cutAfterCombo", {"": self.tr("the whole base")})
        self.cut.setToolTip(
            self.tr("Cut the base after this block: later blocks are dropped, the head pools its output")
        )
        self.compare_button = push_button(self, "compareDepthsButton", self.tr("Compare depths…"), self.compare_depths)
        self.compare_button.setToolTip(
            self.tr("Train the same head on features cut at several depths, and plot validation accuracy")
        )
        self.head_units = int_spin(self, "headUnitsSpin", 0, 4096, special=self.tr("none (linear classifier)"))
        self.tune_epochs = int_spin(self, "fineTuneEpochsSpin", 0, 1000)
        self.tune_lr = rate_spin(
            self,
            "fineTuneLrSpin",
            1e-7,
            1.0,
            tip=self.tr("Low, so the pretrained features are adjusted, not destroyed (the book uses 1e-5)"),
        )
        form.addRow(self.tr("Backbone:"), self.backbone)
        form.addRow("", self.weights_state)
        form.addRow("", weights_row)
        form.addRow("", self.download_progress)
        form.addRow(self.tr("Mode:"), self.mode)
        form.addRow("", self.cached)
        form.addRow(self.tr("Cut after:"), self.cut)
        form.addRow("", self.compare_button)
        form.addRow(self.tr("Head units:"), self.head_units)
        start_row = QHBoxLayout()
        self.init_from = wrapped_label(self, "initFromLabel", self.tr("the head trained in this run first"))
        self.init_button = push_button(self, "initFromButton", self.tr("Earlier run…"), self._on_choose_run)
        self.init_button.setToolTip(
            self.tr("Fine-tune starting from a finished feature-extraction run (its best weights)")
        )
        self.init_clear = QPushButton(self.tr("Clear"), self)
        self.init_clear.clicked.connect(lambda: self.set_init_from(""))
        start_row.addWidget(self.init_from, 1)
        start_row.addWidget(self.init_button)
        start_row.addWidget(self.init_clear)
        form.addRow(self.tr("Start from:"), start_row)
        form.addRow(self.tr("Fine-tune epochs:"), self.tune_epochs)
        form.addRow(self.tr("Fine-tune rate:"), self.tune_lr)

        self.blocks = QListWidget(self)
        self.blocks.setObjectName("blockList")
        self.blocks.setToolTip(
            self.tr("Check the top blocks to train while fine-tuning; the rest of the base stays frozen")
        )
        self.trainable_label = QLabel(self)
        self.trainable_label.setObjectName("trainableParams")
        self.size_note = wrapped_label(self, "inputSizeNote")  # says when ticking changed the input size
        self.size_note.hide()
        layout.addWidget(self.enabled)
        layout.addWidget(self.size_note)
        layout.addLayout(form)
        layout.addWidget(
            wrapped_label(
                self,
                "blocksLabel",
                self.tr("Blocks of the base (bottom first) — checked blocks train while fine-tuning:"),
            )
        )
        layout.addWidget(self.blocks, 1)
        layout.addWidget(self.trainable_label)

        self._listing: BlockListing | None = None
        self._blocks_for: tuple[str, int] | None = None
        self._image_size = 224
        self._size_before: tuple[int, int, int] | None = None  # (size, channels) before ticking, and the size set
        self.summary = None
        self._weights_file = ""
        self._init_from = ""
        self._unfreeze = 1
        self._classes = 2
        self._cut_after = ""
        self._config = TrainConfig()
        self.dataset = None  # the session's open dataset (set_dataset), for the depth comparison
        self.depth_dialog = None
        self.builder = JobRunner(self)
        self.builder.job_ended.connect(self._on_blocks_built)
        self.downloader = JobRunner(self)
        self.downloader.event_received.connect(self._on_download_event)
        self.downloader.job_ended.connect(self._on_download_ended)
        self.checker = JobRunner(self)
        self.checker.job_ended.connect(self._on_weights_checked)

        self.enabled.toggled.connect(self._on_enabled)
        self.backbone.currentIndexChanged.connect(lambda _i: self._on_backbone_chosen())
        self.mode.currentIndexChanged.connect(lambda _i: self._emit())
        self.cached.toggled.connect(lambda _on: self._emit())
        self.head_units.valueChanged.connect(lambda _v: self._emit())
        self.cut.currentIndexChanged.connect(lambda _i: self._on_cut_chosen())
        self.tune_epochs.valueChanged.connect(lambda _v: self._emit())
        self.tune_lr.valueChanged.connect(lambda _v: self._emit())
        self.blocks.itemChanged.connect(self._on_block_toggled)
        self.download_button.clicked.connect(self.download)
        self.cancel_button.clicked.connect(lambda: self.downloader.cancel())
        self.file_button.clicked.connect(self._on_choose_file)
        self._widgets = (
            self.backbone,
            self.mode,
            self.cached,
            self.head_units,
            self.tune_epochs,
            self.tune_lr,
            self.cut,
            self.enabled,
        )

    # ---- settings in and out ---------------------------------------------------------------
    def _emit(self, **extra: Any) -> None:
        on = self.enabled.isChecked()
        changes = {
            "backbone": self.backbone.currentData() if on else "",
            "mode": self.mode.currentData(),
            "cached_features": self.cached.isChecked() and self.mode.currentData() == "feature-extraction",
            "head_units": self.head_units.value(),
            "fine_tune_epochs": self.tune_epochs.value(),
            "fine_tune_lr": self.tune_lr.value(),
            "unfreeze": self._unfreeze,
            "weights_file": self._weights_file if on else "",
            "init_from": self._init_from if on and self.mode.currentData() == "fine-tune" else "",
            "cut_after": self._cut_after if on else "",
        }
        changes.update(extra)
        self.changed.emit(changes)

    def _on_enabled(self, on: bool) -> None:
        """Ticked: the base's own input size, said; unticked: the model's size back, unless changed since."""
        extra: dict[str, Any] = {}
        config, note = self._config, ""
        if on:
            size = default_input_size(self.backbone.currentData())
            extra.update(image_size=size, channels=3)
            if (config.image_size, config.channels) != (size, 3):
                self._size_before = (config.image_size, config.channels, size)
                note = self.tr("Input size set to {0} px (RGB), the size {1} was trained on; it was {2} px.").format(
                    size, self.backbone.currentText(), config.image_size
                )
        elif self._size_before is not None and config.image_size == self._size_before[2]:
            size, channels, _set = self._size_before
            extra.update(image_size=size, channels=channels)
            note = self.tr("Input size back to {0} px.").format(size)
        self._size_before = self._size_before if on else None
        self.size_note.setText(note)
        self.size_note.setVisible(bool(note))
        self._emit(**extra)

    def _on_backbone_chosen(self) -> None:
        self._weights_file = ""
        self._cut_after = ""  # another backbone has other blocks
        self._emit(image_size=default_input_size(self.backbone.currentData()))

    def show_config(self, config: TrainConfig, num_classes: int) -> None:
        self._classes = num_classes
        for widget in self._widgets:
            widget.blockSignals(True)
        try:
            on = bool(config.backbone)
            self.enabled.setChecked(on)
            if on:
                select_data(self.backbone, config.backbone)
            select_data(self.mode, config.mode)
            self.cached.setChecked(config.cached_features)
            self.cached.setEnabled(config.mode == "feature-extraction")
            self.head_units.setValue(config.head_units)
            self.tune_epochs.setValue(config.fine_tune_epochs)
            self.tune_lr.setValue(config.fine_tune_lr)
            self._unfreeze = config.unfreeze
            self._weights_file = config.weights_file
            self._init_from = config.init_from
            self._cut_after = config.cut_after
            self._config = config
            select_data(self.cut, config.cut_after)
            self.init_from.setText(config.init_from or self.tr("the head trained in this run first"))
        finally:
            for widget in self._widgets:
                widget.blockSignals(False)
        for widget in self._widgets[:-1]:
            widget.setEnabled(
                self.enabled.isChecked() and (widget is not self.cached or config.mode == "feature-extraction")
            )
        self.tune_epochs.setEnabled(self.enabled.isChecked() and config.mode == "fine-tune")
        self.tune_lr.setEnabled(self.enabled.isChecked() and config.mode == "fine-tune")
        for widget in (self.init_button, self.init_clear):
            widget.setEnabled(self.enabled.isChecked() and config.mode == "fine-tune")
        self.compare_button.setEnabled(self.enabled.isChecked() and self.dataset is not None)
        self._show_weights_state()
        self._image_size = config.image_size
        self._build_blocks_if_needed()
        self._fill_blocks()

    # ---- weights ---------------------------------------------------------------------------
    def _show_weights_state(self) -> None:
        name = self.backbone.currentData()
        busy = self.downloader.is_running
        if self._weights_file:
            text, available = self.tr("Weights from the file {0}").format(self._weights_file), True
        elif weights_available(name):
            text, available = self.tr("ImageNet weights are on this computer."), True
        else:
            text, available = self.tr("ImageNet weights are not downloaded yet."), False
        self.weights_state.setText(text)
        self.download_button.setVisible(not available and not busy)
        self.download_button.setEnabled(self.enabled.isChecked())
        self.file_button.setEnabled(self.enabled.isChecked() and not busy)
        self.cancel_button.setVisible(busy)
        self.download_progress.setVisible(busy)

    @property
    def weights_ready(self) -> bool:
        return (
            not self.enabled.isChecked() or bool(self._weights_file) or weights_available(self.backbone.currentData())
        )

    def download(self) -> None:
        name = self.backbone.currentData()
        self.download_progress.setRange(0, 0)
        self.downloader.start(lambda: download_weights(name), "download")
        self._show_weights_state()

    def _on_download_event(self, event) -> None:
        if isinstance(event, Progress) and event.total:
            self.download_progress.setRange(0, 1000)
            self.download_progress.setValue(int(1000 * event.done / event.total))
            self.download_progress.setFormat(f"{event.done / 2**20:.1f} / {event.total / 2**20:.1f} MiB")

    def _on_download_ended(self, event) -> None:
        self._show_weights_state()
        if isinstance(event, Finished):
            self.weights_state.setText(self.tr("Downloaded. ImageNet weights are on this computer."))
        elif isinstance(event, Failed):
            self.last_error = tr_message(event.reason)
            box = QMessageBox(
                QMessageBox.Icon.Warning,
                self.tr("Cannot download the weights"),
                self.last_error,
                QMessageBox.StandardButton.Ok,
                self,
            )
            box.setObjectName("downloadErrorBox")
            box.setEscapeButton(QMessageBox.StandardButton.Ok)  # Esc and close() dismiss it
            load = box.addButton(self.tr("Load weights file…"), QMessageBox.ButtonRole.ActionRole)
            offline = box.addButton(self.tr("Use EfficientNet-Lite0 (offline)"), QMessageBox.ButtonRole.ActionRole)
            load.clicked.connect(self._on_choose_file)
            offline.clicked.connect(lambda: self.backbone.setCurrentIndex(self.backbone.findData("efficientnet-lite0")))
            box.open()
            self.error_box = box
        self._emit()

    def _on_choose_file(self) -> None:
        weights = self.tr("Weights (*.pth *.pt *.bin *.safetensors)")
        ask_open_file(self, self.tr("Load weights file"), weights, self.use_weights_file)

    def use_weights_file(self, path: str) -> None:
        """Check the file against the architecture in the background; use it if it fits."""
        name = self.backbone.currentData()
        self.weights_state.setText(self.tr("Checking {0}…").format(path))
        self.checker.start(lambda: call_job(check_weights_file, name, path), "check-weights")

    def _on_weights_checked(self, event) -> None:
        if isinstance(event, Finished):
            self._weights_file = event.result
            self._emit()
        else:
            self.last_error = tr_message(getattr(event, "reason", None))
            self.weights_state.setText(self.tr("That file does not fit: {0}").format(self.last_error))

    def _on_choose_run(self) -> None:
        from ...core.runs import default_runs_root

        ask_folder(self, self.tr("Choose a feature-extraction run"), str(default_runs_root()), self.set_init_from)

    def set_init_from(self, run_dir: str) -> None:
        """Fine-tune from this run's best weights ("" : train the head first, in the same run)."""
        self._init_from = run_dir
        self._emit()

    # ---- blocks ------------------------------------------------------------------------------
    def _build_blocks_if_needed(self) -> None:
        key = (self.backbone.currentData(), self._image_size)
        if self.enabled.isChecked() and key != self._blocks_for and not self.builder.is_running:
            self._blocks_for = key
            self.builder.start(lambda: call_job(list_blocks, *key), "blocks")

    def _on_blocks_built(self, event) -> None:
        if isinstance(event, Finished):
            self._listing = listing = event.result
            self._blocks_for = (listing.name, listing.image_size)
            self.summary = listing.summary
            self._fill_cuts()
            self._fill_blocks()
            self.summary_ready.emit(self.summary)
        self._build_blocks_if_needed()  # the user changed backbone or size while it was building

    def _fill_blocks(self) -> None:
        self.blocks.blockSignals(True)
        self.blocks.clear()
        fine_tune = self.mode.currentData() == "fine-tune"
        listing = self._listing
        blocks = listing.blocks[: listing.cut_index(self._cut_after) + 1] if listing is not None else ()
        total = len(blocks)
        for i, (name, params) in enumerate(blocks):
            item = QListWidgetItem(self.tr("{0}  ·  {1} parameters").format(name, f"{params:,}"))
            item.setFlags(
                Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable if fine_tune else Qt.ItemFlag.ItemIsEnabled
            )
            item.setCheckState(
                Qt.CheckState.Checked if fine_tune and i >= total - self._unfreeze else Qt.CheckState.Unchecked
            )
            self.blocks.addItem(item)
        self.blocks.blockSignals(False)
        self.blocks.setEnabled(self.enabled.isChecked())
        if listing is not None and blocks:
            features = listing.channels[total - 1] if listing.channels else listing.feature_dim
            head = head_parameter_count(features, max(2, self._classes), units=self.head_units.value())
            unfrozen = listing.top_parameters(self._unfreeze) if fine_tune else 0
            self.trainable_label.setText(
                self.tr("Base: {0} parameters in {1} blocks. Trainable: head {2}{3}.").format(
                    f"{sum(count for _, count in blocks):,}",
                    total,
                    f"{head:,}",
                    self.tr(" + {0} while fine-tuning").format(f"{unfrozen:,}") if unfrozen else "",
                )
            )

    def _on_block_toggled(self, item: QListWidgetItem) -> None:
        row = self.blocks.row(item)
        total = self.blocks.count()
        # Blocks unfreeze from the top: checking one unfreezes everything above it, unchecking freezes everything below.
        self._unfreeze = total - row if item.checkState() == Qt.CheckState.Checked else total - row - 1
        self._fill_blocks()
        self._emit()

    # ---- depth: where the base is cut, and the comparison of cuts ---------------------------------
    def _fill_cuts(self) -> None:
        listing = self._listing
        self.cut.blockSignals(True)
        self.cut.clear()
        self.cut.addItem(self.tr("the whole base"), "")
        if listing is not None:
            for (name, _params), channels in zip(listing.blocks[:-1], listing.channels, strict=False):
                self.cut.addItem(self.tr("{0}  ·  {1} channels").format(name, channels), name)
        select_data(self.cut, self._cut_after)
        self.cut.blockSignals(False)

    def _on_cut_chosen(self) -> None:
        self._cut_after = self.cut.currentData() or ""
        self._fill_blocks()
        self._emit()

    def set_dataset(self, dataset) -> None:
        """The session's open dataset: what "Compare depths…" trains on."""
        self.dataset = dataset
        self.compare_button.setEnabled(self.enabled.isChecked() and dataset is not None)

    def compare_depths(self) -> None:
        """Run the depth comparison on the open dataset with these settings, in a dialog with its plot."""
        from ..dialogs.depth_comparison import DepthComparisonDialog

        if self.dataset is None or not self.enabled.isChecked():
            return
        if self.depth_dialog is not None:
            self.depth_dialog.reject()
        self.depth_dialog = DepthComparisonDialog(self.dataset, self._config, self)
        self.depth_dialog.open()
        self.depth_dialog.start()
