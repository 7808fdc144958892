"""A check of a taxonomy's patterns that pydantic's field rules cannot make: a regular
expression that could backtrack for hours on one line of a resume is refused."""

from __future__ import annotations

from typing import Any

# Repeats of more than this many times count as unbounded for backtracking.
_MANY = 10


def backtracking_risk(pattern: str) -> str | None:
    """Why a pattern can backtrack exponentially in the length of the text, or None.

    Two shapes do (and together are most of the known cases): a repeated group whose body can
    match texts of different lengths in more than one way, ``(a+)+`` or ``(\\w+\\s?)*``, and a
    repeated choice whose branches can start alike, ``(a|ab)*``. "Repeated" means more than
    ``_MANY`` times; ``(?:[\\w-]+\\s+){0,4}`` is fine. Lookarounds, atomic groups and possessive
    repeats do not backtrack into themselves.
    """
    import importlib

    c: Any
    sre: Any
    try:
        c, sre = importlib.import_module("re._constants"), importlib.import_module("re._parser")
    except ImportError:  # Python 3.10
        c, sre = importlib.import_module("sre_constants"), importlib.import_module("sre_parse")

    def first(sub: Any) -> set[int] | None:
        """The characters a match of ``sub`` can start with; None for any (or unknown)."""
        for op, av in sub:
            if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
                continue
            if op is c.LITERAL:
                return {av}
            if op is c.IN:
                chars: set[int] = set()
                for kind, value in av:
                    if kind is c.LITERAL:
                        chars.add(value)
                    elif kind is c.RANGE and value[1] - value[0] < 256:
                        chars.update(range(value[0], value[1] + 1))
                    else:
                        return None
                return chars
            if op is c.SUBPATTERN and av[-1].getwidth()[0] > 0:
                return first(av[-1])
            if op is c.BRANCH:
                out: set[int] = set()
                for alt in av[1]:
                    f = first(alt)
                    if f is None:
                        return None
                    out |= f
                return out
            return None
        return None

    def alike(alts: list[Any]) -> bool:
        seen: set[int] = set()
        for alt in alts:
            f = first(alt)
            if f is None or f & seen:
                return True
            seen |= f
        return False

    repeats = {c.MAX_REPEAT, c.MIN_REPEAT}

    def walk(sub: Any, looped: bool) -> str | None:
        for op, av in sub:
            if op in repeats:
                low, high, body = av
                width = body.getwidth()
                varies = low != high or width[0] != width[1]
                if looped and high > 1 and varies:
                    return "repeats a group whose body repeats too (like '(a+)+')"
                found = walk(body, looped or high > _MANY)
            elif op is c.SUBPATTERN:
                found = walk(av[-1], looped)
            elif op is c.BRANCH:
                if looped and alike(av[1]):
                    return "repeats a choice whose branches can start alike (like '(a|ab)*')"
                found = next((r for alt in av[1] if (r := walk(alt, looped))), None)
            elif op in (c.ASSERT, c.ASSERT_NOT):
                found = walk(av[1], False)
            elif op is getattr(c, "ATOMIC_GROUP", None):
                found = walk(av, False)
            elif op is getattr(c, "POSSESSIVE_REPEAT", None):
                found = walk(av[2], False)
            elif op is c.GROUPREF_EXISTS:
                found = walk(av[1], looped) or (walk(av[2], looped) if av[2] is not None else None)
            else:
                found = None
            if found:
                return found
        return None

    try:
        return walk(sre.parse(pattern), False)
    except Exception:  # the pattern compiled; its shape is not known to us
        return None


def check_pattern(pattern: str) -> None:
    """Refuse a taxonomy pattern that could backtrack for hours on one line of a resume.

    Raises:
        ValueError: naming the pattern, its shape and how to rewrite it.
    """
    risk = backtracking_risk(pattern)
    if risk:
        raise ValueError(f"pattern {pattern!r} {risk}; a line of a resume could then take hours to search. "
                         "Bound the outer repeat ({0,5}) or make what it repeats match fixed text")
