"""Issue 11, items 5 and 9: what the window remembers between sessions, File › Open run / Recent runs, the Settings dialog."""

from __future__ import annotations

import json
import shutil

import pytest
import torch
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from cnnstudio.qt import settings as app_settings
from cnnstudio.qt.dialogs.settings import SettingsDialog, open_settings
from cnnstudio.qt.main_window import MainWindow
from cnnstudio.qt.session import restored_config
from cnnstudio.qt.widgets.forms import select_data
from tests.helpers import make_stripes_folder, write_model_run

Key = app_settings.Key


def _new_window(qtbot, monkeypatch) -> MainWindow:
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    return win


def _error_text(win: MainWindow) -> str:
    boxes = [b for b in win.findChildren(QMessageBox, "errorBox") if b.isVisible()]
    assert len(boxes) == 1, boxes
    text = boxes[0].text()
    boxes[0].reject()
    return text


# ---- remembered between sessions ----------------------------------------------------------------
def test_the_settings_and_the_dataset_are_there_again_in_the_next_window(qtbot, monkeypatch, tmp_path):
    monkeypatch.setenv("CNNSTUDIO_CACHE", str(tmp_path / "cache"))
    folder = str(make_stripes_folder(tmp_path / "stripes", per_class=6, size=16))
    first = _new_window(qtbot, monkeypatch)
    first.training_dock.epochs.setValue(7)
    first.training_dock.batch_size.setValue(16)
    select_data(first.training_dock.precision, "fp32")
    select_data(first.model_dock.preset, "tinyvgg")
    select_data(first.augment_dock.preset, "book")
    with qtbot.waitSignal(first.session.dataset_changed, timeout=60_000):
        first.open_dataset(folder)
    chosen = first.session.config
    assert (chosen.epochs, chosen.batch_size, chosen.precision, chosen.model) == (7, 16, "fp32", "tinyvgg")
    assert chosen.augment  # the book's preset is not "none"
    first.close()

    second = _new_window(qtbot, monkeypatch)
    assert second.session.config == chosen  # restored before the docks showed it
    assert second.training_dock.epochs.value() == 7 and second.training_dock.batch_size.value() == 16
    assert second.training_dock.precision.currentData() == "fp32"
    assert second.model_dock.preset.currentData() == "tinyvgg"
    assert second.augment_dock.preset.currentData() == "book"
    assert f"Reopening the last dataset, {folder}" in second.log_dock.text()
    assert "Welcome. Press Train to train a convnet on the open dataset." in second.log_dock.text()
    qtbot.waitUntil(lambda: second.session.dataset.source == folder, timeout=60_000)


def test_a_last_dataset_that_is_gone_leaves_the_demo_and_says_why(qtbot, monkeypatch, tmp_path):
    gone = str(tmp_path / "moved-away")
    app_settings.set_value(Key.LAST_DATASET_DIR, gone)
    win = _new_window(qtbot, monkeypatch)
    assert win.session.dataset.is_demo and not win.session.scanner.is_running
    assert f"The last dataset, {gone}, is no longer there; the demo dataset is open instead." in win.log_dock.text()


def test_choosing_the_demo_makes_the_next_window_start_with_the_demo(qtbot, monkeypatch, tmp_path):
    folder = str(make_stripes_folder(tmp_path / "stripes", per_class=4, size=16))
    app_settings.set_value(Key.LAST_DATASET_DIR, folder)
    win = _new_window(qtbot, monkeypatch)
    qtbot.waitUntil(lambda: win.session.dataset.source == folder, timeout=60_000)
    win.action_demo.trigger()
    assert win.session.dataset.is_demo and app_settings.value(Key.LAST_DATASET_DIR) == ""


def test_saved_settings_that_do_not_make_sense_give_way_to_the_defaults():
    app_settings.save_config({"epochs": "many", "batch_size": 8, "unknown": 1, "weights_file": "/no/such/file.pt"})
    config = restored_config()
    assert config.epochs == 10 and config.batch_size == 8 and config.weights_file == ""  # field by field
    app_settings.save_config({"batch_size": 8, "learning_rate": -1.0})
    assert restored_config().batch_size == 32  # settings that do not validate: all defaults
    app_settings.set_value(Key.TRAIN_CONFIG, "{not json")
    assert restored_config().probes == ["auto"]  # the GUI's defaults


# ---- File › Open run…, File › Recent runs -----------------------------------------------------------
def test_open_run_loads_a_run_folder_and_refuses_others_with_the_reason(window, tmp_path):
    run = write_model_run(tmp_path / "scratch-run", "tinyvgg", image_size=32)
    assert window.runs_presenter.action_open_run in window.file_menu.actions()
    assert window.runs_presenter.open_run(str(run))
    assert window.classify_dock.source.currentData() == f"run:{run}"
    assert window.evaluation_dock.run_dir() == str(run)
    assert window.look_inside.inspection.network() == f"run:{run}"
    assert "Loaded run scratch-run" in window.log_dock.text()

    not_a_run = tmp_path / "holiday-photos"
    not_a_run.mkdir()
    assert not window.runs_presenter.open_run(str(not_a_run))
    assert f"{not_a_run / 'config.json'} is missing" in _error_text(window)
    no_weights = tmp_path / "no-weights"
    no_weights.mkdir()
    (no_weights / "config.json").write_text(json.dumps({"class_names": ["a", "b"]}))
    assert not window.runs_presenter.open_run(str(no_weights))
    assert "best.safetensors is missing" in _error_text(window)
    assert app_settings.recent_runs() == [str(run)]  # only the run that opened


def test_recent_runs_most_recent_first_without_missing_ones_and_cleared(window, qtbot, tmp_path):
    presenter = window.runs_presenter
    first = write_model_run(tmp_path / "first", "tinyvgg", image_size=32)
    second = write_model_run(tmp_path / "second", "tinyvgg", image_size=32)
    assert presenter.open_run(str(first)) and presenter.open_run(str(second)) and presenter.open_run(str(first))
    presenter.fill_recent_runs()
    texts = [a.text() for a in presenter.recent_runs_menu.actions() if not a.isSeparator()]
    assert texts == [str(first), str(second), "Clear list"]
    shutil.rmtree(first)
    presenter.fill_recent_runs()
    entries = presenter.recent_runs_menu.actions()
    assert [a.text() for a in entries if not a.isSeparator()] == [str(second), "Clear list"]
    entries[0].trigger()  # opens it
    assert window.classify_dock.source.currentData() == f"run:{second}"
    third = write_model_run(tmp_path / "third", "tinyvgg", image_size=32)
    assert presenter.open_run(str(third))
    later = MainWindow()  # the next session offers the past runs again, the most recent one selected
    later.show()
    qtbot.addWidget(later)
    assert later.classify_dock.source.currentData() == f"run:{third}"
    assert later.classify_dock.source.findData(f"run:{second}") >= 0
    assert later.evaluation_dock.run_dir() == str(third)
    assert later.look_inside.inspection.network() == f"run:{third}"
    presenter.fill_recent_runs()
    entries = presenter.recent_runs_menu.actions()
    entries[-1].trigger()  # Clear list
    presenter.fill_recent_runs()
    (empty,) = presenter.recent_runs_menu.actions()
    assert empty.text() == "No recent runs" and not empty.isEnabled()


# ---- the Settings dialog ---------------------------------------------------------------------------
@pytest.fixture
def restored_process_state():
    """The dialog changes process-wide things (torch's threads, a cache budget, the palette): put them back."""
    from cnnstudio.core.data import SPLIT_CACHE
    from cnnstudio.qt.theme import apply_theme

    threads, budget = torch.get_num_threads(), SPLIT_CACHE.budget
    yield
    torch.set_num_threads(threads)
    SPLIT_CACHE.set_budget(budget)
    apply_theme("system")


def test_the_settings_dialog_applies_each_setting_on_ok(window, tmp_path, restored_process_state):
    from cnnstudio.core.data import SPLIT_CACHE

    runs, before_threads = str(tmp_path / "my-runs"), torch.get_num_threads()
    window.action_settings.trigger()
    dialog = window.findChild(SettingsDialog, "settingsDialog")
    assert dialog.isVisible() and window.action_settings.shortcut().toString() == "Ctrl+,"
    dialog.runs_root.edit.setText(runs)
    select_data(dialog.language, "zh_CN")
    select_data(dialog.theme, "dark")
    dialog.threads.setValue(1)
    select_data(dialog.precision, "bf16")
    dialog.cache_spins[Key.CACHE_SPLITS_MB].setValue(100)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert not dialog.isVisible()

    assert app_settings.value(Key.RUNS_ROOT) == runs and window.training_dock.runs_root.text() == runs
    assert app_settings.value(Key.LANGUAGE) == "zh_CN"  # takes effect at the next start
    assert app_settings.value(Key.THEME) == "dark"
    assert QApplication.palette().color(QPalette.ColorRole.Window).lightness() < 80
    assert window.curves_dock.graphics.backgroundBrush().color().lightness() < 80  # the plots follow
    config = window.session.config
    assert (config.threads, config.precision) == (1, "bf16") and window.training_dock.threads.value() == 1
    assert torch.get_num_threads() == 1
    assert app_settings.cache_budget_mb(Key.CACHE_SPLITS_MB) == 100 and SPLIT_CACHE.budget == 100 * 2**20

    again = open_settings(window)  # shows what is in effect; Restore defaults, then OK, goes back to them
    assert again.runs_root.edit.text() == runs and again.theme.currentData() == "dark"
    again.restore_defaults()
    again.accept()
    assert app_settings.value(Key.THEME) == "system" and app_settings.value(Key.LANGUAGE) == ""
    assert QApplication.palette().color(QPalette.ColorRole.Window).lightness() > 150
    assert window.curves_dock.graphics.backgroundBrush().color().lightness() > 150
    assert window.session.config.precision == "auto" and window.session.config.threads == 0
    assert torch.get_num_threads() == before_threads  # "All cores": PyTorch's own count again
    assert app_settings.cache_budget_mb(Key.CACHE_SPLITS_MB) is None and SPLIT_CACHE.budget != 100 * 2**20


def test_the_settings_dialog_refuses_a_file_for_runs_and_cancel_changes_nothing(window, tmp_path):
    a_file = tmp_path / "notes.txt"
    a_file.write_text("x")
    before = window.session.config
    dialog = open_settings(window)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    dialog.runs_root.edit.setText(str(a_file))
    assert not ok.isEnabled() and "is a file, not a folder" in dialog.problem.text()
    dialog.runs_root.edit.setText("  ")
    assert not ok.isEnabled() and dialog.problem.text() == "Choose a folder for the runs."
    dialog.accept()  # refused while the form is wrong
    assert dialog.isVisible()
    dialog.threads.setValue(1)
    select_data(dialog.theme, "dark")
    dialog.reject()
    assert window.session.config == before and app_settings.value(Key.THEME) == "system"


# ---- `cnnstudio FOLDER`, `cnnstudio RUN_DIR`: through the start-up to the window ----------------------
def test_the_path_words_of_the_command_line():
    from cnnstudio.qt.startup import path_argument

    assert path_argument(["-style", "/data/cats"]) == "/data/cats"  # Qt's own options are taken out before
    assert path_argument(["--verbose"]) == "" and path_argument([]) == ""


@pytest.mark.parametrize("kind", ["dataset", "run"])
def test_the_window_starts_with_the_folder_named_on_the_command_line(qtbot, monkeypatch, tmp_path, kind):
    from cnnstudio.qt.startup import StartUp, is_run_folder

    monkeypatch.setenv("CNNSTUDIO_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    if kind == "run":
        path = str(write_model_run(tmp_path / "a-run", "tinyvgg", image_size=32))
    else:
        path = str(make_stripes_folder(tmp_path / "stripes", per_class=4, size=16))
    assert is_run_folder(path) == (kind == "run")
    startup = StartUp(open_path=path)
    with qtbot.waitSignal(startup.window_ready, timeout=120_000) as ready:
        startup.start()
    window = ready.args[0]
    qtbot.addWidget(window)
    if kind == "run":
        assert window.classify_dock.source.currentData() == f"run:{path}"
        assert app_settings.recent_runs() == [path]
    else:
        qtbot.waitUntil(lambda: window.session.dataset.source == path, timeout=60_000)
        assert f"Opening {path}" in window.log_dock.text()
    qtbot.waitUntil(lambda: not startup.is_loading(), timeout=120_000)
