"""The chapter's lesson, measured: the small convnet on the demo dataset with and without augmentation.

Same model, epochs, seed and data; only the training images' augmentation differs ("none" vs the
book's ImageDataGenerator settings). Prints validation accuracy and the train–validation gap of the
last epoch and of the best one; with augmentation the validation accuracy should be clearly higher
and the gap smaller.

    .venv/bin/python bench/augmentation_lesson.py [--epochs 15] [--model small-convnet]
"""

from __future__ import annotations

import argparse
import tempfile

from cnnstudio.core.data import demo_dataset
from cnnstudio.core.data.augment import AUGMENT_PRESETS
from cnnstudio.core.events import EpochEnd, Failed
from cnnstudio.core.jobs import drive
from cnnstudio.core.training import TrainConfig, train


def run(augment: str, args: argparse.Namespace) -> list[EpochEnd]:
    config = TrainConfig(
        model=args.model,
        dropout=args.dropout,
        epochs=args.epochs,
        seed=args.seed,
        image_size=64,
        optimizer=args.optimizer,
        learning_rate=args.lr,
        augment=AUGMENT_PRESETS[augment].to_dict(),
    )
    with tempfile.TemporaryDirectory() as tmp:
        epochs = []
        for event in drive(train(demo_dataset(), config, f"{tmp}/run")):
            if isinstance(event, EpochEnd):
                epochs.append(event)
                print(
                    f"  [{augment}] epoch {event.epoch:2d}: acc {event.train_accuracy:.3f} val_acc {event.val_accuracy:.3f}",
                    flush=True,
                )
            elif isinstance(event, Failed):
                raise SystemExit(event.reason)
    return epochs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=15)
    parser.add_argument("--model", default="small-convnet")
    parser.add_argument("--dropout", action="store_true")
    parser.add_argument("--optimizer", default="adam")
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    results = {name: run(name, args) for name in ("none", "book")}
    print(
        f"{args.model}{' + dropout' if args.dropout else ''}, demo dataset 64 px, {args.epochs} epochs, seed {args.seed}"
    )
    for name, epochs in results.items():
        last = epochs[-1]
        best = max(epochs, key=lambda e: e.val_accuracy)
        print(
            f"  augment={name:<5} last epoch: val_acc {last.val_accuracy:.3f}, train-val gap {last.train_accuracy - last.val_accuracy:+.3f}"
            f" | best val_acc {best.val_accuracy:.3f} (epoch {best.epoch})"
        )
    none, book = results["none"][-1], results["book"][-1]
    print(
        f"with augmentation: val_acc {book.val_accuracy - none.val_accuracy:+.3f}, gap "
        f"{(book.train_accuracy - book.val_accuracy) - (none.train_accuracy - none.val_accuracy):+.3f}"
    )


if __name__ == "__main__":
    main()
