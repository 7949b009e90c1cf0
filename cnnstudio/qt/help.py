"""The Help menu: Chapter 5 tour, Keyboard shortcuts (F1), Report a problem, About cnnstudio.

`HelpActions(window, menu, log_dock)` adds the three actions to `menu`; other Help entries (a tour)
can be added to the same menu before or after.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from ..core.environment import gather_environment
from .dialogs.about import AboutDialog, qt_rows
from .dialogs.shortcuts import ShortcutsDialog
from .docks.log import LogDock

__all__ = ["HelpActions", "REPORT_LOG_LINES"]

REPORT_LOG_LINES = 50  # the last lines of the Log dock a problem report carries


class HelpActions(QObject):
    """The Help menu's actions and the dialogs they open (kept while shown, one of each)."""

    def __init__(self, window: QMainWindow, menu: QMenu, log_dock: LogDock) -> None:
        super().__init__(window)
        self.window = window
        self.log_dock = log_dock
        self.shortcuts_dialog: ShortcutsDialog | None = None
        self.about_dialog: AboutDialog | None = None
        self.tour = None  # qt.tour.Tour, made the first time the tour starts

        def action(name: str, text: str, tip: str, slot, keys=()) -> QAction:
            act = QAction(text, window)
            act.setObjectName(name)
            act.setStatusTip(tip)
            act.setShortcuts([QKeySequence(k) for k in keys])
            act.triggered.connect(slot)
            return act

        self.action_tour = action(
            "actionTour",
            self.tr("Chapter 5 &tour"),
            self.tr("A guided walk through the chapter: convolution, overfitting, augmentation, pretrained networks"),
            self.start_tour,
        )
        self.action_shortcuts = action(
            "actionShortcuts",
            self.tr("&Keyboard shortcuts"),
            self.tr("List every keyboard shortcut of the window"),
            self.show_shortcuts,
            ("F1", "Ctrl+/"),
        )
        self.action_report = action(
            "actionReportProblem",
            self.tr("&Report a problem…"),
            self.tr("Copy the versions, this computer's details and the last log lines to the clipboard"),
            self.report_problem,
        )
        self.action_about = action(
            "actionAbout",
            self.tr("&About cnnstudio"),
            self.tr("The version, the versions of the libraries, and the licences"),
            self.show_about,
        )
        self.action_about.setMenuRole(QAction.MenuRole.AboutRole)
        menu.addAction(self.action_tour)
        menu.addSeparator()
        menu.addAction(self.action_shortcuts)
        menu.addSeparator()
        menu.addAction(self.action_report)
        menu.addAction(self.action_about)

    def start_tour(self):
        """Start the chapter 5 tour at its first step (or bring its card back); returns the `qt.tour.Tour`."""
        from .tour import Tour  # its steps use the engine: imported once the window (and PyTorch) is in

        if self.tour is None:
            self.tour = Tour(self.window)
        if self.tour.is_active:
            self.tour.card.raise_()
        else:
            self.tour.start()
        return self.tour

    def show_shortcuts(self) -> ShortcutsDialog:
        """Open (or raise) the shortcuts list; it is not modal, so it can stay open beside the window."""
        dialog = self.shortcuts_dialog
        if dialog is not None and dialog.isVisible():
            dialog.raise_()  # already open, perhaps behind the window
            dialog.activateWindow()
            return dialog
        if dialog is not None:
            dialog.deleteLater()
        self.shortcuts_dialog = ShortcutsDialog(self.window)  # read afresh: actions may have come since
        self.shortcuts_dialog.show()
        return self.shortcuts_dialog

    def show_about(self) -> AboutDialog:
        if self.about_dialog is not None:
            self.about_dialog.deleteLater()
        self.about_dialog = AboutDialog(self.window)
        self.about_dialog.open()
        return self.about_dialog

    def report_text(self) -> str:
        """The environment and the Log dock's last lines, as a problem report."""
        env = gather_environment()
        lines = self.log_dock.text().splitlines()[-REPORT_LOG_LINES:]
        screen = QGuiApplication.primaryScreen()
        extra = qt_rows()
        if screen is not None:
            size = screen.size()
            extra += (("screen", f"{size.width()}x{size.height()} @{screen.devicePixelRatio():g}x"),)
        extra += self._session_rows()
        return "\n".join(
            [
                self.tr("cnnstudio problem report"),
                "",
                self.tr("What happened, and what did you expect? (please write it here)"),
                "",
                "## " + self.tr("Environment"),
                env.report(extra),
                "",
                "## " + self.tr("Last {0} log lines").format(len(lines)),
                *lines,
                "",
            ]
        )

    def _session_rows(self) -> tuple[tuple[str, str], ...]:
        """What the window is set to: the dataset, the model, and the device, threads and precision asked for."""
        session = getattr(self.window, "session", None)
        if session is None:
            return ()
        config = session.config
        rows = [("dataset", session.dataset.name), ("model", config.model)]
        if getattr(config, "backbone", None):
            rows.append(("backbone", str(config.backbone)))
        rows += [("device (setting)", config.device), ("threads (setting)", str(config.threads or "all cores"))]
        if getattr(config, "precision", None) is not None:
            rows.append(("precision (setting)", str(config.precision)))
        return tuple(rows)

    def report_problem(self) -> str:
        """Copy the report to the clipboard and say so in the status bar and the log; return it."""
        text = self.report_text()
        QGuiApplication.clipboard().setText(text)
        said = self.tr(
            "A problem report (versions and the last log lines) is on the clipboard: paste it into your message."
        )
        self.window.statusBar().showMessage(said, 10_000)
        self.log_dock.append(said)
        return text
