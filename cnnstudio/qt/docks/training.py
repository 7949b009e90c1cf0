"""The Training dock: optimiser settings, where runs go, Train / Stop, and the run's progress.

The everyday settings are always shown; weight decay, the learning-rate schedule, early stopping, the
device, precision and CPU threads sit in a "More settings" section that folds away, so the dock stays compact.
A setting that only one choice uses (SGD's momentum, a schedule's parameters) is shown only with it.
"""

from __future__ import annotations

import os

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QSizePolicy,
    QToolButton,
    QWidget,
)

from ...core.training import MONITORS, OPTIMIZERS, PRECISIONS, SCHEDULES, TrainConfig, available_devices
from ..widgets.dock import Dock
from ..widgets.files import FolderField, show_folder
from ..widgets.forms import choice_combo, int_spin, push_button, rate_spin, seed_spin, select_data, wrapped_label
from ..widgets.probe_picker import ProbePicker

__all__ = ["TrainingDock"]


class TrainingDock(Dock):
    """Edits the optimisation settings; `changed` carries the fields to update."""

    changed = Signal(dict)
    runs_root_changed = Signal(str)

    def __init__(self, train_action: QAction, stop_action: QAction, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Training"), "trainingDock", parent)
        body, form = self.body, self.add_form()
        labels = {
            "rmsprop": self.tr("RMSprop (the book's)"),
            "adam": self.tr("Adam"),
            "adamw": self.tr("AdamW (decoupled weight decay)"),
            "sgd": self.tr("SGD with momentum"),
        }
        self.optimizer = choice_combo(body, "optimizerCombo", {key: labels[key] for key in OPTIMIZERS})
        self.learning_rate = rate_spin(
            body, "learningRateSpin", 1e-6, 10.0, tip=self.tr("If the loss becomes NaN or jumps up, lower it ten-fold")
        )
        self.batch_size = int_spin(body, "batchSizeSpin", 1, 1024)
        self.epochs = int_spin(body, "epochsSpin", 1, 1000)
        self.seed = seed_spin(body, "seedSpin", tip=self.tr("The same seed, data and settings give the same run"))
        form.addRow(self.tr("Optimizer:"), self.optimizer)
        form.addRow(self.tr("Learning rate:"), self.learning_rate)
        form.addRow(self.tr("Batch size:"), self.batch_size)
        form.addRow(self.tr("Epochs:"), self.epochs)
        form.addRow(self.tr("Seed:"), self.seed)
        self.probes = ProbePicker(body)  # explanations over time (Timeline dock)
        self.probes.changed.connect(lambda _probes: self._emit())
        form.addRow(self.tr("Probe images:"), self.probes)
        self._build_more_settings()

        runs = FolderField(
            body, "runsRootEdit", self.tr("Change…"), self.tr("Choose the folder for training runs"), read_only=True
        )
        self.runs_root = runs.edit
        self.runs_root.textChanged.connect(self._show_runs_root)
        runs.button.setObjectName("changeRunsRootButton")
        runs.chosen.connect(self.runs_root_changed)
        form.addRow(QLabel(self.tr("Runs folder:"), body))  # the path gets the whole width of the row below
        form.addRow(runs)

        buttons = QHBoxLayout()
        self.train_button = QToolButton(body)
        self.train_button.setObjectName("trainButton")
        self.train_button.setDefaultAction(train_action)
        self.stop_button = QToolButton(body)
        self.stop_button.setObjectName("stopButton")
        self.stop_button.setDefaultAction(stop_action)
        for button in (self.train_button, self.stop_button):
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.setMinimumHeight(32)
        buttons.addWidget(self.train_button)
        buttons.addWidget(self.stop_button)

        self.progress = QProgressBar(body)
        self.progress.setObjectName("trainingProgress")
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setTextVisible(True)
        self.state = wrapped_label(body, "trainingState")
        self.open_run = push_button(body, "openRunFolderButton", self.tr("Open run folder"), self._on_open_run)
        self._run_dir = ""
        self.clear_run()

        layout = self.column
        layout.addLayout(buttons)
        layout.addWidget(self.progress)
        layout.addWidget(self.state)
        layout.addWidget(self.open_run)
        layout.addStretch(1)

        basics = (self.optimizer, self.learning_rate, self.batch_size, self.epochs, self.seed)
        self._inputs = (*basics, *self._more_inputs, runs.button)
        for widget in (*basics, *self._more_inputs):
            for signal in ("currentIndexChanged", "valueChanged", "toggled"):
                if hasattr(widget, signal):
                    getattr(widget, signal).connect(lambda *_: self._emit())
                    break
        self._show_relevant()

    def _build_more_settings(self) -> None:
        """The folding "More settings" section: weight decay, schedule, early stopping, device, threads, memory."""
        body = self.body
        self.more_button = QToolButton(body)
        self.more_button.setObjectName("moreSettingsButton")
        self.more_button.setText(self.tr("More settings"))
        self.more_button.setCheckable(True)
        self.more_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.more_button.setArrowType(Qt.ArrowType.RightArrow)
        self.more_button.setToolTip(
            self.tr(
                "Weight decay, learning-rate schedule, early stopping, device, precision, threads, memory for images"
            )
        )
        self.more = QWidget(body)
        self.more.setObjectName("moreSettings")
        self.more.setVisible(False)
        self.more_button.toggled.connect(self._fold)
        self.column.addWidget(self.more_button)
        self.column.addWidget(self.more)
        form = self._more_form = QFormLayout(self.more)
        form.setContentsMargins(0, 0, 0, 0)
        more = self.more

        self.momentum = _fraction_spin(more, "momentumSpin", 0.0, 0.99, 2, self.tr("SGD's momentum: 0.9 is usual"))
        self.weight_decay = _fraction_spin(
            more,
            "weightDecaySpin",
            0.0,
            0.5,
            6,
            self.tr("Penalises large weights against overfitting (L2; AdamW decouples it). 0: none"),
        )
        schedules = {  # each schedule's label and tool tip
            "constant": (self.tr("Constant"), self.tr("The same learning rate every epoch")),
            "step": (self.tr("Step"), self.tr("Multiply the rate by the factor every few epochs")),
            "cosine": (self.tr("Cosine"), self.tr("Lower the rate along a half cosine, to zero at the last epoch")),
            "plateau": (
                self.tr("Reduce on plateau"),
                self.tr("Multiply the rate by the factor when the monitored metric stops improving"),
            ),
        }
        self.schedule = choice_combo(
            more,
            "scheduleCombo",
            {key: schedules[key][0] for key in SCHEDULES},
            tips={key: tip for key, (_, tip) in schedules.items()},
        )
        self.schedule.setToolTip(self.tr("How the learning rate changes from epoch to epoch"))
        epochs = self.tr(" epochs")
        self.step_size = int_spin(more, "stepSizeSpin", 1, 1000, suffix=epochs, tip=self.tr("Epochs between two steps"))
        self.gamma = _fraction_spin(more, "gammaSpin", 0.01, 0.99, 2, self.tr("The rate is multiplied by this"))
        self.plateau_factor = _fraction_spin(
            more, "plateauFactorSpin", 0.01, 0.99, 2, self.tr("The rate is multiplied by this when progress stalls")
        )
        stall_tip = self.tr("Epochs without improvement before the rate is lowered")
        self.plateau_patience = int_spin(more, "plateauPatienceSpin", 0, 100, suffix=epochs, tip=stall_tip)
        monitors = {"val_loss": self.tr("Validation loss"), "val_accuracy": self.tr("Validation accuracy")}
        self.monitor = choice_combo(more, "monitorCombo", {key: monitors[key] for key in MONITORS})
        self.monitor.setToolTip(
            self.tr("The metric that picks the best epoch (best weights), for early stopping and the plateau")
        )
        stop_tip = self.tr("Stop when the monitored metric has not improved for this many epochs")
        self.patience = int_spin(
            more, "earlyStoppingSpin", 0, 1000, suffix=epochs, special=self.tr("Off"), tip=stop_tip
        )
        self.restore_best = QCheckBox(self.tr("Restore the best weights at the end"), more)
        self.restore_best.setObjectName("restoreBestCheck")
        self.restore_best.setToolTip(
            self.tr("When the run ends, the model goes back to its best epoch (by the monitored metric)")
        )
        devices = {"auto": self.tr("Automatic"), "cpu": self.tr("CPU"), "cuda": self.tr("CUDA GPU")}
        devices["mps"] = self.tr("Apple GPU (MPS)")
        found = ["auto", *available_devices()]
        self.device = choice_combo(more, "deviceCombo", {key: devices[key] for key in found})
        self.device.setToolTip(self.tr("Where to train; only the devices found on this computer are listed"))
        precisions = (  # in the order of PRECISIONS: auto, fp32, bf16, fp16
            self.tr("Automatic (mixed where the device is fast at it)"),
            self.tr("float32 (exact, slower)"),
            self.tr("bfloat16 mixed precision"),
            self.tr("float16 mixed precision (GPUs)"),
        )
        self.precision = choice_combo(more, "precisionCombo", dict(zip(PRECISIONS, precisions, strict=True)))
        self.precision.setToolTip(
            self.tr(
                "The number format of the forward pass. Automatic: bfloat16 on CPUs with AMX or AVX512-BF16 and on "
                "recent GPUs, float16 on older GPUs, else float32. Weights always stay float32; the log says the choice"
            )
        )
        self.threads = int_spin(
            more,
            "threadsSpin",
            0,
            max(1, os.cpu_count() or 1),
            special=self.tr("All cores"),
            tip=self.tr("CPU threads PyTorch may use; fewer keeps the computer responsive"),
        )
        self.cache_mb = int_spin(
            more,
            "cacheMbSpin",
            0,
            1024 * 1024,
            suffix=" MB",
            special=self.tr("Auto"),
            tip=self.tr(
                "Memory for decoded images; a dataset that needs more is streamed from disk. Auto: a quarter of the RAM"
            ),
        )
        form.addRow(self.tr("Momentum:"), self.momentum)
        form.addRow(self.tr("Weight decay:"), self.weight_decay)
        form.addRow(self.tr("LR schedule:"), self.schedule)
        form.addRow(self.tr("Step every:"), self.step_size)
        form.addRow(self.tr("Step factor:"), self.gamma)
        form.addRow(self.tr("Plateau factor:"), self.plateau_factor)
        form.addRow(self.tr("Plateau patience:"), self.plateau_patience)
        form.addRow(self.tr("Monitor:"), self.monitor)
        form.addRow(self.tr("Early stopping:"), self.patience)
        form.addRow(self.restore_best)
        form.addRow(self.tr("Device:"), self.device)
        form.addRow(self.tr("Precision:"), self.precision)
        form.addRow(self.tr("CPU threads:"), self.threads)
        form.addRow(self.tr("Memory for images:"), self.cache_mb)
        self._more_inputs = (
            self.momentum,
            self.weight_decay,
            self.schedule,
            self.step_size,
            self.gamma,
            self.plateau_factor,
            self.plateau_patience,
            self.monitor,
            self.patience,
            self.restore_best,
            self.device,
            self.precision,
            self.threads,
            self.cache_mb,
        )
        self.optimizer.currentIndexChanged.connect(lambda _i: self._show_relevant())
        self.schedule.currentIndexChanged.connect(lambda _i: self._show_relevant())

    def _fold(self, open_: bool) -> None:
        self.more.setVisible(open_)
        self.more_button.setArrowType(Qt.ArrowType.DownArrow if open_ else Qt.ArrowType.RightArrow)

    def _show_relevant(self) -> None:
        """Only the rows the current choices use."""
        schedule = self.schedule.currentData()
        form = self._more_form
        form.setRowVisible(self.momentum, self.optimizer.currentData() == "sgd")
        form.setRowVisible(self.step_size, schedule == "step")
        form.setRowVisible(self.gamma, schedule == "step")
        form.setRowVisible(self.plateau_factor, schedule == "plateau")
        form.setRowVisible(self.plateau_patience, schedule == "plateau")

    def settings(self) -> dict[str, object]:
        """The form's values, by `TrainConfig` field."""
        return {
            "optimizer": self.optimizer.currentData(),
            "learning_rate": self.learning_rate.value(),
            "batch_size": self.batch_size.value(),
            "epochs": self.epochs.value(),
            "seed": self.seed.value(),
            "momentum": self.momentum.value(),
            "weight_decay": self.weight_decay.value(),
            "schedule": self.schedule.currentData(),
            "step_size": self.step_size.value(),
            "gamma": self.gamma.value(),
            "plateau_factor": self.plateau_factor.value(),
            "plateau_patience": self.plateau_patience.value(),
            "monitor": self.monitor.currentData(),
            "early_stopping_patience": self.patience.value(),
            "restore_best": self.restore_best.isChecked(),
            "device": self.device.currentData(),
            "precision": self.precision.currentData(),
            "threads": self.threads.value(),
            "cache_mb": self.cache_mb.value(),
            "probes": self.probes.value(),
        }

    def _emit(self) -> None:
        self.changed.emit(self.settings())

    def show_config(self, config: TrainConfig) -> None:
        for widget in self._inputs:
            widget.blockSignals(True)
        try:
            select_data(self.optimizer, config.optimizer)
            self.learning_rate.setValue(config.learning_rate)
            self.batch_size.setValue(config.batch_size)
            self.epochs.setValue(config.epochs)
            self.seed.setValue(config.seed)
            self.momentum.setValue(config.momentum)
            self.weight_decay.setValue(config.weight_decay)
            select_data(self.schedule, config.schedule)
            self.step_size.setValue(config.step_size)
            self.gamma.setValue(config.gamma)
            self.plateau_factor.setValue(config.plateau_factor)
            self.plateau_patience.setValue(config.plateau_patience)
            select_data(self.monitor, config.monitor)
            self.patience.setValue(config.early_stopping_patience)
            self.restore_best.setChecked(config.restore_best)
            select_data(self.device, config.device)
            select_data(self.precision, config.precision)
            self.threads.setValue(config.threads)
            self.cache_mb.setValue(config.cache_mb)
        finally:
            for widget in self._inputs:
                widget.blockSignals(False)
        self._show_relevant()
        self.probes.set_value(config.probes)  # emits nothing

    def set_runs_root(self, path: str) -> None:
        self.runs_root.setText(path)

    def _show_runs_root(self, path: str) -> None:
        """The path's end in the field (its last folders tell most), the whole path in the tool tip."""
        self.runs_root.setCursorPosition(len(path))
        explained = self.tr("Each run gets its own new folder here: settings, metrics and weights")
        self.runs_root.setToolTip("\n".join((path, explained)))  # the path, then the sentence

    def set_running(self, running: bool) -> None:
        for widget in self._inputs:
            widget.setEnabled(not running)

    def clear_run(self) -> None:
        """Forget the last run's outcome (a new dataset makes it stale): ready, empty progress, no run folder."""
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.state.setText(self.tr("Ready. Press Train to start."))
        self.set_run_dir("")

    def set_run_dir(self, path: str) -> None:
        self._run_dir = path
        self.open_run.setEnabled(bool(path))
        self.open_run.setToolTip(path)

    def _on_open_run(self) -> None:
        if self._run_dir:
            show_folder(self, self._run_dir)


def _fraction_spin(
    parent: QWidget, object_name: str, low: float, high: float, decimals: int, tip: str
) -> QDoubleSpinBox:
    spin = QDoubleSpinBox(parent)
    spin.setObjectName(object_name)
    spin.setDecimals(decimals)
    spin.setRange(low, high)
    spin.setStepType(QDoubleSpinBox.StepType.AdaptiveDecimalStepType)
    spin.setToolTip(tip)
    return spin
