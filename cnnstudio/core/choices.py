"""Choices the command line offers before the engine is imported: its parser lists them in ``--help``.

Each is defined here, without PyTorch, and re-exported by the module that acts on it (`export`,
`visualize.filters`), so ``cnnstudio --help`` and a mistyped argument are answered at once.
"""

from __future__ import annotations

__all__ = ["EXPORT_FORMATS", "FILTER_MODES"]

EXPORT_FORMATS = ("torchscript", "onnx", "safetensors")
"""The file formats `export.export_run` writes."""

FILTER_MODES = ("book", "robust")
"""How `visualize.filters` ascends: the book's plain gradient ascent, or with robustness transforms."""
