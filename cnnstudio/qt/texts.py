"""Engine messages in the user's language.

The engine describes progress, log lines and errors as `core.messages.Message`s (an id, an English
template and arguments). `tr_message` looks the template up in the "core" translation context, with
the id as disambiguation, and fills in the arguments, so the GUI never shows a sentence the
translation could not reach.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication

from ..core.messages import Message, format_message

__all__ = ["tr_message", "without_mnemonic"]


def _translate(message_id: str, template: str) -> str:
    return QCoreApplication.translate("core", template, message_id)


def tr_message(message: Message | str | None) -> str:
    """The message translated for the user; "" for None."""
    if message is None:
        return ""
    return format_message(message, _translate)


_MNEMONIC = re.compile(r"\s*\(&[^)]\)|&(?=[^&])")


def without_mnemonic(text: str) -> str:
    """A menu text for a button: "&Train" → "Train", and a translation's "训练(&T)" → "训练" (not "训练(T)")."""
    return _MNEMONIC.sub("", text).replace("&&", "&")
