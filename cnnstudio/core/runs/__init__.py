"""Run folders: the files a run writes, atomically, and reading them back."""

from __future__ import annotations

from .folder import (
    BEST,
    LAST,
    RunFolder,
    default_runs_root,
    lock_holder,
    new_run_path,
)
from .listing import RUN_STATUSES, RunEntry, list_runs, read_run

__all__ = [
    "BEST",
    "default_runs_root",
    "LAST",
    "list_runs",
    "lock_holder",
    "new_run_path",
    "read_run",
    "RUN_STATUSES",
    "RunEntry",
    "RunFolder",
]
