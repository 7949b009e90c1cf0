"""The layers of a network, with their output shapes, and a safe way to catch their outputs.

`list_layers` runs one forward pass on a grey image with forward hooks on every leaf module and
reports each layer's name, type and output shape (the layer picker, ``cnnstudio layers``).
`capture` is the one place hooks are put on a model: every handle is removed when the block ends,
and each caught output is passed on as a copy, so an in-place ReLU further on never changes what
was caught — and gradients with respect to a caught output (``torch.autograd.grad``) are those of
the layer itself. Module backward hooks are never used: they break on in-place ReLU
(pytorch/pytorch#61519).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import torch
from torch import nn

from ..errors import UserError
from ..messages import msg
from ..models.layers import Conv2D, Dense, SeparableConv2d
from ..torchutils import removing
from .subject import Subject

__all__ = [
    "LayerInfo",
    "LayerError",
    "list_layers",
    "find_layer",
    "capture",
    "conv_layers",
    "default_heatmap_layer",
    "is_conv",
    "is_pool",
    "layer_kind",
    "model_layers",
]

_CONV = (nn.Conv2d,)
_KERAS_LAYERS = Conv2D.__module__
_POOL = (nn.MaxPool2d, nn.AvgPool2d, nn.AdaptiveAvgPool2d, nn.AdaptiveMaxPool2d)


class LayerError(UserError):
    """A layer name the network does not have (the message suggests the closest ones)."""


@dataclass(frozen=True)
class LayerInfo:
    """One layer: its dotted module name, its type (the module's class) and its output shape without the batch."""

    name: str
    type: str
    shape: tuple[int, ...]
    kind: str = "other"  # "conv" (a Conv2d, with filters), "pool", "dense" (Linear) or "other"

    @property
    def is_map(self) -> bool:
        """Whether the output is a stack of 2-D feature maps (C, H, W)."""
        return len(self.shape) == 3

    def as_dict(self) -> dict:
        return {"name": self.name, "type": self.type, "shape": list(self.shape), "kind": self.kind}


def _keras_layer(module: nn.Module) -> bool:
    """One of the from-scratch models' Keras-style layers (``conv2d`` = convolution + activation): a whole layer."""
    return type(module).__module__ == _KERAS_LAYERS


def is_conv(module: nn.Module) -> bool:
    return isinstance(module, (*_CONV, Conv2D, SeparableConv2d))


def is_pool(module: nn.Module) -> bool:
    return isinstance(module, _POOL) or type(module).__name__ in ("MaxPooling2D", "AveragePooling2D")


def layer_kind(module: nn.Module) -> str:
    """ "conv", "pool", "dense" or "other": what a layer is, for pickers and defaults."""
    if is_conv(module):
        return "conv"
    if is_pool(module):
        return "pool"
    return "dense" if isinstance(module, (nn.Linear, Dense)) else "other"


def model_layers(model: nn.Module, prefix: str = "") -> Iterator[tuple[str, nn.Module]]:
    """The layers a user thinks in: leaf modules, and the from-scratch models' Keras layers as wholes."""
    for name, child in model.named_children():
        full = f"{prefix}{name}"
        if _keras_layer(child) or not any(True for _ in child.children()):
            yield full, child
        else:
            yield from model_layers(child, f"{full}.")


def find_layer(model: nn.Module, name: str) -> nn.Module:
    """The module called `name` (LayerError naming the closest names when there is none)."""
    modules = dict(model.named_modules())
    if name and name in modules:
        return modules[name]
    close = difflib.get_close_matches(name, [n for n in modules if n], n=3, cutoff=0.5)
    raise LayerError(msg("visualize.no_such_layer", layer=name, suggestions=", ".join(close) or "-"))


@contextmanager
def capture(model: nn.Module, names: Iterable[str]) -> Iterator[dict[str, torch.Tensor]]:
    """Catch the outputs of the layers `names` during the forward passes inside the block.

    Yields a dict filled by each forward pass: layer name → its output (the last call's, for a
    module used twice). The tensor caught is the layer's own output; the network goes on with a
    copy of it, so nothing downstream (an in-place ReLU) can change it, and with gradients on,
    ``torch.autograd.grad(score, caught[name])`` is the gradient at that layer. Hooks are removed
    when the block ends, whatever happens.
    """
    caught: dict[str, torch.Tensor] = {}

    def hook_for(name: str):
        def hook(_module: nn.Module, _inputs, output):
            if not isinstance(output, torch.Tensor):
                return None
            caught[name] = output
            return output.clone()

        return hook

    with removing() as handles:
        for name in dict.fromkeys(names):
            handles.append(find_layer(model, name).register_forward_hook(hook_for(name)))
        yield caught


def list_layers(subject: Subject, size: tuple[int, int] | None = None) -> list[LayerInfo]:
    """Every layer of `subject`'s network, in the order the forward pass first runs it, with output shapes.

    The shapes are for an input of `size` (default: the network's usual input size). Layers whose
    output is not one tensor (none in the app's networks) and layers the pass never runs are left out.
    """
    leaves = dict(model_layers(subject.model))
    order: list[str] = []
    with subject.using() as model, capture(model, leaves) as caught, torch.no_grad():
        seen: set[str] = set()

        def note(name: str):
            def pre_hook(_module, _inputs):
                if name not in seen:
                    seen.add(name)
                    order.append(name)

            return pre_hook

        with removing() as handles:
            for name, module in leaves.items():
                handles.append(module.register_forward_pre_hook(note(name)))
            model(subject.grey_input(size))
    return [
        LayerInfo(name, type(leaves[name]).__name__, tuple(caught[name].shape[1:]), layer_kind(leaves[name]))
        for name in order
        if name in caught
    ]


def conv_layers(layers: Iterable[LayerInfo]) -> list[LayerInfo]:
    """The convolution layers (the ones with filters to look at) among `layers`."""
    return [layer for layer in layers if layer.kind == "conv" and layer.is_map]


def default_heatmap_layer(layers: list[LayerInfo]) -> str:
    """The layer Grad-CAM uses by default: the last convolution layer (the last 2-D map if there is none)."""
    convs = conv_layers(layers)
    if convs:
        return convs[-1].name
    maps = [layer for layer in layers if layer.is_map]
    if not maps:
        raise LayerError(msg("visualize.no_feature_maps"))
    return maps[-1].name
