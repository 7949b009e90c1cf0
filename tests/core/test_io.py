from __future__ import annotations

import json

import pytest

from cnnstudio.core.io import atomic_write, atomic_write_json, sweep_stale_temps


def test_interrupted_write_leaves_the_previous_file_intact(tmp_path):
    target = tmp_path / "config.json"
    atomic_write_json(target, {"version": 1})

    def crash_halfway(handle):
        handle.write(b'{"version": 2, "trunc')
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        atomic_write(target, crash_halfway)
    assert json.loads(target.read_text()) == {"version": 1}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["config.json"]  # no temporary file left


def test_successful_write_replaces_the_content(tmp_path):
    target = tmp_path / "x.json"
    atomic_write_json(target, [1])
    atomic_write_json(target, [2])
    assert json.loads(target.read_text()) == [2]


def test_sweep_removes_temporaries_of_a_crashed_process_only(tmp_path):
    (tmp_path / ".best.safetensors.abc.partial").write_bytes(b"half")
    (tmp_path / "best.safetensors").write_bytes(b"good")
    assert sweep_stale_temps(tmp_path) == 1
    assert [p.name for p in tmp_path.iterdir()] == ["best.safetensors"]
