"""Where the window's docks go: the default arrangement, and the geometry and layout kept between sessions.

The default arrangement is three columns, each of one or two groups of tabbed docks, so that no tab
group holds more docks than its tabs can name in full at 1280 px:

    Dataset | Gallery | Augmentation   Training   Curves | Runs | Evaluation | Timeline
    Model                             Log        Classify | Activations | Filters | Heatmap | Convolution

Docks are named by object name, so the start-up frame's placeholders take the same places as the window's docks.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QByteArray, QEvent, QObject, QRect, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDockWidget, QMainWindow, QTabWidget

from . import settings as app_settings

__all__ = [
    "DEFAULT_COLUMNS",
    "LAYOUT_VERSION",
    "arrange_default",
    "bring_to_front",
    "clamp_to_screen",
    "fit_default_sizes",
    "make_room_for_picked_tabs",
    "restore_layout",
    "save_layout",
]

Group = tuple[str, ...]  # docks tabbed together, by object name; the first is in front
DEFAULT_COLUMNS: tuple[tuple[Group, ...], ...] = (
    (("datasetDock", "galleryDock", "augmentDock"), ("modelDock",)),
    (("trainingDock",), ("logDock",)),
    (
        ("curvesDock", "runsDock", "evaluationDock", "timelineDock"),
        ("classifyDock", "activationsDock", "filtersDock", "heatmapDock", "convolutionDock"),
    ),
)
"""Columns left to right; each is its groups top to bottom."""

LAYOUT_VERSION = 2  # of the saved dock layout: a layout saved by an older arrangement is not restored
_COLUMN_SHARES = (0.32, 0.2, 0.48)  # of the window's width: the forms get their width, the views the rest
_GROUP_SHARES = ((0.48, 0.52), (0.6, 0.4), (0.62, 0.38))  # of each column's height
_FIRST_WINDOW = (1600, 1000)  # the largest first window; on a smaller screen the first window is maximised
_SMALL_SCREEN = (1500, 950)  # a first window on a screen smaller than this (either way) is maximised


def _dock(window: QMainWindow, name: str) -> QDockWidget | None:
    return window.findChild(QDockWidget, name)


def arrange_default(window: QMainWindow) -> None:
    """Put the window's docks (found by object name; absent ones skipped) in `DEFAULT_COLUMNS`' places."""
    window.setTabPosition(Qt.DockWidgetArea.AllDockWidgetAreas, QTabWidget.TabPosition.North)
    columns = [
        [[d for d in (_dock(window, n) for n in group) if d is not None] for group in col] for col in DEFAULT_COLUMNS
    ]
    columns = [[group for group in col if group] for col in columns]
    columns = [col for col in columns if col]
    previous: QDockWidget | None = None
    for col in columns:  # the first group of each column, side by side
        first = col[0][0]
        first.setFloating(False)
        if previous is None:
            window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, first)
        else:
            window.splitDockWidget(previous, first, Qt.Orientation.Horizontal)
        previous = first
    for col in columns:
        for above, group in zip(col, col[1:], strict=False):  # the groups of a column, one under the other
            window.splitDockWidget(above[0], group[0], Qt.Orientation.Vertical)
        for group in col:
            for before, dock in zip(group, group[1:], strict=False):
                window.tabifyDockWidget(before, dock)
            group[0].raise_()
    fit_default_sizes(window)


def fit_default_sizes(window: QMainWindow) -> None:
    """Share the window's width between the default columns and each column's height between its groups."""
    width, height = max(window.width(), 1), max(window.height(), 1)
    firsts, widths = [], []
    for col, share, group_shares in zip(DEFAULT_COLUMNS, _COLUMN_SHARES, _GROUP_SHARES, strict=True):
        groups = [(dock, s) for group, s in zip(col, group_shares, strict=True) if (dock := _dock(window, group[0]))]
        if groups:
            firsts.append(groups[0][0])
            widths.append(int(width * share))
        if len(groups) > 1:
            window.resizeDocks([d for d, _ in groups], [int(height * s) for _, s in groups], Qt.Orientation.Vertical)
    if firsts:
        window.resizeDocks(firsts, widths, Qt.Orientation.Horizontal)


def make_room_for_picked_tabs(window: QMainWindow, share: float = 0.6) -> None:
    """From the window's first showing on, when a tab of a default two-group column comes to the front
    (picked, or raised by a run or the tour), its group gets at least `share` of the column's height,
    from the other group. Only while the two groups are still one above the other as `DEFAULT_COLUMNS` has them.
    """
    if window.isVisible():
        _connect_room(window, share)
    else:
        _WhenShown(window, lambda: _connect_room(window, share))


class _WhenShown(QObject):
    """Calls `then` once, just after `window` is first shown (the docks shown with it were not picked)."""

    def __init__(self, window: QMainWindow, then: Callable[[], None]) -> None:
        super().__init__(window)
        self._then = then
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Show:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self, self._then)
        return False


def _connect_room(window: QMainWindow, share: float) -> None:
    for col in DEFAULT_COLUMNS:
        if len(col) != 2:
            continue
        for index, group in enumerate(col):
            if len(group) < 2:
                continue  # a dock alone is never picked
            for dock in filter(None, (_dock(window, name) for name in group)):
                dock.visibilityChanged.connect(
                    lambda visible, d=dock, others=col[1 - index]: (
                        visible and QTimer.singleShot(0, window, lambda: _make_room(window, d, others, share))
                    )
                )


def bring_to_front(window: QMainWindow, dock: QDockWidget, share: float = 0.6) -> None:
    """Show `dock`, in front of its tabs, and give its group `share` of its default column's height."""
    dock.show()
    dock.raise_()
    name = dock.objectName()
    for col in DEFAULT_COLUMNS:
        for index, group in enumerate(col):
            if name in group and len(col) == 2:
                QTimer.singleShot(0, window, lambda others=col[1 - index]: _make_room(window, dock, others, share))


def _make_room(window: QMainWindow, dock: QDockWidget, others: Group, share: float) -> None:
    """`dock` at least `share` of its and the other group's front dock's height, if they are one above the other."""
    shown = [d for d in (_dock(window, name) for name in others) if d is not None and not d.visibleRegion().isEmpty()]
    if not shown or dock.isFloating() or shown[0].isFloating() or dock.visibleRegion().isEmpty():
        return
    other = shown[0]
    mine, theirs = dock.geometry(), other.geometry()
    stacked = mine.bottom() < theirs.top() or theirs.bottom() < mine.top()
    overlap = mine.left() < theirs.right() and theirs.left() < mine.right()
    if window.dockWidgetArea(dock) != window.dockWidgetArea(other) or not (stacked and overlap):
        return  # moved since: not one above the other any more
    total = mine.height() + theirs.height()
    if mine.height() < share * total - 2:
        want = int(share * total)
        window.resizeDocks([dock, other], [want, total - want], Qt.Orientation.Vertical)


def _available(window: QMainWindow) -> QRect | None:
    screen = window.screen() or QGuiApplication.primaryScreen()
    area = screen.availableGeometry() if screen is not None else None
    return area if area is not None and area.width() > 0 and area.height() > 0 else None


def clamp_to_screen(window: QMainWindow, area: QRect | None = None) -> None:
    """Shrink and move the window so that it lies on `area` (the screen's available area by default),
    as far as its minimum size allows."""
    area = area or _available(window)
    if area is None:
        return
    frame = window.frameGeometry()
    extra_w, extra_h = frame.width() - window.width(), frame.height() - window.height()  # the title bar, borders
    width = max(window.minimumWidth(), min(window.width(), area.width() - extra_w))
    height = max(window.minimumHeight(), min(window.height(), area.height() - extra_h))
    if (width, height) != (window.width(), window.height()):
        window.resize(width, height)
    x = min(max(frame.x(), area.left()), max(area.left(), area.right() + 1 - width - extra_w))
    y = min(max(frame.y(), area.top()), max(area.top(), area.bottom() + 1 - height - extra_h))
    if (x, y) != (frame.x(), frame.y()):
        window.move(x, y)


def restore_layout(window: QMainWindow) -> None:
    """The geometry and dock layout saved last time, kept on the screen; a first window gets the default
    arrangement, maximised on a small screen, else at most `_FIRST_WINDOW`."""
    geometry = app_settings.value(app_settings.Key.WINDOW_GEOMETRY)
    state = app_settings.value(app_settings.Key.WINDOW_STATE)
    area = _available(window)
    if isinstance(geometry, QByteArray) and not geometry.isEmpty():
        window.restoreGeometry(geometry)
        if not window.isMaximized() and not window.isFullScreen():
            clamp_to_screen(window, area)
    elif area is not None:
        window.resize(min(_FIRST_WINDOW[0], int(area.width() * 0.9)), min(_FIRST_WINDOW[1], int(area.height() * 0.9)))
        if area.width() < _SMALL_SCREEN[0] or area.height() < _SMALL_SCREEN[1]:
            window.resize(area.size())  # as maximised, also where no window manager maximises it
            window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)
    else:
        window.resize(*_FIRST_WINDOW)
    if not (isinstance(state, QByteArray) and window.restoreState(state, LAYOUT_VERSION)):
        fit_default_sizes(window)


def save_layout(window: QMainWindow) -> None:
    app_settings.set_value(app_settings.Key.WINDOW_GEOMETRY, window.saveGeometry())
    app_settings.set_value(app_settings.Key.WINDOW_STATE, window.saveState(LAYOUT_VERSION))
