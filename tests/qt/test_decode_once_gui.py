"""The window's path: opening a folder scans it at the training settings' size, and the run started
next decodes no file again."""

from __future__ import annotations

import pytest

from cnnstudio.core.data import clear_cache
from cnnstudio.core.data.decoded import kept_bytes
from cnnstudio.qt import settings as app_settings
from cnnstudio.qt.session import Session
from tests.helpers import count_decodes, make_stripes_folder


@pytest.fixture
def decodes(monkeypatch):
    clear_cache()
    yield count_decodes(monkeypatch)
    clear_cache()


def test_a_folder_opened_in_the_window_then_trained_decodes_each_file_once(qtbot, tmp_path, decodes):
    data = make_stripes_folder(tmp_path / "data", per_class=8)
    app_settings.set_value(app_settings.Key.RUNS_ROOT, str(tmp_path / "runs"))
    session = Session()
    session.update_config(
        model="seed-separable", image_size=20, channels=1, epochs=1, batch_size=8, threads=1, probes=[]
    )  # probe images are read again for their maps
    with qtbot.waitSignal(session.dataset_changed, timeout=20_000):
        assert session.open_dataset_folder(str(data))
    assert kept_bytes() == 16 * 20 * 20
    with qtbot.waitSignal(session.trainer.job_ended, timeout=60_000):
        assert session.start_training() is not None
    files = sorted(p.name for p in data.rglob("*.png"))
    assert {name: decodes[name] for name in files} == {name: 1 for name in files}
    assert kept_bytes() == len(session.dataset.files["test"]) * 20 * 20
