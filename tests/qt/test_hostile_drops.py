"""Zero-byte and non-image files dropped on everything that takes drops (issue 12).

The Classify and Augmentation docks, the Gallery's class list and the main window each say what is
wrong in words (no traceback, no exception in a slot: pytest-qt fails on those) and stay usable.
"""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image
from PySide6.QtWidgets import QMessageBox

from cnnstudio.core.events import Failed
from tests.helpers import make_stripes_folder
from tests.qt.test_datasets_gui import drop

# name → bytes; both carry an image extension, so they get past the drag filter to the loader.
BAD_IMAGES = {
    "empty.png": (b"", "is an empty file"),
    "letter.jpg": (b"Dear user,\nthis is not a photo.\n", "is not an image"),
}


def bad_file(tmp_path, name: str):
    path = tmp_path / "drops" / name
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(BAD_IMAGES[name][0])
    return path


def good_image(tmp_path, name: str = "good.png", shape=(30, 40, 3)):
    path = tmp_path / "drops" / name
    path.parent.mkdir(exist_ok=True)
    Image.fromarray(np.full(shape, 120, np.uint8)).save(path)
    return path


def other_files(tmp_path):
    """Files the drag filters refuse outright: no image extension. (A folder dropped on a dock goes on to
    the window, which opens it as a dataset: by design.)"""
    folder = tmp_path / "drops"
    folder.mkdir(exist_ok=True)
    (folder / "notes.txt").write_text("hello")
    (folder / "README").write_bytes(b"")
    return [folder / "notes.txt", folder / "README"]


def readable(text: str, name: str, says: str) -> bool:
    return name in text and says in text and "Traceback" not in text and "Error:" not in text


@pytest.mark.parametrize("name", list(BAD_IMAGES))
def test_a_bad_file_dropped_on_the_classify_dock_is_named_and_explained(window, qtbot, tmp_path, name):
    dock = window.classify_dock
    dock.raise_()
    with qtbot.waitSignal(dock.runner.job_ended, timeout=20_000) as ended:
        event = drop(dock, [bad_file(tmp_path, name)])
    assert event.isAccepted() and isinstance(ended.args[0], Failed)
    assert dock.status.text().startswith("Cannot classify:")
    assert readable(dock.status.text(), name, BAD_IMAGES[name][1]), dock.status.text()
    assert dock.last_result == [] and [label.text() for label in dock.labels] == [""] * 5


def test_the_classify_dock_refuses_other_drops_and_still_classifies_afterwards(window, qtbot, tmp_path):
    dock = window.classify_dock
    dock.raise_()
    before = dock.status.text()
    with qtbot.assertNotEmitted(dock.runner.job_started):
        events = [drop(dock, [path]) for path in other_files(tmp_path)]
    assert not any(event.isAccepted() for event in events) and dock.status.text() == before
    with qtbot.waitSignal(dock.runner.job_ended, timeout=20_000):
        drop(dock, [bad_file(tmp_path, "empty.png")])
    with qtbot.waitSignal(dock.classified, timeout=60_000) as done:
        drop(dock, [good_image(tmp_path)])
    assert len(done.args[0]) == 5 and dock.status.text() == "good.png"


@pytest.mark.parametrize("name", list(BAD_IMAGES))
def test_a_bad_file_dropped_on_the_augmentation_dock_is_named_and_explained(window, qtbot, tmp_path, name):
    dock = window.augment_dock
    dock.raise_()
    qtbot.waitUntil(lambda: dock.last_preview is not None, timeout=20_000)  # the demo image's preview
    path = bad_file(tmp_path, name)
    event = drop(dock, [path])
    assert event.isAccepted()
    qtbot.waitUntil(lambda: dock.preview_status.text() != "", timeout=20_000)
    text = dock.preview_status.text()
    assert text.startswith("Cannot preview this image:") and readable(text, name, BAD_IMAGES[name][1]), text
    # Still usable: a good image dropped next is previewed and the message goes.
    with qtbot.waitSignal(dock.preview_updated, timeout=20_000):
        drop(dock, [good_image(tmp_path, shape=(30, 40, 3))])
    assert dock.last_preview.shape[1:3] == (30, 40) and dock.preview_status.text() == ""


def test_the_augmentation_dock_refuses_other_drops(window, qtbot, tmp_path):
    dock = window.augment_dock
    dock.raise_()
    qtbot.waitUntil(lambda: dock.last_preview is not None, timeout=20_000)
    with qtbot.assertNotEmitted(dock.runner.job_started, wait=300):  # well past the preview's debounce
        events = [drop(dock, [path]) for path in other_files(tmp_path)]
    assert not any(event.isAccepted() for event in events)
    qtbot.wait(300)
    assert dock.preview_status.text() == "" and not dock.runner.is_running


@pytest.fixture
def stripes(window, qtbot, tmp_path):
    root = make_stripes_folder(tmp_path / "stripes", per_class=4)
    with qtbot.waitSignal(window.session.dataset_changed, timeout=20_000):
        window.open_dataset(str(root))
    return root


def test_a_zero_byte_file_dropped_on_a_class_is_refused_with_a_message(window, qtbot, tmp_path, monkeypatch, stripes):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    classes = window.gallery_dock.classes
    with qtbot.waitSignal(window.session.copier.job_ended, timeout=20_000) as ended:
        drop(classes.viewport(), [bad_file(tmp_path, "empty.png")], classes.visualItemRect(classes.item(1)).center())
    assert isinstance(ended.args[0], Failed)
    boxes = [b for b in window.findChildren(QMessageBox, "errorBox") if b.isVisible()]
    assert len(boxes) == 1 and readable(boxes[0].text(), "empty.png", "empty file"), boxes[0].text()
    boxes[0].close()
    assert not (stripes / "horizontal" / "empty.png").exists()
    # Still usable: a good image dropped next is copied.
    with qtbot.waitSignal(window.session.dataset_changed, timeout=20_000) as changed:
        drop(classes.viewport(), [good_image(tmp_path)], classes.visualItemRect(classes.item(1)).center())
    assert changed.args[0].total_images() == 9 and (stripes / "horizontal" / "good.png").exists()


def test_other_files_dropped_on_a_class_are_not_offered(window, qtbot, tmp_path, monkeypatch, stripes):
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a) or QMessageBox.StandardButton.Yes)
    classes = window.gallery_dock.classes
    with qtbot.assertNotEmitted(window.session.copier.job_started):
        for path in other_files(tmp_path):
            drop(classes.viewport(), [path], classes.visualItemRect(classes.item(1)).center())
    assert asked == [] and sorted(p.name for p in (stripes / "horizontal").iterdir()) == [
        f"horizontal_{i:03d}.png" for i in range(4)
    ]


def test_files_dropped_on_the_window_are_ignored(window, qtbot, tmp_path):
    dataset = window.session.dataset
    files = [bad_file(tmp_path, name) for name in BAD_IMAGES] + [good_image(tmp_path)]
    with qtbot.assertNotEmitted(window.session.scanner.job_started):
        events = [drop(window, [path]) for path in files]
    assert not any(event.isAccepted() for event in events) and window.session.dataset is dataset


def test_a_dropped_folder_of_bad_files_is_refused_with_a_message_and_the_window_opens_the_next(window, qtbot, tmp_path):
    folder = tmp_path / "junk"
    for label in ("cats", "dogs"):
        (folder / label).mkdir(parents=True)
        (folder / label / "empty.png").write_bytes(b"")
        (folder / label / "letter.jpg").write_bytes(BAD_IMAGES["letter.jpg"][0])
    dataset = window.session.dataset
    with qtbot.waitSignal(window.session.scanner.job_ended, timeout=20_000) as ended:
        assert drop(window, [folder]).isAccepted()
    assert isinstance(ended.args[0], Failed)
    qtbot.waitUntil(lambda: any(b.isVisible() for b in window.findChildren(QMessageBox, "errorBox")))
    boxes = [b for b in window.findChildren(QMessageBox, "errorBox") if b.isVisible()]
    assert len(boxes) == 1 and "junk" in boxes[0].text() and "Traceback" not in boxes[0].text(), boxes[0].text()
    boxes[0].close()
    assert window.session.dataset is dataset  # the dataset shown before stays
    root = make_stripes_folder(tmp_path / "stripes", per_class=4)
    with qtbot.waitSignal(window.session.dataset_changed, timeout=20_000) as changed:
        drop(window, [root])
    assert changed.args[0].class_names == ("horizontal", "vertical")
