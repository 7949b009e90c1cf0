"""The Curves dock: live loss and accuracy, per batch and per epoch (pyqtgraph), and a finished run's curves.

Curves are created once and updated with ``setData`` from the window's refresh timer (≤ 5 Hz);
nothing is cleared and re-added per epoch. Drawing is kept cheap, since it shares the machine with the
training: the views follow the data by whole epochs (the axes are laid out again once an epoch, not at
every redraw), long curves have no point symbols, and a dock that cannot be seen (closed, or a tab behind
another) only keeps the data and draws it when it comes into view. The epoch axis reads in epochs, with the
first epoch's batches as fractions (`widgets.epoch_axis`), and the legends sit under the plots, off the data;
a short dock sets the plots side by side (`widgets.plot_stack`). The dock also shows:

- a smoothing slider (the book's exponential smoothing; the values under the mouse stay raw);
- the best epoch, marked on both plots and named in both legends with the metric the run picks it by
  (the lowest validation loss by default, which can be an early epoch while the accuracy still rises);
- the gap between training and validation shaded, so overfitting shows as a widening band;
- the start of the fine-tuning phase;
- the values of the epoch under the mouse;
- export of the plots as PNG or SVG and of the data as CSV (`core.curves`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QGraphicsItem,
    QHBoxLayout,
    QLabel,
    QMenu,
    QSizePolicy,
    QSlider,
    QToolButton,
    QWidget,
)

from ...core.curves import smooth, write_curves_csv
from ...core.events import BatchEnd, EpochEnd
from ...core.runs import RunCurves
from ..widgets.dock import Dock
from ..widgets.epoch_axis import EpochAxis, ValueAxis, nice_ceiling
from ..widgets.forms import wrapped_label
from ..widgets.plot_export import export_view
from ..widgets.plot_stack import PlotStack

__all__ = ["CurvesDock"]

_TRAIN = "#1f77b4"
_VAL = "#ff7f0e"
_BATCH = "#9bb7d4"
_BEST = "#2ca02c"
_PHASE = "#7f7f7f"
_GAP = (255, 127, 14, 45)
_LEFT_AXIS_WIDTH = 70  # tick labels and the metric's name
_MAX_SYMBOLS = 30  # epoch curves longer than this are drawn as lines only


def _dashed(colour: str) -> Any:
    return pg.mkPen(colour, width=1, style=Qt.PenStyle.DashLine)


class CurvesDock(Dock):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Curves"), "curvesDock", parent, scroll=False, padded=False)
        self._build_controls()
        self.graphics = pg.GraphicsLayoutWidget(self.body)
        self.graphics.setObjectName("curvesView")
        self.graphics.setBackground("w")
        self.column.addWidget(self.graphics, 1)
        self.readout = wrapped_label(self.body, "curvesReadout")
        self.readout.setContentsMargins(6, 0, 6, 4)
        self.column.addWidget(self.readout)

        # each plot with its legend in the rows under it, off the data: its curves, then the best epoch
        self.best_key = pg.PlotDataItem(pen=_dashed(_BEST))  # the legends' entry for the best epoch
        # (each metric named along its plot's side, not in a title row: the height goes to the data)
        self.loss_plot, self.loss_legend, loss_best = self._add_plot(0, self.tr("Loss"))
        self.accuracy_plot, self.accuracy_legend, accuracy_best = self._add_plot(3, self.tr("Accuracy"))
        self.best_legends = [loss_best, accuracy_best]
        self.loss_plot.showLabel("bottom", False)  # stacked, the plots share the epoch axis's label
        self.plot_stack = PlotStack(  # side by side when the dock is short
            self.graphics,
            [(self.loss_plot, self.loss_legend, loss_best), (self.accuracy_plot, self.accuracy_legend, accuracy_best)],
            shared=(1, 2),  # the loss plot's legends: the same colours and best epoch as the accuracy plot's
            on_change=lambda side_by_side: self.loss_plot.showLabel("bottom", side_by_side),
        )
        self.accuracy_plot.setXLink(self.loss_plot)
        self.accuracy_plot.setYRange(0, 1, padding=0.02)
        self.accuracy_plot.disableAutoRange()  # its x follows the loss plot's, which `_fit_view` sets
        for plot in (self.loss_plot, self.accuracy_plot):
            plot.vb.sigRangeChangedManually.connect(self._stop_following)

        self.batch_loss = self.loss_plot.plot(name=self.tr("training, per batch"), pen=pg.mkPen(_BATCH, width=1))
        self.batch_loss.setDownsampling(auto=True, method="peak")
        self.batch_loss.setClipToView(True)
        # (each plot's title says which metric: the legends name the data set)
        self.train_loss = self._epoch_curve(self.loss_plot, self.tr("training"), _TRAIN, "o")
        self.val_loss = self._epoch_curve(self.loss_plot, self.tr("validation"), _VAL, "s")
        self.train_accuracy = self._epoch_curve(self.accuracy_plot, self.tr("training"), _TRAIN, "o")
        self.val_accuracy = self._epoch_curve(self.accuracy_plot, self.tr("validation"), _VAL, "s")
        self.gaps = [
            pg.FillBetweenItem(self.train_loss.curve, self.val_loss.curve, brush=pg.mkBrush(_GAP)),
            pg.FillBetweenItem(self.train_accuracy.curve, self.val_accuracy.curve, brush=pg.mkBrush(_GAP)),
        ]
        for plot, gap in zip((self.loss_plot, self.accuracy_plot), self.gaps, strict=True):
            plot.addItem(gap)
            gap.setZValue(-10)
        self.best_lines = [pg.InfiniteLine(angle=90, movable=False, pen=_dashed(_BEST)) for _ in range(2)]
        for plot, line in zip((self.loss_plot, self.accuracy_plot), self.best_lines, strict=True):
            plot.addItem(line, ignoreBounds=True)
        self.best_line = self.best_lines[1]
        self._monitor = "val_loss"
        self.phase_lines: list[tuple[pg.PlotItem, pg.InfiniteLine]] = []
        self._redraws = 0
        self.failure_label = pg.TextItem(color="#d62728", anchor=(0, 0))
        self.loss_plot.addItem(self.failure_label, ignoreBounds=True)
        self.graphics.scene().sigMouseMoved.connect(self._on_mouse_moved)
        self.reset()

    def _build_controls(self) -> None:
        row = QHBoxLayout()
        row.setContentsMargins(6, 4, 6, 0)
        row.addWidget(QLabel(self.tr("Smoothing:"), self.body))
        self.smoothing = QSlider(Qt.Orientation.Horizontal, self.body)
        self.smoothing.setObjectName("curvesSmoothingSlider")
        self.smoothing.setRange(0, 95)
        self.smoothing.setToolTip(
            self.tr("Exponential smoothing of the lines, as the book smooths its fine-tuning curves (0: raw)")
        )
        self.smoothing.valueChanged.connect(lambda _v: self._redraw())
        self.smoothing_value = QLabel("0.00", self.body)
        row.addWidget(self.smoothing, 1)
        row.addWidget(self.smoothing_value)
        self.export_button = QToolButton(self.body)
        self.export_button.setObjectName("curvesExportButton")
        self.export_button.setText(self.tr("Export"))
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.export_button)
        menu.addAction(self.tr("Plots as PNG…"), lambda: self._ask_export("png"))
        menu.addAction(self.tr("Plots as SVG…"), lambda: self._ask_export("svg"))
        menu.addAction(self.tr("Data as CSV…"), lambda: self._ask_export("csv"))
        self.export_button.setMenu(menu)
        row.addWidget(self.export_button)
        self.column.addLayout(row)

    def _add_plot(self, row: int, title: str) -> tuple[pg.PlotItem, pg.LegendItem, pg.LegendItem]:
        plot = self.graphics.addPlot(row=row, col=0, axisItems={"bottom": EpochAxis(), "left": ValueAxis()})
        plot.setLabel("left", title)
        plot.setLabel("bottom", self.tr("epoch"))
        plot.showGrid(x=True, y=True, alpha=0.25)
        left = plot.getAxis("left")
        left.setWidth(_LEFT_AXIS_WIDTH)  # fixed: new tick labels never lay the plots out again
        for axis in (left, plot.getAxis("bottom")):
            # The axes (their grid lies under the curves) repaint with every new batch; from a pixmap, drawn
            # again only when the range changes, that costs a copy instead of their text (bench/gui_latency.py).
            axis.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        legend, best = (pg.LegendItem(colCount=n, labelTextSize="8pt", horSpacing=12, frame=False) for n in (3, 1))
        self.graphics.addItem(legend, row=row + 1, col=0)
        plot.legend = legend  # where `plot.plot(name=...)` puts its entry
        # the best epoch's entry on a line of its own (it is long), there from the start so nothing moves later
        best.addItem(self.best_key, " ")
        best.setVisible(False)
        self.graphics.addItem(best, row=row + 2, col=0)
        for item in (legend, best):  # the plots take the height; a legend row keeps its own, without margins
            item.layout.setContentsMargins(4, 0, 4, 0)
            item.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        return plot, legend, best

    def _epoch_curve(self, plot, name: str, colour: str, symbol: str) -> pg.PlotDataItem:
        return plot.plot(name=name, pen=pg.mkPen(colour, width=2), symbol=symbol, symbolSize=6, symbolBrush=colour)

    # ---- data in -----------------------------------------------------------------------------
    def reset(self) -> None:
        """Empty every curve for a new run."""
        self._batches: list[dict[str, Any]] = []  # for the CSV
        self._batch_x: list[float] = []  # drawn: fractional epochs and losses, appended as they come
        self._batch_y: list[float] = []
        self._rows: list[dict[str, Any]] = []
        self._phase = ""
        self._best_epoch: int | None = None
        self._loss_top = 0.0  # the highest finite loss so far: the loss plot's height follows it, never shrinking
        self._view = (0, 0.0)  # (epochs, loss height) the views were last fitted to
        self._following = True  # until the user pans or zooms
        self._stale = False  # data arrived while the dock could not be seen
        self._best_text = None
        for plot, line in self.phase_lines:
            plot.removeItem(line)
        self.phase_lines = []
        self.failure_label.setVisible(False)
        self.readout.setText(self.tr("Move the mouse over the plots to read an epoch's values."))
        self._redraw()

    @property
    def batch_points(self) -> int:
        return len(self._batches)

    @property
    def epoch_points(self) -> int:
        return len(self._rows)

    @property
    def best_epoch(self) -> int | None:
        return self._best_epoch

    @property
    def monitor(self) -> str:
        """The metric the run picks its best epoch by: "val_loss" (the lowest) or "val_accuracy" (the highest)."""
        return self._monitor

    def set_monitor(self, monitor: str) -> None:
        """Say which metric the best epoch is picked by (the run's ``TrainConfig.monitor``)."""
        if monitor != self._monitor:
            self._monitor = monitor
            self._redraw()

    def on_screen(self) -> None:
        if self._stale:  # data came while the dock could not be seen
            self._redraw()

    @property
    def redraws(self) -> int:
        """How many times the plots' data were set: once per `add_batches`/`add_epochs` call on screen."""
        return self._redraws

    def add_batches(self, events: Sequence[BatchEnd]) -> None:
        for e in events:
            # A diverging loss is NaN/inf: keep the curve drawable, the failure is marked separately.
            loss = e.loss if math.isfinite(e.loss) else math.nan
            self._batches.append({"epoch": e.epoch, "step": e.step, "steps": e.steps, "loss": loss})
            self._batch_x.append(e.epoch - 1 + e.step / e.steps)
            self._batch_y.append(loss)
            if loss > self._loss_top:
                self._loss_top = loss
        if events:
            if self._can_draw():
                self._draw_batches()
                self._fit_view()
                self._redraws += 1

    def add_epochs(self, events: Sequence[EpochEnd]) -> None:
        if not events:
            return
        for e in events:
            self._add_row(
                {
                    "epoch": e.epoch,
                    "phase": self._phase,
                    "train_loss": e.train_loss,
                    "train_accuracy": e.train_accuracy,
                    "val_loss": e.val_loss,
                    "val_accuracy": e.val_accuracy,
                },
                e.is_best,
            )
        self._redraw()

    def begin_phase(self, name: str) -> None:
        """Epochs from now on belong to phase `name` ("fine-tune" for the book's fine-tuning); marked on the plots."""
        self._phase = name
        if self._rows:
            self._mark_phase(self._rows[-1]["epoch"] + 0.5, name)

    def show_history(
        self, rows: Sequence[Mapping[str, Any]], best_epoch: int | None = None, monitor: str = "val_loss"
    ) -> None:
        """Show a finished run's curves from its history rows (``history.jsonl``); no batch curve.

        `monitor` is the metric the run picked `best_epoch` by (status.json's ``monitor``)."""
        self._monitor = monitor
        self.reset()
        previous = None
        for row in rows:
            phase = str(row.get("phase", ""))
            if previous is not None and phase != previous:
                self._mark_phase(float(row["epoch"]) - 0.5, phase)
            previous = phase
            self._add_row(
                {k: row.get(k) for k in ("epoch", "train_loss", "train_accuracy", "val_loss", "val_accuracy")}
                | {"phase": phase},
                row.get("epoch") == best_epoch,
            )
        self._redraw()

    def show_run(self, curves: RunCurves, best_epoch: int | None = None, monitor: str = "val_loss") -> None:
        """Show a finished run's curves (`core.runs.read_curves`), its best epoch picked by `monitor`."""
        columns = ("epoch", "phase", "train_loss", "train_accuracy", "val_loss", "val_accuracy")
        values = (
            curves.epochs,
            curves.phases,
            curves.train_loss,
            curves.train_accuracy,
            curves.val_loss,
            curves.val_accuracy,
        )
        rows = [dict(zip(columns, row, strict=True)) for row in zip(*values, strict=True)]
        self.show_history(rows, best_epoch, monitor)

    def mark_failure(self, text: str) -> None:
        finite = [y for y in self._batch_y if math.isfinite(y)]
        x = self._batch_x[-1] if self._batch_x else 0.0
        self.failure_label.setText(text)
        self.failure_label.setPos(x, max(finite) if finite else 1.0)
        self.failure_label.setVisible(True)

    def _add_row(self, row: dict[str, Any], is_best: bool) -> None:
        row["best"] = False
        if is_best:
            for other in self._rows:
                other["best"] = False
            row["best"] = True
            self._best_epoch = int(row["epoch"])
        self._rows.append(row)
        for key in ("train_loss", "val_loss"):
            value = row.get(key)
            if isinstance(value, int | float) and math.isfinite(value) and value > self._loss_top:
                self._loss_top = float(value)

    def _mark_phase(self, x: float, name: str) -> None:
        label = self.tr("fine-tuning") if name == "fine-tune" else name
        # the label away from each plot's legend: low on the loss plot, high on the accuracy plot
        for plot, height in ((self.loss_plot, 0.1), (self.accuracy_plot, 0.95)):
            line = pg.InfiniteLine(
                pos=x,
                angle=90,
                movable=False,
                pen=_dashed(_PHASE),
                label=label,
                labelOpts={"position": height, "color": _PHASE, "anchors": [(0, 0), (0, 0)]},
            )
            plot.addItem(line, ignoreBounds=True)
            self.phase_lines.append((plot, line))

    # ---- drawing -----------------------------------------------------------------------------
    @property
    def factor(self) -> float:
        return self.smoothing.value() / 100

    def _draw_batches(self) -> None:
        y = smooth(self._batch_y, self.factor)
        self.batch_loss.setData(np.asarray(self._batch_x, dtype=np.float64), y, connect="finite")

    def _can_draw(self) -> bool:
        self._stale = not self.is_on_screen()
        return not self._stale

    def _redraw(self, even_unseen: bool = False) -> None:
        self.smoothing_value.setText(f"{self.factor:.2f}")
        if not self._can_draw() and not even_unseen:
            return
        self._stale = False
        self._redraws += 1
        self._draw_batches()
        x = np.array([r["epoch"] for r in self._rows], dtype=np.float64)
        symbols = len(self._rows) <= _MAX_SYMBOLS
        for curve, key, symbol in (
            (self.train_loss, "train_loss", "o"),
            (self.val_loss, "val_loss", "s"),
            (self.train_accuracy, "train_accuracy", "o"),
            (self.val_accuracy, "val_accuracy", "s"),
        ):
            if (curve.opts["symbol"] is not None) != symbols:
                curve.setSymbol(symbol if symbols else None)
            curve.setData(x, smooth([float(r[key]) for r in self._rows], self.factor))
        for gap in self.gaps:
            gap.setVisible(len(self._rows) >= 2)
        self._draw_best()
        self._fit_view()

    def _draw_best(self) -> None:
        best = next((r for r in self._rows if r["best"]), None)
        for line in self.best_lines:
            line.setVisible(best is not None)
            if best is not None:
                line.setPos(best["epoch"])
        value = best.get(self._monitor) if best is not None else None
        text = "" if best is None else self.best_text(best["epoch"], value if value is not None else math.nan)
        if text == self._best_text:
            return
        for legend in self.best_legends:
            legend.getLabel(self.best_key).setText(text or " ")
            legend.setVisible(bool(text))
        self._best_text = text

    def best_text(self, epoch: int, value: float) -> str:
        """The legends' entry for the best `epoch`, whose monitored metric is `value`."""
        if self._monitor == "val_accuracy":
            return self.tr("best: epoch {0} (highest validation accuracy, {1:.1%})").format(epoch, value)
        return self.tr("best: epoch {0} (lowest validation loss, {1:.3f})").format(epoch, value)

    def _fit_view(self) -> None:
        """Follow the data by whole epochs, and the loss plot's height by the highest loss; only on a change."""
        if not self._following:
            return
        last = max(self._batch_x[-1] if self._batch_x else 0.0, self._rows[-1]["epoch"] if self._rows else 0.0)
        epochs = max(1, math.ceil(last - 1e-9))
        top = 1.0 if self._loss_top <= 0 else nice_ceiling(self._loss_top * 1.05)
        if (epochs, top) == self._view:
            return
        self._view = (epochs, top)
        self.loss_plot.setRange(xRange=(0, epochs), yRange=(0, top), padding=0.02)

    def _stop_following(self) -> None:
        """The user panned or zoomed: leave the view where they put it until the next run."""
        self._following = False

    # ---- values under the mouse ----------------------------------------------------------------
    def _on_mouse_moved(self, position: QPointF) -> None:
        for plot in (self.loss_plot, self.accuracy_plot):
            if plot.sceneBoundingRect().contains(position):
                self.show_values_at(plot.vb.mapSceneToView(position).x())
                return

    def show_values_at(self, x: float) -> None:
        """Say the values of the epoch nearest to `x` (an epoch position on the plots), raw, not smoothed."""
        if not self._rows:
            return
        row = min(self._rows, key=lambda r: abs(r["epoch"] - x))
        text = self.tr(
            "Epoch {0}: training loss {1:.4f}, accuracy {2:.1%} · validation loss {3:.4f}, accuracy {4:.1%}"
        ).format(row["epoch"], row["train_loss"], row["train_accuracy"], row["val_loss"], row["val_accuracy"])
        if row["best"]:
            text += self.tr(" · best epoch")
        if row["phase"] == "fine-tune":
            text += self.tr(" · fine-tuning")
        self.readout.setText(text)

    # ---- export ------------------------------------------------------------------------------
    def _ask_export(self, kind: str) -> None:
        filters = {
            "png": self.tr("PNG images (*.png)"),
            "svg": self.tr("SVG drawings (*.svg)"),
            "csv": self.tr("CSV tables (*.csv)"),
        }
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export curves"), f"curves.{kind}", filters[kind])
        if path:
            self.export(path)

    def export(self, path: str) -> list[str]:
        """Write the plots (``.png``, ``.svg``) or the data (``.csv``: epochs, and batches beside them); returns the files."""
        if self._stale:
            self._redraw(even_unseen=True)
        if path.lower().endswith(".csv"):
            return [str(p) for p in write_curves_csv(path, self._rows, self._batches)]
        export_view(self.graphics, path, self.tr("Training curves"))
        return [path]
