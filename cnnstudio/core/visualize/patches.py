"""Filters seen through the data: the dataset patches that excite a filter most, and the first layer's kernels.

`top_patches` makes one pass over the images (batched, no gradients) and keeps, for every filter of
the layer at once, the k images where the filter's strongest response is highest and where it is;
the ranking is cached, so picking another filter only cuts k new patches. Each patch is the part of
the image the filter's unit sees: its receptive field, measured on the network itself (the input
pixels with a non-zero gradient for one output unit), so it works on any model.
"""

from __future__ import annotations

import os
from collections.abc import Generator, Sequence
from dataclasses import dataclass

import numpy as np
import torch

from ..cache import ByteBudgetCache, cache_budget_from_env
from ..errors import UserError
from ..events import Event, Progress
from ..messages import msg
from ..torchutils import seeded_generator
from .filters import FilterError
from .layers import capture, is_conv
from .subject import Subject

__all__ = [
    "ReceptiveField",
    "TopPatches",
    "receptive_field",
    "top_patches",
    "first_layer_kernels",
    "PATCH_RANKING_CACHE",
]

PATCH_RANKING_CACHE: ByteBudgetCache[tuple, _Ranking] = ByteBudgetCache(
    "patch_rankings", cache_budget_from_env("patch_rankings", 16), lambda r: r.nbytes
)
"""For each (weights, layer, images, k, size): every filter's top-k images and positions."""


@dataclass(frozen=True)
class ReceptiveField:
    """Where output unit (i, j) of a layer looks: rows ``top + i*stride_y`` … ``+ height`` (and so for columns).

    The box may reach past the image (padding); `box` clips nothing, the patches are padded grey.
    """

    height: int
    width: int
    stride_y: int
    stride_x: int
    top: int
    left: int
    output_size: tuple[int, int]

    def box(self, i: int, j: int) -> tuple[int, int, int, int]:
        """(top, left, height, width) of unit (i, j)'s field in input pixels."""
        return self.top + i * self.stride_y, self.left + j * self.stride_x, self.height, self.width


@dataclass(frozen=True)
class _Ranking:
    images: tuple[str, ...]
    index: np.ndarray  # (C, k) image index, -1 where there were fewer images than k
    value: np.ndarray  # (C, k) the filter's maximum on that image
    positions: np.ndarray  # (C, k, 2) where the maximum is (row, column of the layer's map)
    field: ReceptiveField
    size: tuple[int, int]

    @property
    def nbytes(self) -> int:
        return int(self.index.nbytes + self.value.nbytes + self.positions.nbytes + 64 * len(self.images))


@dataclass(frozen=True)
class TopPatches:
    """The k dataset patches that excite one filter most, strongest first: (k, h, w, C) uint8."""

    layer: str
    filter: int
    patches: np.ndarray
    images: tuple[str, ...]  # the image each patch comes from
    values: np.ndarray  # (k,) the filter's activation there
    positions: np.ndarray  # (k, 2) the unit (row, column) in the layer's map
    field: ReceptiveField


def _bounds(mask: np.ndarray) -> tuple[int, int]:
    hits = np.flatnonzero(mask)
    return (int(hits[0]), int(hits[-1]) + 1) if hits.size else (0, mask.size)


def receptive_field(subject: Subject, layer: str, size: tuple[int, int] | None = None) -> ReceptiveField:
    """The receptive field of `layer`'s units, measured: the input pixels that move one unit's value.

    The gradient of two neighbouring units (channels mixed at random, on a few random inputs) gives
    the field's size and where it sits; their offset gives the stride.
    """
    h, w = size or subject.input_size
    generator = seeded_generator(0)
    with subject.using() as model, capture(model, [layer]) as caught:
        x = torch.randn(4, subject.channels, h, w, generator=generator).to(subject.device).requires_grad_(True)
        model(x)
        out = caught.get(layer)
        if out is None or out.dim() != 4:
            raise FilterError(msg("filters.not_a_map", layer=layer))
        oh, ow = int(out.shape[2]), int(out.shape[3])
        ci, cj = oh // 2, ow // 2
        ni, nj = (ci + 1 if ci + 1 < oh else ci - 1), (cj + 1 if cj + 1 < ow else cj - 1)
        mix = torch.randn(out.shape[:2], generator=generator).to(out.device)  # no two channels can cancel
        boxes = []
        for i, j in ((ci, cj), (ni, nj)):
            (grad,) = torch.autograd.grad((out[:, :, i, j] * mix).sum(), x, retain_graph=True)
            mask = grad.abs().sum(dim=(0, 1)).cpu().numpy() > 0
            boxes.append((_bounds(mask.any(axis=1)), _bounds(mask.any(axis=0))))
    ((t0, b0), (l0, r0)), ((t1, _), (l1, _)) = boxes
    stride_y = abs(t1 - t0) if oh > 1 else h
    stride_x = abs(l1 - l0) if ow > 1 else w
    if oh == 1 or stride_y == 0:
        stride_y = max(1, round(h / oh))
    if ow == 1 or stride_x == 0:
        stride_x = max(1, round(w / ow))
    return ReceptiveField(b0 - t0, r0 - l0, stride_y, stride_x, t0 - ci * stride_y, l0 - cj * stride_x, (oh, ow))


def _load(subject: Subject, path: str, size: tuple[int, int]) -> np.ndarray:
    """The image as the network sees it in the pass: uint8 (h, w, C) at `size`."""
    from PIL import Image

    array = subject.image_array(path)
    pil = Image.fromarray(array[:, :, 0] if array.shape[2] == 1 else array)
    if pil.size != (size[1], size[0]):
        pil = pil.resize((size[1], size[0]), Image.Resampling.BILINEAR, reducing_gap=3.0)
    out = np.array(pil, dtype=np.uint8)
    return out[:, :, None] if out.ndim == 2 else out


def _rank(
    subject: Subject, layer: str, images: tuple[str, ...], k: int, batch_size: int, size: tuple[int, int]
) -> Generator[Event, None, _Ranking]:
    values: torch.Tensor | None = None  # (C, k so far)
    index = positions = None
    total = len(images)
    with subject.using() as model, capture(model, [layer]) as caught:
        for start in range(0, total, batch_size):
            loaded, numbers = [], []
            for number in range(start, min(start + batch_size, total)):
                try:
                    loaded.append(subject.prepare_array(_load(subject, images[number], size), size=size))
                except UserError:  # an unreadable file is left out of the ranking, not the end of the pass
                    continue
                numbers.append(number)
            done = min(start + batch_size, total)
            if not loaded:
                yield Progress(msg("filters.scanning", layer=layer), done, total)
                continue
            with torch.no_grad():
                model(torch.cat(loaded))
            out = caught.get(layer)
            if out is None or out.dim() != 4:
                raise FilterError(msg("filters.not_a_map", layer=layer))
            n, c, oh, ow = out.shape
            peak, where = out.float().reshape(n, c, -1).max(dim=2)  # (n, C)
            cand_v = peak.t().cpu()
            cand_i = torch.tensor(numbers).expand(c, n)
            cand_p = torch.stack([where // ow, where % ow], dim=-1).transpose(0, 1).cpu()  # (C, n, 2)
            if values is not None:
                cand_v = torch.cat([values, cand_v], dim=1)
                cand_i = torch.cat([index, cand_i], dim=1)
                cand_p = torch.cat([positions, cand_p], dim=1)
            keep = min(k, cand_v.shape[1])
            values, order = cand_v.topk(keep, dim=1)
            index = cand_i.gather(1, order)
            positions = cand_p.gather(1, order[:, :, None].expand(-1, -1, 2))
            yield Progress(msg("filters.scanning", layer=layer), done, total)
    if values is None or index is None or positions is None:
        raise FilterError(msg("filters.no_images"))
    field = receptive_field(subject, layer, size)
    return _Ranking(images, index.numpy(), values.numpy(), positions.numpy().astype(np.int64), field, size)


def _cut(image: np.ndarray, top: int, left: int, height: int, width: int) -> np.ndarray:
    """The (height, width) box of `image` at (top, left); parts outside the image are grey (128)."""
    out = np.full((height, width, image.shape[2]), 128, dtype=np.uint8)
    y0, x0 = max(0, top), max(0, left)
    y1, x1 = min(image.shape[0], top + height), min(image.shape[1], left + width)
    if y1 > y0 and x1 > x0:
        out[y0 - top : y1 - top, x0 - left : x1 - left] = image[y0:y1, x0:x1]
    return out


def top_patches(
    subject: Subject,
    layer: str,
    filter: int,
    images: Sequence[str | os.PathLike[str]],
    *,
    k: int = 9,
    batch_size: int = 64,
    size: tuple[int, int] | None = None,
) -> Generator[Event, None, TopPatches]:
    """Job: the `k` patches of `images` where `filter` of `layer` responds most, each its receptive field.

    The pass ranks every filter of the layer at once and is cached: another filter of the same
    layer and images costs only loading its k images.
    """
    paths = tuple(str(p) for p in images)
    size = tuple(size or subject.input_size)  # type: ignore[assignment]
    key = (subject.key, layer, paths, int(k), size)
    ranking = PATCH_RANKING_CACHE.get(key)
    if ranking is None:
        ranking = yield from _rank(subject, layer, paths, max(1, int(k)), max(1, int(batch_size)), size)  # type: ignore[arg-type]
        PATCH_RANKING_CACHE.put(key, ranking)
    if not 0 <= filter < ranking.index.shape[0]:
        raise FilterError(msg("filters.no_such_filter", layer=layer, filter=filter, count=int(ranking.index.shape[0])))
    field = ranking.field
    patches, sources = [], []
    for image_index, (i, j) in zip(ranking.index[filter], ranking.positions[filter], strict=True):
        path = ranking.images[int(image_index)]
        patches.append(_cut(_load(subject, path, ranking.size), *field.box(int(i), int(j))))
        sources.append(path)
    return TopPatches(
        layer,
        int(filter),
        np.stack(patches),
        tuple(sources),
        ranking.value[filter].copy(),
        ranking.positions[filter].copy(),
        field,
    )


def first_layer_kernels(subject: Subject) -> np.ndarray:
    """The first convolution's raw kernels as pictures: (N, k, k, 3) uint8, 0 at grey 128.

    Each kernel is scaled on its own, symmetric around 0 (its largest magnitude → 0 or 255).
    A first layer that does not see colour (one input channel, or depthwise) is shown in grey.
    """
    conv = next((m for m in subject.model.modules() if isinstance(m, torch.nn.Conv2d)), None)
    if conv is None or not any(is_conv(m) for m in subject.model.modules()):
        raise FilterError(msg("filters.no_conv"))
    weight = conv.weight.detach().float().cpu()
    if weight.shape[1] != 3:
        weight = weight.mean(dim=1, keepdim=True).expand(-1, 3, -1, -1)
    peak = weight.abs().amax(dim=(1, 2, 3), keepdim=True).clamp(min=1e-12)
    scaled = (weight / peak * 127.5 + 128.0).clamp(0, 255).round().to(torch.uint8)
    return scaled.permute(0, 2, 3, 1).numpy().copy()
