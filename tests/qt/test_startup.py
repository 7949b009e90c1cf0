"""Start-up: the window's frame is on screen before torch is imported, and the real window takes its place."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QMessageBox

from cnnstudio.qt.main_window import MainWindow
from cnnstudio.qt.startup import MODAL_RETRY_MS, SHELL_DOCKS, EngineLoader, StartUp, WindowShell
from cnnstudio.qt.widgets.forms import select_data
from cnnstudio.qt.window_layout import save_layout
from tests.helpers import make_stripes_folder

ROOT = Path(__file__).resolve().parents[2]

# What `app.run_app` does before the event loop starts, up to the shell on screen; then a look at sys.modules.
# A watch on the import system notes each thread that imports torch and whether the frame was on screen
# then: none may before it is; after it, only jobs' threads may (they wait there for the engine's loader).
_FIRST_PAINT = """
import json, os, sys, threading
importers = []
shown = False
class Watch:
    def find_spec(self, name, path=None, target=None):
        if name == "torch":
            importers.append((threading.current_thread() is threading.main_thread(), shown))
sys.meta_path.insert(0, Watch())
import cnnstudio.__main__
from cnnstudio.qt import app as app_module
from PySide6.QtWidgets import QApplication, QDockWidget
app = QApplication(sys.argv[:1])
from cnnstudio.qt.startup import StartUp
startup = StartUp()
startup.shell.show()
shown = True
torch_in = sorted(m for m in sys.modules if m == "torch" or m.startswith(("torch.", "torchvision")))
shell = startup.shell
docks = [d.objectName() for d in shell.findChildren(QDockWidget)]
shell.add_early_docks()  # what StartUp does once the frame is painted, before the engine's loader starts
app.processEvents()
print(json.dumps({
    "torch": torch_in,
    "importers": importers,
    "visible": shell.isVisible(),
    "train_enabled": shell.action_train.isEnabled(),
    "tooltip": shell.action_train.toolTip(),
    "docks": docks,
    "early": sorted(shell.early.docks),
    "early_in_place": all(shell.docks[name] is dock for name, dock in shell.early.docks.items()),
    "open_enabled": shell.action_open.isEnabled(),
}), flush=True)
os._exit(0)  # jobs the docks started (thumbnails) may be waiting for torch; the probe is done
"""

# The frame's docks at work with torch unimportable on the GUI thread (threads of jobs may import it:
# they wait for the engine; none is needed here): open and scan a folder, browse it, edit the model.
_EARLY_USE = """
import json, os, sys, threading
from pathlib import Path
class NoTorchOnTheGuiThread:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("torch", "torchvision") and threading.current_thread() is threading.main_thread():
            raise ImportError(f"the GUI thread imported {name} before the engine was in")
sys.meta_path.insert(0, NoTorchOnTheGuiThread())
from PySide6.QtCore import QDeadlineTimer
from PySide6.QtWidgets import QApplication
from tests.helpers import make_stripes_folder
app = QApplication(sys.argv[:1])
from cnnstudio.qt.startup import StartUp
from cnnstudio.qt.widgets.forms import select_data

def wait_until(check, seconds=60):
    deadline = QDeadlineTimer(int(seconds * 1000))
    while not check() and not deadline.hasExpired():
        app.processEvents()
        threading.Event().wait(0.01)
    return check()

startup = StartUp()  # the loader is never started: the engine stays out
shell = startup.shell
shell.show()
shell.add_early_docks()
early = shell.early
folder = str(make_stripes_folder(Path(sys.argv[1]) / "stripes", per_class=6, size=16))
early.presenter.open_folder(folder)
opened = wait_until(lambda: early.session.dataset.source == folder and early.session.items is not None)
select_data(early.model_dock.preset, "mnist-convnet")
early.model_dock.image_size.setValue(28)
preset_layers = len(early.session.config.model_spec(2).layers)
stack = early.model_dock.stack
stack.layer_list.setCurrentRow(0)
stack.add_layer("BatchNormalization")  # an edit: the preset becomes a custom stack
app.processEvents()
print(json.dumps({
    "opened": opened,
    "classes": list(early.session.dataset.class_names),
    "items": len(early.session.items or []),
    "model": early.session.config.model,
    "image_size": early.session.config.image_size,
    "layers": [len(early.session.model_spec().layers), preset_layers, stack.layer_list.count()],
    "second": early.session.config.layers[1]["type"],
    "problem": early.model_dock.problem,
    "open_enabled": shell.action_open.isEnabled(),
    "train_enabled": shell.action_train.isEnabled(),
    "tooltip": shell.action_train.toolTip(),
}), flush=True)
os._exit(0)
"""


def _run_probe(script: str, tmp_path: Path, *args: str) -> dict:
    env = {"QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path / "config"), "PATH": "/usr/bin:/bin"}
    env["CNNSTUDIO_RUNS"] = str(tmp_path / "runs")
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(script), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,  # generous for a loaded machine; the tests assert on sys.modules, not on time
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_nothing_imports_torch_before_the_window_frame_is_on_screen(tmp_path):
    seen = _run_probe(_FIRST_PAINT, tmp_path)
    assert seen["torch"] == []
    assert [on_gui_thread or not shown for on_gui_thread, shown in seen["importers"]] == [False] * len(
        seen["importers"]
    )
    assert seen["visible"] and not seen["train_enabled"]
    assert "loading" in seen["tooltip"]
    assert set(seen["docks"]) == {name for name, _context, _title in SHELL_DOCKS}
    assert seen["early"] == ["datasetDock", "galleryDock", "logDock", "modelDock"] and seen["early_in_place"]
    assert seen["open_enabled"]


def test_the_frame_opens_and_browses_a_dataset_and_edits_the_model_before_torch(tmp_path):
    seen = _run_probe(_EARLY_USE, tmp_path, str(tmp_path))
    assert seen["opened"] and seen["classes"] == ["horizontal", "vertical"] and seen["items"] == 12
    assert seen["model"] == "custom" and seen["image_size"] == 28 and seen["problem"] == ""
    layers, preset_layers, rows = seen["layers"]
    assert layers == rows == preset_layers + 1 and seen["second"] == "BatchNormalization"
    assert seen["open_enabled"] and not seen["train_enabled"] and "loading" in seen["tooltip"]


def test_the_engine_loads_without_torchvision_which_is_warmed_later():
    probe = "import importlib, sys\nfrom cnnstudio.qt.startup import ENGINE_MODULES\n"
    probe += "for name in ENGINE_MODULES:\n    module = importlib.import_module(name)\n"
    probe += "    [getattr(module, n) for n in getattr(module, '__all__', ()) if name.startswith('cnnstudio.')]\n"
    probe += "print('torchvision' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"


def test_the_real_window_takes_over_what_the_frame_was_used_for_once_the_engine_is_in(qtbot, monkeypatch, tmp_path):
    monkeypatch.setenv("CNNSTUDIO_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    folder = str(make_stripes_folder(tmp_path / "stripes", per_class=6, size=16))
    startup = StartUp()
    shell = startup.shell
    shell.move(40, 30)
    shell.show()  # the engine is held back: the loader starts below, once the frame has been used
    shell.add_early_docks()
    early = shell.early
    with qtbot.waitSignal(early.session.dataset_changed, timeout=60_000):
        early.presenter.open_folder(folder)
    select_data(early.model_dock.preset, "mnist-convnet")
    assert early.session.config.model == "mnist-convnet"
    assert not shell.action_train.isEnabled() and "loading" in shell.action_train.toolTip()
    with qtbot.waitSignal(startup.window_ready, timeout=120_000) as ready:
        startup.loader.start()
    window = ready.args[0]
    qtbot.addWidget(window)
    assert isinstance(window, MainWindow) and window is startup.window and startup.shell is None
    assert window.isVisible() and not shell.isVisible()
    assert window.geometry() == shell.geometry()  # where the frame was
    # The same session: the folder opened and the model chosen in the frame are the window's.
    assert window.session is early.session and window.session.parent() is window
    assert window.session.dataset.source == folder and window.model_dock.preset.currentData() == "mnist-convnet"
    assert f"Opening {folder}" in window.log_dock.text()
    qtbot.waitUntil(window.action_train.isEnabled, timeout=30_000)
    qtbot.waitUntil(lambda: not startup.is_loading(), timeout=120_000)  # torchvision, warmed afterwards
    assert "torchvision.ops" in sys.modules
    # The frame showed every dock of the window, under the same name and title.
    docks = {d.objectName(): d.windowTitle() for d in window.findChildren(QDockWidget)}
    assert docks == {name: title for name, _context, title in SHELL_DOCKS}


def test_the_window_waits_for_a_dialog_of_the_frame_to_close_before_taking_its_place(qtbot, monkeypatch, tmp_path):
    monkeypatch.setenv("CNNSTUDIO_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    startup = StartUp()
    shell = startup.shell
    shell.show()
    box = QMessageBox(QMessageBox.Icon.Information, "cnnstudio", "a dialog of the frame's", parent=shell)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.open()
    startup.loader.start()
    qtbot.waitUntil(lambda: not startup.loader.is_running(), timeout=120_000)
    qtbot.wait(3 * MODAL_RETRY_MS)
    assert startup.window is None and startup.shell is shell and shell.isVisible()
    with qtbot.waitSignal(startup.window_ready, timeout=30_000) as ready:
        box.accept()
    qtbot.addWidget(ready.args[0])
    qtbot.waitUntil(lambda: not startup.is_loading(), timeout=120_000)


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
