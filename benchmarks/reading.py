#!/usr/bin/env python3
"""How well gapcheck reads PDFs that real engines typeset: every PDF of tests/data/engines against its text twin.

    python benchmarks/reading.py                  # tables per PDF engine and per style
    python benchmarks/reading.py --details        # and the worst files, with what went wrong
    python benchmarks/reading.py --engine pdfium --style latex-jake --jobs 1
    python benchmarks/reading.py --corpus /tmp/unseen/tests/data/engines   # another corpus

The corpus (scripts/make_engine_pdfs.py) renders each invented person of
tests/data/engines/people/ with LaTeX, Typst (rendercv), LibreOffice, Chromium and WeasyPrint,
and writes one text twin per person, tests/data/engines/text/<person>.txt, with the same words.
For each PDF and each of gapcheck's PDF engines (pdfplumber, pdfium) it prints:

- ``words``: word coverage, as a multiset: the share of the twin's words found in the PDF's
  text. Words are runs of letters and digits, case-folded, after gapcheck's own normalisation
  (so "engin-\\neering" joined at a line end counts once, as gapcheck sees it).
- ``order``: ``difflib.SequenceMatcher`` ratio of the two word sequences, after the twin's
  sections are put in the order the PDF shows them (a sidebar may come first or last).
- ``lines``: the share of the twin's lines of 8 words or more (bullets, paragraphs, papers; not
  the short entry headers, whose parts styles may legitimately rearrange) found whole, in order,
  in the PDF's words.
- ``sect``: per word, the share of aligned words that gapcheck puts in the same section
  (experience, skills, publications...) in the PDF as in the twin.
- ``skills=``: PDFs whose held skills are exactly the twin's; ``jacc``: their mean Jaccard.
- ``years``: PDFs whose years of experience are within 0.5 of the twin's; ``role``: same best role.
- ``P`` / ``R``: skill precision and recall against tests/data/engines/labels.json (labels
  name skills; credentials such as a PhD are left out on both sides, as in benchmarks/accuracy.py);
  ``fit``: best role acceptable to the labels (none for the two people outside ML).

"Present" is pinned to 2026-11-23. The PDF text is analysed with ``analyze_text`` on what
``read_document`` returned, which is what ``analyze`` does with a PDF, so each PDF is read once.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from difflib import SequenceMatcher
from pathlib import Path
from statistics import median
from typing import Any

from _bench import words  # benchmarks/_bench.py, beside this script

ROOT = Path(__file__).resolve().parent.parent
# Measure this checkout, not whichever gapcheck happens to be installed.
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

CORPUS = ROOT / "tests" / "data" / "engines"
TEXT = CORPUS / "text"
TODAY = date(2026, 11, 23)
ENGINES = ("pdfplumber", "pdfium")
LONG_LINE = 8  # words; shorter twin lines are entry headers that styles rearrange


@dataclass
class Side:
    """What gapcheck made of one document: its words with their sections, and its analysis."""

    words: list[str]
    labels: list[str]  # the section of each word
    blocks: list[tuple[int, int]]  # [start, end) word ranges, one per section heading
    lines: list[list[str]]  # the words of each line
    skills: set[str]
    years: float | None
    role: str | None
    error: str | None = None


def side(text: str, source: str, taxonomy: Any) -> Side:
    from gapcheck import analyze_text
    from gapcheck.errors import GapcheckError
    from gapcheck.normalise import split_sections

    ndoc = split_sections(text, source)
    ws: list[str] = []
    labels: list[str] = []
    starts: list[int] = [0]
    lines: list[list[str]] = []
    for tl in ndoc.lines:
        if tl.heading and ws:
            starts.append(len(ws))
        lw = words(tl.text)
        lines.append(lw)
        ws += lw
        labels += [tl.section] * len(lw)
    bounds = sorted(set(starts)) + [len(ws)]
    blocks = [(a, b) for a, b in zip(bounds, bounds[1:], strict=False) if b > a]
    try:
        result = analyze_text(text, source=source, taxonomy=taxonomy, today=TODAY)
    except GapcheckError as exc:
        return Side(ws, labels, blocks, lines, set(), None, None, error=f"{type(exc).__name__}: {exc}")
    skills = {s.id for s in result.skills if s.match not in ("implied", "assumed")}
    return Side(
        ws,
        labels,
        blocks,
        lines,
        skills,
        result.seniority.years_experience,
        result.best_role.id if result.best_role else None,
    )


def coverage(twin: list[str], pdf: list[str]) -> tuple[float, Counter[str]]:
    """Share of the twin's words (as a multiset) that the PDF text has, and the missing ones."""
    t, p = Counter(twin), Counter(pdf)
    missing = t - p
    return (1 - sum(missing.values()) / max(1, sum(t.values()))), missing


def reorder(twin: Side, pdf: list[str]) -> tuple[list[str], list[str]]:
    """The twin's words and labels with its section blocks in the order the PDF shows them."""
    placed = []
    for a, b in twin.blocks:
        sm = SequenceMatcher(None, twin.words[a:b], pdf, autojunk=False)
        hits = [m.b + k for m in sm.get_matching_blocks() for k in range(m.size)]
        placed.append((median(hits) if hits else float("inf"), a, b))
    placed.sort()
    ws: list[str] = []
    ls: list[str] = []
    for _, a, b in placed:
        ws += twin.words[a:b]
        ls += twin.labels[a:b]
    return ws, ls


@dataclass
class Row:
    style: str
    person: str
    engine: str
    words: float = 0.0
    order: float = 0.0
    lines: float = 0.0
    sections: float = 0.0
    skills_equal: bool = False
    jaccard: float = 0.0
    years_ok: bool = False
    role_same: bool = False
    role: str | None = None  # the PDF's best role
    missing: list[str] = field(default_factory=list)
    skill_diff: str = ""
    years: str = ""
    roles: str = ""
    error: str | None = None
    found: set[str] = field(default_factory=set)


def compare(style: str, person: str, engine: str, twin: Side, pdf: Side) -> Row:
    row = Row(style, person, engine, error=pdf.error)
    row.words, missing = coverage(twin.words, pdf.words)
    row.missing = [w for w, _ in missing.most_common(12)]
    tw, tl = reorder(twin, pdf.words)
    sm = SequenceMatcher(None, tw, pdf.words, autojunk=False)
    row.order = sm.ratio()
    same = total = 0
    for m in sm.get_matching_blocks():
        for k in range(m.size):
            total += 1
            same += tl[m.a + k] == pdf.labels[m.b + k]
    row.sections = same / total if total else 0.0
    flat = " " + " ".join(pdf.words) + " "
    long_lines = [ln for ln in twin.lines if len(ln) >= LONG_LINE]
    row.lines = sum((" " + " ".join(ln) + " ") in flat for ln in long_lines) / max(1, len(long_lines))
    row.skills_equal = pdf.skills == twin.skills
    union = pdf.skills | twin.skills
    row.jaccard = len(pdf.skills & twin.skills) / len(union) if union else 1.0
    row.skill_diff = (
        f"only PDF {sorted(pdf.skills - twin.skills)} only twin {sorted(twin.skills - pdf.skills)}"
        if not row.skills_equal
        else ""
    )
    row.years_ok = (pdf.years is None and twin.years is None) or (
        pdf.years is not None and twin.years is not None and abs(pdf.years - twin.years) <= 0.5
    )
    row.years = f"{pdf.years} vs twin {twin.years}"
    row.role_same = pdf.role == twin.role
    row.role = pdf.role
    row.roles = f"{pdf.role} vs twin {twin.role}"
    row.found = pdf.skills
    return row


_STATE: dict[str, Any] = {}


def _init() -> None:
    from gapcheck.taxonomy import load_taxonomy

    _STATE["taxonomy"] = load_taxonomy()
    _STATE["twins"] = {}


def _twin(person: str) -> Side:
    twins = _STATE["twins"]
    if person not in twins:
        path = TEXT / f"{person}.txt"
        twins[person] = side(path.read_text(encoding="utf-8"), str(path), _STATE["taxonomy"])
    return twins[person]


def _job(task: tuple[str, str, str]) -> Row:
    from gapcheck.errors import GapcheckError
    from gapcheck.read import read_document

    style, person, engine = task
    path = CORPUS / style / f"{person}.pdf"
    twin = _twin(person)
    try:
        raw = read_document(path, pdf_engine=engine)
    except GapcheckError as exc:
        empty = Side([], [], [], [], set(), None, None, error=f"{type(exc).__name__}: {exc}")
        return compare(style, person, engine, twin, empty)
    return compare(style, person, engine, twin, side(raw.text, str(path), _STATE["taxonomy"]))


class PR:
    """Micro-averaged precision and recall of found against gold skill ids."""

    def __init__(self) -> None:
        self.tp = self.fp = self.fn = 0

    def add(self, found: set[str], gold: set[str]) -> None:
        self.tp += len(found & gold)
        self.fp += len(found - gold)
        self.fn += len(gold - found)

    def text(self) -> str:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return f"{p:.2f}  {r:.2f}"


def gold_skills(taxonomy: Any) -> dict[str, set[str]]:
    from _evaluate import resolve  # benchmarks/_evaluate.py, beside this script

    labels = json.loads((CORPUS / "labels.json").read_text(encoding="utf-8"))
    credentials = {sk.id for sk in taxonomy.skills if sk.type == "credential"}
    unresolved: set[str] = set()
    gold = {Path(name).stem: resolve(lab["skills"], taxonomy, unresolved) - credentials for name, lab in labels.items()}
    if unresolved:
        print("labels that name no taxonomy skill:", ", ".join(sorted(unresolved)), file=sys.stderr)
    return gold


HEADER = (
    f"{'':28} {'n':>4} {'words':>6} {'order':>6} {'lines':>6} {'sect':>6} {'skills=':>8} {'jacc':>5} "
    f"{'years':>6} {'role':>6}  {'P':>4}  {'R':>4} {'fit':>5}"
)


def role_ok(role: str | None, label: dict[str, Any]) -> bool:
    """The labels' test of a best role: none for a non-ML person, else one of the acceptable ones."""
    return role is None if label.get("no_fit") else role in label.get("acceptable_roles", [])


def summary(
    name: str, rows: list[Row], gold: dict[str, set[str]], credentials: set[str], labels: dict[str, Any]
) -> str:
    n = len(rows)
    pr = PR()
    fit = 0
    for r in rows:
        if r.person in gold:
            pr.add(r.found - credentials, gold[r.person])
        fit += role_ok(r.role, labels.get(f"{r.person}.txt", {}))

    def mean(xs: list[float]) -> float:
        return sum(xs) / len(xs) if xs else 0.0

    return (
        f"{name:28} {n:>4} {mean([r.words for r in rows]):>6.3f} {mean([r.order for r in rows]):>6.3f} "
        f"{mean([r.lines for r in rows]):>6.3f} {mean([r.sections for r in rows]):>6.3f} "
        f"{sum(r.skills_equal for r in rows):>4}/{n:<3} {mean([r.jaccard for r in rows]):>5.2f} "
        f"{sum(r.years_ok for r in rows):>3}/{n:<2} {sum(r.role_same for r in rows):>3}/{n:<2}  "
        f"{pr.text()} {fit:>4}/{n}"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--details", action="store_true", help="list the worst files and what went wrong")
    ap.add_argument("--engine", action="append", choices=ENGINES, help="only this PDF engine (repeatable)")
    ap.add_argument("--style", action="append", help="only this style (repeatable)")
    ap.add_argument("--person", action="append", help="only this person (repeatable)")
    ap.add_argument("--jobs", type=int, default=2, help="worker processes (default 2)")
    ap.add_argument("--worst", type=int, default=12, help="how many files --details lists")
    ap.add_argument(
        "--corpus",
        type=Path,
        default=None,
        help="a folder laid out like tests/data/engines (style folders, text/, labels.json), such as "
        "make_engine_pdfs.py's output for people that were not tuned on",
    )
    args = ap.parse_args(argv)
    if args.corpus is not None:
        global CORPUS, TEXT
        CORPUS, TEXT = args.corpus, args.corpus / "text"

    engines = args.engine or list(ENGINES)
    styles = sorted(p.name for p in CORPUS.iterdir() if p.is_dir() and any(p.glob("*.pdf")))
    styles = [s for s in styles if not args.style or s in args.style]
    people = sorted(p.stem for p in TEXT.glob("*.txt") if not args.person or p.stem in args.person)
    tasks = [(s, p, e) for e in engines for s in styles for p in people if (CORPUS / s / f"{p}.pdf").exists()]
    if not tasks:
        print("no PDFs found; run scripts/make_engine_pdfs.py", file=sys.stderr)
        return 1
    t0 = time.perf_counter()
    _init()
    if args.jobs > 1:
        import multiprocessing as mp

        with mp.get_context("fork").Pool(args.jobs, initializer=_init) as pool:
            rows = pool.map(_job, tasks, chunksize=4)
    else:
        rows = [_job(t) for t in tasks]
    elapsed = time.perf_counter() - t0

    taxonomy = _STATE["taxonomy"]
    credentials = {sk.id for sk in taxonomy.skills if sk.type == "credential"}
    gold = gold_skills(taxonomy)
    labels = json.loads((CORPUS / "labels.json").read_text(encoding="utf-8"))
    print(
        f"{len(tasks)} PDF readings ({len(styles)} styles, {len(people)} people, {', '.join(engines)}) "
        f"in {elapsed:.0f} s; 'Present' = {TODAY}\n"
    )

    # The twins themselves: how gapcheck does on the plain text, the ceiling for every PDF.
    twin_pr = PR()
    years_ok = fit = 0
    for person in people:
        tw = _twin(person)
        twin_pr.add(tw.skills - credentials, gold.get(person, set()))
        want = labels.get(f"{person}.txt", {}).get("years_experience")
        years_ok += want is not None and tw.years is not None and abs(tw.years - want) <= 0.5
        fit += role_ok(tw.role, labels.get(f"{person}.txt", {}))
    print(
        f"text twins against labels.json: skill P/R {twin_pr.text()}; years within 0.5 of the label "
        f"{years_ok}/{len(people)}; best role acceptable {fit}/{len(people)}\n"
    )

    for engine in engines:
        print(f"engine {engine}")
        print(HEADER)
        mine = [r for r in rows if r.engine == engine]
        for style in styles:
            print(summary(style, [r for r in mine if r.style == style], gold, credentials, labels))
        print(summary("all styles", mine, gold, credentials, labels))
        print()
    by_person = defaultdict(list)
    for r in rows:
        by_person[r.person].append(r)
    print("per person, both engines")
    print(HEADER)
    for person in people:
        print(summary(person, by_person[person], gold, credentials, labels))

    if args.details:
        print(f"\nworst {args.worst} readings by word coverage, then order:")
        for r in sorted(rows, key=lambda r: (r.words, r.order))[: args.worst]:
            print(
                f"  {r.style}/{r.person}.pdf [{r.engine}] words {r.words:.3f} order {r.order:.3f} "
                f"lines {r.lines:.2f} sect {r.sections:.2f}" + (f" ERROR {r.error}" if r.error else "")
            )
            print(f"      missing words: {' '.join(r.missing)}")
            if r.skill_diff:
                print(f"      skills: {r.skill_diff}")
            if not r.years_ok:
                print(f"      years: {r.years}")
            if not r.role_same:
                print(f"      best role: {r.roles}")
        print("\nreadings whose held skills, years or role differ from the twin's:")
        for r in rows:
            if not (r.skills_equal and r.years_ok and r.role_same):
                bits = [r.skill_diff] if r.skill_diff else []
                if not r.years_ok:
                    bits.append(f"years {r.years}")
                if not r.role_same:
                    bits.append(f"role {r.roles}")
                print(f"  {r.style}/{r.person}.pdf [{r.engine}]: " + "; ".join(bits))
    return 0


if __name__ == "__main__":
    sys.exit(main())
