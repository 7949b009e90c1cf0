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
    cnnstudio FOLDER | RUN_DIR  (no command: the window, with that dataset or that run; see `window_path`)

User errors exit with status 2 and one line on stderr; a finished command exits 0.
"""

from __future__ import annotations

import sys
from pathlib import Path

from .. import VERSION_FLAGS, version_line
from .common import EXIT_INTERRUPTED, EXIT_USER_ERROR, Parser, UsageError, early_complaint, tolerant_console

__all__ = ["main", "build_parser", "COMMANDS", "window_path", "not_a_command"]

# The commands `build_parser` registers, known without building it (which imports torch); a test keeps them in step.
COMMANDS = (
    "train",
    "depth",
    "predict",
    "evaluate",
    "export",
    "runs",
    "models",
    "summary",
    "demo-data",
    "data",
    "layers",
    "activations",
    "filters",
    "heatmap",
    "doctor",
)


def window_path(argv: list[str]) -> str | None:
    """The folder that `cnnstudio FOLDER` (a dataset) or `cnnstudio RUN_DIR` opens the window with, or None.

    That is a lone word that is neither a command nor an option and names an existing folder; a folder
    named like a command is reached as ``./NAME``.
    """
    if len(argv) == 1 and argv[0] not in COMMANDS and not argv[0].startswith("-") and Path(argv[0]).is_dir():
        return argv[0]
    return None


def not_a_command(argv: list[str]) -> str | None:
    """The one-line complaint about a first word that is neither a command nor a folder, or None.

    Answered before the parser (and torch): `cnnstudio PATH` with a mistyped path, or a mistyped command.
    """
    if not argv or argv[0] in COMMANDS or argv[0].startswith("-"):
        return None
    word = argv[0]
    if Path(word).is_dir():
        return f"cnnstudio: {word} is a folder; `cnnstudio {word}` with nothing after it opens the window with it."
    commands = ", ".join(COMMANDS)
    if Path(word).exists():
        return f"cnnstudio: {word} is a file; give a dataset or run folder to open in the window, or a command ({commands})."
    return (
        f"cnnstudio: {word} is neither a command nor an existing folder; give a dataset or run folder to open "
        f"in the window, or a command ({commands})."
    )


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
    complaint = not_a_command(argv) or early_complaint(argv)  # before the parser, which imports the engine and torch
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
