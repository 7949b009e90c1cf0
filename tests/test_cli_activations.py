"""`cnnstudio layers` and `cnnstudio activations` on a run folder (in process, through `main`)."""

from __future__ import annotations

import json
import os

import pytest
from PIL import Image

import cnnstudio
from cnnstudio.cli import main
from cnnstudio.core.visualize import activation_grid, activations, open_subject
from tests.helpers import write_model_run

CHELSEA = os.path.join(os.path.dirname(cnnstudio.__file__), "resources", "samples", "chelsea.jpg")


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory):
    return write_model_run(tmp_path_factory.mktemp("cli") / "run", "small-convnet", image_size=64)


def test_layers_json_lists_name_type_and_shape(run_dir, capsys):
    assert main(["layers", str(run_dir), "--json"]) == 0
    layers = json.loads(capsys.readouterr().out)
    assert layers[0] == {"name": "conv2d", "type": "Conv2D", "shape": [32, 62, 62]}
    assert layers[-1] == {"name": "dense_1", "type": "Dense", "shape": [1]}
    assert [layer["name"] for layer in layers][:3] == ["conv2d", "max_pooling2d", "conv2d_1"]


def test_layers_prints_a_table(run_dir, capsys):
    assert main(["layers", str(run_dir)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["layer", "type", "output", "shape"]
    assert lines[1].split() == ["conv2d", "Conv2D", "32", "×", "62", "×", "62"]
    assert len(lines) == 12


def test_activations_writes_the_labelled_grid(run_dir, tmp_path, capsys):
    out = tmp_path / "grids" / "conv2d_1.png"
    assert main(["activations", str(run_dir), CHELSEA, "--layer", "conv2d_1", "--out", str(out)]) == 0
    subject = open_subject(run_dir=run_dir)
    job = activations(subject, CHELSEA, layers=["conv2d_1"])
    try:
        while True:
            next(job)
    except StopIteration as stop:
        expected = activation_grid(stop.value.feature_maps("conv2d_1"))
    with Image.open(out) as image:
        assert image.format == "PNG"
        assert image.size == (expected.image.shape[1], expected.image.shape[0])
        assert image.size == (16 * 60 - 2, 4 * (58 + 11 + 2) - 2)  # 64 maps of 29 px, doubled; 16 per row


@pytest.mark.parametrize(
    ("layer", "needle"), [("conv2d_9", "Closest names: conv2d_"), ("dense", "not 2-D feature maps")]
)
def test_a_bad_layer_exits_2_with_one_line(run_dir, tmp_path, capsys, layer, needle):
    out = tmp_path / "x.png"
    assert main(["activations", str(run_dir), CHELSEA, "--layer", layer, "--out", str(out)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and needle in err[0]
    assert not out.exists()


def test_layers_refuses_an_image_and_activations_wants_exactly_one(run_dir, capsys):
    assert main(["layers", "--backbone", "efficientnet-lite0", CHELSEA]) == 2
    assert "not an image" in capsys.readouterr().err
    assert main(["activations", str(run_dir), "--layer", "conv2d", "--out", "x.png"]) == 2
    assert "exactly one image" in capsys.readouterr().err
