"""Starting the window before PyTorch: a window shell on screen at once, the engine loaded in the background.

Importing PyTorch and the engine takes seconds. `StartUp` shows `WindowShell` first: the main window's
frame as the user left it (geometry, toolbar, menus, the docks in their saved places), with Train
disabled and a tooltip saying why. Once it is painted, its Dataset, Gallery, Model and Log docks are
made real (`early_docks.EarlyDocks`, over a real `Session`): open, scan and browse a folder, edit the
model; the other docks say they are loading. Then `EngineLoader` imports torch and the engine modules
on a background thread. When they are in, the GUI thread builds the real `MainWindow` around the shell's
session (so the dataset and model the user chose carry over; its imports are then quick), gives it the
shell's geometry and log, shows it and closes the shell. Then a second loader imports torchvision
(`WARM_MODULES`), which the engine imports only on first use.

Nothing in this module, nor anything it imports, imports torch: `tests/qt/test_startup.py` checks it in a
fresh process. While the loader runs, the GUI thread imports no engine module that needs torch (two
threads importing the same modules can wait on each other's import locks); everything that needs torch
is imported on the GUI thread only after `loaded` has fired. The engine packages export their names
lazily (`core.lazy_imports.lazy_exports`), so the early docks import only the torch-free modules they
use; the loader imports every name of each package, so the real window finds them all in.

Set ``CNNSTUDIO_STARTUP_LOG`` to a file name to have the moments the shell was shown, its early docks
were in place (usable), the real window was shown and Train was first enabled appended to it
(``shell|usable|shown|ready <unix time>``): `bench/startup.py` reads it.
"""

from __future__ import annotations

import os
import threading
import time
import traceback

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QDockWidget, QLabel, QMainWindow, QProgressBar, QStyle, QWidget

from ..core.lazy_imports import import_once
from .resources import app_icon
from .theme import follow_theme, is_dark
from .window_layout import arrange_default, restore_layout
from .workers import shutdown_all

__all__ = [
    "is_run_folder",
    "ENGINE_MODULES",
    "WARM_MODULES",
    "SHELL_DOCKS",
    "EngineLoader",
    "WindowShell",
    "StartUp",
    "note_startup",
]

# What the window needs from the engine; imported on the loader's thread, in this order, each package with
# every name it exports (they are lazy: see core.lazy_imports).
ENGINE_MODULES: tuple[str, ...] = (
    "torch",
    "cnnstudio.core.data",
    "cnnstudio.core.models",
    "cnnstudio.core.runs",
    "cnnstudio.core.training",
    "cnnstudio.core.pretrained",
    "cnnstudio.core.visualize",
    "cnnstudio.core.evaluation",
)

FRAME_PAINT_MS = 20  # the frame's first paint comes before the early docks are built
MODAL_RETRY_MS = 200  # how often the finished engine checks whether the frame's dialog has closed
SHELL_SHUTDOWN_TIMEOUT_MS = 3000  # a job waiting for torch to import cannot stop sooner; app.run_app exits anyway

# Imported in the background once the window is up, before a user needs them: torchvision (pretrained
# networks, augmentation) takes seconds to import and is not needed to show the window or train from scratch.
WARM_MODULES: tuple[str, ...] = ("torchvision", "torchvision.transforms.v2.functional", "torchvision.ops")

# The main window's docks as "key:Title" (object name keyDock, translation context KeyDock), in
# `MainWindow._create_docks` order. The names let the shell take the saved layout; tests/qt/test_startup.py
# keeps this list in step with the window.
_DOCK_TITLES = (
    "dataset:Dataset model:Model training:Training curves:Curves runs:Runs gallery:Gallery augment:Augmentation "
    "classify:Classify evaluation:Evaluation timeline:Timeline activations:Activations filters:Filters "
    "heatmap:Heatmap convolution:Convolution log:Log"
)
SHELL_DOCKS: tuple[tuple[str, str, str], ...] = tuple(
    (f"{key}Dock", f"{key[0].upper()}{key[1:]}Dock", title)
    for key, title in (entry.split(":") for entry in _DOCK_TITLES.split())
)
"""(object name, translation context, title) of each dock."""


def is_run_folder(path: str) -> bool:
    """Whether `path` names a run folder (it holds config.json) rather than a dataset: what `cnnstudio PATH` opens."""
    return bool(path) and os.path.isfile(os.path.join(path, "config.json"))


def path_argument(words: list[str]) -> str:
    """The dataset or run folder named on the command line (the first word that is not an option), or ""."""
    return next((word for word in words if not word.startswith("-")), "")


def note_startup(event: str) -> None:
    """Append ``<event> <unix time>`` to the file named by ``CNNSTUDIO_STARTUP_LOG``, if it is set."""
    path = os.environ.get("CNNSTUDIO_STARTUP_LOG")
    if path:
        with open(path, "a", encoding="utf-8") as log:
            log.write(f"{event} {time.time():.6f}\n")


class EngineLoader(QObject):
    """Imports `ENGINE_MODULES` on a daemon thread: ``loaded(float)`` (the seconds it took) or ``failed(str)``."""

    loaded = Signal(float)
    failed = Signal(str)

    def __init__(self, modules: tuple[str, ...] = ENGINE_MODULES, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._modules = modules
        # A daemon: a user who closes the shell before the engine is in is not kept waiting for torch.
        self._thread = threading.Thread(target=self._load, name="cnnstudio-engine-loader", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def is_running(self) -> bool:
        return self._thread.is_alive()

    def _load(self) -> None:
        start = time.perf_counter()
        try:
            for name in self._modules:
                module = import_once(name)
                for export in getattr(module, "__all__", ()) if name.startswith("cnnstudio.") else ():
                    getattr(module, export)
        except BaseException:  # noqa: BLE001 - anything at all: the GUI thread reports it
            self.failed.emit(traceback.format_exc())
            return
        self.loaded.emit(time.perf_counter() - start)


def _translate(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


class WindowShell(QMainWindow):
    """The main window's frame while the engine loads: saved geometry and layout, the early docks (`early`) at work."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("windowShell")
        self.setWindowTitle(_translate("MainWindow", "cnnstudio"))
        self.setWindowIcon(app_icon())
        self.setDockNestingEnabled(True)
        self.loading_text = self.tr("Loading PyTorch and the engine…")
        pixmap = QStyle.StandardPixmap
        icons = (
            pixmap.SP_DirOpenIcon,
            pixmap.SP_FileDialogContentsView,
            pixmap.SP_MediaPlay,
            pixmap.SP_MediaPause,
            pixmap.SP_MediaStop,
        )
        texts = ("&Open dataset folder…", "Use &demo dataset", "&Train", "&Pause", "&Stop")
        self.action_open, self.action_demo, self.action_train, pause, stop = (
            QAction(self.style().standardIcon(icon), _translate("MainWindow", text), self)
            for icon, text in zip(icons, texts, strict=True)
        )
        self.action_train.setObjectName("actionTrain")
        self.action_train.setToolTip(self.tr("The engine (PyTorch) is loading; Train is enabled when it is ready."))
        self.action_quit = QAction(_translate("MainWindow", "&Quit"), self)
        self.action_quit.setShortcuts(
            QKeySequence.keyBindings(QKeySequence.StandardKey.Quit) or [QKeySequence("Ctrl+Q")]
        )
        self.action_quit.triggered.connect(self.close)
        for action in (self.action_train, pause, stop):
            action.setEnabled(False)
        self.action_open.setEnabled(False)  # until the early docks are in (`add_early_docks`)
        self.action_demo.setEnabled(False)
        self.early = None
        toolbar = self.addToolBar(_translate("MainWindow", "Main"))
        toolbar.setObjectName("mainToolBar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.addActions([self.action_open, self.action_demo])
        toolbar.addSeparator()
        toolbar.addActions([self.action_train, pause, stop])  # as the window's toolbar, so nothing jumps
        file_menu = self.menuBar().addMenu(_translate("MainWindow", "&File"))
        file_menu.addActions([self.action_open, self.action_demo])
        file_menu.addSeparator()
        file_menu.addAction(self.action_quit)
        self.menuBar().addMenu(_translate("MainWindow", "&Train")).addActions([self.action_train, pause, stop])
        self.docks = {name: self._placeholder(name, _translate(context, title)) for name, context, title in SHELL_DOCKS}
        for dock in self.docks.values():
            self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
        arrange_default(self)  # the window's places, by object name
        self.status_label = QLabel(self.loading_text, self)
        self.status_label.setObjectName("statusLabel")
        busy = QProgressBar(self)
        busy.setRange(0, 0)  # busy, without a percentage
        busy.setMaximumWidth(160)
        self.statusBar().addPermanentWidget(self.status_label)
        self.statusBar().addPermanentWidget(busy)
        restore_layout(self)

    def add_early_docks(self) -> None:
        """Put the docks that work without torch (`early_docks`) in their placeholders' places.

        Called once the frame is on screen: their modules (pyqtgraph, numpy, PIL, the docks) take a
        noticeable moment to import, and the frame is shown first.
        """
        from .early_docks import EarlyDocks

        state = self.saveState()
        self.early = EarlyDocks(self)
        for name, dock in self.early.docks.items():
            placeholder = self.docks[name]
            placeholder.setObjectName(f"{name}Placeholder")  # the layout's place goes to the real dock
            self.removeDockWidget(placeholder)
            placeholder.deleteLater()
            self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
            self.docks[name] = dock
        self.restoreState(state)
        session = self.early.session
        self.action_open.triggered.connect(self.early.presenter.choose_folder)
        self.action_demo.triggered.connect(session.use_demo_dataset)
        session.dataset_scan_state_changed.connect(self.action_open.setDisabled)
        session.dataset_scan_state_changed.connect(self.action_demo.setDisabled)
        self.action_open.setEnabled(True)
        self.action_demo.setEnabled(True)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        """Leaving before the engine is in: the early docks' jobs (a scan, thumbnails) are cancelled and waited for."""
        shutdown_all(SHELL_SHUTDOWN_TIMEOUT_MS)
        event.accept()

    def _placeholder(self, name: str, title: str) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        label = QLabel(self.tr("Loading…"), dock)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setEnabled(False)
        dock.setWidget(label)
        return dock


class StartUp(QObject):
    """Shows the shell, loads the engine, then puts the real main window in the shell's place.

    Signals: ``window_ready(object)`` with the shown `MainWindow`; ``failed(str)`` with a traceback (the
    engine or the window could not be made; the shell stays for the caller to report on and close).
    """

    window_ready = Signal(object)
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None, open_path: str = "") -> None:
        super().__init__(parent)
        self.window = None
        self._ready_noted = False
        # `cnnstudio FOLDER` or `cnnstudio RUN_DIR`: a dataset opened in the frame, a run loaded in the window.
        self.open_path = open_path
        self._run_path = open_path if is_run_folder(open_path) else ""
        self.shell: WindowShell | None = WindowShell()
        self.loader = EngineLoader(parent=self)
        self.loader.loaded.connect(self._on_loaded)
        self.loader.failed.connect(self.failed)
        self.warmer = EngineLoader(WARM_MODULES, parent=self)

    def is_loading(self) -> bool:
        """True while a background import still runs (the engine, or the modules warmed after it)."""
        return self.loader.is_running() or self.warmer.is_running()

    def start(self) -> None:
        """Show the shell now and start loading the engine."""
        self.shell.show()
        note_startup("shell")
        # Once the frame is painted: the early docks, then the engine's loader (the GUI thread's imports
        # are done before the loader's begin, so the two threads never wait on each other's import locks).
        QTimer.singleShot(FRAME_PAINT_MS, self._on_shell_shown)

    def _on_shell_shown(self) -> None:
        shell = self.shell
        if shell is None or not shell.isVisible():  # closed at once
            return
        try:
            shell.add_early_docks()
            dataset = "" if self._run_path else self.open_path
            line = shell.early.session.open_at_start(dataset)  # the last dataset, unless one was named
            if line:
                shell.early.log_dock.append(line)
            if is_dark():
                follow_theme(shell, True)
        except Exception:
            self.failed.emit(traceback.format_exc())
            return
        note_startup("usable")
        self.loader.start()

    def _on_loaded(self, seconds: float) -> None:
        shell = self.shell
        if shell is None or not shell.isVisible():  # closed while loading: the app is on its way out
            return
        if QApplication.activeModalWidget() is not None:
            # A dialog of the frame's is open (Open folder, a message): the frame must outlive it, and
            # this may run inside the dialog's own event loop. Swap once it is closed.
            QTimer.singleShot(MODAL_RETRY_MS, lambda: self._on_loaded(seconds))
            return
        try:
            from .main_window import MainWindow

            early = shell.early  # None if the engine came in before the frame's docks did
            window = MainWindow(session=early.session if early else None)
        except Exception:
            self.failed.emit(traceback.format_exc())
            return
        if early is not None:
            early.hand_over(window)
            earlier = early.log_dock.text()
            if earlier:  # what the frame's docks reported (a folder opened meanwhile, say) stays in the log
                window.log_dock.view.setPlainText(f"{earlier}\n{window.log_dock.text()}")
        if shell.isMaximized():
            window.showMaximized()
        else:
            window.setGeometry(shell.geometry())  # wherever the user put the shell meanwhile
            window.show()
        self.window, self.shell = window, None
        shell.hide()  # not close(): that is the user leaving, which cancels the session's jobs
        shell.deleteLater()
        note_startup("shown")
        if window.action_train.isEnabled():
            self._note_ready_once()
        else:  # Train waits for something of the window's own (a scan, say): note when it is enabled
            action = window.action_train
            action.changed.connect(lambda: action.isEnabled() and self._note_ready_once())
        self._open_in_window(window, opened_early=early is not None)
        self.window_ready.emit(window)
        self.warmer.start()

    def _open_in_window(self, window, *, opened_early: bool) -> None:
        """What the command line named (a run; a dataset if the frame had no docks to open it), threads, theme."""
        from .session import apply_threads

        apply_threads(window.session.config.threads)  # the settings' CPU threads for inference too, not only training
        if is_dark():
            follow_theme(window, True)
        if self._run_path:
            window.runs_presenter.open_run(self._run_path)
        elif self.open_path and not opened_early:
            window.open_dataset(self.open_path)

    def _note_ready_once(self) -> None:
        if not self._ready_noted:
            self._ready_noted = True
            note_startup("ready")
