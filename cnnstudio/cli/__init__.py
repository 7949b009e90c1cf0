"""The headless command line: the same engine as the window, for scripts and servers.

    cnnstudio train DATA_DIR --out RUN_DIR [--model NAME] [--epochs N] ... [--json]
    cnnstudio summary --model NAME [--image-size N] [--channels N] [--classes N] [--json]
    cnnstudio demo-data OUT_DIR
    cnnstudio data inspect DIR [--json]
    cnnstudio data subset SRC OUT --per-class train=N,validation=N,test=N [--seed N]
    cnnstudio train DATA --backbone NAME --mode feature-extraction|fine-tune [--cached-features] [--unfreeze N] [--weights FILE]
    cnnstudio depth DATA_DIR --backbone NAME [--cuts BLOCK,BLOCK,...] [--epochs N] [--out DIR] [--json]
    cnnstudio predict (RUN_DIR | --backbone NAME) IMAGE... [--top-k K] [--json]
    cnnstudio models list | download NAME
    cnnstudio layers (RUN_DIR | --backbone NAME) [--json]
    cnnstudio activations (RUN_DIR | --backbone NAME) IMAGE --layer NAME --out PNG
    cnnstudio evaluate RUN_DIR [DATA_DIR] [--split test|validation] [--json]
    cnnstudio export RUN_DIR --format torchscript|onnx|safetensors --out FILE [--json]
    cnnstudio runs list [--root DIR] [--json]
    cnnstudio runs timeline RUN_DIR --out PNG [--size PX]
    cnnstudio filters (RUN_DIR | --backbone NAME) --layer NAME --out PNG [--count N] [--steps N] [--mode book|robust]
    cnnstudio heatmap (RUN_DIR | --backbone NAME) IMAGE... --out PNG_OR_DIR [--save-map FILE_OR_DIR] [--class NAME|INDEX]
        [--layer NAME] [--method gradcam|gradcam++|scorecam|saliency|smoothgrad] [--opacity F] [--colormap NAME] [--json]
    cnnstudio doctor [--json]   (versions, devices and licences, for a problem report)

User errors exit with status 2 and one line on stderr; a finished command exits 0.
"""

from __future__ import annotations

import sys

from .. import VERSION_FLAGS, version_line
from .common import EXIT_INTERRUPTED, EXIT_USER_ERROR, Parser, UsageError, early_complaint, tolerant_console

__all__ = ["main", "build_parser"]


def build_parser() -> Parser:
    """The `cnnstudio` parser: each command group's module registers its own sub-commands."""
    from . import activations, data, depth, doctor, evaluate, export, filters, heatmap, models, predict, runs, train

    parser = Parser(
        prog="cnnstudio", description="Convnets on small image datasets. Without a command, opens the window."
    )
    parser.add_argument(*VERSION_FLAGS, action="version", version=version_line())  # listed in --help
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for group in (train, depth, predict, evaluate, export, runs, models, data, activations, filters, heatmap, doctor):
        group.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    tolerant_console()  # the command never dies on the console's encoding
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] and argv[0] in VERSION_FLAGS:  # answered before anything imports torch
        print(version_line())
        return 0
    complaint = early_complaint(argv)  # before the parser, which imports the engine and torch
    if complaint:
        print(complaint, file=sys.stderr)
        return EXIT_USER_ERROR
    try:
        parser = build_parser()
        args = parser.parse_args(argv)
        if args.command is None:
            parser.print_help()
            return 0
        return args.handler(args)
    except UsageError as exc:
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
