"""Pretrained backbones: the torchvision catalogue and the offline EfficientNet-Lite0, their preprocessing, blocks and weights."""

from __future__ import annotations

from .backbones import (
    BACKBONES,
    DEFAULT_BACKBONE,
    Backbone,
    BackboneInfo,
    Preprocess,
    WeightsError,
    backbone_preprocess,
    default_input_size,
    download_weights,
    load_backbone,
    load_state_file,
    predict_imagenet,
    weights_available,
)
from .efficientnet_lite import (
    PACKAGE,
    STAGES,
    WEIGHTS_ID,
    EfficientNetLite0,
    MBConvBlock,
    SameConv2d,
    load_efficientnet_lite0,
    package_weights_path,
)

__all__ = [
    "PACKAGE",
    "WEIGHTS_ID",
    "STAGES",
    "SameConv2d",
    "MBConvBlock",
    "EfficientNetLite0",
    "package_weights_path",
    "load_efficientnet_lite0",
    "WeightsError",
    "Preprocess",
    "BackboneInfo",
    "BACKBONES",
    "DEFAULT_BACKBONE",
    "Backbone",
    "weights_available",
    "download_weights",
    "load_backbone",
    "load_state_file",
    "predict_imagenet",
    "default_input_size",
    "backbone_preprocess",
]
