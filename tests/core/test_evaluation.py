from __future__ import annotations

import pytest
import torch
from torch import nn

from cnnstudio.core.data import open_folder
from cnnstudio.core.data.scan import run_to_end
from cnnstudio.core.errors import UserError
from cnnstudio.core.evaluation import class_metrics, confusion_matrix, evaluate, evaluate_run, recorded_dataset
from cnnstudio.core.events import Progress
from cnnstudio.core.jobs import drive
from cnnstudio.core.training import TrainConfig, train
from tests.helpers import make_stripes_folder


def test_the_confusion_matrix_and_per_class_metrics_match_a_hand_computed_example():
    true = [0, 0, 1, 1, 2, 2, 2]
    predicted = [0, 1, 1, 1, 2, 0, 2]
    matrix = confusion_matrix(true, predicted, 3)
    assert matrix == [[1, 1, 0], [0, 2, 0], [1, 0, 2]]
    rows = class_metrics(matrix, ["a", "b", "c"])
    assert [r["class"] for r in rows] == ["a", "b", "c"]
    assert [r["support"] for r in rows] == [2, 2, 3]
    # a: 1 of 2 claimed right, 1 of 2 found; b: 2 of 3 claimed, 2 of 2 found; c: 2 of 2 claimed, 2 of 3 found.
    assert [r["precision"] for r in rows] == pytest.approx([1 / 2, 2 / 3, 1.0])
    assert [r["recall"] for r in rows] == pytest.approx([1 / 2, 1.0, 2 / 3])
    assert [r["f1"] for r in rows] == pytest.approx([0.5, 0.8, 0.8])


def test_a_class_never_predicted_and_never_present_scores_zero_not_a_division_error():
    rows = class_metrics(confusion_matrix([0, 0], [0, 0], 2), ["a", "b"])
    assert rows[1] == {"class": "b", "precision": 0.0, "recall": 0.0, "f1": 0.0, "support": 0}


class _Table(nn.Module):
    """Returns a fixed row of logits per image: the image's first pixel holds its index."""

    output_activation = "softmax"

    def __init__(self, logits: torch.Tensor) -> None:
        super().__init__()
        self.logits = logits
        self.seen: list[tuple[bool, bool]] = []

    def forward(self, x):
        self.seen.append((self.training, torch.is_grad_enabled()))
        index = x[:, 0, 0, 0].round().long()
        return self.logits[index]


def _indexed_images(n: int) -> torch.Tensor:
    images = torch.zeros((n, 3, 2, 2), dtype=torch.uint8)
    images[:, 0, 0, 0] = torch.arange(n, dtype=torch.uint8)
    return images


def test_evaluate_reports_known_predictions_cells_by_confidence_and_the_surest_mistakes():
    logits = torch.tensor(
        [[3.0, 0.0], [1.0, 0.0], [0.0, 1.5], [0.0, 0.5], [4.0, 0.0], [0.0, 1.0], [2.0, 0.0]]
    )  # predicted: 0 0 1 1 0 1 0
    labels = torch.tensor([0, 0, 0, 1, 1, 1, 1])
    model = _Table(logits).train()
    events, result = [], None
    for event in drive(
        evaluate(
            model,
            _indexed_images(7),
            labels,
            ["cat", "dog"],
            prepare=lambda x: x.float(),
            keys=list("abcdefg"),
            batch_size=3,
        )
    ):
        events.append(event)
        result = getattr(event, "result", result)
    progress = [e for e in events if isinstance(e, Progress)]
    assert [e.done for e in progress] == [0, 3, 6, 7]
    assert model.seen == [(False, False)] * 3  # eval mode, no gradients...
    assert model.training  # ...and its mode given back
    assert result.confusion == [[2, 1], [2, 2]]
    assert result.accuracy == pytest.approx(4 / 7)
    assert result.loss == pytest.approx(float(nn.functional.cross_entropy(logits, labels)))
    assert result.as_dict()["confusion_matrix"] == [[2, 1], [2, 2]]
    # Cell (true dog, predicted cat): images e (logit gap 4) and g (gap 2), surest first.
    assert [p.key for p in result.cell(1, 0)] == ["e", "g"]
    assert result.cell(1, 0)[0].confidence == pytest.approx(float(torch.softmax(logits[4], 0)[0]))
    assert [p.key for p in result.most_confidently_wrong(2)] == ["e", "g"]
    row = result.cell(1, 0)[0].as_dict()
    assert (row["index"], row["key"], row["true"], row["predicted"], row["correct"]) == (4, "e", 1, 0, False)
    assert row["true_probability"] == pytest.approx(float(torch.softmax(logits[4], 0)[1]), abs=1e-6)
    assert [p.key for p in result.most_confidently_wrong()] == ["e", "g", "c"]
    wrong = result.most_confidently_wrong(1)[0]
    assert wrong.true_probability == pytest.approx(1 - wrong.confidence, abs=1e-6)


def test_closing_an_evaluation_midway_restores_the_model_mode():
    model = _Table(torch.zeros(10, 2)).train()
    job = evaluate(
        model,
        _indexed_images(10),
        torch.zeros(10, dtype=torch.long),
        ["a", "b"],
        prepare=lambda x: x.float(),
        batch_size=2,
    )
    next(job), next(job)
    assert not model.training
    job.close()
    assert model.training


def test_an_empty_split_is_a_user_error():
    with pytest.raises(UserError, match="no images"):
        empty = torch.zeros(0, dtype=torch.long)
        run_to_end(evaluate(_Table(torch.zeros(1, 2)), _indexed_images(0), empty, ["a", "b"], prepare=lambda x: x))


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    """A real run: two epochs on the stripes, with a test split of 3 images per class."""
    data = make_stripes_folder(tmp_path_factory.mktemp("stripes"), per_class=20)
    dataset = open_folder(data, seed=0)
    config = TrainConfig(
        model="seed-separable",
        image_size=24,
        epochs=2,
        batch_size=8,
        optimizer="rmsprop",
        learning_rate=3e-3,
        threads=1,
    )
    run_dir = tmp_path_factory.mktemp("runs") / "run"
    run_to_end(train(dataset, config, run_dir))
    return run_dir, dataset


def test_evaluating_a_trained_run_counts_every_test_image_once(trained):
    run_dir, dataset = trained
    result = run_to_end(evaluate_run(run_dir, dataset, "test"))
    test_files = [path for path, _ in dataset.files["test"]]
    assert result.images == len(test_files) == len(result.predictions)
    assert sorted(p.key for p in result.predictions) == sorted(test_files)
    trace = sum(result.confusion[k][k] for k in range(2))
    assert result.accuracy == pytest.approx(trace / result.images)
    assert [r["support"] for r in result.per_class] == [sum(row) for row in result.confusion]
    for p in result.predictions:  # each key's true class is its folder
        assert dataset.class_names[p.true] in p.key
    validation = run_to_end(evaluate_run(run_dir, dataset, "validation"))
    assert validation.images == len(dataset.files["validation"])


def test_the_recorded_dataset_is_split_as_it_was_for_training(trained):
    run_dir, dataset = trained
    again = run_to_end(recorded_dataset(run_dir))
    assert again.class_names == dataset.class_names
    assert again.files["test"] == dataset.files["test"]


def test_a_dataset_with_classes_the_run_does_not_know_is_refused(trained, tmp_path):
    run_dir, _ = trained
    other = make_stripes_folder(tmp_path / "other", per_class=4)
    (other / "vertical").rename(other / "diagonal")
    with pytest.raises(UserError, match="diagonal"):
        run_to_end(evaluate_run(run_dir, open_folder(other, seed=0), "test"))
