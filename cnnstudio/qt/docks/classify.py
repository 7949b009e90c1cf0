"""The Classify dock: drop a photo and see what a network says it is, as bars.

"What does a pretrained network see?": the top-5 ImageNet classes of the chosen backbone, each with
its own preprocessing; or, after a run, the classes of your own trained model. The classes come
from `core.predict.classify`, the function ``cnnstudio predict`` calls; the dock only shows them.
A run's model says which of its weights it uses, best epoch by default (a second combo: "best
(epoch 3, validation loss 0.412)" or "last (epoch 10)"). A new image, network or choice of weights
supersedes the classification in progress and clears the bars at once, so the bars always belong to
the network, weights and image shown; a classification that fails leaves none.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QWidget,
)

from ...core.events import Finished
from ...core.images import load_image
from ...core.predict import classify
from ...core.pretrained import BACKBONES, DEFAULT_BACKBONE
from ...core.runs import run_weights_file, weights_choices
from ..resources import resource_path
from ..texts import tr_message
from ..widgets.dock import Dock
from ..widgets.drops import AcceptsImageDrops
from ..widgets.files import ask_open_file
from ..widgets.forms import choice_combo, push_button, wrapped_label
from ..widgets.images import ScaledImageLabel, to_pixmap
from ..workers import JobRunner

__all__ = ["ClassifyDock", "TOP_K"]

TOP_K = 5


def _classify_job(path: str, source: str, weights: str = "best"):
    """Classify one image with a backbone's ImageNet head ("backbone:NAME") or a run folder ("run:DIR")
    with its `weights` ("best" or "last")."""
    kind, _, value = source.partition(":")
    network = (
        {"backbone": value} if kind == "backbone" else {"run_dir": value, "weights": run_weights_file(value, weights)}
    )
    results = yield from classify([path], top_k=TOP_K, **network)
    top = [(row["class"], row["probability"]) for row in results[0]["top"]]
    return load_image(path), top


class ClassifyDock(AcceptsImageDrops, Dock):
    """Drop an image (or open one) → the top classes with probabilities as bars."""

    classified = Signal(list)
    image_chosen = Signal(str)  # the path of each image the user gives the dock

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Classify"), "classifyDock", parent)
        body = self.body
        row = QHBoxLayout()
        networks = {
            f"backbone:{name}": self.tr("{0} — ImageNet classes").format(info.title) for name, info in BACKBONES.items()
        }
        self.source = choice_combo(body, "classifySourceCombo", networks, f"backbone:{DEFAULT_BACKBONE}")
        self.open_button = push_button(body, "classifyOpenButton", self.tr("Open image…"), self._on_open)
        chelsea = resource_path("samples", "chelsea.jpg")
        self.sample_button = push_button(
            body, "classifySampleButton", self.tr("Sample photo"), lambda: self._choose(chelsea)
        )
        self.sample_button.setToolTip(self.tr("Chelsea the cat (scikit-image sample data, CC0)"))
        row.addWidget(QLabel(self.tr("Network:"), body))
        row.addWidget(self.source, 1)  # a row of its own: the networks' names are long
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.sample_button)
        buttons.addStretch(1)
        weights_row = QHBoxLayout()
        self.weights_label = QLabel(self.tr("Weights:"), body)
        self.weights = choice_combo(body, "classifyWeightsCombo", {})
        self.weights.setToolTip(
            self.tr(
                "Which weights of your run classify: those of its best epoch, by the metric the run "
                "monitors (the default), or those of its last epoch"
            )
        )
        weights_row.addWidget(self.weights_label)
        weights_row.addWidget(self.weights, 1)

        middle = QHBoxLayout()
        self.image = ScaledImageLabel(body, smooth=True)
        self.image.setObjectName("classifyImage")
        self.image.setText(self.tr("Drop a photo here"))
        self.image.setStyleSheet("QLabel { border: 1px dashed #999; color: #777; }")
        bars = QGridLayout()
        self.labels: list[QLabel] = []
        self.bars: list[QProgressBar] = []
        for i in range(TOP_K):
            label = QLabel(body)
            label.setObjectName(f"classifyLabel{i}")
            bar = QProgressBar(body)
            bar.setObjectName(f"classifyBar{i}")
            bar.setRange(0, 1000)
            bar.setValue(0)
            bar.setFormat("")
            bars.addWidget(label, i, 0)
            bars.addWidget(bar, i, 1)
            self.labels.append(label)
            self.bars.append(bar)
        bars.setColumnStretch(1, 1)
        bars.setRowStretch(TOP_K, 1)  # bars together at the top, not spread over the height
        bars.addLayout(buttons, TOP_K + 1, 0, 1, 2)  # under the bars: no row of their own to take height
        bar_box = QWidget(body)
        bar_box.setLayout(bars)
        middle.addWidget(self.image, 1)
        middle.addWidget(bar_box, 1)
        self.status = wrapped_label(
            body, "classifyStatus", self.tr("Drop an image on this panel to see the top {0} classes.").format(TOP_K)
        )
        self.column.addLayout(row)
        self.column.addLayout(weights_row)
        self.column.addLayout(middle, 1)
        self.column.addWidget(self.status)
        self.runner = JobRunner(self)
        self.runner.job_ended.connect(self._on_done)
        self.source.currentIndexChanged.connect(self._on_source_changed)
        self.weights.currentIndexChanged.connect(self._on_weights_changed)
        self._current = ""  # the image shown (or being classified)
        self._source = self.source.currentData()
        self.last_result: list[tuple[str, float]] = []
        self._fill_weights()

    def set_run(self, run_dir: str, title: str) -> None:
        """Offer a finished run's own model as a source (and select it)."""
        key = f"run:{os.path.abspath(run_dir)}"
        if self.source.findData(key) < 0:
            self.source.insertItem(0, self.tr("Your model: {0}").format(title), key)
        if self.source.currentData() == key:  # the same run again (continued): its weights changed
            self._fill_weights()
            self._reclassify()
        self.source.setCurrentIndex(self.source.findData(key))

    def replace_run(self, old: str, new: str | None, title: str = "") -> None:
        """A run folder was renamed to `new`, or deleted (`new` None): its entry follows, or goes."""
        index = self.source.findData(f"run:{os.path.abspath(old)}")
        if index < 0:
            return
        if new is None:
            self.source.removeItem(index)  # when it was the current one, the next source classifies the image
            return
        self.source.setItemText(index, self.tr("Your model: {0}").format(title or Path(new).name))
        self.source.setItemData(index, f"run:{os.path.abspath(new)}")
        if index == self.source.currentIndex():
            self._source = self.source.currentData()  # the same model, in its new folder

    def weights_name(self) -> str:
        """The weights the current run classifies with ("best" or "last"); "best" for a pretrained network."""
        return self.weights.currentData() or "best"

    def classify(self, path: str) -> None:
        """Classify `path` with the chosen network and weights; a classification still running is superseded.

        The bars shown so far belong to another image or network: they go at once."""
        source, weights = self.source.currentData(), self.weights_name()
        self._current = path
        self._clear_bars()
        self.status.setText(self.tr("Classifying {0}…").format(Path(path).name))
        self.runner.start(lambda: _classify_job(path, source, weights), "classify", supersede=True)

    def _on_source_changed(self, _index: int) -> None:
        """Another network: its bars are not the old network's, so clear them and classify the image again."""
        if self.source.currentData() == self._source:  # an item inserted above the current one
            return
        self._source = self.source.currentData()
        self._fill_weights()
        self._reclassify()

    def _on_weights_changed(self, _index: int) -> None:
        self._reclassify()

    def _reclassify(self) -> None:
        self._clear_bars()
        if self._current:
            self.classify(self._current)

    def _clear_bars(self) -> None:
        self._show_top([])
        self.last_result = []

    def _fill_weights(self) -> None:
        """The current run's weights, each said in full, best first (the default); hidden for a pretrained network."""
        kind, _, value = (self.source.currentData() or "").partition(":")
        choices = weights_choices(value) if kind == "run" else []
        self.weights.blockSignals(True)
        try:
            self.weights.clear()
            for choice in choices:
                self.weights.addItem(tr_message(choice.label), choice.name)
        finally:
            self.weights.blockSignals(False)
        self.weights.setEnabled(len(choices) > 1)
        self.weights_label.setVisible(bool(choices))
        self.weights.setVisible(bool(choices))

    def _show_top(self, top: list[tuple[str, float]]) -> None:
        for i, (label, bar) in enumerate(zip(self.labels, self.bars, strict=True)):
            name, probability = top[i] if i < len(top) else ("", None)
            label.setText(name)
            bar.setValue(0 if probability is None else int(round(probability * 1000)))
            bar.setFormat("" if probability is None else f"{probability:.1%}")

    def _on_done(self, event) -> None:
        if isinstance(event, Finished):
            preview, top = event.result
            self.image.setStyleSheet("")
            self.image.set_image(to_pixmap(preview))
            self._show_top(top)
            self.last_result = list(top)
            self.status.setText(Path(self._current).name)
            self.classified.emit(self.last_result)
        else:
            self._clear_bars()  # no bars rather than another image's or network's
            self.status.setText(self.tr("Cannot classify: {0}").format(tr_message(getattr(event, "reason", None))))

    def _on_open(self) -> None:
        images = self.tr("Images (*.jpg *.jpeg *.png *.bmp *.gif *.webp *.tif *.tiff)")
        ask_open_file(self, self.tr("Open image"), images, self._choose)

    def _choose(self, path: str) -> None:
        self.image_chosen.emit(path)
        self.classify(path)

    def image_dropped(self, path: str) -> None:
        self._choose(path)
