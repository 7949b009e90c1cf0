"""Closing the window while work runs: it asks, stops every job, saves the layout and is gone within 10 s."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QLineEdit,
    QListView,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSpinBox,
)

from cnnstudio.core.events import BatchEnd
from cnnstudio.qt.main_window import MainWindow
from cnnstudio.qt.workers import live_threads
from tests.helpers import make_stripes_folder
from tests.qt.windows import open_dialogs

ROOT = Path(__file__).resolve().parents[2]
LIMIT_S = 10.0
FAST = dict(model="seed-separable", image_size=24, batch_size=16, epochs=30, learning_rate=1e-3, threads=1)


def close_timed(window: MainWindow) -> float:
    """Close the window as the user does; the seconds until it is closed, all its jobs stopped."""
    start = time.monotonic()
    assert window.close()
    return time.monotonic() - start


def assert_closed_cleanly(window: MainWindow, seconds: float) -> None:
    assert seconds < LIMIT_S
    assert not window.isVisible() and not live_threads() and not open_dialogs()
    assert QSettings("cnnstudio", "cnnstudio").value("window/state") is not None


def test_closing_while_training_asks_stops_the_run_and_saves_the_layout(window, qtbot, monkeypatch):
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a) or QMessageBox.StandardButton.Yes)
    window.session.update_config(**FAST)
    window.action_train.trigger()
    qtbot.waitUntil(lambda: window.curves_dock.epoch_points >= 1, timeout=60_000)  # one epoch to keep
    window.log_dock.hide()
    assert_closed_cleanly(window, close_timed(window))
    assert asked and not window.session.is_training
    assert json.loads((Path(window.session.current_run_dir) / "status.json").read_text())["status"] == "cancelled"


class _SlowDownload:
    """What urlopen returns for a large file on a slow line: 256 KiB every 20 ms, never the whole of it."""

    headers = {"Content-Length": str(256 * 2**20)}

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        pass

    def read(self, size: int = -1) -> bytes:
        threading.Event().wait(0.02)
        return bytes(size if size > 0 else 2**18)

    def close(self) -> None:
        pass


def test_closing_while_a_download_runs_cancels_it(window, qtbot, monkeypatch, tmp_path):
    import torch

    monkeypatch.setattr(torch.hub, "get_dir", lambda: str(tmp_path / "hub"))
    monkeypatch.setattr(urllib.request, "urlopen", lambda *a, **k: _SlowDownload())
    window.findChild(QCheckBox, "usePretrainedCheck").setChecked(True)
    backbones = window.findChild(QComboBox, "backboneCombo")
    backbones.setCurrentIndex(backbones.findData("resnet18"))
    progress = window.findChild(QProgressBar, "downloadProgress")
    window.findChild(QPushButton, "downloadWeightsButton").click()
    qtbot.waitUntil(lambda: progress.value() > 0, timeout=20_000)  # bytes are arriving
    assert_closed_cleanly(window, close_timed(window))
    assert not [p for p in (tmp_path / "hub").rglob("*") if p.is_file()]  # the partial file went with it


def test_closing_while_the_subset_dialog_copies_cancels_the_copy(window, qtbot, monkeypatch, tmp_path):
    root = make_stripes_folder(tmp_path / "stripes", per_class=100, size=16)
    with qtbot.waitSignal(window.session.dataset_changed, timeout=20_000):
        window.open_dataset(str(root))
    copy = shutil.copy2
    monkeypatch.setattr(shutil, "copy2", lambda *a, **k: threading.Event().wait(0.01) or copy(*a, **k))
    window.findChild(QPushButton, "makeSubsetButton").click()
    dialog = window.findChild(QDialog, "subsetDialog")
    for split, count in (("train", 60), ("validation", 20), ("test", 20)):
        dialog.findChild(QSpinBox, f"subset_{split}").setValue(count)
    dialog.findChild(QLineEdit, "subsetOutput").setText(str(tmp_path / "subset"))
    progress = dialog.findChild(QProgressBar, "subsetProgress")
    dialog.findChild(QPushButton, "subsetCopyButton").click()
    qtbot.waitUntil(lambda: progress.value() >= 32, timeout=20_000)  # copying, far from done
    assert_closed_cleanly(window, close_timed(window))
    assert len(list((tmp_path / "subset").rglob("*.png"))) < 200


def test_closing_while_the_image_viewer_loads_waits_for_the_load(window, qtbot, monkeypatch):
    from cnnstudio.qt.docks import gallery

    loading = threading.Event()
    decode = gallery.display_image

    def slow_decode(*args, **kwargs):  # a large photo: it cannot be cancelled half-way
        loading.set()
        threading.Event().wait(1.0)
        return decode(*args, **kwargs)

    monkeypatch.setattr(gallery, "display_image", slow_decode)
    window.gallery_dock.raise_()
    view = window.findChild(QListView, "galleryView")
    qtbot.waitUntil(lambda: view.model().rowCount() > 0 and view.visualRect(view.model().index(0, 0)).isValid())
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(view.model().index(0, 0)).center())
    viewer = window.findChild(QDialog, "imageViewer")
    assert viewer is not None and viewer.isVisible()
    qtbot.waitUntil(loading.is_set, timeout=10_000)
    assert_closed_cleanly(window, close_timed(window))


def test_closing_mid_training_ends_the_event_loop_with_status_0(qtbot, qapp, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    win.session.update_config(**FAST)
    closing = []

    def on_event(event) -> None:
        if isinstance(event, BatchEnd) and not closing:
            closing.append(event)
            QTimer.singleShot(0, win.close)

    win.session.trainer.event_received.connect(on_event)
    QTimer.singleShot(0, win.action_train.trigger)
    QTimer.singleShot(90_000, lambda: qapp.exit(99))  # a hung shutdown fails the test instead of the suite
    assert qapp.exec() == 0
    assert closing and not win.isVisible() and not win.session.is_training and not live_threads()


# ---- the real app, in its own process -------------------------------------------------------------
_SCRIPT = """
import os
import signal
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from cnnstudio.core.events import EpochEnd
from cnnstudio.core.jobs import call_job
from cnnstudio.qt.app import run_app
from cnnstudio.core.events import BatchEnd
from cnnstudio.qt.main_window import MainWindow
from cnnstudio.qt.workers import JobRunner

QMessageBox.question = staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes)
app = QApplication(sys.argv[:1])
mode = sys.argv[1]
runners = []

def close(window):
    print("closing", flush=True)
    if mode.startswith("signal-"):  # as from a terminal: Ctrl-C (SIGINT) or a kill (SIGTERM), pressed N times
        _, name, count, _when = mode.split("-")
        for _ in range(int(count)):
            os.kill(os.getpid(), getattr(signal, "SIG" + name.upper()))
    else:
        QTimer.singleShot(0, window.close)

def drive():
    window = next((w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()), None)
    if window is None:
        return
    poll.stop()
    if mode.endswith("-idle"):  # idle: the window closes on the signal alone
        close(window)
        return
    if mode == "stuck":  # a job that ignores its cancellation for far longer than the limit
        window.shutdown_timeout_ms = 500
        runner = JobRunner()
        runners.append(runner)
        runner.job_started.connect(lambda _name: close(window))
        runner.start(lambda: call_job(__import__("time").sleep, 120), "stuck-job")
        return
    window.session.update_config(model="seed-separable", image_size=24, batch_size=16, epochs=30, threads=1)
    first = []
    def on_event(event):
        if isinstance(event, EpochEnd) and not first:  # one epoch kept: the run folder stays
            first.append(event)
            close(window)
    window.session.trainer.event_received.connect(on_event)
    window.action_train.trigger()

poll = QTimer()
poll.timeout.connect(drive)
poll.start(50)
sys.exit(run_app([]))
"""


def run_until_closed(tmp_path: Path, mode: str) -> tuple[subprocess.CompletedProcess, float]:
    """Start the app with `mode`; return how it ended and the seconds from the window's close to the exit."""
    script = tmp_path / "close_app.py"
    script.write_text(textwrap.dedent(_SCRIPT))
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONPATH": str(ROOT),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "CNNSTUDIO_RUNS": str(tmp_path / "runs"),
    }
    process = subprocess.Popen(
        [sys.executable, str(script), mode],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = ""
        while line.strip() != "closing":  # start-up imports torch: allow it time
            line = process.stdout.readline()
            assert line or process.poll() is None, process.stderr.read()
        closed_at = time.monotonic()
        out, err = process.communicate(timeout=60)
        seconds = time.monotonic() - closed_at
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    return subprocess.CompletedProcess(process.args, process.returncode, out, err), seconds


def saved_layout(tmp_path: Path) -> bool:
    return any("window" in p.read_text(errors="replace") for p in (tmp_path / "config").rglob("*.conf"))


def test_the_app_closed_mid_training_exits_with_status_0_within_the_limit(tmp_path):
    done, seconds = run_until_closed(tmp_path, "train")
    assert done.returncode == 0, done.stderr
    assert seconds < LIMIT_S
    assert saved_layout(tmp_path)
    status = [json.loads(p.read_text())["status"] for p in (tmp_path / "runs").rglob("status.json")]
    assert status == ["cancelled"]


@pytest.mark.parametrize("mode", ["signal-int-10-training", "signal-int-10-idle", "signal-term-1-idle"])
def test_a_signal_closes_the_window_the_normal_way_and_exits_0(tmp_path, mode):
    done, seconds = run_until_closed(tmp_path, mode)
    assert done.returncode == 0, done.stderr
    assert seconds < LIMIT_S and saved_layout(tmp_path)
    assert "Traceback" not in done.stderr


def test_a_job_that_ignores_cancellation_is_reported_and_the_app_exits_anyway(tmp_path):
    done, seconds = run_until_closed(tmp_path, "stuck")
    assert done.returncode == 0, done.stderr
    assert seconds < LIMIT_S  # the job would sleep two minutes: the app did not wait for it
    assert "still running" in done.stderr and "stuck-job" in done.stderr
    assert saved_layout(tmp_path)
