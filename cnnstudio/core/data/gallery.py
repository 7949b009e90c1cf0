"""Images for display: every image of a dataset as a key, and the job that decodes thumbnails for a gallery.

A key is a file path, or ``demo://split/index`` for the demo set, whose pixels come from the demo
cache (`loading.demo_arrays`); the labels alone are listed without drawing any pixels.
"""

from __future__ import annotations

from collections.abc import Callable, Generator

import numpy as np
from PIL import Image

from ..events import Event, ImageReady
from ..images import UNREADABLE, ImageError, open_image
from . import demo
from .dataset import SPLITS, ImageDataset

__all__ = ["DEMO_PREFIX", "gallery_items", "display_image", "thumbnail_job"]

DEMO_PREFIX = "demo://"


def gallery_items(dataset: ImageDataset) -> list[tuple[str, int, str]]:
    """Every image as (key, label, split); keys are file paths, or ``demo://split/index`` for the demo."""
    if dataset.is_demo:
        items = []
        for split in SPLITS:  # labels only: the pixels are drawn when a thumbnail is asked for
            labels = demo.demo_labels(split, seed=dataset.seed)
            items += [(f"{DEMO_PREFIX}{split}/{i}", int(label), split) for i, label in enumerate(labels)]
        return items
    return [(path, label, split) for split in SPLITS for path, label in dataset.files.get(split, [])]


def display_image(key: str, *, max_side: int | None = None, seed: int = 0) -> np.ndarray:
    """An image for display, upright and RGB uint8 (H, W, 3), at most `max_side` on its longer side.

    `key` is a file path or a ``demo://split/index`` key from `gallery_items`. Raises `ImageError`.
    The array is the caller's own (never a view of a cache).
    """
    if key.startswith(DEMO_PREFIX):
        from .loading import demo_arrays  # imports torch: not before the window is up (qt/startup.py)

        split, index = key[len(DEMO_PREFIX) :].split("/")
        return demo_arrays(split, seed)[0][int(index)].copy()
    with open_image(key) as image:
        if max_side and max(image.size) > max_side:
            image.thumbnail((max_side, max_side), Image.Resampling.BILINEAR, reducing_gap=2.0)
        return np.asarray(image, dtype=np.uint8)


def thumbnail_job(next_key: Callable[[], str | None], max_side: int = 96, seed: int = 0) -> Generator[Event, None, int]:
    """Decode the images whose keys `next_key()` hands out (None: no more), one `ImageReady` each.

    The caller feeds the keys the user is looking at; the job ends when there are none left. An image
    that cannot be shown comes as ``ImageReady(key, None, reason)`` with a skip reason constant.
    """
    done = 0
    while (key := next_key()) is not None:
        try:
            yield ImageReady(key, display_image(key, max_side=max_side, seed=seed))
        except ImageError as exc:
            yield ImageReady(key, None, exc.reason)
        except Exception:  # a file deleted or changed since the scan
            yield ImageReady(key, None, UNREADABLE)
        done += 1
    return done
