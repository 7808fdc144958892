"""Margins of notes: dates and places beside an entry, read with the line they stand beside.

A narrow column whose lines sit on the baselines of the main column's lines (a ``tabular*``, a
right tab stop, moderncv's left column) is not a column to read after the page: each note
joins the main line it starts beside (``with_notes``).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from itertools import chain

from gapcheck._dates import _OPEN_RANGE
from gapcheck._dates import YEAR as _YEAR
from gapcheck._rows import _BOTTOM, _TOP, _X0, _X1, _cells, _row_text, _rows, _runs
from gapcheck._words import Line, Word
from gapcheck._wrap import _unwrap

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
    return sorted(max(map(_BOTTOM, r)) for r in rows)


def _right_notes_edge(rows: list[list[Word]], row_cells: list[list[list[Word]]] | None = None) -> float | None:
    """Where a margin of right-aligned notes begins on a page with no gutter (its paragraphs run
    under the notes), or None: two or more rows end with a short cell set flush right.
    ``row_cells``: each row's cells (``_cells``), when already known."""
    right = max(map(_X1, chain.from_iterable(rows)))
    left = min(map(_X0, chain.from_iterable(rows)))
    starts = []
    for cells in row_cells if row_cells is not None else map(_cells, rows):
        last = cells[-1]
        height = max(last[0]["bottom"] - last[0]["top"], 1.0)
        if (
            len(cells) > 1
            and last[-1]["x1"] >= right - height
            and last[-1]["x1"] - last[0]["x0"] <= 0.35 * (right - left)
        ):
            starts.append(last[0]["x0"])
    return min(starts) - 0.5 if len(starts) >= 2 else None


# Rows split at a gutter: the main lines, and the margin's parts with the main line beside each.
Split = tuple[list[list[Word]], list[tuple[list[Word], int | None]]]


def notes_split(rows: list[list[Word]], gutter: float) -> tuple[str, Split] | None:
    """('left' or 'right', the rows split at the gutter) when that side of the gutter is a margin
    of notes beside the other's lines, else None. The split is what :func:`with_notes` reads."""
    left = sum(len(r) for r in rows for w in r if w["x1"] <= gutter)
    right = sum(len(r) for r in rows for w in r if w["x0"] >= gutter)
    if not left or not right:
        return None
    side = "left" if left < right else "right"
    split = main_rows, margin = _split_rows(rows, gutter, side)
    note_rows = [m for m, _ in margin]
    if len(note_rows) < 2:
        return None
    notes = [w for r in note_rows for w in r]
    main = [w for r in main_rows for w in r]
    notes_width = max(map(_X1, notes)) - min(map(_X0, notes))
    main_width = max(map(_X1, main)) - min(map(_X0, main))
    # Notes are short beside the main text: a column as full as the other is a column.
    if notes_width > _NOTES_WIDTH * main_width or len(notes) > 0.5 * len(main):
        return None
    main_bottoms = _bottoms(main_rows)
    spans = sorted((min(map(_TOP, r)), max(map(_BOTTOM, r))) for r in main_rows)
    aligned = in_flow = 0
    for r in note_rows:
        b = max(map(_BOTTOM, r))
        i = bisect_left(main_bottoms, b - _BASELINE)
        if i < len(main_bottoms) and main_bottoms[i] <= b + _BASELINE:
            aligned += 1
        else:
            in_flow += _in_flow(r, spans)
    n = len(note_rows)
    # Lines on a line of their own count only for a narrow margin (a sidebar's lines can fall
    # into the main column's paragraph gaps).
    narrow = notes_width <= _NARROW_NOTES * main_width
    if aligned >= _ALIGNED_SHARE * n or (narrow and aligned + in_flow >= _FLOW_SHARE * n):
        return side, split
    # A margin (as short beside the text as any above) of section headings off the text's
    # baselines (moderncv's fancy style): each heading is a line of its own, in its place.
    # (The contact lines above the first heading, in the same margin, are the page's head.)
    heads = _headings(note_rows)
    below = n - (heads.index(True) if True in heads else n)
    if below >= _MARGIN_HEADINGS and sum(heads) >= _HEADINGS_SHARE * below:
        return side, (main_rows, [(words_, None) for words_, _ in margin])
    return None


# A margin of headings: at least this many rows from its first heading on, at least this share
# of them known headings.
_MARGIN_HEADINGS = 3
_HEADINGS_SHARE = 0.75


def _headings(rows: list[list[Word]]) -> list[bool]:
    """Whether each row is a known section heading, or a part of one set on two rows
    ("Training" / "attended")."""
    from gapcheck.normalise import heading_section, wrapped_heading

    texts = [_row_text(r) for r in rows]
    out = [heading_section(t) is not None for t in texts]
    for k in range(len(texts) - 1):
        if not out[k] and (wrapped_heading(texts[k], texts[k + 1]) is not None or (
                not out[k + 1] and heading_section(f"{texts[k]} {texts[k + 1]}") is not None)):
            out[k] = out[k + 1] = True
    return out


# What _margin_headings says of a note: none, a heading, the second row of the heading above.
_HEADS, _GOES_ON = 1, 2


def _margin_headings(notes: list[tuple[list[list[Word]], int | None]], main_rows: list[list[Word]]) -> list[int]:
    """Which of a left margin's notes are section headings to set on lines of their own (res.cls
    and its kin: "EDUCATION" beside a school's line, "RESEARCH" / "EXPERIENCE" beside the first
    two), rather than labels that head their line (moderncv's "Languages: Python"). They are, on a
    page whose own headings all stand in the margin: at least two notes, each joined with an
    undated note right under it, are headings the sections data knows, and no main line is one.
    There every undated note is a heading ("SCIENTIFIC" / "PRODUCTION" too). Per note: 0, _HEADS
    or _GOES_ON."""
    if len(notes) < 2 or any(_is_heading(_row_text(r), known=True) for r in main_rows):
        return [0] * len(notes)
    out = [0] * len(notes)
    texts: list[str] = []
    for k, (rows_, _) in enumerate(notes):
        text = " ".join(_row_text(x) for x in rows_)
        if _YEAR.search(text):
            continue
        prev = notes[k - 1][0][-1] if k else None
        # A row right under an undated one goes on with it, unless it is a heading of its own
        # that does not go on one ("RESEARCH" / "EXPERIENCE" does; a name over "SUMMARY" does not).
        if prev is not None and out[k - 1] and not _YEAR.search(" ".join(_row_text(x) for x in notes[k - 1][0])) and (
                rows_[0][0]["top"] - max(w["bottom"] for w in prev) <= 0.8 * max(w["bottom"] - w["top"] for w in prev)
        ) and (not _is_heading(text, known=True) or _is_heading(f"{texts[-1]} {text}", known=True)):
            out[k] = _GOES_ON
            texts[-1] += f" {text}"
        else:
            out[k] = _HEADS
            texts.append(text)
    return out if sum(_is_heading(t, known=True) for t in texts) >= 2 else [0] * len(notes)


def _is_heading(text: str, *, known: bool = False) -> bool:
    """Whether ``text`` is a section heading; ``known``: one the headings data names (not just
    a line in capitals, "NLTK" wrapped on a line of its own)."""
    from gapcheck.normalise import heading_section

    return heading_section(text) not in ((None, "other") if known else (None,))


def _split_rows(rows: list[list[Word]], gutter: float, side: str) -> Split:
    """Split rows at the gutter into main lines and margin parts, each margin part with the index
    of the main line beside it (None when it has a line of its own). A row that runs over the
    gutter, or breaks there by no more than a word space, is a main line."""
    main_rows: list[list[Word]] = []
    margin: list[tuple[list[Word], int | None]] = []
    left = side == "left"
    if left:
        # A left margin's right-aligned dates may reach past the gutter found in the white space
        # left of them: its notes end where the main column's lines begin.
        row_runs = [_runs(r) for r in rows]
        starts = Counter(round(run[0]["x0"]) for runs in row_runs for run in runs if run[0]["x0"] >= gutter)
        main_left = starts.most_common(1)[0][0] - 1.0 if starts else gutter
    for k, r in enumerate(rows):
        if left:
            runs = row_runs[k]
            lead = runs[0]
            if lead[0]["x0"] < gutter and lead[-1]["x1"] <= main_left and lead[-1]["x1"] > gutter:
                rest = [w for run in runs[1:] for w in run]
                if rest:
                    main_rows.append(rest)
                margin.append((lead, len(main_rows) - 1 if rest else None))
                continue
        crossing = False
        mine: list[Word] = []
        rest = []
        for w in r:
            x0, x1 = w["x0"], w["x1"]
            if x0 < gutter < x1:
                crossing = True
            (mine if (x1 <= gutter if left else x0 >= gutter) else rest).append(w)
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
    top, bottom = min(map(_TOP, row)), max(map(_BOTTOM, row))
    reach = 1.5 * (bottom - top)
    beside = any(t < bottom and b > top for t, b in spans)
    above = any(0 <= top - b <= reach for _, b in spans)
    below = any(0 <= t - bottom <= reach for t, _ in spans)
    return not beside and above and below


# A note's lines ending or starting a date range ("Apr 2023 -" / "Present") are one note.
_OPEN_END = re.compile(r"(?:[-\u2010-\u2015~]|\bto)\s*$", re.I)
_RANGE_START = re.compile(r"^\s*(?:[-\u2010-\u2015~]|to\b|present\b|current\b|now\b|today\b)", re.I)
# A note cut after its end month ("Jul 2022Jul" / "2023", "Sep 2019-Jan" / "2022").
_MONTH_END = re.compile(r"(?:^|[\s\d\W])(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?$", re.I)


def _word_space(row: list[Word], gutter: float) -> bool:
    """True when the words either side of the gutter are only a word space apart (a line of
    text that happens to break at the gutter), not a note's distance (half an em or more)."""
    left = max((w for w in row if w["x1"] <= gutter), key=lambda w: w["x1"])
    right = min((w for w in row if w["x0"] >= gutter), key=lambda w: w["x0"])
    # TeX stretches the space after a sentence's or a clause's end further in a justified line.
    space = 0.8 if left["text"].endswith((".", ",", ";", ":", "!", "?")) else 0.5
    return right["x0"] - left["x1"] <= space * max(left["bottom"] - left["top"], 1.0)


def with_notes(
    words: list[Word], gutter: float, side: str, rows: list[list[Word]] | None = None, split: Split | None = None
) -> list[Line]:
    """Lines of a page with a margin of notes: each note joined to the main line it starts beside.

    A note is a run of margin lines one under the other. It starts at the main line that shares
    its first line's baseline, so a date right of an entry's title, or left of it, or on the
    line below its place, stays with the entry's first line ("Title | Place Apr 2023 - Present",
    "Apr 2023 - Present | Title"). A margin line beside a main line starts a new note, unless it
    carries on a date range or brings the date to a note without one (a place above its dates).
    """
    if split is None:
        split = _split_rows(_rows(words) if rows is None else rows, gutter, side)
    main_rows, margin = split
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
            # A note without a date takes the date below it (a place above its dates), unless it
            # is a section's heading in the margin (Europass: "WORK EXPERIENCE" over "01/11/2024 -").
            dates_it = _YEAR.search(text) and not _YEAR.search(before) and not _is_heading(before)
            # Nor is a section's heading the second line of a note (a name over "SUMMARY").
            if close and (beside is None or carries or dates_it) and not _is_heading(text, known=True):
                notes[-1][0].append(words_)
                continue
        notes.append(([words_], beside))
    attached: dict[int, list[str]] = {}
    lines: list[Line] = []
    heads = _margin_headings(notes, main_rows) if side == "left" else [0] * len(notes)
    for k, (note_rows, beside) in enumerate(notes):
        text = " ".join(_row_text(x) for x in note_rows)
        if heads[k] == _GOES_ON and _is_heading(joined := f"{lines[-1][0]} {text}"):
            lines[-1] = (joined, lines[-1][1])  # a heading's second row ("RESEARCH" / "EXPERIENCE")
        elif heads[k] == _GOES_ON:  # a line of its own, right under the first ("Projects and" / "Developments")
            lines.append((text, lines[-1][1] + 0.001))
        elif heads[k]:  # a heading goes on a line of its own, above the line beside it
            top = note_rows[0][0]["top"]
            if beside is None:  # ... or level with it (set a little lower, on the text's baseline)
                bottom = max(map(_BOTTOM, note_rows[0]))
                beside = next((i for i, r in enumerate(main_rows) if min(map(_TOP, r)) < bottom
                               and max(map(_BOTTOM, r)) > top), None)
            if beside is not None:
                top = min(top, *map(_TOP, main_rows[beside]))
            # A heading of two rows that is none as one line keeps its rows ("Projects and" / "Developments").
            parts = [text] if len(note_rows) == 1 or _is_heading(text) else [_row_text(r) for r in note_rows]
            lines.extend((part, top - 0.01 + 0.001 * j) for j, part in enumerate(parts))
        elif beside is None:
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
