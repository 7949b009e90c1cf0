"""Widgets shared by several docks: image views, drop targets."""
