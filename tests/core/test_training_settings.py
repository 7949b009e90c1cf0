"""The training settings: each optimizer and schedule, early stopping, best by the monitored metric."""

from __future__ import annotations

import json
import socket

import pytest
import torch
from safetensors import safe_open

from cnnstudio.core.data import open_folder
from cnnstudio.core.errors import UserError
from cnnstudio.core.events import Finished, LogMessage
from cnnstudio.core.jobs import drive
from cnnstudio.core.runs import RunFolder
from cnnstudio.core.training import (
    OPTIMIZERS,
    TrainConfig,
    available_devices,
    load_checkpoint,
    make_optimizer,
    resolve_device,
    resume,
    train,
)
from tests.helpers import make_stripes_folder


@pytest.fixture(scope="module")
def stripes(tmp_path_factory):
    return open_folder(make_stripes_folder(tmp_path_factory.mktemp("stripes"), per_class=12), seed=0)


def config(**changes) -> TrainConfig:
    values = dict(model="seed-separable", image_size=24, epochs=2, batch_size=8, optimizer="rmsprop", seed=0)
    values.update(changes)
    return TrainConfig(**values)


def run(stripes, path, **changes) -> list:
    events = list(drive(train(stripes, config(**changes), path)))
    assert isinstance(events[-1], Finished), events[-1]
    return events


LEARNING_RATES = {"sgd": 0.05, "adam": 3e-3, "adamw": 3e-3, "rmsprop": 3e-3}


@pytest.mark.parametrize("optimizer", OPTIMIZERS)
def test_each_optimizer_trains_with_weight_decay(stripes, tmp_path, optimizer):
    kinds = {
        "sgd": torch.optim.SGD,
        "adam": torch.optim.Adam,
        "adamw": torch.optim.AdamW,
        "rmsprop": torch.optim.RMSprop,
    }
    made = make_optimizer(config(optimizer=optimizer, weight_decay=0.01), [torch.nn.Parameter(torch.ones(2))])
    assert type(made) is kinds[optimizer] and made.param_groups[0]["weight_decay"] == 0.01
    lr = LEARNING_RATES[optimizer]
    run(stripes, tmp_path / "run", optimizer=optimizer, learning_rate=lr, weight_decay=1e-4, epochs=3)
    rows = RunFolder(tmp_path / "run").read_history()
    assert rows[-1]["train_loss"] < rows[0]["train_loss"]
    assert [r["lr"] for r in rows] == [lr] * 3


@pytest.mark.parametrize(
    ("schedule", "factors"),
    [("constant", [1, 1, 1]), ("step", [1, 1, 0.5]), ("cosine", [1, 0.75, 0.25])],
)
def test_each_schedule_sets_the_learning_rate_of_each_epoch(stripes, tmp_path, schedule, factors):
    run(stripes, tmp_path / "run", schedule=schedule, step_size=2, gamma=0.5, epochs=3, learning_rate=1e-3)
    rows = RunFolder(tmp_path / "run").read_history()
    assert [r["lr"] for r in rows] == pytest.approx([1e-3 * f for f in factors])


def test_reduce_on_plateau_lowers_the_rate_after_an_epoch_without_improvement(stripes, tmp_path):
    run(stripes, tmp_path / "run", schedule="plateau", plateau_patience=0, plateau_factor=0.5, epochs=4,
        learning_rate=0.05)  # fmt: skip
    rows = RunFolder(tmp_path / "run").read_history()
    best, lr = float("inf"), 0.05
    for row in rows:
        assert row["lr"] == pytest.approx(lr)
        if row["val_loss"] < best * (1 - 1e-4):
            best = row["val_loss"]
        else:
            lr *= 0.5
    assert rows[-1]["lr"] < 0.05  # at this rate the validation loss does stall: the test sees a reduction


def _epoch_of(path) -> int:
    with safe_open(str(path), "pt") as handle:
        return int(handle.metadata()["epoch"])


@pytest.mark.parametrize("restore", [True, False])
def test_early_stopping_stops_after_patience_and_restores_the_best_weights(stripes, tmp_path, restore):
    events = run(stripes, tmp_path / "run", monitor="val_accuracy", early_stopping_patience=2, epochs=40,
                 learning_rate=3e-3, restore_best=restore)  # fmt: skip
    folder = RunFolder(tmp_path / "run")
    rows, status = folder.read_history(), folder.read_status()
    accuracies = [r["val_accuracy"] for r in rows]
    best = accuracies.index(max(accuracies)) + 1  # the first epoch with the highest validation accuracy
    assert len(rows) == best + 2 < 40  # stopped two epochs after the best
    assert status["best_epoch"] == best == events[-1].result.best_epoch and status["monitor"] == "val_accuracy"
    assert status["stopped_early_at"] == best + 2
    assert any(isinstance(e, LogMessage) and "Early stopping" in str(e.message) for e in events)
    assert _epoch_of(tmp_path / "run" / "best.safetensors") == best
    last_weights = folder.load_weights("last.safetensors")
    trained_to_the_end = load_checkpoint(folder)["model"]  # the last epoch's: the run can still be continued
    best_weights = folder.load_weights("best.safetensors")
    same = lambda a, b: all(torch.equal(a[k], b[k]) for k in a)  # noqa: E731
    assert not same(best_weights, trained_to_the_end)
    assert same(last_weights, best_weights if restore else trained_to_the_end)
    from cnnstudio.core.evaluation import evaluate_run

    evaluation = list(drive(evaluate_run(tmp_path / "run", stripes, split="validation")))[-1].result
    assert evaluation.accuracy == pytest.approx(rows[best - 1]["val_accuracy"])


def test_the_best_epoch_follows_the_lowest_validation_loss_by_default(stripes, tmp_path):
    events = run(stripes, tmp_path / "run", epochs=3)
    rows = RunFolder(tmp_path / "run").read_history()
    losses = [r["val_loss"] for r in rows]
    assert events[-1].result.best_epoch == losses.index(min(losses)) + 1


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"optimizer": "lion"}, "Unknown optimizer"),
        ({"weight_decay": -0.1}, "Weight decay"),
        ({"schedule": "cyclic"}, "schedule"),
        ({"schedule": "step", "step_size": 0}, "step size"),
        ({"gamma": 1.5}, "gamma"),
        ({"plateau_factor": 0.0}, "plateau factor"),
        ({"monitor": "train_loss"}, "monitor"),
        ({"early_stopping_patience": -1}, "early stopping patience"),
        ({"plateau_patience": -2}, "plateau patience"),
        ({"device": "tpu"}, "Unknown device"),
        ({"momentum": 1.0}, "Momentum"),
    ],
)
def test_settings_that_cannot_work_are_refused_saying_which(changes, words):
    with pytest.raises(UserError, match=words):
        config(**changes).validate()


def test_an_older_runs_training_settings_read_back_with_defaults_for_what_it_lacks():
    old = {"model": "small-convnet", "epochs": 7, "optimizer": "rmsprop", "a_key_from_the_future": 1}
    read = TrainConfig.from_dict(json.loads(json.dumps(old)))
    assert (read.epochs, read.optimizer, read.schedule, read.early_stopping_patience) == (7, "rmsprop", "constant", 0)
    read.validate()


def test_devices_found_always_include_the_cpu_and_auto_picks_one_of_them():
    found = available_devices()
    assert found[0] == "cpu"
    assert resolve_device("auto").type in found
    assert resolve_device("cpu") == torch.device("cpu")


def test_a_run_whose_process_died_is_continued(stripes, tmp_path):
    run(stripes, tmp_path / "run", epochs=2)
    folder = RunFolder(tmp_path / "run")
    status = folder.read_status()
    folder.write_status({**status, "status": "running"})  # as a killed process leaves it (no live lock)
    (tmp_path / "run" / ".cnnstudio-run.lock").write_text(
        json.dumps({"pid": 2**22 + 12345, "host": socket.gethostname()})
    )
    events = list(drive(resume(tmp_path / "run", 3, dataset=stripes)))
    assert isinstance(events[-1], Finished), events[-1]
    assert folder.read_status()["status"] == "finished" and len(folder.read_history()) == 3
