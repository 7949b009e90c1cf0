from __future__ import annotations

import pytest
import torch

from cnnstudio.core.errors import ModelSpecError
from cnnstudio.core.layers import Conv2D, SeparableConv2d, same_padding
from cnnstudio.core.models import ModelSpec, build_model, check_spec, preset_spec
from cnnstudio.core.summary import summarize, summarize_spec


def n_params(module: torch.nn.Module) -> int:
    return sum(p.numel() for p in module.parameters())


def test_book_small_convnet_at_150px_with_sigmoid_has_kerass_3453121_parameters():
    spec = preset_spec("small-convnet", num_classes=2, image_size=150)
    assert n_params(build_model(spec)) == 3_453_121
    assert summarize_spec(spec).total_params == 3_453_121


def test_small_convnet_with_dropout_keeps_the_parameter_count_and_adds_a_dropout_layer():
    spec = preset_spec("small-convnet", num_classes=2, image_size=150, dropout=True)
    assert n_params(build_model(spec)) == 3_453_121
    assert [layer["type"] for layer in spec.layers].count("Dropout") == 1


@pytest.mark.parametrize("in_ch,filters,k", [(3, 32, 3), (32, 64, 3), (64, 128, 5)])
def test_separable_conv_counts_parameters_like_keras(in_ch, filters, k):
    layer = SeparableConv2d(in_ch, filters, k)
    # Keras SeparableConv2D (depth multiplier 1): depthwise k*k*in (no bias) + pointwise in*filters + bias.
    assert n_params(layer) == k * k * in_ch + in_ch * filters + filters
    assert layer.depthwise.bias is None and layer.pointwise.bias is not None


def test_separable_conv_is_depthwise_then_pointwise():
    torch.manual_seed(0)
    layer = SeparableConv2d(3, 4, 3)
    x = torch.randn(2, 3, 9, 9)
    depthwise = torch.nn.functional.conv2d(x, layer.depthwise.weight, groups=3)
    expected = torch.nn.functional.conv2d(depthwise, layer.pointwise.weight, layer.pointwise.bias)
    torch.testing.assert_close(layer(x), expected)


def test_seed_separable_preset_matches_the_slides_network():
    spec = preset_spec("seed-separable", num_classes=5, image_size=64)
    summary = summarize_spec(spec)
    assert [r.type for r in summary.rows] == [
        "SeparableConv2D", "MaxPooling2D", "SeparableConv2D", "MaxPooling2D",
        "SeparableConv2D", "GlobalAveragePooling2D", "Dense", "Dense",
    ]
    assert summary.rows[-1].output_shape == (5,)
    assert summary.total_params == 155 + 2400 + 8896 + 4128 + (32 * 5 + 5)
    model = build_model(spec)
    assert model(torch.zeros(2, 3, 64, 64)).shape == (2, 5)


@pytest.mark.parametrize("size,kernel,stride,expected", [(7, 3, 2, (1, 1)), (8, 3, 2, (0, 1)), (5, 3, 1, (1, 1)), (6, 1, 2, (0, 0))])
def test_same_padding_follows_tensorflow(size, kernel, stride, expected):
    assert same_padding(size, kernel, stride) == expected


def test_same_padding_conv_keeps_ceil_of_size_over_stride():
    layer = Conv2D(3, 8, 3, strides=2, padding="same")
    assert layer(torch.zeros(1, 3, 7, 8)).shape == (1, 8, 4, 4)


def test_spatial_size_reaching_zero_names_the_failing_row():
    spec = preset_spec("small-convnet", num_classes=3, image_size=32)
    with pytest.raises(ModelSpecError) as info:
        check_spec(spec)
    assert info.value.layer_index == 6  # the fourth convolution gets a 2×2 input
    assert "image size" in str(info.value)


def test_dense_on_feature_maps_is_refused_with_the_fix():
    spec = ModelSpec("bad", (3, 16, 16), [{"type": "Conv2D", "filters": 4}, {"type": "Dense", "units": 2, "activation": "softmax"}])
    with pytest.raises(ModelSpecError, match="Flatten") as info:
        check_spec(spec)
    assert info.value.layer_index == 1


def test_spec_round_trips_through_json_and_rebuilds_the_same_weights():
    spec = preset_spec("seed-separable", num_classes=3, image_size=32)
    again = ModelSpec.from_dict(spec.to_dict())
    a, b = build_model(spec), build_model(again)
    b.load_state_dict(a.state_dict(), strict=True)
    x = torch.rand(1, 3, 32, 32)
    torch.testing.assert_close(a.eval()(x), b.eval()(x))


def test_summary_counts_batchnorm_statistics_as_non_trainable_like_keras():
    model = torch.nn.Sequential(torch.nn.Conv2d(3, 8, 3), torch.nn.BatchNorm2d(8), torch.nn.Flatten(), torch.nn.Linear(8 * 6 * 6, 2))
    model[0].weight.requires_grad_(False)
    summary = summarize(model, (3, 8, 8))
    # conv 224 (weight 216 frozen) + BN gamma/beta 16 + moving mean/var 16 + dense 578
    assert summary.total_params == 224 + 16 + 16 + 578
    assert summary.trainable_params == 8 + 16 + 578
    assert summary.rows[1].output_shape == (8, 6, 6)
    assert summary.to_dict()["layers"][1]["output_shape"] == [None, 6, 6, 8]


def test_two_class_sigmoid_head_gives_two_probabilities_that_sum_to_one():
    model = build_model(preset_spec("seed-separable", num_classes=2, image_size=32))
    logits = model(torch.rand(4, 3, 32, 32))
    assert logits.shape == (4, 1)
    probs = model.probabilities(logits)
    torch.testing.assert_close(probs.sum(1), torch.ones(4))
