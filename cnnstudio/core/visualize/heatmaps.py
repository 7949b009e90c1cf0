"""Class activation heatmaps on a photo: the job, its target class, a faithfulness figure, and export.

`heatmap(subject, image, target=..., layer=..., method=...)` is a job (a generator of events) that
returns a `HeatmapResult`: the photo as displayed (EXIF orientation applied) and the map at the
photo's own full resolution in [0, 1], exactly aligned. The network sees the whole photo rescaled
(`Subject.prepare`: aspect kept, no centre crop), so the map goes back onto the photo by a plain
resize. The target is a class name or index (default: the top-1 prediction); the top-5 predictions
come with the result for a class picker. A map with no positive value is flagged `empty` (and
stays all zero, never NaN): the layer holds no evidence *for* that class.

Faithfulness: the class probability's drop when the map's top 20 % of input pixels are blurred,
against the mean drop for 20 % chosen at random (seeded). A map that points at what the network
uses drops the probability much more than chance does.

`save_overlay` / `save_map` export one result; `heatmap_folder` turns many images (or folders of
them) into a folder of overlays and maps, cancellable between images.
"""

from __future__ import annotations

import difflib
import os
import threading
from collections import OrderedDict
from collections.abc import Generator, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image

from ..errors import UserError
from ..events import Event, LogMessage, Progress
from ..images import IMAGE_EXTENSIONS, ImageError
from ..messages import Message, msg
from .cam import GRADIENT_METHODS, METHOD_TITLES, METHODS, Faithfulness, faithfulness, forward_pass, method_function
from .colormaps import overlay
from .layers import default_heatmap_layer, find_layer, list_layers
from .subject import Subject, resize_map

__all__ = [
    "HeatmapError",
    "ClassScore",
    "HeatmapResult",
    "heatmap",
    "resolve_class",
    "overlay_image",
    "save_overlay",
    "save_map",
    "image_files",
    "folder_outputs",
    "heatmap_folder",
]

_CACHE_SIZE = 4


class HeatmapError(UserError):
    """A heatmap that cannot be made as asked (an unknown class, a layer without 2-D maps, an unknown method)."""


@dataclass(frozen=True)
class ClassScore:
    """One class: its index, name and the network's probability for it."""

    index: int
    name: str
    probability: float

    def as_dict(self) -> dict:
        return {"index": self.index, "class": self.name, "probability": self.probability}


@dataclass(frozen=True, eq=False)
class HeatmapResult:
    """A heatmap laid on its photo. `map` is float32 (H, W) in [0, 1], the same H x W as `image` (uint8, as displayed)."""

    image: np.ndarray
    map: np.ndarray
    target: ClassScore
    top: tuple[ClassScore, ...]
    layer: str | None  # None for the input-gradient methods (saliency, smoothgrad)
    method: str
    peak: tuple[int, int] | None  # (x, y) in image pixels; None for an empty map
    faithfulness: Faithfulness | None  # None for an empty map (no top pixels to blur)
    empty: bool
    source: str = ""  # the image's path, when it came from a file
    network_size: tuple[int, int] = (0, 0)  # (h, w) the network saw

    @property
    def notice(self) -> Message | None:
        """What to tell the user about the map itself: "no positive evidence" for an empty one."""
        if self.empty:
            return msg("heatmap.no_positive_evidence", name=self.target.name)
        return None

    def as_dict(self) -> dict:
        """Plain data for ``cnnstudio heatmap --json`` (no arrays)."""
        return {
            "image": self.source,
            "class": self.target.name,
            "index": self.target.index,
            "probability": self.target.probability,
            "method": self.method,
            "layer": self.layer,
            "peak": list(self.peak) if self.peak else None,
            "faithfulness": self.faithfulness.as_dict() if self.faithfulness else None,
            "empty": self.empty,
            "top": [score.as_dict() for score in self.top],
        }


# ---- the target class --------------------------------------------------------------------------


def resolve_class(subject: Subject, target: int | str | None, probabilities: Sequence[float] | None = None) -> int:
    """The class index `target` means: an index, a class name (or an index as text); None → the top-1 class."""
    count = len(subject.class_names)
    if target is None:
        if probabilities is None:
            raise ValueError("the top-1 class needs the probabilities")
        return int(np.argmax(np.asarray(probabilities)))
    if isinstance(target, str):
        wanted = target.strip()
        if wanted in subject.class_names:
            return subject.class_names.index(wanted)
        lowered = [name.casefold() for name in subject.class_names]
        if wanted.casefold() in lowered:
            return lowered.index(wanted.casefold())
        if not wanted.lstrip("-").isdigit():
            close = difflib.get_close_matches(wanted, subject.class_names, n=5, cutoff=0.5)
            close += [n for n in subject.class_names if wanted.casefold() in n.casefold() and n not in close][:5]
            raise HeatmapError(msg("heatmap.no_such_class", name=wanted, suggestions=", ".join(close[:6]) or "-"))
        target = int(wanted)
    if not 0 <= int(target) < count:
        raise HeatmapError(msg("heatmap.class_out_of_range", index=int(target), last=count - 1))
    return int(target)


def _scores(subject: Subject, probabilities: np.ndarray, k: int = 5) -> tuple[ClassScore, ...]:
    order = np.argsort(-probabilities, kind="stable")[:k]
    return tuple(ClassScore(int(i), subject.class_names[i], float(probabilities[i])) for i in order)


# ---- the job -----------------------------------------------------------------------------------

_CACHE: OrderedDict[tuple, HeatmapResult] = OrderedDict()
_DEFAULT_LAYERS: dict[str, str] = {}
_CACHE_LOCK = threading.Lock()


def _image_key(image) -> tuple | None:
    if isinstance(image, (str, os.PathLike)):
        path = Path(image).resolve()
        try:
            stat = path.stat()
        except OSError:
            return None
        return (str(path), stat.st_mtime_ns, stat.st_size)
    return None  # arrays and PIL images are not cached


def _normalise(values: np.ndarray) -> tuple[np.ndarray, bool]:
    """`values` scaled into [0, 1] by their maximum; (all zeros, True) when nothing is positive."""
    v = np.nan_to_num(np.asarray(values, dtype=np.float32), nan=0.0, posinf=0.0, neginf=0.0)
    v = np.maximum(v, 0.0)
    peak = float(v.max()) if v.size else 0.0
    if not peak > 1e-12:
        return np.zeros_like(v), True
    return np.clip(v / peak, 0.0, 1.0).astype(np.float32), False


def _default_layer(subject: Subject) -> str:
    with _CACHE_LOCK:
        name = _DEFAULT_LAYERS.get(subject.key)
    if name is None:
        name = default_heatmap_layer(list_layers(subject))
        with _CACHE_LOCK:
            _DEFAULT_LAYERS[subject.key] = name
    return name


def _display_array(subject: Subject, image) -> np.ndarray:
    if isinstance(image, np.ndarray):
        array = np.asarray(image, dtype=np.uint8)
        array = array[:, :, None] if array.ndim == 2 else array
        if array.shape[2] != subject.channels:
            pil = Image.fromarray(array[:, :, 0] if array.shape[2] == 1 else array[:, :, :3])
            array = subject.image_array(pil)
        return np.array(array)
    return subject.image_array(image)


def heatmap(
    subject: Subject,
    image,
    *,
    target: int | str | None = None,
    layer: str | None = None,
    method: str = "gradcam",
    faithful: bool = True,
    samples: int = 16,
    noise: float = 0.15,
    seed: int = 0,
    batch_size: int | None = None,
) -> Generator[Event, None, HeatmapResult]:
    """The `method` heatmap of class `target` (name or index; default top-1) at `layer` (default: the last conv).

    `image`: a path, a PIL image or a uint8 (H, W, C) array as displayed. `samples`, `noise` and
    `seed` are SmoothGrad's; `batch_size` Score-CAM's (default: sized from a memory budget).
    Results for image files are cached per weights, file, layer, method and target.
    """
    if method not in METHODS:
        raise HeatmapError(msg("heatmap.unknown_method", method=method, methods=", ".join(METHODS)))
    yield Progress(msg("heatmap.computing", method=METHOD_TITLES[method]), 0, 1)
    if method in GRADIENT_METHODS:
        layer = None
    else:
        layer = layer or _default_layer(subject)
        find_layer(subject.model, layer)  # a LayerError naming the closest layers
    options = (samples, noise, seed, faithful) if method == "smoothgrad" else (faithful,)
    image_key = _image_key(image)
    key = (subject.key, image_key, layer, method, target, options) if image_key else None
    if key is not None:
        with _CACHE_LOCK:
            if key in _CACHE:
                _CACHE.move_to_end(key)
                return _CACHE[key]
    shown = _display_array(subject, image)
    height, width = shown.shape[:2]
    with subject.using() as model:
        x = subject.prepare_array(shown)
        step = forward_pass(subject, model, x, layer)
        if step.activation is not None and step.activation.ndim != 4:
            shape = "×".join(str(n) for n in step.activation.shape[1:])
            raise HeatmapError(msg("heatmap.layer_not_map", layer=layer, shape=shape))
        probabilities = subject.probabilities(step.logits.detach())[0].cpu().numpy().astype(np.float64)
        index = step.index = resolve_class(subject, target, probabilities)
        extra = {}
        if method == "smoothgrad":
            extra = {"samples": samples, "noise": noise, "seed": seed}
        elif method == "scorecam":
            extra = {"batch_size": batch_size}
        raw = yield from method_function(method)(step, **extra)
        raw = raw.detach().float().cpu().numpy()
        del step
        network_map, _ = _normalise(resize_map(raw, x.shape[2:]) if raw.shape != tuple(x.shape[2:]) else raw)
        values, empty = _normalise(resize_map(raw, (height, width)))
        faith = None
        if faithful and not empty:
            faith = faithfulness(subject, x, index, network_map, grid=raw.shape, seed=seed)
    peak = None
    if not empty:
        row, column = np.unravel_index(int(np.argmax(values)), values.shape)
        peak = (int(column), int(row))
    values.setflags(write=False)
    shown.setflags(write=False)
    result = HeatmapResult(
        image=shown,
        map=values,
        target=ClassScore(index, subject.class_names[index], float(probabilities[index])),
        top=_scores(subject, probabilities),
        layer=layer,
        method=method,
        peak=peak,
        faithfulness=faith,
        empty=empty,
        source=str(image) if isinstance(image, (str, os.PathLike)) else "",
        network_size=(int(x.shape[2]), int(x.shape[3])),
    )
    if key is not None:
        with _CACHE_LOCK:
            _CACHE[key] = result
            while len(_CACHE) > _CACHE_SIZE:
                _CACHE.popitem(last=False)
    if empty:
        yield LogMessage(result.notice, "warning")
    return result


# ---- export ------------------------------------------------------------------------------------


def overlay_image(result: HeatmapResult, *, opacity: float = 0.5, colormap: str = "jet") -> np.ndarray:
    """The map coloured with `colormap` and laid over the photo: uint8 (H, W, 3)."""
    return overlay(result.image, result.map, opacity=opacity, colormap=colormap)


def save_overlay(
    result: HeatmapResult, path: str | os.PathLike[str], *, opacity: float = 0.5, colormap: str = "jet"
) -> Path:
    """Write the overlay as a PNG (folders made as needed); returns the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.fromarray(overlay_image(result, opacity=opacity, colormap=colormap)).save(path, format="PNG")
    return path


def save_map(result: HeatmapResult, path: str | os.PathLike[str]) -> Path:
    """Write the raw map as ``.npy``: float32 (H, W) in [0, 1] at the photo's own resolution, as displayed."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    np.save(path, np.asarray(result.map, dtype=np.float32))
    return path


def image_files(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """The image files among `paths`, each folder replaced by the images directly inside it (sorted)."""
    found: list[Path] = []
    for item in map(Path, paths):
        if item.is_dir():
            found += sorted(p for p in item.iterdir() if p.is_file() and p.suffix.lower() in IMAGE_EXTENSIONS)
        else:
            found.append(item)
    return found


def _unique_stems(paths: Sequence[Path]) -> list[str]:
    seen: dict[str, int] = {}
    stems = []
    for path in paths:
        stem = path.stem or "image"
        seen[stem] = seen.get(stem, 0) + 1
        stems.append(stem if seen[stem] == 1 else f"{stem}-{seen[stem]}")
    return stems


def folder_outputs(
    images: Iterable[str | os.PathLike[str]],
    out_dir: str | os.PathLike[str],
    map_dir: str | os.PathLike[str] | None = None,
) -> list[tuple[Path, Path, Path | None]]:
    """For each image (folders expanded): (image, its overlay ``NAME.png`` in `out_dir`, its map ``NAME.npy`` or None).

    Names are the images' own, numbered when two images share one; `heatmap_folder` writes exactly
    these files, so a caller can ask before replacing any that exist.
    """
    files = image_files(images)
    maps = Path(map_dir) if map_dir is not None else None
    return [
        (path, Path(out_dir) / f"{stem}.png", maps / f"{stem}.npy" if maps is not None else None)
        for path, stem in zip(files, _unique_stems(files), strict=True)
    ]


def heatmap_folder(
    subject: Subject,
    images: Iterable[str | os.PathLike[str]],
    out_dir: str | os.PathLike[str],
    *,
    map_dir: str | os.PathLike[str] | None = None,
    opacity: float = 0.5,
    colormap: str = "jet",
    **options,
) -> Generator[Event, None, list[dict]]:
    """Heatmaps of many images (folders expanded) into `out_dir` as ``NAME.png`` (and ``NAME.npy`` in `map_dir`).

    `options` are `heatmap`'s. An unreadable image is skipped with a warning. Cancellable between
    images (and between Score-CAM batches). Returns one `HeatmapResult.as_dict()` per image written,
    with its "overlay" (and "map") path.
    """
    outputs = folder_outputs(images, out_dir, map_dir)
    Path(out_dir).mkdir(parents=True, exist_ok=True)
    written: list[dict] = []
    for number, (path, overlay_path, map_path) in enumerate(outputs):
        try:
            result = yield from heatmap(subject, path, **options)
        except ImageError as error:
            yield LogMessage(msg("heatmap.skipped_image", image=str(path), reason=error.message), "warning")
            continue
        row = result.as_dict()
        row["overlay"] = str(save_overlay(result, overlay_path, opacity=opacity, colormap=colormap))
        if map_path is not None:
            row["map"] = str(save_map(result, map_path))
        written.append(row)
        yield Progress(msg("heatmap.folder_progress"), number + 1, len(outputs))
    return written
