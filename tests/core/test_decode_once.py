"""Each file is decoded once per scan and training: the scan's decode feeds the loaded splits."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest
import torch
from PIL import Image

from cnnstudio.cli import main
from cnnstudio.core.data import clear_cache, load_split, open_folder, run_to_end, scan_folder
from cnnstudio.core.data import scan as scan_module
from cnnstudio.core.data.decoded import kept_bytes
from cnnstudio.core.images import VANISHED, load_image, to_rgb
from cnnstudio.core.training import TrainConfig, train
from tests.helpers import count_decodes, make_stripes_folder

SIZE = (20, 20)


@pytest.fixture(autouse=True)
def _fresh_caches():
    clear_cache()
    yield
    clear_cache()


@pytest.fixture
def decodes(monkeypatch):
    return count_decodes(monkeypatch)


def _bad_corpus(root: Path) -> dict[str, str]:
    bad = root / "vertical"
    (bad / "empty.png").write_bytes(b"")
    (bad / "text.jpg").write_bytes(b"hello, not an image")
    good = (bad / "vertical_000.png").read_bytes()
    (bad / "cut.png").write_bytes(good[: len(good) // 2])
    Image.new("RGB", (8, 8)).save(bad / "photo.ppm")
    return {
        "empty.png": "empty file",
        "text.jpg": "not an image",
        "cut.png": "truncated",
        "photo.ppm": "unsupported format",
    }


def _names(dataset) -> list[str]:
    return sorted(Path(p).name for split in dataset.files.values() for p, _ in split)


def test_the_cli_train_command_decodes_each_file_once(tmp_path, decodes):
    data = make_stripes_folder(tmp_path / "data", per_class=8)
    args = ["--model", "seed-separable", "--image-size", "24", "--batch-size", "8", "--threads", "1", "--epochs", "2"]
    assert main(["train", str(data), "--out", str(tmp_path / "run"), "--val-split", "0.25", *args]) == 0
    files = sorted(p.name for p in data.rglob("*.png"))
    assert len(files) == 16
    assert {name: decodes[name] for name in files} == {name: 1 for name in files}


def test_scan_then_train_through_the_engine_decodes_once_with_the_same_pixels(tmp_path, decodes):
    data = make_stripes_folder(tmp_path / "data", per_class=8)
    config = TrainConfig(model="seed-separable", image_size=20, channels=1, batch_size=8, epochs=1, threads=1)
    kept = run_to_end(scan_folder(data, val_fraction=0.25, decode_size=SIZE, channels=1, cache_mb=config.cache_mb))
    assert kept_bytes() == 16 * 20 * 20
    run_to_end(train(kept, config, tmp_path / "run"))
    assert set(decodes.values()) == {1} and len(decodes) == 16
    # Handed to the loaded splits, not held twice: only the test split's pixels wait (for evaluation).
    assert kept_bytes() == len(kept.files["test"]) * 20 * 20 > 0
    # The pixels are the loader's own: a fresh decode of the same split gives the same tensor.
    x, y, _ = run_to_end(load_split(kept, "validation", SIZE, 1))
    clear_cache()
    plain = open_folder(data, val_fraction=0.25)
    x2, y2, _ = run_to_end(load_split(plain, "validation", SIZE, 1))
    assert torch.equal(x, x2) and torch.equal(y, y2) and len(x) == 4


def test_bad_files_are_reported_with_the_same_reasons_in_threads_and_in_processes(tmp_path, monkeypatch):
    data = make_stripes_folder(tmp_path / "data", per_class=6)
    expected = _bad_corpus(data)
    before = open_folder(data)  # no size asked: the scan only checks
    monkeypatch.setenv("CNNSTUDIO_DECODE_WORKERS", "0")
    threads = open_folder(data, decode_size=SIZE)
    threaded_pixels = run_to_end(load_split(threads, "train", SIZE, 3))[0]
    clear_cache()
    monkeypatch.setenv("CNNSTUDIO_DECODE_WORKERS", "2")
    monkeypatch.setattr(scan_module, "PROCESS_THRESHOLD", 1)
    processes = open_folder(data, decode_size=SIZE)
    assert kept_bytes() == 12 * 20 * 20 * 3
    for dataset in (before, threads, processes):
        assert {Path(s.path).name: s.reason for s in dataset.skipped} == expected
        assert _names(dataset) == _names(before) and dataset.image_sizes == before.image_sizes
    x, _, skipped = run_to_end(load_split(processes, "train", SIZE, 3))
    assert skipped == [] and torch.equal(x, threaded_pixels)
    first = processes.files["train"][0][0]
    assert np.array_equal(x[0].permute(1, 2, 0).numpy(), load_image(first, size=SIZE))


def test_a_size_changed_after_the_scan_decodes_again(tmp_path, decodes):
    data = make_stripes_folder(tmp_path / "data", per_class=6)
    dataset = open_folder(data, decode_size=SIZE)
    assert len(decodes) == 12 and set(decodes.values()) == {1}
    x, _, _ = run_to_end(load_split(dataset, "train", (16, 16), 3))
    train_names = [Path(p).name for p, _ in dataset.files["train"]]
    assert x.shape[-2:] == (16, 16)
    assert all(decodes[name] == 2 for name in train_names)
    assert np.array_equal(x[0].permute(1, 2, 0).numpy(), load_image(dataset.files["train"][0][0], size=(16, 16)))
    # The scan's pixels at its size are dropped, not held beside the new size's.
    assert kept_bytes() == 0
    run_to_end(load_split(dataset, "validation", SIZE, 3))
    assert all(decodes[Path(p).name] == 2 for p, _ in dataset.files["validation"])


def test_files_changed_or_gone_since_the_scan_are_decoded_again_or_reported(tmp_path, decodes):
    data = make_stripes_folder(tmp_path / "data", per_class=6)
    dataset = open_folder(data, decode_size=SIZE, channels=1)
    changed, gone = dataset.files["train"][0][0], dataset.files["train"][1][0]
    Image.new("L", (24, 24), 7).save(changed)
    os.utime(changed, ns=(1, 1))  # a different stamp, whatever the clock's resolution
    os.remove(gone)
    x, _, skipped = run_to_end(load_split(dataset, "train", SIZE, 1))
    assert skipped == [type(skipped[0])(gone, VANISHED)]
    assert decodes[Path(changed).name] == 2
    assert int(x[0].min()) == int(x[0].max()) == 7


def test_pixels_beyond_the_memory_budget_are_not_kept(tmp_path, decodes):
    data = make_stripes_folder(tmp_path / "data", per_class=6)
    dataset = open_folder(data, decode_size=(600, 600), cache_mb=1)  # 12 × 1.08 MB > 1 MiB
    assert kept_bytes() == 0
    run_to_end(load_split(dataset, "validation", (600, 600), 3))
    assert all(decodes[Path(p).name] == 2 for p, _ in dataset.files["validation"])


def test_grey_images_loaded_as_one_channel_equal_the_rgb_route(tmp_path):
    grey = np.random.default_rng(0).integers(0, 256, (37, 29), dtype=np.uint8)
    plain, keyed = tmp_path / "grey.png", tmp_path / "keyed.png"
    Image.fromarray(grey).save(plain)
    Image.fromarray(grey).save(keyed, transparency=int(grey[0, 0]))  # a tRNS key: composited over white
    for path in (plain, keyed):
        via_rgb = np.array(to_rgb(Image.open(path)).convert("L").resize((20, 16), Image.Resampling.BILINEAR))
        assert np.array_equal(load_image(path, size=(16, 20), channels=1)[:, :, 0], via_rgb)
    assert load_image(keyed, channels=1)[0, 0, 0] == 255 != grey[0, 0]


def test_only_a_scan_that_keeps_pixels_replaces_the_kept_ones(tmp_path, decodes):
    open_folder(make_stripes_folder(tmp_path / "data", per_class=4), decode_size=SIZE)
    assert kept_bytes() == 8 * 20 * 20 * 3
    other = make_stripes_folder(tmp_path / "other", per_class=3)
    open_folder(other)  # only checks (as an evaluation's scan does)
    assert kept_bytes() == 8 * 20 * 20 * 3
    open_folder(other, decode_size=SIZE)
    assert kept_bytes() == 6 * 20 * 20 * 3
