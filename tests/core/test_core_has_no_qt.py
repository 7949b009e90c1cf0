from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import cnnstudio.core

CORE = Path(cnnstudio.core.__file__).parent
FORBIDDEN = ("PySide6", "PyQt5", "PyQt6", "pyqtgraph", "cnnstudio.qt", "shiboken6")


def test_no_core_module_imports_qt_or_the_gui():
    offenders = []
    for path in CORE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [("." * node.level) + (node.module or "")]
                if node.level >= 2:  # from ..qt import x
                    names = ["cnnstudio." + (node.module or "")]
            offenders += [f"{path.name}: {n}" for n in names if n.startswith(FORBIDDEN)]
    assert offenders == []


def test_importing_every_core_module_loads_no_qt():
    modules = sorted(
        "cnnstudio.core." + ".".join(p.relative_to(CORE).with_suffix("").parts)
        for p in CORE.rglob("*.py")
        if p.stem != "__init__"
    )
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in modules)
        + f"bad = [m for m in sys.modules if m.split('.')[0] in {FORBIDDEN!r} or m.startswith('cnnstudio.qt')]\n"
        + "print(bad)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
