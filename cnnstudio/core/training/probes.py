"""Explanations over time: a run's probe images, their Grad-CAM maps and top-1 after every epoch.

A run keeps up to `MAX_PROBES` probe images (`TrainConfig.probes`: image paths, or `AUTO` for one
validation image per class). After each epoch `ProbeRecorder` runs them through the model in memory
(eval mode, parameters frozen, both restored; gradients only with respect to the layer's output, so
no parameter gradient is left behind and no random generator is drawn from) and writes, in the run
folder's ``probes/``: ``probes.json`` and the probes as the network sees them (``probe-N.png``) once,
then one small ``epoch-NNNN.npz`` per epoch: the top-1 class and probabilities, and the Grad-CAM maps
of the top-1 and of the true class as uint8 at the layer's own resolution. Every write is atomic.
A continued run appends epochs with the probes the run recorded. A probe file that cannot be read is
skipped with a warning; the run goes on.

`read_timeline(run_dir)` reads it all back (`Timeline`), `probe_overlay` lays a map over its probe.
"""

from __future__ import annotations

import io
import json
import os
from collections.abc import Generator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import torch
import torch.distributed as dist
from PIL import Image
from torch.nn.parallel import DistributedDataParallel

from ..data import ImageDataset, display_image, gallery_items
from ..errors import RunFolderError
from ..events import Event, LogMessage, Progress
from ..images import ImageError
from ..io import atomic_write_bytes, atomic_write_json
from ..messages import msg
from ..runs.folder import write_fault
from ..visualize.cam import forward_pass, gradcam
from ..visualize.colormaps import overlay
from ..visualize.layers import default_heatmap_layer, list_layers
from ..visualize.subject import Subject, TransferNetwork, resize_map
from .transfer import Head

__all__ = [
    "AUTO",
    "MAX_PROBES",
    "PROBES_DIR",
    "PROBES_FORMAT",
    "Probe",
    "ProbeFrame",
    "ProbeRecorder",
    "Timeline",
    "auto_probes",
    "contact_sheet",
    "load_timeline",
    "verdict_colour",
    "probe_overlay",
    "read_timeline",
]

AUTO = "auto"  # `TrainConfig.probes == [AUTO]`: one validation image per class
MAX_PROBES = 8
PROBES_DIR = "probes"
PROBES_FORMAT = "cnnstudio-probes/1"
_INDEX = "probes.json"


@dataclass(frozen=True)
class Probe:
    """One probe: where it came from, its class if known (index, else None), and the image the network sees."""

    source: str
    label: int | None
    image: np.ndarray = field(repr=False)  # uint8 (H, W, C) at the network's input size


@dataclass(frozen=True)
class ProbeFrame:
    """What the model said about every probe after one epoch (arrays indexed by probe)."""

    epoch: int
    top1: np.ndarray  # int (P,)
    probabilities: np.ndarray  # float32 (P, classes)
    top1_maps: np.ndarray  # uint8 (P, h, w): Grad-CAM of the top-1 class, at the layer's resolution
    true_maps: np.ndarray  # uint8 (P, h, w): of the true class (the top-1's map when unknown)

    def confidence(self, probe: int) -> float:
        return float(self.probabilities[probe, int(self.top1[probe])])


@dataclass(frozen=True)
class Timeline:
    """A run's probes and, per epoch, what the model said about them."""

    run_dir: Path
    class_names: list[str]
    layer: str
    probes: list[Probe]
    epochs: list[int]  # the epochs with a frame, ascending

    def frame(self, epoch: int) -> ProbeFrame:
        """The frame of `epoch` (a `RunFolderError` when it cannot be read)."""
        return _read_frame(self.run_dir / PROBES_DIR / _frame_name(epoch), epoch)


def auto_probes(dataset: ImageDataset, count: int = MAX_PROBES) -> list[tuple[str, int]]:
    """One validation image per class (the first of each), up to `count`: (path or demo key, label)."""
    chosen: dict[int, str] = {}
    for key, label, split in gallery_items(dataset):
        if split == "validation" and label not in chosen:
            chosen[label] = key
    return [(chosen[label], label) for label in sorted(chosen)][:count]


def _label_of(path: str, class_names: Sequence[str], dataset: ImageDataset | None) -> int | None:
    """A probe's class: its label in the dataset, else its folder's name when that is a class."""
    if dataset is not None:
        for key, label, _split in gallery_items(dataset):
            if key == path:
                return label
    parent = Path(path).parent.name
    return list(class_names).index(parent) if parent in class_names else None


def _probe_image(source: str, size: int, channels: int, seed: int) -> np.ndarray:
    pil = Image.fromarray(display_image(source, seed=seed)).convert("L" if channels == 1 else "RGB")
    resized = np.array(pil.resize((size, size), Image.Resampling.BILINEAR), dtype=np.uint8)
    return resized[:, :, None] if resized.ndim == 2 else resized


def _frame_name(epoch: int) -> str:
    return f"epoch-{epoch:04d}.npz"


class ProbeRecorder:
    """The per-epoch hook (`FitState.epoch_hook`) of a run with probes: call it with the phase and the epoch."""

    def __init__(
        self, sources: Sequence[str], dataset: ImageDataset | None, class_names: Sequence[str], size: int, channels: int
    ) -> None:
        self.sources, self.dataset = list(sources), dataset
        self.class_names, self.size, self.channels = list(class_names), size, channels
        self.probes: list[Probe] | None = None
        self._layers: dict[int, tuple[Subject, str]] = {}
        self._told_cached = False

    def __call__(self, phase, epoch: int) -> Generator[Event, None, None]:
        if dist.is_available() and dist.is_initialized() and dist.get_rank() != 0:
            return  # a distributed run: only the first process writes the run folder
        model = phase.model.module if isinstance(phase.model, DistributedDataParallel) else phase.model
        if isinstance(model, Head):  # cached features: the phase trains the head alone, on features
            if not self._told_cached:
                self._told_cached = True
                yield LogMessage(msg("probes.cached_features"))
            return
        directory = phase.folder.path / PROBES_DIR
        if self.probes is None:
            yield from self._open(directory)
        if not self.probes:
            return
        subject, layer = self._subject(model)  # never through DDP's wrapper: its forward may talk to the others
        if not (directory / _INDEX).is_file():
            self._write_index(directory, layer)
        frame = yield from _compute(subject, layer, self.probes, phase.prepare, epoch)
        buffer = io.BytesIO()
        np.savez_compressed(
            buffer,
            top1=frame.top1,
            probabilities=frame.probabilities,
            top1_maps=frame.top1_maps,
            true_maps=frame.true_maps,
        )
        _write(directory / _frame_name(epoch), buffer.getvalue())

    def _open(self, directory: Path) -> Generator[Event, None, None]:
        """The probes: those the run recorded (a continued run), else the configured ones."""
        if (directory / _INDEX).is_file():
            try:
                self.probes = read_timeline(directory.parent).probes
                return
            except RunFolderError as exc:
                yield LogMessage(exc.message, "warning")
        if self.sources == [AUTO]:
            picked = auto_probes(self.dataset) if self.dataset is not None else []
        else:
            picked = [(s, _label_of(s, self.class_names, self.dataset)) for s in self.sources]
        if len(picked) > MAX_PROBES:
            yield LogMessage(msg("probes.too_many", count=len(picked), kept=MAX_PROBES), "warning")
            picked = picked[:MAX_PROBES]
        probes = []
        for source, label in picked:
            try:
                seed = self.dataset.seed if self.dataset is not None else 0
                probes.append(Probe(source, label, _probe_image(source, self.size, self.channels, seed)))
            except (ImageError, OSError, ValueError) as exc:
                yield LogMessage(msg("probes.skipped", path=source, reason=str(exc)), "warning")
        self.probes = probes
        if probes:
            yield LogMessage(msg("probes.recording", count=len(probes)))
        else:
            yield LogMessage(msg("probes.none_usable"), "warning")

    def _write_index(self, directory: Path, layer: str) -> None:
        """The probes as the network sees them, and probes.json (written last: it says the folder is complete)."""
        try:
            directory.mkdir(exist_ok=True)
        except OSError as exc:
            raise write_fault(exc, directory) from exc
        entries = []
        for i, probe in enumerate(self.probes or []):
            name = f"probe-{i}.png"
            png = io.BytesIO()
            Image.fromarray(probe.image[:, :, 0] if probe.image.shape[2] == 1 else probe.image).save(png, format="PNG")
            _write(directory / name, png.getvalue())
            entries.append({"source": probe.source, "label": probe.label, "image": name})
        index = {
            "format": PROBES_FORMAT,
            "method": "gradcam",
            "layer": layer,
            "class_names": self.class_names,
            "probes": entries,
        }
        _write(directory / _INDEX, index)

    def _subject(self, model) -> tuple[Subject, str]:
        held = self._layers.get(id(model))
        if held is None:
            network = TransferNetwork(model) if hasattr(model, "backbone") else model
            subject = Subject(
                model=network,
                class_names=self.class_names,
                input_size=(self.size, self.size),
                channels=self.channels,
                mean=None,
                std=None,
                key=f"probes:{id(model)}",
                title=PROBES_DIR,
                fixed_size=True,
                output_activation=getattr(model, "output_activation", "softmax"),
            )
            held = self._layers[id(model)] = (subject, default_heatmap_layer(list_layers(subject)))
        return held


def _write(path: Path, data: bytes | dict[str, Any]) -> None:
    """Atomically, so a process killed mid-write leaves the previous file; a failing disk is a RunFolderError."""
    try:
        atomic_write_json(path, data) if isinstance(data, dict) else atomic_write_bytes(path, data)
    except OSError as exc:
        raise write_fault(exc, path) from exc


def _as_uint8(raw: torch.Tensor) -> np.ndarray:
    values = np.nan_to_num(raw.detach().float().cpu().numpy(), nan=0.0, posinf=0.0, neginf=0.0)
    values = np.maximum(values, 0.0)
    peak = float(values.max()) if values.size else 0.0
    if not peak > 1e-12:
        return np.zeros(values.shape, dtype=np.uint8)
    return np.round(values / peak * 255).astype(np.uint8)


def _compute(
    subject: Subject, layer: str, probes: list[Probe], prepare, epoch: int
) -> Generator[Event, None, ProbeFrame]:
    """Each probe through the model: its top-1, probabilities, and the Grad-CAM maps of top-1 and true class."""
    top1, probabilities, top1_maps, true_maps = [], [], [], []
    with subject.using() as model:
        for probe in probes:
            batch = torch.from_numpy(np.array(probe.image)).permute(2, 0, 1)[None]
            step = forward_pass(subject, model, prepare(batch).detach(), layer)
            p = subject.probabilities(step.logits.detach())[0].cpu().numpy().astype(np.float32)
            best = int(np.argmax(p))
            step.index = best
            best_map = _as_uint8((yield from gradcam(step)))
            true_map = best_map
            if probe.label is not None and probe.label != best:
                step = forward_pass(subject, model, prepare(batch).detach(), layer)
                step.index = probe.label
                true_map = _as_uint8((yield from gradcam(step)))
            del step
            top1.append(best)
            probabilities.append(p)
            top1_maps.append(best_map)
            true_maps.append(true_map)
    return ProbeFrame(
        epoch, np.array(top1, dtype=np.int64), np.stack(probabilities), np.stack(top1_maps), np.stack(true_maps)
    )


def _read_frame(path: Path, epoch: int) -> ProbeFrame:
    try:
        with np.load(path, allow_pickle=False) as data:
            arrays = {name: np.array(data[name]) for name in ("top1", "probabilities", "top1_maps", "true_maps")}
    except (OSError, ValueError, KeyError) as exc:
        raise RunFolderError(msg("probes.unreadable", path=str(path), error=str(exc))) from exc
    return ProbeFrame(epoch, **arrays)


def read_timeline(run_dir: str | os.PathLike[str]) -> Timeline:
    """A run's probes and the epochs recorded for them; a `RunFolderError` when the run has none."""
    directory = Path(run_dir) / PROBES_DIR
    try:
        index: Any = json.loads((directory / _INDEX).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise RunFolderError(msg("probes.none", folder=str(run_dir))) from exc
    except (OSError, ValueError) as exc:
        raise RunFolderError(msg("probes.unreadable", path=str(directory / _INDEX), error=str(exc))) from exc
    if not isinstance(index, dict) or index.get("format") != PROBES_FORMAT:
        raise RunFolderError(msg("probes.unreadable", path=str(directory / _INDEX), error=PROBES_FORMAT))
    probes = []
    for entry in index.get("probes") or []:
        try:
            with Image.open(directory / str(entry["image"])) as image:
                array = np.array(image, dtype=np.uint8)
        except (OSError, KeyError, TypeError) as exc:
            raise RunFolderError(msg("probes.unreadable", path=str(directory), error=str(exc))) from exc
        label = entry.get("label")
        probes.append(Probe(str(entry.get("source", "")), label if isinstance(label, int) else None,
                            array[:, :, None] if array.ndim == 2 else array))  # fmt: skip
    epochs = sorted(int(p.name[6:10]) for p in directory.glob("epoch-[0-9][0-9][0-9][0-9].npz"))
    return Timeline(Path(run_dir), [str(n) for n in index.get("class_names") or []], str(index.get("layer", "")),
                    probes, epochs)  # fmt: skip


def probe_overlay(probe: Probe, heat: np.ndarray, side: int = 0, opacity: float = 0.5) -> np.ndarray:
    """A probe with a uint8 map laid over it, as uint8 RGB (side x side; 0: the probe's own size)."""
    image = probe.image if probe.image.shape[2] == 3 else np.repeat(probe.image, 3, axis=2)
    if side and side != image.shape[0]:
        image = np.array(Image.fromarray(image).resize((side, side), Image.Resampling.BILINEAR), dtype=np.uint8)
    values = resize_map(heat.astype(np.float32) / 255.0, image.shape[:2])
    return overlay(image, np.clip(values, 0.0, 1.0), opacity=opacity)


RIGHT, WRONG, UNKNOWN = (40, 170, 60), (210, 40, 40), (150, 150, 150)  # the frame colour of a probe's top-1


def verdict_colour(probe: Probe, top1: int) -> tuple[int, int, int]:
    """Green when the top-1 is the probe's class, red when not, grey when its class is unknown."""
    return UNKNOWN if probe.label is None else RIGHT if probe.label == top1 else WRONG


def contact_sheet(timeline: Timeline, side: int = 96, *, border: int = 3) -> np.ndarray:
    """Epochs × probes: each cell the probe with its top-1 Grad-CAM, framed green (right), red (wrong)
    or grey (class unknown); uint8 RGB. The top row shows the probes themselves."""
    rows, columns = len(timeline.epochs) + 1, len(timeline.probes)
    cell = side + 2 * border
    sheet = np.full((rows * cell, max(columns, 1) * cell, 3), 255, dtype=np.uint8)
    for j, probe in enumerate(timeline.probes):
        blank = np.zeros(probe.image.shape[:2], dtype=np.uint8)
        sheet[border : border + side, j * cell + border : j * cell + border + side] = probe_overlay(probe, blank, side)
    for i, epoch in enumerate(timeline.epochs, 1):
        frame = timeline.frame(epoch)
        for j, probe in enumerate(timeline.probes):
            top, left = i * cell, j * cell
            sheet[top : top + cell, left : left + cell] = verdict_colour(probe, int(frame.top1[j]))
            image = probe_overlay(probe, frame.top1_maps[j], side)
            sheet[top + border : top + border + side, left + border : left + border + side] = image
    return sheet


def load_timeline(run_dir: str | os.PathLike[str]) -> Generator[Event, None, tuple[Timeline, dict[int, ProbeFrame]]]:
    """A job: the run's timeline and every recorded epoch's frame (the Timeline dock's one read)."""
    timeline = read_timeline(run_dir)
    frames: dict[int, ProbeFrame] = {}
    for i, epoch in enumerate(timeline.epochs):
        yield Progress(msg("probes.reading"), i, len(timeline.epochs))
        frames[epoch] = timeline.frame(epoch)
    return timeline, frames
