"""Batched filter ascent against a per-filter loop: the same 32 filters, settings, seed and model.

`filter_patterns` optimises all the filters of a layer as one batch (one forward and one backward
per step for all of them, each image computing only its own filter in the target layer). Two
baselines run side by side with it, on the same model, filters, steps and starting images:

- *plain loop* (book mode): the chapter's algorithm as one writes it in plain PyTorch, one filter
  at a time: the network cut after the layer, the loss filter f's mean activation, the gradient
  normalised by its root mean square. The goal is the batch at least 10x faster than this.
- *cnnstudio per filter*: `filter_patterns` itself run once per filter, which isolates what the
  batching alone buys (the patterns must match; the tests check it too).

The pattern cache is cleared before each run.

    .venv/bin/python bench/filter_ascent.py [--backbone efficientnet-lite0 | --preset small-convnet]
        [--layer NAME] [--filters 32] [--steps 20] [--size 64] [--mode book|robust] [--device cuda]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import numpy as np
import torch

from cnnstudio.cli.common import run_step
from cnnstudio.core.torchutils import seeded_generator
from cnnstudio.core.visualize import FILTER_CACHE, conv_layers, filter_patterns, find_layer, list_layers, open_subject
from cnnstudio.core.visualize.filters import _filter_seed


class _StopError(Exception):
    pass


def plain_loop(subject, layer: str, filters: list[int], steps: int, size: tuple[int, int], seed: int) -> np.ndarray:
    """The book's gradient ascent in plain PyTorch, one filter at a time; returns the (N, C, h, w) images."""
    model = subject.model.eval()
    for p in model.parameters():
        p.requires_grad_(False)
    mean = torch.tensor(subject.mean or [0.0] * subject.channels).view(1, -1, 1, 1)
    std = torch.tensor(subject.std or [1.0] * subject.channels).view(1, -1, 1, 1)
    caught = {}

    def hook(_module, _inputs, output):
        caught["out"] = output
        raise _StopError

    handle = find_layer(model, layer).register_forward_hook(hook)
    images = []
    try:
        for f in filters:
            x = torch.rand(1, subject.channels, *size, generator=seeded_generator(_filter_seed(seed, f))) * 20 + 128
            for _ in range(steps):
                x.requires_grad_(True)
                try:
                    model((x / 255.0 - mean) / std)
                except _StopError:
                    pass
                (grad,) = torch.autograd.grad(caught["out"][0, f].mean(), x)
                x = (x + grad / (grad.pow(2).mean().sqrt() + 1e-5)).detach()
            images.append(x[0].numpy())
    finally:
        handle.remove()
    for p in model.parameters():
        p.requires_grad_(True)
    return np.stack(images)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backbone", default=None)
    parser.add_argument("--preset", default="small-convnet")
    parser.add_argument("--layer", default=None, help="default: the first convolution with at least --filters filters")
    parser.add_argument("--filters", type=int, default=32)
    parser.add_argument("--steps", type=int, default=20)
    parser.add_argument("--size", type=int, default=64)
    parser.add_argument("--mode", default="book", choices=["book", "robust"])
    parser.add_argument("--device", default="cpu", help="cpu, cuda, ... (the model is moved there)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if args.backbone:
            subject = open_subject(backbone=args.backbone)
        else:
            from tests.helpers import write_model_run

            subject = open_subject(run_dir=write_model_run(Path(tmp) / "run", args.preset, image_size=args.size))
        subject.model.to(args.device)
        layer = args.layer or next(
            info.name for info in conv_layers(list_layers(subject)) if info.shape[0] >= args.filters
        )
        size = (args.size, args.size)
        settings = dict(steps=args.steps, size=size, mode=args.mode, seed=0)
        chosen = list(range(args.filters))
        run_step(filter_patterns(subject, layer, filters=[0], steps=2, size=size, mode=args.mode), None)  # warm up
        FILTER_CACHE.clear()
        start = time.perf_counter()
        batched = run_step(filter_patterns(subject, layer, filters=chosen, **settings), None)
        batch_s = time.perf_counter() - start
        FILTER_CACHE.clear()
        start = time.perf_counter()
        alone = [run_step(filter_patterns(subject, layer, filters=[f], **settings), None) for f in chosen]
        loop_s = time.perf_counter() - start
        plain = None
        if args.mode == "book":
            size = tuple(subject.input_size) if subject.fixed_size else size
            start = time.perf_counter()
            plain = plain_loop(subject, layer, chosen, args.steps, size, 0)
            plain_s = time.perf_counter() - start
    same = max(float(np.abs(batched.raw[n] - r.raw[0]).max()) for n, r in enumerate(alone))
    print(
        f"{subject.title} {layer}, {args.filters} filters, {args.steps} steps, {args.size} px, {args.mode} mode, "
        f"{torch.get_num_threads()} threads, {subject.device}"
    )
    print(f"  batched:                {batch_s:7.2f} s")
    if plain is not None:
        plain_same = float(np.abs(batched.raw - plain).max())
        print(f"  plain per-filter loop:  {plain_s:7.2f} s  = {plain_s / batch_s:5.1f}x the batch (goal >= 10x)")
        print(f"      largest difference from the batch's patterns: {plain_same:.2g} pixel levels")
    print(f"  cnnstudio per filter:   {loop_s:7.2f} s  = {loop_s / batch_s:5.1f}x the batch")
    print(f"      largest difference from the batch's patterns: {same:.2g} pixel levels")


if __name__ == "__main__":
    main()
