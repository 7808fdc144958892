"""has_match answers as rx.search does, for the profile's signal patterns and for awkward ones."""

from __future__ import annotations

import random
import re

import pytest

from gapcheck._has_match import _relaxed_branches, has_match
from gapcheck.profile import _SIGNALS

PATTERNS = [
    *(rx.pattern for rx in _SIGNALS.values()),
    r"\bph\.?\s?d\b|\bdoctor(?:ate|al)\b",
    r"\bab\b|\bba",
    r"\b(?:ab|b a)\s+c\b|\bc(?!\bb)",  # a \b inside a negative look-ahead stays
    r"(?<!\ba)b\b|\bc",
    r"(?<=\ba)b|ca\b",
    r"[\b]a|\ba",  # inside a class, \b is a backspace
    r"[]|a]b|\bc",  # a "]" that opens a class is one of its characters
    r"[^]|]a\b|b",
    r"\\b|a\b",  # an escaped backslash, then a plain b
    r"a|",  # an empty branch matches anywhere
    r"(a)\1|\bb",  # a back-reference: run as it is
    r"(?i)\bAB|\bC",
]
ALPHABET = "ab c\b|\\"


@pytest.mark.parametrize("pattern", PATTERNS)
def test_has_match_agrees_with_search(pattern):
    rng = random.Random(pattern)
    rx = re.compile(pattern)
    texts = ["", "ab", "a b", "ba c", "xxab ba", "\bab", "|b", "\\b", "c b", *(
        "".join(rng.choice(ALPHABET) for _ in range(rng.randrange(12))) for _ in range(3000))]
    wrong = [t for t in texts if has_match(rx, t) != (rx.search(t) is not None)]
    assert not wrong, wrong[:5]


def test_signal_patterns_on_resume_text():
    text = ("jane doe, staff data scientist at acme; earlier head of analytics. ph.d. in physics. "
            "principal component analysis; trained 60 staff; mentored two interns").lower()
    found = {k for k, rx in _SIGNALS.items() if has_match(rx, text)}
    assert found == {k for k, rx in _SIGNALS.items() if rx.search(text)}
    assert {"lead", "mentoring", "principal"} <= found
    assert not has_match(_SIGNALS["principal"], "principal component analysis, trained 60 staff")


def test_branches_split_only_at_the_top_level():
    assert len(_relaxed_branches(re.compile(r"\b(?:a|b)c|\bd"))) == 2
    assert len(_relaxed_branches(re.compile(r"(a)\1|b"))) == 1  # as it is
    assert [b.pattern for b in _relaxed_branches(re.compile(r"\ba(?!\bb)|[\b]c"))] == [r"a(?!\bb)", r"[\b]c"]
    classes = _relaxed_branches(re.compile(r"[]|a]b|[^]|]a\b|[a|]\b|\bc"))
    assert [b.pattern for b in classes] == ["[]|a]b", "[^]|]a", "[a|]", "c"]
