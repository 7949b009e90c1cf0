"""A pretrained convnet cut into blocks: the convolutional base a user freezes or unfreezes block by block.

Each architecture of the catalogue has its own splitter (VGG16's five conv blocks, ResNet's stem and
layers, the stages of MobileNet/EfficientNet/ConvNeXt, DenseNet's dense blocks, ...). The blocks share
their modules with the original model, and its ImageNet classifier is kept aside, so a `Backbone`
reproduces the original model's output exactly while exposing the feature map in between.
"""

from __future__ import annotations

from collections.abc import Sequence

import torch
import torch.nn.functional as F
from torch import nn

from ..lazy_imports import import_once
from ..models import StochasticDepth
from ..torchutils import eval_mode
from . import catalogue, efficientnet_lite
from .catalogue import BackboneInfo
from .preprocessing import Preprocess, preprocess_for

__all__ = ["Backbone", "build_architecture", "assemble_backbone", "block_channels"]

_PROBE_SIZE = 32  # the side of the blank image that measures each block's output channels


class _ImagenetHead(nn.Module):
    """The original classifier on top of a feature map: average pooling to `pool` x `pool`, then `classifier`.

    Given the last block's (N, C, H, W) map it reproduces torchvision's output exactly (VGG16 pools to 7x7 and
    flattens 25088 values). Given a pooled (N, C) vector it treats it as a 1x1 map, which is exact for every
    backbone but VGG16 (there, it equals torchvision's output for a spatially uniform map).
    """

    def __init__(self, classifier: nn.Module, pool: int = 1) -> None:
        super().__init__()
        self.pool = pool
        self.classifier = classifier

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if x.ndim == 2:
            x = x[:, :, None, None]
        return self.classifier(F.adaptive_avg_pool2d(x, self.pool))


class Backbone(nn.Module):
    """A pretrained convnet cut into `blocks` (the convolutional base, in order) plus global average pooling.

    `feature_map(x)` is the last block's (N, C, H, W) output (the book's VGG16 conv base gives 4x4x512 at 150 px),
    `features(x)` = `forward(x)` its global average, (N, `feature_dim`), and `imagenet_logits(x)` the original
    ImageNet classifier's 1000 logits, equal to the torchvision model's output. `imagenet_head` takes the feature
    map (see `_ImagenetHead`). Inputs are expected already preprocessed (`preprocess`).
    """

    def __init__(
        self,
        info: BackboneInfo,
        blocks: Sequence[tuple[str, nn.Module]],
        imagenet_head: nn.Module | None,
        feature_dim: int,
        categories: Sequence[str],
        preprocess: Preprocess,
        weights_id: str,
    ) -> None:
        super().__init__()
        self.info = info
        self.blocks = nn.ModuleList(module for _, module in blocks)
        self.block_names: list[str] = [name for name, _ in blocks]
        self.imagenet_head = imagenet_head
        self.feature_dim = int(feature_dim)
        self.categories: list[str] = list(categories)
        self.preprocess = preprocess
        self.weights_id = weights_id
        self.cut_after = ""  # "" : the whole base; else the block it was cut after (see `cut`)

    def feature_map(self, x: torch.Tensor) -> torch.Tensor:
        """The last block's output, (N, C, H, W)."""
        for block in self.blocks:
            x = block(x)
        return x

    def features(self, x: torch.Tensor) -> torch.Tensor:
        """The globally average-pooled feature map, (N, feature_dim)."""
        return F.adaptive_avg_pool2d(self.feature_map(x), 1).flatten(1)

    def imagenet_logits(self, x: torch.Tensor) -> torch.Tensor:
        """The original ImageNet classifier's logits, (N, 1000)."""
        if self.imagenet_head is None:
            raise ValueError(f"a base cut after {self.cut_after!r} has no ImageNet classifier")
        return self.imagenet_head(self.feature_map(x))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.features(x)

    def cut(self, after: str) -> Backbone:
        """The base up to and including block `after`: later blocks are dropped (not just frozen), and so is the
        ImageNet classifier; `features` pools the cut block's output. The modules are shared, not copied.
        Cutting after the last block returns the whole backbone itself. ValueError for an unknown block."""
        index = self.block_names.index(after)
        if index == len(self.block_names) - 1:
            return self
        kept = list(zip(self.block_names, self.blocks, strict=True))[: index + 1]
        cut = Backbone(self.info, kept, None, 0, self.categories, self.preprocess, self.weights_id)
        cut.feature_dim = block_channels(cut)[-1]  # only the kept blocks run
        cut.cut_after = after
        return cut.train(self.training)

    def extra_repr(self) -> str:
        return f"name={self.info.name!r}, blocks={self.block_names}, feature_dim={self.feature_dim}"


def block_channels(backbone: Backbone) -> list[int]:
    """The output channels of each block of `backbone`, bottom first (measured on a blank image)."""
    channels = []
    parameter = next(backbone.parameters())
    x = torch.zeros((1, 3, _PROBE_SIZE, _PROBE_SIZE), dtype=parameter.dtype, device=parameter.device)
    with eval_mode(backbone), torch.no_grad():
        for block in backbone.blocks:
            x = block(x)
            channels.append(int(x.shape[1]))
    return channels


def build_architecture(info: BackboneInfo) -> nn.Module:
    """The original model with random weights (nothing downloads)."""
    if info.offline:
        return efficientnet_lite.EfficientNetLite0()
    get_model = import_once("torchvision.models").get_model  # on first use: importing torchvision takes seconds
    return get_model(str(info.torchvision_name), weights=None)


def _split_vgg(model: nn.Module) -> tuple[list[tuple[str, nn.Module]], nn.Module, int]:
    blocks: list[tuple[str, nn.Module]] = []
    layers: list[nn.Module] = []
    for layer in model.features:
        layers.append(layer)
        if isinstance(layer, nn.MaxPool2d):  # Keras's block1..block5 each end with their max-pool
            blocks.append((f"block{len(blocks) + 1}", nn.Sequential(*layers)))
            layers = []
    if layers:
        blocks.append((f"block{len(blocks) + 1}", nn.Sequential(*layers)))
    channels = [m.out_channels for m in model.features if isinstance(m, nn.Conv2d)][-1]
    pool = model.avgpool.output_size
    pool = pool[0] if isinstance(pool, tuple) else pool
    return blocks, _ImagenetHead(nn.Sequential(nn.Flatten(1), model.classifier), pool=int(pool)), channels


def _split_resnet(model: nn.Module) -> tuple[list[tuple[str, nn.Module]], nn.Module, int]:
    blocks = [("stem", nn.Sequential(model.conv1, model.bn1, model.relu, model.maxpool))]
    blocks += [(name, getattr(model, name)) for name in ("layer1", "layer2", "layer3", "layer4")]
    return blocks, _ImagenetHead(nn.Sequential(nn.Flatten(1), model.fc)), model.fc.in_features


def _split_mobilenet_v3(model: nn.Module) -> tuple[list[tuple[str, nn.Module]], nn.Module, int]:
    features = list(model.features)
    stages: list[list[nn.Module]] = []
    for layer in features[1:-1]:  # inverted residuals, grouped into stages by their output width
        if not stages or layer.out_channels != stages[-1][-1].out_channels:
            stages.append([])
        stages[-1].append(layer)
    blocks = [("stem", features[0])]
    blocks += [(f"stage{i + 1}", nn.Sequential(*stage)) for i, stage in enumerate(stages)]
    blocks.append(("head", features[-1]))
    head = _ImagenetHead(nn.Sequential(nn.Flatten(1), model.classifier))
    return blocks, head, features[-1].out_channels


def _split_efficientnet(model: nn.Module) -> tuple[list[tuple[str, nn.Module]], nn.Module, int]:
    features = list(model.features)
    blocks = [("stem", features[0])]
    blocks += [(f"stage{i + 1}", stage) for i, stage in enumerate(features[1:-1])]
    blocks.append(("head", features[-1]))
    head = _ImagenetHead(nn.Sequential(nn.Flatten(1), model.classifier))
    return blocks, head, features[-1].out_channels


def _split_densenet(model: nn.Module) -> tuple[list[tuple[str, nn.Module]], nn.Module, int]:
    f = model.features
    blocks: list[tuple[str, nn.Module]] = [("stem", nn.Sequential(f.conv0, f.norm0, f.relu0, f.pool0))]
    for i in range(1, 5):
        parts = [getattr(f, f"denseblock{i}")]
        if hasattr(f, f"transition{i}"):
            parts.append(getattr(f, f"transition{i}"))
        blocks.append((f"denseblock{i}", nn.Sequential(*parts)))
    blocks.append(("norm5", nn.Sequential(f.norm5, nn.ReLU())))  # torchvision applies the ReLU in forward()
    head = _ImagenetHead(nn.Sequential(nn.Flatten(1), model.classifier))
    return blocks, head, model.classifier.in_features


def _split_convnext(model: nn.Module) -> tuple[list[tuple[str, nn.Module]], nn.Module, int]:
    f = list(model.features)  # stem, stage1, down, stage2, down, stage3, down, stage4
    blocks: list[tuple[str, nn.Module]] = [("stem", f[0]), ("stage1", f[1])]
    for i, index in enumerate(range(2, len(f), 2)):  # each later stage starts with its downsampling layer
        blocks.append((f"stage{i + 2}", nn.Sequential(f[index], f[index + 1])))
    return blocks, _ImagenetHead(model.classifier), model.classifier[-1].in_features


def _split_lite0(model: efficientnet_lite.EfficientNetLite0) -> tuple[list[tuple[str, nn.Module]], nn.Module, int]:
    blocks: list[tuple[str, nn.Module]] = [("stem", nn.Sequential(model._conv_stem, model._bn0, nn.ReLU6()))]
    for i, indices in enumerate(model.stage_ranges):
        blocks.append((f"stage{i + 1}", nn.Sequential(*(model._blocks[j] for j in indices))))
    blocks.append(("head", nn.Sequential(model._conv_head, model._bn1, nn.ReLU6())))
    head = _ImagenetHead(nn.Sequential(nn.Flatten(1), model._dropout, model._fc))
    return blocks, head, model.feature_dim


_SPLITTERS = {
    "efficientnet-lite0": _split_lite0,
    "vgg16": _split_vgg,
    "resnet18": _split_resnet,
    "resnet50": _split_resnet,
    "mobilenet_v3_large": _split_mobilenet_v3,
    "efficientnet_b0": _split_efficientnet,
    "densenet121": _split_densenet,
    "convnext_tiny": _split_convnext,
}


def _seedable_stochastic_depth(model: nn.Module) -> None:
    """Put our `StochasticDepth` (which can draw from a run's generator) in place of torchvision's."""
    torchvision_stochastic_depth = import_once("torchvision.ops").StochasticDepth
    for parent in list(model.modules()):
        for name, child in parent.named_children():
            if isinstance(child, torchvision_stochastic_depth):
                setattr(parent, name, StochasticDepth(child.p, child.mode))


def assemble_backbone(info: BackboneInfo, model: nn.Module, weights_id: str) -> Backbone:
    """Cut `model` (weights already loaded) into a `Backbone`; the modules are shared, not copied."""
    for module in model.modules():
        if getattr(module, "inplace", False) and not isinstance(module, nn.Dropout):
            module.inplace = False  # so hooks on a layer (activation views) see its own output, unmodified
    _seedable_stochastic_depth(model)
    blocks, head, feature_dim = _SPLITTERS[info.name](model)
    if info.offline:
        categories: Sequence[str] = catalogue.imagenet_categories()
    else:
        categories = catalogue.torchvision_weights(info).meta["categories"]
    return Backbone(info, blocks, head, feature_dim, categories, preprocess_for(info), weights_id)
