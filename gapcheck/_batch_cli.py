"""The work behind `gapcheck batch`: discovery, resume, progress, output and summaries."""

from __future__ import annotations

import difflib
import json
import sys
import time
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from gapcheck.batch import BatchItem, analyze_many, analyze_many_dask, discover, file_hash, read_done
from gapcheck.errors import GapcheckError, OutputExistsError

if TYPE_CHECKING:
    from gapcheck.cli import Analysis
    from gapcheck.taxonomy import Taxonomy


def run_batch(*, inputs: tuple[str, ...], output: str, workers: int | None, resume_run: bool, force: bool,
              engine: str, scheduler: str | None, chunk_size: int, csv_path: str | None, summary_path: str | None,
              html_path: str | None, role: str | None, top: int, progress: str, analysis: Analysis) -> None:
    from gapcheck.taxonomy import load_taxonomy

    out = Path(output)
    taxonomy_path = analysis.taxonomy_path
    taxonomy = load_taxonomy(taxonomy_path)
    role_id = taxonomy.find_role(role).id if role else None
    _check_known(analysis.assume_known, taxonomy)  # once here, rather than as an error row for every file
    if out.exists() and not (resume_run or force):
        raise OutputExistsError(f"{out}: already exists; pass --resume to continue it or --force to start over.")
    files = discover(inputs)
    if not files:
        raise GapcheckError(f"no .pdf, .txt or .md files found in {', '.join(inputs)}; check the paths.")
    done = read_done(out) if resume_run else set()
    todo = [f for f in files if (f, file_hash(f)) not in done] if done else files
    common: dict[str, Any] = dict(options=analysis.options, taxonomy_path=taxonomy_path,
                                  today=analysis.today or date.today(), assume_known=analysis.assume_known,
                                  spacy_model=analysis.spacy_model)
    # Both return at once (the work starts with the first item), the Dask one after its checks:
    # a refusal leaves a --force OUTPUT in place.
    if engine == "dask":
        items = analyze_many_dask(todo, scheduler=scheduler, chunk_size=chunk_size, workers=workers, **common)
    else:
        items = analyze_many(todo, workers=workers, lines_only=True, **common)
    if force and not resume_run and out.exists():
        out.unlink()
    mode = progress if progress != "auto" else ("bar" if sys.stderr.isatty() else "plain")
    skipped = len(files) - len(todo)
    if skipped and mode != "quiet":
        click.echo(f"resuming: {skipped} of {len(files)} files already done", err=True)
    counts = {"ok": 0, "error": 0}
    start = time.monotonic()
    interrupted = False
    with out.open("a", encoding="utf-8") as fh:
        bar = None
        if mode == "bar" and todo:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            bar = Progress(TextColumn("scoring"), BarColumn(), MofNCompleteColumn(),
                           TextColumn("{task.fields[rate]:.1f} files/s"), TimeRemainingColumn(),
                           transient=False, console=Console(stderr=True))
            task = bar.add_task("batch", total=len(todo), rate=0.0)
            bar.start()
        try:
            for n, item in enumerate(items, 1):
                # One write per line, flushed: a kill leaves at most one torn line, which --resume drops.
                fh.write(item.json_line() + "\n")
                fh.flush()
                counts[item.status] += 1
                rate = n / max(time.monotonic() - start, 1e-9)
                if bar is not None:
                    bar.update(task, advance=1, rate=rate)
                elif mode == "plain" and (n % 50 == 0 or n == len(todo)):
                    click.echo(f"{n}/{len(todo)} files ({rate:.1f}/s), {counts['error']} errors", err=True)
        except KeyboardInterrupt:
            interrupted = True
        finally:
            if bar is not None:
                bar.stop()
    if mode != "quiet":
        click.echo(f"{out}: {counts['ok']} scored, {counts['error']} errors in {time.monotonic() - start:.1f} s"
                   + (" (interrupted: run again with --resume)" if interrupted else ""), err=True)
    if interrupted:
        raise SystemExit(130)
    if not (csv_path or summary_path or html_path or role_id):
        return
    rows = _report_rows(out)
    from gapcheck import _batch_report as rep

    if csv_path:
        rep.write_csv(rows, Path(csv_path), taxonomy)
    if summary_path:
        Path(summary_path).write_text(rep.summary_markdown(rows, taxonomy), encoding="utf-8")
    if html_path:
        Path(html_path).write_text(rep.batch_html(rows, taxonomy), encoding="utf-8")
    if role_id:
        click.echo(rep.shortlist_text(rows, role_id, top, taxonomy))


def _check_known(names: tuple[str, ...], taxonomy: Taxonomy) -> None:
    """Refuse an --assume-known skill the taxonomy does not have, as a single analysis would."""
    for name in names:
        if taxonomy.find_skill(name) is None:
            hint = difflib.get_close_matches(name.casefold(), list(taxonomy.term_index), n=1)
            extra = f" Did you mean {hint[0]!r}?" if hint else ""
            raise GapcheckError(f"--assume-known: unknown skill {name!r}.{extra} "
                                "Run `gapcheck taxonomy skills` to list skills.")


def _slim(result: dict[str, Any] | None) -> dict[str, Any] | None:
    """The part of a result the batch reports use (scores, gaps, best role, plan target)."""
    if not result:
        return result
    roles = [{"id": r["id"], "name": r["name"], "score": r["score"],
              "missing": [{"name": m["name"], "importance": m["importance"]} for m in r["missing"]]}
             for r in result["roles"]]
    plan = {"role": result["learning_plan"]["role"]}
    return {"roles": roles, "best_role": result["best_role"], "learning_plan": plan}


def _report_rows(out: Path) -> list[BatchItem]:
    """Read the JSONL back line by line, keeping only what the reports need, so that memory
    stays near the size of the reports rather than of every full result."""
    rows = []
    with out.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            try:
                d = json.loads(line)
            except json.JSONDecodeError:  # a torn last line of an interrupted run
                continue
            rows.append(replace(BatchItem.from_dict(d), result=_slim(d.get("result"))))
    return rows
