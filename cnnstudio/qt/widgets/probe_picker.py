"""The Training dock's "Probe images" setting: auto (one validation image per class), chosen files, or none."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QWidget

from .forms import choice_combo, push_button, select_data

__all__ = ["ProbePicker", "MAX_PROBE_FILES"]

MAX_PROBE_FILES = 8
_AUTO = "auto"  # TrainConfig.probes == ["auto"]: core.training.probes.AUTO
_IMAGES = "*.jpg *.jpeg *.png *.bmp *.gif *.webp *.tif *.tiff"


class ProbePicker(QWidget):
    """Edits `TrainConfig.probes`; `changed(list)` carries the new value (``["auto"]``, paths, or ``[]``)."""

    changed = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.files: list[str] = []
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.choice = choice_combo(
            self,
            "probesCombo",
            {"auto": self.tr("Auto: one per class"), "files": self.tr("Chosen images"), "none": self.tr("None")},
            tips={
                "auto": self.tr("One validation image per class (up to 8) is explained after each epoch: see Timeline"),
                "files": self.tr("Up to 8 images of your own, explained after each epoch: see Timeline"),
                "none": self.tr("No explanations over time (a little faster)"),
            },
        )
        self.choose_button = push_button(self, "probesChooseButton", self.tr("Choose…"), self._choose)
        self.choose_button.setToolTip(self.tr("Choose up to 8 probe images"))
        row.addWidget(self.choice, 1)
        row.addWidget(self.choose_button)
        self.choice.currentIndexChanged.connect(self._on_choice)
        self._on_choice()

    def value(self) -> list[str]:
        kind = self.choice.currentData()
        return [_AUTO] if kind == "auto" else list(self.files) if kind == "files" else []

    def set_value(self, probes: list[str]) -> None:
        """Show `probes` (a config's), without emitting `changed`."""
        blocked = self.blockSignals(True)
        try:
            if list(probes) == [_AUTO]:
                select_data(self.choice, "auto")
            elif probes:
                self.files = list(probes)[:MAX_PROBE_FILES]
                select_data(self.choice, "files")
            else:
                select_data(self.choice, "none")
            self._on_choice(emit=False)
        finally:
            self.blockSignals(blocked)

    def use_files(self, paths: list[str]) -> None:
        """Take these images as the probes (the first 8)."""
        self.files = list(paths)[:MAX_PROBE_FILES]
        blocked = self.choice.blockSignals(True)
        select_data(self.choice, "files" if self.files else "none")
        self.choice.blockSignals(blocked)
        self._on_choice()

    def _choose(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Choose up to 8 probe images"), "", self.tr("Images ({0})").format(_IMAGES)
        )
        if paths:
            self.use_files(paths)

    def _on_choice(self, *_args, emit: bool = True) -> None:
        kind = self.choice.currentData()
        self.choose_button.setVisible(kind == "files")
        names = ", ".join(Path(p).name for p in self.files)
        self.choice.setToolTip(names if kind == "files" and names else "")
        if kind == "files" and self.files:
            self.choice.setItemText(1, self.tr("{0} chosen images").format(len(self.files)))
        if emit:
            self.changed.emit(self.value())
