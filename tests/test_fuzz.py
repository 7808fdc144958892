"""Property-based tests of the text pipeline and a small share of the PDF mutation run."""

from __future__ import annotations

import importlib.util
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gapcheck import analyze_text
from gapcheck.errors import GapcheckError
from gapcheck.results import AnalysisResult

ROOT = Path(__file__).resolve().parent.parent
TODAY = date(2026, 11, 23)
WORDS = ["Python", "PyTorch", "no experience with", "currently learning", "R", "Go", "CV", "Spark",
         "EXPERIENCE", "SKILLS", "2019 – Present", "Jan 2020 - 2021", "k8s", "\n", "•", "S K I L L S", "-"]


def _check(text: str) -> None:
    try:
        result = analyze_text(text, today=TODAY)
    except GapcheckError as exc:
        assert str(exc)  # a clear message, never an empty one
        return
    assert isinstance(result, AnalysisResult)
    for fit in result.roles:
        assert 0 <= fit.score <= 100
        assert abs(sum(p.points for p in fit.parts) - fit.score) < 0.05
    result.to_json()


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_any_unicode_string_gives_result_or_clear_error(text):
    _check(text)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=12)), max_size=60))
def test_resume_like_token_soup(parts):
    _check(" ".join(parts))


def test_pdf_mutation_share():
    spec = importlib.util.spec_from_file_location("fuzz_pdfs", ROOT / "scripts" / "fuzz_pdfs.py")
    fuzz = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fuzz)
    outcomes = fuzz.run(16, seed=11, workers=2, timeout=20.0, verbose=False)
    assert sum(outcomes.values()) == 16
    assert not (outcomes["internal"] or outcomes["crash"] or outcomes["timeout"]), outcomes


# -- hostile folders (scripts/fuzz_folders.py) and the escaping of names ---------------------------


def _load(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_hostile_folder_share():
    # Two folders of 16 paths: FIFOs, sockets, devices, odd names, links, unreadable entries.
    totals = _load("fuzz_folders").run(2, seed=5, entries=16, workers=2, timeout=10.0, verbose=False)
    assert totals["folders"] == 2 and totals["rows"] >= 16
    assert totals["failed"] == 0, totals


NAME_CHARS = st.characters(blacklist_characters="/\x00", blacklist_categories=("Cs",))


@settings(max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(st.text(NAME_CHARS, min_size=1, max_size=30), min_size=1, max_size=4, unique=True),
       st.binary(min_size=1, max_size=6))
def test_any_names_give_one_row_each_in_order_and_safe_reports(tmp_path_factory, stems, raw):
    import csv
    import io
    import os

    from gapcheck import _batch_report
    from gapcheck._escape import terminal_safe
    from gapcheck.batch import analyze_many, discover
    from gapcheck.taxonomy import load_taxonomy

    folder = tmp_path_factory.mktemp("names")
    text = (ROOT / "sample_resumes" / "nlp_engineer.txt").read_bytes()
    made = 0
    for i, stem in enumerate(stems):
        name = os.fsencode(stem)[:180] + raw.replace(b"/", b"_").replace(b"\x00", b"_") + b"_%d.txt" % i
        if name.startswith(b"."):
            name = b"_" + name
        try:
            (folder / os.fsdecode(name)).write_bytes(text)
            made += 1
        except OSError:
            pass
    files = discover([str(folder)])
    assert len(files) == made
    items = sorted(analyze_many(files, workers=0, today=TODAY), key=lambda i: files.index(i.file))
    assert [i.file for i in items] == files
    table = _batch_report.csv_text(items, load_taxonomy())
    for row in csv.reader(io.StringIO(table)):
        assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in row)
    shown = terminal_safe("\n".join(files))
    assert not any(ord(ch) < 32 and ch not in "\t\n" or 0x7F <= ord(ch) < 0xA0 for ch in shown)
    shown.encode("utf-8")  # every name printable, whatever its bytes


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=600), st.data())
def test_an_evidence_window_is_bounded_and_holds_its_mention(line, data):
    from gapcheck.pipeline import EVIDENCE_CHARS, evidence_window

    start = data.draw(st.integers(0, len(line)))
    end = data.draw(st.integers(start, min(len(line), start + 40)))
    window = evidence_window(line, start, end)
    assert len(window) <= max(EVIDENCE_CHARS, end - start) + 2
    assert line[start:end].strip() in window
    if len(line) <= EVIDENCE_CHARS:
        assert window == line


@given(st.text(max_size=40))
def test_csv_cells_and_terminal_text_are_safe(value):
    from gapcheck._escape import csv_cell, terminal_safe

    cell = csv_cell(value)
    assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")) or cell.startswith("'")
    assert cell.lstrip("'") == value.lstrip("'") or cell == "'" + value
    clean = terminal_safe(value, one_line=True)
    assert not any(ord(ch) < 32 or 0x7F <= ord(ch) < 0xA0 for ch in clean)
