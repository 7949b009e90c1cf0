"""The whole `cnnstudio train` command against a plain PyTorch script, both from the PNG files (goal ≤ 0.7×).

On the Fashion-MNIST folder (`fashion_folder.py`: 20,000 training and 5,000 validation 28×28 PNGs,
written once into DIR), each side is a fresh process, timed from start to exit, in alternating rounds:

* ``cnnstudio train DIR --model mnist-convnet --image-size 28 --channels 1 --epochs 5 --batch-size 64``
  (the scan decodes each file once and keeps the pixels for training);
* `plain_mnist_loop.py`: decodes each file once in a PIL loop, the same network by hand, fp32, Adam.

Prints the median wall times, their ratio, and each side's validation accuracy (last epoch).

    .venv/bin/python bench/train_wall.py [--data /tmp/fashion-png] [--epochs 5] [--rounds 2] [-- extra train options]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def timed(command: list[str]) -> tuple[float, dict]:
    env = dict(os.environ, PYTHONPATH=str(HERE.parent))
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{command[:4]} failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return seconds, json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default="/tmp/fashion-png")
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("extra", nargs="*", help="more `cnnstudio train` options (after --)")
    args = parser.parse_args()
    sys.path.insert(0, str(HERE))
    from fashion_folder import fashion_folder

    root, source = fashion_folder(args.data)
    times: dict[str, list[float]] = {"cnnstudio": [], "plain": []}
    accuracy: dict[str, list[float]] = {"cnnstudio": [], "plain": []}
    with tempfile.TemporaryDirectory() as tmp:
        for round_ in range(args.rounds):
            train = [sys.executable, "-m", "cnnstudio", "train", str(root), "--out", f"{tmp}/run{round_}", "--json"]
            train += ["--model", "mnist-convnet", "--image-size", "28", "--channels", "1"]
            train += ["--epochs", str(args.epochs), "--batch-size", "64", *args.extra]
            plain = [sys.executable, str(HERE / "plain_mnist_loop.py"), str(root), str(args.epochs), "64"]
            for name, command in (("cnnstudio", train), ("plain", plain)):
                seconds, result = timed(command)
                times[name].append(seconds)
                accuracy[name].append(result["val_accuracy"])
    ratios = [a / b for a, b in zip(times["cnnstudio"], times["plain"], strict=True)]
    print(f"{source} PNGs in {root}: mnist-convnet, {args.epochs} epochs, batch 64, median of {args.rounds} rounds")
    for name in ("cnnstudio", "plain"):
        label = "cnnstudio train (whole command)" if name == "cnnstudio" else "plain PyTorch script (fp32)"
        print(f"  {label:33} {statistics.median(times[name]):6.1f} s   val acc {statistics.median(accuracy[name]):.3f}")
    print(f"cnnstudio / plain wall time = {statistics.median(ratios):.2f}   (goal ≤ 0.7)")


if __name__ == "__main__":
    main()
