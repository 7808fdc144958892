"""A record read as a whole: a finished doctorate, its years on a ladder, and how much of the papers
and of the dated work is the field's."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from gapcheck._dates import _union_length, date_ranges
from gapcheck._degrees import _DEGREE
from gapcheck._degrees import doctoral as _phd
from gapcheck._mention import Mention
from gapcheck._text import quick_start
from gapcheck.normalise import NormalDocument

_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")

# A doctorate not yet finished: a candidate, a student, one expected or running to the present.
_UNFINISHED = quick_start(re.compile(
    r"\b(?:candidate|student|expected|exp\.|ongoing|in progress|current(?:ly)?|present|now|"
    r"to date|since|pursuing|anticipated|planned|admitted|starting|researcher|students|interns?)\b", re.I))


_DOCTORATE_SECTIONS = frozenset({"education", "header", "summary", "experience"})


def _doctorate(ndoc: NormalDocument, today: date) -> bool:
    """True when the resume shows a finished doctorate (in its education, name line, summary or
    experience, where some place their PhD): not a PhD student, an intern or a supervisor of PhDs,
    a candidate, one expected in a later year, or one whose dates run to the present."""
    lines = ndoc.lines
    for tl in lines:
        if tl.section not in _DOCTORATE_SECTIONS or tl.heading or not _phd(tl.text):
            continue
        text = tl.text
        # Its dates may stand on one of the next two lines ("Ph.D. ..." / "University" / "2021 - Present").
        for nxt in lines[tl.number:tl.number + 2]:
            if _YEAR.search(text) or nxt.section != tl.section or nxt.heading or _DEGREE.search(nxt.text):
                break
            text += " " + nxt.text
        if _UNFINISHED.search(text):
            continue
        ends = [end for _, end in date_ranges(text, today)]
        years = [int(y) for y in _YEAR.findall(text)]
        if (ends and max(ends) >= today.year + (today.month - 1) / 12 - 0.05) or (years and max(years) > today.year):
            continue
        return True
    return False


def paper_share(ndoc: NormalDocument, held: Iterable[Mention], field: frozenset[str]) -> tuple[int, int]:
    """How many of the papers (and talks) under publications hold a skill of ``field`` (its skills
    and its venues), and how many papers there are: (papers in the field, papers).

    A paper is a dated line with the undated lines that go with it. Where the list's first line
    is dated, the year opens each paper ("2021. Title. Venue."); otherwise it closes one
    ("Authors." / "Title." / "Venue, 2021."). ``held``: the mentions that name each paper's topic
    (held, or only a title's topic when another is the first author); hedged ones do not count."""
    lines = [tl for tl in ndoc.lines if tl.section == "publications" and not tl.heading]
    if not lines:
        return 0, 0
    opens = bool(_YEAR.search(lines[0].text))
    paper_of: dict[int, int] = {}
    k = papers = 0
    for tl in lines:
        dated = bool(_YEAR.search(tl.text))
        papers += dated
        k += opens and dated
        paper_of[tl.number] = k
        k += not opens and dated
    found = {paper_of[m.line] for m in held if m.line in paper_of and m.skill_id in field and not m.hedged}
    return len(found), papers


def doctoral_lines(ndoc: NormalDocument, lines: Iterable[int]) -> frozenset[int]:
    """Those of ``lines`` (education lines: a degree, a thesis's title and the lines under them)
    that belong to a doctorate: the line names one, or the nearest degree above it within three
    lines does (a master's thesis is not the doctorate's research)."""
    out: set[int] = set()
    for number in lines:
        for k in range(number, max(number - 4, 0), -1):
            tl = ndoc.lines[k - 1]
            if tl.section != "education":
                break
            if _phd(tl.text):
                out.add(number)
                break
            if _DEGREE.search(tl.text):
                break
    return frozenset(out)


def career_share(entries: list[list[tuple[float, float]]], work: Iterable[int],
                 in_field: set[int]) -> tuple[float, float, bool]:
    """How much of a career's dated work is the field's: (years of the ``in_field`` entries,
    years of all the ``work`` entries, whether the latest of them is in the field). ``entries``:
    each experience entry's date ranges; a year covered by two entries counts once."""
    jobs = [i for i in work if entries[i]]
    if not jobs:
        return 0.0, 0.0, False
    last = max(end for i in jobs for _, end in entries[i])
    latest = any(end >= last - 0.1 for i in jobs if i in in_field for _, end in entries[i])
    return (_union_length([r for i in jobs if i in in_field for r in entries[i]]),
            _union_length([r for i in jobs for r in entries[i]]), latest)


# Years of a doctorate count at this share on a career ladder: they are years of research, yet a
# research ladder starts after the PhD (the AI research scientist's entry step is a post-PhD one).
DOCTORAL_SHARE = 0.5


def _ladder_years(work: list[tuple[float, float]], doctoral: list[tuple[float, float]]) -> float:
    """Years in the field: ``work`` in full, and the time of ``doctoral`` that no work covers
    at :data:`DOCTORAL_SHARE`."""
    both = _union_length(work + doctoral)
    only_doctoral = both - _union_length(work)
    return round(both - (1 - DOCTORAL_SHARE) * only_doctoral, 1)


def _project_title(text: str) -> bool:
    """A line that names a project rather than going on with the one before: short, opening with
    a capital or a digit, and ending no sentence ("Face Detection | Python, OpenCV  2023")."""
    words = text.split()
    return (0 < len(words) <= 20 and (text[:1].isupper() or text[:1].isdigit())
            and not text.rstrip().endswith((".", ",", ";")))


def project_share(ndoc: NormalDocument, held: Iterable[Mention], field: frozenset[str]) -> tuple[int, int]:
    """How many of the projects hold a skill of ``field``, and how many projects there are:
    (projects in the field, projects).

    A project opens at a title line (see :func:`_project_title`) and holds the lines under it up to
    the next title; a list of bullets without titles is a project per bullet. ``held``: held
    mentions; hedged ones do not count."""
    lines = [tl for tl in ndoc.lines if tl.section == "projects" and not tl.heading]
    titled = any(not tl.bullet and _project_title(tl.text) for tl in lines)
    project_of: dict[int, int] = {}
    k = 0
    for tl in lines:
        opens = (not tl.bullet and _project_title(tl.text)) if titled else tl.bullet
        if opens or not project_of:
            k += 1
        project_of[tl.number] = k
    found = {project_of[m.line] for m in held if m.line in project_of and m.skill_id in field and not m.hedged}
    return len(found), k
