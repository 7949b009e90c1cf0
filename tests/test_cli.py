from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from cnnstudio.cli import main
from tests.helpers import make_stripes_folder


def run_cli(args: list[str]) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.run(
        [sys.executable, "-m", "cnnstudio", *args], capture_output=True, text=True, env=env, timeout=300
    )


def test_train_demo_for_one_epoch_prints_the_result_as_json(tmp_path):
    run_dir = tmp_path / "run"
    proc = run_cli(
        [
            "train",
            "demo",
            "--out",
            str(run_dir),
            "--epochs",
            "1",
            "--model",
            "seed-separable",
            "--image-size",
            "32",
            "--json",
        ]
    )
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    for key in (
        "run_dir",
        "epochs",
        "best_epoch",
        "val_accuracy",
        "val_loss",
        "train_accuracy",
        "images_per_second",
        "skipped_files",
    ):
        assert key in result
    assert result["epochs"] == 1 and result["best_epoch"] == 1 and result["skipped_files"] == 0
    assert 0.0 <= result["val_accuracy"] <= 1.0 and result["images_per_second"] > 0
    assert os.path.samefile(result["run_dir"], run_dir)
    assert (run_dir / "best.safetensors").exists()


def test_a_missing_dataset_folder_exits_2_with_one_line_naming_it(tmp_path):
    missing = tmp_path / "no-such-folder"
    proc = run_cli(["train", str(missing), "--out", str(tmp_path / "run")])
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and str(missing) in lines[0]
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize(
    "args,needle",
    [
        (["train", "demo", "--out", "x", "--epochs", "0"], "--epochs"),
        (["train", "demo", "--out", "x", "--lr", "abc"], "--lr"),
        (["train", "demo"], "--out"),
        (["summary", "--model", "resnet-9000"], "--model"),
        (["frobnicate"], "frobnicate"),
    ],
)
def test_bad_options_exit_2_with_one_line_on_stderr(args, needle, capsys):
    assert main(args) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and needle in err[0]


def test_a_dataset_with_one_class_exits_2(tmp_path, capsys):
    root = make_stripes_folder(tmp_path / "data", per_class=3)
    for f in (root / "vertical").iterdir():
        f.unlink()
    assert main(["train", str(root), "--out", str(tmp_path / "run")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "at least two classes" in err[0]


def test_an_existing_non_empty_run_folder_is_refused(tmp_path, capsys):
    data = make_stripes_folder(tmp_path / "data", per_class=6)
    out = tmp_path / "run"
    out.mkdir()
    (out / "keep.txt").write_text("mine")
    assert main(["train", str(data), "--out", str(out), "--model", "seed-separable", "--image-size", "24"]) == 2
    assert "not empty" in capsys.readouterr().err
    assert (out / "keep.txt").read_text() == "mine"


def test_summary_json_gives_layers_and_totals(capsys):
    assert main(["summary", "--model", "small-convnet", "--image-size", "150", "--classes", "2", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["total_params"] == 3_453_121 and data["trainable_params"] == 3_453_121
    assert data["layers"][0] == {
        "name": "conv2d",
        "type": "Conv2D",
        "output_shape": [None, 148, 148, 32],
        "params": 896,
        "trainable_params": 896,
        "receptive_field": 3,
        "macs": 148 * 148 * 27 * 32,
    }
    assert data["total_macs"] == sum(layer["macs"] for layer in data["layers"])


def test_summary_table_reads_like_keras(capsys):
    assert main(["summary", "--model", "seed-separable", "--image-size", "64", "--classes", "4"]) == 0
    out = capsys.readouterr().out
    assert "separable_conv2d (SeparableConv2D)" in out and "(None, 62, 62, 32)" in out
    assert "Total params: 15,711" in out


def test_demo_data_writes_a_split_image_folder_that_trains(tmp_path, capsys):
    out = tmp_path / "demo"
    assert main(["demo-data", str(out)]) == 0
    from cnnstudio.core.data import open_folder
    from cnnstudio.core.data.demo import DEMO_CLASSES, demo_counts

    for split, per_class in demo_counts().items():
        for name, count in per_class.items():
            assert len(list((out / split / name).glob("*.png"))) == count
    dataset = open_folder(out)
    assert dataset.layout == "split-folders" and dataset.class_names == tuple(sorted(DEMO_CLASSES))
    capsys.readouterr()
    assert main(["demo-data", str(out)]) == 2  # never overwrites
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0] == (
        f"cnnstudio: {out} already exists and is not an empty folder; choose a new folder so nothing is overwritten."
    )


def test_data_inspect_lists_counts_and_every_skipped_file_with_its_reason(tmp_path, capsys):
    data = make_stripes_folder(tmp_path / "data", per_class=5)
    (data / "vertical" / "notes.png").write_text("not a picture")
    assert main(["data", "inspect", str(data), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["layout"] == "class-folders" and report["classes"] == ["horizontal", "vertical"]
    assert sum(report["counts"]["train"].values()) + sum(report["counts"]["validation"].values()) <= 10
    assert report["skipped"] == [{"path": str(data / "vertical" / "notes.png"), "reason": "not an image"}]
    assert report["image_sizes"] == {"min": [24, 24], "median": [24, 24], "max": [24, 24]}
    assert main(["data", "inspect", str(data)]) == 0
    out = capsys.readouterr().out
    assert "layout: class-folders    image size: 24×24" in out
    assert "skipped files: 1" in out and f"  {data / 'vertical' / 'notes.png'}: not an image" in out
    assert main(["data", "inspect", str(tmp_path / "missing")]) == 2


def test_data_subset_copies_and_never_overwrites(tmp_path, capsys):
    data = make_stripes_folder(tmp_path / "data", per_class=6)
    out = tmp_path / "small"
    assert main(["data", "subset", str(data), str(out), "--per-class", "train=2,val=1"]) == 0
    assert capsys.readouterr().out.strip() == (
        f"copied 6 images to {out}: train horizontal 2, vertical 2; validation horizontal 1, vertical 1"
    )
    assert len(list((out / "train" / "vertical").iterdir())) == 2
    assert main(["data", "subset", str(data), str(out), "--per-class", "train=1"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "not an empty folder" in err[0]


def test_train_on_a_folder_without_json_prints_epochs(tmp_path, capsys):
    data = make_stripes_folder(tmp_path / "data", per_class=6)
    assert (
        main(
            [
                "train",
                str(data),
                "--out",
                str(tmp_path / "run"),
                "--model",
                "seed-separable",
                "--image-size",
                "24",
                "--epochs",
                "2",
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "epoch 1/2" in out and "epoch 2/2" in out


CHELSEA = __import__("pathlib").Path(__import__("cnnstudio").__file__).parent / "resources" / "samples" / "chelsea.jpg"


def test_predict_with_the_offline_backbone_names_chelseas_cat(capsys):
    assert main(["predict", "--backbone", "efficientnet-lite0", str(CHELSEA), "--top-k", "3", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result[0]["image"] == str(CHELSEA)
    assert result[0]["top"][0]["class"] in {"Egyptian cat", "tabby", "tiger cat"}
    assert len(result[0]["top"]) == 3


def test_predict_prints_what_the_classify_function_returns(capsys, tmp_path):
    from cnnstudio.core.jobs import drive
    from cnnstudio.core.predict import classify

    other = make_stripes_folder(tmp_path / "data", per_class=1, size=32) / "vertical" / "vertical_000.png"
    images = [str(CHELSEA), str(other)]
    assert main(["predict", "--backbone", "efficientnet-lite0", *images, "--top-k", "2", "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    events = list(drive(classify(images, backbone="efficientnet-lite0", top_k=2)))
    assert printed == events[-1].result  # the function the Classify dock calls, row for row


def test_a_weights_file_with_code_is_refused_in_one_line_and_nothing_else_on_stderr(tmp_path):
    import pickle

    class Trap:
        def __reduce__(self):
            return (os.mkdir, (str(tmp_path / "code-ran"),))

    with open(tmp_path / "evil.pth", "wb") as f:
        pickle.dump({"weight": Trap()}, f, protocol=5)  # torch's unpickler warns about protocol 5
    data = make_stripes_folder(tmp_path / "data", per_class=4, size=32)
    args = ["train", str(data), "--out", str(tmp_path / "run"), "--backbone", "efficientnet-lite0"]
    result = run_cli([*args, "--weights", str(tmp_path / "evil.pth"), "--image-size", "32"])
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "cnnstudio: evil.pth contains pickled objects, which cnnstudio never loads; save a state_dict or a safetensors file."
    ]
    assert not (tmp_path / "code-ran").exists()


def test_models_list_shows_the_offline_default_with_weights_here(capsys):
    assert main(["models", "list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    lite = next(line for line in lines if line.startswith("efficientnet-lite0"))
    assert "weights here" in lite and "offline default" in lite
    assert any(line.startswith("vgg16") for line in lines)


def test_train_feature_extraction_on_cached_features_then_predict_with_the_run(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("CNNSTUDIO_CACHE", str(tmp_path / "cache"))
    data = make_stripes_folder(tmp_path / "data", per_class=8, size=32)
    run = tmp_path / "run"
    assert (
        main(
            [
                "train",
                str(data),
                "--out",
                str(run),
                "--backbone",
                "efficientnet-lite0",
                "--cached-features",
                "--image-size",
                "32",
                "--epochs",
                "2",
                "--json",
            ]
        )
        == 0
    )
    result = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert result["epochs"] == 2
    image = next((data / "vertical").iterdir())
    assert main(["predict", str(run), str(image), "--json"]) == 0
    top = json.loads(capsys.readouterr().out)[0]["top"]
    assert {row["class"] for row in top} == {"horizontal", "vertical"}


def test_a_weights_file_with_the_wrong_keys_is_refused_with_the_keys_listed(tmp_path, capsys):
    import torch

    bad = tmp_path / "bad.pth"
    torch.save({"fc.weight": torch.zeros(2, 2), "conv_stem.weight": torch.zeros(1)}, bad)
    data = make_stripes_folder(tmp_path / "data", per_class=4, size=32)
    code = main(
        [
            "train",
            str(data),
            "--out",
            str(tmp_path / "run"),
            "--backbone",
            "efficientnet-lite0",
            "--weights",
            str(bad),
            "--image-size",
            "32",
        ]
    )
    err = capsys.readouterr().err
    assert code == 2 and "fc.weight" in err and "missing" in err.lower()
    assert not (tmp_path / "run").exists()  # nothing created for a run that could not start


def test_predict_refuses_a_file_that_is_not_an_image(tmp_path, capsys):
    junk = tmp_path / "notes.jpg"
    junk.write_text("hello")
    assert main(["predict", "--backbone", "efficientnet-lite0", str(junk)]) == 2
    assert "not an image" in capsys.readouterr().err
