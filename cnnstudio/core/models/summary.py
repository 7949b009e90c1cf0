"""A Keras-style ``model.summary()``: per layer the output shape and parameters, totals split
into trainable and non-trainable (frozen parameters plus BatchNorm's moving statistics, as Keras counts)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .spec import ModelSpec, check_spec

if TYPE_CHECKING:  # PyTorch is imported by the functions that use it: the model editor needs the rest first
    import torch
    from torch import nn

__all__ = [
    "LayerRow",
    "ModelSummary",
    "summarize",
    "summarize_spec",
    "summarize_backbone",
    "format_summary",
    "keras_shape",
]


@dataclass(frozen=True)
class LayerRow:
    name: str
    type: str
    output_shape: tuple[int, ...]  # channels first, without the batch dimension
    params: int
    trainable_params: int
    receptive_field: int | None = None  # input pixels one output value sees, along a side; None: the whole image
    macs: int = 0  # multiply-adds for one image

    @property
    def keras_shape(self) -> str:
        return keras_shape(self.output_shape)


@dataclass(frozen=True)
class ModelSummary:
    model_name: str
    input_shape: tuple[int, ...]
    rows: tuple[LayerRow, ...]
    total_params: int
    trainable_params: int

    @property
    def total_macs(self) -> int:
        return sum(r.macs for r in self.rows)

    @property
    def non_trainable_params(self) -> int:
        return self.total_params - self.trainable_params

    def to_dict(self) -> dict:
        return {
            "model": self.model_name,
            "input_shape": list(self.input_shape),
            "layers": [
                {
                    "name": r.name,
                    "type": r.type,
                    "output_shape": [None, *_keras_order(r.output_shape)],
                    "params": r.params,
                    "trainable_params": r.trainable_params,
                    "receptive_field": r.receptive_field,
                    "macs": r.macs,
                }
                for r in self.rows
            ],
            "total_params": self.total_params,
            "trainable_params": self.trainable_params,
            "non_trainable_params": self.non_trainable_params,
            "total_macs": self.total_macs,
        }


def _keras_order(shape: tuple[int, ...]) -> tuple[int, ...]:
    return (*shape[1:], shape[0]) if len(shape) == 3 else shape


def keras_shape(shape: tuple[int, ...]) -> str:
    """(C, H, W) as Keras prints it, channels last: ``(None, H, W, C)``."""
    return "(None, " + ", ".join(str(v) for v in _keras_order(shape)) + ")"


def _counts(module: nn.Module) -> tuple[int, int]:
    trainable = sum(p.numel() for p in module.parameters() if p.requires_grad)
    frozen = sum(p.numel() for p in module.parameters() if not p.requires_grad)
    # BatchNorm's running mean and variance are Keras's "non-trainable params".
    stats = sum(
        b.numel() for name, b in module.named_buffers() if name.rsplit(".", 1)[-1] in ("running_mean", "running_var")
    )
    return trainable + frozen + stats, trainable


def _layer_macs(module: nn.Module, output: torch.Tensor) -> int:
    """Multiply-adds of one Conv2d or Linear call, for one image."""
    from torch import nn

    per_image = output[0].numel() if output.dim() > 1 else output.numel()
    if isinstance(module, nn.Conv2d):
        kh, kw = module.kernel_size
        return per_image * (module.in_channels // module.groups) * kh * kw
    return per_image * module.in_features


def _receptive_fields(model: nn.Module, x: torch.Tensor) -> dict[str, int | None]:
    """Theoretical receptive field of each top-level child's output, traced through the convolutions and pools.

    Every leaf Conv2d / MaxPool2d / AvgPool2d call grows the field by (k - 1) * jump and multiplies the jump by its
    stride. Tensors made outside modules (a residual add, a concatenation) are matched by spatial size to the
    largest field seen at that size: the longest path, which is what the field is. Global pooling → None.
    """
    import torch
    from torch import nn

    from ..torchutils import removing

    fields: dict[int, tuple[int, int]] = {id(x): (1, 1)}  # id(tensor) -> (field, jump)
    by_size: dict[tuple[int, int], tuple[int, int]] = {tuple(x.shape[-2:]): (1, 1)}
    keep: list[torch.Tensor] = [x]  # keep tensors alive so their ids stay unique during the pass

    def lookup(t: torch.Tensor) -> tuple[int, int] | None:
        if id(t) in fields:
            return fields[id(t)]
        return by_size.get(tuple(t.shape[-2:])) if t.dim() == 4 else None

    def record(t: torch.Tensor, value: tuple[int, int]) -> None:
        keep.append(t)
        fields[id(t)] = value
        if t.dim() == 4:
            size = tuple(t.shape[-2:])
            if size not in by_size or by_size[size][0] < value[0]:
                by_size[size] = value

    def hook(module: nn.Module, inputs: tuple, output: torch.Tensor) -> None:
        if not inputs or not isinstance(inputs[0], torch.Tensor) or not isinstance(output, torch.Tensor):
            return
        known = lookup(inputs[0])
        if known is None:
            return
        field, jump = known
        if isinstance(module, (nn.Conv2d, nn.MaxPool2d, nn.AvgPool2d)):
            k = module.kernel_size if isinstance(module.kernel_size, int) else max(module.kernel_size)
            s = module.stride if isinstance(module.stride, int) else max(module.stride)
            d = getattr(module, "dilation", 1)
            d = d if isinstance(d, int) else max(d)
            field, jump = field + (d * (k - 1)) * jump, jump * s
        elif isinstance(module, (nn.AdaptiveAvgPool2d, nn.AdaptiveMaxPool2d)):
            if output.dim() == 4 and tuple(output.shape[-2:]) == tuple(inputs[0].shape[-2:]):
                pass  # pooling to the same size changes nothing
            else:
                return
        record(output, (field, jump))

    result: dict[str, int | None] = {}
    with removing() as handles:
        handles.extend(leaf.register_forward_hook(hook) for leaf in model.modules() if not list(leaf.children()))
        y = x
        for name, child in model.named_children():
            y = child(y)
            known = fields.get(id(y)) or (by_size.get(tuple(y.shape[-2:])) if y.dim() == 4 else None)
            result[name] = known[0] if known is not None and y.dim() == 4 else None
            if known is not None:
                record(y, known)
    return result


def summarize(model: nn.Module, input_shape: tuple[int, ...], *, name: str | None = None) -> ModelSummary:
    """Run one (zero) image through `model` and record each top-level child's output shape and parameters."""
    import torch
    from torch import nn

    from ..torchutils import eval_mode, removing

    try:
        device = next(model.parameters()).device
    except StopIteration:
        device = torch.device("cpu")
    shapes: dict[str, tuple[int, ...]] = {}
    macs: dict[str, int] = {}
    fields: dict[str, int | None] = {}
    with eval_mode(model), torch.no_grad():
        with removing() as handles:
            for child_name, child in model.named_children():

                def hook(_module, _inputs, output, key=child_name):
                    if isinstance(output, torch.Tensor):
                        shapes[key] = tuple(output.shape[1:])

                handles.append(child.register_forward_hook(hook))
                macs[child_name] = 0
                for leaf in child.modules():
                    if isinstance(leaf, (nn.Conv2d, nn.Linear)):

                        def count(module, _inputs, output, key=child_name):
                            macs[key] += _layer_macs(module, output)

                        handles.append(leaf.register_forward_hook(count))
            model(torch.zeros((1, *input_shape), device=device))
        if isinstance(model, nn.Sequential):  # the blocks run one after another: trace the receptive field
            fields = _receptive_fields(model, torch.zeros((1, *input_shape), device=device))
    rows = []
    for child_name, child in model.named_children():
        total, trainable = _counts(child)
        rows.append(
            LayerRow(
                child_name,
                type(child).__name__,
                shapes.get(child_name, ()),
                total,
                trainable,
                fields.get(child_name),
                macs[child_name],
            )
        )
    total, trainable = _counts(model)
    spec = getattr(model, "spec", None)
    model_name = name or (spec.name if isinstance(spec, ModelSpec) else type(model).__name__)
    return ModelSummary(model_name, tuple(input_shape), tuple(rows), total, trainable)


def summarize_backbone(backbone: nn.Module, image_size: int, *, name: str | None = None) -> ModelSummary:
    """One row per block of a pretrained base (see `pretrained.Backbone`), then its global average pooling."""
    from torch import nn

    view = nn.Sequential()
    for block_name, block in zip(backbone.block_names, backbone.blocks, strict=True):
        view.add_module(block_name, block)
    view.add_module("global_average_pooling", nn.Sequential(nn.AdaptiveAvgPool2d(1), nn.Flatten()))
    return summarize(view, (3, image_size, image_size), name=name or backbone.info.name)


def summarize_spec(spec: ModelSpec) -> ModelSummary:
    """The summary of a spec, computed on PyTorch's meta device: no memory, no arithmetic."""
    import torch

    from .build import build_model

    shapes = check_spec(spec)
    with torch.device("meta"):
        model = build_model(spec)
    summary = summarize(model, spec.input_shape, name=spec.name)
    # Keras's layer type names (the spec's), and the receptive field the spec's arithmetic knows.
    rows = tuple(
        LayerRow(
            row.name, layer["type"], row.output_shape, row.params, row.trainable_params, shape.receptive_field, row.macs
        )
        for row, layer, shape in zip(summary.rows, spec.layers, shapes, strict=True)
    )
    return ModelSummary(summary.model_name, summary.input_shape, rows, summary.total_params, summary.trainable_params)


def format_summary(summary: ModelSummary) -> str:
    """The table as ``model.summary()`` prints it, plus receptive field and multiply-adds per layer."""
    head = ("Layer (type)", "Output Shape", "Param #", "Trainable", "Receptive field", "Mult-adds")
    body = [
        (
            f"{r.name} ({r.type})",
            r.keras_shape,
            f"{r.params:,}",
            "-"
            if r.params == 0
            else ("yes" if r.trainable_params == r.params else ("no" if r.trainable_params == 0 else "partly")),
            "-" if r.receptive_field is None else f"{r.receptive_field}×{r.receptive_field}",
            f"{r.macs:,}",
        )
        for r in summary.rows
    ]
    widths = [max(len(head[i]), *(len(row[i]) for row in body)) + 3 for i in range(len(head))]
    total_width = sum(widths)
    lines = [f'Model: "{summary.model_name}"', "_" * total_width]
    lines.append("".join(h.ljust(w) for h, w in zip(head, widths, strict=True)))
    lines.append("=" * total_width)
    for i, row in enumerate(body):
        lines.append("".join(c.ljust(w) for c, w in zip(row, widths, strict=True)))
        lines.append(("=" if i == len(body) - 1 else "_") * total_width)
    lines.append(f"Total params: {summary.total_params:,}")
    lines.append(f"Trainable params: {summary.trainable_params:,}")
    lines.append(f"Non-trainable params: {summary.non_trainable_params:,}")
    lines.append(f"Total mult-adds: {summary.total_macs:,} per image")
    lines.append("_" * total_width)
    return "\n".join(lines)
