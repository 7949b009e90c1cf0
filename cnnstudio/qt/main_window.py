"""The main window: docks around the session, actions, the status bar, and a clean shutdown."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, Qt, QTimer, Slot
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QMainWindow, QMessageBox, QProgressBar, QStyle, QWidget

from ..core.errors import UserError
from ..core.events import BatchEnd, Cancelled, EpochEnd, Failed, Finished, LogMessage, Progress, RunStarted
from ..core.training import TrainConfig
from . import settings as app_settings
from .dialogs.subset import SubsetDialog
from .docks.augment import AugmentDock
from .docks.classify import ClassifyDock
from .docks.curves import CurvesDock
from .docks.dataset import DatasetDock
from .docks.gallery import GalleryDock
from .docks.log import LogDock
from .docks.model import ModelDock
from .docks.training import TrainingDock
from .resources import app_icon
from .session import Session
from .texts import tr_message
from .widgets.drops import local_files

__all__ = ["MainWindow"]

REFRESH_INTERVAL_MS = 33  # the GUI redraws at most ~30 times a second, never once per batch
SHUTDOWN_TIMEOUT_MS = 10_000


def _format_seconds(seconds: float) -> str:
    seconds = int(max(0, seconds))
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


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
        self.session = session or Session(self)
        self._pending_batches: list[BatchEnd] = []
        self._pending_epochs: list[EpochEnd] = []
        self._last_batch: BatchEnd | None = None
        self._pending_progress: Progress | None = None
        self._run_started: RunStarted | None = None
        self._error_box: QMessageBox | None = None  # the last error shown (window-modal, non-blocking)
        self._subset_dialog: SubsetDialog | None = None
        self._closing = False

        self._create_actions()
        self._create_docks()
        self._create_menus()
        self._create_toolbar()
        self._create_status_bar()

        self._refresh_timer = QTimer(self)
        self._refresh_timer.setInterval(REFRESH_INTERVAL_MS)
        self._refresh_timer.timeout.connect(self._refresh)

        s = self.session
        s.dataset_changed.connect(self._on_session_dataset_changed)
        s.config_changed.connect(self._on_session_config_changed)
        s.training_state_changed.connect(self._on_training_state_changed)
        s.dataset_scan_state_changed.connect(self._on_scan_state_changed)
        s.trainer.event_received.connect(self._on_trainer_event)
        s.trainer.job_ended.connect(self._on_trainer_ended)
        s.scanner.event_received.connect(self._on_scanner_event)
        self.model_dock.changed.connect(lambda changes: s.update_config(**changes))
        self.training_dock.changed.connect(lambda changes: s.update_config(**changes))
        self.training_dock.runs_root_changed.connect(
            lambda path: app_settings.set_value(app_settings.Key.RUNS_ROOT, path)
        )
        self.dataset_dock.open_folder_requested.connect(self.open_dataset_dialog)
        self.dataset_dock.demo_requested.connect(self.session.use_demo_dataset)
        self.dataset_dock.subset_requested.connect(self.make_subset_dialog)
        self.dataset_dock.split_changed.connect(self.session.resplit)
        self.augment_dock.changed.connect(lambda changes: s.update_config(**changes))
        self.gallery_dock.files_dropped_on_class.connect(self.add_images_to_class)
        self.model_dock.pretrained.downloader.job_ended.connect(lambda _e: self._update_actions())
        self.model_dock.pretrained.checker.job_ended.connect(lambda _e: self._update_actions())

        self.training_dock.set_runs_root(app_settings.value(app_settings.Key.RUNS_ROOT))
        self._on_session_dataset_changed(s.dataset)
        self._on_session_config_changed(s.config)
        self._restore_layout()
        self.log_dock.append(self.tr("Welcome. The demo dataset is loaded: press Train to watch a convnet learn."))

    # ---- construction --------------------------------------------------------------------
    def _create_actions(self) -> None:
        style = self.style()
        self.action_open_dataset = QAction(
            style.standardIcon(QStyle.StandardPixmap.SP_DirOpenIcon), self.tr("&Open dataset folder…"), self
        )
        self.action_open_dataset.setObjectName("actionOpenDataset")
        self.action_open_dataset.setShortcuts(_standard_keys(QKeySequence.StandardKey.Open, "Ctrl+O"))
        self.action_open_dataset.setStatusTip(self.tr("Open a folder with one sub-folder of images per class"))
        self.action_open_dataset.triggered.connect(self.open_dataset_dialog)

        self.action_demo = QAction(
            style.standardIcon(QStyle.StandardPixmap.SP_FileDialogContentsView), self.tr("Use &demo dataset"), self
        )
        self.action_demo.setObjectName("actionDemoDataset")
        self.action_demo.setShortcut(QKeySequence("Ctrl+Shift+D"))
        self.action_demo.triggered.connect(lambda: self.session.use_demo_dataset())

        self.action_train = QAction(style.standardIcon(QStyle.StandardPixmap.SP_MediaPlay), self.tr("&Train"), self)
        self.action_train.setObjectName("actionTrain")
        self.action_train.setShortcuts([QKeySequence("Ctrl+Return"), QKeySequence("F5")])
        self.action_train.setStatusTip(self.tr("Train the model on the dataset (Ctrl+Enter)"))
        self.action_train.triggered.connect(self.start_training)

        self.action_stop = QAction(style.standardIcon(QStyle.StandardPixmap.SP_MediaStop), self.tr("&Stop"), self)
        self.action_stop.setObjectName("actionStop")
        self.action_stop.setShortcuts([QKeySequence("Ctrl+."), QKeySequence("Shift+F5")])
        self.action_stop.setStatusTip(self.tr("Stop after the current batch; the run keeps its last finished epoch"))
        self.action_stop.setEnabled(False)
        self.action_stop.triggered.connect(self.stop_training)

        self.action_quit = QAction(self.tr("&Quit"), self)
        self.action_quit.setObjectName("actionQuit")
        self.action_quit.setShortcuts(_standard_keys(QKeySequence.StandardKey.Quit, "Ctrl+Q"))
        self.action_quit.setMenuRole(QAction.MenuRole.QuitRole)
        self.action_quit.triggered.connect(self.close)

        self.action_reset_layout = QAction(self.tr("&Reset layout"), self)
        self.action_reset_layout.setObjectName("actionResetLayout")
        self.action_reset_layout.triggered.connect(self.reset_layout)

        self.action_about = QAction(self.tr("&About cnnstudio"), self)
        self.action_about.setObjectName("actionAbout")
        self.action_about.setMenuRole(QAction.MenuRole.AboutRole)
        self.action_about.triggered.connect(self._on_about)

    def _create_docks(self) -> None:
        self.dataset_dock = DatasetDock(self)
        self.model_dock = ModelDock(self)
        self.training_dock = TrainingDock(self.action_train, self.action_stop, self)
        self.curves_dock = CurvesDock(self)
        self.gallery_dock = GalleryDock(self)
        self.augment_dock = AugmentDock(self)
        self.classify_dock = ClassifyDock(self)
        self.log_dock = LogDock(self)
        self._docks = (
            self.dataset_dock,
            self.model_dock,
            self.training_dock,
            self.curves_dock,
            self.gallery_dock,
            self.augment_dock,
            self.classify_dock,
            self.log_dock,
        )
        self._default_layout()
        self._default_state = self.saveState()

    def _default_layout(self) -> None:
        """Dataset over Model on the left, Training beside them, Curves / Gallery / Augmentation over Log on the right."""
        left, right = Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea
        self.addDockWidget(left, self.dataset_dock)
        self.addDockWidget(right, self.curves_dock)
        self.splitDockWidget(self.dataset_dock, self.training_dock, Qt.Orientation.Horizontal)
        self.splitDockWidget(self.dataset_dock, self.model_dock, Qt.Orientation.Vertical)
        self.splitDockWidget(self.curves_dock, self.log_dock, Qt.Orientation.Vertical)
        self.tabifyDockWidget(self.curves_dock, self.gallery_dock)
        self.tabifyDockWidget(self.gallery_dock, self.augment_dock)
        self.tabifyDockWidget(self.augment_dock, self.classify_dock)
        self.curves_dock.raise_()
        self.resizeDocks(
            [self.dataset_dock, self.training_dock, self.curves_dock], [430, 300, 670], Qt.Orientation.Horizontal
        )
        self.resizeDocks([self.dataset_dock, self.model_dock], [400, 440], Qt.Orientation.Vertical)
        self.resizeDocks([self.curves_dock, self.log_dock], [640, 180], Qt.Orientation.Vertical)

    def _create_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addAction(self.action_open_dataset)
        self.recent_menu = file_menu.addMenu(self.tr("Open &recent"))
        self.recent_menu.setObjectName("recentMenu")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addAction(self.action_demo)
        file_menu.addSeparator()
        file_menu.addAction(self.action_quit)
        train_menu = bar.addMenu(self.tr("&Train"))
        train_menu.addAction(self.action_train)
        train_menu.addAction(self.action_stop)
        view_menu = bar.addMenu(self.tr("&View"))
        for dock in self._docks:
            view_menu.addAction(dock.toggleViewAction())
        view_menu.addSeparator()
        view_menu.addAction(self.action_reset_layout)
        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(self.action_about)

    def _create_toolbar(self) -> None:
        toolbar = self.addToolBar(self.tr("Main"))
        toolbar.setObjectName("mainToolBar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.addAction(self.action_open_dataset)
        toolbar.addAction(self.action_demo)
        toolbar.addSeparator()
        toolbar.addAction(self.action_train)
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

    def _restore_layout(self) -> None:
        geometry = app_settings.value(app_settings.Key.WINDOW_GEOMETRY)
        state = app_settings.value(app_settings.Key.WINDOW_STATE)
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            screen = QGuiApplication.primaryScreen()
            available = screen.availableGeometry() if screen else None
            if available is not None and available.width() > 0:
                self.resize(min(1400, int(available.width() * 0.9)), min(900, int(available.height() * 0.9)))
            else:
                self.resize(1400, 900)
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state)

    def save_layout(self) -> None:
        app_settings.set_value(app_settings.Key.WINDOW_GEOMETRY, self.saveGeometry())
        app_settings.set_value(app_settings.Key.WINDOW_STATE, self.saveState())

    def reset_layout(self) -> None:
        for dock in self._docks:
            dock.setFloating(False)
            dock.setVisible(True)
        self.restoreState(self._default_state)

    # ---- user commands -------------------------------------------------------------------
    @Slot()
    def open_dataset_dialog(self) -> None:
        start = app_settings.value(app_settings.Key.LAST_DATASET_DIR) or ""
        folder = QFileDialog.getExistingDirectory(self, self.tr("Open dataset folder"), start)
        if folder:
            self.open_dataset(folder)

    def open_dataset(self, folder: str) -> None:
        if self.session.is_training:
            self._show_status(self.tr("Stop training before opening another dataset."))
            return
        self.log_dock.append(self.tr("Opening {0}…").format(folder))
        self.session.open_dataset_folder(folder)

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        folders = app_settings.recent_datasets()
        for folder in folders:
            action = self.recent_menu.addAction(folder)
            action.triggered.connect(lambda _checked=False, f=folder: self.open_dataset(f))
        if not folders:
            empty = self.recent_menu.addAction(self.tr("No recent datasets"))
            empty.setEnabled(False)
        else:
            self.recent_menu.addSeparator()
            self.recent_menu.addAction(
                self.tr("Clear list"), lambda: app_settings.set_value(app_settings.Key.RECENT_DATASETS, [])
            )

    @Slot()
    def make_subset_dialog(self) -> None:
        dialog = SubsetDialog(self.session.dataset, self)
        dialog.subset_created.connect(self._on_subset_created)
        dialog.setModal(True)
        dialog.open()
        self._subset_dialog = dialog

    def _on_subset_created(self, folder: str) -> None:
        self.log_dock.append(self.tr("Subset written to {0}; opening it.").format(folder))
        self.open_dataset(folder)

    def add_images_to_class(self, class_name: str, files: list[str]) -> None:
        """Copy dropped image files into a class folder, after the user confirms."""
        if self.session.is_training:
            self._show_status(self.tr("Stop training before adding images."))
            return
        answer = QMessageBox.question(
            self,
            self.tr("Add images to {0}?").format(class_name),
            self.tr(
                "Copy {0} image file(s) into the folder of class {1} in {2}?\n\n"
                "The files you dropped are not moved or changed."
            ).format(len(files), class_name, self.session.dataset.source),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            added = self.session.add_images(class_name, files)
        except (UserError, OSError) as exc:
            self._show_error(
                self.tr("Cannot add the images"), tr_message(exc.message) if isinstance(exc, UserError) else str(exc)
            )
            return
        self.log_dock.append(self.tr("Copied {0} image(s) into {1}.").format(len(added), class_name))

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
        self.curves_dock.reset()
        self._pending_batches.clear()
        self._pending_epochs.clear()
        self._last_batch = None
        self.training_dock.set_run_dir("")
        self.training_dock.state.setText(self.tr("Loading images…"))
        self.log_dock.append(self.tr("Starting a run in {0}").format(run_dir))

    @Slot()
    def stop_training(self) -> None:
        if self.session.is_training:
            self.action_stop.setEnabled(False)
            self.training_dock.state.setText(self.tr("Stopping after the current batch…"))
            self.session.stop_training()

    # ---- session and job events ----------------------------------------------------------
    def _on_session_dataset_changed(self, dataset) -> None:
        self.dataset_dock.show_dataset(dataset)
        self.gallery_dock.show_dataset(dataset)
        self.augment_dock.set_dataset(dataset)
        self.model_dock.show_spec(self.session.model_spec())
        self._update_actions()
        n = sum(dataset.split_size(split) for split in ("train", "validation", "test"))
        self.log_dock.append(
            self.tr("Dataset: {0} ({1} classes, {2} images).").format(dataset.name, len(dataset.class_names), n)
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
        self.action_open_dataset.setEnabled(not busy and not scanning)
        self.action_demo.setEnabled(not busy and not scanning)
        self.model_dock.widget().setEnabled(not busy)
        self.augment_dock.set_locked(busy)
        self.dataset_dock.set_locked(busy or scanning)
        self.training_dock.set_running(busy)

    def _on_training_state_changed(self, running: bool) -> None:
        self._update_actions()
        if running:
            self._refresh_timer.start()
            self.status_progress.setVisible(True)
            self.status_progress.setRange(0, 0)
        else:
            self._refresh_timer.stop()
            self._refresh()
            self.status_progress.setVisible(False)

    def _on_scan_state_changed(self, scanning: bool) -> None:
        self.dataset_dock.set_scanning(scanning)
        self._update_actions()

    @Slot(object)
    def _on_trainer_event(self, event) -> None:
        # Batches and epochs are buffered and drawn by the refresh timer; the rest is rare.
        if isinstance(event, BatchEnd):
            self._pending_batches.append(event)
        elif isinstance(event, EpochEnd):
            self._pending_epochs.append(event)
            self.log_dock.append(
                self.tr(
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
            )
        elif isinstance(event, Progress):
            self._pending_progress = event
        elif isinstance(event, RunStarted):
            self._run_started = event
            self.training_dock.set_run_dir(event.run_dir)
            self.status_progress.setRange(0, event.epochs * event.steps_per_epoch)
            self.training_dock.progress.setRange(0, event.epochs * event.steps_per_epoch)
            self.training_dock.progress.setValue(0)
        elif isinstance(event, LogMessage):
            self.log_dock.append(tr_message(event.message), event.level)
        elif isinstance(event, Finished):
            self.log_dock.append(tr_message(event.message) or self.tr("Training finished."))
        elif isinstance(event, Failed):
            self.log_dock.append(tr_message(event.reason), "error")
            if event.details:
                self.log_dock.append(event.details, "error")
        elif isinstance(event, Cancelled):
            self.log_dock.append(self.tr("Training stopped: {0}").format(tr_message(event.reason)), "warning")

    def _on_trainer_ended(self, event) -> None:
        self._refresh()
        if isinstance(event, Finished):
            result = event.result
            last = result.history[-1] if result.history else {"val_accuracy": result.val_accuracy}
            text = self.tr(
                "Finished. Validation accuracy {0:.1%} at the end; lowest validation loss at epoch {1} ({2:.1%})."
            ).format(last["val_accuracy"], result.best_epoch, result.val_accuracy)
            self.classify_dock.set_run(result.run_dir, Path(result.run_dir).name)
            self.training_dock.progress.setValue(self.training_dock.progress.maximum())
        elif isinstance(event, Cancelled):
            text = self.tr("Stopped. The run folder keeps the weights of the last finished epoch.")
        else:
            text = self.tr("Training failed: {0}").format(tr_message(getattr(event, "reason", None)))
            if self._last_batch is not None:
                self.curves_dock.mark_failure(self.tr("training stopped here"))
            if not self._closing:
                self._show_error(
                    self.tr("Training failed"),
                    tr_message(getattr(event, "reason", None)),
                    getattr(event, "details", ""),
                )
        self.training_dock.state.setText(text)
        self._show_status(text)

    def _on_scanner_event(self, event) -> None:
        if isinstance(event, Progress):
            self.dataset_dock.show_progress(event)
        elif isinstance(event, LogMessage):
            self.log_dock.append(tr_message(event.message), event.level)
        elif isinstance(event, Failed):
            self.log_dock.append(tr_message(event.reason), "error")
            if not self._closing:
                self._show_error(self.tr("Cannot open the dataset"), tr_message(event.reason), event.details)

    @Slot()
    def _refresh(self) -> None:
        """Draw what arrived since the last tick (≤ 30 Hz)."""
        if self._pending_batches:
            self.curves_dock.add_batches(self._pending_batches)
            self._last_batch = self._pending_batches[-1]
            self._pending_batches = []
        if self._pending_epochs:
            self.curves_dock.add_epochs(self._pending_epochs)
            self._pending_epochs = []
        if self._pending_progress is not None and self._last_batch is None:
            p = self._pending_progress
            label = tr_message(p.message)
            self.training_dock.state.setText(f"{label}… {p.done}/{p.total}")
        self._pending_progress = None
        b = self._last_batch
        if b is not None and self.session.is_training:
            done = (b.epoch - 1) * b.steps + b.step
            self.status_progress.setRange(0, b.epochs * b.steps)
            self.status_progress.setValue(done)
            self.training_dock.progress.setRange(0, b.epochs * b.steps)
            self.training_dock.progress.setValue(done)
            text = self.tr("Epoch {0}/{1} · batch {2}/{3} · loss {4:.4f} · ETA {5} · {6:.0f} images/s").format(
                b.epoch, b.epochs, b.step, b.steps, b.loss, _format_seconds(b.eta), b.images_per_second
            )
            self.status_label.setText(text)
            self.training_dock.state.setText(text)

    # ---- messages ------------------------------------------------------------------------
    def _show_status(self, text: str) -> None:
        self.status_label.setText(text)

    def _show_error(self, title: str, text: str, details: str = "") -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, self)
        box.setObjectName("errorBox")
        if details:
            box.setDetailedText(details)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.open()  # not exec(): the window keeps running (and tests are never blocked)
        self._error_box = box

    def _on_about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About cnnstudio"),
            self.tr(
                "<b>cnnstudio</b><br>A studio for convnets on small image datasets: train from scratch with "
                "augmentation, reuse pretrained networks, and look inside."
            ),
        )

    # ---- shutdown ------------------------------------------------------------------------
    def shutdown_jobs(self, timeout_ms: int = SHUTDOWN_TIMEOUT_MS) -> bool:
        """Cancel every background job of the window and wait for each (True if all threads ended)."""
        ok = self.gallery_dock.shutdown()
        ok = self.augment_dock.shutdown() and ok
        ok = self.model_dock.pretrained.shutdown() and ok
        ok = self.classify_dock.shutdown() and ok
        return self.session.shutdown(timeout_ms) and ok

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if self.session.is_training:
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
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
        self._closing = True
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            finished = self.shutdown_jobs(SHUTDOWN_TIMEOUT_MS)
        finally:
            QApplication.restoreOverrideCursor()
        if not finished:
            # A step is taking longer than the limit: hide now, close when the thread ends.
            self.hide()
            self.session.trainer.job_ended.connect(self.close)
            self.session.scanner.job_ended.connect(self.close)
            event.ignore()
            return
        self._refresh_timer.stop()
        self.save_layout()
        event.accept()
