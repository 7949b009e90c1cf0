"""Weights files from users: read without running code, unwrapped, and checked key by key against a model.

``.safetensors`` files are read by safetensors; ``.pth``/``.pt``/``.bin`` files by
``torch.load(weights_only=True)``, which refuses any pickle that would construct objects beyond
tensors and plain containers. Such a refusal is said in our own words: PyTorch's text suggests
re-running with ``weights_only=False``, the one thing a user must not do with a file they do not trust.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import re
import threading
import warnings
import zipfile
from collections.abc import Mapping, Sequence
from typing import Any

import torch
from torch import nn

from ..messages import Message, MessageTemplate, msg, template, text
from .catalogue import WeightsError

__all__ = ["load_state_file", "read_state", "check_state", "file_id"]

_LISTED = 10  # key names shown per kind of mismatch
_STATE_WRAPPERS = ("state_dict", "model_state_dict", "model", "module", "net")
_STATE_PREFIXES = ("module.", "_orig_mod.")  # DataParallel/DistributedDataParallel, torch.compile
_TORCH_EXTENSIONS = (".pth", ".pt", ".bin", ".ckpt", ".pkl")
_SAFETENSORS_EXTENSIONS = (".safetensors",)
# Old torchvision DenseNet checkpoints name layers 'norm.1' where the model now says 'norm1' (torchvision fixes
# this in its own loader, which downloads; we apply the same rename to local files).
_DENSENET_LEGACY_KEY = re.compile(
    r"^(.*denselayer\d+\.(?:norm|relu|conv))\.((?:[12])\.(?:weight|bias|running_mean|running_var))$"
)
# torch.load(weights_only=True) starts every refusal of a pickle's contents with this.
_WEIGHTS_ONLY_REFUSAL = "Weights only load failed"
# torch's unpickler warns (UserWarning) about pickle protocols it was not written for; never let it reach stderr.
# catch_warnings swaps process-wide state: serialise our uses of it.
_WARNINGS_LOCK = threading.Lock()

_KEY_LISTS = {
    ("missing", False): template("pretrained.missing_key"),
    ("missing", True): template("pretrained.missing_keys"),
    ("unexpected", False): template("pretrained.unexpected_key"),
    ("unexpected", True): template("pretrained.unexpected_keys"),
    ("shape", False): template("pretrained.shape_mismatch"),
    ("shape", True): template("pretrained.shape_mismatches"),
}


def _file_kind(path: str) -> str:
    """'safetensors' or 'torch', by extension, else by the first bytes."""
    ext = os.path.splitext(path)[1].lower()
    if ext in _SAFETENSORS_EXTENSIONS:
        return "safetensors"
    if ext in _TORCH_EXTENSIONS:
        return "torch"
    try:
        with open(path, "rb") as f:
            head = f.read(9)
    except OSError as error:
        raise WeightsError(
            msg("pretrained.unreadable_weights_file", path=path, reason=text(error.strerror or str(error)))
        ) from error
    if head[:2] == b"PK" or head[:1] == b"\x80":  # a torch.save zip archive, or a legacy pickle
        return "torch"
    if len(head) == 9 and head[8:9] == b"{":  # 8-byte header length, then the JSON header
        return "safetensors"
    raise WeightsError(msg("pretrained.not_a_weights_file", file=os.path.basename(path)))


def _read_torch(path: str) -> Any:
    name = os.path.basename(path)
    try:
        with _WARNINGS_LOCK, warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return torch.load(path, map_location="cpu", weights_only=True)
    except pickle.UnpicklingError as error:
        if _is_pickle(path, str(error)):
            # The pickle names Python objects to build (code, in the worst case): refused, never run.
            raise WeightsError(msg("pretrained.pickled_objects", file=name)) from None
        raise WeightsError(msg("pretrained.damaged_torch_file", file=name, detail=_unpickler_detail(error))) from None
    except (RuntimeError, OSError, EOFError, ValueError, KeyError, AttributeError, TypeError) as error:
        raise WeightsError(msg("pretrained.damaged_torch_file", file=name, detail=_first_line(error))) from None


def _read_safetensors(path: str) -> Any:
    from safetensors import SafetensorError
    from safetensors.torch import load_file

    try:
        return load_file(path, device="cpu")
    except (SafetensorError, OSError, ValueError, RuntimeError) as error:
        raise WeightsError(
            msg("pretrained.damaged_safetensors_file", file=os.path.basename(path), detail=_first_line(error))
        ) from None


def _is_pickle(path: str, refusal: str) -> bool:
    """Whether the safe unpickler refused a real pickle (objects it will not build), not a damaged file."""
    if not refusal.startswith(_WEIGHTS_ONLY_REFUSAL):
        return False
    if "global" in refusal.lower() or zipfile.is_zipfile(path):
        return True
    with open(path, "rb") as handle:
        return handle.read(1) == b"\x80"  # the PROTO opcode every pickle of protocol 2 or later starts with


def _unpickler_detail(error: BaseException) -> Message:
    """What PyTorch's safe unpickler objected to (its last line), without its advice about `weights_only`."""
    lines = [line.strip() for line in str(error).strip().splitlines() if line.strip()]
    useful = [line for line in lines if "weights_only" not in line and not line.startswith("Weights only load failed")]
    return text(useful[-1] if useful else type(error).__name__)


def _first_line(error: BaseException) -> Message:
    """The first line of a library's error, as foreign text; never PyTorch's advice about `weights_only`."""
    lines = str(error).strip().splitlines()
    line = lines[0] if lines else ""
    return text(type(error).__name__ if not line or "weights_only" in line else line)


def _unwrap(obj: Any, path: str) -> dict[str, torch.Tensor]:
    """The state_dict inside a checkpoint: {'state_dict': ...}, {'model': ...}, DataParallel's 'module.' prefix."""
    for _ in range(4):
        if not isinstance(obj, Mapping):
            break
        inner = next((obj[k] for k in _STATE_WRAPPERS if isinstance(obj.get(k), Mapping)), None)
        if inner is None:
            break
        obj = inner
    name = os.path.basename(path)
    if not isinstance(obj, Mapping):
        raise WeightsError(msg("pretrained.not_a_state_dict", file=name, kind=type(obj).__name__))
    state = {str(k): v for k, v in obj.items() if isinstance(v, torch.Tensor)}
    if not state:
        raise WeightsError(msg("pretrained.no_tensors", file=name))
    for prefix in _STATE_PREFIXES:
        if all(k.startswith(prefix) for k in state):
            state = {k[len(prefix) :]: v for k, v in state.items()}
    return state


def read_state(path: str | os.PathLike[str]) -> dict[str, torch.Tensor]:
    """The state_dict in a weights file, unwrapped, read without running code (or WeightsError)."""
    path = os.fspath(path)
    if not os.path.isfile(path):
        raise WeightsError(msg("pretrained.missing_weights_file", path=path))
    obj = _read_safetensors(path) if _file_kind(path) == "safetensors" else _read_torch(path)
    return _unwrap(obj, path)


def _listing(kind: str, items: Sequence[Message | str]) -> Message:
    shown = _joined(items[:_LISTED], template("pretrained.list"))
    keys = msg("pretrained.and_more", shown=shown, count=len(items) - _LISTED) if len(items) > _LISTED else shown
    return _KEY_LISTS[kind, len(items) != 1](count=len(items), keys=keys)


def _joined(parts: Sequence[Message | str], template: MessageTemplate) -> Message | str:
    """Parts as one message: "a, b, c" or "a; b" (a nested message per separator, so each part is translated)."""
    return parts[0] if len(parts) == 1 else template(first=parts[0], rest=_joined(parts[1:], template))


def check_state(
    state: dict[str, torch.Tensor], model: nn.Module, path: str, what: str | None = None
) -> dict[str, torch.Tensor]:
    """`state` made to fit `model`'s keys (legacy DenseNet names, missing BatchNorm counters), or WeightsError.

    The error lists the first ten missing keys, unexpected keys and shape mismatches, with counts.
    """
    expected = model.state_dict()
    state = dict(state)
    for key in [k for k in state if k not in expected]:
        match = _DENSENET_LEGACY_KEY.match(key)
        if match and match.group(1) + match.group(2) in expected:
            state[match.group(1) + match.group(2)] = state.pop(key)
    for key, value in expected.items():
        if key.endswith("num_batches_tracked") and key not in state:
            state[key] = torch.zeros_like(value)  # older files lack BatchNorm's step counter; it does not matter
    missing = [k for k in expected if k not in state]
    unexpected = [k for k in state if k not in expected]
    mismatched: list[Message | str] = [
        msg("pretrained.file_and_model_shapes", key=k, file_shape=_shape(state[k]), model_shape=_shape(expected[k]))
        for k in expected
        if k in state and state[k].shape != expected[k].shape
    ]
    kinds: tuple[tuple[str, Sequence[Message | str]], ...] = (
        ("missing", missing),
        ("unexpected", unexpected),
        ("shape", mismatched),
    )
    problems = [_listing(kind, items) for kind, items in kinds if items]
    if problems:
        model_name = what or type(model).__name__
        raise WeightsError(
            msg(
                "pretrained.weights_do_not_fit",
                file=os.path.basename(path),
                model=model_name,
                problems=_joined(problems, template("pretrained.problems")),
            )
        )
    return state


def _shape(t: torch.Tensor) -> str:
    return "x".join(str(s) for s in t.shape) or "scalar"


def load_state_file(path: str | os.PathLike[str], model: nn.Module | None = None) -> dict[str, torch.Tensor]:
    """Read a state_dict without running code, unwrapped; with `model`, check that keys and shapes fit it.

    ``.safetensors`` through safetensors; ``.pth``/``.pt``/``.bin`` through ``torch.load(weights_only=True)``
    (a pickle that holds anything but tensors and plain containers is refused). Other extensions are
    recognised by their first bytes. Mismatches list the first ten missing keys, unexpected keys and shape
    mismatches, with counts.
    """
    state = read_state(path)
    if model is not None:
        state = check_state(state, model, os.fspath(path))
    return state


def file_id(path: str | os.PathLike[str]) -> str:
    """A short content hash of a weights file ("file:<16 hex digits>"), a cache key for its features."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return f"file:{digest.hexdigest()[:16]}"
