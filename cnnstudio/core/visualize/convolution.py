"""Convolution explained on real numbers: one grey image, one kernel, padding, stride and pooling.

Everything is exact and small (numpy, float64) so each number can be shown and checked by hand:

- `convolve` computes what a deep learning library calls a convolution — a cross-correlation, the kernel
  is *not* flipped — and gives exactly ``torch.nn.functional.conv2d``'s result.
- ``padding="valid"`` adds nothing. ``padding="same"`` is Keras'/TensorFlow's: the output has
  ``ceil(n / stride)`` cells per axis and the input gets ``total = max((out - 1) * stride + k - n, 0)``
  zero cells, ``total // 2`` before and the rest after (so for an even total the padding is symmetric,
  and for an odd one — even kernels, or stride > 1 — the extra cell goes to the bottom/right, as in
  TensorFlow; PyTorch's own ``padding="same"`` refuses stride > 1). `padding_amounts` gives the four numbers.
- `output_size` and `output_formula` give the slides' formula with the current numbers,
  ``⌊(n − k + p₁ + p₂) / s⌋ + 1``; `receptive_window` gives the input cells one output cell came from,
  and `explain_cell` the products whose sum it is.
- `pool` is 2×2 max or average pooling with stride 2 ("valid": a last odd row/column is dropped), as
  Keras' ``MaxPooling2D(2)`` and ``F.max_pool2d(x, 2)``.
- `sample_image`, `image_crop` give small grey inputs in [0, 1]; `first_layer_kernel` reads one real
  kernel from a network's first convolution.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

from ..errors import UserError
from ..messages import msg
from .subject import Subject

__all__ = [
    "PADDINGS",
    "KERNEL_PRESETS",
    "SAMPLES",
    "ConvolutionError",
    "Window",
    "CellExplanation",
    "LayerKernel",
    "preset_kernel",
    "padding_amounts",
    "output_size",
    "output_formula",
    "convolve",
    "receptive_window",
    "explain_cell",
    "pool",
    "sample_image",
    "image_crop",
    "first_layer_kernel",
]

PADDINGS = ("valid", "same")
KERNEL_PRESETS = ("edge", "sobel_x", "sobel_y", "box_blur", "gaussian_blur", "sharpen", "identity")
SAMPLES = ("digit", "cat")
MAX_SIZE = 32  # an input side at most this long keeps every number readable
_SAMPLE_PHOTO = Path(__file__).resolve().parents[2] / "resources" / "samples" / "chelsea.jpg"


class ConvolutionError(UserError):
    """A kernel, padding or stride that does not fit the input, or a network without a convolution."""


# ---- kernels -----------------------------------------------------------------------------------
def _binomial(k: int) -> np.ndarray:
    row = np.array([1.0])
    for _ in range(k - 1):
        row = np.convolve(row, [1.0, 1.0])
    return row


def preset_kernel(name: str, size: int = 3) -> np.ndarray:
    """A preset k×k kernel (float64): edge (Laplacian-like outline), Sobel x/y, box/Gaussian blur, sharpen, identity.

    For 5×5 the presets are their natural extensions (Sobel = binomial smoothing ⊗ central derivative).
    """
    if name not in KERNEL_PRESETS:
        raise ValueError(f"unknown kernel preset {name!r}; choose one of {KERNEL_PRESETS}")
    if size < 1:
        raise ValueError("a kernel is at least 1x1")
    identity = np.zeros((size, size))
    identity[size // 2, size // 2] = 1.0
    if name == "identity":
        return identity
    if name == "edge":
        kernel = -np.ones((size, size))
        kernel[size // 2, size // 2] = size * size - 1.0
        return kernel
    if name == "box_blur":
        return np.full((size, size), 1.0 / (size * size))
    gaussian = np.outer(_binomial(size), _binomial(size))
    gaussian /= gaussian.sum()
    if name == "gaussian_blur":
        return gaussian
    if name == "sharpen":
        return _SHARPEN3.copy() if size == 3 else 2.0 * identity - gaussian
    derivative = np.zeros(size)
    half = size // 2
    derivative[:half] = -np.arange(half, 0, -1)  # 3: [-1, 0, 1]; 5: [-2, -1, 0, 1, 2]
    derivative[size - half :] = np.arange(1, half + 1)
    kernel = np.outer(_binomial(size), derivative)  # sobel_x: changes along columns
    return kernel if name == "sobel_x" else kernel.T.copy()


_SHARPEN3 = np.array([[0.0, -1.0, 0.0], [-1.0, 5.0, -1.0], [0.0, -1.0, 0.0]])


# ---- sizes -------------------------------------------------------------------------------------
def _check(padding: str, stride: int, k: int) -> None:
    if padding not in PADDINGS:
        raise ValueError(f"padding is 'valid' or 'same', not {padding!r}")
    if stride < 1 or k < 1:
        raise ValueError("stride and kernel size are at least 1")


def padding_amounts(n: int, k: int, padding: str, stride: int) -> tuple[int, int]:
    """The zero cells added (before, after) along an axis of `n` cells: (0, 0) for valid; TensorFlow's for same."""
    _check(padding, stride, k)
    if padding == "valid":
        return 0, 0
    out = -(-n // stride)
    total = max((out - 1) * stride + k - n, 0)
    return total // 2, total - total // 2


def output_size(n: int, k: int, padding: str, stride: int) -> int:
    """Cells along an axis of the output: ⌊(n − k + p₁ + p₂) / s⌋ + 1 (0 when the kernel does not fit)."""
    before, after = padding_amounts(n, k, padding, stride)
    span = n + before + after - k
    return span // stride + 1 if span >= 0 else 0


def output_formula(n: int, k: int, padding: str, stride: int) -> str:
    """The output-size formula with these numbers, e.g. ``⌊(28 − 3 + 2·0) / 1⌋ + 1 = 26`` (math only, no words)."""
    before, after = padding_amounts(n, k, padding, stride)
    pad = f"2·{before}" if before == after else f"{before} + {after}"
    out = output_size(n, k, padding, stride)
    text = f"⌊({n} − {k} + {pad}) / {stride}⌋ + 1 = {out}"
    return text + f"  (⌈{n} / {stride}⌉ = {out})" if padding == "same" else text


# ---- the computation ---------------------------------------------------------------------------
def _as_2d(values: np.ndarray, what: str) -> np.ndarray:
    array = np.array(values, dtype=np.float64)
    if array.ndim != 2:
        raise ValueError(f"{what} must be 2-D, not of shape {array.shape}")
    return array


def _padded(image: np.ndarray, k: tuple[int, int], padding: str, stride: int) -> np.ndarray:
    (top, bottom), (left, right) = (padding_amounts(image.shape[a], k[a], padding, stride) for a in (0, 1))
    return np.pad(image, ((top, bottom), (left, right)))


def convolve(image: np.ndarray, kernel: np.ndarray, padding: str = "valid", stride: int = 1) -> np.ndarray:
    """The output map of one k×k kernel sliding over a 2-D image (cross-correlation, as conv2d computes it).

    out[i, j] = Σ kernel[a, b] · padded[i·s + a, j·s + b]. Raises `ConvolutionError` when the kernel is
    larger than the (padded) image.
    """
    image, kernel = _as_2d(image, "image"), _as_2d(kernel, "kernel")
    _check(padding, stride, min(kernel.shape))
    rows = output_size(image.shape[0], kernel.shape[0], padding, stride)
    cols = output_size(image.shape[1], kernel.shape[1], padding, stride)
    if rows < 1 or cols < 1:
        raise ConvolutionError(
            msg("convolution.kernel_too_big", kernel=kernel.shape[0], height=image.shape[0], width=image.shape[1])
        )
    windows = np.lib.stride_tricks.sliding_window_view(_padded(image, kernel.shape, padding, stride), kernel.shape)
    windows = windows[::stride, ::stride][:rows, :cols]
    return np.einsum("ijab,ab->ij", windows, kernel)


@dataclass(frozen=True)
class Window:
    """The input cells an output cell came from: rows row0..row1-1, columns col0..col1-1, in input coordinates.

    Cells outside 0..height-1 / 0..width-1 are zero padding (row0 may be negative); `inside` is the part
    on the image and `padding_mask` marks the padding cells of the k×k window.
    """

    row0: int
    col0: int
    row1: int
    col1: int
    height: int
    width: int

    @property
    def inside(self) -> tuple[int, int, int, int]:
        """(row0, col0, row1, col1) clipped to the image (empty when the window is all padding)."""
        r0, c0 = max(self.row0, 0), max(self.col0, 0)
        return r0, c0, max(min(self.row1, self.height), r0), max(min(self.col1, self.width), c0)

    @property
    def padding_mask(self) -> np.ndarray:
        """(k, k) bool: True where the window lies on zero padding, not on the image."""
        rows = np.arange(self.row0, self.row1)
        cols = np.arange(self.col0, self.col1)
        on_rows = (rows >= 0) & (rows < self.height)
        on_cols = (cols >= 0) & (cols < self.width)
        return ~(on_rows[:, None] & on_cols[None, :])

    def values(self, image: np.ndarray) -> np.ndarray:
        """The window's input values, zeros on the padding."""
        r0, c0, r1, c1 = self.inside
        out = np.zeros((self.row1 - self.row0, self.col1 - self.col0))
        out[r0 - self.row0 : r1 - self.row0, c0 - self.col0 : c1 - self.col0] = np.asarray(image)[r0:r1, c0:c1]
        return out


def receptive_window(out_row: int, out_col: int, k: int, padding: str, stride: int, size: tuple[int, int]) -> Window:
    """The k×k input window output cell (out_row, out_col) came from, for an input of `size` = (height, width)."""
    height, width = size
    rows, cols = output_size(height, k, padding, stride), output_size(width, k, padding, stride)
    if not (0 <= out_row < rows and 0 <= out_col < cols):
        raise ValueError(f"output cell ({out_row}, {out_col}) outside the {rows}x{cols} output")
    top, _ = padding_amounts(height, k, padding, stride)
    left, _ = padding_amounts(width, k, padding, stride)
    row0, col0 = out_row * stride - top, out_col * stride - left
    return Window(row0, col0, row0 + k, col0 + k, height, width)


@dataclass(frozen=True)
class CellExplanation:
    """Why out[row, col] has its value: the window, its input values, kernel × values, and their sum."""

    row: int
    col: int
    window: Window
    values: np.ndarray
    products: np.ndarray
    total: float


def explain_cell(
    image: np.ndarray, kernel: np.ndarray, padding: str, stride: int, row: int, col: int
) -> CellExplanation:
    """The products whose sum is `convolve(image, kernel, padding, stride)[row, col]`."""
    image, kernel = _as_2d(image, "image"), _as_2d(kernel, "kernel")
    window = receptive_window(row, col, kernel.shape[0], padding, stride, image.shape)
    values = window.values(image)
    products = values * kernel
    return CellExplanation(row, col, window, values, products, float(products.sum()))


def pool(values: np.ndarray, mode: str = "max", size: int = 2) -> np.ndarray:
    """size×size max or average pooling with stride `size`, "valid" (a last partial row/column is dropped)."""
    array = _as_2d(values, "map")
    if mode not in ("max", "avg"):
        raise ValueError(f"pooling is 'max' or 'avg', not {mode!r}")
    rows, cols = array.shape[0] // size, array.shape[1] // size
    blocks = array[: rows * size, : cols * size].reshape(rows, size, cols, size)
    return blocks.max(axis=(1, 3)) if mode == "max" else blocks.mean(axis=(1, 3))


# ---- inputs ------------------------------------------------------------------------------------
def _grey(pil: Image.Image, size: int) -> np.ndarray:
    grey = pil.convert("L")
    side = min(grey.size)
    left, top = (grey.width - side) // 2, (grey.height - side) // 2
    square = grey.crop((left, top, left + side, top + side))
    small = square.resize((size, size), Image.Resampling.BILINEAR, reducing_gap=3.0)
    return np.array(small, dtype=np.float64) / 255.0


def sample_image(name: str = "digit", size: int = 28) -> np.ndarray:
    """A small grey image in [0, 1]: "digit" (a handwritten-looking 5, drawn) or "cat" (the sample photo's face)."""
    if not 3 <= size <= MAX_SIZE:
        raise ValueError(f"a sample is 3 to {MAX_SIZE} cells wide")
    if name == "cat":
        from ..images import open_image

        photo = open_image(_SAMPLE_PHOTO)
        return _grey(photo.crop((100, 10, 300, 210)), size)  # Chelsea's face, square
    if name != "digit":
        raise ValueError(f"unknown sample {name!r}; choose one of {SAMPLES}")
    scale = 8
    canvas = Image.new("L", (28 * scale, 28 * scale), 0)
    draw = ImageDraw.Draw(canvas)
    width = int(2.6 * scale)
    stroke = [(19, 6), (10, 6), (9, 13), (15, 12.5), (19, 15.5), (18.5, 20), (14, 22.5), (8, 21)]
    draw.line([(x * scale, y * scale) for x, y in stroke], fill=255, width=width, joint="curve")
    return _grey(canvas, size)


def image_crop(path: str | os.PathLike[str], size: int = 28) -> np.ndarray:
    """A photo (EXIF orientation applied) as a size×size grey image in [0, 1]: its centre square, shrunk.

    `path` may also be a demo dataset key (``demo://split/index``), as the inspection docks' images may be.
    """
    from ..data import DEMO_PREFIX, display_image
    from ..images import open_image

    if not 3 <= size <= MAX_SIZE:
        raise ValueError(f"a crop is 3 to {MAX_SIZE} cells wide")
    if os.fspath(path).startswith(DEMO_PREFIX):
        return _grey(Image.fromarray(display_image(os.fspath(path))), size)
    return _grey(open_image(path), size)


# ---- a real kernel -----------------------------------------------------------------------------
@dataclass(frozen=True)
class LayerKernel:
    """One filter of a network's first convolution as a 2-D kernel (mean over input channels, or one channel)."""

    kernel: np.ndarray
    layer: str  # the module's dotted name
    index: int
    filters: int  # how many filters the layer has
    channels: int  # input channels per filter
    channel: int | None  # the input channel shown, None for the mean over all


def first_layer_kernel(subject: Subject, index: int = 0, channel: int | None = None) -> LayerKernel:
    """Filter `index` of the first ``nn.Conv2d`` of `subject`'s network (in module order) as a 2-D kernel.

    The kernel is averaged over the filter's input channels, or is input channel `channel` alone. For a
    separable convolution the first convolution is the depthwise one (one input channel per filter).
    """
    import torch
    from torch import nn

    with subject.using() as model:
        found = next(((n, m) for n, m in model.named_modules() if isinstance(m, nn.Conv2d)), None)
        if found is None:
            raise ConvolutionError(msg("convolution.no_conv_layer", network=subject.title))
        name, conv = found
        with torch.no_grad():
            weight = conv.weight.detach().to("cpu", torch.float64).numpy().copy()
    filters, channels = weight.shape[0], weight.shape[1]
    if not 0 <= index < filters:
        raise ConvolutionError(msg("convolution.no_filter", index=index, layer=name, filters=filters))
    if channel is not None and not 0 <= channel < channels:
        raise ConvolutionError(msg("convolution.no_channel", channel=channel, layer=name, channels=channels))
    kernel = weight[index].mean(axis=0) if channel is None else weight[index, channel]
    return LayerKernel(kernel, name, index, filters, channels, channel)
