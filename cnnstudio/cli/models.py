"""`cnnstudio summary` and `cnnstudio models`: model summaries and the pretrained networks."""

from __future__ import annotations

import argparse
import json
import sys

from .common import Parser, ProgressBar, positive_int, run_step


def register(sub: argparse._SubParsersAction) -> None:
    from ..core.models import PRESETS
    from ..core.pretrained import BACKBONES

    p = sub.add_parser("models", help="the pretrained networks: list them, or download one's weights")
    p.set_defaults(handler=_cmd_models)
    models_sub = p.add_subparsers(dest="models_command", metavar="MODELS_COMMAND", parser_class=Parser, required=True)
    models_sub.add_parser("list", help="every backbone and whether its weights are on this machine")
    p = models_sub.add_parser("download", help="download a backbone's ImageNet weights into torch's cache")
    p.add_argument("name", choices=list(BACKBONES))

    p = sub.add_parser("summary", help="print a Keras-style summary of a model or a backbone")
    p.set_defaults(handler=_cmd_summary)
    p.add_argument("--model", choices=list(PRESETS) + list(BACKBONES), required=True)
    p.add_argument("--image-size", type=positive_int, default=150)
    p.add_argument("--channels", type=int, choices=(1, 3), default=3)
    p.add_argument("--classes", type=positive_int, default=2)
    p.add_argument("--dropout", action="store_true")
    p.add_argument("--json", action="store_true")


def _cmd_summary(args: argparse.Namespace) -> int:
    from ..core.models import format_summary, preset_spec, summarize_spec
    from ..core.pretrained import BACKBONES, list_blocks

    if args.model in BACKBONES:
        summary = list_blocks(args.model, args.image_size).summary  # what the Pretrained panel shows
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


def _cmd_models(args: argparse.Namespace) -> int:
    from ..core.pretrained import BACKBONES, download_weights, weights_available

    if args.models_command == "list":
        width = max(len(name) for name in BACKBONES)
        for name, info in BACKBONES.items():
            where = "weights here" if weights_available(name) else "weights not downloaded"
            print(f"{name.ljust(width)}  {where:<24} {info.title}{'  (offline default)' if info.offline else ''}")
        return 0
    path = run_step(download_weights(args.name), ProgressBar(sys.stdout), megabytes=True)
    print(f"weights of {args.name}: {path}")
    return 0
