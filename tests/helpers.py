"""Small seeded datasets for tests: real image files, tiny and fast to train on."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import numpy as np
from PIL import Image


def make_stripes_folder(root: Path, per_class: int = 24, size: int = 24, seed: int = 0) -> Path:
    """Two classes a convnet learns in a few steps: horizontal vs vertical stripes, with noise."""
    rng = np.random.default_rng(seed)
    for name in ("horizontal", "vertical"):
        folder = root / name
        folder.mkdir(parents=True, exist_ok=True)
        for i in range(per_class):
            period = int(rng.integers(3, 7))
            phase = int(rng.integers(0, period))
            line = ((np.arange(size) + phase) % period < period // 2).astype(np.float32)
            image = np.tile(line[:, None], (1, size)) if name == "horizontal" else np.tile(line[None, :], (size, 1))
            image = image * 0.7 + rng.random((size, size)) * 0.3
            rgb = (np.stack([image] * 3, axis=-1) * 255).astype(np.uint8)
            Image.fromarray(rgb).save(folder / f"{name}_{i:03d}.png")
    return root


def write_model_run(
    path: Path,
    preset: str = "small-convnet",
    *,
    class_names: tuple[str, ...] = ("cats", "dogs"),
    image_size: int = 64,
    channels: int = 3,
    seed: int = 0,
) -> Path:
    """A finished-looking run folder (config.json + best weights) of a from-scratch preset, seeded random weights.

    Enough for everything that reads a run (prediction, the visualisations) without training one.
    """
    import json

    import torch

    from cnnstudio.core.models import build_model, preset_spec
    from cnnstudio.core.runs import BEST, RunFolder

    spec = preset_spec(preset, num_classes=len(class_names), image_size=image_size, channels=channels)
    config = {
        "class_names": list(class_names),
        "preprocessing": {
            "image_size": [image_size, image_size],
            "channels": channels,
            "mean": [0.0] * channels,
            "std": [1.0] * channels,
        },
        "model": spec.to_dict(),
    }
    folder = RunFolder.create(path)
    (folder.path / "config.json").write_text(json.dumps(config), encoding="utf-8")
    torch.manual_seed(seed)
    folder.save_weights(BEST, build_model(spec).state_dict())
    folder.release()
    return folder.path


def write_transfer_run(
    path: Path,
    backbone: str = "efficientnet-lite0",
    *,
    class_names: tuple[str, ...] = ("cats", "dogs"),
    image_size: int = 64,
    head_units: int = 16,
    seed: int = 0,
) -> Path:
    """A run folder of a pretrained base (random weights: no download) with a new head, as transfer learning writes it."""
    import json

    import torch

    from cnnstudio.core.pretrained import IMAGENET_MEAN, IMAGENET_STD, load_backbone
    from cnnstudio.core.runs import BEST, RunFolder
    from cnnstudio.core.training import Head, TransferModel

    torch.manual_seed(seed)
    base = load_backbone(backbone, pretrained=False)
    model = TransferModel(base, Head(base.feature_dim, len(class_names), units=head_units, dropout=0.5))
    config = {
        "class_names": list(class_names),
        "preprocessing": {
            "image_size": [image_size, image_size],
            "channels": 3,
            "mean": list(IMAGENET_MEAN),
            "std": list(IMAGENET_STD),
        },
        "transfer": {"backbone": backbone, "head_units": head_units, "head_dropout": 0.5},
    }
    folder = RunFolder.create(path)
    (folder.path / "config.json").write_text(json.dumps(config), encoding="utf-8")
    folder.save_weights(BEST, model.state_dict())
    folder.release()
    return folder.path


def count_decodes(monkeypatch) -> Counter:
    """A Counter of pixel decodes per file name from now on (Pillow's ImageFile.load with tiles still to
    decode), with scans decoding in this process (no worker processes, which the counter cannot see)."""
    from PIL import ImageFile

    counts: Counter[str] = Counter()
    original = ImageFile.ImageFile.load

    def counting(self):
        if self.tile:
            counts[Path(str(getattr(self.fp, "name", "") or self.filename)).name] += 1
        return original(self)

    monkeypatch.setattr(ImageFile.ImageFile, "load", counting)
    monkeypatch.setenv("CNNSTUDIO_DECODE_WORKERS", "0")
    return counts


def add_best_and_last(
    run_dir: Path,
    *,
    best_epoch: int = 2,
    last_epoch: int = 4,
    monitor: str = "val_loss",
    preset: str = "small-convnet",
    class_names: tuple[str, ...] = ("cats", "dogs"),
    image_size: int = 64,
    seed: int = 1,
) -> Path:
    """Turn a `write_model_run` folder into a trained-looking one: its weights become best.safetensors of
    `best_epoch`, other seeded weights last.safetensors of `last_epoch`, with status.json and a history
    (validation loss 1/epoch, accuracy epoch/10)."""
    import json

    import torch

    from cnnstudio.core.models import build_model, preset_spec
    from cnnstudio.core.runs import BEST, LAST, RunFolder

    folder = RunFolder(run_dir)
    folder.save_weights(BEST, folder.load_weights(BEST), {"epoch": str(best_epoch)})
    spec = preset_spec(preset, num_classes=len(class_names), image_size=image_size, channels=3)
    torch.manual_seed(seed)
    folder.save_weights(LAST, build_model(spec).state_dict(), {"epoch": str(last_epoch)})
    rows = [{"epoch": e, "val_loss": 1.0 / e, "val_accuracy": e / 10} for e in range(1, last_epoch + 1)]
    (folder.path / "history.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    status = {"status": "finished", "epochs_completed": last_epoch, "best_epoch": best_epoch, "monitor": monitor}
    (folder.path / "status.json").write_text(json.dumps(status), encoding="utf-8")
    return folder.path
