"""What a test left on screen."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QDialog, QWidget


def open_dialogs() -> list[QWidget]:
    """Dialogs (message boxes, file dialogs, our own) still on screen."""
    if QApplication.instance() is None:
        return []
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()]
