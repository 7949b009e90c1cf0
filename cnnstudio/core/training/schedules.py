"""Learning-rate schedules, stepped once per epoch: constant, step, cosine, reduce-on-plateau.

Constant, step and cosine are closed forms of the epoch (a `LambdaLR`), so a run that is continued
for more epochs can re-plan them: cosine always runs down over the run's total epochs, the total
the run has now. Reduce-on-plateau watches the metric the run monitors.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import torch
from torch.optim.lr_scheduler import LambdaLR, LRScheduler, ReduceLROnPlateau

from .config import TrainConfig

__all__ = ["make_scheduler", "step_scheduler", "replan", "rebase", "current_lr"]


def _factor(config: TrainConfig, epochs: int) -> Callable[[int], float]:
    """The learning rate's factor after `epoch` finished epochs."""
    if config.schedule == "step":
        gamma, size = config.gamma, config.step_size
        return lambda epoch: gamma ** (epoch // size)
    if config.schedule == "cosine":
        total = max(epochs, 1)
        return lambda epoch: 0.5 * (1.0 + math.cos(math.pi * min(epoch, total) / total))
    return lambda epoch: 1.0


def make_scheduler(config: TrainConfig, optimizer: torch.optim.Optimizer, epochs: int) -> LRScheduler:
    """The schedule `config` names for `optimizer`, planned over `epochs` epochs."""
    if config.schedule == "plateau":
        mode = "max" if config.monitor == "val_accuracy" else "min"
        return ReduceLROnPlateau(optimizer, mode=mode, factor=config.plateau_factor, patience=config.plateau_patience)
    return LambdaLR(optimizer, _factor(config, epochs))


def step_scheduler(scheduler: LRScheduler | None, monitored: float) -> None:
    """One epoch ended with `monitored` (the value of the metric the run watches)."""
    if isinstance(scheduler, ReduceLROnPlateau):
        scheduler.step(monitored)
    elif scheduler is not None:
        scheduler.step()


def replan(scheduler: LRScheduler) -> None:
    """After loading a schedule's state: the learning rate for the next epoch by this schedule's plan
    (a cosine re-planned over a new total); the same number the schedule itself would have set."""
    if isinstance(scheduler, LambdaLR):
        for group, base, factor in zip(
            scheduler.optimizer.param_groups, scheduler.base_lrs, scheduler.lr_lambdas, strict=True
        ):
            group["lr"] = base * factor(scheduler.last_epoch)


def rebase(scheduler: LRScheduler, learning_rate: float) -> None:
    """A new base learning rate for the epochs to come (the schedule's factors apply to it; a plateau
    schedule starts again from it)."""
    for group in scheduler.optimizer.param_groups:
        group["initial_lr"] = group["lr"] = learning_rate
    if isinstance(scheduler, LambdaLR):
        scheduler.base_lrs = [learning_rate] * len(scheduler.optimizer.param_groups)


def current_lr(optimizer: torch.optim.Optimizer) -> float:
    return float(optimizer.param_groups[0]["lr"])
