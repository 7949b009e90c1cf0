"""The Timeline dock: a run's probe images explained epoch by epoch (issue 9, item 7).

Each probe is shown with the Grad-CAM map of its top-1 class (or of its true class) after the epoch
the slider picks, with the top-1 and its probability under it, marked right (green) or wrong (red).
Play steps through the epochs, so the maps sharpen under your eyes; the small plot below shows
training and validation accuracy with the chosen epoch marked, so you see where overfitting starts.
The dock follows the run being trained (it reads the run's ``probes/`` after each epoch) and shows
a run loaded from the Runs dock. Reading is a background job (`core.training.probes.load_timeline`);
the dock only lays the stored maps over their probes.
"""

from __future__ import annotations

from pathlib import Path

import pyqtgraph as pg
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QSlider, QWidget

from ...core.events import EpochEnd, Failed, Finished, RunStarted
from ...core.runs import RunFolder
from ...core.training.probes import RIGHT, WRONG, ProbeFrame, Timeline, load_timeline, probe_overlay
from ..texts import tr_message
from ..widgets.dock import Dock
from ..widgets.forms import choice_combo, push_button, wrapped_label
from ..widgets.images import to_pixmap
from ..workers import JobRunner

__all__ = ["TimelineDock", "CELL_SIDE", "PLAY_INTERVAL_MS"]

CELL_SIDE = 120  # pixels of each probe's overlay
PLAY_INTERVAL_MS = 700
_COLUMNS = 4


def _load(run_dir: str):
    timeline, frames = yield from load_timeline(run_dir)
    return timeline, frames, RunFolder(run_dir).read_history()


def _hex(colour: tuple[int, int, int]) -> str:
    return "#{:02x}{:02x}{:02x}".format(*colour)


class TimelineDock(Dock):
    """Probe heatmaps per epoch, a slider and Play over the epochs, and the accuracy curves with the epoch marked."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Timeline"), "timelineDock", parent)
        body = self.body
        self.timeline: Timeline | None = None
        self.frames: dict[int, ProbeFrame] = {}
        self.history: list[dict] = []
        self.run_dir = ""
        self._live_dir = ""  # the run being trained, followed epoch by epoch
        self.loader = JobRunner(self)
        self.loader.job_ended.connect(self._on_loaded)

        # the run shown, named here: in the dock's title it would crowd its tab group's other tabs out
        self.run_label = QLabel(body)
        self.run_label.setObjectName("timelineRun")
        self.run_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.column.addWidget(self.run_label)
        top = QHBoxLayout()
        self.play_button = push_button(body, "timelinePlayButton", self.tr("Play"), self._toggle_play)
        self.play_button.setToolTip(self.tr("Step through the epochs and watch the maps change"))
        self.slider = QSlider(Qt.Orientation.Horizontal, body)
        self.slider.setObjectName("timelineSlider")
        self.slider.setEnabled(False)
        self.slider.valueChanged.connect(self._show_epoch)
        self.epoch_label = QLabel(body)
        self.epoch_label.setObjectName("timelineEpochLabel")
        self.epoch_label.setMinimumWidth(90)
        self.map_choice = choice_combo(
            body,
            "timelineMapCombo",
            {"top1": self.tr("Top-1 class map"), "true": self.tr("True class map")},
        )
        self.map_choice.currentIndexChanged.connect(lambda _i: self._show_epoch(self.slider.value()))
        top.addWidget(self.play_button)
        top.addWidget(self.slider, 1)
        top.addWidget(self.epoch_label)
        top.addWidget(self.map_choice)
        self.column.addLayout(top)

        self.status = wrapped_label(body, "timelineStatus")
        self.status.setText(
            self.tr("Train with probe images (Training dock) or load a run from the Runs dock to see its timeline.")
        )
        self.column.addWidget(self.status)
        self.grid_widget = QWidget(body)
        self.grid = QGridLayout(self.grid_widget)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.column.addWidget(self.grid_widget)
        self.cells: list[tuple[QLabel, QLabel]] = []  # (image, caption) per probe

        self.plot = pg.PlotWidget(body, background="w")
        self.plot.setObjectName("timelinePlot")
        self.plot.setMinimumHeight(150)
        self.plot.setMaximumHeight(200)
        self.plot.setLabel("left", self.tr("accuracy"))
        self.plot.setLabel("bottom", self.tr("epoch"))
        self.plot.setYRange(0.0, 1.02, padding=0)  # accuracy's whole range: the legend sits below the curves
        self.plot.enableAutoRange(axis="y", enable=False)
        self.plot.addLegend(offset=(-10, -10), brush=pg.mkBrush(255, 255, 255, 210))
        self.train_curve = self.plot.plot(name=self.tr("training"), pen=pg.mkPen("#1f77b4", width=2), symbol="o",
                                          symbolSize=5, symbolBrush="#1f77b4")  # fmt: skip
        self.val_curve = self.plot.plot(name=self.tr("validation"), pen=pg.mkPen("#ff7f0e", width=2), symbol="s",
                                        symbolSize=5, symbolBrush="#ff7f0e")  # fmt: skip
        self.epoch_line = pg.InfiniteLine(angle=90, movable=False, pen=pg.mkPen("#555", width=1.5))
        self.epoch_line.setVisible(False)
        self.plot.addItem(self.epoch_line)
        self.column.addWidget(self.plot)
        self.column.addStretch(1)

        self.player = QTimer(self)
        self.player.setInterval(PLAY_INTERVAL_MS)
        self.player.timeout.connect(self._step)

    # ---- what is shown -----------------------------------------------------------------------
    def show_run(self, run_dir: str) -> None:
        """Show a run's timeline (read in the background); a run being trained is followed after each epoch."""
        self.run_dir = str(run_dir)
        self._name_run(run_dir)
        self.loader.start(lambda: _load(self.run_dir), "timeline", supersede=True)

    def follow_event(self, event: object) -> None:
        """A training event: a new run is followed from its start, and re-read after each of its epochs."""
        if isinstance(event, RunStarted):
            self._live_dir = event.run_dir
            self._clear()
            self.run_dir = event.run_dir
            self._name_run(event.run_dir)
        elif isinstance(event, EpochEnd) and self._live_dir:
            self.show_run(self._live_dir)

    def _name_run(self, run_dir: str) -> None:
        self.run_label.setText(self.tr("Run: {0}").format(Path(run_dir).name))
        self.run_label.setToolTip(str(run_dir))

    @property
    def epoch(self) -> int:
        """The epoch shown (0: none)."""
        return self.slider.value() if self.timeline and self.timeline.epochs else 0

    def set_epoch(self, epoch: int) -> None:
        self.slider.setValue(epoch)

    # ---- loading -----------------------------------------------------------------------------
    def _on_loaded(self, event: object) -> None:
        if isinstance(event, Failed):
            self._clear()
            self.status.setText(tr_message(event.reason))
            return
        if not isinstance(event, Finished):
            return
        at_end = self.timeline is None or self.slider.value() >= self.slider.maximum()
        same_run = self.timeline is not None and str(self.timeline.run_dir) == self.run_dir
        self.timeline, self.frames, self.history = event.result
        epochs = self.timeline.epochs
        self._make_cells(len(self.timeline.probes), keep=same_run)
        self._plot_history()
        if not epochs:
            self.status.setText(self.tr("No epoch has been explained yet."))
            self.slider.setEnabled(False)
            return
        self.status.setText(
            self.tr("{0} probe images, Grad-CAM at layer {1}: green when the top-1 is right, red when wrong.").format(
                len(self.timeline.probes), self.timeline.layer
            )
        )
        previous = self.slider.value()
        self.slider.blockSignals(True)
        self.slider.setRange(epochs[0], epochs[-1])
        self.slider.setEnabled(len(epochs) > 1)
        self.slider.setValue(epochs[-1] if at_end or not same_run else min(max(previous, epochs[0]), epochs[-1]))
        self.slider.blockSignals(False)
        self._show_epoch(self.slider.value())

    def _clear(self) -> None:
        self.player.stop()
        self.play_button.setText(self.tr("Play"))
        self.timeline, self.frames, self.history = None, {}, []
        self._make_cells(0, keep=False)
        self.train_curve.setData([], [])
        self.val_curve.setData([], [])
        self.epoch_line.setVisible(False)
        self.slider.setEnabled(False)
        self.epoch_label.setText("")

    def _make_cells(self, count: int, *, keep: bool) -> None:
        if keep and len(self.cells) == count:
            return
        for image, caption in self.cells:
            image.deleteLater()
            caption.deleteLater()
        self.cells = []
        for i in range(count):
            image, caption = QLabel(self.grid_widget), QLabel(self.grid_widget)
            image.setObjectName(f"timelineProbe{i}")
            image.setFixedSize(CELL_SIDE + 6, CELL_SIDE + 6)
            image.setAlignment(Qt.AlignmentFlag.AlignCenter)
            caption.setObjectName(f"timelineCaption{i}")
            caption.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
            caption.setWordWrap(True)
            caption.setFixedWidth(CELL_SIDE + 6)
            row, column = divmod(i, _COLUMNS)
            self.grid.addWidget(image, 2 * row, column)
            self.grid.addWidget(caption, 2 * row + 1, column)
            self.cells.append((image, caption))

    def _plot_history(self) -> None:
        rows = [r for r in self.history if isinstance(r.get("epoch"), int)]
        epochs = [r["epoch"] for r in rows]
        self.train_curve.setData(epochs, [float(r.get("train_accuracy") or 0.0) for r in rows])
        self.val_curve.setData(epochs, [float(r.get("val_accuracy") or 0.0) for r in rows])

    # ---- the chosen epoch --------------------------------------------------------------------
    def _show_epoch(self, epoch: int) -> None:
        if self.timeline is None or not self.timeline.epochs:
            return
        shown = max(e for e in self.timeline.epochs if e <= epoch) if epoch >= self.timeline.epochs[0] else epoch
        frame = self.frames.get(shown)
        self.epoch_label.setText(self.tr("Epoch {0} of {1}").format(shown, self.timeline.epochs[-1]))
        self.epoch_line.setPos(shown)
        self.epoch_line.setVisible(True)
        if frame is None:
            return
        names = self.timeline.class_names
        maps = frame.true_maps if self.map_choice.currentData() == "true" else frame.top1_maps
        for i, (probe, (image, caption)) in enumerate(zip(self.timeline.probes, self.cells, strict=False)):
            top1 = int(frame.top1[i])
            image.setPixmap(to_pixmap(probe_overlay(probe, maps[i], CELL_SIDE)))
            name = names[top1] if 0 <= top1 < len(names) else str(top1)
            text = self.tr("{0} {1:.0%}").format(name, frame.confidence(i))
            if probe.label is None:
                colour = "#777777"
            elif probe.label == top1:
                colour, text = _hex(RIGHT), "✓ " + text
            else:
                truth = names[probe.label] if probe.label < len(names) else str(probe.label)
                colour, text = _hex(WRONG), "✗ " + text + " " + self.tr("(is {0})").format(truth)
            image.setStyleSheet(f"QLabel {{ border: 3px solid {colour}; }}")
            caption.setStyleSheet(f"QLabel {{ color: {colour}; }}")
            caption.setText(text)
            caption.setToolTip(probe.source)
            image.setToolTip(probe.source)

    # ---- play --------------------------------------------------------------------------------
    def _toggle_play(self) -> None:
        if self.player.isActive():
            self.player.stop()
            self.play_button.setText(self.tr("Play"))
            return
        if self.timeline is None or len(self.timeline.epochs) < 2:
            return
        if self.slider.value() >= self.slider.maximum():
            self.slider.setValue(self.slider.minimum())
        self.player.start()
        self.play_button.setText(self.tr("Pause"))

    def _step(self) -> None:
        if self.slider.value() >= self.slider.maximum():
            self._toggle_play()
            return
        self.slider.setValue(self.slider.value() + 1)

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self.player.stop()
        super().closeEvent(event)
