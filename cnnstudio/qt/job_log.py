"""Every long action ends with a line: in the Log dock and in the status bar, written in one place.

Each `JobRunner` reports its current job's end through `workers.job_ends()`; `JobLog` turns it into one
translated sentence: "Scanning the dataset finished in 2.4 s.", "Export failed after 0.3 s: …" (the
reason), "Training was stopped after 1:05: Stopped by the user.".

Which jobs say so:
- the long actions, always, however quick: scanning a dataset, adding images, making a subset,
  training (and continuing a run; its feature cache is part of it), evaluation, heatmaps of a folder,
  export, the depth comparison, downloading and checking pretrained weights, filter patterns
  (gradient ascent), a prediction's heatmaps;
- the views that follow each click or keystroke, never: the model summary, the augmentation preview,
  thumbnails and images, the listings, the convolution explainer's inputs, Classify, activations, a
  heatmap, filter layers and patches, the timeline, the top classes, the pretrained blocks, the
  continue check. They show their result (or their error) where the user is looking, and a line each
  would bury the log;
- any other job, when it ran for `QUIET_UNDER_S` seconds or more.
Superseded jobs (a newer one of the same view replaced them) and jobs cut off by closing say nothing:
the runner reports only its current job's end.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QStatusBar

from ..core.messages import format_duration
from .texts import tr_message
from .workers import JobEnd, job_ends

__all__ = ["JobLog", "QUIET_JOBS", "QUIET_UNDER_S", "STATUS_MS"]

QUIET_UNDER_S = 1.0
STATUS_MS = 15_000  # how long the status bar shows the line
QUIET_JOBS = frozenset(
    {
        "model-summary",
        "augment-preview",
        "thumbnails",
        "image",
        "list-runs",
        "list-images",
        "convolution-input",
        "convolution-kernel",
        "continue-check",
        "blocks",
        "classify",
        "activations",
        "heatmap",
        "filter-layers",
        "filter-patches",
        "timeline",
        "top classes",
    }
)


class JobLog(QObject):
    """Writes the line of each ended job worth a line to `log(text, level)` and to `status_bar`."""

    def __init__(self, log: Callable[[str, str], None], status_bar: QStatusBar, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._log = log
        self._status_bar = status_bar
        self.lines: list[str] = []  # what was said, in order
        job_ends().ended.connect(self._on_ended)

    def _titles(self) -> dict[str, str]:
        return {
            "scan": self.tr("Scanning the dataset"),
            "add-images": self.tr("Adding images to the dataset"),
            "subset": self.tr("Making the subset"),
            "train": self.tr("Training"),
            "evaluation": self.tr("Evaluation"),
            "heatmap folder": self.tr("Heatmaps of a folder"),
            "prediction heatmaps": self.tr("Heatmaps of a prediction"),
            "export": self.tr("Export"),
            "depth-comparison": self.tr("Depth comparison"),
            "download": self.tr("Downloading pretrained weights"),
            "check-weights": self.tr("Checking a weights file"),
            "filter-ascent": self.tr("Filter patterns"),
        }

    def announces(self, end: JobEnd) -> bool:
        """Whether `end` gets a line (see the module's documentation)."""
        if end.name in self._titles():
            return True
        return end.name not in QUIET_JOBS and end.seconds >= QUIET_UNDER_S

    def line(self, end: JobEnd) -> str:
        """The sentence for `end`, in the user's language."""
        title = self._titles().get(end.name) or self.tr("The background job “{0}”").format(end.name)
        duration = self.tr("{0:.1f} s").format(end.seconds) if end.seconds < 60 else format_duration(end.seconds)
        if end.outcome == "finished":  # what it made is in its view (training's summary in the log already)
            return self.tr("{0} finished in {1}.").format(title, duration)
        detail = tr_message(end.message)
        if end.outcome == "cancelled":
            if detail:
                return self.tr("{0} was stopped after {1}: {2}").format(title, duration, detail)
            return self.tr("{0} was stopped after {1}.").format(title, duration)
        if detail:
            return self.tr("{0} failed after {1}: {2}").format(title, duration, detail)
        return self.tr("{0} failed after {1}.").format(title, duration)

    def _on_ended(self, end: JobEnd) -> None:
        if not self.announces(end):
            return
        text = self.line(end)
        self.lines.append(text)
        self._log(text, "error" if end.outcome == "failed" else "info")
        self._status_bar.showMessage(text, STATUS_MS)
