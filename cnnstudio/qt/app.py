"""Starting the desktop app: a window on screen first, then the engine, then the event loop; and leaving it.

Leaving goes through `workers.shutdown_all`, from the window's close and again from
``QApplication.aboutToQuit`` (whatever ends the event loop): every job is cancelled at once and waited
for once, ten seconds at most. A job still running after that is reported and left behind, and the
process ends with the event loop's status without waiting for it.
"""

from __future__ import annotations

import os
import signal
import sys
import traceback

__all__ = ["run_app"]


def run_app(argv: list[str] | None = None) -> int:
    if sys.platform == "win32":
        # On Windows torch must be imported before PySide6 (WinError 1114, pytorch/pytorch#166628).
        import torch  # noqa: F401

    from PySide6.QtCore import QCoreApplication, Qt, QTimer
    from PySide6.QtGui import QColor, QFont, QPainter, QPixmap
    from PySide6.QtWidgets import QApplication, QMessageBox, QSplashScreen

    from . import settings as app_settings

    QCoreApplication.setOrganizationName(app_settings.ORGANIZATION)
    QCoreApplication.setApplicationName(app_settings.APPLICATION)
    app = QApplication.instance() or QApplication([sys.argv[0], *(argv or [])])
    app.setApplicationDisplayName("cnnstudio")
    app.setDesktopFileName("cnnstudio")

    # Something on screen at once: importing PyTorch takes a few seconds.
    pixmap = QPixmap(420, 140)
    pixmap.fill(QColor("#1f3b5c"))
    painter = QPainter(pixmap)
    painter.setPen(QColor("white"))
    font = QFont()
    font.setPointSize(20)
    font.setBold(True)
    painter.setFont(font)
    painter.drawText(pixmap.rect().adjusted(0, -20, 0, -20), Qt.AlignmentFlag.AlignCenter, "cnnstudio")
    painter.end()
    splash = QSplashScreen(pixmap)
    splash.showMessage(
        QCoreApplication.translate("app", "Loading PyTorch…"),
        Qt.AlignmentFlag.AlignBottom | Qt.AlignmentFlag.AlignHCenter,
        QColor("white"),
    )
    splash.show()
    app.processEvents()

    try:
        from .main_window import SHUTDOWN_TIMEOUT_MS, MainWindow
        from .workers import live_threads, shutdown_all

        window = MainWindow()
    except Exception:
        splash.close()
        QMessageBox.critical(
            None,
            QCoreApplication.translate("app", "cnnstudio cannot start"),
            QCoreApplication.translate("app", "cnnstudio could not start:\n\n{0}").format(traceback.format_exc()),
        )
        return 1

    def excepthook(kind, value, tb) -> None:
        # An unexpected error in a slot: show it, keep the app usable.
        text = "".join(traceback.format_exception(kind, value, tb))
        sys.stderr.write(text)
        QMessageBox.critical(window, QCoreApplication.translate("app", "Unexpected error"), text)

    sys.excepthook = excepthook
    app.aboutToQuit.connect(lambda: shutdown_all(SHUTDOWN_TIMEOUT_MS))
    # Python's cyclic garbage collector runs on whichever thread allocates; a job's thread collecting a
    # Qt object can crash or deadlock the app. Collect on the GUI thread only, from a timer.
    from pyqtgraph.util.garbage_collector import GarbageCollector

    collector = GarbageCollector(interval=1.0)
    # Let Ctrl-C in the terminal (and a polite kill) close the window the normal way: from the event loop,
    # never in the middle of whatever the GUI thread is doing when the signal arrives (a repaint, say).
    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, lambda *_: QTimer.singleShot(0, window.close))
    interrupt_timer = QTimer()
    interrupt_timer.start(250)
    interrupt_timer.timeout.connect(lambda: None)

    window.show()
    splash.finish(window)
    status = app.exec()
    collector.timer.stop()
    if live_threads():
        # A job ignored its cancellation past the limit (already reported). Python's exit would destroy
        # its running QThread, which aborts the process; end now, with the layout saved and status kept.
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)
    return status
