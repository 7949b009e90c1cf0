"""The Gallery dock: thumbnails of every image per class, decoded lazily in the background.

Only the thumbnails the view asks for are decoded (the visible ones, most recent first), by one
background job fed from a queue, so a folder of 20,000 images opens at once and scrolls smoothly.
Image files dropped on a class are copied into that class's folder after confirmation.
"""

from __future__ import annotations

from collections import OrderedDict, deque
from pathlib import Path

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QColor, QDragEnterEvent, QDragMoveEvent, QDropEvent, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ...core.data import SPLITS, ImageDataset, display_image, gallery_items, thumbnail_job
from ...core.events import Finished, ImageReady
from ..widgets.drops import image_files, local_files
from ..widgets.images import ScaledImageLabel, to_pixmap
from ..workers import JobRunner

__all__ = ["GalleryDock", "ThumbnailModel", "ImageViewer"]

THUMBNAIL = 96
_CACHE_LIMIT = 4000
_QUEUE_LIMIT = 512


class ThumbnailModel(QAbstractListModel):
    """Rows are images (key, label, split) under the current class/split filter; pixmaps load on demand."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._all: list[tuple[str, int, str]] = []
        self._rows: list[tuple[str, int, str]] = []
        self._row_of: dict[str, int] = {}
        self._class_names: tuple[str, ...] = ()
        self._seed = 0
        self._pixmaps: OrderedDict[str, QPixmap] = OrderedDict()
        self._failed: dict[str, str] = {}
        self._queue: deque[str] = deque(maxlen=_QUEUE_LIMIT)
        self._queued: set[str] = set()
        self._placeholder = QPixmap(THUMBNAIL, THUMBNAIL)
        self._placeholder.fill(QColor("#e8e8e8"))
        self.loader = JobRunner(self)
        self.loader.event_received.connect(self._on_loaded)
        self.loader.job_ended.connect(self._on_loader_ended)

    def set_dataset(self, dataset: ImageDataset) -> None:
        self.loader.cancel()
        self.beginResetModel()
        self._all = gallery_items(dataset)
        self._class_names = dataset.class_names
        self._seed = dataset.seed
        self._pixmaps.clear()
        self._failed.clear()
        self._queue.clear()
        self._queued.clear()
        self._rows = list(self._all)
        self._row_of = {key: i for i, (key, _, _) in enumerate(self._rows)}
        self.endResetModel()

    def set_filter(self, label: int | None, split: str | None) -> None:
        self.beginResetModel()
        self._rows = [
            item for item in self._all if (label is None or item[1] == label) and (split is None or item[2] == split)
        ]
        self._row_of = {key: i for i, (key, _, _) in enumerate(self._rows)}
        self.endResetModel()

    def item(self, row: int) -> tuple[str, int, str]:
        return self._rows[row]

    @property
    def seed(self) -> int:
        return self._seed

    def loaded_count(self) -> int:
        return len(self._pixmaps)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        key, label, split = self._rows[index.row()]
        if role == Qt.ItemDataRole.DecorationRole:
            pixmap = self._pixmaps.get(key)
            if pixmap is not None:
                self._pixmaps.move_to_end(key)
                return pixmap
            if key not in self._failed:
                self._request(key)
            return self._placeholder
        if role == Qt.ItemDataRole.ToolTipRole:
            name = self._class_names[label] if label < len(self._class_names) else "?"
            text = f"{key}\n{name} · {split}"
            if key in self._failed:
                text += "\n" + self._failed[key]
            return text
        if role == Qt.ItemDataRole.SizeHintRole:
            return QSize(THUMBNAIL + 8, THUMBNAIL + 8)
        return None

    def _request(self, key: str) -> None:
        if key in self._queued:
            return
        if len(self._queue) == self._queue.maxlen:
            self._queued.discard(self._queue[0])  # the oldest request scrolled away: forget it
        self._queue.append(key)
        self._queued.add(key)
        if not self.loader.is_running:
            self.loader.start(lambda: thumbnail_job(self._next_key, THUMBNAIL, self._seed), "thumbnails")

    def _next_key(self) -> str | None:
        # Called from the loader thread; deque.pop is atomic. Newest first: what is on screen now.
        try:
            return self._queue.pop()
        except IndexError:
            return None

    def _on_loaded(self, event) -> None:
        if not isinstance(event, ImageReady):
            return
        self._queued.discard(event.key)
        if event.image is None:
            self._failed[event.key] = event.reason
        else:
            self._pixmaps[event.key] = to_pixmap(event.image)
            while len(self._pixmaps) > _CACHE_LIMIT:
                self._pixmaps.popitem(last=False)
        row = self._row_of.get(event.key)
        if row is not None:
            index = self.index(row)
            self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])

    def _on_loader_ended(self, _event) -> None:
        if self._queue:  # requests that arrived after the job ran dry
            self.loader.start(lambda: thumbnail_job(self._next_key, THUMBNAIL, self._seed), "thumbnails")

    def shutdown(self, timeout_ms: int = 5_000) -> bool:
        self._queue.clear()
        return self.loader.shutdown(timeout_ms)


class ClassList(QListWidget):
    """The class filter; image files dropped on a class are offered to that class."""

    files_dropped = Signal(str, list)  # class name, image paths

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.droppable = False

    def _target(self, event) -> QListWidgetItem | None:
        item = self.itemAt(event.position().toPoint())
        if item is None or item.data(Qt.ItemDataRole.UserRole) is None:
            return None
        return item

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt override
        if self.droppable and image_files(local_files(event)):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # noqa: N802 - Qt override
        item = self._target(event)
        if item is not None and self.droppable and image_files(local_files(event)):
            self.setCurrentItem(item)
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt override
        item = self._target(event)
        files = image_files(local_files(event))
        if item is None or not files or not self.droppable:
            event.ignore()
            return
        event.acceptProposedAction()
        self.files_dropped.emit(item.data(Qt.ItemDataRole.UserRole), files)


class ImageViewer(QDialog):
    """One image, large, with its file, class and size."""

    def __init__(self, key: str, class_name: str, split: str, seed: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("imageViewer")
        self.setWindowTitle(Path(key).name)
        layout = QVBoxLayout(self)
        self.view = ScaledImageLabel(self, smooth=True)
        self.view.setMinimumSize(320, 320)
        self.caption = QLabel(self)
        self.caption.setWordWrap(True)
        self.caption.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.caption)
        layout.addWidget(buttons)
        self.resize(720, 640)
        self._text = f"{key}\n{class_name} · {split}"
        self.caption.setText(self._text)
        self.loader = JobRunner(self)
        self.loader.job_ended.connect(self._on_loaded)
        self.loader.start(lambda: _load_one(key, seed), "image")

    def _on_loaded(self, event) -> None:
        if isinstance(event, Finished) and event.result is not None:
            image = event.result
            self.view.set_image(to_pixmap(image))
            self.caption.setText(f"{self._text} · {image.shape[1]}×{image.shape[0]}")
        else:
            self.caption.setText(f"{self._text}\n{getattr(event, 'reason', '')}")

    def done(self, result: int) -> None:
        self.loader.shutdown(5_000)
        super().done(result)


def _load_one(key: str, seed: int):
    yield from ()
    return display_image(key, max_side=2048, seed=seed)


class GalleryDock(QDockWidget):
    """Classes on the left, their thumbnails on the right; click a thumbnail to see it large."""

    files_dropped_on_class = Signal(str, list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Gallery"), parent)
        self.setObjectName("galleryDock")
        body = QWidget(self)
        layout = QVBoxLayout(body)
        row = QHBoxLayout()
        self.split_filter = QComboBox(body)
        self.split_filter.setObjectName("gallerySplitCombo")
        self.split_filter.addItem(self.tr("All splits"), None)
        for split, text in zip(SPLITS, (self.tr("Train"), self.tr("Validation"), self.tr("Test")), strict=True):
            self.split_filter.addItem(text, split)
        self.count_label = QLabel(body)
        self.count_label.setObjectName("galleryCount")
        row.addWidget(QLabel(self.tr("Show:"), body))
        row.addWidget(self.split_filter)
        row.addStretch(1)
        row.addWidget(self.count_label)

        splitter = QSplitter(body)
        self.classes = ClassList(splitter)
        self.classes.setObjectName("galleryClassList")
        self.classes.files_dropped.connect(self.files_dropped_on_class)
        self.model = ThumbnailModel(self)
        self.view = QListView(splitter)
        self.view.setObjectName("galleryView")
        self.view.setViewMode(QListView.ViewMode.IconMode)
        self.view.setResizeMode(QListView.ResizeMode.Adjust)
        self.view.setMovement(QListView.Movement.Static)
        self.view.setUniformItemSizes(True)
        self.view.setLayoutMode(QListView.LayoutMode.Batched)
        self.view.setBatchSize(200)
        self.view.setIconSize(QSize(THUMBNAIL, THUMBNAIL))
        self.view.setGridSize(QSize(THUMBNAIL + 8, THUMBNAIL + 8))
        self.view.setSpacing(2)
        self.view.setModel(self.model)
        self.view.clicked.connect(self._on_thumbnail_clicked)
        splitter.addWidget(self.classes)
        splitter.addWidget(self.view)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([160, 600])
        self.hint = QLabel(self.tr("Drop image files on a class to copy them into its folder."), body)
        self.hint.setObjectName("galleryHint")
        self.hint.setStyleSheet("color: gray;")

        layout.addLayout(row)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.hint)
        self.setWidget(body)
        self.classes.currentRowChanged.connect(lambda _row: self._apply_filter())
        self.split_filter.currentIndexChanged.connect(lambda _i: self._apply_filter())
        self._dataset: ImageDataset | None = None
        self.viewer: ImageViewer | None = None

    def show_dataset(self, dataset: ImageDataset) -> None:
        self._dataset = dataset
        counts = dataset.counts()
        self.classes.blockSignals(True)
        self.classes.clear()
        total = dataset.total_images()
        everything = QListWidgetItem(self.tr("All classes ({0})").format(total))
        everything.setData(Qt.ItemDataRole.UserRole, None)
        self.classes.addItem(everything)
        for name in dataset.class_names:
            n = sum(counts.get(split, {}).get(name, 0) for split in SPLITS)
            item = QListWidgetItem(f"{name} ({n})")
            item.setData(Qt.ItemDataRole.UserRole, name)
            self.classes.addItem(item)
        self.classes.setCurrentRow(0)
        self.classes.blockSignals(False)
        droppable = dataset.layout in ("class-folders", "split-folders")
        self.classes.droppable = droppable
        self.hint.setVisible(droppable)
        self.model.set_dataset(dataset)
        self._apply_filter()

    def _apply_filter(self) -> None:
        if self._dataset is None:
            return
        item = self.classes.currentItem()
        name = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        label = self._dataset.class_names.index(name) if name in self._dataset.class_names else None
        self.model.set_filter(label, self.split_filter.currentData())
        self.count_label.setText(self.tr("{0} images").format(self.model.rowCount()))

    def _on_thumbnail_clicked(self, index: QModelIndex) -> None:
        if self._dataset is None or not index.isValid():
            return
        key, label, split = self.model.item(index.row())
        if self.viewer is not None:
            self.viewer.close()
        self.viewer = ImageViewer(key, self._dataset.class_names[label], split, self.model.seed, self)
        self.viewer.show()

    def shutdown(self, timeout_ms: int = 5_000) -> bool:
        ok = self.model.shutdown(timeout_ms)
        if self.viewer is not None:
            ok = self.viewer.loader.shutdown(timeout_ms) and ok
        return ok
