"""The "look inside" docks — Activations, Filters, Heatmap, Convolution explained — and what feeds them.

They share one `Inspection` (a network and an image). It follows the rest of the window: a finished
run becomes the network looked at; an image given to the Classify dock, or "Look inside" in the
gallery's viewer, becomes the image; the dataset's images are offered by "From dataset".
"""

from __future__ import annotations

from PySide6.QtWidgets import QMainWindow

from .docks.activations import ActivationsDock
from .docks.convolution import ConvolutionDock
from .docks.filters import FiltersDock
from .docks.heatmap import HeatmapDock
from .inspection import Inspection

__all__ = ["LookInside"]


class LookInside:
    """The inspection docks of `window`, created together around their shared `Inspection`."""

    def __init__(self, window: QMainWindow) -> None:
        self.inspection = Inspection(window)
        self.activations_dock = ActivationsDock(self.inspection, window)
        self.filters_dock = FiltersDock(self.inspection, window)
        self.heatmap_dock = HeatmapDock(self.inspection, window)
        self.convolution_dock = ConvolutionDock(self.inspection, window)
        self.docks = (self.activations_dock, self.filters_dock, self.heatmap_dock, self.convolution_dock)

    def add_run(self, run_dir: str, title: str) -> None:
        """A finished run: look inside its own model from now on."""
        self.inspection.add_run(run_dir, title)

    def replace_run(self, old: str, new: str | None, title: str = "") -> None:
        """A run folder renamed (`new`) or deleted (None): the look-inside docks follow."""
        self.inspection.replace_run(old, new, title)

    def show_image(self, path: str) -> None:
        self.inspection.set_image(path)

    def inspect(self, path: str) -> None:
        """Look at `path` (a file or a demo key) and bring the Activations dock to the front."""
        self.inspection.set_image(path)
        self.activations_dock.show()
        self.activations_dock.raise_()

    def set_dataset_items(self, items: list[tuple[str, int, str]]) -> None:
        """The session's listed images, (key, label, split): what "From dataset" draws from."""
        self.inspection.set_dataset_images([key for key, _label, _split in items])
