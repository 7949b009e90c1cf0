"""Train › Reproduce the chapter: the chapter's four runs (`core.training.ladder`) one after another.

The queue sets the session's configuration for each step, starts the run, and starts the next one
when it finishes. A run that fails or is stopped ends the queue. Whatever happens, the user's own
settings come back at the end: the queue borrows them, it does not change them.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from ..core.errors import UserError
from ..core.events import Finished
from ..core.training.ladder import LADDER_STEPS, ladder_config
from .session import Session
from .texts import tr_message

__all__ = ["ChapterQueue"]


class ChapterQueue(QObject):
    """Runs the chapter's ladder on the session's dataset.

    Signals: ``step_started(int, str)`` (step index, run folder), ``finished(list)`` (the four run
    folders), ``stopped(str)`` (why the queue ended early, translated).
    """

    step_started = Signal(int, str)
    finished = Signal(list)
    stopped = Signal(str)

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._base = None
        self._runs: list[str] = []
        self._current: str | None = None
        session.trainer.job_ended.connect(self._on_run_ended)

    @property
    def is_running(self) -> bool:
        return self._base is not None

    @property
    def runs(self) -> list[str]:
        """The folders of the steps finished so far."""
        return list(self._runs)

    def confirm_and_start(self, parent: QWidget) -> bool:
        """Say what the four runs are and how long they take, and start them if the user agrees."""
        config, dataset = self._session.config, self._session.dataset
        answer = QMessageBox.question(
            parent,
            self.tr("Reproduce the chapter?"),
            self.tr(
                "Train the chapter's four runs on {0}, one after another:\n\n"
                "1. the model from scratch;\n2. the same with data augmentation and dropout;\n"
                "3. feature extraction with a pretrained convnet;\n4. fine-tuning its top block.\n\n"
                "Each run keeps your epochs ({1}), batch size, image size, optimizer and seed, so they can be "
                "compared. Stop ends the queue; your settings come back when it ends."
            ).format(dataset.name, config.epochs),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        return answer == QMessageBox.StandardButton.Yes and self.start()

    def start(self) -> bool:
        """Start the first run; False (after `stopped`) when it cannot start."""
        if self.is_running or self._session.is_training:
            return False
        self._base, self._runs = self._session.config, []
        return self._start_step()

    def _start_step(self) -> bool:
        step = len(self._runs)
        config = ladder_config(step, self._base, self._runs)
        self._session.update_config(**{f.name: getattr(config, f.name) for f in dataclasses.fields(config)})
        try:
            run_dir = self._session.start_training(label=f"chapter-{step + 1}-{LADDER_STEPS[step]}")
        except UserError as exc:
            self._end()
            self.stopped.emit(self.tr("Step {0} could not start: {1}").format(step + 1, tr_message(exc.message)))
            return False
        if run_dir is None:
            self._end()
            self.stopped.emit(self.tr("Another run is in progress."))
            return False
        self._current = run_dir
        self.step_started.emit(step, run_dir)
        return True

    def _on_run_ended(self, event: object) -> None:
        if not self.is_running or self._current is None:
            return
        run_dir, self._current = self._current, None
        if not isinstance(event, Finished):
            done = len(self._runs)
            reason = tr_message(getattr(event, "reason", None))
            self._end()
            self.stopped.emit(self.tr("The chapter's runs stopped at step {0}: {1}").format(done + 1, reason))
            return
        self._runs.append(run_dir)
        if len(self._runs) == len(LADDER_STEPS):
            runs = self._runs
            self._end()
            self.finished.emit(runs)
        else:
            QTimer.singleShot(0, self._start_step)  # after the trainer has let go of the finished run

    def _end(self) -> None:
        """Give the user's own settings back."""
        base, self._base = self._base, None
        if base is not None:
            self._session.update_config(**{f.name: getattr(base, f.name) for f in dataclasses.fields(base)})
