from __future__ import annotations

import json
import os
import socket
import subprocess
import sys

import pytest

from cnnstudio.core.runs import list_runs, lock_holder, read_run


def _dead_pid() -> int:
    """The id of a process that has ended (and been reaped)."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def _write_run(folder, status: str, *, epochs: int = 3, best: int = 2, lock: dict | None = None, reason: str = ""):
    folder.mkdir(parents=True)
    config = {
        "created": "2026-11-30T12:00:00+00:00",
        "class_names": ["cats", "dogs"],
        "model": {"name": "small-convnet", "input_shape": [64, 64, 3], "layers": []},
        "transfer": None,
        "training": {"augment": {}},
        "dataset": {"name": "Demo shapes", "source": "demo"},
    }
    (folder / "config.json").write_text(json.dumps(config), encoding="utf-8")
    rows = [
        {"epoch": e, "val_accuracy": 0.5 + e / 10, "seconds": 10.0 * e, "train_loss": 1.0, "val_loss": 1.0}
        for e in range(1, epochs + 1)
    ]
    (folder / "history.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    record = {"status": status, "reason": reason, "epochs_completed": epochs, "best_epoch": best}
    (folder / "status.json").write_text(json.dumps(record), encoding="utf-8")
    if lock is not None:
        (folder / ".cnnstudio-run.lock").write_text(json.dumps(lock), encoding="utf-8")
    return folder


@pytest.fixture
def workspace(tmp_path):
    root = tmp_path / "runs"
    host = socket.gethostname()
    _write_run(root / "a-finished", "finished")
    _write_run(root / "b-failed", "failed", epochs=2, best=1, reason="The loss became NaN.")
    _write_run(root / "c-stopped", "cancelled", epochs=1, best=1)
    dead = {"pid": _dead_pid(), "host": host, "started": "2026-11-30T12:00:00+00:00", "token": "x"}
    _write_run(root / "d-killed", "running", lock=dead)
    _write_run(root / "e-lock-gone", "running")
    alive = {"pid": os.getpid(), "host": host, "started": "2026-11-30T12:00:00+00:00", "token": "y"}
    _write_run(root / "f-running", "running", lock=alive)
    broken = _write_run(root / "g-broken", "finished")
    (broken / "status.json").write_text("{not json", encoding="utf-8")
    (root / "h-not-a-run").mkdir()  # a folder of the user's: no run files, not listed
    (root / "notes.txt").write_text("mine", encoding="utf-8")
    return root


def test_every_status_is_told_and_a_broken_folder_says_why(workspace):
    entries = {e.name: e for e in list_runs(workspace)}
    assert [e.name for e in list_runs(workspace)] == sorted(entries, reverse=True)
    assert {n: e.status for n, e in entries.items()} == {
        "a-finished": "finished",
        "b-failed": "failed",
        "c-stopped": "stopped",
        "d-killed": "interrupted",
        "e-lock-gone": "interrupted",
        "f-running": "running",
        "g-broken": "unreadable",
    }
    assert entries["b-failed"].reason == "The loss became NaN."
    broken = entries["g-broken"].reason
    assert "status.json is not valid JSON" in broken and "\n" not in broken
    assert "killed" in entries["d-killed"].reason


def test_an_entry_has_the_best_epochs_accuracy_and_the_runs_facts(workspace):
    entry = read_run(workspace / "a-finished")
    assert entry.run_dir == str(workspace / "a-finished")
    assert (entry.model, entry.dataset, entry.augmentation) == ("small-convnet", "Demo shapes", "none")
    assert (entry.best_epoch, entry.epochs) == (2, 3)
    assert entry.val_accuracy == pytest.approx(0.7)  # epoch 2's, not the last epoch's
    assert entry.duration == pytest.approx(30.0)
    assert set(entry.as_dict()) >= {"run_dir", "status", "model", "best_epoch", "val_accuracy", "epochs"}


def test_lock_holder_names_a_live_process_and_forgets_a_dead_one(workspace):
    assert lock_holder(workspace / "d-killed") is None
    assert lock_holder(workspace / "e-lock-gone") is None
    assert lock_holder(workspace / "f-running")["pid"] == str(os.getpid())


def test_a_missing_root_has_no_runs_and_a_missing_file_is_unreadable(tmp_path):
    assert list_runs(tmp_path / "nowhere") == []
    run = _write_run(tmp_path / "r", "finished")
    (run / "config.json").unlink()
    (entry,) = list_runs(tmp_path)
    assert entry.status == "unreadable" and "config.json is missing" in entry.reason
    (run / "history.jsonl").write_text("{}\nnot json\n", encoding="utf-8")
    (run / "config.json").write_text("{}", encoding="utf-8")
    assert read_run(run).status == "unreadable"


def test_a_run_trained_for_real_is_listed_finished(tmp_path):
    from cnnstudio.core.data import open_folder
    from cnnstudio.core.data.scan import run_to_end
    from cnnstudio.core.training import TrainConfig, train
    from tests.helpers import make_stripes_folder

    dataset = open_folder(make_stripes_folder(tmp_path / "data", per_class=8), seed=0)
    config = TrainConfig(model="seed-separable", image_size=24, epochs=2, batch_size=8, augment={}, threads=1)
    result = run_to_end(train(dataset, config, tmp_path / "runs" / "one"))
    (entry,) = list_runs(tmp_path / "runs")
    assert (entry.status, entry.epochs, entry.best_epoch) == ("finished", 2, result.best_epoch)
    assert entry.val_accuracy == pytest.approx(result.val_accuracy)
    assert entry.model == "seed-separable" and entry.augmentation == "none" and entry.duration > 0
