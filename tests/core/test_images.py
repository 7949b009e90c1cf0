"""The image loader: every bad file gets its exact reason, every mode and orientation comes back right."""

from __future__ import annotations

import errno
import io
import os
import pickle
import struct
import sys
import threading
import warnings
import zlib
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageFile

from cnnstudio.core.errors import UserError
from cnnstudio.core.images import (
    EMPTY_FILE,
    IMAGE_EXTENSIONS,
    MAX_PIXELS,
    NOT_AN_IMAGE,
    REASONS,
    TOO_MANY_PIXELS,
    TRUNCATED,
    UNREADABLE,
    UNSUPPORTED_FORMAT,
    ImageError,
    check_image,
    image_size,
    load_image,
    loader,
    open_image,
    skip_reason_message,
    to_rgb,
)
from cnnstudio.core.messages import format_message

RED, GREEN, BLUE, YELLOW, WHITE, BLACK = (
    (255, 0, 0),
    (0, 255, 0),
    (0, 0, 255),
    (255, 255, 0),
    (255, 255, 255),
    (0, 0, 0),
)


# --- helpers -------------------------------------------------------------------------------------


def _noise(width: int = 64, height: int = 64, seed: int = 0) -> Image.Image:
    """An RGB image that does not compress, so cutting its file in half cuts into the pixel data."""
    rng = np.random.default_rng(seed)
    return Image.fromarray(rng.integers(0, 256, (height, width, 3), dtype=np.uint8))


def _encoded(image: Image.Image, fmt: str, **params) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **params)
    return buffer.getvalue()


def _png_claiming_size(width: int, height: int) -> bytes:
    """A real 8x8 PNG whose IHDR (with a fixed CRC) claims `width` x `height` pixels."""
    data = bytearray(_encoded(Image.new("L", (8, 8), 128), "PNG"))
    assert data[12:16] == b"IHDR"
    data[16:24] = struct.pack(">II", width, height)
    data[29:33] = struct.pack(">I", zlib.crc32(bytes(data[12:29])))
    return bytes(data)


class _DecodingAttemptedError(Exception):
    """Raised by a patched Image.load: the file was decoded although it should have been refused first."""


def _forbid_decoding(monkeypatch) -> None:
    """Make any attempt to decode pixels fail loudly (not with an error the loader would catch)."""

    def refuse(self, *args, **kwargs):
        raise _DecodingAttemptedError(f"{self.format} image of size {self.size} was decoded")

    monkeypatch.setattr(Image.Image, "load", refuse)
    monkeypatch.setattr(ImageFile.ImageFile, "load", refuse)


def _pillow_globals() -> tuple:
    return Image.MAX_IMAGE_PIXELS, ImageFile.LOAD_TRUNCATED_IMAGES, list(warnings.filters)


def _close(actual, expected, tolerance: int = 2) -> bool:
    return all(abs(int(a) - int(e)) <= tolerance for a, e in zip(actual, expected, strict=True))


# --- the bad-file corpus -------------------------------------------------------------------------


def _make_empty(folder: Path) -> Path:
    path = folder / "empty.png"
    path.write_bytes(b"")
    return path


def _make_random_bytes(folder: Path) -> Path:
    path = folder / "noise.jpg"
    path.write_bytes(np.random.default_rng(1).bytes(4000))
    return path


def _make_text(folder: Path) -> Path:
    path = folder / "notes.png"
    path.write_text("these are my notes, not a picture\n" * 40)
    return path


def _make_half_jpeg(folder: Path) -> Path:
    data = _encoded(_noise(), "JPEG", quality=95)
    path = folder / "half.jpg"
    path.write_bytes(data[: len(data) // 2])
    return path


def _make_half_png(folder: Path) -> Path:
    data = _encoded(_noise(), "PNG")
    path = folder / "half.png"
    path.write_bytes(data[: len(data) // 2])
    return path


def _make_header_only_png(folder: Path) -> Path:
    path = folder / "stub.png"
    path.write_bytes(_encoded(_noise(), "PNG")[:20])  # the signature and a cut-off IHDR
    return path


def _make_huge_png(folder: Path) -> Path:
    path = folder / "huge.png"  # 81 M pixels: over MAX_PIXELS, under Pillow's own warning limit
    path.write_bytes(_png_claiming_size(9_000, 9_000))
    return path


def _make_bomb_warning_png(folder: Path) -> Path:
    path = folder / "bomb_warning.png"  # 100 M pixels: Pillow warns (DecompressionBombWarning) on open
    path.write_bytes(_png_claiming_size(10_000, 10_000))
    return path


def _make_bomb_error_png(folder: Path) -> Path:
    path = folder / "bomb_error.png"  # 400 M pixels: Pillow raises DecompressionBombError on open
    path.write_bytes(_png_claiming_size(20_000, 20_000))
    return path


def _make_ppm_named_png(folder: Path) -> Path:
    path = folder / "really_ppm.png"
    Image.new("RGB", (16, 16), RED).save(path, "PPM")
    return path


def _make_pcx_named_png(folder: Path) -> Path:
    path = folder / "really_pcx.png"
    Image.new("RGB", (16, 16), RED).save(path, "PCX")
    return path


def _make_ico_named_png(folder: Path) -> Path:
    path = folder / "really_ico.png"
    Image.new("RGB", (16, 16), RED).save(path, "ICO")
    return path


def _make_missing(folder: Path) -> Path:
    return folder / "does_not_exist.jpg"


def _make_directory(folder: Path) -> Path:
    path = folder / "a_folder.png"
    path.mkdir()
    return path


BAD_FILES = [
    (_make_empty, EMPTY_FILE),
    (_make_random_bytes, NOT_AN_IMAGE),
    (_make_text, NOT_AN_IMAGE),
    (_make_half_jpeg, TRUNCATED),
    (_make_half_png, TRUNCATED),
    (_make_header_only_png, TRUNCATED),
    (_make_huge_png, TOO_MANY_PIXELS),
    (_make_bomb_warning_png, TOO_MANY_PIXELS),
    (_make_bomb_error_png, TOO_MANY_PIXELS),
    (_make_ppm_named_png, UNSUPPORTED_FORMAT),
    (_make_pcx_named_png, UNSUPPORTED_FORMAT),
    (_make_ico_named_png, UNSUPPORTED_FORMAT),
    (_make_missing, UNREADABLE),
    (_make_directory, UNREADABLE),
]


@pytest.mark.parametrize(("make", "reason"), BAD_FILES, ids=[m.__name__[6:] for m, _ in BAD_FILES])
def test_each_bad_file_gets_exactly_its_reason(tmp_path, make, reason, recwarn):
    before = _pillow_globals()
    path = make(tmp_path)

    assert check_image(path) == reason
    assert check_image(str(path)) == reason
    with pytest.raises(ImageError) as caught:
        open_image(path)
    error = caught.value
    assert isinstance(error, UserError)
    assert error.reason == reason
    assert error.path == str(path)
    message = str(error)
    assert path.name in message and reason in message
    assert message.endswith(".") and ";" in message  # reason (detail); what to do.
    with pytest.raises(ImageError) as caught:
        load_image(path, size=(8, 8))
    assert caught.value.reason == reason

    # Header-level problems are found by image_size too; truncation needs decoding, so it still has a size.
    if reason == TRUNCATED and path.name != "stub.png":
        assert image_size(path) == (64, 64)
    else:
        with pytest.raises(ImageError) as caught:
            image_size(path)
        assert caught.value.reason == reason

    assert _pillow_globals() == before  # no global Pillow or warnings setting changed
    assert not [w for w in recwarn if issubclass(w.category, Image.DecompressionBombWarning)]


def test_a_supported_format_in_a_variant_pillow_cannot_read_is_unsupported(tmp_path):
    data = bytearray(_encoded(Image.new("RGB", (8, 8), RED), "BMP"))
    data[30:34] = struct.pack("<I", 9)  # BITMAPINFOHEADER compression: no such method
    path = tmp_path / "odd.bmp"
    path.write_bytes(bytes(data))
    assert check_image(path) == UNSUPPORTED_FORMAT
    with pytest.raises(ImageError, match="odd.bmp is in an unsupported format"):
        open_image(path)


def test_a_colour_mode_to_rgb_cannot_handle_is_unsupported(tmp_path, monkeypatch):
    path = tmp_path / "grey.png"
    Image.new("L", (4, 4), 9).save(path)
    monkeypatch.setattr(loader, "supported_modes", lambda: frozenset({"RGB"}))
    assert check_image(path) == UNSUPPORTED_FORMAT
    with pytest.raises(ImageError, match="colour mode L"):
        image_size(path)


@pytest.mark.parametrize("make", [_make_huge_png, _make_bomb_warning_png, _make_bomb_error_png])
def test_too_many_pixels_is_refused_before_decoding(tmp_path, make, monkeypatch):
    path = make(tmp_path)
    _forbid_decoding(monkeypatch)  # decoding 81+ M pixels is what must not happen
    assert check_image(path) == TOO_MANY_PIXELS
    with pytest.raises(ImageError) as caught:
        open_image(path)
    assert caught.value.reason == TOO_MANY_PIXELS


def test_the_pixel_limit_is_ours_and_checked_before_decoding(tmp_path, monkeypatch, recwarn):
    assert MAX_PIXELS == 64_000_000 < Image.MAX_IMAGE_PIXELS  # below Pillow's own warning limit
    path = tmp_path / "just_over.png"
    path.write_bytes(_png_claiming_size(8_001, 8_000))  # 64,008,000 pixels: only our limit refuses it
    _forbid_decoding(monkeypatch)
    assert check_image(path) == TOO_MANY_PIXELS
    with pytest.raises(ImageError, match=r"8001 x 8000, more than 64,000,000"):
        open_image(path)
    assert not [w for w in recwarn if issubclass(w.category, Image.DecompressionBombWarning)]


def test_the_decoding_guard_itself_works(tmp_path, monkeypatch):
    path = tmp_path / "small.png"
    _noise(8, 8).save(path)
    _forbid_decoding(monkeypatch)
    with pytest.raises(_DecodingAttemptedError):
        check_image(path)


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="needs POSIX permissions, not root")
def test_a_file_without_read_permission_is_unreadable(tmp_path):
    path = tmp_path / "secret.png"
    _noise(8, 8).save(path)
    path.chmod(0)
    try:
        assert check_image(path) == UNREADABLE
        with pytest.raises(ImageError, match="secret.png is unreadable"):
            open_image(path)
    finally:
        path.chmod(0o644)


def test_a_permission_error_on_opening_is_unreadable(tmp_path, monkeypatch):
    path = tmp_path / "locked.png"
    _noise(8, 8).save(path)

    class _Locked(loader._TrackedFileIO):
        def __init__(self, name, *args, **kwargs):
            raise PermissionError(errno.EACCES, "Permission denied", name)

    monkeypatch.setattr(loader, "_TrackedFileIO", _Locked)
    assert check_image(path) == UNREADABLE
    with pytest.raises(ImageError, match=r"locked.png is unreadable \(permission denied\)"):
        image_size(path)


def test_a_disk_error_while_decoding_is_unreadable_not_truncated(tmp_path, monkeypatch):
    path = tmp_path / "flaky.png"
    _noise(128, 128).save(path)  # ~48 kB: more than the first buffered read

    class _FailingDisk(io.FileIO):
        def readinto(self, buffer):
            if self.tell() > 0:
                raise OSError(errno.EIO, "Input/output error")
            return super().readinto(buffer)

    class _FlakyTrackedFile(loader._TrackedFileIO, _FailingDisk):
        pass

    monkeypatch.setattr(loader, "_TrackedFileIO", _FlakyTrackedFile)
    assert check_image(path) == UNREADABLE
    with pytest.raises(ImageError, match="input/output error"):
        open_image(path)


def test_image_error_pickles_and_names_the_file_not_the_folder(tmp_path):
    error = ImageError(tmp_path / "cats" / "tom.jpg", TRUNCATED)
    assert (
        str(error) == "tom.jpg is truncated (the file ends early or its image data is damaged); re-export or remove it."
    )
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.path, copy.reason, str(copy), copy.message) == (error.path, error.reason, str(error), error.message)
    with pytest.raises(ValueError):
        ImageError("x.png", "broken")


def test_image_errors_and_skip_reasons_are_messages_a_front_end_can_translate(tmp_path):
    error = ImageError(tmp_path / "tom.jpg", TRUNCATED)
    assert error.message.id == "images.truncated" and error.message.arguments["name"] == "tom.jpg"
    german = {
        "images.truncated": "{name} ist abgeschnitten ({detail}).",
        "images.detail_damaged": "beschädigt",
        "images.reason_truncated": "abgeschnitten",
    }

    def translate(message_id: str, template: str) -> str:
        return german.get(message_id, template)

    assert format_message(error.message, translate) == "tom.jpg ist abgeschnitten (beschädigt)."
    assert format_message(skip_reason_message(TRUNCATED), translate) == "abgeschnitten"
    for reason in REASONS:  # the English of each reason is the reason itself
        assert str(skip_reason_message(reason)) == reason
    assert str(skip_reason_message("something else")) == "something else"


def test_checking_from_several_threads_leaves_the_warning_filters_alone(tmp_path):
    bomb = _make_bomb_warning_png(tmp_path)
    good = tmp_path / "good.png"
    _noise(16, 16).save(good)
    before = list(warnings.filters)
    results: list[tuple] = []

    def work():
        results.append(tuple(check_image(p) for _ in range(15) for p in (bomb, good)))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [(TOO_MANY_PIXELS, None) * 15] * 4
    assert list(warnings.filters) == before


# --- good files ----------------------------------------------------------------------------------


def test_extensions_are_lowercase_with_a_dot():
    assert set(IMAGE_EXTENSIONS) == {".jpg", ".jpeg", ".png", ".bmp", ".gif", ".webp", ".tif", ".tiff"}


@pytest.mark.parametrize(
    ("fmt", "suffix", "params"),
    [
        ("PNG", ".png", {}),
        ("BMP", ".bmp", {}),
        ("TIFF", ".tif", {}),
        ("WEBP", ".webp", {"lossless": True}),
        ("GIF", ".gif", {}),
    ],
)
def test_lossless_formats_load_exactly(tmp_path, fmt, suffix, params):
    pixels = np.zeros((6, 9, 3), np.uint8)
    pixels[:3, :4] = RED
    pixels[3:, 4:] = BLUE
    pixels[:3, 4:] = GREEN
    path = tmp_path / f"image{suffix}"
    Image.fromarray(pixels).save(path, fmt, **params)
    assert check_image(path) is None
    array = load_image(path)
    assert array.dtype == np.uint8 and array.shape == (6, 9, 3)
    np.testing.assert_array_equal(array, pixels)
    assert image_size(path) == (9, 6)


def test_jpeg_loads_and_the_content_decides_not_the_extension(tmp_path):
    path = tmp_path / "photo.png"  # a JPEG with the wrong name is still a JPEG
    Image.new("RGB", (32, 24), (10, 200, 30)).save(path, "JPEG", quality=95)
    assert check_image(path) is None
    array = load_image(path)
    assert array.shape == (24, 32, 3)
    assert _close(array[12, 16], (10, 200, 30), tolerance=6)


def test_animated_gif_gives_its_first_frame(tmp_path):
    path = tmp_path / "anim.gif"
    frames = [Image.new("RGB", (10, 8), colour) for colour in (RED, GREEN, BLUE)]
    frames[0].save(path, save_all=True, append_images=frames[1:], duration=100, loop=0)
    with Image.open(path) as check:
        assert check.n_frames == 3
    assert check_image(path) is None
    array = load_image(path)
    assert array.shape == (8, 10, 3)
    assert (array == RED).all()


def test_gif_transparency_is_composited_over_white(tmp_path):
    path = tmp_path / "transparent.gif"
    image = Image.new("P", (4, 2), 0)
    image.putpalette([*RED, *GREEN] + [0] * (256 * 3 - 6))
    image.putpixel((0, 0), 1)
    image.save(path, transparency=1)
    array = load_image(path)
    assert tuple(array[0, 0]) == WHITE and tuple(array[1, 3]) == RED


def test_mpo_counts_as_jpeg_and_gives_its_first_frame(tmp_path):
    path = tmp_path / "stereo.jpg"
    first, second = Image.new("RGB", (16, 16), RED), Image.new("RGB", (16, 16), BLUE)
    first.save(path, "MPO", save_all=True, append_images=[second], quality=95)
    with Image.open(path) as check:
        assert check.format == "MPO"
    assert check_image(path) is None
    assert _close(load_image(path)[8, 8], RED, tolerance=8)


def test_multipage_tiff_gives_its_first_page(tmp_path):
    path = tmp_path / "pages.tif"
    Image.new("RGB", (5, 5), GREEN).save(path, save_all=True, append_images=[Image.new("RGB", (7, 7), RED)])
    assert check_image(path) is None
    array = load_image(path)
    assert array.shape == (5, 5, 3) and (array == GREEN).all()


def test_open_image_returns_a_detached_rgb_image(tmp_path):
    path = tmp_path / "grey.png"
    Image.new("L", (5, 3), 77).save(path)
    image = open_image(path)
    assert image.mode == "RGB" and image.size == (5, 3)
    assert image.getpixel((4, 2)) == (77, 77, 77)
    path.unlink()  # the file is closed and the pixels are in memory
    assert image.resize((2, 2)).getpixel((0, 0)) == (77, 77, 77)


# --- EXIF orientation ----------------------------------------------------------------------------

# What ImageOps.exif_transpose applies for each orientation, and the transform that undoes it.
_TRANSPOSE_FOR = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
_INVERSE = {
    Image.Transpose.ROTATE_90: Image.Transpose.ROTATE_270,
    Image.Transpose.ROTATE_270: Image.Transpose.ROTATE_90,
}


def _quadrants(width: int = 80, height: int = 40) -> Image.Image:
    """Asymmetric: red top-left, green top-right, blue bottom-left, yellow bottom-right."""
    pixels = np.zeros((height, width, 3), np.uint8)
    pixels[: height // 2, : width // 2] = RED
    pixels[: height // 2, width // 2 :] = GREEN
    pixels[height // 2 :, : width // 2] = BLUE
    pixels[height // 2 :, width // 2 :] = YELLOW
    return Image.fromarray(pixels)


def _assert_upright_quadrants(array: np.ndarray, width: int = 80, height: int = 40) -> None:
    assert array.shape == (height, width, 3)
    qx, qy = width // 4, height // 4
    for (x, y), colour in {(qx, qy): RED, (3 * qx, qy): GREEN, (qx, 3 * qy): BLUE, (3 * qx, 3 * qy): YELLOW}.items():
        assert _close(array[y, x], colour, tolerance=40), (x, y, array[y, x], colour)


ORIENTATION_FORMATS = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp", "TIFF": ".tif"}


@pytest.mark.parametrize("fmt", ORIENTATION_FORMATS)
@pytest.mark.parametrize("orientation", range(1, 9))
def test_exif_orientation_is_applied(tmp_path, orientation, fmt):
    original = _quadrants()
    stored = original
    if orientation in _TRANSPOSE_FOR:
        method = _TRANSPOSE_FOR[orientation]
        stored = original.transpose(_INVERSE.get(method, method))
    path = tmp_path / f"orientation_{orientation}{ORIENTATION_FORMATS[fmt]}"
    if fmt == "TIFF":
        stored.save(path, fmt, tiffinfo={0x0112: orientation})  # TIFF keeps orientation as a tag of its own
    else:
        exif = Image.Exif()
        exif[0x0112] = orientation
        params = {"JPEG": {"quality": 95}, "WEBP": {"lossless": True}}.get(fmt, {})
        stored.save(path, fmt, exif=exif, **params)

    assert image_size(path) == (80, 40)  # what is shown, whatever is stored
    _assert_upright_quadrants(load_image(path))
    assert open_image(path).size == (80, 40)


def test_orientations_5_to_8_store_the_image_on_its_side(tmp_path):
    path = tmp_path / "sideways.jpg"
    exif = Image.Exif()
    exif[0x0112] = 6
    _quadrants().transpose(Image.Transpose.ROTATE_90).save(path, quality=95, exif=exif)
    with Image.open(path) as raw:
        assert raw.size == (40, 80)
    assert image_size(path) == (80, 40)


@pytest.mark.filterwarnings("ignore:Corrupt EXIF data")
def test_a_damaged_exif_block_does_not_make_the_image_unusable(tmp_path):
    path = tmp_path / "bad_exif.jpg"
    _quadrants().save(path, "JPEG", quality=95, exif=b"Exif\x00\x00MM\x00*garbage")
    assert check_image(path) is None
    _assert_upright_quadrants(load_image(path))
    assert image_size(path) == (80, 40)


def test_unreadable_exif_leaves_the_image_as_stored(tmp_path, monkeypatch):
    path = tmp_path / "sideways.jpg"
    exif = Image.Exif()
    exif[0x0112] = 6
    _quadrants().save(path, quality=95, exif=exif)

    def broken(self):
        raise SyntaxError("not a TIFF file")

    monkeypatch.setattr(Image.Image, "getexif", broken)
    assert image_size(path) == (80, 40)
    _assert_upright_quadrants(load_image(path))  # stored upright, orientation unknown: shown as stored


# --- the mode matrix -----------------------------------------------------------------------------


def _row(mode: str, values: list, **info) -> Image.Image:
    image = Image.new(mode, (len(values), 1))
    image.putdata(values)
    image.info.update(info)
    return image


def _palette_row(indices: list[int], **info) -> Image.Image:
    image = Image.new("P", (len(indices), 1))
    image.putpalette([*RED, *GREEN, *BLUE] + [0] * (256 * 3 - 9))
    image.putdata(indices)
    image.info.update(info)
    return image


def _array_row(values, dtype, mode: str | None = None) -> Image.Image:
    array = np.array([values], dtype=dtype)
    if mode is None:
        return Image.fromarray(array)
    return Image.frombytes(mode, (len(values), 1), array.tobytes())


MODE_CASES = {
    "1": (lambda: _row("1", [0, 255]), [BLACK, WHITE]),
    "L": (lambda: _row("L", [0, 100, 255]), [(0, 0, 0), (100, 100, 100), WHITE]),
    "LA": (lambda: _row("LA", [(200, 0), (0, 255), (0, 128)]), [WHITE, BLACK, (127, 127, 127)]),
    "P": (lambda: _palette_row([0, 1, 2]), [RED, GREEN, BLUE]),
    "P+tRNS": (lambda: _palette_row([0, 1, 2], transparency=1), [RED, WHITE, BLUE]),
    "RGB": (lambda: _row("RGB", [(1, 2, 3), (200, 100, 50)]), [(1, 2, 3), (200, 100, 50)]),
    "RGB+tRNS": (lambda: _row("RGB", [(1, 2, 3), (200, 100, 50)], transparency=(1, 2, 3)), [WHITE, (200, 100, 50)]),
    "RGBA": (
        lambda: _row("RGBA", [(255, 0, 0, 0), (255, 0, 0, 128), (0, 255, 0, 255)]),
        [WHITE, (255, 127, 127), GREEN],
    ),
    "RGBa": (lambda: _row("RGBa", [(128, 0, 0, 128), (0, 0, 0, 0)]), [(255, 127, 127), WHITE]),
    "CMYK": (
        lambda: _row("CMYK", [(0, 0, 0, 0), (0, 0, 0, 255), (255, 0, 0, 0), (0, 255, 255, 0), (128, 0, 0, 128)]),
        [WHITE, BLACK, (0, 255, 255), RED, (63, 127, 127)],
    ),
    "I;16": (lambda: _array_row([0, 32768, 65535, 257], np.uint16), [BLACK, (128,) * 3, WHITE, (1, 1, 1)]),
    "I;16B": (lambda: _array_row([0, 32768, 65535], ">u2", "I;16B"), [BLACK, (128,) * 3, WHITE]),
    "I in 0..255": (lambda: _array_row([0, 100, 255], np.int32), [BLACK, (100,) * 3, WHITE]),
    "I wide": (lambda: _array_row([-1000, 0, 1000], np.int32), [BLACK, (128,) * 3, WHITE]),
    "I 16-bit data": (lambda: _array_row([0, 1000, 65535], np.int32), [BLACK, (4,) * 3, WHITE]),
    "F in 0..1": (lambda: _array_row([0.0, 0.5, 1.0], np.float32), [BLACK, (128,) * 3, WHITE]),
    "F in 0..255": (lambda: _array_row([0.0, 100.4, 255.0], np.float32), [BLACK, (100,) * 3, WHITE]),
    "F wide": (lambda: _array_row([-1.0, 0.0, 3.0], np.float32), [BLACK, (64,) * 3, WHITE]),
    "F nan": (lambda: _array_row([np.nan, 0.0, 1.0, np.inf], np.float32), [BLACK, BLACK, WHITE, WHITE]),
    "F constant": (lambda: _array_row([1000.0, 1000.0], np.float32), [WHITE, WHITE]),
    "LAB": (lambda: _row("LAB", [(255, 128, 128), (0, 128, 128)]), [WHITE, BLACK]),
    "YCbCr": (lambda: _row("YCbCr", [(128, 128, 128)]), [(128, 128, 128)]),
    "HSV": (lambda: _row("HSV", [(0, 255, 255)]), [RED]),
}


@pytest.mark.parametrize("case", MODE_CASES)
def test_to_rgb_converts_every_mode(case):
    make, expected = MODE_CASES[case]
    image = make()
    result = to_rgb(image)
    assert result.mode == "RGB" and result.size == image.size
    actual = [result.getpixel((x, 0)) for x in range(image.width)]
    tolerance = 4 if case == "LAB" else 1
    assert all(_close(a, e, tolerance) for a, e in zip(actual, expected, strict=True)), (actual, expected)


def test_to_rgb_scales_16_bit_where_convert_clips():
    image = MODE_CASES["I;16"][0]()
    assert image.convert("RGB").getpixel((1, 0)) == WHITE  # Pillow's own conversion: clipped
    assert to_rgb(image).getpixel((1, 0)) == (128, 128, 128)


def test_to_rgb_uses_the_background_and_keeps_rgb_as_is():
    rgba = _row("RGBA", [(255, 0, 0, 0), (0, 0, 0, 255)])
    result = to_rgb(rgba, background=(0, 0, 255))
    assert [result.getpixel((x, 0)) for x in range(2)] == [BLUE, BLACK]
    transparent_palette = to_rgb(_palette_row([1, 0], transparency=1), background=(10, 20, 30))
    assert transparent_palette.getpixel((0, 0)) == (10, 20, 30)
    rgb = Image.new("RGB", (2, 2), RED)
    assert to_rgb(rgb) is rgb
    with pytest.raises(ValueError):
        to_rgb(rgb, background=(0, 0, 300))


# Modes saved to a real file and read back through load_image: (case, format).
FILE_CASES = [
    ("1", "PNG"),
    ("L", "PNG"),
    ("LA", "PNG"),
    ("P", "PNG"),
    ("P+tRNS", "PNG"),
    ("RGB+tRNS", "PNG"),
    ("RGBA", "PNG"),
    ("RGBA", "TIFF"),
    ("RGBA", "WEBP"),
    ("I;16", "PNG"),
    ("I;16", "TIFF"),
    ("CMYK", "TIFF"),
    ("I wide", "TIFF"),
    ("F in 0..1", "TIFF"),
    ("F wide", "TIFF"),
    ("LAB", "TIFF"),
    ("P+tRNS", "GIF"),
]


@pytest.mark.parametrize(("case", "fmt"), FILE_CASES, ids=[f"{c}-{f}" for c, f in FILE_CASES])
def test_modes_survive_a_file_round_trip(tmp_path, case, fmt):
    make, expected = MODE_CASES[case]
    image = make()
    params = {"lossless": True} if fmt == "WEBP" else {}
    if "transparency" in image.info:
        params["transparency"] = image.info["transparency"]
    path = tmp_path / f"image.{fmt.lower()}"
    image.save(path, fmt, **params)
    assert check_image(path) is None
    array = load_image(path)
    assert array.shape == (1, image.width, 3)
    tolerance = 4 if case in ("LAB", "RGBA") else 1
    assert all(_close(a, e, tolerance) for a, e in zip(array[0], expected, strict=True)), (array[0].tolist(), expected)


def test_cmyk_jpeg_loads(tmp_path):
    path = tmp_path / "print.jpg"
    Image.new("CMYK", (16, 16), (0, 255, 255, 0)).save(path, quality=95)
    with Image.open(path) as check:
        assert check.mode == "CMYK"
    assert _close(load_image(path)[8, 8], RED, tolerance=6)


# --- shapes --------------------------------------------------------------------------------------


def test_grayscale_request_is_three_dimensional(tmp_path):
    path = tmp_path / "colour.png"
    Image.new("RGB", (7, 5), (255, 0, 0)).save(path)
    array = load_image(path, channels=1)
    assert array.shape == (5, 7, 1) and array.dtype == np.uint8
    assert int(array[0, 0, 0]) == Image.new("RGB", (1, 1), RED).convert("L").getpixel((0, 0))


@pytest.mark.parametrize("channels", [1, 3])
@pytest.mark.parametrize("size", [(17, 33), (128, 96), (64, 64), (1, 1)])
def test_resize_returns_exactly_the_requested_shape(tmp_path, size, channels):
    path = tmp_path / "noise.png"
    _noise(64, 64).save(path)
    array = load_image(path, size=size, channels=channels)
    assert array.shape == (*size, channels) and array.dtype == np.uint8
    assert array.flags.writeable and array.flags.c_contiguous


def test_resize_is_antialiased(tmp_path):
    path = tmp_path / "checker.png"
    checker = (np.indices((64, 64)).sum(axis=0) % 2 * 255).astype(np.uint8)
    Image.fromarray(checker).save(path)
    array = load_image(path, size=(8, 8), channels=1)
    assert np.abs(array.astype(int) - 128).max() <= 8  # averaged to grey, not sampled to black/white


@pytest.mark.parametrize("kwargs", [{"channels": 2}, {"size": (0, 5)}, {"size": (5,)}, {"size": (5.0, 5)}])
def test_bad_arguments_are_programming_errors(tmp_path, kwargs):
    path = tmp_path / "ok.png"
    _noise(8, 8).save(path)
    with pytest.raises(ValueError):
        load_image(path, **kwargs)
