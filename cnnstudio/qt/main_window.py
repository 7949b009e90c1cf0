"""The main window: the shell around the session — docks, actions, menus, the status bar, and a clean shutdown.

What a training run shows is the `TrainingPresenter`'s job; the jobs themselves run through
`workers.JobRunner`s, and closing the window stops them all through `workers.shutdown_all`.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QStyle,
    QWidget,
)

from ..core.errors import UserError
from ..core.training import TrainConfig
from . import settings as app_settings
from . import window_layout
from .dataset_presenter import DatasetPresenter
from .dialogs.settings import open_settings
from .docks.augment import AugmentDock
from .docks.classify import ClassifyDock
from .docks.curves import CurvesDock
from .docks.dataset import DatasetDock
from .docks.evaluation import EvaluationDock
from .docks.gallery import GalleryDock
from .docks.log import LogDock
from .docks.model import ModelDock
from .docks.runs import RunsDock
from .docks.timeline import TimelineDock
from .docks.training import TrainingDock
from .help import HelpActions
from .job_log import JobLog
from .look_inside import LookInside
from .resources import app_icon
from .runs_presenter import RunsPresenter
from .session import Session
from .texts import tr_message, tr_word, without_mnemonic
from .training_presenter import TrainingPresenter
from .widgets.drops import local_files
from .workers import shutdown_all

__all__ = ["MainWindow", "SHUTDOWN_TIMEOUT_MS"]

SHUTDOWN_TIMEOUT_MS = 10_000  # closing waits at most this long, in all, for the background jobs


def _standard_keys(key: QKeySequence.StandardKey, fallback: str) -> list[QKeySequence]:
    """The platform's shortcut for a standard action, or `fallback` where the platform defines none."""
    return QKeySequence.keyBindings(key) or [QKeySequence(fallback)]


class MainWindow(QMainWindow):
    """cnnstudio's window. ``MainWindow()`` comes up with the demo dataset, ready to train."""

    def __init__(self, session: Session | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("cnnstudio"))
        self.setWindowIcon(app_icon())
        self.setDockNestingEnabled(True)
        self.setAcceptDrops(True)  # drop a dataset folder anywhere on the window
        app_settings.apply_cache_budgets()
        self.session = session or Session(self)
        self.shutdown_timeout_ms = SHUTDOWN_TIMEOUT_MS

        self._create_actions()
        self._create_docks()
        self._create_menus()
        self._create_toolbar()
        self._create_status_bar()

        s = self.session
        self.training_presenter = TrainingPresenter(
            s.trainer,
            self.curves_dock,
            self.training_dock,
            self.log_dock,
            self.status_progress,
            self.status_label,
            self,
        )
        self.runs_presenter = RunsPresenter(self)  # offers finished runs, loads runs, the chapter's ladder
        self.dataset_presenter = DatasetPresenter(s, self.dataset_dock, self.log_dock, self)
        self.dataset_presenter.status_changed.connect(self._show_status)
        self.dataset_presenter.error_raised.connect(self._show_error)
        s.dataset_changed.connect(self.evaluation_dock.set_dataset)  # "the open dataset" is the session's
        self.evaluation_dock.set_dataset(s.dataset)
        self.classify_dock.image_chosen.connect(self.look_inside.show_image)
        self.gallery_dock.inspect_requested.connect(self.look_inside.inspect)
        s.items_listed.connect(self.look_inside.set_dataset_items)
        self.training_presenter.run_failed.connect(
            lambda reason, details: self._show_error(self.tr("Training failed"), reason, details)
        )
        s.dataset_changed.connect(self._on_session_dataset_changed)
        s.items_listed.connect(self.gallery_dock.show_items)
        s.items_listed.connect(self.augment_dock.set_items)
        s.config_changed.connect(self._on_session_config_changed)
        s.training_state_changed.connect(self._on_training_state_changed)
        s.dataset_scan_state_changed.connect(self._on_scan_state_changed)
        self.model_dock.changed.connect(lambda changes: s.update_config(**changes))
        self.training_dock.changed.connect(lambda changes: s.update_config(**changes))
        self.training_dock.runs_root_changed.connect(
            lambda path: app_settings.set_value(app_settings.Key.RUNS_ROOT, path)
        )
        self.dataset_dock.open_folder_requested.connect(self.dataset_presenter.choose_folder)
        self.dataset_dock.demo_requested.connect(self.session.use_demo_dataset)
        self.dataset_dock.subset_requested.connect(self.dataset_presenter.make_subset_dialog)
        self.dataset_dock.split_changed.connect(self.session.resplit)
        self.augment_dock.changed.connect(lambda changes: s.update_config(**changes))
        self.gallery_dock.files_dropped_on_class.connect(self.dataset_presenter.add_images_to_class)
        self.model_dock.pretrained.downloader.job_ended.connect(lambda _e: self._update_actions())
        self.model_dock.pretrained.checker.job_ended.connect(lambda _e: self._update_actions())
        # ---- depth comparison (issue 9, item 5): the Pretrained tab compares cuts on the open dataset ----
        s.dataset_changed.connect(self.model_dock.pretrained.set_dataset)
        self.model_dock.pretrained.set_dataset(s.dataset)

        self.training_dock.set_runs_root(app_settings.value(app_settings.Key.RUNS_ROOT))
        # ---- Runs dock (issue 9): follows the runs folder, refreshes when a run starts or ends ----
        self.runs_dock.set_root(app_settings.value(app_settings.Key.RUNS_ROOT))
        self.training_dock.runs_root_changed.connect(self.runs_dock.set_root)
        s.training_state_changed.connect(lambda _running: self.runs_dock.refresh())
        s.trainer.event_received.connect(self.timeline_dock.follow_event)  # Timeline: the live run, loaded runs
        self.runs_dock.load_requested.connect(self.timeline_dock.show_run)
        self._on_session_dataset_changed(s.dataset)
        if s.items is not None:  # listed before the window was built
            self.gallery_dock.show_items(s.items)
            self.augment_dock.set_items(s.items)
            self.look_inside.set_dataset_items(s.items)
        self._on_session_config_changed(s.config)
        # ---- issue 11 item 4: every long action ends with a line in the log and the status bar ----
        self.job_log = JobLog(self.log_dock.append, self.statusBar(), self)
        window_layout.restore_layout(self)
        # ---- issue 11 (remember): a window with a session of its own reopens the last dataset ----
        start_line = s.open_at_start() if session is None else ""
        if s.dataset.is_demo and not s.scanner.is_running:
            self.log_dock.append(self.tr("Welcome. The demo dataset is loaded: press Train to watch a convnet learn."))
        else:
            self.log_dock.append(self.tr("Welcome. Press Train to train a convnet on the open dataset."))
        if start_line:
            self.log_dock.append(start_line)

    # ---- construction --------------------------------------------------------------------
    def _action(self, name: str, text: str, slot, icon=None, keys=(), role=None) -> QAction:
        action = QAction(text, self)
        action.setIconText(without_mnemonic(text))  # toolbar and dock buttons: no "(T)" left from "训练(&T)"
        action.setObjectName(name)
        if icon is not None:
            action.setIcon(self.style().standardIcon(icon))
        action.setShortcuts([QKeySequence(k) if isinstance(k, str) else k for k in keys])
        if role is not None:
            action.setMenuRole(role)
        if slot is not None:
            action.triggered.connect(slot)
        return action

    def _create_actions(self) -> None:
        pixmap, keys, role = QStyle.StandardPixmap, QKeySequence.StandardKey, QAction.MenuRole
        open_keys, quit_keys = _standard_keys(keys.Open, "Ctrl+O"), _standard_keys(keys.Quit, "Ctrl+Q")
        self.action_open_dataset = self._action(
            "actionOpenDataset", self.tr("&Open dataset folder…"), self._on_open, pixmap.SP_DirOpenIcon, open_keys
        )
        self.action_open_dataset.setStatusTip(self.tr("Open a folder with one sub-folder of images per class"))
        self.action_demo = self._action(
            "actionDemoDataset", self.tr("Use &demo dataset"), self._on_demo, pixmap.SP_FileDialogContentsView
        )
        self.action_demo.setShortcut(QKeySequence("Ctrl+Shift+D"))
        train_keys, stop_keys = ["Ctrl+Return", "F5"], ["Ctrl+.", "Shift+F5"]
        self.action_train = self._action("actionTrain", self.tr("&Train"), self.start_training, pixmap.SP_MediaPlay)
        self.action_train.setShortcuts([QKeySequence(k) for k in train_keys])
        self.action_train.setStatusTip(self.tr("Train the model on the dataset (Ctrl+Enter)"))
        self.action_stop = self._action(
            "actionStop", self.tr("&Stop"), self.stop_training, pixmap.SP_MediaStop, stop_keys
        )
        self.action_stop.setStatusTip(self.tr("Stop after the current batch; the run keeps its last finished epoch"))
        self.action_stop.setEnabled(False)
        self.action_pause = self._action("actionPause", self.tr("&Pause"), None, pixmap.SP_MediaPause, ["Ctrl+P"])
        self.action_pause.setCheckable(True)
        self.action_pause.setStatusTip(self.tr("Pause training after the current batch; press again to resume"))
        self.action_pause.toggled.connect(self.pause_training)
        self.action_pause.setEnabled(False)
        self.action_quit = self._action("actionQuit", self.tr("&Quit"), self.close, keys=quit_keys, role=role.QuitRole)
        self.action_reset_layout = self._action("actionResetLayout", self.tr("&Reset layout"), self.reset_layout)
        settings_keys = _standard_keys(keys.Preferences, "Ctrl+,")
        self.action_settings = self._action(
            "actionSettings",
            self.tr("&Settings…"),
            lambda: open_settings(self),
            keys=settings_keys,
            role=role.PreferencesRole,
        )

    def _on_open(self) -> None:
        self.dataset_presenter.choose_folder()

    def _on_demo(self) -> None:
        self.session.use_demo_dataset()

    def _create_docks(self) -> None:
        self.dataset_dock = DatasetDock(self)
        self.model_dock = ModelDock(self)
        self.training_dock = TrainingDock(self.action_train, self.action_stop, self)
        self.curves_dock = CurvesDock(self)
        self.runs_dock = RunsDock(self)
        self.gallery_dock = GalleryDock(self)
        self.augment_dock = AugmentDock(self)
        self.classify_dock = ClassifyDock(self)
        self.evaluation_dock = EvaluationDock(self)
        self.timeline_dock = TimelineDock(self)  # issue 9 item 7: explanations over time
        self.log_dock = LogDock(self)
        self.look_inside = LookInside(self)
        self._docks = (
            self.dataset_dock,
            self.model_dock,
            self.training_dock,
            self.curves_dock,
            self.runs_dock,
            self.gallery_dock,
            self.augment_dock,
            self.classify_dock,
            self.evaluation_dock,
            self.timeline_dock,
            *self.look_inside.docks,
            self.log_dock,
        )
        for dock in self._docks:
            self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
        window_layout.arrange_default(self)  # window_layout.DEFAULT_COLUMNS; a picked tab gets room:
        window_layout.make_room_for_picked_tabs(self)
        self._default_state = self.saveState()

    def _create_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addAction(self.action_open_dataset)
        self.recent_menu = file_menu.addMenu(self.tr("Open &recent"))
        self.recent_menu.setObjectName("recentMenu")
        self.recent_menu.aboutToShow.connect(lambda: self.dataset_presenter.fill_recent_menu(self.recent_menu))
        file_menu.addAction(self.action_demo)
        file_menu.addSeparator()
        # Open run… and Recent runs (runs_presenter) go in before this separator, then Settings… (issue 11).
        self.file_menu, self.file_menu_runs_place = file_menu, file_menu.addSeparator()
        file_menu.addAction(self.action_settings)
        file_menu.addSeparator()
        file_menu.addAction(self.action_quit)
        train_menu = bar.addMenu(self.tr("&Train"))
        train_menu.addAction(self.action_train)
        train_menu.addAction(self.action_pause)
        train_menu.addAction(self.action_stop)
        train_menu.addSeparator()
        self.train_menu = train_menu
        view_menu = bar.addMenu(self.tr("&View"))
        for dock in self._docks:
            view_menu.addAction(dock.toggleViewAction())
        view_menu.addSeparator()
        view_menu.addAction(self.action_reset_layout)
        help_menu = bar.addMenu(self.tr("&Help"))
        self.help = HelpActions(self, help_menu, self.log_dock)  # issue 11: shortcuts, report a problem, About
        self.action_about = self.help.action_about

    def _create_toolbar(self) -> None:
        toolbar = self.addToolBar(self.tr("Main"))
        toolbar.setObjectName("mainToolBar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.addAction(self.action_open_dataset)
        toolbar.addAction(self.action_demo)
        toolbar.addSeparator()
        toolbar.addAction(self.action_train)
        toolbar.addAction(self.action_pause)
        toolbar.addAction(self.action_stop)

    def _create_status_bar(self) -> None:
        self.status_label = QLabel(self)
        self.status_label.setObjectName("statusLabel")
        self.status_progress = QProgressBar(self)
        self.status_progress.setObjectName("statusProgress")
        self.status_progress.setMaximumWidth(220)
        self.status_progress.setVisible(False)
        self.statusBar().addPermanentWidget(self.status_label)
        self.statusBar().addPermanentWidget(self.status_progress)

    def save_layout(self) -> None:
        window_layout.save_layout(self)

    def reset_layout(self) -> None:
        """Every dock back in its default place, shown, the window's size kept (View → Reset layout)."""
        for dock in self._docks:
            dock.setFloating(False)
            dock.setVisible(True)
        self.restoreState(self._default_state)
        window_layout.fit_default_sizes(self)

    # ---- user commands -------------------------------------------------------------------
    def open_dataset(self, folder: str) -> None:
        """Open `folder` as the dataset (scanned in the background)."""
        self.dataset_presenter.open_folder(folder)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt override
        if any(Path(p).is_dir() for p in local_files(event)):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt override
        folders = [p for p in local_files(event) if Path(p).is_dir()]
        if not folders:
            event.ignore()
            return
        event.acceptProposedAction()
        self.open_dataset(folders[0])

    @Slot()
    def start_training(self) -> None:
        if self.session.is_training:
            return
        if self.model_dock.train_blocker:
            self._show_error(self.tr("Cannot start training"), self.model_dock.train_blocker)
            return
        try:
            run_dir = self.session.start_training()
        except UserError as exc:
            self._show_error(self.tr("Cannot start training"), tr_message(exc.message))
            return
        if run_dir is not None:
            self.training_presenter.begin_run(run_dir)

    @Slot()
    def stop_training(self) -> None:
        if self.session.is_training:
            self.action_stop.setEnabled(False)
            self.training_dock.state.setText(self.tr("Stopping after the current batch…"))
            self.session.stop_training()

    @Slot(bool)
    def pause_training(self, paused: bool) -> None:
        self.action_pause.setText(self.tr("&Resume") if paused else self.tr("&Pause"))
        self.training_presenter.set_paused(paused)

    # ---- session and job events ----------------------------------------------------------
    def _on_session_dataset_changed(self, dataset) -> None:
        if not self.session.is_training:
            self.training_dock.clear_run()  # the last run's "Finished 68.2 %" was about another dataset
        self.dataset_dock.show_dataset(dataset)
        self.gallery_dock.show_dataset(dataset)
        self.augment_dock.set_dataset(dataset)
        self.model_dock.show_spec(self.session.model_spec())
        self._update_actions()
        n = sum(dataset.split_size(split) for split in ("train", "validation", "test"))
        self.log_dock.append(
            self.tr("Dataset: {0} ({1} classes, {2} images).").format(
                tr_word(dataset.name), len(dataset.class_names), n
            )
        )

    def _on_session_config_changed(self, config: TrainConfig) -> None:
        self.model_dock.show_config(config, len(self.session.dataset.class_names))
        self.training_dock.show_config(config)
        self.augment_dock.show_spec(config.augment_spec())
        self.model_dock.show_spec(self.session.model_spec())
        self._update_actions()

    def _update_actions(self) -> None:
        busy = self.session.is_training
        scanning = self.session.scanner.is_running
        problem = self.model_dock.train_blocker
        self.action_train.setEnabled(not busy and not scanning and not problem)
        self.action_train.setToolTip(problem or self.tr("Train the model on the dataset"))
        self.action_stop.setEnabled(busy)
        self.runs_presenter.set_enabled(not busy and not scanning and not problem)
        self.action_pause.setEnabled(busy)
        if not busy and self.action_pause.isChecked():
            self.action_pause.setChecked(False)  # the run ended while paused
        self.action_open_dataset.setEnabled(not busy and not scanning)
        self.action_demo.setEnabled(not busy and not scanning)
        self.model_dock.widget().setEnabled(not busy)
        self.augment_dock.set_locked(busy)
        self.dataset_dock.set_locked(busy or scanning)
        self.training_dock.set_running(busy)

    def _on_training_state_changed(self, running: bool) -> None:
        self._update_actions()
        self.training_presenter.set_running(running)

    def _on_scan_state_changed(self, scanning: bool) -> None:
        self.dataset_dock.set_scanning(scanning)
        self._update_actions()

    # ---- messages ------------------------------------------------------------------------
    def _show_status(self, text: str) -> None:
        self.status_label.setText(text)

    def _show_error(self, title: str, text: str, details: str = "") -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, self)
        box.setObjectName("errorBox")
        if details:
            box.setDetailedText(details)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()  # not exec(): the window keeps running (and tests are never blocked)

    # ---- shutdown ------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        """Ask while training; then cancel every job, wait once (at most `shutdown_timeout_ms`), save, close.

        A job that outlives the limit is reported in the log and on stderr and left behind: the
        window closes anyway, and the app exits with status 0 (see `app.run_app`).
        """
        if self.session.is_training and not self._confirm_quit():
            event.ignore()
            return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            report = shutdown_all(self.shutdown_timeout_ms)
        finally:
            QApplication.restoreOverrideCursor()
        if not report.clean:
            self.log_dock.append(
                self.tr("Closing without waiting for: {0}").format(", ".join(report.still_running)), "warning"
            )
        self.training_presenter.stop()
        for dialog in self.findChildren(QDialog):  # the subset dialog, the image viewer, message boxes
            if dialog.isVisible():
                dialog.reject()  # not close(): a message box without an Escape button ignores it
        self.save_layout()
        event.accept()

    def _confirm_quit(self) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Quit cnnstudio?"),
            self.tr(
                "Training is still running. Stop it and quit?\n\n"
                "The run folder keeps the weights of the last finished epoch."
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes
