"""The Evaluation dock: how good a trained run is on the test split, and where it goes wrong.

Pick a run (the session's finished runs, or any run folder) and the data (the dataset the run
recorded, or the open one), and Evaluate: `core.evaluation.evaluate_run`, the function
``cnnstudio evaluate`` calls, runs in a job with progress and Stop. The dock shows accuracy and loss,
precision, recall and F1 per class, and the confusion matrix; a cell opens the images it counts, most
confident first, and each image opens large with its Grad-CAM for the predicted and the true class.
The most confidently wrong images have a strip of their own, the predictions export as CSV, the
model exports as TorchScript, ONNX or safetensors (`export_panel`), and images or a folder dropped on
the dock get the run's top classes, with bars (`top_classes_panel`).
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QFileDialog,
    QGridLayout,
    QLabel,
    QProgressBar,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from ...core.data import ImageDataset
from ...core.evaluation import Evaluation, ImagePrediction, evaluate_run, recorded_dataset, write_predictions_csv
from ...core.events import Cancelled, Finished, Progress
from ..dialogs.prediction import PredictionDialog
from ..texts import tr_message
from ..widgets.confusion import ConfusionMatrixView
from ..widgets.dock import Dock
from ..widgets.drops import local_files
from ..widgets.files import ask_folder
from ..widgets.forms import choice_combo, push_button, wrapped_label
from ..widgets.thumbnail_strip import ThumbnailStrip
from ..workers import JobRunner
from .export_panel import ExportPanel
from .top_classes_panel import TopClassesPanel, dropped_images

__all__ = ["EvaluationDock", "MAX_CELL_IMAGES", "WRONG_STRIP"]

MAX_CELL_IMAGES = 300  # thumbnails shown for one cell
WRONG_STRIP = 16  # images in the "most confidently wrong" strip
RECORDED, OPEN = "recorded", "open"


def _evaluation_job(run_dir: str, dataset: ImageDataset | None, split: str):
    """Job: (evaluation, demo seed) of a run on `dataset`, or on the dataset the run recorded when None."""
    if dataset is None:
        dataset = yield from recorded_dataset(run_dir)
    result = yield from evaluate_run(run_dir, dataset, split)
    return result, int(dataset.seed or 0)


class EvaluationDock(Dock):
    """Evaluate a run on a split; the matrix's cells, the surest mistakes and dropped images open its predictions."""

    evaluated = Signal(object)  # the Evaluation shown
    prediction_opened = Signal(object)  # the PredictionDialog opened for an image

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Evaluation"), "evaluationDock", parent)
        self.setAcceptDrops(True)
        body = self.body
        self._dataset: ImageDataset | None = None
        self.evaluation: Evaluation | None = None
        self._run_dir = ""  # the run the evaluation shown belongs to
        self._pending_run = ""  # the run being evaluated
        self._seed = 0
        self._cell: list[ImagePrediction] = []
        self._wrong: list[ImagePrediction] = []

        choose = QGridLayout()
        self.run_combo = choice_combo(body, "evaluationRunCombo", {})
        self.run_combo.setPlaceholderText(self.tr("No run yet: train one or open a run folder"))
        self.open_run_button = push_button(body, "evaluationOpenRunButton", self.tr("Open run…"), self._on_open_run)
        self.data_combo = choice_combo(
            body,
            "evaluationDataCombo",
            {RECORDED: self.tr("The run's own dataset"), OPEN: self.tr("The open dataset")},
            tips={
                RECORDED: self.tr("The dataset the run was trained on, split as it was then"),
                OPEN: self.tr("The dataset open in the window (its classes must be the run's)"),
            },
        )
        self.split_combo = choice_combo(
            body, "evaluationSplitCombo", {"test": self.tr("Test split"), "validation": self.tr("Validation split")}
        )
        self.evaluate_button = push_button(body, "evaluationEvaluateButton", self.tr("Evaluate"), self.evaluate)
        self.stop_button = push_button(body, "evaluationStopButton", self.tr("Stop"), self.stop)
        self.stop_button.setEnabled(False)
        rows = [  # three short rows rather than two wide ones: the dock stays narrow
            [QLabel(self.tr("Run:"), body), self.run_combo],
            [QLabel(self.tr("Data:"), body), self.data_combo, None, self.split_combo],
            [None, self.open_run_button, self.evaluate_button, self.stop_button],
        ]
        for r, widgets in enumerate(rows):
            for c, widget in enumerate(widgets):
                if widget is self.run_combo:
                    choose.addWidget(widget, r, c, 1, 3)  # across the data and split columns
                elif widget is self.data_combo or widget is self.split_combo:
                    choose.addWidget(widget, r, c, 1, 2 if widget is self.data_combo else 1)
                elif widget is not None:
                    choose.addWidget(widget, r, c)
        choose.setColumnStretch(1, 1)
        choose.setColumnStretch(2, 1)
        self.progress = QProgressBar(body)
        self.progress.setObjectName("evaluationProgress")
        self.progress.setValue(0)
        self.status = wrapped_label(body, "evaluationStatus", self.tr("Choose a run and press Evaluate."))
        self.summary = wrapped_label(body, "evaluationSummary")
        self.summary.setTextFormat(Qt.TextFormat.RichText)

        self.results = results = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.matrix = ConfusionMatrixView(body)
        self.matrix.cell_clicked.connect(self.show_cell)
        self.table = QTableWidget(0, 5, body)
        self.table.setObjectName("evaluationClassTable")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Class"), self.tr("Precision"), self.tr("Recall"), self.tr("F1"), self.tr("Support")]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        results.addWidget(self.matrix, 3)
        results.addWidget(self.table, 2)

        self.cell_label = wrapped_label(
            body, "evaluationCellLabel", self.tr("Click a cell of the matrix to see its images.")
        )
        self.cell_strip = ThumbnailStrip(body, wrap=False)
        self.cell_strip.setObjectName("evaluationCellStrip")
        self.cell_strip.opened.connect(lambda row: self.open_prediction(self._cell[row]))
        self.wrong_label = wrapped_label(body, "evaluationWrongLabel", self.tr("Most confidently wrong"))
        self.wrong_strip = ThumbnailStrip(body, wrap=False, caption_lines=2, width=130)
        self.wrong_strip.setObjectName("evaluationWrongStrip")
        self.wrong_strip.opened.connect(lambda row: self.open_prediction(self._wrong[row]))
        self.export_button = push_button(
            body, "evaluationExportButton", self.tr("Export predictions as CSV…"), self._on_export
        )
        self.export_button.setEnabled(False)
        self.export_panel = ExportPanel(body)

        self.top_classes = TopClassesPanel(body)  # images dropped on the dock

        self.column.addLayout(choose)
        self.column.addWidget(self.progress)
        self.column.addWidget(self.status)
        self.column.addWidget(self.summary)
        self.column.addLayout(results, 1)
        self.column.addWidget(self.cell_label)
        self.column.addWidget(self.cell_strip)
        self.column.addWidget(self.wrong_label)
        self.column.addWidget(self.wrong_strip)
        self.column.addWidget(self.export_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.column.addWidget(self.export_panel)
        self.column.addWidget(self.top_classes)

        self.runner = JobRunner(self)
        self.runner.event_received.connect(self._on_event)
        self.runner.job_ended.connect(self._on_ended)
        self.run_combo.currentIndexChanged.connect(lambda _index: self._update_buttons())
        self._update_buttons()

    # ---- what to evaluate ----------------------------------------------------------------------
    def add_run(self, run_dir: str, title: str = "", *, select: bool = True) -> None:
        """Offer a run (first in the list) and select it when `select`."""
        run_dir = os.path.abspath(run_dir)
        index = self.run_combo.findData(run_dir)
        if index < 0:
            self.run_combo.insertItem(0, title or Path(run_dir).name, run_dir)
            self.run_combo.setItemData(0, run_dir, Qt.ItemDataRole.ToolTipRole)
            index = 0
        if select:
            self.run_combo.setCurrentIndex(index)
        self._update_buttons()

    def run_dir(self) -> str:
        return self.run_combo.currentData() or ""

    def replace_run(self, old: str, new: str | None, title: str = "") -> None:
        """A run folder was renamed to `new`, or deleted (`new` None): the list and the evaluation shown follow."""
        old = os.path.abspath(old)
        index = self.run_combo.findData(old)
        if index >= 0 and new is None:
            self.run_combo.removeItem(index)
        elif index >= 0:
            new = os.path.abspath(new)
            self.run_combo.setItemText(index, title or Path(new).name)
            self.run_combo.setItemData(index, new)
            self.run_combo.setItemData(index, new, Qt.ItemDataRole.ToolTipRole)
        if self._run_dir and os.path.abspath(self._run_dir) == old:
            if new is not None:
                self._run_dir = new
            else:  # its model is gone: nothing shown can be opened or exported any more
                self.evaluation, self._run_dir, self._cell, self._wrong = None, "", [], []
                self.summary.setText("")
                self.matrix.clear()
                self.table.setRowCount(0)
                self.cell_strip.show_images([])
                self.wrong_strip.show_images([])
                self.export_button.setEnabled(False)
                self.status.setText(self.tr("The run {0} was deleted.").format(Path(old).name))
        self._update_buttons()

    def set_dataset(self, dataset: ImageDataset) -> None:
        """The dataset open in the window (offered as "The open dataset")."""
        self._dataset = dataset

    def dataset(self) -> ImageDataset | None:
        return self._dataset

    def _on_open_run(self) -> None:
        start = str(Path(self.run_dir()).parent) if self.run_dir() else ""
        ask_folder(self, self.tr("Open a run folder"), start, self.add_run)

    # ---- evaluating ----------------------------------------------------------------------------
    def evaluate(self) -> None:
        """Evaluate the chosen run on the chosen data and split (an evaluation in progress is superseded)."""
        run_dir = self.run_dir()
        if not run_dir:
            self.status.setText(self.tr("No run to evaluate: train one or open a run folder."))
            return
        dataset = self._dataset if self.data_combo.currentData() == OPEN else None
        if self.data_combo.currentData() == OPEN and dataset is None:
            self.status.setText(self.tr("No dataset is open."))
            return
        split = self.split_combo.currentData()
        self.progress.setValue(0)
        self.status.setText(self.tr("Evaluating {0}…").format(Path(run_dir).name))
        self.runner.start(lambda: _evaluation_job(run_dir, dataset, split), "evaluation", supersede=True)
        self._pending_run = run_dir
        self._update_buttons()

    def stop(self) -> None:
        self.runner.cancel()

    def _update_buttons(self) -> None:
        busy = self.runner.is_running
        self.evaluate_button.setEnabled(bool(self.run_dir()))
        self.export_panel.set_run(self.run_dir())
        self.stop_button.setEnabled(busy)

    def _on_event(self, event) -> None:
        if isinstance(event, Progress) and event.total:
            self.progress.setMaximum(max(1, int(event.total)))
            self.progress.setValue(int(event.done))
            self.status.setText(tr_message(event.message))

    def _on_ended(self, event) -> None:
        self._update_buttons()
        if isinstance(event, Finished):
            evaluation, seed = event.result
            self.show_evaluation(evaluation, self._pending_run, seed=seed)
        elif isinstance(event, Cancelled):
            self.progress.setValue(0)
            self.status.setText(self.tr("Evaluation stopped."))
        else:
            self.progress.setValue(0)
            self.status.setText(self.tr("Cannot evaluate: {0}").format(tr_message(getattr(event, "reason", None))))

    # ---- showing -------------------------------------------------------------------------------
    def show_evaluation(self, evaluation: Evaluation, run_dir: str, *, seed: int = 0) -> None:
        """Show `evaluation` of the run in `run_dir` (`seed`: the demo dataset's, to draw its images)."""
        self.evaluation, self._run_dir, self._seed = evaluation, run_dir, seed
        split = self.split_combo.itemText(max(0, self.split_combo.findData(evaluation.split)))
        self.status.setText(self.tr("{0}: {1}, {2} images.").format(Path(run_dir).name, split, evaluation.images))
        self.summary.setText(
            self.tr("Accuracy <b>{0:.1%}</b> &nbsp; Loss <b>{1:.4f}</b>").format(evaluation.accuracy, evaluation.loss)
        )
        self.matrix.set_matrix(evaluation.confusion, evaluation.class_names)
        self.table.setRowCount(len(evaluation.per_class))
        for row, metrics in enumerate(evaluation.per_class):
            values = [
                metrics["class"],
                f"{metrics['precision']:.3f}",
                f"{metrics['recall']:.3f}",
                f"{metrics['f1']:.3f}",
                str(metrics["support"]),
            ]
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                if column:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        self._fit_table()
        self._cell = []
        self.cell_strip.show_images([])
        self.cell_label.setText(self.tr("Click a cell of the matrix to see its images."))
        self._wrong = evaluation.most_confidently_wrong(WRONG_STRIP)
        self.wrong_label.setText(
            self.tr("Most confidently wrong ({0} of {1} wrong)").format(
                len(self._wrong), sum(1 for p in evaluation.predictions if not p.correct)
            )
        )
        self.wrong_strip.show_images([self._thumbnail_item(p, with_classes=True) for p in self._wrong], seed=seed)
        self.export_button.setEnabled(True)
        self.evaluated.emit(evaluation)

    def _thumbnail_item(self, p: ImagePrediction, *, with_classes: bool = False) -> tuple[str, str, str]:
        names = self.evaluation.class_names if self.evaluation else []
        name = p.key if "://" in p.key else Path(p.key).name
        tip = self.tr("{0}\ntrue: {1}, predicted: {2} ({3:.1%})\nDouble-click to see it with its heatmaps").format(
            name, names[p.true], names[p.predicted], p.confidence
        )
        caption = f"{p.confidence:.0%}"
        if with_classes:
            caption = self.tr("{0}\n{1} → {2}").format(caption, names[p.true], names[p.predicted])
        return p.key, caption, tip

    def show_cell(self, true: int, predicted: int) -> None:
        """List the images of the cell (true, predicted), most confident first."""
        if self.evaluation is None:
            return
        names = self.evaluation.class_names
        self._cell = self.evaluation.cell(true, predicted)[:MAX_CELL_IMAGES]
        count = self.evaluation.confusion[true][predicted]
        text = self.tr("{0} predicted as {1}: {2} images, most confident first (double-click one to enlarge).")
        self.cell_label.setText(text.format(names[true], names[predicted], count))
        self.cell_strip.show_images([self._thumbnail_item(p) for p in self._cell], seed=self._seed)

    def cell_predictions(self) -> list[ImagePrediction]:
        """The predictions the cell strip lists, in order."""
        return list(self._cell)

    def open_prediction(self, prediction: ImagePrediction) -> PredictionDialog:
        """Open an image large, with its Grad-CAM for the predicted and the true class."""
        assert self.evaluation is not None
        dialog = PredictionDialog(self._run_dir, prediction, self.evaluation.class_names, seed=self._seed, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        self.prediction_opened.emit(dialog)
        return dialog

    def _fit_table(self) -> None:
        """The per-class table beside the matrix where the dock is wide enough for both, else under it."""
        table = self.table
        wanted = table.horizontalHeader().length() + 2 * table.frameWidth() + 24
        side_by_side = self.width() >= wanted + self.matrix.sizeHint().width() + 48  # the dock, not its scrolling body
        direction = QBoxLayout.Direction.LeftToRight if side_by_side else QBoxLayout.Direction.TopToBottom
        if self.results.direction() != direction:
            self.results.setDirection(direction)
        rows = table.verticalHeader().length() + table.horizontalHeader().height() + 2 * table.frameWidth() + 4
        table.setMinimumWidth(wanted if side_by_side else 0)
        table.setMaximumHeight(16_777_215 if side_by_side else rows)
        table.setMinimumHeight(0 if side_by_side else rows)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._fit_table()

    # ---- exporting -----------------------------------------------------------------------------
    def _on_export(self) -> None:
        if self.evaluation is None:
            return
        suggested = str(Path(self._run_dir) / f"predictions-{self.evaluation.split}.csv")
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export predictions"), suggested, self.tr("CSV files (*.csv)")
        )
        if path:
            self.export_csv(path)

    def export_csv(self, path: str) -> bool:
        """Write the predictions shown to `path` as CSV; False (and a status line) if it cannot be written."""
        if self.evaluation is None:
            return False
        try:
            written = write_predictions_csv(self.evaluation, path)
        except OSError as exc:
            self.status.setText(self.tr("Cannot write {0}: {1}").format(path, exc.strerror or exc))
            return False
        self.status.setText(self.tr("Predictions written to {0}.").format(written))
        return True

    # ---- dropped images ------------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt override
        self._take_images(event, drop=False)

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt override
        self._take_images(event, drop=True)

    def _take_images(self, event: QDragEnterEvent | QDropEvent, *, drop: bool) -> None:
        """Accept a drag that carries images or folders of them; on the drop, classify them."""
        images = dropped_images(local_files(event))
        if images:
            event.acceptProposedAction()
            if drop:
                self.show_top_classes(images)
        else:
            event.ignore()

    def show_top_classes(self, paths: list[str]) -> None:
        """Each image's top classes by the chosen run, with bars."""
        self.top_classes.classify(self.run_dir(), paths)
