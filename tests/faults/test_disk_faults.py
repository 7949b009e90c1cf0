"""Faults of the machine are user errors: a full disk, a read-only or vanished folder fail the run with
one line naming the path and the fix (exit 2 in the CLI), never a traceback, and status.json still says
how the run ended whenever it can be written. No real disk is filled: the atomic writer is made to fail."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

import cnnstudio.core.io as io
from cnnstudio.cli import main
from cnnstudio.core.data import open_folder
from cnnstudio.core.events import Failed
from cnnstudio.core.io import TEMP_SUFFIX
from cnnstudio.core.jobs import drive
from cnnstudio.core.runs.folder import LAST, STATUS, RunFolder
from cnnstudio.core.training import TrainConfig, train
from tests.helpers import make_stripes_folder


@pytest.fixture(scope="module")
def stripes_root(tmp_path_factory):
    return make_stripes_folder(tmp_path_factory.mktemp("stripes"), per_class=12)


@pytest.fixture(scope="module")
def stripes(stripes_root):
    return open_folder(stripes_root, seed=0)


def config() -> TrainConfig:
    return TrainConfig(
        model="seed-separable", image_size=24, epochs=2, batch_size=8, optimizer="rmsprop", seed=0, threads=1
    )


def fail_writes(monkeypatch, code: int, *, name: str | None = None, after: int = 0, once_written: str = "") -> None:
    """Make the atomic writer fail with `code` (for files called `name`, or any) once `after` such writes
    (or a write of the file `once_written`) succeeded. The failure comes from inside the write, as a full
    disk's would: the temporary file exists and must go."""
    real = io.atomic_write
    seen: list[str] = []
    written: list[str] = []

    def atomic_write(path, writer):
        path = Path(path)
        if once_written and once_written not in written:
            written.append(path.name)
            return real(path, writer)
        if name is None or path.name == name:
            seen.append(path.name)
            if len(seen) > after:

                def failing(handle):
                    handle.write(b"x")
                    raise OSError(code, os.strerror(code), str(path))

                return real(path, failing)
        return real(path, writer)

    monkeypatch.setattr(io, "atomic_write", atomic_write)


def last_event(stripes, run_dir):
    events = list(drive(train(stripes, config(), run_dir)))
    return events[-1]


def no_temporaries(run_dir: Path) -> bool:
    return not any(p.name.endswith(TEMP_SUFFIX) for p in run_dir.iterdir())


def test_a_full_disk_while_saving_weights_fails_the_run_as_a_user_error_and_status_says_so(
    stripes, tmp_path, monkeypatch
):
    fail_writes(monkeypatch, errno.ENOSPC, name=LAST, after=1)  # the second epoch's weights find the disk full
    run_dir = tmp_path / "run"
    event = last_event(stripes, run_dir)
    assert isinstance(event, Failed)
    assert event.reason.id == "runs.disk_full"
    assert not event.is_bug
    assert str(run_dir / LAST) in str(event.reason) and "free some space" in str(event.reason).lower()
    status = RunFolder(run_dir).read_status()
    assert status["status"] == "failed" and status["reason_id"] == "runs.disk_full"
    assert status["epochs_completed"] == 1
    assert no_temporaries(run_dir)


def test_a_disk_full_for_every_new_file_still_records_the_failure_in_status_json(stripes, tmp_path, monkeypatch):
    # After the first epoch no new file can be written at all (status.json included): the run fails with
    # one user error, nothing chained, and the existing status.json is overwritten in place.
    fail_writes(monkeypatch, errno.ENOSPC, once_written="best.safetensors")
    run_dir = tmp_path / "run"
    event = last_event(stripes, run_dir)
    assert isinstance(event, Failed) and not event.is_bug
    assert event.reason.id == "runs.disk_full"
    status = RunFolder(run_dir).read_status()
    assert status["status"] == "failed" and status["reason_id"] == "runs.disk_full"
    assert no_temporaries(run_dir)


def test_a_failure_before_the_first_epoch_leaves_no_folder_and_no_traceback(stripes, tmp_path, monkeypatch):
    fail_writes(monkeypatch, errno.ENOSPC, name="config.json")
    run_dir = tmp_path / "run"
    event = last_event(stripes, run_dir)
    assert isinstance(event, Failed) and not event.is_bug
    assert event.reason.id == "runs.disk_full" and str(run_dir / "config.json") in str(event.reason)
    assert not run_dir.exists()


@pytest.mark.parametrize(
    ("code", "message_id", "fix"),
    [
        (errno.EROFS, "runs.read_only", "choose a folder you may write to"),
        (errno.EACCES, "runs.not_permitted", "choose a folder you may write to"),
        (errno.ENOENT, "runs.folder_vanished", "choose a folder that exists"),
    ],
)
def test_each_fault_of_the_machine_says_what_to_do(stripes, tmp_path, monkeypatch, code, message_id, fix):
    fail_writes(monkeypatch, code, name=STATUS, after=1)
    event = last_event(stripes, tmp_path / "run")
    assert isinstance(event, Failed) and not event.is_bug
    assert event.reason.id == message_id and fix in str(event.reason).lower()


def test_the_cli_prints_one_line_and_exits_2_on_a_full_disk(stripes_root, tmp_path, monkeypatch, capsys):
    fail_writes(monkeypatch, errno.ENOSPC, name=LAST, after=1)
    out = tmp_path / "run"
    args = ["train", str(stripes_root), "--out", str(out), "--model", "seed-separable", "--image-size", "24"]
    assert main([*args, "--epochs", "2", "--batch-size", "8"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert "Traceback" not in "\n".join(err)
    assert [line for line in err if line.startswith("cnnstudio:")] == [err[-1]]  # progress lines aside, one line
    assert "disk is full" in err[-1] and str(out / LAST) in err[-1]


def test_a_read_only_run_root_is_a_one_line_error(stripes_root, tmp_path, monkeypatch, capsys):
    root = tmp_path / "runs"
    root.mkdir()
    if os.name == "posix" and os.geteuid() != 0:
        root.chmod(0o555)  # root ignores modes: it gets the same fault from the writer instead
    else:
        fail_writes(monkeypatch, errno.EACCES)
    try:
        args = ["train", str(stripes_root), "--out", str(root / "run"), "--model", "seed-separable"]
        assert main([*args, "--image-size", "24", "--epochs", "1"]) == 2
    finally:
        root.chmod(0o755)
    err = capsys.readouterr().err.strip().splitlines()
    assert "Traceback" not in "\n".join(err)
    assert "choose a folder you may write to" in err[-1].lower() and str(root) in err[-1]
