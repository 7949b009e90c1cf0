"""Run folders: the files a run writes, atomically, and reading them back."""

from __future__ import annotations

from .folder import (
    BEST,
    LAST,
    RunFolder,
    default_runs_root,
    new_run_path,
)

__all__ = [
    "BEST",
    "default_runs_root",
    "LAST",
    "new_run_path",
    "RunFolder",
]
