"""The frozen app's entry point: the same `main` as the `cnnstudio` script (commands, or the window)."""

import multiprocessing
import sys

from cnnstudio.__main__ import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # DataLoader workers started with spawn (Windows, macOS) re-enter here
    sys.exit(main())
