"""Degrees, and the person's own research named under education: a doctorate's subject and a
thesis's title (:func:`research_lines`), which count as work shown, not as a degree subject."""

from __future__ import annotations

import re

from gapcheck._text import quick_start
from gapcheck.normalise import NormalDocument

# (quick_start: re passes over every character but the capitals a degree starts with.)
_DEGREE = quick_start(re.compile(
    r"\b(?:B\.?\s?S\.?c?|B\.?\s?A|M\.?\s?S\.?c?|M\.?\s?A|B\.?\s?Eng|M\.?\s?Eng|[BM]\.?\s?Tech|M\.?\s?Phil|Ph\.?\s?D|MBA|"
    r"B\.?\s?E|M\.?\s?E|BBA|B\.?\s?Com|M\.?\s?Res|M\.?\s?Sci|D\.?\s?Phil|"
    r"Bachelor(?:'s)?|Master(?:'s)?|Doctor(?:ate)?|Diploma?|Associate(?:'s)?|Bootcamp|A\.?A\.?S|"
    # the same degrees in Spanish, Portuguese and Italian CVs ("Máster en Bioinformática")
    r"Máster|Maestr[ií]a|Mestrado|Licenciatura|Laurea(?:\s+(?:magistrale|triennale|specialistica))?|Bacharelado|"
    r"Graduação)\b\.?"))
# A line that is a degree, not a job: its first words after any dates name a degree below the
# doctorate ("1997 – 2003 Diplom Mathematik", "MSc Statistics, Univ. X, 2014 – 2016"), as CVs
# that list studies and posts in one career section do.
DEGREE_LINE = re.compile(
    r"^[\d\s/.\-\u2013\u2014]*(?:Diplom(?:a)?|B\.?\s?Sc|M\.?\s?Sc|B\.?\s?Eng|M\.?\s?Eng|B\.?\s?A|M\.?\s?A|M\.?\s?Res|"
    r"(?:Bachelor|Master)(?:'s|s|\s+(?:of|in|degree))|Licen(?:ce|ciatura|ciado|tiate)|Laurea|Magister|Ma[i\u00ee]trise|"
    r"Mestrado)\b")
# A doctorate. The look-ahead for the first letter lets re pass over other positions at once.
_PHD = re.compile(r"(?=[pd])(?:\bph\.?\s?d\b|\bdoctor(?:ate|al)\b|\bd\.?phil\b|"
                  r"(?<!honorary )\bdoctor\s+of\s+(?:philosophy|(?:sciences?|engineering)(?!\s+(?:technology|in\s+"
                  r"(?:physical|dental|dentistry|nursing|pharmacy|health|clinical|occupational|physiotherapy))))\b|"
                  r"\b(?:doctorat|doctorado|dottorato|doutorado|doutoramento)\b)", re.I)
# Strings every match of _PHD holds one of.
_PHD_NEEDS = ("ph", "doctor", "dottor", "doutor")


def _doctorate(text: str) -> re.Match[str] | None:
    """The first doctorate ``text`` names; a text without any of _PHD_NEEDS in any case is
    passed over without the search."""
    low = text.lower()
    return _PHD.search(text) if any(n in low for n in _PHD_NEEDS) else None


# Where a doctorate's subject ends on its line: at the school, a year, a thesis, an advisor or a bracket
# ("PhD in Chemistry (machine learning for catalyst screening)": the thesis's topic, not the degree's).
_SUBJECT_END = re.compile(r"[|;(]|\b(?:19|20)\d\d\b|\b(?:thesis|dissertation|advis[eo]r|supervis\w*|university|"
                          r"universit\w+|institute|college|school|department|faculty|at)\b", re.I)


def doctorate_subject(text: str) -> tuple[int, int] | None:
    """Where the subject of the doctorate ``text`` names stands on it ("Ph.D in **Machine Learning**,
    Lakeshore University", "Ph.D. Candidate, **Data Science & Machine Learning**"), not a thesis's
    topic after it; None when it names none."""
    found = _doctorate(text)
    if found is None:
        return None
    end = _SUBJECT_END.search(text, found.end())
    return found.end(), end.start() if end else len(text)


def doctoral(text: str) -> bool:
    """Whether ``text`` names a doctorate."""
    return _doctorate(text) is not None


# A thesis's title or topic, labelled ("Thesis: ...", "Dissertation on ...", "Tesi: ...").
_THESIS = re.compile(r"\b(?:thesis|dissertation|th[eè]se|tesis|tesi|disserta[cç][aã]o|doktorarbeit|masterarbeit|"
                     r"bachelorarbeit|m[eé]moire)\b(?:\s+(?:title|topic|titled))?\s*(?:[:\"\u201c\u00ab]|on\b|about\b)",
                     re.I)
# A line that names the person's advisers, not the research.
_ADVISER = re.compile(r"^\W*(?:(?:thesis|phd|doctoral)\s+)?(?:supervisors?|(?:co-?)?supervised\s+by|"
                      r"(?:co-?)?advised\s+by|advisors?|advisers?|"
                      r"committee|betreuer\w*|directeurs?|directors?|relatore|orientador\w*|mentors?)\b", re.I)
# What may stand before a degree's name on its line: dates, bullets, punctuation.
_DATE_WORDS = re.compile(r"(?:[\W\d_]|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b|"
                         r"\b(?:since|present|expected|today|now|current|ongoing|to|till|until|onwards)\b)+", re.I)
# "9 PhD students", "two doctoral candidates": people, not the person's degree.
_PEOPLE_AFTER = re.compile(
    r"\s+(?:students|candidates|theses|researchers|graduates|fellows|positions|scholarships|courses|school|"
    r"summer|seminars?|training|track|programmes?|programs?)\b", re.I)
# A line under a doctorate that is no part of its research: studies, grades, teaching, a label
# other than the thesis's ("Coursework: ...", "Minor: ...", "GPA 4.0", "Teaching assistant: ...").
_NOT_RESEARCH = re.compile(r"^\W*[^\W\d_][\w ()/&-]{0,30}:|\b(?:course\w*|modules?|minor|major|gpa|grades?|"
                           r"teaching|ta|tutor\w*|relevant|classes)\b", re.I)


def _names_doctorate(text: str) -> bool:
    """A line that is a doctorate's entry: it opens with the degree, after any dates ("Jul 2013 -
    Jun 2018 PhD, Electrical Engineering"), not a line that speaks of doctoral students."""
    found = _doctorate(text)
    if found is None or _PEOPLE_AFTER.match(text, found.end()):
        return False
    return found.start() == 0 or _DATE_WORDS.fullmatch(text, 0, found.start()) is not None


def doctorate_before(text: str, end: int) -> bool:
    """Whether the last degree named in ``text`` before ``end`` is a doctorate ("MSc Machine
    Learning; PhD Chemistry": not for Machine Learning)."""
    last = None
    for m in _DEGREE.finditer(text, 0, end):
        last = m
    return last is not None and doctoral(last.group())


def thesis_before(text: str, end: int) -> bool:
    """Whether a thesis is named in ``text`` before ``end`` ("Master's thesis on federated
    learning": its topic, not the degree's subject)."""
    return _THESIS.search(text, 0, end) is not None


def research_lines(ndoc: NormalDocument) -> frozenset[int]:
    """Numbers of the education lines that tell of the person's own research: a doctorate's
    line (its subject: "PhD in Computer Vision & Medical Image Analysis"), a thesis's title,
    and up to two lines that go on from either (the topic under the degree, a wrapped title),
    until a line names another degree or the advisers."""
    out: set[int] = set()
    follow = 0
    for tl in ndoc.lines:
        if tl.section != "education" or tl.heading:
            follow = 0
            continue
        text = tl.text
        if _names_doctorate(text) or _THESIS.search(text):
            out.add(tl.number)
            follow = 2
        elif follow and not _DEGREE.search(text) and not _ADVISER.match(text) and (
                _THESIS.search(text) or not _NOT_RESEARCH.search(text)):
            out.add(tl.number)
            follow -= 1
        else:
            follow = 0
    return frozenset(out)
