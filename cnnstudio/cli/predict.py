"""`cnnstudio predict`: classify images with a trained run or a pretrained network."""

from __future__ import annotations

import argparse
import json

from .common import positive_int


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

    images = list(args.images)
    if args.backbone:
        if args.run:
            images.insert(0, args.run)
        if not images:
            raise UserError("Give at least one image to classify.")
        from ..core.pretrained import load_backbone, predict_imagenet

        backbone = load_backbone(args.backbone)
        results = []
        for path in images:
            _check_image_arg(path)
            top = predict_imagenet(backbone, path, top_k=args.top_k)
            results.append({"image": path, "top": [{"class": c, "index": i, "probability": p} for c, i, p in top]})
    else:
        if not args.run:
            raise UserError("Give a run folder (or --backbone NAME) and at least one image.")
        if not images:
            raise UserError("Give at least one image to classify.")
        from ..core.predict import load_run, predict_run

        for path in images:
            _check_image_arg(path)
        results = predict_run(load_run(args.run), images, args.top_k)
    if args.json:
        print(json.dumps(results, ensure_ascii=False))
        return 0
    for result in results:
        print(result["image"])
        for row in result["top"]:
            bar = "#" * int(round(row["probability"] * 30))
            print(f"  {row['probability']:6.1%}  {bar:<30}  {row['class']}")
    return 0


def _check_image_arg(path: str) -> None:
    from ..core.errors import UserError
    from ..core.images import check_image

    reason = check_image(path)
    if reason is not None:
        raise UserError(f"{path}: {reason}; give a JPEG, PNG, BMP, GIF, WebP or TIFF image.")
