"""Start-up: the window's frame is on screen before torch is imported, and the real window takes its place."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

from PySide6.QtWidgets import QDockWidget, QMessageBox

from cnnstudio.qt.main_window import MainWindow
from cnnstudio.qt.startup import SHELL_DOCKS, EngineLoader, StartUp, WindowShell
from cnnstudio.qt.window_layout import save_layout

ROOT = Path(__file__).resolve().parents[2]

# What `app.run_app` does before the event loop starts, up to the shell on screen; then a look at sys.modules.
_FIRST_PAINT = """
import json, sys
import cnnstudio.__main__
from cnnstudio.qt import app as app_module
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
from cnnstudio.qt.startup import StartUp
startup = StartUp()
startup.shell.show()
app.processEvents()
shell = startup.shell
print(json.dumps({
    "torch": sorted(m for m in sys.modules if m == "torch" or m.startswith(("torch.", "torchvision"))),
    "visible": shell.isVisible(),
    "train_enabled": shell.action_train.isEnabled(),
    "tooltip": shell.action_train.toolTip(),
    "docks": [d.objectName() for d in shell.findChildren(type(shell.docks["datasetDock"]))],
}))
"""


def test_nothing_imports_torch_before_the_window_frame_is_on_screen(tmp_path):
    env = {"QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path / "config"), "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(_FIRST_PAINT)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,  # generous for a loaded machine; the test asserts on sys.modules, not on time
    )
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["torch"] == []
    assert seen["visible"] and not seen["train_enabled"]
    assert "loading" in seen["tooltip"]
    assert set(seen["docks"]) == {name for name, _context, _title in SHELL_DOCKS}


def test_the_engine_loads_without_torchvision_which_is_warmed_later():
    probe = "import importlib, sys\nfrom cnnstudio.qt.startup import ENGINE_MODULES\n"
    probe += "for name in ENGINE_MODULES: importlib.import_module(name)\nprint('torchvision' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"


def test_the_real_window_replaces_the_frame_once_the_engine_is_in(qtbot, monkeypatch, tmp_path):
    monkeypatch.setenv("CNNSTUDIO_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    startup = StartUp()
    shell = startup.shell
    qtbot.addWidget(shell)
    shell.move(40, 30)
    startup.start()
    assert shell.isVisible() and not shell.action_train.isEnabled()
    with qtbot.waitSignal(startup.window_ready, timeout=120_000) as ready:
        pass
    window = ready.args[0]
    qtbot.addWidget(window)
    assert isinstance(window, MainWindow) and window is startup.window and startup.shell is None
    assert window.isVisible() and not shell.isVisible()
    assert window.geometry() == shell.geometry()  # where the frame was
    qtbot.waitUntil(window.action_train.isEnabled, timeout=30_000)
    qtbot.waitUntil(lambda: not startup.is_loading(), timeout=120_000)  # torchvision, warmed afterwards
    assert "torchvision.ops" in sys.modules
    # The frame showed every dock of the window, under the same name and title.
    docks = {d.objectName(): d.windowTitle() for d in window.findChildren(QDockWidget)}
    assert docks == {name: title for name, _context, title in SHELL_DOCKS}


def test_a_frame_closed_before_the_engine_is_in_gets_no_window(qtbot):
    startup = StartUp()
    qtbot.addWidget(startup.shell)
    ready = []
    startup.window_ready.connect(ready.append)
    startup.shell.show()
    startup.shell.close()
    startup.loader.start()
    qtbot.waitUntil(lambda: not startup.loader.is_running(), timeout=120_000)
    qtbot.wait(50)  # the queued `loaded` signal
    assert ready == [] and startup.window is None


def test_an_engine_that_cannot_load_is_reported_with_its_traceback(qtbot):
    loader = EngineLoader(("cnnstudio.core.no_such_module",))
    with qtbot.waitSignal(loader.failed, timeout=30_000) as failed:
        loader.start()
    assert "ModuleNotFoundError" in failed.args[0] and "no_such_module" in failed.args[0]


def test_the_frame_takes_the_saved_layout(qtbot):
    first = WindowShell()
    qtbot.addWidget(first)
    first.show()
    first.docks["logDock"].hide()
    save_layout(first)
    again = WindowShell()
    qtbot.addWidget(again)
    again.show()
    assert again.docks["logDock"].isHidden() and not again.docks["curvesDock"].isHidden()
