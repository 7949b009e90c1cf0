"""Files that disappear between the scan and their use (issue 12).

A file gone at load time is skipped as "vanished"; a class whose files all went stops the run instead of
letting it "finish" on fewer classes; a subset copy that fails midway leaves nothing behind, so a retry works.
"""

from __future__ import annotations

import os
import shutil

import pytest

from cnnstudio.core.data import load_split, make_subset, open_folder
from cnnstudio.core.data.loading import clear_cache
from cnnstudio.core.errors import DatasetError
from cnnstudio.core.events import Failed, Finished, LogMessage
from cnnstudio.core.images import REASONS, VANISHED, skip_reason_message
from cnnstudio.core.jobs import drive
from cnnstudio.core.training import TrainConfig, train
from tests.helpers import make_stripes_folder


@pytest.fixture(autouse=True)
def _fresh_cache():
    clear_cache()  # a split loaded by another test must not hide what happened on disk
    yield
    clear_cache()


def _load(dataset, split="train"):
    events: list = []
    generator = load_split(dataset, split, (24, 24))
    while True:
        try:
            events.append(next(generator))
        except StopIteration as stop:
            return stop.value, events


def test_a_file_deleted_after_the_scan_is_skipped_as_vanished(tmp_path):
    dataset = open_folder(make_stripes_folder(tmp_path / "data", per_class=8), seed=0)
    gone = dataset.files["train"][0][0]
    os.remove(gone)
    (x, y, skipped), events = _load(dataset)
    assert [(s.path, s.reason) for s in skipped] == [(gone, "vanished")]
    assert len(x) == len(y) == len(dataset.files["train"]) - 1
    warnings = [e.message for e in events if isinstance(e, LogMessage) and e.level == "warning"]
    assert [w.id for w in warnings] == ["data.skipped_vanished"]
    assert "no longer exist" in str(warnings[0])
    assert VANISHED in REASONS and str(skip_reason_message(VANISHED)) == "vanished"


def test_a_class_folder_deleted_after_the_scan_fails_the_run_not_finishes_it(tmp_path):
    dataset = open_folder(make_stripes_folder(tmp_path / "data", per_class=8), seed=0)
    shutil.rmtree(tmp_path / "data" / "vertical")
    config = TrainConfig(model="seed-separable", image_size=24, epochs=1, batch_size=8, seed=0, threads=1)
    events = list(drive(train(dataset, config, tmp_path / "run")))
    assert not any(isinstance(e, Finished) for e in events)
    failure = events[-1]
    assert isinstance(failure, Failed) and not failure.is_bug, failure
    assert failure.reason.id == "data.classes_emptied"
    assert "vertical" in str(failure.reason) and "Rescan" in str(failure.reason)
    assert not (tmp_path / "run").exists()


def _subset_source(tmp_path):
    root = make_stripes_folder(tmp_path / "data", per_class=8)
    return root, open_folder(root, seed=0)


def test_a_subset_whose_source_vanished_leaves_nothing_and_a_retry_works(tmp_path):
    root, dataset = _subset_source(tmp_path)
    gone = root / "vertical" / "vertical_005.png"  # every file is copied: this one is planned, after others
    kept = gone.read_bytes()
    gone.unlink()
    out = tmp_path / "subset"
    with pytest.raises(DatasetError) as caught:
        list(make_subset(dataset, out, {"train": 6, "validation": 2}))
    assert caught.value.message.id == "data.subset_source_vanished"
    assert "vertical_005.png" in str(caught.value)
    assert not out.exists()  # the folder the copy created went with what it held
    gone.write_bytes(kept)
    copied = list(drive(make_subset(dataset, out, {"train": 6, "validation": 2})))[-1].result
    assert copied == {"train": {"horizontal": 6, "vertical": 6}, "validation": {"horizontal": 2, "vertical": 2}}
    assert len(list(out.rglob("*.png"))) == 16


def test_a_subset_copy_that_fails_writing_empties_the_folder_it_was_given(tmp_path, monkeypatch):
    _, dataset = _subset_source(tmp_path)
    out = tmp_path / "subset"
    out.mkdir()  # an empty folder of the user's: emptied again, but kept
    real_copy = shutil.copy2
    calls = []

    def copy_then_fill_the_disk(src, dst, *args, **kwargs):
        calls.append(src)
        if len(calls) == 5:
            with open(dst, "wb") as half:
                half.write(b"\x89PNG")
            raise OSError(28, "No space left on device")
        return real_copy(src, dst, *args, **kwargs)

    monkeypatch.setattr(shutil, "copy2", copy_then_fill_the_disk)
    with pytest.raises(DatasetError) as caught:
        list(make_subset(dataset, out, {"train": 6, "validation": 2}))
    assert caught.value.message.id == "data.subset_copy_failed"
    assert "No space left on device" in str(caught.value)
    assert out.is_dir() and not any(out.iterdir())
    monkeypatch.setattr(shutil, "copy2", real_copy)
    list(make_subset(dataset, out, {"train": 6, "validation": 2}))
    assert len(list(out.rglob("*.png"))) == 16


def test_a_cancelled_subset_copy_leaves_nothing(tmp_path):
    root = make_stripes_folder(tmp_path / "data", per_class=24)
    dataset = open_folder(root, seed=0)
    out = tmp_path / "subset"
    job = make_subset(dataset, out, {"train": 20, "validation": 4})
    for event in job:
        if getattr(event, "done", 0) == 32:  # stopped between two copies, as a cancelled job is
            break
    assert out.exists()
    job.close()
    assert not out.exists()
