"""Batch scoring: one line per file, errors as rows, timeouts, resume after a kill, summaries."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from gapcheck import batch as batch_mod
from gapcheck.batch import analyze_many, discover, read_done
from gapcheck.cli import main
from gapcheck.config import Limits, Options

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_resumes"
FIXTURES = ROOT / "tests" / "fixtures"


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    d = tmp_path / "in"
    (d / "nested").mkdir(parents=True)
    for stem in ("nlp_engineer", "mlops_engineer"):
        shutil.copy(SAMPLES / f"{stem}.txt", d / f"{stem}.txt")
    shutil.copy(SAMPLES / "cv_scientist.pdf", d / "nested" / "cv_scientist.pdf")
    for name in ("truncated.pdf", "empty.txt", "binary.txt", "scanned.pdf"):
        shutil.copy(FIXTURES / name, d / name)
    (d / "resume.docx").write_bytes(b"PK\x03\x04 a Word file: listed as an error row, not skipped")
    (d / "labels.json").write_text("{}", encoding="utf-8")  # not a resume: skipped
    return d


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_discover_recursive_and_filters(folder):
    files = discover([str(folder)])
    assert len(files) == 8 and any(f.endswith(".docx") for f in files)
    assert not any(f.endswith(".json") for f in files)
    assert discover([str(folder / "*.txt")]) == sorted(str(p) for p in folder.glob("*.txt"))


def test_discover_survives_symlink_loop(folder):
    os.symlink(folder, folder / "nested" / "loop")
    assert len(discover([str(folder)])) == 8


def test_batch_one_line_per_file_with_errors(folder, tmp_path):
    out = tmp_path / "out.jsonl"
    res = CliRunner().invoke(main, ["batch", str(folder), "-o", str(out), "--workers", "2", "--progress", "quiet"])
    assert res.exit_code == 0, res.output
    rows = _lines(out)
    assert sorted(r["file"] for r in rows) == sorted(discover([str(folder)]))
    kinds = {Path(r["file"]).name: (r["error"]["kind"] if r["status"] == "error" else "ok") for r in rows}
    assert kinds == {"nlp_engineer.txt": "ok", "mlops_engineer.txt": "ok", "cv_scientist.pdf": "ok",
                     "truncated.pdf": "corrupt_pdf", "empty.txt": "empty", "binary.txt": "binary_text",
                     "scanned.pdf": "no_text_layer", "resume.docx": "unsupported_format"}
    ok = next(r for r in rows if r["file"].endswith("nlp_engineer.txt"))
    assert ok["result"]["best_role"]["id"] == "nlp_engineer" and len(ok["sha256"]) == 64


def test_batch_detail_full_result_equals_single_file_result(folder, tmp_path):
    out = tmp_path / "out.jsonl"
    CliRunner().invoke(main, ["batch", str(folder / "nlp_engineer.txt"), str(folder / "mlops_engineer.txt"),
                              "-o", str(out), "--progress", "quiet", "--include-contact", "--detail", "full"])
    single = CliRunner().invoke(main, [str(folder / "nlp_engineer.txt"), "--json", "--include-contact"])
    row = next(r for r in _lines(out) if r["file"].endswith("nlp_engineer.txt"))
    assert row["result"] == json.loads(single.stdout)


def test_lines_only_items_carry_the_same_line_without_the_result(folder):
    files = sorted(str(p) for p in folder.iterdir() if p.suffix == ".txt")[:3]
    full = {i.file: i for i in analyze_many(files, workers=2)}
    slim = {i.file: i for i in analyze_many(files, workers=2, lines_only=True)}
    assert set(full) == set(slim) == set(files)
    for f in files:
        assert slim[f].result is None and slim[f].status == full[f].status
        assert json.loads(slim[f].json_line()) == full[f].to_dict()


def test_batch_carries_the_analysis_options_to_its_workers(folder, tmp_path, monkeypatch):
    # A stand-in for ocrmypdf that writes a PDF with a text layer, as the real tool would.
    tool = tmp_path / "bin" / "ocrmypdf"
    tool.parent.mkdir()
    tool.write_text(f'#!/bin/sh\nfor last; do :; done\ncp "{FIXTURES / "good.pdf"}" "$last"\n')
    tool.chmod(0o755)
    monkeypatch.setenv("PATH", f"{tool.parent}{os.pathsep}{os.environ.get('PATH', '')}")
    shutil.copy(FIXTURES / "encrypted.pdf", folder / "encrypted.pdf")
    files = [str(folder / "nlp_engineer.txt"), str(folder / "encrypted.pdf"), str(folder / "scanned.pdf")]
    options = ["--as-of", "2025-07-01", "--hours-per-week", "4", "--min-fit", "90", "--no-fuzzy",
               "--assume-known", "docker, kubernetes", "--password", "open-sesame", "--ocr", "--include-contact",
               "--pdf-engine", "pdfium"]
    out = tmp_path / "out.jsonl"
    res = CliRunner().invoke(main, ["batch", *files, "-o", str(out), "--workers", "2", "--progress", "quiet",
                                    "--detail", "full", *options])
    assert res.exit_code == 0, res.output
    rows = {r["file"]: r for r in _lines(out)}
    assert [rows[f]["status"] for f in files] == ["ok", "ok", "ok"], rows  # --password and --ocr arrived
    for f in files:
        single = CliRunner().invoke(main, [f, "--json", *options])
        assert rows[f]["result"] == json.loads(single.stdout)
    result = rows[files[0]]["result"]
    assert result["as_of"] == "2025-07-01" and result["learning_plan"]["hours_per_week"] == 4
    assert result["best_role"] is None and result["assumed_known"] == ["docker", "kubernetes"]


def test_batch_refuses_an_unknown_assume_known_skill_once(folder, tmp_path):
    out = tmp_path / "out.jsonl"
    res = CliRunner().invoke(main, ["batch", str(folder), "-o", str(out), "--assume-known", "docker,kubernets"])
    assert res.exit_code == 1 and "unknown skill 'kubernets'" in res.output and "Did you mean" in res.output
    assert not out.exists()


def test_every_row_of_a_batch_reads_present_as_one_day(folder):
    files = [str(folder / "nlp_engineer.txt"), str(folder / "mlops_engineer.txt")]
    items = list(analyze_many(files, workers=2, today=date(2025, 7, 1)))
    assert {i.result["as_of"] for i in items} == {"2025-07-01"}
    default = list(analyze_many(files, workers=2))
    assert {i.result["as_of"] for i in default} == {date.today().isoformat()}


_NO_ROOM = """
import resource, sys
from gapcheck import batch

def no_room(_megabytes):
    # A cap at the size the worker already has, as a --max-memory below the batch's own size gives.
    size = int(open("/proc/self/statm").read().split()[0]) * resource.getpagesize()
    resource.setrlimit(resource.RLIMIT_AS, (size, resource.RLIM_INFINITY))

batch.set_memory_cap = no_room
print(len(list(batch.analyze_many(sys.argv[1:], workers=1))))
"""


def test_a_worker_out_of_memory_costs_its_rows_not_the_batch(folder):
    # It used to hang for ever: the worker's first results.put could not start the queue's thread.
    files = [str(folder / "nlp_engineer.txt"), str(folder / "mlops_engineer.txt")]
    proc = subprocess.Popen([sys.executable, "-c", _NO_ROOM, *files], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True, start_new_session=True)
    try:
        out, _ = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)  # the worker too
            proc.wait()
    assert out.split()[-1] == "2"


@pytest.mark.parametrize("detail", ["compact", "full"])
def test_privacy_scrubs_contact_unless_asked(folder, tmp_path, detail):
    source = folder / "nlp_engineer.txt"
    text = source.read_text(encoding="utf-8")
    # Contact details in a line that is evidence of a skill, not only in the header.
    line = "- Served models with vLLM behind a FastAPI gateway"
    assert line in text and "@example.com" in text
    source.write_text(text.replace(line, f"{line} (on call: ops.desk@example.com, +1 555-010-2233)"),
                      encoding="utf-8")
    out, kept = tmp_path / "out.jsonl", tmp_path / "kept.jsonl"
    for path, extra in ((out, []), (kept, ["--include-contact"])):
        res = CliRunner().invoke(main, ["batch", str(source), "-o", str(path), "--progress", "quiet", "--detail",
                                        detail, *extra])
        assert res.exit_code == 0, res.output
    text = out.read_text(encoding="utf-8")
    assert "@example.com" not in text and "555-01" not in text
    if detail == "full":
        assert "on call: [email], [phone])" in text
        assert "ops.desk@example.com" in kept.read_text(encoding="utf-8")
    else:  # a compact line holds no text of the resume
        assert "[email]" not in text and "vLLM" not in text
    assert "@example.com" in _lines(kept)[0]["result"]["contact"]["emails"][0]


def _hang_when_named_hang(path, **kwargs):
    from gapcheck import pipeline

    if Path(path).name == "hang.txt":
        # Ignore the in-process alarm too, so that only the parent's kill can stop it.
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
        while True:
            time.sleep(0.05)
    return pipeline._real_analyze(path, **kwargs)


def test_hanging_file_is_killed_and_recorded(folder, tmp_path, monkeypatch):
    from gapcheck import pipeline

    hang = folder / "hang.txt"
    shutil.copy(SAMPLES / "nlp_engineer.txt", hang)
    monkeypatch.setattr(pipeline, "_real_analyze", pipeline.analyze, raising=False)
    monkeypatch.setattr(pipeline, "analyze", _hang_when_named_hang)
    opts = Options(limits=Limits(timeout_s=3.0))
    start = time.monotonic()
    items = list(analyze_many(discover([str(folder)]), workers=2, options=opts))
    assert time.monotonic() - start < 30
    assert len(items) == 9 and len({i.file for i in items}) == 9
    hung = next(i for i in items if i.file.endswith("hang.txt"))
    assert hung.status == "error" and hung.error["kind"] == "timeout"
    assert sum(i.status == "ok" for i in items) == 3, [i.error for i in items]


def test_resume_after_sigkill_gives_each_file_once(folder, tmp_path):
    out = tmp_path / "out.jsonl"
    for i in range(12):
        shutil.copy(SAMPLES / "quant_ml_analyst.txt", folder / f"extra_{i:02d}.txt")
    cmd = [sys.executable, "-m", "gapcheck.cli", "batch", str(folder), "-o", str(out), "--workers", "1",
           "--progress", "quiet"]
    proc = subprocess.Popen(cmd, cwd=ROOT)
    deadline = time.monotonic() + 60
    # Four lines seen: three of them whole (the last may still be being written).
    while time.monotonic() < deadline and (not out.exists() or len(out.read_bytes().splitlines()) < 4):
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    with out.open("ab") as fh:  # a torn last line, as a kill mid-write would leave
        fh.write(b'{"file": "torn')
    total = len(discover([str(folder)]))
    partial = len(read_done(out))
    assert 3 <= partial < total
    res = subprocess.run([*cmd, "--resume"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr
    rows = _lines(out)
    files = [r["file"] for r in rows]
    assert len(files) == len(set(files)) == total
    assert set(files) == set(discover([str(folder)]))


def test_existing_output_needs_resume_or_force(folder, tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_text("", encoding="utf-8")
    res = CliRunner().invoke(main, ["batch", str(folder), "-o", str(out)])
    assert res.exit_code == 1 and "--resume" in res.output


def test_summaries_csv_markdown_shortlist(folder, tmp_path, taxonomy):
    out, csv_path, md = tmp_path / "o.jsonl", tmp_path / "m.csv", tmp_path / "s.md"
    res = CliRunner().invoke(main, ["batch", str(folder), "-o", str(out), "--csv", str(csv_path), "--summary",
                                    str(md), "--role", "nlp_engineer", "--top", "2", "--progress", "quiet"])
    assert res.exit_code == 0, res.output
    import csv

    rows = list(csv.DictReader(csv_path.read_text(encoding="utf-8").splitlines()))
    assert len(rows) == 8 and set(r.id for r in taxonomy.roles) <= set(rows[0])
    assert "errors: 5" in md.read_text(encoding="utf-8")
    assert "Top 2 for Natural Language Processing Engineer" in res.stdout
    first = res.stdout.splitlines()[1]
    assert "nlp_engineer.txt" in first


def test_no_files_found_is_an_error(tmp_path):
    res = CliRunner().invoke(main, ["batch", str(tmp_path), "-o", str(tmp_path / "o.jsonl")])
    assert res.exit_code == 1 and "no .pdf, .txt or .md files" in res.output


def test_dask_engine_refuses_a_memory_cap_its_workers_cannot_keep(folder, tmp_path):
    pytest.importorskip("dask.distributed")
    out = tmp_path / "out.jsonl"
    out.write_text("earlier run\n", encoding="utf-8")
    res = CliRunner().invoke(main, ["batch", str(folder), "-o", str(out), "--engine", "dask", "--max-memory", "600",
                                    "--force"])
    assert res.exit_code == 2 and "--engine dask needs a --max-memory of at least 1024 MB, not 600" in res.output
    assert out.read_text(encoding="utf-8") == "earlier run\n"  # refused before --force removed it


@pytest.mark.slow
def test_dask_engine_matches_local(folder, tmp_path):
    pytest.importorskip("dask.distributed")
    files = discover([str(folder)])
    kw = dict(options=Options(hours_per_week=4, fuzzy=False), today=date(2025, 7, 1), assume_known=["docker"],
              detail="full")
    local = {i.file: i.to_dict() for i in analyze_many(files, workers=0, **kw)}
    dask = {i.file: i.to_dict() for i in batch_mod.analyze_many_dask(files, chunk_size=3, workers=2, **kw)}
    assert local == dask
    results = [d["result"] for d in dask.values() if d["status"] == "ok"]
    assert results and {(r["as_of"], r["learning_plan"]["hours_per_week"]) for r in results} == {("2025-07-01", 4)}


@pytest.mark.slow
def test_dask_engine_keeps_the_time_limit(tmp_path):
    # Dask runs each task in a thread, where SIGALRM cannot reach: the limit used to be ignored.
    pytest.importorskip("dask.distributed")
    long = tmp_path / "long.txt"  # 183,000 characters take a second or more to analyse
    long.write_text(((SAMPLES / "ml_engineer_senior.txt").read_text(encoding="utf-8") + "\n") * 60, encoding="utf-8")
    opts = Options(limits=Limits(timeout_s=0.2))
    items = list(batch_mod.analyze_many_dask([str(long)], workers=1, options=opts))
    assert [(i.status, i.error["kind"] if i.error else None) for i in items] == [("error", "timeout")]
