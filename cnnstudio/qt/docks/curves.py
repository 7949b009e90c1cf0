"""The Curves dock: live loss and accuracy, per batch and per epoch (pyqtgraph).

Curves are created once and updated with ``setData`` from the window's refresh timer (≤ 30 Hz);
nothing is cleared and re-added per epoch.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QWidget

from ...core.events import BatchEnd, EpochEnd
from ..widgets.dock import Dock

__all__ = ["CurvesDock"]

_TRAIN = "#1f77b4"
_VAL = "#ff7f0e"
_BATCH = "#9bb7d4"


class CurvesDock(Dock):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Curves"), "curvesDock", parent, scroll=False, padded=False)
        self.graphics = pg.GraphicsLayoutWidget(self.body)
        self.graphics.setObjectName("curvesView")
        self.graphics.setBackground("w")
        self.column.addWidget(self.graphics)

        self.loss_plot = self.graphics.addPlot(row=0, col=0, title=self.tr("Loss"))
        self.accuracy_plot = self.graphics.addPlot(row=1, col=0, title=self.tr("Accuracy"))
        for plot, label in ((self.loss_plot, self.tr("loss")), (self.accuracy_plot, self.tr("accuracy"))):
            plot.setLabel("bottom", self.tr("epoch"))
            plot.setLabel("left", label)
            plot.showGrid(x=True, y=True, alpha=0.25)
            plot.addLegend(offset=(-10, 10))
        self.accuracy_plot.setYRange(0, 1, padding=0.02)
        self.accuracy_plot.setXLink(self.loss_plot)

        self.batch_loss = self.loss_plot.plot(name=self.tr("training loss (batch)"), pen=pg.mkPen(_BATCH, width=1))
        self.batch_loss.setDownsampling(auto=True, method="peak")
        self.batch_loss.setClipToView(True)
        self.train_loss = self.loss_plot.plot(
            name=self.tr("training loss"), pen=pg.mkPen(_TRAIN, width=2), symbol="o", symbolSize=6, symbolBrush=_TRAIN
        )
        self.val_loss = self.loss_plot.plot(
            name=self.tr("validation loss"), pen=pg.mkPen(_VAL, width=2), symbol="s", symbolSize=6, symbolBrush=_VAL
        )
        self.train_accuracy = self.accuracy_plot.plot(
            name=self.tr("training accuracy"),
            pen=pg.mkPen(_TRAIN, width=2),
            symbol="o",
            symbolSize=6,
            symbolBrush=_TRAIN,
        )
        self.val_accuracy = self.accuracy_plot.plot(
            name=self.tr("validation accuracy"), pen=pg.mkPen(_VAL, width=2), symbol="s", symbolSize=6, symbolBrush=_VAL
        )
        self.best_line = pg.InfiniteLine(
            angle=90, movable=False, pen=pg.mkPen("#2ca02c", width=1, style=pg.QtCore.Qt.PenStyle.DashLine)
        )
        self.best_line.setVisible(False)
        self.accuracy_plot.addItem(self.best_line, ignoreBounds=True)
        self.failure_label = pg.TextItem(color="#d62728", anchor=(0, 0))
        self.failure_label.setVisible(False)
        self.loss_plot.addItem(self.failure_label, ignoreBounds=True)
        self.reset()

    def reset(self) -> None:
        """Empty every curve for a new run."""
        self._batch_x: list[float] = []
        self._batch_y: list[float] = []
        self._epochs: list[EpochEnd] = []
        for curve in (self.batch_loss, self.train_loss, self.val_loss, self.train_accuracy, self.val_accuracy):
            curve.setData([], [])
        self.best_line.setVisible(False)
        self.failure_label.setVisible(False)

    @property
    def batch_points(self) -> int:
        return len(self._batch_x)

    @property
    def epoch_points(self) -> int:
        return len(self._epochs)

    def add_batches(self, events: Sequence[BatchEnd]) -> None:
        for e in events:
            self._batch_x.append(e.epoch - 1 + e.step / e.steps)
            # A diverging loss is NaN/inf: keep the curve drawable, the failure is marked separately.
            self._batch_y.append(e.loss if math.isfinite(e.loss) else np.nan)
        if events:
            self.batch_loss.setData(
                np.asarray(self._batch_x, dtype=np.float64),
                np.asarray(self._batch_y, dtype=np.float64),
                connect="finite",
            )

    def add_epochs(self, events: Sequence[EpochEnd]) -> None:
        if not events:
            return
        self._epochs.extend(events)
        x = np.array([e.epoch for e in self._epochs], dtype=np.float64)
        self.train_loss.setData(x, [e.train_loss for e in self._epochs])
        self.val_loss.setData(x, [e.val_loss for e in self._epochs])
        self.train_accuracy.setData(x, [e.train_accuracy for e in self._epochs])
        self.val_accuracy.setData(x, [e.val_accuracy for e in self._epochs])
        best = [e for e in self._epochs if e.is_best]
        if best:
            self.best_line.setPos(best[-1].epoch)
            self.best_line.setVisible(True)

    def mark_failure(self, text: str) -> None:
        x = self._batch_x[-1] if self._batch_x else 0.0
        finite = [y for y in self._batch_y if math.isfinite(y)]
        self.failure_label.setText(text)
        self.failure_label.setPos(x, max(finite) if finite else 1.0)
        self.failure_label.setVisible(True)
