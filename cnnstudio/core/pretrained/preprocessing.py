"""The input pipeline each pretrained network expects: resize, centre crop, scale to 0..1, normalise.

For torchvision models the numbers come from the weights' own ``transforms()`` (no download); the
offline EfficientNet-Lite0 uses the pipeline its weights were published with.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import torch
from PIL import Image

from ..images import to_rgb
from ..lazy_imports import import_once
from ..torchutils import prepare_input
from . import catalogue
from .catalogue import BackboneInfo

if TYPE_CHECKING:
    from torchvision.transforms import InterpolationMode

__all__ = [
    "IMAGENET_MEAN",
    "IMAGENET_STD",
    "Preprocess",
    "backbone_preprocess",
    "default_input_size",
    "preprocess_for",
]

IMAGENET_MEAN: tuple[float, float, float] = (0.485, 0.456, 0.406)
IMAGENET_STD: tuple[float, float, float] = (0.229, 0.224, 0.225)

_INTERPOLATIONS = ("nearest", "bilinear", "bicubic")


def _functional():
    """torchvision's functional transforms, imported on first use: importing torchvision takes seconds,
    which the window's start-up should not wait for (see qt/startup.py)."""
    return import_once("torchvision.transforms.functional")


@dataclass(frozen=True)
class Preprocess:
    """The input pipeline a pretrained net expects: resize the shorter side, centre crop, scale to 0..1, normalise.

    `interpolation` ("bilinear" or "bicubic", as the weights were evaluated with) is an addition to the four
    numbers; it defaults to bilinear, so older dicts without it still load.
    """

    resize: int
    crop: int
    mean: tuple[float, float, float]
    std: tuple[float, float, float]
    interpolation: str = "bilinear"

    def __post_init__(self) -> None:
        object.__setattr__(self, "mean", tuple(float(v) for v in self.mean))
        object.__setattr__(self, "std", tuple(float(v) for v in self.std))
        if not (0 < self.crop <= self.resize):
            raise ValueError(f"need 0 < crop <= resize, got resize={self.resize}, crop={self.crop}")
        if len(self.mean) != 3 or len(self.std) != 3 or min(self.std) <= 0:
            raise ValueError(f"mean and std need 3 values each, std positive; got {self.mean}, {self.std}")
        if self.interpolation not in _INTERPOLATIONS:
            raise ValueError(f"interpolation must be one of {_INTERPOLATIONS}, not {self.interpolation!r}")

    def to_dict(self) -> dict:
        """Plain JSON-able data (for run folders and feature-cache keys)."""
        return {
            "resize": self.resize,
            "crop": self.crop,
            "mean": list(self.mean),
            "std": list(self.std),
            "interpolation": self.interpolation,
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Preprocess:
        """The inverse of `to_dict`."""
        return cls(
            resize=int(d["resize"]),
            crop=int(d["crop"]),
            mean=tuple(float(v) for v in d["mean"]),  # type: ignore[arg-type]
            std=tuple(float(v) for v in d["std"]),  # type: ignore[arg-type]
            interpolation=str(d.get("interpolation", "bilinear")),
        )

    @property
    def _mode(self) -> InterpolationMode:
        return _functional().InterpolationMode(self.interpolation)

    def apply(self, images: torch.Tensor) -> torch.Tensor:
        """A batch (N, 3, H, W) of uint8 images (or floats in 0..1), any size, to float (N, 3, crop, crop), normalised.

        Runs on the tensor's device, so a training loop can preprocess batches on the GPU.
        """
        if images.ndim != 4 or images.shape[1] != 3:
            raise ValueError(f"expected images of shape (N, 3, H, W), got {tuple(images.shape)}")
        TF = _functional()  # noqa: N806 - torchvision's usual name
        x = TF.resize(images, [self.resize], interpolation=self._mode, antialias=True)
        x = TF.center_crop(x, [self.crop, self.crop])
        if x.is_floating_point():  # already scaled to 0..1: normalise only
            return TF.normalize(x.float(), list(self.mean), list(self.std))
        return prepare_input(x, mean=self.mean, std=self.std, device=x.device)

    def apply_pil(self, image: Image.Image) -> torch.Tensor:
        """One RGB PIL image to a float (3, crop, crop) tensor, normalised: exactly torchvision's transforms.

        The same calls as torchvision's ``ImageClassification`` preset, so the result is bit for bit what
        ``weights.transforms()`` gives (`prepare_input` scales by multiplying with 1/255, which differs in the
        last bit for about half of the 256 values).
        """
        TF = _functional()  # noqa: N806 - torchvision's usual name
        image = TF.resize(to_rgb(image), [self.resize], interpolation=self._mode, antialias=True)
        image = TF.center_crop(image, [self.crop, self.crop])
        x = TF.convert_image_dtype(TF.pil_to_tensor(image), torch.float)
        return TF.normalize(x, list(self.mean), list(self.std))


# EfficientNet-Lite0: a 224 resize of the shorter side and a 224 centre crop with ImageNet mean/std, as in the
# efficientnet_pytorch examples the weights were published with. (A 256 resize before the crop also gives
# chelsea.jpg "Egyptian cat", less confidently; TensorFlow's 127/128 scaling with the 256 resize gives "tiger cat".)
_LITE0_PREPROCESS = Preprocess(224, 224, IMAGENET_MEAN, IMAGENET_STD, "bilinear")


def preprocess_for(info: BackboneInfo) -> Preprocess:
    """The preprocessing of a catalogue entry (torchvision's ``weights.transforms()`` numbers)."""
    if info.offline:
        return _LITE0_PREPROCESS
    t = catalogue.torchvision_weights(info).transforms()
    return Preprocess(
        int(t.resize_size[0]), int(t.crop_size[0]), tuple(t.mean), tuple(t.std), str(t.interpolation.value)
    )


def backbone_preprocess(name: str) -> Preprocess:
    """The preprocessing `name`'s weights were trained with (no download: it is in torchvision's registry)."""
    return preprocess_for(catalogue.backbone_info(name))


def default_input_size(name: str) -> int:
    """The image size `name` expects (its centre-crop size, e.g. 224)."""
    return backbone_preprocess(name).crop
