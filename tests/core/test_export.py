from __future__ import annotations

import json
import sys

import pytest
import torch
from safetensors import safe_open

from cnnstudio.core.data.scan import run_to_end
from cnnstudio.core.export import ExportError, export_run, onnx_available
from cnnstudio.core.predict import load_run
from tests.helpers import write_model_run

pytestmark = pytest.mark.filterwarnings("ignore:`torch.jit.load` is deprecated:FutureWarning")


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    return write_model_run(tmp_path_factory.mktemp("runs") / "run", "seed-separable", image_size=32, seed=3)


def _pixels(seed: int = 7) -> torch.Tensor:
    images = torch.randint(0, 256, (3, 32, 32, 3), dtype=torch.uint8, generator=torch.Generator().manual_seed(seed))
    return images


def test_torchscript_export_computes_what_the_run_computes_and_carries_the_metadata(run, tmp_path):
    out = tmp_path / "model.pt"
    result = run_to_end(export_run(run, "torchscript", out))
    assert result.format == "torchscript" and result.path == str(out)
    assert result.matches and result.max_abs_difference <= 1e-4
    loaded = load_run(run)
    x = loaded.prepare(_pixels().numpy())  # other images than the check's, and a batch of three
    extra = {"cnnstudio.json": ""}
    scripted = torch.jit.load(str(out), map_location="cpu", _extra_files=extra)
    with torch.no_grad():
        torch.testing.assert_close(scripted(x), loaded.model(x), atol=1e-4, rtol=1e-4)
    meta = json.loads(extra["cnnstudio.json"])
    assert json.loads(meta["class_names"]) == ["cats", "dogs"]
    assert json.loads(meta["input_size"]) == [32, 32]
    assert json.loads(meta["mean"]) == [0.0, 0.0, 0.0] and json.loads(meta["std"]) == [1.0, 1.0, 1.0]
    assert meta["output_activation"] == loaded.model.output_activation


def test_safetensors_export_holds_the_weights_and_the_metadata(run, tmp_path):
    out = tmp_path / "weights.safetensors"
    result = run_to_end(export_run(run, "safetensors", out))
    assert result.max_abs_difference == 0.0
    loaded = load_run(run)
    with safe_open(str(out), framework="pt") as handle:
        meta = handle.metadata()
        state = {key: handle.get_tensor(key) for key in handle.keys()}
    assert json.loads(meta["class_names"]) == ["cats", "dogs"]
    assert json.loads(meta["input_size"]) == [32, 32] and meta["channels"] == "3"
    assert json.loads(meta["model"])["name"] == "seed-separable"
    assert state.keys() == loaded.model.state_dict().keys()
    for key, value in loaded.model.state_dict().items():
        assert torch.equal(state[key], value)


@pytest.mark.skipif(not onnx_available(), reason="the optional onnx package is not installed")
def test_onnx_export_matches_pytorch(run, tmp_path):
    import onnx
    from onnx.reference import ReferenceEvaluator

    out = tmp_path / "model.onnx"
    result = run_to_end(export_run(run, "onnx", out))
    assert result.matches and result.max_abs_difference <= 1e-3
    model = onnx.load(str(out))
    props = {p.key: p.value for p in model.metadata_props}
    assert json.loads(props["class_names"]) == ["cats", "dogs"]
    loaded = load_run(run)
    x = loaded.prepare(_pixels().numpy())
    got = ReferenceEvaluator(model).run(None, {"image": x.numpy()})[0]  # a batch of three: the batch axis is free
    with torch.no_grad():
        torch.testing.assert_close(torch.from_numpy(got), loaded.model(x), atol=1e-3, rtol=1e-3)


def test_onnx_without_the_package_says_how_to_install_it(run, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "onnx", None)  # as if it were not installed
    monkeypatch.setattr("cnnstudio.core.export.onnx_available", lambda: False)
    with pytest.raises(ExportError, match=r"pip install 'cnnstudio\[export\]'"):
        run_to_end(export_run(run, "onnx", tmp_path / "model.onnx"))
    assert not (tmp_path / "model.onnx").exists()


def test_an_export_into_a_missing_folder_is_refused_before_any_work(run, tmp_path):
    with pytest.raises(ExportError, match="does not exist"):
        run_to_end(export_run(run, "torchscript", tmp_path / "nowhere" / "model.pt"))
    with pytest.raises(ExportError, match="is a folder"):
        run_to_end(export_run(run, "torchscript", tmp_path))
