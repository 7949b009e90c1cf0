"""The base of the window's docks: a titled, named dock whose body scrolls when the dock is smaller than it."""

from __future__ import annotations

from PySide6.QtWidgets import QDockWidget, QFormLayout, QScrollArea, QVBoxLayout, QWidget

__all__ = ["Dock"]


class Dock(QDockWidget):
    """A dock titled `title`, named `object_name`, showing `body`: a widget with a column layout, `column`.

    With ``scroll=True`` the body sits in a frameless scroll area, so a long form scrolls instead of
    forcing the window to its size. ``padded=False`` lays the column out without margins, for a dock
    that shows a single view edge to edge. ``widget()`` is the body either way (the scroll area is only its
    frame): disabling ``widget()`` disables the contents and leaves the scroll bars usable.
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
            area = QScrollArea(self)
            area.setWidgetResizable(True)
            area.setFrameShape(QScrollArea.Shape.NoFrame)
            area.setWidget(self.body)
            self.setWidget(area)
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
