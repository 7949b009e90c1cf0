"""Plots, each with the legend rows under it, one above the other, or side by side when the view is short.

Two plots stacked in a view squeezed to 200 px high (the Curves under a picked Activations tab at
1280×800) kept about 30 px of data each; side by side they keep about 100. Side by side, legend rows
that say the same for every plot (the Curves' colours and best epoch) are shown once, across the width.
The plots themselves are moved within the view's grid, never taken out of its scene, so the curves,
views and mouse tracking stay as they are.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence

import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QGraphicsWidget

__all__ = ["SIDE_BY_SIDE_BELOW", "PlotStack"]

SIDE_BY_SIDE_BELOW = 300  # px of view height: lower than this (and wider than high), the plots go side by side


class PlotStack(QObject):
    """Lays out `columns` by the height of `view`. Each column is a plot and its legend rows, top to bottom,
    already in `view`'s grid as stacked rows. Side by side, the rows whose offsets are in `shared` show
    the first column's item across all columns, and the other columns' items at those offsets leave the
    scene (their entries repeat the first's). `on_change(side_by_side)` is called after each change."""

    def __init__(
        self,
        view: pg.GraphicsLayoutWidget,
        columns: Sequence[Sequence[QGraphicsWidget]],
        shared: Collection[int] = (),
        on_change: Callable[[bool], None] | None = None,
    ) -> None:
        super().__init__(view)
        self._view = view
        self._columns = [list(items) for items in columns]
        self._shared = frozenset(shared)
        self._on_change = on_change
        self.side_by_side = False
        self._spacing = view.ci.layout.horizontalSpacing()
        view.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Resize:
            self.arrange()
        return False

    def arrange(self) -> None:
        height, width = self._view.height(), self._view.width()
        wanted = height < SIDE_BY_SIDE_BELOW and width > height
        if wanted == self.side_by_side:
            return
        grid = self._view.ci.layout
        for index, items in enumerate(self._columns):
            for offset, item in enumerate(items):
                if not (self.side_by_side and index > 0 and offset in self._shared):  # those left the grid
                    grid.removeItem(item)
        rows, count = max(len(items) for items in self._columns), len(self._columns)
        for index, items in enumerate(self._columns):
            for offset, item in enumerate(items):
                if not wanted:
                    grid.addItem(item, index * rows + offset, 0)
                elif offset not in self._shared:
                    grid.addItem(item, offset, index)
                elif index == 0:
                    grid.addItem(item, offset, 0, 1, count)
                else:
                    self._view.scene().removeItem(item)  # not drawn, whatever its visibility says
        for col in range(1, count):  # side by side, the plots as wide as each other; stacked, the others empty
            grid.setColumnStretchFactor(col, 1 if wanted else 0)
            grid.setColumnMaximumWidth(col, 1e6 if wanted else 0)
        grid.setHorizontalSpacing(self._spacing if wanted else 0)  # no gap before an empty column
        self.side_by_side = wanted
        if self._on_change is not None:
            self._on_change(wanted)
