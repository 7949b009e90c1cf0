from __future__ import annotations

import json

import pytest

from cnnstudio.core.data import open_folder
from cnnstudio.core.events import BatchEnd, Cancelled, EpochEnd, Failed, Finished, RunStarted
from cnnstudio.core.jobs import CancelToken, drive
from cnnstudio.core.messages import text
from cnnstudio.core.models.spec import ModelSpec, build_model
from cnnstudio.core.runs.folder import RunFolder
from cnnstudio.core.training import TrainConfig, train
from tests.helpers import make_stripes_folder


@pytest.fixture(scope="module")
def stripes(tmp_path_factory):
    return open_folder(make_stripes_folder(tmp_path_factory.mktemp("stripes")), seed=0)


def small_config(**changes) -> TrainConfig:
    values = dict(
        model="seed-separable",
        image_size=24,
        epochs=4,
        batch_size=8,
        optimizer="rmsprop",
        learning_rate=3e-3,
        seed=0,
        threads=1,
    )
    values.update(changes)
    return TrainConfig(**values)


def test_training_on_a_tiny_dataset_lowers_the_loss_and_writes_a_complete_run(stripes, tmp_path):
    events = list(drive(train(stripes, small_config(), tmp_path / "run")))
    assert isinstance(events[0], RunStarted) or any(isinstance(e, RunStarted) for e in events)
    epochs = [e for e in events if isinstance(e, EpochEnd)]
    assert len(epochs) == 4
    assert epochs[-1].train_loss < epochs[0].train_loss * 0.9
    assert isinstance(events[-1], Finished)
    result = events[-1].result
    assert result.best_epoch == min(epochs, key=lambda e: e.val_loss).epoch

    folder = RunFolder(tmp_path / "run")
    config = folder.read_config()
    assert config["class_names"] == ["horizontal", "vertical"]
    assert config["preprocessing"]["image_size"] == [24, 24]
    assert len(folder.read_history()) == 4
    assert folder.read_status()["status"] == "finished"
    # The config alone rebuilds the model, and the best weights load into it exactly.
    model = build_model(ModelSpec.from_dict(config["model"]))
    model.load_state_dict(folder.load_weights("best.safetensors"), strict=True)
    model.load_state_dict(folder.load_weights("last.safetensors"), strict=True)


def test_the_same_seed_gives_the_same_run(stripes, tmp_path):
    def losses(path):
        return [e.loss for e in drive(train(stripes, small_config(epochs=1), path)) if isinstance(e, BatchEnd)]

    assert losses(tmp_path / "a") == losses(tmp_path / "b")


def test_cancel_stops_within_one_batch_and_marks_the_run_cancelled(stripes, tmp_path):
    token = CancelToken()
    seen = []
    for event in drive(train(stripes, small_config(epochs=50), tmp_path / "run"), token):
        seen.append(event)
        if isinstance(event, BatchEnd) and event.epoch == 2 and event.step == 1:
            token.cancel(text("user pressed Stop"))
    assert seen[-1] == Cancelled(text("user pressed Stop"))
    assert isinstance(seen[-2], BatchEnd) and (seen[-2].epoch, seen[-2].step) == (2, 1)
    status = RunFolder(tmp_path / "run").read_status()
    assert status["status"] == "cancelled" and status["epochs_completed"] == 1
    assert (tmp_path / "run" / "last.safetensors").exists()


def test_a_diverging_loss_ends_the_run_with_a_failure_that_suggests_a_lower_learning_rate(stripes, tmp_path):
    config = small_config(model="small-convnet", image_size=48, optimizer="sgd", learning_rate=1e12, epochs=3)
    events = list(drive(train(stripes, config, tmp_path / "run")))
    failure = events[-1]
    assert isinstance(failure, Failed)
    assert "learning rate" in str(failure.reason) and "1e+11" in str(failure.reason)
    assert not any(isinstance(e, Finished) for e in events)
    assert not (tmp_path / "run").exists()  # it diverged in its first epoch: nothing kept, nothing left


def test_a_run_folder_that_holds_files_is_never_overwritten(stripes, tmp_path):
    (tmp_path / "run").mkdir()
    (tmp_path / "run" / "notes.txt").write_text("mine")
    events = list(drive(train(stripes, small_config(), tmp_path / "run")))
    assert isinstance(events[-1], Failed) and "not empty" in str(events[-1].reason)
    assert (tmp_path / "run" / "notes.txt").read_text() == "mine"


def test_broken_files_are_skipped_and_counted_and_training_proceeds(tmp_path):
    root = make_stripes_folder(tmp_path / "data", per_class=10)
    (root / "horizontal" / "broken.png").write_bytes(b"this is not an image at all")
    (root / "vertical" / "empty.jpg").write_bytes(b"")
    (root / "vertical" / ".hidden.png").write_bytes(b"junk")  # hidden: ignored, not "skipped"
    dataset = open_folder(root)
    assert sorted(s.reason for s in dataset.skipped) == ["empty file", "not an image"]
    assert dataset.total_images() == 20
    events = list(drive(train(dataset, small_config(epochs=1), tmp_path / "run")))
    assert isinstance(events[-1], Finished)
    assert events[-1].result.skipped_files == 2


def test_a_folder_with_one_class_is_refused_with_a_clear_message(tmp_path):
    from cnnstudio.core.errors import DatasetError

    root = make_stripes_folder(tmp_path / "data", per_class=4)
    for f in (root / "vertical").iterdir():
        f.unlink()
    (root / "vertical").rmdir()
    with pytest.raises(DatasetError, match="at least two classes"):
        open_folder(root)


def test_history_is_valid_json_lines_with_every_metric(stripes, tmp_path):
    list(drive(train(stripes, small_config(epochs=2), tmp_path / "run")))
    rows = [json.loads(line) for line in (tmp_path / "run" / "history.jsonl").read_text().splitlines()]
    assert [r["epoch"] for r in rows] == [1, 2]
    assert {"train_loss", "train_accuracy", "val_loss", "val_accuracy"} <= set(rows[0])
