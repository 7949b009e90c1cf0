"""What a pretrained network sees in a photo: the top ImageNet classes of its original classifier."""

from __future__ import annotations

import os

import torch
from PIL import Image

from ..images import open_image
from ..torchutils import eval_mode, fast_autocast
from .backbone import Backbone

__all__ = ["predict_imagenet"]


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
    # bfloat16 where the device computes it fast, for a float32 network (top-1 as float32's: test_precision.py)
    with eval_mode(backbone), torch.no_grad(), fast_autocast(device, enabled=dtype == torch.float32):
        logits = backbone.imagenet_logits(x)
    probabilities = logits.float().softmax(dim=1)[0].cpu()
    k = max(1, min(int(top_k), probabilities.numel()))
    values, indices = probabilities.topk(k)
    return [(backbone.categories[i], i, float(p)) for p, i in zip(values.tolist(), indices.tolist(), strict=True)]
