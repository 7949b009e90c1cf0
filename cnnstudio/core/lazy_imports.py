"""Modules imported on first use, one thread at a time.

torchvision takes seconds to import, so the engine imports it when first needed instead of at start-up
(the window comes up without it: see qt/startup.py). First use can come from several job threads at
once, and a package with import cycles (torchvision has them) imported by two threads at the same time
can hand one of them a partly initialised module ("cannot import name ... from partially initialized
module"). Every such import goes through `import_once`, which holds one lock while it imports.
"""

from __future__ import annotations

import importlib
import threading
from types import ModuleType

__all__ = ["import_once"]

_LOCK = threading.RLock()


def import_once(name: str) -> ModuleType:
    """The module `name`, imported under the one lock (at once when it is already in)."""
    with _LOCK:
        return importlib.import_module(name)
