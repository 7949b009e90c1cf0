"""Zero-byte and non-image files dropped on the docks added since the first hostile-drop tests (issue 12).

The look-inside docks (Activations, Heatmap, Convolution) and the Evaluation dock take dropped images:
each says what is wrong with the file in words, keeps working, and shows the next good image.
"""

from __future__ import annotations

import pytest

from tests.qt.test_datasets_gui import drop
from tests.qt.test_hostile_drops import BAD_IMAGES, bad_file, good_image, readable


def _status_of(dock) -> str:
    labels = [dock.status] if hasattr(dock, "status") else []
    return " ".join(label.text() for label in labels)


@pytest.mark.parametrize("name", list(BAD_IMAGES))
@pytest.mark.parametrize("which", ["activations_dock", "heatmap_dock"])
def test_a_bad_file_dropped_on_a_look_inside_dock_is_named_and_explained(window, qtbot, tmp_path, name, which):
    dock = getattr(window.look_inside, which)
    dock.show()
    dock.raise_()
    qtbot.waitUntil(lambda: not dock.runner.is_running, timeout=60_000)
    path = bad_file(tmp_path, name)
    drop(dock, [path])
    says = BAD_IMAGES[name][1]
    qtbot.waitUntil(lambda: readable(_status_of(dock), path.name, says), timeout=60_000)
    good = good_image(tmp_path)
    drop(dock, [good])
    qtbot.waitUntil(lambda: not dock.runner.is_running and path.name not in _status_of(dock), timeout=60_000)
    assert window.look_inside.inspection.image() == str(good)


@pytest.mark.parametrize("name", list(BAD_IMAGES))
def test_a_bad_file_dropped_on_the_evaluation_dock_gets_a_reason_not_bars(window, qtbot, tmp_path, name):
    from tests.helpers import write_model_run

    dock = window.evaluation_dock
    run = write_model_run(tmp_path / "run", "seed-separable", image_size=24)
    dock.add_run(str(run), "run")
    dock.show()
    dock.raise_()
    path = bad_file(tmp_path, name)
    with qtbot.waitSignal(dock.top_classes.shown, timeout=60_000) as shown:
        drop(dock, [path, good_image(tmp_path)])
    text = dock.top_classes.label.text()
    assert readable(text, path.name, BAD_IMAGES[name][1]) and "Left out" in text
    assert [p.endswith("good.png") for p, _top in shown.args[0]] == [True]  # the good image still gets its bars
