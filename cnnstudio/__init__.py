"""cnnstudio: a desktop studio for convnets on small image datasets."""

__version__ = "0.1.0"

# `--version` and `-V`, answered by the command line and the window's entry point before torch or Qt is imported.
VERSION_FLAGS = ("-V", "--version")


def version_line() -> str:
    """What ``cnnstudio --version`` prints: "cnnstudio X.Y.Z"."""
    return f"cnnstudio {__version__}"
