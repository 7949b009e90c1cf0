from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import torch
from PIL import Image

from cnnstudio.core.cache import budgets, configure
from cnnstudio.core.data import (
    AUGMENT_PRESETS,
    DEMO_CACHE,
    SPLIT_CACHE,
    SPLITS,
    clear_cache,
    copy_into_class,
    demo_dataset,
    display_image,
    gallery_items,
    image_size_message,
    image_size_text,
    load_split,
    make_subset,
    open_folder,
    preview,
    run_to_end,
    scan_folder,
    thumbnail_job,
)
from cnnstudio.core.errors import DatasetError
from cnnstudio.core.events import ImageReady, LogMessage, Progress
from cnnstudio.core.images import NOT_AN_IMAGE, TRUNCATED, UNREADABLE, skip_reason_message
from cnnstudio.core.jobs import drive
from cnnstudio.core.messages import format_message
from tests.helpers import make_stripes_folder


def write_image(path, value: int = 128, size=(20, 16)) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.fromarray(np.full((size[1], size[0], 3), value, np.uint8)).save(path)


def test_class_folders_are_split_stratified_with_the_seed(tmp_path):
    for name, n in (("cats", 40), ("dogs", 20)):
        for i in range(n):
            write_image(tmp_path / name / f"{i}.png")
    dataset = open_folder(tmp_path, val_fraction=0.25, test_fraction=0.25, seed=3)
    assert dataset.layout == "class-folders" and dataset.class_names == ("cats", "dogs")
    counts = dataset.counts()
    assert counts["validation"] == {"cats": 10, "dogs": 5} and counts["test"] == {"cats": 10, "dogs": 5}
    assert counts["train"] == {"cats": 20, "dogs": 10}
    again = open_folder(tmp_path, val_fraction=0.25, test_fraction=0.25, seed=3)
    assert again.files == dataset.files
    other = dataset.with_split(0.25, 0.25, seed=4)
    assert other.counts() == counts and other.files["validation"] != dataset.files["validation"]
    every = sorted(p for split in ("train", "validation", "test") for p, _ in dataset.files[split])
    assert len(every) == len(set(every)) == 60  # no image in two splits


def test_the_books_split_folder_layout_is_used_as_it_is(tmp_path):
    for split, n in (("train", 6), ("val", 3), ("test", 2)):
        for name in ("cats", "dogs"):
            for i in range(n):
                write_image(tmp_path / split / name / f"{name}{i}.jpg")
    dataset = open_folder(tmp_path)
    assert dataset.layout == "split-folders" and not dataset.can_resplit
    assert dataset.counts() == {s: {"cats": n, "dogs": n} for s, n in (("train", 6), ("validation", 3), ("test", 2))}


def test_a_flat_folder_is_labelled_by_file_name_prefix_like_kaggle(tmp_path):
    for i in range(10):
        write_image(tmp_path / f"cat.{i}.jpg")
        write_image(tmp_path / f"dog.{i}.jpg")
    write_image(tmp_path / "README.png")  # no prefix-number pattern: ignored, not a class
    dataset = open_folder(tmp_path, val_fraction=0.2, test_fraction=0.0)
    assert dataset.layout == "flat-prefix" and dataset.class_names == ("cat", "dog")
    assert dataset.counts()["train"] == {"cat": 8, "dog": 8}


def test_hidden_files_are_ignored_and_empty_classes_reported(tmp_path):
    root = make_stripes_folder(tmp_path / "data", per_class=5)
    (root / ".thumbnails").mkdir()
    write_image(root / ".thumbnails" / "a.png")
    (root / "horizontal" / ".DS_Store").write_bytes(b"\0\0")
    (root / "empty-class").mkdir()
    dataset = open_folder(root)
    assert dataset.class_names == ("horizontal", "vertical")
    assert dataset.empty_classes == ["empty-class"] and dataset.skipped == []


def test_a_corpus_of_bad_files_is_reported_with_reasons_and_excluded(tmp_path):
    root = make_stripes_folder(tmp_path / "data", per_class=6)
    bad = root / "vertical"
    (bad / "empty.png").write_bytes(b"")
    (bad / "text.jpg").write_bytes(b"hello, not an image")
    good = (root / "vertical" / "vertical_000.png").read_bytes()
    (bad / "cut.png").write_bytes(good[: len(good) // 2])
    Image.new("RGB", (8, 8)).save(bad / "photo.ppm")
    dataset = open_folder(root)
    reasons = {s.path.rsplit("/", 1)[-1]: s.reason for s in dataset.skipped}
    assert reasons == {
        "empty.png": "empty file",
        "text.jpg": "not an image",
        "cut.png": "truncated",
        "photo.ppm": "unsupported format",
    }
    assert dataset.total_images() == 12


def test_subset_copies_n_per_class_and_split_without_touching_the_source(tmp_path):
    src = tmp_path / "kaggle"
    for i in range(30):
        write_image(src / f"cat.{i}.jpg", value=i)
        write_image(src / f"dog.{i}.jpg", value=100 + i)
    before = sorted((p.name, p.stat().st_mtime_ns) for p in src.iterdir())
    dataset = open_folder(src)
    copied = run_to_end(make_subset(dataset, tmp_path / "small", {"train": 10, "validation": 5, "test": 5}, seed=1))
    assert copied == {s: {"cat": n, "dog": n} for s, n in (("train", 10), ("validation", 5), ("test", 5))}
    subset = open_folder(tmp_path / "small")
    assert subset.layout == "split-folders" and subset.counts() == copied
    names = [p.name for p in (tmp_path / "small").rglob("*.jpg")]
    assert len(names) == len(set(names)) == 40  # disjoint slices
    assert sorted((p.name, p.stat().st_mtime_ns) for p in src.iterdir()) == before
    with pytest.raises(DatasetError, match="not an empty folder"):
        run_to_end(make_subset(dataset, tmp_path / "small", {"train": 1}))


def test_copying_dropped_images_into_a_class_never_overwrites(tmp_path):
    root = make_stripes_folder(tmp_path / "data", per_class=4)
    dataset = open_folder(root)
    outside = tmp_path / "new" / "horizontal_000.png"
    write_image(outside, value=7)
    added = copy_into_class(dataset, "horizontal", [str(outside)])
    assert added == [str(root / "horizontal" / "horizontal_000-2.png")]
    assert outside.exists()  # copied, not moved
    assert np.asarray(Image.open(added[0]))[0, 0, 0] == 7
    (tmp_path / "new" / "junk.png").write_bytes(b"junk")
    with pytest.raises(DatasetError, match="junk.png"):
        copy_into_class(dataset, "horizontal", [str(outside), str(tmp_path / "new" / "junk.png")])
    assert len(list((root / "horizontal").iterdir())) == 5  # all or nothing


def test_loaded_splits_are_cached_so_a_second_run_decodes_nothing(tmp_path):
    clear_cache()
    dataset = open_folder(make_stripes_folder(tmp_path / "data", per_class=8))
    x1, y1, _ = run_to_end(load_split(dataset, "train", (16, 16)))
    events = list(drive(load_split(dataset, "train", (16, 16))))
    assert {e.message.id for e in events if isinstance(e, Progress)} == {"data.loading_cached"}
    x2, y2, _ = events[-1].result
    assert x2 is x1 and y2 is y1 and x1.shape == (len(y1), 3, 16, 16)


def test_gallery_items_and_thumbnails_cover_the_demo_dataset():
    dataset = demo_dataset()
    items = gallery_items(dataset)
    assert len(items) == dataset.total_images()
    keys = [items[0][0], items[-1][0], "/no/such/file.png"]
    events = list(thumbnail_job(lambda: keys.pop(0) if keys else None, max_side=32))
    assert [type(e) for e in events] == [ImageReady] * 3
    assert events[0].image.shape == (64, 64, 3) and events[2].image is None and events[2].reason


# --- the caches ----------------------------------------------------------------------------------------


@pytest.fixture
def restored_budgets():
    """Tests may shrink the data caches' budgets; put them back afterwards."""
    before = budgets()
    yield
    configure(splits=before["splits"] / 2**20, demo=before["demo"] / 2**20)


def _progress_ids(job) -> set[str]:
    return {event.message.id for event in drive(job) if isinstance(event, Progress)}


def test_the_split_cache_never_holds_more_than_its_budget(tmp_path, restored_budgets):
    clear_cache()
    dataset = open_folder(make_stripes_folder(tmp_path / "data", per_class=10), val_fraction=0.2, test_fraction=0.2)
    configure(splits=20_000 / 2**20)  # train at 20 px: 12 x 3 x 20 x 20 bytes + labels, about 14.5 kB
    assert SPLIT_CACHE.budget == 20_000
    for side in (12, 16, 20):
        for split in SPLITS:
            x, y, _ = run_to_end(load_split(dataset, split, (side, side)))
            assert x.shape == (dataset.split_size(split), 3, side, side) and len(y) == len(x)
            assert 0 < SPLIT_CACHE.nbytes <= SPLIT_CACHE.budget
    assert _progress_ids(load_split(dataset, "test", (20, 20))) == {"data.loading_cached"}  # the latest is kept
    assert _progress_ids(load_split(dataset, "train", (12, 12))) == {"data.loading"}  # the oldest went first

    # A split larger than the whole budget is loaded, but not kept (and evicts nothing for itself).
    x, _, _ = run_to_end(load_split(dataset, "train", (48, 48)))
    assert x.shape == (12, 3, 48, 48) and SPLIT_CACHE.nbytes <= SPLIT_CACHE.budget
    assert _progress_ids(load_split(dataset, "train", (48, 48))) == {"data.loading"}


def test_trying_many_demo_seeds_keeps_the_demo_cache_within_its_budget(restored_budgets):
    clear_cache()
    configure(demo=12)  # MiB: room for two validation splits of 4.7 MiB, not three
    first = None
    for seed in range(5):
        image = display_image("demo://validation/0", seed=seed)
        assert image.shape == (64, 64, 3) and image.dtype == np.uint8
        assert 0 < DEMO_CACHE.nbytes <= DEMO_CACHE.budget
        first = image if first is None else first
    assert len(DEMO_CACHE) == 2
    image[:] = 0  # the caller's own copy: the cache is not changed through it
    assert display_image("demo://validation/0", seed=4).any()
    assert np.array_equal(display_image("demo://validation/0", seed=0), first)  # generated again, the same


def test_clear_cache_empties_both_caches(tmp_path):
    dataset = open_folder(make_stripes_folder(tmp_path / "data", per_class=4))
    run_to_end(load_split(dataset, "train", (8, 8)))
    display_image("demo://test/1", seed=0)
    assert len(SPLIT_CACHE) and len(DEMO_CACHE)
    clear_cache()
    assert len(SPLIT_CACHE) == len(DEMO_CACHE) == 0 and SPLIT_CACHE.nbytes == DEMO_CACHE.nbytes == 0


# --- nothing global changes ----------------------------------------------------------------------------


def _global_state() -> tuple:
    return random.getstate(), np.random.get_state(), torch.get_rng_state(), torch.get_num_threads()


def _same_state(a: tuple, b: tuple) -> bool:
    (py_a, np_a, torch_a, threads_a), (py_b, np_b, torch_b, threads_b) = a, b
    same_numpy = all(np.array_equal(x, y) for x, y in zip(np_a, np_b, strict=True))
    return py_a == py_b and same_numpy and torch.equal(torch_a, torch_b) and threads_a == threads_b


def test_scans_splits_subsets_loading_and_previews_leave_the_global_random_state_alone(tmp_path):
    root = make_stripes_folder(tmp_path / "data", per_class=6)
    random.seed(11)
    np.random.seed(11)
    torch.manual_seed(11)
    before = _global_state()
    dataset = open_folder(root, seed=3)
    dataset.with_split(0.3, 0.2, seed=4)
    run_to_end(make_subset(dataset, tmp_path / "subset", {"train": 2, "validation": 1}, seed=2))
    run_to_end(load_split(dataset, "train", (12, 12)))
    run_to_end(load_split(demo_dataset(seed=7), "test", (32, 32), channels=1))
    preview(np.zeros((16, 16, 3), np.uint8), AUGMENT_PRESETS["strong"], count=4, seed=1)
    assert _same_state(before, _global_state())


# --- what the engine says: messages --------------------------------------------------------------------


def test_a_scan_reports_in_messages_with_ids(tmp_path):
    root = make_stripes_folder(tmp_path / "data", per_class=4)
    write_image(root / "loose.png")  # beside the class folders
    (root / "empty").mkdir()
    (root / "vertical" / "broken.png").write_bytes(b"not a png")
    events = list(drive(scan_folder(root)))
    progress = [e for e in events if isinstance(e, Progress)]
    assert progress and {e.message.id for e in progress} == {"data.checking_images"}
    assert (progress[-1].done, progress[-1].total) == (9, 9)
    logs = {e.message.id: str(e.message) for e in events if isinstance(e, LogMessage)}
    assert logs == {
        "data.loose_images": "1 image(s) directly in data/ belong to no class folder and are ignored.",
        "data.empty_classes": "Class folder(s) without usable images, left out: empty.",
        "data.skipped_files": "Skipped 1 file(s) that could not be used.",
    }
    dataset = events[-1].result
    assert [(Path(s.path).name, s.reason) for s in dataset.skipped] == [("broken.png", NOT_AN_IMAGE)]


def test_scan_errors_are_messages_that_say_what_was_found(tmp_path):
    root = make_stripes_folder(tmp_path / "data", per_class=3)
    for f in (root / "vertical").iterdir():
        f.unlink()
    with pytest.raises(DatasetError) as caught:
        open_folder(root)
    assert caught.value.message.id == "data.too_few_classes"
    assert str(caught.value).endswith("found only 'horizontal' (no usable images in: vertical).")
    with pytest.raises(DatasetError) as caught:
        open_folder(tmp_path / "missing")
    assert caught.value.message.id == "data.folder_missing" and "missing" in str(caught.value)
    dataset = open_folder(make_stripes_folder(tmp_path / "two", per_class=3))
    with pytest.raises(DatasetError) as caught:
        dataset.with_split(0.6, 0.5, seed=0)
    assert caught.value.message.id == "data.bad_fractions"


def test_a_short_subset_says_what_is_missing_in_one_translatable_line(tmp_path):
    src = tmp_path / "kaggle"
    for i in range(4):
        write_image(src / f"cat.{i}.jpg")
        write_image(src / f"dog.{i}.jpg")
    dataset = open_folder(src)
    events = list(drive(make_subset(dataset, tmp_path / "small", {"train": 2, "validation": 5}, seed=0)))
    (warning,) = [e for e in events if isinstance(e, LogMessage)]
    assert warning.level == "warning" and warning.message.id == "data.not_enough_images"
    assert str(warning.message) == (
        "Not enough images for every request; copying what there is (cat validation: 2 of 5; dog validation: 2 of 5)."
    )
    french = {"data.list_more": "{first} ; {rest}", "data.shortfall": "{class_name} ({split}) : {count}/{requested}"}
    translated = format_message(warning.message, lambda mid, template: french.get(mid, template))
    assert "cat (validation) : 2/5 ; dog (validation) : 2/5" in translated
    assert events[-1].result == {"train": {"cat": 2, "dog": 2}, "validation": {"cat": 2, "dog": 2}}


def test_a_refused_copy_names_the_file_and_its_reason_as_a_message(tmp_path):
    dataset = open_folder(make_stripes_folder(tmp_path / "data", per_class=3))
    junk = tmp_path / "junk.png"
    junk.write_bytes(b"junk")
    with pytest.raises(DatasetError) as caught:
        copy_into_class(dataset, "vertical", [str(junk)])
    message = caught.value.message
    assert message.id == "data.cannot_add" and message.arguments["reason"] == skip_reason_message(NOT_AN_IMAGE)
    assert str(caught.value) == "junk.png cannot be added to vertical: not an image."


def test_image_sizes_read_as_one_size_or_a_range():
    assert image_size_text({}) == "" and image_size_message({}) is None
    assert image_size_text({"min": (64, 64), "median": (64, 64), "max": (64, 64)}) == "64×64"
    sizes = {"min": (32, 40), "median": (500, 375), "max": (1024, 768)}
    assert image_size_text(sizes) == "min 32×40 · median 500×375 · max 1024×768"
    assert image_size_message(sizes).id == "data.image_size_range"


def test_thumbnails_of_unreadable_files_carry_a_skip_reason(tmp_path):
    (tmp_path / "cut.png").write_bytes(b"\x89PNG\r\n\x1a\n\0\0")
    keys = [str(tmp_path / "cut.png"), str(tmp_path / "gone.png")]
    events = list(thumbnail_job(lambda: keys.pop(0) if keys else None))
    assert [(e.image, e.reason) for e in events] == [(None, TRUNCATED), (None, UNREADABLE)]


def test_the_cache_budgets_come_from_the_environment_and_cnnstudio_cache_mb_still_sets_the_splits():
    env = {**os.environ, "CNNSTUDIO_CACHE_MB": "3", "CNNSTUDIO_DEMO_CACHE_MB": "5"}
    env.pop("CNNSTUDIO_SPLITS_CACHE_MB", None)
    code = "from cnnstudio.core.data import SPLIT_CACHE, DEMO_CACHE; print(SPLIT_CACHE.budget, DEMO_CACHE.budget)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True).stdout
    assert out.split() == [str(3 * 2**20), str(5 * 2**20)]
