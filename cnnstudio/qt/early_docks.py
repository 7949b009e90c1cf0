"""The docks that work before PyTorch is in: Dataset, Gallery, Model and Log, over a real `Session`.

The window's frame (`startup.WindowShell`) shows these in place of their placeholders, so a user can
open, scan and browse a dataset and edit the model while the engine loads. What they choose lives in
the session; when the engine is in, the real `MainWindow` is built around that same session and shows
it all. None of the modules imported here imports torch (tests/qt/test_startup.py checks it); the Model
dock leaves out its summary and Pretrained tab, which need it. The jobs these docks start (a scan,
thumbnails) run on their own threads: one that needs torch (a thumbnail of the demo set) waits there
for the engine, never on the GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMessageBox

from .dataset_presenter import DatasetPresenter
from .docks.dataset import DatasetDock
from .docks.gallery import GalleryDock
from .docks.log import LogDock
from .docks.model import ModelDock
from .session import Session

__all__ = ["EarlyDocks"]


class EarlyDocks(QObject):
    """The torch-free docks of `window`, wired to a new `session`; `docks` maps object names to them."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.session = Session(window)
        self.dataset_dock = DatasetDock(window)
        self.gallery_dock = GalleryDock(window)
        self.model_dock = ModelDock(window, engine=False)
        self.log_dock = LogDock(window)
        self.docks: dict[str, QDockWidget] = {
            dock.objectName(): dock for dock in (self.dataset_dock, self.gallery_dock, self.model_dock, self.log_dock)
        }
        s = self.session
        self.presenter = DatasetPresenter(s, self.dataset_dock, self.log_dock, window)
        self.presenter.status_changed.connect(lambda text: window.statusBar().showMessage(text, 5000))
        self.presenter.error_raised.connect(self._show_error)
        s.dataset_changed.connect(self._on_dataset_changed)
        s.items_listed.connect(self.gallery_dock.show_items)
        s.config_changed.connect(self._on_config_changed)
        s.dataset_scan_state_changed.connect(self.dataset_dock.set_scanning)
        self.model_dock.changed.connect(lambda changes: s.update_config(**changes))
        self.dataset_dock.open_folder_requested.connect(self.presenter.choose_folder)
        self.dataset_dock.demo_requested.connect(s.use_demo_dataset)
        self.dataset_dock.subset_requested.connect(self.presenter.make_subset_dialog)
        self.dataset_dock.split_changed.connect(s.resplit)
        self.gallery_dock.files_dropped_on_class.connect(self.presenter.add_images_to_class)
        self._on_dataset_changed(s.dataset)
        self._on_config_changed(s.config)

    def _on_dataset_changed(self, dataset) -> None:
        self.dataset_dock.show_dataset(dataset)
        self.gallery_dock.show_dataset(dataset)
        self.model_dock.show_spec(self.session.model_spec())

    def _on_config_changed(self, config) -> None:
        self.model_dock.show_config(config, len(self.session.dataset.class_names))
        self.model_dock.show_spec(self.session.model_spec())

    def _show_error(self, title: str, text: str, details: str = "") -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, self._window)
        box.setObjectName("errorBox")
        if details:
            box.setDetailedText(details)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def hand_over(self, new_parent: QObject) -> Session:
        """The session, now `new_parent`'s (the real window's): its jobs and what the user chose carry on there."""
        self.session.setParent(new_parent)
        return self.session
