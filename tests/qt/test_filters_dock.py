"""The Filters dock: frames stream into the grid during a run, Stop cancels, a click shows the top dataset patches."""

from __future__ import annotations

import os

import numpy as np
from PIL import Image

from cnnstudio.core.events import Finished
from cnnstudio.qt.docks.filters import FiltersDock
from cnnstudio.qt.inspection import Inspection
from tests.helpers import write_model_run


def _dock(qtbot, tmp_path) -> tuple[FiltersDock, Inspection]:
    inspection = Inspection()
    dock = FiltersDock(inspection)
    qtbot.addWidget(dock)
    run = write_model_run(tmp_path / "run", "tinyvgg", image_size=32)
    inspection.add_run(str(run), "tiny")  # before showing: the dock reads this network's layers only
    dock.resize(500, 900)
    dock.show()
    qtbot.waitUntil(lambda: dock.layer.count() > 0, timeout=10_000)
    return dock, inspection


def test_a_run_streams_frames_into_the_grid_and_shows_top_patches(qtbot, tmp_path):
    dock, inspection = _dock(qtbot, tmp_path)
    assert dock.windowTitle() == "Filters" and dock.objectName() == "filtersDock"
    assert [dock.layer.itemData(i) for i in range(dock.layer.count())][:2] == ["conv2d", "conv2d_1"]
    assert dock.kernels.grid is not None and len(dock.kernels.grid.cells) == 10  # tinyvgg's 10 first kernels
    dock.layer.setCurrentIndex(1)
    dock.steps.setValue(30)
    dock.count.setValue(6)
    steps_drawn: list[int] = []
    dock.patterns_shown.connect(steps_drawn.append)
    with qtbot.waitSignal(dock.runner.job_ended, timeout=20_000) as ended:
        dock.start_button.click()
    assert isinstance(ended.args[0], Finished)
    assert steps_drawn[-1] == 30 and len(steps_drawn) >= 2  # frames while it ran, then the final grid
    assert len(dock.grid.grid.cells) == 6 and not dock.grid.pixmap().isNull()
    final = dock.grid.grid.image.copy()

    # another layer clears the grid; back to this one shows the kept result at once
    dock.layer.setCurrentIndex(0)
    assert dock.grid.grid is None
    dock.layer.setCurrentIndex(1)
    assert np.array_equal(dock.grid.grid.image, final)

    # no dataset yet: the dock says so; with one, a click on tile 2 shows its top 9 patches
    dock.select_filter(2)
    assert "dataset" in dock.patches_status.text()
    rng = np.random.default_rng(0)
    paths = []
    for i in range(12):
        path = os.path.join(tmp_path, f"img{i}.png")
        Image.fromarray(rng.integers(0, 256, (32, 32, 3), dtype=np.uint8)).save(path)
        paths.append(path)
    with qtbot.waitSignal(dock.patch_runner.job_ended, timeout=20_000) as ended:
        inspection.set_dataset_images(paths)  # the selected filter is searched again
    assert isinstance(ended.args[0], Finished) and ended.args[0].result.filter == 2
    assert len(dock.patches.grid.cells) == 9

    # a click on the grid picks the tile under the mouse
    x, y, w, h = dock.grid.grid.cells[4]
    shown = dock.grid.pixmap()
    scale = shown.width() / dock.grid.grid.image.shape[1]
    left, top = (dock.grid.width() - shown.width()) / 2, (dock.grid.height() - shown.height()) / 2
    assert dock.grid.tile_at(left + (x + w / 2) * scale, top + (y + h / 2) * scale) == 4


def test_stop_cancels_the_ascent(qtbot, tmp_path):
    dock, _ = _dock(qtbot, tmp_path)
    dock.mode.setCurrentIndex(dock.mode.findData("robust"))
    assert dock.step_size.value() == 0.05
    dock.steps.setValue(2000)
    dock.start_button.click()
    qtbot.waitUntil(lambda: dock.progress.value() >= 2, timeout=10_000)
    with qtbot.waitSignal(dock.runner.job_ended, timeout=10_000) as ended:
        dock.stop_button.click()
    assert type(ended.args[0]).__name__ == "Cancelled"
    assert dock.start_button.isEnabled() and not dock.stop_button.isEnabled()
    assert dock.progress.value() == 0  # nothing runs: the bar is empty again
    assert "Stopped" in dock.status.text()
