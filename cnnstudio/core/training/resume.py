"""Continuing a run: a stopped, finished, failed or interrupted run trains on, up to a new total of epochs.

`resume` rebuilds the model from the run's ``config.json``, then restores from its ``checkpoint.pt``
the weights, the optimizer, the schedule, the epoch and step counters, early stopping's counters and
the states of the run's own random generators, so on the same machine and settings the continued run
is bitwise the run that would have trained all those epochs in one go (a cosine schedule is re-planned
over the new total). The history and status.json carry on in the same folder. Runs on a pretrained
base go on in the phase they stopped in: feature extraction up to the new total, or, for a fine-tuning
run, the head phase up to its own epochs and fine-tuning for the rest.
"""

from __future__ import annotations

import os
from collections.abc import Generator
from dataclasses import asdict
from typing import Any

from ..data import ImageDataset
from ..errors import RunFolderError, UserError
from ..events import LogMessage, RunStarted
from ..messages import Message, msg
from ..models import ModelSpec, build_model
from ..runs import RunFolder, lock_holder
from ..runs.folder import LOCK, _claim
from .checkpoint import load_checkpoint
from .config import TrainConfig, TrainResult, make_optimizer, resolve_device
from .distributed import check_device, is_writer, open_run_folder
from .fit import fit
from .precision import Amp, resolve_precision
from .run import _load_data, new_state, probe_hook, restore_best, run_started, run_to_end, scratch_phase
from .schedules import make_scheduler

__all__ = ["resume", "resumable_epochs"]


def resumable_epochs(run_dir: str | os.PathLike[str]) -> int:
    """The epochs a run's checkpoint holds (continuing needs a larger total); a `UserError` says why a run
    cannot be continued at all."""
    folder = RunFolder(os.path.expanduser(run_dir))
    _check_kind(folder, folder.read_config())
    return int(load_checkpoint(folder)["state"]["epoch"])


def _check_kind(folder: RunFolder, record: dict[str, Any]) -> None:
    if not isinstance(record.get("model"), dict) and not _is_transfer(record):
        raise RunFolderError(msg("training.resume_no_model", folder=str(folder.path)))


def _is_transfer(record: dict[str, Any]) -> bool:
    training = record.get("training") if isinstance(record.get("training"), dict) else {}
    return bool(isinstance(record.get("transfer"), dict) and training.get("backbone"))


def _transfer_epochs(config: TrainConfig, epochs: int) -> None:
    """A pretrained run's new total, shared out: the head phase up to its own epochs, fine-tuning the rest
    (a feature-extraction run, or fine-tuning from an earlier run, has one phase, which gets them all)."""
    if config.mode != "fine-tune":
        config.epochs = epochs
    elif config.init_from:
        config.fine_tune_epochs = epochs
    else:
        config.epochs = min(config.epochs, epochs)
        config.fine_tune_epochs = epochs - config.epochs


def resume(
    run_dir: str | os.PathLike[str],
    epochs: int,
    *,
    dataset: ImageDataset | None = None,
    device: str | None = None,
    learning_rate: float | None = None,
    cache_mb: int | None = None,
) -> Generator[Any, None, TrainResult | None]:
    """Continue the run in `run_dir` until it has `epochs` epochs in all (a job, with `train`'s events).

    `dataset` defaults to the one config.json records (split as it was then); `device` (auto, cpu,
    cuda, mps) defaults to the run's own setting. `learning_rate` replaces the run's base learning
    rate from here on (the schedule goes on from it): a run whose loss diverged continues from its
    last good epoch at a lower rate. `cache_mb` replaces the run's memory budget for images (it
    decides only whether the images are held in memory or streamed, never what the run computes).
    """
    folder = RunFolder(os.path.expanduser(run_dir))
    record = folder.read_config()
    _check_kind(folder, record)
    checkpoint = load_checkpoint(folder)
    done = int(checkpoint["state"]["epoch"])
    if epochs <= done:
        raise UserError(msg("training.resume_no_more_epochs", folder=str(folder.path), done=done, epochs=epochs))
    config = TrainConfig.from_dict(record.get("training") or {})
    transfer = _is_transfer(record)
    if transfer:
        _transfer_epochs(config, epochs)
    else:
        config.epochs = epochs
    if device:
        config.device = device
    if learning_rate is not None:
        config.learning_rate = learning_rate
    if cache_mb is not None:
        config.cache_mb = cache_mb
    config.validate()
    torch_device = resolve_device(config.device)
    check_device(torch_device)  # distributed: CPUs or one GPU per process
    amp = Amp(resolve_precision(_recorded_precision(record), torch_device))
    amp.load_state_dict(checkpoint.get("scaler"))  # float16's loss scale goes on where it was
    holder = lock_holder(folder.path) if is_writer() else None  # distributed: rank 0 claims the folder
    if holder is not None:
        raise RunFolderError(msg("runs.in_use", folder=str(folder.path), **holder))
    if dataset is None:
        from ..evaluation import recorded_dataset

        dataset = yield from recorded_dataset(folder.path)
    if list(dataset.class_names) != list(record.get("class_names") or []):
        raise UserError(
            msg(
                "training.resume_classes",
                folder=str(folder.path),
                run_classes=", ".join(map(str, record.get("class_names") or [])),
                dataset_classes=", ".join(dataset.class_names),
            )
        )
    data, skipped_total = yield from _load_data(dataset, config)
    state = new_state(config, len(data[0]))
    state.epochs_total = epochs
    state.epoch_hook = probe_hook(config, dataset)
    rng = dict(checkpoint["rng"])
    # A CUDA generator's state means nothing to a CPU one (and back): dropout draws anew there.
    if str(checkpoint.get("device") or "cpu") != torch_device.type:
        rng.pop("dropout", None)
    state.restore(checkpoint["state"], checkpoint["history"], rng)
    status: dict[str, Any] = {"status": "running", "reason": "", "epochs_completed": done}
    status.update(best_epoch=state.best_epoch, monitor=state.monitor)

    def body(opened: RunFolder) -> Generator[Any, None, Message | None]:
        go_on = _continue_transfer if transfer else _continue
        return (
            yield from go_on(
                opened, record, config, checkpoint, dataset, data, state, status, torch_device, learning_rate, amp
            )
        )

    # distributed: rank 0 claims the folder, the other processes keep what they would write in memory
    return (
        yield from run_to_end(
            lambda: open_run_folder(lambda: _reopen(folder), folder.path), body, state, status, skipped_total
        )
    )


def _reopen(folder: RunFolder) -> RunFolder:
    """Claim an existing run folder for this process (refused while another process holds it)."""
    opened = RunFolder(folder.path.resolve())
    opened._claim = _claim(opened.path / LOCK)
    opened.sweep()
    return opened


def _recorded_precision(record: dict[str, Any]) -> str:
    """The precision a continued run keeps: what it computed in (a run from before mixed precision: float32)."""
    recorded = record.get("precision")
    if isinstance(recorded, dict) and recorded.get("resolved") in ("fp32", "bf16", "fp16"):
        return str(recorded["resolved"])
    return "fp32"


def _continue(
    folder, record, config, checkpoint, dataset, data, state, status, device, learning_rate, amp: Amp
) -> Generator[Any, None, Any]:
    import torch
    from torch import nn

    spec = ModelSpec.from_dict(record["model"])
    model = build_model(spec).to(device)
    channels_last = any(isinstance(m, nn.Conv2d) for m in model.modules())
    if channels_last:
        model = model.to(memory_format=torch.channels_last)
    model.load_state_dict(checkpoint["model"], strict=True)
    from .phases import restore_phase

    optimizer = make_optimizer(config, model.parameters())
    scheduler = make_scheduler(config, optimizer, config.epochs)
    restore_phase(checkpoint, optimizer, scheduler, learning_rate)
    _write_records(folder, record, config, state, status)
    started: RunStarted = run_started(folder, state, data, dataset, device, sum(p.numel() for p in model.parameters()))
    yield started
    yield LogMessage(msg("training.resuming", run=folder.path.name, done=state.epoch, epochs=config.epochs))
    yield LogMessage(amp.precision.message())
    if str(checkpoint.get("device") or "cpu") != device.type:
        trained_on = str(checkpoint.get("device") or "cpu")
        yield LogMessage(msg("training.resume_other_device", trained_on=trained_on, device=device.type), "warning")
    name = str(checkpoint.get("phase") or "train")
    phase = scratch_phase(config, model, data, device, channels_last, folder, status, optimizer, scheduler, name, amp)
    phase.epochs = config.epochs - state.epoch
    reason = yield from fit(state, phase)
    if reason is None:
        yield from restore_best(config, state, folder, model)
    return reason


def _continue_transfer(
    folder, record, config, checkpoint, dataset, data, state, status, device, learning_rate, amp
) -> Generator[Any, None, Any]:
    """A run on a pretrained base goes on in the phase it stopped in (feature extraction or fine-tuning)."""
    from ..pretrained import load_backbone
    from .phases import train_transfer
    from .transfer import cut_base

    backbone = load_backbone(config.backbone, weights_path=config.weights_file or None)
    backbone = cut_base(backbone, config.cut_after)
    _write_records(folder, record, config, state, status)
    return (
        yield from train_transfer(
            backbone, dataset, config, data, state, folder, status, device, amp,
            checkpoint=checkpoint, learning_rate=learning_rate,
        )
    )  # fmt: skip


def _write_records(folder: RunFolder, record: dict[str, Any], config: TrainConfig, state, status) -> None:
    """The history and status say exactly what the checkpoint holds (a process killed after writing the
    checkpoint but before the history leaves the history an epoch short, never ahead)."""
    folder.write_history(state.history)
    folder.write_config({**record, "training": asdict(config)})
    folder.write_status(status)
