"""A pickle offered where cnnstudio reads a run's weights is refused, and none of its code runs.

Backbone weights files (``--weights FILE``) are covered in tests/core/test_backbones.py and
tests/test_cli.py; here: a run folder's weights, read by predict, evaluate, export and ``--init-from``.
"""

from __future__ import annotations

import os
import pickle

import pytest
import torch

from cnnstudio.cli import main
from cnnstudio.core.data import open_folder
from cnnstudio.core.data.scan import run_to_end
from cnnstudio.core.errors import RunFolderError
from cnnstudio.core.predict import load_run
from cnnstudio.core.runs import BEST, LAST, RunFolder
from tests.helpers import make_stripes_folder, write_model_run, write_transfer_run


class _Trap:
    def __init__(self, marker: str) -> None:
        self.marker = marker

    def __reduce__(self):
        return (os.mkdir, (self.marker,))


def _plant(run_dir, marker) -> None:
    """Replace the run's weights with pickles that would create `marker` when unpickled."""
    trap = {"weight": torch.zeros(2), "payload": _Trap(str(marker))}
    torch.save(trap, run_dir / BEST)
    with open(run_dir / LAST, "wb") as handle:
        pickle.dump(trap, handle, protocol=2)


def test_a_pickle_as_run_weights_is_refused_by_every_reader_without_running_it(tmp_path, capsys):
    marker = tmp_path / "code-ran"
    run = write_model_run(tmp_path / "run", "seed-separable", image_size=32)
    _plant(run, marker)
    for name in (BEST, LAST):
        with pytest.raises(RunFolderError, match="not a valid safetensors weights file"):
            RunFolder(run).load_weights(name)
    with pytest.raises(RunFolderError):
        load_run(run)
    image = make_stripes_folder(tmp_path / "data", per_class=2, size=32) / "vertical" / "vertical_000.png"
    commands = (
        ["predict", str(run), str(image)],
        ["evaluate", str(run), str(tmp_path / "data")],
        ["export", str(run), "--format", "torchscript", "--out", str(tmp_path / "m.pt")],
        ["export", str(run), "--format", "safetensors", "--out", str(tmp_path / "m.safetensors")],
    )
    for args in commands:
        assert main(args) == 2, args
        err = capsys.readouterr().err.strip()
        assert "\n" not in err and "best.safetensors" in err
    assert not marker.exists()
    assert not (tmp_path / "m.pt").exists() and not (tmp_path / "m.safetensors").exists()
    live = tmp_path / "best-as.pt"  # torch.load reads a .safetensors name with safetensors: copy it to .pt
    live.write_bytes((run / BEST).read_bytes())
    torch.load(live, weights_only=False)  # the trap was live: an unsafe load would have run it
    assert marker.is_dir()


def test_init_from_a_run_whose_weights_are_a_pickle_runs_none_of_it(tmp_path, monkeypatch):
    from cnnstudio.core.pretrained import package_weights_path
    from cnnstudio.core.training import TrainConfig, train

    if package_weights_path() is None:
        pytest.skip("the offline EfficientNet-Lite0 weights are not installed")
    monkeypatch.setenv("CNNSTUDIO_CACHE", str(tmp_path / "cache"))
    marker = tmp_path / "code-ran"
    earlier = write_transfer_run(tmp_path / "fe", class_names=("horizontal", "vertical"), image_size=32)
    _plant(earlier, marker)
    dataset = open_folder(make_stripes_folder(tmp_path / "data", per_class=6, size=32), test_fraction=0.0)
    config = TrainConfig(
        backbone="efficientnet-lite0",
        mode="fine-tune",
        init_from=str(earlier),
        image_size=32,
        fine_tune_epochs=1,
        batch_size=8,
        head_units=16,
        threads=1,
    )
    with pytest.raises(RunFolderError, match="not a valid safetensors weights file"):
        run_to_end(train(dataset, config, tmp_path / "ft"))
    assert not marker.exists()
    assert not (tmp_path / "ft").exists()  # nothing was learned, nothing is left behind
