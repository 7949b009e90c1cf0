"""`cnnstudio demo-data` and `cnnstudio data`: write the demo set, inspect a folder, copy a subset."""

from __future__ import annotations

import argparse
import json
import sys

from .common import (
    EXIT_USER_ERROR,
    Parser,
    ProgressBar,
    fraction,
    load_dataset,
    missing_dataset_folder,
    per_class,
    run_step,
)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("demo-data", help="write the built-in demo dataset as PNG files")
    p.set_defaults(handler=_cmd_demo_data)
    p.add_argument("out", metavar="OUT_DIR", help="a new (or empty) folder")
    p.add_argument("--seed", type=int, default=0)

    data = sub.add_parser("data", help="inspect a dataset folder or copy a subset of it")
    data.set_defaults(handler=_cmd_data)
    data_sub = data.add_subparsers(dest="data_command", metavar="DATA_COMMAND", parser_class=Parser, required=True)
    p = data_sub.add_parser("inspect", help="layout, classes, counts per split and every skipped file with its reason")
    p.add_argument("folder", metavar="DIR")
    p.add_argument("--val-split", type=fraction, default=0.15)
    p.add_argument("--test-split", type=fraction, default=0.15)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--json", action="store_true")
    p = data_sub.add_parser(
        "subset", help="copy N images per class and split into a new folder (train/, validation/, test/)"
    )
    p.add_argument("source", metavar="SRC")
    p.add_argument("out", metavar="OUT")
    p.add_argument("--per-class", type=per_class, required=True, metavar="train=N,validation=N,test=N")
    p.add_argument("--seed", type=int, default=0)


def _cmd_demo_data(args: argparse.Namespace) -> int:
    from PIL import Image

    from ..core.data import DEMO_CLASSES, DEMO_SPLITS, check_new_folder, generate_demo_split

    out = check_new_folder(args.out)  # a DatasetError (exit 2) if it holds anything
    total = 0
    for split in DEMO_SPLITS:
        images, labels = generate_demo_split(split, seed=args.seed)
        for name in DEMO_CLASSES:
            (out / split / name).mkdir(parents=True, exist_ok=True)
        for i, (image, label) in enumerate(zip(images, labels, strict=True)):
            Image.fromarray(image).save(out / split / DEMO_CLASSES[label] / f"{DEMO_CLASSES[label]}.{i:04d}.png")
        total += len(images)
    print(f"wrote {total} images to {out} ({', '.join(DEMO_SPLITS)}; classes: {', '.join(DEMO_CLASSES)})")
    return 0


def _cmd_data(args: argparse.Namespace) -> int:
    from ..core.data import image_size_text, make_subset

    bar = ProgressBar(sys.stdout)
    if args.data_command == "inspect":
        complaint = missing_dataset_folder(args.folder)
        if complaint:
            print(complaint, file=sys.stderr)
            return EXIT_USER_ERROR
        dataset = load_dataset(args.folder, args.seed, args.val_split, args.test_split, None if args.json else bar)
        counts = dataset.counts()
        if args.json:
            print(
                json.dumps(
                    {
                        "folder": dataset.source,
                        "layout": dataset.layout,
                        "classes": list(dataset.class_names),
                        "counts": counts,
                        "empty_classes": dataset.empty_classes,
                        "image_sizes": {k: list(v) for k, v in dataset.image_sizes.items()},
                        "skipped": [{"path": s.path, "reason": s.reason} for s in dataset.skipped],
                    },
                    ensure_ascii=False,
                )
            )
            return 0
        print(f"{dataset.source}\nlayout: {dataset.layout}    image size: {image_size_text(dataset.image_sizes)}")
        width = max(len("class"), *(len(n) for n in dataset.class_names))
        print(f"{'class'.ljust(width)}  {'train':>7} {'validation':>10} {'test':>7}")
        for name in dataset.class_names:
            row = [counts[split][name] for split in ("train", "validation", "test")]
            print(f"{name.ljust(width)}  {row[0]:>7} {row[1]:>10} {row[2]:>7}")
        if dataset.empty_classes:
            print(f"empty classes (left out): {', '.join(dataset.empty_classes)}")
        print(f"skipped files: {len(dataset.skipped)}")
        for skipped in dataset.skipped:
            print(f"  {skipped.path}: {skipped.reason}")
        return 0

    complaint = missing_dataset_folder(args.source)
    if complaint:
        print(complaint, file=sys.stderr)
        return EXIT_USER_ERROR
    dataset = load_dataset(args.source, args.seed, bar=bar)
    copied = run_step(make_subset(dataset, args.out, args.per_class, seed=args.seed), bar)
    total = sum(n for per in copied.values() for n in per.values())
    print(
        f"copied {total} images to {args.out}: "
        + "; ".join(f"{split} {', '.join(f'{name} {n}' for name, n in per.items())}" for split, per in copied.items())
    )
    return 0
