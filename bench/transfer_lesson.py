"""Reusing a pretrained convnet on the demo dataset (chapter 5.3), measured: the three approaches and
the speed-up of feature extraction on cached features.

  1. feature extraction, the fast way: the frozen base's features computed once, the head trained on them;
  2. feature extraction end to end through the frozen base, with the Book augmentation;
  3. fine-tuning: starting from (1), the top blocks unfrozen, a low learning rate.

Speed-up = seconds per epoch end to end / seconds per epoch on cached features (feature computation
reported separately). Uses the offline EfficientNet-Lite0.

    .venv/bin/python bench/transfer_lesson.py [--image-size 128] [--epochs 8]
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time

from cnnstudio.core.data.augment import AUGMENT_PRESETS
from cnnstudio.core.data.dataset import demo_dataset
from cnnstudio.core.events import EpochEnd, Failed, Finished, LogMessage
from cnnstudio.core.jobs import drive
from cnnstudio.core.training import TrainConfig, train


def run(label: str, config: TrainConfig, run_dir: str) -> tuple[list[EpochEnd], float, list[str]]:
    epochs, logs = [], []
    started = time.perf_counter()
    for event in drive(train(demo_dataset(), config, run_dir)):
        if isinstance(event, EpochEnd):
            epochs.append(event)
            print(
                f"  [{label}] epoch {event.epoch}: acc {event.train_accuracy:.3f} val_acc {event.val_accuracy:.3f} "
                f"({event.elapsed:.0f} s)",
                flush=True,
            )
        elif isinstance(event, LogMessage):
            logs.append(str(event.message))
        elif isinstance(event, Failed):
            raise SystemExit(f"{label}: {event.reason}\n{event.details}")
        elif isinstance(event, Finished):
            pass
    return epochs, time.perf_counter() - started, logs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--image-size", type=int, default=128)
    parser.add_argument("--epochs", type=int, default=8)
    parser.add_argument("--e2e-epochs", type=int, default=3)
    parser.add_argument("--tune-epochs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["CNNSTUDIO_CACHE"] = os.path.join(tmp, "cache")  # a cold cache: the feature time is real
        base = dict(
            backbone="efficientnet-lite0",
            image_size=args.image_size,
            batch_size=32,
            optimizer="adam",
            learning_rate=1e-3,
            seed=0,
        )
        cached, cached_s, cached_logs = run(
            "cached", TrainConfig(**base, epochs=args.epochs, cached_features=True), f"{tmp}/fe"
        )
        e2e, e2e_s, _ = run(
            "end-to-end",
            TrainConfig(**base, epochs=args.e2e_epochs, augment=AUGMENT_PRESETS["book"].to_dict()),
            f"{tmp}/e2e",
        )
        tune, tune_s, _ = run(
            "fine-tune",
            TrainConfig(
                **base,
                mode="fine-tune",
                init_from=f"{tmp}/fe",
                unfreeze=2,
                fine_tune_epochs=args.tune_epochs,
                fine_tune_lr=1e-4,
                augment=AUGMENT_PRESETS["book"].to_dict(),
            ),
            f"{tmp}/ft",
        )
    feature_note = next((line for line in cached_logs if line.startswith("Features of")), "")
    cached_epoch = (cached[-1].elapsed - cached[0].elapsed) / max(1, len(cached) - 1)
    e2e_epoch = (e2e[-1].elapsed - e2e[0].elapsed) / max(1, len(e2e) - 1)
    print(f"EfficientNet-Lite0, demo dataset at {args.image_size} px")
    print(f"  {feature_note}")
    print(
        f"  1. feature extraction, cached features: val_acc {cached[-1].val_accuracy:.3f} (best {max(e.val_accuracy for e in cached):.3f}) "
        f"after {len(cached)} epochs, {cached_s:.0f} s in all, {cached_epoch:.2f} s per epoch"
    )
    print(
        f"  2. feature extraction end to end + Book augmentation: val_acc {e2e[-1].val_accuracy:.3f} "
        f"(best {max(e.val_accuracy for e in e2e):.3f}) "
        f"after {len(e2e)} epochs, {e2e_s:.0f} s, {e2e_epoch:.1f} s per epoch"
    )
    print(
        f"  3. fine-tuning the top 2 blocks from (1): val_acc {tune[-1].val_accuracy:.3f} (best {max(e.val_accuracy for e in tune):.3f}) "
        f"after {len(tune)} epochs, {tune_s:.0f} s"
    )
    print(f"cached-feature epochs are {e2e_epoch / cached_epoch:.0f}x faster than end-to-end epochs")


if __name__ == "__main__":
    main()
