"""The JSONL file of a batch: locked while a batch writes it, continued by ``--resume`` without
losing a row, and rewritten in input order with one row per file when the batch ends."""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gapcheck._batch_scan import row_key

if TYPE_CHECKING:
    from gapcheck.batch import BatchItem



# Descriptors of the outputs this process holds locked. A worker forked from it closes its
# copies at once: a lock lives as long as any process holds the file open, and an orphaned
# worker of a killed batch would otherwise keep the next batch out until it exits.
_LOCKED: set[int] = set()


def close_inherited_locks() -> None:
    """In a forked worker: close the locked outputs inherited from the batch (the batch keeps them)."""
    for fd in list(_LOCKED):
        with contextlib.suppress(OSError):
            os.close(fd)
    _LOCKED.clear()


# Every line gapcheck writes starts so; a line that does not is not one of its rows.
_ROW_START = b'{"file": '
# Bytes read from an output before it is judged not to be gapcheck JSONL.
_SNIFF = 1 << 16


def _row(raw: bytes) -> dict[str, Any] | None:
    """The row a complete output line holds, or None (a blank, torn or foreign line)."""
    if not raw.startswith(_ROW_START) or not raw.endswith(b"\n"):
        return None
    try:
        d = json.loads(raw)
    except (ValueError, RecursionError):
        return None
    if not isinstance(d, dict) or not isinstance(d.get("file"), str) or d.get("status") not in ("ok", "error"):
        return None
    return d


def _lines(fh: Any) -> Iterator[tuple[int, bytes]]:
    offset = 0
    for raw in fh:
        yield offset, raw
        offset += len(raw)


def check_output_format(output: Path) -> None:
    """Refuse to continue a file that is not a batch's JSONL (a Markdown note, a CSV...).

    Raises:
        OutputError: the first line that is not blank is not a gapcheck row.
    """
    from gapcheck.errors import OutputError

    with output.open("rb") as fh:
        head = fh.read(_SNIFF)
    first = head.lstrip()
    # A first row torn by a kill still starts like one.
    if first and not first.startswith(_ROW_START):
        line = head[: len(head) - len(first)].count(b"\n") + 1
        raise OutputError(f"{output}: not the JSONL of a gapcheck batch (line {line} is not a row); --resume only "
                          "continues a batch's own output: choose another -o, or pass --force to replace the file.")


def read_done(output: Path) -> set[tuple[str, str | None]]:
    """Return the (file, sha256) pairs already in a batch output, the file as :func:`row_key`
    spells it. Blank and torn lines are skipped; nothing in the file is changed.

    Raises:
        OutputError: the file is not a batch's JSONL.
    """
    if not output.exists():
        return set()
    check_output_format(output)
    done = set()
    with output.open("rb") as fh:
        for _, raw in _lines(fh):
            row = _row(raw)
            if row is not None:
                done.add((row_key(row["file"]), row.get("sha256")))
    return done


class BatchOutput:
    """The JSONL file of a batch, held under an exclusive lock while the batch writes it.

    Lines are appended one write each as files finish, so a kill leaves at most one torn
    line; :meth:`finish` then rewrites the file in input order, one row per file.
    """

    def __init__(self, path: str | Path, *, resume: bool = False, force: bool = False) -> None:
        """Open (or create) ``path`` and lock it.

        Args:
            path: the JSONL file.
            resume: continue the rows already there (see :meth:`done`).
            force: start over: empty an existing file (once the lock is held).

        Raises:
            OutputLockedError: another batch holds the lock.
            OutputExistsError: the file is not empty and neither ``resume`` nor ``force``.
            OutputError: the file cannot be opened or is not a batch's JSONL.
        """
        from gapcheck._output import output_error
        from gapcheck.errors import OutputExistsError, OutputLockedError

        self.path = Path(path)
        self.real = Path(os.path.realpath(path))
        self.skipped = 0  # blank or torn lines met when resuming
        flags = os.O_RDWR | os.O_CREAT | os.O_APPEND | getattr(os, "O_CLOEXEC", 0)
        try:
            self.fd = os.open(self.real, flags, 0o666)
        except OSError as exc:
            raise output_error(self.path, exc) from None
        try:
            if not _lock(self.fd):
                raise OutputLockedError(f"{self.path}: another gapcheck batch is writing it; wait for that one to "
                                        "finish, or choose another -o.")
            _LOCKED.add(self.fd)
            size = os.fstat(self.fd).st_size
            if resume:
                check_output_format(self.real)
                with open(self.real, "rb") as fh:
                    fh.seek(max(0, size - 1))
                    torn = size > 0 and fh.read(1) != b"\n"
                if torn:
                    self._write(b"\n")  # after a torn last line, the next row starts on its own line
            elif force:
                os.ftruncate(self.fd, 0)
            elif size:
                raise OutputExistsError(f"{self.path}: already exists; pass --resume to continue it or --force to "
                                        "start over.")
        except BaseException:
            _LOCKED.discard(self.fd)
            os.close(self.fd)
            raise

    def done(self) -> set[tuple[str, str | None]]:
        """(file, sha256) of the rows already written (see :func:`read_done`)."""
        return read_done(self.real)

    def _write(self, data: bytes) -> None:
        from gapcheck._output import output_error, write_all

        try:
            write_all(self.fd, data)
        except OSError as exc:
            raise output_error(self.path, exc, "; then run the same command with --resume to finish") from None

    def write(self, item: BatchItem) -> None:
        """Append one row (one write, so that a kill tears at most this line)."""
        from gapcheck._escape import encode

        self._write(encode(item.json_line() + "\n"))

    def finish(self, order: list[str]) -> int:
        """Rewrite the file with one row per file, in ``order`` (input order), then any rows of
        files not in it in their order; blank and torn lines are dropped. For a file with
        several rows (edited since, or spelt two ways), the last one stands.

        Returns:
            The number of rows.

        Raises:
            OutputError: the new file could not be written; the old one is left as it was.
        """
        from gapcheck._output import output_error, temp_beside, write_all

        position = {row_key(f): i for i, f in enumerate(order)}
        last: dict[str, tuple[int, int]] = {}
        lines = 0
        with open(self.real, "rb") as fh:
            for offset, raw in _lines(fh):
                lines += 1
                row = _row(raw)
                if row is not None:
                    key = row_key(row["file"])
                    last.pop(key, None)  # keep the order of the last row of each file
                    last[key] = (offset, len(raw))
        rank = {key: (position.get(key, len(position)), i) for i, key in enumerate(last)}
        keys = sorted(last, key=rank.__getitem__)
        if lines == len(keys) and [last[k][0] for k in keys] == sorted(v[0] for v in last.values()):
            return len(keys)  # already one row per file, in order
        try:
            fd, name = temp_beside(self.real)
        except OSError as exc:
            raise output_error(self.path, exc) from None
        try:
            if not _lock(fd):  # held across the rename, so no second writer slips in
                raise OSError(0, "could not lock the new file")
            with open(self.real, "rb") as fh:
                for key in keys:
                    offset, length = last[key]
                    fh.seek(offset)
                    write_all(fd, fh.read(length))
            os.replace(name, self.real)
        except OSError as exc:
            os.close(fd)
            with contextlib.suppress(OSError):
                os.unlink(name)
            raise output_error(self.path, exc, f"; {self.path} is complete, with its rows in completion "
                                               "order") from None
        _LOCKED.discard(self.fd)
        os.close(self.fd)
        self.fd = fd
        _LOCKED.add(fd)
        return len(keys)

    def close(self) -> None:
        """Release the lock."""
        if self.fd >= 0:
            _LOCKED.discard(self.fd)
            os.close(self.fd)
            self.fd = -1

    def __enter__(self) -> BatchOutput:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


def _lock(fd: int) -> bool:
    """Take an exclusive lock on an open file without waiting; False if another process has it."""
    try:
        import fcntl
    except ImportError:  # not on Unix: no lock
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True
