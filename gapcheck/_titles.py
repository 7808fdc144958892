"""Job titles that name the field: a role's own names, and the field's words in a title."""

from __future__ import annotations

import re
from collections.abc import Iterable

from gapcheck._dates import _RANGE
from gapcheck._text import quick_start
from gapcheck.normalise import NormalDocument, TextLine
from gapcheck.taxonomy import Taxonomy

_FIELD_TITLES: dict[str, dict[str, re.Pattern[str]]] = {}
_FIELD_WORDS: dict[str, re.Pattern[str] | None] = {}
# The gap between a role name's words as titles write it: a space, a line break, a hyphen or none
# ("Data Scientist", "Data-Scientist", "Medior Datascientist").
_NAME_GAP = r"(?:\s+|-)?"


def name_pattern(names: Iterable[str]) -> str:
    """Role names as alternatives of a pattern, longest first, their words apart as a title may
    set them (:data:`_NAME_GAP`)."""
    return "|".join(_NAME_GAP.join(map(re.escape, n.split())) for n in sorted(names, key=len, reverse=True))


def compact(text: str) -> str:
    """``text`` without the gaps :data:`_NAME_GAP` allows: where a name can match, its words
    compacted stand in it."""
    return re.sub(r"[\s-]+", "", text)


# Words that name the field in a job's title though no skill is named by them ("Head of AI",
# "Director of Data Science"), on lower-case text.
_FIELD_TITLE_WORDS = re.compile(r"\b(?:ai|artificial intelligence|data science)\b")


def _field_words(taxonomy: Taxonomy) -> re.Pattern[str] | None:
    """The field skills' names and aliases and the field's own name, as a pattern on lower-case
    text (None for a taxonomy without any). Kept per taxonomy."""
    if taxonomy.content_hash not in _FIELD_WORDS:
        field = taxonomy.field_skills
        words = {t.lower() for s in taxonomy.skills if s.id in field for t in (s.name, *s.aliases)}
        if taxonomy.field_name:
            words.add(taxonomy.field_name.lower())
        alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
        _FIELD_WORDS[taxonomy.content_hash] = quick_start(re.compile(rf"\b(?:{alternatives})\b")) if words else None
    return _FIELD_WORDS[taxonomy.content_hash]


def _names_field(text: str, taxonomy: Taxonomy) -> bool:
    """Whether a job's title names the field ("VP Machine Learning", "Head of AI")."""
    low, said = text.lower(), _field_words(taxonomy)
    return bool((said is not None and said.search(low)) or _FIELD_TITLE_WORDS.search(low))


def _field_titles(taxonomy: Taxonomy) -> dict[str, re.Pattern[str]]:
    """Per role, a pattern of those of its names that name the field: the role's own name ("Data
    Scientist"), and the aliases that hold a field skill's name or alias, or the field's own name
    ("ML Engineer", "Computer Vision Scientist"; not "Research Scientist" or "Quantitative
    Analyst", which other trades hold too). Plural names are left out: "led the ML Engineers" is
    no such post. Kept per taxonomy."""
    found = _FIELD_TITLES.get(taxonomy.content_hash)
    if found is None:
        said = _field_words(taxonomy)
        found = {}
        for r in taxonomy.roles:
            names = {r.name, *r.aliases}
            # the role's own name counts whatever its words ("Data Scientist"), not its aliases
            own = [n for n in names if (n == r.name or (said is not None and said.search(n.lower())))
                   and not (n.endswith("s") and n[:-1] in names)]
            if own:
                found[r.id] = re.compile(r"\b(?:" + name_pattern(own) + r")\b", re.IGNORECASE)
        _FIELD_TITLES[taxonomy.content_hash] = found
    return found


# A year as a word (not "H2020", a programme's name, in a title line).
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_TITLE_AFTER_DATES = 8  # words of a title set after its dates ("2019 - 2021  Data Scientist, Acme")
_TRADES: dict[str, tuple[tuple[re.Pattern[str], ...], re.Pattern[str] | None]] = {}
# A maker's job noun: where one stands in a job's title outside a trade's name ("AI Engineer,
# Customer Support Automation", "Research Engineer, Annotation Platform"), the job makes things
# whatever team or product it names; inside one ("Sales Engineer", "UX Researcher") it does not.
_MAKER = re.compile(r"\b(?:engineer|scientist|developer|researcher|programmer|analyst|statistician)s?\b", re.I)


def _trades(taxonomy: Taxonomy) -> tuple[tuple[re.Pattern[str], ...], re.Pattern[str] | None]:
    """The taxonomy's trades, each a pattern, and all in one (None where they cannot be joined:
    two of them name the same group), to pass over a text that names none in one search."""
    found = _TRADES.get(taxonomy.content_hash)
    if found is None:
        each = tuple(re.compile(rf"\b(?:{t})\b", re.I) for t in taxonomy.trades)
        try:
            joined: re.Pattern[str] | None = re.compile("|".join(rx.pattern for rx in each), re.I) if each else None
        except re.error:
            joined = None
        found = _TRADES[taxonomy.content_hash] = (each, joined)
    return found


def trade_entries(ndoc: NormalDocument, first_lines: dict[int, int], taxonomy: Taxonomy) -> set[int]:
    """The experience entries (``first_lines``: each entry's dated line) held under the title of
    a trade that works on the field's models without making them (the taxonomy's ``trades``:
    "Senior Technical Writer", "Sales Engineer, ML platform", "Product Manager, AI Features",
    "Annotation Team Lead"), under no field role's name ("Data Scientist / Product Owner") and with
    no maker's job noun outside the trade's name ("Research Engineer, Annotation Platform")."""
    trades, cue = _trades(taxonomy)
    if not trades or (cue is not None and not cue.search(ndoc.text)):  # most resumes name no trade
        return set()
    roles = tuple(_field_titles(taxonomy).values())
    out = set()
    for i, number in first_lines.items():
        # The title lines may be long where a table's columns ran into one line.
        text = _entry_text(ndoc, number, longest=20)
        if cue is not None and not cue.search(text):
            continue
        # A long run of words after the dates is the job's description, set on its line by a
        # table ("... Correspondent (AI) June 2021 - present Lead the paper's AI coverage ..."), not its title.
        dates = [m.end() for m in _RANGE.finditer(text)]
        if dates and len(text[dates[-1]:].split()) > _TITLE_AFTER_DATES:
            text = text[: dates[-1]]
        spans = [m.span() for rx in trades for m in rx.finditer(text)]
        if spans and not any(r.search(text) for r in roles) and all(
                any(a <= m.start() and m.end() <= b for a, b in spans) for m in _MAKER.finditer(text)):
            out.add(i)
    return out


def _entry_text(ndoc: NormalDocument, number: int, section: str = "experience", longest: int = 12) -> str:
    """An entry's dated line with up to two undated lines above it in its section, where its
    title and employer stand when the dates have a line of their own, and a title on the line
    below ("Acme | Moscow 2020 - 2022" / "RESEARCHER"). ``longest``: the most words a line above
    may have (longer ones, that end no sentence, where a table's columns ran into one line)."""
    parts = [ndoc.lines[number - 1].text]
    for k in (number - 1, number - 2):
        if k < 1:
            break
        tl = ndoc.lines[k - 1]
        # a bullet or a sentence above is the entry before's description, not this one's title
        words = len(tl.text.split())
        if (tl.section != section or tl.heading or _YEAR.search(tl.text) or tl.bullet or words > longest
                or (words > 12 and tl.text.rstrip().endswith("."))):
            break
        parts.insert(0, tl.text)
    if number < len(ndoc.lines) and _title_line(below := ndoc.lines[number], section):
        parts.append(below.text)
    return " ".join(parts)


def _title_line(tl: TextLine, section: str) -> bool:
    """A short undated line in capitals or title case, no sentence: a job's title."""
    words = tl.text.split()
    return (tl.section == section and not tl.heading and not tl.bullet and 0 < len(words) <= 6
            and not _YEAR.search(tl.text) and not tl.text.rstrip().endswith(".")
            and all(w[:1].isupper() or not w[:1].isalpha() or w in _SMALL for w in words))


_SMALL = frozenset({"of", "and", "in", "for", "the", "&", "to", "at", "on"})
