"""`cnnstudio FOLDER` and `cnnstudio RUN_DIR` open the window; any other lone word that is not a command is answered at once."""

from __future__ import annotations

import argparse

import pytest

import cnnstudio.__main__ as entry
from cnnstudio.cli import COMMANDS, build_parser, main, not_a_command, window_path
from tests.test_cli_early_errors import run_probe


def test_the_commands_known_before_the_parser_are_the_parsers():
    (sub,) = [a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction)]
    assert tuple(sub.choices) == COMMANDS


def test_a_lone_existing_folder_is_for_the_window(tmp_path):
    folder = str(tmp_path)
    assert window_path([folder]) == folder
    assert window_path([folder, "--json"]) is None  # more than one word: the command line's
    assert window_path([str(tmp_path / "missing")]) is None
    assert window_path(["runs"]) is None  # a command, even if a folder "runs" is here
    assert window_path(["--version"]) is None
    assert not_a_command(["train", folder]) is None and not_a_command(["-h"]) is None


@pytest.mark.parametrize("kind", ["dataset", "run"])
def test_the_entry_point_hands_the_folder_to_the_window(tmp_path, monkeypatch, kind):
    import cnnstudio.qt.app

    folder = tmp_path / kind
    folder.mkdir()
    if kind == "run":
        (folder / "config.json").write_text("{}")
    calls = []
    monkeypatch.setattr(cnnstudio.qt.app, "run_app", lambda argv: calls.append(argv) or 0)
    assert entry.main([str(folder)]) == 0
    assert entry.main(["--gui", str(folder)]) == 0
    assert calls == [[str(folder)], [str(folder)]]


def test_a_folder_given_to_the_command_line_itself_says_how_to_open_it(tmp_path, capsys):
    assert main([str(tmp_path)]) == 2
    assert "opens the window with it" in capsys.readouterr().err


def test_a_path_that_does_not_exist_is_answered_without_importing_torch():
    result = run_probe("/nonexistent/dataset")
    assert result["status"] == 2 and result["torch"] is False
    assert result["stderr"].startswith("cnnstudio: /nonexistent/dataset is neither a command nor an existing folder")
    assert result["stderr"].count("\n") == 1


def test_a_file_or_a_mistyped_command_is_answered_too(tmp_path, capsys):
    a_file = tmp_path / "photo.jpg"
    a_file.write_bytes(b"\xff\xd8")
    assert main([str(a_file)]) == 2
    assert f"cnnstudio: {a_file} is a file" in capsys.readouterr().err
    assert main(["trian", "demo"]) == 2
    assert "trian is neither a command" in capsys.readouterr().err
