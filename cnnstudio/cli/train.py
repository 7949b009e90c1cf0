"""`cnnstudio train`: train a model, from scratch or on a pretrained base, into a new run folder."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import sys
from dataclasses import asdict, fields

from .common import (
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    EXIT_USER_ERROR,
    ProgressBar,
    UsageError,
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
    from ..core.training import DEVICES, MONITORS, OPTIMIZERS, PRECISIONS, SCHEDULES, TrainConfig

    d = TrainConfig()
    p = sub.add_parser(
        "train",
        help="train a model on an image folder (or 'demo') and write a run folder, or continue a run",
        description="Train a model into a new run folder, or continue a run with --resume RUN_DIR --epochs N.",
    )
    p.add_argument(
        "data",
        nargs="?",
        metavar="DATA_DIR",
        help="a folder with one sub-folder per class (or train/ and validation/), or 'demo'; "
        "with --resume, optional: the run's dataset if it moved",
    )
    p.add_argument(
        "--out", metavar="RUN_DIR", help="the new run folder to write (must not exist or be empty); required"
    )
    p.add_argument(
        "--epochs",
        type=positive_int,
        default=None,
        metavar="N",
        help=f"the run's total number of epochs (default {d.epochs}); with --resume, the new total",
    )
    p.add_argument("--seed", type=int, default=d.seed, help="the same seed, data and settings give the same run")
    p.add_argument("--json", action="store_true", help="print one JSON object with the results as the last line")

    g = p.add_argument_group("model")
    g.add_argument("--model", choices=list(PRESETS), default=d.model)
    g.add_argument("--dropout", action="store_true", help="add Dropout(0.5) before the dense layer (small-convnet)")
    g.add_argument(
        "--image-size",
        type=positive_int,
        default=None,
        help=f"input size in pixels (default {d.image_size}; with --backbone, the backbone's own)",
    )
    g.add_argument("--channels", type=int, choices=(1, 3), default=d.channels)

    g = p.add_argument_group("optimizer")
    g.add_argument("--optimizer", choices=OPTIMIZERS, default=d.optimizer, help=f"(default {d.optimizer})")
    g.add_argument(
        "--lr",
        dest="learning_rate",
        type=positive_float,
        default=d.learning_rate,
        metavar="RATE",
        help=f"learning rate (default {d.learning_rate:g})",
    )
    g.add_argument("--batch-size", type=positive_int, default=d.batch_size, metavar="N")
    numbers = [
        ("--momentum", float, "M", "SGD's momentum"),
        ("--weight-decay", float, "DECAY", "L2 penalty on the weights (decoupled with adamw)"),
        ("schedule", None, "", ""),  # the options below go in the schedule's group
        ("--step-size", positive_int, "EPOCHS", "step: epochs per step"),
        ("--gamma", float, "FACTOR", "step: the factor"),
        ("--plateau-factor", float, "FACTOR", "plateau: the factor"),
        ("--plateau-patience", int, "EPOCHS", "plateau: epochs without improvement before lowering the rate"),
    ]
    for flag, kind, metavar, text in numbers:
        if kind is None:
            g = p.add_argument_group("learning-rate schedule (stepped after each epoch)")
            g.add_argument(
                "--schedule",
                choices=SCHEDULES,
                default=d.schedule,
                help="step: x gamma every --step-size epochs; cosine: down to 0 over the epochs; "
                "plateau: x --plateau-factor when --monitor stalls",
            )
            continue
        default = getattr(d, flag[2:].replace("-", "_"))
        g.add_argument(flag, type=kind, default=default, metavar=metavar, help=f"{text} (default {default:g})")

    g = p.add_argument_group("best epoch and early stopping")
    g.add_argument(
        "--monitor",
        choices=MONITORS,
        default=d.monitor,
        help="the metric that picks the best epoch (best.safetensors), for early stopping and plateau",
    )
    g.add_argument(
        "--early-stopping-patience",
        type=int,
        default=d.early_stopping_patience,
        metavar="EPOCHS",
        help="stop after this many epochs without a better --monitor (0: never stop early)",
    )
    g.add_argument(
        "--restore-best",
        action=argparse.BooleanOptionalAction,
        default=d.restore_best,
        help="when the run ends, set the model (and last.safetensors) back to the best epoch's weights",
    )

    g = p.add_argument_group("machine")
    g.add_argument(
        "--device", choices=DEVICES, default=d.device, help="auto: a CUDA or MPS GPU when there is one, else the CPU"
    )
    g.add_argument("--threads", type=int, default=d.threads, metavar="N", help="CPU threads for PyTorch (0: all cores)")
    g.add_argument(
        "--precision",
        choices=PRECISIONS,
        default=d.precision,
        help="auto: bfloat16 autocast where the device computes it fast (AMX/AVX512-BF16 CPUs, recent GPUs), "
        "float16 with a gradient scaler on older GPUs, else fp32; weights stay float32",
    )

    g = p.add_argument_group("data")
    g.add_argument(
        "--augment", choices=list(AUGMENT_PRESETS), default="none", help="data augmentation of the training images"
    )
    g.add_argument(
        "--val-split", type=fraction, default=0.15, help="validation fraction for folders without split folders"
    )
    memory = "memory for decoded images in MB; splits that do not fit stream from disk (0: a quarter of the RAM)"
    g.add_argument("--cache-mb", type=int, default=d.cache_mb, metavar="N", help=memory)
    g.add_argument("--test-split", type=fraction, default=0.15, help="test fraction for folders without split folders")
    g.add_argument(
        "--probe",
        dest="probes",
        action="append",
        default=None,
        metavar="IMG",
        help="an image whose Grad-CAM and top-1 are saved after each epoch (repeat, up to 8)",
    )
    g.add_argument(
        "--probes",
        dest="probes_auto",
        choices=("auto",),
        default=None,
        help="auto: one validation image per class as probes (up to 8); see cnnstudio runs timeline",
    )

    g = p.add_argument_group("transfer learning (a pretrained base instead of --model)")
    g.add_argument("--backbone", choices=list(BACKBONES), default=None, help="reuse a pretrained convnet")
    g.add_argument("--mode", choices=["feature-extraction", "fine-tune"], default="feature-extraction")
    g.add_argument(
        "--cached-features",
        action="store_true",
        help="feature extraction the fast way: the base's features once, then the head",
    )
    g.add_argument(
        "--cut-after", default="", metavar="BLOCK", help="cut the base after this block (default: the whole base)"
    )
    g.add_argument("--unfreeze", type=int, default=d.unfreeze, help="fine-tune: how many top blocks of the base train")
    g.add_argument("--fine-tune-epochs", type=int, default=d.fine_tune_epochs)
    g.add_argument("--fine-tune-lr", type=positive_float, default=d.fine_tune_lr)
    g.add_argument("--head-units", type=int, default=d.head_units)
    g.add_argument(
        "--weights",
        dest="weights_file",
        default="",
        metavar="FILE",
        help="a .pth or .safetensors state_dict for the base",
    )
    g.add_argument(
        "--init-from", default="", metavar="RUN_DIR", help="fine-tune starting from a feature-extraction run"
    )

    g = p.add_argument_group("continuing a run")
    g.add_argument(
        "--resume",
        metavar="RUN_DIR",
        default=None,
        help="continue this stopped, finished or interrupted run up to --epochs in all; "
        "only --lr (a new base learning rate, e.g. after the loss diverged), --device, --threads, --cache-mb "
        "and --json may be given with it",
    )
    p.set_defaults(
        handler=_cmd_train, train_defaults={a.dest: (a.option_strings[-1:] or [a.dest], a.default) for a in p._actions}
    )


_RESUME_OPTIONS = {
    "resume",
    "epochs",
    "device",
    "threads",
    "learning_rate",
    "cache_mb",
    "json",
    "data",
    "help",
    "handler",
    "train_defaults",
}


def _cmd_train(args: argparse.Namespace) -> int:
    """Train or continue a run; under torchrun, as one process of a distributed run (only rank 0 prints)."""
    from ..core.training.distributed import session

    with session() as here:
        if here is None:
            return _train_or_resume(args)
        if here.rank == 0:
            print(here.started(), file=sys.stderr if args.json else sys.stdout)
            return _train_or_resume(args)
        with open(os.devnull, "w") as quiet, contextlib.redirect_stdout(quiet), contextlib.redirect_stderr(quiet):
            return _train_or_resume(args)


def _train_or_resume(args: argparse.Namespace) -> int:
    from ..core.data import AUGMENT_PRESETS
    from ..core.torchutils import configure_threads
    from ..core.training import TrainConfig, train

    if args.resume:
        return _cmd_resume(args)
    if args.out is None:
        raise UsageError("cnnstudio train: the following arguments are required: --out (or --resume RUN_DIR)")
    if args.data is None:
        raise UsageError("cnnstudio train: the following arguments are required: DATA_DIR (or --resume RUN_DIR)")
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
        backbone=args.backbone or "",
        image_size=image_size,
        augment=AUGMENT_PRESETS[args.augment].to_dict(),
        epochs=args.epochs or TrainConfig().epochs,
        probes=_probes(args),
    )
    config = TrainConfig(**settings)
    config.validate()
    complaint = missing_dataset_folder(args.data, demo=True)
    if complaint:
        print(complaint, file=sys.stderr)
        return EXIT_USER_ERROR
    configure_threads(args.threads)  # once, for the whole process: never inside the run
    bar = ProgressBar(sys.stdout)
    dataset = load_dataset(args.data, args.seed, args.val_split, args.test_split, bar, decode_for=config)
    return _follow(train(dataset, config, args.out), args, bar)


def _probes(args: argparse.Namespace) -> list[str]:
    if args.probes_auto and args.probes:
        raise UsageError("cnnstudio train: give either --probes auto or --probe IMG, not both")
    return [args.probes_auto] if args.probes_auto else list(args.probes or [])


def _cmd_resume(args: argparse.Namespace) -> int:
    from ..core.runs import RunFolder
    from ..core.torchutils import configure_threads
    from ..core.training import resume

    changed = sorted(
        names[0]
        for dest, (names, default) in args.train_defaults.items()
        if dest not in _RESUME_OPTIONS and getattr(args, dest, default) != default
    )
    if changed:
        raise UsageError(
            f"cnnstudio train: --resume continues a run with its own settings; {', '.join(changed)} cannot change"
            " (only --epochs, --lr, --device, --threads and --cache-mb can)"
        )
    if args.epochs is None:
        raise UsageError("cnnstudio train: --resume needs --epochs N, the run's new total number of epochs")
    device = args.device if args.device != args.train_defaults["device"][1] else None
    rate = args.learning_rate if args.learning_rate != args.train_defaults["learning_rate"][1] else None
    cache_mb = args.cache_mb if args.cache_mb != args.train_defaults["cache_mb"][1] else None
    configure_threads(args.threads)
    bar = ProgressBar(sys.stdout)
    dataset = None
    if args.data is not None:  # the run's dataset moved: split it as the run recorded
        complaint = missing_dataset_folder(args.data, demo=True)
        if complaint:
            print(complaint, file=sys.stderr)
            return EXIT_USER_ERROR
        record = RunFolder(args.resume).read_config().get("dataset") or {}
        dataset = load_dataset(
            args.data,
            int(record.get("seed", 0) or 0),
            float(record.get("val_fraction", 0.15)),
            float(record.get("test_fraction", 0.15)),
            bar,
        )
    return _follow(
        resume(args.resume, args.epochs, dataset=dataset, device=device, learning_rate=rate, cache_mb=cache_mb),
        args,
        bar,
        resumed=True,
    )


def _follow(job, args: argparse.Namespace, bar: ProgressBar, *, resumed: bool = False) -> int:
    """Run the training job, printing its progress; the exit code."""
    from ..core.events import BatchEnd, Cancelled, EpochEnd, Failed, Finished, LogMessage, Progress, RunStarted
    from ..core.jobs import CancelToken, drive
    from ..core.messages import format_duration, text

    out = sys.stdout
    log = sys.stderr if args.json else sys.stdout
    token = CancelToken()
    # Ctrl-C stops at the next step and keeps the last finished epoch, like the Stop button.
    previous = signal.signal(signal.SIGINT, lambda *_: token.cancel(text("Interrupted (Ctrl-C).")))
    epochs_done = 0
    try:
        for event in drive(job, token):
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
                if epochs_done:
                    kept = f"The run folder keeps epoch {epochs_done}, the last one that finished."
                elif resumed:
                    kept = "The run folder keeps the epochs it had."
                else:
                    kept = "No epoch had finished, so no run folder was kept."
                print(f"cnnstudio: {event.reason} {kept}", file=sys.stderr)
                return EXIT_INTERRUPTED
    finally:
        signal.signal(signal.SIGINT, previous)
    return EXIT_FAILED
