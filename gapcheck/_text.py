"""Text helpers shared by the matcher, the context rules and the profile: lower case with
offsets kept, a quick regex search, e-mail and phone patterns."""

from __future__ import annotations

import heapq
import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any


@lru_cache(maxsize=4)
def lower_in_place(text: str) -> str:
    """``text.lower()`` with every offset kept: the Turkish dotted and dotless i become "i" (as
    re.I reads them) and the few other characters whose lower case is longer stay as they are.
    Rules run without re.I on this text, several times faster. The patterns and the context
    rules both read a document's lower-cased text, so the last few are kept."""
    if "\u0130" in text or "\u0131" in text:
        text = text.translate(_DOTTED_I)
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _first_possible(rx: re.Pattern[str], text: str) -> int | None:
    """Where ``rx`` can first match in ``text``, or None when it cannot match at all."""
    parts, _ = _quick(rx)
    firsts = [m.start() for q in parts if (m := q.search(text))]
    return min(firsts) if firsts else None


def _search(rx: re.Pattern[str], text: str) -> bool:
    """``rx.search(text) is not None``, sooner (see :func:`_quick`)."""
    parts, split = _quick(rx)
    if not split:
        first = _first_possible(rx, text)
        return first is not None and rx.search(text, first) is not None
    # Any place will do, not the first: each quick pattern's places in turn, until rx matches.
    for q in parts:
        m = q.search(text)
        while m is not None:
            if rx.match(text, m.start()):
                return True
            m = q.search(text, m.start() + 1)
    return False


def _finditer(rx: re.Pattern[str], text: str) -> list[re.Match[str]]:
    """``list(rx.finditer(text))``, sooner (see :func:`_quick`): rx is tried only where one of
    its quick patterns matches, and the next match is looked for after the end of the last."""
    parts, split = _quick(rx)
    if not split:
        first = _first_possible(rx, text)
        return [] if first is None else list(rx.finditer(text, first))
    out: list[re.Match[str]] = []
    end = 0
    for at in _starts(parts, text):
        if at >= end and (m := rx.match(text, at)):
            if m.end() == at:  # finditer's handling of empty matches is not worth copying
                return list(rx.finditer(text))
            out.append(m)
            end = m.end()
    return out


def _starts(parts: tuple[re.Pattern[str], ...], text: str) -> Iterator[int]:
    """Every position where one of ``parts`` matches, in order, each once."""
    found = [(m.start(), i) for i, q in enumerate(parts) if (m := q.search(text))]
    heapq.heapify(found)
    last = -1
    while found:
        at, i = found[0]
        if (m := parts[i].search(text, at + 1)) is not None:
            heapq.heapreplace(found, (m.start(), i))
        else:
            heapq.heappop(found)
        if at != last:
            yield at
            last = at


_QUICK: dict[re.Pattern[str], tuple[tuple[re.Pattern[str], ...], bool]] = {}
_MAX_PARTS = 32  # each is a search of the whole text, a microsecond or two


def _quick(rx: re.Pattern[str]) -> tuple[tuple[re.Pattern[str], ...], bool]:
    """Quick patterns that match wherever ``rx`` can start a match (and maybe elsewhere), and
    whether they each start with a literal character.

    Python's re skips ahead fast only to a literal first character: "\\bled", or "(?:led|lead)"
    whose alternatives share theirs. A pattern whose first part is a list of alternatives with
    different first characters, "(?:deploy|ship|roll out)", is tried at every position, ten
    times slower. So assertions at the start (\\b, lookarounds) are dropped, which can only
    match in more places, and the leading alternatives are split by first character into one
    pattern each: "d(?:eploy)...", "s(?:hip)...", "r(?:oll out)...". Where that is not possible
    (a class or an escape first), the one quick pattern is rx without a leading \\b.
    """
    found = _QUICK.get(rx)
    if found is None:
        found = _QUICK[rx] = _quick_parts(rx)
    return found


def _quick_parts(rx: re.Pattern[str]) -> tuple[tuple[re.Pattern[str], ...], bool]:
    heads = None
    if not rx.flags & (re.IGNORECASE | re.VERBOSE) and not _BACKREF.search(rx.pattern):
        heads = _heads(rx.pattern, 0)
    if heads:
        by_first: dict[str, list[str]] = {}
        for first, rest in heads:
            by_first.setdefault(first, []).append(rest)
        if len(by_first) <= _MAX_PARTS:
            try:
                return tuple(re.compile(re.escape(first) + "(?:" + _grouped(rests) + ")", rx.flags)
                             for first, rests in by_first.items()), True
            except re.error:  # a named group copied into two alternatives
                pass
    return (re.compile(rx.pattern.removeprefix("\\b"), rx.flags),), False


def _grouped(alts: list[str], depth: int = 0) -> str:
    """``alts`` as one alternation, those that start with the same character grouped behind it
    ("hey|hope|argeting" -> "h(?:ey|ope)|argeting"), a few characters deep: re tries a group's
    alternatives only where its first character is, so a place costs a comparison or two, not
    one per alternative. A quick pattern's matches only say where to try the pattern itself, so
    the order of alternatives does not matter, and assertions at their starts may go."""
    groups: dict[str, list[str]] = {}
    whole: list[str] = []
    for alt in alts:
        heads = _heads(alt, 0) if depth < _GROUP_DEPTH else None
        if heads is None:
            whole.append(alt)
            continue
        for first, rest in heads:
            groups.setdefault(first, []).append(rest)
    return "|".join([re.escape(first) + "(?:" + _grouped(rests, depth + 1) + ")" for first, rests in groups.items()]
                    + whole)


_GROUP_DEPTH = 3
_BACKREF = re.compile(r"\\[1-9]|\(\?P=|\(\?\(")
_QUANTIFIER = ("?", "*", "+", "{")


def _heads(pattern: str, depth: int) -> list[tuple[str, str]] | None:
    """(first character, the rest) of every way ``pattern`` can start, alternatives spelled out,
    or None when one starts with something other than a literal character."""
    out: list[tuple[str, str]] = []
    for alt in _alternatives(pattern):
        alt = _without_assertions(alt)
        if not alt or depth > 4:
            return None
        first = alt[0]
        if first.isascii() and first.isalnum() and alt[1:2] not in _QUANTIFIER:
            out.append((first, alt[1:]))
        elif alt.startswith("(?:") and (close := _close(alt, 0)) is not None:
            inner, rest = alt[3:close], alt[close + 1 :]
            optional = rest[:1] == "?"
            rest = rest[2:] if rest[:2] == "??" else rest[1:] if optional else rest
            if rest[:1] in _QUANTIFIER:
                return None
            # (?:a|b)rest is a rest or b rest: each alternative is whole and rest starts with
            # no quantifier, so plain concatenation keeps its meaning.
            spelled = "|".join([a + rest for a in _alternatives(inner)] + ([rest] if optional else []))
            more = _heads(spelled, depth + 1)
            if more is None:
                return None
            out += more
        else:
            return None
        if len(out) > 320:
            return None
    return out


def _without_assertions(alt: str) -> str:
    """``alt`` without the zero-width assertions it starts with (\\b, ^, lookarounds)."""
    while True:
        if alt.startswith("\\b"):
            alt = alt[2:]
        elif alt.startswith("^"):
            alt = alt[1:]
        elif alt.startswith(("(?=", "(?!", "(?<=", "(?<!")) and (close := _close(alt, 0)) is not None:
            if alt[close + 1 : close + 2] in _QUANTIFIER:
                return ""
            alt = alt[close + 1 :]
        else:
            return alt


def _scan(pattern: str, start: int = 0) -> Iterator[tuple[int, str, int]]:
    """The pattern's characters from ``start`` that are neither escaped nor inside a class,
    with the group depth after each (an opening "(" counts, a closing ")" uncounts)."""
    depth, i = 0, start
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 1
        elif c == "[":
            i = _class_end(pattern, i)
        else:
            depth += (c == "(") - (c == ")")
            yield i, c, depth
        i += 1


def _alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of a pattern (split at each | outside groups and classes)."""
    out, start = [], 0
    for i, c, depth in _scan(pattern):
        if c == "|" and depth == 0:
            out.append(pattern[start:i])
            start = i + 1
    out.append(pattern[start:])
    return out


def _close(pattern: str, at: int) -> int | None:
    """Index of the ) that closes the ( at ``at``."""
    return next((i for i, c, depth in _scan(pattern, at) if c == ")" and depth == 0), None)


def _class_end(pattern: str, at: int) -> int:
    """Index of the ] that ends the class opened at ``at`` (a ] first in the class is literal)."""
    i = at + 1
    if pattern[i : i + 1] == "^":
        i += 1
    if pattern[i : i + 1] == "]":
        i += 1
    while i < len(pattern) and pattern[i] != "]":
        i += 2 if pattern[i] == "\\" else 1
    return i


# A line break that ends a line rather than wrapping a sentence: the next line does not go on
# in lower case ("- Led the data migration" / "- Staff training" are two claims).
_HARD_BREAK = re.compile(r"\n(?![ \t]*[a-z])")
# re.I matches Turkish dotted and dotless i as "i"; lower() alone would not.
_DOTTED_I = str.maketrans({"\u0130": "i", "\u0131": "i"})


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
# "+1 (555) 010-0199", "(555) 010-0199" or "555.010.0199"; written as three branches that each
# start with a fixed character, which lets re skip ahead (twice as fast as one optional prefix).
_PHONE = re.compile(r"\+\d{1,3}[\s.-]?\(?\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}\b|\(\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}\b|"
                    r"\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}\b")


def required_literals(rx: re.Pattern[str], most: int = 8) -> tuple[str, ...] | None:
    """Strings of which every match of ``rx`` holds at least one (at most ``most`` of them), or
    None when there are no such few: a text without any of them cannot match. Found by walking
    the parsed pattern: runs of literal characters, the alternatives of a group, the body of a
    repetition that happens at least once."""
    if rx.flags & (re.IGNORECASE | re.VERBOSE):
        return None
    try:
        import re._constants as sre_constants
        import re._parser as sre_parse
    except ImportError:  # Python 3.10
        import sre_constants  # type: ignore[no-redef]
        import sre_parse  # type: ignore[no-redef]
    c = sre_constants

    def of_sequence(items: list[tuple[Any, Any]]) -> set[str] | None:
        found: list[set[str]] = []
        run = ""
        for op, av in items:
            if op is c.LITERAL:
                run += chr(av)
                continue
            if run:
                found.append({run})
                run = ""
            if op is c.SUBPATTERN and not av[1] & c.SRE_FLAG_IGNORECASE:
                inner = of_sequence(av[3].data)
            elif op is c.BRANCH:
                alts = [of_sequence(alt.data) for alt in av[1]]
                inner = set().union(*alts) if all(alts) else None  # type: ignore[arg-type]
            elif op in (c.MAX_REPEAT, c.MIN_REPEAT) and av[0] >= 1:
                inner = of_sequence(av[2].data)
            else:
                inner = None
            if inner:
                found.append(_fewest(inner))
        if run:
            found.append({run})
        good = [s for s in found if min(map(_strength, s)) >= 2]
        # Each string is one search of the text: the fewest, each as rare as can be (a year's
        # "19"/"20" is everywhere); one rare character beats five words.
        return min(good, key=lambda s: (len(s) > most, len(s) - min(map(_strength, s)), len(s))) if good else None

    try:
        needs = of_sequence(sre_parse.parse(rx.pattern, rx.flags).data)
    except Exception:  # an unfamiliar construct: no prefilter  # noqa: BLE001
        return None
    return tuple(sorted(needs)) if needs and len(needs) <= most else None


def _fewest(strings: set[str]) -> set[str]:
    """The strings without those that hold another of them ("belongs" holds "belong")."""
    out: list[str] = []
    for s in sorted(strings, key=len):
        if not any(t in s for t in out):
            out.append(s)
    return set(out)


def _strength(s: str) -> int:
    """How rare a required string is likely to be: its length, more for punctuation ("(")."""
    return len(s) + (0 if any(ch.isalnum() for ch in s) else 2)


def first_chars(rx: re.Pattern[str]) -> str | None:
    """A character class (regex source, "[...]") holding the first character of every match of
    ``rx``, or None when there is no such class: a match can be empty, or start with any character
    but some ("[^a]", "."), or the pattern is beyond this reading (backreferences, inline flags)."""
    try:
        import re._constants as sre_constants
        import re._parser as sre_parse
    except ImportError:  # Python 3.10
        import sre_constants  # type: ignore[no-redef]
        import sre_parse  # type: ignore[no-redef]
    c = sre_constants
    zero_width = {c.AT, c.ASSERT, c.ASSERT_NOT}
    repeats = {c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", c.MAX_REPEAT)}
    categories = {c.CATEGORY_DIGIT: r"\d", c.CATEGORY_NOT_DIGIT: r"\D", c.CATEGORY_SPACE: r"\s",
                  c.CATEGORY_NOT_SPACE: r"\S", c.CATEGORY_WORD: r"\w", c.CATEGORY_NOT_WORD: r"\W"}

    def char(code: int) -> str:
        return f"\\U{code:08x}" if code > 0xFFFF else f"\\u{code:04x}"

    def of_sequence(items: Any) -> tuple[set[str], bool] | None:
        """(class items any match can start with, whether the sequence can match empty)."""
        out: set[str] = set()
        for op, av in items:
            if op in zero_width:
                continue
            if op is c.LITERAL:
                return out | {char(av)}, False
            if op is c.IN:
                for kind, value in av:
                    if kind is c.LITERAL:
                        out.add(char(value))
                    elif kind is c.RANGE:
                        out.add(f"{char(value[0])}-{char(value[1])}")
                    elif kind is c.CATEGORY and value in categories:
                        out.add(categories[value])
                    else:  # a negated class, a category of another kind
                        return None
                return out, False
            if op is c.SUBPATTERN and not av[1] and not av[2]:  # a group without flags of its own
                inner = of_sequence(av[3].data)
            elif op is c.BRANCH:
                alts = [of_sequence(alt.data) for alt in av[1]]
                if any(a is None for a in alts):
                    return None
                inner = set().union(*(a[0] for a in alts if a)), any(a[1] for a in alts if a)
            elif op in repeats:
                body = of_sequence(av[2].data)
                inner = None if body is None else (body[0], av[0] == 0 or body[1])
            else:
                return None
            if inner is None:
                return None
            out |= inner[0]
            if not inner[1]:
                return out, False
        return out, True

    try:
        found = of_sequence(sre_parse.parse(rx.pattern, rx.flags).data)
    except Exception:  # an unfamiliar construct  # noqa: BLE001
        return None
    if found is None or found[1] or not found[0]:
        return None
    return "[" + "".join(sorted(found[0])) + "]"


def quick_start(rx: re.Pattern[str]) -> re.Pattern[str]:
    """``rx`` behind a look-ahead for the first characters its matches can start with
    (:func:`first_chars`): the same matches, and re passes over every other position at once
    instead of trying the pattern there (a third faster on clause-length texts). ``rx`` itself
    when there is no such class."""
    first = first_chars(rx)
    if first is None:
        return rx
    try:
        return re.compile(f"(?={first})(?:{rx.pattern})", rx.flags)
    except re.error:  # global inline flags, which must stay first
        return rx
