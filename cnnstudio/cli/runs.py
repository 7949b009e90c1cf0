"""`cnnstudio runs list`: the run folders of a workspace, with their status and best validation accuracy;
`cnnstudio runs timeline`: a run's probe images after each epoch as one contact sheet."""

from __future__ import annotations

import argparse
import json

from .common import Parser

_JSON_FIELDS = ("run_dir", "status", "model", "best_epoch", "val_accuracy", "epochs")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("runs", help="the runs in a workspace folder")
    p.set_defaults(handler=_cmd_runs)
    runs_sub = p.add_subparsers(dest="runs_command", metavar="RUNS_COMMAND", parser_class=Parser, required=True)
    p = runs_sub.add_parser("list", help="every run folder with its status, model and best validation accuracy")
    p.add_argument(
        "--root",
        metavar="DIR",
        default=None,
        help="the workspace folder (default: $CNNSTUDIO_RUNS or ~/cnnstudio-runs)",
    )
    p.add_argument("--json", action="store_true")
    p = runs_sub.add_parser("timeline", help="a run's probe images after each epoch, as one contact sheet (PNG)")
    p.add_argument("run_dir", metavar="RUN_DIR")
    p.add_argument("--out", required=True, metavar="PNG", help="the sheet: a row per epoch, a column per probe")
    p.add_argument("--size", type=int, default=96, metavar="PX", help="each image's side in pixels (default 96)")


def _cmd_runs(args: argparse.Namespace) -> int:
    from ..core.runs import default_runs_root, list_runs

    if args.runs_command == "timeline":
        return _cmd_timeline(args)

    root = args.root or default_runs_root()
    entries = list_runs(root)
    if args.json:
        rows = [
            {**{k: entry.as_dict()[k] for k in _JSON_FIELDS}, "name": entry.name, "reason": entry.reason}
            for entry in entries
        ]
        print(json.dumps(rows, ensure_ascii=False))
        return 0
    if not entries:
        print(f"no runs in {root}")
        return 0
    width = max(len(e.name) for e in entries)
    print(f"{'run':<{width}}  {'status':<11}  {'model':<28}  {'best':>4}  {'val acc':>7}  {'epochs':>6}")
    for e in entries:
        accuracy = f"{e.val_accuracy:7.1%}" if e.val_accuracy is not None else f"{'-':>7}"
        best = f"{e.best_epoch:>4}" if e.best_epoch else f"{'-':>4}"
        epochs = f"{e.epochs:>6}" if e.epochs is not None else f"{'-':>6}"
        print(f"{e.name:<{width}}  {e.status:<11}  {(e.model or '-'):<28}  {best}  {accuracy}  {epochs}")
        if e.status in ("unreadable", "failed") and e.reason:
            print(f"{'':<{width}}  {e.reason}")
    return 0


def _cmd_timeline(args: argparse.Namespace) -> int:
    from PIL import Image

    from ..core.training.probes import contact_sheet, read_timeline

    timeline = read_timeline(args.run_dir)
    Image.fromarray(contact_sheet(timeline, max(16, args.size))).save(args.out, format="PNG")
    print(f"{args.out}: {len(timeline.epochs)} epochs × {len(timeline.probes)} probes (green: right, red: wrong)")
    return 0
