from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from cnnstudio.core.data.dataset import (
    clear_cache,
    copy_into_class,
    demo_dataset,
    gallery_items,
    load_split,
    make_subset,
    open_folder,
    run_to_end,
    thumbnail_job,
)
from cnnstudio.core.errors import DatasetError
from cnnstudio.core.events import ImageReady
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


def test_loaded_splits_are_cached_so_a_second_run_decodes_nothing(tmp_path, monkeypatch):
    clear_cache()
    dataset = open_folder(make_stripes_folder(tmp_path / "data", per_class=8))
    x1, y1, _ = run_to_end(load_split(dataset, "train", (16, 16)))
    import cnnstudio.core.data.dataset as data

    monkeypatch.setattr(data, "load_image", lambda *a, **k: pytest.fail("decoded again"))
    x2, y2, _ = run_to_end(load_split(dataset, "train", (16, 16)))
    assert x2 is x1 and y2 is y1 and x1.shape == (len(y1), 3, 16, 16)


def test_gallery_items_and_thumbnails_cover_the_demo_dataset():
    dataset = demo_dataset()
    items = gallery_items(dataset)
    assert len(items) == dataset.total_images()
    keys = [items[0][0], items[-1][0], "/no/such/file.png"]
    events = list(thumbnail_job(lambda: keys.pop(0) if keys else None, max_side=32))
    assert [type(e) for e in events] == [ImageReady] * 3
    assert events[0].image.shape == (64, 64, 3) and events[2].image is None and events[2].reason
