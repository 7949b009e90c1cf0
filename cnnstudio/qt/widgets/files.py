"""Asking for a file or a folder, and a folder field: a line edit with a button that asks for another."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLineEdit, QPushButton, QWidget

__all__ = ["FolderField", "ask_folder", "ask_open_file"]


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
