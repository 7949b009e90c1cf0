"""The Heatmap dock's "a folder of images gives a folder of heatmaps" row: a button, its progress and its report.

The heatmaps go into a new folder next to the images (``NAME-heatmaps``): one overlay ``.png`` and one
raw map ``.npy`` per image, with the dock's method, layer, opacity and colour map, and its class
when one was picked (otherwise each image's own top class). Files that would be replaced are named
in a question first; nothing is replaced without a yes. The job runs in the background, can be
stopped between images, and skips unreadable images, counting them in its report.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QUrl, Signal
from PySide6.QtWidgets import QHBoxLayout, QMessageBox, QProgressBar, QVBoxLayout, QWidget

from ...core.events import Failed, Finished, LogMessage, Progress
from ...core.visualize import folder_outputs, heatmap_folder
from ..inspection import subject_for
from ..texts import tr_message
from ..widgets.files import ask_folder, show_folder
from ..widgets.forms import push_button, wrapped_label
from ..workers import JobRunner

__all__ = ["FolderHeatmaps", "default_output_folder"]


def default_output_folder(images: str | Path) -> Path:
    """Where the heatmaps of the folder `images` go: ``NAME-heatmaps`` next to it."""
    images = Path(images)
    return images.with_name(f"{images.name}-heatmaps")


def _folder_job(network: str, images: str, out: str, options: dict):
    subject = subject_for(network)
    return (yield from heatmap_folder(subject, [images], out, map_dir=out, **options))


class FolderHeatmaps(QWidget):
    """Heatmaps of every image in a folder, written to a folder; `options` gives the dock's current settings."""

    finished = Signal(str)  # the folder written to

    def __init__(self, network: Callable[[], str], options: Callable[[], dict], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("heatmapFolder")
        self._network, self._options = network, options
        self._skipped = 0
        self._out = ""
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.button = push_button(self, "heatmapFolderButton", self.tr("Heatmaps of a folder…"), self.ask)
        self.button.setToolTip(
            self.tr("Make a heatmap of every image in a folder, with the settings above, into a new folder beside it")
        )
        self.progress = QProgressBar(self)
        self.progress.setObjectName("heatmapFolderProgress")
        self.progress.hide()
        self.stop_button = push_button(self, "heatmapFolderStopButton", self.tr("Stop"), lambda: self.runner.cancel())
        self.stop_button.hide()
        row.addWidget(self.button)
        row.addWidget(self.progress, 1)
        row.addWidget(self.stop_button)
        row.addStretch(0)
        column.addLayout(row)
        self.report = wrapped_label(self, "heatmapFolderReport")
        self.report.linkActivated.connect(lambda url: show_folder(self, QUrl(url).toLocalFile()))
        self.report.hide()
        column.addWidget(self.report)
        self.runner = JobRunner(self)
        self.runner.event_received.connect(self._on_event)
        self.runner.job_ended.connect(self._on_done)

    def ask(self) -> None:
        ask_folder(self, self.tr("Folder of images to make heatmaps of"), "", self.start)

    def start(self, images: str, out: str | None = None) -> bool:
        """Write the heatmaps of the images in `images` into `out` (default: `default_output_folder`).

        Returns False, saying why, when there is nothing to do or the user keeps existing files.
        """
        out_path = Path(out) if out else default_output_folder(images)
        outputs = folder_outputs([images], out_path, out_path)
        if not outputs:
            self._say(self.tr("There are no images (JPEG, PNG, BMP, GIF, WebP) directly inside {0}.").format(images))
            return False
        existing = [p for _image, overlay, npy in outputs for p in (overlay, npy) if p is not None and p.exists()]
        if existing and not self._may_replace(out_path, existing):
            self._say(self.tr("Nothing written: the files in {0} are kept.").format(out_path))
            return False
        self._skipped, self._out = 0, str(out_path)
        self.progress.setRange(0, len(outputs))
        self.progress.setValue(0)
        self.progress.show()
        self.stop_button.show()
        self.button.setEnabled(False)
        self._say(self.tr("Making {0} heatmaps into {1}…").format(len(outputs), out_path))
        network, options = self._network(), self._options()
        return self.runner.start(lambda: _folder_job(network, images, str(out_path), options), "heatmap folder")

    def _may_replace(self, folder: Path, existing: list[Path]) -> bool:
        names = ", ".join(p.name for p in existing[:5]) + (" …" if len(existing) > 5 else "")
        answer = QMessageBox.question(
            self,
            self.tr("Replace heatmaps?"),
            self.tr("{0} files in {1} would be replaced ({2}). Replace them?").format(len(existing), folder, names),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _say(self, text: str) -> None:
        self.report.setText(text)
        self.report.setVisible(bool(text))

    def _on_event(self, event) -> None:
        if isinstance(event, Progress) and event.total and event.message.id == "heatmap.folder_progress":
            self.progress.setValue(event.done)
        elif isinstance(event, LogMessage) and event.level == "warning":
            self._skipped += 1

    def _on_done(self, event) -> None:
        self.progress.hide()
        self.stop_button.hide()
        self.button.setEnabled(True)
        link = f'<a href="{QUrl.fromLocalFile(self._out).toString()}">{self._out}</a>'
        if isinstance(event, Finished):
            text = self.tr("Wrote {0} heatmaps (overlay .png and map .npy) to {1}.").format(len(event.result), link)
            if self._skipped:
                text += " " + self.tr("Skipped {0} unreadable images.").format(self._skipped)
            self._say(text)
            self.finished.emit(self._out)
        elif isinstance(event, Failed):
            self._say(self.tr("The folder's heatmaps stopped: {0}").format(tr_message(event.reason)))
        else:
            self._say(self.tr("Stopped; the heatmaps written so far are in {0}.").format(link))
