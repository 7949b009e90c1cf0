"""The Training dock: optimiser settings, where runs go, Train / Stop, and the run's progress."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import QHBoxLayout, QProgressBar, QSizePolicy, QToolButton, QWidget

from ...core.training import OPTIMIZERS, TrainConfig
from ..widgets.dock import Dock
from ..widgets.files import FolderField
from ..widgets.forms import choice_combo, int_spin, push_button, rate_spin, seed_spin, select_data, wrapped_label

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
            "sgd": self.tr("SGD with momentum 0.9"),
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

        runs = FolderField(
            body, "runsRootEdit", self.tr("Change…"), self.tr("Choose the folder for training runs"), read_only=True
        )
        self.runs_root = runs.edit
        self.runs_root.setToolTip(self.tr("Each run gets its own new folder here: settings, metrics and weights"))
        runs.button.setObjectName("changeRunsRootButton")
        runs.chosen.connect(self.runs_root_changed)
        form.addRow(self.tr("Runs folder:"), runs)

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
        self.state = wrapped_label(body, "trainingState", self.tr("Ready. Press Train to start."))
        self.open_run = push_button(body, "openRunFolderButton", self.tr("Open run folder"), self._on_open_run)
        self.open_run.setEnabled(False)
        self._run_dir = ""

        layout = self.column
        layout.addLayout(buttons)
        layout.addWidget(self.progress)
        layout.addWidget(self.state)
        layout.addWidget(self.open_run)
        layout.addStretch(1)

        self.optimizer.currentIndexChanged.connect(lambda _i: self._emit())
        self.learning_rate.valueChanged.connect(lambda _v: self._emit())
        self.batch_size.valueChanged.connect(lambda _v: self._emit())
        self.epochs.valueChanged.connect(lambda _v: self._emit())
        self.seed.valueChanged.connect(lambda _v: self._emit())
        self._inputs = (self.optimizer, self.learning_rate, self.batch_size, self.epochs, self.seed, runs.button)

    def _emit(self) -> None:
        self.changed.emit(
            {
                "optimizer": self.optimizer.currentData(),
                "learning_rate": self.learning_rate.value(),
                "batch_size": self.batch_size.value(),
                "epochs": self.epochs.value(),
                "seed": self.seed.value(),
            }
        )

    def show_config(self, config: TrainConfig) -> None:
        for widget in self._inputs:
            widget.blockSignals(True)
        try:
            select_data(self.optimizer, config.optimizer)
            self.learning_rate.setValue(config.learning_rate)
            self.batch_size.setValue(config.batch_size)
            self.epochs.setValue(config.epochs)
            self.seed.setValue(config.seed)
        finally:
            for widget in self._inputs:
                widget.blockSignals(False)

    def set_runs_root(self, path: str) -> None:
        self.runs_root.setText(path)

    def set_running(self, running: bool) -> None:
        for widget in self._inputs:
            widget.setEnabled(not running)

    def set_run_dir(self, path: str) -> None:
        self._run_dir = path
        self.open_run.setEnabled(bool(path))
        self.open_run.setToolTip(path)

    def _on_open_run(self) -> None:
        if self._run_dir:
            QDesktopServices.openUrl(QUrl.fromLocalFile(self._run_dir))
