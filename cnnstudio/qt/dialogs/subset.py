"""Make subset: copy N images per class and split into a new folder in the book's layout.

The copy runs as a job; Cancel (or closing the window) cancels it at its next step without waiting
for it, and the worker registry sees the thread to its end.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...core.data import ImageDataset, make_subset, subset_counts
from ...core.events import Finished, Progress
from ..texts import tr_message
from ..widgets.files import FolderField
from ..widgets.forms import int_spin, seed_spin, wrapped_label
from ..workers import JobRunner

__all__ = ["SubsetDialog"]


class SubsetDialog(QDialog):
    """Asks for the counts and the new folder, copies in the background, and offers to open the result."""

    subset_created = Signal(str)

    def __init__(self, dataset: ImageDataset, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("subsetDialog")
        self.setWindowTitle(self.tr("Make subset of {0}").format(dataset.name))
        self.dataset = dataset
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Copies a number of images per class into train/, validation/ and test/ folders of a new "
                "folder, as the book builds its 1000/500/500 cats and dogs. {0} is not changed."
            ).format(dataset.name),
            self,
        )
        intro.setWordWrap(True)
        form = QFormLayout()
        self.counts: dict[str, QSpinBox] = {}
        largest = max((n for per in dataset.counts().values() for n in per.values()), default=0)
        defaults = {"train": 1000, "validation": 500, "test": 500}
        for split, text in (
            ("train", self.tr("Train per class:")),
            ("validation", self.tr("Validation per class:")),
            ("test", self.tr("Test per class:")),
        ):
            spin = int_spin(self, f"subset_{split}", 0, 1_000_000)
            spin.setValue(min(defaults[split], max(largest, 1)))
            self.counts[split] = spin
            form.addRow(text, spin)
        self.seed = seed_spin(self, "subsetSeed")
        form.addRow(self.tr("Seed:"), self.seed)
        output = FolderField(
            self,
            "subsetOutput",
            self.tr("Choose…"),
            self.tr("Choose an empty folder for the subset"),
            start=lambda text: str(Path(text).parent),
        )
        self.output = output.edit
        self.output.setText(str(Path(dataset.source).parent / f"{dataset.name}-subset"))
        form.addRow(self.tr("New folder:"), output)
        self.preview = wrapped_label(self, "subsetPreview")
        for spin in (*self.counts.values(), self.seed):
            spin.valueChanged.connect(self._update_preview)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("subsetProgress")
        self.progress.setVisible(False)
        self.status = wrapped_label(self, "subsetStatus")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.copy_button = self.buttons.addButton(self.tr("Copy"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.copy_button.setObjectName("subsetCopyButton")
        self.buttons.accepted.connect(self.start)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.preview)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.runner = JobRunner(self)
        self.runner.event_received.connect(self._on_event)
        self.runner.job_ended.connect(self._on_ended)
        self._update_preview()

    def _plan(self) -> tuple[dict[str, dict[str, int]], list]:
        per_class = {split: spin.value() for split, spin in self.counts.items()}
        return subset_counts(self.dataset, per_class, seed=self.seed.value())

    def _update_preview(self) -> None:
        """What the copy will give, said before copying; a request the dataset cannot meet is named."""
        copied, short = self._plan()
        totals = {split: sum(per.values()) for split, per in copied.items()}
        text = self.tr("Will copy {0} images: train {1}, validation {2}, test {3}.").format(
            sum(totals.values()), totals.get("train", 0), totals.get("validation", 0), totals.get("test", 0)
        )
        if short:
            fewer = self.tr("Fewer than asked: {0}.").format("; ".join(tr_message(m) for m in short))
            text = f"{text}\n{fewer}"
        self.preview.setText(text)

    def start(self) -> None:
        per_class = {split: spin.value() for split, spin in self.counts.items()}
        out, dataset, seed = self.output.text().strip(), self.dataset, self.seed.value()
        if not out:
            self.status.setText(self.tr("Choose the new folder first."))
            return
        if self._plan()[1] and not self._accepts_fewer():
            return
        self.copy_button.setEnabled(False)
        self.progress.setVisible(True)
        self.progress.setRange(0, 0)
        self.status.setText(self.tr("Copying…"))
        self.runner.start(lambda: make_subset(dataset, out, per_class, seed=seed), "subset")

    def _accepts_fewer(self) -> bool:
        buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
        question = self.tr("The dataset has fewer images than asked for.\n\n{0}\n\nCopy what there is?")
        answer = QMessageBox.question(
            self, self.tr("Fewer images than asked"), question.format(self.preview.text()), buttons
        )
        return answer == QMessageBox.StandardButton.Yes

    def _on_event(self, event) -> None:
        if isinstance(event, Progress):
            self.progress.setRange(0, max(event.total, 1))
            self.progress.setValue(event.done)

    def _on_ended(self, event) -> None:
        self.copy_button.setEnabled(True)
        self.progress.setVisible(False)
        if isinstance(event, Finished):
            copied = sum(n for per in event.result.values() for n in per.values())
            self.status.setText(self.tr("Copied {0} images.").format(copied))
            self.subset_created.emit(self.output.text().strip())
            self.accept()
        else:
            self.status.setText(tr_message(getattr(event, "reason", None)))

    def reject(self) -> None:
        self.runner.close()  # cancel the copy, if any; nothing it reports reaches this dialog any more
        super().reject()
