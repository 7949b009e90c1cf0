"""Every user setting the app keeps between sessions: keys and defaults in one place (QSettings)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSettings

from ..core.runs import default_runs_root

__all__ = ["ORGANIZATION", "APPLICATION", "Key", "settings", "value", "set_value"]

ORGANIZATION = "cnnstudio"
APPLICATION = "cnnstudio"


class Key:
    WINDOW_GEOMETRY = "window/geometry"
    WINDOW_STATE = "window/state"
    RUNS_ROOT = "training/runs_root"
    LAST_DATASET_DIR = "dataset/last_dir"


_DEFAULTS: dict[str, Any] = {
    Key.WINDOW_GEOMETRY: None,
    Key.WINDOW_STATE: None,
    Key.RUNS_ROOT: None,  # resolved at read time: core.runs.default_runs_root()
    Key.LAST_DATASET_DIR: "",
}


def settings() -> QSettings:
    return QSettings(ORGANIZATION, APPLICATION)


def value(key: str) -> Any:
    stored = settings().value(key, _DEFAULTS[key])
    if key == Key.RUNS_ROOT and not stored:
        return str(default_runs_root())
    return stored


def set_value(key: str, data: Any) -> None:
    store = settings()
    store.setValue(key, data)
    store.sync()
