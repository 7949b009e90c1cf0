"""Tests for the built-in demo dataset (cnnstudio.core.data.demo)."""

from __future__ import annotations

import hashlib
import random

import numpy as np
import pytest

from cnnstudio.core.data import demo
from cnnstudio.core.data.demo import (
    DEMO_CLASSES,
    DEMO_IMAGE_SIZE,
    DEMO_SPLITS,
    demo_counts,
    generate_demo_split,
)


@pytest.fixture(scope="module")
def splits() -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Every split at the default seed, generated once for the whole module."""
    return {split: generate_demo_split(split) for split in DEMO_SPLITS}


def _pixel_centroids(images: np.ndarray, split: str, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Shape centroids measured from pixels (where the image differs from its bare background),
    and the sampled centres, both (N, 2) as x, y in pixels."""
    params = demo.demo_parameters(split, seed)
    background = demo.render_backgrounds(params, slice(0, len(images)))
    diff = np.abs(images.astype(np.int16) - background.astype(np.int16)).max(axis=-1)
    mask = diff > 40  # shapes are >= ~100 brighter per channel; noise and anti-aliasing are not
    coords = np.arange(DEMO_IMAGE_SIZE) + 0.5  # pixel centres
    area = mask.sum(axis=(1, 2))
    assert area.min() > 50, "some image has (almost) no visible shape"
    cx = (mask * coords[None, None, :]).sum(axis=(1, 2)) / area
    cy = (mask * coords[None, :, None]).sum(axis=(1, 2)) / area
    return np.stack([cx, cy], axis=1), params.center


def test_constants() -> None:
    assert 3 <= len(DEMO_CLASSES) <= 5
    assert len(set(DEMO_CLASSES)) == len(DEMO_CLASSES)
    for name in DEMO_CLASSES:
        assert name.isascii() and name.isalpha() and name == name.lower()
    assert 64 <= DEMO_IMAGE_SIZE <= 96
    assert DEMO_SPLITS == ("train", "validation", "test")


def test_counts_shape() -> None:
    counts = demo_counts()
    assert tuple(counts) == DEMO_SPLITS
    for split in DEMO_SPLITS:
        assert tuple(counts[split]) == DEMO_CLASSES
        assert all(isinstance(n, int) and n > 0 for n in counts[split].values())
    assert 200 <= counts["train"][DEMO_CLASSES[0]] <= 400
    assert counts["train"][DEMO_CLASSES[0]] > counts["validation"][DEMO_CLASSES[0]]
    counts["train"][DEMO_CLASSES[0]] = -1  # callers may mutate their copy
    assert demo_counts()["train"][DEMO_CLASSES[0]] > 0


@pytest.mark.parametrize("split", DEMO_SPLITS)
def test_arrays_shape_dtype_and_counts(splits, split: str) -> None:
    images, labels = splits[split]
    n = sum(demo_counts()[split].values())
    assert images.shape == (n, DEMO_IMAGE_SIZE, DEMO_IMAGE_SIZE, 3)
    assert images.dtype == np.uint8
    assert labels.shape == (n,)
    assert labels.dtype == np.int64
    assert labels.min() >= 0 and labels.max() < len(DEMO_CLASSES)
    expected = [demo_counts()[split][name] for name in DEMO_CLASSES]
    assert np.bincount(labels, minlength=len(DEMO_CLASSES)).tolist() == expected
    # Real images: a wide range of values, and no two images alike.
    assert images.min() < 30 and images.max() > 220
    assert images.reshape(n, -1).std(axis=1).min() > 5
    assert len({hashlib.sha1(image.tobytes()).digest() for image in images}) == n


@pytest.mark.parametrize("split", DEMO_SPLITS)
def test_labels_are_shuffled(splits, split: str) -> None:
    _, labels = splits[split]
    assert len(set(labels[:20].tolist())) == len(DEMO_CLASSES)
    assert np.count_nonzero(np.diff(labels)) > len(labels) // 2


def test_deterministic(splits) -> None:
    images, labels = generate_demo_split("validation", seed=0)
    assert np.array_equal(images, splits["validation"][0])
    assert np.array_equal(labels, splits["validation"][1])


def test_seeds_and_splits_differ(splits) -> None:
    other, other_labels = generate_demo_split("validation", seed=1)
    images, labels = splits["validation"]
    assert not np.array_equal(labels, other_labels)
    assert np.mean(other != images) > 0.5
    # No image appears in two splits.
    seen: dict[bytes, str] = {}
    for split in DEMO_SPLITS:
        for image in splits[split][0]:
            key = hashlib.sha1(image.tobytes()).digest()
            assert seen.setdefault(key, split) == split, f"an image of {split} is also in {seen[key]}"


def test_does_not_touch_global_random_state() -> None:
    # An unusual global state (not one a stray np.random.seed(...) call would recreate).
    np.random.seed(20240229)
    np.random.random(7)
    random.seed(20240229)
    random.random()
    np_state, py_state = np.random.get_state(), random.getstate()
    images, labels = generate_demo_split("test", seed=3)
    after = np.random.get_state()
    assert all(np.array_equal(a, b) for a, b in zip(np_state, after, strict=True))
    assert random.getstate() == py_state
    # ...and the global state does not leak into the result.
    np.random.seed(1)
    random.seed(1)
    again, again_labels = generate_demo_split("test", seed=3)
    assert np.array_equal(images, again) and np.array_equal(labels, again_labels)


def test_unknown_split_raises() -> None:
    with pytest.raises(ValueError) as info:
        generate_demo_split("valid")
    message = str(info.value)
    assert "valid" in message
    for split in DEMO_SPLITS:
        assert split in message


def test_golden_checksum() -> None:
    """Same pixels on every machine: a change here means the dataset changed (or numpy/Pillow
    drew differently), which silently invalidates saved models and recorded results."""
    images, labels = generate_demo_split("validation", seed=0)
    digest = hashlib.sha256(images.tobytes() + labels.tobytes()).hexdigest()
    assert digest == GOLDEN_VALIDATION_SHA256


def test_shape_is_clearly_visible(splits) -> None:
    images, _ = splits["validation"]
    params = demo.demo_parameters("validation", 0)
    masks = demo.shape_masks(params, slice(0, len(images)))
    inside = masks == 255
    outside = masks == 0
    luma = images.astype(np.float64).mean(axis=-1)
    shape_mean = (luma * inside).sum(axis=(1, 2)) / inside.sum(axis=(1, 2))
    background_mean = (luma * outside).sum(axis=(1, 2)) / outside.sum(axis=(1, 2))
    assert (shape_mean - background_mean).min() > 60
    # Shapes never touch the frame's edge: a cut-off shape could be ambiguous.
    edge = np.concatenate([masks[:, 0], masks[:, -1], masks[:, :, 0], masks[:, :, -1]], axis=1)
    assert edge.max() == 0


def test_pixels_put_the_shape_where_sampled(splits) -> None:
    measured, sampled = _pixel_centroids(splits["validation"][0], "validation")
    assert np.abs(measured - sampled).max() < 1.0


def test_validation_varies_more_than_train(splits) -> None:
    """The point of the dataset: train shows narrow nuisance ranges, validation/test wide ones."""
    middle = DEMO_IMAGE_SIZE / 2.0
    spread = {}
    for split in ("train", "validation"):
        measured, _ = _pixel_centroids(splits[split][0], split)
        spread[split] = np.linalg.norm(measured - middle, axis=1)
    assert spread["validation"].mean() > 1.25 * spread["train"].mean()
    assert spread["validation"].max() > spread["train"].max() + 3.0

    train = demo.demo_parameters("train", 0)
    for split in ("validation", "test"):
        wide = demo.demo_parameters(split, 0)
        # Rotation: train stays near upright, validation/test turn any way (upside down too).
        assert np.abs(train.rotation).max() <= 20.0
        assert np.abs(wide.rotation).max() > 170.0
        assert np.mean(np.abs(wide.rotation) > 90.0) > 0.3
        # Scale: validation/test reach smaller and larger shapes than train ever shows.
        assert wide.size.min() < train.size.min() - 1.5
        assert wide.size.max() > train.size.max() + 1.5
        assert wide.center.std(axis=0).min() > 1.2 * train.center.std(axis=0).max()


GOLDEN_VALIDATION_SHA256 = "aa3b47c41bc58bc05c27e73a2e66cfede1c0e9bacd329a05b7c5be079e086d4a"


def test_demo_labels_match_the_generated_split_without_drawing() -> None:
    for split in ("train", "validation"):
        np.testing.assert_array_equal(demo.demo_labels(split, seed=3), generate_demo_split(split, seed=3)[1])
