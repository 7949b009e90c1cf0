from __future__ import annotations

import numpy as np
from PIL import Image
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDoubleSpinBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
)

from cnnstudio.core.data.augment import AUGMENT_PRESETS
from cnnstudio.core.events import Failed
from tests.helpers import make_stripes_folder


def drop(widget, paths, pos: QPoint | None = None) -> QDropEvent:
    """Simulate a file manager's drag: enter, move to `pos`, drop (Qt delivers a drop only after an enter)."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    point = QPointF(pos if pos is not None else widget.rect().center())
    args = (Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, QDragEnterEvent(point.toPoint(), *args))
    QApplication.sendEvent(widget, QDragMoveEvent(point.toPoint(), *args))
    event = QDropEvent(point, *args)
    QApplication.sendEvent(widget, event)
    return event


def test_dropping_a_folder_on_the_window_opens_it_as_the_dataset(window, qtbot, tmp_path):
    root = make_stripes_folder(tmp_path / "stripes", per_class=6)
    with qtbot.waitSignal(window.session.dataset_changed, timeout=20_000) as changed:
        drop(window, [root])
    assert changed.args[0].class_names == ("horizontal", "vertical")
    qtbot.waitUntil(lambda: window.gallery_dock.model.rowCount() == 12)


def test_the_scan_runs_in_the_background_while_the_window_keeps_working(window, qtbot, tmp_path):
    root = make_stripes_folder(tmp_path / "many", per_class=300, size=16)
    ticks = []
    from PySide6.QtCore import QTimer

    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(window.session.scanner.is_running))
    timer.start(1)
    with qtbot.waitSignal(window.session.dataset_changed, timeout=60_000):
        window.open_dataset(str(root))
        assert window.session.scanner.is_running  # returned at once; the scan goes on
    timer.stop()
    assert any(ticks)  # the event loop ran while the scan was still going


def test_dropping_images_on_a_class_copies_them_after_confirmation(window, qtbot, tmp_path, monkeypatch):
    root = make_stripes_folder(tmp_path / "stripes", per_class=6)
    with qtbot.waitSignal(window.session.dataset_changed, timeout=20_000):
        window.open_dataset(str(root))
    new = tmp_path / "incoming" / "fresh.png"
    new.parent.mkdir()
    Image.fromarray(np.zeros((24, 24, 3), np.uint8)).save(new)
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Yes)
    classes = window.gallery_dock.classes
    item = classes.item(2)  # "vertical (6)"
    assert item.data(Qt.ItemDataRole.UserRole) == "vertical"
    with qtbot.waitSignal(window.session.dataset_changed, timeout=20_000) as changed:
        event = drop(classes.viewport(), [new], classes.visualItemRect(item).center())
        assert window.session.copier.is_running  # the copy runs in the background
    assert event.isAccepted() and "vertical" in asked[0]
    assert (root / "vertical" / "fresh.png").exists() and new.exists()
    assert changed.args[0].total_images() == 13
    assert "Copied 1 image(s) into vertical." in window.log_dock.text()


def test_a_dropped_file_that_is_no_image_is_refused_with_a_message(window, qtbot, tmp_path, monkeypatch):
    root = make_stripes_folder(tmp_path / "stripes", per_class=4)
    with qtbot.waitSignal(window.session.dataset_changed, timeout=20_000):
        window.open_dataset(str(root))
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"not an image")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    classes = window.gallery_dock.classes
    with qtbot.waitSignal(window.session.copier.job_ended, timeout=20_000) as ended:
        drop(classes.viewport(), [broken], classes.visualItemRect(classes.item(1)).center())
    assert isinstance(ended.args[0], Failed)
    boxes = [b for b in window.findChildren(QMessageBox, "errorBox") if b.isVisible()]
    assert len(boxes) == 1 and "broken.png" in boxes[0].text()
    boxes[0].close()
    assert not (root / "horizontal" / "broken.png").exists()


def test_declining_the_confirmation_copies_nothing(window, qtbot, tmp_path, monkeypatch):
    root = make_stripes_folder(tmp_path / "stripes", per_class=4)
    with qtbot.waitSignal(window.session.dataset_changed, timeout=20_000):
        window.open_dataset(str(root))
    new = tmp_path / "fresh.png"
    Image.fromarray(np.zeros((24, 24, 3), np.uint8)).save(new)
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.No)
    classes = window.gallery_dock.classes
    with qtbot.assertNotEmitted(window.session.copier.job_started):
        event = drop(classes.viewport(), [new], classes.visualItemRect(classes.item(1)).center())
    assert event.isAccepted() and len(asked) == 1 and "horizontal" in asked[0]  # the drop arrived and was offered
    assert not (root / "horizontal" / "fresh.png").exists()
    assert sorted(p.name for p in (root / "horizontal").iterdir()) == [f"horizontal_{i:03d}.png" for i in range(4)]


def test_gallery_thumbnails_load_lazily_in_the_background(window, qtbot):
    window.gallery_dock.raise_()
    model = window.gallery_dock.model
    qtbot.waitUntil(lambda: model.rowCount() == window.session.dataset.total_images())
    qtbot.waitUntil(lambda: model.loaded_count() > 0, timeout=20_000)
    assert model.loaded_count() < model.rowCount()  # only what was looked at
    qtbot.waitUntil(lambda: not model.loader.is_running, timeout=20_000)


def test_choosing_the_book_preset_updates_the_config_and_a_reproducible_preview(window, qtbot):
    dock = window.augment_dock
    dock.raise_()
    # the window's first preview (preset None) first, so that the signal waited for is the Book preview's
    qtbot.waitUntil(lambda: dock.last_preview is not None and not dock.runner.is_running, timeout=20_000)
    with qtbot.waitSignal(dock.preview_updated, timeout=20_000):
        dock.preset.setCurrentIndex(dock.preset.findData("book"))
    assert window.session.config.augment == AUGMENT_PRESETS["book"].to_dict()
    first, seed = dock.last_preview.copy(), dock.preview_seed
    with qtbot.waitSignal(dock.preview_updated, timeout=20_000):
        dock.reseed_button.click()
    assert not np.array_equal(first, dock.last_preview)
    with qtbot.waitSignal(dock.preview_updated, timeout=20_000):
        dock.set_preview_seed(seed)
    assert np.array_equal(first, dock.last_preview)


def test_editing_a_control_makes_the_preset_custom(window, qtbot):
    dock = window.augment_dock
    dock.preset.setCurrentIndex(dock.preset.findData("book"))
    dock.findChild(QDoubleSpinBox, "augment_rotation_range").setValue(10)
    assert dock.preset.currentData() is None
    assert window.session.config.augment_spec().rotation_range == 10


def test_dropping_an_image_on_the_augmentation_dock_previews_it(window, qtbot, tmp_path):
    dock = window.augment_dock
    dock.raise_()
    path = tmp_path / "photo.png"
    Image.fromarray(np.full((30, 40, 3), 200, np.uint8)).save(path)
    drop(dock, [path])
    # Previews of the demo image may still land first; the dropped image's follows and stays.
    qtbot.waitUntil(lambda: dock.last_preview is not None and dock.last_preview.shape[1:3] == (30, 40))
    with qtbot.waitSignal(window.session.items_listed, timeout=20_000):
        window.session.use_demo_dataset()  # another dataset: the user's image stays
    with qtbot.waitSignal(dock.preview_updated, timeout=20_000):
        dock.reseed_button.click()
    assert dock.last_preview.shape[1:3] == (30, 40)


def test_changing_the_split_ratios_resplits_a_class_folder_dataset(window, qtbot, tmp_path):
    root = make_stripes_folder(tmp_path / "stripes", per_class=10)
    with qtbot.waitSignal(window.session.dataset_changed, timeout=20_000):
        window.open_dataset(str(root))
    dock = window.dataset_dock
    assert dock.val_percent.isEnabled()
    dock.test_percent.setValue(0)
    dock.val_percent.setValue(20)
    assert window.session.dataset.counts()["validation"] == {"horizontal": 2, "vertical": 2}
    assert window.session.dataset.counts()["test"] == {"horizontal": 0, "vertical": 0}


def test_make_subset_dialog_copies_and_opens_the_subset(window, qtbot, tmp_path):
    root = make_stripes_folder(tmp_path / "stripes", per_class=10)
    with qtbot.waitSignal(window.session.dataset_changed, timeout=20_000):
        window.open_dataset(str(root))
    window.findChild(QPushButton, "makeSubsetButton").click()
    dialog = window.findChild(QDialog, "subsetDialog")
    assert dialog.isVisible() and dialog.isModal()
    for split, count in (("train", 3), ("validation", 2), ("test", 1)):
        dialog.findChild(QSpinBox, f"subset_{split}").setValue(count)
    dialog.findChild(QLineEdit, "subsetOutput").setText(str(tmp_path / "subset"))
    with qtbot.waitSignal(window.session.dataset_changed, timeout=30_000) as changed:
        dialog.findChild(QPushButton, "subsetCopyButton").click()
    assert changed.args[0].layout == "split-folders"
    assert changed.args[0].counts()["train"] == {"horizontal": 3, "vertical": 3}


def test_recent_datasets_are_remembered(window, qtbot, tmp_path):
    from cnnstudio.qt import settings as app_settings

    root = make_stripes_folder(tmp_path / "stripes", per_class=4)
    with qtbot.waitSignal(window.session.dataset_changed, timeout=20_000):
        window.open_dataset(str(root))
    assert app_settings.recent_datasets()[0] == str(root.resolve())
    window.recent_menu.aboutToShow.emit()
    assert str(root.resolve()) in [a.text() for a in window.recent_menu.actions()]


def test_make_subset_says_before_copying_when_it_cannot_give_what_was_asked(window, qtbot, tmp_path, monkeypatch):
    root = make_stripes_folder(tmp_path / "stripes", per_class=16)
    with qtbot.waitSignal(window.session.dataset_changed, timeout=20_000):
        window.open_dataset(str(root))
    window.findChild(QPushButton, "makeSubsetButton").click()
    dialog = window.findChild(QDialog, "subsetDialog")
    for split, count in (("train", 12), ("validation", 12), ("test", 12)):
        dialog.findChild(QSpinBox, f"subset_{split}").setValue(count)
    preview = dialog.findChild(QLabel, "subsetPreview").text()
    assert preview.startswith("Will copy 32 images: train 24, validation 8, test 0.")
    assert "horizontal validation: 4 of 12" in preview and "vertical test: 0 of 12" in preview
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.No)
    dialog.findChild(QLineEdit, "subsetOutput").setText(str(tmp_path / "subset"))
    dialog.findChild(QPushButton, "subsetCopyButton").click()
    assert asked and "Will copy 32 images" in asked[0]
    assert dialog.isVisible() and not (tmp_path / "subset").exists()  # answered No: nothing copied
    dialog.findChild(QSpinBox, "subset_validation").setValue(4)
    dialog.findChild(QSpinBox, "subset_test").setValue(0)
    assert "Fewer" not in dialog.findChild(QLabel, "subsetPreview").text()
    dialog.reject()


def test_a_demo_image_opens_large_with_a_title_saying_what_it_is(window, qtbot):
    from PySide6.QtWidgets import QListView

    window.gallery_dock.raise_()
    view = window.findChild(QListView, "galleryView")
    qtbot.waitUntil(lambda: view.model().rowCount() > 0 and view.visualRect(view.model().index(2, 0)).isValid())
    key, label, _split = view.model().item(2)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(view.model().index(2, 0)).center())
    viewer = window.findChild(QDialog, "imageViewer")
    assert viewer is not None and viewer.isVisible()
    number = key.rsplit("/", 1)[-1]
    class_name = window.session.dataset.class_names[label]
    assert viewer.windowTitle() == f"Demo image {number}: {class_name}, train split"
    qtbot.waitUntil(lambda: "×" in viewer.caption.text(), timeout=60_000)  # decoded, its size shown
    viewer.close()


def test_the_class_chart_shows_every_class_at_a_readable_height(window, qtbot):
    dock = window.dataset_dock
    dock.show()
    dock.raise_()
    dock.tabs.setCurrentWidget(dock.chart)
    qtbot.waitUntil(lambda: dock.chart.isVisible())
    assert dock.chart.height() >= 150
    ticks = dock.chart.getAxis("bottom")._tickLevels[0]
    assert [name for _i, name in ticks] == list(window.session.dataset.class_names)  # all four demo classes
