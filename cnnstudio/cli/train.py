"""`cnnstudio train`: train a model, from scratch or on a pretrained base, into a new run folder."""

from __future__ import annotations

import argparse
import json
import signal
import sys
from dataclasses import asdict, fields

from .common import (
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    EXIT_USER_ERROR,
    ProgressBar,
    fraction,
    load_dataset,
    missing_dataset_folder,
    positive_float,
    positive_int,
)


def register(sub: argparse._SubParsersAction) -> None:
    from ..core.data import AUGMENT_PRESETS
    from ..core.models import PRESETS
    from ..core.pretrained import BACKBONES
    from ..core.training import OPTIMIZERS, TrainConfig

    defaults = TrainConfig()
    p = sub.add_parser("train", help="train a model on an image folder (or 'demo') and write a run folder")
    p.add_argument(
        "data", metavar="DATA_DIR", help="a folder with one sub-folder per class (or train/ and validation/), or 'demo'"
    )
    p.add_argument(
        "--out", required=True, metavar="RUN_DIR", help="the new run folder to write (must not exist or be empty)"
    )
    p.add_argument("--model", choices=list(PRESETS), default=defaults.model)
    p.add_argument("--dropout", action="store_true", help="add Dropout(0.5) before the dense layer (small-convnet)")
    p.add_argument("--epochs", type=positive_int, default=defaults.epochs)
    p.add_argument("--batch-size", type=positive_int, default=defaults.batch_size)
    p.add_argument(
        "--lr", dest="learning_rate", type=positive_float, default=defaults.learning_rate, help="learning rate"
    )
    p.add_argument("--optimizer", choices=OPTIMIZERS, default=defaults.optimizer)
    p.add_argument(
        "--image-size",
        type=positive_int,
        default=None,
        help=f"input size in pixels (default {defaults.image_size}; with --backbone, the backbone's own)",
    )
    p.add_argument("--channels", type=int, choices=(1, 3), default=defaults.channels)
    p.add_argument("--seed", type=int, default=defaults.seed)
    p.add_argument("--device", default=defaults.device, help="auto, cpu or cuda")
    p.add_argument(
        "--backbone", choices=list(BACKBONES), default=None, help="reuse a pretrained convnet instead of --model"
    )
    p.add_argument("--mode", choices=["feature-extraction", "fine-tune"], default="feature-extraction")
    p.add_argument(
        "--cached-features",
        action="store_true",
        help="feature extraction the fast way: the base's features once, then the head",
    )
    p.add_argument(
        "--unfreeze", type=int, default=defaults.unfreeze, help="fine-tune: how many top blocks of the base to train"
    )
    p.add_argument("--fine-tune-epochs", type=int, default=defaults.fine_tune_epochs)
    p.add_argument("--fine-tune-lr", type=positive_float, default=defaults.fine_tune_lr)
    p.add_argument("--head-units", type=int, default=defaults.head_units)
    p.add_argument(
        "--weights",
        dest="weights_file",
        default="",
        metavar="FILE",
        help="a .pth or .safetensors state_dict for the backbone",
    )
    p.add_argument(
        "--init-from", default="", metavar="RUN_DIR", help="fine-tune starting from a feature-extraction run"
    )
    p.add_argument("--threads", type=int, default=defaults.threads, help="CPU threads for PyTorch (0: all cores)")
    p.add_argument(
        "--augment", choices=list(AUGMENT_PRESETS), default="none", help="data augmentation of the training images"
    )
    p.add_argument(
        "--val-split", type=fraction, default=0.15, help="validation fraction for folders without split folders"
    )
    p.add_argument("--test-split", type=fraction, default=0.15, help="test fraction for folders without split folders")
    p.add_argument("--json", action="store_true", help="print one JSON object with the results as the last line")

    p.set_defaults(handler=_cmd_train)


def _cmd_train(args: argparse.Namespace) -> int:
    from ..core.data import AUGMENT_PRESETS
    from ..core.events import BatchEnd, Cancelled, EpochEnd, Failed, Finished, LogMessage, Progress, RunStarted
    from ..core.jobs import CancelToken, drive
    from ..core.messages import format_duration, text
    from ..core.torchutils import configure_threads
    from ..core.training import TrainConfig, train

    image_size = args.image_size
    if image_size is None:
        if args.backbone:
            from ..core.pretrained import default_input_size

            image_size = default_input_size(args.backbone)
        else:
            image_size = TrainConfig().image_size
    # Options are named after the config's fields, so the config is read off the arguments.
    settings = {f.name: getattr(args, f.name) for f in fields(TrainConfig) if hasattr(args, f.name)}
    settings.update(
        backbone=args.backbone or "", image_size=image_size, augment=AUGMENT_PRESETS[args.augment].to_dict()
    )
    config = TrainConfig(**settings)
    config.validate()
    complaint = missing_dataset_folder(args.data, demo=True)
    if complaint:
        print(complaint, file=sys.stderr)
        return EXIT_USER_ERROR
    configure_threads(args.threads)  # once, for the whole process: never inside the run
    out = sys.stdout
    log = sys.stderr if args.json else sys.stdout
    bar = ProgressBar(out)
    dataset = load_dataset(args.data, args.seed, args.val_split, args.test_split, bar)
    token = CancelToken()
    # Ctrl-C stops at the next step and keeps the last finished epoch, like the Stop button.
    previous = signal.signal(signal.SIGINT, lambda *_: token.cancel(text("Interrupted (Ctrl-C).")))
    epochs_done = 0
    try:
        for event in drive(train(dataset, config, args.out), token):
            if isinstance(event, Progress):
                bar.show(f"{event.message} {event.done}/{event.total}", event.done / max(event.total, 1))
            elif isinstance(event, BatchEnd):
                fraction = ((event.epoch - 1) * event.steps + event.step) / (event.epochs * event.steps)
                bar.show(
                    f"epoch {event.epoch}/{event.epochs} batch {event.step}/{event.steps} loss {event.loss:.4f} "
                    f"{event.images_per_second:.0f} img/s ETA {format_duration(event.eta)}",
                    fraction,
                )
            elif isinstance(event, RunStarted):
                print(f"run folder: {event.run_dir}", file=log)
            elif isinstance(event, LogMessage):
                bar.clear()
                print(event.message, file=log if event.level == "info" else sys.stderr)
            elif isinstance(event, EpochEnd):
                epochs_done = event.epoch
                bar.clear()
                print(
                    f"epoch {event.epoch}/{event.epochs}: loss {event.train_loss:.4f} acc {event.train_accuracy:.3f} "
                    f"val_loss {event.val_loss:.4f} val_acc {event.val_accuracy:.3f}{'  *best' if event.is_best else ''}",
                    file=log,
                )
            elif isinstance(event, Finished):
                bar.clear()
                result = event.result
                print(event.message, file=log)
                if args.json:
                    payload = {k: v for k, v in asdict(result).items() if k != "history"}
                    print(json.dumps(payload), file=out)
                return 0
            elif isinstance(event, Failed):
                bar.clear()
                print(f"cnnstudio: {event.reason}", file=sys.stderr)
                if event.is_bug:
                    print(event.details, file=sys.stderr)
                    return EXIT_FAILED
                return EXIT_USER_ERROR
            elif isinstance(event, Cancelled):
                bar.clear()
                kept = (
                    f"The run folder keeps epoch {epochs_done}, the last one that finished."
                    if epochs_done
                    else "No epoch had finished, so no run folder was kept."
                )
                print(f"cnnstudio: {event.reason} {kept}", file=sys.stderr)
                return EXIT_INTERRUPTED
    finally:
        signal.signal(signal.SIGINT, previous)
    return EXIT_FAILED
