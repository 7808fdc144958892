"""Accuracy on the labelled development set (benchmarks/_evaluate.py, benchmarks/accuracy.py).

The floors below are the figures measured on 2026-11-23 rounded down, so a change that makes
extraction worse fails here. The issue's bar (precision >= 0.90) is not reached yet: the
strict xfail records the gap and will fail loudly (XPASS) once it is closed.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

DEV = Path(__file__).resolve().parent / "data" / "labelled"
EVALUATE = Path(__file__).resolve().parent.parent / "benchmarks" / "_evaluate.py"


def _load_evaluate():
    """Import benchmarks/_evaluate.py by its path: a measuring tool, not part of the package."""
    spec = importlib.util.spec_from_file_location("_evaluate", EVALUATE)
    assert spec is not None and spec.loader is not None, EVALUATE
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up while being built
    spec.loader.exec_module(module)
    return module


evaluate = _load_evaluate().evaluate


@pytest.fixture(scope="module")
def dev(taxonomy, today):
    return evaluate(DEV, taxonomy=taxonomy, today=today)


def test_dev_set_is_large_enough_and_fully_read(dev):
    assert len(dev.per_file) >= 30
    assert not dev.errors


def test_recall_floor(dev):
    assert dev.recall >= 0.93, dev.lines("dev")


def test_precision_floor(dev):
    assert dev.precision >= 0.88, dev.lines("dev")


def test_must_not_count_mentions_are_rejected(dev):
    assert dev.reject_ok / dev.reject_total >= 0.90, dev.lines("dev")


def test_people_outside_ml_get_no_role(dev):
    outside = [r for r in dev.per_file if r["no_fit"]]
    assert outside and all(r["best"] is None for r in outside), [r["file"] for r in outside if r["best"]]


def test_best_role_floor(dev):
    assert dev.ml_role_ok / dev.ml_role_total >= 0.80, dev.lines("dev")


@pytest.mark.xfail(strict=True, reason="precision is 0.890 on the dev set, under the 0.90 bar; see docs/accuracy.md")
def test_precision_bar(dev):
    assert dev.precision >= 0.90


@pytest.fixture(scope="module")
def dev2(taxonomy, today):
    return evaluate(DEV.parent / "dev2", taxonomy=taxonomy, today=today)


def test_second_dev_set_floors(dev2):
    # A second writer's conventions (measured 0.896 / 0.851 / 39 of 40 / 25 of 30, rounded down).
    assert not dev2.errors and len(dev2.per_file) == 30
    assert dev2.precision >= 0.88 and dev2.recall >= 0.84, dev2.lines("dev 2")
    assert dev2.reject_ok / dev2.reject_total >= 0.94, dev2.lines("dev 2")
    assert dev2.role_ok >= 24, dev2.lines("dev 2")
    # Where both readers agree (measured 0.942 / 0.900).
    assert dev2.second is not None
    assert dev2.second.consensus.tp / (dev2.second.consensus.tp + dev2.second.consensus.fp) >= 0.93


def test_second_reader_agreement_and_consensus(tmp_path, taxonomy, today):
    import json

    (tmp_path / "a.txt").write_text("Jo Bloggs\n\nSkills: Python, SQL, Docker\n", encoding="utf-8")
    (tmp_path / "labels.json").write_text(json.dumps({"a.txt": {"skills": ["Python", "SQL"]}}), encoding="utf-8")
    m = evaluate(tmp_path, taxonomy=taxonomy, today=today)
    assert m.second is None and not any("second reader" in line for line in m.lines("x"))
    (tmp_path / "labels_second_reader.json").write_text(
        json.dumps({"a.txt": {"skills": ["python", "Docker"], "hedged": []}}), encoding="utf-8"
    )
    m = evaluate(tmp_path, taxonomy=taxonomy, today=today)
    assert (m.tp, m.fp, m.fn) == (2, 1, 0)
    s = m.second
    assert (s.agreement.tp, s.agreement.fp, s.agreement.fn) == (1, 1, 1)  # Docker extra, SQL missed
    assert (s.against_second.tp, s.against_second.fp, s.against_second.fn) == (2, 1, 0)
    # SQL and Docker are disputed: only Python is scored where the readers agree.
    assert (s.consensus.tp, s.consensus.fp, s.consensus.fn) == (1, 0, 0)
    assert "human agreement): precision 0.500  recall 0.500" in "\n".join(m.lines("x"))


def test_blind_adjudication_corrects_the_labels_per_reader_and_by_consensus(tmp_path, taxonomy, today):
    import json

    (tmp_path / "a.txt").write_text("Jo Bloggs\n\nSkills: Python, SQL, Docker\n", encoding="utf-8")
    (tmp_path / "labels.json").write_text(json.dumps({"a.txt": {
        "skills": ["Python", "Kubernetes"], "must_not_count": [{"term": "Terraform", "reason": "goal"}]}}),
        encoding="utf-8")
    m = evaluate(tmp_path, taxonomy=taxonomy, today=today)
    assert (m.tp, m.fp, m.fn) == (1, 2, 1) and m.adjudicated == []
    # Reader A: SQL and Docker are held (the labels missed them), Kubernetes is not, Python (both
    # sides agree) is upheld, and Terraform (a must-not-count skill neither side counts) is held.
    (tmp_path / "adjudication.json").write_text(json.dumps({"a.txt": {
        "sql": {"held": True}, "docker": {"held": True}, "kubernetes": {"held": False},
        "python": {"held": True}, "terraform": {"held": True}}}), encoding="utf-8")
    a, = evaluate(tmp_path, taxonomy=taxonomy, today=today).adjudicated
    assert (a.counts.tp, a.counts.fp, a.counts.fn) == (3, 0, 1)  # Terraform now a miss
    assert (a.added, a.dropped, a.upheld, a.decoys, a.lenient, a.negatives) == (3, 1, 1, 1, 1, 1)
    # Reader B disagrees on Docker and judges nothing else: the consensus keeps the labels' reading
    # of Docker (not held), and takes reader A's alone where only A judged.
    (tmp_path / "adjudication_b.json").write_text(json.dumps({"a.txt": {"docker": {"held": False}}}),
                                                   encoding="utf-8")
    m = evaluate(tmp_path, taxonomy=taxonomy, today=today)
    a, b, both = m.adjudicated
    assert (a.name, b.name, both.name) == ("reader A", "reader B", "all readers agreeing")
    assert (b.counts.tp, b.counts.fp, b.counts.fn) == (1, 2, 1) and b.unjudged == 2  # SQL, Kubernetes
    assert (both.counts.tp, both.counts.fp, both.counts.fn) == (2, 1, 1)
    assert "blind adjudication (reader B): precision 0.333" in "\n".join(m.lines("x"))


@pytest.mark.parametrize("term, exact, parts", [
    ("Python", {"python"}, {"python"}),
    ("Excel (pivot tables, XLOOKUP)", set(), {"excel", "pivot_tables"}),
    ("Linux (RHEL, Rocky)", set(), {"linux"}),
    ("HTML/CSS", set(), {"html", "css"}),
    ("ASME B31G / RSTRENG", set(), set()),  # no part is a skill: the term stays unresolved
])
def test_a_label_term_names_skills_by_its_parts(taxonomy, term, exact, parts):
    resolve = _load_evaluate().resolve
    unresolved: set[str] = set()
    assert resolve([term], taxonomy, set(), parts=False) == exact
    assert resolve([term], taxonomy, unresolved) == parts
    assert (term in unresolved) is not parts


def test_the_readers_mapping_of_label_terms_names_known_skills_and_is_used(taxonomy):
    ev = _load_evaluate()
    mapping = ev._term_ids()
    assert mapping, "tests/data/label_term_ids.json is missing or empty"
    assert all(sid in taxonomy.skill_by_id for ids in mapping.values() for sid in ids)
    term = next(t for t in mapping if taxonomy.find_skill(t) is None)
    assert ev.resolve([term], taxonomy, set()) == set(mapping[term])
    assert not ev.resolve([term], taxonomy, set(), parts=False) & set(mapping[term]) - {
        s.id for s in [taxonomy.find_skill(term)] if s}
