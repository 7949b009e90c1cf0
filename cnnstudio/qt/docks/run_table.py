"""The Runs dock's list: one row per run, sortable, its status coloured, its folder in the tool tip."""

from __future__ import annotations

import math

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QWidget

from ...core.runs import RunDetails
from .run_compare import format_accuracy, format_duration

__all__ = ["RunsModel", "STATUS_COLOURS"]

STATUS_COLOURS = {
    "finished": "#2ca02c",
    "stopped": "#e08a00",
    "failed": "#d62728",
    "interrupted": "#8c564b",
    "running": "#1f77b4",
    "unreadable": "#7f7f7f",
}
_INDEX = QModelIndex | QPersistentModelIndex
_Role = Qt.ItemDataRole


def _dot(colour: str) -> QIcon:
    pixmap = QPixmap(12, 12)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor(colour))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(1, 1, 10, 10)
    painter.end()
    return QIcon(pixmap)


class RunsModel(QAbstractTableModel):
    """The runs as table rows: name, model, dataset, augmentation, best val. accuracy, duration, status.

    ``UserRole`` is each cell's sort key (numbers sort as numbers, unknowns first).
    """

    NAME, MODEL, DATASET, AUGMENTATION, ACCURACY, DURATION, STATUS = range(7)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runs: list[RunDetails] = []
        self._headers = [
            self.tr("Name"),
            self.tr("Model"),
            self.tr("Dataset"),
            self.tr("Augmentation"),
            self.tr("Best val. accuracy"),
            self.tr("Duration"),
            self.tr("Status"),
        ]
        self._status_names = {
            "finished": self.tr("finished"),
            "stopped": self.tr("stopped"),
            "failed": self.tr("failed"),
            "interrupted": self.tr("interrupted"),
            "running": self.tr("running"),
            "unreadable": self.tr("unreadable"),
        }
        self._icons: dict[str, QIcon] = {}

    def set_runs(self, runs: list[RunDetails]) -> None:
        self.beginResetModel()
        self._runs = list(runs)
        self.endResetModel()

    @property
    def runs(self) -> list[RunDetails]:
        return list(self._runs)

    def run(self, row: int) -> RunDetails:
        return self._runs[row]

    def status_name(self, status: str) -> str:
        return self._status_names.get(status, status)

    def rowCount(self, parent: _INDEX = QModelIndex()) -> int:  # noqa: N802, B008 - Qt override
        return 0 if parent.isValid() else len(self._runs)

    def columnCount(self, parent: _INDEX = QModelIndex()) -> int:  # noqa: N802, B008 - Qt override
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _Role.DisplayRole) -> object:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == _Role.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: _INDEX, role: int = _Role.DisplayRole) -> object:
        if not index.isValid():
            return None
        run, column = self._runs[index.row()], index.column()
        e = run.entry
        if role == _Role.DisplayRole:
            return self._text(run, column)
        if role == _Role.UserRole:
            if column == self.ACCURACY:
                return -1.0 if e.val_accuracy is None else e.val_accuracy
            if column == self.DURATION:
                return -1.0 if e.duration is None or not math.isfinite(e.duration) else e.duration
            return self._text(run, column).casefold()
        if role == _Role.ToolTipRole:
            lines = [e.run_dir]
            if e.reason:
                lines.append(e.reason)
            return "\n".join(lines)
        if column == self.STATUS and role == _Role.DecorationRole:
            colour = STATUS_COLOURS.get(e.status, "#7f7f7f")
            return self._icons.setdefault(colour, _dot(colour))
        if column == self.STATUS and role == _Role.ForegroundRole:
            return QColor(STATUS_COLOURS.get(e.status, "#7f7f7f"))
        if column in (self.ACCURACY, self.DURATION) and role == _Role.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _text(self, run: RunDetails, column: int) -> str:
        e = run.entry
        texts = (
            e.name,
            e.model or "",
            e.dataset or "",
            e.augmentation or "",
            format_accuracy(e.val_accuracy),
            format_duration(e.duration),
            self.status_name(e.status),
        )
        return texts[column]
