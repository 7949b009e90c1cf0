"""`cnnstudio layers` and `cnnstudio activations`: a network's layers, and what one layer makes of an image."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..core.messages import msg
from .common import ProgressBar, add_network_arguments, network_source, open_network, run_step


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("layers", help="list a network's layers with their output shapes")
    add_network_arguments(p, images=False)
    p.add_argument("--json", action="store_true", help="a JSON list of {name, type, shape}")
    p.set_defaults(handler=_cmd_layers)

    p = sub.add_parser("activations", help="draw every channel of one layer for an image, as the book does (5.4.1)")
    add_network_arguments(p, images=True)
    p.add_argument("--layer", required=True, help="the layer's name (cnnstudio layers lists them)")
    p.add_argument("--out", required=True, metavar="PNG", help="the PNG file to write")
    p.set_defaults(handler=_cmd_activations)


def _cmd_layers(args: argparse.Namespace) -> int:
    from ..core.errors import UserError
    from ..core.visualize import list_layers

    source, images = network_source(args)
    if images:
        raise UserError(msg("cli.layers_no_image", image=images[0]))
    layers = list_layers(open_network(source))
    if args.json:
        print(json.dumps([{"name": i.name, "type": i.type, "shape": list(i.shape)} for i in layers]))
        return 0
    rows = [(i.name, i.type, " × ".join(map(str, i.shape))) for i in layers]
    widths = [max(len(r[k]) for r in [("layer", "type", "output shape"), *rows]) for k in range(3)]
    for name, kind, shape in [("layer", "type", "output shape"), *rows]:
        print(f"{name:<{widths[0]}}  {kind:<{widths[1]}}  {shape}")
    return 0


def _cmd_activations(args: argparse.Namespace) -> int:
    from PIL import Image

    from ..core.errors import UserError
    from ..core.visualize import activation_grid, activations

    source, images = network_source(args)
    if len(images) != 1:
        raise UserError(msg("cli.activations_one_image", count=len(images)))
    subject = open_network(source)
    result = run_step(activations(subject, images[0], layers=[args.layer]), ProgressBar(sys.stderr))
    grid = activation_grid(result.feature_maps(args.layer))
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    Image.fromarray(grid.image).save(out, format="PNG")
    print(args.out)
    return 0
