"""Feature generality and depth on the demo dataset (shapes: unlike ImageNet): the same head on
EfficientNet-Lite0 cut after 4 blocks, validation accuracy against depth (issue 9, item 5).

Each cut: feature extraction on cached features (computed once per cut), a few epochs of the head.
Uses the offline EfficientNet-Lite0 weights; the feature cache goes to a temporary folder, so every
cut computes its features (the seconds include that).

    .venv/bin/python bench/feature_depth.py [--image-size 96] [--epochs 8] [--cuts stage2,stage4,stage6,head]
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time

from cnnstudio.core.data.dataset import demo_dataset
from cnnstudio.core.events import Failed, Finished, Progress
from cnnstudio.core.jobs import drive
from cnnstudio.core.pretrained import package_weights_path
from cnnstudio.core.torchutils import configure_threads
from cnnstudio.core.training import TrainConfig, depth_comparison


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--image-size", type=int, default=96)
    parser.add_argument("--epochs", type=int, default=8)
    parser.add_argument("--cuts", default="", help="comma-separated block names (default: 4 evenly spaced)")
    parser.add_argument("--threads", type=int, default=0)
    args = parser.parse_args()
    if package_weights_path() is None:
        raise SystemExit("EfficientNet-Lite0 weights are not installed")
    configure_threads(args.threads)
    config = TrainConfig(
        backbone="efficientnet-lite0",
        image_size=args.image_size,
        epochs=args.epochs,
        batch_size=32,
        learning_rate=1e-3,
        head_units=256,
        monitor="val_accuracy",
        seed=0,
    )
    cuts = [c for c in args.cuts.split(",") if c] or None
    with tempfile.TemporaryDirectory() as cache, tempfile.TemporaryDirectory() as runs:
        os.environ["CNNSTUDIO_CACHE"] = cache
        started = time.perf_counter()
        last = ""
        for event in drive(depth_comparison(demo_dataset(), config, cuts, parent=runs)):
            if isinstance(event, Progress) and str(event.message) != last:
                last = str(event.message)
                print(f"  {last}", flush=True)
            elif isinstance(event, Failed):
                raise SystemExit(str(event.reason))
            elif isinstance(event, Finished):
                rows = event.result
    took = time.perf_counter() - started
    print(f"\nDemo shapes, EfficientNet-Lite0 at {args.image_size} px, {args.epochs} epochs of the head per cut:")
    print(f"{'cut after':<10} {'depth':>5} {'features':>8} {'best val acc':>12} {'seconds':>8}")
    for r in rows:
        print(f"{r.block:<10} {r.depth:>5} {r.feature_size:>8} {r.val_accuracy:>12.3f} {r.seconds:>8.1f}")
    best = max(rows, key=lambda r: r.val_accuracy)
    print(f"best: cut after {best.block} ({best.val_accuracy:.3f}); all cuts {took:.0f} s")


if __name__ == "__main__":
    main()
