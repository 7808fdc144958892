"""The needed-strings index (gapcheck/_needs.py) gives, for any text, exactly the rules one of
whose strings the text holds."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gapcheck import _needs
from gapcheck._context import default_rules
from gapcheck._needs import NeedIndex

NEEDS = [("no", "never"), None, ("'s", "\u2019s"), ("in progress", "ongoing"), (), ("he",), ("team",)]


def _plain(needs, text: str) -> int:
    """The mask worked out rule by rule, string by string."""
    return sum(1 << i for i, strings in enumerate(needs) if not strings or any(s in text for s in strings))


@pytest.mark.parametrize(("text", "rules"), [
    ("", [1, 4]),
    ("never used spark", [0, 1, 4]),
    ("the team's models", [1, 2, 4, 5, 6]),  # "he" inside "the", "'s" at a word's end
    ("still in progress", [1, 3, 4]),
    ("still in\nprogress", [1, 4]),  # a string with a space is looked for in the text as it is
    ("teams\tknow", [0, 1, 4, 6]),
])
def test_rules_whose_strings_a_text_holds(text, rules):
    index = NeedIndex(NEEDS)
    assert index.held(text) == sum(1 << i for i in rules) == _plain(NEEDS, text)
    assert index.held(text) == sum(1 << i for i in rules)  # again, from the words it remembers


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="nevrosight' \u2019\n\tamp-", max_size=40))
def test_any_text_gives_what_each_rule_gives(text):
    index = NeedIndex(NEEDS)
    assert index.held(text) == _plain(NEEDS, text)


def test_the_shipped_rules_on_resume_like_text():
    rs = default_rules()
    needs = [r.before_needs if r.before is not None and r.scope == "clause" else None for r in rs.rules]
    text = ("currently taking a course on docker; the data team's engineers, who built it, "
            "are not yet done. self-taught in r. no prior experience, seeking a role")
    for cut in range(0, len(text), 7):
        assert rs.clause_needs.held(text[cut:]) == _plain(needs, text[cut:])


def test_the_word_memory_starts_again_when_full(monkeypatch):
    monkeypatch.setattr(_needs, "MAX_WORDS", 3)
    index = NeedIndex(NEEDS)
    assert index.held("one two three four five never") == _plain(NEEDS, "never")
    assert len(index._words) <= 3
