"""`cnnstudio evaluate`, `cnnstudio export` and `cnnstudio runs list`."""

from __future__ import annotations

import json

import pytest
import torch

from cnnstudio.cli import main
from cnnstudio.core.data import open_folder
from cnnstudio.core.data.scan import run_to_end
from cnnstudio.core.predict import load_run
from cnnstudio.core.training import TrainConfig, train
from tests.helpers import make_stripes_folder, write_model_run

pytestmark = pytest.mark.filterwarnings("ignore:`torch.jit.load` is deprecated:FutureWarning")


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    data = make_stripes_folder(tmp_path_factory.mktemp("stripes"), per_class=20)
    config = TrainConfig(model="seed-separable", image_size=24, epochs=2, batch_size=8, learning_rate=3e-3, threads=1)
    root = tmp_path_factory.mktemp("runs")
    run_to_end(train(open_folder(data, seed=0), config, root / "run"))
    return root / "run", data


def test_evaluate_json_has_the_issues_shape_on_the_recorded_dataset(trained, capsys):
    run, data = trained
    assert main(["evaluate", str(run), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert {"accuracy", "loss", "per_class", "confusion_matrix", "class_names"} <= set(report)
    assert report["class_names"] == ["horizontal", "vertical"]
    matrix = report["confusion_matrix"]
    assert len(matrix) == 2 and all(len(row) == 2 for row in matrix)
    total = sum(map(sum, matrix))
    assert total == len(open_folder(data, seed=0).files["test"])
    assert report["accuracy"] == pytest.approx((matrix[0][0] + matrix[1][1]) / total)
    assert [row["class"] for row in report["per_class"]] == report["class_names"]
    assert {"precision", "recall", "f1", "support"} <= set(report["per_class"][0])
    # The same folder given explicitly is split as the run split it: the same report.
    assert main(["evaluate", str(run), str(data), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == report


def test_evaluate_writes_every_prediction_as_csv(trained, tmp_path, capsys):
    import csv

    run, data = trained
    out = tmp_path / "predictions.csv"
    assert main(["evaluate", str(run), "--predictions", str(out), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    with open(out, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == len(open_folder(data, seed=0).files["test"])
    assert {"path", "true", "predicted", "confidence", "p_horizontal", "p_vertical"} <= set(rows[0])
    right = sum(row["true"] == row["predicted"] for row in rows)
    assert right / len(rows) == pytest.approx(report["accuracy"])


def test_evaluate_prints_a_readable_report_on_the_validation_split(trained, capsys):
    run, _ = trained
    assert main(["evaluate", str(run), "--split", "validation"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("validation split: ")
    assert "confusion matrix (rows: true class, columns: predicted class)" in out
    assert "horizontal" in out and "precision" in out


def test_evaluate_on_the_demo_dataset(tmp_path, capsys):
    from cnnstudio.core.data import DEMO_CLASSES

    run = write_model_run(tmp_path / "run", "seed-separable", class_names=tuple(DEMO_CLASSES), image_size=32)
    assert main(["evaluate", str(run), "demo", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["class_names"] == list(DEMO_CLASSES)
    assert [row["support"] for row in report["per_class"]] == [100] * 4


def test_evaluate_without_a_recorded_dataset_or_a_folder_is_one_line(tmp_path, capsys):
    run = write_model_run(tmp_path / "run", "seed-separable", image_size=32)  # config.json records no dataset
    assert main(["evaluate", str(run)]) == 2
    assert capsys.readouterr().err.strip().count("\n") == 0
    assert main(["evaluate", str(run), str(tmp_path / "missing")]) == 2
    assert "does not exist" in capsys.readouterr().err


@pytest.mark.parametrize("fmt", ["torchscript", "safetensors"])
def test_export_writes_a_file_that_loads_and_reports_the_check(trained, tmp_path, capsys, fmt):
    run, _ = trained
    out = tmp_path / f"model.{fmt}"
    assert main(["export", str(run), "--format", fmt, "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert f"wrote {out} ({fmt})" in printed and "largest difference from PyTorch" in printed and ": ok" in printed
    loaded = load_run(run)
    x = torch.rand(2, 3, 24, 24)
    if fmt == "torchscript":
        with torch.no_grad():
            torch.testing.assert_close(torch.jit.load(str(out))(x), loaded.model(x), atol=1e-4, rtol=1e-4)
    else:
        from safetensors.torch import load_file

        loaded.model.load_state_dict(load_file(str(out)), strict=True)


def test_export_json_and_onnx_without_the_package(trained, tmp_path, capsys, monkeypatch):
    run, _ = trained
    assert main(["export", str(run), "--format", "torchscript", "--out", str(tmp_path / "m.pt"), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["matches"] is True and result["max_abs_difference"] <= result["tolerance"]
    monkeypatch.setattr("cnnstudio.core.export.onnx_available", lambda: False)
    assert main(["export", str(run), "--format", "onnx", "--out", str(tmp_path / "m.onnx")]) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "pip install 'cnnstudio[export]'" in err


def test_runs_list_json(trained, tmp_path, capsys, monkeypatch):
    run, _ = trained
    assert main(["runs", "list", "--root", str(run.parent), "--json"]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert {"run_dir", "status", "model", "best_epoch", "val_accuracy", "epochs"} <= set(row)
    assert (row["run_dir"], row["status"], row["model"], row["epochs"]) == (str(run), "finished", "seed-separable", 2)
    assert 0 <= row["val_accuracy"] <= 1 and row["best_epoch"] in (1, 2)
    monkeypatch.setenv("CNNSTUDIO_RUNS", str(tmp_path / "empty"))
    assert main(["runs", "list", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert main(["runs", "list", "--root", str(run.parent)]) == 0
    assert "finished" in capsys.readouterr().out
