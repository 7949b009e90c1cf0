"""`cnnstudio train --probes auto | --probe IMG` and `cnnstudio runs timeline`: explanations over time, headless."""

from __future__ import annotations

import numpy as np
from PIL import Image

from cnnstudio.cli import main
from cnnstudio.core.training.probes import RIGHT, WRONG, read_timeline
from tests.helpers import make_stripes_folder


def test_train_with_auto_probes_then_a_contact_sheet(tmp_path, capsys):
    data = make_stripes_folder(tmp_path / "data", per_class=8)
    run_dir = tmp_path / "run"
    args = ["train", str(data), "--out", str(run_dir), "--epochs", "2", "--image-size", "28", "--batch-size", "8"]
    args += ["--model", "mnist-convnet"]
    assert main([*args, "--probes", "auto"]) == 0
    timeline = read_timeline(run_dir)
    assert timeline.epochs == [1, 2] and len(timeline.probes) == 2
    sheet = tmp_path / "sheet.png"
    assert main(["runs", "timeline", str(run_dir), "--out", str(sheet), "--size", "32"]) == 0
    image = np.array(Image.open(sheet))
    cell = 32 + 2 * 3
    assert image.shape == (3 * cell, 2 * cell, 3)  # the probes, then a row per epoch
    frame = timeline.frame(2)
    for j, probe in enumerate(timeline.probes):  # each cell's frame says right or wrong
        expected = RIGHT if int(frame.top1[j]) == probe.label else WRONG
        assert tuple(image[2 * cell, j * cell]) == expected
    assert "2 epochs × 2 probes" in capsys.readouterr().out


def test_probe_and_auto_together_are_refused(tmp_path, capsys):
    args = ["train", str(tmp_path), "--out", str(tmp_path / "r"), "--probes", "auto", "--probe", "x.png"]
    assert main(args) == 2
    assert "not both" in capsys.readouterr().err


def test_timeline_of_a_run_without_probes_says_how(tmp_path, capsys):
    assert main(["runs", "timeline", str(tmp_path), "--out", str(tmp_path / "s.png")]) == 2
    assert "--probes auto" in capsys.readouterr().err
