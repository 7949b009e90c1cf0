"""Asking for a file or a folder, and a folder field: a line edit with a button that asks for another."""

from __future__ import annotations

import os
from collections.abc import Callable

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

__all__ = ["FolderField", "FolderPathDialog", "ask_folder", "ask_open_file", "show_folder"]


def show_folder(parent: QWidget, path: str) -> bool:
    """Open `path` in the system's file manager; where there is none (or it fails), show the path with a Copy
    button instead. Returns whether a file manager took it."""
    if QDesktopServices.openUrl(QUrl.fromLocalFile(os.path.abspath(path))):
        return True
    dialog = FolderPathDialog(path, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()  # not exec(): the window keeps running
    return False


class FolderPathDialog(QDialog):
    """No file manager could open a folder: its path, selectable, and a button that copies it."""

    def __init__(self, path: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("folderPathDialog")
        self.setWindowTitle(self.tr("Folder"))
        layout = QVBoxLayout(self)
        note = QLabel(self.tr("No file manager could open the folder. Its path:"), self)
        note.setWordWrap(True)
        self.path = QLineEdit(os.path.abspath(path), self)
        self.path.setObjectName("folderPathEdit")
        self.path.setReadOnly(True)
        self.path.setMinimumWidth(min(720, self.path.fontMetrics().horizontalAdvance(self.path.text()) + 24))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.copy_button = buttons.addButton(self.tr("Copy path"), QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.setObjectName("folderPathCopyButton")
        self.copy_button.clicked.connect(self.copy)
        buttons.rejected.connect(self.reject)
        layout.addWidget(note)
        layout.addWidget(self.path)
        layout.addWidget(buttons)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.path.text())
        self.copy_button.setText(self.tr("Copied"))


def ask_open_file(parent: QWidget, caption: str, name_filter: str, use: Callable[[str], None]) -> None:
    """Ask for an existing file; `use` it if the user chose one."""
    path, _ = QFileDialog.getOpenFileName(parent, caption, "", name_filter)
    if path:
        use(path)


def ask_folder(parent: QWidget, caption: str, start: str, use: Callable[[str], None]) -> None:
    """Ask for a folder, starting in `start`; `use` it if the user chose one."""
    folder = QFileDialog.getExistingDirectory(parent, caption, start)
    if folder:
        use(folder)


class FolderField(QWidget):
    """A folder's path (`edit`) and a button (`button`) that asks for another; `chosen` carries the one picked.

    `start` turns the current text into the folder the question starts in (the text itself by default).
    """

    chosen = Signal(str)

    def __init__(
        self,
        parent: QWidget,
        edit_name: str,
        button_text: str,
        caption: str,
        *,
        start: Callable[[str], str] = str,
        read_only: bool = False,
    ) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edit = QLineEdit(self)
        self.edit.setObjectName(edit_name)
        self.edit.setReadOnly(read_only)
        self.button = QPushButton(button_text, self)
        self.button.clicked.connect(lambda: ask_folder(self, caption, start(self.edit.text()), self._use))
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.button)

    def _use(self, folder: str) -> None:
        self.edit.setText(folder)
        self.chosen.emit(folder)
