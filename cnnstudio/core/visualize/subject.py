"""The network the visualisations look inside: a trained run's model, or a pretrained backbone with its ImageNet head.

`open_subject` gives one `Subject` for both, so activations, filter patterns and heatmaps work the
same on every model the app can build or load. A subject's `model` maps a prepared batch to logits;
`prepare` turns a photo into that batch, whole (never centre-cropped): at the network's usual scale
with the aspect ratio kept when the network takes any input size, else resized to its fixed input
size, as training saw it. Either way the map of the network's input back onto the photo is a plain
per-axis scale, so heatmaps line up exactly.

Visualisations never change a model under another job's feet: `Subject.using()` holds the model's
own lock, puts every module in eval mode and turns parameter gradients off, and restores all of it
in ``finally``. Models are shared with prediction (the backbone cache) but never with training:
a run is always loaded from its folder, a fresh copy.
"""

from __future__ import annotations

import os
import threading
import weakref
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image
from torch import nn

from ..data import DEMO_PREFIX, display_image
from ..images import open_image
from ..models import class_probabilities
from ..pretrained import BACKBONES, cached_backbone, load_backbone
from ..pretrained.backbone import Backbone
from ..runs import BEST
from ..torchutils import eval_mode, prepare_input

__all__ = [
    "Subject",
    "ImagenetNetwork",
    "TransferNetwork",
    "cached_subject",
    "open_subject",
    "resize_map",
    "subject_from_backbone",
    "subject_from_run",
]

_MAX_ASPECT = 4.0  # a panorama is fed at most 4x as long as its short side (the rest would be slow and tiny)


class ImagenetNetwork(nn.Module):
    """A `Backbone`'s blocks and original ImageNet classifier as one module, with readable layer names.

    Its children are the blocks under their own names (``stem``, ``stage1`` … ``head``, or ``block1`` …
    for VGG16) and ``classifier``; the modules are the backbone's own, not copies.
    """

    def __init__(self, backbone: Backbone) -> None:
        super().__init__()
        for name, block in zip(backbone.block_names, backbone.blocks, strict=True):
            self.add_module(name, block)
        self.classifier = backbone.imagenet_head
        self.block_names = list(backbone.block_names)
        self.output_activation = "softmax"

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        for name in self.block_names:
            x = getattr(self, name)(x)
        return self.classifier(x)


class TransferNetwork(nn.Module):
    """A transfer run's model (pretrained base + new head) with the same readable names as `ImagenetNetwork`.

    The base's blocks by name, then ``classifier`` (the run's own head on the pooled features); the
    modules are the model's own. Its output equals the run model's.
    """

    def __init__(self, model: nn.Module) -> None:
        super().__init__()
        backbone = model.backbone
        for name, block in zip(backbone.block_names, backbone.blocks, strict=True):
            self.add_module(name, block)
        self.classifier = model.head
        self.block_names = list(backbone.block_names)
        self.output_activation = model.output_activation

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        for name in self.block_names:
            x = getattr(self, name)(x)
        return self.classifier(F.adaptive_avg_pool2d(x, 1).flatten(1))


_LOCKS: weakref.WeakKeyDictionary[nn.Module, threading.RLock] = weakref.WeakKeyDictionary()
_LOCKS_GUARD = threading.Lock()


def _model_lock(model: nn.Module) -> threading.RLock:
    with _LOCKS_GUARD:
        lock = _LOCKS.get(model)
        if lock is None:
            lock = _LOCKS[model] = threading.RLock()
        return lock


@dataclass(eq=False)
class Subject:
    """A network to look inside, with how it wants its images and what its outputs mean.

    `model(prepare(image))` gives logits, (1, len(class_names)) or (1, 1) for one sigmoid unit (then
    class 1 is the positive logit and class 0 its negative). `key` names the weights for caches.
    """

    model: nn.Module
    class_names: list[str]
    input_size: tuple[int, int]  # (height, width) the network usually sees
    channels: int
    mean: tuple[float, ...] | None
    std: tuple[float, ...] | None
    key: str
    title: str
    fixed_size: bool  # True when the network only takes `input_size` (a Flatten before Dense)
    output_activation: str = "softmax"
    _lock: threading.RLock = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._lock = _model_lock(self.model)

    @property
    def device(self) -> torch.device:
        parameter = next(self.model.parameters(), None)
        return parameter.device if parameter is not None else torch.device("cpu")

    # ---- images ------------------------------------------------------------------------------
    def network_size(self, height: int, width: int) -> tuple[int, int]:
        """The (height, width) a photo of `height` x `width` is fed at: whole, never cropped."""
        if self.fixed_size:
            return self.input_size
        short = min(self.input_size)
        scale = short / max(1, min(height, width))
        h, w = max(1, round(height * scale)), max(1, round(width * scale))
        limit = round(short * _MAX_ASPECT)
        return min(h, limit), min(w, limit)

    def image_array(self, image: Image.Image | str | os.PathLike[str]) -> np.ndarray:
        """The photo as shown (EXIF orientation applied), uint8 (H, W, 3) (or (H, W, 1) for a 1-channel net).

        `image` is a PIL image, a file path, or a demo dataset key (``demo://split/index``).
        """
        if isinstance(image, Image.Image):
            pil = image
        elif os.fspath(image).startswith(DEMO_PREFIX):  # an image of the demo dataset, drawn not read
            pil = Image.fromarray(display_image(os.fspath(image)))
        else:
            pil = open_image(image)
        pil = pil.convert("L") if self.channels == 1 else pil.convert("RGB")
        array = np.asarray(pil, dtype=np.uint8)
        return array[:, :, None] if array.ndim == 2 else array

    def prepare_array(self, array: np.ndarray, size: tuple[int, int] | None = None) -> torch.Tensor:
        """uint8 (H, W, C) → the (1, C, h, w) float input, resized to `size` (default `network_size`)."""
        h, w = size or self.network_size(array.shape[0], array.shape[1])
        pil = Image.fromarray(array[:, :, 0] if array.shape[2] == 1 else array)
        if pil.size != (w, h):
            pil = pil.resize((w, h), Image.Resampling.BILINEAR, reducing_gap=3.0)
        resized = np.array(pil, dtype=np.uint8)
        resized = resized[:, :, None] if resized.ndim == 2 else resized
        batch = torch.from_numpy(np.ascontiguousarray(resized)).permute(2, 0, 1)[None]
        return prepare_input(batch, mean=self.mean, std=self.std, device=self.device)

    def prepare(self, image: Image.Image | str | os.PathLike[str]) -> torch.Tensor:
        """A photo (or its path) → the (1, C, h, w) input the network sees (see `network_size`)."""
        return self.prepare_array(self.image_array(image))

    def grey_input(self, size: tuple[int, int] | None = None) -> torch.Tensor:
        """A mid-grey (1, C, h, w) input: 128 in every channel, prepared like a photo."""
        h, w = size or self.input_size
        grey = torch.full((1, self.channels, h, w), 128, dtype=torch.uint8)
        return prepare_input(grey, mean=self.mean, std=self.std, device=self.device)

    # ---- outputs -----------------------------------------------------------------------------
    def probabilities(self, logits: torch.Tensor) -> torch.Tensor:
        """(N, classes) probabilities from logits; for one sigmoid unit, [1 - p, p]."""
        return class_probabilities(logits.float(), self.output_activation)

    def class_score(self, logits: torch.Tensor, index: int) -> torch.Tensor:
        """The (N,) logit that argues for class `index` (for one sigmoid unit: +logit for 1, -logit for 0)."""
        if logits.shape[1] == 1:
            return logits[:, 0] if index == 1 else -logits[:, 0]
        return logits[:, index]

    # ---- safe use ----------------------------------------------------------------------------
    @contextmanager
    def using(self) -> Iterator[nn.Module]:
        """The model, held for this job alone: eval mode, no parameter gradients; both restored after."""
        with self._lock, eval_mode(self.model):
            flags = [(p, p.requires_grad) for p in self.model.parameters()]
            try:
                for p, _ in flags:
                    p.requires_grad_(False)
                yield self.model
            finally:
                for p, flag in flags:
                    p.requires_grad_(flag)


def _takes_any_size(model: nn.Module, channels: int, size: tuple[int, int], device: torch.device) -> bool:
    """Whether `model` runs on an input of another shape than `size` (False when a Flatten fixes it)."""
    h, w = size
    probe = torch.zeros(1, channels, h + h // 2 + 3, w + 5, device=device)
    try:
        with eval_mode(model), torch.no_grad():
            model(probe)
    except RuntimeError:
        return False
    return True


def subject_from_backbone(name: str, *, pretrained: bool = True) -> Subject:
    """A pretrained backbone with its ImageNet classifier, from the backbone cache (local files only).

    ``pretrained=False`` builds the architecture with random weights (its structure, for tests and previews).
    """
    backbone = cached_backbone(name) if pretrained else load_backbone(name, pretrained=False)
    pre = backbone.preprocess
    return Subject(
        model=_imagenet_network(backbone),
        class_names=list(backbone.categories),
        input_size=(pre.crop, pre.crop),
        channels=3,
        mean=tuple(pre.mean),
        std=tuple(pre.std),
        key=f"backbone:{name}:{backbone.weights_id}" if pretrained else f"random:{name}:{id(backbone)}",
        title=BACKBONES[name].title,
        fixed_size=False,
    )


_NETWORKS: weakref.WeakKeyDictionary[Backbone, ImagenetNetwork] = weakref.WeakKeyDictionary()


def _imagenet_network(backbone: Backbone) -> ImagenetNetwork:
    with _LOCKS_GUARD:
        network = _NETWORKS.get(backbone)
        if network is None:
            network = _NETWORKS[backbone] = ImagenetNetwork(backbone)
        return network


def subject_from_run(run_dir: str | os.PathLike[str], weights: str = BEST) -> Subject:
    """A run folder's trained model (a fresh copy, never the one a training job holds)."""
    from ..predict import load_run

    run = load_run(run_dir, weights)
    path = Path(run_dir).resolve()
    try:
        stamp = (path / weights).stat().st_mtime_ns
    except OSError:
        stamp = 0
    model = TransferNetwork(run.model) if hasattr(run.model, "backbone") else run.model
    fixed = not _takes_any_size(model, run.channels, run.image_size, torch.device("cpu"))
    return Subject(
        model=model,
        class_names=list(run.class_names),
        input_size=tuple(run.image_size),  # type: ignore[arg-type]
        channels=run.channels,
        mean=tuple(run.mean) if run.mean else None,
        std=tuple(run.std) if run.std else None,
        key=f"run:{path}:{weights}:{stamp}",
        title=path.name,
        fixed_size=fixed,
        output_activation=getattr(run.model, "output_activation", "softmax"),
    )


def open_subject(
    *, run_dir: str | os.PathLike[str] | None = None, backbone: str | None = None, weights: str = BEST
) -> Subject:
    """The network of a run folder (its `weights` file: best.safetensors unless told), or a pretrained
    backbone by name (exactly one of the two)."""
    if (run_dir is None) == (backbone is None):
        raise ValueError("open_subject needs either a run folder or a backbone name")
    if backbone is not None:
        return subject_from_backbone(backbone)
    return subject_from_run(run_dir, weights)  # type: ignore[arg-type]


_RUN_SUBJECTS: OrderedDict[tuple, Subject] = OrderedDict()
_RUN_SUBJECTS_KEPT = 3  # run models are small; the last three looked at stay loaded


def cached_subject(
    *, run_dir: str | os.PathLike[str] | None = None, backbone: str | None = None, weights: str = BEST
) -> Subject:
    """`open_subject`, keeping the networks: backbones in the backbone cache, the last few runs here.

    A run is loaded again when its `weights` file changed on disk (a newer best or last epoch).
    """
    if backbone is not None or run_dir is None:
        return open_subject(run_dir=run_dir, backbone=backbone)
    path = Path(run_dir).resolve()
    try:
        stamp = (path / weights).stat().st_mtime_ns
    except OSError:
        stamp = 0
    key = (str(path), weights, stamp)
    with _LOCKS_GUARD:
        subject = _RUN_SUBJECTS.get(key)
        if subject is not None:
            _RUN_SUBJECTS.move_to_end(key)
            return subject
    subject = subject_from_run(path, weights)
    with _LOCKS_GUARD:
        _RUN_SUBJECTS[key] = subject
        while len(_RUN_SUBJECTS) > _RUN_SUBJECTS_KEPT:
            _RUN_SUBJECTS.popitem(last=False)
    return subject


def resize_map(values: np.ndarray | torch.Tensor, size: Sequence[int]) -> np.ndarray:
    """A 2-D map resized to `size` = (height, width) with bilinear interpolation, as float32."""
    t = torch.as_tensor(np.asarray(values, dtype=np.float32))[None, None]
    out = F.interpolate(t, size=(int(size[0]), int(size[1])), mode="bilinear", align_corners=False)
    return out[0, 0].numpy()
