"""Training as a generator of events.

`train` loads the data, builds the model, and runs the epochs, yielding `RunStarted`, a `BatchEnd`
per step, `Progress` while loading and validating, an `EpochEnd` per epoch, and finally `Finished`
or `Failed` (a non-finite loss, with a hint to lower the learning rate). Every yield is a point where
`jobs.drive` may cancel the run; the run folder then records "cancelled" and keeps the weights of the
last finished epoch.

Three kinds of run share one epoch loop (`_fit`): a model from scratch (a preset or a custom stack);
feature extraction with a pretrained base, end to end through the frozen base or the fast way on
cached features; and fine-tuning, which trains the head with the base frozen, then unfreezes the top
blocks and continues with a low learning rate (two phases of one run, or from an earlier run).
"""

from __future__ import annotations

import math
import os
import platform
import time
from collections.abc import Callable, Generator
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from typing import Any

import torch
from torch import nn

from ... import __version__
from ..data import AugmentSpec, ImageDataset, augment_batch, files_digest, load_split
from ..errors import UserError
from ..events import BatchEnd, EpochEnd, Event, Failed, Finished, LogMessage, Progress, RunStarted
from ..models import CUSTOM, PRESETS, ModelSpec, build_model, preset_spec
from ..runs import BEST, LAST, RunFolder

__all__ = ["OPTIMIZERS", "TrainConfig", "TrainResult", "train", "resolve_device", "make_optimizer"]

OPTIMIZERS = ("rmsprop", "adam", "sgd")
TRANSFER_MODES = ("feature-extraction", "fine-tune")
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
    # Transfer learning (chapter 5.3): a pretrained base instead of `model`.
    backbone: str = ""  # "" trains `model` from scratch; else a key of backbones.BACKBONES
    mode: str = "feature-extraction"  # or "fine-tune"
    cached_features: bool = False  # feature extraction the fast way: features computed once, head trained on them
    unfreeze: int = 1  # fine-tune: the top N blocks of the base train too
    head_units: int = 256
    head_dropout: float = 0.5
    fine_tune_epochs: int = 5
    fine_tune_lr: float = 1e-5  # the book's
    weights_file: str = ""  # a state_dict for the base instead of its pretrained weights
    init_from: str = ""  # fine-tune: start from this (feature-extraction) run's best weights

    def augment_spec(self) -> AugmentSpec:
        return AugmentSpec.from_dict(self.augment) if self.augment else AugmentSpec()

    def validate(self) -> None:
        if self.model not in PRESETS and self.model != CUSTOM:
            raise UserError(
                f"Unknown model {self.model!r}; choose one of: {', '.join(PRESETS)}, or build a custom stack."
            )
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
        if self.backbone:
            from ..pretrained import BACKBONES

            if self.backbone not in BACKBONES:
                raise UserError(f"Unknown backbone {self.backbone!r}; choose one of: {', '.join(BACKBONES)}.")
            if self.mode not in TRANSFER_MODES:
                raise UserError(f"Unknown mode {self.mode!r}; use feature-extraction or fine-tune.")
            if self.channels != 3:
                raise UserError("Pretrained networks take RGB images; set channels to 3.")
            if self.mode == "fine-tune" and self.cached_features:
                raise UserError(
                    "Fine-tuning trains the base itself, so it cannot use cached features; turn one of them off."
                )
            if self.unfreeze < 0 or self.fine_tune_epochs < 0 or self.head_units < 0 or not 0 <= self.head_dropout < 1:
                raise UserError(
                    "Unfreeze, fine-tune epochs and head units must be zero or more, and the dropout in [0, 1)."
                )
            if self.mode == "fine-tune" and self.fine_tune_epochs == 0 and not self.init_from:
                raise UserError("Fine-tuning needs at least one fine-tuning epoch.")

    def model_spec(self, num_classes: int) -> ModelSpec:
        return preset_spec(
            self.model,
            num_classes=num_classes,
            image_size=self.image_size,
            channels=self.channels,
            dropout=self.dropout,
            layers=self.layers,
        )


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


def _loss_and_correct(model: nn.Module, logits: torch.Tensor, y: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """Mean loss and number of correct predictions, for a sigmoid (one unit) or softmax head."""
    if getattr(model, "output_activation", "softmax") == "sigmoid" and logits.shape[1] == 1:
        z = logits[:, 0]
        loss = nn.functional.binary_cross_entropy_with_logits(z, y.to(z.dtype))
        correct = ((z > 0).long() == y).sum()
    else:
        loss = nn.functional.cross_entropy(logits, y)
        correct = (logits.argmax(1) == y).sum()
    return loss, correct


def rescale_input(device: torch.device, channels_last: bool) -> Callable[[torch.Tensor], torch.Tensor]:
    """uint8 batch → float in [0, 1] (the book's ``rescale=1./255``), on `device`."""

    def prepare(xb: torch.Tensor) -> torch.Tensor:
        x = xb.to(device, non_blocking=True).float().mul_(1.0 / 255.0)
        return x.contiguous(memory_format=torch.channels_last) if channels_last else x

    return prepare


def normalize_input(
    mean: tuple[float, ...], std: tuple[float, ...], device: torch.device, channels_last: bool
) -> Callable[[torch.Tensor], torch.Tensor]:
    """uint8 batch → float normalised with a pretrained network's mean and std, on `device`."""
    m = torch.tensor(mean, device=device).view(1, -1, 1, 1)
    sd = torch.tensor(std, device=device).view(1, -1, 1, 1)

    def prepare(xb: torch.Tensor) -> torch.Tensor:
        x = (xb.to(device, non_blocking=True).float().mul_(1.0 / 255.0) - m) / sd
        return x.contiguous(memory_format=torch.channels_last) if channels_last else x

    return prepare


def _evaluate(
    model: nn.Module, x: torch.Tensor, y: torch.Tensor, batch_size: int, prepare, device: torch.device
) -> Generator[Event, None, tuple[float, float]]:
    was_training = model.training
    model.eval()
    total_loss, total_correct, n = 0.0, 0, len(x)
    steps = max(1, math.ceil(n / batch_size))
    try:
        for i in range(steps):
            sl = slice(i * batch_size, (i + 1) * batch_size)
            with torch.no_grad():
                logits = model(prepare(x[sl]))
                loss, correct = _loss_and_correct(model, logits, y[sl].to(device))
            total_loss += loss.item() * len(logits)
            total_correct += int(correct)
            yield Progress("Validating", i + 1, steps)
    finally:
        model.train(was_training)
    return total_loss / max(n, 1), total_correct / max(n, 1)


@dataclass
class _Progress:
    """What the epoch loop carries from phase to phase."""

    epochs_total: int
    steps_per_epoch: int
    history: list[dict[str, Any]] = field(default_factory=list)
    best_loss: float = math.inf
    best_epoch: int = 0
    train_seconds: float = 0.0
    images_seen: int = 0
    global_step: int = 0
    epoch: int = 0
    started: float = field(default_factory=time.perf_counter)

    @property
    def rate(self) -> float:
        return self.images_seen / self.train_seconds if self.train_seconds > 0 else 0.0


def _fit(
    state: _Progress,
    *,
    model: nn.Module,
    data: tuple[torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor],
    prepare: Callable[[torch.Tensor], torch.Tensor],
    augment: AugmentSpec | None,
    optimizer: torch.optim.Optimizer,
    epochs: int,
    config: TrainConfig,
    learning_rate: float,
    device: torch.device,
    folder: RunFolder,
    status: dict[str, Any],
    weights: Callable[[], dict[str, torch.Tensor]],
    phase: str,
) -> Generator[Event, None, str]:
    """Run `epochs` epochs; returns "" when done, or the reason the loss diverged."""
    x_train, y_train, x_val, y_val = data
    n = len(x_train)
    generator = torch.Generator().manual_seed(config.seed + state.epoch)
    augment_generator = torch.Generator().manual_seed(config.seed + 1 + state.epoch)
    augmenting = augment is not None and not augment.is_identity()
    total_steps = state.steps_per_epoch * state.epochs_total
    for _ in range(epochs):
        state.epoch += 1
        epoch = state.epoch
        model.train()
        order = torch.randperm(n, generator=generator)
        epoch_loss, epoch_correct = 0.0, 0
        for step in range(1, state.steps_per_epoch + 1):
            tick = time.perf_counter()
            idx = order[(step - 1) * config.batch_size : step * config.batch_size]
            batch = x_train[idx]
            if augmenting:
                batch = augment_batch(batch, augment, augment_generator)  # type: ignore[arg-type]
            yb = y_train[idx].to(device)
            logits = model(prepare(batch))
            loss, correct = _loss_and_correct(model, logits, yb)
            loss_value = loss.item()
            if not math.isfinite(loss_value):
                return (
                    f"The loss became {loss_value} at epoch {epoch}, batch {step}: training diverged. "
                    f"Lower the learning rate (now {learning_rate:g}; try {learning_rate / 10:g})."
                )
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            optimizer.step()
            size = len(idx)
            state.train_seconds += time.perf_counter() - tick
            state.images_seen += size
            state.global_step += 1
            epoch_loss += loss_value * size
            epoch_correct += int(correct)
            eta = (total_steps - state.global_step) * state.train_seconds / state.global_step
            yield BatchEnd(
                epoch,
                state.epochs_total,
                step,
                state.steps_per_epoch,
                loss_value,
                int(correct) / size,
                state.rate,
                time.perf_counter() - state.started,
                eta,
            )

        val_loss, val_acc = yield from _evaluate(model, x_val, y_val, config.batch_size * 2, prepare, device)
        train_loss, train_acc = epoch_loss / n, epoch_correct / n
        is_best = val_loss < state.best_loss
        params = weights()
        meta = {"epoch": str(epoch), "format": CONFIG_FORMAT}
        folder.save_weights(LAST, params, meta)
        if is_best:
            state.best_loss, state.best_epoch = val_loss, epoch
            folder.save_weights(BEST, params, meta)
        state.history.append(
            {
                "epoch": epoch,
                "phase": phase,
                "train_loss": train_loss,
                "train_accuracy": train_acc,
                "val_loss": val_loss,
                "val_accuracy": val_acc,
                "images_per_second": state.rate,
                "seconds": time.perf_counter() - state.started,
            }
        )
        folder.write_history(state.history)
        status.update(epochs_completed=epoch, best_epoch=state.best_epoch)
        folder.write_status(status)
        yield EpochEnd(
            epoch,
            state.epochs_total,
            train_loss,
            train_acc,
            val_loss,
            val_acc,
            is_best,
            time.perf_counter() - state.started,
            state.rate,
        )
    return ""


def _load_data(dataset: ImageDataset, config: TrainConfig) -> Generator[Event, None, tuple]:
    size = (config.image_size, config.image_size)
    x_train, y_train, skipped_train = yield from load_split(dataset, "train", size, config.channels)
    x_val, y_val, skipped_val = yield from load_split(dataset, "validation", size, config.channels)
    if len(x_train) == 0:
        raise UserError(f"{dataset.name} has no readable training images.")
    if len(x_val) == 0:
        raise UserError(
            f"{dataset.name} has no validation images: set a validation fraction above 0, "
            "or add a validation/ folder with class folders beside train/."
        )
    return (x_train, y_train, x_val, y_val), len(dataset.skipped) + len(skipped_train) + len(skipped_val)


def train(
    dataset: ImageDataset, config: TrainConfig, run_dir: str | os.PathLike[str]
) -> Generator[Event, None, TrainResult | None]:
    """Train on `dataset` as `config` says, writing the run folder `run_dir` (which must be new or empty)."""
    config.validate()
    if len(dataset.class_names) < 2:
        raise UserError("Training needs at least two classes.")
    device = resolve_device(config.device)
    torch.manual_seed(config.seed)
    if config.threads:
        torch.set_num_threads(config.threads)
    if config.backbone:
        from ..pretrained import load_backbone  # before the run folder: a missing weights file fails cleanly

        backbone = load_backbone(config.backbone, weights_path=config.weights_file or None)
    folder = RunFolder.create(run_dir)
    status: dict[str, Any] = {"status": "running", "reason": "", "epochs_completed": 0, "best_epoch": 0}
    data, skipped_total = yield from _load_data(dataset, config)
    n_train = len(data[0])
    state = _Progress(epochs_total=0, steps_per_epoch=math.ceil(n_train / config.batch_size))
    ended = False  # a terminal event was yielded: closing the generator now is not a cancellation
    try:
        if config.backbone:
            reason = yield from _train_transfer(backbone, dataset, config, data, state, folder, status, device)
        else:
            reason = yield from _train_from_scratch(dataset, config, data, state, folder, status, device)
        if reason:
            status.update(status="failed", reason=reason)
            folder.write_status(status)
            ended = True
            yield Failed(reason)
            return None
    except GeneratorExit:
        if not ended:
            status.update(
                status="cancelled",
                reason="Stopped before the last epoch; the weights of the last finished epoch are kept.",
            )
            folder.write_status(status)
        raise
    except BaseException as exc:
        status.update(status="failed", reason=f"{type(exc).__name__}: {exc}")
        folder.write_status(status)
        raise

    best = state.history[state.best_epoch - 1]
    result = TrainResult(
        run_dir=str(folder.path),
        status="finished",
        epochs=state.epoch,
        best_epoch=state.best_epoch,
        train_loss=best["train_loss"],
        train_accuracy=best["train_accuracy"],
        val_loss=best["val_loss"],
        val_accuracy=best["val_accuracy"],
        images_per_second=state.rate,
        skipped_files=skipped_total,
        seconds=time.perf_counter() - state.started,
        history=state.history,
    )
    status.update(status="finished", reason="", result={k: v for k, v in asdict(result).items() if k != "history"})
    folder.write_status(status)
    ended = True
    last = state.history[-1]
    yield Finished(
        result,
        f"Finished: validation accuracy {last['val_accuracy']:.1%} after epoch {last['epoch']}; "
        f"the lowest validation loss was at epoch {state.best_epoch} ({result.val_accuracy:.1%}), "
        "kept as best.safetensors.",
    )
    return result


def _train_from_scratch(dataset, config, data, state, folder, status, device) -> Generator[Event, None, str]:
    spec = config.model_spec(len(dataset.class_names))
    model = build_model(spec).to(device)
    # channels_last makes CPU and GPU convolutions markedly faster (bench/train_throughput.py).
    channels_last = any(isinstance(m, nn.Conv2d) for m in model.modules())
    if channels_last:
        model = model.to(memory_format=torch.channels_last)
    optimizer = make_optimizer(config, model.parameters())
    n_params = sum(p.numel() for p in model.parameters())
    folder.write_config(
        _run_config(dataset, config, device, model=spec.to_dict(), preprocessing=_rescale_preprocessing(config))
    )
    folder.write_status(status)
    state.epochs_total = config.epochs
    x_train, _, x_val, _ = data
    yield RunStarted(
        str(folder.path),
        config.epochs,
        state.steps_per_epoch,
        len(x_train),
        len(x_val),
        tuple(dataset.class_names),
        str(device),
        n_params,
    )
    yield LogMessage(
        f"Training {spec.name} ({n_params:,} parameters) on {len(x_train)} images, validating on "
        f"{len(x_val)}, {config.epochs} epochs on {device}."
    )
    augment = config.augment_spec()
    if not augment.is_identity():
        yield LogMessage("Augmenting the training images (validation images are left as they are).")
    return (
        yield from _fit(
            state,
            model=model,
            data=data,
            prepare=rescale_input(device, channels_last),
            augment=augment,
            optimizer=optimizer,
            epochs=config.epochs,
            config=config,
            learning_rate=config.learning_rate,
            device=device,
            folder=folder,
            status=status,
            weights=model.state_dict,
            phase="train",
        )
    )


def _train_transfer(backbone, dataset, config, data, state, folder, status, device) -> Generator[Event, None, str]:
    from .transfer import Head, TransferModel, cached_features, freeze_for

    head = Head(backbone.feature_dim, len(dataset.class_names), units=config.head_units, dropout=config.head_dropout)
    model = TransferModel(backbone, head).to(device)
    if config.init_from:
        previous = RunFolder(config.init_from)
        model.load_state_dict(previous.load_weights(BEST), strict=True)
        yield LogMessage(f"Starting from the weights of {previous.path.name}.")
    pre = backbone.preprocess
    prepare = normalize_input(pre.mean, pre.std, device, channels_last=True)
    model = model.to(memory_format=torch.channels_last)
    fine_tune = config.mode == "fine-tune"
    head_epochs = 0 if (fine_tune and config.init_from) else config.epochs
    tune_epochs = config.fine_tune_epochs if fine_tune else 0
    state.epochs_total = head_epochs + tune_epochs
    preprocessing = {
        "image_size": [config.image_size, config.image_size],
        "channels": 3,
        "resize": "bilinear",
        "rescale": 1 / 255,
        "mean": list(pre.mean),
        "std": list(pre.std),
        "layout": "NCHW",
        "backbone_preprocess": pre.to_dict(),
    }
    transfer = {
        "backbone": backbone.info.name,
        "weights_id": backbone.weights_id,
        "mode": config.mode,
        "cached_features": config.cached_features,
        "unfreeze": config.unfreeze,
        "head_units": config.head_units,
        "head_dropout": config.head_dropout,
        "block_names": list(backbone.block_names),
    }
    folder.write_config(_run_config(dataset, config, device, transfer=transfer, preprocessing=preprocessing))
    folder.write_status(status)
    x_train, y_train, x_val, y_val = data
    n_params = sum(p.numel() for p in model.parameters())
    yield RunStarted(
        str(folder.path),
        state.epochs_total,
        state.steps_per_epoch,
        len(x_train),
        len(x_val),
        tuple(dataset.class_names),
        str(device),
        n_params,
    )
    augment = config.augment_spec()

    if head_epochs:
        freeze_for(model, 0)
        head_params = sum(p.numel() for p in head.parameters())
        if config.cached_features:
            if not augment.is_identity():
                yield LogMessage(
                    "Augmentation is not possible on cached features (each image's features are computed "
                    "once); it is ignored. Train end to end through the frozen base to use it.",
                    "warning",
                )
            started = time.perf_counter()
            key = {
                "dataset": dataset.source,
                "files": files_digest(dataset, ("train", "validation")),
                "size": config.image_size,
                "seed": dataset.seed,
            }
            features, hit = yield from cached_features(backbone, key, {"train": x_train, "validation": x_val}, prepare)
            took = time.perf_counter() - started
            yield LogMessage(
                f"Features of {len(x_train) + len(x_val)} images {'read from the cache' if hit else 'computed'} "
                f"in {took:.1f} s; now training only the head ({head_params:,} parameters) on them."
            )
            head.to(device)
            optimizer = make_optimizer(config, head.parameters())
            epoch_started = time.perf_counter()
            reason = yield from _fit(
                state,
                model=head,
                data=(features["train"], y_train, features["validation"], y_val),
                prepare=lambda f: f.to(device),
                augment=None,
                optimizer=optimizer,
                epochs=head_epochs,
                config=config,
                learning_rate=config.learning_rate,
                device=device,
                folder=folder,
                status=status,
                weights=model.state_dict,
                phase="feature-extraction (cached)",
            )
            if not reason and not hit:
                per_epoch = (time.perf_counter() - epoch_started) / head_epochs
                # Every end-to-end epoch runs the frozen base over all the images again: at least the feature pass.
                yield LogMessage(
                    f"On cached features an epoch took {per_epoch:.2f} s; end to end through the frozen base "
                    f"each epoch would repeat the {took:.1f} s feature pass — about {took / max(per_epoch, 1e-6):.0f}× "
                    "slower (but only end to end can the images be augmented)."
                )
        else:
            yield LogMessage(
                f"Feature extraction: {backbone.info.title} frozen, training the new head "
                f"({head_params:,} parameters) end to end on {device}."
            )
            optimizer = make_optimizer(config, [p for p in model.parameters() if p.requires_grad])
            reason = yield from _fit(
                state,
                model=model,
                data=data,
                prepare=prepare,
                augment=augment,
                optimizer=optimizer,
                epochs=head_epochs,
                config=config,
                learning_rate=config.learning_rate,
                device=device,
                folder=folder,
                status=status,
                weights=model.state_dict,
                phase="feature-extraction",
            )
        if reason:
            return reason
    if tune_epochs:
        if head_epochs:  # continue from the head's best epoch, as the book does after feature extraction
            model.load_state_dict(folder.load_weights(BEST), strict=True)
        freeze_for(model, config.unfreeze)
        trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
        names = ", ".join(backbone.block_names[len(backbone.block_names) - model.trainable_blocks :]) or "none"
        yield LogMessage(
            f"Fine-tuning: unfrozen blocks {names}; {trainable:,} trainable parameters, "
            f"learning rate {config.fine_tune_lr:g}."
        )
        tune = TrainConfig(**{**asdict(config), "learning_rate": config.fine_tune_lr})
        optimizer = make_optimizer(tune, [p for p in model.parameters() if p.requires_grad])
        state.best_loss = math.inf  # the fine-tuned model must beat itself, not the frozen phase's numbers
        reason = yield from _fit(
            state,
            model=model,
            data=data,
            prepare=prepare,
            augment=augment,
            optimizer=optimizer,
            epochs=tune_epochs,
            config=config,
            learning_rate=config.fine_tune_lr,
            device=device,
            folder=folder,
            status=status,
            weights=model.state_dict,
            phase="fine-tune",
        )
        if reason:
            return reason
    return ""


def _rescale_preprocessing(config: TrainConfig) -> dict[str, Any]:
    return {
        "image_size": [config.image_size, config.image_size],
        "channels": config.channels,
        "resize": "bilinear",
        "rescale": 1 / 255,
        "mean": [0.0] * config.channels,
        "std": [1.0] * config.channels,
        "layout": "NCHW",
    }


def _run_config(
    dataset: ImageDataset,
    config: TrainConfig,
    device: torch.device,
    *,
    preprocessing: dict[str, Any],
    model: dict[str, Any] | None = None,
    transfer: dict[str, Any] | None = None,
) -> dict[str, Any]:
    return {
        "format": CONFIG_FORMAT,
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "class_names": list(dataset.class_names),
        "model": model,
        "transfer": transfer,
        "preprocessing": preprocessing,
        "training": asdict(config),
        "dataset": dataset.to_dict(),
        "environment": {
            "cnnstudio": __version__,
            "torch": torch.__version__,
            "python": platform.python_version(),
            "device": str(device),
        },
    }
