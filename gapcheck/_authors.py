"""Whose papers a publication list holds: the person's name, read from the resume's first line,
and the entries whose first author the person is."""

from __future__ import annotations

import re
from collections.abc import Sequence

from gapcheck._dates import YEAR
from gapcheck.normalise import NormalDocument, TextLine

# An entry's start: a number, a bullet or a year, then the authors ("[3] A. Lee, B. Ko." / "2025  Lee A., ...").
_ENTRY_START = re.compile(r"^\W*(?:\[?[A-Za-z]{0,2}\d{1,3}\]?[.)]?\s+|(?:19|20)\d{2}\b\W*)")
_AUTHOR = re.compile(r"[^\W\d_][\w'\u2019-]+")
# An author list ("A. Lee, B. Ko." / "Lee A., Ko B." / "Lee, A., Ko, B.").
_AUTHORS_START = re.compile(r"\W*(?:(?:[A-Z]\.[\s-]?){1,3}[A-Z][\w'\u2019-]+"  # A. Lee
                            r"|[A-Z][\w'\u2019-]+,?\s+(?:[A-Z]\.[\s-]?){1,3}"  # Lee, A.
                            r"|[A-Z][\w'\u2019-]+[*\u2020\u2021]?,\s[A-Z][a-z]+(?=[*\u2020\u2021]?,)"  # Lee, Anna,
                            r"|[A-Z][\w'\u2019-]+\s+[A-Z]{1,3}(?=,))"  # Lee A, Ko B (Vancouver)
                            r"(?:\W*[,;\u2021\u2020]|\s*\((?:19|20)\d\d\b)")  # ... or the year: "Lee, A. (2023)"
_ENTRY_LINES = 3  # a paper's entry wraps over at most this many lines
# Words of a venue's name ("NeurIPS Workshop on ...", "Proceedings of ...", "arXiv preprint").
_VENUE_WORDS = re.compile(r"\b(?:conference|workshop|symposium|proceedings|journal|transactions|arxiv|preprint|"
                          r"letters|review|in:)", re.I)


def _surnames(ndoc: NormalDocument) -> frozenset[str]:
    """The words of the person's name (the resume's first line when it reads as a name, else the
    name on nearly every paper of the list), case-folded, to know their own papers by."""
    for tl in ndoc.lines[:2]:
        text = re.split(r"[,|\u00b7\u2014\u2013(]", re.sub(r"[#*_]", " ", tl.text))[0]
        words = text.split()
        if (2 <= len(words) <= 5 and all(w[:1].isupper() for w in words) and not re.search(r"[\d@]", text)
                and not {w.casefold() for w in words} <= _CV_TITLE):
            return frozenset(w.casefold().strip(".") for w in words if _surname(w))
    return _listed_author(ndoc)


# A document's title on its first line is no name ("Curriculum Vitae").
_CV_TITLE = frozenset({"curriculum", "vitae", "vita", "resume", "résumé", "cv", "academic"})


def _surname(word: str) -> bool:
    """Initials ("A.") are no surname; short surnames are ("Fu", "Li", "Ng")."""
    return len(word.strip(".")) > 1 and not word.endswith(".")


# A list's own author is on this share of its dated entries at least, and on at least
# _LISTED_MIN of them (a CV whose first line is "CV", the name being in a website's header).
_LISTED_SHARE = 0.9
_LISTED_MIN = 3


def _listed_author(ndoc: NormalDocument) -> frozenset[str]:
    """The surname on nearly every dated entry of the publication list when no other name is
    (a supervisor on most papers is not on all of them); else no name."""
    lines = [tl for tl in ndoc.lines if tl.section == "publications" and not tl.heading]
    dated = sum(1 for tl in lines if YEAR.search(tl.text))
    counts: dict[str, int] = {}
    words: dict[str, set[str]] = {}  # a surname -> the words of the names it ends
    for tl in lines:
        start = _ENTRY_START.match(tl.text)
        parts = _names_list(tl.text[start.end() if start else 0 :]) or []
        # a name's last word, not an initial ("Ana Lima", "A. Lima", "Lima, A." are all "lima")
        names = {}
        for p in parts:
            kept = [w.casefold().strip("*\u2020\u2021") for w in p if _surname(w)]
            if kept and len(p) <= 4:
                names[kept[-1]] = kept
        for name, kept in names.items():
            counts[name] = counts.get(name, 0) + 1
            words.setdefault(name, set()).update(kept)
    ranked = sorted(counts.values(), reverse=True)
    if not ranked or ranked[0] < max(_LISTED_MIN, _LISTED_SHARE * dated):
        return frozenset()
    if len(ranked) > 1 and ranked[1] == ranked[0]:
        return frozenset()  # two names on every paper: whose list it is cannot be told
    return frozenset(words[next(name for name, n in counts.items() if n == ranked[0])])


def own_lines(ndoc: NormalDocument) -> frozenset[int]:
    """Lines of the publication list that are the person's own: the lines of an entry whose
    first author is the person."""
    names = _surnames(ndoc)
    out: set[int] = set()
    lines = ndoc.lines
    for k, tl in enumerate(lines):
        if tl.section != "publications" or tl.heading:
            continue
        # The entry this line belongs to starts here or on one of the lines just before.
        first = None
        for j in range(k, max(k - _ENTRY_LINES, -1), -1):
            if lines[j].section != "publications" or lines[j].heading:
                break
            text = lines[j].text
            start = _ENTRY_START.match(text)
            numbered = start.end() if start else 0
            head = text[numbered:]
            # ... or full names ("Ana Lima, Bo Chen, ...") after an entry's end: an entry of a list
            # without bullets, not a venue's second line ("ISPRS Journal of" / "Photogrammetry and ...")
            listed = _names_list(head)
            authors = _AUTHORS_START.match(head) or (listed and _after_entry(lines, j) and not _names_only(head))
            if lines[j].bullet or numbered or authors:
                first = _first_author(head)
                if first.casefold() not in names:
                    # an entry that opens with its title has its authors below it (one that opens
                    # with full names, "Ana Lima, Bo Chen,", has them on its first line)
                    below = [] if authors or listed else lines[j + 1 : j + _ENTRY_LINES]
                    first = _co_first(head, first, names) or _title_first(below, names) or first
                break
        if first is None and not _names_list(tl.text) and not YEAR.search(tl.text) and not (
                k and _names_list(lines[k - 1].text) and _VENUE_WORDS.search(tl.text)):
            # A title that opens its entry without a bullet or a number, its authors below it
            # ("Optimal Algorithms for ..." / "Ana Lima, Bo Chen"); not a venue, with its year or
            # under its authors ("NeurIPS Workshop on ...", whose next entry's authors are below).
            first = _title_first(lines[k + 1 : k + _ENTRY_LINES], names, initials=True)
        if first is not None and first.casefold() in names:
            out.add(tl.number)
    return frozenset(out)


def _names_only(text: str) -> bool:
    """Whether a line ends where its names end ("Ana Lima, Bo Chen." under a title; a title in Title
    Case, "Sparse Probes, Dense Features, and Graph Networks."): no title follows the names."""
    end = _NAMES_END.search(text.strip())
    return end is not None and not text.strip()[end.end():].strip()


def _after_entry(lines: Sequence[TextLine], j: int) -> bool:
    """Whether line ``j`` follows a finished entry (or opens the list): the line before it ends
    a sentence, or is no line of the list."""
    prev = lines[j - 1] if j else None
    return (prev is None or prev.section != "publications" or prev.heading
            or prev.text.rstrip().endswith((".", ")", "]")) or bool(YEAR.search(prev.text[-6:])))


# An author marked as sharing the first authorship ("Ye*, Qilin, Fu*, Deqing" / "A. Lee†, B. Ko†").
_MARKED = re.compile(r"([^\W\d_][\w'\u2019-]*)\s?[*\u2020\u2021]")


def _co_first(head: str, first: str, names: frozenset[str]) -> str | None:
    """The person's name when the entry's ``first`` author and the person carry a mark of shared
    first authorship, within the author list's first 200 characters; else None."""
    marked = _MARKED.findall(head[:200])
    if len(marked) < 2 or marked[0] != first:
        return None
    return next((w for w in marked[1:] if w.casefold() in names), None)


def _first_author(text: str) -> str:
    """The first author's surname (a word of two letters or more) on an author line, or ""."""
    return next((w for w in _AUTHOR.findall(text[:60]) if len(w) > 1), "")


_ONLY_YEAR = re.compile(r"\W*(?:19|20)\d{2}\W*")


def _title_first(below: Sequence[TextLine], names: frozenset[str], *, initials: bool = False) -> str | None:
    """The person's name when an entry that opens with its title has the person first on its
    author line, one of the lines ``below`` the title ("Long-form Question Answering" / "Ana
    Lima, Bo Chen, Dana Ruiz" / "NAACL 2021"); else None. ``initials``: the title opens no entry
    of its own (no bullet, number or authors), so an author line in initials below it is its own
    ("Lesion detection in MRI" / "2025" / "P. Ode, D. Fell. MICCAI 2025."), not the next entry's."""
    for tl in below:
        if initials and _ONLY_YEAR.fullmatch(tl.text):  # the year on a line of its own, between
            continue
        if initials and _AUTHORS_START.match(tl.text) and not (tl.bullet or _ENTRY_START.match(tl.text)):
            first = _first_author(tl.text)
            return first if first.casefold() in names else None
        if (tl.section != "publications" or tl.heading or tl.bullet or _ENTRY_START.match(tl.text)
                or _AUTHORS_START.match(tl.text)):
            return None
        parts = _names_list(tl.text)
        if parts:
            return next((w for w in (w.strip("*\u2020\u2021") for w in parts[0]) if w.casefold() in names), None)
    return None


def _names_list(text: str) -> list[list[str]] | None:
    """The names' words when a line opens with a list of names, two or more, of one to four
    capitalised words each ("Ana Lima, Bo Chen and Dana Ruiz"); else None."""
    names = _NAMES_END.split(text.strip(), maxsplit=1)[0]
    parts = [p.split() for p in _AUTHOR_SPLIT.split(names.strip().rstrip("."))]
    ok = len(parts) >= 2 and all(1 <= len(p) <= 4 and all(w[:1].isupper() for w in p) for p in parts[:3])
    return parts if ok else None


# Where the names end: the title's quote, the year ("Lee, A. (2023)") or a sentence's full stop
# after a word ("Qilin Ye. Sparse features"), not after an initial ("A. Lee").
_NAMES_END = re.compile(r"[\"\u201c]|\s\((?:19|20)\d\d|(?<=[^\W\d_]{2})\.(?:\s|$)")
_AUTHOR_SPLIT = re.compile(r",\s*(?:and\s+)?|\s+and\s+|\s*&\s*")

