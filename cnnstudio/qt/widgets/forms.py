"""The small widgets the docks and dialogs build their forms from: choices, numbers, labels, buttons."""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable, Mapping

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QLabel, QPushButton, QSpinBox, QWidget

__all__ = ["choice_combo", "select_data", "int_spin", "seed_spin", "rate_spin", "wrapped_label", "push_button"]

_NO_CHOICE = object()
SEED_MAX = 2**31 - 1


def choice_combo(
    parent: QWidget,
    object_name: str,
    choices: Mapping[Hashable, str],
    current: object = _NO_CHOICE,
    *,
    tips: Mapping[Hashable, str] | None = None,
) -> QComboBox:
    """A combo box of `choices` ({data: label}, in order), each item's data its key; `current` selected.

    `tips` gives an item's tool tip by its key.
    """
    combo = QComboBox(parent)
    combo.setObjectName(object_name)
    # Long labels may be elided in a narrow dock rather than force the dock (and the window) wider.
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(12)
    for key, label in choices.items():
        combo.addItem(label, key)
        if tips and key in tips:
            combo.setItemData(combo.count() - 1, tips[key], Qt.ItemDataRole.ToolTipRole)
    if current is not _NO_CHOICE:
        select_data(combo, current)
    return combo


def select_data(combo: QComboBox, data: object) -> None:
    """Select the item whose data is `data` (the first item if none is)."""
    combo.setCurrentIndex(max(0, combo.findData(data)))


def int_spin(
    parent: QWidget, object_name: str, low: int, high: int, *, tip: str = "", suffix: str = "", special: str = ""
) -> QSpinBox:
    """A whole-number spin box from `low` to `high`; `special` is shown instead of `low`."""
    spin = QSpinBox(parent)
    spin.setObjectName(object_name)
    spin.setRange(low, high)
    if suffix:
        spin.setSuffix(suffix)
    if special:
        spin.setSpecialValueText(special)
    if tip:
        spin.setToolTip(tip)
    return spin


def seed_spin(parent: QWidget, object_name: str, *, tip: str = "") -> QSpinBox:
    """A random seed: any non-negative 32-bit number."""
    return int_spin(parent, object_name, 0, SEED_MAX, tip=tip)


def rate_spin(parent: QWidget, object_name: str, low: float, high: float, *, tip: str = "") -> QDoubleSpinBox:
    """A learning rate from `low` (a power of ten, 1e-6) to `high`, with as many decimals as `low` needs,
    stepping by the leading digit (0.001 → 0.002, 0.01 → 0.02)."""
    spin = QDoubleSpinBox(parent)
    spin.setObjectName(object_name)
    spin.setDecimals(max(0, -math.floor(math.log10(low))))
    spin.setRange(low, high)
    spin.setStepType(QDoubleSpinBox.StepType.AdaptiveDecimalStepType)
    if tip:
        spin.setToolTip(tip)
    return spin


def wrapped_label(parent: QWidget, object_name: str, text: str = "") -> QLabel:
    """A named label whose text wraps at the widget's width."""
    label = QLabel(text, parent)
    label.setObjectName(object_name)
    label.setWordWrap(True)
    return label


def push_button(
    parent: QWidget, object_name: str, text: str, clicked: Callable[..., object] | None = None
) -> QPushButton:
    """A named push button that calls (or emits) `clicked` when pressed."""
    button = QPushButton(text, parent)
    button.setObjectName(object_name)
    if clicked is not None:
        button.clicked.connect(clicked)
    return button
