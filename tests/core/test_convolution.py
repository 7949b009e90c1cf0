"""The convolution explainer computes exactly what torch's conv2d and pooling compute, and says why."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from cnnstudio.core.visualize import (
    KERNEL_PRESETS,
    ConvolutionError,
    convolve,
    explain_cell,
    first_layer_kernel,
    image_crop,
    open_subject,
    output_formula,
    output_size,
    padding_amounts,
    pool,
    preset_kernel,
    receptive_window,
    sample_image,
)
from tests.helpers import write_model_run

CASES = list(itertools.product(("valid", "same"), (1, 2, 3), (3, 5), (13, 14)))


def _reference(image: np.ndarray, kernel: np.ndarray, padding: str, stride: int) -> np.ndarray:
    """torch's conv2d, with "same" as TensorFlow pads it (explicit, possibly asymmetric, F.pad)."""
    x = torch.tensor(image)[None, None]
    if padding == "same":
        k = kernel.shape[0]
        out = [-(-n // stride) for n in image.shape]
        total = [max((o - 1) * stride + k - n, 0) for o, n in zip(out, image.shape, strict=True)]
        # F.pad takes (left, right, top, bottom); TensorFlow puts the odd cell after.
        x = F.pad(x, (total[1] // 2, total[1] - total[1] // 2, total[0] // 2, total[0] - total[0] // 2))
    return F.conv2d(x, torch.tensor(kernel)[None, None], stride=stride)[0, 0].numpy()


@pytest.mark.parametrize(("padding", "stride", "k", "n"), CASES)
def test_convolve_equals_torch_conv2d_and_output_size_its_shape(padding, stride, k, n):
    rng = np.random.default_rng(n * 10 + k + stride)
    image = rng.normal(size=(n, n + 1))  # odd and even sides at once
    kernel = rng.normal(size=(k, k))
    expected = _reference(image, kernel, padding, stride)
    got = convolve(image, kernel, padding, stride)
    assert got.shape == expected.shape
    np.testing.assert_allclose(got, expected, rtol=1e-12, atol=1e-12)
    assert expected.shape == (output_size(n, k, padding, stride), output_size(n + 1, k, padding, stride))
    if padding == "same":
        assert expected.shape == (-(-n // stride), -(-(n + 1) // stride))  # Keras' "same"


def test_same_padding_with_stride_1_and_odd_kernel_is_torchs_own_same():
    rng = np.random.default_rng(1)
    image, kernel = rng.normal(size=(9, 12)), rng.normal(size=(5, 5))
    expected = F.conv2d(torch.tensor(image)[None, None], torch.tensor(kernel)[None, None], padding="same")
    np.testing.assert_allclose(convolve(image, kernel, "same", 1), expected[0, 0].numpy(), atol=1e-12)


def test_same_padding_puts_the_odd_cell_after_as_tensorflow_does():
    assert padding_amounts(28, 3, "same", 2) == (0, 1)
    assert padding_amounts(28, 3, "same", 1) == (1, 1)
    assert padding_amounts(28, 4, "same", 1) == (1, 2)
    assert padding_amounts(27, 5, "same", 3) == (1, 1)
    assert padding_amounts(28, 5, "valid", 3) == (0, 0)


def test_the_formula_shows_the_current_numbers():
    assert output_formula(28, 3, "valid", 1) == "⌊(28 − 3 + 2·0) / 1⌋ + 1 = 26"
    assert output_formula(28, 3, "valid", 2) == "⌊(28 − 3 + 2·0) / 2⌋ + 1 = 13"
    assert output_formula(28, 3, "same", 1).startswith("⌊(28 − 3 + 2·1) / 1⌋ + 1 = 28")
    assert output_formula(28, 3, "same", 2).startswith("⌊(28 − 3 + 0 + 1) / 2⌋ + 1 = 14")


@pytest.mark.parametrize(("padding", "stride", "k", "n"), CASES[::3])
def test_every_output_value_is_the_kernel_times_its_receptive_window(padding, stride, k, n):
    rng = np.random.default_rng(7)
    image, kernel = rng.normal(size=(n, n)), rng.normal(size=(k, k))
    out = convolve(image, kernel, padding, stride)
    padded = np.pad(image, [padding_amounts(n, k, padding, stride)] * 2)
    top = padding_amounts(n, k, padding, stride)[0]
    for row, col in itertools.product(range(out.shape[0]), range(out.shape[1])):
        window = receptive_window(row, col, k, padding, stride, image.shape)
        assert (window.row1 - window.row0, window.col1 - window.col0) == (k, k)
        cells = padded[window.row0 + top : window.row1 + top, window.col0 + top : window.col1 + top]
        assert cells.shape == (k, k)  # always inside the padded input
        np.testing.assert_allclose(window.values(image), cells)
        assert out[row, col] == pytest.approx(float((kernel * cells).sum()), abs=1e-12)
        assert explain_cell(image, kernel, padding, stride, row, col).total == pytest.approx(out[row, col], abs=1e-12)
    with pytest.raises(ValueError):
        receptive_window(out.shape[0], 0, k, padding, stride, image.shape)


def test_the_window_says_which_cells_are_padding():
    window = receptive_window(0, 0, 3, "same", 1, (5, 5))
    assert (window.row0, window.col0, window.row1, window.col1) == (-1, -1, 2, 2)
    assert window.inside == (0, 0, 2, 2)
    expected = np.array([[1, 1, 1], [1, 0, 0], [1, 0, 0]], dtype=bool)
    np.testing.assert_array_equal(window.padding_mask, expected)
    last = receptive_window(2, 2, 3, "same", 2, (6, 6))  # TensorFlow: pad (0, 1), the last window hangs over
    assert (last.row0, last.row1) == (4, 7)
    np.testing.assert_array_equal(last.padding_mask[:, 0], [False, False, True])
    assert not receptive_window(1, 1, 3, "valid", 1, (5, 5)).padding_mask.any()


@pytest.mark.parametrize("shape", [(8, 8), (7, 9), (26, 26), (13, 13)])
def test_pooling_equals_torchs_max_and_average_pooling(shape):
    values = np.random.default_rng(3).normal(size=shape)
    x = torch.tensor(values)[None, None]
    np.testing.assert_allclose(pool(values, "max"), F.max_pool2d(x, 2)[0, 0].numpy())
    np.testing.assert_allclose(pool(values, "avg"), F.avg_pool2d(x, 2)[0, 0].numpy(), atol=1e-12)


def test_presets_do_what_their_names_say():
    image = sample_image("digit")
    np.testing.assert_allclose(convolve(image, preset_kernel("identity"), "same"), image)
    for size in (3, 5):
        for name in KERNEL_PRESETS:
            kernel = preset_kernel(name, size)
            assert kernel.shape == (size, size)
        for name in ("box_blur", "gaussian_blur", "sharpen", "identity"):
            assert preset_kernel(name, size).sum() == pytest.approx(1.0)  # keeps flat areas as they are
        for name in ("edge", "sobel_x", "sobel_y"):
            assert preset_kernel(name, size).sum() == pytest.approx(0.0)  # flat areas give 0
    ramp = np.tile(np.arange(10.0), (10, 1))  # brighter to the right
    assert (convolve(ramp, preset_kernel("sobel_x"), "valid") > 0).all()
    assert np.allclose(convolve(ramp, preset_kernel("sobel_y"), "valid"), 0)


def test_inputs_are_small_grey_images_in_unit_range(tmp_path):
    for name in ("digit", "cat"):
        image = sample_image(name)
        assert image.shape == (28, 28) and 0 <= image.min() < image.max() <= 1
    from PIL import Image

    photo = np.zeros((40, 80, 3), dtype=np.uint8)
    photo[:, 40:] = 255  # the centre square is half black, half white
    Image.fromarray(photo).save(tmp_path / "p.png")
    crop = image_crop(tmp_path / "p.png", 16)
    assert crop.shape == (16, 16)
    assert crop[:, :6].max() < 0.05 and crop[:, 10:].min() > 0.95


def test_a_kernel_too_big_for_the_image_is_a_user_error():
    with pytest.raises(ConvolutionError) as caught:
        convolve(np.zeros((4, 4)), np.zeros((5, 5)), "valid")
    assert caught.value.message.id == "convolution.kernel_too_big"
    assert convolve(np.zeros((4, 4)), np.zeros((5, 5)), "same").shape == (4, 4)


def test_a_first_layer_kernel_is_the_runs_own_conv_weight(tmp_path):
    run = write_model_run(tmp_path / "run", "mnist-convnet", image_size=28, channels=1, seed=3)
    subject = open_subject(run_dir=run)
    conv = next(m for m in subject.model.modules() if isinstance(m, torch.nn.Conv2d))
    weight = conv.weight.detach().double().numpy()
    loaded = first_layer_kernel(subject, 5)
    assert loaded.filters == weight.shape[0] and loaded.channels == 1 and loaded.index == 5
    np.testing.assert_allclose(loaded.kernel, weight[5, 0])
    assert all(p.requires_grad for p in subject.model.parameters())  # `using` restored them
    with pytest.raises(ConvolutionError):
        first_layer_kernel(subject, weight.shape[0])

    rgb = open_subject(run_dir=write_model_run(tmp_path / "rgb", "tinyvgg", image_size=32, seed=1))
    conv = next(m for m in rgb.model.modules() if isinstance(m, torch.nn.Conv2d))
    weight = conv.weight.detach().double().numpy()
    np.testing.assert_allclose(first_layer_kernel(rgb, 2).kernel, weight[2].mean(axis=0))
    np.testing.assert_allclose(first_layer_kernel(rgb, 2, channel=1).kernel, weight[2, 1])
    with pytest.raises(ConvolutionError):
        first_layer_kernel(rgb, 0, channel=3)
