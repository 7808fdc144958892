"""Session-wide fixtures: the shipped taxonomy and the default spaCy pipeline, built once."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# The career guides the shipped taxonomy is built from are not in the repository: they sit in
# the workspace's shared folder beside the checkout. GAPCHECK_SEEDS names another place, such
# as the workspace's copy when the checkout is a git worktree somewhere else.
SEEDS = Path(os.environ.get("GAPCHECK_SEEDS") or Path(__file__).resolve().parents[2] / "shared" / "seeds")
SEEDS_MISSING = (
    f"needs the seed career guides, and {SEEDS} is not a folder: clone the workspace with its shared/seeds "
    "folder beside the repository (../shared/seeds), or set GAPCHECK_SEEDS to the folder that holds them"
)


@pytest.fixture(scope="session")
def taxonomy():
    from gapcheck.taxonomy import load_taxonomy

    return load_taxonomy()


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """Where the seed guides should be; the folder may be missing (see :func:`seeds`)."""
    return SEEDS


@pytest.fixture(scope="session")
def seeds(seeds_dir: Path) -> Path:
    """The seed guides' folder; a test that needs it is skipped, saying how to get it, without it."""
    if not seeds_dir.is_dir():
        pytest.skip(SEEDS_MISSING)
    return seeds_dir


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
