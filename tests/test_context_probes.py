"""Probe sentences for the context decisions (learning, goals, interests, everyday senses of
skill words, and the same words in ML work), each placed in a small resume of the profession
that would write it. The probes are development data, written before the rules and the
other-senses data were widened for them (tests/data/probes/context_probes.yaml)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from gapcheck import analyze_text

PROBES = yaml.safe_load((Path(__file__).parent / "data/probes/context_probes.yaml").read_text())["probes"]
_HEADINGS = {"interests": "INTERESTS", "education": "EDUCATION", "skills": "SKILLS"}


def _resume(probe: dict[str, str]) -> str:
    section = probe.get("section", "experience")
    lines = ["Alex Example", probe["who"], "alex@example.com", "", "EXPERIENCE",
             f"{probe['who']}, Example Org, Jan 2018 - Present"]
    if section == "experience":
        lines.append(f"- {probe['text']}")
    lines.append("- Worked with a team of five colleagues.")
    if section != "experience":
        lines += ["", _HEADINGS[section], probe["text"]]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("probe", PROBES, ids=[f"{p['why']}-{p['skill']}-{i}" for i, p in enumerate(PROBES)])
def test_probe(probe, taxonomy):
    assert probe["skill"] in taxonomy.skill_by_id, f"unknown skill id {probe['skill']}"
    result = analyze_text(_resume(probe), taxonomy=taxonomy, today=date(2026, 12, 6))
    held = probe["skill"] in {s.id for s in result.skills}
    right = held == (probe["expect"] == "held")
    if probe.get("known_miss"):
        assert not right, f"a known miss now passes; drop its known_miss: {probe['text']}"
    else:
        wanted = "held" if probe["expect"] == "held" else "not held"
        assert right, f"{probe['skill']} should be {wanted}: {probe['text']}"


def test_probes_cover_every_kind():
    kinds = {p["why"] for p in PROBES}
    assert kinds == {"learning", "goal", "interest", "everyday_sense", "ml_work"}
    assert sum(p["expect"] == "held" for p in PROBES) >= 15


# -- session 13: probes of the session's rules (tests/data/probes/session13_probes.yaml) ---------

SESSION13 = yaml.safe_load((Path(__file__).parent / "data/probes/session13_probes.yaml").read_text())["probes"]
# Session 14's probes of its rules (tests/data/probes/session14_probes.yaml), read the same way.
SESSION14 = yaml.safe_load((Path(__file__).parent / "data/probes/session14_probes.yaml").read_text())["probes"]
_TOP = "Sam Rivera\nsam.rivera@example.com\n\n"
_JOB = "EXPERIENCE\nSenior Engineer, Northwind Analytics, 2019 - 2025\n- Trained gradient boosting models for churn.\n"
_SCHOOL = "EDUCATION\nBSc Computer Science, University of Leeds, 2015 - 2018\n"
_PLACES = {
    "exp": (_TOP + "SUMMARY\nEngineer working on data products.\n\n" + _JOB + "- {x}\n\n" + _SCHOOL
            + "\nSKILLS\nPython, SQL\n"),
    "proj": _TOP + _JOB + "\nPROJECTS\n- {x}\n\n" + _SCHOOL,
    "pubs": _TOP + _JOB.replace("Senior Engineer, Northwind Analytics", "Research Scientist, Northwind Labs")
    + "\nPUBLICATIONS\n{x}\n\n" + _SCHOOL,
    "edu": _TOP + _JOB.replace("Senior Engineer, Northwind Analytics", "Research Engineer, Northwind Labs")
    + "\nEDUCATION\n{x}\n\nSKILLS\nPython, SQL\n",
    "skills": _TOP + _JOB + "\n" + _SCHOOL + "\nSKILLS\nPython, SQL\n{x}\n",
    "summary": _TOP + "SUMMARY\n{x}\n\n" + _JOB + "\n" + _SCHOOL,
    "doc": "{x}",
}


@pytest.mark.parametrize("probe", SESSION13 + SESSION14, ids=[
    f"s{13 if i < len(SESSION13) else 14}-{p['group']}-{p['skill']}-{i}" for i, p in enumerate(SESSION13 + SESSION14)])
def test_session13_probe(probe, taxonomy):
    result = analyze_text(_PLACES[probe["where"]].replace("{x}", probe["text"]), taxonomy=taxonomy,
                          today=date(2025, 6, 1))
    lines = [line.strip(" -") for line in probe["text"].split("\n") if line.strip()]

    def on_probe(text: str) -> bool:
        text = text.strip(" -")
        return any(text and (text in line or line in text) for line in lines)

    found = [s for s in result.skills if s.id == probe["skill"] and s.match != "implied"
             and any(on_probe(e.text) for e in s.evidence)]
    right = {"held": bool(found), "rejected": not found,
             "strong": bool(found) and found[0].proficiency == "strong",
             "notbasic": bool(found) and found[0].proficiency != "basic"}[probe["expect"]]
    if probe.get("known_miss"):
        assert not right, f"a known miss now passes; drop its known_miss: {probe['text']}"
    else:
        assert right, f"{probe['skill']} should be {probe['expect']}: {probe['text']}"
