"""Building a `ModelSpec` as a PyTorch module.

`build_model` turns a valid spec into a `SequentialModel` whose children carry the Keras layer names
(``conv2d``, ``max_pooling2d_1``, ...), so summaries, hooks and the book agree. Kept apart from
`spec`, which the window imports before PyTorch is loaded.
"""

from __future__ import annotations

from collections import OrderedDict

import torch
from torch import nn

from . import layers as L
from .outputs import class_probabilities
from .spec import ModelSpec, _param, check_spec

__all__ = ["SequentialModel", "build_model"]


class SequentialModel(nn.Sequential):
    """A network built from a `ModelSpec`; ``forward`` returns logits (see `layers.Dense`)."""

    def __init__(self, spec: ModelSpec, modules: OrderedDict[str, nn.Module]) -> None:
        super().__init__(modules)
        self.spec = spec
        self.output_activation = spec.output_activation

    def probabilities(self, logits: torch.Tensor) -> torch.Tensor:
        """Class probabilities (N, classes) from logits, for sigmoid and softmax heads alike."""
        return class_probabilities(logits, self.output_activation)


def build_model(spec: ModelSpec) -> SequentialModel:
    """Build the PyTorch module for a spec (checked first, so errors name the row)."""
    rows = check_spec(spec)
    modules: OrderedDict[str, nn.Module] = OrderedDict()
    in_shape: tuple[int, ...] = spec.input_shape
    last_index = len(spec.layers) - 1
    for index, (row, layer) in enumerate(zip(rows, spec.layers, strict=True)):
        kind = layer["type"]
        if kind in ("Conv2D", "SeparableConv2D"):
            conv = L.Conv2D if kind == "Conv2D" else L.SeparableConv2d
            module: nn.Module = conv(
                in_shape[0],
                _param(layer, "filters"),
                _param(layer, "kernel_size"),
                strides=_param(layer, "strides"),
                padding=_param(layer, "padding"),
                activation=_param(layer, "activation"),
            )
        elif kind == "MaxPooling2D":
            module = L.MaxPooling2D(_param(layer, "pool_size"), _param(layer, "strides"))
        elif kind == "AveragePooling2D":
            module = L.AveragePooling2D(_param(layer, "pool_size"), _param(layer, "strides"))
        elif kind == "BatchNormalization":
            module = L.BatchNormalization(in_shape[0], spatial=len(in_shape) == 3)
        elif kind == "GlobalAveragePooling2D":
            module = L.GlobalAveragePooling2D()
        elif kind == "Flatten":
            module = L.Flatten()
        elif kind == "Dropout":
            module = L.Dropout(float(_param(layer, "rate")))
        else:  # Dense
            activation = _param(layer, "activation")
            is_output = index == last_index and activation in ("softmax", "sigmoid")
            module = L.Dense(in_shape[0], _param(layer, "units"), activation=activation, apply_activation=not is_output)
        modules[row.name] = module
        in_shape = row.output_shape
    return SequentialModel(spec, modules)
