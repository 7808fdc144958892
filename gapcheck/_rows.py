"""Words to rows and cells: the primitives of the layout (``_layout``, ``_notes``, ``_wrap``).

A row is the words whose tops lie within a few points of each other, left to right; wide gaps
inside a row split it into cells (printed as " | ") and narrower ones into runs.
"""

from __future__ import annotations

from gapcheck._words import Word


def _rows(words: list[Word], tolerance: float = 3.0) -> list[list[Word]]:
    rows: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if rows and abs(rows[-1][0]["top"] - word["top"]) <= tolerance:
            rows[-1].append(word)
        else:
            rows.append([word])
    return [sorted(r, key=lambda w: w["x0"]) for r in rows]


def _row_text(row: list[Word]) -> str:
    parts = [row[0]["text"]]
    for prev, word in zip(row, row[1:], strict=False):
        gap = word["x0"] - prev["x1"]
        size = max(prev["bottom"] - prev["top"], 1.0)
        # A wide gap inside a row separates table cells; keep them apart for the matcher.
        parts.append(" | " if gap > 2.5 * size else " ")
        parts.append(word["text"])
    return "".join(parts)


def _reads_across(row: list[Word]) -> bool:
    """True when no gap in the row is as wide as a column gap or a table cell's (see _row_text)."""
    return all(b["x0"] - a["x1"] <= 2.5 * max(a["bottom"] - a["top"], 1.0) for a, b in zip(row, row[1:], strict=False))


def _runs(row: list[Word]) -> list[list[Word]]:
    """A row's runs of words, split at gaps wider than a word space (0.8 of the text height)."""
    runs = [[row[0]]]
    for prev, word in zip(row, row[1:], strict=False):
        if word["x0"] - prev["x1"] > 0.8 * max(prev["bottom"] - prev["top"], 1.0):
            runs.append([word])
        else:
            runs[-1].append(word)
    return runs


def _cells(row: list[Word]) -> list[list[Word]]:
    """A row's cells: runs of words split where _row_text puts " | "."""
    cells = [[row[0]]]
    for prev, word in zip(row, row[1:], strict=False):
        if word["x0"] - prev["x1"] > 2.5 * max(prev["bottom"] - prev["top"], 1.0):
            cells.append([word])
        else:
            cells[-1].append(word)
    return cells
