"""Words to lines: a PDF page's words, from either engine, in reading order.

Words are grouped into rows by their tops (``_rows``); a page with an empty vertical band between
two groups of text (``find_gutter``) is read as a full-width head, then the left column, then
the right one, unless one side is a margin of notes (``_notes``). Wide gaps inside a row become
`` | `` cell separators (tables), rows an engine wrapped are joined (``_wrap``), and lines
repeated at the top or bottom of most pages (headers, footers, page numbers) are dropped.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from itertools import accumulate

from gapcheck._dates import YEAR as _YEAR
from gapcheck._notes import _right_notes_edge, notes_split, with_notes
from gapcheck._rows import _X0, _X1, _cell_texts, _reads_across, _rows, _runs, reading_order
from gapcheck._words import Line, PageWords, Word
from gapcheck._wrap import _unwrap


def pages_text(pages: list[PageWords]) -> str:
    """Lay out every page and join the lines, without repeated headers and footers.

    Args:
        pages: what a PDF engine read (``_pdfplumber.pdfplumber_pages``, ``_pdfium.pdfium_pages``).

    Returns:
        The document's text in reading order, one line per row (pages are not marked).
    """
    pages_lines = drop_repeated_margins([layout_page(words, width, height) for words, width, height, _ in pages])
    return "\n".join("\n".join(line for line, _ in page) for page in pages_lines)


def find_gutter(words: list[Word], width: float, rows: list[list[Word]] | None = None) -> float | None:
    """Return the x of an empty vertical band that splits the page into two columns, or None.
    ``rows``: the words' rows (``_rows``), when already known."""
    if len(words) < 20:
        return None
    if rows is None:
        rows = _rows(words)
    step = width / 200
    xs: list[float] = []
    x = width * 0.2
    while x < width * 0.8:
        xs.append(x)
        x += step
    # Per candidate x: rows with a word across x, rows with a word wholly left of x (their
    # leftmost right edge <= x), wholly right of x (rightmost left edge >= x), and both.
    # Counted with sorted edges and interval marks instead of testing every word at every x.
    crossing = [0] * (len(xs) + 1)
    both = [0] * (len(xs) + 1)
    # Per row: its leftmost right edge and its rightmost left edge (rows are sorted by x0), and
    # its span (first left edge, rightmost right edge, top), all found in the one pass over its words.
    edges: list[tuple[float, float]] = []
    spans: list[tuple[float, float, float]] = []
    for r in rows:
        # Words in x0 order: the marks come sorted by their start, which is all the sweep needs.
        reach = -1
        lo = hi = r[0]["x1"]
        for w in r:
            x1 = w["x1"]
            i, j = bisect_right(xs, w["x0"]), bisect_left(xs, x1)
            if i < reach:
                i = reach
            if i < j:
                crossing[i] += 1
                crossing[j] -= 1
                reach = j
            if x1 < lo:
                lo = x1
            elif x1 > hi:
                hi = x1
        last_x0 = r[-1]["x0"]
        edges.append((lo, last_x0))
        spans.append((r[0]["x0"], hi, r[0]["top"]))
        i, j = bisect_left(xs, lo), bisect_right(xs, last_x0)
        if i < j:
            both[i] += 1
            both[j] -= 1
    lows = sorted(lo for lo, _ in edges)
    highs = sorted(hi for _, hi in edges)
    scored: list[tuple[float, int]] = []
    few = 0.12 * len(rows)
    # Running sums of the marks: the counts at each x; only the few x that most rows leave free
    # are looked at further.
    crossings, boths = list(accumulate(crossing)), list(accumulate(both))
    for k in [k for k in range(len(xs)) if crossings[k] <= few]:
        x, both_n = xs[k], boths[k]
        left = bisect_right(lows, x)
        right = len(rows) - bisect_left(highs, x)
        if left >= 5 and right >= 5 and (both_n >= 3 or _side_by_side(spans, x)):
            scored.append((x, both_n))
    if not scored:
        return None
    # The gutter is the middle of the widest run of good positions, so that a word that
    # overflows its column a little still lands on its own side.
    top = max(b for _, b in scored)
    good = [x for x, b in scored if b >= 0.8 * top]
    runs: list[list[float]] = [[good[0]]]
    for x in good[1:]:
        if x - runs[-1][-1] <= step * 1.5:
            runs[-1].append(x)
        else:
            runs.append([x])
    run = max(runs, key=lambda r: (r[-1] - r[0], -r[0]))
    return (run[0] + run[-1]) / 2


# A band of notes beside the right column: at least this many of them, and at least this many
# rows of a sidebar apart from them by a gap of this many points.
_BAND_NOTES = 3
_BAND_SIDEBAR = 5
_BAND_GAP = 6.0


def _past_notes(rows: list[list[Word]], gutter: float) -> float:
    """The gutter moved left of a band of notes that sit just left of it on the right column's
    rows, where a sidebar stands apart from that band (friggeri-cv: contact details right-aligned
    at the page's edge, then each entry's dates, then its text): the dates are read with the lines
    they stand beside, and the sidebar is a column of its own. Else ``gutter`` itself."""
    notes: list[list[Word]] = []
    left: list[list[Word]] = []
    for r in rows:
        runs = _runs(r)
        here = [run for run in runs if run[0]["x0"] < gutter]
        if here and len(here) < len(runs):  # the row goes on right of the gutter
            notes.append(here[-1])
        left += here
    # The notes are dates (a year in each: a column's second word beside the next column is no
    # note), aligned on their left or right edge, and so may a sidebar's rows that share a row
    # with the right column's lines be: the band starts where the aligned dates nearest the
    # gutter do, and whatever on the left starts in it is of it too (a heading over the right
    # column, a year on its own).
    groups: dict[tuple[str, int], float] = {}
    sizes: Counter[tuple[str, int]] = Counter()
    for run in notes:
        if _YEAR.search(" ".join(w["text"] for w in run)):
            for key in (("start", round(run[0]["x0"])), ("end", round(run[-1]["x1"]))):
                groups[key] = min(groups.get(key, run[0]["x0"]), run[0]["x0"])
                sizes[key] += 1
    band = max((x for k, x in groups.items() if sizes[k] >= _BAND_NOTES), default=None)
    if band is None:
        return gutter
    aside = [run for run in left if run[0]["x0"] < band - _BAND_GAP and run[-1]["x1"] < gutter]  # not the head's
    if len({round(run[0]["top"]) for run in aside}) < _BAND_SIDEBAR:
        return gutter
    edge = max(run[-1]["x1"] for run in aside)
    return (edge + band) / 2 if band - edge >= _BAND_GAP else gutter


def _side_by_side(spans: list[tuple[float, float, float]], x: float) -> bool:
    """True when rows wholly left of ``x`` and rows wholly right of it run down the page
    alongside each other: columns whose lines do not share baselines (a sidebar in a smaller
    font) rarely put words of both columns in one row."""
    left = [top for x0, x1, top in spans if x1 <= x]
    right = [top for x0, x1, top in spans if x0 >= x]
    if len(left) < 5 or len(right) < 5:
        return False
    overlap = min(max(left), max(right)) - max(min(left), min(right))
    return overlap > 0.5 * min(max(left) - min(left), max(right) - min(right))


def layout_page(words: list[Word], width: float, height: float) -> list[Line]:
    """Order a page's words into lines: full-width header, left column, right column.

    A narrow column whose lines sit on the baselines of the other column's lines is not a
    column but a margin of notes (dates and places in a ``tabular*``, at a right tab stop, or
    in moderncv's left column): each note is read with the line beside it (``_with_notes``).
    """
    if not words:
        return []
    # The page is sorted once; every part of it below keeps that order (``_rows(ordered=True)``).
    ordered = reading_order(words)
    rows = _rows(ordered, ordered=True)
    gutter = find_gutter(words, width, rows)
    if gutter is not None:
        gutter = _past_notes(rows, gutter)
    if gutter is None:
        rows = _headings_apart(rows)
        # Each row's cells and their texts, found once for both questions below.
        cell_texts = [_cell_texts(r) for r in rows]
        edge = _right_notes_edge(rows, [cells for cells, _ in cell_texts])
        if edge is not None:
            return with_notes(words, edge, "right", rows)
        return [(text, top) for text, top, _ in _unwrap(rows, cell_texts=cell_texts)]
    found = notes_split(rows, gutter)
    if found is not None:
        side, split = found
        return with_notes(words, gutter, side, rows, split)
    # Everything above the right column's first line is the page head, read across: the name
    # (left-aligned, short) and a contact line that runs over the gutter stay whole.
    # A centred line over both columns (contact details with icons between them) is head too.
    lo, hi = min(map(_X0, words)), max(map(_X1, words))
    first_right = min(
        (
            r[0]["top"]
            for r in rows
            if r[-1]["x0"] >= gutter
            and not (any(w["x0"] < gutter < w["x1"] for w in r) and _reads_across(r))
            and not (r[0]["x0"] < gutter and _centred(r, lo, hi))
        ),
        default=0.0,
    )
    # So is what the right column holds above the left column's first words (a name over the
    # main column, beside no sidebar yet).
    first_left = min((r[0]["top"] for r in rows if any(w["x1"] <= gutter for w in r)), default=0.0)
    head_end = max(first_right, first_left)
    head = [r for r in rows if r[0]["top"] < head_end]
    # A column's line may run a little past the gutter: each run of words goes to the side
    # where it starts, so the last word of a sidebar line stays in the sidebar.
    left: set[int] = set()
    right: set[int] = set()
    for r in rows:
        if r[0]["top"] >= head_end:
            for run in _runs(r):
                (left if run[0]["x0"] < gutter else right).update(map(id, run))
    columns = [_rows([w for w in ordered if id(w) in side_], ordered=True) for side_ in (left, right)]
    blocks = (head, *columns)
    return [(text, top) for block in blocks for text, top, _ in _unwrap(block)]


# A heading set beside its section's first line is at least this much taller than the line.
_HEADING_HEIGHT = 1.15


def _headings_apart(rows: list[list[Word]]) -> list[list[Word]]:
    """The rows, with a section heading that begins a row beside its section's first line made a
    row of its own above that line: a heading in a larger font (moderncv's fancy style: "Research
    I build models of ..."), or one set in a margin left of the edge where the text's rows start
    (a table's first column, res.cls: "Education   Carnegie Mellon University, ...")."""
    from gapcheck.normalise import heading_section

    edge = _text_edge(rows)
    pairs = [(r, _runs(r) if len(r) > 1 else [r]) for r in rows]

    def heading(run: list[Word]) -> bool:
        return heading_section(" ".join(w["text"] for w in run)) is not None

    # A page whose headings stand on lines of their own at the text's edge has labels in its
    # margin ("Research   computer vision, ..." under moderncv's "Skills"), not headings; and so
    # does a page with one such heading only (a label: "Tools   Python, pandas").
    if edge is not None and (
            any(r[0]["x0"] >= edge - 1.0 and len(runs) == 1 and heading(r) for r, runs in pairs)
            or sum(1 for r, runs in pairs if r[0]["x1"] < edge - 1.0 and len(runs) > 1
                   and heading(runs[0])) < 2):
        edge = None
    out: list[list[Word]] = []
    for r, runs in pairs:
        if len(runs) > 1:
            head, rest = runs[0], [w for run in runs[1:] for w in run]
            tall = max(w["bottom"] - w["top"] for w in head)
            size = max(w["bottom"] - w["top"] for w in rest)
            margin = edge is not None and abs(rest[0]["x0"] - edge) <= 1.0 and head[-1]["x1"] < edge
            if (tall >= _HEADING_HEIGHT * size or margin) and heading(head):
                out += [head, rest]
                continue
        out.append(r)
    return out


# The text's left edge: where this share of the rows of a page start, at least.
_EDGE_SHARE = 0.4


def _text_edge(rows: list[list[Word]]) -> float | None:
    """The x where most of a page's rows start (to a point), or None when no edge holds
    _EDGE_SHARE of them."""
    if not rows:
        return None
    (x, count), = Counter(round(r[0]["x0"]) for r in rows).most_common(1)
    return float(x) if count >= _EDGE_SHARE * len(rows) else None


def _centred(row: list[Word], lo: float, hi: float) -> bool:
    """True when a row is centred on the text block [lo, hi], clear of both edges."""
    left, right = row[0]["x0"] - lo, hi - row[-1]["x1"]
    height = max(row[0]["bottom"] - row[0]["top"], 1.0)
    return min(left, right) > 2 * height and abs(left - right) <= 0.05 * (hi - lo)


_PAGE_NUMBER = re.compile(r"[\W_]*(?:(?:page|pg|p)\.?\s*)?#(?:\s*(?:of|/)\s*#)?[\W_]*")


def drop_repeated_margins(pages: list[list[Line]]) -> list[list[Line]]:
    """Drop lines that repeat near the top or bottom of most pages (headers, footers, page numbers)."""
    if len(pages) < 2:
        return pages

    def key(text: str) -> str:
        # Page numbers vary from page to page ("Page 2 of 3", "- 2 -"); any other line must
        # repeat word for word ("Project 2: ..." and "Project 3: ..." are body lines).
        text = text.strip().lower()
        blanked = re.sub(r"\d+", "#", text)
        return blanked if _PAGE_NUMBER.fullmatch(blanked) else text

    # A header repeats at the head of pages and a footer at their foot: a line at the foot of one
    # page and the head of the next is text that runs on over the break (the same bullet twice).
    heads = Counter(k for page in pages for k in {key(t) for t, _ in page[:2]})
    feet = Counter(k for page in pages for k in {key(t) for t, _ in page[-2:]})
    least = max(2, (len(pages) + 1) // 2)
    cleaned = []
    for page in pages:
        drop = {id(line) for line in page[:2] if heads[key(line[0])] >= least and key(line[0])}
        drop |= {id(line) for line in page[-2:] if feet[key(line[0])] >= least and key(line[0])}
        cleaned.append([line for line in page if id(line) not in drop])
    return cleaned
