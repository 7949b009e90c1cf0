"""Training as a generator of events: `train` checks, loads, creates the run folder, and runs the phases.

`train` yields `Progress` while loading, `RunStarted`, a `BatchEnd` per step, an `EpochEnd` per
epoch, and finally `Finished` or `Failed` (a diverged loss, with a hint to lower the learning rate).
Every yield is a point where `jobs.drive` may cancel the run. Everything that can be checked is
checked before the run folder exists (settings, classes, the target folder, weights files, the data),
and the folder is created and claimed (one run per folder, until the run ends) only then, inside the
``try`` that records how the run ended: a run that ends (cancelled, diverged, crashed) before its
first epoch leaves nothing behind; a later end keeps the last finished epoch and says in
``status.json`` how the run ended.

Three kinds of run share one epoch loop (`fit`): a model from scratch (a preset or a custom stack);
feature extraction with a pretrained base, end to end or on cached features; and fine-tuning
(`phases.train_transfer`).
"""

from __future__ import annotations

import math
import os
import platform
import time
from collections.abc import Callable, Generator
from dataclasses import asdict
from datetime import datetime, timezone
from typing import Any

import torch
from torch import nn

from ... import __version__
from ..data import ImageDataset, load_split
from ..data.streaming import SplitPlan, StreamedSplit, plan_splits, stream_workers
from ..errors import UserError
from ..events import Failed, Finished, LogMessage, RunStarted
from ..messages import Message, msg
from ..models import build_fresh, build_model, check_spec
from ..runs import BEST, LAST, RunFolder
from ..torchutils import input_preparer, seeded_generator
from .checkpoint import CHECKPOINT
from .config import CONFIG_FORMAT, TrainConfig, TrainResult, make_optimizer, resolve_device
from .distributed import check_new_run, open_run_folder, shard_size
from .fit import FitState, Phase, fit
from .precision import Amp, resolve_precision
from .schedules import make_scheduler

__all__ = ["train", "run_config", "run_to_end", "new_state", "restore_best", "scratch_phase", "probe_hook"]


def train(
    dataset: ImageDataset, config: TrainConfig, run_dir: str | os.PathLike[str]
) -> Generator[Any, None, TrainResult | None]:
    """Train on `dataset` as `config` says, writing the run folder `run_dir` (which must be new or empty)."""
    config.validate()
    if len(dataset.class_names) < 2:
        raise UserError(msg("training.two_classes"))
    device = resolve_device(config.device)
    amp = Amp(resolve_precision(config.precision, device))
    check_new_run(run_dir, config, device)  # distributed: rank 0 alone checks the folder
    backbone = None
    if not config.backbone:
        check_spec(config.model_spec(len(dataset.class_names)))  # a stack that cannot fit fails before any folder
    else:
        from ..pretrained import load_backbone
        from .phases import check_init_from
        from .transfer import cut_base

        check_init_from(config, len(dataset.class_names))
        backbone = load_backbone(config.backbone, weights_path=config.weights_file or None)
        backbone = cut_base(backbone, config.cut_after)  # issue 9: the base cut after a block
    data, skipped_total = yield from _load_data(dataset, config)
    state = new_state(config, len(data[0]))
    state.epoch_hook = probe_hook(config, dataset)

    def body(folder: RunFolder) -> Generator[Any, None, Message | None]:
        if backbone is not None:
            from .phases import train_transfer

            return (yield from train_transfer(backbone, dataset, config, data, state, folder, status, device, amp))
        return (yield from _train_from_scratch(dataset, config, data, state, folder, status, device, amp))

    status: dict[str, Any] = {"status": "running", "reason": "", "epochs_completed": 0, "best_epoch": 0}
    # distributed: rank 0 creates the folder, the other processes keep what they would write in memory
    return (
        yield from run_to_end(
            lambda: open_run_folder(lambda: RunFolder.create(run_dir), run_dir), body, state, status, skipped_total
        )
    )


def probe_hook(config: TrainConfig, dataset: ImageDataset):
    """The per-epoch recorder of the run's probe images (probes.py), or None when it has none."""
    if not config.probes:
        return None
    from .probes import ProbeRecorder

    return ProbeRecorder(config.probes, dataset, dataset.class_names, config.image_size, config.channels)


def new_state(config: TrainConfig, train_images: int) -> FitState:
    return FitState(
        epochs_total=0,
        steps_per_epoch=math.ceil(shard_size(train_images) / config.batch_size),  # distributed: per process
        monitor=config.monitor,
        patience=config.early_stopping_patience,
    )


def run_to_end(
    open_folder: Callable[[], RunFolder],
    body: Callable[[RunFolder], Generator[Any, None, Message | None]],
    state: FitState,
    status: dict[str, Any],
    skipped_total: int,
) -> Generator[Any, None, TrainResult | None]:
    """Claim the folder, run `body` in it, and say in status.json how the run ended, however it ends."""
    folder: RunFolder | None = None
    ended = False  # a terminal event was yielded: closing the generator now is not a cancellation
    try:
        folder = open_folder()
        reason = yield from body(folder)
        if reason is not None:
            _record_end(folder, state, status, "failed", reason)
            ended = True
            yield Failed(reason)
            return None
        result = _result(folder, state, skipped_total)
        status.update(status="finished", reason="", result={k: v for k, v in asdict(result).items() if k != "history"})
        folder.write_status(status)
        folder.release()
        ended = True
        yield Finished(result, _finished_message(state, result))
        return result
    except GeneratorExit:
        if folder is not None and not ended:
            _record_end(folder, state, status, "cancelled", msg("training.cancelled_kept"))
        raise
    except BaseException as exc:
        if folder is not None and not ended:
            crash = msg("training.crashed", kind=type(exc).__name__, error=str(exc))
            _record_end(folder, state, status, "failed", exc.message if isinstance(exc, UserError) else crash)
        raise
    finally:
        if folder is not None:
            folder.release()  # however the run ended, its claim on the folder ends with it


def restore_best(
    config: TrainConfig, state: FitState, folder: RunFolder, model: nn.Module
) -> Generator[Any, None, None]:
    """With `restore_best`, a run that ended leaves its model and last.safetensors at the best epoch's
    weights (checkpoint.pt keeps the last epoch's, so the run can still be continued from there)."""
    if not config.restore_best or state.best_epoch in (0, state.epoch):
        return
    best = folder.load_weights(BEST)
    model.load_state_dict(best, strict=True)
    folder.save_weights(LAST, best, {"epoch": str(state.best_epoch), "format": CONFIG_FORMAT})
    yield LogMessage(msg("training.restored_best", epoch=state.best_epoch, monitor=config.monitor))


def _record_end(folder: RunFolder, state: FitState, status: dict[str, Any], how: str, reason: Message) -> None:
    """Say in status.json how the run ended, and give up the folder's claim; a run that finished no
    epoch leaves no folder at all."""
    if not state.history:
        (folder.path / CHECKPOINT).unlink(missing_ok=True)
        folder.remove()  # nothing was learned or kept: the user was told why, and the folder would only mislead
        return
    status.update(status=how, reason=str(reason), reason_id=reason.id)
    folder.record_status(status)  # best effort: a disk that is full may refuse even this, and the run already failed
    folder.release()


def _load_data(dataset: ImageDataset, config: TrainConfig) -> Generator[Any, None, tuple]:
    """The training and validation splits: in memory when they fit the budget (`config.cache_mb`), else
    streamed from disk (see `data.streaming`); the log says which, and why."""
    size = (config.image_size, config.image_size)
    splits = ("train", "validation")
    # Cached features need every image at once: such a run keeps its splits in memory.
    plan = plan_splits(dataset, splits, size, config.channels, 0 if config.cached_features else config.cache_mb)
    if config.cached_features:
        plan = SplitPlan((), plan.needed, plan.budget)
    loaded, skipped_total = {}, len(dataset.skipped)
    for split in splits:
        if split in plan.streamed:
            streamed = StreamedSplit.of(dataset, split, size, config.channels)
            loaded[split] = (streamed, streamed.labels)
        else:
            x, y, skipped = yield from load_split(dataset, split, size, config.channels)
            loaded[split] = (x, y)
            skipped_total += len(skipped)
    yield _data_message(plan, stream_workers())
    (x_train, y_train), (x_val, y_val) = loaded["train"], loaded["validation"]
    if len(x_train) == 0:
        raise UserError(msg("training.no_training_images", dataset=dataset.name))
    if len(x_val) == 0:
        raise UserError(msg("training.no_validation_images", dataset=dataset.name))
    return (x_train, y_train, x_val, y_val), skipped_total


def _data_message(plan: SplitPlan, workers: int) -> LogMessage:
    mib = 1024 * 1024
    needed = sum(plan.needed.values()) / mib
    if not plan.streamed:
        return LogMessage(msg("loading.in_memory", needed_mb=needed, budget_mb=plan.budget / mib))
    return LogMessage(
        msg(
            "loading.streaming",
            splits=", ".join(plan.streamed),
            needed_mb=needed,
            budget_mb=plan.budget / mib,
            workers=workers,
        )
    )


def _result(folder: RunFolder, state: FitState, skipped_total: int) -> TrainResult:
    best = state.history[state.best_epoch - 1]  # fit never keeps a non-finite epoch: best_epoch ≥ 1 here
    return TrainResult(
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


def _finished_message(state: FitState, result: TrainResult) -> Message:
    last = state.history[-1]
    return msg(
        "training.finished",
        last_accuracy=last["val_accuracy"],
        last_epoch=last["epoch"],
        best_epoch=state.best_epoch,
        best_accuracy=result.val_accuracy,
        monitor=state.monitor,
    )


def run_started(folder: RunFolder, state: FitState, data, dataset: ImageDataset, device, parameters: int) -> RunStarted:
    x_train, _, x_val, _ = data
    return RunStarted(
        str(folder.path),
        state.epochs_total,
        state.steps_per_epoch,
        len(x_train),
        len(x_val),
        tuple(dataset.class_names),
        str(device),
        parameters,
    )


def _train_from_scratch(
    dataset, config, data, state, folder, status, device, amp: Amp
) -> Generator[Any, None, Message | None]:
    spec = config.model_spec(len(dataset.class_names))
    model = build_fresh(lambda: build_model(spec), seeded_generator(config.seed), device)
    # channels_last makes CPU and GPU convolutions markedly faster (bench/train_throughput.py).
    channels_last = any(isinstance(m, nn.Conv2d) for m in model.modules())
    if channels_last:
        model = model.to(memory_format=torch.channels_last)
    n_params = sum(p.numel() for p in model.parameters())
    folder.write_config(
        run_config(
            dataset,
            config,
            device,
            model=spec.to_dict(),
            preprocessing=_rescale_preprocessing(config),
            precision=amp.precision.to_dict(),
        )
    )
    folder.write_status(status)
    state.epochs_total = config.epochs
    yield run_started(folder, state, data, dataset, device, n_params)
    yield LogMessage(
        msg(
            "training.from_scratch",
            model=spec.name,
            parameters=n_params,
            train_images=len(data[0]),
            val_images=len(data[2]),
            epochs=config.epochs,
            device=str(device),
        )
    )
    yield LogMessage(amp.precision.message())
    augment = config.augment_spec()
    if not augment.is_identity():
        yield LogMessage(msg("training.augmenting"))
    optimizer = make_optimizer(config, model.parameters())
    scheduler = make_scheduler(config, optimizer, config.epochs)
    phase = scratch_phase(
        config, model, data, device, channels_last, folder, status, optimizer, scheduler, "train", amp
    )
    reason = yield from fit(state, phase)
    if reason is None:
        yield from restore_best(config, state, folder, model)
    return reason


def scratch_phase(
    config: TrainConfig,
    model,
    data,
    device,
    channels_last: bool,
    folder,
    status,
    optimizer,
    scheduler,
    name: str,
    amp: Amp,
) -> Phase:
    """The one phase of a run from scratch, up to `config.epochs` in all (a continued run: those left)."""
    return Phase(
        model=model,
        data=data,
        prepare=input_preparer(device=device, channels_last=channels_last),
        optimizer=optimizer,
        epochs=config.epochs,
        batch_size=config.batch_size,
        seed=config.seed,
        learning_rate=config.learning_rate,
        device=device,
        folder=folder,
        status=status,
        weights=model.state_dict,
        name=name,
        augment=config.augment_spec(),
        scheduler=scheduler,
        amp=amp,
    )


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


def run_config(
    dataset: ImageDataset,
    config: TrainConfig,
    device: torch.device,
    *,
    preprocessing: dict[str, Any],
    model: dict[str, Any] | None = None,
    transfer: dict[str, Any] | None = None,
    precision: dict[str, str] | None = None,
) -> dict[str, Any]:
    """The run's ``config.json``: enough to rebuild the model and its input pipeline."""
    return {
        "format": CONFIG_FORMAT,
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "class_names": list(dataset.class_names),
        "model": model,
        "transfer": transfer,
        "preprocessing": preprocessing,
        "training": asdict(config),
        "precision": precision,  # {"requested", "resolved"}: what the run asked for and what it computed in
        "dataset": dataset.to_dict(),
        "environment": {
            "cnnstudio": __version__,
            "torch": torch.__version__,
            "python": platform.python_version(),
            "device": str(device),
        },
    }
