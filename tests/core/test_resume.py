"""Continuing a run: bitwise the same as training all its epochs in one go; refusals that say why."""

from __future__ import annotations

import pytest
import torch

from cnnstudio.core.data import AUGMENT_PRESETS, open_folder
from cnnstudio.core.errors import RunFolderError, UserError
from cnnstudio.core.events import Cancelled, EpochEnd, Failed, Finished
from cnnstudio.core.jobs import CancelToken, drive
from cnnstudio.core.messages import text
from cnnstudio.core.runs import RunFolder
from cnnstudio.core.training import CHECKPOINT, TrainConfig, load_checkpoint, resumable_epochs, resume, train
from tests.helpers import make_stripes_folder

# A small stack with dropout, so continuing must restore the dropout generator too.
WITH_DROPOUT = [
    {"type": "Conv2D", "filters": 4, "kernel_size": 3},
    {"type": "MaxPooling2D"},
    {"type": "Flatten"},
    {"type": "Dropout", "rate": 0.5},
    {"type": "Dense", "units": 8},
]


@pytest.fixture(scope="module")
def stripes(tmp_path_factory):
    return open_folder(make_stripes_folder(tmp_path_factory.mktemp("stripes"), per_class=12), seed=0)


def config(**changes) -> TrainConfig:
    values = dict(
        model="custom",
        layers=WITH_DROPOUT,
        image_size=24,
        epochs=4,
        batch_size=8,
        optimizer="adam",
        learning_rate=3e-3,
        seed=3,
        augment=AUGMENT_PRESETS["light"].to_dict(),
        restore_best=False,
    )
    values.update(changes)
    return TrainConfig(**values)


def finished(events) -> Finished:
    assert isinstance(events[-1], Finished), events[-1]
    return events[-1]


def assert_same_tensors(a: dict, b: dict) -> None:
    assert a.keys() == b.keys()
    for key in a:
        assert torch.equal(a[key], b[key]), key


def checkpoint_of(path) -> dict:
    return load_checkpoint(RunFolder(path))


def test_n_epochs_then_continuing_to_2n_is_bitwise_training_2n_at_once_with_a_step_schedule(stripes, tmp_path):
    settings = dict(schedule="step", step_size=1, gamma=0.5, weight_decay=1e-3)
    finished(list(drive(train(stripes, config(epochs=4, **settings), tmp_path / "once"))))
    finished(list(drive(train(stripes, config(epochs=2, **settings), tmp_path / "twice"))))
    assert resumable_epochs(tmp_path / "twice") == 2
    events = list(drive(resume(tmp_path / "twice", 4, dataset=stripes)))
    result = finished(events).result
    assert [e.epoch for e in events if isinstance(e, EpochEnd)] == [3, 4]

    once, twice = checkpoint_of(tmp_path / "once"), checkpoint_of(tmp_path / "twice")
    assert_same_tensors(once["model"], twice["model"])
    assert_same_tensors(RunFolder(tmp_path / "once").load_weights("last.safetensors"),
                        RunFolder(tmp_path / "twice").load_weights("last.safetensors"))  # fmt: skip
    assert_same_tensors(once["rng"], twice["rng"])
    # The continued folder reads like one run: four history rows, the step schedule's rates, status.
    folder = RunFolder(tmp_path / "twice")
    rows = folder.read_history()
    assert [r["epoch"] for r in rows] == [1, 2, 3, 4]
    assert [r["lr"] for r in rows] == pytest.approx([3e-3, 1.5e-3, 7.5e-4, 3.75e-4])
    strip = ("seconds", "images_per_second")
    assert [{k: v for k, v in r.items() if k not in strip} for r in rows] == [
        {k: v for k, v in r.items() if k not in strip} for r in RunFolder(tmp_path / "once").read_history()
    ]
    status = folder.read_status()
    assert status["status"] == "finished" and status["epochs_completed"] == 4
    assert status["best_epoch"] == result.best_epoch
    assert folder.read_config()["training"]["epochs"] == 4
    assert not (tmp_path / "twice" / ".cnnstudio-run.lock").exists()


def test_a_cosine_run_stopped_halfway_and_continued_is_bitwise_the_run_in_one_go(stripes, tmp_path):
    settings = dict(schedule="cosine", optimizer="sgd", learning_rate=0.05, epochs=4)
    finished(list(drive(train(stripes, config(**settings), tmp_path / "once"))))
    token = CancelToken()
    events = []
    for event in drive(train(stripes, config(**settings), tmp_path / "stopped"), token):
        events.append(event)
        if isinstance(event, EpochEnd) and event.epoch == 2:
            token.cancel(text("stop"))
    assert isinstance(events[-1], Cancelled)
    assert RunFolder(tmp_path / "stopped").read_status()["status"] == "cancelled"
    finished(list(drive(resume(tmp_path / "stopped", 4, dataset=stripes))))
    assert_same_tensors(checkpoint_of(tmp_path / "once")["model"], checkpoint_of(tmp_path / "stopped")["model"])
    rates = [r["lr"] for r in RunFolder(tmp_path / "stopped").read_history()]
    assert rates == pytest.approx([0.05, 0.05 * 0.5 * (1 + 2**-0.5), 0.025, 0.05 * 0.5 * (1 - 2**-0.5)])


def test_continuing_needs_more_epochs_than_done_and_refuses_a_folder_without_checkpoint(stripes, tmp_path):
    finished(list(drive(train(stripes, config(epochs=1), tmp_path / "run"))))
    refused = list(drive(resume(tmp_path / "run", 1, dataset=stripes)))[-1]
    assert isinstance(refused, Failed) and not refused.is_bug
    assert "already has 1 epochs" in str(refused.reason) and "total" in str(refused.reason)
    with pytest.raises(UserError, match="already has 1 epochs"):
        resumable_epochs(tmp_path / "run") and next(resume(tmp_path / "run", 1, dataset=stripes))
    (tmp_path / "run" / CHECKPOINT).unlink()
    with pytest.raises(UserError, match="no checkpoint.pt"):
        next(resume(tmp_path / "run", 3, dataset=stripes))
    assert RunFolder(tmp_path / "run").read_status()["status"] == "finished"  # a refusal changes nothing


def test_a_checkpoint_that_is_a_malicious_pickle_is_refused_without_running_it(stripes, tmp_path):
    import os
    import pickle

    finished(list(drive(train(stripes, config(epochs=1), tmp_path / "run"))))
    marker = tmp_path / "pwned"

    class Evil:
        def __reduce__(self):
            return (os.system, (f"touch {marker}",))

    (tmp_path / "run" / CHECKPOINT).write_bytes(pickle.dumps({"format": "x", "evil": Evil()}))
    with pytest.raises(RunFolderError, match="cannot be read as a cnnstudio checkpoint"):
        next(resume(tmp_path / "run", 3, dataset=stripes))
    assert not marker.exists()


def test_a_run_that_diverged_keeps_its_last_good_checkpoint_and_continues_at_a_lower_rate(stripes, tmp_path):
    finished(list(drive(train(stripes, config(epochs=1, optimizer="sgd", learning_rate=0.01), tmp_path / "run"))))
    good = checkpoint_of(tmp_path / "run")
    events = list(drive(resume(tmp_path / "run", 3, dataset=stripes, learning_rate=1e12)))
    assert isinstance(events[-1], Failed) and "Lower the learning rate" in str(events[-1].reason)
    folder = RunFolder(tmp_path / "run")
    assert folder.read_status()["status"] == "failed" and len(folder.read_history()) == 1
    kept = checkpoint_of(tmp_path / "run")
    assert kept["state"]["epoch"] == 1
    assert_same_tensors(kept["model"], good["model"])  # the diverged epoch was never written
    finished(list(drive(resume(tmp_path / "run", 3, dataset=stripes, learning_rate=0.005))))
    assert [row["lr"] for row in folder.read_history()] == [0.01, 0.005, 0.005]
    assert folder.read_status()["status"] == "finished"


def test_a_run_trained_on_another_kind_of_device_continues_here_with_a_warning(stripes, tmp_path):
    from cnnstudio.core.events import LogMessage
    from cnnstudio.core.training.checkpoint import save_checkpoint

    finished(list(drive(train(stripes, config(epochs=1), tmp_path / "run"))))
    folder = RunFolder(tmp_path / "run")
    saved = checkpoint_of(tmp_path / "run")
    saved.pop("format")
    # As a CUDA run leaves it: its dropout generator's state is a CUDA (Philox) state, useless to a CPU one.
    save_checkpoint(
        folder, {**saved, "device": "cuda", "rng": {**saved["rng"], "dropout": torch.zeros(16, dtype=torch.uint8)}}
    )
    events = list(drive(resume(tmp_path / "run", 2, dataset=stripes, device="cpu")))
    finished(events)
    warnings = [e for e in events if isinstance(e, LogMessage) and e.level == "warning"]
    assert len(warnings) == 1 and "trained on cuda and now continues on cpu" in str(warnings[0].message)
    assert len(folder.read_history()) == 2
