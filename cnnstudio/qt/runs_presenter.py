"""What the window does with runs: offer a finished run's model to the docks, load a run, and run the chapter's ladder.

A run that finishes, or one the user loads from the Runs dock, becomes the model Classify,
Evaluation and the look-inside docks work with; a loaded run's curves are shown too (unless a run is
training: its live curves stay). Train › Reproduce the chapter queues the chapter's four runs
(`run_queue.ChapterQueue`) and, when they are done, compares them in the Runs dock. File › Open run…
and File › Recent runs load a run folder from anywhere the same way.
"""

from __future__ import annotations

from collections.abc import Generator
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QInputDialog, QMenu, QMessageBox

from ..core.errors import RunFolderError, UserError
from ..core.events import Event, Failed, Finished
from ..core.messages import msg
from ..core.runs import BEST, LAST, RunFolder, read_curves
from ..core.training import resumable_epochs
from . import settings as app_settings
from .run_queue import ChapterQueue
from .texts import tr_message
from .widgets.files import ask_folder
from .widgets.recent import fill_recent_menu
from .workers import JobRunner

if TYPE_CHECKING:
    from .main_window import MainWindow

__all__ = ["RunsPresenter", "check_run_folder"]


def check_run_folder(path: str) -> None:
    """Raise a `UserError` that says what is wrong unless `path` is a run folder: a readable config.json and weights."""
    folder = RunFolder(path)
    folder.read_config()  # a folder that is not there, or holds no run, is named by the error
    if not any((folder.path / name).is_file() for name in (BEST, LAST)):
        raise UserError(msg("runs.weights_missing", path=str(folder.path / BEST)))


def _epochs_job(run_dir: str) -> Generator[Event, None, int]:
    """The epochs a run's checkpoint holds; fails with the reason when the run cannot be continued."""
    yield from ()
    return resumable_epochs(run_dir)


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
        window.runs_dock.continue_requested.connect(self.ask_continue)
        window.runs_dock.run_renamed.connect(self._on_run_renamed)
        window.runs_dock.run_deleted.connect(lambda run_dir: self._on_run_renamed(run_dir, None))
        self._asking = ""  # the run whose checkpoint is being read before asking how far to continue it
        self._checker = JobRunner(self)
        self._checker.job_ended.connect(self._on_epochs_read)
        self._add_file_menu_entries(window)
        self.offer_recent_runs()

    # ---- File › Open run…, File › Recent runs (issue 11, item 5) ----
    def _add_file_menu_entries(self, window: MainWindow) -> None:
        self.action_open_run = QAction(self.tr("Open r&un…"), window)
        self.action_open_run.setObjectName("actionOpenRun")
        self.action_open_run.setStatusTip(
            self.tr("Load a run folder: its model goes to Classify, Evaluation and the look-inside docks")
        )
        self.action_open_run.triggered.connect(self.choose_run)
        self.recent_runs_menu = QMenu(self.tr("Recent ru&ns"), window)
        self.recent_runs_menu.setObjectName("recentRunsMenu")
        self.recent_runs_menu.aboutToShow.connect(self.fill_recent_runs)
        window.file_menu.insertAction(window.file_menu_runs_place, self.action_open_run)
        window.file_menu.insertMenu(window.file_menu_runs_place, self.recent_runs_menu)

    def offer_recent_runs(self) -> None:
        """The runs of earlier sessions (File › Recent runs) in Classify, Evaluation and the look-inside docks again,
        the most recent one selected, as the user left them."""
        for run_dir in reversed(app_settings.recent_runs()):
            self.offer_run(run_dir)

    @Slot()
    def choose_run(self) -> None:
        start = str(app_settings.value(app_settings.Key.RUNS_ROOT))
        ask_folder(self._window, self.tr("Open run folder"), start, self.open_run)

    def open_run(self, run_dir: str) -> bool:
        """Load the run in `run_dir` as the Runs dock's Load does; a folder that holds no run is refused with the reason."""
        try:
            check_run_folder(run_dir)
        except UserError as exc:
            box = QMessageBox(
                QMessageBox.Icon.Warning,
                self.tr("Cannot open the run"),
                tr_message(exc.message),
                QMessageBox.StandardButton.Ok,
                self._window,
            )
            box.setObjectName("errorBox")
            box.setWindowModality(Qt.WindowModality.WindowModal)
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()  # not exec(): the window keeps running
            self._window.log_dock.append(tr_message(exc.message), "error")
            return False
        self.load_run(str(Path(run_dir)))
        return True

    def fill_recent_runs(self) -> None:
        """The menu of recent runs, most recent first; runs whose folders are gone are left out (and forgotten)."""
        fill_recent_menu(
            self.recent_runs_menu,
            app_settings.recent_runs(),
            self.open_run,
            self.tr("No recent runs"),
            lambda: app_settings.set_value(app_settings.Key.RECENT_RUNS, []),
        )

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
        name = self.offer_run(run_dir)
        app_settings.remember_run(run_dir)  # File › Recent runs
        if not self._window.session.is_training:
            self._show_curves(run_dir)
        self._window.log_dock.append(
            self.tr("Loaded run {0}: its model is in Classify, Evaluation and the look-inside docks.").format(name)
        )

    def _on_run_renamed(self, old: str, new: str | None) -> None:
        """A run folder renamed or deleted in the Runs dock: the docks that offer its model follow."""
        w = self._window
        title = Path(new).name if new else ""
        for dock in (w.classify_dock, w.look_inside, w.evaluation_dock):
            dock.replace_run(old, new, title)

    def _show_curves(self, run_dir: str) -> None:
        try:
            curves, best = read_curves(run_dir), RunFolder(run_dir).read_status().get("best_epoch")
        except (RunFolderError, OSError, ValueError):
            return
        self._window.curves_dock.show_run(curves, best if isinstance(best, int) else None)

    @Slot(str)
    def ask_continue(self, run_dir: str) -> None:
        """Ask for the new total of epochs and continue the run (model, optimizer, schedule and random state restored).

        The checkpoint is read in the background first (a pretrained run's is large), then the question asked.
        """
        w = self._window
        if w.session.is_training:
            w.log_dock.append(self.tr("Stop the current run before continuing another."), "warning")
            return
        self._asking = run_dir
        self._checker.start(lambda: _epochs_job(run_dir), "continue-check", supersede=True)

    def _on_epochs_read(self, event: object) -> None:
        w, run_dir = self._window, self._asking
        name = Path(run_dir).name
        if isinstance(event, Failed):
            QMessageBox.warning(w, self.tr("Cannot continue {0}").format(name), tr_message(event.reason))
            return
        if not isinstance(event, Finished) or w.session.is_training:
            return
        done = int(event.result)
        total, ok = QInputDialog.getInt(
            w,
            self.tr("Continue {0}").format(name),
            self.tr("The run has {0} epochs. Train it until epoch (in all):").format(done),
            done + max(1, w.session.config.epochs),
            done + 1,
            100_000,
        )
        if ok:
            self.continue_run(run_dir, total)

    def continue_run(self, run_dir: str, epochs: int) -> bool:
        """Continue `run_dir` to `epochs` epochs in all; its curves so far stay and the new epochs join them."""
        w = self._window
        if w.session.continue_run(run_dir, epochs) is None:
            return False
        w.training_presenter.begin_run(run_dir)
        self._show_curves(run_dir)
        return True

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
