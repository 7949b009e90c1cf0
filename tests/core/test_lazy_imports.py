"""torchvision is imported on first use, under one lock: never at a module's top, never by a bare import."""

from __future__ import annotations

import ast
from pathlib import Path

import cnnstudio
from cnnstudio.core.lazy_imports import import_once

PACKAGE = Path(cnnstudio.__file__).parent


def _type_checking_only(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    while node in parents:
        node = parents[node]
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            return True
    return False


def test_every_torchvision_import_goes_through_import_once():
    # Two job threads importing torchvision at once can get a partly initialised module; import_once
    # takes a lock. A bare import anywhere (at a module's top it also costs seconds at start-up) breaks that.
    bare = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            if any(n.split(".")[0] == "torchvision" for n in names) and not _type_checking_only(node, parents):
                bare.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert bare == []


def test_import_once_gives_the_module():
    import json

    assert import_once("json") is json
    assert import_once("torchvision.ops").StochasticDepth.__name__ == "StochasticDepth"
