"""The interface language: which one, and the translators that speak it (cnnstudio's own and Qt's).

The language is the setting `settings.Key.LANGUAGE`: "" follows the system locale, else "en" or "zh_CN".
`install_translators(app)` installs, before any window is built (`app.run_app`), a `QTranslator` for
cnnstudio's compiled catalogue and one for Qt's own strings (``qtbase_zh_CN.qm``, shipped with PySide6:
the buttons of standard dialogs). Engine messages go through the same catalogue, in the "core" context
(see `texts.tr_message`).

The catalogue's source is ``cnnstudio/resources/i18n/cnnstudio_<lang>.ts``, kept in the repository; the
compiled ``.qm`` never is. `catalogue_path` finds one that is not older than its source: built next to
the package (``cnnstudio/resources/translations/``, by ``make run``/``make test``, or bundled by the
PyInstaller spec, where the ``.ts`` is absent), or in the user's cache folder; failing both it builds it
there with ``lrelease``, which comes with PySide6 (well under a second). If that fails an older catalogue
is used; with none at all the app speaks English and says so in one log line. The maintainer's side (lupdate, the engine messages, filling
translations from fragments) is ``packaging/i18n.py``.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
from importlib.resources import files
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QStandardPaths, QTranslator

from . import settings as app_settings

__all__ = [
    "ENGLISH",
    "LANGUAGES",
    "resolve_language",
    "source_path",
    "compiled_path",
    "qt_tool",
    "compile_catalogue",
    "catalogue_path",
    "install_translators",
    "remove_translators",
]

ENGLISH = "en"
LANGUAGES = (ENGLISH, "zh_CN")
"""The languages the interface speaks: the sources' English and every catalogue in resources/i18n."""

_log = logging.getLogger(__name__)
_installed: list[QTranslator] = []  # kept alive while installed (Qt does not own them)


def resolve_language(setting: str | None = None, system: QLocale | None = None) -> str:
    """The language to speak: the setting if it names one of `LANGUAGES`, else the system locale's
    (any Chinese locale reads the Simplified catalogue: it is the only Chinese one), else English.
    `setting` None reads `settings.Key.LANGUAGE`."""
    if setting is None:
        setting = str(app_settings.value(app_settings.Key.LANGUAGE) or "")
    if setting in LANGUAGES:
        return setting
    locale = system if system is not None else QLocale.system()
    if locale.language() == QLocale.Language.Chinese:
        return "zh_CN"
    return ENGLISH


def source_path(language: str) -> Path:
    """The catalogue's source, ``cnnstudio/resources/i18n/cnnstudio_<language>.ts`` (absent in a frozen app)."""
    return Path(str(files("cnnstudio.resources") / "i18n" / f"cnnstudio_{language}.ts"))


def compiled_path(language: str) -> Path:
    """Where the build puts the compiled catalogue next to the package (and the PyInstaller bundle has it)."""
    return Path(str(files("cnnstudio.resources") / "translations" / f"cnnstudio_{language}.qm"))


def qt_tool(name: str) -> Path | None:
    """A Qt tool that comes with PySide6 ("lrelease", "lupdate"): in the PySide6 package, else on the PATH."""
    import PySide6

    suffix = ".exe" if sys.platform == "win32" else ""
    for folder in (Path(PySide6.__file__).parent, Path(PySide6.__file__).parent / "Qt" / "bin"):
        candidate = folder / f"{name}{suffix}"
        if candidate.is_file():
            return candidate
    found = shutil.which(f"pyside6-{name}") or shutil.which(name)
    return Path(found) if found else None


def compile_catalogue(source: Path, target: Path) -> None:
    """Compile `source` (.ts) into `target` (.qm) with lrelease; OSError if it cannot (no lrelease, a
    broken .ts, a folder that cannot be written)."""
    lrelease = qt_tool("lrelease")
    if lrelease is None:
        raise OSError("lrelease (it comes with PySide6) was not found")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    done = subprocess.run(
        [str(lrelease), "-silent", str(source), "-qm", str(partial)], capture_output=True, text=True, timeout=60
    )
    if done.returncode != 0 or not partial.is_file():
        partial.unlink(missing_ok=True)
        raise OSError(f"lrelease failed on {source}: {(done.stderr or done.stdout).strip()}")
    partial.replace(target)  # whole or not at all: a reader never finds half a catalogue


def _current(compiled: Path, source: Path) -> bool:
    if not compiled.is_file():
        return False
    return not source.is_file() or compiled.stat().st_mtime >= source.stat().st_mtime


def _cache_folder() -> Path:
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.CacheLocation)) / "translations"


def catalogue_path(language: str, cache_folder: Path | None = None) -> Path | None:
    """The compiled catalogue for `language`, built into `cache_folder` (default: the user's cache
    folder) if none is up to date; None for English, or when none can be had (logged once)."""
    if language == ENGLISH:
        return None
    source = source_path(language)
    shipped = compiled_path(language)
    if _current(shipped, source) or (getattr(sys, "frozen", False) and shipped.is_file()):
        return shipped  # a frozen app's files carry the build's times, whatever the order they were copied in
    cached = (cache_folder or _cache_folder()) / shipped.name
    if _current(cached, source):
        return cached
    if not source.is_file():
        _log.warning("No %s translation in this installation; the interface stays in English.", language)
        return None
    try:
        compile_catalogue(source, cached)
    except (OSError, subprocess.SubprocessError) as error:
        stale = next((path for path in (shipped, cached) if path.is_file()), None)
        if stale is not None:  # an older catalogue beats none
            _log.warning("Cannot rebuild the %s translation (%s); using %s.", language, error, stale)
            return stale
        _log.warning("Cannot build the %s translation (%s); the interface stays in English.", language, error)
        return None
    return cached


def _qt_catalogue(language: str) -> QTranslator | None:
    translator = QTranslator()
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    return translator if translator.load(f"qtbase_{language}", folder) else None


def install_translators(
    app: QCoreApplication | None = None, language: str | None = None, cache_folder: Path | None = None
) -> str:
    """Make `app` (default: the running one) speak `language` (default: `resolve_language()`): replaces
    any translators installed here before. Returns the language it speaks ("en" when the catalogue is
    missing). Call it before building windows: texts set earlier stay as they were."""
    app = app or QCoreApplication.instance()
    language = language or resolve_language()
    remove_translators(app)
    path = catalogue_path(language, cache_folder)
    if path is None:
        return ENGLISH
    own = QTranslator()
    if not own.load(str(path)):
        _log.warning("Cannot load the translation %s; the interface stays in English.", path)
        return ENGLISH
    for translator in (own, _qt_catalogue(language)):
        if translator is not None and app.installTranslator(translator):
            _installed.append(translator)
    return language


def remove_translators(app: QCoreApplication | None = None) -> None:
    """Back to the sources' English: remove every translator `install_translators` installed."""
    app = app or QCoreApplication.instance()
    while _installed:
        translator = _installed.pop()
        if app is not None:
            app.removeTranslator(translator)
