"""What the "look inside" docks look at: one network and one image, shared by Activations, Filters, Heatmap
and the convolution explainer.

Pick a network or drop a photo on any of those docks and the others follow, so a student can read one
photo's activations, then its heatmap, without choosing it twice. The network is a key: "backbone:NAME"
for a pretrained network with its ImageNet classes, "run:DIR" for a trained run's own model with its
best weights, "run@last:DIR" with its last epoch's (see `core.runs.weights_choices`: a run offers the
weights its folder holds, best by default). Finished runs are added (and selected) by the window; the
dataset's images are offered by "From dataset".
"""

from __future__ import annotations

import os
import random
from collections.abc import Sequence

from PySide6.QtCore import QObject, Signal

from ..core.pretrained import BACKBONES, DEFAULT_BACKBONE
from ..core.runs import WEIGHTS_NAMES, WeightsChoice, run_weights_file, weights_choices
from ..core.visualize import Subject, cached_subject
from .resources import resource_path

__all__ = ["Inspection", "network_key", "split_key", "subject_for", "SAMPLE_IMAGES", "DEFAULT_WEIGHTS"]

SAMPLE_IMAGES: tuple[str, ...] = ("chelsea.jpg", "astronaut.jpg")
DEFAULT_WEIGHTS = "best"


def network_key(base: str, weights: str = DEFAULT_WEIGHTS) -> str:
    """The key of `base` ("run:DIR" or "backbone:NAME") with a run's `weights` ("best" keeps the key as it is)."""
    kind, _, value = base.partition(":")
    if kind != "run" or weights == DEFAULT_WEIGHTS:
        return base
    return f"run@{weights}:{value}"


def split_key(key: str) -> tuple[str, str]:
    """(base key, weights name) of a network key: "run@last:DIR" → ("run:DIR", "last")."""
    kind, _, value = key.partition(":")
    base_kind, _, weights = kind.partition("@")
    return f"{base_kind}:{value}", weights or DEFAULT_WEIGHTS


def _check_weights(name: str) -> None:
    if name not in WEIGHTS_NAMES:
        raise ValueError(f"unknown weights {name!r}: choose one of {', '.join(WEIGHTS_NAMES)}")


def subject_for(key: str) -> Subject:
    """The network a key names, ready to look inside (may load weights: call it inside a job)."""
    base, weights = split_key(key)
    kind, _, value = base.partition(":")
    if kind == "backbone":
        return cached_subject(backbone=value)
    if kind == "run":
        return cached_subject(run_dir=value, weights=run_weights_file(value, weights))
    raise ValueError(f"not a network key: {key!r}")


class Inspection(QObject):
    """The network and the image the inspection docks show; changes are announced to all of them."""

    network_changed = Signal(str)
    image_changed = Signal(str)
    networks_changed = Signal()
    dataset_images_changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._networks: list[tuple[str, str]] = [
            (f"backbone:{name}", self.tr("{0} — ImageNet classes").format(info.title))
            for name, info in BACKBONES.items()
        ]
        self._network = f"backbone:{DEFAULT_BACKBONE}"  # the base key; `network()` adds the weights
        self._weights: dict[str, str] = {}  # a run's base key → the weights chosen for it, when not the best
        self._image: str | None = resource_path("samples", SAMPLE_IMAGES[0])
        self._dataset_images: list[str] = []
        self._random = random.Random(0)

    # ---- the network -------------------------------------------------------------------------
    def network(self) -> str:
        """The key of the network looked at, weights included: what the docks' jobs open with `subject_for`."""
        return network_key(self._network, self.weights())

    def base_network(self) -> str:
        """The network chosen, without its weights ("run:DIR", "backbone:NAME"): an entry of `networks`."""
        return self._network

    def set_network(self, key: str) -> None:
        """Look at the network `key` names; a key with weights ("run@last:DIR") chooses those weights too,
        a run's key without them keeps the weights last chosen for that run (its best at first)."""
        base, weights = split_key(key)
        if base not in dict(self._networks):
            raise ValueError(f"unknown network {key!r}")
        _check_weights(weights)
        before = self.network()
        if key != base:
            self._weights[base] = weights
        self._network = base
        if self.network() != before:
            self.network_changed.emit(self.network())

    # ---- which weights of a run ----------------------------------------------------------------
    def weights(self) -> str:
        """The weights looked at: "best" (the default) or "last"; always "best" for a pretrained network."""
        return self._weights.get(self._network, DEFAULT_WEIGHTS) if self.is_run() else DEFAULT_WEIGHTS

    def weights_choices(self) -> list[WeightsChoice]:
        """The weights the run looked at holds (read from its folder now), best first; [] for a pretrained one."""
        if not self.is_run():
            return []
        return weights_choices(self._network.partition(":")[2])

    def set_weights(self, name: str) -> None:
        """Use the run's `name` weights ("best" or "last"); every look-inside dock follows."""
        if not self.is_run() or name == self.weights():
            return
        _check_weights(name)
        self._weights[self._network] = name
        self.network_changed.emit(self.network())

    def networks(self) -> list[tuple[str, str]]:
        """(key, title) of every network on offer: the runs first (newest first), then the pretrained ones."""
        return list(self._networks)

    def network_title(self) -> str:
        return dict(self._networks).get(self._network, self._network)

    def is_run(self) -> bool:
        return self._network.startswith("run:")

    def add_run(self, run_dir: str, title: str, *, select: bool = True) -> None:
        """Offer a run's own model (first in the list), and look at it when `select`."""
        key = f"run:{os.path.abspath(run_dir)}"
        self._networks = [(k, t) for k, t in self._networks if k != key]
        self._networks.insert(0, (key, self.tr("Your model: {0}").format(title)))
        self._weights.pop(key, None)  # a run added again (continued): its best weights, as for a new one
        self.networks_changed.emit()
        if self._network == key:  # looked at already: its weights may be new (or others than were chosen)
            self.network_changed.emit(self.network())
        elif select:
            self.set_network(key)

    def replace_run(self, old: str, new: str | None, title: str = "") -> None:
        """A run folder was renamed to `new`, or deleted (`new` None): its entry follows, or goes."""
        key = f"run:{os.path.abspath(old)}"
        if key not in dict(self._networks):
            return
        weights = self._weights.pop(key, DEFAULT_WEIGHTS)
        if new is None:
            self._networks = [(k, t) for k, t in self._networks if k != key]
            self.networks_changed.emit()
            if self._network == key:
                self.set_network(self._networks[0][0])
            return
        new_key = f"run:{os.path.abspath(new)}"
        entry = (new_key, self.tr("Your model: {0}").format(title or os.path.basename(new)))
        self._networks = [entry if k == key else (k, t) for k, t in self._networks]
        self.networks_changed.emit()
        if self._network == key:
            self.set_network(network_key(new_key, weights))
        elif weights != DEFAULT_WEIGHTS:
            self._weights[new_key] = weights

    # ---- the image ---------------------------------------------------------------------------
    def image(self) -> str | None:
        return self._image

    def set_image(self, path: str) -> None:
        path = os.fspath(path)
        if path == self._image:
            return
        self._image = path
        self.image_changed.emit(path)

    def sample_images(self) -> list[tuple[str, str]]:
        """(title, path) of the sample photos shipped with the app."""
        titles = {"chelsea.jpg": self.tr("Chelsea the cat"), "astronaut.jpg": self.tr("Astronaut (Eileen Collins)")}
        return [(titles.get(name, name), resource_path("samples", name)) for name in SAMPLE_IMAGES]

    def set_dataset_images(self, paths: Sequence[str]) -> None:
        """The current dataset's image files (what "From dataset" and the top-patches view draw from)."""
        self._dataset_images = [os.fspath(p) for p in paths]
        self.dataset_images_changed.emit()

    def dataset_images(self) -> list[str]:
        return list(self._dataset_images)

    def dataset_image(self) -> str | None:
        """A random image of the dataset (another one each time), or None without a dataset."""
        if not self._dataset_images:
            return None
        choices = [p for p in self._dataset_images if p != self._image] or self._dataset_images
        return self._random.choice(choices)
