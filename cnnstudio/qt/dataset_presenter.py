"""The dataset commands of the window: open a folder, make a subset, add dropped images, and their reports.

Every one of them runs as a job of the session (scanning, copying), so the window stays responsive;
what the jobs report reaches the Dataset dock, the log, the status line and, for errors, a message box.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QWidget

from ..core.events import Failed, Finished, LogMessage, Progress
from . import settings as app_settings
from .dialogs.subset import SubsetDialog
from .docks.dataset import DatasetDock
from .docks.log import LogDock
from .session import Session
from .texts import tr_message
from .widgets.recent import fill_recent_menu

__all__ = ["DatasetPresenter"]


class DatasetPresenter(QObject):
    """Carries out the user's dataset commands for `window` (the parent of its dialogs).

    Signals: ``status_changed(str)`` for the status line, ``error_raised(str, str, str)`` with a
    title, the reason and details for a message box.
    """

    status_changed = Signal(str)
    error_raised = Signal(str, str, str)

    def __init__(self, session: Session, dock: DatasetDock, log: LogDock, window: QWidget) -> None:
        super().__init__(window)
        self._session, self._dock, self._log, self._window = session, dock, log, window
        session.scanner.event_received.connect(self._on_scanner_event)
        session.copier.job_ended.connect(self._on_images_copied)

    @Slot()
    def choose_folder(self) -> None:
        start = app_settings.value(app_settings.Key.LAST_DATASET_DIR) or ""
        folder = QFileDialog.getExistingDirectory(self._window, self.tr("Open dataset folder"), start)
        if folder:
            self.open_folder(folder)

    def open_folder(self, folder: str) -> None:
        """Scan `folder` in the background and make it the dataset (not while training)."""
        if self._session.is_training:
            self.status_changed.emit(self.tr("Stop training before opening another dataset."))
            return
        self._log.append(self.tr("Opening {0}…").format(folder))
        self._session.open_dataset_folder(folder)

    def fill_recent_menu(self, menu: QMenu) -> None:
        fill_recent_menu(
            menu,
            app_settings.recent_datasets(),
            self.open_folder,
            self.tr("No recent datasets"),
            lambda: app_settings.set_value(app_settings.Key.RECENT_DATASETS, []),
        )

    @Slot()
    def make_subset_dialog(self) -> SubsetDialog:
        """Open the Make subset dialog (window-modal, non-blocking) and return it."""
        dialog = SubsetDialog(self._session.dataset, self._window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.subset_created.connect(self._on_subset_created)
        dialog.setModal(True)
        dialog.open()
        return dialog

    def _on_subset_created(self, folder: str) -> None:
        self._log.append(self.tr("Subset written to {0}; opening it.").format(folder))
        self.open_folder(folder)

    def add_images_to_class(self, class_name: str, files: list[str]) -> None:
        """Copy dropped image files into a class folder in the background, after the user confirms."""
        if self._session.is_training:
            self.status_changed.emit(self.tr("Stop training before adding images."))
            return
        if self._session.copier.is_running:
            self.status_changed.emit(self.tr("Wait until the images dropped before are copied."))
            return
        answer = QMessageBox.question(
            self._window,
            self.tr("Add images to {0}?").format(class_name),
            self.tr(
                "Copy {0} image file(s) into the folder of class {1} in {2}?\n\n"
                "The files you dropped are not moved or changed."
            ).format(len(files), class_name, self._session.dataset.source),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        if answer == QMessageBox.StandardButton.Yes and self._session.add_images(class_name, files):
            self.status_changed.emit(self.tr("Copying {0} image(s) into {1}…").format(len(files), class_name))

    def _on_images_copied(self, event) -> None:
        if isinstance(event, Finished):
            class_name, added = event.result
            text = self.tr("Copied {0} image(s) into {1}.").format(len(added), class_name)
            self._log.append(text)
            self.status_changed.emit(text)
        elif isinstance(event, Failed):
            self.status_changed.emit("")
            self._log.append(tr_message(event.reason), "error")
            self.error_raised.emit(self.tr("Cannot add the images"), tr_message(event.reason), event.details)

    def _on_scanner_event(self, event) -> None:
        if isinstance(event, Progress):
            self._dock.show_progress(event)
        elif isinstance(event, LogMessage):
            self._log.append(tr_message(event.message), event.level)
        elif isinstance(event, Failed):
            self._log.append(tr_message(event.reason), "error")
            self.error_raised.emit(self.tr("Cannot open the dataset"), tr_message(event.reason), event.details)
