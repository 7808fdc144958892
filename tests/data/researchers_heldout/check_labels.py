"""Check labels.json of researchers_heldout against the CV files.

Run from anywhere: python tests/data/researchers_heldout/check_labels.py
Prints one line per problem and a summary; exits 1 if anything is wrong.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
KEYS = {
    "group", "verdict", "acceptable_roles", "seniority", "years_experience",
    "research_years", "skills", "must_not_count", "notes",
}
SENIORITY = {"junior", "mid", "senior", "principal"}
ROLES = {
    "ml_engineer", "data_scientist", "nlp_engineer", "computer_vision_scientist",
    "rl_researcher", "mlops_engineer", "ai_research_scientist", "quant_ml_analyst",
    "healthcare_ml_specialist", "ml_scientist", "ml_researcher",
}


def check() -> list[str]:
    labels = json.loads((HERE / "labels.json").read_text(encoding="utf-8"))
    cvs = {p.name for p in HERE.iterdir() if p.suffix in {".txt", ".md"} and p.name != "README.md"}
    problems = [f"{n}: CV file has no label" for n in sorted(cvs - labels.keys())]
    problems += [f"{n}: label has no CV file" for n in sorted(labels.keys() - cvs)]
    n_terms = 0
    for name, lab in sorted(labels.items()):
        if name not in cvs:
            continue
        text = (HERE / name).read_text(encoding="utf-8")
        low = text.lower()
        if set(lab) != KEYS:
            problems.append(f"{name}: keys differ: {sorted(set(lab) ^ KEYS)}")
        fit = lab["verdict"] == "fit"
        if fit != (lab["group"] == "researcher_ml"):
            problems.append(f"{name}: verdict/group mismatch")
        if fit and lab["seniority"] not in SENIORITY:
            problems.append(f"{name}: bad seniority {lab['seniority']!r}")
        if not fit and (lab["seniority"] is not None or lab["acceptable_roles"]):
            problems.append(f"{name}: no_fit must have null seniority and no roles")
        if lab["verdict"] not in {"fit", "no_fit"}:
            problems.append(f"{name}: bad verdict {lab['verdict']!r}")
        for role in lab["acceptable_roles"]:
            if role not in ROLES:
                problems.append(f"{name}: unknown role {role}")
        if not 0 <= lab["research_years"] <= lab["years_experience"]:
            problems.append(f"{name}: research_years > years_experience")
        for item in lab["must_not_count"]:
            n_terms += 1
            if item["term"].lower() not in low:
                problems.append(f"{name}: must_not_count term not in file: {item['term']!r}")
        if any(s.lower() == m["term"].lower() for s in lab["skills"] for m in lab["must_not_count"]):
            problems.append(f"{name}: a term is both a skill and must_not_count")
        for email in re.findall(r"[\w.+-]+@[\w.-]+", text):
            if not email.endswith("@example.com"):
                problems.append(f"{name}: non-example email {email}")
        for phone in re.findall(r"555-\d{4}", text):
            if not phone.startswith("555-01"):
                problems.append(f"{name}: phone outside 555-01xx: {phone}")
        if "555-01" not in text:
            problems.append(f"{name}: no 555-01xx phone")
    print(f"{len(labels)} labels, {len(cvs)} CV files, {n_terms} must_not_count terms checked")
    return problems


if __name__ == "__main__":
    found = check()
    for line in found:
        print(line)
    print(f"{len(found)} problem(s)")
    sys.exit(1 if found else 0)
