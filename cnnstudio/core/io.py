"""Atomic file writes: a crash at any moment leaves the previous good file in place.

Files are created as any file the user creates (mode 0666 less the umask), and JSON is strict:
a non-finite float is written as ``null``, never as the bare ``NaN`` strict parsers reject.
"""

from __future__ import annotations

import json
import math
import os
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

__all__ = [
    "atomic_write",
    "atomic_write_bytes",
    "atomic_write_text",
    "atomic_write_json",
    "strict_json",
    "sweep_stale_temps",
    "TEMP_SUFFIX",
]

TEMP_SUFFIX = ".partial"


def atomic_write(path: str | os.PathLike[str], writer: Callable[[IO[bytes]], None]) -> None:
    """Call `writer` on a temporary file beside `path`, fsync it, then rename it over `path`.

    If `writer` raises (or the process dies), `path` keeps its previous content and the temporary
    file is removed (or swept later by `sweep_stale_temps`).
    """
    target = Path(path)
    fd, tmp = _create_temp(target)
    try:
        with os.fdopen(fd, "wb") as handle:
            writer(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    _fsync_dir(target.parent)


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    atomic_write(path, lambda handle: handle.write(data))


def atomic_write_text(path: str | os.PathLike[str], text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))


def atomic_write_json(path: str | os.PathLike[str], obj: Any) -> None:
    # A file name that is not valid UTF-8 reaches us with surrogate escapes (PEP 383); written as a JSON
    # escape ("\udce9") it reads back as the very same name, and every other character stays readable.
    atomic_write_bytes(path, (strict_json(obj, indent=2) + "\n").encode("utf-8", "backslashreplace"))


def strict_json(obj: Any, *, indent: int | None = None) -> str:
    """`obj` as strict JSON (RFC 8259): non-finite floats become ``null``."""
    return json.dumps(_finite(obj), indent=indent, ensure_ascii=False, allow_nan=False)


def _finite(obj: Any) -> Any:
    if isinstance(obj, float):
        return obj if math.isfinite(obj) else None
    if isinstance(obj, dict):
        return {key: _finite(value) for key, value in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_finite(value) for value in obj]
    return obj


def sweep_stale_temps(folder: str | os.PathLike[str]) -> int:
    """Remove temporary files left by writes that were interrupted; return how many."""
    removed = 0
    for entry in Path(folder).glob(f".*{TEMP_SUFFIX}"):
        try:
            entry.unlink()
            removed += 1
        except OSError:
            pass
    return removed


def _create_temp(target: Path) -> tuple[int, str]:
    """A new temporary file beside `target`, created with mode 0666 so the umask applies (mkstemp gives 0600)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    while True:
        tmp = str(target.parent / f".{target.name}.{secrets.token_hex(4)}{TEMP_SUFFIX}")
        try:
            return os.open(tmp, flags, 0o666), tmp
        except FileExistsError:
            continue


def _fsync_dir(folder: Path) -> None:
    # Make the rename itself durable; not possible (nor needed) on Windows.
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
