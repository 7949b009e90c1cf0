"""The chapter's ladder on the demo dataset, measured: scratch → augmentation → feature extraction → fine-tuning.

The same four runs as Train › Reproduce the chapter (`core.training.ladder`), from one base
configuration; prints each run's best and last validation accuracy and its time. With `--keep DIR`
the run folders stay there (to open in the Runs dock).

    .venv/bin/python bench/chapter_ladder.py [--epochs 8] [--image-size 64] [--keep DIR]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from cnnstudio.core.data.dataset import demo_dataset
from cnnstudio.core.events import EpochEnd, Failed
from cnnstudio.core.jobs import drive
from cnnstudio.core.runs import new_run_path
from cnnstudio.core.training import TrainConfig, train
from cnnstudio.core.training.ladder import LADDER_STEPS, ladder_config


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=8)
    parser.add_argument("--fine-tune-epochs", type=int, default=3)
    parser.add_argument("--image-size", type=int, default=64)
    parser.add_argument("--keep", default=None, help="a folder to keep the four run folders in")
    args = parser.parse_args()
    base = TrainConfig(epochs=args.epochs, image_size=args.image_size, fine_tune_epochs=args.fine_tune_epochs, seed=0)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(args.keep or tmp)
        runs: list[str] = []
        rows = []
        for step, name in enumerate(LADDER_STEPS):
            config = ladder_config(step, base, runs)
            run_dir = new_run_path(root, f"chapter-{step + 1}-{name}")
            started, epochs = time.perf_counter(), []
            for event in drive(train(demo_dataset(), config, run_dir)):
                if isinstance(event, EpochEnd):
                    epochs.append(event)
                elif isinstance(event, Failed):
                    raise SystemExit(f"{name}: {event.reason}\n{event.details}")
            runs.append(str(run_dir))
            best = max(epochs, key=lambda e: e.val_accuracy)
            rows.append(
                (
                    name,
                    len(epochs),
                    best.val_accuracy,
                    epochs[-1].val_accuracy,
                    epochs[-1].train_accuracy - epochs[-1].val_accuracy,
                    time.perf_counter() - started,
                )
            )
            print(f"  {name}: done", flush=True)
    print(f"demo dataset, {args.image_size} px, {args.epochs} epochs (fine-tuning {args.fine_tune_epochs}), seed 0")
    print(f"  {'run':20} {'epochs':>6} {'best val acc':>12} {'last val acc':>12} {'train-val gap':>13} {'time':>8}")
    for name, count, best, last, gap, seconds in rows:
        print(f"  {name:20} {count:6d} {best:12.3f} {last:12.3f} {gap:+13.3f} {seconds:7.1f}s")


if __name__ == "__main__":
    main()
