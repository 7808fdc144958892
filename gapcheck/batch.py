"""Batch analysis of many resumes: worker processes, per-file timeouts, resumable JSONL output.

Every input file yields exactly one output line: ``{"file", "sha256", "status": "ok", "result"}``
or ``{"file", "sha256", "status": "error", "error": {"kind", "message"}}``.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import multiprocessing as mp
import os
import queue
import re
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache
from glob import glob
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from gapcheck.config import Options
from gapcheck.guards import deadline, memory_cap, set_memory_cap
from gapcheck.read import RESUME_LIKE, SUPPORTED
from gapcheck.taxonomy import load_taxonomy

if TYPE_CHECKING:
    from spacy.language import Language

Status = Literal["ok", "error"]  # of a batch row

DEFAULT_RECYCLE = 200  # files per worker before it is replaced, to keep memory flat
# A Dask worker's own threads (a malloc arena of 64 MB each) hold about 600 MB of address space
# once it has run a task, and the memory cap limits the whole process.
DASK_MIN_MEMORY_MB = 1024
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


def discover(inputs: Iterable[str]) -> list[str]:
    """Expand folders (recursively, not following symlinked folders) and globs into files.

    Resumes gapcheck cannot read (Word files, images) are kept, so each gets an error row."""
    found: dict[str, None] = {}
    for item in inputs:
        p = Path(item)
        if p.is_dir():
            for root, dirs, names in os.walk(p, followlinks=False):
                dirs.sort()
                for name in sorted(names):
                    if name.lower().endswith(SUPPORTED + RESUME_LIKE) and not name.startswith("."):
                        found.setdefault(os.path.join(root, name))
        elif any(ch in item for ch in "*?["):
            for match in sorted(glob(item, recursive=True)):
                if Path(match).is_file() and match.lower().endswith(SUPPORTED + RESUME_LIKE):
                    found.setdefault(match)
        else:
            found.setdefault(item)  # a missing or odd file still gets its error line
    return list(found)


def file_hash(path: str) -> str | None:
    try:
        h = hashlib.sha256()
        with open(path, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                h.update(block)
        return h.hexdigest()
    except OSError:
        return None


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
_PHONE = re.compile(r"(?:\+\d{1,3}[\s.-]?)?\(?\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}\b")


def scrub(text: str) -> str:
    """Replace e-mail addresses and phone numbers in serialised output."""
    return _PHONE.sub("[phone]", _EMAIL.sub("[email]", text))


_NO_DIGITS = str.maketrans("", "", "0123456789")


def _scrubbed(value: Any) -> Any:
    """``value`` (a result dict) with contact details replaced in every string in it.

    Only strings that could hold one are searched: an address needs an "@" and a phone
    number ten digits. Running the patterns over a whole serialised result (80 kB) took
    12 ms a file, more than the analysis of a text resume.
    """
    if isinstance(value, str):
        if "@" in value or (len(value) >= 10 and len(value) - len(value.translate(_NO_DIGITS)) >= 10):
            return scrub(value)
        return value
    if isinstance(value, dict):
        return {k: _scrubbed(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_scrubbed(v) for v in value]
    return value


@dataclass(frozen=True)
class _Work:
    """How every file of a batch is analysed: the arguments of :func:`gapcheck.analyze` that a
    worker process or a Dask task can be sent (a taxonomy path rather than a taxonomy, a spaCy
    model name rather than a pipeline)."""

    options: Options = Options()
    taxonomy_path: str | None = None
    today: date | None = None
    assume_known: tuple[str, ...] = ()
    spacy_model: str | None = None

    def __call__(self, path: str) -> BatchItem:
        """Analyse one file and return its output line; never raises for a bad document."""
        from gapcheck.errors import GapcheckError
        from gapcheck.pipeline import analyze

        digest = file_hash(path)
        limits = self.options.limits
        try:
            with deadline(limits.timeout_s, path), memory_cap(limits.max_memory_mb, path):
                result = analyze(path, taxonomy=load_taxonomy(self.taxonomy_path), nlp=_nlp(self.spacy_model),
                                 assume_known=self.assume_known, options=self.options, today=self.today)
            data = result.to_dict()
            if not self.options.include_contact:
                data = _scrubbed(data)
            return BatchItem(path, digest, "ok", result=data)
        except GapcheckError as exc:
            return BatchItem(path, digest, "error", error={"kind": exc.kind, "message": str(exc)})
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
                assume_known: Iterable[str] = (), spacy_model: str | None = None) -> BatchItem:
    """Analyse one file and return its output line; never raises for a bad document.

    Arguments as for :func:`analyze_many`.
    """
    return _Work(options, taxonomy_path, today, tuple(assume_known), spacy_model)(path)


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
          spacy_model: str | None) -> _Work:
    # "Present" is fixed once, here: every row of a batch then reads it as the same day, even
    # when the batch runs past midnight or on cluster machines in other time zones.
    return _Work(options or Options(), taxonomy_path, today or date.today(), tuple(assume_known), spacy_model)


# -- local worker pool -----------------------------------------------------------------------


def _worker(tasks: Any, results: Any, current: Any, started: Any, work: _Work, recycle: int,
            lines_only: bool = False) -> None:
    from gapcheck.extract import default_nlp, get_matcher

    # The first put starts the queue's feeder thread. Under the cap, a thread that cannot get its
    # stack leaves Thread.start() waiting for ever (and this worker with it), so start it before.
    results.put(("ready", os.getpid()))
    set_memory_cap(work.options.limits.max_memory_mb)  # for the life of the worker
    # A no-op when inherited from _prepare().
    get_matcher(_nlp(work.spacy_model) or default_nlp(), load_taxonomy(work.taxonomy_path))
    parent = os.getppid()
    done = 0
    while done < recycle:
        # A killed batch (SIGKILL, the OOM killer) cannot stop its workers; without this check
        # they would go on with its files and then wait on the task queue for ever, 200 MB each.
        if os.getppid() != parent:
            os._exit(0)
        try:
            task = tasks.get(timeout=_ORPHAN_CHECK_S)
        except queue.Empty:
            continue
        if task is None:
            break
        index, path = task
        current.value, started.value = index, time.monotonic()
        item = work(path)
        current.value = -1
        if lines_only:  # serialise here, in parallel, rather than in the parent that writes every line
            item = replace(item, line=item.json_line(), result=None)
        results.put((index, item))
        done += 1
    results.put(("exit", os.getpid()))


def analyze_many(paths: Iterable[str], *, workers: int | None = None, options: Options | None = None,
                 taxonomy_path: str | None = None, recycle: int = DEFAULT_RECYCLE,
                 lines_only: bool = False, today: date | None = None, assume_known: Iterable[str] = (),
                 spacy_model: str | None = None) -> Iterator[BatchItem]:
    """Analyse files in worker processes and yield one :class:`BatchItem` per file as each finishes.

    Args:
        paths: files to analyse (see :func:`discover` for folders and globs).
        workers: worker processes (default: CPU count); 0 runs in this process.
        options: analysis options; ``options.limits.timeout_s`` is the per-file time limit,
            enforced by killing the worker.
        taxonomy_path: a taxonomy file; default: the shipped one.
        recycle: files a worker handles before it is replaced.
        lines_only: yield items whose ``result`` is None and whose ``json_line()`` is the full
            output line (what ``gapcheck batch`` writes), so the parent does not unpack results.
        today: the date "Present" stands for in every file (default: today, when the batch starts).
        assume_known: skill names or ids to treat as learned, as in :func:`gapcheck.analyze`.
        spacy_model: an installed spaCy pipeline to tokenise with, by name (default: blank English).

    Yields:
        One item per input path, in completion order.
    """
    work = _work(options, taxonomy_path, today, assume_known, spacy_model)
    files = list(paths)
    workers = os.cpu_count() or 1 if workers is None else workers
    if workers == 0 or len(files) <= 1:
        for f in files:
            yield work(f)
        return
    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
    if ctx.get_start_method() == "fork":
        with contextlib.suppress(Exception):  # a bad taxonomy or a missing engine: each file's row reports it
            _prepare(work.options, taxonomy_path, spacy_model)
    tasks, results = ctx.Queue(), ctx.Queue()
    for i, f in enumerate(files):
        tasks.put((i, f))
    procs: dict[int, tuple[Any, Any, Any]] = {}

    def spawn() -> None:
        current, started = ctx.Value("i", -1), ctx.Value("d", 0.0)
        proc = ctx.Process(target=_worker, daemon=True,
                           args=(tasks, results, current, started, work, recycle, lines_only))
        proc.start()
        assert proc.pid is not None  # set by start()
        procs[proc.pid] = (proc, current, started)

    pending = set(range(len(files)))
    n = min(workers, len(files))
    for _ in range(n):
        spawn()
    timeout = work.options.limits.timeout_s
    try:
        while pending:
            try:
                index, item = results.get(timeout=_POLL_S)
                if index == "ready":
                    continue
                if index == "exit":
                    entry = procs.pop(item, None)
                    if entry:
                        entry[0].join(1)
                    if pending and len(procs) < n:
                        spawn()
                    continue
                if index in pending:
                    pending.discard(index)
                    yield item
                continue
            except queue.Empty:
                pass
            now = time.monotonic()
            for pid, (proc, current, started) in list(procs.items()):
                idx = current.value
                overdue = idx >= 0 and timeout and now - started.value > timeout + 2.0
                if overdue or not proc.is_alive():
                    # A hung parse (or a crash) costs the file a row, never the batch.
                    if proc.is_alive():
                        proc.kill()
                    proc.join(1)
                    procs.pop(pid)
                    if idx >= 0 and idx in pending:
                        pending.discard(idx)
                        kind = "timeout" if overdue else "crash"
                        msg = (f"{files[idx]}: took longer than {timeout:g} s and was stopped; check the file "
                               "or raise --timeout." if overdue else
                               f"{files[idx]}: the worker died while reading it (exit code {proc.exitcode}); "
                               "the file may be hostile.")
                        yield BatchItem(files[idx], file_hash(files[idx]), "error",
                                        error={"kind": kind, "message": msg})
                    if pending:
                        spawn()
    finally:
        for proc, _, _ in procs.values():
            proc.kill()
            proc.join(1)
        tasks.close()
        results.close()


# -- Dask ----------------------------------------------------------------------------------


def _dask_chunk(chunk: list[str], work: _Work) -> list[dict[str, Any]]:
    # Load the libraries before the first file's memory cap, as local workers do; a no-op after.
    with contextlib.suppress(Exception):
        _prepare(work.options, work.taxonomy_path, work.spacy_model)
    return [work(p).to_dict() for p in chunk]


def analyze_many_dask(paths: Iterable[str], *, scheduler: str | None = None, options: Options | None = None,
                      taxonomy_path: str | None = None, chunk_size: int = 25, workers: int | None = None,
                      today: date | None = None, assume_known: Iterable[str] = (), spacy_model: str | None = None
                      ) -> Iterator[BatchItem]:
    """Analyse files on a Dask cluster, in chunks, yielding items as chunks finish.

    Args:
        scheduler: address of a running scheduler (``tcp://host:8786``); None starts a LocalCluster.
        chunk_size: files per task (per-task overhead makes one task per file wasteful).
        workers: processes of the LocalCluster (default: CPU count); unused with ``scheduler``.
        options, taxonomy_path, today, assume_known, spacy_model: as for :func:`analyze_many`.

    Raises:
        GapcheckError: Dask is not installed.
        InvalidOptionError: a memory cap under :data:`DASK_MIN_MEMORY_MB`.
    """
    from gapcheck.errors import GapcheckError, InvalidOptionError

    try:
        import dask.distributed  # noqa: F401
    except ImportError as exc:
        raise GapcheckError("--engine dask needs Dask: pip install 'gapcheck[dask]'.") from exc
    work = _work(options, taxonomy_path, today, assume_known, spacy_model)
    if work.options.limits.max_memory_mb < DASK_MIN_MEMORY_MB:
        raise InvalidOptionError(
            f"--engine dask needs a --max-memory of at least {DASK_MIN_MEMORY_MB} MB, not "
            f"{work.options.limits.max_memory_mb}: a Dask worker holds about 600 MB itself.")
    # Checked here, before the first item is asked for; the cluster starts when it is.
    return _dask_items(list(paths), work, scheduler, chunk_size, workers)


def _dask_items(files: list[str], work: _Work, scheduler: str | None, chunk_size: int, workers: int | None
                ) -> Iterator[BatchItem]:
    from dask.distributed import Client, LocalCluster, as_completed

    chunks = [files[i : i + chunk_size] for i in range(0, len(files), chunk_size)]
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1,
                               processes=True, dashboard_address=None)
        client = Client(cluster)
    try:
        futures = [client.submit(_dask_chunk, c, work, pure=False) for c in chunks]
        for fut in as_completed(futures):
            for d in fut.result():
                yield BatchItem.from_dict(d)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


# -- output ---------------------------------------------------------------------------------


def read_done(output: Path) -> set[tuple[str, str | None]]:
    """Return (file, sha256) pairs already in a JSONL output; drop a torn last line."""
    if not output.exists():
        return set()
    done = set()
    good_bytes = 0
    with output.open("rb") as fh:
        for raw in fh:
            if not raw.endswith(b"\n"):
                break
            try:
                d = json.loads(raw)
            except ValueError:
                break
            done.add((d["file"], d.get("sha256")))
            good_bytes += len(raw)
    if good_bytes != output.stat().st_size:
        with output.open("r+b") as fh:
            fh.truncate(good_bytes)
    return done
