"""Shared fixtures: headless Qt, isolated settings and run folders, and a guard against leaked threads."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest


@pytest.fixture(autouse=True)
def _isolated_user_files(tmp_path_factory, monkeypatch):
    """Runs and QSettings go to a temporary folder, never the user's home."""
    root = tmp_path_factory.mktemp("user")
    monkeypatch.setenv("CNNSTUDIO_RUNS", str(root / "runs"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(root / "config"))
    yield root


@pytest.fixture(autouse=True)
def _no_leaked_threads(request):
    """Fail any test that leaves a worker QThread running."""
    yield
    if "qtbot" not in request.fixturenames and "qapp" not in request.fixturenames:
        return
    from cnnstudio.qt.workers import live_threads

    leaked = live_threads()
    for thread in leaked:
        thread.join(10)  # don't let the leak crash the next test
    assert not leaked, f"test left {len(leaked)} worker thread(s) running: {[t.name for t in leaked]}"
