"""Keras-style layers on PyTorch, so the chapter's networks read, count and behave as in the book.

Each class is one row of a Keras ``model.summary()``: a layer together with its activation, with
Keras's parameter counts and its ``padding="valid" | "same"`` semantics. Hidden activations are
applied in ``forward``; the network's *output* activation (softmax or sigmoid) is left to the loss
and to prediction, for numerical stability (`Dense(apply_activation=False)`).
"""

from __future__ import annotations

import math
from collections.abc import Callable

import torch
import torch.nn.functional as F
from torch import nn

from .spec import ACTIVATIONS

__all__ = [
    "ACTIVATIONS",
    "Conv2D",
    "SeparableConv2d",
    "MaxPooling2D",
    "AveragePooling2D",
    "BatchNormalization",
    "GlobalAveragePooling2D",
    "Flatten",
    "Dropout",
    "Dense",
    "same_padding",
    "keras_init_",
    "initialize_",
    "build_fresh",
    "use_generator",
    "StochasticDepth",
    "drop_path",
]


def _activation(name: str | None) -> nn.Module:
    if name in (None, "linear"):
        return nn.Identity()
    if name == "relu":
        return nn.ReLU()
    if name == "sigmoid":
        return nn.Sigmoid()
    if name == "tanh":
        return nn.Tanh()
    if name == "softmax":
        return nn.Softmax(dim=1)
    raise ValueError(f"unknown activation {name!r}; use one of {', '.join(ACTIVATIONS)}")


def keras_init_(module: nn.Conv2d | nn.Linear, generator: torch.Generator | None = None) -> None:
    """Keras's default initialisation: Glorot-uniform kernels and zero biases.

    PyTorch's default (Kaiming-uniform with a=sqrt(5)) starts the book's networks with much smaller
    weights, and they then sit at chance for epochs before learning starts.
    """
    nn.init.xavier_uniform_(module.weight, generator=generator)
    if module.bias is not None:
        nn.init.zeros_(module.bias)


def initialize_(model: nn.Module, generator: torch.Generator) -> nn.Module:
    """Start every layer of `model` afresh: Keras's initialisation, from the run's own generator.

    Convolution and dense kernels are drawn from `generator`; other layers with parameters or
    statistics (BatchNorm) are reset to their fixed start. A run's weights then depend on its seed
    alone, never on what other jobs drew from the global generator. Works on a model built on the
    meta device and then materialised with ``to_empty`` (see `build_fresh`).
    """
    for module in model.modules():
        if isinstance(module, (nn.Conv2d, nn.Linear)):
            keras_init_(module, generator)
        elif isinstance(module, nn.modules.batchnorm._NormBase):
            module.reset_parameters()
    return model


def build_fresh(build: Callable[[], nn.Module], generator: torch.Generator, device: torch.device | str) -> nn.Module:
    """``build()`` without touching the global generator, then initialised from `generator` on `device`.

    The model is built on the meta device (no values, so nothing is drawn from the global generator
    that other jobs share), materialised on `device` and initialised by `initialize_`.
    """
    with torch.device("meta"):
        model = build()
    return initialize_(model.to_empty(device=device), generator)


def use_generator(model: nn.Module, generator: torch.Generator | None) -> nn.Module:
    """Let every module of `model` that draws random numbers while training draw them from `generator`.

    Those modules (`Dropout`, `StochasticDepth`, EfficientNet-Lite0's blocks) have a ``generator``
    attribute; None means the global generator.
    """
    for module in model.modules():
        if hasattr(module, "generator"):
            module.generator = generator
    return model


class StochasticDepth(nn.Module):
    """torchvision's ``StochasticDepth`` (drop a residual branch while training), with the run's generator.

    Pretrained backbones get it in place of torchvision's, which draws from the global generator, so
    fine-tuning them stays reproducible whatever else runs. Same arithmetic, no parameters.
    """

    def __init__(self, p: float, mode: str) -> None:
        super().__init__()
        if mode not in ("row", "batch"):
            raise ValueError(f"mode must be 'row' or 'batch', not {mode!r}")
        self.p = p
        self.mode = mode
        self.generator: torch.Generator | None = None

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return drop_path(x, self.p, training=self.training, per_sample=self.mode == "row", generator=self.generator)

    def extra_repr(self) -> str:
        return f"p={self.p}, mode={self.mode!r}"


def drop_path(
    x: torch.Tensor, rate: float, *, training: bool, per_sample: bool = True, generator: torch.Generator | None = None
) -> torch.Tensor:
    """Drop the input (a residual branch) for some samples (or the whole batch) while training, scaled to keep its mean."""
    if not training or rate <= 0.0:
        return x
    keep = 1.0 - rate
    size = [x.shape[0]] + [1] * (x.dim() - 1) if per_sample else [1] * x.dim()
    mask = torch.empty(size, dtype=x.dtype, device=x.device).bernoulli_(keep, generator=generator)
    return x * mask.div_(keep) if keep > 0 else x * mask


def same_padding(size: int, kernel: int, stride: int, dilation: int = 1) -> tuple[int, int]:
    """Keras/TensorFlow "same" padding (before, after) for one spatial dimension.

    The output size is ceil(size / stride); any odd total goes after, as TensorFlow does.
    """
    out = math.ceil(size / stride)
    effective = (kernel - 1) * dilation + 1
    total = max((out - 1) * stride + effective - size, 0)
    return total // 2, total - total // 2


_DEFAULT = "default"  # an activation argument not given: the layer's own default


class _KerasConv(nn.Module):
    """A Keras convolution layer: TensorFlow's padding and the activation; subclasses build the convolutions.

    Subclasses set `default_activation` and implement `_build` (create and initialise their
    ``nn.Conv2d`` modules) and `_convolve` (apply them to an already padded input).
    """

    default_activation: str | None = None

    def __init__(
        self,
        in_channels: int,
        filters: int,
        kernel_size: int = 3,
        *,
        strides: int = 1,
        padding: str = "valid",
        activation: str | None = _DEFAULT,
    ) -> None:
        super().__init__()
        if padding not in ("valid", "same"):
            raise ValueError(f"padding must be 'valid' or 'same', not {padding!r}")
        activation = self.default_activation if activation == _DEFAULT else activation
        self.kernel_size = kernel_size
        self.strides = strides
        self.padding = padding
        self.activation_name = activation or "linear"
        self.activation = _activation(activation)
        self._build(in_channels, filters, kernel_size, strides)

    def _build(self, in_channels: int, filters: int, kernel_size: int, strides: int) -> None:
        raise NotImplementedError

    def _convolve(self, x: torch.Tensor) -> torch.Tensor:
        raise NotImplementedError

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.activation(self._convolve(self._pad(x)))

    def _pad(self, x: torch.Tensor) -> torch.Tensor:
        if self.padding == "valid":
            return x
        top, bottom = same_padding(x.shape[-2], self.kernel_size, self.strides)
        left, right = same_padding(x.shape[-1], self.kernel_size, self.strides)
        if top == bottom == left == right == 0:
            return x
        return F.pad(x, (left, right, top, bottom))

    def extra_repr(self) -> str:
        return f"padding={self.padding!r}, activation={self.activation_name!r}"


class Conv2D(_KerasConv):
    """Keras ``Conv2D(filters, kernel_size, strides, padding, activation)``; ReLU unless told otherwise."""

    default_activation = "relu"

    def _build(self, in_channels: int, filters: int, kernel_size: int, strides: int) -> None:
        self.conv = nn.Conv2d(in_channels, filters, kernel_size, stride=strides)
        keras_init_(self.conv)

    def _convolve(self, x: torch.Tensor) -> torch.Tensor:
        return self.conv(x)


class SeparableConv2d(_KerasConv):
    """Keras ``SeparableConv2D``: a depthwise k×k convolution, then a pointwise 1×1 convolution.

    As in Keras (depth multiplier 1), only the pointwise convolution has a bias, so the parameter
    count is ``k*k*in + in*filters + filters``.
    """

    def _build(self, in_channels: int, filters: int, kernel_size: int, strides: int) -> None:
        self.depthwise = nn.Conv2d(
            in_channels, in_channels, kernel_size, stride=strides, groups=in_channels, bias=False
        )
        self.pointwise = nn.Conv2d(in_channels, filters, 1, bias=True)
        keras_init_(self.depthwise)
        keras_init_(self.pointwise)

    def _convolve(self, x: torch.Tensor) -> torch.Tensor:
        return self.pointwise(self.depthwise(x))


class MaxPooling2D(nn.MaxPool2d):
    """Keras ``MaxPooling2D(pool_size, strides=pool_size)`` with "valid" padding."""

    def __init__(self, pool_size: int = 2, strides: int | None = None) -> None:
        super().__init__(pool_size, stride=strides or pool_size)


class AveragePooling2D(nn.AvgPool2d):
    """Keras ``AveragePooling2D(pool_size, strides=pool_size)`` with "valid" padding."""

    def __init__(self, pool_size: int = 2, strides: int | None = None) -> None:
        super().__init__(pool_size, stride=strides or pool_size)


class BatchNormalization(nn.Module):
    """Keras ``BatchNormalization()``: momentum 0.99 (PyTorch's 0.01) and epsilon 1e-3, over channels."""

    def __init__(self, channels: int, *, spatial: bool = True) -> None:
        super().__init__()
        norm = nn.BatchNorm2d if spatial else nn.BatchNorm1d
        self.norm = norm(channels, eps=1e-3, momentum=0.01)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.norm(x)


class GlobalAveragePooling2D(nn.Module):
    """The mean of each feature map: (N, C, H, W) -> (N, C)."""

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x.mean(dim=(2, 3))


class Flatten(nn.Flatten):
    """Keras ``Flatten``: (N, ...) -> (N, features)."""


class Dropout(nn.Dropout):
    """Keras ``Dropout(rate)``: active while training only; masks from the run's generator when it has one."""

    def __init__(self, rate: float = 0.5) -> None:
        super().__init__(p=rate)
        self.generator: torch.Generator | None = None

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if not self.training or self.p == 0 or self.generator is None:
            return super().forward(x)
        keep = 1.0 - self.p
        mask = torch.empty_like(x).bernoulli_(keep, generator=self.generator)
        return x * mask / keep


class Dense(nn.Module):
    """Keras ``Dense(units, activation)``.

    With ``apply_activation=False`` (the output layer) ``forward`` returns logits and the activation
    is applied by the loss and by prediction.
    """

    def __init__(
        self, in_features: int, units: int, *, activation: str | None = None, apply_activation: bool = True
    ) -> None:
        super().__init__()
        self.linear = nn.Linear(in_features, units)
        keras_init_(self.linear)
        self.activation_name = activation or "linear"
        self.activation = _activation(activation) if apply_activation else nn.Identity()

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.activation(self.linear(x))

    def extra_repr(self) -> str:
        return f"activation={self.activation_name!r}"
