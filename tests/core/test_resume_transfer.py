"""Continuing a run on a pretrained base: feature extraction and fine-tuning go on in the phase they stopped in,
bitwise as the run trained in one go."""

from __future__ import annotations

import json

import pytest

from cnnstudio.core.data import AUGMENT_PRESETS, open_folder
from cnnstudio.core.events import EpochEnd, Finished
from cnnstudio.core.jobs import CancelToken, drive
from cnnstudio.core.pretrained import package_weights_path
from cnnstudio.core.runs import RunFolder
from cnnstudio.core.training import TrainConfig, load_checkpoint, resumable_epochs, resume, train
from tests.core.test_resume import assert_same_tensors
from tests.helpers import make_stripes_folder

SIZE = 32
pytestmark = pytest.mark.skipif(package_weights_path() is None, reason="EfficientNet-Lite0 weights not installed")


@pytest.fixture(scope="module")
def stripes(tmp_path_factory):
    folder = make_stripes_folder(tmp_path_factory.mktemp("stripes"), per_class=8, size=SIZE)
    return open_folder(folder, val_fraction=0.25, test_fraction=0.0, seed=0)


@pytest.fixture(autouse=True)
def _feature_cache_in_tmp(tmp_path, monkeypatch):
    monkeypatch.setenv("CNNSTUDIO_CACHE", str(tmp_path / "cache"))


def config(**changes) -> TrainConfig:
    values = dict(
        backbone="efficientnet-lite0", image_size=SIZE, epochs=2, batch_size=8, head_units=8, threads=1, seed=1
    )
    values.update(changes)
    return TrainConfig(**values)


def run(job, token: CancelToken | None = None) -> list:
    events = list(drive(job, token))
    return events


def history(run_dir) -> list[tuple]:
    rows = [json.loads(line) for line in (run_dir / "history.jsonl").read_text().splitlines()]
    return [(r["epoch"], r["phase"], r["train_loss"], r["val_loss"], r["lr"]) for r in rows]


def same_run(a, b) -> None:
    assert_same_tensors(load_checkpoint(RunFolder(a))["model"], load_checkpoint(RunFolder(b))["model"])
    assert history(a) == history(b)


def test_feature_extraction_on_cached_features_continues_bitwise(stripes, tmp_path):
    settings = dict(cached_features=True, learning_rate=3e-3)
    assert isinstance(run(train(stripes, config(epochs=4, **settings), tmp_path / "once"))[-1], Finished)
    assert isinstance(run(train(stripes, config(epochs=2, **settings), tmp_path / "twice"))[-1], Finished)
    assert resumable_epochs(tmp_path / "twice") == 2
    events = run(resume(tmp_path / "twice", 4))
    assert isinstance(events[-1], Finished) and events[-1].result.epochs == 4
    same_run(tmp_path / "once", tmp_path / "twice")


def test_fine_tuning_continues_in_its_own_phase_with_the_extra_epochs(stripes, tmp_path):
    settings = dict(mode="fine-tune", unfreeze=1, augment=AUGMENT_PRESETS["light"].to_dict(), fine_tune_lr=1e-4)
    assert isinstance(run(train(stripes, config(fine_tune_epochs=2, **settings), tmp_path / "once"))[-1], Finished)
    assert isinstance(run(train(stripes, config(fine_tune_epochs=1, **settings), tmp_path / "twice"))[-1], Finished)
    events = run(resume(tmp_path / "twice", 4))
    assert isinstance(events[-1], Finished)
    assert [e.epoch for e in events if isinstance(e, EpochEnd)] == [4]  # only the fine-tuning epoch left
    same_run(tmp_path / "once", tmp_path / "twice")
    recorded = json.loads((tmp_path / "twice" / "config.json").read_text())["training"]
    assert (recorded["epochs"], recorded["fine_tune_epochs"]) == (2, 2)


def test_a_fine_tuning_run_stopped_in_its_head_phase_finishes_the_head_then_fine_tunes(stripes, tmp_path):
    settings = dict(mode="fine-tune", unfreeze=1, fine_tune_epochs=1, fine_tune_lr=1e-4)
    assert isinstance(run(train(stripes, config(**settings), tmp_path / "once"))[-1], Finished)
    token = CancelToken()
    for event in drive(train(stripes, config(**settings), tmp_path / "stopped"), token):
        if isinstance(event, EpochEnd):
            token.cancel()  # stopped after the first head epoch
    assert resumable_epochs(tmp_path / "stopped") == 1
    events = run(resume(tmp_path / "stopped", 3))
    assert isinstance(events[-1], Finished)
    assert [(e.epoch, e.epochs) for e in events if isinstance(e, EpochEnd)] == [(2, 3), (3, 3)]
    same_run(tmp_path / "once", tmp_path / "stopped")
    assert [row[1] for row in history(tmp_path / "stopped")] == [
        "feature-extraction",
        "feature-extraction",
        "fine-tune",
    ]
