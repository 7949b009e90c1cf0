"""The chapter's ladder: four configurations built on the user's own."""

from __future__ import annotations

import pytest

from cnnstudio.core.data import AUGMENT_PRESETS
from cnnstudio.core.training import TrainConfig
from cnnstudio.core.training.ladder import LADDER_STEPS, ladder_config


def test_the_four_steps_keep_the_users_settings_and_change_only_the_lesson():
    base = TrainConfig(epochs=7, batch_size=16, image_size=48, optimizer="rmsprop", learning_rate=3e-4, seed=5)
    configs = [ladder_config(step, base, ["a", "b", "c"][:step]) for step in range(len(LADDER_STEPS))]
    for config in configs:
        assert (config.epochs, config.batch_size, config.image_size, config.optimizer, config.seed) == (
            7,
            16,
            48,
            "rmsprop",
            5,
        )
        config.validate()
    scratch, augmented, features, tuned = configs
    assert not scratch.backbone and not scratch.augment and not scratch.dropout
    assert augmented.augment == AUGMENT_PRESETS["book"].to_dict() and augmented.dropout and not augmented.backbone
    assert (
        features.backbone == "efficientnet-lite0" and features.mode == "feature-extraction" and features.cached_features
    )
    assert tuned.mode == "fine-tune" and tuned.init_from == "c" and tuned.unfreeze == 1 and not tuned.cached_features
    assert base == TrainConfig(epochs=7, batch_size=16, image_size=48, optimizer="rmsprop", learning_rate=3e-4, seed=5)


def test_fine_tuning_needs_the_feature_extraction_run_and_steps_are_bounded():
    with pytest.raises(ValueError):
        ladder_config(3, TrainConfig(), ["a", "b"])
    with pytest.raises(ValueError):
        ladder_config(4, TrainConfig())
