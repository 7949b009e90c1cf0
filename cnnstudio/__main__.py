"""Entry point: ``cnnstudio`` opens the window; ``cnnstudio <command>`` runs headless."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] not in ("--gui",):
        from .cli import main as cli_main

        return cli_main(args)
    from .qt.app import run_app

    return run_app([a for a in args if a != "--gui"])


if __name__ == "__main__":
    sys.exit(main())
