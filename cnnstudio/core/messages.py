"""Engine messages with an id and arguments, so every front end can say them in its own language.

The engine never builds a finished English sentence for the user. Every message has a stable id, and
its English template lives in one catalogue, ``cnnstudio/resources/messages/en.json`` (the source the
translations are made from)::

    "data.loading": "Loading {split} images"

    yield Progress(msg("data.loading", split="train"), done, total)

A `Message` is plain, immutable data (it crosses threads inside events and errors). ``str(message)``
is the English text, which the CLI prints. The GUI passes a `translate` callable to `format_message`
(Qt's ``QCoreApplication.translate("core", template, id)``), so the Simplified Chinese catalogue
translates the template and the arguments are filled in afterwards. Arguments may themselves be
messages (a skip reason inside a log line); they are translated too. `catalogue()` lists every
template, for the translation tools and for a test that checks every id the code uses.
"""

from __future__ import annotations

import json
import string
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from importlib.resources import files
from typing import Any

__all__ = [
    "Message",
    "MessageTemplate",
    "define",
    "msg",
    "template",
    "text",
    "format_message",
    "format_duration",
    "catalogue",
    "Translate",
]

Translate = Callable[[str, str], str]
"""``translate(id, english_template) -> template`` in the user's language."""

_REGISTRY: dict[str, str] = {}
_LOCK = threading.Lock()


@dataclass(frozen=True)
class Message:
    """One message: its id, its English template and the values of the template's fields."""

    id: str
    template: str
    args: tuple[tuple[str, Any], ...] = field(default=())

    def __str__(self) -> str:
        return format_message(self)

    @property
    def arguments(self) -> dict[str, Any]:
        return dict(self.args)


@dataclass(frozen=True)
class MessageTemplate:
    """A defined message; call it with the template's fields to make a `Message`."""

    id: str
    template: str
    fields: frozenset[str]

    def __call__(self, **args: Any) -> Message:
        missing = self.fields - args.keys()
        extra = args.keys() - self.fields
        if missing or extra:
            raise TypeError(f"message {self.id}: missing {sorted(missing)}, unexpected {sorted(extra)}")
        return Message(self.id, self.template, tuple(sorted(args.items())))


def _fields(template: str) -> frozenset[str]:
    names = set()
    for _literal, name, _spec, _conversion in string.Formatter().parse(template):
        if name is not None:
            if not name.isidentifier():
                raise ValueError(f"message fields must be named: {template!r}")
            names.add(name)
    return frozenset(names)


def define(message_id: str, template: str) -> MessageTemplate:
    """Register a message once per id (defining the same id with another template is a bug)."""
    with _LOCK:
        known = _REGISTRY.get(message_id)
        if known is not None and known != template:
            raise ValueError(f"message id {message_id!r} is already defined as {known!r}")
        _REGISTRY[message_id] = template
    return MessageTemplate(message_id, template, _fields(template))


_TEXT = define("text", "{text}")


def _load_catalogue() -> None:
    source = files("cnnstudio.resources") / "messages" / "en.json"
    for message_id, english in json.loads(source.read_text(encoding="utf-8")).items():
        define(message_id, english)


_load_catalogue()


def template(message_id: str) -> MessageTemplate:
    """The catalogue's message `message_id` (a `KeyError` naming it if the catalogue has none)."""
    with _LOCK:
        english = _REGISTRY.get(message_id)
    if english is None:
        raise KeyError(f"no message {message_id!r} in the catalogue (cnnstudio/resources/messages/en.json)")
    return MessageTemplate(message_id, english, _fields(english))


def msg(message_id: str, /, **args: Any) -> Message:
    """The catalogue's message `message_id` with its fields filled in: ``msg("data.loading", split="train")``."""
    return template(message_id)(**args)


def text(value: str) -> Message:
    """A message that is already text the engine did not write (a path, an error from the OS or a library)."""
    return _TEXT(text=value)


def format_message(message: Message | str, translate: Translate | None = None) -> str:
    """The message as text: English, or through `translate` (id, English template) -> template."""
    if isinstance(message, str):
        return message
    template = message.template if translate is None else translate(message.id, message.template)
    values: Mapping[str, Any] = {
        key: format_message(value, translate) if isinstance(value, Message) else value for key, value in message.args
    }
    try:
        return template.format_map(values)
    except (KeyError, IndexError, ValueError):  # a translation with a broken field: fall back to English
        return message.template.format_map(values)


def catalogue() -> dict[str, str]:
    """Every message defined so far (id -> English template); import the engine's modules first."""
    with _LOCK:
        return dict(_REGISTRY)


def format_duration(seconds: float) -> str:
    """A duration as a clock reads it: "4:05", or "1:02:03" past an hour (the same in every language)."""
    seconds = int(max(0, round(seconds)))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
