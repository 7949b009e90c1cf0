from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings


@pytest.fixture(autouse=True)
def _settings_in_tmp(tmp_path):
    """QSettings in an INI file under tmp, so tests never read or write the user's settings."""
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    QSettings("cnnstudio", "cnnstudio").clear()
    yield


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    """The main window, shown, as a first-time user gets it; every job it started is stopped afterwards."""
    from cnnstudio.qt.main_window import MainWindow

    monkeypatch.setenv("CNNSTUDIO_CACHE", str(tmp_path / "cache"))
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    yield win
    win.shutdown_jobs(10_000)
