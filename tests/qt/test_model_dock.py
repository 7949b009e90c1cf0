from __future__ import annotations

from PySide6.QtWidgets import QSpinBox

from cnnstudio.core.models.spec import ModelSpec


def rows(dock) -> list[str]:
    return [dock.stack.layer_list.item(i).text() for i in range(dock.stack.layer_list.count())]


def test_the_summary_follows_the_edits_once_they_pause_computed_in_the_background(window, qtbot):
    dock = window.model_dock
    dock.preset.setCurrentIndex(dock.preset.findData("seed-separable"))
    started = []
    dock.summarizer.job_started.connect(started.append)
    with qtbot.waitSignal(dock.summary_shown, timeout=10_000):
        for size in (40, 36, 32):  # three ticks of the spin box in a row
            dock.image_size.setValue(size)
        assert not started  # nothing is built while the user is still typing
    assert started == ["model-summary"]  # once, for the last value
    assert dock.table.item(0, 1).text() == "(None, 30, 30, 32)"


def test_every_layer_row_shows_its_output_shape_and_parameters(window):
    dock = window.model_dock
    dock.preset.setCurrentIndex(dock.preset.findData("mnist-convnet"))
    texts = rows(dock)
    assert len(texts) == 8
    assert "(None, 62, 62, 32)" in texts[0] and "896" in texts[0]
    assert "output" in texts[-1]
    tips = [dock.stack.layer_list.item(i).toolTip() for i in range(len(texts))]
    assert tips == texts  # the whole row, also where the list is too narrow for it


def test_adding_a_layer_makes_a_custom_stack_and_shapes_propagate(window):
    dock = window.model_dock
    dock.preset.setCurrentIndex(dock.preset.findData("tinyvgg"))
    dock.stack.layer_list.setCurrentRow(0)
    dock.stack.add_layer("MaxPooling2D")
    config = window.session.config
    assert config.model == "custom" and config.layers[1]["type"] == "MaxPooling2D"
    assert "(None, 31, 31, 10)" in rows(dock)[1]
    assert "(None, 29, 29, 10)" in rows(dock)[2]  # the next conv sees the pooled map


def test_a_stack_that_cannot_work_marks_the_failing_row_and_disables_train(window):
    dock = window.model_dock
    dock.preset.setCurrentIndex(dock.preset.findData("tinyvgg"))
    dock.image_size.setValue(16)  # 14, 12, 6, 4, 2 -> the second pool gets 2x2: fine; shrink more
    for _ in range(3):
        dock.stack.layer_list.setCurrentRow(0)
        dock.stack.add_layer("MaxPooling2D")
    assert dock.problem and dock.problem_row is not None
    assert rows(dock)[dock.problem_row].startswith("⚠")
    assert not window.action_train.isEnabled() and dock.problem in window.action_train.toolTip()
    while dock.problem and window.session.config.layers:
        dock.stack.layer_list.setCurrentRow(0)
        dock.stack.remove_selected_layer()
    assert not dock.problem and window.action_train.isEnabled()


def test_dense_before_flatten_is_reported_on_its_row(window):
    dock = window.model_dock
    dock.preset.setCurrentIndex(dock.preset.findData("seed-separable"))
    dock.stack.layer_list.setCurrentRow(0)
    dock.stack.add_layer("Dense")
    assert dock.problem_row == 1 and "Flatten" in dock.problem


def test_editing_a_setting_updates_the_row(window, qtbot):
    dock = window.model_dock
    dock.preset.setCurrentIndex(dock.preset.findData("small-convnet"))
    dock.stack.layer_list.setCurrentRow(0)
    filters = dock.stack.editor.findChild(type(dock.image_size), "layerSetting_filters")
    filters.setValue(16)
    assert window.session.config.layers[0]["filters"] == 16
    assert "(None, 62, 62, 16)" in rows(dock)[0]


def test_moving_a_layer_down_reorders_the_stack(window):
    dock = window.model_dock
    dock.preset.setCurrentIndex(dock.preset.findData("small-convnet"))
    dock.stack.layer_list.setCurrentRow(0)
    dock.stack.move_selected_layer(1)
    assert [layer["type"] for layer in window.session.config.layers[:2]] == ["MaxPooling2D", "Conv2D"]


def test_a_saved_stack_loads_back(window, tmp_path):
    dock = window.model_dock
    dock.preset.setCurrentIndex(dock.preset.findData("tinyvgg"))
    spec = window.session.model_spec()
    spec.save(tmp_path / "tiny.json")
    dock.preset.setCurrentIndex(dock.preset.findData("small-convnet"))
    dock.stack.load_spec_file(str(tmp_path / "tiny.json"))
    assert window.session.config.model == "custom"
    assert window.session.model_spec().layers == ModelSpec.load(tmp_path / "tiny.json").layers


def test_the_layer_editor_shows_the_new_presets_values_after_a_preset_change(window):
    dock = window.model_dock
    dock.preset.setCurrentIndex(dock.preset.findData("small-convnet"))
    dock.stack.layer_list.setCurrentRow(0)
    filters = dock.stack.editor.findChild(QSpinBox, "layerSetting_filters")
    assert filters.value() == 32
    dock.preset.setCurrentIndex(dock.preset.findData("tinyvgg"))
    shown = dock.stack.editor.findChild(QSpinBox, "layerSetting_filters")
    assert shown.value() == 10  # TinyVGG's first convolution, not the small convnet's 32
    assert window.session.config.model == "tinyvgg"  # showing the values edited nothing
    assert window.session.model_spec().layers[0]["filters"] == 10


def test_ticking_pretrained_says_it_changed_the_input_size_and_unticking_puts_it_back(window, qtbot):
    from cnnstudio.qt.workers import live_threads

    dock = window.model_dock
    dock.preset.setCurrentIndex(dock.preset.findData("small-convnet"))
    dock.image_size.setValue(64)
    panel = dock.pretrained
    panel.enabled.setChecked(True)
    assert window.session.config.image_size == 224 and window.session.config.channels == 3
    assert panel.size_note.isVisibleTo(panel) and "it was 64 px" in panel.size_note.text()
    panel.enabled.setChecked(False)
    assert window.session.config.image_size == 64
    assert panel.size_note.text() == "Input size back to 64 px."

    panel.enabled.setChecked(True)
    dock.image_size.setValue(160)  # the user's own choice since: unticking keeps it
    panel.enabled.setChecked(False)
    assert window.session.config.image_size == 160
    assert not panel.size_note.isVisibleTo(panel)
    qtbot.waitUntil(lambda: not live_threads(), timeout=90_000)  # the base's block listing
