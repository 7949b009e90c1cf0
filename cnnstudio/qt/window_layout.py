"""Where the window's docks go: the default arrangement, and the geometry and layout kept between sessions."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDockWidget, QMainWindow

from . import settings as app_settings

__all__ = ["arrange_default", "restore_layout", "save_layout"]


def arrange_default(
    window: QMainWindow,
    *,
    dataset: QDockWidget,
    model: QDockWidget,
    training: QDockWidget,
    right: tuple[QDockWidget, ...],
    log: QDockWidget,
) -> None:
    """Dataset over Model on the left, Training beside them, the `right` docks as tabs over Log on the right."""
    left_area, right_area = Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea
    first = right[0]
    window.addDockWidget(left_area, dataset)
    window.addDockWidget(right_area, first)
    window.splitDockWidget(dataset, training, Qt.Orientation.Horizontal)
    window.splitDockWidget(dataset, model, Qt.Orientation.Vertical)
    window.splitDockWidget(first, log, Qt.Orientation.Vertical)
    for before, dock in zip(right, right[1:], strict=False):
        window.tabifyDockWidget(before, dock)
    first.raise_()
    # Proportions that suit 1280 to 1920 px wide windows: the forms get their width, the curves the rest.
    window.resizeDocks([dataset, training, first], [560, 290, 570], Qt.Orientation.Horizontal)
    window.resizeDocks([dataset, model], [400, 440], Qt.Orientation.Vertical)
    window.resizeDocks([first, log], [680, 130], Qt.Orientation.Vertical)


def restore_layout(window: QMainWindow) -> None:
    """The geometry and dock layout saved last time; a first window gets 90 % of the screen."""
    geometry = app_settings.value(app_settings.Key.WINDOW_GEOMETRY)
    state = app_settings.value(app_settings.Key.WINDOW_STATE)
    if isinstance(geometry, QByteArray) and not geometry.isEmpty():
        window.restoreGeometry(geometry)
    else:
        screen = QGuiApplication.primaryScreen()
        available = screen.availableGeometry() if screen else None
        if available is not None and available.width() > 0:
            window.resize(min(1400, int(available.width() * 0.9)), min(900, int(available.height() * 0.9)))
        else:
            window.resize(1400, 900)
    if isinstance(state, QByteArray) and not state.isEmpty():
        window.restoreState(state)


def save_layout(window: QMainWindow) -> None:
    app_settings.set_value(app_settings.Key.WINDOW_GEOMETRY, window.saveGeometry())
    app_settings.set_value(app_settings.Key.WINDOW_STATE, window.saveState())
