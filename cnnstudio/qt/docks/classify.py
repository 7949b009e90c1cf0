"""The Classify dock: drop a photo and see what a network says it is, as bars.

"What does a pretrained network see?": the top-5 ImageNet classes of the chosen backbone, each with
its own preprocessing; or, after a run, the classes of your own trained model.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...core.events import Finished, Progress
from ...core.images import open_image
from ...core.predict import load_run, predict_run
from ...core.pretrained import BACKBONES, DEFAULT_BACKBONE, load_backbone, predict_imagenet
from ..resources import resource_path
from ..texts import tr_message
from ..widgets.drops import AcceptsImageDrops
from ..widgets.images import ScaledImageLabel, to_pixmap
from ..workers import JobRunner

__all__ = ["ClassifyDock", "TOP_K"]

TOP_K = 5
_backbone_cache: dict[str, object] = {}


def _classify_job(path: str, source: str):
    """Classify one image with a backbone's ImageNet head ("backbone:NAME") or a run folder ("run:DIR")."""
    yield Progress("Loading the network", 0, 1)
    import numpy as np

    with open_image(path) as image:
        preview = np.asarray(image.copy())
    if source.startswith("run:"):
        run = load_run(source[4:])
        yield Progress("Classifying", 0, 1)
        top = [(row["class"], row["probability"]) for row in predict_run(run, [path], TOP_K)[0]["top"]]
    else:
        name = source.split(":", 1)[1]
        backbone = _backbone_cache.get(name)
        if backbone is None:
            backbone = _backbone_cache[name] = load_backbone(name)  # kept: the next image is instant
        yield Progress("Classifying", 0, 1)
        top = [(label, probability) for label, _index, probability in predict_imagenet(backbone, path, top_k=TOP_K)]
    return preview, top


class ClassifyDock(AcceptsImageDrops, QDockWidget):
    """Drop an image (or open one) → the top classes with probabilities as bars."""

    classified = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Classify"), parent)
        self.setObjectName("classifyDock")
        self.setAcceptDrops(True)
        body = QWidget(self)
        layout = QVBoxLayout(body)
        row = QHBoxLayout()
        self.source = QComboBox(body)
        self.source.setObjectName("classifySourceCombo")
        for name, info in BACKBONES.items():
            self.source.addItem(self.tr("{0} — ImageNet classes").format(info.title), f"backbone:{name}")
        self.source.setCurrentIndex(self.source.findData(f"backbone:{DEFAULT_BACKBONE}"))
        self.open_button = QPushButton(self.tr("Open image…"), body)
        self.open_button.setObjectName("classifyOpenButton")
        self.open_button.clicked.connect(self._on_open)
        self.sample_button = QPushButton(self.tr("Sample photo"), body)
        self.sample_button.setObjectName("classifySampleButton")
        self.sample_button.setToolTip(self.tr("Chelsea the cat (scikit-image sample data, CC0)"))
        self.sample_button.clicked.connect(lambda: self.classify(resource_path("samples", "chelsea.jpg")))
        row.addWidget(QLabel(self.tr("Network:"), body))
        row.addWidget(self.source, 1)
        row.addWidget(self.open_button)
        row.addWidget(self.sample_button)

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
        bar_box = QWidget(body)
        bar_box.setLayout(bars)
        middle.addWidget(self.image, 1)
        middle.addWidget(bar_box, 1)
        self.status = QLabel(self.tr("Drop an image on this panel to see the top {0} classes.").format(TOP_K), body)
        self.status.setObjectName("classifyStatus")
        self.status.setWordWrap(True)
        layout.addLayout(row)
        layout.addLayout(middle, 1)
        layout.addWidget(self.status)
        self.setWidget(body)
        self.runner = JobRunner(self)
        self.runner.job_ended.connect(self._on_done)
        self._pending: tuple[str, str] | None = None
        self.last_result: list[tuple[str, float]] = []

    def set_run(self, run_dir: str, title: str) -> None:
        """Offer a finished run's own model as a source (and select it)."""
        key = f"run:{run_dir}"
        if self.source.findData(key) < 0:
            self.source.insertItem(0, self.tr("Your model: {0}").format(title), key)
        self.source.setCurrentIndex(self.source.findData(key))

    def classify(self, path: str) -> None:
        source = self.source.currentData()
        self.status.setText(self.tr("Classifying {0}…").format(Path(path).name))
        if self.runner.is_running:
            self._pending = (path, source)  # the latest drop wins
            return
        self.runner.start(lambda: _classify_job(path, source), "classify")
        self._current = path

    def _on_done(self, event) -> None:
        if isinstance(event, Finished):
            preview, top = event.result
            self.image.setStyleSheet("")
            self.image.set_image(to_pixmap(preview))
            for i, (label, bar) in enumerate(zip(self.labels, self.bars, strict=True)):
                if i < len(top):
                    name, probability = top[i]
                    label.setText(name)
                    bar.setValue(int(round(probability * 1000)))
                    bar.setFormat(f"{probability:.1%}")
                else:
                    label.setText("")
                    bar.setValue(0)
                    bar.setFormat("")
            self.last_result = list(top)
            self.status.setText(Path(self._current).name)
            self.classified.emit(self.last_result)
        else:
            self.status.setText(self.tr("Cannot classify: {0}").format(tr_message(getattr(event, "reason", None))))
        if self._pending is not None:
            path, source = self._pending
            self._pending = None
            self.source.setCurrentIndex(max(0, self.source.findData(source)))
            self.classify(path)

    def _on_open(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open image"), "", self.tr("Images (*.jpg *.jpeg *.png *.bmp *.gif *.webp *.tif *.tiff)")
        )
        if path:
            self.classify(path)

    def image_dropped(self, path: str) -> None:
        self.classify(path)

    def shutdown(self, timeout_ms: int = 5_000) -> bool:
        self._pending = None
        return self.runner.shutdown(timeout_ms)
