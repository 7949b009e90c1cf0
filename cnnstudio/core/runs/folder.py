"""Run folders: everything one training run produced, written atomically.

config.json         model spec, classes, preprocessing, training settings, dataset (enough to rebuild)
history.jsonl       one JSON object per finished epoch
status.json         running / finished / failed / cancelled, with the reason and the best epoch
best.safetensors    weights of the epoch with the lowest validation loss
last.safetensors    weights after the last finished epoch
checkpoint.pt       the last finished epoch's weights, optimizer and counters, for continuing the run

While a run writes its folder it holds ``.cnnstudio-run.lock`` (created with O_EXCL, holding the run's
process id, host and start time): a second run into the same folder is refused at once, and a lock
whose process is gone is reclaimed.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import secrets
import socket
import time
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import torch
from safetensors.torch import load as load_safetensors
from safetensors.torch import save as save_safetensors

from ..errors import RunFolderError
from ..io import TEMP_SUFFIX, atomic_write_bytes, atomic_write_json, atomic_write_text, strict_json, sweep_stale_temps
from ..messages import msg, template

__all__ = ["RunFolder", "default_runs_root", "lock_holder", "new_run_path"]

CONFIG = "config.json"
HISTORY = "history.jsonl"
STATUS = "status.json"
BEST = "best.safetensors"
LAST = "last.safetensors"
CHECKPOINT = "checkpoint.pt"  # what continuing a run needs (written and read by core.training.checkpoint)
LOCK = ".cnnstudio-run.lock"
_OWN_FILES = (CONFIG, HISTORY, STATUS, BEST, LAST)
_UNKNOWN_HOLDER = {"pid": "?", "host": "?", "started": "?"}
_UNWRITTEN_LOCK_GRACE_S = 10.0  # a lock file still empty this long after it was created is a crashed claim


def default_runs_root() -> Path:
    """Where the GUI puts runs unless told otherwise: ``$CNNSTUDIO_RUNS`` or ~/cnnstudio-runs."""
    return Path(os.environ.get("CNNSTUDIO_RUNS") or Path.home() / "cnnstudio-runs")


def lock_holder(run_dir: str | os.PathLike[str]) -> dict[str, str] | None:
    """Who holds the run folder `run_dir` now (pid, host, started), or None: no lock, or its process is gone."""
    return _live_holder(Path(run_dir) / LOCK)


def new_run_path(root: str | os.PathLike[str], label: str) -> Path:
    """A fresh, unused folder name under `root`: ``20261127-193000-small-convnet`` (``-2``, ... if taken)."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in label) or "run"
    base = Path(root) / f"{stamp}-{safe}"
    path, n = base, 2
    while path.exists():
        path = base.with_name(f"{base.name}-{n}")
        n += 1
    return path


class RunFolder:
    """One run's folder. Nothing is overwritten: `create` refuses a folder that already holds files."""

    def __init__(self, path: str | os.PathLike[str], *, created: bool = False) -> None:
        self.path = Path(path)
        self._created = created  # we made the directory itself (so `remove` may delete it)
        self._claim = ""  # the token in the lock file this object holds, if any

    @staticmethod
    def check_new(path: str | os.PathLike[str]) -> Path:
        """Refuse a target that is a file or a folder holding files, before any work is done."""
        folder = Path(path).expanduser()
        if folder.exists() and not folder.is_dir():
            raise RunFolderError(msg("runs.is_a_file", folder=str(folder)))
        if folder.is_dir():
            holder = _live_holder(folder / LOCK)
            if holder is not None:
                raise RunFolderError(msg("runs.in_use", folder=str(folder), **holder))
            if _has_user_files(folder):
                raise RunFolderError(msg("runs.not_empty", folder=str(folder)))
        return folder

    @classmethod
    def create(cls, path: str | os.PathLike[str]) -> RunFolder:
        """Make the folder (or take an empty one) and claim it for this run before anything is written.

        Temporary files an interrupted run left there are swept once the claim is held.
        Call `release` when the run ends.
        """
        folder = cls.check_new(path)
        existed = folder.is_dir()
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise write_fault(exc, folder) from exc
        run = cls(folder.resolve(), created=not existed)
        run._claim = _claim(run.path / LOCK)
        if _has_user_files(run.path):  # another run finished here between our check and our claim
            run.release()
            raise RunFolderError(msg("runs.not_empty", folder=str(folder)))
        run.sweep()
        return run

    def release(self) -> None:
        """Give up the claim on the folder (the lock file goes, if it is still ours). Safe to call twice."""
        if not self._claim:
            return
        lock = self.path / LOCK
        if read_json_object(lock).get("token") == self._claim:
            _unlink(lock)
        self._claim = ""

    def remove(self) -> None:
        """Delete what this run wrote (a run that ended before its first epoch leaves nothing behind).

        Only the run's own files are removed, and the folder itself only if the run created it and it
        is then empty: anything else the user put there stays.
        """
        for name in _OWN_FILES:
            _unlink(self.path / name)  # best effort: a folder gone read-only keeps what it holds
        self.sweep()
        self.release()
        if self._created:
            try:
                self.path.rmdir()
            except OSError:
                pass

    def write_config(self, config: dict[str, Any]) -> None:
        with _writing(self.path / CONFIG):
            atomic_write_json(self.path / CONFIG, config)

    def read_config(self) -> dict[str, Any]:
        return self._read_json(CONFIG)

    def write_history(self, rows: list[dict[str, Any]]) -> None:
        with _writing(self.path / HISTORY):
            atomic_write_text(self.path / HISTORY, "".join(strict_json(row) + "\n" for row in rows))

    def read_history(self) -> list[dict[str, Any]]:
        path = self.path / HISTORY
        if not path.exists():
            return []
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]

    def write_status(self, status: dict[str, Any]) -> None:
        with _writing(self.path / STATUS):
            atomic_write_json(self.path / STATUS, status)

    def record_status(self, status: dict[str, Any]) -> bool:
        """Write status.json if at all possible, never raising: whether it was written.

        For the end of a run that already failed (often because the disk is full): when a new
        temporary file cannot be written, the existing status.json is overwritten in place, which
        needs no new directory entry and (being small) no new disk block.
        """
        try:
            self.write_status(status)
            return True
        except RunFolderError:
            pass
        data = (strict_json(status, indent=2) + "\n").encode("utf-8", "backslashreplace")
        try:
            with open(self.path / STATUS, "r+b") as handle:
                handle.write(data)
                handle.truncate()
                handle.flush()
                os.fsync(handle.fileno())
            return True
        except OSError:
            return False

    def read_status(self) -> dict[str, Any]:
        return self._read_json(STATUS)

    def save_weights(
        self, name: str, state_dict: dict[str, torch.Tensor], metadata: dict[str, str] | None = None
    ) -> None:
        tensors = {k: v.detach().to("cpu").contiguous() for k, v in state_dict.items()}
        with _writing(self.path / name):
            atomic_write_bytes(self.path / name, save_safetensors(tensors, metadata=metadata))

    def load_weights(self, name: str = BEST) -> dict[str, torch.Tensor]:
        """Weights as a state dict; safetensors never executes code from the file.

        `name` may be `CHECKPOINT` too: the last finished epoch's weights from the run's checkpoint
        (read with ``weights_only=True``).
        """
        if name == CHECKPOINT:
            from ..training.checkpoint import load_checkpoint

            return dict(load_checkpoint(self)["model"])
        path = self.path / name
        try:
            return load_safetensors(path.read_bytes())
        except FileNotFoundError as exc:
            raise RunFolderError(msg("runs.weights_missing", path=str(path))) from exc
        except Exception as exc:
            raise RunFolderError(msg("runs.weights_invalid", path=str(path), error=str(exc))) from exc

    def sweep(self) -> int:
        return sweep_stale_temps(self.path)

    def _read_json(self, name: str) -> dict[str, Any]:
        """A JSON object from the run folder; anything else is a one-line `RunFolderError`."""
        path = self.path / name
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError as exc:
            raise RunFolderError(msg("runs.file_missing", path=str(path), folder=str(self.path))) from exc
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise RunFolderError(
                msg("runs.file_not_json", path=str(path), error=str(exc).splitlines()[0][:200])
            ) from exc
        except OSError as exc:
            raise RunFolderError(msg("runs.file_unreadable", path=str(path), error=exc.strerror or str(exc))) from exc
        if not isinstance(data, dict):
            raise RunFolderError(msg("runs.file_not_object", path=str(path)))
        return data


# Faults of the machine, not of the program: each names the path and what to do about it.
_WRITE_FAULTS = {
    errno.ENOSPC: template("runs.disk_full"),
    errno.EROFS: template("runs.read_only"),
    errno.EACCES: template("runs.not_permitted"),
    errno.EPERM: template("runs.not_permitted"),
    errno.ENOENT: template("runs.folder_vanished"),
    errno.EIO: template("runs.disk_error"),
}
if hasattr(errno, "EDQUOT"):  # not on Windows
    _WRITE_FAULTS[errno.EDQUOT] = template("runs.quota_exceeded")


def write_fault(exc: OSError, path: Path) -> RunFolderError:
    """The `RunFolderError` for an OSError met writing `path` (raise it ``from exc``)."""
    fault = _WRITE_FAULTS.get(exc.errno or 0)
    if fault is None:
        return RunFolderError(msg("runs.cannot_write", path=str(path), error=exc.strerror or str(exc)))
    return RunFolderError(fault(path=str(path), folder=str(path.parent)))


@contextlib.contextmanager
def _writing(path: Path) -> Iterator[None]:
    try:
        yield
    except OSError as exc:
        raise write_fault(exc, path) from exc


def _has_user_files(folder: Path) -> bool:
    """Anything in `folder` but a run lock and the temporary files of interrupted writes."""
    return any(
        e.name != LOCK and not (e.name.startswith(".") and e.name.endswith(TEMP_SUFFIX)) for e in folder.iterdir()
    )


def _claim(lock: Path) -> str:
    """Create `lock` exclusively for this process (reclaiming it from a process that is gone); its token."""
    token = secrets.token_hex(8)
    record = {
        "pid": os.getpid(),
        "host": socket.gethostname(),
        "started": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "token": token,
    }
    for _ in range(2):
        try:
            fd = os.open(lock, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            holder = _live_holder(lock)
            if holder is not None:
                raise RunFolderError(msg("runs.in_use", folder=str(lock.parent), **holder)) from None
            if not _reclaim(lock):
                raise RunFolderError(msg("runs.in_use", folder=str(lock.parent), **_UNKNOWN_HOLDER)) from None
            continue
        except OSError as exc:
            raise write_fault(exc, lock) from exc
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(json.dumps(record) + "\n")
        except OSError as exc:
            _unlink(lock)
            raise write_fault(exc, lock) from exc
        return token
    raise RunFolderError(msg("runs.in_use", folder=str(lock.parent), **_UNKNOWN_HOLDER))


def _reclaim(lock: Path) -> bool:
    """Move a dead run's lock out of the way; False if what was moved turned out to be a live claim.

    Two runs may both find the same dead lock: the second may then move the first one's fresh lock,
    which it sees once it is moved, puts back, and backs off.
    """
    stale = lock.with_name(f"{lock.name}.{secrets.token_hex(4)}{TEMP_SUFFIX}")  # swept if we die here
    try:
        os.replace(lock, stale)
    except FileNotFoundError:
        return True
    if _live_holder(stale) is not None:
        try:
            os.link(stale, lock)
        except OSError:
            pass
        _unlink(stale)
        return False
    _unlink(stale)
    return True


def _unlink(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass


def read_json_object(path: Path) -> dict[str, Any]:
    """The JSON object in `path`, or {} when it cannot be read or is not one (a lock being written, a damaged file)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _live_holder(lock: Path) -> dict[str, str] | None:
    """Who holds `lock` (pid, host, started), or None if nobody does: no lock, or its process is gone."""
    try:
        age = time.time() - lock.stat().st_mtime
    except FileNotFoundError:
        return None
    data = read_json_object(lock)
    pid, host = data.get("pid"), data.get("host")
    if not isinstance(pid, int) or not isinstance(host, str):
        # Being written this instant (it is created empty), or left by a claim that crashed.
        if age < _UNWRITTEN_LOCK_GRACE_S:
            return dict(_UNKNOWN_HOLDER)
        return None
    if host == socket.gethostname() and not _pid_alive(pid):
        return None
    return {"pid": str(pid), "host": host, "started": str(data.get("started", "?"))}


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if os.name == "nt":
        return _windows_pid_alive(pid)
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it exists, owned by someone else
    except OSError:
        return False
    return True


def _windows_pid_alive(pid: int) -> bool:  # pragma: no cover - Windows only
    import ctypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return False
    try:
        code = ctypes.c_ulong()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return True
        return code.value == 259  # STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)
