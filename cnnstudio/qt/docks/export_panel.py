"""Exporting a run's model from the window: TorchScript, ONNX (when ``onnx`` is installed) or safetensors.

`core.export.export_run`, the function ``cnnstudio export`` calls, writes the file in a job, reads it
back and runs it on a sample input; the panel reports the largest difference from PyTorch's output,
so a user sees the file computes what the run computes.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFileDialog, QGroupBox, QHBoxLayout, QVBoxLayout, QWidget

from ...core.events import Finished
from ...core.export import EXPORT_FORMATS, ExportResult, export_run, onnx_available
from ..texts import tr_message
from ..widgets.forms import choice_combo, push_button, wrapped_label
from ..workers import JobRunner

__all__ = ["ExportPanel", "SUFFIXES"]

SUFFIXES = {"torchscript": ".pt", "onnx": ".onnx", "safetensors": ".safetensors"}


class ExportPanel(QGroupBox):
    """A format, an Export button and the check's result for the run given by `set_run`."""

    exported = Signal(object)  # the ExportResult of an export that was written and checked

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Export the model"), parent)
        self.setObjectName("exportPanel")
        titles = {
            "torchscript": self.tr("TorchScript (.pt)"),
            "onnx": self.tr("ONNX (.onnx)"),
            "safetensors": self.tr("Weights as safetensors"),
        }
        tips = {
            "torchscript": self.tr("Runs with PyTorch alone, without cnnstudio"),
            "onnx": self.tr("For ONNX Runtime and other frameworks (needs the onnx package)"),
            "safetensors": self.tr("The weights with the classes, input size and normalisation; no code"),
        }
        self.format_combo = choice_combo(self, "exportFormatCombo", {f: titles[f] for f in EXPORT_FORMATS}, tips=tips)
        if not onnx_available():  # offered, but greyed out with the reason
            item = self.format_combo.model().item(self.format_combo.findData("onnx"))
            item.setEnabled(False)
            item.setToolTip(self.tr("Install the onnx package to export ONNX: pip install 'cnnstudio[export]'"))
        self.export_button = push_button(self, "exportButton", self.tr("Export…"), self._on_export)
        self.status = wrapped_label(self, "exportStatus")
        row = QHBoxLayout()
        row.addWidget(self.format_combo, 1)
        row.addWidget(self.export_button)
        column = QVBoxLayout(self)
        column.addLayout(row)
        column.addWidget(self.status)
        self.runner = JobRunner(self)
        self.runner.job_ended.connect(self._on_done)
        self._run_dir = ""
        self.set_run("")

    def set_run(self, run_dir: str) -> None:
        self._run_dir = run_dir
        self.export_button.setEnabled(bool(run_dir) and not self.runner.is_running)

    def _on_export(self) -> None:
        fmt = self.format_combo.currentData()
        suggested = str(Path(self._run_dir) / f"model{SUFFIXES[fmt]}")
        caption = self.tr("Export the model as {0}").format(self.format_combo.currentText())
        path, _ = QFileDialog.getSaveFileName(self, caption, suggested)
        if path:
            self.export_to(path, fmt)

    def export_to(self, path: str, fmt: str) -> None:
        """Export the run to `path` as `fmt` in a job; `exported` follows, or the reason in the status line."""
        run_dir = self._run_dir
        self.export_button.setEnabled(False)
        self.status.setText(self.tr("Exporting to {0}…").format(path))
        self.runner.start(lambda: export_run(run_dir, fmt, path), "export", supersede=True)

    def _on_done(self, event) -> None:
        self.export_button.setEnabled(bool(self._run_dir))
        if not isinstance(event, Finished):
            self.status.setText(self.tr("Cannot export: {0}").format(tr_message(getattr(event, "reason", None))))
            return
        result: ExportResult = event.result
        if result.matches:
            text = self.tr("Exported to {0}. Checked with {1}: outputs differ from PyTorch's by at most {2:.1e}.")
        else:
            text = self.tr("Exported to {0}, but checked with {1} its outputs differ from PyTorch's by {2:.1e}.")
        self.status.setText(text.format(result.path, result.checked_with, result.max_abs_difference))
        self.exported.emit(result)
