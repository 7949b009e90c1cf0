"""Loading a backbone from local files only, and keeping the loaded ones in a byte-budget cache.

`load_backbone` builds a fresh `Backbone` every call: training fine-tunes it in place, so it must be
its own. Prediction (the Classify dock, ``cnnstudio predict``) only reads a backbone, so it goes
through `cached_backbone`: the "backbones" `ByteBudgetCache`, least recently used first out, whose
default budget holds one heavy network at a time (VGG16 alone is about 0.5 GB) next to a light one.
"""

from __future__ import annotations

import itertools
import os
import threading
import uuid

from torch import nn

from ..cache import ByteBudgetCache, cache_budget_from_env
from . import catalogue, download, efficientnet_lite
from .backbone import Backbone, assemble_backbone, build_architecture
from .catalogue import BackboneInfo
from .state_files import check_state, file_id, read_state

__all__ = [
    "load_backbone",
    "check_weights_file",
    "cached_backbone",
    "backbone_nbytes",
    "BACKBONE_CACHE",
    "BACKBONE_CACHE_MB",
]

BACKBONE_CACHE_MB = 600
"""The default budget of the "backbones" cache in MiB ($CNNSTUDIO_BACKBONES_CACHE_MB overrides it)."""


def backbone_nbytes(module: nn.Module) -> int:
    """Bytes held by a module's parameters and buffers (what keeping it in memory costs)."""
    return sum(t.numel() * t.element_size() for t in itertools.chain(module.parameters(), module.buffers()))


BACKBONE_CACHE: ByteBudgetCache[tuple, Backbone] = ByteBudgetCache(
    "backbones", cache_budget_from_env("backbones", BACKBONE_CACHE_MB), backbone_nbytes
)
"""Loaded backbones for prediction, keyed by name (and weights file); see `cached_backbone`."""

_LOADING = threading.Lock()  # one load at a time: two threads asking for VGG16 must not build it twice


def _tv_weights_id(info: BackboneInfo) -> str:
    return efficientnet_lite.WEIGHTS_ID if info.offline else str(catalogue.torchvision_weights(info))


def load_backbone(
    name: str, *, weights_path: str | os.PathLike[str] | None = None, pretrained: bool = True
) -> Backbone:
    """Build `name`'s architecture and load its weights from local files only; returned in eval mode.

    `weights_path`: a state_dict of the original model (torchvision's, or the package's naming for
    EfficientNet-Lite0) or of a saved `Backbone`. Else the cached/package weights (WeightsError when they are not
    here: download first or load a file). `pretrained=False`: random weights, for structure only.
    """
    info = catalogue.backbone_info(name)
    what = catalogue.short_title(info)
    if weights_path is not None:
        path = os.fspath(weights_path)
        state = read_state(path)  # before the build, so that a bad file fails fast
        model = build_architecture(info)
        backbone = assemble_backbone(info, model, file_id(path))
        if set(state) == set(backbone.state_dict()):  # saved from a Backbone (e.g. after fine-tuning)
            backbone.load_state_dict(check_state(state, backbone, path, what), strict=True)
        else:
            model.load_state_dict(check_state(state, model, path, what), strict=True)
        return backbone.eval()
    if pretrained:
        path = download.local_weights(info)
        state = read_state(path)
        model = build_architecture(info)
        model.load_state_dict(check_state(state, model, path, what), strict=True)
        weights_id = _tv_weights_id(info)
    else:
        model = build_architecture(info)
        weights_id = f"random:{uuid.uuid4().hex[:12]}"  # never equal to another model's, so never a cache hit
    return assemble_backbone(info, model, weights_id).eval()


def check_weights_file(name: str, path: str | os.PathLike[str]) -> str:
    """`path` if it holds weights that fit `name`'s architecture; else the WeightsError that lists the keys."""
    load_backbone(name, weights_path=path)
    return os.fspath(path)


def cached_backbone(name: str, *, weights_path: str | os.PathLike[str] | None = None) -> Backbone:
    """`load_backbone(name, weights_path=...)`, kept in `BACKBONE_CACHE` for the next prediction.

    The backbone is shared: use it to predict (in eval mode, without gradients), never to train.
    """
    key: tuple = (name,)
    if weights_path is not None:  # the file's size and time too: a file saved again is loaded again
        stat = os.stat(weights_path) if os.path.isfile(weights_path) else None
        key = (name, os.fspath(weights_path), stat and (stat.st_size, stat.st_mtime_ns))
    backbone = BACKBONE_CACHE.get(key)
    if backbone is not None:
        return backbone
    with _LOADING:
        backbone = BACKBONE_CACHE.get(key)  # another thread may have loaded it meanwhile
        if backbone is None:
            backbone = load_backbone(name, weights_path=weights_path)
            BACKBONE_CACHE.put(key, backbone)
    return backbone
