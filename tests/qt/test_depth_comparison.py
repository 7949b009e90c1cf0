"""The Pretrained tab's "Cut after" combo and its depth comparison dialog (issue 9, item 5)."""

from __future__ import annotations

import math

import pytest

from cnnstudio.core.pretrained import package_weights_path
from tests.helpers import make_stripes_folder

pytestmark = pytest.mark.skipif(package_weights_path() is None, reason="EfficientNet-Lite0 weights not installed")


def test_the_cut_combo_lists_the_blocks_with_their_channels_and_changes_the_config(window, qtbot):
    panel = window.model_dock.pretrained
    panel.enabled.setChecked(True)
    qtbot.waitUntil(lambda: panel.cut.count() > 1, timeout=30_000)
    assert panel.cut.itemData(0) == "" and window.session.config.cut_after == ""
    index = panel.cut.findData("stage4")
    assert "80 channels" in panel.cut.itemText(index)
    panel.cut.setCurrentIndex(index)
    assert window.session.config.cut_after == "stage4"
    assert [panel.blocks.item(i).text().split()[0] for i in range(panel.blocks.count())] == [
        "stem",
        "stage1",
        "stage2",
        "stage3",
        "stage4",
    ]  # only the blocks the cut base keeps can be unfrozen
    panel.cut.setCurrentIndex(0)
    assert window.session.config.cut_after == "" and panel.blocks.count() == 9


def test_compare_depths_plots_one_point_per_cut_on_the_open_dataset(window, qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("CNNSTUDIO_CACHE", str(tmp_path / "cache"))
    root = make_stripes_folder(tmp_path / "stripes", per_class=8, size=32)
    with qtbot.waitSignal(window.session.dataset_changed, timeout=20_000):
        window.open_dataset(str(root))
    panel = window.model_dock.pretrained
    panel.enabled.setChecked(True)
    window.session.update_config(image_size=32, epochs=2, batch_size=8, head_units=8, threads=1)
    assert panel.compare_button.isEnabled()
    panel.compare_button.click()
    dialog = panel.depth_dialog
    with qtbot.waitSignal(dialog.compared, timeout=120_000) as done:
        pass
    rows = done.args[0]
    assert [r.block for r in rows] == ["stage2", "stage4", "stage6", "head"]
    xs, ys = dialog.curve.getData()
    assert list(xs) == [3, 5, 7, 9] and len(ys) == 4 and all(math.isfinite(y) for y in ys)
    assert dialog.table.rowCount() == 4 and dialog.table.item(3, 0).text() == "head"
    assert dialog.table.item(3, 1).text() == "1,280"
    assert not dialog.stop_button.isEnabled()
    dialog.reject()


def test_stop_ends_the_comparison(window, qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("CNNSTUDIO_CACHE", str(tmp_path / "cache"))
    panel = window.model_dock.pretrained
    panel.enabled.setChecked(True)
    window.session.update_config(image_size=32, epochs=50, batch_size=8, head_units=8, threads=1)
    panel.compare_button.click()
    dialog = panel.depth_dialog
    qtbot.waitUntil(lambda: dialog.progress.value() > 0, timeout=60_000)
    with qtbot.waitSignal(dialog.runner.job_ended, timeout=30_000):
        dialog.stop_button.click()
    assert dialog.rows == [] and dialog.status.text().startswith("Stopped")
    dialog.reject()
