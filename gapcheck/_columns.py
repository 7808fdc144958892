"""Plain-text resumes set in two columns, read one column after the other (as a PDF's are).

Two layouts: a gutter drawn as one "|" at the same place on each line, and a gutter of spaces
(a sidebar of contact details and skills beside the experience, as text exports of two-column
templates come out)."""

from __future__ import annotations

import re
from collections import Counter

# A plain-text resume in two columns: each line's one "|" stands in the same place (a gutter).
_GUTTER_MIN_COLUMN = 25
_GUTTER_MIN_LINES = 3
# A gutter of spaces starts at least this far in: a narrower left column is a hanging indent
# ("2019-2022   Research fellow, ..."), whose dates belong to the text beside them.
_SPACES_MIN_COLUMN = 28
# ... and holds up a run of at least this many lines, with at least _SPACES_BOTH lines that
# have text on both sides and _SPACES_RIGHT_ONLY lines with text on the right only (a sidebar's
# column goes on where the other has ended; right-aligned dates never do).
_SPACES_MIN_LINES = 8
_SPACES_BOTH = 3
_SPACES_RIGHT_ONLY = 3
_GAP = re.compile(r" {2,}(?=\S)")


def unfold_columns(lines: list[str], *, bars: bool = True) -> list[str]:
    """The lines in reading order: where a run of lines is set in two columns, its left
    column first, then its right one (``bars=False``: the text holds no "|" gutter)."""
    return _unfold_spaces(_unfold_bars(lines) if bars else lines)


def _unfold_bars(lines: list[str]) -> list[str]:
    """Where at least three lines in a row hold one "|" at the same place (give or take two
    characters), most with spaces before it, the run's left column, then its right one."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        bar = lines[i].find("|")
        j = i
        if bar >= _GUTTER_MIN_COLUMN:
            while (j < len(lines) and lines[j].count("|") == 1
                   and abs(lines[j].find("|") - bar) <= 2):
                j += 1
        run = lines[i:j]
        gutters = sum(1 for ln in run if ln[: ln.find("|")].endswith("  ") or not ln[: ln.find("|")].strip())
        if len(run) >= _GUTTER_MIN_LINES and gutters * 2 >= len(run):
            cut = [ln.find("|") for ln in run]
            out += [ln[:c].rstrip() for ln, c in zip(run, cut, strict=True) if ln[:c].strip()]
            out += [ln[c + 1:].strip() for ln, c in zip(run, cut, strict=True) if ln[c + 1:].strip()]
            i = j
        else:
            out.append(lines[i])
            i += 1
    return out


def _gutter(lines: list[str]) -> int | None:
    """The column where most lines' right-hand text starts after a gap of spaces, if any."""
    starts: Counter[int] = Counter()
    for ln in lines:
        if len(ln) > _SPACES_MIN_COLUMN and "  " in ln:
            starts.update(m.end() for m in _GAP.finditer(ln, _SPACES_MIN_COLUMN - 2) if m.end() >= _SPACES_MIN_COLUMN)
    if not starts:
        return None
    # Indented lines start further in than the gutter: of the columns where text often starts,
    # the one that most lines with text on the right leave free.
    best, best_n = None, 0
    for column, n in starts.most_common(4):
        if n < 2:
            break
        free = sum(1 for ln in lines if ln[column:].strip() and _fits(ln, column))
        if free > best_n or (free == best_n and best is not None and column < best):
            best, best_n = column, free
    return best if best_n >= _SPACES_BOTH + _SPACES_RIGHT_ONLY else None


def _fits(ln: str, c: int) -> bool:
    """No word of the line crosses column ``c``."""
    return len(ln.rstrip()) < c or ln[c - 1] == " "


def _unfold_spaces(lines: list[str]) -> list[str]:
    """Where a run of lines leaves a gutter of spaces at one column (no word crosses it), the
    run's left column, then its right one."""
    c = _gutter(lines)
    if c is None:
        return lines

    out: list[str] = []
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and _fits(lines[j], c):
            j += 1
        run = lines[i:j]
        both = sum(1 for ln in run if ln[:c].strip() and ln[c:].strip())
        right = sum(1 for ln in run if not ln[:c].strip() and ln[c:].strip())
        filled = sum(1 for ln in run if ln.strip())
        if filled >= _SPACES_MIN_LINES and both >= _SPACES_BOTH and right >= _SPACES_RIGHT_ONLY:
            out += [ln[:c].rstrip() for ln in run]
            out += [ln[c:].rstrip() for ln in run]
            i = j
        elif j > i:
            out += run
            i = j
        else:
            out.append(lines[i])
            i += 1
    return out
