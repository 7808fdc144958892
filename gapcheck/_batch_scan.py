"""Finding the files of a batch: folders walked and globs expanded without opening any file,
and the paths a batch refuses to read (links out of a scanned folder, folders it cannot list).
A folder or glob may also be an fsspec URL (``s3://bucket/cvs/``), listed with fsspec."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from glob import glob
from pathlib import Path
from typing import Any

from gapcheck._remote import as_local, is_url, list_url, url_digest
from gapcheck.guards import safe_digest
from gapcheck.read import RESUME_LIKE, SUPPORTED


@dataclass(frozen=True)
class Entry:
    """One path a batch found: a file to analyse, or one refused before it is opened."""

    path: str
    # (kind, message) of a path that gets an error row without being read: a symbolic link
    # out of the folder being scanned, a sub-folder that cannot be listed.
    refused: tuple[str, str] | None = None


def _wanted(name: str) -> bool:
    return name.lower().endswith(SUPPORTED + RESUME_LIKE) and not name.startswith(".")


def _inside(path: str, root: str) -> bool:
    """Whether ``path`` resolves (through every symbolic link) to a place inside folder ``root``."""
    real, top = os.path.realpath(path), os.path.realpath(root)
    return real == top or real.startswith(top.rstrip(os.sep) + os.sep)


def scan(inputs: Iterable[str], storage_options: dict[str, Any] | None = None) -> list[Entry]:
    """Expand folders (recursively, not following symlinked folders) and globs into entries,
    each folder's in sorted order, without opening any file.

    An input may be a URL: a ``file://`` URL is its local path; any other (``s3://``,
    ``gs://``) is listed with fsspec and ``storage_options``, and its files are URLs.

    Resumes gapcheck cannot read (Word files, images) are kept, so each gets an error row; so
    are a sub-folder that cannot be listed and a symbolic link in a folder that leads out of
    it (refused: reading it could expose files outside an uploaded archive). A path named
    directly is kept whatever it is: its row says what is wrong with it.

    Raises:
        StorageError: a URL's store could not be listed.
        GapcheckError: the package for a URL's store is not installed.
    """
    from gapcheck.errors import OutsideFolderError, UnreadableFileError

    found: dict[str, Entry] = {}

    def add(entry: Entry) -> None:
        found.setdefault(entry.path, entry)

    for item in map(as_local, inputs):
        p = Path(item)
        if is_url(item):
            for url in list_url(item, storage_options):
                if url == item or _wanted(url.rsplit("/", 1)[-1]):
                    add(Entry(url))
        elif p.is_dir():
            unlisted: list[OSError] = []
            for root, dirs, names in os.walk(p, followlinks=False, onerror=unlisted.append):
                while unlisted:
                    err = unlisted.pop()
                    where = str(err.filename or root)
                    add(Entry(where, (UnreadableFileError.kind,
                                      f"{where}: cannot list this folder ({err.strerror}); its files were not "
                                      "scored. Give read access and run again with --resume.")))
                dirs.sort()
                for name in sorted(names):
                    if not _wanted(name):
                        continue
                    path = os.path.join(root, name)
                    if os.path.islink(path) and not _inside(path, item):
                        add(Entry(path, (OutsideFolderError.kind,
                                         f"{path}: a symbolic link to a file outside {item}; not read. Copy the "
                                         "file into the folder, or name it on the command line, to score it.")))
                    else:
                        add(Entry(path))
            while unlisted:  # the last sub-folder, or the folder itself
                err = unlisted.pop()
                where = str(err.filename or item)
                add(Entry(where, (UnreadableFileError.kind,
                                  f"{where}: cannot list this folder ({err.strerror}); its files were not scored. "
                                  "Give read access and run again with --resume.")))
        elif any(ch in item for ch in "*?["):
            for match in sorted(glob(item, recursive=True)):
                if not os.path.isdir(match) and _wanted(os.path.basename(match)):
                    add(Entry(match))
        else:
            add(Entry(item))  # a missing or odd file still gets its error line
    return list(found.values())


def discover(inputs: Iterable[str], storage_options: dict[str, Any] | None = None) -> list[str]:
    """The paths (and URLs) :func:`scan` finds, in its order (see there)."""
    return [e.path for e in scan(inputs, storage_options)]


def row_key(file: str) -> str:
    """The path a row stands for, whatever its spelling: the folder resolved (``./in``,
    ``in/``, a symlinked folder), the name kept (two links to one file are two files); a URL
    as it is."""
    if is_url(file):
        return file
    head, tail = os.path.split(os.path.abspath(file))
    return os.path.join(os.path.realpath(head), tail)


def file_hash(path: str, max_bytes: int | None = None, storage_options: dict[str, Any] | None = None) -> str | None:
    """SHA-256 of a regular file or of the file at a URL, or None (missing, a FIFO, a device,
    unreadable, or over ``max_bytes``); never waits on a FIFO."""
    return url_digest(path, max_bytes, storage_options) if is_url(path) else safe_digest(path, max_bytes)
