"""The Linux icons (packaging/linux/icons/hicolor) are the window's own icon, rendered at every size."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("_packaging_render_icons", ROOT / "packaging" / "render_icons.py")
render_icons = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(render_icons)


def _pixels(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_RGBA8888)
    rows = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine())
    return np.array(rows[:, : image.width() * 4]).reshape(image.height(), image.width(), 4).astype(int)


def test_the_scalable_icon_is_the_window_icon():
    assert render_icons.scalable_path().read_bytes() == render_icons.SOURCE.read_bytes()


@pytest.mark.parametrize("size", render_icons.SIZES)
def test_each_png_is_the_svg_rendered_at_its_size(qapp, size):
    committed = QImage(str(render_icons.png_path(size)))
    assert (committed.width(), committed.height()) == (size, size)
    fresh, stored = _pixels(render_icons.render(size)), _pixels(committed)
    # another Qt version may antialias edges a little differently; a changed drawing moves far more
    assert np.abs(fresh - stored).mean() < 1.0, "run: python packaging/render_icons.py"
    corners, centre = stored[0, 0, 3], stored[size // 2, size // 2, 3]
    assert corners == 0 and centre == 255  # a rounded tile on a transparent ground


def test_a_changed_drawing_is_caught(qapp, tmp_path):
    changed = tmp_path / "changed.svg"
    changed.write_text(render_icons.SOURCE.read_text().replace("#ff9f40", "#00ff00"))
    fresh, stored = _pixels(render_icons.render(64, changed)), _pixels(QImage(str(render_icons.png_path(64))))
    assert np.abs(fresh - stored).mean() >= 1.0
