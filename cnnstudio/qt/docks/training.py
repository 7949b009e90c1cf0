"""The Training dock: optimiser settings, where runs go, Train / Stop, and the run's progress."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...core.training import OPTIMIZERS, TrainConfig

__all__ = ["TrainingDock"]


class TrainingDock(QDockWidget):
    """Edits the optimisation settings; `changed` carries the fields to update."""

    changed = Signal(dict)
    runs_root_changed = Signal(str)

    def __init__(self, train_action: QAction, stop_action: QAction, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Training"), parent)
        self.setObjectName("trainingDock")
        body = QWidget(self)
        layout = QVBoxLayout(body)
        form = QFormLayout()

        self.optimizer = QComboBox(body)
        self.optimizer.setObjectName("optimizerCombo")
        labels = {
            "rmsprop": self.tr("RMSprop (the book's)"),
            "adam": self.tr("Adam"),
            "sgd": self.tr("SGD with momentum 0.9"),
        }
        for key in OPTIMIZERS:
            self.optimizer.addItem(labels[key], key)
        self.learning_rate = QDoubleSpinBox(body)
        self.learning_rate.setObjectName("learningRateSpin")
        self.learning_rate.setDecimals(6)
        self.learning_rate.setRange(1e-6, 10.0)
        self.learning_rate.setStepType(QDoubleSpinBox.StepType.AdaptiveDecimalStepType)
        self.learning_rate.setToolTip(self.tr("If the loss becomes NaN or jumps up, lower it ten-fold"))
        self.batch_size = QSpinBox(body)
        self.batch_size.setObjectName("batchSizeSpin")
        self.batch_size.setRange(1, 1024)
        self.epochs = QSpinBox(body)
        self.epochs.setObjectName("epochsSpin")
        self.epochs.setRange(1, 1000)
        self.seed = QSpinBox(body)
        self.seed.setObjectName("seedSpin")
        self.seed.setRange(0, 2**31 - 1)
        self.seed.setToolTip(self.tr("The same seed, data and settings give the same run"))
        form.addRow(self.tr("Optimizer:"), self.optimizer)
        form.addRow(self.tr("Learning rate:"), self.learning_rate)
        form.addRow(self.tr("Batch size:"), self.batch_size)
        form.addRow(self.tr("Epochs:"), self.epochs)
        form.addRow(self.tr("Seed:"), self.seed)

        runs_row = QHBoxLayout()
        self.runs_root = QLineEdit(body)
        self.runs_root.setObjectName("runsRootEdit")
        self.runs_root.setReadOnly(True)
        self.runs_root.setToolTip(self.tr("Each run gets its own new folder here: settings, metrics and weights"))
        change = QPushButton(self.tr("Change…"), body)
        change.setObjectName("changeRunsRootButton")
        change.clicked.connect(self._on_change_runs_root)
        runs_row.addWidget(self.runs_root, 1)
        runs_row.addWidget(change)
        form.addRow(self.tr("Runs folder:"), runs_row)

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
        self.state = QLabel(self.tr("Ready. Press Train to start."), body)
        self.state.setObjectName("trainingState")
        self.state.setWordWrap(True)
        self.open_run = QPushButton(self.tr("Open run folder"), body)
        self.open_run.setObjectName("openRunFolderButton")
        self.open_run.setEnabled(False)
        self.open_run.clicked.connect(self._on_open_run)
        self._run_dir = ""

        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.progress)
        layout.addWidget(self.state)
        layout.addWidget(self.open_run)
        layout.addStretch(1)
        self.setWidget(body)

        self.optimizer.currentIndexChanged.connect(lambda _i: self._emit())
        self.learning_rate.valueChanged.connect(lambda _v: self._emit())
        self.batch_size.valueChanged.connect(lambda _v: self._emit())
        self.epochs.valueChanged.connect(lambda _v: self._emit())
        self.seed.valueChanged.connect(lambda _v: self._emit())
        self._inputs = (self.optimizer, self.learning_rate, self.batch_size, self.epochs, self.seed, change)

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
            self.optimizer.setCurrentIndex(max(0, self.optimizer.findData(config.optimizer)))
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

    def _on_change_runs_root(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Choose the folder for training runs"), self.runs_root.text()
        )
        if folder:
            self.runs_root.setText(folder)
            self.runs_root_changed.emit(folder)

    def _on_open_run(self) -> None:
        if self._run_dir:
            QDesktopServices.openUrl(QUrl.fromLocalFile(self._run_dir))
