"""Which weights Classify and the look-inside docks use: said in full, best by default, and the user's pick is
what computes; Classify never shows another network's (or image's) bars."""

from __future__ import annotations

import os

import numpy as np
import pytest

from cnnstudio.core.events import Finished
from cnnstudio.core.jobs import drive
from cnnstudio.core.predict import classify
from cnnstudio.core.runs import LAST
from cnnstudio.qt.docks.activations import ActivationsDock
from cnnstudio.qt.docks.classify import ClassifyDock
from cnnstudio.qt.inspection import Inspection, subject_for
from cnnstudio.qt.resources import resource_path
from cnnstudio.qt.widgets.subject_bar import SubjectBar
from tests.helpers import add_best_and_last, write_model_run

CAT = resource_path("samples", "chelsea.jpg")


@pytest.fixture
def run(tmp_path):
    """A run whose best epoch (2) and last epoch (4) hold different seeded weights."""
    return add_best_and_last(write_model_run(tmp_path / "cats-run", "seed-separable", image_size=32), image_size=32,
                             preset="seed-separable")  # fmt: skip


@pytest.fixture
def dock(qtbot):
    dock = ClassifyDock()
    qtbot.addWidget(dock)
    yield dock
    qtbot.waitUntil(lambda: not dock.runner.is_running, timeout=20_000)


def _classified(qtbot, dock, action):
    with qtbot.waitSignal(dock.classified, timeout=30_000) as done:
        action()
    return done.args[0]


def test_classify_says_which_weights_and_the_pick_is_what_classifies(dock, qtbot, run):
    assert dock.weights.isHidden()  # a pretrained network has one set of weights: nothing to say
    dock.set_run(str(run), "cats-run")
    assert not dock.weights.isHidden() and dock.weights.isEnabled()
    items = [dock.weights.itemText(i) for i in range(dock.weights.count())]
    assert items == ["best (epoch 2, validation loss 0.500)", "last (epoch 4)"]
    assert dock.weights.currentIndex() == 0 and dock.weights_name() == "best"  # best by default, said plainly

    by_best = _classified(qtbot, dock, lambda: dock.classify(CAT))
    by_last = _classified(qtbot, dock, lambda: dock.weights.setCurrentIndex(1))
    rows = list(drive(classify([CAT], run_dir=run, top_k=5, weights=LAST)))[-1].result[0]["top"]
    assert by_last == [(row["class"], row["probability"]) for row in rows]
    assert by_best != by_last
    assert [label.text() for label in dock.labels[:2]] == [name for name, _p in by_last]


def test_classify_drops_the_bars_of_the_previous_network_at_once(dock, qtbot, run, tmp_path):
    fruit = write_model_run(tmp_path / "fruit-run", "seed-separable", class_names=("apples", "pears", "plums"),
                            image_size=32)  # fmt: skip
    dock.set_run(str(run), "cats-run")
    _classified(qtbot, dock, lambda: dock.classify(CAT))
    assert {label.text() for label in dock.labels[:2]} == {"cats", "dogs"}

    with qtbot.waitSignal(dock.classified, timeout=30_000) as done:
        dock.set_run(str(fruit), "fruit-run")
        assert [label.text() for label in dock.labels] == [""] * 5 and dock.last_result == []
        assert all(bar.value() == 0 for bar in dock.bars)
    assert {name for name, _p in done.args[0]} == {"apples", "pears", "plums"}
    assert {label.text() for label in dock.labels[:3]} == {"apples", "pears", "plums"}
    assert [dock.weights.itemText(i) for i in range(dock.weights.count())] == ["best (by val_loss)"]
    assert not dock.weights.isEnabled()  # one set of weights: nothing to pick


def test_a_failed_classification_leaves_no_bars_of_the_image_before(dock, qtbot, run, tmp_path):
    dock.set_run(str(run), "cats-run")
    _classified(qtbot, dock, lambda: dock.classify(CAT))
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(b"not a jpeg at all")
    with qtbot.waitSignal(dock.runner.job_ended, timeout=30_000) as ended:
        dock.classify(str(broken))
    assert not isinstance(ended.args[0], Finished)
    assert [label.text() for label in dock.labels] == [""] * 5 and dock.last_result == []
    assert "Cannot classify" in dock.status.text()


def test_the_look_inside_bar_offers_the_runs_weights_and_every_dock_follows(qtbot, run):
    inspection = Inspection()
    bar = SubjectBar(inspection)
    qtbot.addWidget(bar)
    assert bar.weights.isHidden()
    inspection.add_run(str(run), "cats-run")
    key = f"run:{os.path.abspath(run)}"
    assert inspection.network() == key and inspection.weights() == "best"
    assert not bar.weights.isHidden()
    assert bar.weights.currentText() == "best (epoch 2, validation loss 0.500)"
    with qtbot.waitSignal(inspection.network_changed) as changed:
        bar.weights.setCurrentIndex(1)
    assert changed.args[0] == inspection.network() == f"run@last:{os.path.abspath(run)}"
    assert bar.network.currentData() == key  # the same network, other weights
    best, last = subject_for(key), subject_for(inspection.network())
    x = best.prepare(CAT)
    assert not np.allclose(best.model(x).detach().numpy(), last.model(x).detach().numpy())

    second = SubjectBar(inspection)  # a bar made later shows the choice made
    qtbot.addWidget(second)
    assert second.weights.currentText() == "last (epoch 4)"
    backbone = bar.network.itemData(bar.network.count() - 1)
    inspection.set_network(backbone)
    assert bar.weights.isHidden() and inspection.network() == backbone
    inspection.set_network(key)  # back to the run: the weights chosen for it
    assert inspection.network().startswith("run@last:") and bar.weights.currentText() == "last (epoch 4)"


def test_a_run_added_again_is_looked_at_anew_with_its_best_weights(qtbot, run):
    inspection = Inspection()
    inspection.add_run(str(run), "cats-run")
    inspection.set_weights("last")
    with qtbot.waitSignal(inspection.network_changed) as changed:  # continued: its files changed on disk
        inspection.add_run(str(run), "cats-run")
    assert changed.args[0] == inspection.network() == f"run:{os.path.abspath(run)}"
    with qtbot.waitSignal(inspection.network_changed):
        inspection.add_run(str(run), "cats-run", select=False)


def test_a_renamed_run_keeps_its_chosen_weights(qtbot, run, tmp_path):
    inspection = Inspection()
    inspection.add_run(str(run), "cats-run")
    inspection.set_weights("last")
    renamed = tmp_path / "renamed"
    os.rename(run, renamed)
    inspection.replace_run(str(run), str(renamed), "renamed")
    assert inspection.network() == f"run@last:{os.path.abspath(renamed)}"
    with pytest.raises(ValueError):
        inspection.set_weights("epoch-3")


def test_the_activations_dock_computes_with_the_chosen_weights(qtbot, run):
    inspection = Inspection()
    inspection.add_run(str(run), "cats-run")
    dock = ActivationsDock(inspection)
    qtbot.addWidget(dock)

    def computed():
        with qtbot.waitSignal(dock.runner.job_ended, timeout=30_000) as ended:
            dock.refresh()
        assert isinstance(ended.args[0], Finished)
        return ended.args[0].result

    best = computed()
    inspection.set_weights("last")
    last = computed()
    assert best.network == f"run:{os.path.abspath(run)}" and last.network == f"run@last:{os.path.abspath(run)}"
    assert best.layer == last.layer
    assert not np.allclose(best.result.feature_maps(best.layer), last.result.feature_maps(last.layer))
