"""Runtime files shipped as package data (icons), loaded by path."""

from __future__ import annotations

from importlib.resources import files

from PySide6.QtGui import QIcon

__all__ = ["resource_path", "app_icon"]


def resource_path(*parts: str) -> str:
    return str(files("cnnstudio").joinpath("resources", *parts))


def app_icon() -> QIcon:
    return QIcon(resource_path("icons", "cnnstudio.svg"))
