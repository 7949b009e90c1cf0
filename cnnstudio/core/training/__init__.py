"""Training as a generator of events: the config, the epoch loop, feature extraction and fine-tuning."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lazy_imports import lazy_exports

if TYPE_CHECKING:  # what checkers see; at run time each name's module is imported on first use
    from .checkpoint import CHECKPOINT, load_checkpoint
    from .config import (
        CONFIG_FORMAT,
        DEVICES,
        MONITORS,
        OPTIMIZERS,
        PRECISIONS,
        SCHEDULES,
        TRANSFER_MODES,
        TrainConfig,
        TrainResult,
        available_devices,
        make_optimizer,
        resolve_device,
    )
    from .depth import DepthRow, default_cuts, depth_comparison
    from .fit import FitState, Phase, evaluate, fit, loss_and_correct
    from .precision import Amp, Precision, resolve_precision
    from .resume import resumable_epochs, resume
    from .run import run_config, train
    from .schedules import make_scheduler
    from .transfer import (
        Head,
        TransferModel,
        build_head,
        cached_features,
        compute_features,
        cut_base,
        feature_cache_dir,
        freeze_for,
        head_parameter_count,
    )

__getattr__, __dir__ = lazy_exports(
    __name__,
    {
        ".checkpoint": "CHECKPOINT load_checkpoint",
        ".config": (
            "CONFIG_FORMAT DEVICES MONITORS OPTIMIZERS PRECISIONS SCHEDULES TRANSFER_MODES TrainConfig TrainResult "
            "available_devices make_optimizer resolve_device"
        ),
        ".depth": "DepthRow default_cuts depth_comparison",
        ".fit": "FitState Phase evaluate fit loss_and_correct",
        ".precision": "Amp Precision resolve_precision",
        ".resume": "resumable_epochs resume",
        ".run": "run_config train",
        ".schedules": "make_scheduler",
        ".transfer": (
            "Head TransferModel build_head cached_features compute_features cut_base feature_cache_dir "
            "freeze_for head_parameter_count"
        ),
    },
)

__all__ = [
    "Amp",
    "Precision",
    "PRECISIONS",
    "resolve_precision",
    "available_devices",
    "build_head",
    "CHECKPOINT",
    "DEVICES",
    "load_checkpoint",
    "make_scheduler",
    "MONITORS",
    "resumable_epochs",
    "resume",
    "SCHEDULES",
    "cached_features",
    "compute_features",
    "CONFIG_FORMAT",
    "cut_base",
    "default_cuts",
    "depth_comparison",
    "DepthRow",
    "evaluate",
    "feature_cache_dir",
    "fit",
    "FitState",
    "freeze_for",
    "Head",
    "head_parameter_count",
    "loss_and_correct",
    "make_optimizer",
    "OPTIMIZERS",
    "Phase",
    "resolve_device",
    "run_config",
    "train",
    "TrainConfig",
    "TrainResult",
    "TRANSFER_MODES",
    "TransferModel",
]
