"""Decoding many image files in a few threads, with progress after every chunk (scans and split loading)."""

from __future__ import annotations

import os
from collections.abc import Callable, Generator, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from ..events import Event, Progress
from ..messages import Message

T = TypeVar("T")
R = TypeVar("R")

CHUNK = 64
WORKERS = max(1, min(4, os.cpu_count() or 1))  # Pillow releases the GIL while decoding


def map_in_chunks(
    function: Callable[[T], R], items: Sequence[T], message: Message, consume: Callable[[T, R], None]
) -> Generator[Event, None, None]:
    """``consume(item, function(item))`` for every item, in order; `function` runs in `WORKERS` threads.

    Yields ``Progress(message, done, total)`` at the start and after each chunk of `CHUNK` items, which
    is where a driven job can be cancelled; results are consumed chunk by chunk, never all held at once.
    """
    total = len(items)
    yield Progress(message, 0, total)
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        for start in range(0, total, CHUNK):
            chunk = items[start : start + CHUNK]
            for item, result in zip(chunk, pool.map(function, chunk), strict=True):
                consume(item, result)
            yield Progress(message, min(start + CHUNK, total), total)
