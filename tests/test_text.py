"""Text helpers (gapcheck/_text.py): the quick searches give exactly what re gives, and the
strings a pattern needs are in every text it matches."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gapcheck._context import default_rules
from gapcheck._text import (
    _EMAIL,
    _PHONE,
    _finditer,
    _first_possible,
    _quick,
    _search,
    first_chars,
    lower_in_place,
    quick_start,
    required_literals,
)
from gapcheck.profile import _SIGNALS

ROOT = Path(__file__).resolve().parent.parent


def _patterns() -> list[re.Pattern[str]]:
    """Every pattern gapcheck searches whole texts or clauses with."""
    from gapcheck.taxonomy import load_taxonomy

    rs = default_rules()
    out = [re.compile(p) for s in load_taxonomy().skills for p in s.patterns] + list(_SIGNALS.values())
    out += [rx for r in rs.rules for rx in (r.before, r.after) if rx is not None]
    return out + [rs.cues, rs.terminators]


PATTERNS = _patterns()


def _texts() -> list[str]:
    sets = ["labelled", "people_dev", "researchers_dev"]
    paths = [p for s in sets for p in sorted((ROOT / "tests" / "data" / s).glob("*.txt"))]
    paths += sorted((ROOT / "sample_resumes").glob("*.txt"))
    texts = [lower_in_place(p.read_text(encoding="utf-8")) for p in paths]
    # And short clauses: the words of those texts in random runs.
    rng = random.Random(3)
    words = " ".join(texts[:40]).split()
    return texts + [" ".join(rng.choice(words) for _ in range(rng.randint(1, 25))) for _ in range(400)]


TEXTS = _texts()


def _same(rx: re.Pattern[str], text: str) -> None:
    expected = [m.span() for m in rx.finditer(text)]
    assert [m.span() for m in _finditer(rx, text)] == expected, (rx.pattern, text)
    assert _search(rx, text) == bool(expected), (rx.pattern, text)
    first = _first_possible(rx, text)  # a place no later than the first match; None: no match
    assert (first is not None and first <= expected[0][0]) if expected else True, (rx.pattern, text)


@pytest.mark.parametrize("rx", PATTERNS, ids=lambda rx: rx.pattern[:40])
def test_quick_searches_find_what_re_finds(rx):
    for text in TEXTS:
        _same(rx, text)


def test_most_patterns_are_split_into_literal_starts():
    split = [rx for rx in PATTERNS if _quick(rx)[1]]
    assert len(split) >= 0.6 * len(PATTERNS)
    assert _quick(default_rules().cues)[1]  # the cue scan of every text, the costliest search


@pytest.mark.parametrize(("pattern", "firsts"), [
    (r"\b(?:deploy|deploys|ship|shipped)\s+models?\b", ["d", "s"]),
    (r"\b(?:co-?)?supervis(?:e|ed)\b", ["c", "s"]),
    (r"(?<![\w-])taught\s+\w+", ["t"]),
    (r"\bph\.?d\b|\bdoctor(?:al|ate)\b", ["p", "d"]),
    (r"\b(?:lead|led|head)\b", ["l", "h"]),
])
def test_leading_alternatives_are_split_by_first_character(pattern, firsts):
    parts, split = _quick(re.compile(pattern))
    assert split and [q.pattern[0] for q in parts] == firsts


def test_alternatives_are_grouped_by_their_next_characters():
    rx = re.compile(r"\b(?:they|team|teams|targeting|t\b|(?!x)tea)\b")
    parts, split = _quick(rx)
    # After "t": "h..." and "a..." grouped apart, "e" shared by "eam", "eams" and "ea".
    assert split and len(parts) == 1 and parts[0].pattern.startswith("t(?:h(?:e(?:y")
    assert "e(?:a(?:" in parts[0].pattern
    for text in ["they team teams targeting t tea x tex", "tthe teamsteam t", ""]:
        _same(rx, text)


@pytest.mark.parametrize("pattern", [
    r"[abc]x",  # a class first
    r"\s+team",  # an escape first
    r"(?:ab)+c",  # a repeated group
    r"(?i)\bteam",  # case-insensitive
    r"(a)\1",  # a back reference
    r"a?b",  # an optional first character
])
def test_patterns_that_cannot_be_split_are_searched_as_before(pattern):
    rx = re.compile(pattern)
    assert not _quick(rx)[1]
    for text in ["ab abc aab team Team xteam bx", "", "aa b"]:
        _same(rx, text)


alphabet = st.sampled_from(list("abdehlprstuvy -.\n'") + ["led ", "lead ", "deploy", "ship", "team", "the "])


@settings(max_examples=300, deadline=None)
@given(st.lists(alphabet, max_size=40).map("".join))
def test_quick_searches_on_any_text(text):
    for rx in PATTERNS[:40]:
        _same(rx, text)


@pytest.mark.parametrize("most", [8, 64])  # the matcher's patterns, the context rules (_context._MOST)
def test_required_literals_are_in_every_match(most):
    checked = 0
    for rx in PATTERNS:
        needs = required_literals(rx, most=most)
        if needs is None:
            continue
        for text in TEXTS:
            for m in rx.finditer(text):
                checked += 1
                assert any(s in m.group(0) for s in needs), (rx.pattern, m.group(0), needs)
    assert checked > 300


@pytest.mark.parametrize(("pattern", "needs"), [
    (r"[^.!?\n]{0,80}?\b(?:belong|belongs|belonged)\s+to\b", ("belong",)),
    (r"\s*\(\s*(?:basic|rusty)\s*\)", ("basic", "rusty")),
    (r"\s*\(\s*(?:basic|beginner|elementary|novice|rusty)\s*\)", ("(",)),  # one rare character, not five words
    (r"\b(?:in progress|ongoing)\b", ("in progress", "ongoing")),
    (r"\bteam(?:s)?\b", ("team",)),
])
def test_required_literals_of_a_pattern(pattern, needs):
    assert required_literals(re.compile(pattern)) == needs


@pytest.mark.parametrize("pattern", [
    r"(?i)\bteam\b",  # case-insensitive: "TEAM" matches without "team"
    r"\b\w+\s+\d+",  # nothing literal
    r"(?:a|bb|cc|dd|ee|ff)x?",  # too many, and too short
    r"(?:team)?\s+x",  # the literal is optional
])
def test_patterns_without_required_literals(pattern):
    assert required_literals(re.compile(pattern)) is None


@pytest.mark.parametrize("rx", PATTERNS + [_PHONE, _EMAIL], ids=lambda rx: rx.pattern[:40])
def test_quick_start_finds_what_re_finds(rx):
    quick = quick_start(rx)
    for text in TEXTS[::3]:
        assert [m.span() for m in quick.finditer(text)] == [m.span() for m in rx.finditer(text)], rx.pattern


def test_most_context_patterns_get_a_quick_start():
    rs = default_rules()
    searched = [r.before for r in rs.rules if r.before is not None] + [rs.terminators, rs.item_breaks]
    assert sum(rx.pattern.startswith("(?=[") for rx in searched) >= 0.9 * len(searched)


@pytest.mark.parametrize(("pattern", "first"), [
    (r"\bteam\b", "[\\u0074]"),
    (r"[;!?]|\.(?<!\bdr\.)|\b(?:but|yet)\b", "[\\u0021\\u002e\\u003b\\u003f\\u0062\\u0079]"),
    (r"(?:^\W*|-\s*)(?:moving|pivoting)", "[\\W\\u002d\\u006d\\u0070]"),  # an optional start adds what follows
    (r"\s-\s|[,/]", "[\\s\\u002c\\u002f]"),
    (r"(?:ab)+c", "[\\u0061]"),
    (r"[a-c]x", "[\\u0061-\\u0063]"),
])
def test_first_chars_of_a_pattern(pattern, first):
    assert first_chars(re.compile(pattern)) == first


@pytest.mark.parametrize("pattern", [
    r"a?",  # can match empty
    r"(?=x)",  # only an assertion
    r"[^a]b",  # a negated class
    r".b",  # any character
    r"(a)?\1b",  # a back reference first
    r"(?i:a)b",  # flags of a group's own
])
def test_first_chars_none(pattern):
    rx = re.compile(pattern)
    assert first_chars(rx) is None and quick_start(rx) is rx


@pytest.mark.parametrize("pattern", [
    r"\b(?:intern|internship|co-?op\s+(?:student|term)|working\s+student|summer\s+(?:student|analyst))\b",
    r"\b(?:ph\.?\s?d\.?\s+(?:student|candidate)|post-?doc(?:toral)?|professor|catedr[a\u00e1]tic[oa])\b",
    r"\b(?:candidate|student|expected|exp\.|in progress|current(?:ly)?|present|now)\b",
])
def test_quick_start_ignoring_case(pattern):
    # The profile's case-blind patterns (internships, research posts, unfinished degrees).
    rx = re.compile(pattern, re.IGNORECASE)
    quick = quick_start(rx)
    assert quick is not rx
    for text in TEXTS[:60]:
        for variant in (text, text.upper(), text.title(), "PhD Student, Postdoctoral INTERN, Catedrático"):
            assert [m.span() for m in quick.finditer(variant)] == [m.span() for m in rx.finditer(variant)]
