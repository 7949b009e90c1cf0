"""Modules imported on first use, one thread at a time.

torchvision takes seconds to import, so the engine imports it when first needed instead of at start-up
(the window comes up without it: see qt/startup.py). First use can come from several job threads at
once, and a package with import cycles (torchvision has them) imported by two threads at the same time
can hand one of them a partly initialised module ("cannot import name ... from partially initialized
module"). Every such import goes through `import_once`, which holds one lock while it imports.
"""

from __future__ import annotations

import importlib
import sys
import threading
from collections.abc import Callable
from types import ModuleType
from typing import Any

__all__ = ["import_once", "lazy_exports"]

_LOCK = threading.RLock()


def import_once(name: str) -> ModuleType:
    """The module `name`, imported under the one lock (at once when it is already in)."""
    with _LOCK:
        return importlib.import_module(name)


def lazy_exports(package: str, exports: dict[str, str]) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """A package's ``__getattr__`` and ``__dir__`` that import each name's submodule on first use.

    `exports` maps each submodule (relative, like ``".spec"``) to the names it gives, space-separated. The
    window imports the few engine modules it needs before PyTorch is in (qt/startup.py); a package
    ``__init__`` that imported every submodule would pull torch in with them.
    """

    where = {name: module for module, names in exports.items() for name in names.split()}

    def __getattr__(name: str) -> Any:  # noqa: N807 - the module-level hook Python looks for
        module = where.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module, package), name)
        setattr(sys.modules[package], name, value)  # found once; later look-ups are plain attributes
        return value

    def __dir__() -> list[str]:  # noqa: N807
        return sorted(set(vars(sys.modules[package])) | set(where))

    shadowed = {name for name in where if f".{name}" in exports}
    if shadowed:  # a function named like its module (training.fit, training.resume)
        module = sys.modules[package]
        module.__class__ = _NamesOverModules
        module._names_over_modules = frozenset(shadowed)
    return __getattr__, __dir__


class _NamesOverModules(ModuleType):
    """A package whose exported names win over its submodules of the same name, as with eager imports.

    Importing ``package.fit`` binds the submodule as the package's ``fit``; an ``__init__`` that imported
    ``from .fit import fit`` rebound the name to the function afterwards, and callers rely on that.
    """

    def __setattr__(self, name: str, value: Any) -> None:
        if isinstance(value, ModuleType) and name in vars(self).get("_names_over_modules", ()):
            return  # the exported function keeps the name; `__getattr__` finds it
        super().__setattr__(name, value)
