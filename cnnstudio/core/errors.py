"""Errors a user can cause and fix.

Every message names the thing and the reason and says what to do. A `UserError` carries a
`Message` (an id, an English template and its arguments), so the GUI shows it in the user's language
and the CLI prints it in English on one line and exits with status 2. Anything that is *not* a
`UserError` is a bug and is reported with its traceback.
"""

from __future__ import annotations

from .messages import Message, text

__all__ = ["UserError", "DatasetError", "ModelSpecError", "RunFolderError"]


class UserError(Exception):
    """A problem with the user's input, with a message that says what to do about it."""

    def __init__(self, message: Message | str) -> None:
        self.message: Message = message if isinstance(message, Message) else text(message)
        super().__init__(str(self.message))

    def __reduce__(self):  # pickles with its Message (errors cross process boundaries in tests and workers)
        return (self.__class__._rebuild, (self.__class__, self.message, self.__dict__))

    @staticmethod
    def _rebuild(cls, message: Message, state: dict):
        error = cls.__new__(cls)
        Exception.__init__(error, str(message))
        error.__dict__.update(state)
        return error


class DatasetError(UserError):
    """A dataset folder that cannot be used (missing, empty, fewer than two classes, ...)."""


class ModelSpecError(UserError):
    """A layer stack that cannot work; `layer_index` names the failing row (or None)."""

    def __init__(self, message: Message | str, layer_index: int | None = None) -> None:
        super().__init__(message)
        self.layer_index = layer_index


class RunFolderError(UserError):
    """A run folder that cannot be created or read."""
