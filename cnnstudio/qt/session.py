"""The app's state: current dataset, training settings and the running jobs, with change signals.

Panels observe the session and never reach into each other. It holds `core` objects only, so a test
can drive it without widgets. Everything that touches the disk or takes more than a frame (scanning a
folder, listing a dataset's images, copying dropped images, training) runs as a job.
"""

from __future__ import annotations

import copy
import dataclasses
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from ..core.data import ImageDataset, copy_into_class, demo_dataset, gallery_items, scan_folder
from ..core.errors import UserError
from ..core.events import Finished
from ..core.jobs import call_job
from ..core.messages import msg
from ..core.models import ModelSpec
from ..core.training import TrainConfig
from . import settings as app_settings
from .workers import YIELD_TO_GUI, JobRunner, live_threads

__all__ = ["Session", "restored_config", "apply_threads"]

# Paths a saved config may name that can vanish between sessions: forgotten when they have.
_FILE_FIELDS = ("weights_file", "init_from")


def _same_kind(stored: object, default: object) -> bool:
    if isinstance(default, bool) or isinstance(stored, bool):
        return type(stored) is type(default)
    if isinstance(default, float):
        return isinstance(stored, (int, float))
    return isinstance(stored, type(default))


def apply_threads(threads: int) -> bool:
    """Give PyTorch `threads` CPU threads for training and inference (0: its own default); False if not now.

    Threads are the process's: set only while no job computes (a superseded job's thread may still be
    finishing its step), never from inside a run. Resizing torch's pools under a computing thread can
    hang it for good. The caller tries again later (the next training run applies its settings' threads).
    """
    from ..core.torchutils import configure_threads  # not at the top: it imports torch (qt/startup.py)

    if live_threads():
        return False
    configure_threads(threads)
    return True


def restored_config() -> TrainConfig:
    """The training settings saved last time (`settings.saved_config`), or the GUI's defaults.

    A field of the wrong kind (a hand-edited settings file) keeps its default, a file that has gone is
    forgotten, and settings that no longer validate as a whole give way to the defaults.
    """
    config = TrainConfig(probes=["auto"])  # the GUI explains probe images by default (Timeline)
    defaults = dataclasses.asdict(config)
    changes = {
        name: stored
        for name, stored in app_settings.saved_config().items()
        if name in defaults and _same_kind(stored, defaults[name])
    }
    for name in _FILE_FIELDS:
        if changes.get(name) and not Path(changes[name]).exists():
            changes[name] = ""
    try:
        restored = dataclasses.replace(config, **changes)
        restored.validate()
    except (UserError, TypeError, ValueError):
        return config
    return restored


def _copy_images(dataset: ImageDataset, class_name: str, paths: list[str]) -> tuple[str, list[str]]:
    return class_name, copy_into_class(dataset, class_name, paths)


class Session(QObject):
    """Holds what the user is working on; runs its jobs through `JobRunner`s.

    `trainer` trains, `scanner` opens folders, `lister` lists the current dataset's images (for the
    gallery and the augmentation preview: `items_listed`), `copier` copies dropped images into a class
    (its `job_ended` carries ``Finished((class name, new paths))``; the folder is then scanned anew).
    """

    dataset_changed = Signal(object)  # ImageDataset
    items_listed = Signal(list)  # [(key, label, split)] of the current dataset, from core.data.gallery_items
    config_changed = Signal(object)  # TrainConfig
    training_state_changed = Signal(bool)  # True while a run is in progress
    dataset_scan_state_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._dataset: ImageDataset = demo_dataset()
        self._items: list[tuple[str, int, str]] | None = None
        self._config = restored_config()  # as the user left it (issue 11: nothing is forgotten)
        self.trainer = JobRunner(self, policy=YIELD_TO_GUI)  # the GUI thread first: see workers.ThreadPolicy
        self.scanner = JobRunner(self)
        self.lister = JobRunner(self)
        self.copier = JobRunner(self)
        self.current_run_dir: str = ""
        self.trainer.job_started.connect(lambda _name: self.training_state_changed.emit(True))
        self.trainer.job_ended.connect(lambda _event: self.training_state_changed.emit(False))
        self.scanner.job_started.connect(lambda _name: self.dataset_scan_state_changed.emit(True))
        self.scanner.job_ended.connect(self._on_scan_ended)
        self.lister.job_ended.connect(self._on_listed)
        self.copier.job_ended.connect(self._on_images_copied)
        self._list_items()

    # ---- dataset -------------------------------------------------------------------------
    @property
    def dataset(self) -> ImageDataset:
        return self._dataset

    def set_dataset(self, dataset: ImageDataset) -> None:
        self._dataset = dataset
        self._list_items()
        self.dataset_changed.emit(dataset)

    @property
    def items(self) -> list[tuple[str, int, str]] | None:
        """The current dataset's images as (key, label, split); None until `items_listed` has fired for it."""
        return self._items

    def _list_items(self) -> None:
        self._items = None
        dataset = self._dataset
        self.lister.start(lambda: call_job(gallery_items, dataset), "list-images", supersede=True)

    def _on_listed(self, event: object) -> None:
        if isinstance(event, Finished):
            self._items = event.result
            self.items_listed.emit(event.result)

    def use_demo_dataset(self) -> None:
        app_settings.set_value(app_settings.Key.LAST_DATASET_DIR, "")  # the next start opens the demo too
        self.set_dataset(demo_dataset(self._config.seed))

    def open_at_start(self, folder: str = "") -> str:
        """Open `folder` (from the command line) or else the last session's dataset; returns a line for the log.

        The last dataset is reopened only if its folder still exists; otherwise the demo stays, and the
        line says why. Empty: nothing to say (no dataset was open last time but the demo).
        """
        if folder:
            if Path(folder).is_dir():
                self.open_dataset_folder(folder)
                return self.tr("Opening {0}…").format(folder)
            return self.tr("{0} is not a folder; the demo dataset is open instead.").format(folder)
        last = str(app_settings.value(app_settings.Key.LAST_DATASET_DIR) or "")
        if not last:
            return ""
        if Path(last).is_dir():
            self.open_dataset_folder(last)
            return self.tr("Reopening the last dataset, {0}…").format(last)
        return self.tr("The last dataset, {0}, is no longer there; the demo dataset is open instead.").format(last)

    def open_dataset_folder(self, folder: str) -> bool:
        """Scan `folder` in the background; `dataset_changed` fires when it is ready.

        A folder that needs splitting keeps the current validation/test fractions and split seed. The
        scan keeps each file's pixels at the training settings' size and channels, so a run started
        next decodes nothing again (a size changed meanwhile decodes anew).
        """
        current, config = self._dataset, self._config
        val, test, seed = current.val_fraction, current.test_fraction, current.seed
        keep = {
            "decode_size": (config.image_size, config.image_size),
            "channels": config.channels,
            "cache_mb": config.cache_mb,
        }
        return self.scanner.start(
            lambda: scan_folder(folder, val_fraction=val, test_fraction=test, seed=seed, **keep), "scan", supersede=True
        )

    def resplit(self, val_fraction: float, test_fraction: float, seed: int) -> None:
        """Split the current dataset anew (only datasets without split folders change)."""
        dataset = self._dataset.with_split(val_fraction, test_fraction, seed)
        if dataset is not self._dataset:
            self.set_dataset(dataset)

    def add_images(self, class_name: str, paths: list[str]) -> bool:
        """Copy image files into a class folder of the current dataset in the background, then rescan it.

        False if a copy is already running. The result arrives as `copier.job_ended`.
        """
        dataset, files = self._dataset, list(paths)
        return self.copier.start(lambda: call_job(_copy_images, dataset, class_name, files), "add-images")

    def _on_images_copied(self, event: object) -> None:
        if isinstance(event, Finished):
            self.open_dataset_folder(self._dataset.source)

    def _on_scan_ended(self, event: object) -> None:
        if isinstance(event, Finished) and isinstance(event.result, ImageDataset):
            app_settings.remember_dataset(event.result.source)
            self.set_dataset(event.result)
        self.dataset_scan_state_changed.emit(False)

    # ---- training settings ---------------------------------------------------------------
    @property
    def config(self) -> TrainConfig:
        """A copy: edit it and hand it back with `update_config`."""
        return copy.deepcopy(self._config)

    def update_config(self, **changes: object) -> None:
        config = dataclasses.replace(self._config, **changes)
        if config != self._config:
            self._config = config
            app_settings.save_config(dataclasses.asdict(config))  # kept for the next session, whoever changed it
            self.config_changed.emit(self.config)

    def model_spec(self) -> ModelSpec:
        return self._config.model_spec(len(self._dataset.class_names))

    # ---- training ------------------------------------------------------------------------
    @property
    def is_training(self) -> bool:
        return self.trainer.is_running

    def start_training(self, label: str | None = None) -> str | None:
        """Start a run in a new folder under the runs root; returns that folder's path (None: one is running).

        `label` names the folder after its date (default: the model or the backbone and mode).

        Raises `UserError` when the settings cannot train.
        """
        if self.trainer.is_running:
            return None
        # The engine's training modules import torch: imported here, once the engine is in (qt/startup.py).
        from ..core.runs import new_run_path
        from ..core.training import train

        config = self.config
        config.validate()
        root = Path(app_settings.value(app_settings.Key.RUNS_ROOT))
        label = label or (f"{config.backbone}-{config.mode}" if config.backbone else config.model)
        run_dir = new_run_path(root, label)
        dataset = self._dataset
        self.current_run_dir = str(run_dir)
        apply_threads(config.threads)
        self.trainer.start(lambda: train(dataset, config, run_dir), "train")
        return str(run_dir)

    def continue_run(self, run_dir: str, epochs: int) -> str | None:
        """Continue the run in `run_dir` until it has `epochs` epochs in all, on the data it recorded (None: a run is training)."""
        if self.trainer.is_running:
            return None
        from ..core.training import resume

        self.current_run_dir = str(run_dir)
        self.trainer.start(lambda: resume(run_dir, epochs), "train")
        return str(run_dir)

    def stop_training(self) -> None:
        self.trainer.cancel(msg("job.stopped_by_user"))
