"""The epoch loop that every kind of run shares: steps, validation, checkpoints, divergence.

`fit` trains for some epochs and yields a `BatchEnd` per step, `Progress` while validating and an
`EpochEnd` per epoch; every yield is where `jobs.drive` may cancel. After each epoch the schedule
steps, the weights go to ``last.safetensors``, and to ``best.safetensors`` when the monitored metric
(validation loss or accuracy) is the best so far, and everything needed to continue the run exactly
goes to ``checkpoint.pt`` (see `checkpoint`). Early stopping ends the phase after `patience` epochs
without a better monitored metric.
Divergence ends the phase with the reason (and a lower learning rate to try), so a diverged epoch is
never kept as the best one: a training or validation loss that is not finite, or a loss that explodes
while staying finite (see `LossWatch`). All randomness (shuffling, augmentation, dropout) comes from
generators seeded by the run, never from the global generator other jobs share.
"""

from __future__ import annotations

import bisect
import math
import time
from collections.abc import Callable, Generator
from contextlib import AbstractContextManager, closing, nullcontext
from dataclasses import dataclass, field
from typing import Any

import torch
from torch import nn

from ..data import AugmentSpec, augment_batch
from ..data.streaming import StreamedSplit, batches
from ..events import BatchEnd, EpochEnd, Event, LogMessage, Progress
from ..messages import Message, msg, template
from ..models import use_generator
from ..runs import BEST, LAST, RunFolder
from ..torchutils import eval_mode, seeded_generator
from .checkpoint import save_checkpoint
from .config import CONFIG_FORMAT
from .distributed import batch_totals, reduce_totals, shard_order, sync_buffers, validation_shard, wrap
from .precision import Amp
from .schedules import current_lr, step_scheduler

__all__ = ["FitState", "LossWatch", "Phase", "fit", "evaluate", "loss_and_correct"]

EXPLODED_FACTOR = 100.0
"""A batch loss above this many times the first epoch's median loss counts towards divergence..."""
EXPLODED_STREAK = 20
"""...when this many batches in a row are above it."""
MEDIAN_FLOOR = 0.01
"""A median below this counts as this: a model that already fits (losses of 0) may still make mistakes."""


def loss_and_correct(model: nn.Module, logits: torch.Tensor, y: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """Mean loss and number of correct predictions, for a sigmoid (one unit) or softmax head."""
    if getattr(model, "output_activation", "softmax") == "sigmoid" and logits.shape[1] == 1:
        z = logits[:, 0]
        loss = nn.functional.binary_cross_entropy_with_logits(z, y.to(z.dtype))
        correct = ((z > 0).long() == y).sum()
    else:
        loss = nn.functional.cross_entropy(logits, y)
        correct = (logits.argmax(1) == y).sum()
    return loss, correct


def evaluate(
    model: nn.Module,
    x: torch.Tensor | StreamedSplit,
    y: torch.Tensor,
    batch_size: int,
    prepare,
    device: torch.device,
    distributed: bool = False,
    autocast: Callable[[], AbstractContextManager] = nullcontext,
) -> Generator[Event, None, tuple[float, float]]:
    """Mean loss and accuracy of `model` on (x, y), in eval mode (each module's mode restored after).

    `x` is a tensor of images or a `StreamedSplit` decoded batch by batch (files that fail are left out).
    `distributed`: (x, y) is this process's share, and the figures are those of all the processes' shares.
    `autocast` gives the context of each forward pass (the run's precision)."""
    total_loss, total_correct, seen = 0.0, 0, 0
    steps = max(1, math.ceil(len(x) / batch_size))
    with eval_mode(model), closing(batches(x, y, batch_size)) as loaded:
        for i, (xb, yb, skipped) in enumerate(loaded):
            if skipped:
                yield _skipped_message(x, skipped)
            if len(yb):
                with torch.no_grad(), autocast():
                    logits = model(prepare(xb))
                    loss, correct = loss_and_correct(model, logits, yb.to(device))
                total_loss += loss.item() * len(logits)
                total_correct += int(correct)
                seen += len(yb)
            yield Progress(msg("training.validating"), i + 1, steps)
    if distributed:
        total_loss, total_correct, seen = reduce_totals(total_loss, total_correct, seen, device)
    return total_loss / max(seen, 1), total_correct / max(seen, 1)


def _skipped_message(x, skipped) -> LogMessage:
    first = skipped[0]
    return LogMessage(
        msg("loading.stream_skipped", count=len(skipped), split=x.split, path=first.path, reason=first.reason),
        "warning",
    )


@dataclass
class LossWatch:
    """Tells a loss that explodes while staying finite (Adam at a learning rate of 1e3: 1e27 and more).

    The reference is the running median of the run's first epoch's batch losses (the first epoch of
    the run, not of each phase): a batch whose loss is above `EXPLODED_FACTOR` times it is counted,
    any other batch resets the count, and `EXPLODED_STREAK` counted batches in a row are divergence.
    The watch starts at the run's second batch, so a loss that explodes right after the first step is
    caught too; a counted batch never joins the reference, so exploding losses cannot lift the median
    they are measured against. After the first epoch the reference is fixed.
    """

    first_epoch: list[float] = field(default_factory=list)  # kept sorted
    streak: int = 0

    @property
    def reference(self) -> float:
        """The median of the first epoch's batch losses so far (at least `MEDIAN_FLOOR`)."""
        losses, n = self.first_epoch, len(self.first_epoch)
        return max((losses[(n - 1) // 2] + losses[n // 2]) / 2, MEDIAN_FLOOR)

    def exploded(self, loss: float, first_epoch: bool) -> bool:
        """Count the batch's `loss`; True when the streak is long enough to call it divergence."""
        if self.first_epoch and loss > EXPLODED_FACTOR * self.reference:
            self.streak += 1
            return self.streak >= EXPLODED_STREAK
        self.streak = 0
        if first_epoch:
            bisect.insort(self.first_epoch, loss)
        return False


@dataclass
class FitState:
    """What the epoch loop carries from phase to phase of one run."""

    epochs_total: int
    steps_per_epoch: int
    history: list[dict[str, Any]] = field(default_factory=list)
    monitor: str = "val_loss"  # or "val_accuracy": picks the best epoch, drives early stopping
    patience: int = 0  # early stopping after this many epochs without a better monitored metric; 0: never
    best_value: float | None = None  # the monitored metric at the best epoch of the current phase
    best_epoch: int = 0
    stale_epochs: int = 0  # epochs since the monitored metric last improved
    stopped_early: bool = False
    train_seconds: float = 0.0
    images_seen: int = 0
    global_step: int = 0
    epoch: int = 0
    loss_watch: LossWatch = field(default_factory=LossWatch)
    started: float = field(default_factory=time.perf_counter)
    generators: dict[str, torch.Generator] = field(default_factory=dict)  # the phase's own, by use
    restore_rng: dict[str, torch.Tensor] | None = None  # generator states a continued run starts from
    # Called as ``yield from epoch_hook(phase, epoch)`` after each epoch is saved (probes.ProbeRecorder).
    epoch_hook: Callable[[Phase, int], Generator[Event, None, None]] | None = None

    @property
    def rate(self) -> float:
        return self.images_seen / self.train_seconds if self.train_seconds > 0 else 0.0

    def improves(self, value: float) -> bool:
        """Whether the monitored metric's `value` is better than the best so far (strictly)."""
        if self.best_value is None:
            return True
        return value > self.best_value if self.monitor == "val_accuracy" else value < self.best_value

    def may_be_best(self, value: float) -> bool:
        """Whether an epoch whose monitored metric is `value` becomes the best: it improves on the best so far,
        and its last batches are not part of an exploding streak (a loss above the divergence bar that
        has not yet lasted long enough to stop the run: those weights are already going wrong)."""
        return self.loss_watch.streak == 0 and self.improves(value)

    def reset_best(self) -> None:
        """A new phase (fine-tuning) must beat itself, not the previous phase's numbers."""
        self.best_value, self.stale_epochs, self.stopped_early = None, 0, False

    def counters(self) -> dict[str, Any]:
        """The loop's numbers, for the checkpoint (plain ints, floats and lists)."""
        names = ("epoch", "global_step", "images_seen", "train_seconds", "best_value", "best_epoch")
        counters = {name: getattr(self, name) for name in (*names, "stale_epochs", "stopped_early")}
        counters["seconds"] = time.perf_counter() - self.started
        counters["loss_watch_losses"] = list(self.loss_watch.first_epoch)
        counters["loss_watch_streak"] = self.loss_watch.streak
        return counters

    def restore(self, counters: dict[str, Any], history: list[dict[str, Any]], rng: dict[str, torch.Tensor]) -> None:
        """Take up where a checkpoint's `counters`, `history` and generator states `rng` left off."""
        self.epoch, self.global_step = int(counters["epoch"]), int(counters["global_step"])
        self.images_seen, self.train_seconds = int(counters["images_seen"]), float(counters["train_seconds"])
        self.started = time.perf_counter() - float(counters["seconds"])
        best = counters["best_value"]
        self.best_value = None if best is None else float(best)
        self.best_epoch, self.stale_epochs = int(counters["best_epoch"]), int(counters["stale_epochs"])
        self.stopped_early = bool(counters["stopped_early"])
        self.loss_watch = LossWatch(sorted(float(v) for v in counters["loss_watch_losses"]))
        self.loss_watch.streak = int(counters["loss_watch_streak"])
        self.history = [dict(row) for row in history]
        self.restore_rng = dict(rng)


@dataclass
class Phase:
    """One phase of a run: what trains, on what, how, and where its checkpoints go."""

    model: nn.Module
    data: tuple  # (x_train, y_train, x_val, y_val): images as tensors or `StreamedSplit`s
    prepare: Callable[[torch.Tensor], torch.Tensor]
    optimizer: torch.optim.Optimizer
    epochs: int
    batch_size: int
    seed: int
    learning_rate: float
    device: torch.device
    folder: RunFolder
    status: dict[str, Any]
    weights: Callable[[], dict[str, torch.Tensor]]
    name: str
    augment: AugmentSpec | None = None
    scheduler: Any = None  # a torch LRScheduler stepped after each epoch (schedules.make_scheduler), or None
    amp: Amp = field(default_factory=Amp.fp32)  # the run's precision (precision.py); float32 unless given


def _diverged(template, loss: float, learning_rate: float, **where: float) -> Message:
    return template(loss=loss, learning_rate=learning_rate, suggestion=learning_rate / 10, **where)


def fit(state: FitState, phase: Phase) -> Generator[Event, None, Message | None]:
    """Run the phase's epochs; returns None when done (or stopped early), or the reason the loss diverged."""
    x_train, y_train, x_val, y_val = phase.data
    x_val, y_val = validation_shard(x_val, y_val)  # distributed: this process's share (else all of it)
    n = len(x_train)
    # Generators of the run's own, seeded by the epoch too, so a later phase does not replay the first;
    # a continued run takes up their states where its checkpoint left them.
    shuffle = seeded_generator(phase.seed + state.epoch)
    augment_generator = seeded_generator(phase.seed + 1 + state.epoch)
    dropout = seeded_generator(phase.seed + 2 + state.epoch, phase.device)
    use_generator(phase.model, dropout)
    state.generators = {"shuffle": shuffle, "augment": augment_generator, "dropout": dropout}
    if state.restore_rng is not None:
        for name, generator in state.generators.items():
            if name in state.restore_rng:  # a state from another kind of device cannot be taken up
                generator.set_state(state.restore_rng[name])
        state.restore_rng = None
    augmenting = phase.augment is not None and not phase.augment.is_identity()
    total_steps = state.steps_per_epoch * state.epochs_total
    model, optimizer, device = phase.model, phase.optimizer, phase.device
    net = wrap(model)  # distributed: DistributedDataParallel, which averages gradients (else the model)
    for _ in range(phase.epochs):
        state.epoch += 1
        epoch = state.epoch
        model.train()
        learning_rate = current_lr(optimizer)
        order = shard_order(torch.randperm(n, generator=shuffle))  # distributed: this process's share
        epoch_loss, epoch_correct, seen = 0.0, 0, 0
        # Batches come from memory, or from worker processes for a streamed split (closed with the loop).
        with closing(batches(x_train, y_train, phase.batch_size, order)) as loaded:
            tick = time.perf_counter()
            for step, (batch, y_batch, skipped) in enumerate(loaded, 1):
                if skipped:
                    yield _skipped_message(x_train, skipped)
                if not len(y_batch):  # every file of the batch vanished since the scan
                    continue
                if augmenting:
                    batch = augment_batch(batch, phase.augment, augment_generator)  # type: ignore[arg-type]
                yb = y_batch.to(device)
                with phase.amp.autocast():  # float32 weights; the forward pass and loss in the run's precision
                    loss, correct = loss_and_correct(model, net(phase.prepare(batch)), yb)
                loss_value, size, correct = batch_totals(loss, correct, len(yb))  # distributed: over all processes
                if not math.isfinite(loss_value):
                    return _diverged(
                        template("training.diverged"), loss_value, phase.learning_rate, epoch=epoch, step=step
                    )
                if state.loss_watch.exploded(loss_value, first_epoch=epoch == 1):
                    return _diverged(
                        template("training.loss_exploded"),
                        loss_value,
                        phase.learning_rate,
                        median=state.loss_watch.reference,
                        factor=EXPLODED_FACTOR,
                        batches=EXPLODED_STREAK,
                        epoch=epoch,
                        step=step,
                    )
                optimizer.zero_grad(set_to_none=True)
                phase.amp.step(loss, optimizer)  # backward and update (through the scaler for float16)
                state.train_seconds += time.perf_counter() - tick
                state.images_seen += size
                state.global_step += 1
                seen += size
                epoch_loss += loss_value * size
                epoch_correct += int(correct)
                eta = (total_steps - state.global_step) * state.train_seconds / state.global_step
                elapsed = time.perf_counter() - state.started
                yield BatchEnd(
                    epoch,
                    state.epochs_total,
                    step,
                    state.steps_per_epoch,
                    loss_value,
                    int(correct) / size,
                    state.rate,
                    elapsed,
                    eta,
                )
                tick = time.perf_counter()  # the wait for the next batch counts, the listener's time does not

        sync_buffers(model)  # distributed: every process validates rank 0's model
        val_loss, val_acc = yield from evaluate(
            model,
            x_val,
            y_val,
            phase.batch_size * 2,
            phase.prepare,
            device,
            distributed=True,
            autocast=phase.amp.autocast,
        )
        if not math.isfinite(val_loss):
            return _diverged(template("training.validation_diverged"), val_loss, phase.learning_rate, epoch=epoch)
        train_loss, train_acc = epoch_loss / max(seen, 1), epoch_correct / max(seen, 1)
        monitored = val_acc if state.monitor == "val_accuracy" else val_loss
        is_best = state.may_be_best(monitored)
        if is_best:
            state.best_value, state.best_epoch, state.stale_epochs = monitored, epoch, 0
        else:
            state.stale_epochs += 1
        state.stopped_early = 0 < state.patience <= state.stale_epochs
        step_scheduler(phase.scheduler, monitored)
        state.history.append(
            {
                "epoch": epoch,
                "phase": phase.name,
                "train_loss": train_loss,
                "train_accuracy": train_acc,
                "val_loss": val_loss,
                "val_accuracy": val_acc,
                "lr": learning_rate,
                "images_per_second": state.rate,
                "seconds": time.perf_counter() - state.started,
            }
        )
        _checkpoint(state, phase, epoch, is_best)
        phase.folder.write_history(state.history)
        phase.status.update(epochs_completed=epoch, best_epoch=state.best_epoch, monitor=state.monitor)
        if state.stopped_early:
            phase.status.update(stopped_early_at=epoch)
        phase.folder.write_status(phase.status)
        if state.epoch_hook is not None:
            yield from state.epoch_hook(phase, epoch)
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
        if state.stopped_early:
            yield LogMessage(
                msg("training.stopped_early", epoch=epoch, patience=state.patience, monitor=state.monitor,
                    best_epoch=state.best_epoch)
            )  # fmt: skip
            return None
    return None


def _checkpoint(state: FitState, phase: Phase, epoch: int, is_best: bool) -> None:
    """Best, then last, then the checkpoint: a process killed in between redoes the epoch, the same way."""
    params = phase.weights()
    meta = {"epoch": str(epoch), "format": CONFIG_FORMAT}
    if is_best:
        phase.folder.save_weights(BEST, params, meta)
    phase.folder.save_weights(LAST, params, meta)
    save_checkpoint(
        phase.folder,
        {
            "phase": phase.name,
            "device": phase.device.type,
            "model": {key: value.detach().to("cpu") for key, value in params.items()},
            "optimizer": phase.optimizer.state_dict(),
            "scheduler": phase.scheduler.state_dict() if phase.scheduler is not None else {},
            "scaler": phase.amp.state_dict(),  # float16's loss scale; empty otherwise
            "rng": {name: generator.get_state() for name, generator in state.generators.items()},
            "state": state.counters(),
            "history": state.history,
        },
    )
