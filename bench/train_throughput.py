"""Training throughput of the engine against a plain hand-written PyTorch loop, measured side by side.

Two cases, as issue 10 asks: the book's small convnet at 150×150 (batch 32) and the MNIST convnet at
28×28 in grey (batch 64), each built from the same spec for every loop, on the same in-memory data
(the demo images resized), with the same optimizer and the same number of threads. Runs alternate
between the loops several times; each figure is the median images per second over steps after a
warm-up (per-step intervals, so the engine's validation pauses between epochs do not count).

Columns: the engine as a user runs it (``precision="auto"``: bfloat16 autocast + channels_last where
the CPU has AMX / AVX512-BF16), the engine in fp32, the plain fp32 loop anyone would write (the
baseline: goal engine auto / plain ≥ 2.0), and the plain loop with channels_last, and with bf16
autocast + channels_last (what the engine's own overhead is measured against).

    .venv/bin/python bench/train_throughput.py [--steps 16] [--repeats 3] [--threads 2] [--only small|mnist]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from contextlib import nullcontext
from dataclasses import replace

import torch

from cnnstudio.core.data import demo_dataset, load_split
from cnnstudio.core.events import BatchEnd, LogMessage
from cnnstudio.core.models.spec import build_model, preset_spec
from cnnstudio.core.training import TrainConfig, train

WARMUP = 4
CASES = {
    "small": dict(
        model="small-convnet", image_size=150, channels=3, batch_size=32, optimizer="rmsprop", learning_rate=1e-4
    ),  # fmt: skip
    "mnist": dict(
        model="mnist-convnet", image_size=28, channels=1, batch_size=64, optimizer="rmsprop", learning_rate=1e-3
    ),  # fmt: skip
}


def _drain(gen):
    while True:
        try:
            next(gen)
        except StopIteration as stop:
            return stop.value


def _rate(stamps: list[float], batch_size: int) -> float:
    """Images/s from the median interval between consecutive steps after the warm-up."""
    intervals = [b - a for a, b in zip(stamps[WARMUP - 1 : -1], stamps[WARMUP:], strict=True)]
    return batch_size / statistics.median(intervals)


def engine_rate(config: TrainConfig, steps: int) -> tuple[float, str]:
    """Images/s between the engine's BatchEnd events (the consumer's clock: all overhead included),
    and the precision the engine chose (its log line)."""
    chosen = ""
    with tempfile.TemporaryDirectory() as tmp:
        stamps: list[float] = []
        gen = train(demo_dataset(), config, f"{tmp}/run")
        for event in gen:
            if isinstance(event, LogMessage) and event.message.id == "precision.chosen":
                chosen = str(event.message)
            if isinstance(event, BatchEnd):
                stamps.append(time.perf_counter())
                if len(stamps) == WARMUP + steps:
                    gen.close()
                    break
    return _rate(stamps, config.batch_size), chosen


def plain_rate(
    x: torch.Tensor, y: torch.Tensor, config: TrainConfig, steps: int, *, channels_last: bool, bf16: bool = False
) -> float:
    """The loop anyone would write: float conversion, forward, loss, backward, step, loss.item()."""
    torch.manual_seed(config.seed)
    spec = preset_spec(config.model, num_classes=int(y.max()) + 1, image_size=config.image_size,
                       channels=config.channels)  # fmt: skip
    model = build_model(spec)
    if channels_last:
        model = model.to(memory_format=torch.channels_last)
    optimizer = torch.optim.RMSprop(model.parameters(), lr=config.learning_rate, alpha=0.9, eps=1e-7)
    loss_fn = torch.nn.CrossEntropyLoss()
    model.train()
    n = len(x)
    order = torch.randperm(n)
    stamps = []
    for step in range(WARMUP + steps):
        idx = order[torch.arange(step * config.batch_size, (step + 1) * config.batch_size) % n]
        xb = x[idx].float() / 255.0
        if channels_last:
            xb = xb.contiguous(memory_format=torch.channels_last)
        with torch.autocast("cpu", dtype=torch.bfloat16) if bf16 else nullcontext():
            loss = loss_fn(model(xb), y[idx])
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        loss.item()
        stamps.append(time.perf_counter())
    return _rate(stamps, config.batch_size)


def run_case(name: str, steps: int, repeats: int, threads: int) -> float:
    settings = CASES[name]
    config = TrainConfig(epochs=100, threads=threads, device="cpu", **settings)
    size = (config.image_size, config.image_size)
    x, y, _ = _drain(load_split(demo_dataset(), "train", size, config.channels))
    columns: dict[str, list[float]] = {k: [] for k in ("auto", "fp32", "plain", "plain_cl", "plain_bf16_cl")}
    chosen = ""
    for _ in range(repeats):
        rate, chosen = engine_rate(config, steps)
        columns["auto"].append(rate)
        columns["fp32"].append(engine_rate(replace(config, precision="fp32"), steps)[0])
        columns["plain"].append(plain_rate(x, y, config, steps, channels_last=False))
        columns["plain_cl"].append(plain_rate(x, y, config, steps, channels_last=True))
        columns["plain_bf16_cl"].append(plain_rate(x, y, config, steps, channels_last=True, bf16=True))
    m = {k: statistics.median(v) for k, v in columns.items()}
    print(
        f"{config.model} {config.image_size}px x{config.channels}, batch {config.batch_size}, {threads} threads, "
        f"{steps} steps x {repeats} alternating runs (median images/s)"
    )
    print(f"  engine, precision auto ({chosen})")
    print(f"  engine (cnnstudio train, auto)     {m['auto']:8.1f} img/s")
    print(f"  engine (cnnstudio train, fp32)     {m['fp32']:8.1f} img/s")
    print(f"  plain PyTorch loop (fp32)          {m['plain']:8.1f} img/s")
    print(f"  plain loop + channels_last         {m['plain_cl']:8.1f} img/s")
    print(f"  plain loop + bf16 + channels_last  {m['plain_bf16_cl']:8.1f} img/s")
    ratio = m["auto"] / m["plain"]
    print(f"engine auto / plain fp32 loop      = {ratio:.2f}   (goal >= 2.0)")
    print(f"engine fp32 / plain fp32 loop      = {m['fp32'] / m['plain']:.2f}")
    print(f"engine auto / plain bf16+cl loop   = {m['auto'] / m['plain_bf16_cl']:.2f}   (the engine's own overhead)")
    return ratio


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=16)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--only", choices=list(CASES), default=None)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    for name in [args.only] if args.only else list(CASES):
        run_case(name, args.steps, args.repeats, args.threads)


if __name__ == "__main__":
    main()
