"""File and class names the console or UTF-8 cannot hold: training and `data inspect` carry on."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cnnstudio.core.data import files_digest, open_folder
from cnnstudio.core.events import Finished
from cnnstudio.core.jobs import drive
from cnnstudio.core.training import TrainConfig, train
from tests.helpers import make_stripes_folder

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="needs a file system that takes any bytes as a name")


def _latin1_folder(root: Path) -> Path:
    """Stripes whose "horizontal" files are all named ``café_N.png`` in Latin-1: not valid UTF-8."""
    make_stripes_folder(root, per_class=8)
    folder = os.fsencode(root / "horizontal")
    for i, name in enumerate(sorted(os.listdir(folder))):
        os.rename(os.path.join(folder, name), os.path.join(folder, b"caf\xe9_%d.png" % i))
    return root


def _run_cli(args: list[str], **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "cnnstudio", *args],
        capture_output=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1", **env},
        timeout=120,
    )


def test_a_latin1_file_name_trains_for_one_epoch_and_hashes_losslessly(tmp_path):
    dataset = open_folder(_latin1_folder(tmp_path / "data"), seed=0)
    assert any("caf\udce9" in path for path, _ in dataset.files["train"])
    digest = files_digest(dataset, ["train", "validation"])
    renamed = open_folder(tmp_path / "data", seed=0)
    renamed.files = {s: [(p.replace("\udce9", "\udce8"), label) for p, label in f] for s, f in dataset.files.items()}
    assert (
        files_digest(renamed, ["train", "validation"]) != digest
    )  # é and è in Latin-1: told apart, not both hashed as '?'
    config = TrainConfig(model="seed-separable", image_size=24, epochs=1, batch_size=8, seed=0, threads=1)
    events = list(drive(train(dataset, config, tmp_path / "run")))
    assert isinstance(events[-1], Finished), events[-1]


def test_the_cli_trains_on_a_latin1_file_name_and_prints_valid_json(tmp_path):
    root = _latin1_folder(tmp_path / "data")
    args = ["train", str(root), "--out", str(tmp_path / "run"), "--model", "seed-separable"]
    proc = _run_cli([*args, "--image-size", "24", "--epochs", "1", "--threads", "1", "--json"])
    assert proc.returncode == 0, proc.stderr.decode(errors="replace")
    assert json.loads(proc.stdout.decode("utf-8").strip().splitlines()[-1])["epochs"] == 1


def test_data_inspect_of_chinese_class_names_on_a_cp1252_console_exits_0(tmp_path):
    root = tmp_path / "data"
    make_stripes_folder(root, per_class=4)
    (root / "horizontal").rename(root / "横线")
    (root / "vertical").rename(root / "竖线")
    proc = _run_cli(["data", "inspect", str(root)], PYTHONIOENCODING="cp1252")
    assert proc.returncode == 0, proc.stderr.decode("cp1252", errors="replace")
    assert "\\u6a2a\\u7ebf" in proc.stdout.decode("cp1252")  # 横线, escaped rather than a crash


def test_a_class_folder_named_in_latin1_trains_and_its_name_reads_back_from_the_run(tmp_path):
    from cnnstudio.core.runs import RunFolder

    root = make_stripes_folder(tmp_path / "data", per_class=8)
    os.rename(os.fsencode(root / "vertical"), os.fsencode(root) + b"/caf\xe9")
    dataset = open_folder(root)
    settings = TrainConfig(model="seed-separable", image_size=24, epochs=1, batch_size=8, seed=0)
    events = list(drive(train(dataset, settings, tmp_path / "run")))
    assert isinstance(events[-1], Finished), events[-1]
    names = RunFolder(tmp_path / "run").read_config()["class_names"]
    assert [os.fsencode(name) for name in names] == [b"caf\xe9", b"horizontal"]
