"""Small seeded datasets for tests: real image files, tiny and fast to train on."""

from __future__ import annotations

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
