"""Words to rows and cells: the primitives of the layout (``_layout``, ``_notes``, ``_wrap``).

A row is the words whose tops lie within a few points of each other, left to right; wide gaps
inside a row split it into cells (printed as " | ") and narrower ones into runs.

A page's words are sorted once (:func:`reading_order`); the rows of any part of the page are
then found in one pass over that part, taken in the same order (``ordered=True``).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from operator import itemgetter
from typing import Any

from gapcheck._words import Word

# Word fields, read in C by map/sorted/min/max rather than by a generator (the same order, so the
# same result).
_X0 = itemgetter("x0")
_X1 = itemgetter("x1")
_TOP = itemgetter("top")
_BOTTOM = itemgetter("bottom")


def reading_order(words: list[Word]) -> list[Word]:
    """The words sorted as :func:`_rows` reads them: by rounded top, then left edge."""
    # The keys in one pass, and the sort by index: no Python call per word.
    keys = [(round(w["top"]), w["x0"]) for w in words]
    return [words[i] for i in sorted(range(len(words)), key=keys.__getitem__)]


def _rows(words: list[Word], tolerance: float = 3.0, *, ordered: bool = False) -> list[list[Word]]:
    """Group words into rows, each left to right. ``ordered``: the words are already in
    :func:`reading_order` (a subset of a sorted page keeps that order)."""
    rows: list[list[Word]] = []
    row: list[Word] = []
    row_top = 0.0  # the top of the row's first word
    for word in words if ordered else reading_order(words):
        top = word["top"]
        if row and abs(row_top - top) <= tolerance:
            row.append(word)
        else:
            row = [word]
            rows.append(row)
            row_top = top
    return [part for r in rows for part in _apart(sorted(r, key=_X0))] if any(len(r) > 1 for r in rows) else rows


def overlapping_lines(items: Sequence[Any], x0: Any, x1: Any, top: Any, text: Any) -> list[list[Any]] | None:
    """``items`` (characters or words, sorted by their left edge) as the lines they make, by height,
    where lines a little apart in height overlap across the page: a heading too long for its margin
    runs into the text beside it, and read along the line their letters would interleave. None
    where no two overlap (nothing on one printed line overlaps), the usual case: one more than a
    third of the narrower one's width, the two more than a point apart in height. An accent set
    over its letter ("E" and "\u00b4", a modifier symbol) makes no line of its own."""
    if max(it[top] for it in items) - min(it[top] for it in items) <= 1.0:
        return None  # one height: nothing to part (most lines and rows)
    kept = [it for it in items if not all(unicodedata.category(ch) in ("Sk", "Mn") for ch in it[text])]
    if len(kept) < 2:
        return None
    reach = kept[0]  # the one that reaches furthest right so far
    for b in kept[1:]:
        if b[x0] < reach[x1] - 0.3 * min(reach[x1] - reach[x0], b[x1] - b[x0]) and abs(b[top] - reach[top]) > 1.0:
            break
        if b[x1] > reach[x1]:
            reach = b
    else:
        return None
    parts: list[list[Any]] = []
    last = 0.0
    for it in sorted(items, key=itemgetter(top)):
        if not parts or it[top] > last + 0.5:
            parts.append([])
        parts[-1].append(it)
        last = it[top]
    return parts


def _apart(row: list[Word]) -> list[list[Word]]:
    """A row as one, or as the lines it makes where words of lines a little apart in height
    overlap (:func:`overlapping_lines`)."""
    parts = overlapping_lines(row, "x0", "x1", "top", "text") if len(row) > 1 else None
    return [row] if parts is None else [sorted(p, key=_X0) for p in parts]


def _height(word: Word) -> float:
    return max(word["bottom"] - word["top"], 1.0)


def _row_text(row: list[Word]) -> str:
    if len(row) == 1:
        return row[0]["text"]  # type: ignore[no-any-return]
    parts = [row[0]["text"]]
    prev = row[0]
    for word in row[1:]:
        # A wide gap inside a row separates table cells; keep them apart for the matcher.
        height = prev["bottom"] - prev["top"]
        parts.append(" | " if word["x0"] - prev["x1"] > 2.5 * (height if height >= 1.0 else 1.0) else " ")
        parts.append(word["text"])
        prev = word
    return "".join(parts)


def _reads_across(row: list[Word]) -> bool:
    """True when no gap in the row is as wide as a column gap or a table cell's (see _row_text)."""
    return all(b["x0"] - a["x1"] <= 2.5 * _height(a) for a, b in zip(row, row[1:], strict=False))


def _split(row: list[Word], share: float) -> list[list[Word]]:
    part = [row[0]]
    parts = [part]
    prev = row[0]
    for word in row[1:]:
        # Gaps are measured in text heights (of at least a point), as _height does.
        height = prev["bottom"] - prev["top"]
        if word["x0"] - prev["x1"] > share * (height if height >= 1.0 else 1.0):
            part = [word]
            parts.append(part)
        else:
            part.append(word)
        prev = word
    return parts


def _runs(row: list[Word]) -> list[list[Word]]:
    """A row's runs of words, split at gaps wider than a word space (0.8 of the text height)."""
    return _split(row, 0.8)


def _cells(row: list[Word]) -> list[list[Word]]:
    """A row's cells: runs of words split where _row_text puts " | "."""
    return _split(row, 2.5)


def _cell_texts(row: list[Word]) -> tuple[list[list[Word]], list[str]]:
    """A row's cells (``_cells``) and the text of each (``_row_text``), in one pass: inside a
    cell every gap is a space, so ``" | ".join`` of the texts is the row's text."""
    prev = row[0]
    cell = [prev]
    cells = [cell]
    parts = [prev["text"]]
    texts = []
    for word in row[1:]:
        height = prev["bottom"] - prev["top"]
        if word["x0"] - prev["x1"] > 2.5 * (height if height >= 1.0 else 1.0):
            texts.append(" ".join(parts))
            cell = [word]
            cells.append(cell)
            parts = [word["text"]]
        else:
            cell.append(word)
            parts.append(word["text"])
        prev = word
    texts.append(" ".join(parts))
    return cells, texts
