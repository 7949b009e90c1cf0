"""The Training dock's precision setting: every choice listed with a tip, and the choice reaches the config."""

from __future__ import annotations

from PySide6.QtCore import Qt

from cnnstudio.core.training import PRECISIONS, TrainConfig


def test_the_precision_choice_is_listed_explained_and_reaches_the_sessions_config(window, qtbot):
    dock = window.training_dock
    qtbot.mouseClick(dock.more_button, Qt.MouseButton.LeftButton)
    assert dock.precision.isVisible() and dock.precision.toolTip()
    assert [dock.precision.itemData(i) for i in range(dock.precision.count())] == list(PRECISIONS)
    assert dock.precision.currentData() == "auto" == window.session.config.precision
    dock.precision.setCurrentIndex(dock.precision.findData("fp32"))
    assert window.session.config.precision == "fp32"
    with qtbot.assertNotEmitted(dock.changed):
        dock.show_config(TrainConfig(precision="bf16"))
    assert dock.precision.currentData() == "bf16" and dock.settings()["precision"] == "bf16"
