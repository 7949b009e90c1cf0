"""GUI-thread responsiveness while training runs, and what it costs the training: lateness of a 16 ms timer.

Opens the real main window (offscreen) and measures how late a 16 ms QTimer fires, idle and while the
demo dataset trains in the window (curves and status redrawn at ≤ 5 Hz, the Curves dock in front), with the trainer's thread
policy off (`ThreadPolicy()`, the old behaviour) and on (`YIELD_TO_GUI`: the training thread and its
torch workers at niceness +10, a 1 ms switch interval). Each round also trains the same demo run the
way the CLI does (the generator driven on the main thread, no window work) for the throughput baseline.
Rounds alternate the three, in the same process; medians are reported. Goal while training with the
policy: p99 < 20 ms, max < 100 ms, window throughput ≥ 0.85× the CLI's.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/gui_latency.py [--seconds 4] [--rounds 3] [--profile]

``--profile`` adds one more round with the policy, profiled on the GUI thread (cProfile: the thread's Python
handlers and pyqtgraph's paint code, which run inside Qt's event loop), and prints where that thread's time went:
the Curves view's repaints a second and their cost, and the top functions. ``--refreshes N`` measures only
the Curves dock, without training: N refreshes as the window makes them on a fast run (5 new batches each,
an epoch every 63 batches, after 12 epochs), each drawn and painted as the event loop does, and prints the
median CPU and wall time of one refresh and the repaints it caused. Run either with ``PYTHONPATH=.`` so the
working tree is imported, not the installed copy; to compare two trees, run it alternately with each.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
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


def pump(app: QApplication, until, limit: float = 180.0) -> None:
    started = time.perf_counter()
    while not until() and time.perf_counter() - started < limit:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)


def window_round(app: QApplication, window, policy, seconds: float) -> tuple[np.ndarray, float]:
    """Train the demo in the window with the trainer's `policy`: (lateness over `seconds`, images/s)."""
    window.session.trainer.policy = policy
    window.action_train.trigger()
    window.curves_dock.raise_()  # in front, as training brings it (older trees did not)
    pump(app, lambda: window.curves_dock.batch_points >= 2)
    before, started = window.curves_dock.batch_points, time.perf_counter()
    lateness = measure(app, seconds)
    rate = (window.curves_dock.batch_points - before) * window.session.config.batch_size
    rate /= time.perf_counter() - started
    window.session.stop_training()
    pump(app, lambda: not window.session.is_training)
    return lateness, rate


def profile_round(app: QApplication, window, policy, seconds: float) -> None:
    """A window round profiled on the GUI thread: repaints of the Curves view and what the thread spent its time on."""
    window.session.trainer.policy = policy
    window.action_train.trigger()
    window.curves_dock.raise_()  # in front, as training brings it (older trees did not)
    pump(app, lambda: window.curves_dock.batch_points >= 2)
    profiler, started, before = cProfile.Profile(), time.perf_counter(), window.curves_dock.batch_points
    cpu, threads = time.thread_time(), _thread_cpu()
    profiler.enable()
    measure(app, seconds)
    profiler.disable()
    elapsed, batches = time.perf_counter() - started, window.curves_dock.batch_points - before
    cpu, threads = time.thread_time() - cpu, {k: v - threads.get(k, 0.0) for k, v in _thread_cpu().items()}
    window.session.stop_training()
    pump(app, lambda: not window.session.is_training)
    stats = pstats.Stats(profiler)
    entries = stats.stats  # type: ignore[attr-defined]  # {(file, line, name): (calls, primitive, tottime, cumtime, callers)}
    busy = sum(t for (_f, _l, name), (_c, _p, t, _ct, _callers) in entries.items() if "exec" not in name)
    paints = [(c, ct) for (f, _l, name), (c, _p, _t, ct, _callers) in entries.items() if name == "paintEvent"]
    calls, paint = max(paints, key=lambda p: p[1], default=(0, 0.0))
    print(
        f"profile: {batches / elapsed:.1f} batches/s; GUI thread CPU {cpu / elapsed * 1000:.0f} ms/s, "
        f"in Python {busy / elapsed * 1000:.0f} ms/s; busiest threads "
        f"{', '.join(f'{v / elapsed * 1000:.0f}' for v in sorted(threads.values(), reverse=True)[:4])} ms/s; "
        f"plot repaints {calls / elapsed:.1f}/s, {paint / max(calls, 1) * 1000:.1f} ms each, "
        f"{paint / elapsed * 1000:.0f} ms/s"
    )
    stats.sort_stats("tottime").print_stats(12)


def refresh_cost(app: QApplication, refreshes: int) -> None:
    """The Curves dock alone: the cost of one refresh (data in, drawn, painted) on a fast run (see the module's text)."""
    from PySide6.QtCore import QEvent, QObject

    from cnnstudio.core.events import BatchEnd, EpochEnd
    from cnnstudio.qt.docks.curves import CurvesDock

    steps, paints = 63, [0]

    class PaintCounter(QObject):
        def eventFilter(self, _watched, event) -> bool:  # noqa: N802 - Qt's name
            paints[0] += event.type() == QEvent.Type.Paint
            return False

    def batch(epoch: int, step: int) -> BatchEnd:
        return BatchEnd(epoch, 100, step, steps, 0.7 / (1 + 0.1 * (epoch + step / steps)), 0.5, 800.0, 1.0, 9.0)

    def epoch_end(epoch: int) -> EpochEnd:
        return EpochEnd(epoch, 100, 0.6 / epoch, 0.6, 0.5 + 0.01 * epoch, 0.6, epoch == 1, 1.0, 1.0)

    dock = CurvesDock()
    dock.resize(460, 640)
    dock.show()
    dock.add_batches([batch(e, s) for e in range(1, 13) for s in range(1, steps + 1)])
    dock.add_epochs([epoch_end(e) for e in range(1, 13)])
    app.processEvents()
    counter = PaintCounter()
    dock.graphics.viewport().installEventFilter(counter)
    wall, cpu, epoch, step = [], [], 13, 0
    for _ in range(refreshes):
        started, started_cpu, chunk = time.perf_counter(), time.thread_time(), []
        for _ in range(5):
            step += 1
            if step > steps:
                dock.add_batches(chunk)
                dock.add_epochs([epoch_end(epoch)])
                chunk, epoch, step = [], epoch + 1, 1
            chunk.append(batch(epoch, step))
        dock.add_batches(chunk)
        app.processEvents()
        app.processEvents()  # the repaint the new data asked for
        wall.append(time.perf_counter() - started)
        cpu.append(time.thread_time() - started_cpu)
    print(
        f"Curves refresh (5 batches, painted): CPU median {np.median(cpu) * 1000:.2f} ms, wall median "
        f"{np.median(wall) * 1000:.2f} ms, p90 {np.percentile(wall, 90) * 1000:.2f} ms; "
        f"{paints[0] / refreshes:.2f} repaints a refresh  [{refreshes} refreshes, {epoch - 13} epochs]"
    )
    dock.close()


def _thread_cpu() -> dict[str, float]:
    """CPU seconds of each thread of this process (Linux), by thread id."""
    ticks, times = os.sysconf("SC_CLK_TCK"), {}
    for tid in os.listdir("/proc/self/task"):
        try:
            with open(f"/proc/self/task/{tid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        times[tid] = (int(fields[11]) + int(fields[12])) / ticks  # utime + stime
    return times


def cli_round(session, seconds: float, folder: str) -> float:
    """The same demo run driven on this thread as the CLI drives it: images/s over `seconds`."""
    from cnnstudio.core.events import BatchEnd
    from cnnstudio.core.training import train

    config = session.config
    run = train(session.dataset, config, os.path.join(folder, f"cli-{time.monotonic_ns()}"))
    batches, started = -2, 0.0
    try:
        for event in run:
            if isinstance(event, BatchEnd):
                batches += 1
                if batches == 0:
                    started = time.perf_counter()
                elif batches > 0 and time.perf_counter() - started >= seconds:
                    break
    finally:
        run.close()
    return batches * config.batch_size / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=4.0, help="measured seconds per round and variant")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--levers", action="store_true", help="also each lever alone: niceness only, switch only")
    parser.add_argument("--profile", action="store_true", help="and one profiled round (GUI thread, with the policy)")
    parser.add_argument("--refreshes", type=int, default=0, help="only the cost of this many Curves refreshes")
    args = parser.parse_args()
    tmp = tempfile.mkdtemp()
    os.environ["CNNSTUDIO_RUNS"] = tmp
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, tmp)
    app = QApplication([])
    if args.refreshes:
        refresh_cost(app, args.refreshes)
        return
    from cnnstudio.qt.main_window import MainWindow
    from cnnstudio.qt.workers import YIELD_TO_GUI, ThreadPolicy, runners, shutdown_all

    window = MainWindow()
    window.resize(1280, 800)
    window.show()
    window.session.update_config(epochs=1000)
    app.processEvents()
    starting = measure(app, 2.0)  # the window's first seconds: the demo's scan, thumbnails, first paints
    pump(app, lambda: not any(r.is_running for r in runners()))
    idle = measure(app, 2.0)
    variants = {"window, policy off": ThreadPolicy(), "window, YIELD_TO_GUI": YIELD_TO_GUI}
    if args.levers:
        variants["window, niceness only"] = ThreadPolicy(nice=YIELD_TO_GUI.nice)
        variants["window, switch only"] = ThreadPolicy(switch_interval=YIELD_TO_GUI.switch_interval)
    lateness: dict[str, list[np.ndarray]] = {name: [] for name in variants}
    rates: dict[str, list[float]] = {name: [] for name in ("cli", *variants)}
    for index in range(args.rounds):
        order = ["cli", *variants] if index % 2 == 0 else [*reversed(variants), "cli"]
        for name in order:
            if name == "cli":
                rates[name].append(cli_round(window.session, args.seconds, tmp))
            else:
                late, rate = window_round(app, window, variants[name], args.seconds)
                lateness[name].append(late)
                rates[name].append(rate)
    if args.profile:
        profile_round(app, window, YIELD_TO_GUI, args.seconds)
    shutdown_all(30_000)
    cli = float(np.median(rates["cli"]))
    print(describe("window starting", starting))
    print(describe("idle app", idle))
    for name in variants:
        p50, p99, worst = (float(np.median([f(v) for v in lateness[name]])) for f in (np.median, _p99, np.max))
        rate = float(np.median(rates[name]))
        print(
            f"{name:<22} p50 {p50:6.2f} ms  p99 {p99:6.2f} ms  max {worst:6.2f} ms  "
            f"{rate:6.0f} img/s ({rate / cli:.2f}× the CLI's)   [median of {args.rounds} rounds]"
        )
    print(f"{'CLI (main thread)':<22} {cli:.0f} img/s; torch threads {__import__('torch').get_num_threads()}")
    print("goal with the policy: p99 < 20 ms, max < 100 ms, throughput ≥ 0.85× the CLI's")


def _p99(values: np.ndarray) -> float:
    return float(np.percentile(values, 99))


if __name__ == "__main__":
    main()
