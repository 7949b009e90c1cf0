"""Model specs and the chapter's presets, as plain data (no PyTorch here: the model editor works before it loads).

A `ModelSpec` is plain data (JSON in every run's ``config.json``): an input shape and a Keras-style
layer stack. `check_spec` propagates shapes without building anything and names the first row that
cannot work; `build.build_model` turns a valid spec into a PyTorch module.
"""

from __future__ import annotations

import math
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ModelSpecError
from ..messages import msg, text
from .outputs import output_activation, output_units

__all__ = [
    "ACTIVATIONS",
    "LAYER_TYPES",
    "PRESETS",
    "LayerShape",
    "ModelSpec",
    "check_spec",
    "preset_spec",
    "preset_layers",
    "head_layer",
    "CUSTOM",
]

ACTIVATIONS = ("relu", "linear", "sigmoid", "tanh", "softmax")

# Each layer type with the parameters it accepts and their defaults (Keras's defaults).
LAYER_TYPES: dict[str, dict[str, Any]] = {
    "Conv2D": {"filters": 32, "kernel_size": 3, "strides": 1, "padding": "valid", "activation": "relu"},
    "SeparableConv2D": {"filters": 32, "kernel_size": 3, "strides": 1, "padding": "valid", "activation": "relu"},
    "MaxPooling2D": {"pool_size": 2, "strides": None},
    "AveragePooling2D": {"pool_size": 2, "strides": None},
    "BatchNormalization": {},
    "GlobalAveragePooling2D": {},
    "Flatten": {},
    "Dropout": {"rate": 0.5},
    "Dense": {"units": 32, "activation": "relu"},
}

PRESETS: dict[str, str] = {
    "seed-separable": "The course slides' sample network: three SeparableConv2D blocks, global average pooling, Dense 32.",
    "small-convnet": "The book's small convnet (ch. 5.2): Conv 32/64/128/128 with max pooling, Flatten, Dense 512.",
    "mnist-convnet": "The book's first convnet (ch. 5.1, MNIST 28×28×1): Conv 32, MaxPool, Conv 64, MaxPool, Conv 64, Flatten, Dense 64.",
    "tinyvgg": "TinyVGG, as in CNN Explainer: two blocks of two Conv 10 and a MaxPool, Flatten.",
}
CUSTOM = "custom"


@dataclass
class ModelSpec:
    """A sequential network: input shape (channels, height, width) and layer dicts ``{"type": ..., params}``."""

    name: str
    input_shape: tuple[int, int, int]
    layers: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "input_shape": list(self.input_shape), "layers": [dict(x) for x in self.layers]}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ModelSpec:
        try:
            shape = tuple(int(v) for v in data["input_shape"])
            layers = [dict(layer) for layer in data["layers"]]
            name = str(data.get("name", "custom"))
        except (KeyError, TypeError, ValueError) as exc:
            raise ModelSpecError(msg("models.spec_incomplete", detail=text(str(exc)))) from exc
        if len(shape) != 3:
            raise ModelSpecError(msg("models.input_shape_form"))
        return cls(name, shape, layers)  # type: ignore[arg-type]

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write the spec as JSON (atomically)."""
        from ..io import atomic_write_json

        atomic_write_json(path, {"format": "cnnstudio-model/1", **self.to_dict()})

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> ModelSpec:
        """Read a spec written by `save` (JSON only: nothing in the file is executed)."""
        import json

        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except FileNotFoundError as exc:
            raise ModelSpecError(msg("models.spec_file_missing", path=str(path))) from exc
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ModelSpecError(msg("models.spec_file_not_json", path=str(path), detail=text(str(exc)))) from exc
        if not isinstance(data, dict):
            raise ModelSpecError(msg("models.spec_file_not_a_model", path=str(path)))
        spec = cls.from_dict(data)
        check_spec(spec)
        return spec

    @property
    def output_activation(self) -> str:
        """The last layer's activation: "softmax" or "sigmoid" for classifiers."""
        last = self.layers[-1] if self.layers else {}
        return str(last.get("activation", "linear"))

    @property
    def num_outputs(self) -> int:
        last = self.layers[-1] if self.layers else {}
        return int(last.get("units", 0))


@dataclass(frozen=True)
class LayerShape:
    """One row of the shape propagation: Keras name, type, output shape (channels first), parameters,
    receptive field (input pixels one output value sees along a side; None once the maps are flattened,
    where every output sees the whole image) and multiply-adds for one image."""

    name: str
    type: str
    output_shape: tuple[int, ...]
    params: int
    receptive_field: int | None = None
    macs: int = 0


def head_layer(num_classes: int, *, sigmoid_for_two: bool = True) -> dict[str, Any]:
    """The output layer: one sigmoid unit for two classes (the book's cats vs dogs), else softmax."""
    if num_classes < 2:
        raise ModelSpecError(msg("models.two_classes_needed", count=num_classes))
    units = output_units(num_classes, sigmoid_for_two=sigmoid_for_two)
    return {"type": "Dense", "units": units, "activation": output_activation(units)}


def _conv(filters: int, kind: str = "Conv2D") -> dict[str, Any]:
    return {"type": kind, "filters": filters, "kernel_size": 3, "activation": "relu"}


def _dense(units: int) -> dict[str, Any]:
    return {"type": "Dense", "units": units, "activation": "relu"}


_POOL = {"type": "MaxPooling2D", "pool_size": 2}
_FLAT = {"type": "Flatten"}
_SEPARABLE = "SeparableConv2D"


def preset_layers(name: str, *, dropout: bool = False) -> list[dict[str, Any]]:
    """The hidden layers of a preset (everything but the output layer); fresh dicts the caller may edit."""
    if name == "seed-separable":  # the course slides' sample network
        stack = [_conv(32, _SEPARABLE), _POOL, _conv(64, _SEPARABLE), _POOL, _conv(128, _SEPARABLE)]
        stack += [{"type": "GlobalAveragePooling2D"}, _dense(32)]
    elif name == "small-convnet":  # the book's, chapter 5.2
        stack = [layer for filters in (32, 64, 128, 128) for layer in (_conv(filters), _POOL)] + [_FLAT]
        stack += [{"type": "Dropout", "rate": 0.5}] if dropout else []
        stack += [_dense(512)]
    elif name == "mnist-convnet":  # the book's first convnet, chapter 5.1
        stack = [_conv(32), _POOL, _conv(64), _POOL, _conv(64), _FLAT, _dense(64)]
    elif name == "tinyvgg":  # as in CNN Explainer
        stack = [_conv(10), _conv(10), _POOL, _conv(10), _conv(10), _POOL, _FLAT]
    else:
        raise ModelSpecError(msg("models.unknown_preset", name=name, choices=", ".join(PRESETS)))
    return [dict(layer) for layer in stack]


def preset_spec(
    name: str,
    *,
    num_classes: int,
    image_size: int | tuple[int, int] = 150,
    channels: int = 3,
    dropout: bool = False,
    sigmoid_for_two: bool = True,
    layers: list[dict[str, Any]] | None = None,
) -> ModelSpec:
    """A preset (or, with ``name="custom"``, the hidden `layers` given) for any input size and class count.

    The output layer is added to fit the classes: one sigmoid unit for two classes with
    ``sigmoid_for_two`` (the book's cats-vs-dogs model), otherwise one softmax unit per class.
    """
    head = head_layer(num_classes, sigmoid_for_two=sigmoid_for_two)
    height, width = (image_size, image_size) if isinstance(image_size, int) else image_size
    stack = [dict(layer) for layer in (layers or [])] if name == CUSTOM else preset_layers(name, dropout=dropout)
    return ModelSpec(name, (channels, height, width), [*stack, head])


def _layer_names(spec: ModelSpec) -> list[str]:
    counts: dict[str, int] = {}
    names = []
    for layer in spec.layers:
        base = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", str(layer.get("type", "layer"))).lower()
        base = base.replace("conv2_d", "conv2d").replace("pooling2_d", "pooling2d")
        n = counts.get(base, 0)
        counts[base] = n + 1
        names.append(base if n == 0 else f"{base}_{n}")
    return names


def _param(layer: dict[str, Any], key: str) -> Any:
    """A layer setting, or Keras's default for it."""
    return layer.get(key, LAYER_TYPES[layer["type"]][key])


def _positive_int(layer: dict[str, Any], key: str, index: int) -> int:
    value = _param(layer, key)
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise ModelSpecError(
            msg("models.whole_number", row=index + 1, kind=layer["type"], key=key, value=repr(value)), index
        )
    return value


def check_spec(spec: ModelSpec) -> list[LayerShape]:
    """Propagate shapes through the stack; raise `ModelSpecError` naming the first row that fails.

    Also tracks the receptive field (r grows by (k - 1) * jump, the jump multiplies by the stride)
    and the multiply-adds of each layer for one image.
    """
    channels, height, width = spec.input_shape
    if min(channels, height, width) < 1:
        raise ModelSpecError(msg("models.input_not_positive", shape=str(spec.input_shape)))
    if not spec.layers:
        raise ModelSpecError(msg("models.no_layers"))
    shape: tuple[int, ...] = (channels, height, width)
    receptive: int | None = 1
    jump = 1
    rows: list[LayerShape] = []
    for index, (name, layer) in enumerate(zip(_layer_names(spec), spec.layers, strict=True)):
        kind = layer.get("type")
        if kind not in LAYER_TYPES:
            raise ModelSpecError(
                msg("models.unknown_layer_type", row=index + 1, kind=str(kind), choices=", ".join(LAYER_TYPES)), index
            )
        unknown = set(layer) - {"type", *LAYER_TYPES[kind]}
        if unknown:
            raise ModelSpecError(
                msg("models.unknown_settings", row=index + 1, kind=kind, names=", ".join(sorted(unknown))), index
            )
        params = macs = 0
        if kind in ("Conv2D", "SeparableConv2D", "MaxPooling2D", "AveragePooling2D", "GlobalAveragePooling2D"):
            if len(shape) != 3:
                raise ModelSpecError(
                    msg("models.needs_feature_maps", row=index + 1, kind=kind, shape=str(shape)), index
                )
        c, *spatial = shape
        if kind in ("Conv2D", "SeparableConv2D"):
            filters = _positive_int(layer, "filters", index)
            k = _positive_int(layer, "kernel_size", index)
            stride = _positive_int(layer, "strides", index)
            padding = _param(layer, "padding")
            activation = _param(layer, "activation")
            if padding not in ("valid", "same"):
                raise ModelSpecError(msg("models.padding", row=index + 1, kind=kind), index)
            if activation not in ACTIVATIONS:
                raise ModelSpecError(
                    msg("models.unknown_activation", row=index + 1, kind=kind, activation=str(activation)), index
                )
            if padding == "same":
                out = [math.ceil(n / stride) for n in spatial]
            else:
                out = [(n - k) // stride + 1 if n >= k else 0 for n in spatial]
            if min(out) < 1:
                message = msg(
                    "models.kernel_too_big", row=index + 1, kind=kind, k=k, height=spatial[0], width=spatial[1]
                )
                raise ModelSpecError(message, index)
            positions = out[0] * out[1]
            if kind == "Conv2D":
                params = k * k * c * filters + filters
                macs = positions * k * k * c * filters
            else:
                params = k * k * c + c * filters + filters
                macs = positions * (k * k * c + c * filters)
            receptive = None if receptive is None else receptive + (k - 1) * jump
            jump *= stride
            shape = (filters, *out)
        elif kind in ("MaxPooling2D", "AveragePooling2D"):
            p = _positive_int(layer, "pool_size", index)
            stride = layer.get("strides") or p
            if not isinstance(stride, int) or stride < 1:
                raise ModelSpecError(msg("models.pool_strides", row=index + 1, kind=kind), index)
            out = [(n - p) // stride + 1 if n >= p else 0 for n in spatial]
            if min(out) < 1:
                message = msg("models.pool_too_big", row=index + 1, kind=kind, height=spatial[0], width=spatial[1], p=p)
                raise ModelSpecError(message, index)
            receptive = None if receptive is None else receptive + (p - 1) * jump
            jump *= stride
            shape = (c, *out)
        elif kind == "BatchNormalization":
            params = 4 * c  # gamma, beta (trainable); moving mean and variance (not trainable), as Keras counts
        elif kind == "GlobalAveragePooling2D":
            shape = (c,)
            receptive = None
        elif kind == "Flatten":
            shape = (math.prod(shape),)
            receptive = None
        elif kind == "Dropout":
            rate = _param(layer, "rate")
            if not isinstance(rate, (int, float)) or not 0 <= rate < 1:
                raise ModelSpecError(msg("models.dropout_rate", row=index + 1, rate=repr(rate)), index)
        elif kind == "Dense":
            if len(shape) != 1:
                raise ModelSpecError(
                    msg("models.dense_on_feature_maps", row=index + 1, shape=_keras_shape(shape)), index
                )
            units = _positive_int(layer, "units", index)
            activation = _param(layer, "activation")
            if activation not in ACTIVATIONS:
                raise ModelSpecError(
                    msg("models.unknown_activation", row=index + 1, kind="Dense", activation=str(activation)), index
                )
            params = shape[0] * units + units
            macs = shape[0] * units
            shape = (units,)
        rows.append(LayerShape(name, kind, shape, params, receptive, macs))
    last = spec.layers[-1]
    if last.get("type") != "Dense":
        raise ModelSpecError(msg("models.last_layer_dense"), len(spec.layers) - 1)
    return rows


def _keras_shape(shape: tuple[int, ...]) -> str:
    """Channels-first shape as Keras prints it: (None, H, W, C) or (None, features)."""
    if len(shape) == 3:
        c, h, w = shape
        return f"(None, {h}, {w}, {c})"
    return "(None, " + ", ".join(str(v) for v in shape) + ")"


def __getattr__(name: str) -> Any:
    """`build_model` and `SequentialModel` moved to `build` (PyTorch); older imports from here still find them."""
    if name in ("build_model", "SequentialModel"):
        from . import build

        return getattr(build, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
