"""A CLI mistake is answered before torch is imported: the dataset folder is checked before the parser is built."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from cnnstudio.cli import main
from cnnstudio.cli.common import early_complaint

ROOT = Path(__file__).resolve().parents[1]

_PROBE = """
import contextlib, io, json, sys
from cnnstudio.cli import main
err = io.StringIO()
with contextlib.redirect_stderr(err):
    status = main(sys.argv[1:])
print(json.dumps({"status": status, "stderr": err.getvalue(), "torch": "torch" in sys.modules}))
"""


def run_probe(*args: str) -> dict:
    """`cnnstudio.cli.main(args)` in a fresh interpreter: its status, its stderr and whether torch was imported."""
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(_PROBE), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,  # generous: a loaded machine; the test asserts on sys.modules, not on time
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("train", "/nonexistent", "--out", "x"), "the dataset folder /nonexistent does not exist"),
        (("data", "inspect", "/nonexistent"), "the dataset folder /nonexistent does not exist"),
        (("data", "subset", "/nonexistent", "out", "--per-class", "train=1"), "/nonexistent does not exist"),
    ],
)
def test_a_missing_dataset_folder_is_answered_without_importing_torch(args, expected):
    result = run_probe(*args)
    assert result["status"] == 2
    assert expected in result["stderr"] and result["stderr"].count("\n") == 1
    assert result["torch"] is False


def test_a_file_given_as_the_dataset_folder_is_answered_without_importing_torch(tmp_path):
    a_file = tmp_path / "images.zip"
    a_file.write_bytes(b"PK")
    result = run_probe("train", str(a_file), "--out", str(tmp_path / "run"))
    assert result["status"] == 2 and "is a file, not a folder" in result["stderr"]
    assert result["torch"] is False


def test_only_the_unambiguous_first_positional_is_checked_early(tmp_path):
    assert early_complaint(["train", "demo", "--out", "x"]) is None
    assert early_complaint(["train", str(tmp_path), "--out", "x"]) is None
    # After an option the next word may be the option's value: the parser decides.
    assert early_complaint(["train", "--model", "tinyvgg", "/nonexistent"]) is None
    assert early_complaint(["train", "/nonexistent", "--help"]) is None  # help wins
    assert early_complaint(["runs", "list"]) is None
    assert "does not exist" in early_complaint(["train", "/nonexistent"])


def test_other_mistakes_still_reach_the_parser(tmp_path, capsys):
    assert main(["train", str(tmp_path), "--out", str(tmp_path / "run"), "--epochs", "abc"]) == 2
    assert "--epochs" in capsys.readouterr().err


_HELP_PROBE = """
import contextlib, io, json, sys
from cnnstudio.cli import main
out, err = io.StringIO(), io.StringIO()
with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
    try:
        status = main(sys.argv[1:])
    except SystemExit as exc:  # argparse leaves through sys.exit after --help and after a usage error
        status = exc.code
torch = sorted(m for m in sys.modules if m.split(".")[0] in ("torch", "torchvision"))
print(json.dumps({"status": status, "stdout": out.getvalue(), "stderr": err.getvalue(), "torch": torch}))
"""


@pytest.mark.parametrize(
    ("args", "status", "expected"),
    [
        (("--help",), 0, "heatmap"),
        (("train", "--help"), 0, "--optimizer"),
        (("export", "--help"), 0, "torchscript"),
        (("filters", "--help"), 0, "robust"),
        (("train", "demo", "--out", "x", "--model", "nope"), 2, "invalid choice: 'nope'"),
    ],
)
def test_help_and_argument_errors_are_answered_without_importing_torch(args, status, expected):
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(_HELP_PROBE), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["status"] == status
    assert expected in result["stdout"] + result["stderr"]
    assert result["torch"] == []
