"""Training as a generator of events.

`train` loads the data, builds the model, and runs the epochs, yielding `RunStarted`, a `BatchEnd`
per step, `Progress` while loading and validating, an `EpochEnd` per epoch, and finally `Finished`
or `Failed` (a non-finite loss, with a hint to lower the learning rate). Every yield is a point where
`jobs.drive` may cancel the run; the run folder then records "cancelled" and keeps the weights of the
last finished epoch.
"""

from __future__ import annotations

import math
import os
import platform
import time
from collections.abc import Generator
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from typing import Any

import torch
from torch import nn

from .. import __version__
from .augment import AugmentSpec, augment_batch
from .data import ImageDataset, load_split
from .errors import UserError
from .events import BatchEnd, EpochEnd, Event, Failed, Finished, LogMessage, Progress, RunStarted
from .models import CUSTOM, PRESETS, ModelSpec, SequentialModel, build_model, preset_spec
from .runs import BEST, LAST, RunFolder

__all__ = ["OPTIMIZERS", "TrainConfig", "TrainResult", "train", "resolve_device", "make_optimizer"]

OPTIMIZERS = ("rmsprop", "adam", "sgd")
CONFIG_FORMAT = "cnnstudio-run/1"


@dataclass
class TrainConfig:
    """Everything that decides a training run besides the data. One source of truth for GUI, CLI and run folders."""

    model: str = "small-convnet"
    dropout: bool = False
    image_size: int = 64
    channels: int = 3
    epochs: int = 10
    batch_size: int = 32
    optimizer: str = "adam"
    learning_rate: float = 1e-3
    momentum: float = 0.9
    seed: int = 0
    device: str = "auto"
    threads: int = 0  # 0: all cores
    augment: dict[str, Any] = field(default_factory=dict)  # AugmentSpec.to_dict(); empty: none
    layers: list[dict[str, Any]] = field(default_factory=list)  # the hidden layers when model == "custom"

    def augment_spec(self) -> AugmentSpec:
        return AugmentSpec.from_dict(self.augment) if self.augment else AugmentSpec()

    def validate(self) -> None:
        if self.model not in PRESETS and self.model != CUSTOM:
            raise UserError(f"Unknown model {self.model!r}; choose one of: {', '.join(PRESETS)}, or build a custom stack.")
        if self.optimizer not in OPTIMIZERS:
            raise UserError(f"Unknown optimizer {self.optimizer!r}; choose one of: {', '.join(OPTIMIZERS)}.")
        for name in ("epochs", "batch_size", "image_size", "channels"):
            if getattr(self, name) < 1:
                raise UserError(f"{name.replace('_', ' ')} must be at least 1, not {getattr(self, name)}.")
        if self.channels not in (1, 3):
            raise UserError(f"channels must be 1 (grayscale) or 3 (RGB), not {self.channels}.")
        if not (self.learning_rate > 0 and math.isfinite(self.learning_rate)):
            raise UserError(f"The learning rate must be a positive number, not {self.learning_rate}.")
        self.augment_spec().validate()

    def model_spec(self, num_classes: int) -> ModelSpec:
        return preset_spec(self.model, num_classes=num_classes, image_size=self.image_size, channels=self.channels,
                           dropout=self.dropout, layers=self.layers)


@dataclass
class TrainResult:
    """What a run achieved; the CLI prints it as JSON."""

    run_dir: str
    status: str
    epochs: int
    best_epoch: int
    train_loss: float
    train_accuracy: float
    val_loss: float
    val_accuracy: float
    images_per_second: float
    skipped_files: int
    seconds: float
    history: list[dict[str, Any]] = field(default_factory=list)


def resolve_device(name: str) -> torch.device:
    if name == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    try:
        device = torch.device(name)
    except RuntimeError as exc:
        raise UserError(f"Unknown device {name!r}; use auto, cpu or cuda.") from exc
    if device.type == "cuda" and not torch.cuda.is_available():
        raise UserError("CUDA was requested but no CUDA GPU is available; use --device cpu.")
    return device


def make_optimizer(config: TrainConfig, params) -> torch.optim.Optimizer:
    if config.optimizer == "rmsprop":
        # Keras's RMSprop: rho 0.9, eps 1e-7 (PyTorch's defaults are 0.99 and 1e-8).
        return torch.optim.RMSprop(params, lr=config.learning_rate, alpha=0.9, eps=1e-7)
    if config.optimizer == "adam":
        return torch.optim.Adam(params, lr=config.learning_rate)
    return torch.optim.SGD(params, lr=config.learning_rate, momentum=config.momentum)


def _loss_and_correct(model: SequentialModel, logits: torch.Tensor, y: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """Mean loss and number of correct predictions, for a sigmoid (one unit) or softmax head."""
    if model.output_activation == "sigmoid" and logits.shape[1] == 1:
        z = logits[:, 0]
        loss = nn.functional.binary_cross_entropy_with_logits(z, y.to(z.dtype))
        correct = ((z > 0).long() == y).sum()
    else:
        loss = nn.functional.cross_entropy(logits, y)
        correct = (logits.argmax(1) == y).sum()
    return loss, correct


def _to_input(xb: torch.Tensor, device: torch.device, channels_last: bool) -> torch.Tensor:
    x = xb.to(device, non_blocking=True).float().mul_(1.0 / 255.0)
    return x.contiguous(memory_format=torch.channels_last) if channels_last else x


def _evaluate(
    model: SequentialModel, x: torch.Tensor, y: torch.Tensor, batch_size: int, device: torch.device, channels_last: bool
) -> Generator[Event, None, tuple[float, float]]:
    model.eval()
    total_loss, total_correct, n = 0.0, 0, len(x)
    steps = max(1, math.ceil(n / batch_size))
    try:
        for i in range(steps):
            sl = slice(i * batch_size, (i + 1) * batch_size)
            with torch.no_grad():
                logits = model(_to_input(x[sl], device, channels_last))
                loss, correct = _loss_and_correct(model, logits, y[sl].to(device))
            total_loss += loss.item() * len(logits)
            total_correct += int(correct)
            yield Progress("Validating", i + 1, steps)
    finally:
        model.train()
    return total_loss / max(n, 1), total_correct / max(n, 1)


def train(dataset: ImageDataset, config: TrainConfig, run_dir: str | os.PathLike[str]) -> Generator[Event, None, TrainResult | None]:
    """Train a preset on `dataset`, writing the run folder `run_dir` (which must be new or empty)."""
    config.validate()
    if len(dataset.class_names) < 2:
        raise UserError("Training needs at least two classes.")
    device = resolve_device(config.device)
    folder = RunFolder.create(run_dir)
    started = time.perf_counter()
    torch.manual_seed(config.seed)
    if config.threads:
        torch.set_num_threads(config.threads)

    size = (config.image_size, config.image_size)
    x_train, y_train, skipped_train = yield from load_split(dataset, "train", size, config.channels)
    x_val, y_val, skipped_val = yield from load_split(dataset, "validation", size, config.channels)
    skipped_total = len(dataset.skipped) + len(skipped_train) + len(skipped_val)
    if len(x_train) == 0:
        raise UserError(f"{dataset.name} has no readable training images.")
    if len(x_val) == 0:
        raise UserError(
            f"{dataset.name} has no validation images: set a validation fraction above 0, "
            "or add a validation/ folder with class folders beside train/."
        )

    spec = config.model_spec(len(dataset.class_names))
    model = build_model(spec).to(device)
    # channels_last makes CPU and GPU convolutions markedly faster (bench/train_throughput.py).
    channels_last = any(isinstance(m, nn.Conv2d) for m in model.modules())
    if channels_last:
        model = model.to(memory_format=torch.channels_last)
    optimizer = make_optimizer(config, model.parameters())
    n_params = sum(p.numel() for p in model.parameters())

    folder.write_config(_run_config(dataset, config, spec, device))
    status: dict[str, Any] = {"status": "running", "reason": "", "epochs_completed": 0, "best_epoch": 0}
    folder.write_status(status)

    n = len(x_train)
    steps = math.ceil(n / config.batch_size)
    yield RunStarted(str(folder.path), config.epochs, steps, n, len(x_val), tuple(dataset.class_names), str(device), n_params)
    yield LogMessage(
        f"Training {spec.name} ({n_params:,} parameters) on {n} images, validating on {len(x_val)}, "
        f"{config.epochs} epochs on {device}."
    )

    generator = torch.Generator().manual_seed(config.seed)
    augment = config.augment_spec()
    augment_generator = torch.Generator().manual_seed(config.seed + 1)
    if not augment.is_identity():
        yield LogMessage("Augmenting the training images (validation images are left as they are).")
    history: list[dict[str, Any]] = []
    best_loss, best_epoch = math.inf, 0
    train_seconds, images_seen, global_step = 0.0, 0, 0
    total_steps = steps * config.epochs
    ended = False  # a terminal event was yielded: closing the generator now is not a cancellation
    try:
        for epoch in range(1, config.epochs + 1):
            model.train()
            order = torch.randperm(n, generator=generator)
            epoch_loss, epoch_correct = 0.0, 0
            for step in range(1, steps + 1):
                tick = time.perf_counter()
                idx = order[(step - 1) * config.batch_size : step * config.batch_size]
                batch_images = x_train[idx]
                if not augment.is_identity():
                    batch_images = augment_batch(batch_images, augment, augment_generator)
                xb = _to_input(batch_images, device, channels_last)
                yb = y_train[idx].to(device)
                logits = model(xb)
                loss, correct = _loss_and_correct(model, logits, yb)
                loss_value = loss.item()
                if not math.isfinite(loss_value):
                    reason = (
                        f"The loss became {loss_value} at epoch {epoch}, batch {step}: training diverged. "
                        f"Lower the learning rate (now {config.learning_rate:g}; try {config.learning_rate / 10:g})."
                    )
                    status.update(status="failed", reason=reason)
                    folder.write_status(status)
                    ended = True
                    yield Failed(reason)
                    return None
                optimizer.zero_grad(set_to_none=True)
                loss.backward()
                optimizer.step()
                batch = len(idx)
                train_seconds += time.perf_counter() - tick
                images_seen += batch
                global_step += 1
                epoch_loss += loss_value * batch
                epoch_correct += int(correct)
                rate = images_seen / train_seconds if train_seconds > 0 else 0.0
                eta = (total_steps - global_step) * train_seconds / global_step
                yield BatchEnd(epoch, config.epochs, step, steps, loss_value, int(correct) / batch, rate, time.perf_counter() - started, eta)

            val_loss, val_acc = yield from _evaluate(model, x_val, y_val, config.batch_size * 2, device, channels_last)
            train_loss, train_acc = epoch_loss / n, epoch_correct / n
            is_best = val_loss < best_loss
            state = model.state_dict()
            meta = {"epoch": str(epoch), "format": CONFIG_FORMAT}
            folder.save_weights(LAST, state, meta)
            if is_best:
                best_loss, best_epoch = val_loss, epoch
                folder.save_weights(BEST, state, meta)
            rate = images_seen / train_seconds if train_seconds > 0 else 0.0
            row = {
                "epoch": epoch,
                "train_loss": train_loss,
                "train_accuracy": train_acc,
                "val_loss": val_loss,
                "val_accuracy": val_acc,
                "images_per_second": rate,
                "seconds": time.perf_counter() - started,
            }
            history.append(row)
            folder.write_history(history)
            status.update(epochs_completed=epoch, best_epoch=best_epoch)
            folder.write_status(status)
            yield EpochEnd(epoch, config.epochs, train_loss, train_acc, val_loss, val_acc, is_best, time.perf_counter() - started, rate)
    except GeneratorExit:
        if ended:
            raise
        status.update(status="cancelled", reason="Stopped before the last epoch; the weights of the last finished epoch are kept.")
        folder.write_status(status)
        raise
    except BaseException as exc:
        status.update(status="failed", reason=f"{type(exc).__name__}: {exc}")
        folder.write_status(status)
        raise

    best = history[best_epoch - 1]
    result = TrainResult(
        run_dir=str(folder.path),
        status="finished",
        epochs=config.epochs,
        best_epoch=best_epoch,
        train_loss=best["train_loss"],
        train_accuracy=best["train_accuracy"],
        val_loss=best["val_loss"],
        val_accuracy=best["val_accuracy"],
        images_per_second=images_seen / train_seconds if train_seconds > 0 else 0.0,
        skipped_files=skipped_total,
        seconds=time.perf_counter() - started,
        history=history,
    )
    status.update(status="finished", reason="", result={k: v for k, v in asdict(result).items() if k != "history"})
    folder.write_status(status)
    yield Finished(result, f"Finished: best validation accuracy {result.val_accuracy:.1%} at epoch {best_epoch}.")
    return result


def _run_config(dataset: ImageDataset, config: TrainConfig, spec: ModelSpec, device: torch.device) -> dict[str, Any]:
    return {
        "format": CONFIG_FORMAT,
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "class_names": list(dataset.class_names),
        "model": spec.to_dict(),
        "preprocessing": {
            "image_size": [config.image_size, config.image_size],
            "channels": config.channels,
            "resize": "bilinear",
            "rescale": 1 / 255,
            "mean": [0.0] * config.channels,
            "std": [1.0] * config.channels,
            "layout": "NCHW",
        },
        "training": asdict(config),
        "dataset": dataset.to_dict(),
        "environment": {
            "cnnstudio": __version__,
            "torch": torch.__version__,
            "python": platform.python_version(),
            "device": str(device),
        },
    }
