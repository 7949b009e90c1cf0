"""Retake the README's screenshots: the whole window and one picture per dock.

    python resources/screenshots/take.py [--out DIR] [--size 1280x800] [--epochs N] [--lang zh_CN]
    (or: make screenshots, which takes both languages)

The app runs with fresh settings, a temporary runs folder and the demo dataset, headless unless
$QT_QPA_PLATFORM says otherwise. The script trains two short runs (from scratch, then with
augmentation), then brings each dock to the front, gives it something to show (the cat photo
classified, its activations, filter patterns and heatmap; an evaluation with a confusion-matrix cell
open; the two runs compared), waits until every background job of the window has finished and saves
the dock as DIR/dock-NAME.png; last, the whole window as DIR/window.png. With --lang, the app speaks that
language and the files are named dock-NAME-LANG.png and window-LANG.png. Run it after changing a dock.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
SAMPLE = HERE.parents[1] / "cnnstudio" / "resources" / "samples" / "chelsea.jpg"
DOCK_SIZE = (900, 680)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default=str(HERE), help="where the PNG files go (default: this folder)")
    parser.add_argument("--size", default="1280x800", help="the window's size, WIDTHxHEIGHT")
    parser.add_argument("--epochs", type=int, default=8, help="epochs of each of the two demo runs")
    parser.add_argument("--lang", default="en", help="the interface language: en (default) or zh_CN")
    args = parser.parse_args()
    width, height = (int(v) for v in args.size.lower().split("x"))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    scratch = tempfile.mkdtemp(prefix="cnnstudio-screenshots-")
    os.environ["XDG_CONFIG_HOME"] = os.path.join(scratch, "config")  # a first-time user's settings
    os.environ["CNNSTUDIO_RUNS"] = os.path.join(scratch, "runs")

    from PySide6.QtCore import QSettings, Qt, QTimer
    from PySide6.QtWidgets import QApplication, QDockWidget

    from cnnstudio.qt.i18n import install_translators
    from cnnstudio.qt.main_window import MainWindow
    from cnnstudio.qt.window_layout import fit_default_sizes
    from cnnstudio.qt.workers import runners

    app = QApplication(sys.argv[:1])
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, os.path.join(scratch, "settings"))
    suffix = "" if install_translators(app, args.lang) == "en" else f"-{args.lang}"
    window = MainWindow()
    window.setWindowState(Qt.WindowState.WindowNoState)  # not maximised on the small headless screen
    window.resize(width, height)
    fit_default_sizes(window)
    window.show()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    runs: list[str] = []

    def idle() -> bool:
        return not window.session.is_training and not any(r.is_running for r in runners())

    def train(augment: str) -> Callable[[], None]:
        def start() -> None:
            from cnnstudio.core.data import AUGMENT_PRESETS

            window.session.update_config(
                model="small-convnet", epochs=args.epochs, augment=AUGMENT_PRESETS[augment].to_dict(), dropout=True
            )
            window.action_train.trigger()

        return start

    def remember_run() -> None:
        runs.append(window.session.current_run_dir)

    def look_at_cat() -> None:
        window.look_inside.add_run(runs[-1], Path(runs[-1]).name)
        window.look_inside.show_image(str(SAMPLE))

    def evaluate() -> None:
        dock = window.evaluation_dock
        dock.add_run(runs[-1], Path(runs[-1]).name)
        dock.evaluate()

    def open_worst_cell() -> None:
        dock = window.evaluation_dock
        counts = dock.matrix.counts()
        cells = [(t, p) for t in range(len(counts)) for p in range(len(counts)) if t != p]
        if cells:
            dock.show_cell(*max(cells, key=lambda cell: counts[cell[0]][cell[1]]))

    docks = {d.objectName(): d for d in window.findChildren(QDockWidget)}
    saved: set[str] = set()

    def float_dock(name: str) -> None:
        """The dock on its own at a comfortable size: the picture shows it as a user who enlarges it sees it."""
        dock = docks[name]
        dock.show()
        dock.setFloating(True)
        dock.resize(*DOCK_SIZE)
        dock.raise_()

    def save_dock(name: str) -> None:
        dock = docks[name]
        app.processEvents()
        dock.grab().save(str(out / f"dock-{name.removesuffix('Dock')}{suffix}.png"))
        dock.setFloating(False)
        saved.add(name)
        print(f"saved dock-{name.removesuffix('Dock')}{suffix}.png", flush=True)

    def shoot(name: str) -> list[Callable[[], None]]:
        return [lambda: float_dock(name), lambda: save_dock(name)]  # between the two, its jobs finish

    def shoot_window() -> None:
        docks["curvesDock"].raise_()
        app.processEvents()
        window.grab().save(str(out / f"window{suffix}.png"))
        print(f"saved window{suffix}.png", flush=True)

    def raise_dock(name: str) -> Callable[[], None]:
        return lambda: (docks[name].show(), docks[name].raise_())

    steps: list[Callable[[], None]] = [
        train("none"),
        remember_run,
        train("book"),
        remember_run,
        lambda: window.runs_dock.compare(runs),
        *shoot("runsDock"),
        *shoot("curvesDock"),
        *shoot("trainingDock"),
        *shoot("datasetDock"),
        *shoot("modelDock"),
        *shoot("logDock"),
        raise_dock("galleryDock"),
        *shoot("galleryDock"),
        raise_dock("augmentDock"),
        *shoot("augmentDock"),
        lambda: window.classify_dock.set_run(runs[-1], Path(runs[-1]).name),
        lambda: window.classify_dock.classify(str(SAMPLE)),
        *shoot("classifyDock"),
        look_at_cat,
        raise_dock("activationsDock"),
        *shoot("activationsDock"),
        raise_dock("filtersDock"),
        lambda: window.look_inside.filters_dock.start(),
        *shoot("filtersDock"),
        raise_dock("heatmapDock"),
        *shoot("heatmapDock"),
        raise_dock("convolutionDock"),
        *shoot("convolutionDock"),
        raise_dock("evaluationDock"),
        evaluate,
        open_worst_cell,
        *shoot("evaluationDock"),
    ]
    steps.append(shoot_window)
    rest_added = [False]
    deadline = [time.monotonic() + 600]
    quiet_since = [0.0]

    def tick() -> None:
        now = time.monotonic()
        if not idle():
            quiet_since[0] = 0.0
            if now > deadline[0]:
                print("gave up waiting for the window's jobs", file=sys.stderr)
                app.exit(1)
            return
        quiet_since[0] = quiet_since[0] or now
        if now - quiet_since[0] < 1.5:  # a dock may start its job a moment after it is raised
            return
        if not steps:
            timer.stop()
            missing = sorted(name for name in docks if name not in saved)
            if missing and not rest_added[0]:  # docks without a step of their own, as they are
                rest_added[0] = True
                steps.extend(step for name in missing for step in shoot(name))
                timer.start(300)
                return
            window.close()
            app.exit(0)
            return
        steps.pop(0)()
        deadline[0], quiet_since[0] = time.monotonic() + 600, 0.0

    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(300)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
