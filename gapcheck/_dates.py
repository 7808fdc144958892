"""Dates and years: date ranges in a line as fractional years, and the length of their union."""

from __future__ import annotations

import re
from datetime import date

# -- dates and years -------------------------------------------------------------------------

_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}
_MON = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)"
# A term or a season stands for its first month in a range ("Fall 2019 - Winter 2021": September
# 2019 to the winter term, January to March 2021).
_SEASON_START = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 1}
_SEASONS = "|".join(_SEASON_START)
# "Jan 2020", "01/2020", "01.2020", "31/08/2020" (a day first; "08/31/2020" read as the US writes
# it), "2020.01", "2020/01", "2020-01", "2020年1月", "2020년 1월",
# "2020 (Jan)" or "2020".
_DATE = (r"(?:(?:(?P<{p}mon>" + _MON + r")[a-z]*\.?\s+)|\b(?P<{p}season>" + _SEASONS + r")\s+|"
         r"(?:(?P<{p}day>\d{{1,2}})[/.])?(?P<{p}num>\d{{1,2}})[/.])?(?P<{p}year>(?:19|20)\d{{2}})(?:(?:[/.-]|\u5e74|\ub144\s?)(?P<{p}num2>\d{{1,2}})"
         r"(?:\u6708|\uc6d4)?(?:-(?:0?[1-9]|[12]\d|3[01])(?!\d))?(?![\d/.])|[\u5e74\ub144]|"
         r"\s?\((?P<{p}pmon>" + _MON + r")[a-z]*\.?\))?")
# Between the dates: a hyphen or dash of any kind (ASCII, U+2010 to U+2015, minus), or two or
# three hyphens as LaTeX writes a dash ("2018--2022" in a Markdown CV), a tilde ("Jan 2020 ~ Mar
# 2021"), or a word. (A soft hyphen, or none where a PDF dropped it, is made " - " by normalise_text.)
_RANGE_SEP = r"(?:-{1,3}|[\u2010-\u2015\u2212~\u301c]|to|until|through|till)"
# The present in Japanese, Chinese and Korean too ("現在", "至今", "현재").
_RANGE_END = (_DATE.format(p="b")
              + r"|(?P<short>\d{2})(?![\d/.:-])"  # the end's year in two digits: "2015-19"
              + r"|(?P<present>present|current|now|today|ongoing|date|"
              r"\u73fe\u5728|\u73b0\u5728|\u81f3\u4eca|\ud604\uc7ac)")
# Every date starts with a digit or a month's first letter, and "from" with an "f": a look-ahead
# for one lets re pass over every other position at once (the same matches, twice as fast).
_STARTS = r"(?=[jfmasondw\d])"
# An end still to come may say so: "Mar 2022 – (expected Mar 2027)".
_EXPECTED = r"(?:\(\s*)?(?:(?:expected|exp\.|anticipated|est\.|estimated)\s+)?"
_RANGE = re.compile(_STARTS + _DATE.format(p="a") + rf"\s*{_RANGE_SEP}\s*{_EXPECTED}(?:{_RANGE_END})", re.I)


# A job held since a date: "since 2021  NLP Engineer" (or "depuis", "desde", "seit" ... at a
# line's start), "Postdoc since 01/2025 at ...", but not
# "Python 3.10 since 2019" (a skill used since then, inside some job).
# "since" in other languages, read only at a line's start ("depuis sept. 2014  Maîtresse de ...").
_SINCE_ELSEWHERE = ("depuis", "desde", "seit", "sinds", "dal", "dall'", "siden", "sedan", "od")
_SINCE = re.compile(r"(?:^\W*(?:since|" + "|".join(_SINCE_ELSEWHERE) + r")\s+" + _DATE.format(p="a")
                    + r"|\bsince\s+" + _DATE.format(p="c")
                    + r"\s+(?:at|with|as|in)\b)", re.I)
# A range left open, to the present: "2022– PhD ...", "DPhil ...   2023–", "(2019-)", "from
# October 2025" closing a line or a column. Not "2017-2019", read as a range, nor "Python 3.10
# since 2019" (a skill used since then), nor "13/2019 -" (no month 13).
_OPEN = re.compile(
    _STARTS + "(?:" + _DATE.format(p="d") + r"\s?[-\u2010-\u2015\u2212](?=\s*$|\s{2,}|\s*[|)\]]|\s[^\W\d])"
    r"|\bfrom\s+" + _DATE.format(p="e") + r"(?=\s*$|\s{2,}|\s*[|)\],;]))", re.I)
# Every date has a year, so every range, open range, "since" and season holds one.
_A_YEAR = re.compile(r"(?:19|20)\d\d")
# A year not inside a longer number, also glued to a word ("2023Present", a range that lost its dash).
YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
# What a range, an open range or a season can hold before its first year: a month, "from", a
# season, a day or month number ("10/2025"), spaces. A match starts after the last other character
# before a line's first year, and the patterns are tried from there (the same matches, sooner).
_NOT_BEFORE_A_YEAR = re.compile(r"[^\w\s./]")
# Letters that re.IGNORECASE matches to an ASCII letter though lower() makes them no ASCII one.
_ODD_CASE = frozenset("\u0130\u0131\u017f\u212a")
# A season on its own dates a short job: "Summer 2019 · Data Science Intern" (three months).
_SEASON = re.compile(r"\b(spring|summer|fall|autumn|winter)\s+((?:19|20)\d{2})\b(?!\s*(?:-|–|—|to)\s)", re.I)


# An end month reaches to its last day: its year's fraction stays below the next year's.
_LAST_DAY = 1e-6


def _month(mon: str | None, num: str | None, default: int) -> int:
    if mon:
        return _MONTHS[mon[:3].lower()]
    if num and 1 <= int(num) <= 12:
        return int(num)
    return default


def _number(m: re.Match[str], p: str) -> str | None:
    """The month's number in the date of group prefix ``p``: "08" in "31/08/2020", "2020/08" and
    "08/2020"; in "08/31/2020", where the second number can be no month, the first."""
    num, day = m[p + "num"], m[p + "day"]
    if day and num and int(num) > 12 >= int(day):
        return day
    return num or m[p + "num2"]  # type: ignore[no-any-return]


def _start(m: re.Match[str], p: str) -> float:
    """The fractional year where the date of group prefix ``p`` in ``m`` begins (its first month)."""
    if m[p + "season"]:
        return int(m[p + "year"]) + (_SEASON_START[m[p + "season"].lower()] - 1) / 12
    return int(m[p + "year"]) + (_month(m[p + "mon"] or m[p + "pmon"], _number(m, p), 1) - 1) / 12


# A range cut after its separator at a line end, and what may end it on the next line.
# ("2021 -" / "present", or with the end's month before the break: "Mar 2019 - Dec" / "2020")
_OPEN_RANGE = re.compile(rf"\b(?:19|20)\d{{2}}\s*{_RANGE_SEP}(?:\s*{_MON}[a-z]*\.?)?$", re.I)
# What such a range ends with: a dash or tilde, a word's letter ("to", a month), a month's ".".
_OPEN_END = frozenset("-\u2010\u2011\u2012\u2013\u2014\u2015\u2212~\u301c.")


def ends_open(text: str) -> bool:
    """Whether ``text`` ends with a range cut after its separator (_OPEN_RANGE); a text whose last
    character can end no such range, as most lines' cannot, is passed over without the search."""
    last = text.rstrip("\n")[-1:]
    return (last.isalpha() or last in _OPEN_END) and _OPEN_RANGE.search(text) is not None
_RANGE_TAIL = re.compile(rf"(?:{_RANGE_END})\b", re.I)


def _earliest(line: str) -> int | None:
    """Where a range, an open range or a season can start in ``line`` at the earliest, or None
    when the line holds no year."""
    year = _A_YEAR.search(line)
    if not year:
        return None
    stop = _NOT_BEFORE_A_YEAR.search(line[year.start() :: -1])  # the line read backwards from its year
    return year.start() + 1 - stop.start() if stop else 0


def _may_say_since(line: str) -> bool:
    """False when ``line`` cannot hold "since" (or, at its start, the word in another language),
    as _SINCE (case-blind) reads it."""
    low = line.lower()
    return ("since" in low or low[_LEAD.match(low).end():].startswith(_SINCE_ELSEWHERE)  # type: ignore[union-attr]
            or (not line.isascii() and not _ODD_CASE.isdisjoint(line)))


_LEAD = re.compile(r"\W*")


def date_ranges(line: str, today: date) -> list[tuple[float, float]]:
    """Return (start, end) in fractional years for each date range in a line."""
    out: list[tuple[float, float]] = []
    first = _earliest(line)
    if first is None:  # most lines have no year
        return out
    taken: list[tuple[int, int]] = []  # where ranges were read, for the open ones below
    for m in _SINCE.finditer(line) if _may_say_since(line) else ():  # up to today
        taken.append(m.span())
        p = "a" if m["ayear"] else "c"
        start = _start(m, p)
        end = today.year + (today.month - 1) / 12
        if end > start:
            out.append((start, end))
    for m in _RANGE.finditer(line, first):
        taken.append(m.span())
        start = _start(m, "a")
        if m["aday"] and m["bday"] and _number(m, "b") == m["bday"] and 1 <= int(m["aday"]) <= 12:
            start = int(m["ayear"]) + (int(m["aday"]) - 1) / 12  # the end's US order is the start's too
        if m["present"]:
            end = today.year + (today.month - 1) / 12
        elif m["short"]:
            end = float(int(m["ayear"]) // 100 * 100 + int(m["short"]))
            if end <= start:
                continue  # "2021-05", a month
        elif m["bseason"]:  # to the end of the season's three months; "Fall 2019 - Winter 2019": 2019/20's
            end = _start(m, "b") + 0.25 - _LAST_DAY
            end += 1.0 if end <= start else 0.0
        elif m["bmon"] or m["bpmon"] or m["bnum"] or m["bnum2"]:
            # to the end of that month, still in its year ("Dec 2020" was last used in 2020)
            end = int(m["byear"]) + _month(m["bmon"] or m["bpmon"], _number(m, "b"), 12) / 12 - _LAST_DAY
        else:
            # "2017-2019" reads as about two years; a same-year range as half a year.
            end = max(float(int(m["byear"])), start + 0.5)
        end = min(end, today.year + today.month / 12)
        if end > start:
            out.append((start, end))
    for m in _OPEN.finditer(line, first):
        if any(a < m.end() and m.start() < b for a, b in taken):
            continue
        p = "d" if m["dyear"] else "e"
        if (num := _number(m, p)) and not 1 <= int(num) <= 12:
            continue
        start = _start(m, p)
        end = today.year + (today.month - 1) / 12
        if end > start:
            out.append((start, end))
    if not out:
        for m in _SEASON.finditer(line, first):
            start = int(m[2]) + (_SEASON_START[m[1].lower()] - 1) / 12
            end = min(start + 0.25, today.year + today.month / 12)
            if end > start:
                out.append((start, end))
    return out


def _union_length(intervals: list[tuple[float, float]]) -> float:
    total, cur_s, cur_e = 0.0, None, None
    for s, e in sorted(intervals):
        if cur_e is None or s > cur_e:
            if cur_e is not None and cur_s is not None:
                total += cur_e - cur_s
            cur_s, cur_e = s, e
        else:
            cur_e = max(cur_e, e)
    if cur_e is not None and cur_s is not None:
        total += cur_e - cur_s
    return total
