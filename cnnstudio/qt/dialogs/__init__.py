"""Dialogs used by the main window and the docks."""
