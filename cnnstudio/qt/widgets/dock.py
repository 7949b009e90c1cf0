"""The base of the window's docks: a titled, named dock whose body scrolls when the dock is smaller than it."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtWidgets import QDockWidget, QFormLayout, QScrollArea, QVBoxLayout, QWidget

__all__ = ["Dock", "MAX_FORM_WIDTH"]

MAX_FORM_WIDTH = 480  # the most width a dock's form may ask of the window; a wider one scrolls sideways instead


class _FormScrollArea(QScrollArea):
    """Scrolls its form up and down, not sideways: it is as wide as the form's minimum width needs (up to
    `MAX_FORM_WIDTH`), and only a little tall, so a long form scrolls instead of making the window taller."""

    def __init__(self, body: QWidget, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setWidget(body)
        body.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self.updateGeometry()  # the form's minimum width may have changed
        return super().eventFilter(watched, event)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        body = self.widget()
        width = min(MAX_FORM_WIDTH, body.minimumSizeHint().width()) if body is not None else 0
        bar = self.verticalScrollBar().sizeHint().width()  # room for it, so it never covers the form
        return QSize(width + bar + 2 * self.frameWidth(), super().minimumSizeHint().height())


class Dock(QDockWidget):
    """A dock titled `title`, named `object_name`, showing `body`: a widget with a column layout, `column`.

    With ``scroll=True`` the body sits in a frameless scroll area, so a long form scrolls up and down instead
    of forcing the window to its height; the dock is as wide as the form's minimum width (so it never
    scrolls sideways), which is why no widget of a form may ask for much width. ``padded=False`` lays the
    column out without margins, for a dock that shows a single view edge to edge. ``widget()`` is the body
    either way (the scroll area is only its frame): disabling ``widget()`` disables the contents and leaves the scroll bars usable.
    """

    def __init__(
        self, title: str, object_name: str, parent: QWidget | None = None, *, scroll: bool = True, padded: bool = True
    ) -> None:
        super().__init__(title, parent)
        self.setObjectName(object_name)
        self._on_screen = False
        self.visibilityChanged.connect(self._note_visibility)
        self.body = QWidget(self)
        self.column = QVBoxLayout(self.body)
        if not padded:
            self.column.setContentsMargins(0, 0, 0, 0)
        if scroll:
            self.scroll_area = _FormScrollArea(self.body, self)
            self.setWidget(self.scroll_area)
        else:
            self.setWidget(self.body)

    def widget(self) -> QWidget:
        """The body, the dock's contents (inside the scroll area, if any)."""
        return self.body

    def is_on_screen(self) -> bool:
        """Whether the user can see the dock now: shown, and not a tab behind another dock.

        (`isVisible()` stays True for a tab behind another.) Docks that compute wait for this.
        """
        return self._on_screen and self.isVisible()

    def on_screen(self) -> None:
        """Called each time the dock comes into view (shown, or its tab picked); a view catches up here."""

    def _note_visibility(self, visible: bool) -> None:
        self._on_screen = visible
        if visible:
            self.on_screen()

    def add_form(self) -> QFormLayout:
        """A new form of labelled rows, next in the column."""
        form = QFormLayout()
        self.column.addLayout(form)
        return form
