"""Filter patterns (5.4.2): the input each filter of a layer responds to most, found by gradient ascent.

All the filters asked for are optimised together, as one batch: image n of the batch climbs the
mean activation of filter n, so the loss ``sum_n mean(act[n, filter_n])`` gives every image its own
gradient in one backward pass. Nothing in the networks couples the images of a batch (BatchNorm is
in eval mode), and every random draw is either per filter — the starting noise and spectrum come
from a generator seeded by (seed, filter index) — or shared by the whole batch (robust mode's
jitter, scale and rotation, one draw per step), so optimising filters together gives the same
patterns as optimising each alone with the same seed, only much faster.

Two modes:

- *book*: the chapter's ascent. Start from a grey image with a little noise (``random * 20 + 128``),
  add ``step_size`` × the gradient normalised by its root mean square (per image) each step, and
  show the result with the book's deprocess (standardise, × 0.1, + 0.5, clip, × 255).
- *robust*: as Lucid and Lucent do it. The image is a Fourier spectrum scaled by 1/f, its colours
  decorrelated (Lucid's colour correlation matrix) and squashed into [0, 1] by a sigmoid; each step
  sees the batch padded, jittered, scaled and slightly rotated; Adam climbs the spectrum. The
  patterns come out clean on pretrained networks, where the book's look "edgy".
"""

from __future__ import annotations

import math
from collections.abc import Generator, Sequence
from contextlib import nullcontext
from dataclasses import dataclass
from typing import Any

import numpy as np
import torch
import torch.nn.functional as F

from ..cache import ByteBudgetCache, cache_budget_from_env
from ..choices import FILTER_MODES
from ..errors import UserError
from ..events import Event, Progress
from ..messages import msg
from ..torchutils import fast_autocast, removing, seeded_generator
from .layers import capture, find_layer
from .own_filters import own_filters_only
from .subject import Subject

__all__ = [
    "FilterPatterns",
    "PatternFrame",
    "FILTER_MODES",
    "FILTER_CACHE",
    "filter_patterns",
    "layer_filter_count",
    "book_deprocess",
]

FILTER_CACHE_MB = 64
FILTER_CACHE: ByteBudgetCache[tuple, FilterPatterns] = ByteBudgetCache(
    "filter_patterns", cache_budget_from_env("filter_patterns", FILTER_CACHE_MB), lambda r: r.nbytes
)
"""Finished filter patterns, keyed by (weights, layer, filters, settings): going back to a layer is instant."""

# Lucid's colour correlation (square root of the ImageNet colour covariance, from its SVD).
_COLOR_SVD_SQRT = np.array([[0.26, 0.09, 0.02], [0.27, 0.00, -0.05], [0.27, -0.09, 0.03]], dtype=np.float32)
_COLOR_NORMALISED = _COLOR_SVD_SQRT / np.max(np.linalg.norm(_COLOR_SVD_SQRT, axis=0))
_ROBUST_LR = 0.05  # Lucent's Adam learning rate
_SCALES = [1 + (i - 5) / 50 for i in range(11)]
_ANGLES = list(range(-10, 11)) + 5 * [0]


@dataclass(frozen=True)
class PatternFrame(Event):
    """The patterns so far, after `step` of `steps`: (N, h, w, C) uint8, one per filter in `filters`."""

    layer: str
    filters: tuple[int, ...]
    step: int
    steps: int
    images: Any  # numpy.ndarray


@dataclass(frozen=True)
class FilterPatterns:
    """The finished patterns of one layer: (N, h, w, C) uint8, and each filter's mean activation before and after."""

    layer: str
    filters: tuple[int, ...]
    mode: str
    patterns: np.ndarray
    activations: np.ndarray  # (N,) float32: filter n's mean activation on its final pattern
    start_activations: np.ndarray  # (N,) float32: the same on the starting image
    raw: np.ndarray  # (N, C, h, w) float32: the optimised images before display (pixels 0..255 in book mode)

    @property
    def nbytes(self) -> int:
        return int(self.patterns.nbytes + self.raw.nbytes + self.activations.nbytes * 2)


class FilterError(UserError):
    """A layer without filters to optimise (its output is not a stack of feature maps)."""


def layer_filter_count(subject: Subject, layer: str, size: tuple[int, int] | None = None) -> int:
    """The number of filters (output channels) of `layer`: one forward pass on a grey image."""
    with subject.using() as model, capture(model, [layer]) as caught, torch.no_grad():
        model(subject.grey_input(size or _default_size(subject)))
    out = caught.get(layer)
    if out is None or out.dim() != 4:
        raise FilterError(msg("filters.not_a_map", layer=layer))
    return int(out.shape[1])


def _default_size(subject: Subject) -> tuple[int, int]:
    return subject.input_size


def _choose_filters(count: int, filters: int | Sequence[int] | None, layer: str) -> tuple[int, ...]:
    if filters is None:
        return tuple(range(count))
    if isinstance(filters, int):
        return tuple(range(min(max(1, filters), count)))
    chosen = tuple(int(f) for f in filters)
    bad = [f for f in chosen if not 0 <= f < count]
    if bad or not chosen:
        raise FilterError(msg("filters.no_such_filter", layer=layer, filter=bad[0] if bad else -1, count=count))
    return chosen


def book_deprocess(x: np.ndarray) -> np.ndarray:
    """The book's display of a pattern: (N, C, h, w) float → (N, h, w, C) uint8, each image on its own.

    Standardised (mean 0, std 1), × 0.1, + 0.5, clipped to [0, 1], × 255.
    """
    x = np.asarray(x, dtype=np.float32)
    mean = x.mean(axis=(1, 2, 3), keepdims=True)
    std = x.std(axis=(1, 2, 3), keepdims=True)
    x = (x - mean) / (std + 1e-5) * 0.1 + 0.5
    return (np.clip(x, 0.0, 1.0) * 255.0).round().astype(np.uint8).transpose(0, 2, 3, 1)


class _StopForwardError(Exception):
    """Raised by a hook to end a forward pass once the layer of interest has run."""


class _Objective:
    """Filter n's mean activation in image n, for a batch, with the forward pass cut after the layer."""

    def __init__(self, model: torch.nn.Module, layer: str, filters: tuple[int, ...], normalise, bf16: bool) -> None:
        self.model, self.layer, self.normalise, self.bf16 = model, layer, normalise, bf16
        self.index = torch.tensor(filters, dtype=torch.long)
        self.own = False  # True while the layer computes only each image's own filter (`own_filters_only`)

    def __call__(self, pixels: torch.Tensor, caught: dict[str, torch.Tensor]) -> torch.Tensor:
        try:
            # channels-last runs the CPU's pooling and convolutions several times faster on a batch
            with fast_autocast(pixels.device, self.bf16):
                self.model(self.normalise(pixels).contiguous(memory_format=torch.channels_last))
        except _StopForwardError:
            pass
        out = caught.get(self.layer)
        if out is None or out.dim() != 4:
            raise FilterError(msg("filters.not_a_map", layer=self.layer))
        out = out.float()
        if self.own:
            return out[:, 0].mean(dim=(1, 2))  # (N,)
        rows = torch.arange(out.shape[0], device=out.device)
        return out[rows, self.index[: out.shape[0]].to(out.device)].mean(dim=(1, 2))  # (N,)


def _stop_hook(_module, _inputs, _output):
    raise _StopForwardError


def filter_patterns(
    subject: Subject,
    layer: str,
    *,
    filters: int | Sequence[int] | None = None,
    steps: int = 40,
    step_size: float | None = None,
    size: tuple[int, int] | None = None,
    mode: str = "book",
    seed: int = 0,
    frames: int = 20,
    precision: str = "auto",
) -> Generator[Event, None, FilterPatterns]:
    """Job: the patterns of `layer`'s filters (all, the first N, or a list), all optimised as one batch.

    `step_size` defaults to 1 pixel level per step in book mode (the chapter's ``step = 1.``) and to
    Adam's 0.05 in robust mode. Yields `Progress` each step and about `frames` `PatternFrame` events.
    `precision` "auto" runs the network in bfloat16 where that is fast (a CPU with AMX or AVX512-BF16,
    a CUDA GPU: 1.5-2.5x faster on this machine's CPU, patterns the same to the eye); "float32" never does.
    The images being optimised stay float32 either way.
    """
    if mode not in FILTER_MODES:
        raise ValueError(f"mode must be one of {FILTER_MODES}, not {mode!r}")
    if precision not in ("auto", "float32"):
        raise ValueError(f"precision must be 'auto' or 'float32', not {precision!r}")
    size = tuple(int(v) for v in (size or _default_size(subject)))  # type: ignore[assignment]
    if subject.fixed_size and size != tuple(subject.input_size):
        size = tuple(subject.input_size)  # type: ignore[assignment]
    steps = max(0, int(steps))
    step_size = float(step_size if step_size is not None else (1.0 if mode == "book" else _ROBUST_LR))
    count = layer_filter_count(subject, layer, size)  # type: ignore[arg-type]
    chosen = _choose_filters(count, filters, layer)
    key = (subject.key, layer, chosen, steps, step_size, size, mode, int(seed), precision)
    cached = FILTER_CACHE.get(key)
    if cached is not None:
        yield PatternFrame(layer, chosen, steps, steps, cached.patterns)
        return cached
    every = max(1, steps // max(1, frames))
    h, w = size  # type: ignore[misc]
    device = subject.device
    image = _BookImage(subject, chosen, h, w, seed) if mode == "book" else _RobustImage(subject, chosen, h, w, seed)
    with subject.using() as model, capture(model, [layer]) as caught, removing() as handles:
        module = find_layer(model, layer)
        handles.append(module.register_forward_hook(_stop_hook))
        objective = _Objective(model, layer, chosen, image.normalise, precision == "auto")
        with torch.no_grad():
            start = objective(image.pixels(), caught).float().cpu().numpy()
        own = _shortcut_agrees(module, objective, image.pixels(), caught, start)
        with own_filters_only(module, objective.index) if own else nullcontext():
            objective.own = own
            transforms = _Transforms(seed, h, w, device)
            for step in range(1, steps + 1):
                image.step(objective, caught, step_size, transforms)
                yield Progress(msg("filters.ascent", layer=layer, count=len(chosen)), step, steps)
                if step % every == 0 and step < steps:
                    yield PatternFrame(layer, chosen, step, steps, image.display())
            with torch.no_grad():
                final = objective(image.pixels(), caught).float().cpu().numpy()
    result = FilterPatterns(
        layer, chosen, mode, image.display(), final, start, image.pixels().detach().float().cpu().numpy()
    )
    FILTER_CACHE.put(key, result)
    yield PatternFrame(layer, chosen, steps, steps, result.patterns)
    return result


def _shortcut_agrees(
    module: torch.nn.Module, objective: _Objective, pixels: torch.Tensor, caught: dict, full: np.ndarray
) -> bool:
    """Whether `module` can compute only each image's own filter, giving the full layer's values on `pixels`."""
    with own_filters_only(module, objective.index) as own, torch.no_grad():
        if not own:
            return False
        objective.own = True
        try:
            cut = objective(pixels, caught).float().cpu().numpy()
        finally:
            objective.own = False
    scale = max(1.0, float(np.abs(full).max()))
    return cut.shape == full.shape and bool(np.allclose(cut, full, rtol=1e-4, atol=1e-5 * scale))


def _normaliser(subject: Subject, device: torch.device):
    """[0, 1] pixels → the network's input (the subject's mean and std when it has them)."""
    if subject.mean is None or subject.std is None:
        return lambda x: x
    mean = torch.tensor(subject.mean, device=device).view(1, -1, 1, 1)
    std = torch.tensor(subject.std, device=device).view(1, -1, 1, 1)
    return lambda x: (x - mean) / std


class _BookImage:
    """The chapter's parameterisation: the pixels themselves, 0..255, starting at grey + noise."""

    def __init__(self, subject: Subject, filters: tuple[int, ...], h: int, w: int, seed: int) -> None:
        device = subject.device
        noise = [torch.rand(subject.channels, h, w, generator=seeded_generator(_filter_seed(seed, f))) for f in filters]
        self.x = (torch.stack(noise) * 20.0 + 128.0).to(device)
        to_input = _normaliser(subject, device)
        self.normalise = lambda pixels: to_input(pixels / 255.0)

    def pixels(self) -> torch.Tensor:
        return self.x

    def step(self, objective: _Objective, caught: dict, step_size: float, _transforms: _Transforms) -> None:
        x = self.x.detach().requires_grad_(True)
        loss = objective(x, caught).sum()
        (grad,) = torch.autograd.grad(loss, x)
        rms = grad.pow(2).mean(dim=(1, 2, 3), keepdim=True).sqrt()
        self.x = (x + step_size * grad / (rms + 1e-5)).detach()

    def display(self) -> np.ndarray:
        return book_deprocess(self.x.detach().float().cpu().numpy())


def _filter_seed(seed: int, filter_index: int) -> int:
    """A seed for one filter's random start: depends on the run's seed and the filter alone."""
    return (int(seed) * 1_000_003 + int(filter_index) * 7919 + 17) % (2**63 - 1)


class _RobustImage:
    """Lucid's parameterisation: a 1/f-scaled Fourier spectrum, decorrelated colours, a sigmoid."""

    def __init__(self, subject: Subject, filters: tuple[int, ...], h: int, w: int, seed: int) -> None:
        device = subject.device
        self.h, self.w, self.channels = h, w, subject.channels
        fy = torch.fft.fftfreq(h)[:, None]
        fx = torch.fft.rfftfreq(w)[None, :]
        freqs = torch.sqrt(fx * fx + fy * fy)
        # Lucid's 1/f scale; with an orthonormal inverse FFT no further sqrt(h * w) factor (Lucent's form)
        self.scale = (1.0 / torch.clamp(freqs, min=1.0 / max(h, w)))[..., None].to(device)
        shape = (subject.channels, h, w // 2 + 1, 2)
        spectra = [torch.randn(shape, generator=seeded_generator(_filter_seed(seed, f))) * 0.01 for f in filters]
        self.spectrum = torch.stack(spectra).to(device).requires_grad_(True)
        self.optimiser = torch.optim.Adam([self.spectrum], lr=_ROBUST_LR)
        self.colour = torch.tensor(_COLOR_NORMALISED, device=device)
        self.normalise = _normaliser(subject, device)

    def pixels(self) -> torch.Tensor:
        """The images in [0, 1], (N, C, h, w)."""
        spectrum = torch.view_as_complex((self.spectrum * self.scale).contiguous())
        image = torch.fft.irfftn(spectrum, s=(self.h, self.w), norm="ortho") / 4.0
        if self.channels == 3:
            image = torch.einsum("nchw,dc->ndhw", image, self.colour)
        return torch.sigmoid(image)

    def step(self, objective: _Objective, caught: dict, step_size: float, transforms: _Transforms) -> None:
        for group in self.optimiser.param_groups:
            group["lr"] = step_size
        self.optimiser.zero_grad(set_to_none=True)
        loss = -objective(transforms(self.pixels()), caught).sum()
        (grad,) = torch.autograd.grad(loss, self.spectrum)
        self.spectrum.grad = grad
        self.optimiser.step()

    def display(self) -> np.ndarray:
        with torch.no_grad():
            x = self.pixels().float().cpu().numpy()
        return (np.clip(x, 0.0, 1.0) * 255.0).round().astype(np.uint8).transpose(0, 2, 3, 1)


class _Transforms:
    """Lucid's standard transforms, one random draw per step shared by the whole batch: pad, jitter, scale, rotate, jitter.

    Sizes are Lucid's for 224 pixels, scaled to the image.
    """

    def __init__(self, seed: int, h: int, w: int, device: torch.device) -> None:
        self.generator = seeded_generator(seed)
        self.h, self.w, self.device = h, w, device
        unit = min(h, w) / 224.0
        self.pad = max(1, round(12 * unit))
        self.jitter1 = max(1, round(8 * unit))
        self.jitter2 = max(1, round(4 * unit))

    def _pick(self, options: Sequence[Any]) -> Any:
        return options[int(torch.randint(len(options), (1,), generator=self.generator))]

    def _jitter(self, x: torch.Tensor, amount: int) -> torch.Tensor:
        dx, dy = (int(torch.randint(amount + 1, (1,), generator=self.generator)) for _ in range(2))
        return x[:, :, dy : x.shape[2] - amount + dy, dx : x.shape[3] - amount + dx]

    def __call__(self, x: torch.Tensor) -> torch.Tensor:
        x = F.pad(x, (self.pad,) * 4, mode="constant", value=0.5)
        x = self._jitter(x, self.jitter1)
        scale = self._pick(_SCALES)
        angle = math.radians(self._pick(_ANGLES))
        cos, sin = math.cos(angle) / scale, math.sin(angle) / scale
        theta = torch.tensor([[cos, -sin, 0.0], [sin, cos, 0.0]], dtype=x.dtype, device=x.device)
        grid = F.affine_grid(theta.expand(x.shape[0], 2, 3), list(x.shape), align_corners=False)
        x = F.grid_sample(x, grid, mode="bilinear", padding_mode="border", align_corners=False)
        return self._jitter(x, self.jitter2)
