"""The headless command line: the same engine as the window, for scripts and servers.

    cnnstudio train DATA_DIR --out RUN_DIR [--model NAME] [--epochs N] ... [--json]
    cnnstudio summary --model NAME [--image-size N] [--channels N] [--classes N] [--json]
    cnnstudio demo-data OUT_DIR
    cnnstudio data inspect DIR [--json]
    cnnstudio data subset SRC OUT --per-class train=N,validation=N,test=N [--seed N]
    cnnstudio train DATA --backbone NAME --mode feature-extraction|fine-tune [--cached-features] [--unfreeze N] [--weights FILE]
    cnnstudio predict (RUN_DIR | --backbone NAME) IMAGE... [--top-k K] [--json]
    cnnstudio models list | download NAME

User errors exit with status 2 and one line on stderr; a finished command exits 0.
"""

from __future__ import annotations

import argparse
import json
import math
import signal
import sys
import time
from dataclasses import asdict
from pathlib import Path
from typing import TextIO

__all__ = ["main"]

EXIT_USER_ERROR = 2
EXIT_FAILED = 1
EXIT_INTERRUPTED = 130


class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    """argparse that raises instead of printing usage and exiting, so errors stay one line."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise _UsageError(f"{self.prog}: {message}")


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number, got {text!r}") from None
    if not (value > 0 and math.isfinite(value)):
        raise argparse.ArgumentTypeError(f"must be a positive number, got {text}")
    return value


def _fraction(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a fraction like 0.2, got {text!r}") from None
    if not 0 <= value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 0 and below 1, got {text}")
    return value


def _per_class(text: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for part in text.split(","):
        split, _, number = part.partition("=")
        split = {"val": "validation"}.get(split.strip(), split.strip())
        if split not in ("train", "validation", "test") or not number.strip().isdigit():
            raise argparse.ArgumentTypeError(f"expected train=N,validation=N,test=N, got {text!r}")
        counts[split] = int(number)
    return counts


def _build_parser() -> _Parser:
    from ..core.data import AUGMENT_PRESETS
    from ..core.models import PRESETS
    from ..core.pretrained import BACKBONES
    from ..core.training import OPTIMIZERS, TrainConfig

    defaults = TrainConfig()
    parser = _Parser(
        prog="cnnstudio", description="Convnets on small image datasets. Without a command, opens the window."
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    p = sub.add_parser("train", help="train a model on an image folder (or 'demo') and write a run folder")
    p.add_argument(
        "data", metavar="DATA_DIR", help="a folder with one sub-folder per class (or train/ and validation/), or 'demo'"
    )
    p.add_argument(
        "--out", required=True, metavar="RUN_DIR", help="the new run folder to write (must not exist or be empty)"
    )
    p.add_argument("--model", choices=list(PRESETS), default=defaults.model)
    p.add_argument("--dropout", action="store_true", help="add Dropout(0.5) before the dense layer (small-convnet)")
    p.add_argument("--epochs", type=_positive_int, default=defaults.epochs)
    p.add_argument("--batch-size", type=_positive_int, default=defaults.batch_size)
    p.add_argument("--lr", type=_positive_float, default=defaults.learning_rate, help="learning rate")
    p.add_argument("--optimizer", choices=OPTIMIZERS, default=defaults.optimizer)
    p.add_argument(
        "--image-size",
        type=_positive_int,
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
    p.add_argument("--fine-tune-lr", type=_positive_float, default=defaults.fine_tune_lr)
    p.add_argument("--head-units", type=int, default=defaults.head_units)
    p.add_argument("--weights", default="", metavar="FILE", help="a .pth or .safetensors state_dict for the backbone")
    p.add_argument(
        "--init-from", default="", metavar="RUN_DIR", help="fine-tune starting from a feature-extraction run"
    )
    p.add_argument("--threads", type=int, default=defaults.threads, help="CPU threads for PyTorch (0: all cores)")
    p.add_argument(
        "--augment", choices=list(AUGMENT_PRESETS), default="none", help="data augmentation of the training images"
    )
    p.add_argument(
        "--val-split", type=_fraction, default=0.15, help="validation fraction for folders without split folders"
    )
    p.add_argument("--test-split", type=_fraction, default=0.15, help="test fraction for folders without split folders")
    p.add_argument("--json", action="store_true", help="print one JSON object with the results as the last line")

    p = sub.add_parser("predict", help="classify images with a trained run, or a pretrained network's ImageNet classes")
    p.add_argument("run", metavar="RUN_DIR", nargs="?", help="a run folder (omit with --backbone)")
    p.add_argument("images", metavar="IMAGE", nargs="*")
    p.add_argument("--backbone", choices=list(BACKBONES), default=None)
    p.add_argument("--top-k", type=_positive_int, default=5)
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("models", help="the pretrained networks: list them, or download one's weights")
    models_sub = p.add_subparsers(dest="models_command", metavar="MODELS_COMMAND", parser_class=_Parser, required=True)
    models_sub.add_parser("list", help="every backbone and whether its weights are on this machine")
    p = models_sub.add_parser("download", help="download a backbone's ImageNet weights into torch's cache")
    p.add_argument("name", choices=list(BACKBONES))

    p = sub.add_parser("summary", help="print a Keras-style summary of a model or a backbone")
    p.add_argument("--model", choices=list(PRESETS) + list(BACKBONES), required=True)
    p.add_argument("--image-size", type=_positive_int, default=150)
    p.add_argument("--channels", type=int, choices=(1, 3), default=3)
    p.add_argument("--classes", type=_positive_int, default=2)
    p.add_argument("--dropout", action="store_true")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("demo-data", help="write the built-in demo dataset as PNG files")
    p.add_argument("out", metavar="OUT_DIR", help="a new (or empty) folder")
    p.add_argument("--seed", type=int, default=0)

    data = sub.add_parser("data", help="inspect a dataset folder or copy a subset of it")
    data_sub = data.add_subparsers(dest="data_command", metavar="DATA_COMMAND", parser_class=_Parser, required=True)
    p = data_sub.add_parser("inspect", help="layout, classes, counts per split and every skipped file with its reason")
    p.add_argument("folder", metavar="DIR")
    p.add_argument("--val-split", type=_fraction, default=0.15)
    p.add_argument("--test-split", type=_fraction, default=0.15)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--json", action="store_true")
    p = data_sub.add_parser(
        "subset", help="copy N images per class and split into a new folder (train/, validation/, test/)"
    )
    p.add_argument("source", metavar="SRC")
    p.add_argument("out", metavar="OUT")
    p.add_argument("--per-class", type=_per_class, required=True, metavar="train=N,validation=N,test=N")
    p.add_argument("--seed", type=int, default=0)
    return parser


def main(argv: list[str] | None = None) -> int:
    try:
        parser = _build_parser()
        args = parser.parse_args(argv)
        if args.command is None:
            parser.print_help()
            return 0
        handler = {
            "train": _cmd_train,
            "summary": _cmd_summary,
            "demo-data": _cmd_demo_data,
            "data": _cmd_data,
            "predict": _cmd_predict,
            "models": _cmd_models,
        }[args.command]
        return handler(args)
    except _UsageError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        print("cnnstudio: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (`cnnstudio summary ... | head`): stop quietly, as Unix tools do.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as exc:
        from ..core.errors import UserError

        if isinstance(exc, UserError):
            print(f"cnnstudio: {exc}", file=sys.stderr)
            return EXIT_USER_ERROR
        raise


def _load_dataset(
    spec: str, seed: int, val_split: float = 0.15, test_split: float = 0.15, bar: _ProgressBar | None = None
):
    from ..core.data import demo_dataset, scan_folder

    if spec == "demo":
        return demo_dataset(seed)
    return _run_step(scan_folder(spec, val_fraction=val_split, test_fraction=test_split, seed=seed), bar)


class _ProgressBar:
    """A one-line progress bar for terminals; silent when stdout is not a terminal."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.enabled = stream.isatty()
        self._last = 0.0

    def show(self, text: str, fraction: float, force: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if not force and now - self._last < 0.1:
            return
        self._last = now
        width = 28
        filled = int(round(max(0.0, min(1.0, fraction)) * width))
        self.stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {text}\x1b[K")
        self.stream.flush()

    def clear(self) -> None:
        if self.enabled:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


def _run_step(gen, bar: _ProgressBar | None, *, warnings: bool = True, megabytes: bool = False):
    """Run a core job step to its result, showing its progress on `bar` and its warnings on stderr."""
    from ..core.events import LogMessage, Progress

    while True:
        try:
            event = next(gen)
        except StopIteration as stop:
            if bar is not None:
                bar.clear()
            return stop.value
        if bar is not None and isinstance(event, Progress) and event.total:
            done = (
                f"{event.done / 2**20:.1f}/{event.total / 2**20:.1f} MiB"
                if megabytes
                else f"{event.done}/{event.total}"
            )
            bar.show(f"{event.label} {done}", event.done / event.total)
        elif warnings and isinstance(event, LogMessage) and event.level != "info":
            if bar is not None:
                bar.clear()
            print(f"warning: {event.text}", file=sys.stderr)


def _format_seconds(seconds: float) -> str:
    seconds = int(max(0, seconds))
    return f"{seconds // 60}:{seconds % 60:02d}"


def _cmd_train(args: argparse.Namespace) -> int:
    from ..core.data import AUGMENT_PRESETS
    from ..core.events import BatchEnd, Cancelled, EpochEnd, Failed, Finished, LogMessage, Progress, RunStarted
    from ..core.jobs import CancelToken, drive
    from ..core.training import TrainConfig, train

    image_size = args.image_size
    if image_size is None:
        if args.backbone:
            from ..core.pretrained import default_input_size

            image_size = default_input_size(args.backbone)
        else:
            image_size = TrainConfig().image_size
    config = TrainConfig(
        backbone=args.backbone or "",
        mode=args.mode,
        cached_features=args.cached_features,
        unfreeze=args.unfreeze,
        fine_tune_epochs=args.fine_tune_epochs,
        fine_tune_lr=args.fine_tune_lr,
        head_units=args.head_units,
        weights_file=args.weights,
        init_from=args.init_from,
        model=args.model,
        dropout=args.dropout,
        image_size=image_size,
        channels=args.channels,
        epochs=args.epochs,
        batch_size=args.batch_size,
        optimizer=args.optimizer,
        learning_rate=args.lr,
        seed=args.seed,
        device=args.device,
        threads=args.threads,
        augment=AUGMENT_PRESETS[args.augment].to_dict(),
    )
    config.validate()
    if args.data != "demo" and not Path(args.data).is_dir():
        print(
            f"cnnstudio: the dataset folder {args.data} does not exist; give a folder of class folders or 'demo'.",
            file=sys.stderr,
        )
        return EXIT_USER_ERROR
    out = sys.stdout
    log = sys.stderr if args.json else sys.stdout
    bar = _ProgressBar(out)
    dataset = _load_dataset(args.data, args.seed, args.val_split, args.test_split, bar)
    token = CancelToken()
    # Ctrl-C stops at the next step and keeps the last finished epoch, like the Stop button.
    previous = signal.signal(signal.SIGINT, lambda *_: token.cancel("Interrupted (Ctrl-C)."))
    try:
        for event in drive(train(dataset, config, args.out), token):
            if isinstance(event, Progress):
                bar.show(f"{event.label} {event.done}/{event.total}", event.done / max(event.total, 1))
            elif isinstance(event, BatchEnd):
                fraction = ((event.epoch - 1) * event.steps + event.step) / (event.epochs * event.steps)
                bar.show(
                    f"epoch {event.epoch}/{event.epochs} batch {event.step}/{event.steps} loss {event.loss:.4f} "
                    f"{event.images_per_second:.0f} img/s ETA {_format_seconds(event.eta)}",
                    fraction,
                )
            elif isinstance(event, RunStarted):
                print(f"run folder: {event.run_dir}", file=log)
            elif isinstance(event, LogMessage):
                bar.clear()
                print(event.text, file=log if event.level == "info" else sys.stderr)
            elif isinstance(event, EpochEnd):
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
                if event.details:
                    print(event.details, file=sys.stderr)
                    return EXIT_FAILED
                return EXIT_USER_ERROR
            elif isinstance(event, Cancelled):
                bar.clear()
                print(f"cnnstudio: {event.reason} The run folder keeps the last finished epoch.", file=sys.stderr)
                return EXIT_INTERRUPTED
    finally:
        signal.signal(signal.SIGINT, previous)
    return EXIT_FAILED


def _cmd_summary(args: argparse.Namespace) -> int:
    from ..core.models import format_summary, preset_spec, summarize_backbone, summarize_spec
    from ..core.pretrained import BACKBONES, load_backbone

    if args.model in BACKBONES:
        backbone = load_backbone(args.model, pretrained=False)
        summary = summarize_backbone(backbone, args.image_size, name=args.model)
    else:
        spec = preset_spec(
            args.model,
            num_classes=args.classes,
            image_size=args.image_size,
            channels=args.channels,
            dropout=args.dropout,
        )
        summary = summarize_spec(spec)
    if args.json:
        print(json.dumps(summary.to_dict()))
    else:
        print(format_summary(summary))
    return 0


def _cmd_demo_data(args: argparse.Namespace) -> int:
    from PIL import Image

    from ..core.data import DEMO_CLASSES, DEMO_SPLITS, generate_demo_split
    from ..core.errors import UserError

    out = Path(args.out).expanduser()
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise UserError(
            f"{out} already exists and is not an empty folder; choose a new folder so nothing is overwritten."
        )
    total = 0
    for split in DEMO_SPLITS:
        images, labels = generate_demo_split(split, seed=args.seed)
        for name in DEMO_CLASSES:
            (out / split / name).mkdir(parents=True, exist_ok=True)
        for i, (image, label) in enumerate(zip(images, labels, strict=True)):
            Image.fromarray(image).save(out / split / DEMO_CLASSES[label] / f"{DEMO_CLASSES[label]}.{i:04d}.png")
        total += len(images)
    print(f"wrote {total} images to {out} ({', '.join(DEMO_SPLITS)}; classes: {', '.join(DEMO_CLASSES)})")
    return 0


def _cmd_data(args: argparse.Namespace) -> int:
    from ..core.data import image_size_text, make_subset

    bar = _ProgressBar(sys.stdout)
    if args.data_command == "inspect":
        if not Path(args.folder).is_dir():
            print(f"cnnstudio: the folder {args.folder} does not exist; give a dataset folder.", file=sys.stderr)
            return EXIT_USER_ERROR
        dataset = _load_dataset(args.folder, args.seed, args.val_split, args.test_split, None if args.json else bar)
        counts = dataset.counts()
        if args.json:
            print(
                json.dumps(
                    {
                        "folder": dataset.source,
                        "layout": dataset.layout,
                        "classes": list(dataset.class_names),
                        "counts": counts,
                        "empty_classes": dataset.empty_classes,
                        "image_sizes": {k: list(v) for k, v in dataset.image_sizes.items()},
                        "skipped": [{"path": s.path, "reason": s.reason} for s in dataset.skipped],
                    },
                    ensure_ascii=False,
                )
            )
            return 0
        print(f"{dataset.source}\nlayout: {dataset.layout}    image size: {image_size_text(dataset.image_sizes)}")
        width = max(len("class"), *(len(n) for n in dataset.class_names))
        print(f"{'class'.ljust(width)}  {'train':>7} {'validation':>10} {'test':>7}")
        for name in dataset.class_names:
            row = [counts[split][name] for split in ("train", "validation", "test")]
            print(f"{name.ljust(width)}  {row[0]:>7} {row[1]:>10} {row[2]:>7}")
        if dataset.empty_classes:
            print(f"empty classes (left out): {', '.join(dataset.empty_classes)}")
        print(f"skipped files: {len(dataset.skipped)}")
        for skipped in dataset.skipped:
            print(f"  {skipped.path}: {skipped.reason}")
        return 0

    if not Path(args.source).is_dir():
        print(f"cnnstudio: the folder {args.source} does not exist; give a dataset folder.", file=sys.stderr)
        return EXIT_USER_ERROR
    dataset = _load_dataset(args.source, args.seed, bar=bar)
    copied = _run_step(make_subset(dataset, args.out, args.per_class, seed=args.seed), bar)
    total = sum(n for per in copied.values() for n in per.values())
    print(
        f"copied {total} images to {args.out}: "
        + "; ".join(f"{split} {', '.join(f'{name} {n}' for name, n in per.items())}" for split, per in copied.items())
    )
    return 0


def _cmd_predict(args: argparse.Namespace) -> int:
    from ..core.errors import UserError

    images = list(args.images)
    if args.backbone:
        if args.run:
            images.insert(0, args.run)
        if not images:
            raise UserError("Give at least one image to classify.")
        from ..core.pretrained import load_backbone, predict_imagenet

        backbone = load_backbone(args.backbone)
        results = []
        for path in images:
            _check_image_arg(path)
            top = predict_imagenet(backbone, path, top_k=args.top_k)
            results.append({"image": path, "top": [{"class": c, "index": i, "probability": p} for c, i, p in top]})
    else:
        if not args.run:
            raise UserError("Give a run folder (or --backbone NAME) and at least one image.")
        if not images:
            raise UserError("Give at least one image to classify.")
        from ..core.predict import load_run, predict_run

        for path in images:
            _check_image_arg(path)
        results = predict_run(load_run(args.run), images, args.top_k)
    if args.json:
        print(json.dumps(results, ensure_ascii=False))
        return 0
    for result in results:
        print(result["image"])
        for row in result["top"]:
            bar = "#" * int(round(row["probability"] * 30))
            print(f"  {row['probability']:6.1%}  {bar:<30}  {row['class']}")
    return 0


def _check_image_arg(path: str) -> None:
    from ..core.errors import UserError
    from ..core.images import check_image

    reason = check_image(path)
    if reason is not None:
        raise UserError(f"{path}: {reason}; give a JPEG, PNG, BMP, GIF, WebP or TIFF image.")


def _cmd_models(args: argparse.Namespace) -> int:
    from ..core.pretrained import BACKBONES, download_weights, weights_available

    if args.models_command == "list":
        width = max(len(name) for name in BACKBONES)
        for name, info in BACKBONES.items():
            where = "weights here" if weights_available(name) else "weights not downloaded"
            print(f"{name.ljust(width)}  {where:<24} {info.title}{'  (offline default)' if info.offline else ''}")
        return 0
    path = _run_step(download_weights(args.name), _ProgressBar(sys.stdout), megabytes=True)
    print(f"weights of {args.name}: {path}")
    return 0
