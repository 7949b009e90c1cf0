"""Training as a generator of events: the config, the epoch loop, feature extraction and fine-tuning."""

from __future__ import annotations

from .loop import (
    OPTIMIZERS,
    TrainConfig,
    TrainResult,
    make_optimizer,
    resolve_device,
    train,
)
from .transfer import (
    Head,
    TransferModel,
    build_head,
    cached_features,
    compute_features,
    feature_cache_dir,
    freeze_for,
    head_parameter_count,
)

__all__ = [
    "OPTIMIZERS",
    "TrainConfig",
    "TrainResult",
    "train",
    "resolve_device",
    "make_optimizer",
    "Head",
    "TransferModel",
    "build_head",
    "head_parameter_count",
    "freeze_for",
    "compute_features",
    "feature_cache_dir",
    "cached_features",
]
