"""Mixed precision: which number format a run computes in, per device, and the step that uses it.

A run asks for ``auto``, ``fp32``, ``bf16`` or ``fp16`` (`TrainConfig.precision`); `resolve_precision`
turns that into what this device will do. ``auto`` picks bfloat16 autocast where bfloat16 is fast (a
CPU with AMX or AVX512-BF16, a CUDA GPU of compute capability 8 or more), float16 with a gradient
scaler on older CUDA GPUs (float16's narrow range underflows small gradients without one), and float32
elsewhere (CPUs without bfloat16 units emulate it, slower than float32; MPS stays in float32).

Only the forward pass and the loss run under autocast; weights, gradients and the optimizer's state
stay float32, so a checkpoint is the same whatever the precision. ``fp32`` adds nothing at all: no
autocast context, no scaler, the exact operations of a run without mixed precision (bitwise).

`Amp` is a run's precision in use: `autocast()` around a forward pass, `step(loss, optimizer)` for
the backward pass and the update (through the scaler for float16), and the scaler's state for the
checkpoint, so a continued fp16 run takes up its loss scale where it left off.
"""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from typing import Any

import torch

from ..errors import UserError
from ..messages import Message, msg
from ..torchutils import bf16_is_fast
from .config import PRECISIONS

__all__ = ["PRECISIONS", "Precision", "Amp", "resolve_precision"]

_DTYPES = {"bf16": torch.bfloat16, "fp16": torch.float16}


@dataclass(frozen=True)
class Precision:
    """A run's precision: what it asked for (`requested`) and what this device does (`resolved`)."""

    requested: str
    resolved: str  # "fp32", "bf16" or "fp16"
    device_type: str

    @property
    def dtype(self) -> torch.dtype | None:
        """The autocast type, or None for float32 (no autocast)."""
        return _DTYPES.get(self.resolved)

    @property
    def scaled(self) -> bool:
        """float16 scales the loss so small gradients do not underflow; bfloat16 has float32's range."""
        return self.resolved == "fp16"

    def to_dict(self) -> dict[str, str]:
        return {"requested": self.requested, "resolved": self.resolved}

    def message(self) -> Message:
        """What the log says about the choice."""
        return msg(
            "precision.chosen",
            requested=self.requested,
            resolved=self.resolved,
            device=self.device_type,
            reason=_why(self),
        )


def _why(precision: Precision) -> Message:
    if precision.requested != "auto":
        return msg("precision.why_asked")
    if precision.resolved == "bf16":
        return msg("precision.why_bf16")
    if precision.resolved == "fp16":
        return msg("precision.why_fp16")
    return msg("precision.why_fp32")


def _cuda_capability(device: torch.device) -> tuple[int, int]:
    return torch.cuda.get_device_capability(device)


def resolve_precision(requested: str, device: torch.device | str) -> Precision:
    """What `requested` means on `device` (a `UserError` for a choice the device cannot run)."""
    device = torch.device(device)
    if requested not in PRECISIONS:
        raise UserError(msg("precision.unknown", precision=requested, choices=", ".join(PRECISIONS)))
    if requested == "auto":
        if device.type == "cuda":
            resolved = "bf16" if _cuda_capability(device) >= (8, 0) else "fp16"
        elif device.type == "cpu" and bf16_is_fast(device):
            resolved = "bf16"
        else:
            resolved = "fp32"
        return Precision(requested, resolved, device.type)
    if requested != "fp32" and device.type not in ("cpu", "cuda"):
        raise UserError(msg("precision.not_on_device", precision=requested, device=device.type))
    if requested == "bf16" and device.type == "cuda" and _cuda_capability(device) < (8, 0):
        raise UserError(msg("precision.not_on_device", precision=requested, device=device.type))
    return Precision(requested, requested, device.type)


class Amp:
    """A run's precision in use: the autocast context for forward passes, the (scaled) step, the scaler."""

    def __init__(self, precision: Precision) -> None:
        self.precision = precision
        self.scaler = torch.amp.GradScaler(precision.device_type) if precision.scaled else None

    @classmethod
    def fp32(cls) -> Amp:
        return cls(Precision("fp32", "fp32", "cpu"))

    def autocast(self) -> AbstractContextManager:
        """Autocast around a forward pass and its loss (nothing at all for float32). Never hold it across a yield."""
        dtype = self.precision.dtype
        return nullcontext() if dtype is None else torch.autocast(self.precision.device_type, dtype=dtype)

    def step(self, loss: torch.Tensor, optimizer: torch.optim.Optimizer) -> None:
        """Backward and update: plain for float32 and bfloat16; through the gradient scaler for float16
        (it skips a step whose gradients overflowed and lowers the scale)."""
        if self.scaler is None:
            loss.backward()
            optimizer.step()
            return
        self.scaler.scale(loss).backward()
        self.scaler.step(optimizer)
        self.scaler.update()

    def state_dict(self) -> dict[str, Any]:
        """The scaler's state for the checkpoint (empty without a scaler)."""
        return {} if self.scaler is None else dict(self.scaler.state_dict())

    def load_state_dict(self, state: dict[str, Any] | None) -> None:
        if self.scaler is not None and state:
            self.scaler.load_state_dict(state)
