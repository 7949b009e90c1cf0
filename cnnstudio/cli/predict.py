"""`cnnstudio predict`: classify images with a trained run or a pretrained network."""

from __future__ import annotations

import argparse
import json
import sys

from ..core.messages import msg
from .common import ProgressBar, positive_int, run_step


def register(sub: argparse._SubParsersAction) -> None:
    from ..core.pretrained import BACKBONES

    p = sub.add_parser("predict", help="classify images with a trained run, or a pretrained network's ImageNet classes")
    p.add_argument("run", metavar="RUN_DIR", nargs="?", help="a run folder (omit with --backbone)")
    p.add_argument("images", metavar="IMAGE", nargs="*")
    p.add_argument("--backbone", choices=list(BACKBONES), default=None)
    p.add_argument("--top-k", type=positive_int, default=5)
    p.add_argument("--json", action="store_true")

    p.set_defaults(handler=_cmd_predict)


def _cmd_predict(args: argparse.Namespace) -> int:
    from ..core.errors import UserError
    from ..core.predict import classify

    images = list(args.images)
    if args.backbone and args.run:
        images.insert(0, args.run)  # with --backbone, the first positional argument is an image too
    if not args.backbone and not args.run:
        raise UserError(msg("cli.predict_no_run"))
    if not images:
        raise UserError(msg("cli.predict_no_images"))
    source = {"backbone": args.backbone} if args.backbone else {"run_dir": args.run}
    results = run_step(classify(images, top_k=args.top_k, **source), ProgressBar(sys.stderr))
    if args.json:
        print(json.dumps(results, ensure_ascii=False))
        return 0
    for result in results:
        print(result["image"])
        for row in result["top"]:
            bar = "#" * int(round(row["probability"] * 30))
            print(f"  {row['probability']:6.1%}  {bar:<30}  {row['class']}")
    return 0
