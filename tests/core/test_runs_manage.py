"""Renaming and deleting run folders, and reading their curves for the Runs dock's comparison."""

from __future__ import annotations

import json
import math
import socket
from pathlib import Path

import pytest

from cnnstudio.core.errors import RunFolderError
from cnnstudio.core.runs import RunFolder, delete_run, list_details, read_curves, read_details, read_run, rename_run
from tests.helpers import write_model_run


def history(epochs: int, start: float = 0.5, step: float = 0.1) -> list[dict]:
    return [
        {
            "epoch": e,
            "phase": "train",
            "train_loss": 1.0 / e,
            "train_accuracy": min(1.0, start + step * e),
            "val_loss": 1.2 / e + 0.01 * e,
            "val_accuracy": min(1.0, start + step * e / 2),
            "seconds": 10.0 * e,
        }
        for e in range(1, epochs + 1)
    ]


def finished_run(path: Path, rows: list[dict], *, status: str = "finished", transfer: dict | None = None) -> Path:
    """A real run folder (seeded weights) with the history, status and config a run writes."""
    run = write_model_run(path, "seed-separable", image_size=32)
    folder = RunFolder(run)
    if transfer is not None:
        config = folder.read_config()
        config["transfer"] = transfer
        folder.write_config(config)
    folder.write_history(rows)
    best = min(rows, key=lambda r: r["val_loss"])["epoch"] if rows else 0
    folder.write_status({"status": status, "reason": "", "epochs_completed": len(rows), "best_epoch": best})
    return run


@pytest.fixture
def held_run(tmp_path):
    """A run in progress: this process holds its lock while the test runs."""
    folder = RunFolder.create(tmp_path / "runs" / "running")
    folder.write_config({"class_names": ["a", "b"]})
    folder.write_status({"status": "running", "reason": "", "epochs_completed": 0, "best_epoch": 0})
    yield folder.path
    folder.release()


def test_rename_moves_the_folder_and_the_run_reads_the_same(tmp_path):
    run = finished_run(tmp_path / "runs" / "20261130-a", history(3))
    before = read_run(run)
    renamed = rename_run(run, "  scratch baseline ")
    assert renamed == tmp_path / "runs" / "scratch baseline"
    assert not run.exists() and renamed.is_dir()
    after = read_run(renamed)
    assert after.name == "scratch baseline"
    assert (after.status, after.best_epoch, after.val_accuracy) == (
        before.status,
        before.best_epoch,
        before.val_accuracy,
    )


@pytest.mark.parametrize("name", ["", "   ", ".hidden", "a/b", "a\\b", "x" * 201])
def test_rename_refuses_a_name_that_is_not_a_folder_name(tmp_path, name):
    run = finished_run(tmp_path / "runs" / "r1", history(1))
    with pytest.raises(RunFolderError) as info:
        rename_run(run, name)
    assert info.value.message.id == "runs.bad_name"
    assert run.is_dir()


def test_rename_refuses_a_taken_name(tmp_path):
    first = finished_run(tmp_path / "runs" / "r1", history(1))
    second = finished_run(tmp_path / "runs" / "r2", history(2))
    with pytest.raises(RunFolderError) as info:
        rename_run(first, "r2")
    assert info.value.message.id == "runs.name_taken"
    assert read_run(first).epochs == 1 and read_run(second).epochs == 2
    assert rename_run(first, "r1") == first  # its own name is no change


def test_a_running_run_is_neither_renamed_nor_deleted(held_run):
    assert read_run(held_run).status == "running"
    for action in (lambda: rename_run(held_run, "other"), lambda: delete_run(held_run)):
        with pytest.raises(RunFolderError) as info:
            action()
        assert info.value.message.id == "runs.busy"
        assert str(held_run) in str(info.value)
    assert (held_run / "config.json").is_file()


def test_delete_removes_the_whole_run_folder(tmp_path):
    keep = finished_run(tmp_path / "runs" / "keep", history(2))
    gone = finished_run(tmp_path / "runs" / "gone", history(2), status="cancelled")
    (gone / "notes.txt").write_text("mine", encoding="utf-8")
    delete_run(gone)
    assert not gone.exists()
    assert [d.entry.name for d in list_details(tmp_path / "runs")] == ["keep"]
    assert keep.is_dir()


def test_delete_refuses_a_folder_that_is_not_a_run(tmp_path):
    other = tmp_path / "photos"
    other.mkdir()
    (other / "cat.jpg").write_bytes(b"not really")
    with pytest.raises(RunFolderError) as info:
        delete_run(other)
    assert info.value.message.id == "runs.not_a_run"
    assert (other / "cat.jpg").read_bytes() == b"not really"
    with pytest.raises(RunFolderError):
        delete_run(tmp_path / "missing")
    with pytest.raises(RunFolderError):
        rename_run(other, "x")


def test_a_stale_lock_does_not_keep_an_interrupted_run(tmp_path):
    run = finished_run(tmp_path / "runs" / "dead", history(1), status="running")
    (run / ".cnnstudio-run.lock").write_text(
        json.dumps({"pid": 999_999_999, "host": socket.gethostname()}), encoding="utf-8"
    )
    assert read_run(run).status == "interrupted"
    delete_run(run)
    assert not run.exists()


def test_curves_and_details_are_the_history(tmp_path):
    rows = history(4)
    rows[2]["val_accuracy"] = None  # an epoch without a value stays a gap
    run = finished_run(
        tmp_path / "runs" / "tuned", rows, transfer={"backbone": "efficientnet-lite0", "mode": "fine-tune"}
    )
    curves = read_curves(run)
    assert curves.epochs == [1, 2, 3, 4] and len(curves) == 4
    assert curves.train_loss == [r["train_loss"] for r in rows]
    assert curves.val_loss == [r["val_loss"] for r in rows]
    assert curves.train_accuracy == [r["train_accuracy"] for r in rows]
    assert curves.val_accuracy[:2] == [rows[0]["val_accuracy"], rows[1]["val_accuracy"]]
    assert math.isnan(curves.val_accuracy[2])
    details = read_details(run)
    assert details.transfer_mode == "fine-tune"
    assert details.final_val_loss == rows[-1]["val_loss"]
    assert details.entry.model == "efficientnet-lite0 (fine-tune)"
    assert details.entry.best_epoch == min(rows, key=lambda r: r["val_loss"])["epoch"]


def test_a_damaged_history_gives_no_curves_and_no_error(tmp_path):
    run = finished_run(tmp_path / "runs" / "bad", history(2))
    (run / "history.jsonl").write_text("{not json\n", encoding="utf-8")
    with pytest.raises(RunFolderError):
        read_curves(run)
    details = read_details(run)
    assert details.entry.status == "unreadable" and len(details.curves) == 0
    assert read_curves(tmp_path / "runs" / "none").epochs == []
