"""What explaining the probe images costs a run: one epoch hook against training steps, side by side.

The book's small convnet at 150×150 (4 classes of the demo), 8 probes (Grad-CAM of top-1 and true
class each). Rounds alternate: the hook once (`ProbeRecorder`, writing its files to a temporary run
folder), then one training step of a batch of 32 (forward, backward, Adam). Figures are medians.
The overhead of an epoch is hook / (steps per epoch × step): for the demo's 1,000 training images, 32 steps.

    .venv/bin/python bench/probes_overhead.py [--rounds 5] [--image-size 150] [--threads 2]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace

import torch

from cnnstudio.core.data import demo_dataset
from cnnstudio.core.models.spec import build_model, preset_spec
from cnnstudio.core.runs import RunFolder
from cnnstudio.core.torchutils import input_preparer
from cnnstudio.core.training.probes import MAX_PROBES, ProbeRecorder, auto_probes


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--image-size", type=int, default=150)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    dataset = demo_dataset()
    size, batch = args.image_size, 32
    model = build_model(preset_spec("small-convnet", num_classes=len(dataset.class_names), image_size=size))
    optimizer = torch.optim.Adam(model.parameters(), 1e-3)
    picked = auto_probes(dataset)
    sources = [picked[i % len(picked)][0] for i in range(MAX_PROBES)]  # 8 probes, as many as a run may keep
    recorder = ProbeRecorder(sources, dataset, dataset.class_names, size, 3)
    x = torch.randint(0, 256, (batch, 3, size, size), dtype=torch.uint8)
    y = torch.randint(0, len(dataset.class_names), (batch,))
    prepare = input_preparer()
    hooks, steps = [], []
    with tempfile.TemporaryDirectory() as tmp:
        phase = SimpleNamespace(model=model, folder=RunFolder(Path(tmp)), prepare=prepare)
        for epoch in range(1, args.rounds + 2):
            started = time.perf_counter()
            list(recorder(phase, epoch))
            hook = time.perf_counter() - started
            started = time.perf_counter()
            loss = torch.nn.functional.cross_entropy(model(prepare(x)), y)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            step = time.perf_counter() - started
            if epoch > 1:  # the first round warms up (and writes the probes once)
                hooks.append(hook)
                steps.append(step)
        size_kb = sum(p.stat().st_size for p in (Path(tmp) / "probes").glob("epoch-*.npz")) / len(hooks) / 1024
    hook, step = statistics.median(hooks), statistics.median(steps)
    per_epoch = 1000 // batch + (1000 % batch > 0)
    print(
        f"probes hook: {hook * 1000:.0f} ms for {MAX_PROBES} probes; one training step of {batch}: {step * 1000:.0f} ms"
    )
    print(f"= {hook / step:.2f} steps; {hook / (per_epoch * step):.1%} of a demo epoch ({per_epoch} steps)")
    print(f"each epoch's file: {size_kb:.1f} kB")


if __name__ == "__main__":
    main()
