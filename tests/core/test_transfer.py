from __future__ import annotations

import json

import pytest
import torch

from cnnstudio.core.data import open_folder
from cnnstudio.core.events import Finished, LogMessage
from cnnstudio.core.jobs import drive
from cnnstudio.core.predict import load_run, predict_run
from cnnstudio.core.pretrained import load_backbone
from cnnstudio.core.runs.folder import RunFolder
from cnnstudio.core.torchutils import input_preparer
from cnnstudio.core.training import TrainConfig, train
from cnnstudio.core.training.transfer import Head, TransferModel, cached_features, compute_features, freeze_for
from tests.helpers import make_stripes_folder

SIZE = 32  # tiny inputs: these tests check behaviour, not accuracy


@pytest.fixture(scope="module")
def stripes(tmp_path_factory):
    return open_folder(
        make_stripes_folder(tmp_path_factory.mktemp("stripes"), per_class=12, size=SIZE),
        val_fraction=0.25,
        test_fraction=0.0,
    )


@pytest.fixture(autouse=True)
def _feature_cache_in_tmp(tmp_path, monkeypatch):
    monkeypatch.setenv("CNNSTUDIO_CACHE", str(tmp_path / "cache"))


def config(**changes) -> TrainConfig:
    values = dict(
        backbone="efficientnet-lite0",
        image_size=SIZE,
        epochs=2,
        batch_size=8,
        optimizer="adam",
        learning_rate=1e-3,
        head_units=16,
        threads=1,
        seed=0,
    )
    values.update(changes)
    return TrainConfig(**values)


def base_state(run_dir) -> dict[str, torch.Tensor]:
    return {k: v for k, v in RunFolder(run_dir).load_weights("last.safetensors").items() if k.startswith("backbone.")}


def pretrained_base_state() -> dict[str, torch.Tensor]:
    return {f"backbone.{k}": v for k, v in load_backbone("efficientnet-lite0").state_dict().items()}


def test_feature_extraction_leaves_every_base_weight_bitwise_unchanged(stripes, tmp_path):
    events = list(drive(train(stripes, config(), tmp_path / "run")))
    assert isinstance(events[-1], Finished), events[-1]
    after, before = base_state(tmp_path / "run"), pretrained_base_state()
    assert after.keys() == before.keys()
    assert all(torch.equal(after[k], before[k]) for k in before)  # BatchNorm statistics included


def test_cached_features_equal_live_features(stripes):
    backbone = load_backbone("efficientnet-lite0")
    from cnnstudio.core.data import load_split, run_to_end

    x, _, _ = run_to_end(load_split(stripes, "train", (SIZE, SIZE)))
    prepare = input_preparer(backbone.preprocess.mean, backbone.preprocess.std)
    key = {"dataset": "stripes", "size": SIZE}
    first, hit1 = run_to_end(cached_features(backbone, key, {"train": x}, prepare))
    second, hit2 = run_to_end(cached_features(backbone, key, {"train": x}, prepare))
    live = run_to_end(compute_features(backbone, x, prepare))
    assert (hit1, hit2) == (False, True)
    torch.testing.assert_close(second["train"], live, rtol=0, atol=0)
    torch.testing.assert_close(first["train"], live, rtol=0, atol=0)


def test_the_fast_way_trains_only_the_head_and_says_how_long_features_took(stripes, tmp_path):
    events = list(drive(train(stripes, config(cached_features=True, epochs=3), tmp_path / "run")))
    assert isinstance(events[-1], Finished)
    assert any(isinstance(e, LogMessage) and "Features of" in str(e.message) for e in events)
    assert any(
        isinstance(e, LogMessage) and "slower" in str(e.message) and "On cached features" in str(e.message)
        for e in events
    )
    after, before = base_state(tmp_path / "run"), pretrained_base_state()
    assert all(torch.equal(after[k], before[k]) for k in before)
    history = RunFolder(tmp_path / "run").read_history()
    assert [h["phase"] for h in history] == ["feature-extraction (cached)"] * 3


def test_fine_tuning_changes_only_the_unfrozen_blocks(stripes, tmp_path):
    backbone = load_backbone("efficientnet-lite0")
    names = backbone.block_names
    events = list(
        drive(
            train(
                stripes,
                config(mode="fine-tune", epochs=1, fine_tune_epochs=1, unfreeze=2, fine_tune_lr=1e-3),
                tmp_path / "run",
            )
        )
    )
    assert isinstance(events[-1], Finished), events[-1]
    after, before = base_state(tmp_path / "run"), pretrained_base_state()
    changed_blocks = {int(k.split(".")[2]) for k in before if not torch.equal(after[k], before[k])}
    assert changed_blocks and changed_blocks <= {len(names) - 2, len(names) - 1}
    phases = [h["phase"] for h in RunFolder(tmp_path / "run").read_history()]
    assert phases == ["feature-extraction", "fine-tune"]


def test_batchnorm_in_frozen_blocks_stays_in_eval_mode_while_training():
    backbone = load_backbone("efficientnet-lite0", pretrained=False)
    model = TransferModel(backbone, Head(backbone.feature_dim, 3, units=8))
    freeze_for(model, 1)
    model.train()
    norms = [[m for m in block.modules() if isinstance(m, torch.nn.BatchNorm2d)] for block in backbone.blocks]
    assert all(not m.training for block in norms[:-1] for m in block)
    assert all(m.training for m in norms[-1])
    trainable = [name for name, n, on in model.block_parameter_counts() if on]
    assert trainable == [backbone.block_names[-1]]


def test_a_run_predicts_from_its_folder_alone(stripes, tmp_path):
    list(drive(train(stripes, config(cached_features=True, epochs=2), tmp_path / "run")))
    run = load_run(tmp_path / "run")
    paths = [p for p, _ in stripes.files["validation"][:3]]
    results = predict_run(run, paths, k=2)
    assert [r["image"] for r in results] == paths
    for result in results:
        assert {row["class"] for row in result["top"]} == {"horizontal", "vertical"}
        assert abs(sum(row["probability"] for row in result["top"]) - 1) < 1e-5
    config_json = json.loads((tmp_path / "run" / "config.json").read_text())
    assert config_json["transfer"]["backbone"] == "efficientnet-lite0"
    assert config_json["preprocessing"]["mean"] == list(load_backbone("efficientnet-lite0").preprocess.mean)


def test_fine_tuning_from_an_earlier_run_starts_from_its_weights(stripes, tmp_path):
    list(drive(train(stripes, config(cached_features=True, epochs=1), tmp_path / "fe")))
    events = list(
        drive(
            train(
                stripes,
                config(mode="fine-tune", init_from=str(tmp_path / "fe"), fine_tune_epochs=1, unfreeze=1),
                tmp_path / "ft",
            )
        )
    )
    assert isinstance(events[-1], Finished)
    assert any(isinstance(e, LogMessage) and "Starting from the weights" in str(e.message) for e in events)
    assert [h["phase"] for h in RunFolder(tmp_path / "ft").read_history()] == ["fine-tune"]
