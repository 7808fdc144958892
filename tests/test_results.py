"""The result types: their Literal value sets match the code, the docs and every golden output."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import get_args

import jsonschema
import pytest

from gapcheck import results
from gapcheck.normalise import SECTIONS
from gapcheck.schema import result_schema
from gapcheck.taxonomy import Importance, LadderLevel, SkillType

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_DOC = (ROOT / "docs" / "schema.md").read_text(encoding="utf-8")
SCHEMA_JSON = ROOT / "docs" / "schema.json"

# Each value set and the row of docs/schema.md that documents it.
DOCUMENTED = [
    (results.MentionMatch, "skills[].match"),
    (results.SkillMatch, "skills[].match"),
    (results.Proficiency, "skills[].proficiency"),
    (SkillType, "skills[].id"),
    (results.RejectReason, "rejected[]"),
    (results.PartName, "roles[].parts[]"),
    (results.GapStatus, "roles[].missing[]"),
    (results.Level, "seniority"),
    (results.Signal, "seniority"),
    (results.PhaseStatus, "learning_plan.phases[]"),
]


def _row(field: str) -> str:
    return next(line for line in SCHEMA_DOC.splitlines() if line.startswith(f"| `{field}`"))


@pytest.mark.parametrize("alias, field", DOCUMENTED, ids=[f"{f}:{len(get_args(a))}" for a, f in DOCUMENTED])
def test_every_value_is_documented(alias, field):
    row = _row(field)
    missing = [v for v in get_args(alias) if not re.search(rf"\b{v}\b", row)]
    assert not missing, f"docs/schema.md, row {field}: {missing} not described"


def test_value_sets_agree_with_the_modules_that_define_them():
    assert get_args(results.Section) == SECTIONS
    # Every ladder step, and "unknown" for a resume with no dated experience (no step at all).
    assert get_args(results.Level) == (*get_args(LadderLevel.model_fields["level"].annotation), "unknown")
    assert get_args(results.PartName)[:3] == get_args(Importance)
    assert set(get_args(results.SkillMatch)) == set(get_args(results.MentionMatch)) | {"implied", "assumed"}


def test_schema_json_is_current():
    committed = json.loads(SCHEMA_JSON.read_text(encoding="utf-8"))
    assert committed == result_schema(), "run: python -m gapcheck.schema > docs/schema.json"


def _unseen(value, path: str, seen: set[tuple[str, str]]):
    """``value`` with each array holding only the items not met before at the same place.

    The schema checks array items one by one (no tuples, no counts, no uniqueness), so an item
    checked once need not be checked again: this cuts the goldens' half a million items tenfold.
    """
    if isinstance(value, dict):
        return {k: _unseen(v, f"{path}.{k}", seen) for k, v in value.items()}
    if isinstance(value, list):
        kept = []
        for item in value:
            key = (path, json.dumps(item, sort_keys=True))
            if key not in seen:
                seen.add(key)
                kept.append(_unseen(item, f"{path}[]", seen))
        return kept
    return value


def test_the_schema_has_no_array_rule_beyond_its_items():
    # What lets _unseen drop repeated items: no rule looks at an array as a whole.
    text = SCHEMA_JSON.read_text(encoding="utf-8")
    assert not re.search(r'"(prefixItems|minItems|maxItems|uniqueItems|contains)"', text)


def test_every_golden_output_keeps_to_the_value_sets():
    # The schema lists each Literal as an enum: a value the code makes that a set lacks fails here.
    validator = jsonschema.Draft202012Validator(result_schema())
    checked, seen = 0, set()
    for path in sorted((ROOT / "tests" / "golden").rglob("*.json")):
        text = path.read_text(encoding="utf-8")
        if text.startswith("error:"):  # an expected failure (no skills), kept as its message
            continue
        errors = [e.message for e in validator.iter_errors(_unseen(json.loads(text), "", seen))]
        assert not errors, f"{path.relative_to(ROOT)}: {errors[:3]}"
        checked += 1
    assert checked >= 190


def test_a_value_met_before_is_still_checked_where_it_is_new():
    validator = jsonschema.Draft202012Validator(result_schema())
    data = json.loads(next((ROOT / "tests" / "golden" / "sample_resumes").glob("*.json")).read_text(encoding="utf-8"))
    seen: set[tuple[str, str]] = set()
    assert not list(validator.iter_errors(_unseen(data, "", seen)))
    data["skills"].append({**data["skills"][0], "proficiency": "expert"})
    assert any("'expert' is not one of" in e.message for e in validator.iter_errors(_unseen(data, "", seen)))


def test_a_value_outside_a_set_is_refused_by_the_schema():
    validator = jsonschema.Draft202012Validator(result_schema())
    data = json.loads(next((ROOT / "tests" / "golden" / "sample_resumes").glob("*.json")).read_text(encoding="utf-8"))
    assert not list(validator.iter_errors(data))
    data["skills"][0]["proficiency"] = "expert"
    assert any("'expert' is not one of" in e.message for e in validator.iter_errors(data))
