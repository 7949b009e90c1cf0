"""File › Settings…: the runs folder, language, theme, CPU threads, precision and the memory caches' budgets.

The dialog shows what is in effect and changes nothing until OK: then each setting is stored
(`qt.settings`) and applied at once where it can be — the runs folder to the Training and Runs docks,
the theme to the widgets and plots, threads and precision to the session's training settings (threads
also to PyTorch when no job is computing), the budgets to the engine's caches. The language takes
effect at the next start. Restore defaults puts the defaults in the form; OK still decides.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QSpinBox,
    QVBoxLayout,
)

from ...core.training.config import PRECISIONS
from .. import settings as app_settings
from ..session import apply_threads
from ..theme import apply_theme, follow_theme
from ..widgets.files import FolderField
from ..widgets.forms import choice_combo, int_spin, select_data, wrapped_label

if TYPE_CHECKING:
    from ..main_window import MainWindow

__all__ = ["SettingsDialog", "open_settings", "runs_folder_problem"]

_MAX_CACHE_MB = 1 << 20  # 1 TiB: more than any machine this runs on


def runs_folder_problem(text: str) -> str:
    """Why `text` cannot be the runs folder ("" when it can): it must be given, and not name a file."""
    from PySide6.QtCore import QCoreApplication

    path = text.strip()
    if not path:
        return QCoreApplication.translate("SettingsDialog", "Choose a folder for the runs.")
    if Path(path).expanduser().exists() and not Path(path).expanduser().is_dir():
        return QCoreApplication.translate("SettingsDialog", "{0} is a file, not a folder.").format(path)
    return ""


def open_settings(window: MainWindow) -> SettingsDialog:
    """File › Settings…: the dialog over `window` (window-modal, non-blocking); returns it."""
    dialog = SettingsDialog(window)
    dialog.open()
    return dialog


class SettingsDialog(QDialog):
    """The window's settings; `accept()` (OK) stores and applies them (see the module's text)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        layout = QVBoxLayout(self)
        layout.addWidget(self._general_group())
        layout.addWidget(self._compute_group())
        layout.addWidget(self._cache_group())
        self.problem = wrapped_label(self, "settingsProblemLabel")
        self.problem.setStyleSheet("color: #c0392b")
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox.StandardButton
        self.buttons = QDialogButtonBox(buttons.Ok | buttons.Cancel | buttons.RestoreDefaults, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.buttons.button(buttons.RestoreDefaults).clicked.connect(self.restore_defaults)
        layout.addWidget(self.buttons)
        self._show_current()
        self.runs_root.edit.textChanged.connect(self._validate)
        self._validate()

    # ---- the form ------------------------------------------------------------------------
    def _general_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("General"), self)
        form = QFormLayout(group)
        self.runs_root = FolderField(group, "runsRootEdit", self.tr("Choose…"), self.tr("Folder for the runs"))
        self.runs_root.edit.setMinimumWidth(320)  # a path is long: let it show
        self.runs_root.edit.setToolTip(self.tr("Each run gets its own new folder here: settings, metrics and weights"))
        form.addRow(self.tr("Runs folder:"), self.runs_root)
        languages = {"": self.tr("System"), "en": "English", "zh_CN": "简体中文"}  # each language in its own words
        self.language = choice_combo(group, "languageCombo", languages)
        form.addRow(self.tr("Language:"), self.language)
        form.addRow("", wrapped_label(group, "languageNote", self.tr("The language changes at the next start.")))
        themes = {"system": self.tr("As the system"), "light": self.tr("Light"), "dark": self.tr("Dark")}
        self.theme = choice_combo(group, "themeCombo", themes)
        form.addRow(self.tr("Theme:"), self.theme)
        return group

    def _compute_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Training and inference"), self)
        form = QFormLayout(group)
        self.threads = int_spin(
            group,
            "settingsThreadsSpin",
            0,
            max(1, os.cpu_count() or 1),
            special=self.tr("All cores"),
            tip=self.tr(
                "How many CPU threads PyTorch uses to train and to run networks; fewer keeps the computer responsive"
            ),
        )
        form.addRow(self.tr("CPU threads:"), self.threads)
        labels = (
            self.tr("Automatic"),
            self.tr("float32"),
            self.tr("bfloat16 (mixed)"),
            self.tr("float16 (mixed, GPUs)"),
        )
        self.precision = choice_combo(group, "settingsPrecisionCombo", dict(zip(PRECISIONS, labels, strict=True)))
        self.precision.setToolTip(self.tr("The number format of the forward pass while training; weights stay float32"))
        form.addRow(self.tr("Precision:"), self.precision)
        return group

    def _cache_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Memory for caches"), self)
        form = QFormLayout(group)
        rows = (
            (app_settings.Key.CACHE_SPLITS_MB, "splitsCacheSpin", self.tr("Decoded datasets:")),
            (app_settings.Key.CACHE_DEMO_MB, "demoCacheSpin", self.tr("Demo images:")),
            (app_settings.Key.CACHE_BACKBONES_MB, "backbonesCacheSpin", self.tr("Pretrained networks:")),
        )
        self.cache_spins: dict[str, QSpinBox] = {}
        for key, name, label in rows:
            spin = int_spin(group, name, 0, _MAX_CACHE_MB, suffix=self.tr(" MiB"))
            spin.setToolTip(
                self.tr(
                    "Kept in memory so the next run or prediction does not load it again; the default is {0} MiB"
                ).format(round(app_settings.engine_budget_mb(key)))
            )
            self.cache_spins[key] = spin
            form.addRow(label, spin)
        return group

    def _show_current(self) -> None:
        config = self._window.session.config
        self.runs_root.edit.setText(str(app_settings.value(app_settings.Key.RUNS_ROOT)))
        select_data(self.language, str(app_settings.value(app_settings.Key.LANGUAGE) or ""))
        select_data(self.theme, str(app_settings.value(app_settings.Key.THEME) or "system"))
        self.threads.setValue(config.threads)
        select_data(self.precision, config.precision)
        for key, spin in self.cache_spins.items():
            megabytes = app_settings.cache_budget_mb(key)
            spin.setValue(round(app_settings.engine_budget_mb(key) if megabytes is None else megabytes))

    def restore_defaults(self) -> None:
        """The defaults in the form (applied on OK)."""
        from ...core.runs import default_runs_root

        self.runs_root.edit.setText(str(default_runs_root()))
        select_data(self.language, "")
        select_data(self.theme, "system")
        self.threads.setValue(0)
        select_data(self.precision, "auto")
        for key, spin in self.cache_spins.items():
            spin.setValue(round(app_settings.engine_budget_mb(key)))

    def _validate(self) -> bool:
        problem = runs_folder_problem(self.runs_root.edit.text())
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problem)
        return not problem

    # ---- OK ------------------------------------------------------------------------------
    def accept(self) -> None:
        if not self._validate():
            return
        self.apply()
        super().accept()

    def apply(self) -> None:
        """Store every setting of the form and apply it where it can be now."""
        w, key = self._window, app_settings.Key
        root = str(Path(self.runs_root.edit.text().strip()).expanduser())
        if root != str(app_settings.value(key.RUNS_ROOT)):
            app_settings.set_value(key.RUNS_ROOT, root)
            w.training_dock.set_runs_root(root)
            w.runs_dock.set_root(root)
        app_settings.set_value(key.LANGUAGE, self.language.currentData())
        theme = self.theme.currentData()
        app_settings.set_value(key.THEME, theme)
        follow_theme(w, apply_theme(theme))
        threads = self.threads.value()
        w.session.update_config(threads=threads, precision=self.precision.currentData())
        apply_threads(threads)  # now, unless a job is computing: then at the next training run
        for cache_key, spin in self.cache_spins.items():
            engine_default = round(app_settings.engine_budget_mb(cache_key))
            app_settings.set_value(cache_key, None if spin.value() == engine_default else spin.value())
        app_settings.apply_cache_budgets()
