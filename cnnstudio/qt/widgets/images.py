"""numpy images to Qt images, and the small image views the docks share."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

__all__ = ["to_qimage", "to_pixmap", "mosaic", "ScaledImageLabel"]


def to_qimage(array: np.ndarray) -> QImage:
    """uint8 (H, W), (H, W, 1) or (H, W, 3) -> a QImage that owns its pixels (a copy)."""
    if array.ndim == 3 and array.shape[2] == 1:
        array = array[:, :, 0]
    array = np.ascontiguousarray(array, dtype=np.uint8)
    height, width = array.shape[:2]
    if array.ndim == 2:
        image = QImage(array.data, width, height, array.strides[0], QImage.Format.Format_Grayscale8)
    else:
        image = QImage(array.data, width, height, array.strides[0], QImage.Format.Format_RGB888)
    return image.copy()  # QImage does not own numpy's buffer


def to_pixmap(array: np.ndarray) -> QPixmap:
    return QPixmap.fromImage(to_qimage(array))


def mosaic(images: np.ndarray, columns: int, gap: int = 4, background: int = 255) -> np.ndarray:
    """(N, H, W, C) -> one (rows*H + gaps, columns*W + gaps, C) image: many small images as one."""
    n, h, w, c = images.shape
    rows = max(1, -(-n // columns))
    out = np.full((rows * h + (rows - 1) * gap, columns * w + (columns - 1) * gap, c), background, dtype=np.uint8)
    for i in range(n):
        r, col = divmod(i, columns)
        out[r * (h + gap) : r * (h + gap) + h, col * (w + gap) : col * (w + gap) + w] = images[i]
    return out


class ScaledImageLabel(QLabel):
    """A label that shows a pixmap scaled to fit, keeping its aspect ratio, as the widget resizes."""

    def __init__(self, parent: QWidget | None = None, *, smooth: bool = False) -> None:
        super().__init__(parent)
        self._pixmap = QPixmap()
        self._mode = Qt.TransformationMode.SmoothTransformation if smooth else Qt.TransformationMode.FastTransformation
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.setMinimumSize(64, 64)

    def set_image(self, pixmap: QPixmap) -> None:
        self._pixmap = pixmap
        self._rescale()

    def image(self) -> QPixmap:
        return self._pixmap

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(320, 240)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._rescale()

    def _rescale(self) -> None:
        if self._pixmap.isNull():
            if not self.pixmap().isNull():  # an image was shown: it goes (setPixmap would also wipe a placeholder text)
                self.setPixmap(QPixmap())
            return
        self.setPixmap(self._pixmap.scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio, self._mode))
