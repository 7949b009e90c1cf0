"""Training throughput of the engine against a plain hand-written PyTorch loop, measured side by side.

Same model (the book's small convnet at 150×150, built from the same spec), same in-memory data (the
demo training images resized to 150 px), same batch size and the same number of threads. Runs
alternate engine / baseline several times; each figure is the median images per second over steps
after a warm-up. The goal is engine / plain ≥ 0.95.

The engine uses channels_last memory format; a third column shows a hand-written loop that does the
same, so the ratio says what the engine's own overhead costs, not only what channels_last gains.

    .venv/bin/python bench/train_throughput.py [--steps 24] [--repeats 3] [--image-size 150] [--threads 2]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time

import torch

from cnnstudio.core.data import demo_dataset, load_split
from cnnstudio.core.events import BatchEnd
from cnnstudio.core.models.spec import build_model, preset_spec
from cnnstudio.core.training import TrainConfig, train

WARMUP = 4


def _drain(gen):
    while True:
        try:
            next(gen)
        except StopIteration as stop:
            return stop.value


def engine_rate(config: TrainConfig, steps: int) -> float:
    """Images/s between the engine's BatchEnd events (the consumer's clock: all overhead included)."""
    with tempfile.TemporaryDirectory() as tmp:
        stamps = []
        gen = train(demo_dataset(), config, f"{tmp}/run")
        for event in gen:
            if isinstance(event, BatchEnd):
                stamps.append(time.perf_counter())
                if len(stamps) == WARMUP + steps:
                    gen.close()
                    break
    return config.batch_size * steps / (stamps[-1] - stamps[WARMUP - 1])


def plain_rate(x: torch.Tensor, y: torch.Tensor, config: TrainConfig, steps: int, channels_last: bool) -> float:
    """The loop anyone would write: float conversion, forward, loss, backward, step, loss.item()."""
    torch.manual_seed(config.seed)
    spec = preset_spec(config.model, num_classes=int(y.max()) + 1, image_size=config.image_size)
    model = build_model(spec)
    if channels_last:
        model = model.to(memory_format=torch.channels_last)
    optimizer = torch.optim.RMSprop(model.parameters(), lr=config.learning_rate, alpha=0.9, eps=1e-7)
    loss_fn = torch.nn.CrossEntropyLoss()
    model.train()
    order = torch.randperm(len(x))
    stamps = []
    for step in range(WARMUP + steps):
        idx = order[step * config.batch_size : (step + 1) * config.batch_size]
        xb = x[idx].float() / 255.0
        if channels_last:
            xb = xb.contiguous(memory_format=torch.channels_last)
        loss = loss_fn(model(xb), y[idx])
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        loss.item()
        stamps.append(time.perf_counter())
    return config.batch_size * steps / (stamps[-1] - stamps[WARMUP - 1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=24)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--image-size", type=int, default=150)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    config = TrainConfig(
        model="small-convnet",
        image_size=args.image_size,
        batch_size=args.batch_size,
        epochs=1,
        optimizer="rmsprop",
        learning_rate=1e-4,
        threads=args.threads,
    )
    x, y, _ = _drain(load_split(demo_dataset(), "train", (args.image_size, args.image_size)))
    needed = (WARMUP + args.steps) * args.batch_size
    assert len(x) >= needed, f"need {needed} images, have {len(x)}: lower --steps"
    engine, plain, plain_cl = [], [], []
    for _ in range(args.repeats):
        engine.append(engine_rate(config, args.steps))
        plain.append(plain_rate(x, y, config, args.steps, channels_last=False))
        plain_cl.append(plain_rate(x, y, config, args.steps, channels_last=True))
    e, p, pc = (statistics.median(v) for v in (engine, plain, plain_cl))
    print(
        f"small convnet {args.image_size}px, batch {args.batch_size}, {args.threads} threads, "
        f"{args.steps} steps x {args.repeats} alternating runs (median images/s)"
    )
    print(f"  engine (cnnstudio train)           {e:8.1f} img/s")
    print(f"  plain PyTorch loop                 {p:8.1f} img/s")
    print(f"  plain loop + channels_last         {pc:8.1f} img/s")
    print(f"engine / plain loop              = {e / p:.2f}   (goal >= 0.95)")
    print(f"engine / plain loop+channels_last = {e / pc:.2f}   (the engine's own overhead)")


if __name__ == "__main__":
    main()
