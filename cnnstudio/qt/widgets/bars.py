"""Class probabilities as horizontal bars: a name, a bar as long as the probability, the percentage."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

__all__ = ["ProbabilityBars"]


class ProbabilityBars(QWidget):
    """Rows of (class name, probability), best first as given; `highlight` names a class drawn in another colour."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._rows: list[tuple[str, float]] = []
        self._highlight: str | None = None

    def set_rows(self, rows: Sequence[tuple[str, float]], highlight: str | None = None) -> None:
        self._rows = [(str(name), float(p)) for name, p in rows]
        self._highlight = highlight
        self.setFixedHeight(self._row_height() * max(1, len(self._rows)) + 2)
        self.update()

    def rows(self) -> list[tuple[str, float]]:
        return list(self._rows)

    def _row_height(self) -> int:
        return self.fontMetrics().height() + 6

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(260, self._row_height() * max(1, len(self._rows)) + 2)

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        metrics = self.fontMetrics()
        height = self._row_height()
        name_width = min(max((metrics.horizontalAdvance(n) for n, _ in self._rows), default=0) + 14, self.width() // 3)
        percent_width = metrics.horizontalAdvance("100.0 %") + 8
        bar_width = max(10, self.width() - name_width - percent_width)
        text = self.palette().color(self.foregroundRole())
        for i, (name, probability) in enumerate(self._rows):
            y = i * height
            painter.setPen(text)
            label = metrics.elidedText(name, Qt.TextElideMode.ElideRight, name_width - 8)
            painter.drawText(QRect(0, y, name_width - 8, height), Qt.AlignmentFlag.AlignVCenter, label)
            track = QRect(name_width, y + 3, bar_width, height - 6)
            painter.fillRect(track, QColor(225, 225, 225))
            fill = QRect(track.x(), track.y(), round(track.width() * min(max(probability, 0.0), 1.0)), track.height())
            colour = QColor(230, 120, 30) if name == self._highlight else QColor(49, 130, 189)
            painter.fillRect(fill, colour)
            painter.drawText(
                QRect(name_width + bar_width, y, percent_width, height),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                f"{probability:.1%}",
            )
        painter.end()
