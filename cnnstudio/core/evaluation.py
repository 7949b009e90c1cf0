"""Evaluating a trained run on a split: accuracy, loss, per-class metrics, the confusion matrix, every prediction.

`evaluate_run` is the one way to do it: the Evaluation view and ``cnnstudio evaluate`` both call it.
It rebuilds the run's model with `predict.load_run` (nothing in the folder is executed), loads the
split at the run's input size, and runs the model in eval mode without gradients, one batch per
`Progress` (where a driven job may be cancelled; each module's mode is restored after).

The result keeps one `ImagePrediction` per image (its key: a file path, or ``demo://split/i`` for the
demo set, as `data.gallery_items` names it), so a confusion-matrix cell can open the images it
counts, sorted by confidence (`Evaluation.cell`), and the most confidently wrong images are one call
(`Evaluation.most_confidently_wrong`). `confusion_matrix` and `class_metrics` are plain functions of
labels and counts, so they can be checked by hand.
"""

from __future__ import annotations

import csv
import io
import math
import os
from collections.abc import Callable, Generator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import torch
from torch import nn

from .data import DEMO_PREFIX, ImageDataset, demo_dataset, load_split, scan_folder
from .errors import UserError
from .events import Event, Progress
from .io import atomic_write_text
from .messages import msg
from .models import class_probabilities
from .runs import RunFolder
from .torchutils import eval_mode, fast_autocast, input_preparer

__all__ = [
    "EVALUATION_SPLITS",
    "ImagePrediction",
    "Evaluation",
    "confusion_matrix",
    "class_metrics",
    "evaluate",
    "evaluate_run",
    "recorded_dataset",
    "write_predictions_csv",
]

EVALUATION_SPLITS = ("test", "validation", "train")


@dataclass(frozen=True)
class ImagePrediction:
    """What the model said about one image of the split."""

    index: int  # position in the split as loaded
    key: str  # the image file, or ``demo://split/i``
    true: int  # class indices, in the run's `class_names`
    predicted: int
    confidence: float  # probability of the predicted class
    true_probability: float  # probability of the true class
    probabilities: tuple[float, ...] = ()  # of every class, in the run's `class_names` order

    @property
    def correct(self) -> bool:
        return self.true == self.predicted

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "correct": self.correct}


@dataclass
class Evaluation:
    """Metrics of a model on one split. `confusion[t][p]` counts images of class t predicted as p."""

    class_names: list[str]
    split: str
    accuracy: float
    loss: float
    confusion: list[list[int]]
    per_class: list[dict[str, Any]]  # {class, precision, recall, f1, support}, in class order
    predictions: list[ImagePrediction] = field(default_factory=list, repr=False)

    @property
    def images(self) -> int:
        return sum(sum(row) for row in self.confusion)

    def cell(self, true: int, predicted: int) -> list[ImagePrediction]:
        """The images a confusion-matrix cell counts, most confident first."""
        chosen = [p for p in self.predictions if p.true == true and p.predicted == predicted]
        return sorted(chosen, key=lambda p: (-p.confidence, p.index))

    def most_confidently_wrong(self, count: int = 16) -> list[ImagePrediction]:
        """The `count` misclassified images the model was surest about, surest first."""
        wrong = [p for p in self.predictions if not p.correct]
        return sorted(wrong, key=lambda p: (-p.confidence, p.index))[:count]

    def as_dict(self) -> dict[str, Any]:
        """What ``cnnstudio evaluate --json`` prints (without the per-image predictions)."""
        return {
            "split": self.split,
            "images": self.images,
            "accuracy": self.accuracy,
            "loss": self.loss,
            "class_names": list(self.class_names),
            "per_class": [dict(row) for row in self.per_class],
            "confusion_matrix": [list(row) for row in self.confusion],
        }


def confusion_matrix(true: Sequence[int], predicted: Sequence[int], num_classes: int) -> list[list[int]]:
    """Counts, rows the true class and columns the predicted one."""
    matrix = [[0] * num_classes for _ in range(num_classes)]
    for t, p in zip(true, predicted, strict=True):
        matrix[int(t)][int(p)] += 1
    return matrix


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def class_metrics(confusion: Sequence[Sequence[int]], class_names: Sequence[str]) -> list[dict[str, Any]]:
    """Precision, recall, F1 and support of each class (0.0 where a ratio has nothing to divide by)."""
    rows = []
    for k, name in enumerate(class_names):
        hits = int(confusion[k][k])
        support = int(sum(confusion[k]))
        claimed = int(sum(row[k] for row in confusion))
        precision, recall = _ratio(hits, claimed), _ratio(hits, support)
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        rows.append({"class": name, "precision": precision, "recall": recall, "f1": f1, "support": support})
    return rows


def _batch_loss(logits: torch.Tensor, y: torch.Tensor, activation: str) -> torch.Tensor:
    """The summed loss of a batch, as training measures it (binary cross-entropy for one sigmoid unit)."""
    if activation == "sigmoid" and logits.shape[1] == 1:
        z = logits[:, 0]
        return nn.functional.binary_cross_entropy_with_logits(z, y.to(z.dtype), reduction="sum")
    return nn.functional.cross_entropy(logits, y, reduction="sum")


def evaluate(
    model: nn.Module,
    images: torch.Tensor,
    labels: torch.Tensor,
    class_names: Sequence[str],
    *,
    prepare: Callable[[torch.Tensor], torch.Tensor],
    keys: Sequence[str] | None = None,
    split: str = "test",
    batch_size: int = 64,
) -> Generator[Event, None, Evaluation]:
    """Job: `model` on uint8 `images` (N, C, H, W) with `labels` (N,), one `Progress` per batch.

    `prepare` turns a uint8 batch into the model's input (on the model's device). The model runs in
    eval mode without gradients; each module's own mode is restored when the job ends, however it ends.
    """
    total = len(labels)
    if total == 0:
        raise UserError(msg("evaluation.empty_split", split=split))
    activation = getattr(model, "output_activation", "softmax")
    names = list(keys) if keys is not None else [str(i) for i in range(total)]
    loss_sum = 0.0
    probabilities: list[torch.Tensor] = []
    yield Progress(msg("evaluation.evaluating", split=split), 0, total)
    with eval_mode(model):
        for start in range(0, total, batch_size):
            x = images[start : start + batch_size]
            y = labels[start : start + batch_size]
            with torch.no_grad():
                inputs = prepare(x)
                # bfloat16 where the device computes it fast (top-1 agrees with float32: tests/core/test_precision.py)
                with fast_autocast(inputs.device):
                    logits = model(inputs)
                logits = logits.float()
                loss_sum += float(_batch_loss(logits, y.to(logits.device), activation))
                probabilities.append(class_probabilities(logits, activation).cpu())
            yield Progress(msg("evaluation.evaluating", split=split), min(start + batch_size, total), total)
    p = torch.cat(probabilities)
    confidence, predicted = p.max(dim=1)
    true = labels.cpu().long()
    true_p = p.gather(1, true[:, None])[:, 0]
    rows = p.tolist()
    predictions = [
        ImagePrediction(i, names[i], int(t), int(k), float(c), float(tp), tuple(rows[i]))
        for i, (t, k, c, tp) in enumerate(zip(true.tolist(), predicted.tolist(), confidence, true_p, strict=True))
    ]
    confusion = confusion_matrix(true.tolist(), predicted.tolist(), len(class_names))
    correct = sum(confusion[k][k] for k in range(len(class_names)))
    return Evaluation(
        class_names=list(class_names),
        split=split,
        accuracy=correct / total,
        loss=loss_sum / total if math.isfinite(loss_sum) else float("nan"),
        confusion=confusion,
        per_class=class_metrics(confusion, class_names),
        predictions=predictions,
    )


def recorded_dataset(run_dir: str | os.PathLike[str]) -> Generator[Event, None, ImageDataset]:
    """Job: the dataset a run was trained on, as its config.json records it, split as it was split then."""
    folder = RunFolder(run_dir)
    record = folder.read_config().get("dataset")
    if not isinstance(record, dict) or not isinstance(record.get("source"), str):
        raise UserError(msg("evaluation.no_recorded_dataset", folder=str(folder.path)))
    seed = int(record.get("seed", 0) or 0)
    if record["source"] == "demo":
        return demo_dataset(seed)
    source = Path(record["source"])
    if not source.is_dir():
        raise UserError(msg("evaluation.recorded_dataset_missing", folder=str(folder.path), dataset=str(source)))
    return (
        yield from scan_folder(
            source,
            val_fraction=float(record.get("val_fraction", 0.15)),
            test_fraction=float(record.get("test_fraction", 0.15)),
            seed=seed,
        )
    )


def _split_keys(dataset: ImageDataset, split: str, skipped: Sequence[Any], count: int) -> list[str]:
    """The key of each image `load_split` kept, in its order (skipped files are left out there too)."""
    if dataset.is_demo:
        return [f"{DEMO_PREFIX}{split}/{i}" for i in range(count)]
    gone = {file.path for file in skipped}
    keys = [path for path, _ in dataset.files.get(split, []) if path not in gone]
    return keys if len(keys) == count else [str(i) for i in range(count)]


def evaluate_run(
    run_dir: str | os.PathLike[str], dataset: ImageDataset, split: str = "test", *, batch_size: int = 64
) -> Generator[Event, None, Evaluation]:
    """Job: a run's best weights on `split` of `dataset`, whose classes must be among the run's (any order)."""
    from .predict import load_run

    if split not in EVALUATION_SPLITS:
        raise ValueError(f"unknown split {split!r}")
    yield Progress(msg("evaluation.loading_run"), 0, 1)
    run = load_run(run_dir)
    unknown = [name for name in dataset.class_names if name not in run.class_names]
    if unknown:
        raise UserError(
            msg(
                "evaluation.classes_differ",
                classes=", ".join(unknown),
                run_classes=", ".join(run.class_names),
            )
        )
    x, y, skipped = yield from load_split(dataset, split, run.image_size, run.channels)
    to_run = torch.tensor([run.class_names.index(name) for name in dataset.class_names], dtype=torch.long)
    labels = to_run[y] if len(y) else y
    keys = _split_keys(dataset, split, skipped, len(y))
    prepare = input_preparer(run.mean, run.std)
    return (
        yield from evaluate(
            run.model, x, labels, run.class_names, prepare=prepare, keys=keys, split=split, batch_size=batch_size
        )
    )


def write_predictions_csv(evaluation: Evaluation, path: str | os.PathLike[str]) -> Path:
    """Write one row per image (split order): its key, true and predicted class, confidence, then each class's probability.

    The file is written atomically (UTF-8, a header row naming the classes); returns its path.
    """
    names = evaluation.class_names
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["path", "true", "predicted", "confidence", "correct", *(f"p_{name}" for name in names)])
    for p in sorted(evaluation.predictions, key=lambda p: p.index):
        probabilities = [f"{v:.6f}" for v in p.probabilities] or [""] * len(names)
        writer.writerow(
            [p.key, names[p.true], names[p.predicted], f"{p.confidence:.6f}", int(p.correct), *probabilities]
        )
    target = Path(path)
    atomic_write_text(target, buffer.getvalue())
    return target
