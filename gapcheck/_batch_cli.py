"""The work behind `gapcheck batch`: discovery, resume, progress, output and summaries."""

from __future__ import annotations

import difflib
import itertools
import json
import sys
import time
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from gapcheck._batch_dask import analyze_many_dask, check_dask
from gapcheck._batch_line import Detail, compact_from_dict, missing_of
from gapcheck._escape import terminal_safe
from gapcheck._remote import as_local, is_url, parse_option
from gapcheck.batch import (
    BatchItem,
    BatchOutput,
    analyze_many,
    file_hash,
    refused_item,
    row_key,
    scan,
)
from gapcheck.errors import GapcheckError, InvalidOptionError, OutputExistsError

# Each batch worker holds 200-300 MB; far more than the cores only makes forks fail.
MAX_WORKERS = 256

if TYPE_CHECKING:
    from gapcheck.cli import Analysis
    from gapcheck.taxonomy import Taxonomy


def run_batch(*, inputs: tuple[str, ...], output: str, workers: int | None, resume_run: bool, force: bool,
              engine: str, scheduler: str | None, chunk_size: int, csv_path: str | None, summary_path: str | None,
              html_path: str | None, role: str | None, top: int, progress: str, detail: Detail,
              analysis: Analysis, storage_option: tuple[str, ...] = ()) -> None:
    from gapcheck._batch_remote import RemoteOutput, check_remote_target
    from gapcheck._output import check_target
    from gapcheck.taxonomy import load_taxonomy

    storage = dict(parse_option(o) for o in storage_option) or None
    output = as_local(output)
    remote = is_url(output)
    out = Path(output)
    if workers is not None and workers > MAX_WORKERS:
        raise InvalidOptionError(f"--workers must be at most {MAX_WORKERS}, not {workers}: each worker holds "
                                 "200-300 MB, and more workers than cores do not go faster.")
    taxonomy_path = analysis.taxonomy_path
    taxonomy = load_taxonomy(taxonomy_path)
    role_id = taxonomy.find_role(role).id if role else None
    _check_known(analysis.assume_known, taxonomy)  # once here, rather than as an error row for every file
    reports = {flag: Path(path) for flag, path in (("--csv", csv_path), ("--summary", summary_path),
                                                   ("--html", html_path)) if path}
    for flag, given in (("--csv", csv_path), ("--summary", summary_path), ("--html", html_path)):
        if given and is_url(given):
            raise InvalidOptionError(f"{flag} takes a local path, not a URL ({terminal_safe(given)}); only -o may be "
                                     "a URL.")
    _check_distinct({**({} if remote else {"-o": out}), **reports})
    # Every output is checked before the first file is read: a batch of hours must not fail at its end.
    if remote:
        check_remote_target(output, resume=resume_run, force=force, storage_options=storage)
    else:
        check_target(out, force=True)
        if out.exists() and not (resume_run or force):
            raise OutputExistsError(f"{out}: already exists; pass --resume to continue it or --force to start over.")
    for flag, path in reports.items():
        check_target(path, force=force, flag=f"--force (or write {flag} elsewhere)")
    if engine == "dask":
        check_dask(analysis.options)
    entries = scan(inputs, storage)
    if not entries:
        raise GapcheckError(f"no .pdf, .txt or .md files found in {', '.join(terminal_safe(i) for i in inputs)}; "
                            "check the paths.")
    max_bytes = analysis.options.limits.max_bytes
    sink = (RemoteOutput(output, resume=resume_run, force=force, storage_options=storage) if remote
            else BatchOutput(out, resume=resume_run, force=force and not resume_run))
    with sink:
        done = sink.done() if resume_run else set()
        done_keys = {key for key, _ in done}
        todo: list[str] = []
        refused: list[BatchItem] = []
        for entry in entries:
            key = row_key(entry.path)  # a file not in the output is not hashed (a URL would be downloaded)
            if key in done_keys and (key, None if entry.refused else file_hash(entry.path, max_bytes, storage)) in done:
                continue
            if entry.refused:
                refused.append(refused_item(entry))
            else:
                todo.append(entry.path)
        common: dict[str, Any] = dict(options=analysis.options, taxonomy_path=taxonomy_path,
                                      today=analysis.today or date.today(), assume_known=analysis.assume_known,
                                      spacy_model=analysis.spacy_model, detail=detail,
                                      gap_roles=(role_id,) if role_id else (), storage_options=storage,
                                      lines_only=True)
        # Both return at once (the work starts with the first item), the Dask one after its checks.
        if engine == "dask":
            items = analyze_many_dask(todo, scheduler=scheduler, chunk_size=chunk_size, workers=workers, **common)
        else:
            items = analyze_many(todo, workers=workers, **common)
        mode = progress if progress != "auto" else ("bar" if sys.stderr.isatty() else "plain")
        total = len(todo) + len(refused)
        skipped = len(entries) - total
        if skipped and mode != "quiet":
            click.echo(f"resuming: {skipped} of {len(entries)} files already done", err=True)
        counts = {"ok": 0, "error": 0}
        start = time.monotonic()
        interrupted = False
        bar = None
        if mode == "bar" and total:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            bar = Progress(TextColumn("scoring"), BarColumn(), MofNCompleteColumn(),
                           TextColumn("{task.fields[rate]:.1f} files/s"), TimeRemainingColumn(),
                           transient=False, console=Console(stderr=True))
            task = bar.add_task("batch", total=total, rate=0.0)
            bar.start()
        try:
            for n, item in enumerate(itertools.chain(refused, items), 1):
                sink.write(item)
                counts[item.status] += 1
                rate = n / max(time.monotonic() - start, 1e-9)
                if bar is not None:
                    bar.update(task, advance=1, rate=rate)
                elif mode == "plain" and (n % 50 == 0 or n == total):
                    click.echo(f"{n}/{total} files ({rate:.1f}/s), {counts['error']} errors", err=True)
        except KeyboardInterrupt:
            interrupted = True
        finally:
            if bar is not None:
                bar.stop()
        if not interrupted:
            sink.finish([e.path for e in entries])  # input order, one row per file
        if mode != "quiet":
            click.echo(terminal_safe(f"{output}: {counts['ok']} scored, {counts['error']} errors in "
                                     f"{time.monotonic() - start:.1f} s")
                       + (" (interrupted: run again with --resume)" if interrupted else ""), err=True)
        if interrupted:
            raise SystemExit(130)
        if reports or role_id:  # still under the lock: no other batch changes the rows meanwhile
            _reports(sink.real, csv_path, summary_path, html_path, role_id, top, taxonomy)


def _reports(out: Path, csv_path: str | None, summary_path: str | None, html_path: str | None,
             role_id: str | None, top: int, taxonomy: Taxonomy) -> None:
    from gapcheck import _batch_report as rep
    from gapcheck._output import write_atomic

    rows = _report_rows(out, role_id, taxonomy)
    if csv_path:
        write_atomic(csv_path, rep.csv_text(rows, taxonomy))
    if summary_path:
        write_atomic(summary_path, rep.summary_markdown(rows, taxonomy))
    if html_path:
        write_atomic(html_path, rep.batch_html(rows, taxonomy))
    if role_id:
        click.echo(terminal_safe(rep.shortlist_text(rows, role_id, top, taxonomy)))


def _check_distinct(paths: dict[str, Path]) -> None:
    """Refuse two outputs on one file (``-o out.jsonl --csv out.jsonl`` would replace the results)."""
    seen: dict[str, str] = {}
    for flag, path in paths.items():
        key = row_key(str(path))
        if key in seen:
            raise InvalidOptionError(f"{seen[key]} and {flag} name the same file ({terminal_safe(str(path))}); "
                                     "give each output its own path.")
        seen[key] = flag


def _check_known(names: tuple[str, ...], taxonomy: Taxonomy) -> None:
    """Refuse an --assume-known skill the taxonomy does not have, as a single analysis would."""
    for name in names:
        if taxonomy.find_skill(name) is None:
            hint = difflib.get_close_matches(name.casefold(), list(taxonomy.term_index), n=1)
            extra = f" Did you mean {hint[0]!r}?" if hint else ""
            raise GapcheckError(f"--assume-known: unknown skill {name!r}.{extra} "
                                "Run `gapcheck taxonomy skills` to list skills.")


def _slim(result: dict[str, Any] | None, role_id: str | None, taxonomy: Taxonomy) -> dict[str, Any] | None:
    """The compact form of a line's result (compact or full) with only the gaps the reports
    read: the first five of the target role, and for --role those up to its last essential one."""
    if not result:
        return result
    line = compact_from_dict(result)
    kept = {}
    for rid in dict.fromkeys(r for r in (line["target_role"], role_id) if r):
        gaps = missing_of(line, rid, taxonomy)  # in importance order: the essential ones first
        kept[rid] = gaps[: max(5, sum(m["importance"] == "essential" for m in gaps))]
    return {**line, "missing": kept}


def _report_rows(out: Path, role_id: str | None, taxonomy: Taxonomy) -> list[BatchItem]:
    """Read the JSONL back line by line, keeping only what the reports need, so that memory
    stays near the size of the reports rather than of every result."""
    rows = []
    with out.open("rb") as fh:
        for line in fh:
            if not line.strip():
                continue
            try:
                d = json.loads(line)
                rows.append(replace(BatchItem.from_dict(d), result=_slim(d.get("result"), role_id, taxonomy)))
            except (ValueError, KeyError, TypeError):  # a torn line of an interrupted run
                continue
    return rows
