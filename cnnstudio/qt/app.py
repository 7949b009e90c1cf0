"""Starting the desktop app: the window's frame on screen first, the engine loaded behind it (`startup`); and leaving it.

Leaving goes through `workers.shutdown_all`, from the window's close and again from
``QApplication.aboutToQuit`` (whatever ends the event loop): every job is cancelled at once and waited
for once, ten seconds at most. A job still running after that is reported and left behind, and the
process ends with the event loop's status without waiting for it.
"""

from __future__ import annotations

import gc
import os
import signal
import sys
import traceback

__all__ = ["run_app"]


def run_app(argv: list[str] | None = None) -> int:
    if sys.platform == "win32":
        # On Windows torch must be imported before PySide6 (WinError 1114, pytorch/pytorch#166628).
        import torch  # noqa: F401

    from PySide6.QtCore import QCoreApplication, QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from . import settings as app_settings
    from .startup import StartUp, path_argument
    from .workers import live_threads, shutdown_all

    QCoreApplication.setOrganizationName(app_settings.ORGANIZATION)
    QCoreApplication.setApplicationName(app_settings.APPLICATION)
    existing = QApplication.instance()
    app = existing or QApplication([sys.argv[0], *(argv or [])])
    app.setApplicationDisplayName("cnnstudio")
    app.setDesktopFileName("io.github.cnnstudio.CnnStudio")  # packaging/linux: the launcher and icon on Wayland

    # The interface language (settings, else the system's), before any window text is made (see i18n.py).
    from .i18n import install_translators

    install_translators(app)

    # ---- issue 11: the saved theme; `cnnstudio FOLDER` / `cnnstudio RUN_DIR` (Qt's own options are taken out) ----
    from .theme import apply_theme

    apply_theme()
    open_path = path_argument(list(argv or []) if existing else app.arguments()[1:])

    # The window's frame on screen at once; torch and the engine load behind it (see startup.py).
    startup = StartUp(open_path=open_path)

    def front():
        return startup.window or startup.shell

    def cannot_start(details: str) -> None:
        QMessageBox.critical(
            front(),
            QCoreApplication.translate("app", "cnnstudio cannot start"),
            QCoreApplication.translate("app", "cnnstudio could not start:\n\n{0}").format(details),
        )
        app.exit(1)

    def excepthook(kind, value, tb) -> None:
        # An unexpected error in a slot: show it, keep the app usable.
        text = "".join(traceback.format_exception(kind, value, tb))
        sys.stderr.write(text)
        QMessageBox.critical(front(), QCoreApplication.translate("app", "Unexpected error"), text)

    collectors = []

    def on_window(window) -> None:
        from pyqtgraph.util.garbage_collector import GarbageCollector

        from .main_window import SHUTDOWN_TIMEOUT_MS

        app.aboutToQuit.connect(lambda: shutdown_all(SHUTDOWN_TIMEOUT_MS))
        collectors.append(GarbageCollector(interval=1.0))

    startup.failed.connect(cannot_start)
    startup.window_ready.connect(on_window)
    sys.excepthook = excepthook
    # Python's cyclic garbage collector runs on whichever thread allocates; a job's thread collecting a
    # Qt object can crash or deadlock the app. Off while the engine loads; then collected on the GUI
    # thread only, from a timer (`on_window`; pyqtgraph is imported once the window is up).
    gc.collect()
    gc.disable()
    # Let Ctrl-C in the terminal (and a polite kill) close the window the normal way: from the event loop,
    # never in the middle of whatever the GUI thread is doing when the signal arrives (a repaint, say).
    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, lambda *_: QTimer.singleShot(0, lambda: front() and front().close()))
    interrupt_timer = QTimer()
    interrupt_timer.start(250)
    interrupt_timer.timeout.connect(lambda: None)

    startup.start()
    status = app.exec()
    for collector in collectors:
        collector.timer.stop()
    if live_threads() or startup.is_loading():
        # A job ignored its cancellation past the limit (already reported), or the shell was closed while
        # torch was still loading. Python's exit would destroy a running QThread, which aborts the process,
        # or wait for the import; end now, with the layout saved and status kept.
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)
    return status
