"""The chapter's ladder: four runs on one dataset that tell the story of chapter 5.

1. a small convnet trained from scratch (it overfits);
2. the same with data augmentation and dropout (the cure);
3. a pretrained convnet's features with a new classifier on top (feature extraction, on cached features);
4. that classifier, fine-tuned together with the base's top block (fine-tuning, from run 3's best weights).

`ladder_config` gives each step's training configuration from the user's own (epochs, batch size,
image size, optimizer, learning rate and seed are kept, so the four runs are comparable); the GUI's
"Reproduce the chapter" runs them one after another and then compares them in the Runs dock.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from ..data import AUGMENT_PRESETS
from ..pretrained import DEFAULT_BACKBONE
from .config import TrainConfig

__all__ = ["LADDER_STEPS", "ladder_config"]

LADDER_STEPS: tuple[str, ...] = ("scratch", "augmentation", "feature-extraction", "fine-tuning")
"""The steps, in order; also the run folders' labels (``chapter-1-scratch`` ...)."""


def ladder_config(step: int, base: TrainConfig, previous: Sequence[str] = ()) -> TrainConfig:
    """The configuration of ladder step `step` (0-3) built on `base`; `previous` holds the run folders of the steps before.

    Step 3 (fine-tuning) starts from step 2's run (feature extraction), so it needs that folder.
    """
    if not 0 <= step < len(LADDER_STEPS):
        raise ValueError(f"step must be 0 to {len(LADDER_STEPS) - 1}, not {step}")
    scratch = dict(backbone="", init_from="", cached_features=False)
    if step == 0:
        return dataclasses.replace(base, augment={}, dropout=False, **scratch)
    if step == 1:
        return dataclasses.replace(base, augment=AUGMENT_PRESETS["book"].to_dict(), dropout=True, **scratch)
    transfer = dict(backbone=base.backbone or DEFAULT_BACKBONE, weights_file=base.weights_file if base.backbone else "")
    if step == 2:
        return dataclasses.replace(
            base, augment={}, mode="feature-extraction", cached_features=True, init_from="", **transfer
        )
    if len(previous) < 3:
        raise ValueError("fine-tuning starts from the feature-extraction run: give the three runs before it")
    return dataclasses.replace(
        base,
        augment=AUGMENT_PRESETS["book"].to_dict(),
        mode="fine-tune",
        cached_features=False,
        init_from=str(previous[2]),
        unfreeze=1,
        **transfer,
    )
