from __future__ import annotations

import urllib.error
import urllib.request

from PySide6.QtCore import Qt

from cnnstudio.core.events import Finished
from cnnstudio.qt.resources import resource_path
from tests.helpers import make_stripes_folder


def test_a_dropped_photo_gets_the_top_five_imagenet_classes_as_bars(window, qtbot):
    dock = window.classify_dock
    dock.raise_()
    with qtbot.waitSignal(dock.classified, timeout=60_000) as done:
        dock.classify(resource_path("samples", "chelsea.jpg"))
    top = done.args[0]
    assert len(top) == 5 and top[0][0] in {"Egyptian cat", "tabby", "tiger cat"}
    assert dock.labels[0].text() == top[0][0]
    assert dock.bars[0].value() == round(top[0][1] * 1000) and dock.bars[0].value() >= dock.bars[1].value()


def test_the_bars_show_what_the_classify_function_returns(window, qtbot):
    from cnnstudio.core.jobs import drive
    from cnnstudio.core.predict import classify

    chelsea = resource_path("samples", "chelsea.jpg")
    dock = window.classify_dock
    with qtbot.waitSignal(dock.classified, timeout=60_000) as done:
        dock.classify(chelsea)
    rows = list(drive(classify([chelsea], backbone="efficientnet-lite0", top_k=5)))[-1].result[0]["top"]
    assert done.args[0] == [(row["class"], row["probability"]) for row in rows]  # what `cnnstudio predict` prints
    assert [label.text() for label in dock.labels] == [row["class"] for row in rows]


def test_another_network_clears_the_bars_and_classifies_the_image_again(window, qtbot, monkeypatch, tmp_path):
    import torch

    monkeypatch.setattr(torch.hub, "get_dir", lambda: str(tmp_path / "hub"))  # no ResNet18 weights here
    dock = window.classify_dock
    with qtbot.waitSignal(dock.classified, timeout=60_000):
        dock.classify(resource_path("samples", "chelsea.jpg"))
    assert dock.labels[0].text() and dock.bars[0].value() > 0
    with qtbot.waitSignal(dock.runner.job_ended, timeout=60_000) as ended:
        dock.source.setCurrentIndex(dock.source.findData("backbone:resnet18"))
        assert [label.text() for label in dock.labels] == [""] * 5  # the old network's bars are gone at once
        assert all(bar.value() == 0 for bar in dock.bars) and dock.last_result == []
    assert not isinstance(ended.args[0], Finished)
    assert "ResNet18 weights are not on this computer" in dock.status.text()
    assert [label.text() for label in dock.labels] == [""] * 5


def test_a_new_network_supersedes_the_classification_in_progress(window, qtbot, monkeypatch, tmp_path):
    import torch

    monkeypatch.setattr(torch.hub, "get_dir", lambda: str(tmp_path / "hub"))  # ConvNeXt fails fast: no weights
    dock = window.classify_dock
    results = []
    dock.classified.connect(results.append)
    dock.classify(resource_path("samples", "chelsea.jpg"))  # with EfficientNet-Lite0 ...
    with qtbot.waitSignal(dock.runner.job_ended, timeout=60_000):
        dock.source.setCurrentIndex(dock.source.findData("backbone:convnext_tiny"))  # ... superseded at once
    qtbot.wait(200)  # anything the superseded job still reports would arrive now
    assert results == []  # no bars of the network that is no longer chosen
    assert [label.text() for label in dock.labels] == [""] * 5


def test_enabling_the_pretrained_base_lists_its_blocks_and_sets_the_input(window, qtbot):
    panel = window.model_dock.pretrained
    panel.enabled.setChecked(True)
    config = window.session.config
    assert config.backbone == "efficientnet-lite0" and config.image_size == 224 and config.channels == 3
    qtbot.waitUntil(lambda: panel.blocks.count() > 0, timeout=30_000)
    assert panel.blocks.item(0).text().startswith("stem")
    assert window.action_train.isEnabled()  # its weights come with a package: ready offline
    assert not window.model_dock.tabs.widget(0).isEnabled()  # the layer editor is not used


def test_block_toggles_unfreeze_from_the_top_with_trainable_counts(window, qtbot):
    panel = window.model_dock.pretrained
    panel.enabled.setChecked(True)
    panel.mode.setCurrentIndex(panel.mode.findData("fine-tune"))
    qtbot.waitUntil(lambda: panel.blocks.count() > 0, timeout=30_000)
    n = panel.blocks.count()
    panel.blocks.item(n - 3).setCheckState(Qt.CheckState.Checked)
    assert window.session.config.unfreeze == 3
    checked = [panel.blocks.item(i).checkState() == Qt.CheckState.Checked for i in range(n)]
    assert checked == [False] * (n - 3) + [True] * 3
    assert "while fine-tuning" in panel.trainable_label.text()


def test_downloading_without_network_gives_the_offline_ways_on(window, qtbot, monkeypatch, tmp_path):
    import torch

    monkeypatch.setattr(torch.hub, "get_dir", lambda: str(tmp_path / "hub"))
    monkeypatch.setattr(
        urllib.request, "urlopen", lambda *a, **k: (_ for _ in ()).throw(urllib.error.URLError("no route"))
    )
    panel = window.model_dock.pretrained
    panel.enabled.setChecked(True)
    panel.backbone.setCurrentIndex(panel.backbone.findData("resnet18"))
    assert not window.action_train.isEnabled() and "weights" in window.action_train.toolTip()
    with qtbot.waitSignal(panel.downloader.job_ended, timeout=30_000):
        panel.download_button.click()
    assert "network" in panel.last_error.lower() and "Load weights file" in panel.last_error
    assert panel.error_box.isVisible()
    panel.error_box.close()
    assert not list((tmp_path / "hub").rglob("*.pth"))


def test_a_weights_file_that_does_not_fit_is_refused_with_the_keys(window, qtbot, tmp_path):
    import torch

    bad = tmp_path / "other.pth"
    torch.save({"something.weight": torch.zeros(3)}, bad)
    panel = window.model_dock.pretrained
    panel.enabled.setChecked(True)
    with qtbot.waitSignal(panel.checker.job_ended, timeout=30_000):
        panel.use_weights_file(str(bad))
    assert "something.weight" in panel.last_error
    assert window.session.config.weights_file == ""


def test_feature_extraction_runs_from_the_gui_and_the_run_classifies(window, qtbot, tmp_path):
    root = make_stripes_folder(tmp_path / "stripes", per_class=8, size=32)
    with qtbot.waitSignal(window.session.dataset_changed, timeout=20_000):
        window.open_dataset(str(root))
    panel = window.model_dock.pretrained
    panel.enabled.setChecked(True)
    panel.cached.setChecked(True)
    window.session.update_config(image_size=32, epochs=2, threads=1)
    with qtbot.waitSignal(window.session.trainer.job_ended, timeout=120_000) as ended:
        window.action_train.trigger()
    assert isinstance(ended.args[0], Finished), ended.args[0]
    dock = window.classify_dock
    assert dock.source.currentData().startswith("run:")
    with qtbot.waitSignal(dock.classified, timeout=60_000) as done:
        dock.classify(str(next((root / "horizontal").iterdir())))
    assert {name for name, _ in done.args[0]} == {"horizontal", "vertical"}


def test_fine_tuning_can_start_from_an_earlier_run(window, qtbot, tmp_path):
    panel = window.model_dock.pretrained
    panel.enabled.setChecked(True)
    panel.mode.setCurrentIndex(panel.mode.findData("fine-tune"))
    assert panel.init_button.isEnabled()
    panel.set_init_from(str(tmp_path / "earlier-run"))
    assert window.session.config.init_from == str(tmp_path / "earlier-run")
    assert panel.init_from.text() == str(tmp_path / "earlier-run")
    panel.mode.setCurrentIndex(panel.mode.findData("feature-extraction"))
    assert window.session.config.init_from == ""  # only fine-tuning starts from a run


def test_the_summary_tab_shows_the_pretrained_base_block_by_block(window, qtbot):
    panel = window.model_dock.pretrained
    with qtbot.waitSignal(panel.summary_ready, timeout=60_000):
        panel.enabled.setChecked(True)
    table = window.model_dock.table
    assert table.rowCount() == len(panel.summary.rows) and table.item(0, 0).text().startswith("stem")
    assert table.item(table.rowCount() - 2, 3).text() == "851×851"  # EfficientNet's head sees 851 px
