"""Run folders under contention and after crashes: one run per folder, stale locks and temporaries go,
strict JSON, and files that follow the umask."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time

import pytest

from cnnstudio.core.data import open_folder
from cnnstudio.core.errors import RunFolderError
from cnnstudio.core.events import BatchEnd, Failed, Finished, Progress
from cnnstudio.core.jobs import drive
from cnnstudio.core.runs.folder import LOCK, RunFolder
from cnnstudio.core.training import TrainConfig, train
from tests.helpers import make_stripes_folder


@pytest.fixture(scope="module")
def stripes(tmp_path_factory):
    return open_folder(make_stripes_folder(tmp_path_factory.mktemp("stripes"), per_class=12), seed=0)


def config(**changes) -> TrainConfig:
    values = dict(model="seed-separable", image_size=24, epochs=2, batch_size=8, optimizer="rmsprop", seed=0, threads=1)
    values.update(changes)
    return TrainConfig(**values)


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def _write_lock(folder, pid: int, host: str | None = None) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    record = {"pid": pid, "host": host or socket.gethostname(), "started": "2026-11-30T12:00:00+00:00", "token": "x"}
    (folder / LOCK).write_text(json.dumps(record))


def _strict(text: str):
    def refuse(constant):
        raise ValueError(f"not strict JSON: {constant}")

    return json.loads(text, parse_constant=refuse)


def test_a_second_run_into_a_folder_in_use_fails_at_once_and_the_first_finishes_intact(stripes, tmp_path):
    target = tmp_path / "run"
    first = drive(train(stripes, config(), target))
    for event in first:
        if isinstance(event, BatchEnd):
            break  # the first run holds the folder now
    started = time.perf_counter()
    second = list(drive(train(stripes, config(), target)))
    assert time.perf_counter() - started < 2.0
    assert not any(isinstance(e, Progress) for e in second)  # refused before loading any data
    assert isinstance(second[-1], Failed) and second[-1].reason.id == "runs.in_use"
    reason = str(second[-1].reason)
    assert f"process {os.getpid()}" in reason and "\n" not in reason
    rest = list(first)
    assert isinstance(rest[-1], Finished), rest[-1]
    folder = RunFolder(target)
    assert folder.read_status()["status"] == "finished" and len(folder.read_history()) == 2
    assert sorted(p.name for p in target.iterdir()) == sorted(
        ["config.json", "history.jsonl", "status.json", "best.safetensors", "last.safetensors", "checkpoint.pt"]
    )  # the lock went with the run


def test_claiming_a_folder_whose_claim_is_live_is_refused_and_names_the_holder(tmp_path):
    first = RunFolder.create(tmp_path / "run")
    with pytest.raises(RunFolderError) as info:
        RunFolder.create(tmp_path / "run")
    assert info.value.message.id == "runs.in_use" and str(os.getpid()) in str(info.value)
    with pytest.raises(RunFolderError, match="another run"):
        RunFolder.check_new(tmp_path / "run")
    first.release()
    assert list((tmp_path / "run").iterdir()) == []
    RunFolder.create(tmp_path / "run").release()  # free again


def test_a_lock_held_on_another_host_is_respected(tmp_path):
    _write_lock(tmp_path / "run", _dead_pid(), host="some-other-machine")
    with pytest.raises(RunFolderError, match="some-other-machine"):
        RunFolder.create(tmp_path / "run")


def test_a_lock_whose_process_is_gone_is_reclaimed_and_stale_temporaries_are_swept(stripes, tmp_path):
    target = tmp_path / "run"
    _write_lock(target, _dead_pid())
    (target / ".best.safetensors.abc123.partial").write_bytes(b"half a save")
    events = list(drive(train(stripes, config(epochs=1), target)))
    assert isinstance(events[-1], Finished), events[-1]
    names = [p.name for p in target.iterdir()]
    assert LOCK not in names and not any(n.endswith(".partial") for n in names)


def test_creating_a_run_folder_sweeps_temporaries_and_holds_a_lock_with_the_process_id(tmp_path):
    (tmp_path / "run").mkdir()
    (tmp_path / "run" / ".last.safetensors.x.partial").write_bytes(b"half")
    folder = RunFolder.create(tmp_path / "run")
    assert [p.name for p in (tmp_path / "run").iterdir()] == [LOCK]
    record = json.loads((tmp_path / "run" / LOCK).read_text())
    assert record["pid"] == os.getpid() and record["host"] == socket.gethostname() and record["started"]
    folder.remove()
    assert list((tmp_path / "run").iterdir()) == []  # remove() gives up the claim too


def test_a_folder_with_files_is_still_refused_with_a_stale_lock(tmp_path):
    _write_lock(tmp_path / "run", _dead_pid())
    (tmp_path / "run" / "notes.txt").write_text("mine")
    with pytest.raises(RunFolderError) as info:
        RunFolder.create(tmp_path / "run")
    assert info.value.message.id == "runs.not_empty"


def test_release_leaves_a_lock_that_is_not_ours(tmp_path):
    folder = RunFolder.create(tmp_path / "run")
    _write_lock(tmp_path / "run", os.getpid())  # someone reclaimed it (token "x")
    folder.release()
    assert (tmp_path / "run" / LOCK).exists()


def test_history_and_status_are_strict_json_with_null_for_non_finite_values(tmp_path):
    folder = RunFolder.create(tmp_path / "run")
    folder.write_history([{"epoch": 1, "val_loss": float("nan"), "train_loss": float("inf"), "val_accuracy": 0.5}])
    folder.write_status({"status": "failed", "best": {"loss": float("-inf")}, "losses": [1.0, float("nan")]})
    rows = [_strict(line) for line in (tmp_path / "run" / "history.jsonl").read_text().splitlines()]
    assert rows == [{"epoch": 1, "val_loss": None, "train_loss": None, "val_accuracy": 0.5}]
    status = _strict((tmp_path / "run" / "status.json").read_text())
    assert status == {"status": "failed", "best": {"loss": None}, "losses": [1.0, None]}
    folder.release()


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_run_files_follow_the_umask(stripes, tmp_path):
    old = os.umask(0o022)
    try:
        events = list(drive(train(stripes, config(epochs=1), tmp_path / "run")))
    finally:
        os.umask(old)
    assert isinstance(events[-1], Finished), events[-1]
    modes = {p.name: p.stat().st_mode & 0o777 for p in (tmp_path / "run").iterdir()}
    assert modes and all(mode == 0o644 for mode in modes.values()), modes


def test_reading_the_runs_list_sweeps_stale_temporaries_but_not_those_of_a_run_in_progress(tmp_path):
    from cnnstudio.core.runs import list_runs
    from tests.helpers import write_model_run

    finished = write_model_run(tmp_path / "runs" / "finished", "seed-separable", image_size=24)
    (finished / ".best.safetensors.abc123.partial").write_bytes(b"half a save")
    busy = write_model_run(tmp_path / "runs" / "busy", "seed-separable", image_size=24)
    (busy / ".last.safetensors.def456.partial").write_bytes(b"being written")
    _write_lock(busy, os.getpid())  # a live process holds it: its temporary file may be a write in progress
    assert {e.name for e in list_runs(tmp_path / "runs")} == {"finished", "busy"}
    assert not list(finished.glob("*.partial"))
    assert [p.name for p in busy.glob("*.partial")] == [".last.safetensors.def456.partial"]
