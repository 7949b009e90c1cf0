"""Batched filter ascent against a per-filter loop: the same 32 filters, settings, seed and model.

`filter_patterns` optimises all the filters of a layer as one batch (one forward and one backward
per step for all of them); the loop runs it once per filter. Both give the same patterns (the tests
check it); the goal is the batch at least 10x faster. The pattern cache is cleared before each run.

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
from cnnstudio.core.visualize import FILTER_CACHE, conv_layers, filter_patterns, list_layers, open_subject


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
    same = max(float(np.abs(batched.raw[n] - r.raw[0]).max()) for n, r in enumerate(alone))
    print(
        f"{subject.title} {layer}, {args.filters} filters, {args.steps} steps, {args.size} px, {args.mode} mode, "
        f"{torch.get_num_threads()} threads, {subject.device}"
    )
    print(f"  batched:    {batch_s:7.2f} s")
    print(f"  per filter: {loop_s:7.2f} s")
    print(f"  ratio:      {loop_s / batch_s:7.1f}x  (goal >= 10x); largest difference in the patterns {same:.2g}")


if __name__ == "__main__":
    main()
