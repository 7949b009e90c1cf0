"""A run's folder is created only once the run can start, and says truthfully how the run ended;
a run's randomness and threads are its own."""

from __future__ import annotations

import threading
from importlib.resources import files

import pytest
import torch

from cnnstudio.core.data import open_folder
from cnnstudio.core.errors import RunFolderError
from cnnstudio.core.events import BatchEnd, Cancelled, Failed, Finished, Progress
from cnnstudio.core.jobs import CancelToken, drive
from cnnstudio.core.runs import RunFolder
from cnnstudio.core.training import TrainConfig, train
from tests.helpers import make_stripes_folder

CHELSEA = str(files("cnnstudio.resources") / "samples" / "chelsea.jpg")

# A small stack with dropout, so the test covers dropout's masks as well as the initial weights.
WITH_DROPOUT = [
    {"type": "Conv2D", "filters": 4, "kernel_size": 3},
    {"type": "MaxPooling2D"},
    {"type": "Flatten"},
    {"type": "Dropout", "rate": 0.5},
    {"type": "Dense", "units": 16},
]


@pytest.fixture(scope="module")
def stripes(tmp_path_factory):
    return open_folder(make_stripes_folder(tmp_path_factory.mktemp("stripes"), per_class=16), seed=0)


def config(**changes) -> TrainConfig:
    values = dict(model="seed-separable", image_size=24, epochs=2, batch_size=8, optimizer="rmsprop", seed=0)
    values.update(changes)
    return TrainConfig(**values)


def test_a_run_cancelled_before_its_first_epoch_leaves_no_folder(stripes, tmp_path):
    token = CancelToken()
    events = []
    for event in drive(train(stripes, config(epochs=5), tmp_path / "run"), token):
        events.append(event)
        if isinstance(event, BatchEnd) and event.step == 2:
            token.cancel()
    assert isinstance(events[-1], Cancelled)
    assert not (tmp_path / "run").exists()


def test_a_run_cancelled_while_loading_leaves_no_folder_and_an_empty_target_stays_empty(stripes, tmp_path):
    (tmp_path / "mine").mkdir()
    token = CancelToken()
    events = []
    for event in drive(train(stripes, config(), tmp_path / "mine"), token):
        events.append(event)
        if isinstance(event, Progress):
            token.cancel()
    assert isinstance(events[-1], Cancelled)
    assert (tmp_path / "mine").is_dir() and list((tmp_path / "mine").iterdir()) == []


def test_a_dataset_without_validation_images_fails_before_any_folder_exists(tmp_path):
    dataset = open_folder(make_stripes_folder(tmp_path / "data", per_class=6), val_fraction=0.0, test_fraction=0.0)
    events = list(drive(train(dataset, config(), tmp_path / "run")))
    assert isinstance(events[-1], Failed) and "no validation images" in str(events[-1].reason)
    assert events[-1].reason.id == "training.no_validation_images"
    assert not (tmp_path / "run").exists()


def test_a_non_finite_validation_loss_fails_the_run_and_is_never_kept_as_best(stripes, tmp_path):
    # One step per epoch: the training loss of that step is finite, the update then breaks the model.
    huge = config(model="small-convnet", image_size=48, optimizer="sgd", learning_rate=1e12, batch_size=64)
    events = list(drive(train(stripes, huge, tmp_path / "run")))
    assert isinstance(events[-1], Failed)
    assert events[-1].reason.id in ("training.validation_diverged", "training.diverged")
    assert "learning rate" in str(events[-1].reason)
    assert not any(isinstance(e, Finished) for e in events)
    assert not (tmp_path / "run").exists()  # no epoch was kept, so no folder either


@pytest.mark.parametrize(
    "content",
    [b"{not json", b"[1, 2, 3]", b"\xff\xfe garbage", b""],
    ids=["broken-json", "a-list", "not-utf8", "empty"],
)
def test_a_malformed_config_json_is_a_one_line_error(tmp_path, content):
    (tmp_path / "config.json").write_bytes(content)
    with pytest.raises(RunFolderError) as info:
        RunFolder(tmp_path).read_config()
    assert "config.json" in str(info.value) and "\n" not in str(info.value)


def _weights(path) -> dict[str, torch.Tensor]:
    return RunFolder(path).load_weights("last.safetensors")


def test_the_same_seed_gives_bitwise_identical_weights_while_a_classify_job_runs(stripes, tmp_path):
    from cnnstudio.core.models import build_model, preset_spec
    from cnnstudio.core.pretrained import load_backbone, predict_imagenet

    settings = config(model="custom", layers=WITH_DROPOUT, epochs=2)
    list(drive(train(stripes, settings, tmp_path / "alone")))

    stop, ready = threading.Event(), threading.Event()
    classified = []

    def classify_meanwhile() -> None:
        # What a Classify job does (build a network, predict), plus a job that reseeds the global generator.
        backbone = load_backbone("efficientnet-lite0")
        ready.set()
        while not stop.is_set():
            torch.manual_seed(1234)
            build_model(preset_spec("seed-separable", num_classes=3, image_size=24))
            classified.append(predict_imagenet(backbone, CHELSEA, top_k=1)[0][0])
            torch.rand(1000)

    thread = threading.Thread(target=classify_meanwhile)
    thread.start()
    ready.wait(60)
    try:
        list(drive(train(stripes, settings, tmp_path / "together")))
    finally:
        stop.set()
        thread.join()
    assert classified, "the classify job ran alongside"
    alone, together = _weights(tmp_path / "alone"), _weights(tmp_path / "together")
    assert alone.keys() == together.keys()
    assert all(torch.equal(alone[k], together[k]) for k in alone)


def test_a_run_leaves_the_global_generator_and_the_thread_count_alone(stripes, tmp_path):
    torch.manual_seed(99)
    before_rng, before_threads = torch.get_rng_state(), torch.get_num_threads()
    list(drive(train(stripes, config(model="custom", layers=WITH_DROPOUT, epochs=1, threads=1), tmp_path / "run")))
    assert torch.equal(torch.get_rng_state(), before_rng)
    assert torch.get_num_threads() == before_threads


def test_a_layer_stack_that_cannot_fit_the_input_fails_before_any_folder_exists(stripes, tmp_path):
    events = list(drive(train(stripes, config(model="small-convnet", image_size=24), tmp_path / "run")))
    assert isinstance(events[-1], Failed) and events[-1].reason.id.startswith("models.")
    assert not events[-1].is_bug and not (tmp_path / "run").exists()


def test_fine_tuning_is_reproducible_whatever_the_global_generator_holds(stripes, tmp_path):
    # EfficientNet-Lite0's blocks drop their residual branch at random while they train (stochastic depth).
    tune = dict(backbone="efficientnet-lite0", mode="fine-tune", image_size=32, epochs=1, fine_tune_epochs=1)
    runs = []
    for global_seed in (1, 2):
        torch.manual_seed(global_seed)
        path = tmp_path / f"run{global_seed}"
        events = list(drive(train(stripes, config(**tune, unfreeze=4, fine_tune_lr=1e-3, optimizer="adam"), path)))
        assert isinstance(events[-1], Finished), events[-1]
        runs.append(_weights(path))
    assert all(torch.equal(runs[0][k], runs[1][k]) for k in runs[0])


def test_fine_tuning_from_a_run_of_another_network_is_refused_before_any_folder(stripes, tmp_path):
    list(drive(train(stripes, config(epochs=1), tmp_path / "scratch")))
    tune = config(backbone="efficientnet-lite0", mode="fine-tune", image_size=32, init_from=str(tmp_path / "scratch"))
    events = list(drive(train(stripes, tune, tmp_path / "run")))
    assert isinstance(events[-1], Failed) and events[-1].reason.id == "training.init_from_backbone"
    assert "efficientnet-lite0" in str(events[-1].reason) and not (tmp_path / "run").exists()
