# One command to run the app, one to test it; both set up everything from nothing.
#   make run     create .venv if missing, install cnnstudio (editable) and start the window
#   make test    the same with the test extra, then the gates (ruff lint and format, import contracts) and the suite headless
#   make lint    only the gates
#   make bench   the benchmarks in bench/ (figures as ratios against baselines run side by side)
#   make screenshots  retake the window's and every dock's picture in resources/screenshots/
#   make package the one-folder app in dist/cnnstudio (PyInstaller, packaging/cnnstudio.spec), smoke-tested
#   make translations  update the .ts from the sources (lupdate + engine messages) and compile the .qm
#                (run and test compile the .qm when the .ts is newer; packaging/i18n.py fill FRAGMENT.json… fills it)

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip

# Debian packages Qt's platform plugins load at run time (the wheels do not carry them).
QT_LIBS_OFFSCREEN := libegl1 libgl1 libopengl0 libfontconfig1 libfreetype6 libxkbcommon0 libdbus-1-3 libglib2.0-0
QT_LIBS_XCB := $(QT_LIBS_OFFSCREEN) libx11-xcb1 libxcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 \
	libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-sync1 libxcb-xfixes0 libxcb-xinerama0 libxcb-xkb1 \
	libxkbcommon-x11-0 libxrender1 fonts-noto-cjk

.PHONY: screenshots run test lint bench clean sysdeps-test sysdeps-run package validate-desktop translations

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed-app: pyproject.toml | $(BIN)/python
	$(PIP) install -q -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(PIP) install -q -e '.[test]'
	@touch $@ $(VENV)/.installed-app

$(VENV)/.installed-package: pyproject.toml | $(BIN)/python
	$(PIP) install -q -e '.[package]'
	@touch $@ $(VENV)/.installed-app

$(VENV)/.installed-bench: pyproject.toml | $(BIN)/python
	$(PIP) install -q -e '.[test,bench]'
	@touch $@ $(VENV)/.installed-test $(VENV)/.installed-app

# Install missing system libraries where we can (Debian/Ubuntu, as root or with sudo); elsewhere say what is missing.
define install_debs
	@missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ] && command -v apt-get >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null 2>&1; then SUDO=sudo; else SUDO=none; fi; \
	  if [ "$$SUDO" = none ]; then echo "These system packages are needed:$$missing (install them as root)"; \
	  else echo "Installing system packages:$$missing"; \
	    ($$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing) >/dev/null \
	    || echo "warning: could not install$$missing"; fi; \
	fi
endef

sysdeps-test:
	$(call install_debs,$(QT_LIBS_OFFSCREEN))

sysdeps-run:
	$(call install_debs,$(QT_LIBS_XCB))

# The compiled Simplified Chinese catalogue (never committed), built with PySide6's lrelease.
TS := cnnstudio/resources/i18n/cnnstudio_zh_CN.ts
QM := cnnstudio/resources/translations/cnnstudio_zh_CN.qm

$(QM): $(TS) | $(VENV)/.installed-app
	$(BIN)/python packaging/i18n.py build

translations: $(VENV)/.installed-app
	$(BIN)/python packaging/i18n.py update
	$(BIN)/python packaging/i18n.py build

run: $(VENV)/.installed-app sysdeps-run $(QM)
	$(BIN)/cnnstudio

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

# Each GUI test file runs in a pytest process of its own: after many windows in one process, the
# window's background jobs slow down past the tests' limits (cause not yet found; see tests/qt/conftest.py).
test: lint sysdeps-test validate-desktop $(QM)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest --ignore=tests/qt
	@for f in tests/qt/test_*.py; do QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q $$f || exit 1; done

bench: $(VENV)/.installed-bench sysdeps-test
	$(BIN)/python bench/train_throughput.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/gui_latency.py
	$(BIN)/python bench/scan_speed.py
	$(BIN)/python bench/loader_throughput.py
	$(BIN)/python bench/augmentation_lesson.py
	$(BIN)/python bench/transfer_lesson.py
	$(BIN)/python bench/activation_grid.py
	$(BIN)/python bench/heatmap_latency.py

# The Linux desktop file and AppStream metainfo (packaging/linux), checked by the distributions' own tools.
DESKTOP_TOOLS := desktop-file-utils appstream
validate-desktop:
	$(call install_debs,$(DESKTOP_TOOLS))
	desktop-file-validate packaging/linux/io.github.cnnstudio.CnnStudio.desktop
	appstreamcli validate --no-net --explain packaging/linux/io.github.cnnstudio.CnnStudio.metainfo.xml

# The one-folder app, then the smoke test: the built binary, headless, answers --version and classifies a photo.
package: $(VENV)/.installed-package sysdeps-test
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build/pyinstaller packaging/cnnstudio.spec
	QT_QPA_PLATFORM=offscreen $(BIN)/python packaging/smoke_test.py dist/cnnstudio

screenshots: $(VENV)/.installed-app sysdeps-test
	$(BIN)/python resources/screenshots/take.py
	$(BIN)/python resources/screenshots/take.py --lang zh_CN

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache
