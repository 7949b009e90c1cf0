"""Every user setting the app keeps between sessions: keys and defaults in one place (QSettings)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSettings

__all__ = [
    "ORGANIZATION",
    "APPLICATION",
    "Key",
    "settings",
    "value",
    "set_value",
    "recent_datasets",
    "remember_dataset",
    "apply_cache_budgets",
]

ORGANIZATION = "cnnstudio"
APPLICATION = "cnnstudio"


class Key:
    WINDOW_GEOMETRY = "window/geometry"
    WINDOW_STATE = "window/state"
    RUNS_ROOT = "training/runs_root"
    LAST_DATASET_DIR = "dataset/last_dir"
    RECENT_DATASETS = "dataset/recent"
    # In-memory cache budgets in MiB (unset: the engine's default, or its CNNSTUDIO_<NAME>_CACHE_MB).
    CACHE_SPLITS_MB = "cache/splits_mb"
    CACHE_DEMO_MB = "cache/demo_mb"
    CACHE_BACKBONES_MB = "cache/backbones_mb"
    # The interface language: "" follows the system locale, else a Qt locale name ("en", "zh_CN").
    LANGUAGE = "ui/language"
    # "system", "light" or "dark".
    THEME = "ui/theme"


_DEFAULTS: dict[str, Any] = {
    Key.WINDOW_GEOMETRY: None,
    Key.WINDOW_STATE: None,
    Key.RUNS_ROOT: None,  # resolved at read time: core.runs.default_runs_root()
    Key.LAST_DATASET_DIR: "",
    Key.RECENT_DATASETS: [],
    Key.CACHE_SPLITS_MB: None,
    Key.CACHE_DEMO_MB: None,
    Key.CACHE_BACKBONES_MB: None,
    Key.LANGUAGE: "",
    Key.THEME: "system",
}


RECENT_LIMIT = 8


def settings() -> QSettings:
    return QSettings(ORGANIZATION, APPLICATION)


def value(key: str) -> Any:
    stored = settings().value(key, _DEFAULTS[key])
    if key == Key.RUNS_ROOT and not stored:
        from ..core.runs import default_runs_root  # not at the top: core.runs imports torch (see qt/startup.py)

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


def apply_cache_budgets() -> dict[str, float]:
    """Give the engine's caches the budgets the user set (MiB); returns what was applied, by cache name."""
    from ..core.data import DEMO_CACHE, SPLIT_CACHE
    from ..core.pretrained import BACKBONE_CACHE

    applied: dict[str, float] = {}
    for key, cache in (
        (Key.CACHE_SPLITS_MB, SPLIT_CACHE),
        (Key.CACHE_DEMO_MB, DEMO_CACHE),
        (Key.CACHE_BACKBONES_MB, BACKBONE_CACHE),
    ):
        try:
            megabytes = float(value(key))
        except (TypeError, ValueError):  # unset, or a hand-edited settings file: keep the engine's default
            continue
        if megabytes >= 0:
            cache.set_budget(int(megabytes * 2**20))
            applied[cache.name] = megabytes
    return applied
