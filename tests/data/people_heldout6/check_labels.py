#!/usr/bin/env python3
"""Check labels.json of this labelled resume set (people_dev6 / people_heldout6, split from pool6)
against the resumes beside it.

Run from anywhere:  python3 check_labels.py [--contexts]

Checks: every resume has exactly one label and every label a resume; file names; the
schema; group/verdict/roles/seniority consistency; year counts; that every must_not_count
term occurs (case-insensitive) in its file and overlaps no labelled skill; placeholder
contact details; resume length; and that the README's group table matches the labels
(each row's count and file numbers; no row for a group without files here).
``--contexts`` also prints each occurrence of each must_not_count term with the words
around it, so a reader can confirm it is used only in its non-counting sense.
Exit code 0 when everything passes, 1 otherwise.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
# pool6 was written as one pool of 50 (p6_01 .. p6_50) and then split at random
# (random.Random(6161)) into people_dev6 (20 files) and people_heldout6 (30 files); both
# folders use the prefix p6_ and keep the original numbers.
PREFIX = "p6_"
# For a split set: the total before the split, the sibling folder holding the other part, and
# the number of files in this folder. A folder not named here is the unsplit pool (01..50).
SPLIT_TOTAL = {"people_dev6": 50, "people_heldout6": 50}.get(HERE.name)
SIBLING = {"people_dev6": "people_heldout6", "people_heldout6": "people_dev6"}.get(HERE.name)
SPLIT_SIZE = {"people_dev6": 20, "people_heldout6": 30}.get(HERE.name)
POOL_SIZE = 50
# Surnames may be compound (dubois-ferrand, van-den-berg).
FILE_RE = re.compile(rf"^{re.escape(PREFIX)}(\d\d)_[a-z]+(?:-[a-z]+)*\.(txt|md)$")

KEYS = {
    "group",
    "verdict",
    "acceptable_roles",
    "seniority",
    "years_experience",
    "research_years",
    "skills",
    "hedged",
    "claims_without_evidence",
    "must_not_count",
    "notes",
}
# Optional key: the ML claims a resume makes without any work behind them (required for stuffers).
OPTIONAL_KEYS = {"claimed_unsupported"}
GROUP_VERDICTS = {
    "ml": {"fit"},
    "researcher_ml": {"fit"},
    "non_ml": {"no_fit"},
    "researcher_other": {"no_fit"},
    "stuffer": {"no_fit"},
    "aspirant": {"no_fit"},
    "learner": {"weak_ok", "no_fit"},
}
ROLES = {
    "ml_engineer",
    "data_scientist",
    "nlp_engineer",
    "computer_vision_scientist",
    "rl_researcher",
    "mlops_engineer",
    "ai_research_scientist",
    "quant_ml_analyst",
    "healthcare_ml_specialist",
    "ml_scientist",
    "ml_researcher",
}
SENIORITY = {"junior", "mid", "senior", "principal"}
REASONS = {
    "everyday_sense",
    "learning",
    "goal",
    "negated",
    "others_work",
    "publication_title",
    "interest",
    "service",
    "event",
    "teaching",
    "title_of_others",
}
MIN_WORDS, MAX_WORDS = 300, 650
EMAIL_RE = re.compile(r"[\w.+-]+@([\w-]+(?:\.[\w-]+)+)")
PHONE_RE = re.compile(r"555[-. ]?(\d{4})")


def _whole(needle: str, hay: str) -> bool:
    """True when needle occurs in hay as whole words (case-insensitive)."""
    return re.search(rf"(?<!\w){re.escape(needle.lower())}(?!\w)", hay.lower()) is not None


def check_label(name: str, lab: dict, text: str, errors: list[str]) -> None:
    def err(msg: str) -> None:
        errors.append(f"{name}: {msg}")

    if not KEYS <= set(lab) <= KEYS | OPTIONAL_KEYS:
        extra = sorted(set(lab) - KEYS - OPTIONAL_KEYS)
        err(f"keys differ from schema: missing {sorted(KEYS - set(lab))}, extra {extra}")
        return
    group, verdict = lab["group"], lab["verdict"]
    if group not in GROUP_VERDICTS:
        err(f"unknown group {group!r}")
    elif verdict not in GROUP_VERDICTS[group]:
        err(f"verdict {verdict!r} does not fit group {group!r}")
    roles = lab["acceptable_roles"]
    if not isinstance(roles, list) or not set(roles) <= ROLES or len(set(roles)) != len(roles):
        err(f"acceptable_roles must be distinct taxonomy role ids, got {roles!r}")
    elif (verdict == "no_fit") != (not roles):
        err("acceptable_roles must be empty exactly when the verdict is no_fit")
    sen = lab["seniority"]
    if verdict == "no_fit":
        if sen is not None:
            err("seniority must be null for no_fit")
    elif sen not in SENIORITY:
        err(f"seniority must be one of {sorted(SENIORITY)}, got {sen!r}")
    ye, ry = lab["years_experience"], lab["research_years"]
    if not (isinstance(ye, int) and isinstance(ry, int) and 0 <= ry <= ye <= 50):
        err(f"need 0 <= research_years <= years_experience <= 50, got {ry!r}, {ye!r}")
    skills, hedged = lab["skills"], lab["hedged"]
    for key, items in (("skills", skills), ("hedged", hedged)):
        if not isinstance(items, list) or not all(isinstance(s, str) and s.strip() for s in items):
            err(f"{key} must be a list of non-empty strings")
            return
        low = [s.lower() for s in items]
        if len(set(low)) != len(low):
            err(f"{key} has duplicates")
    if not skills:
        err("skills is empty")
    if not isinstance(lab["claims_without_evidence"], bool):
        err("claims_without_evidence must be true or false")
    if group == "stuffer" and lab["claims_without_evidence"] is not True:
        err("a stuffer must have claims_without_evidence true")
    claimed = lab.get("claimed_unsupported")
    if group == "stuffer" and not claimed:
        err("a stuffer must list its claimed_unsupported items")
    if claimed is not None:
        if not isinstance(claimed, list) or not all(isinstance(s, str) and s.strip() for s in claimed):
            err("claimed_unsupported must be a list of non-empty strings")
        elif lab["claims_without_evidence"] is not True:
            err("claimed_unsupported is set, so claims_without_evidence must be true")
        elif {s.lower() for s in claimed} & {s.lower() for s in skills}:
            err("claimed_unsupported overlaps skills")
    if group in ("ml", "researcher_ml") and lab["claims_without_evidence"]:
        err("an ML fit should not be labelled as claims without evidence")
    if not isinstance(lab["notes"], str) or len(lab["notes"]) < 40:
        err("notes must explain the verdict (at least 40 characters)")
    seen: set[str] = set()
    for entry in lab["must_not_count"]:
        if not isinstance(entry, dict) or set(entry) != {"term", "reason"}:
            err(f"must_not_count entry {entry!r} must have exactly term and reason")
            continue
        term, reason = entry["term"], entry["reason"]
        if reason not in REASONS:
            err(f"term {term!r}: unknown reason {reason!r}")
        if term.lower() in seen:
            err(f"term {term!r} listed twice")
        seen.add(term.lower())
        if "\n" in term or term != term.strip():
            err(f"term {term!r} must be one line without surrounding spaces")
        if term.lower() not in text.lower():
            err(f"term {term!r} does not occur in the file (on one line)")
        for skill in skills:
            if _whole(term, skill) or _whole(skill, term):
                err(f"term {term!r} overlaps the labelled skill {skill!r}")
    for domain in EMAIL_RE.findall(text):
        if domain.lower() != "example.com":
            err(f"e-mail domain {domain!r} is not example.com")
    for tail in PHONE_RE.findall(text):
        if not tail.startswith("01"):
            err(f"phone number 555-{tail} is outside 555-0100..555-0199")
    n = len(text.split())
    if not MIN_WORDS <= n <= MAX_WORDS:
        err(f"{n} words, outside {MIN_WORDS}-{MAX_WORDS}")


def check_readme(labels: dict, errors: list[str]) -> None:
    path = HERE / "README.md"
    if not path.is_file():
        errors.append("README.md: missing; write it with a group table (| `group` | n | ...)")
        return
    readme = path.read_text(encoding="utf-8")
    numbers: dict[str, list[int]] = {}
    for name, lab in labels.items():
        m = FILE_RE.match(name)
        numbers.setdefault(lab["group"], []).append(int(m.group(1)) if m else -1)
    rows = {
        m.group(1): (int(m.group(2)), m.group(3))
        for m in re.finditer(r"^\|\s*`(\w+)`[^|]*\|\s*(\d+)\s*\|([^|]*)\|", readme, re.M)
    }
    for group in sorted(set(rows) - set(numbers)):
        errors.append(f"README.md: table has a row for `{group}`, but no file here is in that group")
    for group, nums in sorted(numbers.items()):
        if group not in rows:
            errors.append(f"README.md: no group table row for `{group}`")
            continue
        n, cell = rows[group]
        if n != len(nums):
            errors.append(f"README.md: table says {n} for `{group}`, labels have {len(nums)}")
        # Each file in the row is an item "NN description", items separated by "; ".
        listed = [int(m.group(1)) for item in cell.split("; ") if (m := re.match(r"(\d\d) ", item.strip()))]
        if sorted(listed) != sorted(nums):
            errors.append(
                f"README.md: row `{group}` lists files {sorted(listed)}, labels have {sorted(nums)}"
            )


def print_contexts(labels: dict) -> None:
    for name, lab in sorted(labels.items()):
        text = " ".join((HERE / name).read_text(encoding="utf-8").split())
        for entry in lab["must_not_count"]:
            for m in re.finditer(re.escape(entry["term"]), text, re.I):
                ctx = text[max(0, m.start() - 60) : m.end() + 60]
                print(f"{name} [{entry['reason']}] {entry['term']!r}: ...{ctx}...")


def main() -> int:
    labels = json.loads((HERE / "labels.json").read_text(encoding="utf-8"))
    files = sorted(p.name for p in HERE.iterdir() if p.suffix in (".txt", ".md") and p.name != "README.md")
    errors: list[str] = []
    for name in sorted(set(files) ^ set(labels)):
        where = "labels.json" if name in files else "the folder"
        errors.append(f"{name}: missing from {where}")
    numbers = []
    for name in files:
        m = FILE_RE.match(name)
        if m is None:
            errors.append(f"{name}: name must look like {PREFIX}NN_surname.txt or .md")
        else:
            numbers.append(int(m.group(1)))
    if SPLIT_TOTAL is None:
        if sorted(numbers) != list(range(1, POOL_SIZE + 1)):
            errors.append(f"file numbers are not 01..{POOL_SIZE:02d} without gaps or repeats")
    else:
        # Split set: numbers are unique and within 01..SPLIT_TOTAL; with the sibling folder
        # present, the two folders together hold every number exactly once.
        if len(set(numbers)) != len(numbers) or not all(1 <= n <= SPLIT_TOTAL for n in numbers):
            errors.append(f"file numbers must be unique and within 01..{SPLIT_TOTAL:02d}")
        if SPLIT_SIZE is not None and len(files) != SPLIT_SIZE:
            errors.append(f"{HERE.name} should hold {SPLIT_SIZE} resumes, found {len(files)}")
        sib = HERE.parent / SIBLING if SIBLING else None
        if sib is not None and sib.is_dir():
            other = [int(m.group(1)) for p in sib.iterdir() if (m := FILE_RE.match(p.name))]
            if sorted(numbers + other) != list(range(1, SPLIT_TOTAL + 1)):
                errors.append(f"this folder and {SIBLING} together do not hold 01..{SPLIT_TOTAL:02d} exactly once")
    for name in files:
        if name in labels:
            text = (HERE / name).read_text(encoding="utf-8")
            check_label(name, labels[name], text, errors)
    check_readme(labels, errors)
    if "--contexts" in sys.argv[1:]:
        print_contexts(labels)
    for e in errors:
        print(e)
    if errors:
        print(f"FAILED: {len(errors)} problem(s)")
        return 1
    groups: dict[str, int] = {}
    verdicts: dict[str, int] = {}
    for lab in labels.values():
        groups[lab["group"]] = groups.get(lab["group"], 0) + 1
        verdicts[lab["verdict"]] = verdicts.get(lab["verdict"], 0) + 1
    terms = sum(len(lab["must_not_count"]) for lab in labels.values())
    print(f"OK: {len(files)} resumes, {terms} must_not_count terms")
    print("groups:", ", ".join(f"{g} {n}" for g, n in sorted(groups.items())))
    print("verdicts:", ", ".join(f"{v} {n}" for v, n in sorted(verdicts.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
