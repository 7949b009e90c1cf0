"""The app's state: current dataset, training settings and the running job, with change signals.

Panels observe the session and never reach into each other. It holds `core` objects only, so a test
can drive it without widgets.
"""

from __future__ import annotations

import copy
import dataclasses
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from ..core.data import ImageDataset, copy_into_class, demo_dataset, scan_folder
from ..core.errors import UserError
from ..core.events import Finished
from ..core.models import ModelSpec
from ..core.runs import new_run_path
from ..core.training import TrainConfig, train
from . import settings as app_settings
from .workers import JobRunner

__all__ = ["Session"]


class Session(QObject):
    """Holds what the user is working on; runs training and dataset scans through `JobRunner`s."""

    dataset_changed = Signal(object)  # ImageDataset
    config_changed = Signal(object)  # TrainConfig
    training_state_changed = Signal(bool)  # True while a run is in progress
    dataset_scan_state_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._dataset: ImageDataset = demo_dataset()
        self._config = TrainConfig()
        self.trainer = JobRunner(self)
        self.scanner = JobRunner(self)
        self.current_run_dir: str = ""
        self.trainer.job_started.connect(lambda _name: self.training_state_changed.emit(True))
        self.trainer.job_ended.connect(lambda _event: self.training_state_changed.emit(False))
        self.scanner.job_started.connect(lambda _name: self.dataset_scan_state_changed.emit(True))
        self.scanner.job_ended.connect(self._on_scan_ended)

    # ---- dataset -------------------------------------------------------------------------
    @property
    def dataset(self) -> ImageDataset:
        return self._dataset

    def set_dataset(self, dataset: ImageDataset) -> None:
        self._dataset = dataset
        self.dataset_changed.emit(dataset)

    def use_demo_dataset(self) -> None:
        self.set_dataset(demo_dataset(self._config.seed))

    def open_dataset_folder(self, folder: str) -> bool:
        """Scan `folder` in the background; `dataset_changed` fires when it is ready.

        A folder that needs splitting keeps the current validation/test fractions and split seed.
        """
        current = self._dataset
        val, test, seed = current.val_fraction, current.test_fraction, current.seed
        return self.scanner.start(lambda: scan_folder(folder, val_fraction=val, test_fraction=test, seed=seed), "scan")

    def resplit(self, val_fraction: float, test_fraction: float, seed: int) -> None:
        """Split the current dataset anew (only datasets without split folders change)."""
        dataset = self._dataset.with_split(val_fraction, test_fraction, seed)
        if dataset is not self._dataset:
            self.set_dataset(dataset)

    def add_images(self, class_name: str, paths: list[str]) -> list[str]:
        """Copy image files into a class folder of the current dataset, then rescan it."""
        added = copy_into_class(self._dataset, class_name, paths)
        self.open_dataset_folder(self._dataset.source)
        return added

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
            self.config_changed.emit(self.config)

    def model_spec(self) -> ModelSpec:
        return self._config.model_spec(len(self._dataset.class_names))

    # ---- training ------------------------------------------------------------------------
    @property
    def is_training(self) -> bool:
        return self.trainer.is_running

    def start_training(self) -> str:
        """Start a run in a new folder under the runs root; returns that folder's path."""
        if self.trainer.is_running:
            raise UserError("A training run is already in progress; stop it first.")
        config = self.config
        config.validate()
        root = Path(app_settings.value(app_settings.Key.RUNS_ROOT))
        label = f"{config.backbone}-{config.mode}" if config.backbone else config.model
        run_dir = new_run_path(root, label)
        dataset = self._dataset
        self.current_run_dir = str(run_dir)
        self.trainer.start(lambda: train(dataset, config, run_dir), "train")
        return str(run_dir)

    def stop_training(self) -> None:
        self.trainer.cancel("Stopped by the user.")

    def shutdown(self, timeout_ms: int = 10_000) -> bool:
        """Cancel everything and wait; True if every thread has finished."""
        self.scanner.cancel("The window is closing.")
        ok = self.trainer.shutdown(timeout_ms)
        return self.scanner.shutdown(timeout_ms) and ok
