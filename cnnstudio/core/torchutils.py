"""Small context managers for what jobs borrow from a model and must give back.

A job that evaluates, summarises or explains a model switches it to eval mode, registers hooks or
changes `requires_grad`; each of those is restored in ``finally`` here, once, so no caller forgets
(leaked hooks are the most reported pytorch-grad-cam bug) and modules whose modes differ, such as
frozen BatchNorm blocks inside a fine-tuned model, come back exactly as they were.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import torch
from torch import nn
from torch.utils.hooks import RemovableHandle

__all__ = ["eval_mode", "removing", "seeded_generator"]


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
