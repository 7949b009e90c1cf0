"""`cnnstudio evaluate`: a run's accuracy, loss, per-class metrics and confusion matrix on a split."""

from __future__ import annotations

import argparse
import json
import sys

from .common import EXIT_USER_ERROR, ProgressBar, load_dataset, missing_dataset_folder, positive_int, run_step

_WRONG_SHOWN = 5


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("evaluate", help="evaluate a trained run on the test (or validation) split")
    p.add_argument("run", metavar="RUN_DIR", help="a run folder written by cnnstudio train")
    p.add_argument(
        "data",
        metavar="DATA_DIR",
        nargs="?",
        default=None,
        help="a folder of class folders, or 'demo' (default: the dataset the run was trained on)",
    )
    p.add_argument("--split", choices=("test", "validation"), default="test")
    p.add_argument("--batch-size", type=positive_int, default=64)
    p.add_argument(
        "--predictions",
        metavar="CSV",
        default=None,
        help="also write every image's prediction to CSV: path, true, predicted, confidence, each class's probability",
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_cmd_evaluate)


def _recorded_split(run_dir: str) -> tuple[int, float, float]:
    """The seed and split fractions the run's dataset was split with, so DATA_DIR is split the same way."""
    from ..core.errors import UserError
    from ..core.runs import RunFolder

    try:
        record = RunFolder(run_dir).read_config().get("dataset")
    except UserError:
        record = None
    if not isinstance(record, dict):
        return 0, 0.15, 0.15
    try:
        return (
            int(record.get("seed", 0)),
            float(record.get("val_fraction", 0.15)),
            float(record.get("test_fraction", 0.15)),
        )
    except (TypeError, ValueError):
        return 0, 0.15, 0.15


def _cmd_evaluate(args: argparse.Namespace) -> int:
    from ..core.evaluation import evaluate_run, recorded_dataset, write_predictions_csv

    bar = ProgressBar(sys.stderr)
    if args.data is None:
        dataset = run_step(recorded_dataset(args.run), bar)
    else:
        complaint = missing_dataset_folder(args.data, demo=True)
        if complaint:
            print(complaint, file=sys.stderr)
            return EXIT_USER_ERROR
        seed, val_fraction, test_fraction = _recorded_split(args.run)
        dataset = load_dataset(args.data, seed, val_fraction, test_fraction, bar)
    result = run_step(evaluate_run(args.run, dataset, args.split, batch_size=args.batch_size), bar)
    if args.predictions:
        write_predictions_csv(result, args.predictions)
    if args.json:
        print(json.dumps(result.as_dict(), ensure_ascii=False))
        return 0
    _print_report(result)
    return 0


def _print_report(result) -> None:
    names = result.class_names
    print(f"{result.split} split: {result.images} images, accuracy {result.accuracy:.1%}, loss {result.loss:.4f}")
    width = max(len(name) for name in names)
    print()
    print(f"{'class':<{width}}  precision  recall     f1  support")
    for row in result.per_class:
        print(
            f"{row['class']:<{width}}  {row['precision']:9.3f}  {row['recall']:6.3f}  {row['f1']:5.3f}  {row['support']:7d}"
        )
    print()
    print("confusion matrix (rows: true class, columns: predicted class)")
    cell = max(5, *(len(str(n)) for row in result.confusion for n in row))
    print(" " * width + "  " + " ".join(f"{i:>{cell}}" for i in range(len(names))))
    for i, (name, row) in enumerate(zip(names, result.confusion, strict=True)):
        print(f"{name:<{width}}  " + " ".join(f"{n:>{cell}}" for n in row) + f"   ({i})")
    wrong = result.most_confidently_wrong(_WRONG_SHOWN)
    if wrong:
        print()
        print("most confidently wrong")
        for p in wrong:
            print(f"  {p.confidence:6.1%}  {names[p.predicted]} (true: {names[p.true]})  {p.key}")
