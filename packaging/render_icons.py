"""Render the app's SVG icon to the PNG sizes a Linux desktop looks for (packaging/linux/icons/hicolor).

    python packaging/render_icons.py          # rewrite the PNGs and the scalable SVG from the package's icon

The source is the window's own icon, cnnstudio/resources/icons/cnnstudio.svg; it is copied as the scalable
icon and rendered with Qt's SVG renderer, antialiased on a transparent ground. The PNGs are committed (the
desktop file's sources); tests/qt/test_packaging_icons.py fails when they no longer match the SVG.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "cnnstudio" / "resources" / "icons" / "cnnstudio.svg"
HICOLOR = ROOT / "packaging" / "linux" / "icons" / "hicolor"
APP_ID = "io.github.cnnstudio.CnnStudio"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def png_path(size: int) -> Path:
    return HICOLOR / f"{size}x{size}" / "apps" / f"{APP_ID}.png"


def scalable_path() -> Path:
    return HICOLOR / "scalable" / "apps" / f"{APP_ID}.svg"


def render(size: int, source: Path = SOURCE):
    """The icon as a `size`×`size` QImage (needs a QGuiApplication)."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(source))
    if not renderer.isValid():
        raise ValueError(f"{source} is not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        renderer.render(painter)
    finally:
        painter.end()
    return image


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 (kept alive while rendering)
    scalable_path().parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SOURCE, scalable_path())
    for size in SIZES:
        path = png_path(size)
        path.parent.mkdir(parents=True, exist_ok=True)
        if not render(size).save(str(path), "PNG"):
            raise OSError(f"could not write {path}")
        print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
