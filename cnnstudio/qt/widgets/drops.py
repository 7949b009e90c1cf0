"""Drops from a file manager: the local files a drag carries, and a mixin for widgets that take one image."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent

from ...core.images import IMAGE_EXTENSIONS

__all__ = ["AcceptsImageDrops", "image_files", "local_files"]


def local_files(event: QDropEvent | QDragEnterEvent | QDragMoveEvent) -> list[str]:
    """The local files and folders a drag carries."""
    mime = event.mimeData()
    if not mime.hasUrls():
        return []
    return [url.toLocalFile() for url in mime.urls() if url.isLocalFile() and url.toLocalFile()]


def image_files(paths: list[str]) -> list[str]:
    return [p for p in paths if Path(p).is_file() and Path(p).suffix.lower() in IMAGE_EXTENSIONS]


class AcceptsImageDrops:
    """Mixin for a widget that takes an image file dropped from a file manager; it defines `image_dropped(path)`.

    List it before the Qt class (``class View(AcceptsImageDrops, QWidget)``): it turns drops on.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.setAcceptDrops(True)  # type: ignore[attr-defined]

    def image_dropped(self, path: str) -> None:
        raise NotImplementedError

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt override
        if image_files(local_files(event)):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt override
        files = image_files(local_files(event))
        if not files:
            event.ignore()
            return
        event.acceptProposedAction()
        self.image_dropped(files[0])
