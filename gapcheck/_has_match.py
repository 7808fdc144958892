"""Whether a pattern matches anywhere in a long text, sooner than ``rx.search``.

Python's re scans quickly for a pattern's first characters only when they are fixed; a pattern
of several branches that each start with ``\\b`` ("\\bprincipal ...|\\bdirector of\\b|...") is
tried at every position of the text, branch by branch. Each branch without its ``\\b``
assertions finds every place the branch could match, and more, with a fast scan; the pattern
itself is then tried only at those places. The answer is the same as ``rx.search``'s.
"""

from __future__ import annotations

import re

_RELAXED: dict[re.Pattern[str], tuple[re.Pattern[str], ...]] = {}


# Constructs under which a dropped \b could lose a match (atomic groups, possessive repeats,
# conditionals, back-references) or that hide brackets (comments): such patterns run as they are.
_AS_IS = re.compile(r"\(\?[>#(]|\(\?P=|[*+?}]\+|\\[1-9]")


def _relaxed_branches(rx: re.Pattern[str]) -> tuple[re.Pattern[str], ...]:
    """The top-level branches of ``rx``, each with its word-boundary assertions dropped
    (outside character classes, where ``\\b`` is a backspace, and outside negative look-arounds,
    where dropping one would refuse more); ``(rx,)`` for a pattern this cannot take apart."""
    pattern = rx.pattern
    if rx.flags & re.VERBOSE or _AS_IS.search(pattern):
        return (rx,)
    branches: list[str] = []
    part: list[str] = []
    negative: list[bool] = []  # for each open group: is it a negative look-ahead or look-behind?
    i, in_class = 0, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            if pattern[i : i + 2] != "\\b" or in_class or any(negative):
                part.append(pattern[i : i + 2])
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
            # "[]...]" and "[^]...]": a "]" right after the opening is one of the class's characters.
            j = i + 1 + (pattern[i + 1 : i + 2] == "^")
            if pattern[j : j + 1] == "]":
                part.append(pattern[i : j + 1])
                i = j + 1
                continue
        elif c == "(":
            negative.append(pattern.startswith(("(?!", "(?<!"), i))
        elif c == ")" and negative:
            negative.pop()
        elif c == "|" and not negative:
            branches.append("".join(part))
            part = []
            i += 1
            continue
        part.append(c)
        i += 1
    branches.append("".join(part))
    try:
        return tuple(re.compile(b, rx.flags) for b in branches)
    except re.error:
        return (rx,)


def has_match(rx: re.Pattern[str], text: str) -> bool:
    """``rx.search(text) is not None``, sooner for a pattern of several branches.

    Every match of ``rx`` starts where one of its relaxed branches matches, so ``rx`` is tried
    only at those places, each in turn (it sees the text before them, for ``\\b`` and
    look-behinds, as a search from the start does); a pattern of one branch is searched from
    the first such place.
    """
    branches = _RELAXED.get(rx)
    if branches is None:
        branches = _RELAXED[rx] = _relaxed_branches(rx)
    if len(branches) == 1:  # one branch: a pattern is searched from where its relaxed self first matches
        first = branches[0].search(text)
        return first is not None and rx.search(text, first.start()) is not None
    for branch in branches:
        m = branch.search(text)
        while m is not None:
            if rx.match(text, m.start()):
                return True
            m = branch.search(text, m.start() + 1)
    return False
