"""`cnnstudio doctor`: the environment and the licences, as text and as JSON."""

from __future__ import annotations

import json
import os

import torch

from cnnstudio.cli import main


def test_doctor_prints_the_running_versions_and_the_licences(capsys):
    assert main(["doctor"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert f"torch: {torch.__version__}" in out
    assert f"CPU cores: {os.cpu_count()}" in out
    assert out.index("licences:") > out.index(f"torch: {torch.__version__}")
    assert any(line.strip().startswith("chelsea.jpg") and "CC0" in line for line in out)


def test_doctor_json_has_the_environment_and_the_licences(capsys):
    assert main(["doctor", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["environment"]["torch"] == torch.__version__
    assert report["environment"]["devices"].split(", ")[0] == "cpu"
    assert report["licences"]["cnnstudio"] == "MIT"
    assert any("public domain" in licence for licence in report["licences"].values())
