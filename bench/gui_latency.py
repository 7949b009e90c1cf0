"""GUI-thread responsiveness while training runs: lateness of a 16 ms timer, against the idle app.

Opens the real main window (offscreen), measures how late a 16 ms QTimer fires for a few seconds with
the app idle, then again while the demo dataset trains in the background thread (the window drawing
curves and status at ≤ 30 Hz). Goal while training: p99 < 50 ms, max < 250 ms.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/gui_latency.py [--seconds 10]
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np
from PySide6.QtCore import QElapsedTimer, QEventLoop, QSettings, QTimer
from PySide6.QtWidgets import QApplication

INTERVAL_MS = 16


def measure(app: QApplication, seconds: float) -> np.ndarray:
    """Lateness (ms) of every tick of a 16 ms precise timer over `seconds`."""
    lateness: list[float] = []
    clock = QElapsedTimer()
    timer = QTimer()
    timer.setTimerType(timer.timerType().PreciseTimer)
    timer.setInterval(INTERVAL_MS)
    last = [0.0]

    def tick() -> None:
        now = clock.nsecsElapsed() / 1e6
        lateness.append(max(0.0, now - last[0] - INTERVAL_MS))
        last[0] = now

    timer.timeout.connect(tick)
    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    clock.start()
    timer.start()
    loop.exec()
    timer.stop()
    return np.asarray(lateness[1:])


def describe(name: str, values: np.ndarray) -> str:
    p50, p99 = np.percentile(values, 50), np.percentile(values, 99)
    return f"{name:<22} ticks {len(values):4d}  p50 {p50:6.2f} ms  p99 {p99:6.2f} ms  max {values.max():6.2f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0)
    args = parser.parse_args()
    tmp = tempfile.mkdtemp()
    os.environ["CNNSTUDIO_RUNS"] = tmp
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, tmp)
    app = QApplication([])
    from cnnstudio.qt.main_window import MainWindow
    from cnnstudio.qt.workers import shutdown_all

    window = MainWindow()
    window.show()
    app.processEvents()
    idle = measure(app, args.seconds / 2)
    window.action_train.trigger()
    started = time.perf_counter()
    while window.curves_dock.batch_points < 2 and time.perf_counter() - started < 120:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    busy = measure(app, args.seconds)
    batches = window.curves_dock.batch_points
    shutdown_all(30_000)
    print(describe("idle app", idle))
    print(describe("while training", busy))
    print(f"(training drew {batches} batch points; torch threads {__import__('torch').get_num_threads()})")
    p99, worst = np.percentile(busy, 99), busy.max()
    print(
        f"while training: p99 {p99:.1f} ms (goal < 50), max {worst:.1f} ms (goal < 250); "
        f"p99 vs idle: {p99 - np.percentile(idle, 99):+.1f} ms"
    )


if __name__ == "__main__":
    main()
