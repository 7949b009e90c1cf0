"""Distributed training under torchrun: two CPU processes on gloo train the demo dataset into one run folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import torch
from torch.utils.data import DistributedSampler

from cnnstudio.core.data import demo_dataset, load_split, open_folder
from cnnstudio.core.data.streaming import StreamedSplit, batches
from cnnstudio.core.errors import UserError
from cnnstudio.core.models import ModelSpec, build_model
from cnnstudio.core.runs import BEST, LAST, RunFolder
from cnnstudio.core.torchutils import input_preparer
from cnnstudio.core.training import Amp, TrainConfig, distributed, evaluate, load_checkpoint, resolve_precision
from cnnstudio.core.training.distributed import Distributed, MemoryFolder
from tests.helpers import make_stripes_folder

ROOT = Path(__file__).resolve().parents[1]
TRAIN = ["--model", "tinyvgg", "--image-size", "16", "--batch-size", "64", "--threads", "1", "--no-restore-best"]


def run(value):
    """The result a job (generator) returns, its events ignored."""
    try:
        while True:
            next(value)
    except StopIteration as end:
        return end.value


def torchrun(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    """`cnnstudio ARGS` in two processes under torchrun, on a free port, with HOME and caches in `cwd`."""
    home = cwd / "home"
    home.mkdir(exist_ok=True)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HOME": str(home), "XDG_CACHE_HOME": str(home / ".cache")}
    env.pop("WORLD_SIZE", None)
    command = [sys.executable, "-m", "torch.distributed.run", "--standalone", "--nproc-per-node", "2"]
    done = subprocess.run(
        [*command, "-m", "cnnstudio", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=240
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done


def test_two_gloo_processes_train_the_demo_into_one_run_folder_and_continue_it(tmp_path):
    first = torchrun(tmp_path, "train", "demo", "--out", "run", "--epochs", "1", *TRAIN)
    assert first.stdout.count("epoch 1/1:") == 1, first.stdout  # rank 0 alone prints
    assert "2 processes (gloo)" in first.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home", "run"]  # one run folder, nothing else
    assert not any((tmp_path / "home").rglob("*"))
    folder = RunFolder(tmp_path / "run")
    files = sorted(p.name for p in folder.path.iterdir())
    assert files == sorted(["config.json", "history.jsonl", "status.json", BEST, LAST, "checkpoint.pt"])

    second = torchrun(tmp_path, "train", "--resume", "run", "--epochs", "2", "--threads", "1")
    assert second.stdout.count("epoch 2/2:") == 1, second.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home", "run"]
    assert folder.read_status()["status"] == "finished"
    history = folder.read_history()
    assert [row["epoch"] for row in history] == [1, 2]
    # Every step trained on both processes' images: 1000 training images a epoch, counted once each.
    assert load_checkpoint(folder)["state"]["images_seen"] == 2 * 1000

    # The validation figures are those of the whole split (both shards), not of rank 0's half.
    record = folder.read_config()
    model = build_model(ModelSpec.from_dict(record["model"]))
    model.load_state_dict(folder.load_weights(LAST))
    x_val, y_val, _ = run(load_split(demo_dataset(0), "validation", (16, 16), 3))
    cpu = torch.device("cpu")
    autocast = Amp(resolve_precision(record["precision"]["resolved"], cpu)).autocast  # as the run validated
    loss, accuracy = run(evaluate(model, x_val, y_val, 128, input_preparer(), cpu, autocast=autocast))
    assert history[-1]["val_loss"] == pytest.approx(loss, rel=1e-5)
    assert history[-1]["val_accuracy"] == pytest.approx(accuracy, abs=1e-9)
    half_loss, _ = run(evaluate(model, x_val[0::2], y_val[0::2], 128, input_preparer(), cpu, autocast=autocast))
    assert abs(half_loss - loss) > 1e-6  # so the comparison above could tell the difference


@pytest.mark.parametrize(("n", "world"), [(10, 3), (12, 4), (2, 3), (7, 2)])
def test_each_process_takes_its_share_as_distributed_sampler_does(monkeypatch, n, world):
    order = torch.randperm(n, generator=torch.Generator().manual_seed(n))
    shares = []
    for rank in range(world):
        monkeypatch.setattr(distributed, "current", lambda rank=rank: Distributed(rank, world, rank))
        share = distributed.shard_order(order)
        sampler = DistributedSampler(range(n), num_replicas=world, rank=rank, shuffle=False)
        assert share.tolist() == [int(order[i]) for i in sampler]
        assert distributed.shard_size(n) == len(share)
        shares.append(share)
    assert set(torch.cat(shares).tolist()) == set(range(n))  # every image trains each epoch
    x, y = torch.arange(n * 2).view(n, 2), torch.arange(n)
    held = []
    for rank in range(world):
        monkeypatch.setattr(distributed, "current", lambda rank=rank: Distributed(rank, world, rank))
        x_share, y_share = distributed.validation_shard(x, y)
        assert (x_share[:, 0] // 2).tolist() == y_share.tolist()
        held += y_share.tolist()
    assert sorted(held) == list(range(n))  # validation counts each image once


def test_without_torchrun_nothing_changes(tmp_path):
    assert distributed.from_environment({}) is None
    assert distributed.from_environment({"WORLD_SIZE": "1", "RANK": "0", "LOCAL_RANK": "0"}) is None
    assert distributed.from_environment({"WORLD_SIZE": "4", "RANK": "2", "LOCAL_RANK": "0"}) == Distributed(2, 4, 0)
    with pytest.raises(UserError, match="WORLD_SIZE"):
        distributed.from_environment({"WORLD_SIZE": "two"})
    with pytest.raises(UserError, match="RANK"):
        distributed.from_environment({"WORLD_SIZE": "2", "RANK": "5"})
    with distributed.session({}) as here:
        assert here is None and distributed.is_writer()
        order = torch.arange(5)
        assert distributed.shard_order(order) is order
        loss, correct = torch.tensor(0.25), torch.tensor(3)
        assert distributed.batch_totals(loss, correct, 4) == (0.25, 4, 3)


def test_the_other_ranks_folder_writes_no_file(tmp_path):
    folder = MemoryFolder(tmp_path / "run")
    weights = {"w": torch.arange(4.0)}
    folder.write_config({"a": 1})
    folder.write_history([{"epoch": 1}])
    folder.write_status({"status": "running"})
    folder.save_weights(BEST, weights, {"epoch": "1"})
    weights["w"] += 1  # training goes on: the kept best weights do not move
    assert folder.load_weights(BEST)["w"].tolist() == [0.0, 1.0, 2.0, 3.0]
    folder.release()
    folder.remove()
    assert not (tmp_path / "run").exists()
    assert json.dumps(sorted(p.name for p in tmp_path.iterdir())) == "[]"


def test_a_streamed_split_decodes_only_this_process_share(tmp_path, monkeypatch):
    stripes = open_folder(make_stripes_folder(tmp_path / "stripes", per_class=6, size=8), seed=0)
    x, y, _ = run(load_split(stripes, "train", (8, 8), 3))
    streamed = StreamedSplit.of(stripes, "train", (8, 8), 3)
    order = torch.randperm(len(x), generator=torch.Generator().manual_seed(2))
    for rank in range(2):
        monkeypatch.setattr(distributed, "current", lambda rank=rank: Distributed(rank, 2, rank))
        share = distributed.shard_order(order)
        got = list(batches(streamed, streamed.labels, 3, share, workers=0))
        assert len(got) == -(-len(share) // 3)  # as many steps as the share needs, no empty batches
        assert torch.equal(torch.cat([b[0] for b in got]), x[share])
        x_val, y_val = distributed.validation_shard(streamed, streamed.labels)
        assert isinstance(x_val, StreamedSplit) and len(x_val) == len(y_val)
        assert torch.equal(torch.cat([b[0] for b in batches(x_val, y_val, 4, workers=0)]), x[rank::2])


def test_what_a_distributed_run_cannot_do_is_refused_and_rank_0_alone_checks_the_folder(tmp_path, monkeypatch):
    taken = tmp_path / "taken"
    taken.mkdir()
    (taken / "notes.txt").write_text("mine")
    cpu = torch.device("cpu")
    for rank in range(2):
        monkeypatch.setattr(distributed, "current", lambda rank=rank: Distributed(rank, 2, rank))
        with pytest.raises(UserError) as refused:
            distributed.check_new_run(tmp_path / "new", TrainConfig(cached_features=True), cpu)
        assert refused.value.message.id == "distributed.cached_features"
        with pytest.raises(UserError) as refused:
            distributed.check_device(torch.device("mps"))
        assert refused.value.message.id == "distributed.device"
    monkeypatch.setattr(distributed, "current", lambda: Distributed(1, 2, 1))
    distributed.check_new_run(taken, TrainConfig(), cpu)  # rank 1 leaves the folder to rank 0...
    assert isinstance(distributed.open_run_folder(lambda: pytest.fail("rank 1 opened the folder"), taken), MemoryFolder)
    monkeypatch.setattr(distributed, "current", lambda: Distributed(0, 2, 0))
    with pytest.raises(UserError) as refused:
        distributed.check_new_run(taken, TrainConfig(), cpu)  # ...which refuses it, as one process does
    assert refused.value.message.id == "runs.not_empty"
