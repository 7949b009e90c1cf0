"""A menu of recently used paths (File › Open recent, File › Recent runs): most recent first, then "Clear list"."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMenu

__all__ = ["fill_recent_menu"]


def fill_recent_menu(
    menu: QMenu, paths: list[str], open_path: Callable[[str], object], empty_text: str, clear: Callable[[], object]
) -> None:
    """Fill `menu` anew: one entry per path (it calls `open_path(path)`), then "Clear list"; `empty_text`, greyed, if none."""
    menu.clear()
    for path in paths:
        action = menu.addAction(path)
        action.triggered.connect(lambda _checked=False, p=path: open_path(p))
    if not paths:
        menu.addAction(empty_text).setEnabled(False)
        return
    menu.addSeparator()
    menu.addAction(QCoreApplication.translate("RecentMenu", "Clear list"), clear)
