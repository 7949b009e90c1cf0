"""The Curves' axes. An x axis that counts epochs: fractions of an epoch while the view spans one or two,
whole epochs after; and a y axis whose labels never overlap.

pyqtgraph's own axis picks "nice" steps for any number and rescales with an SI prefix, so during the
first epoch (batches at 0.001…1) it read "epoch (x0.001)" with ticks 50…400. This one never rescales:
within a short span it steps by a tenth, a quarter or a half epoch, and from three epochs on by whole epochs
(1, 2, 5, 10, … as the plot's width allows).

pyqtgraph also labels at least two of its major steps on any axis, however short: a plot squeezed to 40 px
(the Curves under a picked Activations tab at 1280×800) read "0.8 0.6 0.4 0.2" in one smudge. `ValueAxis`
widens the step until its labels fit.
"""

from __future__ import annotations

import math

import pyqtgraph as pg

__all__ = ["EpochAxis", "ValueAxis", "epoch_ticks", "nice_ceiling", "value_tick_step"]

_FRACTIONS = (0.1, 0.25, 0.5)
_MIN_PIXELS_PER_TICK = 48
_MIN_PIXELS_PER_LABEL = 24  # on a y axis: a line of text and a gap


def _whole_steps(scale: float = 1):
    while True:
        for step in (1, 2, 5):
            yield step * scale
        scale *= 10


def epoch_tick_step(span: float, pixels: float) -> float:
    """The distance between two ticks for a view `span` epochs wide drawn over `pixels` pixels."""
    most = max(2.0, pixels / _MIN_PIXELS_PER_TICK)
    if span < 3:  # the first epochs: their batches are fractions of an epoch
        for step in _FRACTIONS:
            if span / step <= most:
                return step
    for step in _whole_steps():
        if span / step <= most:
            return float(step)
    raise AssertionError("unreachable")  # pragma: no cover


def epoch_ticks(low: float, high: float, pixels: float) -> list[float]:
    """The tick positions between `low` and `high` epochs (see `epoch_tick_step`)."""
    low, high = sorted((low, high))
    step = epoch_tick_step(high - low, pixels)
    first = math.ceil(low / step - 1e-9)
    last = math.floor(high / step + 1e-9)
    return [round(i * step, 6) for i in range(first, last + 1)]


def value_tick_step(span: float, pixels: float, step: float) -> float:
    """`step` (pyqtgraph's choice, 1, 2 or 5 × 10ⁿ), or the next of those wider steps whose labels fit
    `pixels` for a view `span` high; at least one gap between two labels stays."""
    most = max(2.0, pixels / _MIN_PIXELS_PER_LABEL)
    scale = 10.0 ** math.floor(math.log10(step))
    for candidate in _whole_steps(scale):
        if candidate >= step * (1 - 1e-9) and span / candidate <= most:
            return candidate
    raise AssertionError("unreachable")  # pragma: no cover


def nice_ceiling(value: float) -> float:
    """The smallest of 1, 1.5, 2, 3, 4, 5, 6, 8 times a power of ten that is at least `value` (> 0): a plot's top
    that changes only now and then as the data grow."""
    power = 10.0 ** math.floor(math.log10(value))
    return next(m * power for m in (1, 1.5, 2, 3, 4, 5, 6, 8, 10) if m * power >= value * (1 - 1e-12))


def _epoch_text(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


class EpochAxis(pg.AxisItem):
    """A bottom axis in epochs (see the module's text); no SI prefix, one level of ticks."""

    def __init__(self, orientation: str = "bottom", **kwargs) -> None:
        super().__init__(orientation, **kwargs)
        self.enableAutoSIPrefix(False)

    def tickValues(self, minVal: float, maxVal: float, size: float):  # noqa: N802, N803 - pyqtgraph's names
        if not (math.isfinite(minVal) and math.isfinite(maxVal)) or maxVal == minVal:
            return []
        values = epoch_ticks(minVal, maxVal, size)
        step = values[1] - values[0] if len(values) > 1 else 1.0
        return [(step, values)]

    def tickStrings(self, values, scale, spacing):  # noqa: N802 - pyqtgraph's name
        return [_epoch_text(v) for v in values]


class ValueAxis(pg.AxisItem):
    """A left axis without SI prefix whose labels never overlap (see the module's text)."""

    def __init__(self, orientation: str = "left", **kwargs) -> None:
        super().__init__(orientation, **kwargs)
        self.enableAutoSIPrefix(False)

    def tickSpacing(self, minVal: float, maxVal: float, size: float):  # noqa: N802, N803 - pyqtgraph's names
        levels = super().tickSpacing(minVal, maxVal, size)
        if not levels or not (math.isfinite(minVal) and math.isfinite(maxVal)) or size <= 0:
            return levels
        major = levels[0][0]
        wider = value_tick_step(abs(maxVal - minVal), size, major)
        return levels if wider == major else [(wider, 0)]
