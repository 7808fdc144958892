"""Check labels.json against the CV files in this folder (run: python3 check_labels.py)."""
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
KEYS = {"group", "verdict", "acceptable_roles", "seniority", "years_experience", "research_years",
        "skills", "must_not_count", "notes"}
REASONS = {"learning", "goal", "interest", "others_work", "publication_title", "everyday_sense",
           "negated", "teaching"}
SENIORITY = {"junior", "mid", "senior", "principal"}
# Role ids as printed by `gapcheck taxonomy roles` when this set was written.
ROLES = {"ml_engineer", "data_scientist", "nlp_engineer", "computer_vision_scientist", "rl_researcher",
         "mlops_engineer", "ai_research_scientist", "quant_ml_analyst", "healthcare_ml_specialist",
         "ml_scientist", "ml_researcher"}


def main() -> int:
    labels = json.loads((HERE / "labels.json").read_text(encoding="utf-8"))
    cvs = sorted(p.name for p in HERE.iterdir() if p.suffix in {".txt", ".md"} and p.name != "README.md")
    problems = []
    if sorted(labels) != cvs:
        problems.append(f"label keys {sorted(set(labels) ^ set(cvs))} do not match CV files")
    readme = (HERE / "README.md").read_text(encoding="utf-8")
    terms = 0
    for name, lab in sorted(labels.items()):
        path = HERE / name
        if not path.exists():
            continue
        text = path.read_text(encoding="utf-8")
        low = text.lower()
        if set(lab) != KEYS:
            problems.append(f"{name}: keys differ: {sorted(set(lab) ^ KEYS)}")
        if name not in readme:
            problems.append(f"{name}: not listed in README.md")
        ml = lab["group"] == "researcher_ml"
        if lab["group"] not in {"researcher_ml", "researcher_other"}:
            problems.append(f"{name}: unknown group {lab['group']}")
        if ml and (lab["verdict"] != "fit" or not lab["acceptable_roles"] or lab["seniority"] not in SENIORITY):
            problems.append(f"{name}: ML researcher needs verdict fit, roles and seniority")
        if not ml and (lab["verdict"] != "no_fit" or lab["acceptable_roles"] or lab["seniority"] is not None):
            problems.append(f"{name}: non-ML researcher needs no_fit, no roles, seniority null")
        unknown = [r for r in lab["acceptable_roles"] if r not in ROLES]
        if unknown or len(set(lab["acceptable_roles"])) != len(lab["acceptable_roles"]):
            problems.append(f"{name}: unknown or repeated roles {unknown}")
        if not 0 <= lab["research_years"] <= lab["years_experience"]:
            problems.append(f"{name}: research_years must be within 0..years_experience")
        skills_low = [s.lower() for s in lab["skills"]]
        if len(set(skills_low)) != len(skills_low):
            problems.append(f"{name}: duplicate skills")
        for item in lab["must_not_count"]:
            terms += 1
            term, reason = item["term"], item["reason"]
            if term.lower() not in low:
                problems.append(f"{name}: must_not_count term {term!r} not found verbatim")
            if reason not in REASONS:
                problems.append(f"{name}: unknown reason {reason!r}")
            clash = [s for s in lab["skills"] if term.lower() in s.lower()]
            if clash:
                problems.append(f"{name}: must_not_count {term!r} overlaps skills {clash}")
        for mail in re.findall(r"[\w.+-]+@[\w-]+\.[\w.-]+", text):
            if not mail.endswith("@example.com"):
                problems.append(f"{name}: email {mail} is not @example.com")
        for phone in re.findall(r"555-\d{4}", text):
            if not phone.startswith("555-01"):
                problems.append(f"{name}: phone {phone} is not 555-01xx")
        if "555-01" not in text or "@example.com" not in text:
            problems.append(f"{name}: missing example email or 555-01xx phone")
    for p in problems:
        print("PROBLEM:", p)
    groups = [lab["group"] for lab in labels.values()]
    seniority = sorted({str(lab["seniority"]) for lab in labels.values()})
    counts = ", ".join(f"{s}: {sum(str(lab['seniority']) == s for lab in labels.values())}" for s in seniority)
    print(f"seniority {counts}")
    print(f"{len(labels)} labelled CVs ({groups.count('researcher_ml')} researcher_ml, "
          f"{groups.count('researcher_other')} researcher_other), {terms} must_not_count terms checked, "
          f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
