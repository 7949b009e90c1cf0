from __future__ import annotations

import pytest
import torch

from cnnstudio.core.errors import ModelSpecError
from cnnstudio.core.models.layers import Conv2D, SeparableConv2d, same_padding
from cnnstudio.core.models.spec import ModelSpec, build_model, check_spec, preset_spec
from cnnstudio.core.models.summary import summarize, summarize_spec


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
        "SeparableConv2D",
        "MaxPooling2D",
        "SeparableConv2D",
        "MaxPooling2D",
        "SeparableConv2D",
        "GlobalAveragePooling2D",
        "Dense",
        "Dense",
    ]
    assert summary.rows[-1].output_shape == (5,)
    assert summary.total_params == 155 + 2400 + 8896 + 4128 + (32 * 5 + 5)
    model = build_model(spec)
    assert model(torch.zeros(2, 3, 64, 64)).shape == (2, 5)


@pytest.mark.parametrize(
    "size,kernel,stride,expected", [(7, 3, 2, (1, 1)), (8, 3, 2, (0, 1)), (5, 3, 1, (1, 1)), (6, 1, 2, (0, 0))]
)
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
    spec = ModelSpec(
        "bad", (3, 16, 16), [{"type": "Conv2D", "filters": 4}, {"type": "Dense", "units": 2, "activation": "softmax"}]
    )
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
    model = torch.nn.Sequential(
        torch.nn.Conv2d(3, 8, 3), torch.nn.BatchNorm2d(8), torch.nn.Flatten(), torch.nn.Linear(8 * 6 * 6, 2)
    )
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


def test_the_books_mnist_convnet_has_93322_parameters():
    spec = preset_spec("mnist-convnet", num_classes=10, image_size=28, channels=1, sigmoid_for_two=False)
    assert summarize_spec(spec).total_params == 93_322
    assert n_params(build_model(spec)) == 93_322


def test_tinyvgg_matches_cnn_explainer():
    spec = preset_spec("tinyvgg", num_classes=10, image_size=64)
    summary = summarize_spec(spec)
    assert summary.total_params == 19_920
    assert summary.rows[-2].output_shape == (1690,)


def test_receptive_field_and_multiply_adds_follow_the_arithmetic():
    summary = summarize_spec(preset_spec("mnist-convnet", num_classes=10, image_size=28, channels=1))
    assert [r.receptive_field for r in summary.rows[:5]] == [3, 4, 8, 10, 18]
    assert summary.rows[0].macs == 26 * 26 * 9 * 32
    assert summary.rows[-1].macs == 64 * 10
    assert summary.total_macs == sum(r.macs for r in summary.rows)


def test_batchnormalization_counts_like_keras_and_trains_on_running_statistics():
    spec = ModelSpec(
        "bn",
        (3, 16, 16),
        [
            {"type": "Conv2D", "filters": 8},
            {"type": "BatchNormalization"},
            {"type": "Flatten"},
            {"type": "Dense", "units": 16},
            {"type": "BatchNormalization"},
            {"type": "Dense", "units": 3, "activation": "softmax"},
        ],
    )
    summary = summarize_spec(spec)
    assert summary.rows[1].params == 32 and summary.rows[4].params == 64
    assert summary.non_trainable_params == 16 + 32  # the moving means and variances
    model = build_model(spec)
    model(torch.rand(4, 3, 16, 16))  # BatchNorm1d after Dense works on (N, features)


def test_custom_stacks_get_an_output_layer_that_fits_the_classes():
    hidden = [{"type": "Conv2D", "filters": 4}, {"type": "GlobalAveragePooling2D"}]
    spec = preset_spec("custom", num_classes=5, image_size=16, layers=hidden)
    assert spec.layers[-1] == {"type": "Dense", "units": 5, "activation": "softmax"}
    assert build_model(spec)(torch.rand(2, 3, 16, 16)).shape == (2, 5)


def test_model_files_round_trip_and_refuse_what_is_not_a_model(tmp_path):
    spec = preset_spec("tinyvgg", num_classes=3, image_size=32)
    spec.save(tmp_path / "m.json")
    assert ModelSpec.load(tmp_path / "m.json").to_dict() == spec.to_dict()
    (tmp_path / "bad.json").write_text("[1, 2]")
    with pytest.raises(ModelSpecError, match="not a cnnstudio model"):
        ModelSpec.load(tmp_path / "bad.json")
    (tmp_path / "broken.json").write_text('{"input_shape": [3, 8, 8], "layers": [{"type": "Dense", "units": 2}]}')
    with pytest.raises(ModelSpecError, match="Flatten"):
        ModelSpec.load(tmp_path / "broken.json")


@pytest.mark.parametrize("name,block,field", [("vgg16", "block5", 212), ("resnet18", "layer4", 435)])
def test_backbone_summaries_trace_the_published_receptive_fields(name, block, field):
    from cnnstudio.core.models.summary import summarize_backbone
    from cnnstudio.core.pretrained import load_backbone

    summary = summarize_backbone(load_backbone(name, pretrained=False), 64)
    rows = {r.name: r for r in summary.rows}
    assert rows[block].receptive_field == field  # VGG16 pool5 212 px, ResNet-18 435 px (Araujo et al., Distill 2019)
    assert rows["global_average_pooling"].receptive_field is None
    assert summary.total_macs > 0 and summary.total_params == sum(r.params for r in summary.rows)
