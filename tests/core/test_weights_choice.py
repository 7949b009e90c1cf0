"""Which weights of a run a view uses: the choices a run folder offers, their labels, and that the choice
is what prediction and the visualisations load."""

from __future__ import annotations

import json

import pytest
import torch

from cnnstudio.core.events import Event
from cnnstudio.core.predict import classify, load_run
from cnnstudio.core.runs import BEST, CHECKPOINT, LAST, RunFolder, run_weights_file, weights_choices
from cnnstudio.core.visualize import cached_subject, open_subject
from tests.helpers import add_best_and_last, write_model_run

CAT = "cnnstudio/resources/samples/chelsea.jpg"


def _result(gen):
    try:
        while True:
            assert isinstance(next(gen), Event)
    except StopIteration as stop:
        return stop.value


def test_a_trained_run_offers_its_best_epoch_first_then_its_last(tmp_path):
    run = add_best_and_last(write_model_run(tmp_path / "run"), best_epoch=2, last_epoch=4)
    best, last = weights_choices(run)
    assert (best.name, best.file, best.epoch, best.value) == ("best", BEST, 2, pytest.approx(0.5))
    assert (last.name, last.file, last.epoch) == ("last", LAST, 4)
    assert str(best.label) == "best (epoch 2, validation loss 0.500)"
    assert str(last.label) == "last (epoch 4)"


def test_the_best_label_names_the_metric_the_run_monitors(tmp_path):
    run = add_best_and_last(write_model_run(tmp_path / "run"), best_epoch=3, last_epoch=5, monitor="val_accuracy")
    assert str(weights_choices(run)[0].label) == "best (epoch 3, validation accuracy 30.0%)"


def test_best_and_last_of_the_same_epoch_are_one_choice(tmp_path):
    run = add_best_and_last(write_model_run(tmp_path / "run"), best_epoch=4, last_epoch=4)
    (only,) = weights_choices(run)
    assert only.file == BEST and only.also_last
    assert str(only.label) == "best and last (epoch 4, validation loss 0.250)"


def test_a_folder_without_records_still_offers_its_weights(tmp_path):
    run = write_model_run(tmp_path / "run")  # best.safetensors only, no metadata, status or history
    (only,) = weights_choices(run)
    assert (only.name, only.epoch) == ("best", None)
    assert str(only.label) == "best (by val_loss)"
    (run / "history.jsonl").write_text("not json\n", encoding="utf-8")
    (run / "status.json").write_text("[1, 2]", encoding="utf-8")
    assert [c.name for c in weights_choices(run)] == ["best"]
    assert weights_choices(tmp_path / "nothing-here") == []


def test_the_epoch_comes_from_status_when_the_file_does_not_record_it(tmp_path):
    run = write_model_run(tmp_path / "run")
    (run / "status.json").write_text(json.dumps({"best_epoch": 7, "monitor": "val_loss"}), encoding="utf-8")
    assert weights_choices(run)[0].epoch == 7


def test_run_weights_file_names_the_file_of_a_choice_and_refuses_other_names(tmp_path):
    run = add_best_and_last(write_model_run(tmp_path / "run"), best_epoch=2, last_epoch=4)
    assert run_weights_file(run, "best") == BEST and run_weights_file(run, "last") == LAST
    same = add_best_and_last(write_model_run(tmp_path / "same"), best_epoch=4, last_epoch=4)
    assert run_weights_file(same, "last") == BEST  # one choice, best and last
    with pytest.raises(ValueError):
        run_weights_file(run, "epoch-3")


def test_a_run_that_restored_its_best_weights_offers_the_last_epoch_from_its_checkpoint(tmp_path):
    from cnnstudio.core.training.checkpoint import save_checkpoint

    run = add_best_and_last(write_model_run(tmp_path / "run"), best_epoch=2, last_epoch=4)
    folder = RunFolder(run)
    last_epoch_weights = folder.load_weights(LAST)
    save_checkpoint(folder, {"model": last_epoch_weights, "state": {"epoch": 4}})
    folder.save_weights(LAST, folder.load_weights(BEST), {"epoch": "2"})  # what restore_best leaves
    best, last = weights_choices(run)
    assert (best.epoch, best.also_last, last.file, last.epoch) == (2, False, CHECKPOINT, 4)
    assert str(best.label) == "best (epoch 2, validation loss 0.500)" and str(last.label) == "last (epoch 4)"
    assert run_weights_file(run, "last") == CHECKPOINT
    loaded = load_run(run, CHECKPOINT).model.state_dict()
    assert all(torch.equal(loaded[k], last_epoch_weights[k]) for k in loaded)

    (run / CHECKPOINT).unlink()  # without it, nothing holds the last epoch's weights: only best is offered
    (only,) = weights_choices(run)
    assert (only.name, only.epoch, only.also_last) == ("best", 2, False)


def test_a_trained_run_labels_its_weights_with_the_epochs_it_recorded(tmp_path):
    from cnnstudio.core.data import open_folder
    from cnnstudio.core.training import TrainConfig, train
    from tests.helpers import make_stripes_folder

    dataset = open_folder(make_stripes_folder(tmp_path / "stripes", per_class=8, size=16), seed=0)
    layers = [{"type": "Conv2D", "filters": 4, "kernel_size": 3}, {"type": "Flatten"}, {"type": "Dense", "units": 4}]
    config = TrainConfig(model="custom", layers=layers, image_size=16, epochs=3, batch_size=8, seed=1)
    result = _result(train(dataset, config, tmp_path / "run"))
    choices = weights_choices(result.run_dir)
    assert choices[0].name == "best" and choices[0].epoch == result.best_epoch
    assert choices[0].value == pytest.approx(result.val_loss)
    if result.best_epoch == 3:
        assert len(choices) == 1 and choices[0].also_last
    else:
        assert [c.name for c in choices] == ["best", "last"] and choices[1].epoch == 3


def test_the_choice_is_what_prediction_and_the_visualisations_load(tmp_path):
    run = add_best_and_last(write_model_run(tmp_path / "run"))
    best_state, last_state = load_run(run, BEST).model.state_dict(), load_run(run, LAST).model.state_dict()
    assert any(not torch.equal(best_state[k], last_state[k]) for k in best_state)

    by_best = _result(classify([CAT], run_dir=run))[0]["top"]
    by_last = _result(classify([CAT], run_dir=run, weights=LAST))[0]["top"]
    assert by_best == _result(classify([CAT], run_dir=run, weights=BEST))[0]["top"]
    assert by_best[0]["probability"] != pytest.approx(by_last[0]["probability"], abs=1e-6)

    best, last = cached_subject(run_dir=run), cached_subject(run_dir=run, weights=LAST)
    assert best is cached_subject(run_dir=run, weights=BEST) and last is not best
    assert best.key != last.key
    with torch.no_grad():
        x = best.prepare(CAT)
        assert not torch.allclose(best.model(x), last.model(x))
        assert torch.allclose(open_subject(run_dir=run, weights=LAST).model(x), last.model(x))
