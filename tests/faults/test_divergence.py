"""A loss that explodes while staying finite ends the run as failed, with the learning-rate hint."""

from __future__ import annotations

import pytest

from cnnstudio.core.data import open_folder
from cnnstudio.core.events import EpochEnd, Failed, Finished
from cnnstudio.core.jobs import drive
from cnnstudio.core.training import TrainConfig, train
from cnnstudio.core.training.fit import EXPLODED_STREAK, LossWatch
from tests.helpers import make_stripes_folder


@pytest.fixture(scope="module")
def stripes(tmp_path_factory):
    # 24 px images, 8 per batch: an epoch has more batches than the streak, so it is caught in epoch 1.
    return open_folder(make_stripes_folder(tmp_path_factory.mktemp("stripes"), per_class=160), seed=0)


def config(**changes) -> TrainConfig:
    values = dict(model="seed-separable", image_size=24, epochs=2, batch_size=8, seed=0, threads=1)
    return TrainConfig(**{**values, **changes})


def test_adam_at_a_huge_learning_rate_fails_with_the_exploded_loss_not_finished(stripes, tmp_path):
    events = list(drive(train(stripes, config(optimizer="adam", learning_rate=1e3), tmp_path / "run")))
    failure = events[-1]
    assert isinstance(failure, Failed), failure
    assert failure.reason.id == "training.loss_exploded"
    reason = str(failure.reason)
    assert "median" in reason and "learning rate" in reason and "try 100" in reason
    assert not any(isinstance(e, (Finished, EpochEnd)) for e in events)  # no epoch kept, none "best"
    assert not (tmp_path / "run").exists()


def test_a_normal_run_is_not_stopped(stripes, tmp_path):
    events = list(drive(train(stripes, config(optimizer="rmsprop", learning_rate=3e-3), tmp_path / "run")))
    assert isinstance(events[-1], Finished), events[-1]


def test_the_watch_needs_a_streak_and_exploding_losses_never_lift_its_median():
    watch = LossWatch()
    for loss in (0.7, 0.69, 0.71):
        assert not watch.exploded(loss, first_epoch=True)
    for _ in range(EXPLODED_STREAK - 1):
        assert not watch.exploded(1e27, first_epoch=True)
    assert watch.reference == pytest.approx(0.7)  # the exploding losses stayed out of the reference
    assert not watch.exploded(0.0, first_epoch=True)  # one ordinary batch breaks the streak
    for _ in range(EXPLODED_STREAK - 1):
        assert not watch.exploded(80.0, first_epoch=False)
    assert watch.exploded(80.0, first_epoch=False)


def test_a_model_that_already_fits_is_not_failed_for_ordinary_losses():
    watch = LossWatch()
    for _ in range(10):
        watch.exploded(0.0, first_epoch=True)  # a median of 0 counts as the floor, not as 0
    assert not any(watch.exploded(0.5, first_epoch=False) for _ in range(3 * EXPLODED_STREAK))


def test_an_epoch_that_ends_inside_an_exploding_streak_is_never_the_best():
    """A streak of exploding batches that straddles an epoch's end: that epoch's weights are already going wrong."""
    from cnnstudio.core.training.fit import FitState

    state = FitState(epochs_total=3, steps_per_epoch=10)
    watch = state.loss_watch
    for loss in (1.0, 0.9, 1.1, 0.8):
        watch.exploded(loss, first_epoch=True)
    assert state.may_be_best(0.5)  # a calm epoch that improves is the best
    state.best_value = 0.5
    for _ in range(EXPLODED_STREAK - 5):  # exploding, but not yet long enough to stop the run
        assert not watch.exploded(1e9, first_epoch=False)
    assert watch.streak > 0
    assert not state.may_be_best(0.1)  # better metrics, but inside the streak: not kept as best
    watch.exploded(0.7, first_epoch=False)  # the loss comes back: the streak ends
    assert state.may_be_best(0.1) and not state.may_be_best(0.6)
