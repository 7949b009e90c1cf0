"""Decoding many image files in a few threads, or in worker processes, with progress after every chunk.

Threads suit short lists (nothing to start) and large images (Pillow releases the GIL while it
decodes). Many small images spend most of their time in Python around the decoder, which threads
cannot spread over the cores: `map_in_processes` does those in "spawn"ed worker processes (never a
fork of a threaded process; see streaming.py), which import only the torch-free image loader.

As with any spawned worker, each one imports the main module of the program: a script that scans
must keep its work under ``if __name__ == "__main__":`` and its heavy imports inside functions (the
`cnnstudio` command and window do). A frozen (packaged) app decodes in threads instead.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections import deque
from collections.abc import Callable, Generator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from typing import TypeVar

from ..events import Event, Progress
from ..messages import Message

T = TypeVar("T")
R = TypeVar("R")

CHUNK = 64
WORKERS = max(1, min(4, os.cpu_count() or 1))  # Pillow releases the GIL while decoding
PROCESS_CHUNK = 256


def decode_processes() -> int:
    """Worker processes for a scan's decoding: ``$CNNSTUDIO_DECODE_WORKERS``, else the number of cores
    (0 or 1: threads in this process)."""
    try:
        return max(0, int(os.environ["CNNSTUDIO_DECODE_WORKERS"]))
    except (KeyError, ValueError):
        return 0 if getattr(sys, "frozen", False) else os.cpu_count() or 1


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


def map_in_processes(
    function: Callable[[list[T]], list[R]],
    items: Sequence[T],
    message: Message,
    consume: Callable[[T, R], None],
    workers: int,
) -> Generator[Event, None, None]:
    """``consume(item, result)`` for every item, in order, where `function` (picklable, taking a list
    of items and returning their results) runs on chunks of `PROCESS_CHUNK` items in `workers`
    processes. Progress after each chunk; at most two chunks per worker are in flight, so results are
    never all held at once. However it ends (a cancelled job closes it), the workers are gone after.
    """
    total = len(items)
    yield Progress(message, 0, total)
    chunks = deque(list(items[start : start + PROCESS_CHUNK]) for start in range(0, total, PROCESS_CHUNK))
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"))
    pending: deque[tuple[list[T], Future]] = deque()
    done = 0
    try:
        while chunks or pending:
            while chunks and len(pending) < 2 * workers:
                chunk = chunks.popleft()
                pending.append((chunk, pool.submit(function, chunk)))
            chunk, future = pending.popleft()
            for item, result in zip(chunk, future.result(), strict=True):
                consume(item, result)
            done += len(chunk)
            yield Progress(message, done, total)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
