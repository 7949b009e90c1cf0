"""`cnnstudio depth`: feature generality and depth — the same head on a pretrained base cut at several depths.

    cnnstudio depth DATA_DIR --backbone NAME [--cuts BLOCK,BLOCK,...] [--epochs N] [--out DIR] [--json]

Each cut trains a feature-extraction head on cached features (`core.training.depth_comparison`); the
table shows the validation accuracy against the depth of the cut, with a bar for each, so the depth
that suits the dataset stands out (on data unlike ImageNet an earlier cut can win).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from dataclasses import asdict

from .common import (
    EXIT_USER_ERROR,
    ProgressBar,
    UsageError,
    fraction,
    load_dataset,
    missing_dataset_folder,
    positive_float,
    positive_int,
    run_step,
)

_BAR = 30  # characters of the widest accuracy bar


def register(sub: argparse._SubParsersAction) -> None:
    from ..core.pretrained import BACKBONES
    from ..core.training import TrainConfig

    d = TrainConfig()
    p = sub.add_parser(
        "depth",
        help="compare the same head on a pretrained base cut after several of its blocks",
        description="Feature generality and depth: train a feature-extraction head on a pretrained base cut after "
        "each of several blocks and compare their validation accuracy.",
    )
    p.add_argument(
        "data", metavar="DATA_DIR", help="a folder of class folders (or train/validation/test folders), or 'demo'"
    )
    p.add_argument("--backbone", choices=list(BACKBONES), required=True, help="the pretrained base to cut")
    p.add_argument(
        "--cuts",
        default="",
        metavar="BLOCK,BLOCK,...",
        help="the blocks to cut after (see `cnnstudio layers --backbone NAME`); default: four evenly spaced, "
        "the whole base last",
    )
    p.add_argument("--epochs", type=positive_int, default=d.epochs, metavar="N", help=f"per cut (default {d.epochs})")
    p.add_argument("--batch-size", type=positive_int, default=d.batch_size, metavar="N")
    p.add_argument("--lr", dest="learning_rate", type=positive_float, default=d.learning_rate, metavar="RATE")
    p.add_argument("--image-size", type=positive_int, default=None, metavar="N", help="default: the base's own")
    p.add_argument("--head-units", type=positive_int, default=d.head_units, metavar="N")
    p.add_argument("--weights", dest="weights_file", default="", metavar="FILE", help="a state_dict for the base")
    p.add_argument("--seed", type=int, default=d.seed)
    p.add_argument("--val-split", type=fraction, default=0.15, help="validation fraction for folders without splits")
    p.add_argument("--test-split", type=fraction, default=0.15, help="test fraction for folders without splits")
    p.add_argument("--threads", type=int, default=d.threads, metavar="N", help="CPU threads for PyTorch (0: all cores)")
    p.add_argument(
        "--out", default=None, metavar="DIR", help="keep each cut's run folder under DIR (default: not kept)"
    )
    p.add_argument("--json", action="store_true", help="print the rows as one JSON list")
    p.set_defaults(handler=_cmd_depth)


def _cmd_depth(args: argparse.Namespace) -> int:
    from ..core.pretrained import default_input_size
    from ..core.torchutils import configure_threads
    from ..core.training import TrainConfig, depth_comparison

    cuts = [cut.strip() for cut in args.cuts.split(",") if cut.strip()]
    if args.cuts and not cuts:
        raise UsageError("cnnstudio depth: --cuts needs block names separated by commas")
    config = TrainConfig(
        backbone=args.backbone,
        mode="feature-extraction",
        cached_features=True,
        epochs=args.epochs,
        batch_size=args.batch_size,
        learning_rate=args.learning_rate,
        image_size=args.image_size or default_input_size(args.backbone),
        head_units=args.head_units,
        weights_file=args.weights_file,
        seed=args.seed,
        threads=args.threads,
    )
    config.validate()
    complaint = missing_dataset_folder(args.data, demo=True)
    if complaint:
        print(complaint, file=sys.stderr)
        return EXIT_USER_ERROR
    configure_threads(args.threads)
    bar = ProgressBar(sys.stderr)
    dataset = load_dataset(args.data, args.seed, args.val_split, args.test_split, bar)
    rows = run_step(depth_comparison(dataset, config, cuts or None, parent=args.out), bar)
    if args.json:
        print(json.dumps([asdict(row) for row in rows], ensure_ascii=False))
        return 0
    print(depth_table(rows))
    return 0


def depth_table(rows) -> str:
    """The comparison as text: one line per cut, shallowest first, with a bar for its validation accuracy."""
    lines = [f"{'block':<12} {'depth':>5} {'features':>8} {'val_acc':>8} {'seconds':>8}"]
    finite = [row.val_accuracy for row in rows if math.isfinite(row.val_accuracy)]
    best = max(finite) if finite else math.nan
    for row in sorted(rows, key=lambda row: row.depth):
        accuracy = row.val_accuracy
        shown = f"{accuracy:8.3f}" if math.isfinite(accuracy) else f"{'failed':>8}"
        bar = "#" * round(_BAR * accuracy) if math.isfinite(accuracy) else ""
        mark = "  <- best" if math.isfinite(accuracy) and accuracy == best else ""
        lines.append(f"{row.block:<12} {row.depth:>5} {row.feature_size:>8} {shown} {row.seconds:8.1f}  {bar}{mark}")
    return "\n".join(lines)
