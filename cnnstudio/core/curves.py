"""Training curves as data: the book's exponential smoothing, and the curves written as CSV.

The Curves dock draws what these give; the CSV files are what a user takes to a spreadsheet or to a
report (TensorBoard users ask for exactly this): one row per epoch, and one row per batch in a
second file, with plain column names and nothing but numbers and the phase's name.
"""

from __future__ import annotations

import csv
import math
import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from .io import atomic_write_text

__all__ = ["EPOCH_COLUMNS", "BATCH_COLUMNS", "smooth", "write_curves_csv", "batches_path"]

EPOCH_COLUMNS = ("epoch", "phase", "train_loss", "train_accuracy", "val_loss", "val_accuracy", "best")
BATCH_COLUMNS = ("epoch", "step", "steps", "loss")


def smooth(values: Sequence[float], factor: float) -> np.ndarray:
    """The book's exponential smoothing: each point is ``previous * factor + point * (1 - factor)``.

    `factor` 0 gives the values back; non-finite values (a diverged loss) are passed through and do
    not poison the points after them.
    """
    values = np.asarray(values, dtype=np.float64)
    if not 0.0 <= factor < 1.0:
        raise ValueError(f"factor must be in [0, 1), not {factor}")
    if factor == 0.0 or values.size == 0:
        return values.copy()
    out = np.empty_like(values)
    previous = math.nan
    for i, value in enumerate(values):
        if not math.isfinite(value):
            out[i] = value
            continue
        previous = value if math.isnan(previous) else previous * factor + value * (1.0 - factor)
        out[i] = previous
    return out


def batches_path(path: str | os.PathLike[str]) -> Path:
    """Where the per-batch table goes, beside the per-epoch one: ``NAME-batches.csv``."""
    path = Path(path)
    return path.with_name(f"{path.stem}-batches{path.suffix or '.csv'}")


def _table(columns: Sequence[str], rows: Iterable[Mapping[str, Any]]) -> str:
    import io

    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({name: _cell(row.get(name)) for name in columns})
    return buffer.getvalue()


def _cell(value: Any) -> Any:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, float):
        return repr(value) if math.isfinite(value) else ("nan" if math.isnan(value) else str(value))
    return "" if value is None else value


def write_curves_csv(
    path: str | os.PathLike[str],
    epochs: Sequence[Mapping[str, Any]],
    batches: Sequence[Mapping[str, Any]] = (),
) -> list[Path]:
    """Write the epoch rows (`EPOCH_COLUMNS`) to `path` and, if any, the batch rows to `batches_path(path)`.

    Returns the files written. Each file is written whole or not at all.
    """
    path = Path(path)
    atomic_write_text(path, _table(EPOCH_COLUMNS, epochs))
    written = [path]
    if batches:
        second = batches_path(path)
        atomic_write_text(second, _table(BATCH_COLUMNS, batches))
        written.append(second)
    return written
