"""Engine messages in the user's language.

The engine describes progress, log lines and errors as `core.messages.Message`s (an id, an English
template and arguments). `tr_message` looks the template up in the "core" translation context, with
the id as disambiguation, and fills in the arguments, so the GUI never shows a sentence the
translation could not reach.
"""

from __future__ import annotations

import re
from dataclasses import replace

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from ..core.messages import Message, format_message

__all__ = ["tr_message", "tr_word", "without_mnemonic"]


# Plain words the engine puts into its messages' fields (a split's name) or names things with (the demo
# dataset): translated as words, in these fields only, so that a class called "test" stays "test".
_WORDS = frozenset(
    (
        QT_TRANSLATE_NOOP("EngineWords", "train"),
        QT_TRANSLATE_NOOP("EngineWords", "validation"),
        QT_TRANSLATE_NOOP("EngineWords", "test"),
        QT_TRANSLATE_NOOP("EngineWords", "Demo shapes"),
    )
)
_WORD_FIELDS = frozenset(("split", "splits"))


def tr_word(value: str) -> str:
    """One of the engine's plain words (split names, the demo dataset's name) in the user's language; any
    other text as it is."""
    return QCoreApplication.translate("EngineWords", value) if value in _WORDS else value


def _with_words(message: Message) -> Message:
    args = tuple(
        (key, tr_word(value) if key in _WORD_FIELDS and isinstance(value, str) else value)
        for key, value in message.args
    )
    return message if args == message.args else replace(message, args=args)


def _translate(message_id: str, template: str) -> str:
    return QCoreApplication.translate("core", template, message_id)


def tr_message(message: Message | str | None) -> str:
    """The message translated for the user; "" for None."""
    if message is None:
        return ""
    if isinstance(message, Message):
        message = _with_words(message)
    return format_message(message, _translate)


_MNEMONIC = re.compile(r"\s*\(&[^)]\)|&(?=[^&])")


def without_mnemonic(text: str) -> str:
    """A menu text for a button: "&Train" → "Train", and a translation's "训练(&T)" → "训练" (not "训练(T)")."""
    return _MNEMONIC.sub("", text).replace("&&", "&")
