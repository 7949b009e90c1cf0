"""The output rule, once: one sigmoid unit for two classes (the book's cats vs dogs), else softmax.

Every model the app builds (presets, custom stacks, heads on pretrained bases) and everything that
reads their logits (training's loss and accuracy, prediction, explanations) goes through these, so a
single-logit model is handled the same everywhere: its "other" class is the negated logit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import torch

__all__ = ["output_units", "output_activation", "class_probabilities"]


def output_units(num_classes: int, *, sigmoid_for_two: bool = True) -> int:
    """How many logits a classifier of `num_classes` has: 1 for two classes with `sigmoid_for_two`."""
    if num_classes < 2:
        raise ValueError(f"a classifier needs at least two classes, got {num_classes}")
    return 1 if (num_classes == 2 and sigmoid_for_two) else num_classes


def output_activation(units: int) -> str:
    """ "sigmoid" for a single logit, else "softmax"."""
    return "sigmoid" if units == 1 else "softmax"


def class_probabilities(logits: torch.Tensor, activation: str) -> torch.Tensor:
    """Class probabilities (N, classes) from logits (N, units); a single sigmoid logit gives two columns."""
    import torch  # here, not at the top: the model editor imports this module before PyTorch is in

    if activation == "sigmoid" and logits.shape[1] == 1:
        p = torch.sigmoid(logits)
        return torch.cat([1 - p, p], dim=1)
    return torch.softmax(logits, dim=1)
