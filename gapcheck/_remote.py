"""Files at fsspec URLs (``s3://``, ``gs://``, ``file://``...): telling a URL from a path,
listing a folder or a glob, reading one file within the size limit, and errors that name the
URL and the package or option to fix.

``file://`` URLs are local paths (every check of a local file applies to them); any other
scheme is opened with fsspec, whose package for the store (s3fs, gcsfs) must be installed.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any
from urllib.parse import unquote, urlsplit

from gapcheck.errors import FileMissingError, GapcheckError, InvalidOptionError, StorageError, UnreadableFileError

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+://")  # two letters at least: "C://" is a drive
# The package (and gapcheck extra) each common store needs.
_EXTRAS = {"s3": "gapcheck[s3]", "s3a": "gapcheck[s3]", "gs": "gapcheck[gcs]", "gcs": "gapcheck[gcs]"}
_GLOB = "*?["


def is_url(text: str) -> bool:
    """Whether ``text`` is a URL with a scheme (``s3://bucket/cvs/``) rather than a path."""
    return bool(_SCHEME.match(text))


def as_local(text: str) -> str:
    """A ``file://`` URL as the local path it names; anything else unchanged."""
    if not text.lower().startswith("file://"):
        return text
    parts = urlsplit(text)
    if parts.netloc not in ("", "localhost"):
        raise InvalidOptionError(f"{text}: a file:// URL on another host ({parts.netloc}); give a path on this "
                                 "machine, or the store's own URL (s3://, gs://...).")
    return unquote(parts.path) or "/"


def parse_option(text: str) -> tuple[str, Any]:
    """One ``--storage-option KEY=VALUE``: the value read as JSON where it is JSON (``true``,
    ``3``, ``{"region_name": "eu-west-1"}``), else kept as a string.

    Raises:
        InvalidOptionError: no ``=``, or no key before it.
    """
    import json

    key, sep, value = text.partition("=")
    if not sep or not key.strip():
        raise InvalidOptionError(f"--storage-option {text!r}: give KEY=VALUE, e.g. --storage-option "
                                 "endpoint_url=http://127.0.0.1:9000.")
    try:
        return key.strip(), json.loads(value)
    except ValueError:
        return key.strip(), value


def filesystem(url: str, options: dict[str, Any] | None = None) -> tuple[Any, str]:
    """The fsspec file system of ``url`` and the path in it.

    Raises:
        GapcheckError: fsspec or the store's package is not installed, or the scheme is unknown.
        InvalidOptionError: a storage option the store does not take.
    """
    scheme = url.split("://", 1)[0].lower()
    install = f"pip install '{_EXTRAS[scheme]}'" if scheme in _EXTRAS else f"install the fsspec package for {scheme}://"
    try:
        import fsspec
    except ImportError as exc:
        raise GapcheckError(f"{url}: reading URLs needs fsspec and the store's package: {install}.") from exc
    try:
        return fsspec.core.url_to_fs(url, **(options or {}))
    except ImportError as exc:  # fsspec knows the scheme, its package is missing
        raise GapcheckError(f"{url}: {scheme}:// needs a package that is not installed ({exc}); {install}.") from exc
    except ValueError as exc:
        raise GapcheckError(f"{url}: unknown storage scheme {scheme}:// ({exc}); check the URL.") from exc
    except TypeError as exc:
        raise InvalidOptionError(f"{url}: a --storage-option the {scheme}:// store does not take ({exc}); check "
                                 "the option names in the store's documentation (s3fs, gcsfs).") from exc


def _fail(url: str, exc: Exception, doing: str) -> GapcheckError:
    """A store's exception as the error of one URL: missing, refused or unreachable."""
    if isinstance(exc, FileNotFoundError):
        return FileMissingError(f"{url}: no such file; check the URL.")
    if isinstance(exc, PermissionError):
        return UnreadableFileError(f"{url}: permission denied by the store; check the credentials.")
    return StorageError(f"{url}: cannot {doing} ({type(exc).__name__}: {exc}); check the URL, the credentials "
                        "and --storage-option (such as endpoint_url).")


def list_url(item: str, options: dict[str, Any] | None = None) -> list[str]:
    """The files a URL names, as URLs: every file under a folder (recursively), the files a
    glob matches, or the URL itself when it names a file (or nothing: its row says so).

    Raises:
        StorageError: the store could not be listed (no connection, no credentials).
    """
    fs, path = filesystem(item, options)
    try:
        if any(ch in path for ch in _GLOB):
            found = [p for p, info in fs.glob(path, detail=True).items() if info.get("type") != "directory"]
        elif fs.isdir(path):
            found = fs.find(path)
        else:
            return [item]
    except Exception as exc:  # each store raises its own
        error = _fail(item, exc, "list it")
        raise (StorageError(str(error)) if isinstance(error, FileMissingError) else error) from exc
    return sorted(fs.unstrip_protocol(p) for p in found)


def fetch(url: str, max_bytes: int, options: dict[str, Any] | None = None) -> tuple[int, bytes | None]:
    """The size of the file at ``url`` and its bytes (None when it is over ``max_bytes``).

    Raises:
        FileMissingError, UnreadableFileError, StorageError.
    """
    fs, path = filesystem(url, options)
    try:
        size = int(fs.size(path))
        if size > max_bytes:
            return size, None
        with fs.open(path, "rb") as fh:
            data = fh.read(max_bytes + 1)  # it may have grown since
    except Exception as exc:
        raise _fail(url, exc, "read it") from exc
    return len(data), (data if len(data) <= max_bytes else None)


def url_digest(url: str, max_bytes: int | None, options: dict[str, Any] | None = None) -> str | None:
    """SHA-256 of the file at ``url`` (of at most ``max_bytes``), or None; never raises."""
    try:
        _, data = fetch(url, max_bytes if max_bytes is not None else 1 << 62, options)
    except GapcheckError:
        return None
    return hashlib.sha256(data).hexdigest() if data is not None else None
