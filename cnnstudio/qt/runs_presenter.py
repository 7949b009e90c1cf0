"""What the window does with runs: offer a finished run's model to the docks, load a run, and run the chapter's ladder.

A run that finishes, or one the user loads from the Runs dock, becomes the model Classify,
Evaluation and the look-inside docks work with; a loaded run's curves are shown too (unless a run is
training: its live curves stay). Train › Reproduce the chapter queues the chapter's four runs
(`run_queue.ChapterQueue`) and, when they are done, compares them in the Runs dock.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QAction

from ..core.errors import RunFolderError
from ..core.runs import RunFolder, read_curves
from .run_queue import ChapterQueue

if TYPE_CHECKING:
    from .main_window import MainWindow

__all__ = ["RunsPresenter"]


class RunsPresenter(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.queue = ChapterQueue(window.session, self)
        self.action_chapter = QAction(self.tr("Reproduce the &chapter…"), window)
        self.action_chapter.setObjectName("actionReproduceChapter")
        self.action_chapter.setStatusTip(
            self.tr(
                "Train the chapter's four runs one after another: scratch, augmentation, feature extraction, fine-tuning"
            )
        )
        self.action_chapter.triggered.connect(lambda: self.queue.confirm_and_start(window))
        window.train_menu.addAction(self.action_chapter)
        self.queue.step_started.connect(self._on_step_started)
        self.queue.finished.connect(self._on_ladder_finished)
        self.queue.stopped.connect(lambda text: window.log_dock.append(text, "warning"))
        window.training_presenter.run_finished.connect(self.offer_run)
        window.runs_dock.load_requested.connect(self.load_run)

    @Slot(str)
    def offer_run(self, run_dir: str) -> str:
        """A run's model becomes the one Classify, Evaluation and the look-inside docks work with; returns its name."""
        w, name = self._window, Path(run_dir).name
        w.classify_dock.set_run(run_dir, name)
        w.look_inside.add_run(run_dir, name)
        w.evaluation_dock.add_run(run_dir, name)
        return name

    @Slot(str)
    def load_run(self, run_dir: str) -> None:
        """Make a run the one the app shows: its model in the docks and, unless a run is training, its curves."""
        w, name = self._window, self.offer_run(run_dir)
        try:
            curves, best = read_curves(run_dir), RunFolder(run_dir).read_status().get("best_epoch")
        except (RunFolderError, OSError, ValueError):
            curves, best = None, None
        if curves is not None and not w.session.is_training:
            w.curves_dock.show_run(curves, best if isinstance(best, int) else None)
        w.log_dock.append(
            self.tr("Loaded run {0}: its model is in Classify, Evaluation and the look-inside docks.").format(name)
        )

    def _on_step_started(self, step: int, run_dir: str) -> None:
        w = self._window
        w.training_presenter.begin_run(run_dir)
        w.log_dock.append(self.tr("The chapter, run {0} of 4: {1}").format(step + 1, Path(run_dir).name))

    def _on_ladder_finished(self, runs: list) -> None:
        w = self._window
        w.log_dock.append(self.tr("The chapter's four runs are done; the Runs dock compares them."))
        w.runs_dock.compare(runs)

    def set_enabled(self, enabled: bool) -> None:
        self.action_chapter.setEnabled(enabled and not self.queue.is_running)
