"""Run folders: everything one training run produced, written atomically.

config.json         model spec, classes, preprocessing, training settings, dataset (enough to rebuild)
history.jsonl       one JSON object per finished epoch
status.json         running / finished / failed / cancelled, with the reason and the best epoch
best.safetensors    weights of the epoch with the lowest validation loss
last.safetensors    weights after the last finished epoch
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

import torch
from safetensors.torch import load as load_safetensors
from safetensors.torch import save as save_safetensors

from ..errors import RunFolderError
from ..io import atomic_write_bytes, atomic_write_json, atomic_write_text, sweep_stale_temps
from ..messages import msg

__all__ = ["RunFolder", "default_runs_root", "new_run_path"]

CONFIG = "config.json"
HISTORY = "history.jsonl"
STATUS = "status.json"
BEST = "best.safetensors"
LAST = "last.safetensors"
_OWN_FILES = (CONFIG, HISTORY, STATUS, BEST, LAST)


def default_runs_root() -> Path:
    """Where the GUI puts runs unless told otherwise: ``$CNNSTUDIO_RUNS`` or ~/cnnstudio-runs."""
    return Path(os.environ.get("CNNSTUDIO_RUNS") or Path.home() / "cnnstudio-runs")


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

    @staticmethod
    def check_new(path: str | os.PathLike[str]) -> Path:
        """Refuse a target that is a file or a folder holding files, before any work is done."""
        folder = Path(path).expanduser()
        if folder.exists() and not folder.is_dir():
            raise RunFolderError(msg("runs.is_a_file", folder=str(folder)))
        if folder.is_dir() and any(folder.iterdir()):
            raise RunFolderError(msg("runs.not_empty", folder=str(folder)))
        return folder

    @classmethod
    def create(cls, path: str | os.PathLike[str]) -> RunFolder:
        folder = cls.check_new(path)
        existed = folder.is_dir()
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise RunFolderError(msg("runs.cannot_create", folder=str(folder), error=exc.strerror or str(exc))) from exc
        return cls(folder.resolve(), created=not existed)

    def remove(self) -> None:
        """Delete what this run wrote (a run that ended before its first epoch leaves nothing behind).

        Only the run's own files are removed, and the folder itself only if the run created it and it
        is then empty: anything else the user put there stays.
        """
        for name in _OWN_FILES:
            try:
                (self.path / name).unlink()
            except FileNotFoundError:
                pass
        self.sweep()
        if self._created:
            try:
                self.path.rmdir()
            except OSError:
                pass

    def write_config(self, config: dict[str, Any]) -> None:
        atomic_write_json(self.path / CONFIG, config)

    def read_config(self) -> dict[str, Any]:
        return self._read_json(CONFIG)

    def write_history(self, rows: list[dict[str, Any]]) -> None:
        atomic_write_text(self.path / HISTORY, "".join(json.dumps(row) + "\n" for row in rows))

    def read_history(self) -> list[dict[str, Any]]:
        path = self.path / HISTORY
        if not path.exists():
            return []
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]

    def write_status(self, status: dict[str, Any]) -> None:
        atomic_write_json(self.path / STATUS, status)

    def read_status(self) -> dict[str, Any]:
        return self._read_json(STATUS)

    def save_weights(
        self, name: str, state_dict: dict[str, torch.Tensor], metadata: dict[str, str] | None = None
    ) -> None:
        tensors = {k: v.detach().to("cpu").contiguous() for k, v in state_dict.items()}
        atomic_write_bytes(self.path / name, save_safetensors(tensors, metadata=metadata))

    def load_weights(self, name: str = BEST) -> dict[str, torch.Tensor]:
        """Weights as a state dict; safetensors never executes code from the file."""
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
