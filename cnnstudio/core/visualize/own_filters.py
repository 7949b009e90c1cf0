"""Filter ascent's shortcut: in the target layer, each image of the batch computes only its own filter.

Image n of an ascent batch climbs filter n alone, so the other filters of the target layer are
wasted work there — most of the work, since the target is the deepest and widest layer run. When
the layer is one convolution (ungrouped) followed by per-channel steps (batch norm in eval mode, an
activation, dropout), `own_filters_only` swaps in, for the duration of a block, a convolution
(``Conv2d._conv_forward``, so a subclass's own padding still runs) that gives image n its response
to filter n alone, and gives the batch norm only that filter's statistics. The layer's output is
then (N, 1, h, w): the one channel each image climbs.

Two forms, as measured on the CPU (bench/filter_ascent.py): when the layer widens its input a lot
(the first layer: 3 channels in, 32 out), one grouped convolution with one image per group;
otherwise a dense convolution with only the N filters climbed, then each image's own channel (the
grouped form's reshape loses the channels-last layout there, and its copies cost more than it
saves). With N at least the layer's filter count the dense form saves nothing and the layer runs whole.

Anything else (residual blocks, squeeze-and-excitation, channel mixing after the convolution) keeps
the full layer. The caller also checks the shortcut against the full layer on the starting images
(`filters.filter_patterns`) and drops it on any difference, so a layer this module misreads costs
time, never a wrong pattern.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import torch
import torch.nn.functional as F
from torch import nn

__all__ = ["own_filters_only"]

_PER_CHANNEL = (
    nn.ReLU,
    nn.ReLU6,
    nn.SiLU,
    nn.Hardswish,
    nn.Hardsigmoid,
    nn.GELU,
    nn.LeakyReLU,
    nn.ELU,
    nn.Sigmoid,
    nn.Tanh,
    nn.Mish,
    nn.Softplus,
    nn.Identity,
    nn.Dropout,
    nn.Dropout2d,
)


def _plan(layer: nn.Module) -> tuple[nn.Conv2d, list[nn.BatchNorm2d]] | None:
    """The convolution to cut down and the batch norms that follow it, or None when the layer does not allow it."""
    leaves = [m for m in layer.modules() if not list(m.children())]
    convs = [m for m in leaves if isinstance(m, nn.Conv2d)]
    if not convs:
        return None
    conv = convs[-1]
    if conv.groups != 1 or conv.padding_mode != "zeros" or layer.training:
        return None
    after = leaves[leaves.index(conv) + 1 :]
    norms = [m for m in after if isinstance(m, nn.BatchNorm2d)]
    for module in after:
        if isinstance(module, nn.BatchNorm2d):
            if module.num_features != conv.out_channels or module.running_mean is None:
                return None
        elif not isinstance(module, _PER_CHANNEL):
            return None
    if "_conv_forward" in vars(conv) or any("forward" in vars(m) for m in norms):
        return None
    return conv, norms


@contextmanager
def own_filters_only(layer: nn.Module, filters: torch.Tensor) -> Iterator[bool]:
    """Within the block, image n of a batch computes only filter ``filters[n]`` of `layer`; yields whether it could.

    `filters` is a 1-D long tensor, one filter index per image. The module's own forward comes back
    when the block ends, whatever happens.
    """
    plan = _plan(layer)
    if plan is None or (plan[0].in_channels * 4 > plan[0].out_channels and len(filters) >= plan[0].out_channels):
        yield False
        return
    conv, norms = plan

    grouped = conv.in_channels * 4 <= conv.out_channels

    def conv_forward(x: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor | None) -> torch.Tensor:
        n = x.shape[0]
        index = filters[:n].to(x.device)
        bias = bias[index] if bias is not None else None
        if grouped:  # one group per image: (1, N*C, h, w) convolved with filter n on group n
            out = F.conv2d(
                x.reshape(1, -1, *x.shape[2:]), weight[index], bias, conv.stride, conv.padding, conv.dilation, n
            )
            return out.reshape(n, 1, *out.shape[2:])
        out = F.conv2d(x, weight[index], bias, conv.stride, conv.padding, conv.dilation)
        rows = torch.arange(n, device=x.device)
        return out[rows, rows].unsqueeze(1)  # image n's response to filter n: (N, 1, h, w)

    def norm_forward_for(norm: nn.BatchNorm2d):
        def norm_forward(x: torch.Tensor) -> torch.Tensor:
            index = filters[: x.shape[0]].to(x.device)
            scale = torch.rsqrt(norm.running_var[index] + norm.eps)
            if norm.weight is not None:
                scale = scale * norm.weight[index]
            shift = -norm.running_mean[index] * scale
            if norm.bias is not None:
                shift = shift + norm.bias[index]
            return x * scale.view(-1, 1, 1, 1) + shift.view(-1, 1, 1, 1)

        return norm_forward

    conv._conv_forward = conv_forward  # type: ignore[method-assign]
    for norm in norms:
        norm.forward = norm_forward_for(norm)  # type: ignore[method-assign]
    try:
        yield True
    finally:
        vars(conv).pop("_conv_forward", None)
        for norm in norms:
            vars(norm).pop("forward", None)
