"""Classifying images with a trained run, or with a pretrained network's ImageNet classes.

`load_run` rebuilds a run's model from its folder alone (config.json + best weights; nothing in the
folder is executed) with the preprocessing it was trained with, so prediction sees images exactly as
training did.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
from torch import nn

from .errors import RunFolderError
from .images import load_image
from .models import ModelSpec, build_model
from .runs import BEST, RunFolder

__all__ = ["LoadedRun", "load_run", "predict_run", "top_k"]


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
        x = torch.from_numpy(np.ascontiguousarray(images)).permute(0, 3, 1, 2).float() / 255.0
        mean = torch.tensor(self.mean).view(1, -1, 1, 1)
        std = torch.tensor(self.std).view(1, -1, 1, 1)
        return (x - mean) / std


def load_run(run_dir: str | os.PathLike[str], weights: str = BEST) -> LoadedRun:
    """The trained model of a run folder, in eval mode on the CPU."""
    folder = RunFolder(run_dir)
    if not folder.path.is_dir():
        raise RunFolderError(f"{folder.path} is not a folder; give a run folder written by cnnstudio train.")
    config = folder.read_config()
    try:
        class_names = list(config["class_names"])
        pre = config["preprocessing"]
        size = tuple(pre["image_size"])
        channels = int(pre["channels"])
        mean, std = tuple(pre["mean"]), tuple(pre["std"])
    except (KeyError, TypeError, ValueError) as exc:
        raise RunFolderError(
            f"{folder.path / 'config.json'} is incomplete ({exc}); it was not written by this version of cnnstudio."
        ) from exc
    transfer = config.get("transfer")
    if transfer:
        from .pretrained import load_backbone
        from .training import Head, TransferModel

        backbone = load_backbone(transfer["backbone"], pretrained=False)
        head = Head(
            backbone.feature_dim,
            len(class_names),
            units=int(transfer["head_units"]),
            dropout=float(transfer["head_dropout"]),
        )
        model: nn.Module = TransferModel(backbone, head)
    else:
        model = build_model(ModelSpec.from_dict(config["model"]))
    state = folder.load_weights(weights)
    try:
        model.load_state_dict(state, strict=True)
    except RuntimeError as exc:
        raise RunFolderError(
            f"The weights in {folder.path / weights} do not fit the model in its config.json: {exc}"
        ) from exc
    return LoadedRun(model.eval(), class_names, (int(size[0]), int(size[1])), channels, mean, std)  # type: ignore[arg-type]


def top_k(probabilities: torch.Tensor, names: list[str], k: int) -> list[dict]:
    values, indices = probabilities.topk(min(k, probabilities.shape[-1]))
    return [
        {"class": names[int(i)], "index": int(i), "probability": float(v)} for v, i in zip(values, indices, strict=True)
    ]


def predict_run(run: LoadedRun, paths: list[str | Path], k: int = 5) -> list[dict]:
    """[{image, top: [{class, index, probability}]}] for each image (an unreadable image raises ImageError)."""
    results = []
    with torch.no_grad():
        for path in paths:
            image = load_image(path, size=run.image_size, channels=run.channels)
            logits = run.model(run.prepare(image[None]))
            probabilities = run.model.probabilities(logits)[0]
            results.append({"image": str(path), "top": top_k(probabilities, run.class_names, k)})
    return results
