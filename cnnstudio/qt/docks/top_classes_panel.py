"""Images dropped on the Evaluation dock: each one's top classes by the chosen run's model, as bars.

The classes come from `core.predict.classify`, the function ``cnnstudio predict`` calls, in a job;
a folder stands for the images directly inside it.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from ...core.data import display_image
from ...core.events import Finished
from ...core.images import IMAGE_EXTENSIONS, ImageError, image_size
from ...core.predict import classify
from ...core.visualize import image_files
from ..texts import tr_message
from ..widgets.bars import ProbabilityBars
from ..widgets.forms import wrapped_label
from ..widgets.images import to_pixmap
from ..workers import JobRunner

__all__ = ["TopClassesPanel", "dropped_images", "TOP_K", "MAX_DROPPED"]

TOP_K = 3  # classes shown per image
MAX_DROPPED = 48  # images classified per drop


def dropped_images(paths: list[str]) -> list[str]:
    """The image files among dropped files and folders (a folder's own images, sorted)."""
    return [os.fspath(p) for p in image_files(paths) if p.is_file() and p.suffix.lower() in IMAGE_EXTENSIONS]


def _top_classes_job(run_dir: str, paths: list[str], k: int):
    """Job: ([(path, thumbnail, [(class, probability)])] for each readable image, [Message] for each one left out)."""
    readable, left_out = [], []
    for path in paths:
        try:
            image_size(path)  # the header only: an empty or non-image file is left out with its reason
            readable.append(path)
        except ImageError as error:
            left_out.append(error.message)
    rows = (yield from classify(readable, run_dir=run_dir, top_k=k)) if readable else []
    shown = []
    for row in rows:
        try:
            thumbnail = display_image(row["image"], max_side=64)
        except ImageError as error:  # a header that reads but pixels that do not
            left_out.append(error.message)
            continue
        shown.append((row["image"], thumbnail, [(t["class"], t["probability"]) for t in row["top"]]))
    return shown, left_out


class TopClassesPanel(QWidget):
    """A hint to drop images, then one row per image: its thumbnail, its name and its top classes."""

    shown = Signal(list)  # [(path, [(class, probability)])] of the images shown

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = wrapped_label(
            self,
            "evaluationDropLabel",
            self.tr("Drop images or a folder on this panel to see the run's top {0} classes for each.").format(TOP_K),
        )
        self.label.setStyleSheet("QLabel { border: 1px dashed #999; color: #666; padding: 6px; }")
        self.rows = QGridLayout()
        self.rows.setColumnStretch(2, 1)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.label)
        column.addLayout(self.rows)
        self.runner = JobRunner(self)
        self.runner.job_ended.connect(self._on_classified)
        self.top_classes: list[tuple[str, list[tuple[str, float]]]] = []
        self._run_name = ""

    def classify(self, run_dir: str, paths: list[str]) -> None:
        """Classify images with the run in `run_dir` (at most MAX_DROPPED) and show each one's top classes."""
        if not run_dir:
            self.label.setText(self.tr("Choose a run first: its model classifies the images."))
            return
        chosen = list(paths)[:MAX_DROPPED]
        text = self.tr("Classifying {0} images…").format(len(chosen))
        if len(paths) > len(chosen):
            text += " " + self.tr("({0} more left out)").format(len(paths) - len(chosen))
        self.label.setText(text)
        self._run_name = Path(run_dir).name
        self.runner.start(lambda: _top_classes_job(run_dir, chosen, TOP_K), "top classes", supersede=True)

    def _on_classified(self, event) -> None:
        if not isinstance(event, Finished):
            self.label.setText(self.tr("Cannot classify: {0}").format(tr_message(getattr(event, "reason", None))))
            return
        while self.rows.count():
            item = self.rows.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.top_classes = []
        shown, left_out = event.result
        for row, (path, thumbnail, top) in enumerate(shown):
            picture = QLabel(self)
            picture.setPixmap(to_pixmap(thumbnail))
            name = QLabel(Path(path).name, self)
            name.setToolTip(path)
            bars = ProbabilityBars(self)
            bars.set_rows(top)
            for column, widget in enumerate((picture, name, bars)):
                self.rows.addWidget(widget, row, column)
            self.top_classes.append((path, top))
        text = self.tr("Top {0} classes of {1} images by {2}. Drop more to replace them.")
        text = text.format(TOP_K, len(self.top_classes), self._run_name)
        for reason in left_out:
            text += "\n" + self.tr("Left out: {0}").format(tr_message(reason))
        self.label.setText(text)
        self.shown.emit(list(self.top_classes))
