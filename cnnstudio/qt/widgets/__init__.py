"""Widgets shared by several docks and dialogs: the `Dock` base, form pieces, folder fields, image views, drop targets."""
