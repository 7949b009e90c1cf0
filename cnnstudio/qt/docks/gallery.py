"""The Gallery dock: thumbnails of every image per class, decoded lazily in the background.

Only the thumbnails the view asks for are decoded (the visible ones, most recent first), by one
background job fed from a queue, so a folder of 20,000 images opens at once and scrolls smoothly.
The list of images comes from the session, listed off the GUI thread. A new dataset supersedes the
loader: no thumbnail of the previous one can land in the new list. Image files dropped on a class
are offered to the window, which copies them into that class's folder after confirmation.
"""

from __future__ import annotations

from collections import OrderedDict, deque
from functools import partial
from pathlib import Path

from PySide6.QtCore import QAbstractListModel, QCoreApplication, QModelIndex, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QColor, QDragEnterEvent, QDragMoveEvent, QDropEvent, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from ...core.data import DEMO_PREFIX, SPLITS, ImageDataset, display_image, thumbnail_job
from ...core.events import Cancelled, Finished, ImageReady
from ...core.jobs import call_job
from ..texts import tr_message
from ..widgets.dock import Dock
from ..widgets.drops import image_files, local_files
from ..widgets.forms import choice_combo, wrapped_label
from ..widgets.images import ScaledImageLabel, to_pixmap
from ..workers import JobRunner

__all__ = ["GalleryDock", "ThumbnailModel", "ImageViewer"]

THUMBNAIL = 96
_CACHE_LIMIT = 4000
_QUEUE_LIMIT = 512


def _split_names() -> dict[str, str]:
    """The splits as the user reads them."""
    return {
        "train": QCoreApplication.translate("GalleryDock", "train"),
        "validation": QCoreApplication.translate("GalleryDock", "validation"),
        "test": QCoreApplication.translate("GalleryDock", "test"),
    }


def _pop_newest(queue: deque[str]) -> str | None:
    # Called from the loader thread; deque.pop is atomic. Newest first: what is on screen now.
    try:
        return queue.pop()
    except IndexError:
        return None


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
        self._split_names = _split_names()
        self.loader = JobRunner(self)
        self.loader.event_received.connect(self._on_loaded)
        self.loader.job_ended.connect(self._on_loader_ended)

    def set_items(self, items: list[tuple[str, int, str]], class_names: tuple[str, ...], seed: int) -> None:
        """Show these images (from `core.data.gallery_items`); thumbnails of earlier ones are forgotten."""
        self.beginResetModel()
        self._all = list(items)
        self._class_names = class_names
        self._seed = seed
        self._pixmaps.clear()
        self._failed.clear()
        # A new queue: the superseded loader stops at its next yield and can take nothing from this one.
        self._queue.clear()
        self._queue = deque(maxlen=_QUEUE_LIMIT)
        self._queued = set()
        if self.loader.is_running:
            self._start_loader()
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
            text = f"{key}\n{name} · {self._split_names.get(split, split)}"
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
            self._start_loader()

    def _start_loader(self) -> None:
        next_key, seed = partial(_pop_newest, self._queue), self._seed
        self.loader.start(lambda: thumbnail_job(next_key, THUMBNAIL, seed), "thumbnails", supersede=True)

    def _on_loaded(self, event) -> None:
        if not isinstance(event, ImageReady):
            return
        self._queued.discard(event.key)
        if event.image is None:
            self._failed[event.key] = tr_message(event.reason)
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
            self._start_loader()


class ThumbnailDelegate(QStyledItemDelegate):
    """A thumbnail and nothing else: selected, it gets a frame in the highlight colour (the default delegate
    draws the selection as a bar under the icon, for a caption these thumbnails do not have)."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        pixmap = index.data(Qt.ItemDataRole.DecorationRole)
        rect = option.rect.adjusted(3, 3, -3, -3)
        painter.save()
        if isinstance(pixmap, QPixmap) and not pixmap.isNull():
            scaled = pixmap.scaled(
                rect.size(), Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
            )
            x = rect.x() + (rect.width() - scaled.width()) // 2
            y = rect.y() + (rect.height() - scaled.height()) // 2
            painter.drawPixmap(x, y, scaled)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if selected or option.state & QStyle.StateFlag.State_MouseOver:
            colour = option.palette.highlight().color()
            if not selected:
                colour.setAlpha(110)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(QPen(colour, 3 if selected else 2))
            painter.drawRoundedRect(option.rect.adjusted(2, 2, -2, -2), 3, 3)
        painter.restore()


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
    """One image, large, with its file, class and size. Showing another replaces it: the newest load wins.

    "Look inside" asks (`inspect_requested` with the image's key) for its activations and heatmap.
    """

    inspect_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("imageViewer")
        layout = QVBoxLayout(self)
        self.view = ScaledImageLabel(self, smooth=True)
        self.view.setObjectName("imageViewerImage")
        self.view.setMinimumSize(320, 320)
        self.caption = wrapped_label(self, "imageViewerCaption")
        self.caption.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        self.inspect_button = buttons.addButton(self.tr("Look inside"), QDialogButtonBox.ButtonRole.ActionRole)
        self.inspect_button.setObjectName("imageViewerInspectButton")
        self.inspect_button.setToolTip(self.tr("Show this image's activations and heatmap"))
        self.inspect_button.clicked.connect(lambda: self.inspect_requested.emit(self._key))
        layout.addWidget(self.view, 1)
        layout.addWidget(self.caption)
        layout.addWidget(buttons)
        self.resize(720, 640)
        self._text = ""
        self._key = ""
        self.loader = JobRunner(self)
        self.loader.job_ended.connect(self._on_loaded)

    def show_image(self, key: str, class_name: str, split: str, seed: int) -> None:
        """Show the image `key` (decoded in the background) and bring the viewer up."""
        split_name = _split_names().get(split, split)
        if key.startswith(DEMO_PREFIX):  # a generated image has no file: say what it is
            number = key.rsplit("/", 1)[-1]
            title = self.tr("Demo image {0}: {1}, {2} split").format(number, class_name, split_name)
            self._text = f"{title}\n{class_name} · {split_name}"
        else:
            title = Path(key).name
            self._text = f"{key}\n{class_name} · {split_name}"
        self.setWindowTitle(title)
        self._key = key
        self.caption.setText(self._text)
        self.view.set_image(QPixmap())
        self.loader.start(lambda: call_job(display_image, key, max_side=2048, seed=seed), "image", supersede=True)
        self.show()
        self.activateWindow()  # a viewer that is already open comes to the front

    def _on_loaded(self, event) -> None:
        if isinstance(event, Finished) and event.result is not None:
            image = event.result
            self.view.set_image(to_pixmap(image))
            self.caption.setText(self.tr("{0} · {1}×{2}").format(self._text, image.shape[1], image.shape[0]))
        elif not isinstance(event, Cancelled):
            self.caption.setText(f"{self._text}\n{tr_message(getattr(event, 'reason', None))}")

    def done(self, result: int) -> None:
        self.loader.cancel()
        super().done(result)


class GalleryDock(Dock):
    """Classes on the left, their thumbnails on the right; click a thumbnail to see it large."""

    files_dropped_on_class = Signal(str, list)
    inspect_requested = Signal(str)  # an image's key: show it in the look-inside docks

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Gallery"), "galleryDock", parent, scroll=False)  # its views scroll themselves
        body = self.body
        row = QHBoxLayout()
        splits = dict(zip(SPLITS, (self.tr("Train"), self.tr("Validation"), self.tr("Test")), strict=True))
        self.split_filter = choice_combo(body, "gallerySplitCombo", {None: self.tr("All splits"), **splits})
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
        self.view.setItemDelegate(ThumbnailDelegate(self.view))
        self.view.setMouseTracking(True)  # the hover frame
        self.view.clicked.connect(self._on_thumbnail_clicked)
        splitter.addWidget(self.classes)
        splitter.addWidget(self.view)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([160, 600])
        self.hint = QLabel(self.tr("Drop image files on a class to copy them into its folder."), body)
        self.hint.setObjectName("galleryHint")
        self.hint.setStyleSheet("color: gray;")

        self.column.addLayout(row)
        self.column.addWidget(splitter, 1)
        self.column.addWidget(self.hint)
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
        self.model.set_items([], dataset.class_names, dataset.seed)  # until the session has listed its images
        self._apply_filter()

    def show_items(self, items: list[tuple[str, int, str]]) -> None:
        """The current dataset's images, as the session listed them (off the GUI thread)."""
        if self._dataset is not None:
            self.model.set_items(items, self._dataset.class_names, self._dataset.seed)
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
        if self.viewer is None:
            self.viewer = ImageViewer(self)
            self.viewer.inspect_requested.connect(self.inspect_requested)
        self.viewer.show_image(key, self._dataset.class_names[label], split, self.model.seed)
