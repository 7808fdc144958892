"""Words to lines: a PDF page's words, from either engine, in reading order.

Words are grouped into rows by their tops; a page with an empty vertical band between two
groups of text (``find_gutter``) is read as a full-width head, then the left column, then the
right one. Wide gaps inside a row become `` | `` cell separators (tables), and lines repeated at
the top or bottom of most pages (headers, footers, page numbers) are dropped.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter

from gapcheck._dates import _OPEN_RANGE
from gapcheck._words import Line, PageWords, Word, closing


def pages_text(pages: list[PageWords]) -> str:
    """Lay out every page and join the lines, without repeated headers and footers.

    Args:
        pages: what a PDF engine read (``_pdfplumber.pdfplumber_pages``, ``_pdfium.pdfium_pages``).

    Returns:
        The document's text in reading order, one line per row (pages are not marked).
    """
    pages_lines = drop_repeated_margins([layout_page(words, width, height) for words, width, height, _ in pages])
    return "\n".join("\n".join(line for line, _ in page) for page in pages_lines)


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


def find_gutter(words: list[Word], width: float) -> float | None:
    """Return the x of an empty vertical band that splits the page into two columns, or None."""
    if len(words) < 20:
        return None
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
    # Per row: its leftmost right edge and its rightmost left edge (rows are sorted by x0).
    edges = [(min(w["x1"] for w in r), r[-1]["x0"]) for r in rows]
    for r, (lo, hi) in zip(rows, edges, strict=True):
        marks = sorted((bisect_right(xs, w["x0"]), bisect_left(xs, w["x1"])) for w in r)
        reach = -1
        for i, j in marks:
            i = max(i, reach)
            if i < j:
                crossing[i] += 1
                crossing[j] -= 1
                reach = j
        i, j = bisect_left(xs, lo), bisect_right(xs, hi)
        if i < j:
            both[i] += 1
            both[j] -= 1
    lows = sorted(lo for lo, _ in edges)
    highs = sorted(hi for _, hi in edges)
    spans = [(r[0]["x0"], max(w["x1"] for w in r), r[0]["top"]) for r in rows]
    scored: list[tuple[float, int]] = []
    cross_n = both_n = 0
    for k, x in enumerate(xs):
        cross_n += crossing[k]
        both_n += both[k]
        if cross_n <= 0.12 * len(rows):
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
    gutter = find_gutter(words, width)
    if gutter is None:
        rows = _rows(words)
        edge = _right_notes_edge(rows)
        if edge is not None:
            return _with_notes(words, edge, "right")
        return [(text, top) for text, top, _ in _unwrap(rows)]
    side = _notes_side(words, gutter)
    if side is not None:
        return _with_notes(words, gutter, side)
    rows = _rows(words)
    # Everything above the right column's first line is the page head, read across: the name
    # (left-aligned, short) and a contact line that runs over the gutter stay whole.
    # A centred line over both columns (contact details with icons between them) is head too.
    lo, hi = min(w["x0"] for w in words), max(w["x1"] for w in words)
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
    head = [r for r in rows if r[0]["top"] < first_right]
    # A column's line may run a little past the gutter: each run of words goes to the side
    # where it starts, so the last word of a sidebar line stays in the sidebar.
    left: list[Word] = []
    right: list[Word] = []
    for r in rows:
        if r[0]["top"] >= first_right:
            for run in _runs(r):
                (left if run[0]["x0"] < gutter else right).extend(run)
    blocks = (head, _rows(left), _rows(right))
    return [(text, top) for block in blocks for text, top, _ in _unwrap(block)]


# A margin of notes: most of its lines share a baseline (within this many points) with a line
# of the main column, and it is much narrower than the main column. Two real columns, or a
# sidebar, share baselines by chance (or by a common grid): on the engine corpus at most 58% of
# their lines do, against two thirds or more for date margins.
_BASELINE = 1.5
_ALIGNED_SHARE = 0.65  # sidebars: at most 0.58 on the engine corpus; notes: 0.67 or more
_FLOW_SHARE = 0.8
_NOTES_WIDTH = 0.45
_NARROW_NOTES = 0.25


def _bottoms(rows: list[list[Word]]) -> list[float]:
    return sorted(max(w["bottom"] for w in r) for r in rows)


def _right_notes_edge(rows: list[list[Word]]) -> float | None:
    """Where a margin of right-aligned notes begins on a page with no gutter (its paragraphs run
    under the notes), or None: two or more rows end with a short cell set flush right."""
    right = max(w["x1"] for r in rows for w in r)
    left = min(w["x0"] for r in rows for w in r)
    starts = []
    for r in rows:
        cells = _cells(r)
        last = cells[-1]
        height = max(last[0]["bottom"] - last[0]["top"], 1.0)
        if (
            len(cells) > 1
            and last[-1]["x1"] >= right - height
            and last[-1]["x1"] - last[0]["x0"] <= 0.35 * (right - left)
        ):
            starts.append(last[0]["x0"])
    return min(starts) - 0.5 if len(starts) >= 2 else None


def _centred(row: list[Word], lo: float, hi: float) -> bool:
    """True when a row is centred on the text block [lo, hi], clear of both edges."""
    left, right = row[0]["x0"] - lo, hi - row[-1]["x1"]
    height = max(row[0]["bottom"] - row[0]["top"], 1.0)
    return min(left, right) > 2 * height and abs(left - right) <= 0.05 * (hi - lo)


def _runs(row: list[Word]) -> list[list[Word]]:
    """A row's runs of words, split at gaps wider than a word space (0.8 of the text height)."""
    runs = [[row[0]]]
    for prev, word in zip(row, row[1:], strict=False):
        if word["x0"] - prev["x1"] > 0.8 * max(prev["bottom"] - prev["top"], 1.0):
            runs.append([word])
        else:
            runs[-1].append(word)
    return runs


def _notes_side(words: list[Word], gutter: float) -> str | None:
    """'left' or 'right' when that side of the gutter is a margin of notes beside the other's lines, else None."""
    rows = _rows(words)
    left = sum(len(r) for r in rows for w in r if w["x1"] <= gutter)
    right = sum(len(r) for r in rows for w in r if w["x0"] >= gutter)
    if not left or not right:
        return None
    side = "left" if left < right else "right"
    main_rows, margin = _split_rows(rows, gutter, side)
    note_rows = [m for m, _ in margin]
    if len(note_rows) < 2:
        return None
    notes = [w for r in note_rows for w in r]
    main = [w for r in main_rows for w in r]
    notes_width = max(w["x1"] for w in notes) - min(w["x0"] for w in notes)
    main_width = max(w["x1"] for w in main) - min(w["x0"] for w in main)
    # Notes are short beside the main text: a column as full as the other is a column.
    if notes_width > _NOTES_WIDTH * main_width or len(notes) > 0.5 * len(main):
        return None
    main_bottoms = _bottoms(main_rows)
    spans = sorted((min(w["top"] for w in r), max(w["bottom"] for w in r)) for r in main_rows)
    aligned = in_flow = 0
    for r in note_rows:
        b = max(w["bottom"] for w in r)
        i = bisect_left(main_bottoms, b - _BASELINE)
        if i < len(main_bottoms) and main_bottoms[i] <= b + _BASELINE:
            aligned += 1
        else:
            in_flow += _in_flow(r, spans)
    n = len(note_rows)
    # Lines on a line of their own count only for a narrow margin (a sidebar's lines can fall
    # into the main column's paragraph gaps).
    narrow = notes_width <= _NARROW_NOTES * main_width
    return side if aligned >= _ALIGNED_SHARE * n or (narrow and aligned + in_flow >= _FLOW_SHARE * n) else None


def _split_rows(
    rows: list[list[Word]], gutter: float, side: str
) -> tuple[list[list[Word]], list[tuple[list[Word], int | None]]]:
    """Split rows at the gutter into main lines and margin parts, each margin part with the index
    of the main line beside it (None when it has a line of its own). A row that runs over the
    gutter, or breaks there by no more than a word space, is a main line."""
    main_rows: list[list[Word]] = []
    margin: list[tuple[list[Word], int | None]] = []
    # A left margin's right-aligned dates may reach past the gutter found in the white space
    # left of them: its notes end where the main column's lines begin.
    starts = Counter(round(run[0]["x0"]) for r in rows for run in _runs(r) if run[0]["x0"] >= gutter)
    main_left = starts.most_common(1)[0][0] - 1.0 if starts else gutter
    for r in rows:
        if side == "left":
            runs = _runs(r)
            lead = runs[0]
            if lead[0]["x0"] < gutter and lead[-1]["x1"] <= main_left and lead[-1]["x1"] > gutter:
                rest = [w for run in runs[1:] for w in run]
                if rest:
                    main_rows.append(rest)
                margin.append((lead, len(main_rows) - 1 if rest else None))
                continue
        crossing = any(w["x0"] < gutter < w["x1"] for w in r)
        mine = [w for w in r if (w["x1"] <= gutter if side == "left" else w["x0"] >= gutter)]
        rest = [w for w in r if w not in mine]
        if crossing or not mine or (rest and _word_space(r, gutter)):
            main_rows.append(r)
            continue
        if rest:
            main_rows.append(rest)
        margin.append((mine, len(main_rows) - 1 if rest else None))
    return main_rows, margin


def _in_flow(row: list[Word], spans: list[tuple[float, float]]) -> bool:
    """True when a margin row takes a line of its own in the main column's flow: no main line
    beside it, one just above and one just below (a date set flush right under a title)."""
    top, bottom = min(w["top"] for w in row), max(w["bottom"] for w in row)
    reach = 1.5 * (bottom - top)
    beside = any(t < bottom and b > top for t, b in spans)
    above = any(0 <= top - b <= reach for _, b in spans)
    below = any(0 <= t - bottom <= reach for t, _ in spans)
    return not beside and above and below


# A note's lines ending or starting a date range ("Apr 2023 -" / "Present") are one note.
_OPEN_END = re.compile(r"(?:[-\u2010-\u2015~]|\bto)\s*$", re.I)
_RANGE_START = re.compile(r"^\s*(?:[-\u2010-\u2015~]|to\b|present\b|current\b|now\b|today\b)", re.I)
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")  # also in "2023Present", a range that lost its dash
# A note cut after its end month ("Jul 2022Jul" / "2023", "Sep 2019-Jan" / "2022").
_MONTH_END = re.compile(r"(?:^|[\s\d\W])(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?$", re.I)


def _word_space(row: list[Word], gutter: float) -> bool:
    """True when the words either side of the gutter are only a word space apart (a line of
    text that happens to break at the gutter), not a note's distance (half an em or more)."""
    left = max((w for w in row if w["x1"] <= gutter), key=lambda w: w["x1"])
    right = min((w for w in row if w["x0"] >= gutter), key=lambda w: w["x0"])
    return right["x0"] - left["x1"] <= 0.5 * max(left["bottom"] - left["top"], 1.0)


def _with_notes(words: list[Word], gutter: float, side: str) -> list[Line]:
    """Lines of a page with a margin of notes: each note joined to the main line it starts beside.

    A note is a run of margin lines one under the other. It starts at the main line that shares
    its first line's baseline, so a date right of an entry's title, or left of it, or on the
    line below its place, stays with the entry's first line ("Title | Place Apr 2023 - Present",
    "Apr 2023 - Present | Title"). A margin line beside a main line starts a new note, unless it
    carries on a date range or brings the date to a note without one (a place above its dates).
    """
    main_rows, margin = _split_rows(_rows(words), gutter, side)
    notes: list[tuple[list[list[Word]], int | None]] = []
    for words_, beside in margin:
        if notes:
            prev = notes[-1][0][-1]
            height = max(w["bottom"] - w["top"] for w in prev)
            close = words_[0]["top"] - max(w["bottom"] for w in prev) <= 0.8 * height
            text, before = _row_text(words_), " ".join(_row_text(x) for x in notes[-1][0])
            carries = (
                _OPEN_END.search(before)
                or _OPEN_RANGE.search(before)
                or _MONTH_END.search(before)
                or _RANGE_START.match(text)
            )
            dates_it = _YEAR.search(text) and not _YEAR.search(before)
            if close and (beside is None or carries or dates_it):
                notes[-1][0].append(words_)
                continue
        notes.append(([words_], beside))
    attached: dict[int, list[str]] = {}
    lines: list[Line] = []
    for note_rows, beside in notes:
        text = " ".join(_row_text(x) for x in note_rows)
        if beside is None:
            lines.append((text, note_rows[0][0]["top"]))
        else:
            attached.setdefault(beside, []).append(text)
    # A main line with a note to its right ends before the note: that is its edge for unwrapping.
    limits = {i: min(w["x0"] for w in margin_words) for margin_words, i in margin if i is not None and side == "right"}
    for text, top, members in _unwrap(main_rows, limits):
        for i in members:
            for note in attached.get(i, []):
                if side == "right":
                    text = f"{text} | {note}"
                elif _YEAR.search(note) or note.endswith((":", "|")):
                    text = f"{note} | {text}"
                else:
                    # A label in the left margin (moderncv's \cvitem) heads its line: "Languages: Python".
                    text = f"{note}: {text}"
        lines.append((text, top))
    return sorted(lines, key=lambda line: line[1])


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


def _cells(row: list[Word]) -> list[list[Word]]:
    """A row's cells: runs of words split where _row_text puts " | "."""
    cells = [[row[0]]]
    for prev, word in zip(row, row[1:], strict=False):
        if word["x0"] - prev["x1"] > 2.5 * max(prev["bottom"] - prev["top"], 1.0):
            cells.append([word])
        else:
            cells[-1].append(word)
    return cells


def _wraps(prev: list[Word], row: list[Word], edge: float) -> bool:
    """True when ``row`` carries on ``prev``'s text: the engine wrapped it because its first word
    did not fit in the room left on ``prev``'s line (up to ``edge``, or the next cell)."""
    first = row[0]
    if _ITEM_START.match(first["text"]) or len(_cells(row)) > 1:
        return False
    text, before = _row_text(row), _row_text(prev)
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
    if _CONTACT.search(text) and not mid_list:
        return False
    height = max(prev[-1]["bottom"] - prev[-1]["top"], 1.0)  # of a word, not of a bullet glyph
    if abs((first["bottom"] - first["top"]) - height) > 0.2 * height:
        return False  # another font size: a heading, a name
    if not 0 <= first["top"] - max(w["bottom"] for w in prev) <= 0.8 * height:
        return False
    cells = _cells(prev)
    lead = cells[0]
    # The text starts after a bullet; a wrapped line is indented to the text, or to the bullet.
    text_x0 = lead[1]["x0"] if len(lead) > 1 and _ITEM_START.match(lead[0]["text"]) else lead[0]["x0"]
    if not (abs(first["x0"] - text_x0) <= 0.6 * height or abs(first["x0"] - lead[0]["x0"]) <= 0.6 * height):
        return False
    limit = cells[1][0]["x0"] if len(cells) > 1 else edge
    room = limit - lead[-1]["x1"]
    return first["x1"] - first["x0"] + 0.2 * height > room


def _unwrap(rows: list[list[Word]], limits: dict[int, float] | None = None) -> list[tuple[str, float, list[int]]]:
    """Join the rows of one column that an engine wrapped into the lines they were written as.

    Args:
        rows: the column's rows, in reading order.
        limits: per row index, where its line's room ends when something stands to its right.

    Returns:
        (text, top of the first row, indices of the rows joined) per line. A row joins the line
        above when its first word could not fit at the end of that line (``_wraps``); a line
        ending with a hyphen is joined across "\n", for the normaliser to mend the word.
    """
    if not rows:
        return []
    limits = limits or {}
    edge = max(w["x1"] for r in rows for w in r)
    out: list[tuple[str, float, list[int]]] = []
    # Per line: its first cell's text, the rest of its cells, and its last row.
    cur: list[str] = []
    prev: list[Word] = []
    for i, row in enumerate(rows):
        if cur and _wraps(prev, row, limits.get(i - 1, edge)) and not (len(cur) > 1 and cur[0].endswith(_HYPHENS)):
            # "C+" / "+, SQL": a line broken inside a word goes on without a space.
            sep = "\n" if cur[0].endswith(_HYPHENS) else "" if closing(row[0]["text"]) else " "
            cur[0] = f"{cur[0]}{sep}{_row_text(row)}"
            out[-1] = (out[-1][0], out[-1][1], [*out[-1][2], i])
        else:
            cur = [_row_text(c) for c in _cells(row)]
            out.append(("", row[0]["top"], [i]))
        out[-1] = (" | ".join(cur), out[-1][1], out[-1][2])
        prev = row
    return out


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

    def margin_lines(page: list[Line]) -> list[Line]:
        return page[:2] + page[-2:]

    counts = Counter(k for page in pages for k in {key(t) for t, _ in margin_lines(page)})
    repeated = {k for k, n in counts.items() if n >= max(2, (len(pages) + 1) // 2) and k}
    cleaned = []
    for page in pages:
        edge = {id(line) for line in margin_lines(page)}
        cleaned.append([line for line in page if not (id(line) in edge and key(line[0]) in repeated)])
    return cleaned
