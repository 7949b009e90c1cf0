"""Input pipeline throughput against training throughput (goal: loader ≥ 3× training), measured side by side.

At 150×150 with the book's small convnet and batch 32:
  * training: images/s of full training steps (forward, backward, optimiser) on in-memory batches;
  * loader, cached: images/s of producing training batches from the in-memory cache with the "book"
    augmentation (index, augment, convert to float), i.e. every epoch after the first;
  * loader, first epoch: images/s of decoding and resizing image files into the cache.

And the augmentation panel's preview (16 copies of one 150×150 image with the "strong" preset, as the
preview slider asks for them), side by side with the same transforms as a per-image loop of
torchvision's ``v2`` transforms (best of `--repeats`; it used to be a test asserting < 1 s).

    .venv/bin/python bench/loader_throughput.py [--threads 2] [--preview-only]
"""

from __future__ import annotations

import argparse
import math
import tempfile
import time
from pathlib import Path

import numpy as np
import torch
from PIL import Image
from torchvision.transforms import v2

from cnnstudio.core.data import clear_cache, demo_dataset, load_split, open_folder, run_to_end
from cnnstudio.core.data.augment import AUGMENT_PRESETS, augment_batch, preview
from cnnstudio.core.models.spec import build_model, preset_spec

SIZE = 150
BATCH = 32


def training_rate(x: torch.Tensor, y: torch.Tensor, steps: int) -> float:
    model = build_model(preset_spec("small-convnet", num_classes=4, image_size=SIZE)).to(
        memory_format=torch.channels_last
    )
    optimizer = torch.optim.RMSprop(model.parameters(), lr=1e-4)
    loss_fn = torch.nn.CrossEntropyLoss()
    stamps = []
    for step in range(steps + 2):
        xb = x[step * BATCH : (step + 1) * BATCH].float().div_(255).contiguous(memory_format=torch.channels_last)
        loss = loss_fn(model(xb), y[step * BATCH : (step + 1) * BATCH])
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        loss.item()
        stamps.append(time.perf_counter())
    return BATCH * steps / (stamps[-1] - stamps[1])


def cached_loader_rate(x: torch.Tensor, batches: int) -> float:
    spec = AUGMENT_PRESETS["book"]
    generator = torch.Generator().manual_seed(0)
    order = torch.randperm(len(x))
    start = time.perf_counter()
    for step in range(batches):
        idx = order[(step * BATCH) % len(x) : (step * BATCH) % len(x) + BATCH]
        augment_batch(x[idx], spec, generator).float().div_(255)
    return BATCH * batches / (time.perf_counter() - start)


def decode_rate(x: torch.Tensor) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for i, image in enumerate(x[:400]):
            folder = root / f"c{i % 4}"
            folder.mkdir(exist_ok=True)
            Image.fromarray(image.permute(1, 2, 0).numpy()).resize((300, 225)).save(folder / f"{i}.jpg", quality=90)
        dataset = open_folder(root, val_fraction=0.0, test_fraction=0.0)
        clear_cache()
        start = time.perf_counter()
        run_to_end(load_split(dataset, "train", (SIZE, SIZE)))
        return dataset.split_size("train") / (time.perf_counter() - start)


def preview_figures(repeats: int) -> None:
    image = np.random.default_rng(0).integers(0, 256, (SIZE, SIZE, 3), dtype=np.uint8)
    strong = AUGMENT_PRESETS["strong"]
    torchvision_strong = v2.Compose(
        [
            v2.RandomAffine(
                degrees=strong.rotation_range,
                translate=(strong.width_shift_range, strong.height_shift_range),
                scale=(1 - strong.zoom_range, 1 + strong.zoom_range),
                shear=strong.shear_range,
            ),
            v2.RandomHorizontalFlip(),
            v2.RandomVerticalFlip(),
            v2.ColorJitter(strong.brightness, strong.contrast, strong.saturation),
            v2.RandomErasing(strong.random_erasing),
        ]
    )
    chw = torch.from_numpy(image).permute(2, 0, 1).contiguous()

    def ours() -> None:
        preview(image, strong, count=16)

    def theirs() -> None:
        torch.stack([torchvision_strong(chw) for _ in range(16)])

    best = {}
    for name, work in (("ours", ours), ("torchvision", theirs)):
        work()  # warm up
        best[name] = math.inf
        for _ in range(repeats):
            start = time.perf_counter()
            work()
            best[name] = min(best[name], time.perf_counter() - start)
    print(f"augmentation preview: 16 copies of one {SIZE}px image, 'strong' preset, best of {repeats}")
    print(f"  preview (one batched warp)            {best['ours'] * 1e3:8.1f} ms")
    print(
        f"  torchvision v2, per image              {best['torchvision'] * 1e3:8.1f} ms"
        f"   preview / torchvision = {best['ours'] / best['torchvision']:.2f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--steps", type=int, default=8)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--preview-only", action="store_true")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)  # this process's own setting, once at start-up
    preview_figures(args.repeats)
    if args.preview_only:
        return
    x, y, _ = run_to_end(load_split(demo_dataset(), "train", (SIZE, SIZE)))
    train = training_rate(x, y, args.steps)
    cached = cached_loader_rate(x, 40)
    decoded = decode_rate(x)
    print(f"small convnet {SIZE}px, batch {BATCH}, {args.threads} threads")
    print(f"  training steps                        {train:8.1f} img/s")
    print(
        f"  loader, cached + book augmentation    {cached:8.1f} img/s   = {cached / train:5.1f}x training (goal >= 3)"
    )
    print(
        f"  loader, first epoch (decode 300x225 JPEG, resize) {decoded:8.1f} img/s   = {decoded / train:5.1f}x training"
    )


if __name__ == "__main__":
    main()
