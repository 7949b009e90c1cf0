"""Class activation maps: which parts of the input argue for one class (the book's 5.4.3, and its successors).

Each method maps a `CamPass` (the held model, a prepared input, the class index, the layer, and one
forward pass from `forward_pass`) to a raw, non-negative 2-D map: at the layer's resolution for the
CAM methods, at the input's for the gradient methods. The caller (`heatmaps.heatmap`) holds the
model with ``subject.using()``, upsamples and normalises.

- **Grad-CAM**: the class score's gradients at the layer, averaged over each channel (global average
  pooling), weight that channel's activation; the weighted sum over channels, through a ReLU.
- **Grad-CAM++**: the same with per-pixel weights from the second and third powers of the gradient.
- **Score-CAM**: no gradients; each channel's activation, upsampled and scaled to [0, 1], masks the
  input, and the class score of each masked input (a softmax over the channels) weights the channel.
  The masked inputs go through the network in batches sized from the input and a memory budget.
- **Saliency**: the plain gradient of the class score with respect to the input pixels, its largest
  absolute value over the colour channels; **SmoothGrad** averages it over noisy copies of the input.

Activations and gradients come from `capture` and ``torch.autograd.grad``: no module backward hook
(they break on torchvision's in-place ReLU), and the backward pass stops at the layer. Only the
input is given ``requires_grad``; the model's parameters stay frozen. Every method is a generator
(a job step): the slow ones yield `Progress` per batch, so they can be cancelled between batches.

`faithfulness` measures a map: the class probability's drop when the map's top 20 % of pixels are
blurred, against as many random pixels.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Generator
from dataclasses import dataclass

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from ..events import Event, Progress
from ..messages import msg
from .layers import capture
from .subject import Subject

__all__ = [
    "METHODS",
    "METHOD_TITLES",
    "GRADIENT_METHODS",
    "CamPass",
    "forward_pass",
    "gradcam",
    "gradcam_plus_plus",
    "score_cam",
    "saliency",
    "smoothgrad",
    "score_cam_batch_size",
    "SCORE_CAM_CHANNELS",
    "method_function",
    "Faithfulness",
    "faithfulness",
    "TOP_FRACTION",
]

METHODS: tuple[str, ...] = ("gradcam", "gradcam++", "scorecam", "saliency", "smoothgrad")
METHOD_TITLES = {
    "gradcam": "Grad-CAM",
    "gradcam++": "Grad-CAM++",
    "scorecam": "Score-CAM",
    "saliency": "saliency",
    "smoothgrad": "SmoothGrad",
}  # as the methods' papers write them, for messages
GRADIENT_METHODS: tuple[str, ...] = ("saliency", "smoothgrad")  # input-gradient maps: no layer
TOP_FRACTION = 0.2  # the share of pixels the faithfulness figure blurs
RANDOM_DRAWS = 3
SCORE_CAM_BUDGET = 256 * 2**20  # bytes the masked inputs of one Score-CAM batch may take, with their activations
_ACTIVATION_FACTOR = 24  # a forward pass without gradients holds about this many input-sized tensors at its peak

CamStep = Generator[Event, None, torch.Tensor]


@dataclass
class CamPass:
    """What a method works on: the held model, the input `x`, the class, the layer, and one forward
    pass with gradients on (the logits and the layer's output, in the graph)."""

    subject: Subject
    model: nn.Module
    x: torch.Tensor
    index: int
    layer: str | None
    logits: torch.Tensor
    activation: torch.Tensor | None

    def score(self, logits: torch.Tensor) -> torch.Tensor:
        """The (N,) scores of the target class in `logits`."""
        return self.subject.class_score(logits, self.index)


def forward_pass(subject: Subject, model: nn.Module, x: torch.Tensor, layer: str | None) -> CamPass:
    """One forward pass of `x` (which gets ``requires_grad``), catching `layer`'s output if given.

    The target class is not known yet (by default it is the top-1 of these logits): set `index`.
    """
    x.requires_grad_(True)
    with torch.enable_grad():
        if layer is None:
            return CamPass(subject, model, x, -1, None, model(x), None)
        with capture(model, [layer]) as caught:
            logits = model(x)
        return CamPass(subject, model, x, -1, layer, logits, caught[layer])


def _activation_gradient(step: CamPass) -> tuple[torch.Tensor, torch.Tensor]:
    (grad,) = torch.autograd.grad(step.score(step.logits).sum(), step.activation)
    return step.activation.detach(), grad.detach()


def gradcam(step: CamPass) -> CamStep:
    """Grad-CAM: ReLU(Σ_c mean(∂score/∂A_c) · A_c), at the layer's resolution."""
    a, g = _activation_gradient(step)
    weights = g.mean(dim=(2, 3), keepdim=True)
    return F.relu((weights * a).sum(dim=1))[0]
    yield  # a generator like the others (never reached)


def gradcam_plus_plus(step: CamPass) -> CamStep:
    """Grad-CAM++ (Chattopadhyay et al. 2018): per-pixel weights α from the gradient's 2nd and 3rd powers."""
    a, g = _activation_gradient(step)
    g2, g3 = g.pow(2), g.pow(3)
    total = a.sum(dim=(2, 3), keepdim=True)
    denominator = 2 * g2 + total * g3
    alpha = g2 / torch.where(denominator != 0, denominator, torch.ones_like(denominator))
    alpha = torch.where(g != 0, alpha, torch.zeros_like(alpha))
    weights = (alpha * F.relu(g)).sum(dim=(2, 3), keepdim=True)
    return F.relu((weights * a).sum(dim=1))[0]
    yield  # a generator like the others (never reached)


def score_cam_batch_size(x: torch.Tensor, budget: int = SCORE_CAM_BUDGET) -> int:
    """How many masked copies of `x` one Score-CAM forward pass takes within `budget` bytes (1 to 256)."""
    per_copy = x[0].numel() * x.element_size() * _ACTIVATION_FACTOR
    return max(1, min(256, budget // max(1, per_copy)))


SCORE_CAM_CHANNELS = 256
"""Score-CAM masks the input with at most this many channels: the ones most active in this photo."""


def score_cam(step: CamPass, *, batch_size: int | None = None, max_channels: int = SCORE_CAM_CHANNELS) -> CamStep:
    """Score-CAM (Wang et al. 2020): each channel, as a [0, 1] mask of the input, weighted by the class score it keeps.

    One forward pass per channel is slow on a wide layer (EfficientNet-Lite0's last has 1,280), so only
    the `max_channels` channels with the highest mean activation in this photo are used (the weights'
    softmax runs over those); a flat channel masks nothing and is never among them unless all are flat.
    """
    a, x = step.activation.detach()[0], step.x  # (C, h, w)
    if a.shape[0] > max_channels:
        a = a[a.mean(dim=(1, 2)).topk(max_channels).indices]
    channels = a.shape[0]
    masks = F.interpolate(a[None], size=x.shape[2:], mode="bilinear", align_corners=False)[0]
    low = masks.flatten(1).amin(dim=1)[:, None, None]
    high = masks.flatten(1).amax(dim=1)[:, None, None]
    span = high - low
    masks = torch.where(span > 0, (masks - low) / torch.where(span > 0, span, torch.ones_like(span)), 0.0)
    size = batch_size or score_cam_batch_size(x)
    base = x.detach()
    scores = torch.empty(channels, device=a.device)
    total = math.ceil(channels / size)
    for number, start in enumerate(range(0, channels, size)):
        chunk = masks[start : start + size]
        with torch.no_grad():
            scores[start : start + size] = step.score(step.model(base * chunk[:, None])).float()
        yield Progress(msg("heatmap.score_cam_progress", channels=channels), number + 1, total)
    weights = torch.softmax(scores, dim=0)[:, None, None]
    return F.relu((weights * a).sum(dim=0))


def saliency(step: CamPass) -> CamStep:
    """The plain input gradient (Simonyan et al. 2014): max over colour channels of |∂score/∂x|."""
    (grad,) = torch.autograd.grad(step.score(step.logits).sum(), step.x)
    return grad.detach().abs().amax(dim=1)[0]
    yield  # a generator like the others (never reached)


def smoothgrad(step: CamPass, *, samples: int = 16, noise: float = 0.15, seed: int = 0, batch_size: int = 8) -> CamStep:
    """SmoothGrad (Smilkov et al. 2017): the saliency map averaged over `samples` copies with Gaussian noise.

    The noise's standard deviation is `noise` times the input's value range; `seed` makes it repeatable.
    """
    base = step.x.detach()
    sigma = noise * float(base.max() - base.min())
    generator = torch.Generator(device="cpu").manual_seed(seed)
    total_map = torch.zeros(base.shape[2:], device=base.device)
    batches = math.ceil(samples / batch_size)
    for number, start in enumerate(range(0, samples, batch_size)):
        count = min(batch_size, samples - start)
        noisy = base.expand(count, *base.shape[1:]).clone()
        noisy += torch.randn(noisy.shape, generator=generator).to(base.device) * sigma
        noisy.requires_grad_(True)
        with torch.enable_grad():
            score = step.score(step.model(noisy)).sum()
            (grad,) = torch.autograd.grad(score, noisy)
        total_map += grad.abs().amax(dim=1).sum(dim=0)
        yield Progress(msg("heatmap.smoothgrad_progress", samples=samples), number + 1, batches)
    return total_map / samples


@dataclass(frozen=True)
class Faithfulness:
    """The target's probability, and its drop with the map's top pixels blurred vs as many random pixels."""

    probability: float
    top: float
    random: float
    fraction: float = TOP_FRACTION

    def as_dict(self) -> dict:
        return {"top": self.top, "random": self.random, "fraction": self.fraction}


# ---- faithfulness ------------------------------------------------------------------------------


def _blur(x: torch.Tensor) -> torch.Tensor:
    """A strong Gaussian blur of the (N, C, h, w) input (sigma 1/8 of its short side, reflected edges)."""
    h, w = x.shape[2:]
    sigma = max(1.0, min(h, w) / 8)
    radius = max(1, min(math.ceil(3 * sigma), min(h, w) - 1))
    t = torch.arange(-radius, radius + 1, dtype=x.dtype, device=x.device)
    kernel = torch.exp(-(t**2) / (2 * sigma**2))
    kernel = kernel / kernel.sum()
    c = x.shape[1]
    out = F.pad(x, (radius, radius, 0, 0), mode="reflect")
    out = F.conv2d(out, kernel.view(1, 1, 1, -1).expand(c, 1, 1, -1), groups=c)
    out = F.pad(out, (0, 0, radius, radius), mode="reflect")
    return F.conv2d(out, kernel.view(1, 1, -1, 1).expand(c, 1, -1, 1), groups=c)


def faithfulness(
    subject: Subject,
    x: torch.Tensor,
    index: int,
    network_map: np.ndarray,
    *,
    grid: tuple[int, int] | None = None,
    fraction: float = TOP_FRACTION,
    seed: int = 0,
) -> Faithfulness:
    """The class probability's drop with the map's top `fraction` of pixels blurred, vs random pixels.

    `network_map` is (h, w), the input's own size. The random pixels are as coarse as the map: the
    top `fraction` of seeded noise drawn on `grid` (the map's own resolution before upsampling,
    default the input's) and upsampled, so both masks have blobs of the same scale (scattered single
    pixels would destroy every texture and drop any class). Call inside ``subject.using()``.
    """
    base = x.detach()
    h, w = base.shape[2:]
    count = max(1, round(fraction * h * w))
    values = torch.as_tensor(np.array(network_map, dtype=np.float32)).flatten()
    generator = torch.Generator().manual_seed(seed)
    gh, gw = grid or (h, w)
    chosen = [torch.topk(values, count).indices]
    for _ in range(RANDOM_DRAWS):
        noise = torch.rand(1, 1, gh, gw, generator=generator)
        if (gh, gw) != (h, w):
            noise = F.interpolate(noise, size=(h, w), mode="bilinear", align_corners=False)
        chosen.append(torch.topk(noise.flatten(), count).indices)
    masks = torch.zeros(len(chosen), h * w)
    for row, pixels in enumerate(chosen):
        masks[row, pixels] = 1.0
    masks = masks.view(-1, 1, h, w).to(base.device, base.dtype)
    blurred = _blur(base)
    with torch.no_grad():
        batch = torch.cat([base, base * (1 - masks) + blurred * masks])
        p = subject.probabilities(subject.model(batch))[:, index].cpu().numpy().astype(float)
    drops = p[0] - p[1:]
    return Faithfulness(float(p[0]), float(drops[0]), float(drops[1:].mean()), fraction)


Method = Callable[..., CamStep]
_FUNCTIONS: dict[str, Method] = {
    "gradcam": gradcam,
    "gradcam++": gradcam_plus_plus,
    "scorecam": score_cam,
    "saliency": saliency,
    "smoothgrad": smoothgrad,
}


def method_function(name: str) -> Method:
    """The function of method `name` (one of `METHODS`)."""
    return _FUNCTIONS[name]
