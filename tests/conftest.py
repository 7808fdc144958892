"""Session-wide fixtures: the shipped taxonomy and the default spaCy pipeline, built once."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def taxonomy():
    from gapcheck.taxonomy import load_taxonomy

    return load_taxonomy()


@pytest.fixture(scope="session")
def nlp():
    from gapcheck.extract import default_nlp

    return default_nlp()


# -- shared by test_read / test_score / test_plan ----------------------------------------------


def _fixed_today():
    import datetime

    # "Present" in the sample resumes stands for this date, so years and scores do not drift.
    return datetime.date(2026, 11, 23)


@pytest.fixture(scope="session")
def today():
    return _fixed_today()


@pytest.fixture(scope="session")
def analyzed_sample():
    """Analyse ``sample_resumes/<stem>.<ext>`` once per session (default options) and cache it."""
    from pathlib import Path

    from gapcheck import analyze

    root = Path(__file__).resolve().parent.parent / "sample_resumes"
    cache: dict = {}

    def get(stem: str, ext: str = "txt"):
        if (stem, ext) not in cache:
            cache[(stem, ext)] = analyze(root / f"{stem}.{ext}", today=_fixed_today())
        return cache[(stem, ext)]

    return get
