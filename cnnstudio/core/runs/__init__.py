"""Run folders: the files a run writes, atomically, and reading them back."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lazy_imports import lazy_exports

if TYPE_CHECKING:  # what checkers see; at run time each name's module is imported on first use
    from .folder import (
        BEST,
        CHECKPOINT,
        LAST,
        RunFolder,
        default_runs_root,
        lock_holder,
        new_run_path,
    )
    from .listing import RUN_STATUSES, RunEntry, list_runs, read_run
    from .manage import RunCurves, RunDetails, delete_run, list_details, read_curves, read_details, rename_run
    from .weights import WEIGHTS_NAMES, WeightsChoice, run_weights_file, weights_choices, weights_label

__getattr__, __dir__ = lazy_exports(
    __name__,
    {
        ".folder": "BEST CHECKPOINT LAST RunFolder default_runs_root lock_holder new_run_path",
        ".listing": "RUN_STATUSES RunEntry list_runs read_run",
        ".manage": "RunCurves RunDetails delete_run list_details read_curves read_details rename_run",
        ".weights": "WEIGHTS_NAMES WeightsChoice run_weights_file weights_choices weights_label",
    },
)

__all__ = [
    "BEST",
    "CHECKPOINT",
    "default_runs_root",
    "delete_run",
    "LAST",
    "list_details",
    "list_runs",
    "lock_holder",
    "new_run_path",
    "read_curves",
    "read_details",
    "read_run",
    "rename_run",
    "RUN_STATUSES",
    "RunCurves",
    "RunDetails",
    "RunEntry",
    "RunFolder",
    "WEIGHTS_NAMES",
    "WeightsChoice",
    "run_weights_file",
    "weights_choices",
    "weights_label",
]
