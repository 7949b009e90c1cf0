"""The engine says nothing to a user in finished English: every event and user error carries a Message.

Parses the engine's source: an event (Progress, LogMessage, Finished, Failed, Cancelled) or a user
error raised with a string literal, an f-string or a ``.format`` call would reach the GUI as text the
translation can never find. Messages are made with `define`d templates instead.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
from pathlib import Path

import cnnstudio.core
from cnnstudio.core.messages import catalogue

CORE = Path(cnnstudio.core.__file__).parent
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


def test_every_message_template_is_defined_once_with_named_fields():
    for info in pkgutil.walk_packages(cnnstudio.core.__path__, "cnnstudio.core."):
        importlib.import_module(info.name)
    templates = catalogue()
    assert len(templates) > 50
    for message_id, template in templates.items():
        assert message_id == "text" or "." in message_id, message_id
        assert template.strip() == template and template, message_id
