"""Help → Keyboard shortcuts: every action of the window that has a shortcut, grouped by menu.

The list is read from the window's QActions each time the dialog opens, so an action added later
(by a dock, a presenter, another menu) appears by itself. Keys are shown in the platform's own
notation (⌘ on macOS, Ctrl elsewhere). A filter box narrows the list by action, key or menu.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QDockWidget,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

__all__ = ["Shortcut", "ShortcutsDialog", "collect_shortcuts", "plain_text"]


@dataclass(frozen=True)
class Shortcut:
    group: str  # the menu (or dock) the action belongs to, as the user reads it
    text: str  # the action's text without its mnemonic ampersands
    keys: str  # every key sequence of the action, in the platform's notation, comma-separated
    action: QAction


def plain_text(text: str) -> str:
    """A menu text as read: "&Open…" → "Open…", "Save && quit" → "Save & quit"."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def _keys(action: QAction) -> str:
    return ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts() if not k.isEmpty())


def _dock_title(action: QAction) -> str | None:
    widget = action.parent()
    while widget is not None:
        if isinstance(widget, QDockWidget):
            return plain_text(widget.windowTitle())
        widget = widget.parent()
    return None


def collect_shortcuts(window: QMainWindow, other: str = "Other") -> list[Shortcut]:
    """The window's actions that have a shortcut: those of its menus in menu order, grouped by menu
    ("File › Open recent" for a sub-menu), then the rest grouped by the dock they belong to (or `other`)."""
    found: list[Shortcut] = []
    seen: set[int] = set()

    def walk(menu: QMenu, group: str) -> None:
        for action in menu.actions():
            if action.isSeparator():
                continue
            if action.menu() is not None:
                walk(action.menu(), f"{group} › {plain_text(action.menu().title())}")
                continue
            if id(action) in seen or not _keys(action):
                continue
            seen.add(id(action))
            found.append(Shortcut(group, plain_text(action.text()), _keys(action), action))

    for top in window.menuBar().actions():
        if top.menu() is not None:
            walk(top.menu(), plain_text(top.menu().title()))
    rest = [a for a in window.findChildren(QAction) if id(a) not in seen and _keys(a) and a.menu() is None]
    for action in rest:
        found.append(Shortcut(_dock_title(action) or other, plain_text(action.text()), _keys(action), action))
    return found


class ShortcutsDialog(QDialog):
    """The window's shortcuts in a two-column list under a filter box."""

    def __init__(self, window: QMainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.resize(520, 480)
        layout = QVBoxLayout(self)
        self.filter = QLineEdit(self)
        self.filter.setObjectName("shortcutsFilter")
        self.filter.setPlaceholderText(self.tr("Filter by action, key or menu"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.apply_filter)
        layout.addWidget(self.filter)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("shortcutsTree")
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels([self.tr("Action"), self.tr("Shortcut")])
        self.tree.setRootIsDecorated(False)
        self.tree.setItemsExpandable(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.tree.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setStretchLastSection(False)
        layout.addWidget(self.tree, 1)
        self.empty = QLabel(self)
        self.empty.setObjectName("shortcutsEmpty")
        self.empty.setVisible(False)
        layout.addWidget(self.empty)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.shortcuts = collect_shortcuts(window, self.tr("Other"))
        self._fill()
        self.filter.setFocus()

    def _fill(self) -> None:
        groups: dict[str, QTreeWidgetItem] = {}
        for shortcut in self.shortcuts:
            group = groups.get(shortcut.group)
            if group is None:
                group = QTreeWidgetItem(self.tree, [shortcut.group])
                font = group.font(0)
                font.setBold(True)
                group.setFont(0, font)
                group.setFirstColumnSpanned(True)
                group.setFlags(Qt.ItemFlag.ItemIsEnabled)
                groups[shortcut.group] = group
            item = QTreeWidgetItem(group, [shortcut.text, shortcut.keys])
            item.setToolTip(0, shortcut.action.toolTip())
        self.tree.expandAll()

    def visible_shortcuts(self) -> list[tuple[str, str, str]]:
        """(group, action, keys) of the rows the filter leaves on screen."""
        rows = []
        for i in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(i)
            if group.isHidden():
                continue
            for j in range(group.childCount()):
                item = group.child(j)
                if not item.isHidden():
                    rows.append((group.text(0), item.text(0), item.text(1)))
        return rows

    def apply_filter(self, text: str) -> None:
        """Show the rows whose action, keys or menu contain every word of `text` (any case)."""
        words = text.casefold().split()
        shown = 0
        for i in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(i)
            left = 0
            for j in range(group.childCount()):
                item = group.child(j)
                haystack = f"{group.text(0)} {item.text(0)} {item.text(1)}".casefold()
                match = all(word in haystack for word in words)
                item.setHidden(not match)
                left += match
            group.setHidden(left == 0)
            shown += left
        self.empty.setText(self.tr("No shortcut matches “{0}”.").format(text.strip()))
        self.empty.setVisible(shown == 0)
