"""Data larger than memory: a tiny budget streams the splits from disk, and the run equals a cached one."""

from __future__ import annotations

import multiprocessing
import os

import pytest
import torch

from cnnstudio.core.data import AUGMENT_PRESETS, clear_cache, demo_dataset, load_split, open_folder
from cnnstudio.core.data.scan import run_to_end as scan_to_end
from cnnstudio.core.data.streaming import StreamedSplit, batches, memory_budget, plan_splits
from cnnstudio.core.events import BatchEnd, Cancelled, Finished, LogMessage
from cnnstudio.core.jobs import CancelToken, drive
from cnnstudio.core.runs import LAST, RunFolder
from cnnstudio.core.training import TrainConfig, train
from tests.helpers import make_stripes_folder

SIZE = 24


@pytest.fixture(scope="module")
def stripes(tmp_path_factory):
    root = make_stripes_folder(tmp_path_factory.mktemp("stripes"), per_class=20, size=SIZE, seed=3)
    return open_folder(root, seed=0)


def _config(cache_mb: int, augment: dict | None = None, epochs: int = 2) -> TrainConfig:
    return TrainConfig(
        model="tinyvgg", image_size=SIZE, epochs=epochs, batch_size=8, seed=5, cache_mb=cache_mb, augment=augment or {}
    )


def _run(dataset, config, run_dir):
    clear_cache()
    events = list(drive(train(dataset, config, run_dir)))
    assert isinstance(events[-1], Finished), events[-1]
    logs = [e.message.id for e in events if isinstance(e, LogMessage)]
    return RunFolder(run_dir).load_weights(LAST), events[-1].result, logs


def _same(a: dict, b: dict) -> bool:
    return a.keys() == b.keys() and all(torch.equal(a[k], b[k]) for k in a)


def test_plan_streams_what_does_not_fit(stripes):
    assert memory_budget(5) == 5 * 1024 * 1024 and memory_budget(0) > 0
    size = (SIZE, SIZE)
    assert plan_splits(stripes, ("train", "validation"), size, 3, 1024).streamed == ()
    assert plan_splits(stripes, ("train", "validation"), size, 3, 0).streamed == ()  # 0: a quarter of the RAM
    # At 256 px an image takes 192 KiB: 1 MiB holds the 8 validation images, not the 32 training ones.
    plan = plan_splits(stripes, ("train", "validation"), (256, 256), 3, 2)
    assert plan.streamed == ("train",) and plan.budget == 2 * 1024 * 1024
    assert plan_splits(stripes, ("train", "validation"), (512, 512), 3, 1).streamed == ("train", "validation")
    demo_plan = plan_splits(demo_dataset(), ("train", "validation"), (512, 512), 3, 1)
    assert demo_plan.streamed == ()  # generated in memory: never streamed, and its size is still told
    assert demo_plan.needed["train"] == demo_dataset().split_size("train") * (512 * 512 * 3 + 8) > 0


def test_streamed_batches_equal_cached_pixels(stripes):
    x, y, _ = scan_to_end(load_split(stripes, "train", (SIZE, SIZE), 3))
    streamed = StreamedSplit.of(stripes, "train", (SIZE, SIZE), 3)
    order = torch.randperm(len(x), generator=torch.Generator().manual_seed(1))
    got = list(batches(streamed, streamed.labels, 7, order, workers=2))
    assert sum(len(b[1]) for b in got) == len(x)
    assert torch.equal(torch.cat([b[0] for b in got]), x[order])
    assert torch.equal(torch.cat([b[1] for b in got]), y[order])
    assert not multiprocessing.active_children()


@pytest.fixture
def tiny_budget(monkeypatch):
    """A budget of 1 KiB: smaller than any split, so every split of a folder dataset is streamed."""
    import cnnstudio.core.data.streaming as streaming

    monkeypatch.setattr(streaming, "memory_budget", lambda cache_mb: 1024)


@pytest.mark.parametrize("augment", [None, AUGMENT_PRESETS["book"].to_dict()])
def test_streamed_run_equals_cached_run_bitwise(stripes, tmp_path, monkeypatch, augment):
    cached, cached_result, cached_logs = _run(stripes, _config(4096, augment), tmp_path / "cached")
    import cnnstudio.core.data.streaming as streaming

    monkeypatch.setattr(streaming, "memory_budget", lambda cache_mb: 1024)
    streamed, streamed_result, streamed_logs = _run(stripes, _config(1, augment), tmp_path / "streamed")
    assert "loading.in_memory" in cached_logs and "loading.streaming" in streamed_logs
    assert _same(cached, streamed)
    timing = ("seconds", "images_per_second")
    assert [{k: v for k, v in row.items() if k not in timing} for row in streamed_result.history] == [
        {k: v for k, v in row.items() if k not in timing} for row in cached_result.history
    ]
    assert not multiprocessing.active_children()


def test_vanished_file_is_skipped_with_its_reason(tmp_path, tiny_budget):
    root = make_stripes_folder(tmp_path / "data", per_class=12, size=SIZE, seed=4)
    dataset = open_folder(root, seed=0)
    gone, _ = dataset.files["train"][0]
    broken, _ = dataset.files["train"][1]
    os.remove(gone)
    with open(broken, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\nbroken")
    clear_cache()
    events = list(drive(train(dataset, _config(1, epochs=2), tmp_path / "run")))
    assert isinstance(events[-1], Finished), events[-1]
    warnings = [e.message for e in events if isinstance(e, LogMessage) and e.message.id == "loading.stream_skipped"]
    assert len(warnings) == 1  # each file told once, not every epoch
    assert warnings[0].arguments["count"] == 2 and warnings[0].arguments["split"] == "train"
    assert events[-1].result.history[-1]["epoch"] == 2
    assert not multiprocessing.active_children()


def test_cancel_mid_epoch_stops_the_workers(stripes, tmp_path, tiny_budget):
    token = CancelToken()
    seen = []
    for event in drive(train(stripes, _config(1, epochs=3), tmp_path / "run"), token):
        seen.append(event)
        if isinstance(event, BatchEnd) and event.step == 2:
            assert multiprocessing.active_children()  # the workers are running now
            token.cancel()
    assert isinstance(seen[-1], Cancelled)
    assert not multiprocessing.active_children()


def test_demo_keeps_working_with_a_tiny_budget(tmp_path, tiny_budget):
    clear_cache()
    config = TrainConfig(model="tinyvgg", image_size=SIZE, epochs=1, batch_size=64, cache_mb=1)
    events = list(drive(train(demo_dataset(), config, tmp_path / "run")))
    assert isinstance(events[-1], Finished)
    assert "loading.in_memory" in [e.message.id for e in events if isinstance(e, LogMessage)]
    assert not multiprocessing.active_children()


def test_cli_cache_mb_streams_and_a_continued_run_keeps_or_replaces_the_budget(stripes, tmp_path, capsys):
    from cnnstudio.cli import main

    out = tmp_path / "run"
    fast = ["--model", "seed-separable", "--image-size", "160", "--batch-size", "16", "--threads", "1"]
    # At 160 px the 32 training images take 2.4 MB, the 8 validation ones 0.6 MB: 1 MB holds only those.
    assert main(["train", str(stripes.source), "--out", str(out), "--epochs", "1", "--cache-mb", "1", *fast]) == 0
    printed = capsys.readouterr()
    assert "Streaming the train images from disk" in printed.out + printed.err
    assert RunFolder(out).read_config()["training"]["cache_mb"] == 1
    assert main(["train", "--resume", str(out), "--epochs", "2", "--json"]) == 0
    assert [row["epoch"] for row in RunFolder(out).read_history()] == [1, 2]
    printed = capsys.readouterr()
    assert "Streaming the train images from disk" in printed.out + printed.err  # the run's own budget
    assert main(["train", "--resume", str(out), "--epochs", "3", "--cache-mb", "64"]) == 0
    printed = capsys.readouterr()
    assert "Images held in memory" in printed.out + printed.err and "Streaming" not in printed.out + printed.err
    assert [row["epoch"] for row in RunFolder(out).read_history()] == [1, 2, 3]
    assert main(["train", str(stripes.source), "--out", str(tmp_path / "bad"), "--cache-mb", "-1", *fast]) == 2
    assert not multiprocessing.active_children()
