"""What a training run looks like while it runs: curves, progress, status text and the log.

The trainer reports every batch; the presenter buffers those events and redraws from a timer at most
5 times a second, never once per batch, so a fast run cannot flood the GUI thread (and the Curves dock
draws nothing while it cannot be seen). Rare events (a finished epoch, a log line, the end of the run) are
shown when they arrive. Starting a run brings the Curves dock to the front.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import QLabel, QProgressBar

from ..core.errors import RunFolderError
from ..core.events import BatchEnd, Cancelled, EpochEnd, Failed, Finished, LogMessage, Progress, RunStarted
from ..core.messages import format_duration
from ..core.runs import RunFolder
from . import window_layout
from .docks.curves import CurvesDock
from .docks.log import LogDock
from .docks.training import TrainingDock
from .texts import tr_message
from .workers import JobRunner

__all__ = ["TrainingPresenter", "REFRESH_INTERVAL_MS"]

# At most 5 redraws a second. Repainting the two plots (pyqtgraph's axes, the curves) is the GUI's one heavy
# task while a run trains: at ~30 a second it kept the GUI thread busy 65 % of the time and the training
# thread, on a 2-core machine, ran at half the speed it reaches with the window idle (bench/gui_latency.py).
REFRESH_INTERVAL_MS = 200


class TrainingPresenter(QObject):
    """Shows the `trainer`'s run in the Curves and Training docks, the log and the status bar.

    Signals: ``refreshed()`` after every redraw of buffered events; ``run_finished(str)`` with the run
    folder of a run that completed; ``run_failed(str, str)`` with the reason (translated) and details.
    """

    refreshed = Signal()
    run_finished = Signal(str)
    run_failed = Signal(str, str)

    def __init__(
        self,
        trainer: JobRunner,
        curves: CurvesDock,
        training: TrainingDock,
        log: LogDock,
        progress: QProgressBar,
        status: QLabel,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._trainer = trainer
        self._curves, self._training, self._log = curves, training, log
        self._progress, self._status = progress, status
        self._batches: list[BatchEnd] = []
        self._epochs: list[EpochEnd] = []
        self._pending_progress: Progress | None = None
        self._last_batch: BatchEnd | None = None
        self._shown_batch: BatchEnd | None = None  # the batch the status line says; not set again until a new one
        self._running = False
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_INTERVAL_MS)
        self._timer.timeout.connect(self.refresh)
        trainer.event_received.connect(self._on_event)
        trainer.job_ended.connect(self._on_ended)

    @property
    def is_refreshing(self) -> bool:
        """True while the redraw timer runs (during a run)."""
        return self._timer.isActive()

    def begin_run(self, run_dir: str) -> None:
        """A run was just started in `run_dir`: empty the curves and say so."""
        self._curves.reset()
        self._batches.clear()
        self._epochs.clear()
        self._pending_progress = None
        self._last_batch = self._shown_batch = None
        self._training.set_run_dir("")
        self._training.state.setText(self.tr("Loading images…"))
        self._log.append(self.tr("Starting a run in {0}").format(run_dir))
        window_layout.bring_to_front(self._curves.window(), self._curves)  # the Curves in front, given room

    def set_running(self, running: bool) -> None:
        """Start or stop redrawing (connected to the session's `training_state_changed`)."""
        self._running = running
        if running:
            self._timer.start()
            self._progress.setVisible(True)
            self._progress.setRange(0, 0)
        else:
            self._timer.stop()
            self.refresh()
            self._progress.setVisible(False)

    def set_paused(self, paused: bool) -> None:
        """Hold the run between two batches, or let it go on; nothing of the run is lost."""
        if paused and self._trainer.is_running:
            self._trainer.pause()
            self._training.state.setText(self.tr("Paused. Press Resume to go on, or Stop to end the run."))
        elif self._trainer.is_paused:
            self._trainer.resume()
            self._training.state.setText(self.tr("Resumed."))

    def stop(self) -> None:
        """The window is closing: draw nothing more."""
        self._running = False
        self._timer.stop()

    @Slot(object)
    def _on_event(self, event) -> None:
        # Batches and epochs are buffered and drawn by the timer; the rest is rare.
        if isinstance(event, BatchEnd):
            self._batches.append(event)
        elif isinstance(event, EpochEnd):
            self._epochs.append(event)
            self._log.append(self._epoch_line(event))
        elif isinstance(event, Progress):
            self._pending_progress = event
        elif isinstance(event, RunStarted):
            steps = event.epochs * event.steps_per_epoch
            self._training.set_run_dir(event.run_dir)
            self._curves.set_monitor(_monitor_of(event.run_dir))
            self._progress.setRange(0, steps)
            self._training.progress.setRange(0, steps)
            self._training.progress.setValue(0)
        elif isinstance(event, LogMessage):
            self._log.append(tr_message(event.message), event.level)
            if event.message.id == "training.fine_tuning":
                self.refresh()  # the epochs before it drawn first, so the mark falls between the phases
                self._curves.begin_phase("fine-tune")
        elif isinstance(event, Finished):
            self._log.append(tr_message(event.message) or self.tr("Training finished."))
        elif isinstance(event, Failed):
            self._log.append(tr_message(event.reason), "error")
            if event.details:
                self._log.append(event.details, "error")
        elif isinstance(event, Cancelled):
            self._log.append(self.tr("Training stopped: {0}").format(tr_message(event.reason)), "warning")

    def _epoch_line(self, event: EpochEnd) -> str:
        return self.tr(
            "Epoch {0}/{1}: loss {2:.4f}, accuracy {3:.1%}; validation loss {4:.4f}, accuracy {5:.1%}{6}"
        ).format(
            event.epoch,
            event.epochs,
            event.train_loss,
            event.train_accuracy,
            event.val_loss,
            event.val_accuracy,
            self.tr(" (best so far)") if event.is_best else "",
        )

    @Slot(object)
    def _on_ended(self, event) -> None:
        self.refresh()
        if not self._curves.epoch_points:
            self._training.set_run_dir("")  # a run that kept no epoch left no folder to open
        if isinstance(event, Finished):
            result = event.result
            last = result.history[-1] if result.history else {"val_accuracy": result.val_accuracy}
            if self._curves.monitor == "val_accuracy":
                text = self.tr(
                    "Finished. Validation accuracy {0:.1%} at the end; the best epoch, by the highest validation "
                    "accuracy, was {1} ({2:.1%})."
                )
            else:
                text = self.tr(
                    "Finished. Validation accuracy {0:.1%} at the end; the best epoch, by the lowest validation "
                    "loss, was {1} ({2:.1%})."
                )
            text = text.format(last["val_accuracy"], result.best_epoch, result.val_accuracy)
            self._training.progress.setValue(self._training.progress.maximum())
            self.run_finished.emit(str(result.run_dir))
        elif isinstance(event, Cancelled) and self._curves.epoch_points:
            text = self.tr("Stopped. The run folder keeps the weights of the last finished epoch.")
        elif isinstance(event, Cancelled):
            text = self.tr("Stopped before the first epoch ended; no run folder was kept.")
        else:
            reason = tr_message(getattr(event, "reason", None))
            text = self.tr("Training failed: {0}").format(reason)
            if self._last_batch is not None:
                self._curves.mark_failure(self.tr("training stopped here"))
            self.run_failed.emit(reason, getattr(event, "details", ""))
        self._training.state.setText(text)
        self._status.setText(text)

    @Slot()
    def refresh(self) -> None:
        """Draw what arrived since the last tick."""
        if self._batches:
            self._curves.add_batches(self._batches)
            self._last_batch = self._batches[-1]
            self._batches = []
        if self._epochs:
            self._curves.add_epochs(self._epochs)
            self._epochs = []
        if self._pending_progress is not None and self._last_batch is None:
            p = self._pending_progress
            self._training.state.setText(self.tr("{0}… {1}/{2}").format(tr_message(p.message), p.done, p.total))
        self._pending_progress = None
        b = self._last_batch
        if b is not None and self._running and b is not self._shown_batch:
            self._shown_batch = b
            done, total = (b.epoch - 1) * b.steps + b.step, b.epochs * b.steps
            for bar in (self._progress, self._training.progress):
                bar.setRange(0, total)
                bar.setValue(done)
            text = self.tr("Epoch {0}/{1} · batch {2}/{3} · loss {4:.4f} · ETA {5} · {6:.0f} images/s").format(
                b.epoch, b.epochs, b.step, b.steps, b.loss, format_duration(b.eta), b.images_per_second
            )
            self._status.setText(text)
            self._training.state.setText(text)
        self.refreshed.emit()


def _monitor_of(run_dir: str) -> str:
    """The metric a run picks its best epoch by, from its config.json (written before the run starts)."""
    try:
        monitor = RunFolder(run_dir).read_config().get("training", {}).get("monitor")
    except (RunFolderError, OSError, ValueError, AttributeError):
        monitor = None
    return monitor if isinstance(monitor, str) else "val_loss"
