"""Writing output files safely: checked before the work starts, written whole or not at all,
and every failure turned into one line that names the file and the next step."""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path

from gapcheck._escape import encode
from gapcheck.errors import OutputError, OutputExistsError

_HINTS = {
    errno.ENOSPC: "the disk is full: free some space and run again",
    errno.EDQUOT: "the disk quota is used up: free some space and run again",
    errno.EFBIG: "the file grew past the size this process may write (ulimit -f); raise the limit or write "
                 "elsewhere",
    errno.EROFS: "the file system is read-only: choose a path on a writable one",
    errno.EACCES: "no permission to write there: choose another path",
    errno.EPERM: "no permission to write there: choose another path",
    errno.ENOENT: "the folder does not exist: create it or choose another path",
    errno.ENOTDIR: "a part of the path is not a folder: check the path",
    errno.EISDIR: "it is a folder: name a file",
}


def output_error(path: str | Path, exc: OSError, then: str = "") -> OutputError:
    """A one-line :class:`OutputError` for an ``OSError`` met while writing ``path``."""
    hint = _HINTS.get(exc.errno or 0, "check the path and the disk")
    return OutputError(f"{path}: cannot write ({exc.strerror or exc}); {hint}{then}.")


def check_target(path: str | Path, *, force: bool, flag: str = "--force", may_exist: bool = False) -> None:
    """Refuse, before any work, an output path that could not be written or would be lost.

    Args:
        path: the output file.
        force: overwriting an existing file is allowed.
        flag: the option that allows it, for the message.
        may_exist: an existing file is fine (``batch --resume`` continues it).

    Raises:
        OutputExistsError: the file exists and neither ``force`` nor ``may_exist``.
        OutputError: the path is a folder or not a regular file, its folder is missing or
            not writable.
    """
    p = Path(path)
    try:
        st = p.stat()
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise output_error(p, exc) from None
    if st is not None:
        if stat.S_ISDIR(st.st_mode):
            raise OutputError(f"{p}: is a folder; name a file to write.")
        if not stat.S_ISREG(st.st_mode):
            raise OutputError(f"{p}: not a regular file (a device or a FIFO); name a file to write.")
        if not (force or may_exist):
            raise OutputExistsError(f"{p}: already exists; pass {flag} to overwrite it.")
    folder = p.resolve().parent if st is not None else p.absolute().parent
    if not folder.is_dir():
        raise OutputError(f"{p}: the folder {folder} does not exist; create it or choose another path.")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(f"{p}: cannot write in {folder} (read-only or no permission); choose another path.")


def temp_beside(path: Path) -> tuple[int, str]:
    """A new file in the folder of ``path`` (so that it can replace it), with the mode a new
    file there would get; returns its descriptor and name."""
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    if hasattr(os, "fchmod"):  # mkstemp makes it private (0600); a report is not
        umask = os.umask(0)
        os.umask(umask)
        os.fchmod(fd, 0o666 & ~umask)
    return fd, name


def write_all(fd: int, data: bytes) -> None:
    """Write every byte of ``data`` (``os.write`` may write fewer)."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def write_atomic(path: str | Path, text: str) -> None:
    """Write ``text`` to ``path`` whole or not at all: a failure leaves any earlier file as it
    was and no empty or half-written one.

    Raises:
        OutputError: one line naming the file, the reason and what to do.
    """
    target = Path(os.path.realpath(path))
    try:
        fd, name = temp_beside(target)
    except OSError as exc:
        raise output_error(path, exc) from None
    try:
        try:
            write_all(fd, encode(text))
        finally:
            os.close(fd)
        os.replace(name, target)
    except OSError as exc:
        try:
            os.unlink(name)
        except OSError:
            pass
        raise output_error(path, exc) from None


def write_stdout(text: str) -> None:
    """Write a report to standard output; a failure (a full disk behind ``>``) is an error.

    Raises:
        OutputError: the report could not be written whole.
    """
    import sys

    try:
        sys.stdout.flush()
        stream = getattr(sys.stdout, "buffer", None)
        if stream is not None:
            stream.write(encode(text))
        else:  # a text-only stream (a caller's StringIO)
            stream = sys.stdout
            stream.write(encode(text).decode("utf-8"))
        stream.flush()
    except BrokenPipeError:  # a reader that went away ("| head") has what it wanted
        return
    except OSError as exc:
        raise output_error("standard output", exc) from None
