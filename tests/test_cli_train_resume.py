"""`cnnstudio train` with the new settings, and `--resume RUN_DIR --epochs N`."""

from __future__ import annotations

import json

import pytest

from cnnstudio.cli import main
from cnnstudio.core.runs import RunFolder
from tests.helpers import make_stripes_folder

FAST = ["--model", "seed-separable", "--image-size", "24", "--batch-size", "8", "--threads", "1"]


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    return make_stripes_folder(tmp_path_factory.mktemp("stripes"), per_class=10)


def test_train_with_every_new_setting_then_resume_to_a_larger_total(data, tmp_path, capsys):
    out = tmp_path / "run"
    settings = ["--optimizer", "adamw", "--weight-decay", "0.01", "--schedule", "step", "--step-size", "1",
                "--gamma", "0.5", "--monitor", "val_accuracy", "--early-stopping-patience", "5",
                "--no-restore-best", "--device", "cpu"]  # fmt: skip
    assert main(["train", str(data), "--out", str(out), "--epochs", "1", *FAST, *settings]) == 0
    training = RunFolder(out).read_config()["training"]
    assert (training["optimizer"], training["weight_decay"], training["schedule"], training["gamma"]) == (
        "adamw", 0.01, "step", 0.5
    )  # fmt: skip
    assert (training["monitor"], training["early_stopping_patience"], training["restore_best"]) == (
        "val_accuracy", 5, False
    )  # fmt: skip
    capsys.readouterr()
    assert main(["train", "--resume", str(out), "--epochs", "3", "--json"]) == 0
    result = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert result["epochs"] == 3 and result["status"] == "finished"
    rows = RunFolder(out).read_history()
    assert [r["epoch"] for r in rows] == [1, 2, 3]
    assert [r["lr"] for r in rows] == pytest.approx([1e-3, 5e-4, 2.5e-4])


def test_resume_refuses_a_total_not_above_the_epochs_done_and_settings_that_would_change(data, tmp_path, capsys):
    out = tmp_path / "run"
    assert main(["train", str(data), "--out", str(out), "--epochs", "1", *FAST]) == 0
    capsys.readouterr()
    assert main(["train", "--resume", str(out), "--epochs", "1"]) == 2
    err = capsys.readouterr().err
    assert "already has 1 epochs" in err and "total" in err
    assert main(["train", "--resume", str(out), "--epochs", "3", "--batch-size", "4", "--augment", "book"]) == 2
    assert "--augment, --batch-size cannot change" in capsys.readouterr().err
    assert main(["train", "--resume", str(out)]) == 2
    assert "--resume needs --epochs" in capsys.readouterr().err
    assert len(RunFolder(out).read_history()) == 1
