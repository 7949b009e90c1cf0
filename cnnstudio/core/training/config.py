"""The training configuration: one dataclass for the GUI's forms, the CLI's options and the run folder."""

from __future__ import annotations

import math
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any

from ..data import AugmentSpec
from ..errors import UserError
from ..messages import msg
from ..models import CUSTOM, PRESETS, ModelSpec, preset_spec

if TYPE_CHECKING:  # the functions below import torch: the window's forms need this module before torch is in
    import torch

__all__ = [
    "OPTIMIZERS",
    "SCHEDULES",
    "MONITORS",
    "DEVICES",
    "PRECISIONS",
    "TRANSFER_MODES",
    "CONFIG_FORMAT",
    "TrainConfig",
    "TrainResult",
    "resolve_device",
    "available_devices",
    "make_optimizer",
]

OPTIMIZERS = ("rmsprop", "adam", "adamw", "sgd")
SCHEDULES = ("constant", "step", "cosine", "plateau")
MONITORS = ("val_loss", "val_accuracy")
DEVICES = ("auto", "cpu", "cuda", "mps")
PRECISIONS = ("auto", "fp32", "bf16", "fp16")  # see precision.py
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
    momentum: float = 0.9  # SGD's
    weight_decay: float = 0.0  # L2 penalty (adamw: decoupled weight decay)
    # The learning rate per epoch: constant; step (× gamma every step_size epochs); cosine (down to 0 over
    # the run's epochs); plateau (× plateau_factor after plateau_patience epochs without a better `monitor`).
    schedule: str = "constant"
    step_size: int = 10
    gamma: float = 0.1
    plateau_factor: float = 0.1
    plateau_patience: int = 2
    # The metric that picks the best epoch (best.safetensors) and that early stopping and plateau watch.
    monitor: str = "val_loss"
    early_stopping_patience: int = 0  # stop after this many epochs without a better `monitor`; 0: never
    restore_best: bool = False  # True: a run that ends leaves its model (and last.safetensors) at the best epoch
    seed: int = 0
    device: str = "auto"
    # auto: bfloat16 autocast where the device computes it fast, float16 + scaler on older GPUs, else float32
    precision: str = "auto"
    threads: int = 0  # 0: all cores; applied by the app or the CLI at start, never inside a run
    augment: dict[str, Any] = field(default_factory=dict)  # AugmentSpec.to_dict(); empty: none
    layers: list[dict[str, Any]] = field(default_factory=list)  # the hidden layers when model == "custom"
    cache_mb: int = 0  # MiB for decoded images; splits beyond it stream from disk; 0: a quarter of RAM
    # Transfer learning (chapter 5.3): a pretrained base instead of `model`.
    backbone: str = ""  # "" trains `model` from scratch; else a key of pretrained.BACKBONES
    mode: str = "feature-extraction"  # or "fine-tune"
    cached_features: bool = False  # feature extraction the fast way: features computed once, head trained on them
    unfreeze: int = 1  # fine-tune: the top N blocks of the base train too
    head_units: int = 256
    head_dropout: float = 0.5
    fine_tune_epochs: int = 5
    fine_tune_lr: float = 1e-5  # the book's
    weights_file: str = ""  # a state_dict for the base instead of its pretrained weights
    init_from: str = ""  # fine-tune: start from this (feature-extraction) run's best weights
    cut_after: str = ""  # "" : the whole base; else the base is cut after this block (e.g. "stage4")
    probes: list[str] = field(default_factory=list)  # images explained after each epoch (probes.py); ["auto"]

    @classmethod
    def from_dict(cls, values: dict[str, Any]) -> TrainConfig:
        """The config a run folder recorded (``config.json``'s "training"); keys an older version did not
        write take their defaults, keys this version does not know are left out."""
        known = {f.name for f in fields(cls)}
        return cls(**{key: value for key, value in values.items() if key in known})

    def augment_spec(self) -> AugmentSpec:
        return AugmentSpec.from_dict(self.augment) if self.augment else AugmentSpec()

    def validate(self) -> None:
        """Refuse settings that cannot work, with a message that says which and what to do."""
        if self.model not in PRESETS and self.model != CUSTOM:
            raise UserError(msg("training.unknown_model", model=self.model, choices=", ".join(PRESETS)))
        if self.optimizer not in OPTIMIZERS:
            raise UserError(msg("training.unknown_optimizer", optimizer=self.optimizer, choices=", ".join(OPTIMIZERS)))
        for name in ("epochs", "batch_size", "image_size", "channels"):
            if getattr(self, name) < 1:
                raise UserError(msg("training.at_least_one", setting=name.replace("_", " "), value=getattr(self, name)))
        if self.channels not in (1, 3):
            raise UserError(msg("training.bad_channels", value=self.channels))
        if self.cache_mb < 0:
            raise UserError(msg("loading.bad_cache_mb", value=self.cache_mb))
        if not (self.learning_rate > 0 and math.isfinite(self.learning_rate)):
            raise UserError(msg("training.bad_learning_rate", value=self.learning_rate))
        self._validate_schedule()
        if self.device not in DEVICES and not self.device.startswith(("cuda:", "mps:")):
            raise UserError(msg("training.unknown_device", device=self.device))
        if self.precision not in PRECISIONS:
            raise UserError(msg("precision.unknown", precision=self.precision, choices=", ".join(PRECISIONS)))
        self.augment_spec().validate()
        if self.backbone:
            self._validate_transfer()

    def _validate_schedule(self) -> None:
        if not (0 <= self.weight_decay < 1):
            raise UserError(msg("training.bad_weight_decay", value=self.weight_decay))
        if not (0 <= self.momentum < 1):
            raise UserError(msg("training.bad_momentum", value=self.momentum))
        if self.schedule not in SCHEDULES:
            raise UserError(msg("training.unknown_schedule", schedule=self.schedule, choices=", ".join(SCHEDULES)))
        if self.step_size < 1:
            raise UserError(msg("training.at_least_one", setting="step size", value=self.step_size))
        for name in ("gamma", "plateau_factor"):
            if not (0 < getattr(self, name) < 1):
                raise UserError(msg("training.bad_factor", setting=name.replace("_", " "), value=getattr(self, name)))
        if self.monitor not in MONITORS:
            raise UserError(msg("training.unknown_monitor", monitor=self.monitor, choices=", ".join(MONITORS)))
        for name in ("plateau_patience", "early_stopping_patience"):
            if getattr(self, name) < 0:
                raise UserError(msg("training.bad_patience", setting=name.replace("_", " "), value=getattr(self, name)))

    def _validate_transfer(self) -> None:
        from ..pretrained import BACKBONES

        if self.backbone not in BACKBONES:
            raise UserError(msg("training.unknown_backbone", backbone=self.backbone, choices=", ".join(BACKBONES)))
        if self.mode not in TRANSFER_MODES:
            raise UserError(msg("training.unknown_mode", mode=self.mode))
        if self.channels != 3:
            raise UserError(msg("training.backbone_rgb"))
        if self.mode == "fine-tune" and self.cached_features:
            raise UserError(msg("training.fine_tune_cached"))
        if self.unfreeze < 0 or self.fine_tune_epochs < 0 or self.head_units < 0 or not 0 <= self.head_dropout < 1:
            raise UserError(msg("training.transfer_ranges"))
        if not (self.fine_tune_lr > 0 and math.isfinite(self.fine_tune_lr)):
            raise UserError(msg("training.bad_learning_rate", value=self.fine_tune_lr))
        if self.mode == "fine-tune" and self.fine_tune_epochs == 0 and not self.init_from:
            raise UserError(msg("training.no_fine_tune_epochs"))

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


def _mps_available() -> bool:
    import torch

    backend = getattr(torch.backends, "mps", None)
    return bool(backend is not None and backend.is_available())


def available_devices() -> list[str]:
    """The devices this machine can train on, for a form to list: "cpu", then "cuda" and "mps" where found."""
    import torch

    found = ["cpu"]
    if torch.cuda.is_available():
        found.append("cuda")
    if _mps_available():
        found.append("mps")
    return found


def resolve_device(name: str) -> torch.device:
    """The torch device for a config's `device`: "auto" picks CUDA, then MPS, then the CPU."""
    import torch

    if name == "auto":
        found = available_devices()
        return torch.device("cuda" if "cuda" in found else "mps" if "mps" in found else "cpu")
    try:
        device = torch.device(name)
    except RuntimeError as exc:
        raise UserError(msg("training.unknown_device", device=name)) from exc
    if device.type == "cuda" and not torch.cuda.is_available():
        raise UserError(msg("training.no_cuda"))
    if device.type == "mps" and not _mps_available():
        raise UserError(msg("training.no_mps"))
    if device.type not in DEVICES:
        raise UserError(msg("training.unknown_device", device=name))
    return device


def make_optimizer(config: TrainConfig, params, learning_rate: float | None = None) -> torch.optim.Optimizer:
    """The optimizer `config` names, at `learning_rate` (default: the config's)."""
    import torch

    lr = config.learning_rate if learning_rate is None else learning_rate
    decay = config.weight_decay
    if config.optimizer == "rmsprop":
        # RMSprop as in the book's Keras 2: rho 0.9, eps 1e-7 (PyTorch's defaults are 0.99 and 1e-8).
        return torch.optim.RMSprop(params, lr=lr, alpha=0.9, eps=1e-7, weight_decay=decay)
    if config.optimizer == "adam":
        return torch.optim.Adam(params, lr=lr, weight_decay=decay)
    if config.optimizer == "adamw":
        return torch.optim.AdamW(params, lr=lr, weight_decay=decay)
    return torch.optim.SGD(params, lr=lr, momentum=config.momentum, weight_decay=decay)
