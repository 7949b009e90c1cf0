from __future__ import annotations

import json
import os

import pytest

from cnnstudio.core.io import atomic_write, atomic_write_json, strict_json, sweep_stale_temps


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


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_atomic_writes_follow_the_umask(tmp_path, umask, mode):
    old = os.umask(umask)
    try:
        atomic_write_json(tmp_path / "x.json", {"a": 1})
    finally:
        os.umask(old)
    assert (tmp_path / "x.json").stat().st_mode & 0o777 == mode


def test_json_is_strict_with_null_for_non_finite_floats(tmp_path):
    def refuse(constant):
        raise ValueError(constant)

    atomic_write_json(tmp_path / "x.json", {"a": float("nan"), "b": [float("inf"), 2.5], "c": (float("-inf"),)})
    assert json.loads((tmp_path / "x.json").read_text(), parse_constant=refuse) == {
        "a": None,
        "b": [None, 2.5],
        "c": [None],
    }
    assert strict_json([float("nan")]) == "[null]"
