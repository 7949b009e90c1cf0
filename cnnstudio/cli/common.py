"""What every command shares: exit codes, argument types, the progress bar, running a job step."""

from __future__ import annotations

import argparse
import math
import sys
import time
from pathlib import Path
from typing import TextIO

__all__ = [
    "EXIT_USER_ERROR",
    "EXIT_FAILED",
    "EXIT_INTERRUPTED",
    "UsageError",
    "Parser",
    "positive_int",
    "positive_float",
    "fraction",
    "per_class",
    "missing_dataset_folder",
    "early_complaint",
    "ProgressBar",
    "run_step",
    "load_dataset",
    "tolerant_console",
    "add_network_arguments",
    "network_source",
    "open_network",
]

EXIT_USER_ERROR = 2
EXIT_FAILED = 1
EXIT_INTERRUPTED = 130


def tolerant_console() -> None:
    """Let stdout and stderr write any text, whatever the console's encoding.

    A character the console cannot encode (Chinese class names on a cp1252 console, a Latin-1 file
    name held as a lone surrogate) is written as a backslash escape instead of ending the command
    with a UnicodeEncodeError. Inside ``--json`` output such an escape is still valid JSON and reads
    back as the same string.
    """
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)  # absent on a replaced stream (pytest, pythonw)
        if reconfigure is not None:
            try:
                reconfigure(errors="backslashreplace")
            except (ValueError, OSError):  # a closed or detached stream: leave it as it is
                pass


class UsageError(Exception):
    pass


class Parser(argparse.ArgumentParser):
    """argparse that raises instead of printing usage and exiting, so errors stay one line."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{self.prog}: {message}")


def _number(text: str, convert, ok, kind: str, expected: str):
    """`text` as a number of `kind` that passes `ok`, or argparse's one-line error saying what was expected."""
    try:
        value = convert(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected {kind}, got {text!r}") from None
    if not ok(value):
        raise argparse.ArgumentTypeError(f"must be {expected}, got {text}")
    return value


def positive_int(text: str) -> int:
    return _number(text, int, lambda v: v >= 1, "a whole number", "at least 1")


def positive_float(text: str) -> float:
    return _number(text, float, lambda v: v > 0 and math.isfinite(v), "a number", "a positive number")


def fraction(text: str) -> float:
    return _number(text, float, lambda v: 0 <= v < 1, "a fraction like 0.2", "at least 0 and below 1")


def per_class(text: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for part in text.split(","):
        split, _, number = part.partition("=")
        split = {"val": "validation"}.get(split.strip(), split.strip())
        if split not in ("train", "validation", "test") or not number.strip().isdigit():
            raise argparse.ArgumentTypeError(f"expected train=N,validation=N,test=N, got {text!r}")
        counts[split] = int(number)
    return counts


def load_dataset(
    spec: str,
    seed: int,
    val_split: float = 0.15,
    test_split: float = 0.15,
    bar: ProgressBar | None = None,
    decode_for=None,
):
    """The demo set or a scanned folder; `decode_for` (a TrainConfig) makes the scan keep each file's
    pixels at the run's size and channels, so training decodes nothing again."""
    from ..core.data import demo_dataset, scan_folder

    if spec == "demo":
        return demo_dataset(seed)
    keep = {}
    if decode_for is not None:
        size = (decode_for.image_size, decode_for.image_size)
        keep = {"decode_size": size, "channels": decode_for.channels, "cache_mb": decode_for.cache_mb}
    return run_step(scan_folder(spec, val_fraction=val_split, test_fraction=test_split, seed=seed, **keep), bar)


class ProgressBar:
    """A one-line progress bar for terminals; silent when stdout is not a terminal."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.enabled = stream.isatty()
        self._last = 0.0

    def show(self, text: str, fraction: float, force: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if not force and now - self._last < 0.1:
            return
        self._last = now
        width = 28
        filled = int(round(max(0.0, min(1.0, fraction)) * width))
        self.stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {text}\x1b[K")
        self.stream.flush()

    def clear(self) -> None:
        if self.enabled:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


def run_step(gen, bar: ProgressBar | None, *, warnings: bool = True, megabytes: bool = False):
    """Run a core job step to its result, showing its progress on `bar` and its warnings on stderr."""
    from ..core.events import LogMessage, Progress

    while True:
        try:
            event = next(gen)
        except StopIteration as stop:
            if bar is not None:
                bar.clear()
            return stop.value
        if bar is not None and isinstance(event, Progress) and event.total:
            done = (
                f"{event.done / 2**20:.1f}/{event.total / 2**20:.1f} MiB"
                if megabytes
                else f"{event.done}/{event.total}"
            )
            bar.show(f"{event.message} {done}", event.done / event.total)
        elif warnings and isinstance(event, LogMessage) and event.level != "info":
            if bar is not None:
                bar.clear()
            print(f"warning: {event.message}", file=sys.stderr)


def missing_dataset_folder(path: str, *, demo: bool = False) -> str | None:
    """The one-line complaint about a dataset argument that is not a folder, or None when it is one."""
    hint = "a folder of class folders" + (" or 'demo'" if demo else "")
    if Path(path).is_dir() or (demo and path == "demo"):
        return None
    if Path(path).exists():
        return f"cnnstudio: {path} is a file, not a folder; give {hint}."
    return f"cnnstudio: the dataset folder {path} does not exist; give {hint}."


# Commands whose first positional argument is a dataset folder: (the command's words, whether "demo" is one).
_DATASET_FIRST: tuple[tuple[tuple[str, ...], bool], ...] = (
    (("train",), True),
    (("depth",), True),
    (("data", "inspect"), False),
    (("data", "subset"), False),
)


def early_complaint(argv: list[str]) -> str | None:
    """The complaint about a missing dataset folder that can be made before the engine is imported, or None.

    Building the parser imports the engine (its choices and defaults come from there), and with it
    torch: seconds. A mistyped folder is answered at once instead, with the command's own message.
    Only the unambiguous case is checked: the word right after the command is its first positional
    argument when it is not an option. Help requests are left to the parser.
    """
    if any(arg in ("-h", "--help") for arg in argv):
        return None
    for words, demo in _DATASET_FIRST:
        n = len(words)
        if tuple(argv[:n]) == words and len(argv) > n and not argv[n].startswith("-"):
            return missing_dataset_folder(argv[n], demo=demo)
    return None


def add_network_arguments(p: argparse.ArgumentParser, *, images: bool) -> None:
    """``(RUN_DIR | --backbone NAME)``, then IMAGE... when the command takes images (as `cnnstudio predict`)."""
    from ..core.pretrained import BACKBONES

    p.add_argument("run", metavar="RUN_DIR", nargs="?", help="a run folder written by cnnstudio train (or --backbone)")
    if images:
        p.add_argument("images", metavar="IMAGE", nargs="*", help="image files")
    p.add_argument("--backbone", choices=list(BACKBONES), default=None, help="a pretrained network instead of a run")


def network_source(args: argparse.Namespace) -> tuple[dict[str, str], list[str]]:
    """({"backbone": NAME} or {"run_dir": DIR}, the images) from `add_network_arguments`'s options.

    With --backbone, the first positional argument is an image, not a run folder.
    """
    from ..core.errors import UserError
    from ..core.messages import msg

    images = list(getattr(args, "images", []) or [])
    if args.backbone and args.run:
        images.insert(0, args.run)
    if not args.backbone and not args.run:
        raise UserError(msg("cli.no_network"))
    return ({"backbone": args.backbone} if args.backbone else {"run_dir": args.run}), images


def open_network(source: dict[str, str]):
    """The `Subject` (core.visualize) for `network_source`'s first value."""
    from ..core.visualize import open_subject

    return open_subject(**source)
