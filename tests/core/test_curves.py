"""The book's smoothing and the curves as CSV."""

from __future__ import annotations

import csv
import math

import numpy as np
import pytest

from cnnstudio.core.curves import batches_path, smooth, write_curves_csv


def test_smoothing_is_the_books_exponential_moving_average():
    values = [1.0, 0.0, 0.0, 1.0]
    np.testing.assert_allclose(smooth(values, 0.8), [1.0, 0.8, 0.64, 0.712])
    np.testing.assert_array_equal(smooth(values, 0.0), values)
    with pytest.raises(ValueError):
        smooth(values, 1.0)


def test_a_diverged_point_passes_through_without_poisoning_the_rest():
    out = smooth([1.0, math.nan, 0.0, math.inf], 0.5)
    assert out[0] == 1.0 and math.isnan(out[1]) and out[2] == 0.5 and math.isinf(out[3])


def test_curves_are_written_as_two_plain_tables(tmp_path):
    epochs = [
        {
            "epoch": 1,
            "phase": "",
            "train_loss": 0.7,
            "train_accuracy": 0.5,
            "val_loss": 0.69,
            "val_accuracy": 0.55,
            "best": False,
        },
        {
            "epoch": 2,
            "phase": "fine-tune",
            "train_loss": 0.5,
            "train_accuracy": 0.8,
            "val_loss": math.nan,
            "val_accuracy": 0.7,
            "best": True,
        },
    ]
    batches = [{"epoch": 1, "step": s, "steps": 2, "loss": 0.9 - 0.1 * s} for s in (1, 2)]
    written = write_curves_csv(tmp_path / "run.csv", epochs, batches)
    assert (
        written
        == [tmp_path / "run.csv", tmp_path / "run-batches.csv"]
        == [tmp_path / "run.csv", batches_path(tmp_path / "run.csv")]
    )
    with open(written[0], newline="") as f:
        rows = list(csv.DictReader(f))
    assert rows[1] == {
        "epoch": "2",
        "phase": "fine-tune",
        "train_loss": "0.5",
        "train_accuracy": "0.8",
        "val_loss": "nan",
        "val_accuracy": "0.7",
        "best": "1",
    }
    with open(written[1], newline="") as f:
        assert [float(r["loss"]) for r in csv.DictReader(f)] == [b["loss"] for b in batches]
    assert write_curves_csv(tmp_path / "only.csv", epochs) == [tmp_path / "only.csv"]
