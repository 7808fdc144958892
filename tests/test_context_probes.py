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
