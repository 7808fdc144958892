"""The 18 defects of the hostile-input review (issue 22), one test (or a few) each, numbered
as in the issue. Every test here failed before its fix; the ones that used to hang run the
command in a child process with a time limit, so that a hang fails instead of stalling."""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from gapcheck import analyze_text
from gapcheck.batch import analyze_many, discover
from gapcheck.cli import main
from gapcheck.config import Limits
from gapcheck.errors import InvalidTaxonomyError, TimeoutExceededError
from gapcheck.guards import address_space_mb, deadline, memory_cap
from gapcheck.taxonomy import load_taxonomy, taxonomy_from_data

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_resumes"
FIXTURES = ROOT / "tests" / "fixtures"
ESC = "\x1b"


def _gapcheck(*args: str, timeout: float = 120, preexec=None, cwd: Path | None = None
              ) -> subprocess.CompletedProcess[str]:
    """Run the command in its own process group; a hang past ``timeout`` fails the test."""
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "gapcheck.cli", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, errors="replace", start_new_session=True,
                            preexec_fn=preexec, env=env, cwd=cwd)
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        pytest.fail(f"gapcheck {' '.join(args)} hung for {timeout} s")
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def _rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_bytes().splitlines()]


def _one_line_error(stderr: str) -> None:
    lines = [ln for ln in stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and "Traceback" not in stderr, stderr


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    d = tmp_path / "in"
    d.mkdir()
    for stem in ("nlp_engineer", "mlops_engineer", "quant_ml_analyst"):
        shutil.copy(SAMPLES / f"{stem}.txt", d / f"{stem}.txt")
    return d


def _batch(*args: str, progress: str = "quiet") -> object:
    return CliRunner().invoke(main, ["batch", *args, "--progress", progress])


# 1. A one-line resume explodes -------------------------------------------------------------


def test_01_a_one_line_290_kb_resume_gives_a_normal_sized_result_in_seconds():
    line = " ".join((SAMPLES / "ml_engineer_senior.txt").read_text(encoding="utf-8").split())
    text = ((line + " ") * (290_000 // len(line) + 1))[:290_000]
    start = time.monotonic()
    # Room for a normal result; the old whole-line evidence needed gigabytes and fails fast here.
    with memory_cap((address_space_mb() or 0) + 1500, "one-line.txt"):
        result = analyze_text(text, source="one-line.txt")
        size = len(result.to_json())
    assert time.monotonic() - start < 30
    assert size < 2_000_000, size
    evidence = [e for s in result.skills for e in s.evidence] + [r.evidence for r in result.rejected]
    assert evidence and max(len(e.text) for e in evidence) <= 260
    for e in evidence[:50]:
        assert e.term.casefold() in e.text.casefold()  # a window around the mention, which it shows


def test_01_a_short_line_keeps_its_whole_text_as_evidence():
    line = "Built NLP pipelines in Python and PyTorch for search ranking at Acme, 2019 - 2023"
    result = analyze_text(f"EXPERIENCE\n{line}\n")
    assert {e.text for s in result.skills for e in s.evidence} == {line}


_SERIALISE_FAILS = """
import json, sys
from gapcheck import batch

real = batch.BatchItem.json_line
def json_line(self):
    if self.file.endswith("huge.txt") and self.status == "ok":
        raise MemoryError  # as a 4 GB result did
    return real(self)
batch.BatchItem.json_line = json_line
items = batch.analyze_many(sys.argv[1:], workers=2, lines_only=True)
print(json.dumps(sorted([i.file.rsplit("/", 1)[-1], i.status, (i.error or {}).get("kind")] for i in items)))
"""


def test_01_a_memory_error_while_serialising_costs_a_row_not_the_batch(folder):
    shutil.copy(SAMPLES / "nlp_engineer.txt", folder / "huge.txt")
    files = [str(folder / "huge.txt"), str(folder / "nlp_engineer.txt"), str(folder / "mlops_engineer.txt")]
    proc = subprocess.Popen([sys.executable, "-c", _SERIALISE_FAILS, *files], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        out, err = proc.communicate(timeout=90)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        pytest.fail("the batch waited for ever for the row of huge.txt")
    assert json.loads(out) == [["huge.txt", "error", "limit_exceeded"], ["mlops_engineer.txt", "ok", None],
                               ["nlp_engineer.txt", "ok", None]], err


def test_01_a_report_that_cannot_be_written_to_stdout_is_an_error():
    # It was cut (or lost) with exit 0.
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-m", "gapcheck.cli", str(SAMPLES / "nlp_engineer.txt"), "--json"],
                              stdout=full, stderr=subprocess.PIPE, text=True, timeout=120)
    assert done.returncode == 1 and "standard output: cannot write (No space left on device)" in done.stderr
    _one_line_error(done.stderr)


# 2. A memory cap too small for the workers -------------------------------------------------


def test_02_a_memory_cap_below_the_floor_is_refused_up_front(folder, tmp_path):
    res = _batch(str(folder), "-o", str(tmp_path / "o.jsonl"), "--max-memory", "300")
    assert res.exit_code == 2 and "--max-memory" in res.output and not (tmp_path / "o.jsonl").exists()


_WORKERS_DIE = """
import json, os, sys
from gapcheck import batch

def dies(*args):
    os._exit(3)  # as a worker does that cannot start under its cap
batch._worker = dies
items = list(batch.analyze_many(sys.argv[1:], workers=2))
print(json.dumps([[i.status, i.error["kind"]] for i in items]))
"""


def test_02_workers_that_die_at_start_end_the_batch_with_a_row_per_file(folder):
    files = [str(p) for p in sorted(folder.iterdir())]
    proc = subprocess.Popen([sys.executable, "-c", _WORKERS_DIE, *files], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        out, err = proc.communicate(timeout=90)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        pytest.fail("the batch waited for ever on workers that could not start")
    assert json.loads(out) == [["error", "crash"]] * 3, err


def test_02_no_worker_able_to_start_gives_each_file_a_row(folder, monkeypatch):
    import multiprocessing as mp

    from gapcheck import batch

    real = mp.get_context("fork")

    class NoFork:  # fork() failing with EAGAIN, as it does when the process limit is reached
        Pipe = staticmethod(real.Pipe)

        def Process(self, *args, **kwargs):  # noqa: N802
            raise OSError(11, "Resource temporarily unavailable")

        def get_start_method(self):
            return "fork"

    monkeypatch.setattr(batch.mp, "get_context", lambda *a: NoFork())
    items = list(analyze_many([str(p) for p in sorted(folder.iterdir())], workers=2))
    assert [(i.status, i.error["kind"]) for i in items] == [("error", "crash")] * 3
    assert "no worker process could start (Resource temporarily unavailable)" in items[0].error["message"]


def test_02_too_many_workers_is_a_usage_error(folder, tmp_path):
    res = _batch(str(folder), "-o", str(tmp_path / "o.jsonl"), "--workers", "100000")
    assert res.exit_code == 2 and "--workers" in res.output


# 3. A FIFO named *.txt ---------------------------------------------------------------------


def test_03_a_fifo_in_a_folder_gets_a_row_and_the_batch_ends(folder, tmp_path):
    os.mkfifo(folder / "pipe.txt")
    out = tmp_path / "o.jsonl"
    done = _gapcheck("batch", str(folder), "-o", str(out), "--timeout", "5", "--workers", "2",
                     "--progress", "quiet", timeout=90)
    assert done.returncode == 0, done.stderr
    rows = {Path(r["file"]).name: r for r in _rows(out)}
    assert len(rows) == 4 and rows["pipe.txt"]["error"]["kind"] == "not_a_file"
    assert "FIFO" in rows["pipe.txt"]["error"]["message"]
    again = _gapcheck("batch", str(folder), "-o", str(out), "--resume", "--progress", "quiet", timeout=90)
    assert again.returncode == 0, again.stderr  # hashing for --resume does not open the FIFO either


# 4. A file name that is not UTF-8 ----------------------------------------------------------


def test_04_a_file_name_that_is_not_utf8_gets_its_row_and_every_report(folder, tmp_path):
    odd = os.fsdecode(b"caf\xe9-\xff.txt")
    shutil.copy(SAMPLES / "nlp_engineer.txt", folder / odd)
    out, reports = tmp_path / "o.jsonl", [tmp_path / "m.csv", tmp_path / "s.md", tmp_path / "h.html"]
    args = [str(folder), "-o", str(out), "--csv", str(reports[0]), "--summary", str(reports[1]),
            "--html", str(reports[2]), "--role", "nlp_engineer", "--workers", "2"]
    res = _batch(*args)
    assert res.exit_code == 0, res.output
    rows = _rows(out)
    assert len(rows) == 4 and os.fsdecode(b"caf\xe9-\xff.txt") in {Path(r["file"]).name for r in rows}
    assert "caf\\xe9-\\xff.txt" in reports[0].read_text(encoding="utf-8")  # shown as the bytes it has
    assert "caf\\xe9-\\xff.txt" in reports[2].read_text(encoding="utf-8")
    again = _batch(*args[:3], "--resume", progress="plain")
    assert again.exit_code == 0 and "4 of 4 files already done" in again.output, again.output


def test_04_a_single_report_of_such_a_file_is_written_whole(tmp_path):
    odd = tmp_path / os.fsdecode(b"\xff.txt")
    shutil.copy(SAMPLES / "nlp_engineer.txt", odd)
    report = tmp_path / "report.md"
    res = CliRunner().invoke(main, [str(odd), "--format", "markdown", "-o", str(report)])
    assert res.exit_code == 0, res.output
    assert "\\xff.txt" in report.read_text(encoding="utf-8") or "\\udcff.txt" in report.read_text(encoding="utf-8")
    res = CliRunner().invoke(main, [str(odd), "--json"])
    assert res.exit_code == 0 and json.loads(res.stdout)["source"] == str(odd)  # the JSON escape reads back


# 5. A catastrophic-backtracking pattern in a custom taxonomy ---------------------------------


def _taxonomy_with(tmp_path: Path, taxonomy, **skill_changes) -> Path:
    data = taxonomy.model_dump(mode="json")
    data["skills"][0].update(skill_changes)
    path = tmp_path / "custom.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.mark.parametrize("pattern", [r"\bled\s+(?:\w+\s?)+\s+teams\b", r"(?:.*.*)*xyzzy", r"\b(?:a|ab)+c\b"])
def test_05_a_pattern_that_backtracks_for_ever_is_refused_when_the_taxonomy_loads(tmp_path, taxonomy, pattern):
    path = _taxonomy_with(tmp_path, taxonomy, patterns=[pattern])
    with deadline(20, "test"):  # it hung `taxonomy validate`, or every analysis of a long line
        with pytest.raises(InvalidTaxonomyError, match="Bound the outer repeat"):
            load_taxonomy(path)
        res = CliRunner().invoke(main, ["taxonomy", "validate", str(path)])
    assert res.exit_code == 1 and "custom.json: invalid taxonomy" in res.output


def test_05_the_shipped_patterns_pass_the_check(taxonomy):
    assert sum(len(s.patterns) for s in taxonomy.skills) >= 10  # loading it ran the check on each


# 6. --resume destroys data ---------------------------------------------------------------


def test_06_resume_refuses_a_file_that_is_not_batch_output(folder, tmp_path):
    notes = tmp_path / "notes.md"
    notes.write_text("# My notes\n\nNot JSON at all.\n" * 500, encoding="utf-8")
    before = notes.read_bytes()
    res = _batch(str(folder), "-o", str(notes), "--resume")
    assert res.exit_code == 1 and "not the JSONL of a gapcheck batch" in res.output
    assert notes.read_bytes() == before


def test_06_resume_keeps_good_rows_after_a_blank_line_and_skips_torn_ones(folder, tmp_path):
    out = tmp_path / "o.jsonl"
    assert _batch(str(folder), "-o", str(out), "--workers", "0").exit_code == 0
    first, *rest = out.read_bytes().splitlines(keepends=True)
    # A blank line after the first row, a row without "file" and a torn line at the end.
    out.write_bytes(first + b"\n" + b'{"file": 3, "status": "ok"}\n' + b"".join(rest) + b'{"file": "to')
    res = _batch(str(folder), "-o", str(out), "--resume", progress="plain")
    assert res.exit_code == 0 and "3 of 3 files already done" in res.output, res.output
    rows = _rows(out)
    assert [Path(r["file"]).name for r in rows] == sorted(p.name for p in folder.iterdir())
    assert all(r["status"] == "ok" for r in rows)


# 7. No lock on -o ------------------------------------------------------------------------


def test_07_a_second_writer_on_one_output_is_refused_and_changes_nothing(folder, tmp_path):
    from gapcheck.batch import BatchOutput
    from gapcheck.errors import OutputLockedError

    out = tmp_path / "o.jsonl"
    assert _batch(str(folder / "nlp_engineer.txt"), "-o", str(out)).exit_code == 0
    before = out.read_bytes()
    with BatchOutput(out, resume=True):  # the first writer, still running
        for flag in ("--resume", "--force"):
            res = _batch(str(folder), "-o", str(out), flag)
            assert res.exit_code == 1 and "another gapcheck batch is writing it" in res.output, res.output
            assert out.read_bytes() == before
        with pytest.raises(OutputLockedError):
            BatchOutput(out, resume=True)


def test_07_a_killed_batch_leaves_no_lock_behind_in_its_workers(folder, tmp_path):
    from gapcheck.batch import BatchOutput

    out = tmp_path / "o.jsonl"
    slow = [str(FIXTURES / "forty_pages.pdf")] * 1 + [str(folder / "nlp_engineer.txt")]
    proc = subprocess.Popen([sys.executable, "-m", "gapcheck.cli", "batch", *slow, "-o", str(out), "--workers", "1",
                             "--max-pages", "100", "--progress", "quiet"], start_new_session=True,
                            stderr=subprocess.DEVNULL)
    try:
        end = time.monotonic() + 60
        while not out.exists() and time.monotonic() < end:
            time.sleep(0.05)
        time.sleep(1.0)  # the worker is busy reading forty pages
        proc.kill()  # the batch only, as the OOM killer would; its worker lives on for a while
        proc.wait()
        with BatchOutput(out, resume=True):  # the next batch may start at once
            pass
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)


def test_07_two_batches_at_once_on_one_output_give_each_file_one_row(folder, tmp_path):
    for i in range(6):
        shutil.copy(SAMPLES / "rl_researcher.txt", folder / f"extra_{i}.txt")
    out = tmp_path / "o.jsonl"
    cmd = [sys.executable, "-m", "gapcheck.cli", "batch", str(folder), "-o", str(out), "--resume", "--workers", "1",
           "--progress", "quiet"]
    procs = [subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    results = [(p.communicate(timeout=180)[1], p.returncode)[::-1] for p in procs]
    assert sorted(code for code, _ in results)[0] == 0, results
    assert all(code == 0 or "another gapcheck batch is writing it" in err for code, err in results), results
    files = [r["file"] for r in _rows(out)]
    assert len(files) == len(set(files)) == 9


# 8. CSV formula injection --------------------------------------------------------------------


def test_08_csv_cells_never_start_a_formula(folder, tmp_path, monkeypatch):
    for name in ("=HYPERLINK(1).txt", "+SUM(1).txt", "-2+3.txt", "@cmd.txt"):
        shutil.copy(SAMPLES / "nlp_engineer.txt", folder / name)
    out, table = tmp_path / "o.jsonl", tmp_path / "m.csv"
    monkeypatch.chdir(folder)  # names given relative, as a glob gives them: the cell starts with the name
    assert _batch("*.txt", "-o", str(out), "--csv", str(table)).exit_code == 0
    cells = [c for row in csv.reader(io.StringIO(table.read_text(encoding="utf-8"))) for c in row]
    files = {Path(c.lstrip("'")).name for c in cells if c.endswith(".txt")}
    assert {"=HYPERLINK(1).txt", "+SUM(1).txt", "-2+3.txt", "@cmd.txt"} <= files
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]


# 9. Tracebacks for outputs that cannot be written ------------------------------------------------


def test_09_an_output_in_a_missing_folder_is_one_line_and_exit_1_before_any_work(folder, tmp_path):
    for args in (["-o", str(tmp_path / "no" / "o.jsonl")],
                 ["-o", str(tmp_path / "o.jsonl"), "--csv", str(tmp_path / "no" / "m.csv")],
                 ["-o", "/proc/version/o.jsonl"]):
        done = _gapcheck("batch", str(folder), *args, "--progress", "quiet")
        assert done.returncode == 1, done.stderr
        _one_line_error(done.stderr)
        assert "does not exist" in done.stderr or "cannot write" in done.stderr
    assert not (tmp_path / "o.jsonl").exists()  # the report was checked before the batch started
    single = _gapcheck(str(folder / "nlp_engineer.txt"), "-o", str(tmp_path / "no" / "r.txt"))
    assert single.returncode == 1 and "r.txt: the folder" in single.stderr
    _one_line_error(single.stderr)


def _small_files() -> None:
    # Files may grow to 8 KB: one resume's compact line (about 4 KB) fits, its HTML report (about
    # 12 KB) and three resumes' lines do not (EFBIG, as a full disk gives ENOSPC). Python ignores
    # SIGXFSZ, so the write fails instead of killing.
    resource.setrlimit(resource.RLIMIT_FSIZE, (8 * 1024, 8 * 1024))


def test_09_a_write_that_fails_half_way_is_one_line_and_leaves_no_empty_report(folder, tmp_path):
    out, page = tmp_path / "o.jsonl", tmp_path / "h.html"
    done = _gapcheck("batch", str(folder / "nlp_engineer.txt"), "-o", str(out), "--html", str(page),
                     "--progress", "quiet", preexec=_small_files)
    assert done.returncode == 1 and "cannot write (File too large)" in done.stderr, done.stderr
    assert "h.html" in done.stderr and out.stat().st_size < 8 * 1024  # the report failed, not the lines
    _one_line_error(done.stderr)
    assert not page.exists() and not list(tmp_path.glob(".*.tmp"))
    big = _gapcheck("batch", str(folder), "-o", str(tmp_path / "big.jsonl"), "--progress", "quiet",
                    preexec=_small_files)
    assert big.returncode == 1 and "then run the same command with --resume" in big.stderr, big.stderr
    _one_line_error(big.stderr)


# 10. PDFium under a memory cap ---------------------------------------------------------------


def test_10_pdfium_out_of_memory_under_the_cap_is_a_one_line_error():
    pytest.importorskip("pypdfium2")
    done = _gapcheck(str(FIXTURES / "bomb.pdf"), "--json", "--pdf-engine", "pdfium", "--max-memory", "800")
    assert done.returncode == 1, (done.returncode, done.stderr)  # was 134 (SIGABRT) with nothing said
    assert "bomb.pdf: PDFium stopped the process (signal SIGABRT)" in done.stderr and "--max-memory" in done.stderr
    _one_line_error(done.stderr)
    good = _gapcheck(str(SAMPLES / "nlp_engineer.pdf"), "--json", "--pdf-engine", "pdfium", "--max-memory", "800")
    assert good.returncode == 0 and json.loads(good.stdout)["best_role"], good.stderr


def test_10_in_a_batch_the_row_says_pdfium_and_the_cap(tmp_path):
    pytest.importorskip("pypdfium2")
    out = tmp_path / "o.jsonl"
    done = _gapcheck("batch", str(FIXTURES / "bomb.pdf"), str(SAMPLES / "nlp_engineer.txt"), "-o", str(out),
                     "--pdf-engine", "pdfium", "--max-memory", "800", "--workers", "2", "--progress", "quiet")
    assert done.returncode == 0, done.stderr
    bomb = next(r for r in _rows(out) if r["file"].endswith("bomb.pdf"))
    assert bomb["error"]["kind"] == "crash" and "PDFium stopped the worker (signal SIGABRT)" in bomb["error"]["message"]
    assert "--max-memory cap of 800 MB" in bomb["error"]["message"]


# 11. Timeouts inside pdfminer, and in Dask tasks ---------------------------------------------------


def test_11_a_timeout_inside_pdfminer_is_a_timeout_not_a_damaged_pdf(monkeypatch):
    import pdfminer.pdfparser

    from gapcheck.read import read_document

    def slow(*args, **kwargs):
        time.sleep(5)  # the alarm fires in here, deep inside pdfplumber.open

    monkeypatch.setattr(pdfminer.pdfparser.PDFParser, "__init__", slow)
    with pytest.raises(TimeoutExceededError, match="good.pdf: took longer than 0.3 s"):
        with deadline(0.3, str(FIXTURES / "good.pdf")):
            read_document(FIXTURES / "good.pdf")


def test_11_a_timeout_during_page_reading_is_a_timeout():
    from gapcheck.read import read_document

    # Forty pages take far longer than 10 ms to read.
    with pytest.raises(TimeoutExceededError):
        with deadline(0.01, "forty_pages.pdf"):
            read_document(FIXTURES / "forty_pages.pdf", limits=Limits(max_pages=100))


def test_11_a_timeout_that_falls_in_a_gc_callback_is_raised_after_it():
    # A library's garbage-collector callback (a test framework's timer) may be running when the
    # alarm comes; an error raised there would be lost as "Exception ignored" (pytest fails
    # the test for it), so the deadline raises it once the callback is done.
    import gc

    def slow_callback(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            time.sleep(0.05)

    gc.callbacks.append(slow_callback)
    try:
        with pytest.raises(TimeoutExceededError):
            with deadline(0.01, "cv.pdf"):
                gc.collect()
    finally:
        gc.callbacks.remove(slow_callback)


def test_11_the_deadline_stops_work_in_a_thread_as_dask_runs_tasks():
    outcome: list[BaseException | None] = []

    def task() -> None:
        try:
            with deadline(0.3, "cv.pdf"):
                end = time.monotonic() + 10
                while time.monotonic() < end:  # pure Python, like pdfminer
                    pass
            outcome.append(None)
        except BaseException as exc:  # noqa: BLE001
            outcome.append(exc)

    start = time.monotonic()
    worker = threading.Thread(target=task)
    worker.start()
    worker.join(20)
    assert time.monotonic() - start < 5
    assert isinstance(outcome[0], TimeoutExceededError) and "cv.pdf: took longer than 0.3 s" in str(outcome[0])
    time.sleep(0.5)  # and nothing lands later


# 12. Deep taxonomy structures ---------------------------------------------------------------


def test_12_a_5000_long_prerequisite_chain_loads_and_a_cycle_in_it_is_named(taxonomy):
    data = taxonomy.model_dump(mode="json")
    base = data["skills"][0]
    chain = [{**base, "id": f"chain_{i:04d}", "name": f"Chain skill {i}", "aliases": [], "patterns": [],
              "ambiguous_aliases": [], "other_senses": [], "broader": [],
              "prerequisites": [f"chain_{i + 1:04d}"] if i < 4999 else []} for i in range(5000)]
    data["skills"] += chain
    assert len(taxonomy_from_data(data, "deep.json").skills) == len(taxonomy.skills) + 5000
    chain[-1]["prerequisites"] = ["chain_0000"]
    with pytest.raises(InvalidTaxonomyError, match="prerequisites form a cycle"):
        taxonomy_from_data(data, "deep.json")


def test_12_deep_nesting_is_an_invalid_taxonomy_and_analyze_blames_the_taxonomy(tmp_path):
    deep = tmp_path / "deep.json"
    deep.write_text('{"name": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")
    with pytest.raises(InvalidTaxonomyError, match="nested too deeply"):
        load_taxonomy(deep)
    res = CliRunner().invoke(main, [str(SAMPLES / "nlp_engineer.txt"), "--taxonomy", str(deep)])
    assert res.exit_code == 1 and "deep.json: invalid taxonomy: nested too deeply" in res.output
    yaml_deep = tmp_path / "deep.yaml"
    yaml_deep.write_text("name: " + "[" * 50_000 + "]" * 50_000 + "\n", encoding="utf-8")
    with pytest.raises(InvalidTaxonomyError):
        load_taxonomy(yaml_deep)


# 13. Option values that can only fail -----------------------------------------------------------


@pytest.mark.parametrize("args", [["--max-chars", "2000000"], ["--max-memory", "64"]])
def test_13_values_that_can_only_fail_are_refused(args):
    res = CliRunner().invoke(main, [str(SAMPLES / "nlp_engineer.txt"), *args])
    assert res.exit_code == 2 and "Traceback" not in res.output


def test_13_a_timeout_too_long_for_the_timer_means_no_limit():
    res = CliRunner().invoke(main, [str(SAMPLES / "nlp_engineer.txt"), "--json", "--timeout", "1e12"])
    assert res.exit_code == 0, res.output  # was an internal error (OverflowError)


# 14. Custom taxonomy names in --summary; a role id "file" --------------------------------------


def test_14_summary_escapes_names_and_a_role_id_file_gets_its_own_column(folder, tmp_path, taxonomy):
    data = taxonomy.model_dump(mode="json")
    role = next(r for r in data["roles"] if r["id"] == "nlp_engineer")
    role.update(id="file", name="NLP | <b>Engineer</b>", aliases=[])
    for r in data["roles"]:
        r["related"] = ["file" if x == "nlp_engineer" else x for x in r.get("related", [])]
    custom = tmp_path / "custom.json"
    custom.write_text(json.dumps(data), encoding="utf-8")
    out, md, table = tmp_path / "o.jsonl", tmp_path / "s.md", tmp_path / "m.csv"
    res = _batch(str(folder), "-o", str(out), "--summary", str(md), "--csv", str(table), "--taxonomy", str(custom))
    assert res.exit_code == 0, res.output
    text = md.read_text(encoding="utf-8")
    assert "NLP \\| \\<b\\>Engineer\\</b\\>" in text and "<b>" not in text
    header = next(csv.reader(io.StringIO(table.read_text(encoding="utf-8"))))
    assert len(header) == len(set(header)) and header[0] == "file" and "role_file" in header
    rows = list(csv.DictReader(io.StringIO(table.read_text(encoding="utf-8"))))
    assert {Path(r["file"]).name for r in rows} == {p.name for p in folder.iterdir()}


# 15. Permissions and symbolic links ---------------------------------------------------------------


def test_15_links_out_of_the_folder_are_refused_and_not_read(folder, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("EXPERIENCE\nSecret Project Zebra with Python and PyTorch, 2019 - 2023\n", encoding="utf-8")
    os.symlink(secret, folder / "leak.txt")
    os.symlink(folder / "nlp_engineer.txt", folder / "inside.txt")  # a link within the folder is fine
    os.symlink(folder / "loop_a.txt", folder / "loop_b.txt")
    os.symlink(folder / "loop_b.txt", folder / "loop_a.txt")
    os.symlink(folder / "gone.txt", folder / "dangling.txt")
    out = tmp_path / "o.jsonl"
    assert _batch(str(folder), "-o", str(out), "--workers", "2").exit_code == 0
    assert "Zebra" not in out.read_text(encoding="utf-8")
    kinds = {Path(r["file"]).name: (r["error"]["kind"] if r["status"] == "error" else "ok") for r in _rows(out)}
    assert kinds == {"leak.txt": "outside_folder", "inside.txt": "ok", "loop_a.txt": "not_a_file",
                     "loop_b.txt": "not_a_file", "dangling.txt": "missing_file", "nlp_engineer.txt": "ok",
                     "mlops_engineer.txt": "ok", "quant_ml_analyst.txt": "ok"}
    loop = next(r for r in _rows(out) if r["file"].endswith("loop_a.txt"))
    assert "loops" in loop["error"]["message"]


def test_15_an_unreadable_file_and_folder_get_rows(folder, tmp_path, monkeypatch):
    # Simulated, as tests may run as root, who reads everything: the real case is below.
    (folder / "sub").mkdir()
    shutil.copy(SAMPLES / "nlp_engineer.txt", folder / "sub" / "hidden.txt")
    shutil.copy(SAMPLES / "nlp_engineer.txt", folder / "locked.txt")
    real_scandir, real_access = os.scandir, os.access

    def scandir(path="."):
        if str(path).endswith("sub"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.setattr(os, "access", lambda p, mode, **kw: not str(p).endswith("locked.txt")
                        and real_access(p, mode, **kw))
    out = tmp_path / "o.jsonl"
    assert _batch(str(folder), "-o", str(out), "--workers", "2").exit_code == 0
    rows = {Path(r["file"]).name: r for r in _rows(out)}
    assert rows["locked.txt"]["error"]["kind"] == "permission_denied"
    assert rows["sub"]["error"]["kind"] == "permission_denied" and "cannot list" in rows["sub"]["error"]["message"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_15_unreadable_file_and_folder_for_real(folder, tmp_path):
    (folder / "sub").mkdir()
    shutil.copy(SAMPLES / "nlp_engineer.txt", folder / "locked.txt")
    (folder / "locked.txt").chmod(0)
    (folder / "sub").chmod(0)
    try:
        out = tmp_path / "o.jsonl"
        assert _batch(str(folder), "-o", str(out)).exit_code == 0
        kinds = {Path(r["file"]).name: r.get("error", {}).get("kind") for r in _rows(out)}
        assert kinds["locked.txt"] == kinds["sub"] == "permission_denied"
    finally:
        (folder / "sub").chmod(0o755)
        (folder / "locked.txt").chmod(0o644)


# 16. Reproducible batch outputs -------------------------------------------------------------------


def test_16_identical_runs_give_identical_outputs_in_input_order(folder, tmp_path):
    for i in range(5):
        shutil.copy(SAMPLES / ("rl_researcher.txt" if i % 2 else "cv_scientist.txt"), folder / f"z{i}.txt")
    shutil.copy(FIXTURES / "truncated.pdf", folder / "a_broken.pdf")
    outputs = []
    for run in range(2):
        out, table, page = (tmp_path / f"o{run}.jsonl", tmp_path / f"m{run}.csv", tmp_path / f"h{run}.html")
        res = _batch(str(folder), "-o", str(out), "--csv", str(table), "--html", str(page), "--workers", "2",
                     "--as-of", "2026-01-01")
        assert res.exit_code == 0, res.output
        outputs.append([out.read_bytes(), table.read_bytes(), page.read_bytes()])
    assert outputs[0] == outputs[1]
    assert [r["file"] for r in _rows(tmp_path / "o0.jsonl")] == discover([str(folder)])


def test_16_resume_under_another_spelling_or_after_an_edit_keeps_one_row_per_file(folder, tmp_path, monkeypatch):
    monkeypatch.chdir(folder.parent)
    out = tmp_path / "o.jsonl"
    assert _batch("in", "-o", str(out)).exit_code == 0
    shutil.copy(SAMPLES / "rl_researcher.txt", folder / "quant_ml_analyst.txt")  # edited since
    res = _batch(f"./in{os.sep}", "-o", str(out), "--resume", "--summary", str(tmp_path / "s.md"), progress="plain")
    assert res.exit_code == 0 and "2 of 3 files already done" in res.output, res.output
    rows = _rows(out)
    assert len(rows) == 3 and "- files: 3" in (tmp_path / "s.md").read_text(encoding="utf-8")
    edited = next(r for r in rows if r["file"].endswith("quant_ml_analyst.txt"))
    assert edited["sha256"] == hashlib.sha256((folder / "quant_ml_analyst.txt").read_bytes()).hexdigest()


# 17. Terminal escape sequences in file names -----------------------------------------------------


def test_17_escape_sequences_in_names_do_not_reach_the_terminal(folder, tmp_path):
    evil = f"{ESC}]0;pwned{chr(7)}{ESC}[2J{chr(0x9b)}31mcv.txt"
    shutil.copy(SAMPLES / "nlp_engineer.txt", folder / evil)
    res = _batch(str(folder), "-o", str(tmp_path / "o.jsonl"), "--role", "nlp_engineer")
    assert res.exit_code == 0 and "cv.txt" in res.output
    assert not any(ch in res.output for ch in (ESC, chr(7), chr(0x9b))), repr(res.output)
    missing = CliRunner().invoke(main, [str(folder / f"{ESC}[31mnone.txt")])
    assert missing.exit_code == 1 and "none.txt: no such file" in missing.output and ESC not in missing.output
    report = CliRunner().invoke(main, [str(folder / evil)])
    assert report.exit_code == 0 and ESC not in report.output and chr(0x9b) not in report.output


# 18. Reports overwritten without --force -----------------------------------------------------------


def test_18_existing_reports_need_force_and_outputs_must_differ(folder, tmp_path):
    out, table = tmp_path / "o.jsonl", tmp_path / "m.csv"
    table.write_text("mine\n", encoding="utf-8")
    res = _batch(str(folder), "-o", str(out), "--csv", str(table))
    assert res.exit_code == 1 and "m.csv: already exists; pass --force" in res.output
    assert table.read_text(encoding="utf-8") == "mine\n" and not out.exists()  # refused before any work
    same = _batch(str(folder), "-o", str(out), "--csv", str(out))
    assert same.exit_code == 2 and "-o and --csv name the same file" in same.output
    forced = _batch(str(folder), "-o", str(out), "--csv", str(table), "--force")
    assert forced.exit_code == 0 and table.read_text(encoding="utf-8").startswith("file,status")
