"""The Runs dock's comparison: the selected runs' curves overlaid (pyqtgraph) and a table of their figures.

One colour per run; validation solid, training dashed. Curves are rebuilt only when the selection
changes (a finished run's history does not grow), never per frame.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QSplitter, QTableWidget, QTableWidgetItem, QWidget

from ...core.runs import RunDetails

__all__ = ["RunComparison", "run_colour", "format_duration", "format_accuracy"]

# Tableau 10: distinct on white, and the first four (the chapter's ladder) tell apart for most colour vision.
_COLOURS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22")
_GREY = "#555555"
_LEGEND_LABEL_PX = 170  # longer run names are elided in the middle, so two legend columns fit a narrow dock


def run_colour(index: int) -> str:
    return _COLOURS[index % len(_COLOURS)]


def _tr(text: str) -> str:
    return QCoreApplication.translate("RunComparison", text)


def format_duration(seconds: float | None) -> str:
    """ "42 s", "3 min 05 s", "1 h 02 min"; "" when unknown."""
    if seconds is None or not math.isfinite(seconds):
        return ""
    s = round(seconds)
    if s < 60:
        return _tr("{0} s").format(s)
    if s < 3600:
        return _tr("{0} min {1} s").format(s // 60, f"{s % 60:02d}")
    return _tr("{0} h {1} min").format(s // 3600, f"{s % 3600 // 60:02d}")


def format_accuracy(value: float | None) -> str:
    return "" if value is None or not math.isfinite(value) else _tr("{0} %").format(f"{100 * value:.1f}")


class _SortItem(QTableWidgetItem):
    """A table cell that sorts by a number (its UserRole) rather than by its text."""

    def __lt__(self, other: QTableWidgetItem) -> bool:
        mine, theirs = self.data(Qt.ItemDataRole.UserRole), other.data(Qt.ItemDataRole.UserRole)
        if isinstance(mine, int | float) and isinstance(theirs, int | float):
            return mine < theirs
        return self.text().casefold() < other.text().casefold()  # (PySide's base __lt__ recurses into this one)


class RunComparison(QSplitter):
    """The curves of several runs over each other (loss above, accuracy below) and their comparison table."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Vertical, parent)
        self.setObjectName("runComparison")
        self.setChildrenCollapsible(False)
        self.graphics = pg.GraphicsLayoutWidget(self)
        self.graphics.setObjectName("runCurvesView")
        self.graphics.setBackground("w")
        self.graphics.setMinimumHeight(200)
        self.loss_plot = self.graphics.addPlot(row=0, col=0, title=self.tr("Loss"))
        self.accuracy_plot = self.graphics.addPlot(row=0, col=1, title=self.tr("Accuracy"))
        for plot, label in ((self.loss_plot, self.tr("loss")), (self.accuracy_plot, self.tr("accuracy"))):
            plot.setLabel("bottom", self.tr("epoch"))
            plot.setLabel("left", label)
            plot.showGrid(x=True, y=True, alpha=0.25)
            plot.getAxis("left").enableAutoSIPrefix(False)
        self.accuracy_plot.setYRange(0, 1, padding=0.02)
        self.accuracy_plot.setXLink(self.loss_plot)
        # The legend under both plots, not over them: with four runs it would hide the curves of a narrow dock.
        self.legend = pg.LegendItem(colCount=2, labelTextSize="8pt", horSpacing=16, verSpacing=-6, frame=False)
        self.graphics.addItem(self.legend, row=1, col=0, colspan=2)
        self._legend_font = QFont(self.font())
        self._legend_font.setPointSizeF(8)
        self.curves: dict[tuple[str, str], pg.PlotDataItem] = {}  # (run_dir, "val_loss" etc.) → its curve

        self.table = QTableWidget(0, 9, self)
        self.table.setObjectName("runComparisonTable")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Run"),
                self.tr("Model"),
                self.tr("Augmentation"),
                self.tr("Transfer"),
                self.tr("Epochs"),
                self.tr("Best epoch"),
                self.tr("Best val. accuracy"),
                self.tr("Final val. loss"),
                self.tr("Duration"),
            ]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setSortingEnabled(True)
        self.addWidget(self.graphics)
        self.addWidget(self.table)
        self.setStretchFactor(0, 3)
        self.setStretchFactor(1, 1)
        self.setSizes([450, 150])  # the curves first; the table shows four runs and scrolls

    @property
    def shown_runs(self) -> list[str]:
        """The run folders whose curves are drawn, in the order of the legend."""
        return list(dict.fromkeys(run_dir for run_dir, _ in self.curves))

    def legend_names(self) -> list[str]:
        return [label.text for _sample, label in self.legend.items]

    def show_runs(self, runs: list[RunDetails]) -> None:
        """Overlay the curves of `runs` and list their figures (an empty list clears both)."""
        for plot in (self.loss_plot, self.accuracy_plot):
            for item in plot.listDataItems():
                plot.removeItem(item)  # (through the plot: it keeps its own list of curves)
        self.curves.clear()
        self.legend.clear()
        for index, run in enumerate(runs):
            self._add_curves(run, run_colour(index))
        if runs:  # what the dashed lines are, once, in grey (each run's name stands by its solid validation line)
            key = pg.PlotDataItem(pen=pg.mkPen(_GREY, width=1.5, style=Qt.PenStyle.DashLine))
            self.legend.addItem(key, self.tr("training (dashed)"))
        self.loss_plot.enableAutoRange()
        self.accuracy_plot.enableAutoRange(axis="x")
        self._fill_table(runs)

    def _add_curves(self, run: RunDetails, colour: str) -> None:
        curves, name = run.curves, run.entry.name
        x = np.asarray(curves.epochs, dtype=np.float64)
        solid, dashed = pg.mkPen(colour, width=2), pg.mkPen(colour, width=1.5, style=Qt.PenStyle.DashLine)
        for plot, key, pen in (
            (self.loss_plot, "val_loss", solid),
            (self.loss_plot, "train_loss", dashed),
            (self.accuracy_plot, "val_accuracy", solid),
            (self.accuracy_plot, "train_accuracy", dashed),
        ):
            y = np.asarray(getattr(curves, key), dtype=np.float64)
            symbol = "o" if key.startswith("val") else None
            curve = plot.plot(x, y, pen=pen, symbol=symbol, symbolSize=5, symbolBrush=colour, connect="finite")
            curve.setToolTip(run.run_dir)
            self.curves[(run.run_dir, key)] = curve
        label = QFontMetrics(self._legend_font).elidedText(name, Qt.TextElideMode.ElideMiddle, _LEGEND_LABEL_PX)
        self.legend.addItem(self.curves[(run.run_dir, "val_accuracy")], label)

    def _fill_table(self, runs: list[RunDetails]) -> None:
        self.table.setSortingEnabled(False)
        self.table.setRowCount(len(runs))
        for row, run in enumerate(runs):
            e = run.entry
            values: list[tuple[str, object]] = [
                (e.name, None),
                (e.model or "", None),
                (e.augmentation or "", None),
                (run.transfer_mode or "", None),
                ("" if e.epochs is None else str(e.epochs), e.epochs),
                ("" if e.best_epoch is None else str(e.best_epoch), e.best_epoch),
                (format_accuracy(e.val_accuracy), e.val_accuracy),
                ("" if run.final_val_loss is None else f"{run.final_val_loss:.4f}", run.final_val_loss),
                (format_duration(e.duration), e.duration),
            ]
            for column, (text, key) in enumerate(values):
                item = _SortItem(text)
                if key is not None:
                    item.setData(Qt.ItemDataRole.UserRole, key)
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if column == 0:
                    item.setForeground(pg.mkColor(run_colour(row)))
                    item.setToolTip(run.run_dir)
                self.table.setItem(row, column, item)
        self.table.setSortingEnabled(True)
