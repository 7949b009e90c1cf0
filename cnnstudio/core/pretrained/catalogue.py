"""The pretrained backbones on offer, and what torchvision's registry says about each.

The catalogue is our choice of names and titles; everything else about a torchvision model (its
best ImageNet weights, their URL, preprocessing and class names) comes from torchvision's own
registry (`get_model_weights(...).DEFAULT`), so nothing here is a hand-kept table of numbers and
nothing downloads. EfficientNet-Lite0 is the one entry outside torchvision: it works offline.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from ..errors import UserError
from ..lazy_imports import import_once
from ..messages import msg

__all__ = [
    "WeightsError",
    "BackboneInfo",
    "BACKBONES",
    "DEFAULT_BACKBONE",
    "backbone_info",
    "imagenet_categories",
    "torchvision_weights",
    "short_title",
]


class WeightsError(UserError):
    """Weights that cannot be found, downloaded, read or loaded; the message says what is wrong and what to do."""


@dataclass(frozen=True)
class BackboneInfo:
    """One entry of the catalogue: our key, a title for menus, and where the architecture and weights come from."""

    name: str
    title: str
    offline: bool
    torchvision_name: str | None


def _catalogue(entries: Iterable[tuple[str, str, bool, str | None]]) -> dict[str, BackboneInfo]:
    return {name: BackboneInfo(name, title, offline, tv) for name, title, offline, tv in entries}


BACKBONES: dict[str, BackboneInfo] = _catalogue(
    [
        ("efficientnet-lite0", "EfficientNet-Lite0 (offline)", True, None),
        ("vgg16", "VGG16 (the book's)", False, "vgg16"),
        ("resnet18", "ResNet18", False, "resnet18"),
        ("resnet50", "ResNet50", False, "resnet50"),
        ("mobilenet_v3_large", "MobileNetV3-Large", False, "mobilenet_v3_large"),
        ("efficientnet_b0", "EfficientNet-B0", False, "efficientnet_b0"),
        ("densenet121", "DenseNet121", False, "densenet121"),
        ("convnext_tiny", "ConvNeXt-Tiny", False, "convnext_tiny"),
    ]
)
"""The pretrained backbones on offer, the offline default first."""

DEFAULT_BACKBONE = "efficientnet-lite0"


def backbone_info(name: str) -> BackboneInfo:
    """The catalogue entry of `name`, or a WeightsError listing the names on offer."""
    try:
        return BACKBONES[name]
    except KeyError:
        raise WeightsError(msg("pretrained.unknown_backbone", name=name, choices=", ".join(BACKBONES))) from None


def torchvision_weights(info: BackboneInfo) -> Any:
    """The torchvision weights enum member used for `info` (its registry's DEFAULT, the best ImageNet weights)."""
    if info.torchvision_name is None:
        raise ValueError(f"{info.name} is not a torchvision model")
    models = import_once("torchvision.models")  # on first use: importing torchvision takes seconds
    return models.get_model_weights(info.torchvision_name).DEFAULT


@cache
def imagenet_categories() -> tuple[str, ...]:
    """The 1000 ImageNet class names in index order (any torchvision ImageNet weights' meta; nothing downloads)."""
    return tuple(import_once("torchvision.models").get_model_weights("resnet18").DEFAULT.meta["categories"])


def short_title(info: BackboneInfo) -> str:
    """The title without its remark in brackets, for sentences ("VGG16", not "VGG16 (the book's)")."""
    return info.title.split(" (")[0]
