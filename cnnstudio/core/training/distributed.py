"""Training in several processes under ``torchrun``: DistributedDataParallel, sharded data, reduced metrics.

``torchrun --nproc-per-node=N -m cnnstudio train ...`` starts N copies of the command with RANK,
WORLD_SIZE and LOCAL_RANK (and the rendezvous address) in their environment. `session` sees them,
joins the process group (gloo for CPU tensors, NCCL for CUDA ones, each process on GPU LOCAL_RANK
of its node) and leaves it when the command ends, however it ends. Without that environment (or with
one process) nothing here does anything, and a run is exactly what it is in one process.

What changes in a distributed run, all through the functions below that `fit`, `train` and `resume` call:

* Data: every process draws the same epoch order from the run's own shuffle generator (same seed,
  same state: `DistributedSampler`'s ``set_epoch`` semantics) and trains on its share of it
  (`shard_order`: padded to a multiple of the processes, then every WORLD_SIZE-th image from RANK, as
  `DistributedSampler` does), so each step trains on ``batch_size`` × WORLD_SIZE images. Streamed
  splits are sharded the same way: each process decodes only its own images. Validation is split
  without padding (`validation_shard`), so every image counts once.
* Gradients are averaged by `DistributedDataParallel` (`wrap`); buffers (batch-norm statistics) are
  taken from the first process before each validation (`sync_buffers`).
* Metrics: each step's loss, correct count and images are summed over the processes
  (`batch_totals`), and so are validation's (`reduce_totals`): every process sees the same numbers,
  so all take the same decisions (divergence, best epoch, early stopping, the schedule), and the
  history holds the figures for all the images.
* Files: only the first process (rank 0) writes the run folder and prints; the others hold what
  they would write in memory (`MemoryFolder`: the best weights, for restoring them) and write no file.
  Random generators stay in step on every process, so rank 0's checkpoint continues every process exactly.
"""

from __future__ import annotations

import contextlib
import math
import os
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import torch
import torch.distributed as dist
from torch import nn

from ..data.streaming import StreamedSplit
from ..errors import UserError
from ..messages import Message, msg
from ..runs import BEST, RunFolder

__all__ = [
    "Distributed",
    "MemoryFolder",
    "batch_totals",
    "check_device",
    "check_new_run",
    "current",
    "from_environment",
    "is_writer",
    "open_run_folder",
    "reduce_totals",
    "session",
    "shard_order",
    "shard_size",
    "sync_buffers",
    "validation_shard",
    "wrap",
]


@dataclass(frozen=True)
class Distributed:
    """This process's place in a distributed run."""

    rank: int
    world_size: int
    local_rank: int

    @property
    def backend(self) -> str:
        """gloo for CPU tensors, and NCCL for CUDA tensors where there is CUDA."""
        return "cpu:gloo,cuda:nccl" if torch.cuda.is_available() else "gloo"

    def started(self) -> Message:
        """What rank 0 says first: how many processes, and what the batch size means now."""
        return msg("distributed.started", processes=self.world_size, backend=self.backend)


def from_environment(env: Mapping[str, str] | None = None) -> Distributed | None:
    """The distributed run torchrun's variables describe, or None (no torchrun, or a single process)."""
    env = os.environ if env is None else env
    if "WORLD_SIZE" not in env:
        return None
    numbers = {}
    for name in ("RANK", "WORLD_SIZE", "LOCAL_RANK"):
        value = env.get(name, "0")
        try:
            numbers[name] = int(value)
        except ValueError:
            raise UserError(msg("distributed.bad_variable", name=name, value=value)) from None
    world = numbers["WORLD_SIZE"]
    if world <= 1:
        return None
    if not 0 <= numbers["RANK"] < world:
        raise UserError(msg("distributed.bad_variable", name="RANK", value=env.get("RANK", "")))
    return Distributed(numbers["RANK"], world, numbers["LOCAL_RANK"])


@contextlib.contextmanager
def session(env: Mapping[str, str] | None = None) -> Iterator[Distributed | None]:
    """Join the process group torchrun describes for the duration of the block (None: not distributed).

    The group is destroyed when the block ends, also on an error or an interruption."""
    here = from_environment(env)
    if here is None:
        yield None
        return
    if not dist.is_available():
        raise UserError(msg("distributed.unavailable"))
    if torch.cuda.is_available() and here.local_rank < torch.cuda.device_count():
        torch.cuda.set_device(here.local_rank)  # "cuda" now means this process's own GPU (see `check_device`)
    dist.init_process_group(backend=here.backend, rank=here.rank, world_size=here.world_size)
    try:
        yield here
    finally:
        dist.destroy_process_group()


def current() -> Distributed | None:
    """The distributed run this process is part of now (inside `session`), or None."""
    if not (dist.is_available() and dist.is_initialized()):
        return None
    world = dist.get_world_size()
    if world <= 1:
        return None
    local = int(os.environ.get("LOCAL_RANK", "0") or 0)
    return Distributed(dist.get_rank(), world, local)


def is_writer() -> bool:
    """Whether this process writes files and prints: always, but in a distributed run only rank 0."""
    here = current()
    return here is None or here.rank == 0


def shard_size(n: int) -> int:
    """The training images each process takes per epoch out of `n` (all of them in one process)."""
    here = current()
    return n if here is None else math.ceil(n / here.world_size)


def shard_order(order: torch.Tensor) -> torch.Tensor:
    """This process's share of an epoch's `order`, as `DistributedSampler` (drop_last False) takes it:
    the order padded with its own first images to a multiple of the processes, then every
    WORLD_SIZE-th position from RANK. Every process gets as many images, so as many steps."""
    here = current()
    if here is None:
        return order
    total = shard_size(len(order)) * here.world_size
    padded = order
    while len(padded) < total:  # several rounds only when there are fewer images than processes
        padded = torch.cat([padded, order[: total - len(padded)]])
    return padded[here.rank : total : here.world_size]


def validation_shard(x: torch.Tensor | StreamedSplit, y: torch.Tensor) -> tuple[Any, torch.Tensor]:
    """This process's share of a validation split: every WORLD_SIZE-th image from RANK, no padding,
    so that summing over the processes (`reduce_totals`) counts each image once."""
    here = current()
    if here is None:
        return x, y
    step, rank = here.world_size, here.rank
    if isinstance(x, StreamedSplit):
        return StreamedSplit(x.split, x.paths[rank::step], x.labels[rank::step], x.size, x.channels), y[rank::step]
    return x[rank::step], y[rank::step]


def _all_sum(values: list[float], device: torch.device) -> list[float]:
    totals = torch.tensor(values, dtype=torch.float64, device=device)
    dist.all_reduce(totals)
    return totals.tolist()


def batch_totals(loss: torch.Tensor, correct: torch.Tensor, size: int) -> tuple[float, int, int]:
    """A step's (mean loss, images, correct predictions) over every process (this one's alone when not
    distributed). One small all-reduce per step: the same numbers everywhere, so the same decisions."""
    if current() is None:
        return loss.item(), size, int(correct)
    loss_sum, images, right = _all_sum([loss.item() * size, float(size), float(correct)], loss.device)
    return loss_sum / max(images, 1.0), int(images), int(right)


def reduce_totals(loss_sum: float, correct: int, seen: int, device: torch.device) -> tuple[float, int, int]:
    """Validation's (loss sum, correct, images) summed over the processes (unchanged in one process)."""
    if current() is None:
        return loss_sum, correct, seen
    loss_sum, right, images = _all_sum([loss_sum, float(correct), float(seen)], device)
    return loss_sum, int(right), int(images)


def sync_buffers(model: nn.Module) -> None:
    """Give every process rank 0's buffers (batch-norm statistics), so all validate the same model."""
    if current() is None:
        return
    for buffer in model.buffers():
        dist.broadcast(buffer, 0)


def wrap(model: nn.Module) -> nn.Module:
    """The model to train with: wrapped in `DistributedDataParallel` (gradients averaged over the
    processes) in a distributed run, else the model itself. Wrap after freezing: DDP syncs what trains."""
    if current() is None or not any(p.requires_grad for p in model.parameters()):
        return model
    from torch.nn.parallel import DistributedDataParallel

    device = next(model.parameters()).device
    return DistributedDataParallel(model, device_ids=[device.index] if device.type == "cuda" else None)


def check_device(device: torch.device) -> None:
    """Refuse a device a distributed run cannot train on: MPS, or CUDA without a GPU for this process."""
    here = current()
    if here is None:
        return
    if device.type not in ("cpu", "cuda"):
        raise UserError(msg("distributed.device", device=device.type))
    if device.type == "cuda" and here.local_rank >= torch.cuda.device_count():
        raise UserError(msg("distributed.no_gpu_for_rank", local_rank=here.local_rank, gpus=torch.cuda.device_count()))


def check_new_run(run_dir: str | os.PathLike[str], config: Any, device: torch.device) -> None:
    """Before anything is loaded: refuse what a distributed run cannot do, and let rank 0 alone check
    the run folder (the others would race it creating the folder)."""
    check_device(device)
    here = current()
    if here is not None and getattr(config, "cached_features", False):
        raise UserError(msg("distributed.cached_features", processes=here.world_size))
    if here is None or here.rank == 0:
        RunFolder.check_new(run_dir)


def open_run_folder(open_folder: Callable[[], RunFolder], path: str | os.PathLike[str]) -> RunFolder:
    """The run folder: opened (created or claimed) by rank 0, and a `MemoryFolder` on the other ranks."""
    return open_folder() if is_writer() else MemoryFolder(Path(path).expanduser())


class MemoryFolder(RunFolder):
    """A run folder for the ranks that write nothing: reads come from the disk (a continued run's
    config and weights), writes stay in memory (weights) or are dropped (config, history, status)."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        super().__init__(path)
        self.weights: dict[str, dict[str, torch.Tensor]] = {}

    def write_config(self, config: dict[str, Any]) -> None:
        pass

    def write_history(self, rows: list[dict[str, Any]]) -> None:
        pass

    def write_status(self, status: dict[str, Any]) -> None:
        pass

    def record_status(self, status: dict[str, Any]) -> bool:
        return True

    def save_weights(self, name: str, state_dict: dict[str, torch.Tensor], metadata=None) -> None:
        self.weights[name] = {key: value.detach().to("cpu", copy=True) for key, value in state_dict.items()}

    def load_weights(self, name: str = BEST) -> dict[str, torch.Tensor]:
        if name in self.weights:
            return {key: value.clone() for key, value in self.weights[name].items()}
        return super().load_weights(name)  # written by rank 0 before this process started (a continued run)

    def release(self) -> None:
        pass

    def remove(self) -> None:
        pass

    def sweep(self) -> int:
        return 0
