"""`cnnstudio doctor`: the versions, the machine and the devices, and the licences of what cnnstudio bundles.

The same values as the window's Help → About and Report a problem (`core.environment`), to paste into a
problem report from a server without a screen.
"""

from __future__ import annotations

import argparse
import json


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("doctor", help="versions, CPU, devices and licences, for a problem report")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_cmd_doctor)


def _cmd_doctor(args: argparse.Namespace) -> int:
    from ..core.environment import gather_environment, project_licence, sample_licences, weights_licence

    env = gather_environment()
    weights = weights_licence()
    licences = {"cnnstudio": project_licence()}
    if weights is not None:
        licences[f"{weights.package} {weights.version} (ImageNet weights, {weights.author})"] = weights.licence
    for sample in sample_licences():
        licences[f"{sample.file} ({sample.what})"] = sample.source_and_licence
    if args.json:
        print(json.dumps({"environment": dict(env.rows()), "licences": licences}, ensure_ascii=False))
        return 0
    print(env.report())
    print()
    print("licences:")
    for what, licence in licences.items():
        print(f"  {what}: {licence}")
    return 0
