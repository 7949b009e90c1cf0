"""Issue 12's smaller losses of trust, each as it was found: one line on stderr, the right exit code,
nothing created that blocks a retry."""

from __future__ import annotations

import pytest

from cnnstudio.cli import main
from cnnstudio.core.data import open_folder
from cnnstudio.core.events import Failed, Finished
from cnnstudio.core.jobs import drive
from cnnstudio.core.training import TrainConfig, train
from tests.helpers import make_stripes_folder

FAST = dict(model="seed-separable", epochs=1, batch_size=8, seed=0)


@pytest.fixture(scope="module")
def stripes(tmp_path_factory):
    return open_folder(make_stripes_folder(tmp_path_factory.mktemp("stripes"), per_class=10), seed=0)


def test_data_inspect_of_a_file_says_it_is_a_file_not_that_it_does_not_exist(tmp_path, capsys):
    (tmp_path / "photo.jpg").write_bytes(b"not a folder")
    assert main(["data", "inspect", str(tmp_path / "photo.jpg")]) == 2
    err = capsys.readouterr().err.strip()
    assert "is a file, not a folder" in err and "does not exist" not in err and "\n" not in err


def test_a_typo_in_init_from_creates_no_folder_and_a_retry_works(stripes, tmp_path):
    tune = dict(backbone="efficientnet-lite0", mode="fine-tune", image_size=32, fine_tune_epochs=1)
    events = list(
        drive(train(stripes, TrainConfig(**FAST, **tune, init_from=str(tmp_path / "fe-tpyo")), tmp_path / "run"))
    )
    assert isinstance(events[-1], Failed) and events[-1].reason.id == "training.init_from_missing"
    assert not (tmp_path / "run").exists()
    feature_run = TrainConfig(**FAST, backbone="efficientnet-lite0", image_size=32, cached_features=True)
    assert isinstance(list(drive(train(stripes, feature_run, tmp_path / "fe")))[-1], Finished)
    retry = list(drive(train(stripes, TrainConfig(**FAST, **tune, init_from=str(tmp_path / "fe")), tmp_path / "run")))
    assert isinstance(retry[-1], Finished), retry[-1]


def test_init_from_a_run_with_other_classes_names_both_counts(stripes, tmp_path):
    make_stripes_folder(tmp_path / "three", per_class=10)
    (tmp_path / "three" / "diagonal").mkdir()
    for image in sorted((tmp_path / "three" / "vertical").iterdir())[:10]:
        (tmp_path / "three" / "diagonal" / image.name).write_bytes(image.read_bytes())
    three = open_folder(tmp_path / "three", seed=0)
    fe = TrainConfig(**FAST, backbone="efficientnet-lite0", image_size=32, cached_features=True)
    assert isinstance(list(drive(train(three, fe, tmp_path / "fe3")))[-1], Finished)
    tune = TrainConfig(
        **FAST, backbone="efficientnet-lite0", image_size=32, mode="fine-tune", init_from=str(tmp_path / "fe3")
    )
    events = list(drive(train(stripes, tune, tmp_path / "run")))
    assert isinstance(events[-1], Failed) and events[-1].reason.id == "training.init_from_classes"
    assert "3 classes" in str(events[-1].reason) and "has 2" in str(events[-1].reason)
    assert not events[-1].is_bug and not (tmp_path / "run").exists()


def test_ctrl_c_before_the_first_epoch_does_not_claim_an_epoch_was_kept(stripes, tmp_path, capsys, monkeypatch):
    import signal

    from cnnstudio.core import training

    real_train = training.train

    def interrupted(*args, **kwargs):  # Ctrl-C arrives while the first batch is being computed
        job = real_train(*args, **kwargs)
        for event in job:
            if type(event).__name__ == "BatchEnd":
                signal.raise_signal(signal.SIGINT)
            yield event

    monkeypatch.setattr(training, "train", interrupted)
    code = main(["train", str(stripes.source), "--out", str(tmp_path / "run"), "--model", "seed-separable",
                 "--image-size", "24", "--epochs", "3"])  # fmt: skip
    err = capsys.readouterr().err
    assert code == 130 and "No epoch had finished" in err and "keeps" not in err
    assert not (tmp_path / "run").exists()
