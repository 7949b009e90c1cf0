"""Smoke test of the built app (the end of `make package`): run from the source tree, headless.

    python packaging/smoke_test.py dist/cnnstudio

Checks that the folder holds what bundle.py lists, then runs the built executable, not this Python: it
must answer --version (and -V, and with --gui) with "cnnstudio X.Y.Z" for this tree's version, and
classify the bundled cat photo with the bundled offline weights (proof that the frozen app finds its data
files and imports torch). Exits 1 with what failed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CATS = {"Egyptian cat", "tabby", "tiger cat", "Persian cat", "Siamese cat"}


def expected_version() -> str:
    sys.path.insert(0, str(ROOT))
    from cnnstudio import version_line

    return version_line()


def run(app: Path, *args: str, timeout: float) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    with tempfile.TemporaryDirectory() as home:  # nothing read from or left in the user's settings
        env.update(HOME=home, XDG_CONFIG_HOME=home, XDG_CACHE_HOME=home)
        return subprocess.run([str(app), *args], capture_output=True, text=True, timeout=timeout, env=env, cwd=home)


def check_version(app: Path) -> list[str]:
    """What is wrong with the app's answers to --version, -V and --gui --version (nothing: [])."""
    want, failures = expected_version(), []
    for args in (["--version"], ["-V"], ["--gui", "--version"]):
        done = run(app, *args, timeout=60)
        if done.returncode != 0 or done.stdout.strip() != want:
            failures.append(
                f"{' '.join(args)}: status {done.returncode}, printed {done.stdout!r} {done.stderr[-400:]!r}"
            )
    return failures


def check_files(folder: Path) -> list[str]:
    """The data and libraries bundle.py lists that the built folder lacks."""
    sys.path.insert(0, str(ROOT / "packaging"))
    import bundle

    wanted = [(Path(source).name, dest) for source, dest in bundle.binaries() + bundle.weights_files()]
    wanted += [(Path(source).name, dest) for source, dest in bundle.resource_files(ROOT)]
    return [f"{dest}/{name} is not in the bundle" for name, dest in wanted if not any(folder.rglob(f"{dest}/{name}"))]


def check_prediction(app: Path, folder: Path) -> list[str]:
    """What is wrong with the app's top-3 classes for the bundled cat photo, by the bundled weights."""
    photos = sorted(folder.rglob("cnnstudio/resources/samples/chelsea.jpg"))
    if not photos:
        return ["the sample photo chelsea.jpg is not in the bundle"]
    done = run(
        app, "predict", "--backbone", "efficientnet-lite0", str(photos[0]), "--top-k", "3", "--json", timeout=300
    )
    try:
        top = [row["class"] for row in json.loads(done.stdout)[0]["top"]]
    except (ValueError, LookupError, TypeError):
        top = []
    if done.returncode != 0 or not CATS & set(top):
        return [f"predict on chelsea.jpg: status {done.returncode}, top {top}, {done.stderr[-800:]!r}"]
    return []


def main(argv: list[str]) -> int:
    folder = Path(argv[1] if len(argv) > 1 else ROOT / "dist" / "cnnstudio").resolve()  # runs in another folder
    app = folder / ("cnnstudio.exe" if sys.platform == "win32" else "cnnstudio")
    failures = check_files(folder) + check_version(app) or check_prediction(app, folder)
    for failure in failures:
        print(f"smoke test: {failure}", file=sys.stderr)
    if not failures:
        print(f"smoke test: {app} answers {expected_version()!r} and sees a cat in chelsea.jpg")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
