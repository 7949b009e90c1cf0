"""`cnnstudio export`: a run's model as TorchScript, ONNX or safetensors weights, checked against PyTorch."""

from __future__ import annotations

import argparse
import json
import sys

from .common import EXIT_FAILED, ProgressBar, run_step


def register(sub: argparse._SubParsersAction) -> None:
    from ..core.choices import EXPORT_FORMATS

    p = sub.add_parser("export", help="export a run's model (TorchScript, ONNX, safetensors) and check the file")
    p.add_argument("run", metavar="RUN_DIR", help="a run folder written by cnnstudio train")
    p.add_argument("--format", choices=EXPORT_FORMATS, required=True)
    p.add_argument("--out", metavar="FILE", required=True, help="the file to write")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_cmd_export)


def _cmd_export(args: argparse.Namespace) -> int:
    from ..core.export import export_run

    result = run_step(export_run(args.run, args.format, args.out), ProgressBar(sys.stderr))
    if args.json:
        print(json.dumps(result.as_dict(), ensure_ascii=False))
    else:
        print(f"wrote {result.path} ({result.format})")
        verdict = "ok" if result.matches else "TOO LARGE"
        print(
            f"check ({result.checked_with}): largest difference from PyTorch {result.max_abs_difference:.3g}"
            f" (tolerance {result.tolerance:g}): {verdict}"
        )
    return 0 if result.matches else EXIT_FAILED
