"""Simplified Chinese: the .ts is complete and in step with the sources, its translations keep their
placeholders and the chapter's terms, and with zh_CN the window, its start-up frame and the engine's
messages speak Chinese ("en" stays English)."""

from __future__ import annotations

import importlib.util
import json
import logging
import os
import re
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QTranslator
from PySide6.QtWidgets import QApplication, QToolButton

from cnnstudio.core.errors import UserError
from cnnstudio.core.messages import msg
from cnnstudio.qt import i18n
from cnnstudio.qt.texts import tr_message

ROOT = Path(__file__).resolve().parents[2]


def _load_tool():
    spec = importlib.util.spec_from_file_location("_packaging_i18n", ROOT / "packaging" / "i18n.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


tool = _load_tool()
TS = tool.ts_path(ROOT)
ENTRIES = [e for e in tool.read_ts(TS) if not e.obsolete]

# The chapter's terms as the course slides use them (notes/slices/glossary.md): an English term in a
# source asks for its Chinese term in the translation, unless the translation keeps the English word
# itself (code, an option, a class name: GlobalAveragePooling2D, --device, fine-tune as a mode).
GLOSSARY = (
    (r"convolution", ("卷积",)),
    (r"pooling", ("池化",)),
    (r"\bstrides?\b", ("步幅",)),
    (r"\bpadding\b", ("填充",)),
    (r"data augmentation", ("数据增强",)),
    (r"feature extraction", ("特征提取",)),
    (r"fine-tun", ("微调",)),
    (r"overfit", ("过拟合",)),
    (r"intermediate activation", ("中间激活",)),
    (r"\bfilters?\b(?! by)", ("过滤器",)),  # "Filter by action" is the verb: 筛选
    (r"class activation heatmap", ("类激活热力图",)),
    (r"heatmap", ("热力图",)),
    (r"\bkernels?\b", ("卷积核",)),
    (r"feature maps?", ("特征图",)),
    (r"\bepochs?\b", ("轮",)),
    (r"learning rate", ("学习率",)),
    (r"accuracy", ("精度",)),
)


@pytest.fixture
def speaks(qapp, tmp_path):
    """speaks(language): the app with that language's translators (removed afterwards)."""

    def install(language: str) -> str:
        return i18n.install_translators(qapp, language, cache_folder=tmp_path / "cache")

    yield install
    i18n.remove_translators(qapp)


# --- the .ts ------------------------------------------------------------------------------------------


def test_the_ts_has_no_unfinished_entry():
    unfinished = [f"{e.context}: {e.source!r}" for e in ENTRIES if not e.finished or not e.translation.strip()]
    assert ENTRIES
    assert not unfinished, f"{len(unfinished)} unfinished (fill them: packaging/i18n.py fill …):\n" + "\n".join(
        unfinished[:30]
    )


def test_the_ts_is_in_step_with_the_qt_code_and_the_engine_messages():
    expected = {e.key for e in tool.source_entries(ROOT)}
    present = {e.key for e in ENTRIES}
    catalogue = json.loads((ROOT / "cnnstudio" / "resources" / "messages" / "en.json").read_text("utf-8"))
    assert {("core", english, message_id) for message_id, english in catalogue.items()} <= expected
    assert ("MainWindow", "&File", "") in expected  # lupdate found the Qt code's strings
    missing, stale = sorted(expected - present), sorted(present - expected)
    assert not missing and not stale, f"run `make translations`: missing {missing[:10]}, stale {stale[:10]}"


def test_every_translation_keeps_its_placeholders_and_mnemonic():
    broken = [
        (e.context, e.source, e.translation)
        for e in ENTRIES
        if e.translation
        and (
            tool.placeholders(e.source) != tool.placeholders(e.translation)
            or tool.mnemonic(e.source) != tool.mnemonic(e.translation)
        )
    ]
    assert not broken, broken[:10]


def test_translations_use_the_chapters_terms():
    wrong = []
    for entry in (e for e in ENTRIES if e.finished):
        source = re.sub(r"\{[^{}]*\}", "", entry.source).lower()
        for pattern, terms in GLOSSARY:
            found = re.search(pattern, source)
            if (
                found
                and not any(t in entry.translation for t in terms)
                and found.group(0) not in entry.translation.lower()
            ):
                wrong.append((terms[0], entry.context, entry.source))
    assert not wrong, wrong[:10]


def test_update_keeps_translations_marks_changed_engine_messages_and_vanished_entries(tmp_path):
    old = [
        tool.Entry("core", "Loading {split} images", "data.loading", "正在加载 {split} 图像", finished=True),
        tool.Entry("Gone", "A string no code has", "", "已不存在", finished=True),
        tool.Entry("MainWindow", "&File", "", "文件(&F)", finished=True),
    ]
    new = [
        tool.Entry("MainWindow", "&File"),
        tool.Entry("core", "Loading the {split} images", "data.loading"),
        tool.Entry("core", "Checking images", "data.checking_images"),
    ]
    merged = {e.key: e for e in tool.merge(old, new)}
    assert (
        merged[("MainWindow", "&File", "")].finished and merged[("MainWindow", "&File", "")].translation == "文件(&F)"
    )
    changed = merged[("core", "Loading the {split} images", "data.loading")]
    assert changed.translation == "正在加载 {split} 图像" and not changed.finished  # to review
    assert not merged[("core", "Checking images", "data.checking_images")].finished
    assert merged[("Gone", "A string no code has", "")].obsolete
    assert ("Gone", "A string no code has", "") not in {e.key for e in tool.merge(old, new, drop_obsolete=True)}
    # Written and read back the same, with lrelease ignoring the vanished entry.
    path = tmp_path / "x.ts"
    tool.write_ts(path, list(merged.values()))
    assert {e.key: e for e in tool.read_ts(path)} == merged
    i18n.compile_catalogue(path, tmp_path / "x.qm")
    translator = QTranslator()
    assert translator.load(str(tmp_path / "x.qm"))
    assert translator.translate("MainWindow", "&File") == "文件(&F)"
    assert translator.translate("Gone", "A string no code has") == ""


def test_fill_refuses_a_translation_that_loses_a_placeholder_or_mnemonic(tmp_path):
    path = tmp_path / "x.ts"
    tool.write_ts(
        path, [tool.Entry("core", "Give {count} images.", "a.b"), tool.Entry("M", "&Open…"), tool.Entry("M", "&Quit")]
    )
    fragment = tmp_path / "f.json"
    fragment.write_text(
        json.dumps(
            [
                {
                    "context": "core",
                    "source": "Give {count} images.",
                    "comment": "a.b",
                    "translation": "给出 {n} 张图像。",
                },
                {"context": "M", "source": "&Open…", "comment": "", "translation": "打开(&O)…"},
                {"context": "M", "source": "&Quit", "comment": "", "translation": "退出"},
                {"context": "M", "source": "Not in the file", "comment": "", "translation": "无"},
            ]
        ),
        encoding="utf-8",
    )
    report = tool.fill(path, [fragment])
    assert (report.filled, len(report.rejected), len(report.unknown)) == (1, 2, 1)
    finished = {e.source: e.translation for e in tool.read_ts(path) if e.finished}
    assert finished == {"&Open…": "打开(&O)…"}


# --- choosing and installing the language ---------------------------------------------------------------


def test_the_language_follows_the_setting_else_the_system_locale():
    chinese, taiwan, german = QLocale("zh_CN"), QLocale("zh_TW"), QLocale("de_DE")
    assert i18n.resolve_language("", chinese) == "zh_CN"
    assert i18n.resolve_language("", taiwan) == "zh_CN"  # the one Chinese catalogue
    assert i18n.resolve_language("", german) == "en"
    assert i18n.resolve_language("en", chinese) == "en"
    assert i18n.resolve_language("zh_CN", german) == "zh_CN"
    assert i18n.resolve_language("xx", german) == "en"  # a hand-edited setting


def test_the_language_setting_is_read_from_the_settings():
    from cnnstudio.qt import settings as app_settings

    app_settings.set_value(app_settings.Key.LANGUAGE, "zh_CN")
    assert i18n.resolve_language(system=QLocale("de_DE")) == "zh_CN"
    app_settings.set_value(app_settings.Key.LANGUAGE, "en")
    assert i18n.resolve_language(system=QLocale("zh_CN")) == "en"


def test_the_catalogue_is_built_into_the_cache_and_rebuilt_when_the_ts_is_newer(tmp_path, monkeypatch):
    source = tmp_path / "cnnstudio_zh_CN.ts"
    tool.write_ts(source, [tool.Entry("M", "&File", "", "文件(&F)", finished=True)])
    monkeypatch.setattr(i18n, "source_path", lambda language: source)
    monkeypatch.setattr(i18n, "compiled_path", lambda language: tmp_path / "shipped" / "cnnstudio_zh_CN.qm")
    built = i18n.catalogue_path("zh_CN", tmp_path / "cache")
    assert built == tmp_path / "cache" / "cnnstudio_zh_CN.qm" and built.stat().st_size > 0
    first = built.stat().st_mtime_ns
    assert i18n.catalogue_path("zh_CN", tmp_path / "cache") == built and built.stat().st_mtime_ns == first
    os.utime(source, ns=(first + 10**9, first + 10**9))  # the .ts edited after the build
    assert i18n.catalogue_path("zh_CN", tmp_path / "cache") == built and built.stat().st_mtime_ns > first
    assert i18n.catalogue_path("en", tmp_path / "cache") is None


def test_without_lrelease_the_app_stays_english_with_one_log_line(qapp, tmp_path, monkeypatch, caplog):
    source = tmp_path / "cnnstudio_zh_CN.ts"
    tool.write_ts(source, [tool.Entry("MainWindow", "&File", "", "文件(&F)", finished=True)])
    monkeypatch.setattr(i18n, "source_path", lambda language: source)
    monkeypatch.setattr(i18n, "compiled_path", lambda language: tmp_path / "none.qm")
    monkeypatch.setattr(i18n, "qt_tool", lambda name: None)
    with caplog.at_level(logging.WARNING, logger="cnnstudio.qt.i18n"):
        assert i18n.install_translators(qapp, "zh_CN", cache_folder=tmp_path / "cache") == "en"
    assert len(caplog.records) == 1 and "English" in caplog.records[0].getMessage()
    assert QApplication.translate("MainWindow", "&File") == "&File"


# --- the app in Chinese -------------------------------------------------------------------------------


def test_with_zh_cn_the_window_and_engine_messages_are_chinese(speaks, window_factory):
    assert speaks("zh_CN") == "zh_CN"
    window = window_factory()
    menus = [action.text() for action in window.menuBar().actions()]
    assert menus[0] == "文件(&F)", menus
    assert all(re.search(r"[\u4e00-\u9fff]", text) for text in menus), menus
    # Buttons show an action without its menu mnemonic: "训练", not "训练(T)".
    buttons = [b.text() for b in window.findChildren(QToolButton) if b.defaultAction() is window.action_train]
    assert buttons and all(text == "训练" for text in buttons), buttons
    assert tr_message(msg("training.two_classes")) == "训练至少需要两个类别。"
    error = UserError(msg("data.folder_missing", folder="/tmp/x"))
    assert tr_message(error.message) == "文件夹 /tmp/x 不存在；请选择一个已有的数据集文件夹。"
    # The engine's plain words in a split's field are translated; the same word as a class name is not.
    assert tr_message(msg("data.loading", split="train")) == "正在加载 训练 图像"
    shortfall = msg("data.shortfall", class_name="test", split="test", count=1, requested=2)
    assert tr_message(shortfall) == "test 测试：2 张中只有 1 张"
    # Qt's own strings too (qtbase_zh_CN, from PySide6).
    assert re.search(r"[\u4e00-\u9fff]", QApplication.translate("QPlatformTheme", "Cancel"))


def test_with_zh_cn_the_start_up_frame_is_chinese(speaks, qtbot):
    from cnnstudio.qt.startup import WindowShell

    speaks("zh_CN")
    shell = WindowShell()
    qtbot.addWidget(shell)
    assert shell.menuBar().actions()[0].text() == "文件(&F)"
    titles = [dock.windowTitle() for dock in shell.docks.values()]
    assert all(re.search(r"[\u4e00-\u9fff]", title) for title in titles), titles


def test_english_stays_english(speaks, window_factory):
    assert speaks("en") == "en"
    window = window_factory()
    assert window.menuBar().actions()[0].text() == "&File"
    assert tr_message(msg("training.two_classes")) == "Training needs at least two classes."


@pytest.fixture
def window_factory(qtbot, tmp_path, monkeypatch):
    """A main window built on demand (after the translators are installed), closed afterwards."""
    from PySide6.QtWidgets import QMessageBox

    from cnnstudio.qt.main_window import MainWindow

    monkeypatch.setenv("CNNSTUDIO_CACHE", str(tmp_path / "cache"))

    def make():
        win = MainWindow()
        qtbot.addWidget(
            win,
            before_close_func=lambda _w: monkeypatch.setattr(
                QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes
            ),
        )
        win.show()
        return win

    return make
