"""The heads of experience entries: lines of dates, and the lines held under a field role's name."""

from __future__ import annotations

import re
from collections.abc import Callable

from gapcheck._dates import YEAR
from gapcheck._titles import _field_titles
from gapcheck.normalise import NormalDocument, TextLine
from gapcheck.taxonomy import Taxonomy

_LEADING_DATE = re.compile(r"^[\W_]*(?:[a-z]{3,9}\.?\s+|\d{1,2}[/.]\s?)?(?:19|20)\d{2}\b", re.I)
_NOT_TITLE = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?|\b(?:present|current|now|"
                        r"today|to|until|since|till)\b|(?:19|20)\d{2}|\d+", re.I)
_QUOTES = "\"\u201c\u201d\u00ab"


def _dates_then_title(text: str) -> bool:
    """True for a line that opens with its dates and names at least two words after them."""
    m = _LEADING_DATE.match(text)
    return m is not None and len(re.findall(r"[^\W\d_]{2,}", _NOT_TITLE.sub(" ", text[m.end():]))) >= 2


def _only_dates(text: str) -> bool:
    """True for a line of dates alone ("April 2021 - May 2022", "2019 - present")."""
    return _LEADING_DATE.match(text) is not None and not re.search(r"[^\W\d_]{2,}", _NOT_TITLE.sub(" ", text))


def under_field_title(ndoc: NormalDocument, headers: set[int], taxonomy: Taxonomy) -> set[int]:
    """Lines of the experience entries held under a job title that is a field role's name
    ("Machine Learning Engineer, Voxhavn, 2021 - Present"): their words are the field's
    ("fine-tuned Whisper", "ASR", "LLM"). Not a title that only holds the field's words
    ("Technical Recruiter, Machine Learning", "Computer Vision Syndrome Clinic"), nor a quoted
    course's."""
    titles = tuple(_field_titles(taxonomy).values())
    return _under_title(ndoc, headers, lambda text: any(rx.search(text) for rx in titles))


def _under_title(ndoc: NormalDocument, headers: set[int], titled_by: Callable[[str], object]) -> set[int]:
    """Lines of the experience entries whose head (its run of header lines) has a line that
    ``titled_by`` is true of; a head goes on to its next line only until a year has been given."""
    out: set[int] = set()
    titled, in_head, dated, alone = False, False, False, False
    lines = ndoc.lines
    for k, tl in enumerate(lines):
        if tl.heading or tl.section != "experience":
            titled = in_head = False
        elif tl.number in headers:
            # A head with its year is complete. Where the dates stood on a line of their own, an
            # undated head line under them is the entry's team ("Enterprise Architecture"), not
            # the next job's ("Barista, Kaffebar Nord" after "Data Scientist, Acme, 2023 - Present").
            if not (titled and ((in_head and not dated) or (
                    dated and alone and in_head and not _dated_head(lines, k, headers)))):
                titled = bool(titled_by(tl.text)) and not any(q in tl.text for q in _QUOTES)
                dated = False
            if not dated and YEAR.search(tl.text):
                dated, alone = True, _only_dates(tl.text)  # dates alone on their line, or in a title's
            in_head = True
        else:
            in_head = False
            if titled:
                out.add(tl.number)
    return out


def _dated_head(lines: tuple[TextLine, ...], k: int, headers: set[int]) -> bool:
    """Whether the run of head lines from ``lines[k]`` gives a year (a new entry's head)."""
    for tl in lines[k:]:
        if tl.number not in headers or tl.heading:
            return False
        if YEAR.search(tl.text):
            return True
    return False
