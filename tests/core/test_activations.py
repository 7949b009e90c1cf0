"""Intermediate activations (5.4.1): one cached forward pass with hooks, the book's grid, the overview, blank shares."""

from __future__ import annotations

import os

import numpy as np
import pytest
import torch

import cnnstudio
from cnnstudio.cli.common import run_step
from cnnstudio.core.visualize import (
    ACTIVATION_CACHE,
    LayerError,
    activation_grid,
    activations,
    blank_channels,
    blank_shares,
    list_layers,
    open_subject,
    overview,
)
from tests.helpers import write_model_run

CHELSEA = os.path.join(os.path.dirname(cnnstudio.__file__), "resources", "samples", "chelsea.jpg")


@pytest.fixture(scope="module")
def subject(tmp_path_factory):
    run = write_model_run(tmp_path_factory.mktemp("act") / "run", "small-convnet", image_size=64)
    return open_subject(run_dir=run)


def _counting(subject):
    """A forward pre-hook on the first layer that counts forward passes (the caller removes it)."""
    calls = []
    handle = subject.model.conv2d.register_forward_pre_hook(lambda *_: calls.append(1))
    return calls, handle


def test_one_pass_gives_every_layer_with_the_shapes_the_layer_list_reports(subject):
    ACTIVATION_CACHE.clear()
    calls, handle = _counting(subject)
    try:
        result = run_step(activations(subject, CHELSEA), None)
    finally:
        handle.remove()
    assert len(calls) == 1
    expected = [(info.name, info.type, info.shape, info.kind) for info in list_layers(subject)]
    assert [(info.name, info.type, info.shape, info.kind) for info in result.layers] == expected
    for info in result.layers:
        array = result.maps[info.name]
        assert array.dtype == np.float32 and array.shape == info.shape
    assert result.maps["conv2d"].shape == (32, 62, 62)  # N=1 dropped
    assert result.input_size == (64, 64)


def test_the_maps_are_the_layers_real_outputs(subject):
    array = np.array(subject.image_array(CHELSEA))
    result = run_step(activations(subject, array, layers=["conv2d"]), None)
    with subject.using() as model, torch.no_grad():
        expected = model.conv2d(subject.prepare_array(array))[0].numpy()
    np.testing.assert_allclose(result.maps["conv2d"], expected, rtol=1e-5, atol=1e-6)
    assert list(result.maps) == ["conv2d"]


def test_a_second_call_for_the_same_image_is_served_from_the_cache(subject, tmp_path):
    ACTIVATION_CACHE.clear()
    calls, handle = _counting(subject)
    try:
        first = run_step(activations(subject, CHELSEA), None)
        again = run_step(activations(subject, CHELSEA), None)
        subset = run_step(activations(subject, CHELSEA, layers=["conv2d_1"]), None)  # the full entry has it
        pixels = np.array(subject.image_array(CHELSEA))
        by_array = run_step(activations(subject, pixels), None)
        by_array_again = run_step(activations(subject, pixels.copy()), None)
        pixels[0, 0, 0] ^= 1
        changed = run_step(activations(subject, pixels), None)
    finally:
        handle.remove()
    assert again is first and subset is first
    assert by_array_again is by_array and changed is not by_array
    assert len(calls) == 3  # the file, the array, the changed array


def test_a_rewritten_file_is_not_taken_from_the_cache(subject, tmp_path):
    from PIL import Image

    path = tmp_path / "photo.png"
    Image.new("RGB", (40, 30), (200, 10, 10)).save(path)
    red = run_step(activations(subject, path), None)
    Image.new("RGB", (40, 31), (10, 10, 200)).save(path)
    blue = run_step(activations(subject, path), None)
    assert blue is not red
    assert not np.array_equal(blue.maps["conv2d"], red.maps["conv2d"])


def test_no_hooks_are_left_after_fifty_passes(subject):
    ACTIVATION_CACHE.clear()
    rng = np.random.default_rng(0)
    for _ in range(50):
        run_step(activations(subject, rng.integers(0, 256, (20, 20, 3), dtype=np.uint8)), None)
    assert not any(m._forward_hooks or m._forward_pre_hooks for m in subject.model.modules())


def test_an_unknown_layer_or_a_dense_layer_is_a_user_error(subject):
    result = run_step(activations(subject, CHELSEA), None)
    with pytest.raises(LayerError, match="conv2d_1"):
        result.feature_maps("conv2d_11")
    with pytest.raises(LayerError, match="dense"):
        result.feature_maps("dense")
    with pytest.raises(LayerError):
        run_step(activations(subject, CHELSEA, layers=["nope"]), None)


def test_a_grid_of_256_channels_has_16_columns_and_clicks_map_back_to_channels():
    rng = np.random.default_rng(1)
    maps = rng.normal(size=(256, 7, 7)).astype(np.float32)
    grid = activation_grid(maps)
    assert grid.columns == 16 and len(grid.cells) == 256
    xs = sorted({x for x, _, _, _ in grid.cells})
    ys = sorted({y for _, y, _, _ in grid.cells})
    assert len(xs) == 16 and len(ys) == 16
    _, _, w, h = grid.cells[0]
    assert w >= 32 and h >= 32 and w % 7 == 0  # 7 px maps enlarged by a whole factor
    for channel in (0, 15, 16, 100, 255):
        x, y, cw, ch = grid.cells[channel]
        assert grid.tile_at(x + cw / 2, y + ch / 2) == channel
    assert grid.tile_at(grid.cells[0][2] + 0.5, 1) is None  # the gap between tiles
    # each tile is its own map's picture: the brightest value is drawn in the brightest colour
    x, y, cw, ch = grid.cells[37]
    tile = grid.image[y : y + ch, x : x + cw].astype(int).sum(axis=2)
    i, j = np.unravel_index(maps[37].argmax(), maps[37].shape)
    assert tile[i * (ch // 7), j * (cw // 7)] == tile.max()


def test_big_maps_are_not_enlarged():
    grid = activation_grid(np.random.default_rng(2).normal(size=(3, 40, 50)))
    assert grid.cells[0][2:] == (50, 40) and grid.columns == 3


def test_blank_channels_are_the_flat_ones_whatever_their_scale():
    maps = np.zeros((5, 4, 4), dtype=np.float32)
    maps[1, 2, 2] = 3.0  # one active unit: not blank
    maps[2] = 7.5  # flat but not zero: blank (says nothing about where)
    maps[3] = np.arange(16).reshape(4, 4) * 1e-3  # faint but a real pattern: not blank
    maps[4, 0, 0] = 1e-9  # numerical dust on a dead channel: blank
    assert blank_channels(maps).tolist() == [True, False, True, False, True]
    big = maps * 1e6  # the tolerance follows the layer's scale
    assert blank_channels(big).tolist() == [True, False, True, False, True]


def test_blank_shares_cover_every_conv_and_pool_layer_in_order(subject):
    result = run_step(activations(subject, CHELSEA), None)
    shares = blank_shares(result)
    assert [name for name, _ in shares] == [i.name for i in result.layers if i.is_map and i.kind in ("conv", "pool")]
    for name, share in shares:
        assert share == pytest.approx(blank_channels(result.maps[name]).mean())
        assert 0.0 <= share <= 1.0


def test_the_overview_has_one_row_per_conv_and_pool_layer(subject):
    result = run_step(activations(subject, CHELSEA), None)
    view = overview(result, per_layer=8, tile=32)
    names = [i.name for i in result.map_layers()]
    assert [e for e in view.entries if e[1] == 0] == [(n, 0) for n in names]
    assert len(view.entries) == 8 * len(names)
    x, y, w, h = view.mosaic.cells[8 * 2 + 3]
    assert view.entry_at(x + w / 2, y + h / 2) == (names[2], 3)
    assert view.mosaic.image.shape[0] == len(names) * 34 - 2


def test_a_view_with_little_room_gets_tiles_no_bigger_than_it_asks():
    maps = np.random.default_rng(3).normal(size=(20, 62, 94)).astype(np.float32)
    small = activation_grid(maps, min_tile=32, max_tile=32)
    assert small.cells[0][2:] == (47, 31)  # halved (block means), proportions kept
    tiny = activation_grid(maps[:, :14, :14], min_tile=32, max_tile=32)
    assert tiny.cells[0][2:] == (28, 28)  # doubled, not tripled past 32
    assert activation_grid(maps, min_tile=32).cells[0][2:] == (94, 62)  # the book's grid: native size


def test_the_fast_grid_is_pixel_for_pixel_the_plain_mosaic_of_the_book_display():
    from cnnstudio.core.visualize.render import colour_maps, mosaic, standardise_maps, upscale_nearest

    maps = np.random.default_rng(4).normal(size=(40, 9, 9)).astype(np.float32)
    maps[3] = 0.0  # a blank channel: uniform mid colour
    grid = activation_grid(maps)
    tiles = upscale_nearest(colour_maps(standardise_maps(maps)), 4)
    reference = mosaic(tiles, columns=16, labels=[str(i) for i in range(40)])
    assert grid.cells == reference.cells
    np.testing.assert_array_equal(grid.image, reference.image)


def test_a_demo_dataset_image_is_looked_at_and_cached_by_its_key(subject):
    ACTIVATION_CACHE.clear()
    first = run_step(activations(subject, "demo://validation/2"), None)
    assert first.maps["conv2d"].shape == (32, 62, 62)
    assert run_step(activations(subject, "demo://validation/2"), None) is first
    assert run_step(activations(subject, "demo://validation/3"), None) is not first


def test_labels_and_gaps_grow_with_the_tiles_so_a_scaled_down_grid_stays_readable():
    from cnnstudio.core.visualize.render import mosaic

    def label_rows(grid, cell):
        x, y, w, h = cell
        below = grid.image[y + h : y + h + 40, x : x + w].min(axis=(1, 2))
        return int((below < 200).sum())  # rows with ink in them

    small = mosaic(np.zeros((2, 32, 32, 3), np.uint8) + 128, columns=2, labels=["0", "1"])
    large = mosaic(np.zeros((2, 128, 128, 3), np.uint8) + 128, columns=2, labels=["0", "1"])
    assert small.cells[1][0] - small.cells[0][0] == 32 + 2
    assert large.cells[1][0] - large.cells[0][0] == 128 + 6  # a wider gap between large tiles
    assert label_rows(large, large.cells[0]) >= 2 * label_rows(small, small.cells[0]) > 0
