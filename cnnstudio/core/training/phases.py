"""The phases of a transfer-learning run (chapter 5.3): feature extraction, then fine-tuning.

Feature extraction trains a new head on a frozen base, either end to end (augmentation possible) or
the fast way on features computed once and cached. Fine-tuning unfreezes the top blocks and goes on
at a low learning rate, as a second phase of the same run (from the head's best epoch, as the book
does) or from an earlier feature-extraction run (`init_from`).
"""

from __future__ import annotations

import time
from collections.abc import Generator
from typing import Any

import torch

from ..data import files_digest
from ..errors import RunFolderError, UserError
from ..events import LogMessage
from ..messages import Message, msg
from ..models import build_fresh
from ..runs import BEST, RunFolder
from ..torchutils import input_preparer, seeded_generator
from .config import TrainConfig, make_optimizer
from .fit import FitState, Phase, fit
from .precision import Amp
from .run import restore_best, run_config, run_started
from .schedules import make_scheduler, rebase, replan
from .transfer import Head, TransferModel, cached_features, freeze_for

__all__ = ["train_transfer", "check_init_from"]


def check_init_from(config: TrainConfig, num_classes: int) -> None:
    """Refuse an `init_from` run that is missing or has another number of classes, before anything is created."""
    if not config.init_from:
        return
    previous = RunFolder(config.init_from)
    if not (previous.path / BEST).is_file():
        raise RunFolderError(msg("training.init_from_missing", path=str(previous.path)))
    earlier = previous.read_config()
    transfer = earlier.get("transfer") if isinstance(earlier.get("transfer"), dict) else {}
    if transfer.get("backbone") != config.backbone:
        what = transfer.get("backbone") or earlier.get("model", {}).get("name", "a model from scratch")
        raise UserError(
            msg("training.init_from_backbone", path=str(previous.path), run_model=str(what), backbone=config.backbone)
        )
    run_classes = len(earlier.get("class_names") or [])
    if run_classes != num_classes:
        raise UserError(
            msg(
                "training.init_from_classes",
                path=str(previous.path),
                run_classes=run_classes,
                dataset_classes=num_classes,
            )
        )


def _preprocessing(config: TrainConfig, pre) -> dict[str, Any]:
    return {
        "image_size": [config.image_size, config.image_size],
        "channels": 3,
        "resize": "bilinear",
        "rescale": 1 / 255,
        "mean": list(pre.mean),
        "std": list(pre.std),
        "layout": "NCHW",
        "backbone_preprocess": pre.to_dict(),
    }


def _transfer_record(config: TrainConfig, backbone) -> dict[str, Any]:
    return {
        "backbone": backbone.info.name,
        "weights_id": backbone.weights_id,
        "mode": config.mode,
        "cached_features": config.cached_features,
        "unfreeze": config.unfreeze,
        "head_units": config.head_units,
        "head_dropout": config.head_dropout,
        "block_names": list(backbone.block_names),
        "cut_after": backbone.cut_after,
    }


def train_transfer(
    backbone, dataset, config, data, state, folder, status, device, amp: Amp, *, checkpoint=None, learning_rate=None
) -> Generator[Any, None, Message | None]:
    """Feature extraction and/or fine-tuning of `backbone` with a new head; None when done, else the reason.

    With a run's `checkpoint` (continuing it, `resume.resume`): the model, and the optimizer and schedule of
    the phase it was in, come from there, and each phase trains only the epochs it has left
    (`learning_rate`, when given, replaces that phase's base rate). A phase not yet begun starts as usual.
    """
    head = build_fresh(
        lambda: Head(
            backbone.feature_dim, len(dataset.class_names), units=config.head_units, dropout=config.head_dropout
        ),
        seeded_generator(config.seed),
        device,
    )
    model = TransferModel(backbone, head).to(device)
    if checkpoint is not None:
        model.load_state_dict(checkpoint["model"], strict=True)
    elif config.init_from:
        previous = RunFolder(config.init_from)
        model.load_state_dict(previous.load_weights(BEST), strict=True)
        yield LogMessage(msg("training.starting_from", run=previous.path.name))
    pre = backbone.preprocess
    prepare = input_preparer(pre.mean, pre.std, device=device, channels_last=True)
    model = model.to(memory_format=torch.channels_last)
    fine_tune = config.mode == "fine-tune"
    head_epochs = 0 if (fine_tune and config.init_from) else config.epochs
    tune_epochs = config.fine_tune_epochs if fine_tune else 0
    state.epochs_total = head_epochs + tune_epochs
    if checkpoint is None:  # a continued run keeps its config.json (the caller updates its settings)
        record = _transfer_record(config, backbone)
        preprocessing = _preprocessing(config, pre)
        precision = amp.precision.to_dict()
        folder.write_config(
            run_config(dataset, config, device, transfer=record, preprocessing=preprocessing, precision=precision)
        )
    folder.write_status(status)
    yield run_started(folder, state, data, dataset, device, sum(p.numel() for p in model.parameters()))
    resumed_phase = ""
    if checkpoint is not None:
        resumed_phase = str(checkpoint.get("phase") or "")
        yield LogMessage(msg("training.resuming", run=folder.path.name, done=state.epoch, epochs=state.epochs_total))
    yield LogMessage(amp.precision.message())

    def phase(trained, phase_data, phase_prepare, params, epochs, rate, name, augment) -> Phase:
        """The phase `name` of `epochs` epochs in all, with those already done (a continued run) left out."""
        optimizer = make_optimizer(config, params, rate)
        scheduler = make_scheduler(config, optimizer, epochs)
        first = state.epoch - (head_epochs if name == "fine-tune" else 0)  # the phase's epochs already done
        if name == resumed_phase:  # the phase the checkpoint was taken in goes on where it stopped
            restore_phase(checkpoint, optimizer, scheduler, learning_rate)
        else:  # a phase beginning now draws its random numbers afresh, as in a run never interrupted
            state.restore_rng = None
        return Phase(
            model=trained,
            data=phase_data,
            prepare=phase_prepare,
            optimizer=optimizer,
            epochs=epochs - max(0, first),
            batch_size=config.batch_size,
            seed=config.seed,
            learning_rate=rate,
            device=device,
            folder=folder,
            status=status,
            weights=model.state_dict,
            name=name,
            augment=augment,
            scheduler=scheduler,
            amp=amp,
        )

    augment = config.augment_spec()
    if head_epochs > state.epoch:
        freeze_for(model, 0)
        head_params = sum(p.numel() for p in head.parameters())
        if config.cached_features:
            reason = yield from _cached_phase(
                backbone, dataset, config, data, state, head, phase, head_epochs, prepare, amp
            )
        else:
            yield LogMessage(
                msg(
                    "training.feature_extraction",
                    backbone=backbone.info.title,
                    parameters=head_params,
                    device=str(device),
                )
            )
            trainable = [p for p in model.parameters() if p.requires_grad]
            run = phase(
                model, data, prepare, trainable, head_epochs, config.learning_rate, "feature-extraction", augment
            )
            reason = yield from fit(state, run)
        if reason is not None:
            return reason
    if tune_epochs:
        tuning_already = resumed_phase == "fine-tune"  # a continued run stopped while fine-tuning
        if head_epochs and not tuning_already:  # from the head's best epoch, as the book does after feature extraction
            model.load_state_dict(folder.load_weights(BEST), strict=True)
        freeze_for(model, config.unfreeze)
        trainable = [p for p in model.parameters() if p.requires_grad]
        names = backbone.block_names[len(backbone.block_names) - model.trainable_blocks :]
        yield LogMessage(
            msg(
                "training.fine_tuning",
                blocks=", ".join(names) if names else msg("training.no_blocks"),
                parameters=sum(p.numel() for p in trainable),
                learning_rate=config.fine_tune_lr,
            )
        )
        if not tuning_already:
            state.reset_best()  # the fine-tuned model must beat itself, not the frozen phase's numbers
        run = phase(model, data, prepare, trainable, tune_epochs, config.fine_tune_lr, "fine-tune", augment)
        reason = yield from fit(state, run)
        if reason is not None:
            return reason
    yield from restore_best(config, state, folder, model)
    return None


def restore_phase(checkpoint: dict[str, Any], optimizer, scheduler, learning_rate: float | None) -> None:
    """The optimizer and schedule of the phase a continued run stopped in, as its checkpoint holds them."""
    optimizer.load_state_dict(checkpoint["optimizer"])
    if checkpoint["scheduler"]:
        scheduler.load_state_dict(checkpoint["scheduler"])
    if learning_rate is not None:
        rebase(scheduler, learning_rate)
    replan(scheduler)


def _cached_phase(
    backbone, dataset, config: TrainConfig, data, state: FitState, head: Head, phase, epochs: int, prepare, amp: Amp
) -> Generator[Any, None, Message | None]:
    """Feature extraction the fast way: the base's features once (or from the disk cache), then only the head."""
    x_train, y_train, x_val, y_val = data
    if not config.augment_spec().is_identity():
        yield LogMessage(msg("training.no_augment_on_cache"), "warning")
    started = time.perf_counter()
    key = {
        "cut": backbone.cut_after,
        "dataset": dataset.source,
        "files": files_digest(dataset, ("train", "validation")),
        "size": config.image_size,
        "seed": dataset.seed,
    }
    if amp.precision.resolved != "fp32":  # features computed in another precision are other features
        key["precision"] = amp.precision.resolved
    splits = {"train": x_train, "validation": x_val}
    features, hit = yield from cached_features(backbone, key, splits, prepare, autocast=amp.autocast)
    took = time.perf_counter() - started
    yield LogMessage(
        msg(
            "training.features_ready",
            images=len(x_train) + len(x_val),
            how=msg("training.features_from_cache") if hit else msg("training.features_computed"),
            seconds=took,
            parameters=sum(p.numel() for p in head.parameters()),
        )
    )
    device = next(head.parameters()).device
    feature_data = (features["train"], y_train, features["validation"], y_val)
    epoch_started = time.perf_counter()
    run = phase(head, feature_data, lambda f: f.to(device), head.parameters(), epochs, config.learning_rate,
                "feature-extraction (cached)", None)  # fmt: skip
    reason = yield from fit(state, run)
    if reason is None and not hit:
        per_epoch = (time.perf_counter() - epoch_started) / epochs
        # Every end-to-end epoch runs the frozen base over all the images again: at least the feature pass.
        yield LogMessage(
            msg(
                "training.cached_speedup",
                epoch_seconds=per_epoch,
                feature_seconds=took,
                ratio=took / max(per_epoch, 1e-6),
            )
        )
    return reason
