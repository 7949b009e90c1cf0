"""Feature generality and depth: validation accuracy of the same head on the base cut at several depths.

The dialog runs `core.training.depth_comparison` on the open dataset in a background job (progress,
Stop), then plots validation accuracy against the depth of the cut (x: the block names) and lists
each cut in a small table. On a dataset unlike ImageNet an earlier cut can win.
"""

from __future__ import annotations

import math

import pyqtgraph as pg
from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QProgressBar,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core.data import ImageDataset
from ...core.events import Finished, Progress
from ...core.training import DepthRow, TrainConfig, depth_comparison
from ..texts import tr_message
from ..widgets.forms import push_button, wrapped_label
from ..workers import JobRunner

__all__ = ["DepthComparisonDialog"]


class DepthComparisonDialog(QDialog):
    """Runs the comparison when `start` is called; `compared` carries the rows once they are shown."""

    compared = Signal(list)  # [DepthRow]

    def __init__(self, dataset: ImageDataset, config: TrainConfig, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("depthComparisonDialog")
        self.setWindowTitle(self.tr("Feature generality and depth"))
        self.dataset, self.config = dataset, config
        self.rows: list[DepthRow] = []
        layout = QVBoxLayout(self)
        self.explanation = wrapped_label(
            self,
            "depthExplanation",
            self.tr(
                "The same head is trained on the base cut after each block (features computed once). "
                "Early blocks hold generic features, later ones ImageNet-specific ones: on images unlike "
                "ImageNet an earlier cut can win."
            ),
        )
        self.progress = QProgressBar(self)
        self.progress.setObjectName("depthProgress")
        self.status = wrapped_label(self, "depthStatus")
        self.plot = pg.PlotWidget(self)
        self.plot.setObjectName("depthPlot")
        self.plot.setBackground("w")
        self.plot.showGrid(x=True, y=True, alpha=0.3)
        self.plot.setLabel("left", self.tr("best validation accuracy"))
        self.plot.setLabel("bottom", self.tr("cut after block (depth)"))
        self.curve = self.plot.plot([], [], pen=pg.mkPen("#1565c0", width=2), symbol="o", symbolBrush="#1565c0")
        self.table = QTableWidget(0, 4, self)
        self.table.setObjectName("depthTable")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Cut after"), self.tr("Features"), self.tr("Validation accuracy"), self.tr("Seconds")]
        )
        self.table.verticalHeader().setVisible(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        self.stop_button = push_button(self, "stopDepthButton", self.tr("Stop"), self._stop)
        buttons.addButton(self.stop_button, QDialogButtonBox.ButtonRole.ActionRole)
        for widget in (self.explanation, self.progress, self.status, self.plot, self.table, buttons):
            layout.addWidget(widget, 1 if widget in (self.plot, self.table) else 0)
        self.resize(640, 560)
        self.runner = JobRunner(self)
        self.runner.event_received.connect(self._on_event)
        self.runner.job_ended.connect(self._on_ended)

    def start(self) -> None:
        dataset, config = self.dataset, self.config
        self.stop_button.setEnabled(True)
        self.status.setText(self.tr("Comparing depths…"))
        self.runner.start(lambda: depth_comparison(dataset, config), "depth-comparison", supersede=True)

    def _stop(self) -> None:
        self.runner.cancel()

    def _on_event(self, event) -> None:
        if isinstance(event, Progress):
            self.progress.setRange(0, max(1, event.total))
            self.progress.setValue(event.done)
            self.status.setText(tr_message(event.message))

    def _on_ended(self, event) -> None:
        self.stop_button.setEnabled(False)
        if isinstance(event, Finished):
            self.show_rows(event.result)
            self.status.setText(self.tr("Done: {0} depths compared.").format(len(event.result)))
        else:
            reason = getattr(event, "reason", None)
            self.status.setText(self.tr("Stopped: {0}").format(tr_message(reason)) if reason else self.tr("Stopped."))

    def show_rows(self, rows: list[DepthRow]) -> None:
        """Plot and list `rows` (one per cut)."""
        self.rows = list(rows)
        shown = [r for r in self.rows if math.isfinite(r.val_accuracy)]
        self.curve.setData([r.depth for r in shown], [r.val_accuracy for r in shown])
        self.plot.getAxis("bottom").setTicks([[(r.depth, f"{r.block} ({r.depth})") for r in self.rows]])
        self.plot.setYRange(0, 1)
        if self.rows:  # half a block of margin, so the first and last block names show
            self.plot.setXRange(self.rows[0].depth - 0.5, self.rows[-1].depth + 0.5, padding=0)
        self.table.setRowCount(len(self.rows))
        for i, row in enumerate(self.rows):
            accuracy = f"{row.val_accuracy:.3f}" if math.isfinite(row.val_accuracy) else self.tr("failed")
            for j, value in enumerate((row.block, f"{row.feature_size:,}", accuracy, f"{row.seconds:.1f}")):
                self.table.setItem(i, j, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()
        self.compared.emit(self.rows)

    def done(self, result: int) -> None:
        self.runner.close()  # closing the dialog stops the comparison
        super().done(result)
