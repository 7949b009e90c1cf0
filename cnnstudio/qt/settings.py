"""Every user setting the app keeps between sessions: keys and defaults in one place (QSettings)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSettings

from ..core.runs import default_runs_root

__all__ = [
    "ORGANIZATION",
    "APPLICATION",
    "Key",
    "settings",
    "value",
    "set_value",
    "recent_datasets",
    "remember_dataset",
]

ORGANIZATION = "cnnstudio"
APPLICATION = "cnnstudio"


class Key:
    WINDOW_GEOMETRY = "window/geometry"
    WINDOW_STATE = "window/state"
    RUNS_ROOT = "training/runs_root"
    LAST_DATASET_DIR = "dataset/last_dir"
    RECENT_DATASETS = "dataset/recent"


_DEFAULTS: dict[str, Any] = {
    Key.WINDOW_GEOMETRY: None,
    Key.WINDOW_STATE: None,
    Key.RUNS_ROOT: None,  # resolved at read time: core.runs.default_runs_root()
    Key.LAST_DATASET_DIR: "",
    Key.RECENT_DATASETS: [],
}

RECENT_LIMIT = 8


def settings() -> QSettings:
    return QSettings(ORGANIZATION, APPLICATION)


def value(key: str) -> Any:
    stored = settings().value(key, _DEFAULTS[key])
    if key == Key.RUNS_ROOT and not stored:
        return str(default_runs_root())
    return stored


def recent_datasets() -> list[str]:
    stored = value(Key.RECENT_DATASETS)
    if isinstance(stored, str):  # QSettings gives a lone string for a one-item list
        stored = [stored]
    return [str(p) for p in (stored or [])]


def remember_dataset(folder: str) -> None:
    folders = [folder, *(p for p in recent_datasets() if p != folder)][:RECENT_LIMIT]
    set_value(Key.RECENT_DATASETS, folders)
    set_value(Key.LAST_DATASET_DIR, folder)


def set_value(key: str, data: Any) -> None:
    store = settings()
    store.setValue(key, data)
    store.sync()
