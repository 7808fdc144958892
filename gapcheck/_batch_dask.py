"""Batch analysis on a Dask cluster: files go out in chunks, a few chunks ahead of the workers;
the bytes of local files go with them to a cluster whose workers may not see the client's
folders; a worker lost mid-run (killed, out of memory) costs its chunks a run elsewhere, and
every file still ends in exactly one row."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import os
from collections import Counter, deque
from collections.abc import Iterable, Iterator
from concurrent.futures import CancelledError
from datetime import date
from typing import Any

from gapcheck._batch_line import Detail
from gapcheck._batch_scan import file_hash
from gapcheck._remote import is_url
from gapcheck.batch import BatchItem, _prepare, _Work, _work
from gapcheck.config import Limits, Options
from gapcheck.errors import GapcheckError, InvalidOptionError, UnreadableFileError
from gapcheck.guards import check_input, read_regular

# A Dask worker's own threads (a malloc arena of 64 MB each) hold about 600 MB of address space
# once it has run a task, and the memory cap limits the whole process.
DASK_MIN_MEMORY_MB = 1024
# Bytes of shipped files in one task at most (a larger file goes alone): a task's arguments
# stay on the scheduler until it has run, so that it can run again if its worker is lost.
CHUNK_BYTES = 16 * 1024 * 1024
_RETRIES = 2  # runs again of a task that raised (a worker that failed to unpickle it...)
_CONNECT_S = 30  # seconds to reach a scheduler

Task = tuple[str, "bytes | None"]  # a file and, when the client ships it, its bytes


def _dask_chunk(chunk: list[Task], work: _Work, lines_only: bool = False) -> list[BatchItem]:
    # Load the libraries before the first file's memory cap, as local workers do; a no-op after.
    with contextlib.suppress(Exception):
        _prepare(work.options, work.taxonomy_path, work.spacy_model)
    return [work(path, lines_only, data) for path, data in chunk]


def analyze_many_dask(paths: Iterable[str], *, scheduler: str | None = None, options: Options | None = None,
                      taxonomy_path: str | None = None, chunk_size: int = 25, workers: int | None = None,
                      today: date | None = None, assume_known: Iterable[str] = (), spacy_model: str | None = None,
                      detail: Detail = "compact", gap_roles: Iterable[str] = (),
                      storage_options: dict[str, Any] | None = None, lines_only: bool = False
                      ) -> Iterator[BatchItem]:
    """Analyse files on a Dask cluster, in chunks, yielding one item per file as chunks finish.

    With ``scheduler``, the cluster's workers may be on other machines: this process reads each
    local file and sends its bytes with the task; URLs (``s3://``...) are opened by the workers
    themselves. A LocalCluster's workers read local paths in place.

    Args:
        paths: files to analyse, paths or fsspec URLs.
        scheduler: address of a running scheduler (``tcp://host:8786``); None starts a LocalCluster.
        chunk_size: files per task (per-task overhead makes one task per file wasteful).
        workers: processes of the LocalCluster (default: CPU count); unused with ``scheduler``.
        options, taxonomy_path, today, assume_known, spacy_model, detail, gap_roles, storage_options,
            lines_only: as for :func:`gapcheck.batch.analyze_many` (compact results by default).

    Raises:
        GapcheckError: Dask is not installed, or the scheduler cannot be reached or is lost.
        InvalidOptionError: a memory cap under :data:`DASK_MIN_MEMORY_MB`, or an unknown ``detail``.
        UnknownRoleError: a role of ``gap_roles`` the taxonomy does not have.
    """
    work = _work(options, taxonomy_path, today, assume_known, spacy_model, detail, gap_roles, storage_options)
    check_dask(work.options)
    # Checked here, before the first item is asked for; the cluster starts when it is.
    return _dask_items(list(paths), work, scheduler, chunk_size, workers, lines_only)


def check_dask(options: Options) -> None:
    """Refuse, before any work, a Dask run that cannot work.

    Raises:
        GapcheckError: Dask is not installed.
        InvalidOptionError: a memory cap under :data:`DASK_MIN_MEMORY_MB`.
    """
    try:
        import dask.distributed  # noqa: F401
    except ImportError as exc:
        raise GapcheckError("--engine dask needs Dask: pip install 'gapcheck[dask]'.") from exc
    if options.limits.max_memory_mb < DASK_MIN_MEMORY_MB:
        raise InvalidOptionError(
            f"--engine dask needs a --max-memory of at least {DASK_MIN_MEMORY_MB} MB, not "
            f"{options.limits.max_memory_mb}: a Dask worker holds about 600 MB itself.")


def _load(path: str, limits: Limits) -> tuple[bytes | None, BatchItem | None]:
    """Read a local file to ship it: ``(bytes, None)``, or ``(None, row)`` for a file that would
    fail before being read, with the row a worker reading it in place would write."""
    from gapcheck.read import check_document

    digest = None
    try:
        check_input(path)  # a FIFO or a device is never opened
        size = os.path.getsize(path)
        data = read_regular(path) if size <= limits.max_bytes else None
        if data is not None:
            digest, size = hashlib.sha256(data).hexdigest(), len(data)
        check_document(path, size, limits)
        return data, None
    except GapcheckError as exc:
        return None, BatchItem(path, digest, "error", error={"kind": exc.kind, "message": str(exc)})
    except OSError as exc:  # gone or changed between the checks and the read
        return None, BatchItem(path, digest, "error", error={
            "kind": UnreadableFileError.kind, "message": f"{path}: cannot be read ({exc.strerror or exc}); check "
                                                        "the file and run again with --resume."})


def _chunks(files: list[str], limits: Limits, ship: bool, size: int) -> Iterator[tuple[list[Task], list[BatchItem]]]:
    """Tasks of at most ``size`` files and :data:`CHUNK_BYTES` shipped bytes, each with the rows
    of the files refused while reading them; made as they are asked for, so that the client
    holds only the bytes of the chunks in flight."""
    chunk: list[Task] = []
    refused: list[BatchItem] = []
    held = 0
    for path in files:
        data = None
        if ship and not is_url(path):
            data, row = _load(path, limits)
            if row is not None:
                refused.append(row)
                continue
        n = len(data or b"")
        if chunk and (len(chunk) >= size or held + n > CHUNK_BYTES):
            yield chunk, refused
            chunk, refused, held = [], [], 0
        chunk.append((path, data))
        held += n
    if chunk or refused:
        yield chunk, refused


def _failed_row(task: Task, exc: BaseException | None, work: _Work) -> BatchItem:
    """The row of a file whose task failed for good."""
    from distributed import KilledWorker

    path, data = task
    limits = work.options.limits
    digest = hashlib.sha256(data).hexdigest() if data is not None else file_hash(path, limits.max_bytes,
                                                                                 work.storage_options)
    if isinstance(exc, KilledWorker):
        message = (f"{path}: every Dask worker that ran it died (killed, or out of memory); the file may be hostile, "
                   "or the workers need more memory.")
    else:
        message = (f"{path}: the Dask task failed ({type(exc).__name__}: {exc}); check that every worker has the "
                   "same gapcheck installed, then run again with --resume.")
    return BatchItem(path, digest, "error", error={"kind": "crash", "message": message})


def _dask_items(files: list[str], work: _Work, scheduler: str | None, chunk_size: int, workers: int | None,
                lines_only: bool) -> Iterator[BatchItem]:
    import dask
    from dask.distributed import Client, KilledWorker, LocalCluster, as_completed

    cluster = None
    if scheduler:
        try:
            client = Client(scheduler, timeout=_CONNECT_S)
        except OSError as exc:  # a timeout too
            raise GapcheckError(f"cannot reach the Dask scheduler at {scheduler} ({exc}); check the address and that "
                                "`dask scheduler` runs there.") from None
    else:
        # Its HTTP server (metrics; the dashboard with bokeh) on a free loopback port: the default,
        # 8787, may be another cluster's, and taking another port then is a warning.
        cluster = LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1,
                               processes=True, dashboard_address="127.0.0.1:0")
        client = Client(cluster)
    limits = work.options.limits
    # Its own bound on what a task may carry, so that a chunk of shipped files is no warning.
    graph = f"{max(CHUNK_BYTES, limits.max_bytes) + (1 << 20)}B"
    todo = Counter(files)  # rows still owed: a file run twice (its worker lost) is written once
    chunks = _chunks(files, limits, ship=scheduler is not None, size=chunk_size)
    running: dict[Any, list[Task]] = {}
    finished = as_completed()
    more = True
    # Files of tasks the scheduler gave up on (their workers kept dying), each to run alone.
    suspects: deque[Task] = deque()
    alone = None  # the future of the suspect running alone

    def owed(item: BatchItem) -> bool:
        if todo[item.file] <= 0:
            return False
        todo[item.file] -= 1
        return True

    def submit(chunk: list[Task]) -> Any:
        future = client.submit(_dask_chunk, chunk, work, lines_only, pure=False, retries=_RETRIES)
        running[future] = chunk
        finished.add(future)
        return future

    try:
        with dask.config.set({"distributed.admin.large-graph-warning-threshold": graph}):
            while True:
                if suspects:
                    if not running:  # nothing else on the cluster: a death is this file's alone
                        alone = submit([suspects.popleft()])
                else:
                    # A few tasks per worker thread: enough to keep them busy, few shipped bytes held.
                    ahead = max(4, 2 * sum(client.nthreads().values())) if more else 0
                    while more and len(running) < ahead:
                        step = next(chunks, None)
                        if step is None:
                            more = False
                            break
                        chunk, refused = step
                        yield from filter(owed, refused)
                        if chunk:
                            submit(chunk)
                if not running:
                    return
                future = next(finished)
                chunk = running.pop(future)
                if future.status == "finished":
                    items = future.result()
                    future.release()
                    yield from filter(owed, items)
                    continue
                if future.status == "cancelled":
                    raise CancelledError(future.key)
                error = future.exception()
                future.release()
                if isinstance(error, KilledWorker) and future is not alone:
                    # Workers died running this task, and with it any task beside it: the file
                    # that kills them is found by running each file alone, the others get results.
                    suspects.extend(chunk)
                else:
                    yield from filter(owed, (_failed_row(task, error, work) for task in chunk))
    except (OSError, CancelledError, asyncio.CancelledError) as exc:  # the scheduler's connection lost
        raise GapcheckError(f"lost the Dask scheduler at {scheduler or 'the local cluster'} ({type(exc).__name__}); "
                            "the rows written so far are kept: run the same command with --resume to finish.") from None
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
