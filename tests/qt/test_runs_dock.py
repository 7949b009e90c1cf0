"""The Runs dock: lists the workspace's runs, overlays the selected runs' curves, renames and deletes runs."""

from __future__ import annotations

import json
import os
import socket

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox

from cnnstudio.core.runs import RunFolder
from cnnstudio.qt.docks.run_table import RunsModel
from cnnstudio.qt.docks.runs import RunsDock
from tests.core.test_runs_manage import finished_run, history


@pytest.fixture
def runs_root(tmp_path):
    root = tmp_path / "runs"
    finished_run(root / "20261130-100000-scratch", history(3, start=0.4))
    finished_run(root / "20261130-110000-augmented", history(5, start=0.5, step=0.08), status="cancelled")
    return root


@pytest.fixture
def dock(qtbot, runs_root):
    widget = RunsDock()
    qtbot.addWidget(widget)
    widget.resize(900, 800)
    widget.show()
    widget.set_root(str(runs_root))
    qtbot.waitUntil(lambda: widget.model.rowCount() == 2, timeout=5000)
    return widget


def shown(dock: RunsDock) -> dict[str, str]:
    """Each listed run's name → its status as the table shows it."""
    model = dock.proxy
    return {
        model.index(row, RunsModel.NAME).data(): model.index(row, RunsModel.STATUS).data()
        for row in range(model.rowCount())
    }


def messages(dock: RunsDock) -> list[QMessageBox]:
    return [box for box in dock.findChildren(QMessageBox, "runsMessage") if box.isVisible()]


def test_lists_the_runs_with_their_statuses(dock):
    assert shown(dock) == {"20261130-110000-augmented": "stopped", "20261130-100000-scratch": "finished"}
    assert not dock.empty_label.isVisible() and dock.splitter.isVisible()
    scratch = next(r for r in dock.runs if r.entry.name.endswith("scratch"))
    row = next(row for row in range(dock.proxy.rowCount()) if dock.proxy.index(row, 0).data() == scratch.entry.name)
    assert scratch.run_dir in dock.proxy.index(row, RunsModel.STATUS).data(Qt.ItemDataRole.ToolTipRole)
    best = history(3, start=0.4)[2]["val_accuracy"]  # the last epoch has the lowest validation loss here
    assert dock.proxy.index(row, RunsModel.ACCURACY).data() == f"{100 * best:.1f} %"


def test_selecting_two_runs_overlays_their_curves(dock):
    dock.select_runs([r.run_dir for r in dock.runs])
    comparison = dock.comparison
    names = {r.entry.name for r in dock.runs}
    assert set(comparison.shown_runs) == {r.run_dir for r in dock.runs}
    assert names <= set(comparison.legend_names())
    for run in dock.runs:
        rows = history(3, start=0.4) if run.entry.name.endswith("scratch") else history(5, start=0.5, step=0.08)
        for key in ("train_loss", "val_loss", "train_accuracy", "val_accuracy"):
            x, y = comparison.curves[(run.run_dir, key)].getData()
            np.testing.assert_array_equal(x, [r["epoch"] for r in rows])
            np.testing.assert_allclose(y, [r[key] for r in rows])
        train, val = comparison.curves[(run.run_dir, "train_loss")], comparison.curves[(run.run_dir, "val_loss")]
        assert train.opts["pen"].color() == val.opts["pen"].color()  # one colour per run
        assert train.opts["pen"].style() != val.opts["pen"].style()  # training dashed, validation solid
    colours = {comparison.curves[(d, "val_loss")].opts["pen"].color().name() for d in comparison.shown_runs}
    assert len(colours) == 2
    assert comparison.table.rowCount() == 2
    table_names = {comparison.table.item(row, 0).text() for row in range(2)}
    assert table_names == names
    assert len(comparison.loss_plot.listDataItems()) == len(comparison.accuracy_plot.listDataItems()) == 4
    dock.select_runs([dock.runs[0].run_dir])  # one run: its curves alone, nothing left over from the two
    assert len(comparison.loss_plot.listDataItems()) == 2 and comparison.shown_runs == [dock.runs[0].run_dir]
    assert (
        dock.runs[0].entry.name in comparison.legend_names()
        and dock.runs[1].entry.name not in comparison.legend_names()
    )
    dock.select_runs([])
    assert comparison.curves == {} and comparison.table.rowCount() == 0
    assert comparison.loss_plot.listDataItems() == [] and comparison.legend_names() == []


def test_rename_refreshes_the_list_and_a_taken_name_is_refused(dock, qtbot, monkeypatch):
    scratch = next(r for r in dock.runs if r.entry.name.endswith("scratch"))
    dock.select_runs([scratch.run_dir])
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("1 scratch", True))
    dock.activateWindow()
    dock.table.setFocus()
    qtbot.keyClick(dock.table, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: "1 scratch" in shown(dock), timeout=5000)
    assert [r.entry.name for r in dock.selected_runs()] == ["1 scratch"]  # the renamed run stays selected

    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("20261130-110000-augmented", True))
    dock.action_rename.trigger()
    [box] = messages(dock)
    assert "already holds something named 20261130-110000-augmented" in box.text()
    box.reject()
    assert set(shown(dock)) == {"1 scratch", "20261130-110000-augmented"}


def test_delete_asks_then_deletes_the_folder(dock, qtbot, monkeypatch, runs_root):
    asked = []

    def answer(_parent, _title, text, *_a, **_k):
        asked.append(text)
        return QMessageBox.StandardButton.No if len(asked) == 1 else QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    augmented = next(r for r in dock.runs if r.entry.name.endswith("augmented"))
    dock.select_runs([augmented.run_dir])
    dock.action_delete.trigger()  # answered No
    assert "20261130-110000-augmented" in asked[0] and augmented.run_dir in asked[0]
    assert (runs_root / "20261130-110000-augmented").is_dir()
    dock.activateWindow()
    dock.table.setFocus()
    qtbot.keyClick(dock.table, Qt.Key.Key_Delete)  # the Delete key, answered Yes
    qtbot.waitUntil(lambda: dock.model.rowCount() == 1, timeout=5000)
    assert not (runs_root / "20261130-110000-augmented").exists()
    assert list(shown(dock)) == ["20261130-100000-scratch"]


def test_a_running_run_cannot_be_deleted(qtbot, runs_root, monkeypatch):
    folder = RunFolder.create(runs_root / "20261130-120000-live")
    try:
        folder.write_config({"class_names": ["a", "b"]})
        folder.write_status({"status": "running", "reason": "", "epochs_completed": 0, "best_epoch": 0})
        dock = RunsDock()
        qtbot.addWidget(dock)
        dock.set_root(str(runs_root))
        qtbot.waitUntil(lambda: dock.model.rowCount() == 3, timeout=5000)
        assert shown(dock)["20261130-120000-live"] == "running"
        dock.select_runs([str(folder.path)])
        assert not dock.action_delete.isEnabled() and not dock.action_rename.isEnabled()
        assert not dock.action_continue.isEnabled() and not dock.action_load.isEnabled()
        monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
        dock.delete_selected()
        assert (folder.path / "config.json").is_file()

        # Selected with a finished run, it still cannot be deleted; nor can a run whose lock was taken after
        # the list was read (the dock offers Delete, the engine refuses, the user is told).
        dock.select_runs([r.run_dir for r in dock.runs])
        assert not dock.action_delete.isEnabled()
        scratch = next(r for r in dock.runs if r.entry.name.endswith("scratch"))
        dock.select_runs([scratch.run_dir])
        assert dock.action_delete.isEnabled()
        late = RunFolder(scratch.run_dir)
        (late.path / ".cnnstudio-run.lock").write_text(
            json.dumps({"pid": os.getpid(), "host": socket.gethostname()}), encoding="utf-8"
        )
        dock.delete_selected()
        [box] = messages(dock)
        assert "in use by a run in progress" in box.text()
        box.reject()
        assert (late.path / "config.json").is_file()
        qtbot.waitUntil(lambda: not dock.lister.is_running, timeout=5000)
    finally:
        folder.release()


def test_load_and_continue_emit_the_run_folder(dock, qtbot):
    scratch = next(r for r in dock.runs if r.entry.name.endswith("scratch"))
    dock.select_runs([scratch.run_dir])
    with qtbot.waitSignal(dock.load_requested) as loaded:
        dock.action_load.trigger()
    assert loaded.args == [scratch.run_dir]
    with qtbot.waitSignal(dock.continue_requested) as continued:
        dock.action_continue.trigger()
    assert continued.args == [scratch.run_dir]
    dock.select_runs([r.run_dir for r in dock.runs])
    assert not dock.action_load.isEnabled() and not dock.action_continue.isEnabled()


def test_an_empty_runs_folder_says_how_to_make_a_run(qtbot, tmp_path):
    dock = RunsDock()
    qtbot.addWidget(dock)
    dock.show()
    dock.set_root(str(tmp_path / "nothing-yet"))
    qtbot.waitUntil(lambda: not dock.lister.is_running, timeout=5000)
    qtbot.waitUntil(lambda: dock.empty_label.isVisible(), timeout=5000)
    assert "Press Train" in dock.empty_label.text()
    assert not dock.splitter.isVisible()


@pytest.fixture
def runs_in_workspace(runs_root, monkeypatch):
    """The runs folder the window uses (no runs folder chosen in the settings yet)."""
    monkeypatch.setenv("CNNSTUDIO_RUNS", str(runs_root))
    return runs_root


def test_the_window_lists_the_workspace_runs_and_loads_one_into_classify(runs_in_workspace, window, qtbot):
    dock = window.runs_dock
    assert dock.root == str(runs_in_workspace)
    qtbot.waitUntil(lambda: dock.model.rowCount() == 2, timeout=5000)
    scratch = next(r for r in dock.runs if r.entry.name.endswith("scratch"))
    dock.select_runs([scratch.run_dir])
    dock.action_load.trigger()
    assert window.classify_dock.source.currentData() == f"run:{scratch.run_dir}"
    assert window.look_inside.inspection.network() == f"run:{scratch.run_dir}"
    rows = history(3, start=0.4)  # its curves, from its history
    assert window.curves_dock.epoch_points == 3
    np.testing.assert_allclose(window.curves_dock.val_accuracy.getData()[1], [r["val_accuracy"] for r in rows])
    qtbot.waitUntil(lambda: not dock.lister.is_running, timeout=5000)


def test_renaming_or_deleting_a_loaded_run_moves_or_removes_it_in_the_docks(
    runs_in_workspace, window, qtbot, monkeypatch
):
    dock = window.runs_dock
    qtbot.waitUntil(lambda: dock.model.rowCount() == 2, timeout=5000)
    scratch = next(r for r in dock.runs if r.entry.name.endswith("scratch"))
    dock.select_runs([scratch.run_dir])
    dock.action_load.trigger()
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("best scratch", True))
    dock.action_rename.trigger()
    renamed = str(runs_in_workspace / "best scratch")
    inspection = window.look_inside.inspection
    assert window.classify_dock.source.currentData() == f"run:{renamed}"
    assert window.classify_dock.source.currentText() == "Your model: best scratch"
    assert inspection.network() == f"run:{renamed}"
    assert window.evaluation_dock.run_dir() == renamed
    assert not any(scratch.run_dir in key for key, _title in inspection.networks())

    qtbot.waitUntil(lambda: not dock.lister.is_running, timeout=5000)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    dock.select_runs([renamed])
    dock.action_delete.trigger()
    assert not os.path.exists(renamed)
    assert window.classify_dock.source.findData(f"run:{renamed}") < 0
    assert not window.classify_dock.source.currentData().startswith("run:")
    assert inspection.network().startswith("backbone:")  # the look-inside docks went back to a pretrained network
    assert window.evaluation_dock.run_combo.findData(renamed) < 0
    qtbot.waitUntil(lambda: not dock.lister.is_running, timeout=5000)


def test_open_folder_without_a_file_manager_shows_the_path_to_copy(dock, qtbot, monkeypatch):
    from PySide6.QtGui import QDesktopServices, QGuiApplication
    from PySide6.QtWidgets import QDialog, QLineEdit, QPushButton

    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or False)
    scratch = next(r for r in dock.runs if r.entry.name.endswith("scratch"))
    dock.select_runs([scratch.run_dir])
    dock.action_open.trigger()
    assert opened == [scratch.run_dir]
    dialog = dock.findChild(QDialog, "folderPathDialog")
    assert dialog is not None and dialog.isVisible()
    assert dialog.findChild(QLineEdit, "folderPathEdit").text() == scratch.run_dir
    dialog.findChild(QPushButton, "folderPathCopyButton").click()
    assert QGuiApplication.clipboard().text() == scratch.run_dir
    dialog.close()
