"""Score gapcheck against a labelled resume set (used by benchmarks/accuracy.py and tests/test_evaluate.py).

A measuring tool, not part of the installed package: ``accuracy.py`` imports it from this
folder, and the test loads it by its path.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gapcheck.taxonomy import Taxonomy

# Groups of people in the people_* sets: those outside ML, and ML people.
OUTSIDE = ("non_ml", "stuffer", "aspirant", "learner", "researcher_other")
INSIDE = ("ml", "researcher_ml")
LEVELS = ("junior", "mid", "senior", "principal")
# A second, independent reading of the same resumes (skills and hedged only), where a set has one.
SECOND_READER = "labels_second_reader.json"
# Blind adjudication of the skills gapcheck and the labels disagree on (and, as decoys, some they
# agree on), where a set has one: benchmarks/adjudication.py writes the items, a reader who is
# told neither side decides each one.
ADJUDICATION = "adjudication.json"
ADJUDICATION_GLOB = "adjudication*.json"  # a second reader's is adjudication_b.json


@dataclass
class Counts:
    """True positives, false positives and false negatives of one comparison."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, found: set[str], gold: set[str]) -> None:
        self.tp += len(found & gold)
        self.fp += len(found - gold)
        self.fn += len(gold - found)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def text(self) -> str:
        return (
            f"precision {self.precision:.3f}  recall {self.recall:.3f}  F1 {self.f1:.3f}"
            f"  (tp {self.tp}, fp {self.fp}, fn {self.fn})"
        )


@dataclass
class Metrics(Counts):
    reject_ok: int = 0
    reject_total: int = 0
    role_ok: int = 0
    role_total: int = 0
    ml_role_ok: int = 0
    ml_role_total: int = 0
    unresolved: set[str] = field(default_factory=set)
    errors: list[str] = field(default_factory=list)
    per_file: list[dict[str, Any]] = field(default_factory=list)
    # Set when the folder has a second reader's labels (labels_second_reader.json).
    second: SecondReader | None = None
    # One per blind reader of the folder (adjudication*.json), and their consensus.
    adjudicated: list[Adjudicated] = field(default_factory=list)
    # Sets whose labels name each person's group and expected verdict and level (people_*).
    groups: dict[str, list[int]] = field(default_factory=dict)  # group -> [right verdict, total]
    level_ok: int = 0
    level_near: int = 0
    level_total: int = 0
    reject_by_reason: dict[str, list[int]] = field(default_factory=dict)  # reason -> [rejected, total]
    # The same mentions found where they stand in the text (not only those whose words are a
    # taxonomy term): reason -> [not counted, seen by gapcheck as a skill, located in the text].
    span_by_reason: dict[str, list[int]] = field(default_factory=dict)

    def lines(self, name: str) -> list[str]:
        return [
            f"{name}: {len(self.per_file)} documents",
            f"  skills     {self.text()}",
            f"  must-not-count mentions rejected: {self.reject_ok}/{self.reject_total}"
            f" = {self.reject_ok / max(self.reject_total, 1):.3f}",
            f"  best role acceptable (all): {self.role_ok}/{self.role_total}"
            f" = {self.role_ok / max(self.role_total, 1):.3f}",
            f"  best role acceptable (ML resumes): {self.ml_role_ok}/{self.ml_role_total}"
            f" = {self.ml_role_ok / max(self.ml_role_total, 1):.3f}",
            f"  label terms not in the taxonomy (not scored): {len(self.unresolved)}",
            self.calibration(),
            *(self.second.lines() if self.second else []),
            *(line for a in self.adjudicated for line in a.lines()),
            *self.group_lines(),
        ]

    def group_lines(self) -> list[str]:
        """Verdicts per group of people, seniority, and must-not-count mentions by reason."""
        if not self.groups:
            return []
        out = ["  verdict right, by group: " + ", ".join(
            f"{g} {ok}/{n}" for g, (ok, n) in sorted(self.groups.items()))]
        for title, names in (("outside ML (no ML role, or a weak match where the label allows one)", OUTSIDE),
                             ("ML people (an acceptable best role)", INSIDE)):
            ok = sum(self.groups.get(g, [0, 0])[0] for g in names)
            n = sum(self.groups.get(g, [0, 0])[1] for g in names)
            out.append(f"  {title}: {ok}/{n} = {ok / max(n, 1):.3f}")
        out.append(f"  seniority (ML people): exact {self.level_ok}/{self.level_total}, within one level "
                   f"{self.level_near}/{self.level_total}")
        out.append("  must-not-count rejected, by reason: " + ", ".join(
            f"{r} {ok}/{n}" for r, (ok, n) in sorted(self.reject_by_reason.items())))
        if self.span_by_reason:
            ok, seen, n = (sum(v[i] for v in self.span_by_reason.values()) for i in range(3))
            out.append(f"  must-not-count where they stand: {n} located; gapcheck saw {seen} as a skill and "
                       f"rejected {seen - (n - ok)} of them ({(seen - (n - ok)) / max(seen, 1):.3f}); "
                       f"not counted {ok}/{n} = {ok / max(n, 1):.3f}")
            out.append("    by reason (rejected of seen): " + ", ".join(
                f"{r} {s_ - (n_ - ok_)}/{s_}" for r, (ok_, s_, n_) in sorted(self.span_by_reason.items())))
        return out

    def calibration(self) -> str:
        """Best-role scores of people outside ML against those of ML people (for --min-fit)."""
        outside = sorted(r["top_score"] for r in self.per_file if r["no_fit"])
        inside = sorted(r["top_score"] for r in self.per_file if not r["no_fit"])
        if not outside or not inside:
            return "  calibration: needs both ML and non-ML documents"
        return (
            f"  top score, non-ML: max {outside[-1]:.1f} (n={len(outside)}); "
            f"ML: min {inside[0]:.1f}, median {inside[len(inside) // 2]:.1f} (n={len(inside)})"
        )


@dataclass
class SecondReader:
    """How two independent readers' skill labels agree, and gapcheck against each and both.

    ``agreement`` scores reader 2 as if it were a prediction of reader 1: the ceiling a tool
    can expect against one reader's conventions. ``consensus`` scores gapcheck only on skills
    both readers decided alike: gold is what both list, and a skill only one lists counts
    neither way."""

    agreement: Counts = field(default_factory=Counts)
    against_second: Counts = field(default_factory=Counts)
    consensus: Counts = field(default_factory=Counts)

    def lines(self) -> list[str]:
        return [
            f"  second reader against the first (human agreement): {self.agreement.text()}",
            f"  gapcheck against the second reader:                 {self.against_second.text()}",
            f"  gapcheck where both readers agree:                  {self.consensus.text()}",
        ]


@dataclass
class Adjudicated:
    """gapcheck against the labels as one blind reader (or all of them) corrected them.

    The gold of a file is its labels' skills, less those the reader judged not held, plus those
    judged held. Items pooled from the skills both sides agreed on are decoys: how often the
    reader upholds them shows how far reader and labels agree. Items from must-not-count
    mentions that neither side counts are negatives: mentioned, not held; a reader who calls
    them held is lenient. A skill disputed now but never pooled (gapcheck changed since) keeps
    the labels' reading."""

    name: str
    counts: Counts = field(default_factory=Counts)
    judged: int = 0
    added: int = 0  # judged held, not in the labels
    dropped: int = 0  # in the labels, judged not held
    upheld: int = 0  # decoys (both sides agreed) judged held
    decoys: int = 0
    lenient: int = 0  # negatives judged held
    negatives: int = 0
    unjudged: int = 0  # disputed now, never pooled
    agreement: str = ""  # of the readers, on the consensus line

    def add(self, found: set[str], gold: set[str], bad: set[str], verdicts: dict[str, bool | None]) -> None:
        held = {k for k, v in verdicts.items() if v is True}
        not_held = {k for k, v in verdicts.items() if v is False}
        judged = held | not_held
        self.judged += len(judged)
        self.added += len(held - gold)
        self.dropped += len(not_held & gold)
        agreed = found & gold
        self.decoys += len(agreed & judged)
        self.upheld += len(agreed & held)
        negatives = (bad - found - gold) & judged
        self.negatives += len(negatives)
        self.lenient += len(negatives & held)
        self.unjudged += len((found ^ gold) - set(verdicts))
        self.counts.add(found, (gold - not_held) | held)

    def lines(self) -> list[str]:
        return [
            f"  gapcheck against the labels after blind adjudication ({self.name}): {self.counts.text()}",
            f"    {self.judged} items judged: {self.added} skills added to the labels, {self.dropped} dropped; "
            f"agreed skills upheld {self.upheld}/{self.decoys}; must-not-count skills called held "
            f"{self.lenient}/{self.negatives}; disputed but never adjudicated {self.unjudged}",
            *([f"    {self.agreement}"] if self.agreement else []),
        ]


def _kappa(pairs: list[tuple[bool, bool]]) -> str:
    """Raw agreement and Cohen's kappa of two readers' yes/no verdicts on the same items."""
    n = len(pairs)
    if not n:
        return "no item judged by both"
    agree = sum(a == b for a, b in pairs)
    p1, p2 = sum(a for a, _ in pairs) / n, sum(b for _, b in pairs) / n
    chance = p1 * p2 + (1 - p1) * (1 - p2)
    kappa = (agree / n - chance) / (1 - chance) if chance < 1 else 1.0
    return f"the first two readers agree on {agree}/{n} items (Cohen's kappa {kappa:.2f})"


def _adjudications(folder: Path) -> tuple[dict[str, dict[str, dict[str, bool | None]]], str]:
    """Each blind reader's verdicts in ``folder`` (file -> skill -> held), and, with two or more
    readers, their consensus (a skill judged alike by every reader who judged it) and how the
    first two agree (:func:`_kappa`; "" with fewer readers)."""
    readers = {}
    agreement = ""
    for path in sorted(folder.glob(ADJUDICATION_GLOB)):
        data = load_labels(folder, path.name)
        suffix = path.stem.removeprefix("adjudication").strip("_") or "a"
        readers[f"reader {suffix.upper()}"] = {
            f: {k: v.get("held") for k, v in items.items()} for f, items in data.items()}
    if len(readers) > 1:
        first, second = list(readers.values())[:2]
        pairs = [(v, second[f][k]) for f, items in first.items() for k, v in items.items()
                 if v is not None and second.get(f, {}).get(k) is not None]
        agreement = _kappa(pairs)
        both: dict[str, dict[str, bool | None]] = {}
        for verdicts in readers.values():
            for f, items in verdicts.items():
                for k, v in items.items():
                    seen = both.setdefault(f, {})
                    seen[k] = v if k not in seen else (v if seen[k] == v else None)
        readers["all readers agreeing"] = both
    return readers, agreement


def load_labels(folder: Path, name: str = "labels.json") -> dict[str, Any]:
    return json.loads((folder / name).read_text(encoding="utf-8"))


# A label term that names no skill as a whole may name skills in its parts: "Excel (pivot
# tables, XLOOKUP)", "Linux (RHEL, Rocky)", "HTML/CSS", "Lustre / BeeGFS".
_PARTS = re.compile(r"\s*[()]\s*|\s*[,;/]\s*")


# Label terms that name skills in other words ("BERT fine-tuning", "Excel graphing"), decided
# once by a reader who saw only the terms and the taxonomy (not the resumes, not gapcheck's
# output): tests/data/label_term_ids.json, {term: [skill ids]}; docs/label-term-mapping.md says how.
TERM_IDS = Path(__file__).resolve().parent.parent / "tests" / "data" / "label_term_ids.json"


@functools.cache
def _term_ids() -> dict[str, list[str]]:
    return json.loads(TERM_IDS.read_text(encoding="utf-8")) if TERM_IDS.exists() else {}


def resolve(terms: list[str], taxonomy: Taxonomy, unresolved: set[str], *, parts: bool = True) -> set[str]:
    """The skill ids the label terms name, each term by the taxonomy's exact names and aliases
    (``parts``: else by the reader's mapping of the term, then by its parts, where the whole
    names none); terms naming none go to ``unresolved``."""
    out = set()
    for term in terms:
        skill = taxonomy.find_skill(term)
        if skill is not None:
            out.add(skill.id)
            continue
        mapped = _term_ids().get(term) if parts else None
        if mapped:
            out |= {sid for sid in mapped if sid in taxonomy.skill_by_id}
            continue
        found = {s.id for part in _PARTS.split(term) if part and (s := taxonomy.find_skill(part)) is not None} \
            if parts else set()
        if found:
            out |= found
        else:
            unresolved.add(term)
    return out


def _document_text(path: Path, analyze_kw: dict[str, Any]) -> str:
    """The normalised text gapcheck analysed (evidence offsets point into it)."""
    from gapcheck.normalise import split_sections
    from gapcheck.read import read_document

    raw = read_document(path, pdf_engine=analyze_kw.get("pdf_engine", "pdfplumber"))
    return split_sections(raw.text, raw.source, raw.kind).text


def _span_check(items: list[dict[str, str]], text: str, held: list[tuple[int, int]], seen: list[tuple[int, int]],
                tally: dict[str, list[int]]) -> None:
    """Find each must-not-count term where it stands in the text (words case-insensitive, any
    spacing or hyphen between them) and see whether a held mention overlaps it."""
    for item in items:
        words = re.findall(r"\w+", item["term"])
        if not words:
            continue
        pattern = re.compile(r"(?<!\w)" + r"[\s\-/]*".join(map(re.escape, words)) + r"(?!\w)", re.IGNORECASE)
        spans = [(mo.start(), mo.end()) for mo in pattern.finditer(text)]
        if not spans:
            continue
        t = tally.setdefault(item.get("reason", "?"), [0, 0, 0])
        t[0] += not _overlap(spans, held)
        t[1] += _overlap(spans, seen)
        t[2] += 1


def _overlap(spans: list[tuple[int, int]], marks: list[tuple[int, int]]) -> bool:
    return any(a < e and s < b for a, b in spans for s, e in marks)


def evaluate(folder: Path, *, use_pdf: bool = False, taxonomy: Taxonomy | None = None, exact_labels: bool = False,
             **analyze_kw: Any) -> Metrics:
    """Run gapcheck on every labelled document in ``folder`` and compare with the labels.

    Args:
        folder: a folder with ``labels.json`` and the documents (PDFs in ``pdf/``).
        use_pdf: evaluate the PDF twins in ``folder/pdf`` instead of the text files.
        exact_labels: read a label's skill only when the whole term is a taxonomy name, not
            also by its parts (the figures before December 2026, session 12).
    """
    from gapcheck.errors import GapcheckError
    from gapcheck.pipeline import analyze
    from gapcheck.taxonomy import load_taxonomy

    taxonomy = taxonomy or load_taxonomy()
    labels = load_labels(folder)
    # Credentials (a PhD, papers at top venues) are scored for roles but are not skills:
    # the labels list skills only, so credentials are left out on both sides.
    credentials = {sk.id for sk in taxonomy.skills if sk.type == "credential"}
    m = Metrics()
    second = load_labels(folder, SECOND_READER) if (folder / SECOND_READER).exists() else None
    if second is not None:
        m.second = SecondReader()
    adjudications, agreement = _adjudications(folder)
    m.adjudicated = [Adjudicated(reader) for reader in adjudications]
    if agreement:
        m.adjudicated[-1].agreement = agreement
    for name, label in sorted(labels.items()):
        path = folder / name
        if use_pdf:
            path = folder / "pdf" / (Path(name).stem + ".pdf")
            if not path.exists():
                continue
        gold = resolve(label["skills"], taxonomy, m.unresolved, parts=not exact_labels) - credentials
        try:
            result = analyze(path, taxonomy=taxonomy, **analyze_kw)
            found = {s.id for s in result.skills if s.match not in ("implied", "assumed")} - credentials
            best = result.best_role.id if result.best_role else None
            top = result.roles[0].score if result.roles else 0.0
            level = result.seniority.level if result.best_role else None
            held_spans = [(e.start, e.end) for sk in result.skills if sk.match not in ("implied", "assumed")
                          for e in sk.evidence]
            seen_spans = held_spans + [(r.evidence.start, r.evidence.end) for r in result.rejected]
            result_text = _document_text(path, analyze_kw) if "group" in label else None
        except GapcheckError as exc:  # e.g. no skills at all: an empty prediction
            m.errors.append(f"{name}: {exc}")
            found, best, top, level = set(), None, 0.0, None
            held_spans, seen_spans, result_text = [], [], None
        # Terms a stuffed skills list claims with nothing behind them are neither gold nor
        # errors: gapcheck reports them as "listed", and the scorer must not be fooled by them.
        claimed = resolve(label.get("claimed_unsupported", []), taxonomy, set()) - gold
        found -= claimed
        if second is not None and m.second is not None:
            gold2 = resolve(second[name]["skills"], taxonomy, set(), parts=not exact_labels) - credentials - claimed
            disputed = gold ^ gold2
            m.second.agreement.add(gold2, gold)
            m.second.against_second.add(found, gold2)
            m.second.consensus.add(found - disputed, gold & gold2)
        m.add(found, gold)
        bad = resolve([x["term"] for x in label.get("must_not_count", [])], taxonomy, set()) - gold
        m.reject_total += len(bad)
        for a, verdicts in zip(m.adjudicated, adjudications.values(), strict=True):
            a.add(found, gold, bad, verdicts.get(name, {}))
        m.reject_ok += len(bad - found)
        for item in label.get("must_not_count", []):
            one = resolve([item["term"]], taxonomy, set()) - gold
            if one:
                tally = m.reject_by_reason.setdefault(item.get("reason", "?"), [0, 0])
                tally[0] += not (one & found)
                tally[1] += 1
        if "group" in label and result_text is not None:
            _span_check(label.get("must_not_count", []), result_text, held_spans, seen_spans, m.span_by_reason)
        acceptable = set(label.get("acceptable_roles", []))
        verdict = label.get("verdict")
        no_fit = verdict == "no_fit" if verdict else bool(label.get("no_fit"))
        if verdict == "weak_ok":  # a weak match is defensible, and so is none
            ok = best is None or best in acceptable
        else:
            ok = (best is None) if no_fit else (best in acceptable)
        if "group" in label:
            tally = m.groups.setdefault(label["group"], [0, 0])
            tally[0] += ok
            tally[1] += 1
            if label["group"] in INSIDE and label.get("seniority"):
                m.level_total += 1
                # "unknown" (no dated experience read) counts as neither exact nor near.
                if level is not None and level in LEVELS:
                    gap = abs(LEVELS.index(level) - LEVELS.index(label["seniority"]))
                    m.level_ok += gap == 0
                    m.level_near += gap <= 1
        m.role_total += 1
        m.role_ok += ok
        if not no_fit:
            m.ml_role_total += 1
            m.ml_role_ok += ok
        m.per_file.append(
            {
                "file": name,
                "tp": sorted(found & gold),
                "fp": sorted(found - gold),
                "fn": sorted(gold - found),
                "kept_bad": sorted(bad & found),
                "bad": sorted(bad),
                "best": best,
                "acceptable": sorted(acceptable),
                "role_ok": ok,
                "top_score": top,
                "no_fit": no_fit,
                "group": label.get("group"),
                "level": level,
                "expected_level": label.get("seniority"),
            }
        )
    return m
