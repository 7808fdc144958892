"""Date ranges with every separator real resumes use (gapcheck._dates), on normalised lines."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gapcheck._dates import date_ranges
from gapcheck.normalise import normalise_text

NOW = 2026 + 10 / 12  # conftest's today is November 2026


@pytest.mark.parametrize(("line", "expected"), [
    ("Apr 2021\u2010Dec 2022", (2021.25, 2023.0)),  # U+2010 HYPHEN
    ("Apr 2021\u2011Dec 2022", (2021.25, 2023.0)),  # U+2011 NON-BREAKING HYPHEN (NFKC: U+2010)
    ("Apr 2021 ~ Dec 2022", (2021.25, 2023.0)),  # tilde
    ("Apr 2021 to Dec 2022", (2021.25, 2023.0)),
    ("Apr 2021 \u2212 Dec 2022", (2021.25, 2023.0)),  # minus sign
    ("Aug 2023\u00adPresent", (2023 + 7 / 12, NOW)),  # soft hyphen typed as the dash
    ("Aug 2023Present", (2023 + 7 / 12, NOW)),  # the same, as a PDF shows it: the hyphen is not drawn
    ("2019\u00ad2021", (2019.0, 2021.0)),
    ("September 2022 \u2014 Present", (2022 + 8 / 12, NOW)),
    ("2019 (Oct)\u20132023  Doctoral researcher", (2019 + 9 / 12, 2023.0)),  # a month in brackets
    ("2019 (Oct) - 2023 (Mar)", (2019 + 9 / 12, 2023.25)),
    ("Ph.D., UFVI   Mar 2022 \u2013 (expected Mar 2027)", (2022 + 2 / 12, 2026 + 11 / 12)),  # to today
    # Japanese, Chinese and Korean dates and words for the present
    ("2017\u5e744\u6708 \u2013 2022\u5e743\u6708   Research Scientist", (2017.25, 2022.25)),
    ("2022\u5e744\u6708 \u2013 \u73fe\u5728   Senior Research Scientist", (2022.25, NOW)),
    ("2019\ub144 3\uc6d4 \u2013 \ud604\uc7ac", (2019 + 2 / 12, NOW)),
    ("ML Engineer, Sony, 2015\u5e74 - 2020\u5e74", (2015.0, 2020.0)),  # years alone
])
def test_range_separators(today, line, expected):
    (start, end), = date_ranges(normalise_text(line), today)
    assert start == pytest.approx(expected[0])
    assert end == pytest.approx(expected[1], abs=1e-5)


@pytest.mark.parametrize("line", ["hyper\u00adparameter tuning in 2023", "in 2023now", "2023Novel ideas"])
def test_no_range_without_two_dates(today, line):
    assert date_ranges(normalise_text(line), today) == []


@pytest.mark.parametrize(("line", "start"), [
    ("2022– PhD, Computer Science, Example University", 2022.0),
    ("DPhil in Computer Science, Example University                          2023–", 2023.0),
    ("   2021–                                  |    Institute of Technology", 2021.0),
    ("PhD in Machine Learning, Example University          from October 2025", 2025.75),
    ("Postdoctoral research fellow, Example Medical Centre       from 2023", 2023.0),
    ("Research engineer (2019-)", 2019.0),
])
def test_a_range_left_open_runs_to_the_present(line, start):
    from gapcheck._dates import date_ranges

    today = date(2026, 11, 23)
    assert date_ranges(line, today) == [(pytest.approx(start), pytest.approx(2026 + 10 / 12))]


@pytest.mark.parametrize("line", ["ISO 2022-compliant tooling", "Worked from 2019 to 2021 at Acme"])
def test_a_closed_range_or_a_number_is_not_left_open(line):
    from gapcheck._dates import date_ranges

    assert all(end < 2026 for _, end in date_ranges(line, date(2026, 11, 23)))


@pytest.mark.parametrize("line, start", [
    ("depuis sept. 2014   Maîtresse de conférences, Université de Valcourt", 2014 + 8 / 12),
    ("desde 2019  Profesora titular, Universidad de Aldemar", 2019.0),
    ("seit 10/2020 Professorin für Informatik", 2020 + 9 / 12),
])
def test_a_post_held_since_a_date_in_other_languages(line, start):
    (a, b), = date_ranges(line, date(2026, 12, 1))
    assert a == pytest.approx(start) and b > 2026.9


_PIECES = ["2019", "2021", "19", "12/", "10.", "Jan ", "sept. ", "SINCE ", "since ", "depuis ", "Desde ", "seit ",
           "from ", "Summer ", "to ",
           " - ", "\u2013", "Present", "(", ")", ", ", "Acme", "x", "  ", "|", "\u0130", "\u017fince ", "\n", "/", "."]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=14).map("".join))
def test_the_shortcuts_miss_no_date(line):
    # date_ranges tries its patterns from _earliest on, and "since" only where _may_say_since.
    from gapcheck import _dates

    first = _dates._earliest(line)
    for rx in (_dates._RANGE, _dates._OPEN, _dates._SEASON, _dates._SINCE):
        spans = [m.span() for m in rx.finditer(line)]
        if first is None:
            assert not spans, (rx.pattern, line)
        elif rx is _dates._SINCE:
            assert not spans or _dates._may_say_since(line), line
        else:
            assert [m.span() for m in rx.finditer(line, first)] == spans, (rx.pattern, line)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES + ["Dec.", "Sep", "until", "\u2212", "~", "\u301c", " -", "2024 \u2013"]),
                max_size=10).map("".join))
def test_ends_open_is_the_open_range_search(text):
    from gapcheck import _dates

    assert _dates.ends_open(text) == bool(_dates._OPEN_RANGE.search(text)), text


@pytest.mark.parametrize("text, start, end", [
    ("March 2018--December 2022: PhD student", 2018, 2022),  # LaTeX's dash, written out
    ("May 2021---present", 2021, 2026),
    ("2018 -- 2022", 2018, 2022),
])
def test_two_or_three_hyphens_are_a_dash(text, start, end):
    (a, b), = date_ranges(text, date(2026, 11, 23))
    assert (int(a), int(b)) == (start, end)


@pytest.mark.parametrize("text, expected", [
    ("2015\u201319 Data Engineer", [(2015, 2019)]),  # the end's year in two digits
    ("Research Fellow, 2019-20", [(2019, 2020)]),
    ("2021-05", []),  # a month, not a range back to 2005
    ("2010-12-05", []),  # a day
])
def test_an_end_year_in_two_digits(text, expected):
    assert [(int(a), int(b)) for a, b in date_ranges(text, date(2026, 11, 23))] == expected


def test_iso_dates_with_a_day():
    found = date_ranges("Intern - 2024-05-01 - 2024-12-01", date(2026, 11, 23))
    assert [(round(a, 2), round(b, 2)) for a, b in found] == [(2024.33, 2025.0)]


@pytest.mark.parametrize(("line", "expected"), [
    # a term or a season at either end of a range: its first month, to the end of its three months
    ("Fall 2019 - Winter 2021: Teaching Assistant", (2019 + 8 / 12, 2021.25)),
    ("Sep 2019 \u2013 Summer 2020  Research intern", (2019 + 8 / 12, 2020 + 8 / 12)),
    ("Spring 2022 - present", (2022 + 2 / 12, NOW)),
    ("Winter 2023", (2023.0, 2023.25)),  # alone: a short job of one season
    ("Fall 2019 - Winter 2019", (2019 + 8 / 12, 2020.25)),  # the winter term of 2019/20
    ("Waterfall 2019 - 2021", (2019.0, 2021.0)),  # no season inside a word
])
def test_seasons_in_a_range(today, line, expected):
    (start, end), = date_ranges(line, today)
    assert (start, end) == pytest.approx(expected, abs=1e-5)


@pytest.mark.parametrize(("line", "expected"), [
    # a day before the month (Europass, most of Europe): the month's end still ends the range
    ("01/03/2024 \u2013 31/08/2024   Data Science Intern", (2024 + 2 / 12, 2024 + 8 / 12)),
    ("01.10.2018 \u2013 31.03.2021  Working student", (2018 + 9 / 12, 2021.25)),
    ("01/11/2024 \u2013 CURRENT   Junior ML Engineer", (2024 + 10 / 12, NOW)),
    ("03/01/2019 - 08/31/2020  Analyst", (2019 + 2 / 12, 2020 + 8 / 12)),  # US order: 31 can be no month
    ("12/1/2019 - 11/30/2021", (2019 + 11 / 12, 2021 + 11 / 12)),  # ... and the end's order is the start's
    ("15/09/2020 - present", (2020 + 8 / 12, NOW)),
])
def test_dates_with_a_day(today, line, expected):
    (start, end), = date_ranges(line, today)
    assert (start, end) == pytest.approx(expected, abs=1e-5)
