"""Errors a user can cause and fix.

Every message names the thing and the reason and says what to do. The GUI shows them as they are;
the CLI prints them on one line and exits with status 2. Anything that is *not* a `UserError` is a bug
and is reported with its traceback.
"""

from __future__ import annotations

__all__ = ["UserError", "DatasetError", "ModelSpecError", "RunFolderError"]


class UserError(Exception):
    """A problem with the user's input, with a message that says what to do about it."""


class DatasetError(UserError):
    """A dataset folder that cannot be used (missing, empty, fewer than two classes, ...)."""


class ModelSpecError(UserError):
    """A layer stack that cannot work; `layer_index` names the failing row (or None)."""

    def __init__(self, message: str, layer_index: int | None = None) -> None:
        super().__init__(message)
        self.layer_index = layer_index


class RunFolderError(UserError):
    """A run folder that cannot be created or read."""
