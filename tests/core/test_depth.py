"""Cutting the pretrained base after a block, and the depth comparison (issue 9, item 5)."""

from __future__ import annotations

import json
import math

import pytest
import torch

from cnnstudio.core.data import load_split, open_folder, run_to_end
from cnnstudio.core.errors import UserError
from cnnstudio.core.evaluation import evaluate_run
from cnnstudio.core.events import Finished, Progress
from cnnstudio.core.jobs import CancelToken, drive
from cnnstudio.core.predict import load_run
from cnnstudio.core.pretrained import list_blocks, load_backbone, package_weights_path
from cnnstudio.core.runs.folder import RunFolder
from cnnstudio.core.torchutils import input_preparer
from cnnstudio.core.training import TrainConfig, cut_base, default_cuts, depth_comparison, train
from cnnstudio.core.visualize import open_subject
from tests.helpers import make_stripes_folder

SIZE = 32
pytestmark = pytest.mark.skipif(package_weights_path() is None, reason="EfficientNet-Lite0 weights not installed")


@pytest.fixture(scope="module")
def stripes(tmp_path_factory):
    folder = make_stripes_folder(tmp_path_factory.mktemp("stripes"), per_class=8, size=SIZE)
    return open_folder(folder, val_fraction=0.25, test_fraction=0.0)


@pytest.fixture(autouse=True)
def _feature_cache_in_tmp(tmp_path, monkeypatch):
    monkeypatch.setenv("CNNSTUDIO_CACHE", str(tmp_path / "cache"))


def config(**changes) -> TrainConfig:
    values = dict(
        backbone="efficientnet-lite0", image_size=SIZE, epochs=2, batch_size=8, head_units=8, threads=1, seed=0
    )
    values.update(changes)
    return TrainConfig(**values)


def test_a_cut_base_pools_the_blocks_channels_and_drops_the_later_blocks():
    listing = list_blocks("efficientnet-lite0", SIZE)
    backbone = load_backbone("efficientnet-lite0", pretrained=False)
    assert listing.channels[-1] == backbone.feature_dim == 1280
    for i, name in enumerate(backbone.block_names[:-1]):
        cut = cut_base(backbone, name)
        assert cut.block_names == backbone.block_names[: i + 1]
        assert cut.feature_dim == listing.channels[i]
        assert cut.features(torch.zeros(2, 3, SIZE, SIZE)).shape == (2, listing.channels[i])
    assert listing.channels[backbone.block_names.index("stage4")] == 80  # EfficientNet-Lite0's stage 4
    assert cut_base(backbone, "") is backbone and cut_base(backbone, "head") is backbone


def test_an_unknown_block_is_a_user_error_naming_the_blocks(stripes, tmp_path):
    with pytest.raises(UserError) as caught:
        list(train(stripes, config(cut_after="stage9"), tmp_path / "run"))
    text = str(caught.value)
    assert "stage9" in text and "stem, stage1" in text and "head" in text
    assert not (tmp_path / "run").exists()


def test_a_cut_run_trains_records_the_cut_and_reloads_with_the_same_outputs(stripes, tmp_path):
    events = list(drive(train(stripes, config(cut_after="stage3", cached_features=True), tmp_path / "run")))
    assert isinstance(events[-1], Finished), events[-1]
    recorded = json.loads((tmp_path / "run" / "config.json").read_text())
    assert recorded["training"]["cut_after"] == "stage3"
    assert recorded["transfer"]["cut_after"] == "stage3"
    assert recorded["transfer"]["block_names"] == ["stem", "stage1", "stage2", "stage3"]
    weights = RunFolder(tmp_path / "run").load_weights("best.safetensors")
    assert not any(k.startswith(("backbone.blocks.4.", "backbone.imagenet_head")) for k in weights)  # dropped
    assert weights["head.0.weight"].shape == (8, 40)  # stage3 of Lite0 gives 40 channels

    # The same outputs from the pretrained base cut by hand and the run's head, as from the run folder.
    x, _, _ = run_to_end(load_split(stripes, "validation", (SIZE, SIZE)))
    base = cut_base(load_backbone("efficientnet-lite0"), "stage3")
    prepare = input_preparer(base.preprocess.mean, base.preprocess.std)
    head = {k[len("head.") :]: v for k, v in weights.items() if k.startswith("head.")}
    with torch.no_grad():
        features = base.features(prepare(x))
        expected = features @ head["0.weight"].T + head["0.bias"]
        expected = torch.relu(expected) @ head["3.weight"].T + head["3.bias"]
        run = load_run(tmp_path / "run")
        torch.testing.assert_close(run.model(prepare(x)), expected, rtol=1e-4, atol=1e-5)
        subject = open_subject(run_dir=tmp_path / "run")
        assert list(subject.model.block_names) == ["stem", "stage1", "stage2", "stage3"]
        torch.testing.assert_close(subject.model(prepare(x)), expected, rtol=1e-4, atol=1e-5)
    evaluation = list(drive(evaluate_run(tmp_path / "run", stripes, split="validation")))[-1].result
    predicted = expected.argmax(1) if expected.shape[1] > 1 else (expected[:, 0] > 0).long()
    assert [p.predicted for p in evaluation.predictions] == predicted.tolist()


def test_fine_tuning_a_cut_base_trains_only_blocks_up_to_the_cut(stripes, tmp_path):
    cfg = config(cut_after="stage2", mode="fine-tune", epochs=1, fine_tune_epochs=1, unfreeze=1, fine_tune_lr=1e-3)
    events = list(drive(train(stripes, cfg, tmp_path / "run")))
    assert isinstance(events[-1], Finished), events[-1]
    after = RunFolder(tmp_path / "run").load_weights("last.safetensors")
    before = {f"backbone.{k}": v for k, v in load_backbone("efficientnet-lite0").state_dict().items()}
    changed = {k.split(".")[2] for k in after if k.startswith("backbone.") and not torch.equal(after[k], before[k])}
    assert changed == {"2"}  # stage2, the top block of the cut base
    assert max(int(k.split(".")[2]) for k in after if k.startswith("backbone.blocks.")) == 2


def test_the_cached_features_key_includes_the_cut(stripes, tmp_path):
    for i, cut in enumerate(("stage2", "stage2", "stage3")):
        events = list(drive(train(stripes, config(cut_after=cut, cached_features=True, epochs=1), tmp_path / str(i))))
        hits = [e for e in events if isinstance(e, Progress) and e.message.id == "training.features_from_disk_cache"]
        assert bool(hits) == (i == 1), (cut, [str(e.message) for e in hits])


def test_default_cuts_are_evenly_spaced_and_end_with_the_whole_base():
    names = load_backbone("efficientnet-lite0", pretrained=False).block_names
    assert default_cuts(names) == ["stage2", "stage4", "stage6", "head"]
    assert default_cuts(["block1", "block2", "block3", "block4", "block5"]) == ["block2", "block3", "block4", "block5"]


def test_depth_comparison_gives_one_row_per_cut(stripes, tmp_path):
    events = list(drive(depth_comparison(stripes, config(epochs=2), ["stage2", "stage5", "head"], parent=tmp_path)))
    rows = events[-1].result
    assert [(r.block, r.depth, r.feature_size) for r in rows] == [
        ("stage2", 3, 24),
        ("stage5", 6, 112),
        ("head", 9, 1280),
    ]
    assert all(math.isfinite(r.val_accuracy) and 0 <= r.val_accuracy <= 1 and r.seconds > 0 for r in rows)
    assert all(
        json.loads((tmp_path / r.block / "config.json").read_text())["training"]["cut_after"] == r.block for r in rows
    )
    progress = [e for e in events if isinstance(e, Progress)]
    assert progress[-1].done == progress[-1].total == 3 * 2


def test_depth_comparison_is_cancellable(stripes):
    token = CancelToken()
    seen = []
    for event in drive(depth_comparison(stripes, config(epochs=3), ["stage2", "head"]), token):
        seen.append(event)
        if isinstance(event, Progress) and event.done >= 1:
            token.cancel()
    assert not any(isinstance(e, Finished) for e in seen)
    assert type(seen[-1]).__name__ == "Cancelled"


def test_depth_comparison_refuses_an_unknown_block(stripes):
    with pytest.raises(UserError, match="stage4"):
        list(depth_comparison(stripes, config(), ["nope"]))


def test_the_cli_cuts_the_base_and_names_the_blocks_of_an_unknown_one(tmp_path, capsys):
    from cnnstudio.cli import main

    data = make_stripes_folder(tmp_path / "data", per_class=4, size=SIZE)
    args = ["train", str(data), "--backbone", "efficientnet-lite0", "--mode", "feature-extraction"]
    args += ["--cached-features", "--image-size", str(SIZE), "--epochs", "1", "--threads", "1"]
    assert main([*args, "--out", str(tmp_path / "run"), "--cut-after", "stage4"]) == 0
    assert json.loads((tmp_path / "run" / "config.json").read_text())["transfer"]["cut_after"] == "stage4"
    assert load_run(tmp_path / "run").model.backbone.feature_dim == 80
    capsys.readouterr()
    assert main([*args, "--out", str(tmp_path / "bad"), "--cut-after", "stage99"]) == 2
    assert "stem, stage1, stage2" in capsys.readouterr().err and not (tmp_path / "bad").exists()


def test_the_depth_command_prints_one_row_per_cut_and_keeps_the_runs(stripes, tmp_path, capsys):
    from cnnstudio.cli import main

    args = ["depth", stripes.source, "--backbone", "efficientnet-lite0", "--image-size", str(SIZE)]
    args += ["--cuts", "stage2,head", "--epochs", "1", "--batch-size", "8", "--head-units", "8", "--threads", "1"]
    assert main([*args, "--val-split", "0.25", "--test-split", "0", "--out", str(tmp_path / "cuts"), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert [(r["block"], r["depth"], r["feature_size"]) for r in rows] == [("stage2", 3, 24), ("head", 9, 1280)]
    assert all(0 <= r["val_accuracy"] <= 1 for r in rows)
    assert sorted(p.name for p in (tmp_path / "cuts").iterdir()) == ["head", "stage2"]

    assert main([*args, "--val-split", "0.25", "--test-split", "0"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[0].split() == ["block", "depth", "features", "val_acc", "seconds"]
    assert [line.split()[0] for line in lines[1:]] == ["stage2", "head"]
    assert sum("<- best" in line for line in lines) >= 1


def test_the_depth_command_names_the_blocks_for_an_unknown_cut(stripes, capsys):
    from cnnstudio.cli import main

    code = main(["depth", stripes.source, "--backbone", "efficientnet-lite0", "--cuts", "stage99", "--epochs", "1"])
    assert code == 2
    err = capsys.readouterr().err
    assert "stage99" in err and "stage2" in err
