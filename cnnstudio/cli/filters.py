"""`cnnstudio filters`: the patterns a convolution layer's filters respond to most, as one labelled PNG grid."""

from __future__ import annotations

import argparse
import sys

from .common import ProgressBar, add_network_arguments, network_source, open_network, positive_int, run_step


def _size(text: str) -> tuple[int, int]:
    from .common import UsageError

    parts = text.lower().replace("x", ",").split(",")
    try:
        values = [int(p) for p in parts if p.strip()]
    except ValueError:
        values = []
    if len(values) not in (1, 2) or min(values) < 8:
        raise UsageError(f"cnnstudio filters: --size must be N or HxW with sides of at least 8, not {text!r}")
    return (values[0], values[-1])


def register(sub: argparse._SubParsersAction) -> None:
    from ..core.choices import FILTER_MODES

    p = sub.add_parser("filters", help="draw the patterns a convolution layer's filters respond to (gradient ascent)")
    add_network_arguments(p, images=False)
    p.add_argument("--layer", required=True, help="a convolution layer (see cnnstudio layers)")
    p.add_argument("--out", required=True, help="the PNG file to write")
    p.add_argument("--count", type=positive_int, default=None, help="the first N filters (default: all)")
    p.add_argument("--steps", type=positive_int, default=40, help="ascent steps (default 40)")
    p.add_argument("--step-size", type=float, default=None, help="default: 1 pixel level (book), 0.05 (robust)")
    p.add_argument("--size", type=_size, default=None, help="image size, N or HxW (default: the network's)")
    p.add_argument("--mode", choices=FILTER_MODES, default="book")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--columns", type=positive_int, default=8)
    p.set_defaults(handler=_cmd_filters)


def _cmd_filters(args: argparse.Namespace) -> int:
    import numpy as np
    from PIL import Image

    from ..core.visualize import filter_patterns, find_layer
    from ..core.visualize.render import mosaic

    source, _images = network_source(args)
    subject = open_network(source)
    find_layer(subject.model, args.layer)  # a wrong name fails before any work, with suggestions
    job = filter_patterns(
        subject,
        args.layer,
        filters=args.count,
        steps=args.steps,
        step_size=args.step_size,
        size=args.size,
        mode=args.mode,
        seed=args.seed,
    )
    result = run_step(job, ProgressBar(sys.stderr))
    tiles = result.patterns
    if tiles.shape[-1] != 3:
        tiles = np.repeat(tiles[..., :1], 3, axis=-1)
    grid = mosaic(tiles, columns=args.columns, labels=[str(f) for f in result.filters])
    Image.fromarray(grid.image).save(args.out)
    print(args.out)
    return 0
