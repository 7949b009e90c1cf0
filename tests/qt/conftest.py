"""The GUI tests' fixtures. `make test` runs each file of this folder in a pytest process of its own.

Open problem: after many windows in one process (the whole suite, or all of tests/qt in some runs), the
window's background jobs (a classification, a model summary) took over a minute instead of a second and
the tests timed out; at that point every job thread was accounted for, timers fired and torch used one
thread. Until the cause is found each GUI test file gets a fresh process.
"""

from __future__ import annotations

import gc

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from tests.qt.windows import open_dialogs


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """Fail a test that leaves a dialog open: a real user would have to deal with it."""
    result = yield
    leaked = open_dialogs()
    names = [f"{type(w).__name__}({w.objectName()!r}, {w.windowTitle()!r})" for w in leaked]
    for dialog in leaked:
        dialog.reject()  # close() is ignored by a message box without an Escape button
    assert not leaked, f"test left {len(leaked)} dialog(s) open: {names}"
    return result


@pytest.fixture(autouse=True)
def _garbage_collected_on_the_gui_thread():
    """As in the app: no automatic collection, which could destroy Qt objects on a worker thread and
    deadlock; garbage is collected here, on the GUI thread, after each test."""
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.collect()
        gc.enable()


@pytest.fixture(autouse=True)
def _settings_in_tmp(tmp_path):
    """QSettings in an INI file under tmp, so tests never read or write the user's settings."""
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    QSettings("cnnstudio", "cnnstudio").clear()
    yield


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    """The main window, shown, as a first-time user gets it; closed afterwards as a user closes it."""
    from cnnstudio.qt.main_window import MainWindow

    def before_close(_window) -> None:
        # Closing stops every job the test left running; say yes should it ask about a run.
        monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)

    monkeypatch.setenv("CNNSTUDIO_CACHE", str(tmp_path / "cache"))
    win = MainWindow()
    # pytest-qt closes it and deletes it on the GUI thread (left to Python's garbage collector, a
    # window could be destroyed on whichever thread happens to collect: a worker's).
    qtbot.addWidget(win, before_close_func=before_close)
    win.show()
    return win
