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
