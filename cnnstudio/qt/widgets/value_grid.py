"""A small 2-D array drawn as a grid of square cells, with its numbers when they fit, and hover reports;
and `KernelTable`, a small editable grid of numbers (a convolution kernel).

Used by the convolution explainer: each cell is one value (grey from the smallest to the largest, or
blue–white–red around 0 for signed maps), an optional border of zero-padding cells is drawn dashed
around the values, a window of cells can be outlined, and moving the mouse over a cell emits `hovered`
with its (row, col) in value coordinates (padding cells have rows/columns below 0 or past the end), and
`left` when it leaves the grid.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPen
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QSizePolicy, QTableWidget, QTableWidgetItem, QWidget

__all__ = ["ValueGrid", "KernelTable"]

_MAX_NUMBERED = 16  # numbers are written in the cells of maps at most this many cells across (when they fit)


def _signed_colour(t: float) -> QColor:
    """t in [-1, 1] → blue (negative) … white (0) … red (positive)."""
    t = max(-1.0, min(1.0, t))
    fade = int(round(255 * (1 - abs(t))))
    return QColor(255, fade, fade) if t >= 0 else QColor(fade, fade, 255)


class ValueGrid(QWidget):
    """Draws `values` cell by cell; `hovered(row, col)` as the mouse moves onto a cell, `left` off the grid.

    ``pad`` = (top, bottom, left, right) zero cells drawn around the values; `set_window` outlines
    rows row0..row1-1 and columns col0..col1-1 (value coordinates, padding included).
    """

    hovered = Signal(int, int)
    left = Signal()

    def __init__(self, parent: QWidget | None = None, *, minimum: int = 96) -> None:
        super().__init__(parent)
        self.setMouseTracking(True)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setMinimumSize(minimum, minimum)
        self._values = np.zeros((1, 1))
        self._signed = False
        self._pad = (0, 0, 0, 0)
        self._window: tuple[int, int, int, int] | None = None
        self._marked: tuple[int, int] | None = None
        self._last: tuple[int, int] | None = None

    # ---- content -----------------------------------------------------------------------------
    def set_values(self, values: np.ndarray, *, signed: bool = False, pad: tuple[int, int, int, int] = (0, 0, 0, 0)):
        self._values = np.array(values, dtype=np.float64)
        self._signed = signed
        self._pad = tuple(int(p) for p in pad)  # type: ignore[assignment]
        self._window = None
        self._marked = None
        self.updateGeometry()
        self.update()

    def values(self) -> np.ndarray:
        return self._values.copy()

    def set_window(self, window: tuple[int, int, int, int] | None) -> None:
        """Outline (row0, col0, row1, col1) (ends exclusive), or nothing."""
        self._window = window
        self.update()

    def window(self) -> tuple[int, int, int, int] | None:
        return self._window

    def set_marked(self, cell: tuple[int, int] | None) -> None:
        """Outline one cell (the one the explanation is about), or none."""
        self._marked = cell
        self.update()

    # ---- geometry ----------------------------------------------------------------------------
    def _shape(self) -> tuple[int, int]:
        top, bottom, left, right = self._pad
        return self._values.shape[0] + top + bottom, self._values.shape[1] + left + right

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt's name)
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        rows, cols = self._shape()
        return max(self.minimumHeight(), round(width * rows / max(1, cols)))

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(200, self.heightForWidth(200))

    def _cell(self) -> tuple[float, float, float]:
        """(cell side, x0, y0) of the grid, centred in the widget, padding included."""
        rows, cols = self._shape()
        side = max(1.0, min((self.width() - 1) / cols, (self.height() - 1) / rows))
        return side, (self.width() - side * cols) / 2, (self.height() - side * rows) / 2

    def cell_rect(self, row: int, col: int) -> QRectF:
        """Where value cell (row, col) is drawn (padding cells: rows/cols below 0 or past the end)."""
        side, x0, y0 = self._cell()
        top, _, left, _ = self._pad
        return QRectF(x0 + (col + left) * side, y0 + (row + top) * side, side, side)

    def cell_at(self, point: QPointF) -> tuple[int, int] | None:
        """The (row, col) in value coordinates under `point`, or None off the grid."""
        side, x0, y0 = self._cell()
        rows, cols = self._shape()
        r, c = int((point.y() - y0) // side), int((point.x() - x0) // side)
        if not (0 <= r < rows and 0 <= c < cols):
            return None
        return r - self._pad[0], c - self._pad[2]

    def is_padding(self, row: int, col: int) -> bool:
        return not (0 <= row < self._values.shape[0] and 0 <= col < self._values.shape[1])

    def value_at(self, row: int, col: int) -> float:
        """The value of a cell (0 on the padding)."""
        return 0.0 if self.is_padding(row, col) else float(self._values[row, col])

    # ---- events ------------------------------------------------------------------------------
    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        cell = self.cell_at(event.position())
        if cell != self._last:
            self._last = cell
            if cell is None:
                self.left.emit()
            else:
                self.hovered.emit(*cell)
        super().mouseMoveEvent(event)

    def leaveEvent(self, event) -> None:  # noqa: N802
        self._last = None
        self.left.emit()
        super().leaveEvent(event)

    def _colour(self, value: float, low: float, high: float) -> QColor:
        if self._signed:
            return _signed_colour(value / high if high > 0 else 0.0)
        t = (value - low) / (high - low) if high > low else 0.5
        g = int(round(255 * t))
        return QColor(g, g, g)

    def paintEvent(self, _event) -> None:  # noqa: N802
        values = self._values
        if values.size == 0:
            return
        painter = QPainter(self)
        side, _, _ = self._cell()
        if self._signed:
            low, high = 0.0, float(np.abs(values).max())
        else:
            low, high = float(values.min()), float(values.max())
        rows, cols = values.shape
        font = painter.font()
        font.setPointSizeF(max(6.0, min(font.pointSizeF(), side / 3.2)))
        painter.setFont(font)
        decimals = next((d for d in (2, 1) if side >= painter.fontMetrics().horizontalAdvance(f"-{0:.{d}f}") + 3), None)
        numbered = max(rows, cols) <= _MAX_NUMBERED and decimals is not None
        top, bottom, left, right = self._pad
        for r in range(-top, rows + bottom):
            for c in range(-left, cols + right):
                rect = self.cell_rect(r, c)
                if self.is_padding(r, c):
                    painter.fillRect(rect, QColor(235, 235, 235))
                    painter.setPen(QPen(QColor(150, 150, 150), 1, Qt.PenStyle.DotLine))
                    painter.drawRect(rect.adjusted(0.5, 0.5, -0.5, -0.5))
                    continue
                colour = self._colour(float(values[r, c]), low, high)
                painter.fillRect(rect, colour)
                if numbered:
                    painter.setPen(Qt.GlobalColor.black if colour.lightness() > 128 else Qt.GlobalColor.white)
                    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, f"{values[r, c]:.{decimals}f}")
        if self._window is not None:
            r0, c0, r1, c1 = self._window
            box = self.cell_rect(r0, c0).united(self.cell_rect(r1 - 1, c1 - 1))
            painter.setPen(QPen(QColor(255, 160, 0), max(2.0, side / 6)))
            painter.drawRect(box)
        if self._marked is not None:
            painter.setPen(QPen(QColor(0, 200, 120), max(2.0, side / 6)))
            painter.drawRect(self.cell_rect(*self._marked))
        painter.end()


def _number(text: str) -> float | None:
    try:
        value = float(text.strip().replace("−", "-").replace(",", "."))
    except ValueError:
        return None
    return value if np.isfinite(value) else None


class KernelTable(QTableWidget):
    """A k×k grid of editable numbers, tinted blue–white–red by sign; `edited(row, col, value)` on a valid edit.

    Text that is not a number is put back as it was.
    """

    edited = Signal(int, int, float)

    def __init__(self, parent: QWidget | None = None, *, cell: int = 38) -> None:
        super().__init__(parent)
        self._cell = cell
        self._values = np.zeros((1, 1))
        for header in (self.horizontalHeader(), self.verticalHeader()):
            header.hide()
            header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
            header.setDefaultSectionSize(cell)
            header.setMinimumSectionSize(cell)
        self.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.itemChanged.connect(self._on_item_changed)

    def set_values(self, values: np.ndarray) -> None:
        self._values = np.array(values, dtype=np.float64)
        rows, cols = self._values.shape
        self.blockSignals(True)
        self.setRowCount(rows)
        self.setColumnCount(cols)
        high = float(np.abs(self._values).max()) or 1.0
        for r in range(rows):
            for c in range(cols):
                value = float(self._values[r, c])
                item = QTableWidgetItem(self._short(value))
                item.setToolTip(f"{value:.6g}")
                t = value / high
                fade = int(round(255 * (1 - 0.6 * abs(t))))
                item.setBackground(QColor(255, fade, fade) if t >= 0 else QColor(fade, fade, 255))
                item.setForeground(QColor(0, 0, 0))
                self.setItem(r, c, item)
        self.blockSignals(False)
        frame = 2 * self.frameWidth()
        self.setFixedSize(cols * self._cell + frame, rows * self._cell + frame)

    def values(self) -> np.ndarray:
        return self._values.copy()

    def _short(self, value: float) -> str:
        """The value with as many significant digits (3, 2, 1) as fit a cell; all of them in the tool tip."""
        metrics = self.fontMetrics()
        texts = [f"{value:.{digits}g}" for digits in (3, 2, 1)]
        return next((t for t in texts if metrics.horizontalAdvance(t) <= self._cell - 10), texts[-1])

    def _on_item_changed(self, item: QTableWidgetItem) -> None:
        value = _number(item.text())
        if value is not None:
            self._values[item.row(), item.column()] = value
        # Redrawn (tint, rounding; the old number back for a non-number) once this item's signal is over.
        QTimer.singleShot(0, self, lambda: self.set_values(self._values))
        if value is not None:
            self.edited.emit(item.row(), item.column(), value)
