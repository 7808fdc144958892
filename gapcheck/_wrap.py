"""Wrapped lines: rows an engine wrapped, joined into the lines they were written as.

A row carries on the line above when its first word could not fit at the end of that line
(``_wraps``); bullets, labels, dated entries, titles and contact details open lines of their own.
"""

from __future__ import annotations

import re
from itertools import chain

from gapcheck._rows import _BOTTOM, _X1, _cell_texts, _row_text
from gapcheck._words import Word, closing

# A line that starts with a bullet, a dash or a number opens an item of its own.
_ITEM_START = re.compile(
    r"^(?:[\u2022\u25aa\u25e6\u25cf\u25b8\u25ba\u25a0\u25a1\u27a2\u2713\u2023\u2043\u2013\u2014\u00b7*\-]|\d{1,2}[.)]$)"
)
_HYPHENS = ("-", "\u2010", "\u00ad")
_DATED_START = re.compile(
    r"^(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+)?(?:\d{1,2}[/.])?(?:19|20)\d\d\s*"
    r"(?:[-\u2010-\u2015~]|to\b)",
    re.I,
)
_CONTACT = re.compile(r"@|https?:|www\.|\.(?:com|org|net|io|dev)\b|\+?\d[\d ().-]{7,}\d")
_LABEL = re.compile(r"^[A-Z][\w&/+. -]{0,30}:(?:\s|$)")
_ABBREVIATION = re.compile(r"(?:^|\s)(?:[A-Za-z]{1,3}\.){2,}$")
# A row with its text (``_row_text``) and its cells (``_cells``), each worked out once.
_Row = tuple[list[Word], str, list[list[Word]]]


def _wraps(above: _Row, below: _Row, edge: float) -> bool:
    """True when row ``below`` carries on the text of row ``above``: the engine wrapped it because
    its first word did not fit in the room left on the line above (up to ``edge``, or the next
    cell). Each row comes with its text and its cells."""
    prev, before, cells = above
    row, text, row_cells = below
    first = row[0]
    if _ITEM_START.match(first["text"]) or len(row_cells) > 1:
        return False
    height = max(prev[-1]["bottom"] - prev[-1]["top"], 1.0)  # of a word, not of a bullet glyph
    if abs((first["bottom"] - first["top"]) - height) > 0.2 * height:
        return False  # another font size: a heading, a name
    if not 0 <= first["top"] - max(map(_BOTTOM, prev)) <= 0.8 * height:
        return False
    lead = cells[0]
    # The text starts after a bullet; a wrapped line is indented to the text, or to the bullet.
    text_x0 = lead[1]["x0"] if len(lead) > 1 and _ITEM_START.match(lead[0]["text"]) else lead[0]["x0"]
    if not (abs(first["x0"] - text_x0) <= 0.6 * height or abs(first["x0"] - lead[0]["x0"]) <= 0.6 * height):
        return False
    limit = cells[1][0]["x0"] if len(cells) > 1 else edge
    room = limit - lead[-1]["x1"]
    if not first["x1"] - first["x0"] + 0.2 * height > room:
        return False  # the first word fitted on the line above
    # The place and size tell two rows in three apart; the text's tests, slower, come after.
    # A new sentence on a new line may be a new item whose bullet is not in the text layer
    # (a CSS list marker); a labelled line ("ML: ...") or a heading in capitals opens its own.
    if (before.endswith((".", "!", "?", ":", ";")) and text[:1].isupper()) or _LABEL.match(text):
        return False
    if _DATED_START.match(text):  # "2019-2021 Teaching assistant": an entry of its own
        return False
    mid_list = before.endswith((",", *_HYPHENS))
    if text.isupper() and len(text.split()) <= 4 and not mid_list and "," not in text:
        return False
    # A line of one or two words wraps only mid-list, mid-word or mid-sentence ("Docker, Kubernetes,").
    if len(prev) < 3 and not (mid_list or text[:1].islower()):
        return False
    # Under a title ("Healthcare Machine Learning Specialist") stands a new line, and so does
    # a contact detail.
    if (
        not mid_list
        and text[:1].isupper()
        and len(text.split()) > 1
        and all(w[:1].isupper() for w in before.split() if w[:1].isalpha())
    ):
        return False
    return not (_CONTACT.search(text) and not mid_list)


def _hanging(above: _Row, below: _Row, anchor: float | None) -> float | None:
    """Where a narrow cell starts when row ``below`` carries on its text, else None.

    A grid inside a column ("2013-2015  M.S. Applied" over "Statistics") wraps a cell that
    starts inside the line: its next rows start under an inner word of the line (``anchor``
    once found) with nothing to their left. The cell's width is not known, so the room test of
    ``_wraps`` cannot say whether the row wrapped; the other tests of a new line still hold.
    """
    prev, row = above[0], below[0]
    first = row[0]
    if anchor is None and first["x0"] <= prev[0]["x0"] + 1.0:
        return None  # most rows: under the line's first word, or left of it
    height = max(prev[-1]["bottom"] - prev[-1]["top"], 1.0)
    near = 0.3 * height
    if anchor is None:
        # Under an inner word, with more than a bullet to its left.
        inner = [w for w in prev[1:] if abs(w["x0"] - first["x0"]) <= near]
        if not inner or all(_ITEM_START.match(w["text"]) for w in prev if w["x0"] < inner[0]["x0"]):
            return None
        anchor = inner[0]["x0"]
    elif abs(first["x0"] - anchor) > near:
        return None
    if _ITEM_START.match(first["text"]) or len(below[2]) > 1:
        return None
    text = below[1]
    before = _row_text([w for w in prev if w["x0"] >= anchor - near])
    # A sentence's end, not an abbreviation's ("M.S." over "Finan-" / "cial").
    ends = before.endswith((".", "!", "?", ":", ";")) and not _ABBREVIATION.search(before)
    if (ends and text[:1].isupper()) or _LABEL.match(text) or _DATED_START.match(text) or _CONTACT.search(text):
        return None
    # "Senior Engineer" over "Acme Corp": a title and the line under it.
    if text[:1].isupper() and len(text.split()) > 1 and all(w[:1].isupper() for w in before.split() if w[:1].isalpha()):
        return None
    if abs((first["bottom"] - first["top"]) - height) > 0.2 * height:
        return None
    if not 0 <= first["top"] - max(map(_BOTTOM, prev)) <= 0.8 * height:
        return None
    return anchor


def _block_edges(rows: list[list[Word]], edge: float) -> list[float]:
    """Per row, where the lines of its block end: the right edge that the two longest of the
    rows set one under the other around it reach alike (a justified or full paragraph), else
    ``edge``.

    A block narrower than the page (an entry's paragraph beside a column of dates, under a
    full-width summary) wraps at its own edge, not at the page's.
    """
    out = [edge] * len(rows)
    start = 0
    for i in range(1, len(rows) + 1):
        if i < len(rows):
            above, row = rows[i - 1], rows[i]
            height = max(above[-1]["bottom"] - above[-1]["top"], 1.0)
            # (a row's words are in x order: its ends are close enough at its first and last word)
            if 0 <= row[0]["top"] - max(above[0]["bottom"], above[-1]["bottom"]) <= 0.8 * height:
                continue
        # rows[start:i] are one block
        ends = sorted((r[-1]["x1"] for r in rows[start:i]), reverse=True)
        # The two longest lines end together (a hyphen may stand out a little past the edge).
        tol = 0.25 * max(rows[start][-1]["bottom"] - rows[start][-1]["top"], 1.0)
        if len(ends) >= 2 and ends[0] - ends[1] <= tol:
            out[start:i] = [min(edge, ends[1])] * (i - start)
        start = i
    return out


def _unwrap(
    rows: list[list[Word]],
    limits: dict[int, float] | None = None,
    cell_texts: list[tuple[list[list[Word]], list[str]]] | None = None,
) -> list[tuple[str, float, list[int]]]:
    """Join the rows of one column that an engine wrapped into the lines they were written as.

    Args:
        rows: the column's rows, in reading order.
        limits: per row index, where its line's room ends when something stands to its right.
        cell_texts: each row's ``_cell_texts``, when already known (the lists are used up).

    Returns:
        (text, top of the first row, indices of the rows joined) per line. A row joins the line
        above when its first word could not fit at the end of that line (``_wraps``); a line
        ending with a hyphen is joined across "\n", for the normaliser to mend the word.
    """
    if not rows:
        return []
    limits = limits or {}
    edges = _block_edges(rows, max(map(_X1, chain.from_iterable(rows))))
    out: list[tuple[str, float, list[int]]] = []
    # Per line: its first cell's text, the rest of its cells, and its last row.
    cur: list[str] = []
    prev: _Row = ([], "", [])
    anchor: float | None = None  # where the narrow cell that the line goes on in starts
    for i, row in enumerate(rows):
        cells, texts = _cell_texts(row) if cell_texts is None else cell_texts[i]
        this = (row, " | ".join(texts), cells)  # " | ".join of the cells' texts is _row_text(row)
        hang = _hanging(prev, this, anchor) if cur and len(cur) == 1 else None
        limit = min(limits.get(i - 1, edges[i - 1]), edges[i - 1])
        if hang is not None or (
            cur and _wraps(prev, this, limit) and not (len(cur) > 1 and cur[0].endswith(_HYPHENS))
        ):
            anchor = hang
            if len(cur) > 1 and len(out[-1][2]) == 1 and max(map(_X1, row)) > prev[2][-1][0]["x0"]:
                # The row runs on under the line's last cell: the wide gap was a justified
                # line's ("Coursework:      machine" over "learning, databases, stat-").
                cur = [" ".join(cur)]
            # "C+" / "+, SQL": a line broken inside a word goes on without a space.
            sep = "\n" if cur[0].endswith(_HYPHENS) else "" if closing(row[0]["text"]) else " "
            cur[0] = f"{cur[0]}{sep}{this[1]}"
            out[-1] = (out[-1][0], out[-1][1], [*out[-1][2], i])
        else:
            anchor = None
            cur = texts
            out.append(("", row[0]["top"], [i]))
        out[-1] = (" | ".join(cur), out[-1][1], out[-1][2])
        prev = this
    return out
