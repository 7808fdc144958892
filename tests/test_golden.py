"""Golden outputs: the JSON and Markdown of every sample and labelled resume are unchanged.

A failure here is a change of behaviour. If it is meant, run `python scripts/golden.py` and
review the diff of tests/golden/ before committing it.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("golden", ROOT / "scripts" / "golden.py")
golden = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(golden)

INPUTS = list(golden.inputs())


@pytest.fixture(autouse=True)
def _at_root(monkeypatch):
    monkeypatch.chdir(ROOT)  # sources are recorded relative to the repository root


def test_every_input_has_golden_files():
    missing = [str(p) for p in INPUTS if not golden.golden_name(p).with_suffix(p.suffix + ".json").exists()]
    assert not missing, f"no golden output for {missing[:5]}; run python scripts/golden.py"
    assert len(INPUTS) >= 190


@pytest.mark.parametrize("rel", INPUTS, ids=[str(p) for p in INPUTS])
def test_output_matches_golden(rel):
    assert golden.compare(rel) == [], "output changed; run python scripts/golden.py and review the diff"


def test_compare_notices_a_change(tmp_path, monkeypatch):
    rel = INPUTS[0]
    monkeypatch.setattr(golden, "GOLDEN", tmp_path)
    assert len(golden.compare(rel)) == 2  # neither file exists there
    assert os.getcwd() == str(ROOT)
