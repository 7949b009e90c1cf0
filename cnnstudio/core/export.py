"""Exporting a trained run: TorchScript, ONNX (with the optional ``onnx`` package), or safetensors weights.

Every export is read back from the file it wrote and run on a sample input (seeded random pixels at
the run's input size, prepared as training prepared images); the largest absolute difference from
PyTorch's own output on the same input is reported, so a user knows the file computes what the run
computes. Every file carries the run's metadata (`export_metadata`): its classes, input size, channels,
normalisation and output activation, so it can be used without the run folder:

* TorchScript: ``torch.jit.trace``, metadata in the archive's extra file ``cnnstudio.json``.
* ONNX: the TorchScript-based exporter (a dynamic batch axis), metadata as the model's metadata
  properties; checked with onnxruntime when installed, else with onnx's reference evaluator.
* safetensors: the state_dict with the metadata as the header's string map (no code, ever).
"""

from __future__ import annotations

import contextlib
import copy
import importlib.util
import io
import json
import os
import warnings
from collections.abc import Generator, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np
import torch
from safetensors import safe_open
from safetensors.torch import save as save_safetensors

from .choices import EXPORT_FORMATS
from .errors import UserError
from .events import Event, Progress
from .io import atomic_write_bytes
from .messages import msg
from .predict import LoadedRun, load_run
from .runs import RunFolder
from .torchutils import eval_mode, seeded_generator

__all__ = ["EXPORT_FORMATS", "ExportError", "ExportResult", "onnx_available", "export_metadata", "export_run"]

METADATA_FILE = "cnnstudio.json"  # TorchScript's extra file with the metadata
WEIGHTS_FORMAT = "cnnstudio-weights/1"
TOLERANCE = {"torchscript": 1e-4, "onnx": 1e-3, "safetensors": 1e-6}
_SAMPLES = 2  # images in the check's batch (two: a batch axis that is really dynamic)


class ExportError(UserError):
    """An export that cannot be made: the format's package is missing, or the file cannot be written."""


@dataclass
class ExportResult:
    path: str
    format: str
    max_abs_difference: float  # between the exported file's output and PyTorch's, on the sample input
    tolerance: float
    checked_with: str  # what ran the exported file for the check

    @property
    def matches(self) -> bool:
        return self.max_abs_difference <= self.tolerance

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "matches": self.matches}


def onnx_available() -> bool:
    """Whether the optional ``onnx`` package (``pip install 'cnnstudio[export]'``) is installed."""
    return importlib.util.find_spec("onnx") is not None


def export_metadata(run: LoadedRun, config: dict[str, Any] | None = None) -> dict[str, str]:
    """The run's description as a string map: classes, input size, channels, normalisation, output activation."""
    meta = {
        "format": WEIGHTS_FORMAT,
        "class_names": json.dumps(list(run.class_names), ensure_ascii=False),
        "input_size": json.dumps(list(run.image_size)),
        "channels": str(run.channels),
        "rescale": json.dumps(1 / 255),
        "mean": json.dumps(list(run.mean)),
        "std": json.dumps(list(run.std)),
        "output_activation": str(getattr(run.model, "output_activation", "softmax")),
    }
    for key in ("model", "transfer"):
        if config and config.get(key):
            meta[key] = json.dumps(config[key], ensure_ascii=False)
    return meta


def sample_input(run: LoadedRun, seed: int = 0) -> torch.Tensor:
    """The check's input: seeded random pixels at the run's size, prepared as the run prepares images."""
    h, w = run.image_size
    pixels = torch.randint(0, 256, (_SAMPLES, h, w, run.channels), dtype=torch.uint8, generator=seeded_generator(seed))
    return run.prepare(pixels.numpy())


@contextlib.contextmanager
def _quiet_deprecations() -> Iterator[None]:
    """torch.jit and the TorchScript ONNX exporter warn that they are deprecated; the files they write are fine.

    The tracer also warns where a size becomes a constant (the "same" padding of EfficientNet): an
    exported model takes the run's input size, which its metadata states, at any batch size.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", torch.jit.TracerWarning)
        warnings.simplefilter("ignore", FutureWarning)
        warnings.simplefilter("ignore", DeprecationWarning)
        yield


def _largest_difference(a: Any, b: torch.Tensor) -> float:
    other = torch.as_tensor(np.asarray(a), dtype=torch.float32)
    return float((other - b.float()).abs().max()) if other.numel() else 0.0


def _write(out: Path, data: bytes) -> None:
    try:
        atomic_write_bytes(out, data)
    except OSError as exc:
        raise ExportError(msg("export.cannot_write", path=str(out), error=exc.strerror or str(exc))) from exc


def _torchscript(run: LoadedRun, x: torch.Tensor, expected: torch.Tensor, out: Path, meta: dict[str, str]):
    with _quiet_deprecations():
        traced = torch.jit.trace(run.model, x[:1], check_trace=False)
        buffer = io.BytesIO()
        torch.jit.save(traced, buffer, _extra_files={METADATA_FILE: json.dumps(meta, ensure_ascii=False)})
        _write(out, buffer.getvalue())
        loaded = torch.jit.load(str(out), map_location="cpu")
        with torch.no_grad():
            got = loaded(x)
    return _largest_difference(got, expected), "torch.jit"


def _onnx(run: LoadedRun, x: torch.Tensor, expected: torch.Tensor, out: Path, meta: dict[str, str]):
    if not onnx_available():
        raise ExportError(msg("export.onnx_missing"))
    import onnx

    buffer = io.BytesIO()
    with _quiet_deprecations():
        torch.onnx.export(
            run.model,
            (x[:1],),
            buffer,
            input_names=["image"],
            output_names=["logits"],
            dynamic_axes={"image": {0: "batch"}, "logits": {0: "batch"}},
            dynamo=False,
        )
    model = onnx.load_from_string(buffer.getvalue())
    onnx.helper.set_model_props(model, meta)
    onnx.checker.check_model(model)
    _write(out, model.SerializeToString())
    inputs = {"image": x.numpy()}
    if importlib.util.find_spec("onnxruntime") is not None:
        import onnxruntime

        session = onnxruntime.InferenceSession(str(out), providers=["CPUExecutionProvider"])
        got, checker = session.run(None, inputs)[0], "onnxruntime"
    else:
        from onnx.reference import ReferenceEvaluator

        got, checker = ReferenceEvaluator(onnx.load(str(out))).run(None, inputs)[0], "onnx.reference"
    return _largest_difference(got, expected), checker


def _safetensors(run: LoadedRun, x: torch.Tensor, expected: torch.Tensor, out: Path, meta: dict[str, str]):
    state = {k: v.detach().cpu().contiguous() for k, v in run.model.state_dict().items()}
    _write(out, save_safetensors(state, metadata=meta))
    with safe_open(str(out), framework="pt", device="cpu") as handle:
        if handle.metadata() != meta:
            raise ExportError(msg("export.metadata_lost", path=str(out)))
        loaded = {key: handle.get_tensor(key) for key in handle.keys()}
    model = copy.deepcopy(run.model)
    model.load_state_dict(loaded, strict=True)
    with eval_mode(model), torch.no_grad():
        got = model(x)
    return _largest_difference(got, expected), "safetensors"


_EXPORTERS = {"torchscript": _torchscript, "onnx": _onnx, "safetensors": _safetensors}


def export_run(
    run_dir: str | os.PathLike[str], fmt: str, out: str | os.PathLike[str]
) -> Generator[Event, None, ExportResult]:
    """Job: write the run's best model to `out` as `fmt` (one of `EXPORT_FORMATS`), read it back and check it."""
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"unknown export format {fmt!r}")
    target = Path(out).expanduser()
    if target.is_dir():
        raise ExportError(msg("export.target_is_folder", path=str(target)))
    if not target.parent.is_dir():
        raise ExportError(msg("export.no_such_folder", folder=str(target.parent)))
    if fmt == "onnx" and not onnx_available():  # before any work
        raise ExportError(msg("export.onnx_missing"))
    yield Progress(msg("export.exporting", format=fmt), 0, 2)
    run = load_run(run_dir)
    config = RunFolder(run_dir).read_config()
    x = sample_input(run)
    with eval_mode(run.model), torch.no_grad():
        expected = run.model(x)
        difference, checker = _EXPORTERS[fmt](run, x, expected, target, export_metadata(run, config))
    yield Progress(msg("export.exporting", format=fmt), 2, 2)
    return ExportResult(str(target), fmt, difference, TOLERANCE[fmt], checker)
