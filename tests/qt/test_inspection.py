"""The shared network and image of the look-inside docks, and the bar that shows and changes them."""

from __future__ import annotations

import os

from PySide6.QtCore import Qt

from cnnstudio.core.visualize import Subject
from cnnstudio.qt.inspection import Inspection, subject_for
from cnnstudio.qt.widgets.subject_bar import SubjectBar
from tests.helpers import write_model_run


def test_two_bars_follow_one_inspection(qtbot, tmp_path):
    inspection = Inspection()
    first, second = SubjectBar(inspection), SubjectBar(inspection)
    qtbot.addWidget(first)
    qtbot.addWidget(second)
    run = write_model_run(tmp_path / "cats-run")
    with qtbot.waitSignal(inspection.network_changed):
        inspection.add_run(str(run), "cats-run")
    assert first.network.currentData() == second.network.currentData() == f"run:{os.path.abspath(run)}"
    assert first.network.itemText(0).endswith("cats-run")
    backbone = second.network.itemData(second.network.count() - 1)
    second.network.setCurrentIndex(second.network.count() - 1)
    assert inspection.network() == backbone and first.network.currentData() == backbone


def test_the_image_row_shows_samples_and_dataset_images(qtbot, tmp_path):
    inspection = Inspection()
    bar = SubjectBar(inspection)
    qtbot.addWidget(bar)
    assert bar.image_name.text() == "chelsea.jpg" and bar.thumbnail.pixmap() is not None
    assert not bar.dataset_button.isEnabled()
    paths = [str(tmp_path / f"{i}.png") for i in range(3)]
    inspection.set_dataset_images(paths)
    assert bar.dataset_button.isEnabled()
    with qtbot.waitSignal(inspection.image_changed):
        qtbot.mouseClick(bar.dataset_button, Qt.MouseButton.LeftButton)
    assert inspection.image() in paths and bar.image_name.text() == os.path.basename(inspection.image())
    astronaut = [path for title, path in inspection.sample_images() if path.endswith("astronaut.jpg")][0]
    bar.samples_button.menu().actions()[1].trigger()
    assert inspection.image() == astronaut


def test_a_network_key_opens_its_subject(tmp_path):
    run = write_model_run(tmp_path / "run", "seed-separable")
    subject = subject_for(f"run:{run}")
    assert isinstance(subject, Subject) and subject.class_names == ["cats", "dogs"]
    assert subject_for(f"run:{run}") is subject  # kept: the next look costs nothing


def test_a_demo_dataset_image_gets_a_thumbnail_and_a_readable_name(qtbot):
    inspection = Inspection()
    bar = SubjectBar(inspection)
    qtbot.addWidget(bar)
    inspection.set_image("demo://validation/2")
    assert bar.image_name.text() == "Demo image validation/2"
    assert not bar.thumbnail.pixmap().isNull()
