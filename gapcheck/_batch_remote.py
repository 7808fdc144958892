"""The JSONL of a batch at an fsspec URL (``-o s3://bucket/results.jsonl``): written to a local
copy, which is an ordinary :class:`BatchOutput`, and uploaded whole, at the start (to find out
before any work that the store takes it), every so often during the run, and at its end.

Object stores replace a file whole rather than append to it, so each upload puts the whole
copy; the uploads are spaced so that they take at most a tenth of the run. ``--resume``
downloads the existing file first. The lock of a local output does not reach the store: two
batches writing the same URL are not stopped.
"""

from __future__ import annotations

import contextlib
import posixpath
import shutil
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gapcheck._batch_output import BatchOutput
from gapcheck._remote import filesystem
from gapcheck.errors import GapcheckError, OutputError, OutputExistsError

if TYPE_CHECKING:
    from gapcheck.batch import BatchItem

UPLOAD_EVERY_S = 60.0  # at least this long between uploads during a run
_SHARE = 10  # and at least this many times as long as the last upload took


def _store_error(url: str, exc: Exception, doing: str, then: str = "") -> OutputError:
    return OutputError(f"{url}: cannot {doing} ({type(exc).__name__}: {exc}); check the URL, the credentials and "
                       f"--storage-option{then}.")


def check_remote_target(url: str, *, resume: bool, force: bool, storage_options: dict[str, Any] | None) -> None:
    """Refuse, before any work, an output URL that is a folder, or a file that exists without
    ``resume`` or ``force``.

    Raises:
        OutputExistsError, OutputError, GapcheckError (the store's package is missing).
    """
    fs, path = filesystem(url, storage_options)
    try:
        folder = fs.isdir(path)
        exists = not folder and fs.exists(path)
    except Exception as exc:  # each store raises its own
        raise _store_error(url, exc, "look it up") from None
    if folder or url.endswith("/"):
        raise OutputError(f"{url}: is a folder; name a file to write, e.g. {url.rstrip('/')}/results.jsonl.")
    if exists and not (resume or force):
        raise OutputExistsError(f"{url}: already exists; pass --resume to continue it or --force to start over.")


class RemoteOutput:
    """A batch's JSONL at a URL, through a local copy (see the module's docstring).

    Methods as those of :class:`BatchOutput`; :attr:`real` is the local copy, complete after
    :meth:`finish`.
    """

    def __init__(self, url: str, *, resume: bool = False, force: bool = False,
                 storage_options: dict[str, Any] | None = None) -> None:
        """Download the existing file (``resume``), then upload the copy once.

        Raises:
            OutputExistsError: the file exists and neither ``resume`` nor ``force``.
            OutputError: the store could not be read or written, or the file is not a batch's JSONL.
        """
        check_remote_target(url, resume=resume, force=force, storage_options=storage_options)
        self.url = url
        self.fs, self.path = filesystem(url, storage_options)
        self.folder = tempfile.mkdtemp(prefix="gapcheck-batch-")
        self.real = Path(self.folder) / (posixpath.basename(self.path) or "results.jsonl")
        self.next_upload = 0.0
        self.dirty = False
        self.closed = False
        try:
            if resume and self.fs.exists(self.path):
                try:
                    self.fs.get_file(self.path, str(self.real))
                except Exception as exc:
                    raise _store_error(url, exc, "download it for --resume") from None
            try:
                self.local = BatchOutput(self.real, resume=resume, force=True)
            except GapcheckError as exc:  # its messages name the local copy: name the URL
                raise type(exc)(str(exc).replace(str(self.real), url)) from None
            self.skipped = self.local.skipped
            self.upload()  # before any work: a store that refuses the file must not cost a run
        except BaseException:
            shutil.rmtree(self.folder, ignore_errors=True)
            raise

    def done(self) -> set[tuple[str, str | None]]:
        """(file, sha256) of the rows already written."""
        return self.local.done()

    def write(self, item: BatchItem) -> None:
        """Append one row to the copy, and upload the copy when it is time."""
        self.local.write(item)
        self.dirty = True
        if time.monotonic() >= self.next_upload:
            with contextlib.suppress(OutputError):  # the next upload, or the last, tries again
                self.upload()

    def finish(self, order: list[str]) -> int:
        """Put the rows in input order (:meth:`BatchOutput.finish`) and upload the copy.

        Returns:
            The number of rows.
        """
        count = self.local.finish(order)
        self.upload()
        return count

    def upload(self) -> None:
        """Put the whole copy at the URL.

        Raises:
            OutputError: the store refused it.
        """
        start = time.monotonic()
        try:
            self.fs.put_file(str(self.real), self.path)
            self.dirty = False
        except Exception as exc:
            raise _store_error(self.url, exc, "upload the results") from None
        finally:  # a store that is down is not asked again at every row
            self.next_upload = time.monotonic() + max(UPLOAD_EVERY_S, _SHARE * (time.monotonic() - start))

    def close(self) -> None:
        """Upload the rows not yet uploaded (an interrupted run, for ``--resume``) and remove the copy.

        Raises:
            OutputError: the last upload failed; the copy is kept, and the message says where.
        """
        if self.closed:
            return
        self.closed = True
        self.local.close()
        if self.dirty:
            try:
                self.upload()
            except OutputError as exc:
                raise OutputError(f"{exc} The rows are in {self.real}: copy that file to {self.url}, then run again "
                                  "with --resume.") from None
        shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> RemoteOutput:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()
