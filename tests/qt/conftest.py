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
