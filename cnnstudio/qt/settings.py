"""Every user setting the app keeps between sessions: keys and defaults in one place (QSettings)."""

from __future__ import annotations

import json
from pathlib import Path
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
    "cache_budget_mb",
    "engine_budget_mb",
    "CACHE_KEYS",
    "recent_runs",
    "remember_run",
    "saved_config",
    "save_config",
    "THEMES",
    "LANGUAGES",
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
    # The training settings (a TrainConfig as a JSON object), saved whenever they change (qt/session.py).
    TRAIN_CONFIG = "training/config"
    # Run folders opened or loaded, most recent first (File › Recent runs).
    RECENT_RUNS = "runs/recent"


THEMES = ("system", "light", "dark")
LANGUAGES = ("", "en", "zh_CN")  # "": the system's


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
    Key.TRAIN_CONFIG: "",
    Key.RECENT_RUNS: [],
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


def _paths(key: str) -> list[str]:
    stored = value(key)
    if isinstance(stored, str):  # QSettings gives a lone string for a one-item list
        stored = [stored] if stored else []
    return [str(p) for p in (stored or []) if p]


def recent_datasets() -> list[str]:
    return _paths(Key.RECENT_DATASETS)


def recent_runs() -> list[str]:
    """The run folders opened or loaded, most recent first; those that no longer exist are dropped (and forgotten)."""
    stored = _paths(Key.RECENT_RUNS)
    there = [p for p in stored if Path(p).is_dir()]
    if there != stored:
        set_value(Key.RECENT_RUNS, there)
    return there


def remember_run(run_dir: str) -> None:
    folders = [run_dir, *(p for p in _paths(Key.RECENT_RUNS) if p != run_dir)][:RECENT_LIMIT]
    set_value(Key.RECENT_RUNS, folders)


def saved_config() -> dict[str, Any]:
    """The training settings saved last (a TrainConfig's fields), or {} when none were (or the file is damaged)."""
    text = value(Key.TRAIN_CONFIG)
    try:
        stored = json.loads(text) if isinstance(text, str) and text else {}
    except ValueError:
        return {}
    return stored if isinstance(stored, dict) else {}


def save_config(fields: dict[str, Any]) -> None:
    set_value(Key.TRAIN_CONFIG, json.dumps(fields, sort_keys=True))


def remember_dataset(folder: str) -> None:
    folders = [folder, *(p for p in recent_datasets() if p != folder)][:RECENT_LIMIT]
    set_value(Key.RECENT_DATASETS, folders)
    set_value(Key.LAST_DATASET_DIR, folder)


def set_value(key: str, data: Any) -> None:
    """Store `data` under `key`; None forgets it (the default applies again)."""
    store = settings()
    if data is None:
        store.remove(key)
    else:
        store.setValue(key, data)
    store.sync()


CACHE_KEYS = (Key.CACHE_SPLITS_MB, Key.CACHE_DEMO_MB, Key.CACHE_BACKBONES_MB)
_engine_budgets: dict[str, int] = {}  # each cache's budget before the settings changed it (bytes), by key


def _caches() -> dict[str, Any]:
    from ..core.data import DEMO_CACHE, SPLIT_CACHE
    from ..core.pretrained import BACKBONE_CACHE

    return {Key.CACHE_SPLITS_MB: SPLIT_CACHE, Key.CACHE_DEMO_MB: DEMO_CACHE, Key.CACHE_BACKBONES_MB: BACKBONE_CACHE}


def cache_budget_mb(key: str) -> float | None:
    """The budget the user set for the cache of `key` in MiB, or None: unset (or unreadable), the engine's default."""
    try:
        megabytes = float(value(key))
    except (TypeError, ValueError):  # unset, or a hand-edited settings file: keep the engine's default
        return None
    return megabytes if megabytes >= 0 else None


def engine_budget_mb(key: str) -> float:
    """The engine's own budget for the cache of `key` in MiB (its default, or its CNNSTUDIO_<NAME>_CACHE_MB)."""
    cache = _caches()[key]
    return _engine_budgets.get(key, cache.budget) / 2**20


def apply_cache_budgets() -> dict[str, float]:
    """Give the engine's caches the budgets the user set (MiB); returns what was applied, by cache name.

    A cache without a setting gets the engine's own budget back (should an earlier setting have changed it).
    """
    applied: dict[str, float] = {}
    for key, cache in _caches().items():
        _engine_budgets.setdefault(key, cache.budget)
        megabytes = cache_budget_mb(key)
        if megabytes is None:
            cache.set_budget(_engine_budgets[key])
            continue
        cache.set_budget(int(megabytes * 2**20))
        applied[cache.name] = megabytes
    return applied
