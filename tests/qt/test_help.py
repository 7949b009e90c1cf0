from __future__ import annotations

import pytest
import torch
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QApplication

from cnnstudio.core.environment import package_version
from cnnstudio.qt.dialogs.about import AboutDialog
from cnnstudio.qt.dialogs.shortcuts import ShortcutsDialog
from cnnstudio.qt.help import REPORT_LOG_LINES
from cnnstudio.qt.workers import live_threads


@pytest.fixture
def settled(window, qtbot):
    """The window once its start-up jobs (model summary, augmentation preview) are done, so closing is quick."""
    model, augment = window.model_dock, window.augment_dock

    def idle() -> bool:
        pending = model._summary_delay.isActive() or augment._debounce.isActive()
        previewed = augment.last_preview is not None or not augment.isVisible()
        return model.table.rowCount() > 0 and previewed and not pending and not live_threads()

    qtbot.waitUntil(idle, timeout=60_000)
    return window


def native(keys: str) -> str:
    return QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)


def open_shortcuts(window, qtbot) -> ShortcutsDialog:
    window.help.action_shortcuts.trigger()
    dialog = window.help.shortcuts_dialog
    qtbot.waitExposed(dialog)
    return dialog


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # the offscreen platform's limit
def test_the_shortcuts_list_shows_the_train_action_under_its_menu_and_the_filter_narrows_it(settled, qtbot):
    window = settled
    assert window.help.action_shortcuts.shortcuts() == [QKeySequence("F1"), QKeySequence("Ctrl+/")]
    dialog = open_shortcuts(window, qtbot)
    try:
        rows = dialog.visible_shortcuts()
        assert ("Train", "Train", f"{native('Ctrl+Return')}, {native('F5')}") in rows
        assert ("Help", "Keyboard shortcuts", f"{native('F1')}, {native('Ctrl+/')}") in rows
        assert any(group == "Runs" and text == "Rename…" for group, text, _keys in rows)  # a dock's own action
        assert any(text == "Quit" for _g, text, _k in rows)
        dialog.filter.setText("train")
        narrowed = dialog.visible_shortcuts()
        assert ("Train", "Train", f"{native('Ctrl+Return')}, {native('F5')}") in narrowed
        assert 0 < len(narrowed) < len(rows) and not any(text == "Quit" for _g, text, _k in narrowed)
        assert all("train" in " ".join(row).casefold() for row in narrowed)
        assert not dialog.empty.isVisible()
        dialog.filter.setText("shift+f5")  # by key
        assert [text for _g, text, _k in dialog.visible_shortcuts()] == ["Stop"]
        dialog.filter.setText("no such shortcut")
        assert dialog.visible_shortcuts() == [] and dialog.empty.isVisible()
        dialog.filter.clear()
        assert dialog.visible_shortcuts() == rows
        assert window.help.show_shortcuts() is dialog  # asking again raises the open list
    finally:
        dialog.reject()

    extra = QAction("&Frobnicate", window)  # an action added later appears by itself
    extra.setShortcut(QKeySequence("Ctrl+Shift+F"))
    window.train_menu.addAction(extra)
    dialog = open_shortcuts(window, qtbot)
    try:
        assert ("Train", "Frobnicate", native("Ctrl+Shift+F")) in dialog.visible_shortcuts()
    finally:
        dialog.reject()


def test_about_shows_the_real_versions_and_the_licences(settled, qtbot):
    window = settled
    window.action_about.trigger()
    dialog = window.help.about_dialog
    assert isinstance(dialog, AboutDialog)
    qtbot.waitExposed(dialog)
    try:
        text = dialog.details.toPlainText()
        assert torch.__version__ in text
        for package in ("torchvision", "pyqtgraph"):
            assert package_version(package) in text
        assert package_version("PySide6", "PySide6-Essentials") in text
        assert "Apache" in text and "CC0" in text and "public domain" in text and "MIT" in text
        assert "cpu" in text
        assert "cnnstudio 0.1.0" in dialog.heading.text()
    finally:
        dialog.reject()


def test_report_a_problem_copies_the_versions_and_the_last_log_lines(settled, qtbot):
    window = settled
    for i in range(REPORT_LOG_LINES + 20):
        window.log_dock.append(f"line number {i:03d}")
    QGuiApplication.clipboard().clear()
    window.help.action_report.trigger()
    copied = QApplication.clipboard().text()
    assert f"torch: {torch.__version__}" in copied
    assert "torchvision: " + package_version("torchvision") in copied  # metadata's version starts the module's
    assert f"Qt: {__import__('PySide6.QtCore').QtCore.qVersion()}" in copied
    assert f"torch threads: {torch.get_num_threads()}" in copied
    config = window.session.config
    assert f"model: {config.model}" in copied and f"device (setting): {config.device}" in copied
    assert f"dataset: {window.session.dataset.name}" in copied
    last = REPORT_LOG_LINES + 19
    assert f"line number {last:03d}" in copied and f"line number {last - REPORT_LOG_LINES + 1:03d}" in copied
    assert f"line number {last - REPORT_LOG_LINES:03d}" not in copied  # only the last 50 lines
    assert "clipboard" in window.statusBar().currentMessage()
