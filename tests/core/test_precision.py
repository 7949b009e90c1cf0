"""Mixed precision: chosen per device as described, fp32 honoured exactly, recorded, kept when continuing."""

from __future__ import annotations

import os
from contextlib import nullcontext

import pytest
import torch

import cnnstudio
import cnnstudio.core.torchutils as torchutils
import cnnstudio.core.training.precision as precision_module
from cnnstudio.cli import main
from cnnstudio.core.data import open_folder
from cnnstudio.core.errors import UserError
from cnnstudio.core.evaluation import evaluate_run
from cnnstudio.core.events import Finished, LogMessage
from cnnstudio.core.jobs import drive
from cnnstudio.core.predict import classify
from cnnstudio.core.pretrained import package_weights_path
from cnnstudio.core.runs import RunFolder
from cnnstudio.core.training import Amp, TrainConfig, load_checkpoint, resolve_precision, resume, train
from tests.helpers import make_stripes_folder

SMALL = [
    {"type": "Conv2D", "filters": 8, "kernel_size": 3},
    {"type": "MaxPooling2D"},
    {"type": "Conv2D", "filters": 8, "kernel_size": 3},
    {"type": "Flatten"},
    {"type": "Dense", "units": 16},
]


@pytest.fixture(scope="module")
def stripes(tmp_path_factory):
    return open_folder(make_stripes_folder(tmp_path_factory.mktemp("stripes"), per_class=16), seed=0)


def config(**changes) -> TrainConfig:
    values = dict(model="custom", layers=SMALL, image_size=24, epochs=2, batch_size=8, optimizer="adam",
                  learning_rate=3e-3, seed=1, device="cpu", threads=1)  # fmt: skip
    values.update(changes)
    return TrainConfig(**values)


def run(stripes, path, **changes) -> list:
    events = list(drive(train(stripes, config(**changes), path)))
    assert isinstance(events[-1], Finished), events[-1]
    return events


def weights(path) -> dict[str, torch.Tensor]:
    return RunFolder(path).load_weights("last.safetensors")


def precision_logs(events) -> list[str]:
    return [str(e.message) for e in events if isinstance(e, LogMessage) and e.message.id == "precision.chosen"]


# --- how "auto" and the explicit choices resolve ---------------------------------------------------------------------


@pytest.mark.parametrize(("fast", "expected"), [(True, "bf16"), (False, "fp32")])
def test_auto_on_a_cpu_is_bf16_only_where_bf16_is_fast(monkeypatch, fast, expected):
    monkeypatch.setattr(precision_module, "bf16_is_fast", lambda device: fast)
    chosen = resolve_precision("auto", "cpu")
    assert (chosen.requested, chosen.resolved, chosen.device_type) == ("auto", expected, "cpu")
    assert chosen.dtype == (torch.bfloat16 if fast else None) and not chosen.scaled


@pytest.mark.parametrize(("capability", "expected"), [((9, 0), "bf16"), ((8, 0), "bf16"), ((7, 5), "fp16")])
def test_auto_on_a_gpu_is_bf16_on_recent_ones_and_fp16_with_a_scaler_on_older_ones(monkeypatch, capability, expected):
    monkeypatch.setattr(precision_module, "_cuda_capability", lambda device: capability)
    chosen = resolve_precision("auto", "cuda")
    assert chosen.resolved == expected and chosen.scaled == (expected == "fp16")


def test_explicit_choices_are_kept_and_impossible_ones_refused(monkeypatch):
    monkeypatch.setattr(precision_module, "bf16_is_fast", lambda device: False)
    monkeypatch.setattr(precision_module, "_cuda_capability", lambda device: (7, 0))
    assert resolve_precision("bf16", "cpu").resolved == "bf16"  # asked for: honoured even where emulated
    assert resolve_precision("fp32", "cuda").resolved == "fp32"
    assert resolve_precision("fp16", "cuda").resolved == "fp16"
    assert resolve_precision("auto", "mps").resolved == "fp32"
    with pytest.raises(UserError, match="bf16 cannot run on cuda"):
        resolve_precision("bf16", "cuda")
    with pytest.raises(UserError, match="cannot run on mps"):
        resolve_precision("fp16", "mps")
    with pytest.raises(UserError, match="Unknown precision 'fp8'"):
        config(precision="fp8").validate()


def test_fp32_has_no_autocast_and_no_scaler_and_fp16_has_a_scaler():
    fp32 = Amp(resolve_precision("fp32", "cpu"))
    assert isinstance(fp32.autocast(), nullcontext) and fp32.scaler is None and fp32.state_dict() == {}
    fp16 = Amp(resolve_precision("fp16", "cpu"))
    assert fp16.scaler is not None and "scale" in fp16.state_dict()


# --- training ---------------------------------------------------------------------------------------------------------


def test_fp32_is_honoured_exactly_bitwise_the_loop_without_autocast(stripes, tmp_path, monkeypatch):
    entered = []
    real_autocast = torch.autocast

    def spy(*args, **kwargs):
        entered.append(kwargs.get("dtype"))
        return real_autocast(*args, **kwargs)

    monkeypatch.setattr(torch, "autocast", spy)
    run(stripes, tmp_path / "fp32", precision="fp32")
    assert entered == []  # not even a disabled autocast: the exact operations of a run without one
    run(stripes, tmp_path / "bf16", precision="bf16")
    assert torch.bfloat16 in entered
    # The bf16 run's loop with its autocast taken out is the float32 run, bit for bit.
    monkeypatch.setattr(Amp, "autocast", lambda self: nullcontext())
    run(stripes, tmp_path / "bf16-without-autocast", precision="bf16")
    fp32, bf16, without = (weights(tmp_path / name) for name in ("fp32", "bf16", "bf16-without-autocast"))
    assert all(torch.equal(fp32[key], without[key]) for key in fp32)
    assert not all(torch.equal(fp32[key], bf16[key]) for key in fp32)  # bf16 really computed in bfloat16
    assert all(value.dtype == torch.float32 for value in bf16.values())  # weights stay float32
    optimizer_state = load_checkpoint(RunFolder(tmp_path / "bf16"))["optimizer"]["state"]
    assert all(t.dtype == torch.float32 for s in optimizer_state.values() for t in s.values() if t.is_floating_point())


def test_a_bf16_runs_accuracy_is_close_to_fp32s(stripes, tmp_path):
    results = {}
    for name in ("fp32", "bf16"):
        events = run(stripes, tmp_path / name, precision=name, epochs=4)
        results[name] = events[-1].result
    assert results["fp32"].val_accuracy >= 0.9
    assert abs(results["bf16"].val_accuracy - results["fp32"].val_accuracy) <= 0.07  # one image of 15
    assert results["bf16"].val_loss == pytest.approx(results["fp32"].val_loss, abs=0.05)


@pytest.mark.parametrize(("fast", "resolved"), [(True, "bf16"), (False, "fp32")])
def test_the_choice_is_in_the_log_and_in_config_json(stripes, tmp_path, monkeypatch, fast, resolved):
    monkeypatch.setattr(precision_module, "bf16_is_fast", lambda device: fast)
    events = run(stripes, tmp_path / "run", epochs=1)
    record = RunFolder(tmp_path / "run").read_config()
    assert record["precision"] == {"requested": "auto", "resolved": resolved}
    assert record["training"]["precision"] == "auto"
    (log,) = precision_logs(events)
    assert f"Precision: {resolved} (auto asked, on cpu)" in log


def test_an_fp16_run_keeps_its_scaler_in_the_checkpoint_and_its_precision_when_continued(stripes, tmp_path):
    run(stripes, tmp_path / "once", precision="fp16", epochs=2)
    run(stripes, tmp_path / "twice", precision="fp16", epochs=1)
    scaler = load_checkpoint(RunFolder(tmp_path / "twice"))["scaler"]
    assert scaler["scale"] > 0 and "_growth_tracker" in scaler
    events = list(drive(resume(tmp_path / "twice", 2, dataset=stripes)))
    assert isinstance(events[-1], Finished), events[-1]
    assert any("Precision: fp16" in log for log in precision_logs(events))
    once, twice = weights(tmp_path / "once"), weights(tmp_path / "twice")
    assert all(torch.equal(once[key], twice[key]) for key in once)  # the scale went on where it was
    assert (
        load_checkpoint(RunFolder(tmp_path / "once"))["scaler"]
        == load_checkpoint(RunFolder(tmp_path / "twice"))["scaler"]
    )


def test_a_run_from_before_mixed_precision_continues_in_fp32(stripes, tmp_path, monkeypatch):
    run(stripes, tmp_path / "old", precision="fp32", epochs=1)
    folder = RunFolder(tmp_path / "old")
    record = folder.read_config()
    del record["precision"]
    del record["training"]["precision"]
    folder.write_config(record)
    monkeypatch.setattr(precision_module, "bf16_is_fast", lambda device: True)  # auto would say bf16 here
    events = list(drive(resume(tmp_path / "old", 2, dataset=stripes)))
    assert isinstance(events[-1], Finished), events[-1]
    assert any("Precision: fp32" in log for log in precision_logs(events))


# --- the command line -------------------------------------------------------------------------------------------------

SAMPLES = os.path.join(os.path.dirname(cnnstudio.__file__), "resources", "samples")
FAST = ["--model", "seed-separable", "--image-size", "24", "--batch-size", "8", "--threads", "1", "--epochs", "1"]


def test_cli_precision_flag_is_recorded_and_cannot_change_when_continuing(stripes, tmp_path, capsys):
    out = tmp_path / "run"
    assert main(["train", str(stripes.source), "--out", str(out), *FAST, "--precision", "fp32"]) == 0
    assert RunFolder(out).read_config()["precision"] == {"requested": "fp32", "resolved": "fp32"}
    capsys.readouterr()
    assert main(["train", "--resume", str(out), "--epochs", "2", "--precision", "bf16"]) == 2
    assert "--precision cannot change" in capsys.readouterr().err
    assert main(["train", str(stripes.source), "--out", str(tmp_path / "x"), "--precision", "fp8"]) == 2
    assert "invalid choice: 'fp8'" in capsys.readouterr().err


# --- inference ----------------------------------------------------------------------------------------------------------


def _fp32_reference(monkeypatch, job):
    with monkeypatch.context() as patch:
        patch.setattr(torchutils, "bf16_is_fast", lambda device: False)
        return job()


@pytest.mark.skipif(not torchutils.bf16_is_fast("cpu"), reason="no fast bfloat16 here: inference stays float32")
def test_inference_in_bf16_gives_fp32s_top1_on_the_samples(monkeypatch, stripes, tmp_path):
    if package_weights_path() is None:
        pytest.skip("efficientnet-lite0 weights not installed")
    samples = [os.path.join(SAMPLES, name) for name in ("chelsea.jpg", "astronaut.jpg")]

    def predict():
        return list(drive(classify(samples, backbone="efficientnet-lite0", top_k=3)))[-1].result

    mixed, exact = predict(), _fp32_reference(monkeypatch, predict)
    for m, e in zip(mixed, exact, strict=True):
        assert m["top"][0]["class"] == e["top"][0]["class"]
        assert m["top"][0]["probability"] == pytest.approx(e["top"][0]["probability"], abs=0.05)

    run(stripes, tmp_path / "run", precision="fp32", epochs=4)

    def evaluation():
        return list(drive(evaluate_run(tmp_path / "run", stripes, split="validation")))[-1].result

    mixed, exact = evaluation(), _fp32_reference(monkeypatch, evaluation)
    assert [p.predicted for p in mixed.predictions] == [p.predicted for p in exact.predictions]
    assert mixed.accuracy == exact.accuracy
