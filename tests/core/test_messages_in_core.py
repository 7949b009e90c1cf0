"""The engine says nothing to a user in finished English: every event and user error carries a Message.

Parses the engine's source: an event (Progress, LogMessage, Finished, Failed, Cancelled) or a user
error raised with a string literal, an f-string or a ``.format`` call would reach the GUI as text the
translation can never find. Messages are made with `define`d templates instead.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path

import cnnstudio
import cnnstudio.core
from cnnstudio.core.messages import catalogue, template

CORE = Path(cnnstudio.core.__file__).parent
PACKAGE = Path(cnnstudio.__file__).parent
EVENTS = {"Progress", "LogMessage", "Finished", "Failed", "Cancelled"}
TEXT_POSITION = {"Finished": 1}  # Finished(result, message)


def _is_text(node: ast.AST) -> bool:
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return True
    if isinstance(node, ast.BinOp):  # "..." + x
        return _is_text(node.left) or _is_text(node.right)
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format"


def _callee(node: ast.Call) -> str:
    func = node.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


def _offenders() -> list[str]:
    offenders = []
    for path in sorted(CORE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                name = _callee(node)
                position = TEXT_POSITION.get(name, 0)
                is_error = name.endswith("Error") and name[:1].isupper()
                if (name in EVENTS or is_error) and len(node.args) > position and _is_text(node.args[position]):
                    offenders.append(f"{path.relative_to(CORE)}:{node.lineno}: {name}(...)")
    return offenders


def test_events_and_errors_of_the_engine_carry_messages_not_english_text():
    # ValueError/TypeError/KeyError are for programming errors (never shown to a user as such).
    allowed = ("ValueError", "TypeError", "KeyError", "RuntimeError", "NotImplementedError", "AttributeError")
    found = [o for o in _offenders() if not o.endswith(tuple(f"{a}(...)" for a in allowed))]
    assert found == []


def _message_calls() -> list[tuple[str, int, str, set[str] | None]]:
    """Every ``msg("id", ...)`` and ``template("id")`` in the package: (file, line, id, keywords or None)."""
    calls = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and _callee(node) in ("msg", "template") and node.args:
                first = node.args[0]
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    keywords = None if _callee(node) == "template" else {k.arg for k in node.keywords}
                    calls.append((str(path.relative_to(PACKAGE)), node.lineno, first.value, keywords))
    return calls


def test_every_message_the_code_uses_is_in_the_catalogue_with_exactly_its_fields():
    templates = catalogue()
    problems = []
    for where, line, message_id, keywords in _message_calls():
        if message_id not in templates:
            problems.append(f"{where}:{line}: {message_id} is not in the catalogue")
        elif keywords is not None and None not in keywords and keywords != template(message_id).fields:
            problems.append(f"{where}:{line}: {message_id} takes {sorted(template(message_id).fields)}")
    assert problems == []


def test_every_catalogue_entry_is_used_and_well_formed():
    used = {message_id for _, _, message_id, _ in _message_calls()}
    entries = json.loads((PACKAGE / "resources" / "messages" / "en.json").read_text(encoding="utf-8"))
    assert sorted(set(entries) - used) == []
    for message_id, english in entries.items():
        assert "." in message_id and english and english == english.strip(), message_id
