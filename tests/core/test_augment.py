"""Augmentation: Keras's geometry and fill modes, per-image seeded randomness, colour ops as torchvision's, the spec."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
import torch
from torchvision.transforms.v2 import functional as TF

from cnnstudio.core.data import augment_ops as ops
from cnnstudio.core.data.augment import (
    AUGMENT_PRESETS,
    FILL_MODES,
    AugmentSpec,
    augment_batch,
    preset_name,
    preview,
)
from cnnstudio.core.errors import UserError

BOOK = AUGMENT_PRESETS["book"]


def _gen(seed: int = 0) -> torch.Generator:
    return torch.Generator().manual_seed(seed)


def _random_images(n: int = 4, c: int = 3, h: int = 20, w: int = 24, seed: int = 0) -> torch.Tensor:
    return torch.randint(0, 256, (n, c, h, w), dtype=torch.uint8, generator=_gen(seed))


def _square(size: int = 40, side: int = 10, value: int = 255) -> torch.Tensor:
    """(1, 1, size, size) black image with a centred white square."""
    image = torch.zeros(1, 1, size, size, dtype=torch.uint8)
    lo = (size - side) // 2
    image[..., lo : lo + side, lo : lo + side] = value
    return image


def _warp_uint8(images: torch.Tensor, matrices: torch.Tensor, fill_mode: str) -> torch.Tensor:
    return ops.warp(images.float(), matrices, fill_mode).round().clamp(0, 255).to(torch.uint8)


def _keras(n: int = 1, theta=0.0, tx=0.0, ty=0.0, shear=0.0, zx=1.0, zy=1.0) -> torch.Tensor:
    def full(value: float) -> torch.Tensor:
        return torch.full((n,), float(value), dtype=torch.float64)

    return ops.keras_matrices(full(theta), full(tx), full(ty), full(shear), full(zx), full(zy))


# --- identity, shapes, determinism -----------------------------------------------------------------------


@pytest.mark.parametrize("channels", [1, 3])
def test_identity_spec_returns_the_input_values(channels):
    images = _random_images(c=channels)
    for spec in (AugmentSpec(), AugmentSpec(fill_mode="reflect")):
        assert spec.is_identity()
        out = augment_batch(images, spec, _gen())
        assert out.dtype == torch.uint8 and out.shape == images.shape
        assert torch.equal(out, images)


@pytest.mark.parametrize("channels", [1, 3])
@pytest.mark.parametrize("name", ["book", "light", "strong"])
def test_presets_keep_dtype_and_shape_and_leave_the_input_alone(channels, name):
    images = _random_images(n=5, c=channels, h=17, w=23)
    before = images.clone()
    out = augment_batch(images, AUGMENT_PRESETS[name], _gen())
    assert out.dtype == torch.uint8 and out.shape == images.shape
    assert torch.equal(images, before)
    assert not torch.equal(out, images)


def test_every_option_alone_runs_on_one_and_three_channels():
    options = {
        "rotation_range": 30,
        "width_shift_range": 0.3,
        "height_shift_range": 0.3,
        "shear_range": 20,
        "zoom_range": 0.4,
        "horizontal_flip": True,
        "vertical_flip": True,
        "brightness": 0.5,
        "contrast": 0.5,
        "saturation": 0.5,
        "hue": 0.2,
        "random_resized_crop": 0.3,
        "random_erasing": 1.0,
        "grayscale": 1.0,
    }
    for channels in (1, 3):
        images = _random_images(n=6, c=channels, h=15, w=31)
        for key, value in options.items():
            for fill_mode in FILL_MODES:
                out = augment_batch(images, AugmentSpec(**{key: value}, fill_mode=fill_mode), _gen())
                assert out.shape == images.shape and out.dtype == torch.uint8, key


def test_same_seed_same_batch_other_seed_other_batch():
    images = _random_images(n=8)
    for spec in (BOOK, AUGMENT_PRESETS["strong"]):
        a = augment_batch(images, spec, _gen(1))
        b = augment_batch(images, spec, _gen(1))
        c = augment_batch(images, spec, _gen(2))
        assert torch.equal(a, b)
        assert not torch.equal(a, c)


def test_each_image_gets_its_own_parameters():
    one = _random_images(n=1, h=32, w=32)
    out = augment_batch(one.expand(8, -1, -1, -1).contiguous(), BOOK, _gen())
    flat = out.flatten(1)
    distinct = {tuple(row.tolist()) for row in flat}
    assert len(distinct) == 8


def test_the_global_rng_is_not_touched():
    state = torch.get_rng_state()
    augment_batch(_random_images(n=8), AUGMENT_PRESETS["strong"], _gen())
    augment_batch(_random_images(n=8), AugmentSpec(random_resized_crop=0.5, grayscale=0.5), _gen())
    assert torch.equal(torch.get_rng_state(), state)


def test_bad_batches_are_refused():
    with pytest.raises(ValueError):
        augment_batch(torch.zeros(2, 3, 8, 8), BOOK, _gen())  # float
    with pytest.raises(ValueError):
        augment_batch(torch.zeros(2, 4, 8, 8, dtype=torch.uint8), BOOK, _gen())
    with pytest.raises(UserError, match="rotation_range"):
        augment_batch(_random_images(), AugmentSpec(rotation_range=-1), _gen())


# --- flips -----------------------------------------------------------------------------------------------


def test_horizontal_flip_alone_gives_the_image_or_its_mirror_both_occurring():
    images = _random_images(n=64, h=9, w=13)
    out = augment_batch(images, AugmentSpec(horizontal_flip=True), _gen())
    same = (out == images).flatten(1).all(dim=1)
    mirrored = (out == images.flip(-1)).flatten(1).all(dim=1)
    assert bool((same | mirrored).all())
    assert same.any() and mirrored.any()


def test_vertical_flip_alone_gives_the_image_or_its_upside_down():
    images = _random_images(n=64, h=9, w=13)
    out = augment_batch(images, AugmentSpec(vertical_flip=True), _gen())
    same = (out == images).flatten(1).all(dim=1)
    flipped = (out == images.flip(-2)).flatten(1).all(dim=1)
    assert bool((same | flipped).all()) and same.any() and flipped.any()


def test_flips_folded_into_the_warp_are_exact():
    images = _random_images(n=2, h=9, w=14)
    identity = _keras(2)
    flips = ops.flip_matrices(torch.tensor([True, False]), torch.tensor([False, True]))
    out = _warp_uint8(images, identity @ flips, "nearest")
    assert torch.equal(out[0], images[0].flip(-1))
    assert torch.equal(out[1], images[1].flip(-2))


# --- Keras geometry --------------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [9, 10])
def test_rotation_by_90_degrees_is_an_exact_quarter_turn(size):
    images = _random_images(n=1, h=size, w=size)
    out = _warp_uint8(images, _keras(theta=90.0), "constant")
    assert torch.equal(out, torch.rot90(images, k=-1, dims=(-2, -1)))
    out = _warp_uint8(images, _keras(theta=-90.0), "constant")
    assert torch.equal(out, torch.rot90(images, k=1, dims=(-2, -1)))


def test_large_random_rotations_move_an_off_centre_dot_around_the_centre():
    image = torch.zeros(1, 1, 41, 41, dtype=torch.uint8)
    image[..., 5:8, 19:22] = 255  # a dot above the centre (20, 20)
    out = augment_batch(image.expand(32, -1, -1, -1).contiguous(), AugmentSpec(rotation_range=180), _gen())
    angles, radii = [], []
    for frame in out[:, 0].double():
        rows, cols = torch.meshgrid(
            torch.arange(41.0, dtype=torch.float64), torch.arange(41.0, dtype=torch.float64), indexing="ij"
        )
        mass = frame.sum()
        r, c = (frame * rows).sum() / mass - 20, (frame * cols).sum() / mass - 20
        radii.append(math.hypot(r, c))
        angles.append(math.atan2(c, -r))
    assert all(abs(radius - 14) < 1.0 for radius in radii)  # stays on its circle about the centre
    assert max(angles) - min(angles) > math.radians(200)  # and goes well round it


def _reference_warp(image: np.ndarray, matrix: np.ndarray, fill_mode: str) -> np.ndarray:
    """Keras's apply_affine_transform (transform_matrix_offset_center + ndi.affine_transform, order=1), in numpy."""
    h, w = image.shape
    o_r, o_c = h / 2 - 0.5, w / 2 - 0.5
    offset = np.array([[1, 0, o_r], [0, 1, o_c], [0, 0, 1]])
    reset = np.array([[1, 0, -o_r], [0, 1, -o_c], [0, 0, 1]])
    m = offset @ matrix @ reset

    def pixel(r: int, c: int) -> float:
        if fill_mode == "nearest":
            r, c = min(max(r, 0), h - 1), min(max(c, 0), w - 1)
        elif fill_mode == "wrap":
            r, c = r % h, c % w
        elif fill_mode == "reflect":  # dcba|abcd|dcba
            r, c = r % (2 * h), c % (2 * w)
            r, c = (2 * h - 1 - r if r >= h else r), (2 * w - 1 - c if c >= w else c)
        elif not (0 <= r < h and 0 <= c < w):
            return 0.0
        return float(image[r, c])

    out = np.zeros((h, w))
    for r in range(h):
        for c in range(w):
            ir, ic = m[:2, :2] @ [r, c] + m[:2, 2]
            r0, c0 = math.floor(ir), math.floor(ic)
            fr, fc = ir - r0, ic - c0
            out[r, c] = (
                (1 - fr) * (1 - fc) * pixel(r0, c0)
                + (1 - fr) * fc * pixel(r0, c0 + 1)
                + fr * (1 - fc) * pixel(r0 + 1, c0)
                + fr * fc * pixel(r0 + 1, c0 + 1)
            )
    return out


def _keras_reference_matrix(theta, tx, ty, shear, zx, zy) -> np.ndarray:
    """Keras's transform_matrix: rotation @ shift @ shear @ zoom (angles in degrees)."""
    t, s = np.deg2rad(theta), np.deg2rad(shear)
    rotation = np.array([[np.cos(t), -np.sin(t), 0], [np.sin(t), np.cos(t), 0], [0, 0, 1]])
    shift = np.array([[1, 0, tx], [0, 1, ty], [0, 0, 1]])
    shearing = np.array([[1, -np.sin(s), 0], [0, np.cos(s), 0], [0, 0, 1]])
    zoom = np.array([[zx, 0, 0], [0, zy, 0], [0, 0, 1]])
    return rotation @ shift @ shearing @ zoom


@pytest.mark.parametrize("fill_mode", FILL_MODES)
def test_the_warp_matches_keras_apply_affine_transform(fill_mode):
    params = {"theta": 33.0, "tx": 2.5, "ty": -4.0, "shear": 20.0, "zx": 1.3, "zy": 0.8}
    image = torch.randint(0, 256, (1, 1, 11, 14), dtype=torch.uint8, generator=_gen(3))
    matrix = _keras(**params)
    assert np.allclose(matrix[0].numpy(), _keras_reference_matrix(**params))
    ours = ops.warp(image.float(), matrix, fill_mode)[0, 0].numpy()
    expected = _reference_warp(image[0, 0].numpy(), _keras_reference_matrix(**params), fill_mode)
    assert np.abs(ours - expected).max() < 0.05


def test_width_shift_moves_a_square_horizontally_by_at_most_the_range():
    image = _square(size=40, side=4)
    out = augment_batch(image.expand(32, -1, -1, -1).contiguous(), AugmentSpec(width_shift_range=0.2), _gen())
    rows, cols = torch.meshgrid(torch.arange(40.0), torch.arange(40.0), indexing="ij")
    shifts = []
    for frame in out[:, 0].float():
        mass = frame.sum()
        assert abs((frame * rows).sum() / mass - 19.5) < 1e-3  # rows untouched
        shifts.append(float((frame * cols).sum() / mass - 19.5))
    assert max(abs(s) for s in shifts) <= 0.2 * 40 + 1e-3
    assert min(shifts) < -2 and max(shifts) > 2  # both directions, not just jitter
    assert len({round(s, 3) for s in shifts}) > 20


def test_height_shift_moves_vertically_only():
    image = _square(size=40, side=4)
    out = augment_batch(image.expand(16, -1, -1, -1).contiguous(), AugmentSpec(height_shift_range=0.2), _gen())
    cols = torch.arange(40.0).expand(40, 40)
    for frame in out[:, 0].float():
        assert abs((frame * cols).sum() / frame.sum() - 19.5) < 1e-3


def _gradient(w: int = 10, step: int = 20) -> torch.Tensor:
    """(1, 1, 3, w) horizontal gradient 10, 10 + step, ... (no zeros anywhere)."""
    assert 10 + step * (w - 1) <= 255
    return (10 + step * torch.arange(w)).to(torch.uint8).expand(1, 1, 3, w).contiguous()


@pytest.mark.parametrize(
    "fill_mode, left",
    [("constant", [0, 0, 0]), ("nearest", [10, 10, 10]), ("reflect", [50, 30, 10]), ("wrap", [150, 170, 190])],
)
def test_fill_modes_on_a_shifted_gradient(fill_mode, left):
    image = _gradient()
    out = _warp_uint8(image, _keras(ty=-3.0), fill_mode)  # content moves 3 pixels to the right
    expected = torch.tensor(left + [10, 30, 50, 70, 90, 110, 130], dtype=torch.uint8)
    for row in out[0, 0]:
        assert row.tolist() == expected.tolist()


def test_fill_modes_in_batches_constant_brings_zeros_the_others_image_content():
    image = _gradient(16, step=15).expand(32, -1, -1, -1).contiguous()
    values = set(image.unique().tolist())
    for fill_mode in FILL_MODES:
        out = augment_batch(image, AugmentSpec(width_shift_range=0.5, fill_mode=fill_mode), _gen())
        if fill_mode == "constant":
            assert (out == 0).any()
        else:
            assert not (out == 0).any()
            assert out.min() >= min(values) and out.max() <= max(values)
    nearest = augment_batch(image, AugmentSpec(width_shift_range=0.5, fill_mode="nearest"), _gen())
    left_edge = (nearest[..., 0] == 10).flatten(1).all(dim=1)
    right_edge = (nearest[..., -1] == 235).flatten(1).all(dim=1)
    assert bool((left_edge | right_edge).all()) and left_edge.any() and right_edge.any()  # the edge value, repeated


def _area(frames: torch.Tensor) -> torch.Tensor:
    return frames.float().flatten(1).sum(dim=1) / 255


def test_zoom_scale_above_one_zooms_out_keras_convention():
    square = _square(size=41, side=11)
    base = float(_area(square))
    smaller = float(_area(_warp_uint8(square, _keras(zx=1.5, zy=1.5), "constant")))
    larger = float(_area(_warp_uint8(square, _keras(zx=0.8, zy=0.8), "constant")))
    assert smaller == pytest.approx(base / 1.5**2, rel=0.1)
    assert larger == pytest.approx(base / 0.8**2, rel=0.1)


def test_zoom_range_draws_both_zoom_in_and_zoom_out():
    square = _square(size=41, side=11)
    out = augment_batch(
        square.expand(32, -1, -1, -1).contiguous(), AugmentSpec(zoom_range=0.5, fill_mode="constant"), _gen()
    )
    ratios = _area(out) / float(_area(square))
    assert ratios.min() < 0.8 and ratios.max() > 1.3
    assert ratios.min() >= 1 / 1.5**2 * 0.9 and ratios.max() <= 1 / 0.5**2 * 1.1


def test_shear_in_degrees_slants_a_horizontal_line():
    image = torch.zeros(1, 1, 21, 21, dtype=torch.uint8)
    image[..., 10, :] = 255  # Keras's shear reads row r - sin(shear) * column
    out = _warp_uint8(image, _keras(shear=45.0), "constant")[0, 0].float()
    rows = torch.arange(21.0)
    centres = [float((col * rows).sum() / col.sum()) for col in out.T if col.sum() > 0]
    slope = (centres[-1] - centres[0]) / (len(centres) - 1)
    assert slope == pytest.approx(math.sin(math.radians(45)), abs=0.05)
    tiny = ops.warp(image.float(), _keras(shear=0.2), "constant") - image.float()  # the book's 0.2 is degrees
    assert 0 < tiny.abs().max() < 255 * 0.05


# --- crop, colour, grayscale, erasing --------------------------------------------------------------------


def test_crop_matrix_equals_torchvision_resized_crop():
    image = _random_images(n=1, h=20, w=24)
    ours = _warp_uint8(
        image,
        ops.crop_matrices(torch.tensor([3.0]), torch.tensor([5.0]), torch.tensor([12.0]), torch.tensor([15.0]), 20, 24),
        "nearest",
    )
    theirs = (
        TF.resized_crop(image.float(), 3, 5, 12, 15, [20, 24], antialias=True).round().clamp(0, 255).to(torch.uint8)
    )
    # torchvision clamps the outermost half pixel to the crop's edge; we read the real neighbours there
    inner = (ours.int() - theirs.int())[..., 1:-1, 1:-1].abs()
    assert inner.max() <= 1


def test_random_resized_crop_zooms_in_and_varies():
    rows = torch.arange(30).view(30, 1).expand(30, 30)
    image = (rows * 8).to(torch.uint8).expand(16, 1, 30, 30).contiguous()
    out = augment_batch(image, AugmentSpec(random_resized_crop=0.3), _gen())
    spans = out[:, 0, -1, :].float().mean(dim=1) - out[:, 0, 0, :].float().mean(dim=1)
    full = float(image[0, 0, -1, 0]) - float(image[0, 0, 0, 0])
    assert (spans <= full + 1).all() and (spans < 0.95 * full).any()  # a crop spans less of the gradient
    whole = _random_images(n=4, h=20, w=24)
    assert torch.equal(augment_batch(whole, AugmentSpec(random_resized_crop=1.0), _gen()), whole)  # keeps it all
    noise = _random_images(n=1, c=3, h=30, w=30).expand(16, -1, -1, -1).contiguous()
    out = augment_batch(noise, AugmentSpec(random_resized_crop=0.3), _gen())
    assert len({tuple(f.flatten().tolist()) for f in out}) == 16


def _scaled(fn, x: torch.Tensor, factor: float) -> torch.Tensor:
    return fn(x / 255, factor) * 255


@pytest.mark.parametrize(
    "code, theirs, factors",
    [
        (ops.BRIGHTNESS, TF.adjust_brightness, [0.4, 1.0, 1.7]),
        (ops.CONTRAST, TF.adjust_contrast, [0.2, 1.0, 1.8]),
        (ops.SATURATION, TF.adjust_saturation, [0.0, 0.5, 1.9]),
        (ops.HUE, TF.adjust_hue, [-0.5, -0.1, 0.0, 0.23, 0.5]),
    ],
)
def test_colour_ops_match_torchvision_per_image(code, theirs, factors):
    x = _random_images(n=len(factors), h=9, w=11).float()
    x[0, :, :2] = 128  # some grey pixels (no hue)
    if code == ops.HUE:
        out = ops.adjust_hue(x.clone(), torch.tensor(factors))
    else:
        out = ops.jitter_blend_(x.clone(), torch.tensor(factors), torch.full((len(factors),), code))
    for k, factor in enumerate(factors):
        assert torch.allclose(out[k], _scaled(theirs, x[k], factor), atol=1e-2), factor


def test_a_third_turn_of_hue_makes_red_green_and_green_blue():
    colours = torch.tensor([[200.0, 0.0, 0.0], [0.0, 200.0, 0.0], [90.0, 90.0, 90.0]]).view(3, 3, 1, 1)
    out = ops.adjust_hue(colours.clone(), torch.full((3,), 1 / 3)).view(3, 3)
    assert torch.allclose(out, torch.tensor([[0.0, 200.0, 0.0], [0.0, 0.0, 200.0], [90.0, 90.0, 90.0]]), atol=1e-3)


def test_one_blend_pass_mixes_operations_per_image_and_leaves_the_others_exact():
    x = _random_images(n=4, h=9, w=11).float()
    codes = torch.tensor([ops.SATURATION, 0, ops.CONTRAST, ops.BRIGHTNESS])
    factors = torch.tensor([0.3, 1.7, 1.6, 0.5])
    out = ops.jitter_blend_(x.clone(), factors, codes)
    assert torch.allclose(out[0], _scaled(TF.adjust_saturation, x[0], 0.3), atol=1e-2)
    assert torch.equal(out[1], x[1])
    assert torch.allclose(out[2], _scaled(TF.adjust_contrast, x[2], 1.6), atol=1e-2)
    assert torch.allclose(out[3], _scaled(TF.adjust_brightness, x[3], 0.5), atol=1e-2)


def test_colour_jitter_draws_factors_and_order_per_image_like_color_jitter():
    n = 32
    x = _random_images(n=n, h=6, w=7).float()
    out = ops.colour_jitter(x.clone(), AugmentSpec(brightness=0.8, contrast=0.8), _gen(5))
    g = _gen(5)  # the same draws, in the module's order: brightness factors, contrast factors, the order
    brightness, contrast = ops.uniform(g, n, 0.2, 1.8), ops.uniform(g, n, 0.2, 1.8)
    order = ops.uniform(g, (n, 2), 0.0, 1.0).argsort(dim=1)
    assert (order[:, 0] == 0).any() and (order[:, 0] == 1).any()  # both orders occur in the batch
    for k in range(n):
        expected = x[k] / 255
        for index in order[k].tolist():
            if index == 0:
                expected = TF.adjust_brightness(expected, float(brightness[k]))
            else:
                expected = TF.adjust_contrast(expected, float(contrast[k]))
        assert torch.allclose(out[k], expected * 255, atol=1e-2)


def test_colour_jitter_changes_images_and_is_skipped_where_it_cannot_apply():
    rgb = _random_images(n=8)
    out = augment_batch(rgb, AugmentSpec(brightness=0.5, contrast=0.5, saturation=0.5, hue=0.3), _gen())
    assert (out != rgb).flatten(1).any(dim=1).all()
    gray = _random_images(n=8, c=1)
    assert torch.equal(augment_batch(gray, AugmentSpec(saturation=0.5, hue=0.3, grayscale=1.0), _gen()), gray)
    assert not torch.equal(augment_batch(gray, AugmentSpec(brightness=0.5), _gen()), gray)


def test_grayscale_probability_one_makes_all_channels_equal():
    out = augment_batch(_random_images(n=8), AugmentSpec(grayscale=1.0), _gen())
    assert torch.equal(out[:, 0], out[:, 1]) and torch.equal(out[:, 1], out[:, 2])
    some = augment_batch(_random_images(n=64), AugmentSpec(grayscale=0.5), _gen())
    is_gray = ((some[:, 0] == some[:, 1]) & (some[:, 1] == some[:, 2])).flatten(1).all(dim=1)
    assert is_gray.any() and not is_gray.all()


def test_random_erasing_blanks_one_rectangle_per_image():
    white = torch.full((16, 3, 40, 40), 255, dtype=torch.uint8)
    out = augment_batch(white, AugmentSpec(random_erasing=1.0), _gen())
    for frame in out:
        zero = (frame == 0).all(dim=0)
        rows, cols = zero.any(dim=1).nonzero().flatten(), zero.any(dim=0).nonzero().flatten()
        assert len(rows) and len(cols)
        box = zero[rows.min() : rows.max() + 1, cols.min() : cols.max() + 1]
        assert bool(box.all()) and int(zero.sum()) == box.numel()  # one solid rectangle
        assert 0.015 <= box.numel() / 1600 <= 0.35
    assert torch.equal(augment_batch(white, AugmentSpec(random_erasing=1e-9), _gen()), white)


# --- the spec and presets --------------------------------------------------------------------------------


def test_book_preset_has_the_chapters_values():
    book = AUGMENT_PRESETS["book"]
    assert book == AugmentSpec(
        rotation_range=40,
        width_shift_range=0.2,
        height_shift_range=0.2,
        shear_range=0.2,
        zoom_range=0.2,
        horizontal_flip=True,
        fill_mode="nearest",
    )
    assert set(AUGMENT_PRESETS) == {"none", "book", "light", "strong"}
    assert AUGMENT_PRESETS["none"].is_identity()
    strong = AUGMENT_PRESETS["strong"]
    assert strong.rotation_range > book.rotation_range and strong.zoom_range > book.zoom_range
    assert strong.vertical_flip and strong.random_erasing > 0 and strong.brightness > 0
    light = AUGMENT_PRESETS["light"]
    assert light.rotation_range < book.rotation_range and light.width_shift_range < book.width_shift_range


def test_preset_name():
    for name, spec in AUGMENT_PRESETS.items():
        assert preset_name(spec) == name
        assert preset_name(AugmentSpec.from_dict(json.loads(json.dumps(spec.to_dict())))) == name
        spec.validate()
    assert preset_name(AugmentSpec(rotation_range=41)) is None
    assert preset_name(AugmentSpec(fill_mode="wrap")) == "none"


def test_to_dict_from_dict_round_trip():
    spec = AugmentSpec(
        rotation_range=12.5,
        width_shift_range=0.1,
        shear_range=3,
        horizontal_flip=True,
        fill_mode="wrap",
        hue=0.1,
        random_resized_crop=0.6,
        random_erasing=0.25,
        grayscale=0.1,
    )
    data = json.loads(json.dumps(spec.to_dict()))
    assert AugmentSpec.from_dict(data) == spec
    assert isinstance(data["shear_range"], float)
    assert AugmentSpec.from_dict({}) == AugmentSpec()


@pytest.mark.parametrize(
    "data, key",
    [
        ({"rotation": 10}, "rotation"),
        ({"rotation_range": -5}, "rotation_range"),
        ({"zoom_range": -0.1}, "zoom_range"),
        ({"zoom_range": 1.5}, "zoom_range"),
        ({"width_shift_range": "0.2"}, "width_shift_range"),
        ({"hue": 0.7}, "hue"),
        ({"random_erasing": 2}, "random_erasing"),
        ({"random_resized_crop": 1.5}, "random_resized_crop"),
        ({"brightness": float("nan")}, "brightness"),
        ({"horizontal_flip": "yes"}, "horizontal_flip"),
        ({"fill_mode": "mirror"}, "fill_mode"),
        ({"grayscale": True}, "grayscale"),
    ],
)
def test_from_dict_names_the_bad_key(data, key):
    with pytest.raises(UserError, match=key):
        AugmentSpec.from_dict(data)


def test_validate_says_what_to_do():
    with pytest.raises(UserError, match=r"shear_range.*between 0 and 60"):
        AugmentSpec(shear_range=75).validate()
    with pytest.raises(UserError, match="nearest, constant, reflect, wrap"):
        AugmentSpec(fill_mode="edge").validate()
    with pytest.raises(UserError):
        AugmentSpec.from_dict([("rotation_range", 1)])


def test_spec_errors_are_messages_with_what_the_number_means_as_a_message_too():
    with pytest.raises(UserError) as caught:
        AugmentSpec(hue=0.7).validate()
    message = caught.value.message
    assert message.id == "data.augment_out_of_range" and message.arguments["meaning"].id == "data.augment_unit_hue"
    assert str(message) == (
        "Augmentation setting 'hue' is 0.7; it is a fraction of the colour wheel and must be between 0 and 0.5. "
        "Set it in that range (0 turns it off)."
    )
    with pytest.raises(UserError) as caught:
        AugmentSpec.from_dict({"fill_mode": "mirror"})
    assert caught.value.message.id == "data.augment_bad_fill_mode"
    assert (
        str(caught.value)
        == "Augmentation setting 'fill_mode' is 'mirror'; use one of nearest, constant, reflect, wrap."
    )


# --- preview ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("shape", [(30, 40, 3), (30, 40, 1)])
def test_preview_shape_dtype_and_reproducibility(shape):
    image = np.random.default_rng(0).integers(0, 256, shape, dtype=np.uint8)
    a = preview(image, AUGMENT_PRESETS["strong"], count=5, seed=7)
    assert a.shape == (5, *shape) and a.dtype == np.uint8
    assert np.array_equal(a, preview(image, AUGMENT_PRESETS["strong"], count=5, seed=7))
    assert not np.array_equal(a, preview(image, AUGMENT_PRESETS["strong"], count=5, seed=8))
    same = preview(image, AugmentSpec(), count=3)
    assert all(np.array_equal(frame, image) for frame in same)


def test_preview_accepts_2d_and_refuses_other_images():
    image = np.zeros((12, 10), dtype=np.uint8)
    assert preview(image, BOOK, count=2).shape == (2, 12, 10, 1)
    with pytest.raises(ValueError):
        preview(image.astype(np.float32), BOOK)
    with pytest.raises(ValueError):
        preview(np.zeros((12, 10, 4), dtype=np.uint8), BOOK)
