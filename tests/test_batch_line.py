"""Compact batch lines: what they hold, their schema, and reports and --resume read from them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from gapcheck import results
from gapcheck._batch_line import LINE_VERSION, compact_from_dict, compact_result, missing_of
from gapcheck.batch import analyze_many
from gapcheck.cli import main
from gapcheck.errors import InvalidOptionError, UnknownRoleError
from gapcheck.schema import batch_line_schema

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_resumes"
STEMS = ["nlp_engineer", "mlops_engineer", "data_scientist_mid", "cv_scientist", "quant_ml_analyst"]
LINE_SCHEMA = ROOT / "docs" / "batch-line.json"


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    d = tmp_path / "in"
    d.mkdir()
    for stem in ("nlp_engineer", "data_scientist_mid", "quant_ml_analyst"):
        shutil.copy(SAMPLES / f"{stem}.txt", d / f"{stem}.txt")
    shutil.copy(ROOT / "tests" / "fixtures" / "truncated.pdf", d / "truncated.pdf")  # an error row
    return d


def _batch(*args: str) -> str:
    res = CliRunner().invoke(main, ["batch", *args, "--workers", "0", "--progress", "quiet", "--as-of", "2026-11-23"])
    assert res.exit_code == 0, res.output
    return res.stdout


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_compact_line_holds_scores_best_role_held_skills_and_two_roles_gaps(folder, tmp_path):
    out, full = tmp_path / "out.jsonl", tmp_path / "full.jsonl"
    _batch(str(folder), "-o", str(out), "--role", "MLOps Engineer")
    _batch(str(folder), "-o", str(full), "--detail", "full")
    compact = {r["file"]: r for r in _lines(out)}
    checked = 0
    for row in _lines(full):
        line = compact[row["file"]]
        if row["status"] == "error":
            assert line == row
            continue
        whole, got = row["result"], line["result"]
        assert (got["detail"], got["line_version"]) == ("compact", LINE_VERSION)
        assert (got["taxonomy"], got["as_of"], got["best_role"]) == (whole["taxonomy"], "2026-11-23",
                                                                     whole["best_role"])
        assert list(got["scores"].items()) == [(r["id"], r["score"]) for r in whole["roles"]]  # best first
        assert got["skills"] == {s["id"]: s["proficiency"] for s in whole["skills"]}
        target = whole["learning_plan"]["role"]
        assert got["target_role"] == target and got["fit_status"] == whole["fit"]["status"]
        roles = {r["id"]: r for r in whole["roles"]}
        assert list(got["missing"]) == list(dict.fromkeys([target, "mlops_engineer"]))
        for rid, gaps in got["missing"].items():
            assert gaps == roles[rid]["missing"] and gaps
        assert "evidence" not in json.dumps(got)
        assert len(json.dumps(line)) * 5 < len(json.dumps(row))
        checked += 1
    assert checked == 3
    # Without --role a line keeps the target role's gaps only.
    plain = tmp_path / "plain.jsonl"
    _batch(str(folder / "nlp_engineer.txt"), "-o", str(plain))
    (line,) = _lines(plain)
    assert list(line["result"]["missing"]) == [line["result"]["best_role"]["id"]] == ["nlp_engineer"]


@pytest.mark.parametrize("stem", STEMS)
def test_compact_forms_agree_and_any_roles_gaps_follow_from_the_held_skills(analyzed_sample, taxonomy, stem):
    result = analyzed_sample(stem)
    made = compact_result(result, ["ml_researcher"]).to_dict()
    assert made == compact_from_dict(result.to_dict(), ["ml_researcher"])
    assert compact_from_dict(made) is made
    bare = compact_result(result).to_dict()
    for fit in result.roles:  # worked out from the skills, as the full result lists them
        assert missing_of(bare, fit.id, taxonomy) == [results._plain(m) for m in fit.missing], fit.id
    assert missing_of(bare, "no_such_role", taxonomy) == []


def test_reports_and_resume_work_from_compact_lines(folder, tmp_path):
    # Lines made without --role; then --resume (every file done) asks for a shortlist and reports.
    compact, full = tmp_path / "c.jsonl", tmp_path / "f.jsonl"
    _batch(str(folder), "-o", str(compact))
    before = compact.read_bytes()

    def reports(tag: str) -> list[str]:
        return ["--csv", str(tmp_path / f"{tag}.csv"), "--summary", str(tmp_path / f"{tag}.md"),
                "--html", str(tmp_path / f"{tag}.html"), "--role", "nlp_engineer", "--top", "3"]

    shortlist = _batch(str(folder), "-o", str(compact), "--resume", *reports("c"))
    assert compact.read_bytes() == before  # nothing analysed again
    assert shortlist == _batch(str(folder), "-o", str(full), "--detail", "full", *reports("f"))
    assert "Top 3 for Natural Language Processing Engineer" in shortlist and "missing essential" in shortlist
    for ext in ("csv", "md", "html"):
        assert (tmp_path / f"c.{ext}").read_text(encoding="utf-8") == (tmp_path / f"f.{ext}").read_text(
            encoding="utf-8"), ext
    assert "truncated.pdf" in (tmp_path / "c.csv").read_text(encoding="utf-8")


def test_resume_continues_compact_lines(folder, tmp_path):
    out = tmp_path / "out.jsonl"
    _batch(str(folder / "nlp_engineer.txt"), "-o", str(out))
    _batch(str(folder), "-o", str(out), "--resume")
    rows = _lines(out)
    assert len(rows) == 4 and all(r["result"]["detail"] == "compact" for r in rows if r["status"] == "ok")


def test_batch_line_schema_is_current_and_validates_real_lines(folder, tmp_path):
    committed = json.loads(LINE_SCHEMA.read_text(encoding="utf-8"))
    assert committed == batch_line_schema(), "run: python -m gapcheck.schema --batch-line > docs/batch-line.json"
    validator = jsonschema.Draft202012Validator(committed)
    out = tmp_path / "out.jsonl"
    _batch(str(folder), "-o", str(out), "--role", "mlops_engineer", "--include-contact")
    rows = _lines(out)
    assert {r["status"] for r in rows} == {"ok", "error"} and any("contact" in r.get("result", {}) for r in rows)
    for row in rows:
        assert not [e.message for e in validator.iter_errors(row)], row["file"]
    bad = json.loads(json.dumps(rows[0]))
    bad["result"]["skills"]["python"] = "expert"
    assert not validator.is_valid(bad)  # a value outside the set
    extra = json.loads(json.dumps(rows[0]))
    extra["result"]["evidence"] = []
    assert not validator.is_valid(extra)  # an undocumented field


def test_analyze_many_detail_and_gap_roles(folder):
    files = [str(folder / "nlp_engineer.txt")]
    (item,) = analyze_many(files, workers=0, detail="compact", gap_roles=["Data Scientist"])
    assert item.result is not None and list(item.result["missing"]) == ["nlp_engineer", "data_scientist"]
    (full,) = analyze_many(files, workers=0, detail="full")
    assert full.result is not None and full.result["schema_version"] == results.SCHEMA_VERSION
    with pytest.raises(InvalidOptionError, match="detail must be 'compact' or 'full', not 'tiny'"):
        next(analyze_many(files, workers=0, detail="tiny"))  # type: ignore[arg-type]
    with pytest.raises(UnknownRoleError, match="unknown role 'astronaut'"):
        next(analyze_many(files, workers=0, gap_roles=["astronaut"]))


def test_to_dict_copies_the_entries_every_result_shares(analyzed_sample):
    first, second = analyzed_sample("nlp_engineer"), analyzed_sample("mlops_engineer")
    shared = next(m for m in first.roles[0].missing if any(m is n for fit in second.roles for n in fit.missing))
    data = first.to_dict()
    entry = next(m for fit in data["roles"] for m in fit["missing"] if m["id"] == shared.id)
    entry["name"] = "changed by a caller"
    assert all(m["name"] == shared.name for fit in second.to_dict()["roles"] for m in fit["missing"]
               if m["id"] == shared.id)
    assert first.to_dict() != data
    assert first.to_dict() == json.loads(first.to_json())  # lists, not tuples: the JSON's own data


def test_constant_refuses_an_object_with_nested_fields():
    with pytest.raises(TypeError, match="every field of RoleRef"):
        results.constant(results.RoleRef("x", ["not", "flat"]))  # type: ignore[arg-type]
