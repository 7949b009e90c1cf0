"""A confusion matrix drawn as a grid: true classes down the side, predicted classes across the top.

Each cell shows its count; its colour deepens with the share of its row (the true class) it holds, so
a class the model confuses stands out whatever the class sizes. Right answers (the diagonal) are blue,
mistakes red. Hovering a cell says what it counts; clicking it emits `cell_clicked(true, predicted)`.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QHelpEvent, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

__all__ = ["ConfusionMatrixView"]

_RIGHT = QColor(33, 102, 172)
_WRONG = QColor(203, 24, 29)


def _tint(colour: QColor, share: float) -> QColor:
    """`colour` mixed with white: white for a share of 0, the full colour for 1."""
    share = min(max(share, 0.0), 1.0)
    mix = 0.08 + 0.92 * share if share > 0 else 0.0
    return QColor(
        round(255 + (colour.red() - 255) * mix),
        round(255 + (colour.green() - 255) * mix),
        round(255 + (colour.blue() - 255) * mix),
    )


class ConfusionMatrixView(QWidget):
    """Counts `counts[t][p]` of images of class t predicted as p, for 2 to about 10 classes."""

    cell_clicked = Signal(int, int)  # true class, predicted class

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("confusionMatrix")
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(220, 180)
        self._counts: list[list[int]] = []
        self._names: list[str] = []
        self._selected: tuple[int, int] | None = None

    # ---- data ----------------------------------------------------------------------------------
    def set_matrix(self, counts: Sequence[Sequence[int]], class_names: Sequence[str]) -> None:
        if len(counts) != len(class_names) or any(len(row) != len(class_names) for row in counts):
            raise ValueError("a confusion matrix is square, one row and column per class")
        self._counts = [[int(v) for v in row] for row in counts]
        self._names = list(class_names)
        self._selected = None
        self.updateGeometry()
        self.update()

    def clear(self) -> None:
        self.set_matrix([], [])

    def counts(self) -> list[list[int]]:
        return [list(row) for row in self._counts]

    def class_names(self) -> list[str]:
        return list(self._names)

    def selected(self) -> tuple[int, int] | None:
        return self._selected

    def select(self, true: int, predicted: int) -> None:
        """Select a cell, as a click does (emits `cell_clicked`)."""
        self._selected = (true, predicted)
        self.update()
        self.cell_clicked.emit(true, predicted)

    def describe(self, true: int, predicted: int) -> str:
        """What a cell counts, in words (its tool tip)."""
        count = self._counts[true][predicted]
        row = sum(self._counts[true])
        share = f"{count / row:.0%}" if row else "-"
        if count == 1:
            text = self.tr("1 image of {1} predicted as {2} ({3} of {1})")
        else:
            text = self.tr("{0} images of {1} predicted as {2} ({3} of {1})")
        return text.format(count, self._names[true], self._names[predicted], share)

    # ---- geometry ------------------------------------------------------------------------------
    def _margins(self) -> tuple[int, int]:
        """(left, top): room for the true-class names and the axis titles."""
        metrics = self.fontMetrics()
        widest = max((metrics.horizontalAdvance(name) for name in self._names), default=0)
        left = min(widest, 140) + metrics.height() + 16
        top = 2 * metrics.height() + 12
        return left, top

    def _cell_size(self) -> int:
        n = max(1, len(self._names))
        left, top = self._margins()
        side = min((self.width() - left - 8) // n, (self.height() - top - 8) // n)
        return max(18, min(side, 96))

    def cell_rect(self, true: int, predicted: int) -> QRect:
        """Where a cell is drawn, in widget coordinates."""
        left, top = self._margins()
        side = self._cell_size()
        return QRect(left + predicted * side, top + true * side, side, side)

    def cell_at(self, point: QPoint) -> tuple[int, int] | None:
        n = len(self._names)
        if not n:
            return None
        left, top = self._margins()
        side = self._cell_size()
        column, row = (point.x() - left) // side, (point.y() - top) // side
        if point.x() < left or point.y() < top or column >= n or row >= n:
            return None
        return int(row), int(column)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        left, top = self._margins()
        side = 56 if len(self._names) <= 5 else 40
        n = max(2, len(self._names))
        return QSize(left + n * side + 8, top + n * side + 8)

    # ---- events --------------------------------------------------------------------------------
    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            cell = self.cell_at(event.pos())
            if cell is None:
                QToolTip.hideText()
                event.ignore()
            else:
                QToolTip.showText(event.globalPos(), self.describe(*cell), self, self.cell_rect(*cell))
            return True
        return super().event(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        cell = self.cell_at(event.position().toPoint())
        self.setCursor(Qt.CursorShape.PointingHandCursor if cell else Qt.CursorShape.ArrowCursor)
        super().mouseMoveEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        cell = self.cell_at(event.position().toPoint())
        if cell is not None and event.button() == Qt.MouseButton.LeftButton:
            self.select(*cell)
            event.accept()
            return
        super().mousePressEvent(event)

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        n = len(self._names)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        palette_text = self.palette().color(self.foregroundRole())
        if not n:
            painter.setPen(palette_text)
            painter.drawText(
                self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("Evaluate a run to see its confusion matrix")
            )
            painter.end()
            return
        metrics = self.fontMetrics()
        left, top = self._margins()
        side = self._cell_size()
        line = metrics.height()
        bold = QFont(self.font())
        bold.setBold(True)
        # Axis titles: "Predicted" over the columns, "True" up the left side.
        painter.setPen(palette_text)
        painter.setFont(bold)
        painter.drawText(QRect(left, 2, n * side, line), Qt.AlignmentFlag.AlignCenter, self.tr("Predicted"))
        painter.save()
        painter.translate(2, top + n * side / 2)
        painter.rotate(-90)
        painter.drawText(QRect(-n * side // 2, 0, n * side, line), Qt.AlignmentFlag.AlignCenter, self.tr("True"))
        painter.restore()
        painter.setFont(self.font())
        for k, name in enumerate(self._names):
            column = QRect(left + k * side + 2, line + 6, side - 4, line)
            painter.drawText(
                column, Qt.AlignmentFlag.AlignCenter, metrics.elidedText(name, Qt.TextElideMode.ElideRight, side - 4)
            )
            row = QRect(line + 6, top + k * side, left - line - 12, side)
            painter.drawText(
                row,
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                metrics.elidedText(name, Qt.TextElideMode.ElideRight, left - line - 12),
            )
        number_font = QFont(self.font())
        number_font.setPointSizeF(max(7.0, min(self.font().pointSizeF() * side / 40, 16.0)))
        painter.setFont(number_font)
        for t in range(n):
            total = sum(self._counts[t])
            for p in range(n):
                count = self._counts[t][p]
                share = count / total if total else 0.0
                rect = self.cell_rect(t, p)
                fill = _tint(_RIGHT if t == p else _WRONG, share)
                painter.fillRect(rect, fill)
                painter.setPen(QPen(QColor(200, 200, 200), 1))
                painter.drawRect(rect.adjusted(0, 0, -1, -1))
                painter.setPen(QColor(255, 255, 255) if share > 0.5 else QColor(30, 30, 30))
                painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, str(count))
        if self._selected is not None and max(self._selected) < n:
            painter.setPen(QPen(palette_text, 3))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(self.cell_rect(*self._selected).adjusted(1, 1, -2, -2))
        painter.end()
