"""Command-line interface: parses options, calls the library, renders, maps errors to exit codes.

Importing this module loads only click; spaCy, pdfplumber and scikit-learn load when a
command needs them, so ``gapcheck --help`` stays fast.
"""

from __future__ import annotations

import functools
import re
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import click

from gapcheck import __version__
from gapcheck.config import (
    DEFAULT_HOURS_PER_WEEK,
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_CHARS,
    DEFAULT_MAX_MEMORY_MB,
    DEFAULT_MAX_PAGES,
    DEFAULT_MIN_FIT,
    DEFAULT_TIMEOUT_S,
    PDF_ENGINES,
    RANGES,
    Limits,
    Options,
)
from gapcheck.errors import InvalidOptionError

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
# The options of `gapcheck RESUME` that `gapcheck --help` shows, in this order.
MAIN_OPTIONS = ("as_json", "fmt", "output", "role", "top", "job", "evidence", "hours_per_week", "as_of",
                "assume_known")


class _DefaultGroup(click.Group):
    """A group that runs ``analyze`` when the first argument is not a subcommand."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("-h", "--help", "--version"):
            args = ["analyze", *args]
        return super().parse_args(ctx, args)

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        formatter.write_usage(ctx.command_path, "RESUME [OPTIONS]")
        formatter.write_usage(ctx.command_path, "COMMAND [ARGS]...", prefix="   or: ")

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The main options of the default command, so that ``gapcheck --help`` shows how to use it."""
        analyze = self.commands["analyze"]
        sub = click.Context(analyze, info_name="analyze", parent=ctx)
        records = {p.name: p.get_help_record(sub) for p in analyze.get_params(sub)}
        with formatter.section(f"Main options of {ctx.command_path} RESUME (all: {ctx.command_path} analyze --help)"):
            formatter.write_dl([rec for name in MAIN_OPTIONS if (rec := records.get(name))])
        super().format_epilog(ctx, formatter)


def _fail(exc: Exception) -> click.ClickException:
    """A document or data error: click exits with 1 (its own usage errors exit with 2).

    The message often names a file, whose name may hold terminal escape sequences."""
    from gapcheck._escape import terminal_safe

    return click.ClickException(terminal_safe(str(exc)))


@click.group(cls=_DefaultGroup, context_settings=CONTEXT)
@click.version_option(__version__, "--version", prog_name="gapcheck")
def main() -> None:
    """Score a resume against ML roles, list the missing skills and plan how to learn them.

    \b
    Examples:
      gapcheck resume.pdf                  terminal report
      gapcheck resume.pdf --json           JSON (schema in docs/schema.md)
      gapcheck resume.txt --role "MLOps Engineer" --hours-per-week 6
      cat resume.txt | gapcheck -          read from stdin
      gapcheck batch resumes/ -o results.jsonl
      gapcheck taxonomy roles
    """


class IsoDate(click.ParamType):
    """A calendar date written YYYY-MM-DD, converted to a :class:`datetime.date`."""

    name = "date"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        # date.fromisoformat alone also takes "20250701" and week dates; one spelling is clearer.
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            self.fail(f"{value!r} is not a date written YYYY-MM-DD, such as 2025-07-01.", param, ctx)
        try:
            return date.fromisoformat(value)
        except ValueError as exc:
            self.fail(f"{value!r} is not a date: {exc}.", param, ctx)


@dataclass(frozen=True)
class Analysis:
    """The analysis options of a command, gathered by :func:`analysis_options` into one argument."""

    options: Options
    taxonomy_path: str | None = None
    today: date | None = None
    assume_known: tuple[str, ...] = ()
    spacy_model: str | None = None


def _int_range(name: str) -> click.IntRange:
    low, high = RANGES[name]
    return click.IntRange(None if low is None else int(low), None if high is None else int(high))


def _float_range(name: str) -> click.FloatRange:
    return click.FloatRange(*RANGES[name])


# Every option that changes what an analysis finds, shared by `analyze` and `batch` (ranges
# from gapcheck.config.RANGES, the ones Options checks).
_ANALYSIS_OPTIONS = [
    click.option("--taxonomy", "taxonomy_path", type=click.Path(dir_okay=False),
                 help="Taxonomy file (JSON/YAML) to score against. Default: the shipped one."),
    click.option("--as-of", type=IsoDate(), default=None, metavar="YYYY-MM-DD",
                 help='The date "Present" stands for when counting years (default: today).'),
    click.option("--hours-per-week", type=_float_range("hours_per_week"), default=DEFAULT_HOURS_PER_WEEK,
                 show_default=True, help="Study hours a week; scales the plan's weeks."),
    click.option("--assume-known", default="", metavar="SKILLS",
                 help='Comma-separated skills to treat as learned, e.g. "docker,kubernetes".'),
    click.option("--min-fit", type=_float_range("min_fit"), default=DEFAULT_MIN_FIT, show_default=True,
                 help="Best score below which no role is named."),
    click.option("--no-fuzzy", is_flag=True, help="Turn off matching of misspelt skill names."),
    click.option("--spacy-model", default=None, metavar="NAME",
                 help="Use an installed spaCy pipeline for tokenising (default: blank English)."),
    click.option("--pdf-engine", type=click.Choice(PDF_ENGINES), default="pdfplumber",
                 show_default=True, help="PDF text engine; pdfium needs `pip install gapcheck[fast]`."),
    click.option("--password", default=None, help="Password of encrypted PDFs."),
    click.option("--ocr", is_flag=True, help="OCR a scanned PDF with ocrmypdf (if installed) instead of failing."),
    click.option("--include-contact", is_flag=True, help="Keep e-mail addresses and phone numbers in the output."),
    click.option("--max-bytes", type=_int_range("max_bytes"), default=DEFAULT_MAX_BYTES, show_default=True,
                 help="Largest input file accepted."),
    click.option("--max-pages", type=_int_range("max_pages"), default=DEFAULT_MAX_PAGES, show_default=True,
                 help="Most PDF pages accepted."),
    click.option("--max-chars", type=_int_range("max_chars"), default=DEFAULT_MAX_CHARS, show_default=True,
                 help="Most characters of text accepted."),
    click.option("--timeout", type=_float_range("timeout_s"), default=DEFAULT_TIMEOUT_S, show_default=True,
                 help="Seconds before the analysis of a file is stopped (batch: an error row)."),
    click.option("--max-memory", type=_int_range("max_memory_mb"), default=DEFAULT_MAX_MEMORY_MB,
                 show_default=True, metavar="MB",
                 help="Memory cap while a file is analysed (decompression bombs); batch: per worker."),
]


def _gather(kw: dict[str, Any]) -> Analysis:
    """Take the analysis options out of a command's arguments and build one :class:`Analysis`."""
    try:
        options = Options(
            limits=Limits(max_bytes=kw.pop("max_bytes"), max_pages=kw.pop("max_pages"),
                          max_chars=kw.pop("max_chars"), timeout_s=kw.pop("timeout"),
                          max_memory_mb=kw.pop("max_memory")),
            pdf_engine=kw.pop("pdf_engine"), password=kw.pop("password"), fuzzy=not kw.pop("no_fuzzy"),
            min_fit=kw.pop("min_fit"), hours_per_week=kw.pop("hours_per_week"),
            include_contact=kw.pop("include_contact"), ocr=kw.pop("ocr"),
        )
    except InvalidOptionError as exc:  # the click ranges come from the same table, so only a bug lands here
        raise click.UsageError(str(exc)) from exc
    known = tuple(s.strip() for s in kw.pop("assume_known").split(",") if s.strip())
    return Analysis(options, kw.pop("taxonomy_path"), kw.pop("as_of"), known, kw.pop("spacy_model"))


def analysis_options(func: Any) -> Any:
    """Add every analysis option to a command; it gets their values as one ``analysis`` argument."""

    @functools.wraps(func)
    def command(*args: Any, **kw: Any) -> Any:
        return func(*args, analysis=_gather(kw), **kw)

    for deco in reversed(_ANALYSIS_OPTIONS):
        command = deco(command)
    return command


@main.command("analyze", context_settings=CONTEXT, short_help="Analyse one resume (the default command).")
@click.argument("resume", type=click.Path(allow_dash=True))
@click.option("--json", "as_json", is_flag=True, help="Print JSON only (same as --format json).")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown", "html"]), default=None,
              help="Report format (default: text).")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Write the report to this file instead of stdout.")
@click.option("--html", "html_out", type=click.Path(dir_okay=False), default=None,
              help="Write the HTML report to this file (same as --format html -o FILE).")
@click.option("--force", is_flag=True, help="Overwrite the --output file if it exists.")
@click.option("--evidence", is_flag=True, help="Show the lines each skill was found on.")
@click.option("--role", help="Plan for this role (id, name or alias) instead of the best fit.")
@click.option("--top", type=click.IntRange(min=0), default=0, help="Show only the N best roles (0 = all).")
@click.option("--job", type=click.Path(dir_okay=False), default=None,
              help="A job posting (.txt/.md/.pdf) to score the resume against as an extra role.")
@analysis_options
def analyze_cmd(resume: str, as_json: bool, fmt: str | None, output: str | None, html_out: str | None,
                force: bool, evidence: bool, role: str | None, top: int, job: str | None,
                analysis: Analysis) -> None:
    """Analyse one resume (.pdf, .txt, .md, or - for stdin); the default command."""
    from gapcheck.errors import GapcheckError, LimitExceededError

    if html_out:
        if as_json or fmt not in (None, "html") or output not in (None, html_out):
            raise click.UsageError("--html FILE writes the HTML report; leave out --json, --format and -o with it.")
        fmt, output = "html", html_out
    fmt = "json" if as_json else (fmt or "text")
    try:
        if output:
            from gapcheck._output import check_target

            check_target(output, force=force)
        from gapcheck.guards import deadline, memory_cap

        options = analysis.options
        limits = options.limits
        color, width = not output and use_colour(sys.stdout), None if output else _width()

        def report() -> str:
            # Everything from loading the taxonomy to the rendered text runs under the limits:
            # a custom taxonomy's pattern, or a huge result, must not run for ever either.
            from gapcheck.extract import default_nlp
            from gapcheck.pipeline import analyze, analyze_bytes
            from gapcheck.render import render
            from gapcheck.taxonomy import load_taxonomy

            taxonomy = load_taxonomy(analysis.taxonomy_path)
            if role:
                taxonomy.find_role(role)
            nlp = default_nlp(analysis.spacy_model) if analysis.spacy_model else None
            common: dict[str, Any] = dict(taxonomy=taxonomy, nlp=nlp, role=role, job=job, options=options,
                                          assume_known=analysis.assume_known, today=analysis.today)
            if resume == "-":
                result = analyze_bytes(data, source="<stdin>", **common)
            else:
                result = analyze(resume, **common)
            return render(result, fmt, top=top, evidence=evidence, color=color, width=width)

        data = sys.stdin.buffer.read(limits.max_bytes + 1) if resume == "-" else b""
        if len(data) > limits.max_bytes:
            raise LimitExceededError(f"<stdin>: more than {limits.max_bytes:,} bytes; raise --max-bytes if the "
                                     "input is genuine.")
        with deadline(limits.timeout_s, resume), memory_cap(limits.max_memory_mb, resume):
            if resume != "-":
                from gapcheck.guards import check_input

                check_input(resume)  # a FIFO or a device is refused before it is opened
            if options.pdf_engine == "pdfium" and (resume.lower().endswith(".pdf") or data[:5] == b"%PDF-"):
                # PDFium aborts the process when the memory cap stops it: run it in a child.
                from gapcheck.guards import isolated

                text = isolated(report, name=resume, what="PDFium", timeout=limits.timeout_s,
                                megabytes=limits.max_memory_mb)
            else:
                text = report()
        if output:
            from gapcheck._output import write_atomic

            write_atomic(output, text)
        else:
            from gapcheck._output import write_stdout

            write_stdout(text)
    except GapcheckError as exc:
        raise _fail(exc) from exc
    except Exception as exc:
        if __import__("os").environ.get("GAPCHECK_DEBUG"):
            raise
        raise _fail(RuntimeError(f"{resume}: internal error ({exc!r}); please report it with the file "
                                 "(set GAPCHECK_DEBUG=1 for the traceback).")) from exc
    if output:
        from gapcheck._escape import terminal_safe

        click.echo(terminal_safe(f"wrote {output}"), err=True)


def use_colour(stream: Any) -> bool:
    """Colour the text report only on a terminal, never with ``NO_COLOR`` set (no-color.org) or ``TERM=dumb``."""
    import os

    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


def _width() -> int:
    import shutil

    return max(80, min(140, shutil.get_terminal_size((100, 24)).columns))


@main.group(context_settings=CONTEXT)
def taxonomy() -> None:
    """Inspect, validate and build skill taxonomies."""


@taxonomy.command("validate", context_settings=CONTEXT, short_help="Check a taxonomy file and print a summary.")
@click.argument("file", type=click.Path(dir_okay=False), required=False)
def taxonomy_validate(file: str | None) -> None:
    """Check a taxonomy file (default: the shipped one) and print a summary."""
    from gapcheck.errors import GapcheckError
    from gapcheck.taxonomy import load_taxonomy

    try:
        tax = load_taxonomy(file)
    except GapcheckError as exc:
        raise _fail(exc) from exc
    links = sum(len(r.skills) for r in tax.roles)
    from gapcheck._escape import terminal_safe

    click.echo(terminal_safe(f"{file or 'shipped taxonomy'}: valid — {tax.name} {tax.version} ({tax.content_hash}): "
                             f"{len(tax.roles)} roles, {len(tax.skills)} skills, {links} role-skill links, "
                             f"{len(tax.phases)} phases"))


@taxonomy.command("roles", context_settings=CONTEXT)
@click.option("--taxonomy", "taxonomy_path", type=click.Path(dir_okay=False), help="Taxonomy file.")
def taxonomy_roles(taxonomy_path: str | None) -> None:
    """List the roles of the taxonomy."""
    from gapcheck.errors import GapcheckError
    from gapcheck.taxonomy import load_taxonomy

    try:
        tax = load_taxonomy(taxonomy_path)
    except GapcheckError as exc:
        raise _fail(exc) from exc
    from gapcheck._escape import terminal_safe

    for role in tax.roles:  # a custom taxonomy's names may hold escape sequences
        ess = sum(1 for link in role.skills if link.importance == "essential")
        click.echo(terminal_safe(f"{role.id:<26} {role.name:<42} {len(role.skills):>3} skills ({ess} essential)"))


@taxonomy.command("skills", context_settings=CONTEXT)
@click.option("--role", help="Only the skills of this role, with importance and weight.")
@click.option("--taxonomy", "taxonomy_path", type=click.Path(dir_okay=False), help="Taxonomy file.")
def taxonomy_skills(role: str | None, taxonomy_path: str | None) -> None:
    """List skills (id, name, type, category, phase)."""
    from gapcheck._escape import terminal_safe
    from gapcheck.errors import GapcheckError
    from gapcheck.taxonomy import load_taxonomy

    try:
        tax = load_taxonomy(taxonomy_path)
        if role:
            r = tax.find_role(role)
            order = ["essential", "important", "optional"]
            for link in sorted(r.skills, key=lambda lk: (order.index(lk.importance), -lk.weight)):
                s = tax.skill_by_id[link.skill]
                click.echo(terminal_safe(f"{link.importance:<10} {link.weight:>5.2f}  {s.id:<30} {s.name}"))
            return
    except GapcheckError as exc:
        raise _fail(exc) from exc
    for s in tax.skills:
        click.echo(terminal_safe(f"{s.id:<30} {s.name:<34} {s.type:<9} {s.category:<24} {s.phase}"))


@taxonomy.command("build", context_settings=CONTEXT,
                  short_help="Build a taxonomy from career guides or job postings.")
@click.argument("docs", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="Taxonomy JSON to write.")
@click.option("--role-name", default=None, help="Make one role of all the postings, with this name "
              "(default: one role per job title the postings share).")
@click.option("--extend", is_flag=True, help="Keep the shipped ML roles (or those of --curation) beside the "
              "postings' roles; a postings' role replaces one of the same name.")
@click.option("--guides", is_flag=True, help="The documents are career guides for the curation's roles, "
              "not job postings (how the shipped taxonomy is built).")
@click.option("--curation", type=click.Path(dir_okay=False, exists=True), default=None,
              help="Curation YAML (skills, roles, phases). Default: the shipped curation file.")
@click.option("--candidates", type=click.Path(dir_okay=False), default=None,
              help="Write candidate terms not yet in the skill list here (default: OUTPUT.candidates.tsv).")
@click.option("--force", is_flag=True, help="Overwrite OUTPUT if it exists.")
def taxonomy_build(docs: tuple[str, ...], output: str, role_name: str | None, extend: bool, guides: bool,
                   curation: str | None, candidates: str | None, force: bool) -> None:
    """Build a taxonomy from job postings (or career guides): text, Markdown or PDF files or folders.

    Postings for one job make one role: its skills (essential where the postings require them,
    optional where they only prefer them), the years they ask for and the pay they offer.
    """
    from gapcheck.errors import GapcheckError, OutputExistsError

    try:
        if Path(output).exists() and not force:
            raise OutputExistsError(f"{output}: already exists; pass --force to overwrite it.")
        from skill_taxonomy.build import build_taxonomy, write_candidates, write_taxonomy

        report = build_taxonomy([Path(d) for d in docs], curation=Path(curation) if curation else None,
                                guides=guides, extend=extend, role_name=role_name)
        cand_path = Path(candidates or f"{output}.candidates.tsv")
        try:
            write_taxonomy(report.taxonomy, Path(output))
            write_candidates(report.candidates, cand_path)
        except OSError as exc:
            from gapcheck._output import output_error

            raise output_error(exc.filename or output, exc) from None
    except GapcheckError as exc:
        raise _fail(exc) from exc
    for line in report.summary_lines():
        click.echo(line, err=True)
    click.echo(f"wrote {output} and {cand_path}", err=True)


@main.command("batch", context_settings=CONTEXT, short_help="Score every resume in folders or globs (JSON lines).")
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="JSONL file or URL, one line per resume.")
@click.option("--workers", type=click.IntRange(min=0), default=None, help="Worker processes (default: CPU count).")
@click.option("--resume", "resume_run", is_flag=True, help="Skip files already in OUTPUT (same path and content).")
@click.option("--force", is_flag=True, help="Overwrite OUTPUT instead of refusing.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="local worker processes, or a Dask cluster (pip install 'gapcheck[dask]').")
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="Dask scheduler address; local files are sent to its workers (default: a local cluster).")
@click.option("--chunk-size", type=click.IntRange(min=1), default=25, show_default=True, help="Files per Dask task.")
@click.option("--storage-option", "storage_option", multiple=True, metavar="KEY=VALUE",
              help="An fsspec option for s3://, gs://... inputs and -o (e.g. endpoint_url=http://host:9000); repeat "
                   "for more.")
@click.option("--csv", "csv_path", type=click.Path(dir_okay=False), help="Write a resume × role score matrix.")
@click.option("--summary", "summary_path", type=click.Path(dir_okay=False), help="Write a Markdown summary.")
@click.option("--html", "html_path", type=click.Path(dir_okay=False), help="Write an HTML report with a heat map.")
@click.option("--role", help="Shortlist candidates for this role (with --top).")
@click.option("--top", type=click.IntRange(min=1), default=10, show_default=True, help="Shortlist length.")
@click.option("--detail", type=click.Choice(["compact", "full"]), default="compact", show_default=True,
              help="What each line holds: scores, best role, held skills and the gaps of the best role and of "
                   "--role (compact), or the whole result of `gapcheck FILE --json` (full).")
@click.option("--progress", type=click.Choice(["auto", "bar", "plain", "quiet"]), default="auto", show_default=True,
              help="Progress display on stderr (auto: a bar on a terminal, plain lines otherwise).")
@analysis_options
def batch_cmd(inputs: tuple[str, ...], output: str, workers: int | None, resume_run: bool, force: bool, engine: str,
              scheduler: str | None, chunk_size: int, csv_path: str | None, summary_path: str | None,
              html_path: str | None, role: str | None, top: int, progress: str, detail: str,
              analysis: Analysis, storage_option: tuple[str, ...]) -> None:
    """Score every resume in folders, globs or URLs (.pdf, .txt, .md), one JSON line each.

    INPUTS and -o may be fsspec URLs (s3://bucket/cvs/, gs://..., file://...).
    """
    params = dict(locals())
    from gapcheck._batch_cli import run_batch
    from gapcheck.errors import GapcheckError

    try:
        run_batch(**params)
    except InvalidOptionError as exc:  # options that are each in range but do not go together
        raise click.UsageError(_fail(exc).message) from exc
    except GapcheckError as exc:
        raise _fail(exc) from exc


def run() -> None:
    """The ``gapcheck`` console command: :func:`main`, then a quick exit.

    Tearing down the interpreter (clearing modules, collecting spaCy's and pydantic's objects)
    took 0.3-0.4 s, a fifth of a one-file run. After the command has finished and written its
    output, exit handlers run and the streams are flushed as usual; only that teardown is
    skipped. An unexpected exception still ends the normal way, with its traceback. spaCy's
    own command-line package is not imported (see :mod:`gapcheck._spacy_cli`).
    """
    import os

    from gapcheck import _spacy_cli

    # OpenBLAS starts a thread per core, each with ~40 MB of address space, before gapcheck does
    # anything; it does no dense linear algebra and a batch runs in processes, so one thread is
    # enough, and --max-memory (a cap on address space) then means the same on every machine.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    _spacy_cli.defer()
    try:
        main(prog_name="gapcheck")
    except SystemExit as exc:
        code = exc.code
        if code is not None and not isinstance(code, int):
            print(code, file=sys.stderr)
            code = 1
        _leave(code or 0)


def _leave(code: int) -> None:
    import atexit
    import os

    atexit._run_exitfuncs()  # multiprocessing, logging and others clean up here
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a reader that went away ("| head"), or a closed stream
            pass
    os._exit(code)


if __name__ == "__main__":
    run()
