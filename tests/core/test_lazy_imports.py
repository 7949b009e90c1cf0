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


LAZY_PACKAGES = ("data", "models", "pretrained", "runs", "training")


def test_every_name_a_lazy_package_exports_is_found_and_listed():
    import importlib
    import inspect

    for short in LAZY_PACKAGES:
        package = importlib.import_module(f"cnnstudio.core.{short}")
        for name in package.__all__:
            value = getattr(package, name)
            if inspect.isclass(value) or inspect.isfunction(value):
                assert value.__module__.startswith(package.__name__), (short, name)
        assert set(package.__all__) <= set(dir(package))


def test_a_function_named_like_its_module_keeps_the_name_once_the_module_is_imported():
    import importlib
    from types import ModuleType

    importlib.import_module("cnnstudio.core.training.fit")  # binds the submodule on the package, as Python does
    importlib.import_module("cnnstudio.core.training.resume")
    from cnnstudio.core import training

    assert not isinstance(training.fit, ModuleType) and training.fit.__module__ == "cnnstudio.core.training.fit"
    assert not isinstance(training.resume, ModuleType) and callable(training.resume)


def test_an_unknown_name_is_an_attribute_error():
    import pytest

    from cnnstudio.core import models

    with pytest.raises(AttributeError, match="no_such_name"):
        _ = models.no_such_name
