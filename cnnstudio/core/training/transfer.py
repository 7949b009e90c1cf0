"""Reusing a pretrained convnet (chapter 5.3): feature extraction and fine-tuning.

A `TransferModel` is a pretrained `Backbone` (the convolutional base, cut into blocks) plus a new
classifier head. Feature extraction freezes the whole base; fine-tuning unfreezes its top N blocks.
The base may be cut after any of its blocks (`cut_base`): later blocks are dropped and the head pools
the cut block's output (see `depth.depth_comparison`, feature generality against depth).
BatchNorm layers inside frozen blocks stay in eval mode even while the model trains, so their
statistics are not corrupted by the new, small dataset (a classic fine-tuning trap).

The fast way of feature extraction computes the base's features once for the dataset and trains the
head on them in seconds; the features are cached on disk, keyed by backbone, weights, data and input
size.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Generator
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path

import torch
from safetensors.torch import load_file, save_file
from torch import nn

from ..errors import UserError
from ..events import Event, Progress
from ..messages import Message, msg
from ..models import Dropout, class_probabilities, keras_init_, output_activation, output_units
from ..pretrained import Backbone
from ..torchutils import eval_mode

__all__ = [
    "Head",
    "TransferModel",
    "build_head",
    "cut_base",
    "head_parameter_count",
    "freeze_for",
    "compute_features",
    "feature_cache_dir",
    "cached_features",
]


class Head(nn.Sequential):
    """The new classifier: Dense(units, relu) → Dropout → Dense(classes) (logits; one unit for two classes)."""

    def __init__(self, in_features: int, num_classes: int, *, units: int = 256, dropout: float = 0.5) -> None:
        outputs = output_units(num_classes)
        layers: list[nn.Module] = []
        width = in_features
        if units > 0:
            layers += [nn.Linear(in_features, units), nn.ReLU()]
            width = units
        if dropout > 0:
            layers.append(Dropout(dropout))
        layers.append(nn.Linear(width, outputs))
        super().__init__(*layers)
        for module in self:
            if isinstance(module, nn.Linear):  # Keras's Glorot-uniform start, as the from-scratch models
                keras_init_(module)
        self.output_activation = output_activation(outputs)

    def probabilities(self, logits: torch.Tensor) -> torch.Tensor:
        return class_probabilities(logits, self.output_activation)


def build_head(backbone: Backbone, num_classes: int, *, units: int = 256, dropout: float = 0.5) -> Head:
    return Head(backbone.feature_dim, num_classes, units=units, dropout=dropout)


def cut_base(backbone: Backbone, cut_after: str) -> Backbone:
    """`backbone` cut after its block `cut_after` ("" : the whole base); a UserError naming the blocks if unknown."""
    if not cut_after:
        return backbone
    if cut_after not in backbone.block_names:
        raise UserError(
            msg(
                "training.unknown_cut",
                block=cut_after,
                backbone=backbone.info.name,
                choices=", ".join(backbone.block_names),
            )
        )
    return backbone.cut(cut_after)


def head_parameter_count(feature_dim: int, num_classes: int, *, units: int = 256) -> int:
    """Trainable parameters of the head `Head` builds on `feature_dim` features (weights and biases)."""
    outputs = output_units(num_classes)
    if units > 0:
        return feature_dim * units + units + units * outputs + outputs
    return feature_dim * outputs + outputs


class TransferModel(nn.Module):
    """A pretrained base and a new head; ``forward`` returns the head's logits."""

    def __init__(self, backbone: Backbone, head: Head) -> None:
        super().__init__()
        self.backbone = backbone
        self.head = head
        self.output_activation = head.output_activation
        self.trainable_blocks = 0

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(self.backbone.features(x))

    def probabilities(self, logits: torch.Tensor) -> torch.Tensor:
        return class_probabilities(logits, self.output_activation)

    def train(self, mode: bool = True) -> TransferModel:
        super().train(mode)
        # Frozen blocks stay in inference mode: BatchNorm keeps its ImageNet statistics, dropout is off.
        frozen = len(self.backbone.blocks) - self.trainable_blocks
        for block in list(self.backbone.blocks)[:frozen]:
            block.eval()
        return self

    def block_parameter_counts(self) -> list[tuple[str, int, bool]]:
        """(block name, parameters, trainable) for each block of the base, bottom first."""
        frozen = len(self.backbone.blocks) - self.trainable_blocks
        return [
            (name, sum(p.numel() for p in block.parameters()), i >= frozen)
            for i, (name, block) in enumerate(zip(self.backbone.block_names, self.backbone.blocks, strict=True))
        ]


def freeze_for(model: TransferModel, unfreeze_top: int) -> None:
    """Freeze the whole base except its top `unfreeze_top` blocks; the head always trains."""
    blocks = list(model.backbone.blocks)
    unfreeze_top = max(0, min(unfreeze_top, len(blocks)))
    model.trainable_blocks = unfreeze_top
    for parameter in model.backbone.parameters():
        parameter.requires_grad_(False)
    for block in blocks[len(blocks) - unfreeze_top :]:
        for parameter in block.parameters():
            parameter.requires_grad_(True)
    for parameter in model.head.parameters():
        parameter.requires_grad_(True)
    model.train(model.training)


def feature_cache_dir() -> Path:
    """``$CNNSTUDIO_CACHE/features`` or ~/.cache/cnnstudio/features."""
    root = os.environ.get("CNNSTUDIO_CACHE") or os.path.join(os.path.expanduser("~"), ".cache", "cnnstudio")
    return Path(root) / "features"


def _cache_path(key: dict) -> Path:
    digest = hashlib.sha256(json.dumps(key, sort_keys=True).encode()).hexdigest()[:24]
    return feature_cache_dir() / f"{key['backbone']}-{digest}.safetensors"


def compute_features(
    backbone: Backbone,
    images: torch.Tensor,
    prepare,
    *,
    batch_size: int = 32,
    label: Message | None = None,
    autocast: Callable[[], AbstractContextManager] = nullcontext,
) -> Generator[Event, None, torch.Tensor]:
    """The base's pooled features for uint8 images (N, C, H, W), in eval mode without gradients.

    `autocast` gives the context of each batch's pass (a run's precision); features come back float32."""
    label = label or msg("training.computing_features")
    out = []
    n = len(images)
    with eval_mode(backbone):
        yield Progress(label, 0, n)
        for start in range(0, n, batch_size):
            with torch.no_grad(), autocast():
                out.append(backbone.features(prepare(images[start : start + batch_size])).float().cpu())
            yield Progress(label, min(start + batch_size, n), n)
    return torch.cat(out) if out else torch.zeros((0, backbone.feature_dim))


def cached_features(
    backbone: Backbone,
    key: dict,
    splits: dict[str, torch.Tensor],
    prepare,
    *,
    batch_size: int = 32,
    autocast: Callable[[], AbstractContextManager] = nullcontext,
) -> Generator[Event, None, tuple[dict[str, torch.Tensor], bool]]:
    """Features for each split, from the disk cache when `key` (plus the backbone's weights) was computed before.

    Returns ({split: features}, whether they came from the cache).
    """
    key = {**key, "backbone": backbone.info.name, "weights": backbone.weights_id, "format": 1}
    path = _cache_path(key)
    if path.exists() and not backbone.weights_id.startswith("random:"):
        try:
            stored = load_file(str(path))
            if set(stored) == set(splits) and all(len(stored[s]) == len(splits[s]) for s in splits):
                yield Progress(msg("training.features_from_disk_cache"), 1, 1)
                return stored, True
        except Exception:  # a damaged cache file is recomputed, never trusted
            pass
    features = {}
    for split, images in splits.items():
        features[split] = yield from compute_features(
            backbone,
            images,
            prepare,
            batch_size=batch_size,
            label=msg("training.computing_split_features", split=split),
            autocast=autocast,
        )
    if not backbone.weights_id.startswith("random:"):
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".partial")
        save_file({k: v.contiguous() for k, v in features.items()}, str(tmp))
        os.replace(tmp, path)
    return features, False
