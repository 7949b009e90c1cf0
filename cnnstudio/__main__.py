"""Entry point: ``cnnstudio`` opens the window; ``cnnstudio <command>`` runs headless."""

from __future__ import annotations

import sys

from . import VERSION_FLAGS, version_line


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    from .cli import window_path  # torch-free

    if args and args[0] not in ("--gui",) and window_path(args) is None:
        from .cli import main as cli_main

        return cli_main(args)
    gui_args = [a for a in args if a != "--gui"]  # `cnnstudio FOLDER`: the folder goes through run_app to the window
    if gui_args[:1] and gui_args[0] in VERSION_FLAGS:  # `cnnstudio --gui --version`: no window, no torch
        print(version_line())
        return 0
    from .qt.app import run_app

    return run_app(gui_args)


if __name__ == "__main__":
    sys.exit(main())
