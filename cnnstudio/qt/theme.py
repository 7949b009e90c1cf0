"""Light, dark, or the system's look (Settings › Theme), for the widgets and for the pyqtgraph plots.

Qt 6.8's ``styleHints().setColorScheme`` asks the platform for the scheme; where the platform cannot
switch (plain X11 without a desktop theme, the offscreen platform), the app sets a palette itself. The
plots draw their own backgrounds, so `follow_theme` recolours every plot under a widget, and pyqtgraph's
defaults for plots made later. Nothing here imports torch: the app applies the theme before the window.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from . import settings as app_settings

__all__ = ["PLOT_COLOURS", "apply_theme", "follow_theme", "is_dark"]

# (background, foreground, legend background) of the plots, light and dark.
PLOT_COLOURS = {
    False: ("#ffffff", "#404040", (255, 255, 255, 210)),
    True: ("#202124", "#d0d0d0", (32, 33, 36, 210)),
}

_SCHEMES = {"light": Qt.ColorScheme.Light, "dark": Qt.ColorScheme.Dark}
_own_palette = False  # the app set a palette because the platform could not switch scheme


def is_dark(theme: str | None = None) -> bool:
    """Whether `theme` (default: the one in the settings) shows dark: "dark", or "system" on a dark desktop."""
    theme = theme or str(app_settings.value(app_settings.Key.THEME))
    if theme in _SCHEMES:
        return theme == "dark"
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


def _dark_palette() -> QPalette:
    palette = QPalette()
    base, window, text, mid = QColor("#1e1e1e"), QColor("#2b2b2b"), QColor("#e0e0e0"), QColor("#3c3c3c")
    roles = QPalette.ColorRole
    for role, colour in (
        (roles.Window, window),
        (roles.WindowText, text),
        (roles.Base, base),
        (roles.AlternateBase, window),
        (roles.ToolTipBase, window),
        (roles.ToolTipText, text),
        (roles.PlaceholderText, QColor("#8a8a8a")),
        (roles.Text, text),
        (roles.Button, mid),
        (roles.ButtonText, text),
        (roles.BrightText, QColor("#ff6b6b")),
        (roles.Light, QColor("#505050")),
        (roles.Midlight, QColor("#444444")),
        (roles.Mid, QColor("#333333")),
        (roles.Dark, QColor("#151515")),
        (roles.Shadow, QColor("#000000")),
        (roles.Highlight, QColor("#3d7bd9")),
        (roles.HighlightedText, QColor("#ffffff")),
        (roles.Link, QColor("#6ea8fe")),
    ):
        palette.setColor(role, colour)
    disabled = QPalette.ColorGroup.Disabled
    for role in (roles.WindowText, roles.Text, roles.ButtonText):
        palette.setColor(disabled, role, QColor("#7a7a7a"))
    return palette


def apply_theme(theme: str | None = None) -> bool:
    """Show the app in `theme` ("system", "light" or "dark"; default: the saved one), now; returns whether it is dark."""
    global _own_palette
    theme = theme or str(app_settings.value(app_settings.Key.THEME))
    app = QApplication.instance()
    hints = QGuiApplication.styleHints()
    wanted = _SCHEMES.get(theme, Qt.ColorScheme.Unknown)
    hints.setColorScheme(wanted)  # Unknown: follow the system again
    dark = is_dark(theme)
    platform_switched = wanted == Qt.ColorScheme.Unknown or hints.colorScheme() == wanted
    if isinstance(app, QApplication):
        if not platform_switched and dark:
            app.setPalette(_dark_palette())
            _own_palette = True
        elif _own_palette:
            app.setPalette(QPalette())  # the style's and platform's own again
            _own_palette = False
    return dark


def follow_theme(root: QWidget, dark: bool | None = None) -> None:
    """Recolour the pyqtgraph plots under `root` (background, axes, legends) for the theme; plots made later follow too."""
    import pyqtgraph as pg

    dark = is_dark() if dark is None else dark
    background, foreground, legend = PLOT_COLOURS[dark]
    pg.setConfigOptions(background=background, foreground=foreground)
    for view in root.findChildren(pg.GraphicsView):
        view.setBackground(background)
        scene = view.scene()
        for item in scene.items() if scene is not None else ():
            if isinstance(item, pg.AxisItem):
                item.setPen(foreground)
                item.setTextPen(foreground)
            elif isinstance(item, pg.LegendItem):
                item.setBrush(pg.mkBrush(*legend))
                item.setLabelTextColor(foreground)
