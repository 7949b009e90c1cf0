"""Writing a pyqtgraph view as a PNG image or an SVG drawing.

Items drawn from a pixmap cache (the Curves dock caches its axes, which are costly to paint) are drawn
afresh for the file, so an SVG keeps its text and lines as vectors.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pyqtgraph as pg
import pyqtgraph.exporters  # noqa: F401 - registers ImageExporter
from PySide6.QtGui import QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QGraphicsItem

__all__ = ["export_view"]


def export_view(view: pg.GraphicsView, path: str, title: str) -> None:
    """Write `view`'s scene to `path`: SVG for a ``.svg`` name, else a PNG image; `title` names the drawing."""
    with _uncached(view.scene().items()):
        if path.lower().endswith(".svg"):
            _write_svg(view, path, title)
        else:
            pg.exporters.ImageExporter(view.scene()).export(path)


def _write_svg(view: pg.GraphicsView, path: str, title: str) -> None:
    """Through Qt's own SVG writer (pyqtgraph 0.14's SVG exporter fails here)."""
    rect = view.sceneRect()
    generator = QSvgGenerator()
    generator.setFileName(path)
    generator.setSize(rect.size().toSize())
    generator.setViewBox(rect)
    generator.setTitle(title)
    painter = QPainter(generator)
    try:
        view.scene().render(painter, rect, rect)
    finally:
        painter.end()


@contextmanager
def _uncached(items: list[QGraphicsItem]) -> Iterator[None]:
    cached = [(item, item.cacheMode()) for item in items if item.cacheMode() != QGraphicsItem.CacheMode.NoCache]
    for item, _mode in cached:
        item.setCacheMode(QGraphicsItem.CacheMode.NoCache)
    try:
        yield
    finally:
        for item, mode in cached:
            item.setCacheMode(mode)
