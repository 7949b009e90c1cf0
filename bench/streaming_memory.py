"""Peak memory of streaming versus caching, on datasets several times the memory budget (issue 9).

Makes folders of N small JPEG images (two classes of noisy stripes, 96 px), then trains one epoch
at 128 px (tinyvgg, batch 64, 1 torch thread) on each, twice: with the splits cached in memory
(``--cache-mb 4096``) and streamed from disk (``--cache-mb BUDGET``, a fraction of the smallest
dataset's decoded size). Each run is a fresh subprocess, which reports:

* ``ru_maxrss``: the training process's own peak resident memory (getrusage, self) plus the largest
  waited-for child's (RUSAGE_CHILDREN);
* ``tree peak``: the peak, sampled every 50 ms, of the summed proportional set size (PSS, so pages
  shared by the fork server and its workers count once) of the training process and all its
  descendants (the fork server and the DataLoader workers are not its waited-for children, so
  getrusage alone misses them).

    .venv/bin/python bench/streaming_memory.py [--sizes 2000 4000 8000] [--budget-mb 16] [--image-size 128]

Measured here (2 shared cores, torch 2.14, about 5 minutes in all; MB = MiB):

    images  decoded MB  path       ru_maxrss MB  tree PSS MB  seconds  val acc
      2000          94  in memory          1564         1106     13.5    1.000
      2000          94  streaming          1492         1285     16.7    1.000
      4000         188  in memory          1650         1056     31.4    1.000
      4000         188  streaming          1552         1361     37.1    1.000
      8000         375  in memory          1817         1302     61.3    1.000
      8000         375  streaming          1463         1308     68.3    1.000

The cached path's own peak grows with the data (+253 MB from 2,000 to 8,000 images, for +281 MB of
pixels); the streamed path's stays flat (within the ±50 MB the sampling varies by), the fork server
and its two workers costing about 200 MB (PSS) once. Most of the ~1.4 GB floor is torch itself
(about 510 MB resident after ``import torch``) and one training step of tinyvgg at 128 px, batch 64
(about 450 MB). Streaming costs 10-20 % in time here (decoding shares the two cores with training).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import numpy as np
from PIL import Image


def make_folder(root: Path, count: int, side: int = 96, seed: int = 0) -> Path:
    rng = np.random.default_rng(seed)
    for c, name in enumerate(("horizontal", "vertical")):
        folder = root / name
        folder.mkdir(parents=True, exist_ok=True)
        for i in range(count // 2):
            line = ((np.arange(side) + int(rng.integers(0, 6))) % 6 < 3).astype(np.float32)
            image = np.tile(line[:, None], (1, side)) if c == 0 else np.tile(line[None, :], (side, 1))
            image = image * 0.7 + rng.random((side, side)) * 0.3
            rgb = (np.stack([image] * 3, axis=-1) * 255).astype(np.uint8)
            Image.fromarray(rgb).save(folder / f"{i:05d}.jpg", quality=90)
    return root


def _descendants(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def child(data: str, cache_mb: int, image_size: int) -> None:
    import torch

    torch.set_num_threads(1)
    from cnnstudio.core.data import open_folder
    from cnnstudio.core.events import Finished, LogMessage
    from cnnstudio.core.jobs import drive
    from cnnstudio.core.training import TrainConfig, train

    peak = [0]
    done = threading.Event()

    def sample() -> None:
        me = os.getpid()
        while not done.is_set():
            peak[0] = max(peak[0], sum(_pss_kb(p) for p in [me, *_descendants(me)]))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    dataset = open_folder(data, seed=0)
    config = TrainConfig(model="tinyvgg", image_size=image_size, epochs=1, batch_size=64, cache_mb=cache_mb)
    started = time.perf_counter()
    path = ""
    with tempfile.TemporaryDirectory() as runs:
        for event in drive(train(dataset, config, Path(runs) / "run")):
            if isinstance(event, LogMessage) and event.message.id.startswith("loading."):
                path = event.message.id
            last = event
    done.set()
    sampler.join()
    assert isinstance(last, Finished), last
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(
        json.dumps(
            {
                "path": path.removeprefix("loading."),
                "ru_maxrss_mb": (own + kids) / 1024,
                "tree_pss_peak_mb": peak[0] / 1024,
                "seconds": time.perf_counter() - started,
                "val_accuracy": last.result.val_accuracy,
            }
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 4000, 8000])
    parser.add_argument("--budget-mb", type=int, default=16)
    parser.add_argument("--image-size", type=int, default=128)
    parser.add_argument("--child", nargs=2, metavar=("DATA", "CACHE_MB"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], int(args.child[1]), args.image_size)
        return
    per_image = 3 * args.image_size**2
    print(f"budget {args.budget_mb} MB; decoded image {per_image / 1024:.0f} KB at {args.image_size} px")
    print(
        f"{'images':>7} {'decoded MB':>10} {'path':>10} {'ru_maxrss MB':>13} {'tree PSS MB':>12} {'s':>6} {'val acc':>8}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        for count in args.sizes:
            data = make_folder(Path(tmp) / str(count), count)
            for cache_mb in (4096, args.budget_mb):
                out = subprocess.run(
                    [
                        sys.executable,
                        __file__,
                        "--image-size",
                        str(args.image_size),
                        "--child",
                        str(data),
                        str(cache_mb),
                    ],
                    check=True,
                    capture_output=True,
                    text=True,
                )
                row = json.loads(out.stdout.strip().splitlines()[-1])
                print(
                    f"{count:>7} {count * per_image / 2**20:>10.0f} {row['path']:>10} {row['ru_maxrss_mb']:>13.0f}"
                    f" {row['tree_pss_peak_mb']:>12.0f} {row['seconds']:>6.1f} {row['val_accuracy']:>8.3f}",
                    flush=True,
                )


if __name__ == "__main__":
    main()
