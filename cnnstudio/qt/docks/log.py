"""The Log dock: a timestamped, read-only record of what jobs reported."""

from __future__ import annotations

import time

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from ..widgets.dock import Dock

__all__ = ["LogDock"]


class LogDock(Dock):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Log"), "logDock", parent, scroll=False, padded=False)
        self.view = QPlainTextEdit(self.body)
        self.view.setObjectName("logView")
        self.view.setReadOnly(True)
        self.view.setMaximumBlockCount(5000)
        self.view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.view.setPlaceholderText(self.tr("Messages from training and dataset jobs appear here."))
        self.column.addWidget(self.view)

    def append(self, text: str, level: str = "info") -> None:
        prefix = {"warning": self.tr("warning: "), "error": self.tr("error: ")}.get(level, "")
        self.view.appendPlainText(f"{time.strftime('%H:%M:%S')}  {prefix}{text}")

    def text(self) -> str:
        return self.view.toPlainText()
