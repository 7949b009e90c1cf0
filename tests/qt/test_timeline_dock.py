"""The Timeline dock: a run's probes per epoch, the slider picks the epoch, it follows the live run."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from cnnstudio.core.data import open_folder
from cnnstudio.core.events import EpochEnd, Finished, RunStarted
from cnnstudio.core.jobs import drive
from cnnstudio.core.training import TrainConfig, train
from cnnstudio.core.training.probes import AUTO, probe_overlay, read_timeline
from cnnstudio.qt.docks.timeline import CELL_SIDE, TimelineDock
from cnnstudio.qt.widgets.images import to_pixmap
from tests.helpers import make_stripes_folder

LAYERS = [
    {"type": "Conv2D", "filters": 4, "kernel_size": 3},
    {"type": "MaxPooling2D"},
    {"type": "Conv2D", "filters": 6, "kernel_size": 3},
    {"type": "Flatten"},
    {"type": "Dense", "units": 8},
]


@pytest.fixture(scope="module")
def probed_run(tmp_path_factory):
    root = tmp_path_factory.mktemp("timeline")
    dataset = open_folder(make_stripes_folder(root / "data", per_class=10), seed=0)
    config = TrainConfig(model="custom", layers=LAYERS, image_size=24, epochs=3, batch_size=8, learning_rate=1e-2,
                         probes=[AUTO])  # fmt: skip
    events = list(drive(train(dataset, config, root / "run")))
    assert isinstance(events[-1], Finished)
    return root / "run"


def image_bytes(label) -> bytes:
    image = label.pixmap().toImage()
    return bytes(image.constBits())


@pytest.fixture
def dock(qtbot):
    widget = TimelineDock()
    qtbot.addWidget(widget)
    widget.resize(700, 700)
    widget.show()
    return widget


def test_the_slider_changes_the_shown_epoch(dock, qtbot, probed_run):
    dock.show_run(str(probed_run))
    qtbot.waitUntil(lambda: dock.timeline is not None, timeout=10000)
    assert dock.epoch == 3 and dock.slider.isEnabled()  # the last epoch first
    assert len(dock.cells) == 2 and "3 of 3" in dock.epoch_label.text()
    timeline = read_timeline(probed_run)
    last = [image_bytes(image) for image, _ in dock.cells]
    dock.slider.setValue(1)
    assert dock.epoch == 1 and "1 of 3" in dock.epoch_label.text()
    assert dock.epoch_line.value() == 1
    frame = timeline.frame(1)
    for i, (image, _) in enumerate(dock.cells):  # epoch 1's maps over the probes, not epoch 3's
        expected = to_pixmap(probe_overlay(timeline.probes[i], frame.top1_maps[i], CELL_SIDE)).toImage()
        assert image_bytes(image) == bytes(expected.constBits())
    assert [image_bytes(image) for image, _ in dock.cells] != last
    for i, (_, caption) in enumerate(dock.cells):
        name = timeline.class_names[int(frame.top1[i])]
        assert name in caption.text()
        right = int(frame.top1[i]) == timeline.probes[i].label
        assert caption.text().startswith("✓" if right else "✗")
    assert list(dock.train_curve.getData()[0]) == [1, 2, 3]


def test_play_steps_through_the_epochs(dock, qtbot, probed_run):
    dock.show_run(str(probed_run))
    qtbot.waitUntil(lambda: dock.timeline is not None, timeout=10000)
    dock.player.setInterval(10)
    qtbot.mouseClick(dock.play_button, Qt.MouseButton.LeftButton)  # at the end: starts over from epoch 1
    seen = []
    dock.slider.valueChanged.connect(seen.append)
    qtbot.waitUntil(lambda: not dock.player.isActive(), timeout=5000)
    assert seen == [2, 3] and dock.epoch == 3


def test_a_run_without_probes_says_how_to_get_them(dock, qtbot, tmp_path):
    dock.show_run(str(tmp_path))
    qtbot.waitUntil(lambda: "--probes auto" in dock.status.text(), timeout=10000)
    assert dock.cells == [] and not dock.slider.isEnabled()


def test_it_follows_the_live_run_and_a_loaded_run_fills_it(window, qtbot, probed_run):
    dock = window.timeline_dock
    started = RunStarted(str(probed_run), 3, 3, 16, 2, ("horizontal", "vertical"), "cpu", 100)
    window.session.trainer.event_received.emit(started)
    assert dock.timeline is None and dock.run_dir == str(probed_run)
    window.session.trainer.event_received.emit(EpochEnd(3, 3, 0.5, 0.8, 0.6, 0.7, True, 1.0, 10.0))
    qtbot.waitUntil(lambda: dock.timeline is not None, timeout=10000)
    assert dock.epoch == 3
    dock.follow_event(RunStarted(str(probed_run.parent), 3, 3, 16, 2, ("a", "b"), "cpu", 100))
    assert dock.timeline is None and dock.cells == []
    dock._live_dir = ""  # the run ended
    window.runs_dock.load_requested.emit(str(probed_run))
    qtbot.waitUntil(lambda: dock.timeline is not None and len(dock.cells) == 2, timeout=10000)
    assert dock.run_label.text() == f"Run: {probed_run.name}" and dock.windowTitle() == "Timeline"  # short tab


def test_the_training_dock_sets_the_probe_images(window):
    picker = window.training_dock.probes
    assert window.session.config.probes == ["auto"] and picker.value() == ["auto"]  # the GUI's default
    assert not picker.choose_button.isVisibleTo(window)
    picker.use_files([f"/images/{i}.png" for i in range(10)])
    assert window.session.config.probes == [f"/images/{i}.png" for i in range(8)]  # at most 8
    assert picker.choose_button.isVisibleTo(window) and "8" in picker.choice.currentText()
    picker.choice.setCurrentIndex(picker.choice.findData("none"))
    assert window.session.config.probes == []
    window.training_dock.show_config(window.session.config)
    assert picker.choice.currentData() == "none"
