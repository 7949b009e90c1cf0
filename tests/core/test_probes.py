"""Explanations over time: probe images explained after every epoch, without changing the training."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from PIL import Image

from cnnstudio.core.data import open_folder
from cnnstudio.core.errors import RunFolderError
from cnnstudio.core.events import Finished, LogMessage
from cnnstudio.core.jobs import drive
from cnnstudio.core.runs import LAST, RunFolder
from cnnstudio.core.training import TrainConfig, resume, train
from cnnstudio.core.training.probes import AUTO, auto_probes, probe_overlay, read_timeline
from cnnstudio.core.visualize import cam
from tests.helpers import make_stripes_folder

LAYERS = [
    {"type": "Conv2D", "filters": 4, "kernel_size": 3},
    {"type": "BatchNormalization"},
    {"type": "MaxPooling2D"},
    {"type": "Conv2D", "filters": 6, "kernel_size": 3},
    {"type": "Flatten"},
    {"type": "Dropout", "rate": 0.3},
    {"type": "Dense", "units": 8},
]


@pytest.fixture(scope="module")
def stripes(tmp_path_factory):
    return open_folder(make_stripes_folder(tmp_path_factory.mktemp("stripes"), per_class=10), seed=0)


def config(**changes) -> TrainConfig:
    values = dict(model="custom", layers=LAYERS, image_size=24, epochs=3, batch_size=8, learning_rate=3e-3, seed=1)
    values.update(changes)
    return TrainConfig(**values)


def run(job) -> list:
    events = list(drive(job))
    assert isinstance(events[-1], Finished), events[-1]
    return events


def test_auto_probes_are_one_validation_image_per_class(stripes):
    picked = auto_probes(stripes)
    assert sorted(label for _, label in picked) == [0, 1]
    for path, label in picked:
        assert (path, label) in stripes.files["validation"]


def test_auto_probes_of_the_demo_dataset_are_drawn_images():
    from cnnstudio.core.data import demo_dataset

    dataset = demo_dataset()
    picked = auto_probes(dataset)
    assert [label for _, label in picked] == list(range(len(dataset.class_names)))
    assert all(key.startswith("demo://validation/") for key, _ in picked)


def test_probes_leave_training_bitwise_unchanged_and_save_each_epoch(stripes, tmp_path):
    torch.manual_seed(123)
    global_state = torch.get_rng_state()
    run(train(stripes, config(epochs=2), tmp_path / "plain"))
    run(train(stripes, config(epochs=2, probes=[AUTO]), tmp_path / "probed"))
    torch.manual_seed(123)  # the probed run drew no more from the global generator than the plain one
    assert torch.equal(global_state, torch.get_rng_state())
    plain, probed = RunFolder(tmp_path / "plain").load_weights(LAST), RunFolder(tmp_path / "probed").load_weights(LAST)
    assert plain.keys() == probed.keys()
    for key in plain:  # weights and BatchNorm's running statistics alike
        assert torch.equal(plain[key], probed[key]), key
    assert not (tmp_path / "plain" / "probes").exists()
    timeline = read_timeline(tmp_path / "probed")
    assert timeline.epochs == [1, 2]
    assert [p.label for p in timeline.probes] == [0, 1]
    assert timeline.class_names == list(stripes.class_names)
    frame = timeline.frame(2)
    assert frame.top1_maps.dtype == np.uint8 and frame.top1_maps.shape[0] == 2
    assert frame.top1_maps.shape[1:] == (9, 9)  # the last conv's own resolution: (24 - 2) / 2 - 2
    assert np.allclose(frame.probabilities.sum(1), 1.0, atol=1e-5)


def test_top1_and_map_equal_the_trained_models_own(stripes, tmp_path):
    from cnnstudio.core.visualize import open_subject

    probed = tmp_path / "p"
    run(train(stripes, config(epochs=2, probes=[AUTO]), probed))
    timeline, frame = read_timeline(probed), read_timeline(probed).frame(2)
    subject = open_subject(run_dir=probed)
    subject.model.load_state_dict(RunFolder(probed).load_weights(LAST))
    for i, probe in enumerate(timeline.probes):
        x = torch.from_numpy(np.array(probe.image)).permute(2, 0, 1)[None].float() / 255
        with subject.using() as model:
            logits = model(x)
            p = subject.probabilities(logits)[0]
            step = cam.forward_pass(subject, model, x.clone(), timeline.layer)
            step.index = int(p.argmax())
            raw = next_value(cam.gradcam(step))
        assert int(frame.top1[i]) == int(p.argmax())
        assert frame.confidence(i) == pytest.approx(float(p.max()), abs=1e-5)
        expected = np.round(np.maximum(raw.numpy(), 0) / max(raw.max().item(), 1e-12) * 255)
        assert np.abs(frame.top1_maps[i].astype(int) - expected.astype(int)).max() <= 1
        if probe.label != int(p.argmax()):
            assert not np.array_equal(frame.true_maps[i], frame.top1_maps[i])


def next_value(generator):
    try:
        while True:
            next(generator)
    except StopIteration as stop:
        return stop.value


def test_no_parameter_gradients_or_eval_mode_left_behind(stripes, tmp_path, monkeypatch):
    import cnnstudio.core.training.run as run_module

    seen = []

    def watched(cfg, dataset):
        recorder = original(cfg, dataset)

        def hook(phase, epoch):
            params = list(phase.model.parameters())
            before = [None if p.grad is None else p.grad.clone() for p in params]
            yield from recorder(phase, epoch)
            grads_kept = all(
                (b is None and p.grad is None) or (b is not None and torch.equal(b, p.grad))
                for b, p in zip(before, params, strict=True)
            )
            seen.append((epoch, phase.model.training, grads_kept, all(p.requires_grad for p in params)))

        return hook

    original = run_module.probe_hook
    monkeypatch.setattr(run_module, "probe_hook", watched)
    run(train(stripes, config(epochs=2, probes=[AUTO]), tmp_path / "w"))
    assert seen == [(1, True, True, True), (2, True, True, True)]
    assert read_timeline(tmp_path / "w").epochs == [1, 2]


def test_a_bad_probe_is_skipped_with_a_message(stripes, tmp_path):
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"not an image")
    good = tmp_path / "vertical" / "probe.png"
    good.parent.mkdir()
    Image.fromarray(np.tile((np.arange(24) % 4 < 2).astype(np.uint8)[None, :] * 255, (24, 1))).convert("RGB").save(good)
    events = run(train(stripes, config(epochs=1, probes=[str(broken), str(good)]), tmp_path / "r"))
    warnings = [e.message for e in events if isinstance(e, LogMessage) and e.message.id == "probes.skipped"]
    assert len(warnings) == 1 and str(broken) in str(warnings[0])
    nothing = run(train(stripes, config(epochs=1, probes=[str(broken)]), tmp_path / "none"))
    assert any(isinstance(e, LogMessage) and e.message.id == "probes.none_usable" for e in nothing)
    assert not (tmp_path / "none" / "probes").exists()
    timeline = read_timeline(tmp_path / "r")
    assert [p.source for p in timeline.probes] == [str(good)]
    assert timeline.probes[0].label == stripes.class_names.index("vertical")  # its folder names a class
    assert probe_overlay(timeline.probes[0], timeline.frame(1).top1_maps[0], side=48).shape == (48, 48, 3)


def test_continuing_a_run_appends_epochs(stripes, tmp_path):
    run(train(stripes, config(epochs=2, probes=[AUTO]), tmp_path / "r"))
    first = read_timeline(tmp_path / "r").frame(2)
    run(resume(tmp_path / "r", 4, dataset=stripes))
    timeline = read_timeline(tmp_path / "r")
    assert timeline.epochs == [1, 2, 3, 4]
    assert np.array_equal(timeline.frame(2).top1_maps, first.top1_maps)


def test_a_run_without_probes_says_so(tmp_path):
    with pytest.raises(RunFolderError) as caught:
        read_timeline(tmp_path)
    assert caught.value.message.id == "probes.none"


def test_transfer_runs_explain_through_the_base(stripes, tmp_path, monkeypatch):
    from cnnstudio.core.pretrained import package_weights_path

    if package_weights_path() is None:
        pytest.skip("efficientnet-lite0's packaged weights are not installed")
    monkeypatch.setenv("CNNSTUDIO_CACHE", str(tmp_path / "cache"))
    tune = dict(backbone="efficientnet-lite0", image_size=32, epochs=1, batch_size=8, head_units=8, threads=1,
                mode="fine-tune", fine_tune_epochs=1, unfreeze=1, fine_tune_lr=1e-3, probes=[AUTO])  # fmt: skip
    run(train(stripes, TrainConfig(**tune), tmp_path / "probed"))
    timeline = read_timeline(tmp_path / "probed")
    assert timeline.epochs == [1, 2]  # both phases: the head's, then fine-tuning's
    assert timeline.layer and timeline.frame(2).top1_maps.shape[0] == 2


def test_cached_features_are_not_explained_and_the_run_says_so(stripes, tmp_path):
    from types import SimpleNamespace

    from cnnstudio.core.training.probes import ProbeRecorder
    from cnnstudio.core.training.transfer import Head

    recorder = ProbeRecorder([AUTO], stripes, stripes.class_names, 24, 3)
    phase = SimpleNamespace(model=Head(16, 2, units=8, dropout=0.0), folder=RunFolder(tmp_path))
    first, second = list(recorder(phase, 1)), list(recorder(phase, 2))
    assert [e.message.id for e in first] == ["probes.cached_features"] and second == []
    assert not (tmp_path / "probes").exists()
