"""Feature generality and depth (the slide 特征通用性与深度): the same head on a base cut at several depths.

Early blocks of a convnet learn generic features (edges, colours, textures); later ones grow specific
to the classes they were trained on. On a dataset unlike ImageNet an earlier cut can therefore beat the
whole base. `depth_comparison` trains a feature-extraction head on cached features for each cut, one
run folder per cut under a parent folder (a temporary one, removed afterwards, when none is given), and
returns one `DepthRow` per cut.
"""

from __future__ import annotations

import math
import os
import tempfile
import time
from collections.abc import Generator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..data import ImageDataset
from ..errors import UserError
from ..events import EpochEnd, Finished, Progress
from ..messages import msg
from .config import TrainConfig

__all__ = ["DepthRow", "default_cuts", "depth_comparison"]


@dataclass(frozen=True)
class DepthRow:
    """One cut of the comparison: where the base was cut and what the head reached on the validation split."""

    block: str  # the last block kept
    depth: int  # its position in the whole base, 1 = the first block
    feature_size: int  # the pooled features the head sees (the block's output channels)
    val_accuracy: float  # the best epoch's (NaN when the run failed)
    seconds: float
    run_dir: str = ""  # "" when the runs went to a temporary folder


def default_cuts(block_names: Sequence[str], count: int = 4) -> list[str]:
    """`count` blocks evenly spaced over the base, the last (the whole base) always included."""
    n = len(block_names)
    picks = sorted({round((n - 1) * k / count) for k in range(1, count + 1)})
    return [block_names[i] for i in picks]


def depth_comparison(
    dataset: ImageDataset,
    config: TrainConfig,
    cuts: Sequence[str] | None = None,
    *,
    parent: str | os.PathLike[str] | None = None,
) -> Generator[Any, None, list[DepthRow]]:
    """Job: feature extraction on cached features with `config`'s backbone and head, cut after each of `cuts`
    (default: `default_cuts`), into ``parent/<block>`` run folders. Yields Progress per cut and epoch."""
    from ..pretrained import block_channels, load_backbone

    if not config.backbone:
        raise UserError(msg("training.depth_needs_backbone"))
    base = load_backbone(config.backbone, pretrained=False)  # the structure only: names and channels
    names = list(base.block_names)
    channels = block_channels(base)
    cuts = list(cuts) if cuts else default_cuts(names)
    for cut in cuts:
        if cut not in names:
            raise UserError(msg("training.unknown_cut", block=cut, backbone=config.backbone, choices=", ".join(names)))
    temporary = tempfile.TemporaryDirectory(prefix="cnnstudio-depth-") if parent is None else None
    root = Path(temporary.name if temporary is not None else parent)  # type: ignore[arg-type]
    epochs = config.epochs
    rows: list[DepthRow] = []
    try:
        for i, cut in enumerate(cuts):
            label = msg("training.depth_cut", block=cut, cut=i + 1, cuts=len(cuts))
            yield Progress(label, i * epochs, len(cuts) * epochs)
            run_config = replace(
                config, cut_after=cut, mode="feature-extraction", cached_features=True, init_from="", augment={}
            )
            started = time.perf_counter()
            accuracy = yield from _one_run(dataset, run_config, root / cut, label, i, len(cuts))
            rows.append(
                DepthRow(
                    block=cut,
                    depth=names.index(cut) + 1,
                    feature_size=channels[names.index(cut)],
                    val_accuracy=accuracy,
                    seconds=time.perf_counter() - started,
                    run_dir="" if temporary is not None else str(root / cut),
                )
            )
        yield Progress(msg("training.depth_done", cuts=len(cuts)), len(cuts) * epochs, len(cuts) * epochs)
    finally:
        if temporary is not None:
            temporary.cleanup()
    return rows


def _one_run(dataset, config: TrainConfig, run_dir: Path, label, index: int, cuts: int) -> Generator[Any, None, float]:
    """One cut's run; only Progress reaches the caller (one per epoch and per batch of features)."""
    from .run import train

    epochs = config.epochs
    run = train(dataset, config, run_dir)
    accuracy = math.nan
    try:
        for event in run:
            if isinstance(event, EpochEnd):
                yield Progress(label, index * epochs + min(event.epoch, epochs), cuts * epochs)
            elif isinstance(event, Progress):
                yield Progress(label, index * epochs, cuts * epochs)
            elif isinstance(event, Finished) and event.result is not None:
                accuracy = float(event.result.val_accuracy)
    finally:
        run.close()  # a cancelled comparison cancels the run it is in
    return accuracy
