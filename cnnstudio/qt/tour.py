"""Help → Chapter 5 tour: a card beside the Log that walks through the chapter, step by step.

The card is a dock of its own, a tab beside the Log under the Training form, so it never covers the
controls a step talks about and the Curves keep their height. It shows the step's title, "step k of n",
Back, Skip step, Next and Leave tour (also Esc), two or three sentences on what to look at, and buttons
that bring the step's docks to the front. The steps
themselves (`tour_steps.py`) set the window up; a step about training waits for the user to press Train,
and its text moves on when that run has finished. A step is never set up while a run trains: the tour
waits for the run to end.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDockWidget, QGridLayout, QHBoxLayout, QLabel, QWidget

from ..core.events import Finished
from .tour_steps import TourStep, chapter_steps, show_dock
from .widgets.dock import Dock
from .widgets.forms import push_button, wrapped_label

if TYPE_CHECKING:
    from .main_window import MainWindow

__all__ = ["Tour", "TourCard"]


class TourCard(Dock):
    """The tour's card, a tab beside the Log under the Training form (the Train button is just above it): the
    step's title, where it is, Back / Next / Skip step / Leave tour, two or three sentences on what to look
    at, buttons that show the step's docks, and a note. The Log stays one tab away; the card scrolls when short.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Chapter 5 tour"), "tourDock", parent)
        self.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable)  # Leave tour closes it
        body = self.body
        self.title = wrapped_label(body, "tourTitle")
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.position = QLabel(body)
        self.position.setObjectName("tourPosition")
        self.back_button = push_button(body, "tourBackButton", self.tr("Back"))
        self.skip_button = push_button(body, "tourSkipButton", self.tr("Skip step"))
        self.next_button = push_button(body, "tourNextButton", self.tr("Next"))
        self.next_button.setDefault(True)
        self.leave_button = push_button(body, "tourLeaveButton", self.tr("Leave tour"))
        self.leave_button.setToolTip(self.tr("Close the tour (Esc); the window keeps its settings"))
        buttons = QGridLayout()  # first, so that a short card keeps them in view (the words scroll)
        buttons.addWidget(self.back_button, 0, 0)
        buttons.addWidget(self.next_button, 0, 1)
        buttons.addWidget(self.skip_button, 1, 0)
        buttons.addWidget(self.leave_button, 1, 1)
        self.text = wrapped_label(body, "tourText")
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.note = wrapped_label(body, "tourNote")
        self.note.setStyleSheet("font-style: italic;")
        self.places = QHBoxLayout()  # the buttons that show the step's docks
        self.places.addStretch(1)
        self.column.addWidget(self.title)
        self.column.addWidget(self.position)
        self.column.addLayout(buttons)
        self.column.addWidget(self.text)
        self.column.addLayout(self.places)
        self.column.addWidget(self.note)
        self.column.addStretch(1)
        self._place_buttons: list[QWidget] = []

    def show_places(self, places: list[tuple[str, QWidget]]) -> None:
        """One button per dock the step talks about, each bringing its dock to the front."""
        for button in self._place_buttons:
            self.places.removeWidget(button)
            button.hide()  # at once: deleteLater waits for the event loop
            button.deleteLater()
        self._place_buttons = []
        for index, (text, dock) in enumerate(places):
            button = push_button(
                self.body, f"tourShow_{dock.objectName()}", text, lambda _c=False, d=dock: show_dock(d)
            )
            button.setToolTip(self.tr("Bring the {0} dock to the front").format(text))
            self.places.insertWidget(index, button)
            self._place_buttons.append(button)


class Tour(QObject):
    """The chapter 5 tour over `window`: `start()`, then `next()`, `back()`, `skip()` and `leave()`.

    Signals: ``step_changed(int)`` with the index of the step shown (and again when its text changes),
    ``left()`` when the tour ends.
    """

    step_changed = Signal(int)
    left = Signal()

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.steps: list[TourStep] = chapter_steps(window)
        self.index = -1
        self.card: TourCard | None = None
        self._escape: QShortcut | None = None
        self._pending_setup = False  # the step waits for the current run to end before it sets the window up
        self._step_run = False  # a run started during the current step is training
        session = window.session
        session.trainer.job_started.connect(self._on_run_started)
        session.trainer.job_ended.connect(self._on_run_ended)

    @property
    def is_active(self) -> bool:
        return self.card is not None

    @property
    def step(self) -> TourStep | None:
        return self.steps[self.index] if self.is_active and 0 <= self.index < len(self.steps) else None

    # ---- moving --------------------------------------------------------------------------------
    def start(self, index: int = 0) -> None:
        """Show the card (or bring it back) and go to step `index`."""
        if self.card is None:
            for step in self.steps:
                step.deleteLater()
            self.steps = chapter_steps(self.window)  # a new tour: no run of an earlier one counts
            self.card = card = TourCard(self.window)
            card.back_button.clicked.connect(self.back)
            card.skip_button.clicked.connect(self.skip)
            card.next_button.clicked.connect(self.next)
            card.leave_button.clicked.connect(self.leave)
            log = self.window.log_dock
            if log.isVisible() and not log.isFloating():  # beside the Log, under the Training form
                self.window.tabifyDockWidget(log, card)
            else:
                self.window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, card)
            self._escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.window)
            self._escape.setContext(Qt.ShortcutContext.WindowShortcut)
            self._escape.activated.connect(self.leave)
        self.card.show()
        self.card.raise_()
        self.go_to(index)

    def go_to(self, index: int) -> None:
        """Show step `index` and set the window up for it (after the current run, if one trains)."""
        if not self.is_active:
            return
        self.index = max(0, min(index, len(self.steps) - 1))
        self._step_run = False
        if self.window.session.is_training:
            self._pending_setup = True
        else:
            self._set_up()
        self._show()

    def next(self) -> None:
        """On to the next step; after the last one, the tour ends."""
        if self.index >= len(self.steps) - 1:
            self.leave()
        else:
            self.go_to(self.index + 1)

    def skip(self) -> None:
        """Leave this step undone and go on."""
        self.next()

    def back(self) -> None:
        if self.index > 0:
            self.go_to(self.index - 1)

    def leave(self) -> None:
        """Close the card; the window stays as the tour left it (nothing is trained or undone)."""
        card, self.card = self.card, None
        if card is None:
            return
        if self._escape is not None:
            self._escape.setEnabled(False)
            self._escape.deleteLater()
            self._escape = None
        self._pending_setup = False
        self.window.removeDockWidget(card)
        card.deleteLater()
        self.left.emit()

    # ---- the steps' setups and runs -------------------------------------------------------------
    def _set_up(self) -> None:
        self._pending_setup = False
        step = self.step
        if step is not None:
            step.setup()

    def _on_run_started(self, _name: str) -> None:
        step = self.step
        if step is None or self._pending_setup or not step.waits_for_run:
            return
        self._step_run = True
        step.run_started()
        self._show()

    def _on_run_ended(self, event: object) -> None:
        step = self.step
        if step is None:
            return
        if self._step_run:
            self._step_run = False
            if isinstance(event, Finished):
                step.run_finished(event.result)
            else:
                step.run_stopped()
        if self._pending_setup:
            self._set_up()
        self._show()

    # ---- the card --------------------------------------------------------------------------------
    def _show(self) -> None:
        step, card = self.step, self.card
        if step is None or card is None:
            return
        last = self.index == len(self.steps) - 1
        card.title.setText(step.title())
        card.text.setText(step.text())
        note = step.note
        if self._pending_setup:
            note = self.tr("A run is training: the tour sets this step up when the run ends.")
        elif step.waits_for_run and step.can_train() and not step.complete and not self._step_run and not note:
            note = self.tr("The tour does not train by itself: press Train when you are ready.")
        card.note.setText(note)
        card.show_places(step.places())
        card.position.setText(self.tr("Chapter 5 tour · step {0} of {1}").format(self.index + 1, len(self.steps)))
        card.back_button.setEnabled(self.index > 0)
        card.skip_button.setEnabled(not last)
        card.next_button.setText(self.tr("Finish") if last else self.tr("Next"))
        card.next_button.setEnabled(step.complete)
        card.next_button.setToolTip("" if step.complete else self.tr("Press Train first, or skip this step"))
        self.step_changed.emit(self.index)
