"""The translations' maintainer tool: keep cnnstudio_<lang>.ts in step with the sources, fill it, compile it.

    python packaging/i18n.py update [--drop-obsolete]   lupdate over the Qt code + the engine messages
    python packaging/i18n.py fill FRAGMENT.json...      translations from JSON fragments
    python packaging/i18n.py build                      the .qm next to the package (cnnstudio/resources/translations)
    python packaging/i18n.py status                     how many entries are unfinished

`update` runs PySide6's ``lupdate`` over every module of cnnstudio that imports PySide6 (``self.tr()``,
``QCoreApplication.translate(context, text)``), and adds the "core" context from
``cnnstudio/resources/messages/en.json``: one message per id, source = the English template, comment
(disambiguation) = the id, as `cnnstudio.qt.texts.tr_message` asks for it. Translations already made are
kept; an engine message whose English changed keeps its old translation, marked unfinished for review;
entries that vanished from the sources are marked ``vanished`` (lrelease ignores them) or, with
``--drop-obsolete``, removed. No line numbers are written (``-locations none``), so the file changes only
when a string does.

A fragment is a JSON list of ``{"context", "source", "comment" ("" if none), "translation"}``. `fill`
refuses a translation whose placeholders ({0}, {name}, {count:,}, %n, %1) or mnemonic (&O) differ from
its source's, and leaves that entry unfinished. Imports neither torch nor Qt, except to compile (lrelease
is found through cnnstudio.qt.i18n).
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from xml.sax.saxutils import escape

__all__ = [
    "ROOT",
    "LANGUAGE",
    "CORE_CONTEXT",
    "Entry",
    "ts_path",
    "read_ts",
    "write_ts",
    "qt_source_files",
    "scan_qt",
    "core_entries",
    "source_entries",
    "merge",
    "update",
    "fill",
    "placeholders",
    "mnemonic",
    "build",
    "main",
]

ROOT = Path(__file__).resolve().parents[1]
LANGUAGE = "zh_CN"
CORE_CONTEXT = "core"


@dataclass(frozen=True)
class Entry:
    context: str
    source: str
    comment: str = ""
    translation: str = ""
    finished: bool = False
    obsolete: bool = False
    numerus: bool = False

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.context, self.source, self.comment)


def ts_path(root: Path = ROOT, language: str = LANGUAGE) -> Path:
    return Path(root) / "cnnstudio" / "resources" / "i18n" / f"cnnstudio_{language}.ts"


def read_ts(path: Path) -> list[Entry]:
    """Every message of a .ts file, in file order."""
    entries = []
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            kind = translation.get("type", "") if translation is not None else "unfinished"
            forms = [form.text or "" for form in translation.iter("numerusform")] if translation is not None else []
            text = forms[0] if forms else (translation.text or "" if translation is not None else "")
            entries.append(
                Entry(
                    context=name,
                    source=message.findtext("source") or "",
                    comment=message.findtext("comment") or "",
                    translation=text,
                    finished=kind == "",
                    obsolete=kind in ("vanished", "obsolete"),
                    numerus=message.get("numerus") == "yes",
                )
            )
    return entries


def _text(value: str) -> str:
    return escape(value, {'"': "&quot;", "'": "&apos;"})


def write_ts(path: Path, entries: list[Entry], language: str = LANGUAGE) -> None:
    """Write `entries` as a .ts file, contexts sorted by name, messages in the given order."""
    contexts: dict[str, list[Entry]] = {}
    for entry in entries:
        contexts.setdefault(entry.context, []).append(entry)
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        "<!DOCTYPE TS>",
        f'<TS version="2.1" language="{language}" sourcelanguage="en">',
    ]
    for name in sorted(contexts):
        lines += ["<context>", f"    <name>{_text(name)}</name>"]
        for entry in contexts[name]:
            lines.append('    <message numerus="yes">' if entry.numerus else "    <message>")
            lines.append(f"        <source>{_text(entry.source)}</source>")
            if entry.comment:
                lines.append(f"        <comment>{_text(entry.comment)}</comment>")
            kind = ' type="vanished"' if entry.obsolete else ("" if entry.finished else ' type="unfinished"')
            body = _text(entry.translation)
            if entry.numerus:
                body = f"<numerusform>{body}</numerusform>"
            lines.append(f"        <translation{kind}>{body}</translation>")
            lines.append("    </message>")
        lines.append("</context>")
    lines.append("</TS>")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def qt_source_files(root: Path = ROOT) -> list[Path]:
    """Every module of cnnstudio that imports PySide6 (the engine and the CLI never do)."""
    package = Path(root) / "cnnstudio"
    return sorted(p for p in package.rglob("*.py") if "PySide6" in p.read_text(encoding="utf-8"))


def _tool(name: str) -> str:
    sys.path.insert(0, str(ROOT))
    from cnnstudio.qt.i18n import qt_tool

    found = qt_tool(name)
    if found is None:
        raise SystemExit(f"{name} was not found: it comes with PySide6 (pip install PySide6)")
    return str(found)


def scan_qt(root: Path = ROOT) -> list[Entry]:
    """The strings lupdate finds in the Qt code (untranslated), in its order."""
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "scan.ts"
        files = [str(p) for p in qt_source_files(root)]
        command = [_tool("lupdate"), "-silent", "-locations", "none", "-extensions", "py", *files, "-ts", str(target)]
        subprocess.run(command, check=True, capture_output=True, text=True, timeout=120)
        return [replace(e, translation="", finished=False) for e in read_ts(target) if not e.obsolete]


def core_entries(root: Path = ROOT) -> list[Entry]:
    """The engine messages: context "core", source the English template, comment the id (sorted by id)."""
    catalogue = json.loads((Path(root) / "cnnstudio" / "resources" / "messages" / "en.json").read_text("utf-8"))
    return [Entry(CORE_CONTEXT, english, message_id) for message_id, english in sorted(catalogue.items())]


def source_entries(root: Path = ROOT) -> list[Entry]:
    """Every string the .ts must hold: the Qt code's and the engine's."""
    return [e for e in scan_qt(root) if e.context != CORE_CONTEXT] + core_entries(root)


def merge(old: list[Entry], new: list[Entry], drop_obsolete: bool = False) -> list[Entry]:
    """`new`'s entries with `old`'s translations; an engine message whose English changed keeps its old
    translation, unfinished; what vanished is kept as obsolete (if it was translated) unless `drop_obsolete`."""
    by_key = {e.key: e for e in old}
    by_id = {e.comment: e for e in old if e.context == CORE_CONTEXT and e.comment and e.translation}
    merged, used = [], set()
    for entry in new:
        known = by_key.get(entry.key)
        if known is not None:
            merged.append(replace(entry, translation=known.translation, finished=known.finished and not known.obsolete))
            used.add(known.key)
        elif entry.context == CORE_CONTEXT and entry.comment in by_id:
            merged.append(replace(entry, translation=by_id[entry.comment].translation, finished=False))
        else:
            merged.append(entry)
    if not drop_obsolete:
        merged += [replace(e, obsolete=True, finished=False) for e in old if e.key not in used and e.translation]
    return merged


def update(path: Path | None = None, root: Path = ROOT, drop_obsolete: bool = False) -> list[Entry]:
    path = path or ts_path(root)
    old = read_ts(path) if path.is_file() else []
    entries = merge(old, source_entries(root), drop_obsolete)
    write_ts(path, entries)
    return entries


_FIELD = re.compile(r"\{\{|\}\}|\{[^{}]*\}|%n|%L?\d")


def placeholders(text: str) -> Counter:
    """The placeholders of a text, counted: Python format fields ({0}, {name}, {count:,}) and Qt's (%n, %1)."""
    return Counter(m for m in _FIELD.findall(text) if m not in ("{{", "}}"))


def mnemonic(text: str) -> str:
    """The mnemonic letter of a text ("&Open" → "o"), "" if none (a doubled && is a plain ampersand)."""
    found = re.search(r"(?<!&)&([^&\s])", text.replace("&&", ""))
    return found.group(1).lower() if found else ""


@dataclass
class FillReport:
    filled: int = 0
    unchanged: int = 0
    unknown: list = field(default_factory=list)
    rejected: list = field(default_factory=list)


def fill(path: Path, fragments: list[Path]) -> FillReport:
    """Fill `path`'s translations from JSON fragments; entries they do not name are left as they are."""
    entries = read_ts(path)
    index = {e.key: i for i, e in enumerate(entries) if not e.obsolete}
    report = FillReport()
    for fragment in fragments:
        for item in json.loads(Path(fragment).read_text(encoding="utf-8")):
            key = (item["context"], item["source"], item.get("comment") or "")
            translation = item.get("translation") or ""
            where = index.get(key)
            if where is None:
                report.unknown.append(key)
                continue
            if not translation.strip() or placeholders(translation) != placeholders(key[1]):
                report.rejected.append((key, translation))
                continue
            if mnemonic(key[1]) != mnemonic(translation):
                report.rejected.append((key, translation))
                continue
            entry = entries[where]
            if entry.finished and entry.translation == translation:
                report.unchanged += 1
                continue
            entries[where] = replace(entry, translation=translation, finished=True)
            report.filled += 1
    write_ts(path, entries)
    return report


def build(root: Path = ROOT, language: str = LANGUAGE) -> Path:
    """Compile the .ts into cnnstudio/resources/translations/cnnstudio_<language>.qm (for make and the spec)."""
    sys.path.insert(0, str(ROOT))
    from cnnstudio.qt.i18n import compile_catalogue

    target = Path(root) / "cnnstudio" / "resources" / "translations" / f"cnnstudio_{language}.qm"
    compile_catalogue(ts_path(root, language), target)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="packaging/i18n.py", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("update", help="lupdate + engine messages").add_argument("--drop-obsolete", action="store_true")
    commands.add_parser("fill", help="translations from JSON fragments").add_argument("fragments", nargs="+")
    commands.add_parser("build", help="compile the .qm")
    commands.add_parser("status", help="count unfinished entries")
    args = parser.parse_args(argv)
    path = ts_path()
    if args.command == "update":
        entries = update(path, drop_obsolete=args.drop_obsolete)
        print(f"{path.relative_to(ROOT)}: {sum(not e.obsolete for e in entries)} entries")
    elif args.command == "fill":
        report = fill(path, [Path(f) for f in args.fragments])
        print(f"filled {report.filled}, unchanged {report.unchanged}, not in the .ts {len(report.unknown)}")
        for key, translation in report.rejected:
            print(f"rejected (placeholders or mnemonic differ): {key[0]} {key[1]!r} -> {translation!r}")
        for key in report.unknown[:20]:
            print(f"not in the .ts: {key[0]} {key[1]!r}")
    elif args.command == "build":
        print(build().relative_to(ROOT))
    entries = [e for e in read_ts(path) if not e.obsolete]
    unfinished = [e for e in entries if not e.finished]
    if args.command == "status":
        for entry in unfinished:
            print(f"unfinished: {entry.context} {entry.source!r}")
    print(f"{len(entries) - len(unfinished)} of {len(entries)} translated")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
