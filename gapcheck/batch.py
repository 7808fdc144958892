"""Batch analysis of many resumes: worker processes, per-file timeouts, resumable JSONL output.

Every input file yields exactly one output line: ``{"file", "sha256", "status": "ok", "result"}``
or ``{"file", "sha256", "status": "error", "error": {"kind", "message"}}``. The result is compact
by default (scores, best role, held skills, the gaps of the best role and of the roles asked
for; see :mod:`gapcheck._batch_line`), or the whole result with ``detail="full"``.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import multiprocessing as mp
import os
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache
from typing import TYPE_CHECKING, Any, Literal

from gapcheck._batch_line import DETAILS, Detail, line_result, scrub
from gapcheck._batch_output import BatchOutput, check_output_format, close_inherited_locks, read_done
from gapcheck._batch_scan import Entry, discover, file_hash, row_key, scan
from gapcheck._remote import fetch, is_url
from gapcheck.config import Options
from gapcheck.guards import check_input, deadline, file_digest, memory_cap, set_memory_cap
from gapcheck.taxonomy import load_taxonomy

if TYPE_CHECKING:
    from spacy.language import Language

Status = Literal["ok", "error"]  # of a batch row
# The batch API, with what its helpers define: finding files (_batch_scan), the output (_batch_output),
# the Dask engine (_batch_dask, imported on first use: see __getattr__ at the end).
__all__ = ["BatchItem", "BatchOutput", "Entry", "analyze_many", "analyze_one", "check_output_format", "discover",
           "file_hash", "read_done", "refused_item", "row_key", "scan", "scrub",
           "analyze_many_dask", "check_dask"]  # noqa: F822

DEFAULT_RECYCLE = 200  # files per worker before it is replaced, to keep memory flat
_POLL_S = 0.05
_ORPHAN_CHECK_S = 1.0  # an idle worker checks this often that its batch is still alive


@dataclass(frozen=True)
class BatchItem:
    """One line of batch output."""

    file: str
    sha256: str | None
    status: Status
    result: dict[str, Any] | None = None
    error: dict[str, str] | None = None
    # The JSON line, when a worker process has already made it (so the parent only writes it).
    line: str | None = field(default=None, compare=False, repr=False)

    def json_line(self) -> str:
        """This item as one line of JSONL (without the newline)."""
        return self.line if self.line is not None else json.dumps(self.to_dict(), ensure_ascii=False)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"file": self.file, "sha256": self.sha256, "status": self.status}
        if self.result is not None:
            out["result"] = self.result
        if self.error is not None:
            out["error"] = self.error
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> BatchItem:
        """The item a :meth:`to_dict` (or an output line) describes."""
        return cls(data["file"], data.get("sha256"), data["status"], data.get("result"), data.get("error"))


def refused_item(entry: Entry) -> BatchItem:
    """The error row of a path :func:`scan` refused."""
    assert entry.refused is not None
    kind, message = entry.refused
    return BatchItem(entry.path, None, "error", error={"kind": kind, "message": message})


@dataclass(frozen=True)
class _Work:
    """How every file of a batch is analysed: the arguments of :func:`gapcheck.analyze` that a
    worker process or a Dask task can be sent (a taxonomy path rather than a taxonomy, a spaCy
    model name rather than a pipeline), and the fsspec options of the store of URL inputs."""

    options: Options = Options()
    taxonomy_path: str | None = None
    today: date | None = None
    assume_known: tuple[str, ...] = ()
    spacy_model: str | None = None
    detail: Detail = "compact"
    gap_roles: tuple[str, ...] = ()  # role ids whose gaps a compact line keeps besides the best role's
    storage_options: dict[str, Any] | None = None

    def __call__(self, path: str, lines_only: bool = False, content: bytes | None = None) -> BatchItem:
        """Analyse one file and return its output line; never raises for a bad document.

        Everything that touches the file or the result, checking what the path is, hashing,
        reading (a URL is fetched here), analysing and (with ``lines_only``) serialising, runs
        under the file's time limit and memory cap, so that each ends in this file's row.
        ``content``: the file's bytes, read by the batch's client (a Dask cluster's workers may
        not see its files).
        """
        from gapcheck.errors import GapcheckError, LimitExceededError
        from gapcheck.pipeline import analyze
        from gapcheck.read import check_document

        digest: str | None = None
        limits = self.options.limits
        try:
            with deadline(limits.timeout_s, path), memory_cap(limits.max_memory_mb, path):
                if content is None and is_url(path):
                    size, content = fetch(path, limits.max_bytes, self.storage_options)
                    if content is None:
                        check_document(path, size, limits)  # over the size limit: raises, as for a local file
                if content is not None:
                    digest = hashlib.sha256(content).hexdigest()
                else:
                    check_input(path)  # before any open: a FIFO would block it
                    # As the parent hashes for --resume: a file over the size limit is not read at all.
                    digest = file_digest(path) if os.path.getsize(path) <= limits.max_bytes else None
                result = analyze(path, taxonomy=load_taxonomy(self.taxonomy_path), nlp=_nlp(self.spacy_model),
                                 assume_known=self.assume_known, options=self.options, today=self.today,
                                 data=content)
                data = line_result(result, self.detail, self.gap_roles, self.options.include_contact)
                item = BatchItem(path, digest, "ok", result=data)
                if lines_only:
                    item = replace(item, line=item.json_line(), result=None)
            return item
        except GapcheckError as exc:
            return BatchItem(path, digest, "error", error={"kind": exc.kind, "message": str(exc)})
        except (MemoryError, RecursionError) as exc:
            kind = LimitExceededError.kind
            return BatchItem(path, digest, "error", error={"kind": kind, "message": f"{path}: {exc!r}"})
        except Exception as exc:  # a bug must cost one row, not the batch
            return BatchItem(path, digest, "error", error={"kind": "internal", "message": f"{path}: {exc!r}"})


@cache
def _nlp(model: str | None) -> Language | None:
    """An installed spaCy pipeline, loaded once per process (None: gapcheck's own default)."""
    if model is None:
        return None
    from gapcheck.extract import default_nlp

    return default_nlp(model)


def analyze_one(path: str, options: Options, taxonomy_path: str | None = None, *, today: date | None = None,
                assume_known: Iterable[str] = (), spacy_model: str | None = None, detail: Detail = "compact",
                gap_roles: Iterable[str] = (), storage_options: dict[str, Any] | None = None) -> BatchItem:
    """Analyse one file (a path or a URL) and return its output line; never raises for a bad document.

    Arguments as for :func:`analyze_many`.
    """
    return _work(options, taxonomy_path, today, assume_known, spacy_model, detail, gap_roles, storage_options)(path)


def _prepare(options: Options, taxonomy_path: str | None = None, spacy_model: str | None = None) -> None:
    """Load spaCy, the PDF engine and the taxonomy, and build the matcher and fuzzy model.

    ``analyze_many`` calls this before it forks its workers, so that they (and every
    replacement after ``recycle`` files) start with all of it in shared memory instead of
    spending two seconds each on imports and building.
    """
    from gapcheck.extract import default_nlp, get_matcher

    matcher = get_matcher(_nlp(spacy_model) or default_nlp(), load_taxonomy(taxonomy_path))
    if options.fuzzy:
        matcher.fuzzy_lookup("warm up")  # fits the character model on first use
    if options.pdf_engine == "pdfium":
        import pypdfium2  # noqa: F401
    else:
        import pdfplumber  # noqa: F401


def _work(options: Options | None, taxonomy_path: str | None, today: date | None, assume_known: Iterable[str],
          spacy_model: str | None, detail: Detail = "compact", gap_roles: Iterable[str] = (),
          storage_options: dict[str, Any] | None = None) -> _Work:
    """The work of a batch, its options checked (an unknown detail or role is refused here, once).

    Raises:
        InvalidOptionError: ``detail`` is not one of :data:`DETAILS`.
        UnknownRoleError: a role of ``gap_roles`` is not in the taxonomy.
    """
    from gapcheck.errors import InvalidOptionError

    if detail not in DETAILS:
        raise InvalidOptionError(f"detail must be {' or '.join(map(repr, DETAILS))}, not {detail!r}.")
    names = tuple(gap_roles)
    roles = tuple(load_taxonomy(taxonomy_path).find_role(name).id for name in names) if names else ()
    # "Present" is fixed once, here: every row of a batch then reads it as the same day, even
    # when the batch runs past midnight or on cluster machines in other time zones.
    return _Work(options or Options(), taxonomy_path, today or date.today(), tuple(assume_known), spacy_model,
                 detail=detail, gap_roles=roles, storage_options=storage_options or None)


# -- local worker pool -----------------------------------------------------------------------


def _worker(conn: Any, work: _Work, lines_only: bool) -> None:
    """A worker process: analyse the files the parent sends over ``conn``, one at a time.

    A pipe per worker rather than a shared queue: the parent always knows which file each
    worker holds, so a worker that dies or hangs costs exactly that file's row; and a pipe
    needs no feeder thread, which a process under its memory cap may fail to start.
    """
    import signal

    from gapcheck.extract import default_nlp, get_matcher

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # ^C is the parent's to handle
    close_inherited_locks()
    set_memory_cap(work.options.limits.max_memory_mb)  # for the life of the worker
    with contextlib.suppress(Exception):  # a no-op when inherited from _prepare(); else each row says why
        get_matcher(_nlp(work.spacy_model) or default_nlp(), load_taxonomy(work.taxonomy_path))
    parent = os.getppid()
    while True:
        # A killed batch (SIGKILL, the OOM killer) cannot stop its workers; without this check
        # they would wait on their pipe for ever, 200 MB each.
        if os.getppid() != parent:
            os._exit(0)
        try:
            if not conn.poll(_ORPHAN_CHECK_S):
                continue
            task = conn.recv()
        except (EOFError, OSError):
            os._exit(0)
        if task is None:
            break
        index, path = task
        conn.send((index, work(path, lines_only)))
    conn.close()


@dataclass
class _Slot:
    """A worker process as the parent sees it: the file it holds and since when."""

    proc: Any
    conn: Any
    index: int | None = None
    started: float = 0.0
    done: int = 0


def _parent_row(path: str, kind: str, message: str, max_bytes: int,
                storage_options: dict[str, Any] | None = None) -> BatchItem:
    return BatchItem(path, file_hash(path, max_bytes, storage_options), "error",
                     error={"kind": kind, "message": message})


def analyze_many(paths: Iterable[str], *, workers: int | None = None, options: Options | None = None,
                 taxonomy_path: str | None = None, recycle: int = DEFAULT_RECYCLE,
                 lines_only: bool = False, today: date | None = None, assume_known: Iterable[str] = (),
                 spacy_model: str | None = None, detail: Detail = "compact", gap_roles: Iterable[str] = (),
                 storage_options: dict[str, Any] | None = None
                 ) -> Iterator[BatchItem]:
    """Analyse files in worker processes and yield one :class:`BatchItem` per file as each finishes.

    Every path gets exactly one item, whatever it is (a FIFO, a folder, a file that hangs the
    reader or crashes its worker).

    Args:
        paths: files to analyse, paths or fsspec URLs (see :func:`discover` for folders and globs).
        workers: worker processes (default: CPU count); 0 runs in this process.
        options: analysis options; ``options.limits.timeout_s`` is the per-file time limit,
            enforced in the worker and, should that fail, by killing it.
        taxonomy_path: a taxonomy file; default: the shipped one.
        recycle: files a worker handles before it is replaced.
        lines_only: yield items whose ``result`` is None and whose ``json_line()`` is the full
            output line (what ``gapcheck batch`` writes), so the parent does not unpack results.
        today: the date "Present" stands for in every file (default: today, when the batch starts).
        assume_known: skill names or ids to treat as learned, as in :func:`gapcheck.analyze`.
        spacy_model: an installed spaCy pipeline to tokenise with, by name (default: blank English).
        detail: ``"compact"`` (each result a compact result: scores, best role, held skills,
            the gaps of the best role and of ``gap_roles``) or ``"full"`` (the whole result).
        gap_roles: roles (ids, names or aliases) whose missing skills compact results keep too.
        storage_options: fsspec options of the store of URL inputs (``endpoint_url``, ``anon``...),
            passed to every worker, which opens its URLs itself.

    Yields:
        One item per input path, in completion order.

    Raises:
        InvalidOptionError: an unknown ``detail`` (when the first item is asked for).
        UnknownRoleError: a role of ``gap_roles`` the taxonomy does not have (likewise).
    """
    from multiprocessing.connection import wait

    work = _work(options, taxonomy_path, today, assume_known, spacy_model, detail, gap_roles, storage_options)
    files = list(paths)
    workers = os.cpu_count() or 1 if workers is None else workers
    if workers == 0 or len(files) <= 1:
        for f in files:
            yield work(f, lines_only)
        return
    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
    if ctx.get_start_method() == "fork":
        with contextlib.suppress(Exception):  # a bad taxonomy or a missing engine: each file's row reports it
            _prepare(work.options, taxonomy_path, spacy_model)
    limits = work.options.limits
    timeout = limits.timeout_s
    slots: list[_Slot] = []
    todo = list(range(len(files)))
    todo.reverse()  # popped from the end: files go out in input order
    pending = set(todo)
    n = min(workers, len(files))
    starts_without_work = 0  # workers in a row that died before finishing a file

    def spawn() -> None:
        mine, theirs = ctx.Pipe()
        proc = ctx.Process(target=_worker, daemon=True, args=(theirs, work, lines_only))
        proc.start()
        theirs.close()
        slots.append(_Slot(proc, mine))

    def retire(slot: _Slot, kill: bool = False) -> None:
        slots.remove(slot)
        if kill and slot.proc.is_alive():
            slot.proc.kill()
        with contextlib.suppress(OSError):
            slot.conn.close()
        slot.proc.join(1)

    def lost(slot: _Slot, kind: str, message: str) -> BatchItem | None:
        """The row of the file a retired worker held, if it has not got one."""
        index = slot.index
        slot.index = None
        if index is None or index not in pending:
            return None
        pending.discard(index)
        return _parent_row(files[index], kind, message, limits.max_bytes, work.storage_options)

    try:
        while pending:
            while len(slots) < min(n, len(pending)):
                try:
                    spawn()
                except OSError as exc:  # no processes or memory left for another worker
                    n = len(slots)
                    if not slots:
                        for index in sorted(pending):
                            yield _parent_row(files[index], "crash", f"{files[index]}: not analysed: no worker "
                                              f"process could start ({exc.strerror or exc}); lower --workers or "
                                              "free memory.", limits.max_bytes, work.storage_options)
                        pending.clear()
                    break
            for slot in slots:
                if slot.index is None and todo and slot.done < recycle:
                    index = todo.pop()
                    try:
                        slot.conn.send((index, files[index]))
                    except OSError:  # the worker is gone: the file goes back, the worker is replaced below
                        todo.append(index)
                        continue
                    slot.index, slot.started = index, time.monotonic()
            ready = set(wait([s.conn for s in slots] + [s.proc.sentinel for s in slots], timeout=_POLL_S))
            for slot in list(slots):
                if slot.conn in ready:
                    try:
                        message: Any = slot.conn.recv()
                    except (EOFError, OSError, ValueError, MemoryError):
                        message = None
                    if message is not None:
                        index, item = message
                        slot.index = None
                        slot.done += 1
                        starts_without_work = 0
                        if index in pending:
                            pending.discard(index)
                            yield item
                        if slot.done >= recycle:
                            with contextlib.suppress(OSError):
                                slot.conn.send(None)
                            retire(slot)
                        continue
                overdue = slot.index is not None and timeout and time.monotonic() - slot.started > timeout + 2.0
                if overdue or not slot.proc.is_alive() or slot.conn in ready:
                    # A hung parse or a crash costs the file a row, never the batch.
                    retire(slot, kill=True)
                    if overdue:
                        row = lost(slot, "timeout", f"{files[slot.index or 0]}: took longer than {timeout:g} s and "
                                                    "was stopped; check the file or raise --timeout.")
                    else:
                        code = slot.proc.exitcode
                        row = lost(slot, "crash", _crash_message(files[slot.index] if slot.index is not None
                                                                 else "", code, work.options))
                        if row is None:
                            starts_without_work += 1
                    if row is not None:
                        yield row
            if starts_without_work >= 3 * n and pending:
                # Workers die before they can take a file (no memory, no processes left): say
                # so in each remaining row rather than start them for ever.
                for index in sorted(pending):
                    yield _parent_row(files[index], "crash", f"{files[index]}: not analysed: worker processes "
                                      "kept dying at start; check --max-memory and the machine's limits.",
                                      limits.max_bytes, work.storage_options)
                pending.clear()
    finally:
        for slot in list(slots):
            retire(slot, kill=True)


def _crash_message(path: str, code: int | None, options: Options) -> str:
    import signal

    how = f"exit code {code}"
    if code is not None and code < 0:
        with contextlib.suppress(ValueError):
            how = f"signal {signal.Signals(-code).name}"
    if code == -signal.SIGABRT and options.pdf_engine == "pdfium":
        return (f"{path}: PDFium stopped the worker ({how}) while reading it, most likely out of memory under the "
                f"--max-memory cap of {options.limits.max_memory_mb} MB; raise --max-memory, or try "
                "--pdf-engine pdfplumber.")
    return f"{path}: the worker died while reading it ({how}); the file may be hostile."


def __getattr__(name: str) -> Any:
    # The Dask engine lives in _batch_dask, which imports this module; its public names are
    # still gapcheck.batch's (imported on first use, as gapcheck/__init__.py does).
    if name in ("analyze_many_dask", "check_dask", "DASK_MIN_MEMORY_MB"):
        import importlib

        return getattr(importlib.import_module("gapcheck._batch_dask"), name)
    raise AttributeError(f"module 'gapcheck.batch' has no attribute {name!r}")
