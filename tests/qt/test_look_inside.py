"""The look-inside docks in the window: they compute only when seen, and follow the rest of the window."""

from __future__ import annotations

from cnnstudio.core.events import Finished
from cnnstudio.qt.resources import resource_path


def _busy(window) -> list[str]:
    docks = window.look_inside.docks
    return [
        runner.job_name
        for dock in docks
        for runner in dock.findChildren(type(window.classify_dock.runner))
        if runner.is_running
    ]


def test_docks_behind_other_tabs_compute_nothing_until_their_tab_is_picked(window, qtbot):
    qtbot.wait(200)
    assert _busy(window) == []  # the window opens on the curves: no heatmap computed for nobody
    heatmap = window.look_inside.heatmap_dock
    with qtbot.waitSignal(heatmap.runner.job_ended, timeout=60_000) as ended:
        heatmap.raise_()
    assert isinstance(ended.args[0], Finished)
    assert heatmap.view is not None and heatmap.view.result.target.name == "Egyptian cat"


def test_an_image_given_to_classify_is_the_one_looked_inside(window, qtbot):
    area = window.classify_dock.image
    area.resize(area.width() + 40, area.height() + 30)  # as when the window or a splitter is resized
    assert area.text() == "Drop a photo here" and area.pixmap().isNull()  # the hint stays until a photo comes
    astronaut = resource_path("samples", "astronaut.jpg")
    with qtbot.waitSignal(window.classify_dock.runner.job_ended, timeout=60_000):
        window.classify_dock.image_dropped(astronaut)
    assert window.look_inside.inspection.image() == astronaut
    assert not area.pixmap().isNull()


def test_look_inside_from_the_gallery_viewer_shows_the_activations_of_that_image(window, qtbot):
    qtbot.waitUntil(lambda: window.session.items is not None, timeout=20_000)
    key = window.session.items[0][0]
    assert window.look_inside.inspection.dataset_images()[0] == key
    window.gallery_dock.inspect_requested.emit(key)  # "Look inside" in the gallery's image viewer
    dock = window.look_inside.activations_dock
    assert window.look_inside.inspection.image() == key
    qtbot.waitUntil(lambda: dock.view is not None, timeout=60_000)
    assert dock.is_on_screen()
