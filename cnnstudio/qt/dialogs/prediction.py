"""One evaluated image, large, beside its Grad-CAM heatmaps for the predicted class and for the true class.

Where the model was wrong the two maps side by side show what it looked at to say what it said, and
what would have spoken for the right class. For a right answer the second map is the runner-up class.
The maps come from `core.visualize.heatmap` on the run's own model, computed in a background job.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QGridLayout, QLabel, QVBoxLayout, QWidget

from ...core.data import display_image
from ...core.evaluation import ImagePrediction
from ...core.events import Finished
from ...core.visualize import cached_subject, heatmap, overlay_image
from ..texts import tr_message
from ..widgets.forms import wrapped_label
from ..widgets.images import ScaledImageLabel, to_pixmap
from ..workers import JobRunner

__all__ = ["PredictionDialog", "explanation_targets"]


def explanation_targets(prediction: ImagePrediction) -> tuple[int, int]:
    """The classes to explain: the predicted one, then the true one (the runner-up when they are the same)."""
    if prediction.true != prediction.predicted or len(prediction.probabilities) < 2:
        return prediction.predicted, prediction.true
    order = sorted(range(len(prediction.probabilities)), key=lambda k: -prediction.probabilities[k])
    return prediction.predicted, next(k for k in order if k != prediction.predicted)


def _explain(run_dir: str, key: str, seed: int, targets: tuple[int, ...]):
    """Job: the image as shown and one (class, probability, overlay, empty) per target class."""
    image = display_image(key, seed=seed)
    subject = cached_subject(run_dir=run_dir)
    maps = []
    for target in targets:
        result = yield from heatmap(subject, image, target=target, faithful=False)
        maps.append((result.target.index, result.target.probability, overlay_image(result), result.empty, result.map))
    return image, maps


class PredictionDialog(QDialog):
    """The image of `prediction` and two Grad-CAM maps; `explained` is emitted when the maps are shown."""

    explained = Signal()

    def __init__(
        self,
        run_dir: str,
        prediction: ImagePrediction,
        class_names: list[str],
        *,
        seed: int = 0,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("predictionDialog")
        self.prediction = prediction
        self.class_names = list(class_names)
        name = prediction.key if "://" in prediction.key else Path(prediction.key).name
        self.setWindowTitle(
            self.tr("{0}: {1} predicted as {2}").format(
                name, class_names[prediction.true], class_names[prediction.predicted]
            )
        )
        self.resize(960, 420)
        grid = QGridLayout()
        self.views: list[ScaledImageLabel] = []
        self.captions: list[QLabel] = []
        self.targets = explanation_targets(prediction)
        titles = [
            self.tr("The image (true class: {0})").format(class_names[prediction.true]),
            self.tr("Grad-CAM for the predicted class"),
            self.tr("Grad-CAM for the true class")
            if prediction.true != prediction.predicted
            else self.tr("Grad-CAM for the runner-up class"),
        ]
        for column, title in enumerate(titles):
            caption = wrapped_label(self, f"predictionCaption{column}", title)
            caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
            view = ScaledImageLabel(self, smooth=True)
            view.setObjectName(f"predictionView{column}")
            view.setMinimumSize(200, 200)
            grid.addWidget(view, 0, column)
            grid.addWidget(caption, 1, column)
            self.views.append(view)
            self.captions.append(caption)
        self.status = wrapped_label(self, "predictionStatus", self.tr("Computing the heatmaps…"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addLayout(grid, 1)
        column.addWidget(self.status)
        column.addWidget(buttons)
        self.maps: list[np.ndarray] = []  # the raw maps in [0, 1], predicted class first
        self.runner = JobRunner(self)
        self.runner.job_ended.connect(self._on_done)
        targets = self.targets
        self.runner.start(lambda: _explain(run_dir, prediction.key, seed, targets), "prediction heatmaps")

    def _on_done(self, event) -> None:
        if not isinstance(event, Finished):
            self.status.setText(self.tr("No heatmap: {0}").format(tr_message(getattr(event, "reason", None))))
            return
        image, maps = event.result
        self.views[0].set_image(to_pixmap(image))
        notes = []
        for column, (index, probability, picture, empty, values) in enumerate(maps, start=1):
            self.views[column].set_image(to_pixmap(picture))
            base = self.captions[column].text().split("\n")[0]
            self.captions[column].setText(f"{base}\n{self.class_names[index]} ({probability:.1%})")
            if empty:
                notes.append(
                    self.tr("The map for {0} is empty: no positive evidence for it.").format(self.class_names[index])
                )
            self.maps.append(values)
        self.status.setText(" ".join(notes) or self.tr("Red: where the evidence for that class lies."))
        self.explained.emit()

    def done(self, result: int) -> None:
        self.runner.cancel()
        super().done(result)
