"""The predictions of an evaluation as a CSV file: one row per image with every class's probability."""

from __future__ import annotations

import csv

import pytest
import torch

from cnnstudio.core.data.scan import run_to_end
from cnnstudio.core.evaluation import evaluate, write_predictions_csv


class _Table(torch.nn.Module):
    """Returns a fixed row of logits per image: the image's first pixel holds its index."""

    output_activation = "softmax"

    def __init__(self, logits: torch.Tensor) -> None:
        super().__init__()
        self.logits = logits

    def forward(self, x):
        return self.logits[x[:, 0, 0, 0].round().long()]


def _evaluation(logits: torch.Tensor, labels: list[int], names: list[str]):
    images = torch.zeros((len(labels), 3, 2, 2), dtype=torch.uint8)
    images[:, 0, 0, 0] = torch.arange(len(labels), dtype=torch.uint8)
    keys = [f"/data/{names[t]}/img,{i}.png" for i, t in enumerate(labels)]  # a comma, to be quoted
    return run_to_end(
        evaluate(
            _Table(logits), images, torch.tensor(labels), names, prepare=lambda x: x.float(), keys=keys, batch_size=2
        )
    )


def test_the_csv_has_one_row_per_image_in_split_order_with_every_class_probability(tmp_path):
    logits = torch.tensor([[2.0, 0.0, 0.0], [0.0, 0.0, 3.0], [0.0, 1.0, 0.5], [0.0, 0.0, 0.1]])
    result = _evaluation(logits, [0, 1, 1, 2], ["cat", "dog", "fox"])
    path = write_predictions_csv(result, tmp_path / "predictions.csv")
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["path", "true", "predicted", "confidence", "correct", "p_cat", "p_dog", "p_fox"]
    assert [r[0] for r in rows[1:]] == [f"/data/{c}/img,{i}.png" for i, c in enumerate(["cat", "dog", "dog", "fox"])]
    assert [(r[1], r[2], r[4]) for r in rows[1:]] == [
        ("cat", "cat", "1"),
        ("dog", "fox", "0"),
        ("dog", "dog", "1"),
        ("fox", "fox", "1"),
    ]
    expected = torch.softmax(logits, dim=1)
    for row, probabilities in zip(rows[1:], expected, strict=True):
        values = [float(v) for v in row[5:]]
        assert values == pytest.approx(probabilities.tolist(), abs=1e-6)
        assert float(row[3]) == pytest.approx(max(values), abs=1e-6)


def test_writing_again_replaces_the_file_and_leaves_no_temporary_file(tmp_path):
    result = _evaluation(torch.tensor([[1.0, 0.0], [0.0, 1.0]]), [0, 0], ["a", "b"])
    target = tmp_path / "out.csv"
    target.write_text("old", encoding="utf-8")
    write_predictions_csv(result, target)
    assert target.read_text(encoding="utf-8").startswith("path,true,predicted")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]
