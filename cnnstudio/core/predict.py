"""Classifying images with a trained run, or with a pretrained network's ImageNet classes.

`classify` is the one way to do it: the Classify dock and ``cnnstudio predict`` both call it, for one
image or many, and get the same rows back. `load_run` rebuilds a run's model from its folder alone
(config.json + best weights; nothing in the folder is executed) with the preprocessing it was
trained with, so prediction sees images exactly as training did; a config.json it cannot use is
refused in one line that names the file and the entry.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Generator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import torch
from torch import nn

from .errors import RunFolderError, UserError
from .events import Event, Progress
from .images import image_size, load_image
from .messages import Message, msg, text
from .models import ModelSpec, build_model, class_probabilities, output_units
from .pretrained import BACKBONES, cached_backbone, load_backbone, predict_imagenet
from .runs import BEST, RunFolder
from .torchutils import eval_mode, fast_autocast, prepare_input

__all__ = ["LoadedRun", "load_run", "predict_run", "top_k", "classify"]


@dataclass
class LoadedRun:
    model: nn.Module
    class_names: list[str]
    image_size: tuple[int, int]
    channels: int
    mean: tuple[float, ...]
    std: tuple[float, ...]

    def prepare(self, images: np.ndarray) -> torch.Tensor:
        """uint8 (N, H, W, C) at the run's input size → the float batch the model was trained on."""
        batch = torch.from_numpy(np.ascontiguousarray(images)).permute(0, 3, 1, 2)
        return prepare_input(batch, mean=self.mean, std=self.std)

    def probabilities(self, logits: torch.Tensor) -> torch.Tensor:
        """Class probabilities (N, classes) from the model's logits (one sigmoid unit for two classes, or softmax)."""
        return class_probabilities(logits, self.model.output_activation)


class _MalformedError(Exception):
    """An entry of config.json that cannot be used; `detail` says which and why."""

    def __init__(self, detail: Message) -> None:
        super().__init__(str(detail))
        self.detail = detail


def _entry(mapping: Any, key: str, convert: Callable[[Any], Any], label: str | None = None) -> Any:
    label = label or key
    if not isinstance(mapping, Mapping) or key not in mapping:
        raise _MalformedError(msg("predict.missing_entry", key=label))
    try:
        return convert(mapping[key])
    except (TypeError, ValueError, IndexError, KeyError, AttributeError) as exc:
        raise _MalformedError(msg("predict.bad_entry", key=label)) from exc


def _class_names(value: Any) -> list[str]:
    if not isinstance(value, list) or len(value) < 2 or not all(isinstance(v, str) for v in value):
        raise ValueError("class_names must list at least two names")
    return list(value)


def _size(value: Any) -> tuple[int, int]:
    height, width = (int(v) for v in value)
    if height < 1 or width < 1:
        raise ValueError("image_size must be positive")
    return height, width


def _channels(value: Any) -> int:
    if value not in (1, 3):
        raise ValueError("channels must be 1 or 3")
    return int(value)


def _floats(value: Any) -> tuple[float, ...]:
    return tuple(float(v) for v in value)


def _build_model(config: Any, classes: int) -> nn.Module:
    transfer = config.get("transfer")
    if not transfer:
        spec = _entry(config, "model", dict)
        try:
            model: nn.Module = build_model(ModelSpec.from_dict(spec))
        except UserError as exc:  # ModelSpecError: the layer stack in config.json does not work
            raise _MalformedError(exc.message) from exc
        except (TypeError, ValueError, KeyError, IndexError, AttributeError) as exc:
            raise _MalformedError(msg("predict.bad_entry", key="model")) from exc
        units = int(getattr(model.spec, "num_outputs", 0))
        if units not in (classes, output_units(classes)):
            raise _MalformedError(msg("predict.outputs_do_not_match", units=units, classes=classes))
        return model
    from .training import Head, TransferModel, cut_base

    name = _entry(transfer, "backbone", str, "transfer.backbone")
    if name not in BACKBONES:
        raise _MalformedError(msg("predict.bad_entry", key="transfer.backbone"))
    units = _entry(transfer, "head_units", int, "transfer.head_units")
    dropout = _entry(transfer, "head_dropout", float, "transfer.head_dropout")
    if units < 0 or not 0 <= dropout < 1:
        raise _MalformedError(msg("predict.bad_entry", key="transfer"))
    cut_after = transfer.get("cut_after", "")
    backbone = load_backbone(name, pretrained=False)
    if not isinstance(cut_after, str) or (cut_after and cut_after not in backbone.block_names):
        raise _MalformedError(msg("predict.bad_entry", key="transfer.cut_after"))
    backbone = cut_base(backbone, cut_after)
    return TransferModel(backbone, Head(backbone.feature_dim, classes, units=units, dropout=dropout))


def _read(folder: RunFolder) -> tuple[nn.Module, list[str], tuple[int, int], int, tuple[float, ...], tuple[float, ...]]:
    config_path = folder.path / "config.json"
    config = folder.read_config()  # a JSON object, or a one-line RunFolderError
    try:
        class_names = _entry(config, "class_names", _class_names)
        pre = _entry(config, "preprocessing", dict)
        size = _entry(pre, "image_size", _size, "preprocessing.image_size")
        channels = _entry(pre, "channels", _channels, "preprocessing.channels")
        mean = _entry(pre, "mean", _floats, "preprocessing.mean")
        std = _entry(pre, "std", _floats, "preprocessing.std")
        if len(mean) != channels or len(std) != channels or min(std) <= 0:
            raise _MalformedError(msg("predict.bad_entry", key="preprocessing"))
        model = _build_model(config, len(class_names))
    except _MalformedError as exc:
        raise RunFolderError(msg("predict.bad_config", path=str(config_path), detail=exc.detail)) from exc
    return model, class_names, size, channels, mean, std


def load_run(run_dir: str | os.PathLike[str], weights: str = BEST) -> LoadedRun:
    """The trained model of a run folder, in eval mode on the CPU (RunFolderError, one line, if unusable)."""
    folder = RunFolder(run_dir)
    if not folder.path.is_dir():
        raise RunFolderError(msg("predict.not_a_folder", path=str(folder.path)))
    model, class_names, size, channels, mean, std = _read(folder)
    state = folder.load_weights(weights)
    try:
        model.load_state_dict(state, strict=True)
    except RuntimeError as exc:
        detail = " ".join(line.strip() for line in str(exc).splitlines() if line.strip())
        raise RunFolderError(
            msg("predict.weights_do_not_fit", path=str(folder.path / weights), detail=text(detail))
        ) from exc
    return LoadedRun(model.eval(), class_names, size, channels, mean, std)


def top_k(probabilities: torch.Tensor, names: Sequence[str], k: int) -> list[dict]:
    """The `k` most probable classes as [{class, index, probability}], best first."""
    values, indices = probabilities.topk(min(k, probabilities.shape[-1]))
    return [
        {"class": names[int(i)], "index": int(i), "probability": float(v)} for v, i in zip(values, indices, strict=True)
    ]


def predict_run(run: LoadedRun, paths: Sequence[str | Path], k: int = 5) -> list[dict]:
    """[{image, top: [{class, index, probability}]}] for each image (an unreadable image raises ImageError)."""
    results = []
    with eval_mode(run.model), torch.no_grad():
        for path in paths:
            image = load_image(path, size=run.image_size, channels=run.channels)
            inputs = run.prepare(image[None])
            with fast_autocast(inputs.device):  # bfloat16 where fast; top-1 as float32's (test_precision.py)
                logits = run.model(inputs)
            probabilities = run.probabilities(logits.float())[0]
            results.append({"image": str(path), "top": top_k(probabilities, run.class_names, k)})
    return results


def classify(
    paths: Sequence[str | os.PathLike[str]],
    *,
    backbone: str | None = None,
    run_dir: str | os.PathLike[str] | None = None,
    top_k: int = 5,
    weights: str = BEST,
) -> Generator[Event, None, list[dict]]:
    """Job: the `top_k` classes of each image, by a backbone's ImageNet head or by a run folder's model.

    Returns [{image, top: [{class, index, probability}]}], one entry per path in order (the rows
    ``cnnstudio predict --json`` prints); a run uses its `weights` file, best.safetensors unless told.
    Every file is checked to be an image before the network loads (ImageError otherwise). Backbones
    come from the "backbones" cache, so the next call is instant.
    """
    if (backbone is None) == (run_dir is None):
        raise ValueError("classify needs either a backbone or a run folder")
    names = [os.fspath(path) for path in paths]
    for name in names:
        image_size(name)  # its header only: a file that is no image fails before the network loads
    yield Progress(msg("predict.loading_network"), 0, 1)
    if backbone is not None:
        network = cached_backbone(backbone)

        def rows(path: str) -> list[dict]:
            top = predict_imagenet(network, path, top_k=top_k)
            return [{"class": label, "index": index, "probability": p} for label, index, p in top]

    else:
        run = load_run(run_dir, weights)  # type: ignore[arg-type]

        def rows(path: str) -> list[dict]:
            return predict_run(run, [path], top_k)[0]["top"]

    results = []
    for done, name in enumerate(names):
        yield Progress(msg("predict.classifying", image=os.path.basename(name)), done, len(names))
        results.append({"image": name, "top": rows(name)})
    return results
