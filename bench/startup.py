"""Start-up: the window on a real X server, Train enabled, and a CLI mistake answered, against `import torch`.

Goals (issue 10): the main window visible ≤ 1.0 s after the process starts and usable at once, Train
enabled ≤ 4 s, and ``cnnstudio train /nonexistent --out x`` answered in ≤ 0.5 s (and ``--help`` at once).
Each figure is measured side by side with its baseline, a fresh ``python -c "import torch"``, in the same
run (rounds alternate the two).

- Window: ``python -m cnnstudio`` on an Xvfb display (started here); the time from launching the process
  until ``xdotool search --onlyvisible --name '^cnnstudio$'`` finds a mapped window (polled every 20 ms;
  ``search --sync`` polls only twice a second). What appears first is the window's frame (`qt/startup.py`).
- Usable: the moment the app writes ``usable`` to ``CNNSTUDIO_STARTUP_LOG``: the frame's Dataset,
  Gallery, Model and Log docks are in place and working (`qt/early_docks.py`), before torch.
- Train enabled: the moment the app writes ``ready`` to ``CNNSTUDIO_STARTUP_LOG`` (the real window shown
  with Train enabled), minus the launch time. The app is then closed with SIGTERM, as from a terminal.
- CLI: the wall time of ``python -m cnnstudio train /nonexistent --out x`` (status 2 expected) and of
  ``python -m cnnstudio train --help``.

    .venv/bin/python bench/startup.py [--rounds 3]
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def start_xvfb() -> tuple[subprocess.Popen, str]:
    for number in range(91, 120):
        if Path(f"/tmp/.X11-unix/X{number}").exists() or Path(f"/tmp/.X{number}-lock").exists():
            continue
        server = subprocess.Popen(
            ["Xvfb", f":{number}", "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        display = f":{number}"
        for _ in range(100):
            if (
                subprocess.run(
                    ["xdotool", "getmouselocation"], env={**os.environ, "DISPLAY": display}, capture_output=True
                ).returncode
                == 0
            ):
                return server, display
            time.sleep(0.05)
        server.kill()
    raise SystemExit("no free X display for Xvfb")


def import_torch_seconds() -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import torch"], check=True)
    return time.perf_counter() - start


def cli_seconds(*args: str, status: int) -> float:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "cnnstudio", *args], cwd=ROOT, capture_output=True)
    seconds = time.perf_counter() - start
    assert done.returncode == status, done.stderr
    return seconds


def window_seconds(display: str, workdir: Path) -> tuple[float, float, float]:
    """(seconds until a cnnstudio window is mapped, until its docks answer, until Train is enabled) for one launch."""
    log = workdir / "startup.log"
    log.unlink(missing_ok=True)
    env = {
        **os.environ,
        "DISPLAY": display,
        "QT_QPA_PLATFORM": "xcb",
        "XDG_CONFIG_HOME": str(workdir / "config"),
        "CNNSTUDIO_RUNS": str(workdir / "runs"),
        "CNNSTUDIO_STARTUP_LOG": str(log),
    }
    launched = time.time()
    start = time.perf_counter()
    app = subprocess.Popen(
        [sys.executable, "-m", "cnnstudio"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    visible = None
    usable = None
    ready = None
    try:
        deadline = start + 120
        while time.perf_counter() < deadline:
            if visible is None:
                found = subprocess.run(
                    ["xdotool", "search", "--onlyvisible", "--name", "^cnnstudio$"],
                    env=env,
                    capture_output=True,
                    text=True,
                )
                if found.stdout.strip():
                    visible = time.perf_counter() - start
            if log.exists():
                for line in log.read_text().splitlines():
                    event, moment = line.split()
                    if event == "usable":
                        usable = float(moment) - launched
                    if event == "ready":
                        ready = float(moment) - launched
            if visible is not None and ready is not None:
                break
            assert app.poll() is None, "the app ended on its own"
            time.sleep(0.02)
    finally:
        app.send_signal(signal.SIGTERM)
        try:
            app.wait(60)
        except subprocess.TimeoutExpired:
            app.kill()
            app.wait()
    if visible is None or usable is None or ready is None:
        raise SystemExit(f"no window after 120 s (visible {visible}, usable {usable}, ready {ready})")
    return visible, max(visible, usable), ready


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if not (shutil.which("Xvfb") and shutil.which("xdotool")):
        raise SystemExit("needs Xvfb and xdotool (apt-get install xvfb xdotool)")
    server, display = start_xvfb()
    torch_s, visible_s, usable_s, ready_s, cli_s, help_s = [], [], [], [], [], []
    try:
        with tempfile.TemporaryDirectory() as tmp:
            window_seconds(display, Path(tmp))  # a first launch fills the OS's file cache; not counted
            for _ in range(args.rounds):
                torch_s.append(import_torch_seconds())
                visible, usable, ready = window_seconds(display, Path(tmp))
                visible_s.append(visible)
                usable_s.append(usable)
                ready_s.append(ready)
                cli_s.append(cli_seconds("train", "/nonexistent", "--out", "x", status=2))
                help_s.append(cli_seconds("train", "--help", status=0))
    finally:
        server.terminate()
        server.wait()

    def row(name: str, values: list[float], goal: str) -> str:
        median = statistics.median(values)
        ratio = median / statistics.median(torch_s)
        spread = ", ".join(f"{v:.2f}" for v in values)
        return f"{name:<34} {median:6.2f} s  ({ratio:4.2f}x import torch)  [{spread}]  goal {goal}"

    print(f"start-up on {os.cpu_count()} cores, {args.rounds} rounds, medians (each round's figures in brackets)")
    print(row('python -c "import torch" (baseline)', torch_s, "-"))
    print(row("window visible (Xvfb, xdotool)", visible_s, "≤ 1.0 s"))
    print(row("window usable (docks answer)", usable_s, "at once"))
    print(row("Train enabled", ready_s, "≤ 4 s"))
    print(row("cnnstudio train /nonexistent", cli_s, "≤ 0.5 s"))
    print(row("cnnstudio train --help", help_s, "no torch"))


if __name__ == "__main__":
    main()
