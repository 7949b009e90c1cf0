"""A row (or grid) of image thumbnails with captions, decoded in the background.

The items are image keys (file paths, or ``demo://split/i`` keys of the demo set) in the order given;
their thumbnails are decoded by `core.data.thumbnail_job` in a job, so showing a few hundred never
blocks the window. A new list supersedes the loading of the previous one. Activating an item
(double-click or Enter) emits `opened(row)`.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QListView, QListWidget, QListWidgetItem, QWidget

from ...core.data import thumbnail_job
from ...core.events import ImageReady
from ..workers import JobRunner
from .images import to_pixmap

__all__ = ["ThumbnailStrip"]


class ThumbnailStrip(QListWidget):
    """Thumbnails of `side` pixels with a caption of `caption_lines` under each, `width` pixels wide at least;
    one row that scrolls sideways when `wrap` is False."""

    opened = Signal(int)  # the row of the item activated
    thumbnails_loaded = Signal()  # every thumbnail of the current list is decoded (or found unreadable)

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        side: int = 72,
        wrap: bool = True,
        caption_lines: int = 1,
        width: int = 0,
    ) -> None:
        super().__init__(parent)
        self.side = side
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setIconSize(QSize(side, side))
        line = self.fontMetrics().lineSpacing()
        self.setGridSize(QSize(max(width, side + 24), side + caption_lines * line + 12))
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setMovement(QListView.Movement.Static)
        self.setWrapping(wrap)
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWordWrap(True)
        self.setUniformItemSizes(True)
        if not wrap:
            self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
            self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            self.setFixedHeight(self.gridSize().height() + self.horizontalScrollBar().sizeHint().height() + 6)
        self.loader = JobRunner(self)
        self.loader.event_received.connect(self._on_loaded)
        self.loader.job_ended.connect(lambda _event: self.thumbnails_loaded.emit())
        self._rows: dict[str, list[int]] = {}
        self.itemActivated.connect(lambda item: self.opened.emit(self.row(item)))

    def show_images(self, items: Sequence[tuple[str, str, str]], *, seed: int = 0) -> None:
        """Show (key, caption, tool tip) items in order and decode their thumbnails in the background."""
        self.clear()
        self._rows = {}
        for row, (key, caption, tip) in enumerate(items):
            item = QListWidgetItem(caption)
            item.setToolTip(tip)
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setTextAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
            self.addItem(item)
            self._rows.setdefault(key, []).append(row)
        if not items:
            self.loader.cancel()
            return
        keys = iter(list(self._rows))
        side = self.side
        self.loader.start(lambda: thumbnail_job(lambda: next(keys, None), side, seed), "thumbnails", supersede=True)

    def keys(self) -> list[str]:
        """The keys shown, in order."""
        return [self.item(row).data(Qt.ItemDataRole.UserRole) for row in range(self.count())]

    def captions(self) -> list[str]:
        return [self.item(row).text() for row in range(self.count())]

    def has_thumbnail(self, row: int) -> bool:
        return not self.item(row).icon().isNull()

    def _on_loaded(self, event) -> None:
        if not isinstance(event, ImageReady) or event.image is None:
            return
        icon = QIcon(to_pixmap(event.image))
        for row in self._rows.get(event.key, []):
            self.item(row).setIcon(icon)
