"""`cnnstudio heatmap`: class activation heatmaps (Grad-CAM and friends) laid over photos, as PNG and .npy."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..core.messages import msg
from .common import ProgressBar, add_network_arguments, network_source, open_network, run_step

_METHODS = ("gradcam", "gradcam++", "scorecam", "saliency", "smoothgrad")
_COLORMAPS = ("jet", "viridis", "magma", "inferno", "plasma", "cividis", "turbo")


def _opacity(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number from 0 to 1, got {text!r}") from None
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError(f"must be from 0 to 1, got {text}")
    return value


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "heatmap",
        help="class activation heatmaps over images: which parts of each photo argue for a class",
        description="Heatmaps of IMAGE... (files or folders of images) for a class. With one image, --out is a"
        " PNG file; with several, a folder (created).",
    )
    add_network_arguments(p, images=True)
    p.add_argument("--out", required=True, metavar="PNG_OR_DIR", help="the overlay PNG, or a folder for several")
    p.add_argument("--save-map", metavar="FILE_OR_DIR", default=None, help="also write the raw map (.npy, float32 0-1)")
    p.add_argument("--class", dest="target", metavar="NAME|INDEX", default=None, help="target class (default: top-1)")
    p.add_argument("--layer", default=None, help="the layer (default: the last convolution layer)")
    p.add_argument("--method", choices=_METHODS, default="gradcam")
    p.add_argument("--opacity", type=_opacity, default=0.5, help="of the coloured map over the photo (0-1)")
    p.add_argument("--colormap", choices=_COLORMAPS, default="jet")
    p.add_argument("--json", action="store_true", help="one JSON line per image")
    p.set_defaults(handler=_cmd_heatmap)


def _describe(row: dict) -> str:
    line = f"{row['image']}: {row['class']} ({row['probability']:.1%})"
    if row["peak"] is None:
        return line + f", {msg('heatmap.no_positive_evidence', name=row['class'])}"
    line += f", peak at x={row['peak'][0]}, y={row['peak'][1]}"
    faith = row["faithfulness"]
    if faith:
        line += (
            f"; blurring the map's top {faith['fraction']:.0%} drops it by {faith['top'] * 100:.1f} points"
            f" (random pixels: {faith['random'] * 100:.1f})"
        )
    return line + f" -> {row['overlay']}"


def _cmd_heatmap(args: argparse.Namespace) -> int:
    from ..core.errors import UserError
    from ..core.visualize import heatmap, heatmap_folder, image_files, save_map, save_overlay

    source, images = network_source(args)
    if not images:
        raise UserError(msg("heatmap.cli_no_images"))
    files = image_files(images)
    if not files:
        raise UserError(msg("heatmap.cli_no_images"))
    several = len(files) > 1 or any(Path(i).is_dir() for i in images)
    out = Path(args.out)
    if several and out.exists() and not out.is_dir():
        raise UserError(msg("heatmap.cli_out_not_folder", path=str(out)))
    subject = open_network(source)
    options = {"target": args.target, "layer": args.layer, "method": args.method}
    bar = ProgressBar(sys.stderr)
    if several:
        job = heatmap_folder(
            subject, files, out, map_dir=args.save_map, opacity=args.opacity, colormap=args.colormap, **options
        )
        rows = run_step(job, bar)
    else:
        result = run_step(heatmap(subject, files[0], **options), bar)
        target = out / f"{files[0].stem}.png" if out.is_dir() else out
        row = result.as_dict()
        row["overlay"] = str(save_overlay(result, target, opacity=args.opacity, colormap=args.colormap))
        if args.save_map:
            map_path = Path(args.save_map)
            map_path = map_path / f"{files[0].stem}.npy" if map_path.is_dir() else map_path
            row["map"] = str(save_map(result, map_path))
        rows = [row]
    for row in rows:
        print(json.dumps(row, ensure_ascii=False) if args.json else _describe(row))
    return 0
