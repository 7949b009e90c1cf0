"""Small context managers for what jobs borrow from a model and must give back.

A job that evaluates, summarises or explains a model switches it to eval mode, registers hooks or
changes `requires_grad`; each of those is restored in ``finally`` here, once, so no caller forgets
(leaked hooks are the most reported pytorch-grad-cam bug) and modules whose modes differ, such as
frozen BatchNorm blocks inside a fine-tuned model, come back exactly as they were.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext

import torch
from torch import nn
from torch.utils.hooks import RemovableHandle

__all__ = [
    "bf16_is_fast",
    "fast_autocast",
    "configure_threads",
    "keep_freed_memory",
    "eval_mode",
    "removing",
    "seeded_generator",
    "input_preparer",
    "prepare_input",
]


@contextmanager
def eval_mode(model: nn.Module) -> Iterator[nn.Module]:
    """Every module of `model` in eval mode inside the block; each one's own mode restored after."""
    modes = [(module, module.training) for module in model.modules()]
    model.eval()
    try:
        yield model
    finally:
        for module, training in modes:
            module.training = training


@contextmanager
def removing(handles: list[RemovableHandle] | None = None) -> Iterator[list[RemovableHandle]]:
    """A list to put hook handles in; every one is removed when the block ends, whatever happens."""
    held: list[RemovableHandle] = [] if handles is None else handles
    try:
        yield held
    finally:
        for handle in held:
            handle.remove()
        held.clear()


def seeded_generator(seed: int, device: torch.device | str = "cpu") -> torch.Generator:
    """A generator of the run's own: its randomness never touches, or depends on, the global RNG."""
    generator = torch.Generator(device=device)
    generator.manual_seed(int(seed))
    return generator


def prepare_input(
    images: torch.Tensor,
    *,
    mean: tuple[float, ...] | None = None,
    std: tuple[float, ...] | None = None,
    device: torch.device | str = "cpu",
    channels_last: bool = False,
) -> torch.Tensor:
    """A uint8 (N, C, H, W) batch as the float input a model expects, on `device`.

    Scaled to [0, 1] (the book's ``rescale=1./255``), then normalised with a pretrained network's
    `mean` and `std` when given. The one input normalisation of the engine: training, prediction,
    feature extraction and the explanations all prepare images here.
    """
    x = images.to(device, non_blocking=True).float().mul_(1.0 / 255.0)
    if mean is not None and std is not None:
        m = torch.tensor(mean, dtype=x.dtype, device=x.device).view(1, -1, 1, 1)
        s = torch.tensor(std, dtype=x.dtype, device=x.device).view(1, -1, 1, 1)
        x = x.sub_(m).div_(s)
    return x.contiguous(memory_format=torch.channels_last) if channels_last else x


def input_preparer(
    mean: tuple[float, ...] | None = None,
    std: tuple[float, ...] | None = None,
    *,
    device: torch.device | str = "cpu",
    channels_last: bool = False,
):
    """`prepare_input` with its settings bound: ``prepare(uint8_batch) -> float_batch``."""

    def prepare(images: torch.Tensor) -> torch.Tensor:
        return prepare_input(images, mean=mean, std=std, device=device, channels_last=channels_last)

    return prepare


_DEFAULT_THREADS: list[int] = []  # PyTorch's own thread count, before the first change here


def configure_threads(threads: int) -> None:
    """Set PyTorch's CPU threads for the whole process (0: its own default, all cores, also after an
    earlier call set fewer), and keep the memory training frees for its next step (`keep_freed_memory`).

    Thread counts are process-wide, so the app and the CLI set them once, before any job runs; a job
    never changes them while other jobs compute.
    """
    keep_freed_memory()
    if not _DEFAULT_THREADS:
        _DEFAULT_THREADS.append(torch.get_num_threads())
    wanted = threads if threads > 0 else _DEFAULT_THREADS[0]
    if wanted != torch.get_num_threads():
        torch.set_num_threads(wanted)


# glibc's mallopt parameters, and the values set: blocks up to 32 MiB come from the heap (not a mapping of
# their own), and up to 256 MiB of free memory at the heap's top stays there before it is handed back.
_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3
_MMAP_THRESHOLD, _TRIM_THRESHOLD = 32 * 1024 * 1024, 256 * 1024 * 1024


def keep_freed_memory() -> bool:
    """Let freed memory be reused by the next training step instead of going back to the system at once.

    Every step allocates and frees the same activation and gradient buffers. With glibc's defaults the
    larger ones are mapped and unmapped each step, and every page of them faults in again: training the
    MNIST convnet on Fashion-MNIST for 5 epochs took 5.2 million page faults and 12 s of system time in a
    33 s run; with these settings, 0.14 million, under 1 s, and 23–27 s (bench/train_wall.py). The cost
    is that up to 256 MiB of freed memory may stay with the process. glibc only (Linux); elsewhere, and
    where the C library says no, nothing changes. Returns whether the settings took.
    """
    import ctypes
    import ctypes.util
    import sys

    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError):  # not glibc (musl has no mallopt)
        return False
    return bool(mallopt(_M_MMAP_THRESHOLD, _MMAP_THRESHOLD)) and bool(mallopt(_M_TRIM_THRESHOLD, _TRIM_THRESHOLD))


def bf16_is_fast(device: torch.device | str) -> bool:
    """Whether bfloat16 autocast speeds convolutions up on `device`.

    True on a CUDA GPU with bfloat16 and on a CPU with AMX or AVX512-BF16 (where oneDNN runs
    bfloat16 convolutions several times faster than float32); elsewhere bfloat16 is emulated and slower.
    """
    device = torch.device(device)
    if device.type == "cuda":
        return bool(torch.cuda.is_available() and torch.cuda.is_bf16_supported())
    if device.type == "cpu":
        checks = (
            getattr(torch.cpu, "_is_amx_tile_supported", None),
            getattr(torch.cpu, "_is_avx512_bf16_supported", None),
        )
        return any(bool(check()) for check in checks if check is not None)
    return False


def fast_autocast(device: torch.device | str, enabled: bool = True) -> AbstractContextManager:
    """bfloat16 autocast on `device` where it is fast (`bf16_is_fast`) and `enabled`; otherwise nothing."""
    device = torch.device(device)
    if enabled and bf16_is_fast(device):
        return torch.autocast(device.type, dtype=torch.bfloat16)
    return nullcontext()
