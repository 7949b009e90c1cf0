"""The training form: its settings reach the config the session trains with; only relevant rows show."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt

from cnnstudio.core.events import Finished
from cnnstudio.core.training import TrainConfig, available_devices
from tests.helpers import make_stripes_folder


def _choose(combo, data) -> None:
    index = combo.findData(data)
    assert index >= 0, data
    combo.setCurrentIndex(index)


def test_the_more_settings_fold_open_and_show_only_what_the_choices_use(window, qtbot):
    dock = window.training_dock
    assert not dock.more.isVisible()
    qtbot.mouseClick(dock.more_button, Qt.MouseButton.LeftButton)
    assert dock.more.isVisible()
    assert [dock.optimizer.itemData(i) for i in range(dock.optimizer.count())] == ["rmsprop", "adam", "adamw", "sgd"]
    assert [dock.device.itemData(i) for i in range(dock.device.count())] == ["auto", *available_devices()]
    _choose(dock.optimizer, "adam")
    _choose(dock.schedule, "constant")
    assert not dock.momentum.isVisible() and not dock.step_size.isVisible() and not dock.plateau_factor.isVisible()
    _choose(dock.optimizer, "sgd")
    _choose(dock.schedule, "step")
    assert dock.momentum.isVisible() and dock.step_size.isVisible() and dock.gamma.isVisible()
    assert not dock.plateau_patience.isVisible()
    _choose(dock.schedule, "plateau")
    assert dock.plateau_factor.isVisible() and dock.plateau_patience.isVisible() and not dock.gamma.isVisible()
    for widget in dock._more_inputs:
        assert widget.toolTip(), widget.objectName()


def test_the_forms_values_reach_the_config_and_the_run_trains_with_them(window, qtbot, tmp_path):
    root = make_stripes_folder(tmp_path / "stripes", per_class=8)
    with qtbot.waitSignal(window.session.dataset_changed, timeout=20_000):
        window.open_dataset(str(root))
    window.session.update_config(model="seed-separable", image_size=24, batch_size=8)
    dock = window.training_dock
    dock.runs_root_changed.emit(str(tmp_path / "runs"))
    _choose(dock.optimizer, "adamw")
    dock.learning_rate.setValue(0.002)
    dock.epochs.setValue(3)
    dock.weight_decay.setValue(0.01)
    _choose(dock.schedule, "step")
    dock.step_size.setValue(1)
    dock.gamma.setValue(0.5)
    _choose(dock.monitor, "val_accuracy")
    dock.patience.setValue(4)
    dock.restore_best.setChecked(True)
    _choose(dock.device, "cpu")
    dock.threads.setValue(1)
    dock.cache_mb.setValue(64)
    config = window.session.config
    expected = dict(optimizer="adamw", learning_rate=0.002, epochs=3, weight_decay=0.01, schedule="step", step_size=1,
                    gamma=0.5, monitor="val_accuracy", early_stopping_patience=4, restore_best=True, device="cpu",
                    threads=1, cache_mb=64)  # fmt: skip
    assert {key: getattr(config, key) for key in expected} == expected
    config.validate()

    with qtbot.waitSignal(window.session.trainer.job_ended, timeout=60_000) as ended:
        window.action_train.trigger()
    assert isinstance(ended.args[0], Finished), ended.args[0]
    run_dir = Path(window.session.current_run_dir)
    training = json.loads((run_dir / "config.json").read_text())["training"]
    assert {key: training[key] for key in expected} == expected
    rows = [json.loads(line) for line in (run_dir / "history.jsonl").read_text().splitlines()]
    assert [row["lr"] for row in rows] == [0.002, 0.001, 0.0005]


def test_a_config_shown_in_the_form_comes_back_unchanged(window, qtbot):
    dock = window.training_dock
    shown = TrainConfig(optimizer="sgd", momentum=0.8, weight_decay=0.001, schedule="plateau", plateau_factor=0.2,
                        plateau_patience=3, monitor="val_accuracy", early_stopping_patience=6, restore_best=True,
                        device="cpu", threads=2, step_size=4, gamma=0.3, cache_mb=512)  # fmt: skip
    with qtbot.assertNotEmitted(dock.changed):
        dock.show_config(shown)
    settings = dock.settings()
    assert TrainConfig(**{**vars(TrainConfig()), **settings}) == TrainConfig(
        **{**vars(TrainConfig()), **{key: getattr(shown, key) for key in settings}}
    )
    assert settings["plateau_factor"] == 0.2 and settings["momentum"] == 0.8 and settings["threads"] == 2
    assert settings["cache_mb"] == 512 and dock.cache_mb.text() == "512 MB"
    dock.cache_mb.setValue(0)
    assert dock.cache_mb.text() == "Auto" and dock.settings()["cache_mb"] == 0
