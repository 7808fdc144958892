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
