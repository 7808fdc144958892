"""Job postings as roles: their titles, levels, required years, pay and what they require or prefer.

Postings whose titles name the same job ("Data Engineer, Payments", "Senior Data Engineer")
make one role; a skill is essential when at least half of them require it, optional when every
posting that names it only prefers it, and important otherwise. Years and pay come from the
postings, one ladder step per level they are written for.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from gapcheck._careers import LADDER_ORDER
from gapcheck.normalise import POSTING_OPTIONAL as _PREFERRED
from gapcheck.normalise import POSTING_REQUIRED as _REQUIRED

BASE_WEIGHT = {"essential": 1.0, "important": 0.6, "optional": 0.3}
RANK = {"essential": 0, "important": 1, "optional": 2}
# Where a posting gives no years, a step of its level starts at these (gapcheck's estimate).
DEFAULT_YEARS = {"junior": 0.0, "mid": 3.0, "senior": 6.0, "principal": 12.0}

_LEVEL_WORDS = {"senior": "senior", "sr": "senior", "lead": "senior", "iii": "senior", "staff": "principal",
                "principal": "principal", "junior": "junior", "jr": "junior", "graduate": "junior",
                "entry-level": "junior", "entry": "junior", "intern": "junior", "i": "junior", "ii": "mid",
                "mid-level": "mid"}
_QUALIFIER = re.compile(r"\s*(?:,|\s[-–—|]\s|\(|:|\sat\s|\s@\s).*$")
# Part headings that open what a posting requires, and what it only prefers, are data shared with
# --job (skill_taxonomy/sections.yaml, postings).
# Inline: "Bonus: MLflow", "Spark (preferred)", "Kafka is a plus", "must have Airflow".
_INLINE_PREFERRED = re.compile(r"^\W*(?:bonus|nice[ -]to[ -]have|preferred|plus)\s*:|\((?:preferred|nice to have|"
                               r"a plus|bonus)\)|\bis a (?:plus|bonus)\b|\bnice[ -]to[ -]have\b", re.I)
_INLINE_REQUIRED = re.compile(r"\b(?:required|must)\b", re.I)
_WORD_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                 "nine": 9, "ten": 10, "twelve": 12, "fifteen": 15}
_YEARS = re.compile(r"\b(?:at least |minimum of |min\.? )?(\d{1,2}(?:\.\d)?|" + "|".join(_WORD_NUMBERS) +
                    r")\s*(?:\+|or more|plus)?\s*(?:(?:-|–|to)\s*\d{1,2}\s*)?years?\b", re.I)
_MONEY = r"(\$|£|€|USD ?|GBP ?|EUR ?)?(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*([kK])?"
_PAY = re.compile(_MONEY + r"\s*(?:-|–|—|to)\s*" + _MONEY + r"(?!\s*(?:/\s*h|per hour|an hour|hourly))")
_CURRENCY = {"$": "USD", "£": "GBP", "€": "EUR", "USD": "USD", "GBP": "GBP", "EUR": "EUR"}


@dataclass
class Posting:
    """One job posting as the builder reads it."""

    name: str  # the file name
    text: str
    title: str
    job: str  # the title without its level words and qualifiers ("Data Engineer")
    level: str | None  # the level its title names
    years: float | None  # the years of experience it asks for
    pay: tuple[int, int, str] | None  # min, max, currency (a year's pay)
    modes: list[tuple[str, str | None]] = field(default_factory=list)  # per line: importance, the posting's word


def _title(text: str, stem: str) -> str:
    first = next((line.strip(" #*\t") for line in text.splitlines() if line.strip(" #*\t")), "")
    if not first or len(first.split()) > 12 or first.endswith("."):
        return stem.replace("_", " ").replace("-", " ").strip().title()
    return first


def job_and_level(title: str) -> tuple[str, str | None]:
    """"Senior Data Engineer, Payments (Remote)" -> ("Data Engineer", "senior")."""
    core = _QUALIFIER.sub("", title).strip()
    words, level = [], None
    for word in core.split():
        key = word.strip(".,").casefold()
        if key in _LEVEL_WORDS and (key not in {"i", "ii", "iii"} or word.isupper()):
            level = level or _LEVEL_WORDS[key]
            continue
        words.append(word)
    return (" ".join(words) or core or title), level


def _years(text: str, modes: list[tuple[str, str | None]]) -> float | None:
    """The years of experience the posting asks for: the largest lower bound it names in a
    required part or next to the word experience ("3+ years", "three or more years")."""
    found: list[float] = []
    for i, line in enumerate(text.split("\n")):
        if modes[i][0] != "essential" and "experience" not in line.casefold():
            continue
        for m in _YEARS.finditer(line):
            raw = m.group(1).casefold()
            found.append(float(_WORD_NUMBERS.get(raw, 0) or raw))
    return max(found) if found else None


def _amount(number: str, k: str | None) -> int:
    value = float(number.replace(",", ""))
    return int(value * 1000) if k else int(value)


def _pay(text: str) -> tuple[int, int, str] | None:
    """The yearly pay range a posting states ("$135,000 - $155,000", "$140k–$165k", "USD 128,000 to 150,000")."""
    for m in _PAY.finditer(text):
        cur_a, a, ka, cur_b, b, kb = m.groups()
        currency = cur_a or cur_b
        if not currency:
            continue
        low, high = _amount(a, ka or kb), _amount(b, kb)
        if 10_000 <= low <= high <= 5_000_000:
            return low, high, _CURRENCY[currency.strip()]
    return None


def _modes(text: str) -> list[tuple[str, str | None]]:
    """Per line: the importance of the part it sits in (required, preferred, or neither) and the
    posting's own heading for it."""
    mode: tuple[str, str | None] = ("important", None)
    out: list[tuple[str, str | None]] = []
    for line in text.split("\n"):
        bare = line.strip(" #*\t-•")
        heading = bare and len(bare.split()) <= 6 and (bare.endswith(":") or not bare.endswith((".", "!", "?")))
        if heading and not line.lstrip().startswith(("-", "•", "*")):
            word = bare.rstrip(":").casefold()
            if _PREFERRED.search(bare):
                mode = ("optional", word)
            elif _REQUIRED.search(bare):
                mode = ("essential", word)
            else:
                mode = ("important", None)
        out.append(mode)
    return out


def importance_at(posting: Posting, line_no: int, col: int) -> tuple[str, str | None]:
    """How much the posting asks for a skill named at ``col`` of line ``line_no``: the part's
    importance, unless the skill's own clause says otherwise ("Bonus: MLflow", "Scala is a plus",
    "Spark (preferred)", "must have Airflow")."""
    line = posting.text.split("\n")[line_no]
    start = max(line.rfind(";", 0, col), line.rfind(". ", 0, col)) + 1
    ends = [i for i in (line.find(";", col), line.find(". ", col)) if i >= 0]
    clause = line[start : min(ends) if ends else len(line)]
    mode = posting.modes[line_no]
    inline = _INLINE_PREFERRED.search(clause)
    if inline:
        return "optional", inline.group(0).strip(" :()").casefold()
    required = _INLINE_REQUIRED.search(clause)
    if required and mode[0] != "optional":
        return "essential", required.group(0).casefold()
    return mode


def read_posting(name: str, text: str, stem: str) -> Posting:
    """Read a posting's title, level, years, pay and the importance of each line."""
    title = _title(text, stem)
    job, level = job_and_level(title)
    modes = _modes(text)
    return Posting(name, text, title, job, level, _years(text, modes), _pay(text), modes)


def group_postings(postings: list[Posting], role_name: str | None) -> dict[str, list[Posting]]:
    """Postings by the job they are for: one group named ``role_name`` when it is given, else
    one per job title (compared without case, level words and qualifiers)."""
    if role_name:
        return {role_name: list(postings)}
    groups: dict[str, list[Posting]] = {}
    names: dict[str, str] = {}
    for p in postings:
        key = p.job.casefold()
        names.setdefault(key, p.job)
        groups.setdefault(names[key], []).append(p)
    return groups


def posting_links(group: list[Posting], found: dict[str, dict[str, tuple[str, str | None]]]) -> list[dict[str, Any]]:
    """The role's skill links: ``found`` maps a posting's name to skill id -> (importance, word)."""
    n = len(group)
    by_skill: dict[str, list[tuple[str, str, str | None]]] = {}
    for p in group:
        for sid, (imp, cue) in found.get(p.name, {}).items():
            by_skill.setdefault(sid, []).append((p.name, imp, cue))
    links = []
    for sid, seen in sorted(by_skill.items()):
        required = sum(imp == "essential" for _, imp, _ in seen)
        if required * 2 >= n:
            importance = "essential"
        elif all(imp == "optional" for _, imp, _ in seen):
            importance = "optional"
        else:
            importance = "important"
        weight = round(BASE_WEIGHT[importance] * (0.5 + 0.5 * len(seen) / n), 3)
        stated = [{"source": doc, "cue": cue} for doc, _, cue in seen if cue]
        links.append({"skill": sid, "importance": importance, "weight": weight,
                      "sources": sorted(doc for doc, _, _ in seen), "curated": False, "stated": stated})
    return links


def _level_of_years(years: float | None) -> str:
    if years is None:
        return "mid"
    return max((lv for lv, low in DEFAULT_YEARS.items() if years >= low), key=LADDER_ORDER.index)


def posting_ladder(name: str, group: list[Posting]) -> list[dict[str, Any]]:
    """One ladder step per level the postings' titles name ("Senior Data Engineer"); postings whose
    titles name none are one step, at the level of the fewest years they ask for. Each step has
    the years its postings ask for and the range of the pay they offer."""
    untitled = [p for p in group if p.level is None]
    years_asked = [p.years for p in untitled if p.years is not None]
    by_level: dict[str, list[Posting]] = {}
    for p in group:
        level = p.level or _level_of_years(min(years_asked) if years_asked else None)
        by_level.setdefault(level, []).append(p)
    steps = []
    for level in sorted(by_level, key=LADDER_ORDER.index):
        posts = by_level[level]
        years = [p.years for p in posts if p.years is not None]
        paid = [p for p in posts if p.pay]
        salary = None
        if paid:
            currency = Counter(p.pay[2] for p in paid if p.pay).most_common(1)[0][0]
            same = [p for p in paid if p.pay and p.pay[2] == currency]
            salary = {"min": min(p.pay[0] for p in same if p.pay), "max": max(p.pay[1] for p in same if p.pay),
                      "currency": currency, "sources": sorted(p.name for p in same),
                      "note": f"the range of {len(same)} posting{'s' if len(same) > 1 else ''}"}
        titled = all(p.level == level for p in posts)
        steps.append({"level": level, "title": f"{level.title()} {name}" if titled else name,
                      "years_min": min(years) if years else DEFAULT_YEARS.get(level, 0.0),
                      "years_max": None, "years_estimated": not years, "salary": salary,
                      "source": sorted(p.name for p in posts)[0]})
    return steps
