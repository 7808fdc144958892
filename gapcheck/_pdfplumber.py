"""PDF words from pdfplumber (the default ``--pdf-engine``), with their positions on the page.

pdfplumber (over pdfminer) is imported only when a PDF is read, so that commands that read
none stay fast. The characters come from the page's pdfminer layout, with the coordinates
``page.chars`` gives them (:func:`layout_chars`), and are grouped into words by pdfplumber's
``extract_words`` rules (:func:`group_words`): pdfplumber's own ``page.chars`` resolves about
twenty attributes of every character, colours and graphic state included, which costs as much
as a third of reading the page, and ``extract_words`` builds dictionaries of ten keys per
word; the layout needs five.
"""

from __future__ import annotations

import re
import unicodedata
from functools import partial
from itertools import groupby
from operator import itemgetter
from typing import Any

from gapcheck._masks import mask_group, read_masks
from gapcheck._rows import overlapping_lines
from gapcheck._words import (
    BULLET,
    TEX_T1,
    WORD_GAP,
    PageWords,
    Word,
    attach_punctuation,
    bullet_icons,
    check_page_count,
    damaged_pdf,
    encrypted_pdf,
    glyph_text,
    icon_font,
    icon_key,
    line_word_gap,
)
from gapcheck.config import Limits
from gapcheck.errors import GapcheckError


def pdfplumber_pages(data: bytes, name: str, *, limits: Limits, password: str | None) -> list[PageWords]:
    """Return each page's words, size and whether it holds images, read with pdfplumber.

    Args:
        data: the PDF's bytes.
        name: the file name, for error messages.
        limits: ``limits.max_pages`` is enforced before any page is read.
        password: password of an encrypted PDF, or None.

    Returns:
        Per page: (words, page width, page height, whether it draws an image, as a function);
        see :func:`page_words`.

    Raises:
        EncryptedPdfError, CorruptPdfError, LimitExceededError, MemoryError.
    """
    import io
    import logging

    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfplumber.utils.exceptions import PdfminerException

    # pdfminer logs every oddity of a damaged file; the outcome is reported as an error instead.
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    try:
        pdf = pdfplumber.open(io.BytesIO(data), password=password or "")
    except GapcheckError:  # the time limit, raised inside pdfminer
        raise
    except PdfminerException as exc:
        cause = exc.args[0] if exc.args else exc
        if isinstance(cause, (GapcheckError, MemoryError)):  # pdfplumber wraps the time limit too
            raise cause from exc
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise encrypted_pdf(name, password) from exc
        raise damaged_pdf(name, repr(cause)) from exc
    except Exception as exc:  # pdfminer raises many unrelated types on damaged files
        raise damaged_pdf(name, repr(exc)) from exc
    out: list[PageWords] = []
    try:
        with pdf:
            try:
                count = len(pdf.pages)
            except Exception as exc:
                if isinstance(exc, (GapcheckError, MemoryError)):
                    raise
                if isinstance(exc.args[0] if exc.args else None, (GapcheckError, MemoryError)):
                    raise exc.args[0] from exc
                raise damaged_pdf(name, repr(exc)) from exc
            check_page_count(count, name, limits)
            for page in pdf.pages:
                # Mend the Type 3 fonts before the layout reads their characters (page.chars
                # reads the same layout).
                _mend_numbered_glyphs(pdf, page)
                read_masks(page)  # gradient headings: text drawn in a soft mask
                chars, has_images = layout_chars(page)
                out.append((page_words(chars), float(page.width), float(page.height), partial(bool, has_images)))
                page.flush_cache()
    except (GapcheckError, MemoryError):  # a limit, the time limit included: not a damaged file
        raise
    except Exception as exc:
        if isinstance(exc.args[0] if exc.args else None, (GapcheckError, MemoryError)):  # pdfplumber wraps them
            raise exc.args[0] from exc
        raise damaged_pdf(name, repr(exc)) from exc
    return out


def mask_words(data: bytes, index: int, password: str | None) -> list[Word]:
    """The words that page ``index`` draws in soft masks (see ``_masks``), for the PDFium reader:
    PDFium's text pages leave them out. Empty when the page has none or pdfminer cannot read it."""
    import io

    import pdfplumber

    try:
        with pdfplumber.open(io.BytesIO(data), password=password or "") as pdf:
            page = pdf.pages[index]
            _mend_numbered_glyphs(pdf, page)
            if not read_masks(page, masks_only=True):
                return []
            return page_words(layout_chars(page)[0])
    except (GapcheckError, MemoryError):  # the time limit or memory: not for this reader to hide
        raise
    except Exception:  # the page reads without its masks, as PDFium has it
        return []


# A character as the words are built from it: text, x0, x1, top, bottom, font size, upright and
# the text matrix (which way text that is not upright runs: :func:`_rotated_lines`).
Char = tuple[str, float, float, float, float, float, bool, tuple[float, ...]]


# The pdfplumber series whose Page.process_object layout_chars copies; tests/test_engines.py
# checks the installed version against page.chars. Any other reads page.chars.
_COPIED_SERIES = "0.11."


def layout_chars(page: Any) -> tuple[list[tuple[Char, str]], bool]:
    """A page's characters (each with its font name) in content order, and whether it draws an image.

    The values are those of pdfplumber's ``page.chars`` (pdfplumber 0.11: ``Page.process_object``),
    read from the pdfminer layout objects without resolving the attributes the words do not use.
    """
    import pdfplumber
    from pdfminer.layout import LTChar, LTContainer, LTImage
    from pdfplumber.page import fix_fontname_bytes

    if not pdfplumber.__version__.startswith(_COPIED_SERIES):
        keys = ("text", "x0", "x1", "top", "bottom", "size", "upright", "matrix")
        return [(tuple(c[k] for k in keys), c.get("fontname") or "") for c in page.chars], bool(page.images)
    # pdfminer places objects relative to the MediaBox; pdfplumber measures from its top-left.
    height = page.height
    mb_x0, mb_top = page.mediabox[:2]
    chars: list[tuple[Char, str]] = []
    images = False
    stack = [iter(page.layout)]
    while stack:
        for obj in stack[-1]:
            if isinstance(obj, LTChar):
                x0, x1 = obj.x0, obj.x1
                if mb_x0 != 0:
                    x0, x1 = x0 + mb_x0, x1 + mb_x0
                fontname = obj.fontname
                if isinstance(fontname, bytes):  # pragma: no cover - rare byte-encoded names
                    fontname = fix_fontname_bytes(fontname)
                top, bottom = (height - obj.y1) + mb_top, (height - obj.y0) + mb_top
                chars.append(((obj.get_text(), x0, x1, top, bottom, obj.size, obj.upright, obj.matrix), fontname or ""))
            elif isinstance(obj, LTContainer):  # a figure: its objects come next, in order
                stack.append(iter(obj))
                break
            elif isinstance(obj, LTImage):
                images = True
        else:
            stack.pop()
    return chars, images


# A Type 3 font that TeX made from a bitmap font (no Type 1 font at hand: T1-encoded text without
# cm-super) names each glyph after its code ("a233") and has no ToUnicode map. pdfminer then reads
# the code in Adobe's standard encoding ("é" as "Ø", "à" as nothing); poppler and PDFium read
# the number as the character. Codes 192-255 are Latin-1 in TeX's T1 encoding, bar two; the
# others that differ are in _words.TEX_T1.
_NUMBERED = re.compile(r"^[A-Za-z]{1,2}(\d{2,3})$")
_T1_OTHER = {code: unicodedata.normalize("NFKC", ch) for code, ch in TEX_T1.items()} | {223: "SS"}


def _mend_numbered_glyphs(pdf: Any, page: Any) -> None:
    """Give the numbered glyphs of the page's Type 3 fonts their characters (``_NUMBERED``), in the
    fonts pdfminer caches, before the page's characters are read."""
    from pdfminer.pdftypes import PDFObjRef, resolve1
    from pdfminer.psparser import PSLiteral

    for ref in _font_refs(page.page_obj.resources):
        spec = resolve1(ref)
        if not (isinstance(ref, PDFObjRef) and isinstance(spec, dict) and "ToUnicode" not in spec):
            continue
        subtype = spec.get("Subtype")
        encoding = resolve1(spec.get("Encoding"))
        if getattr(subtype, "name", None) != "Type3" or not isinstance(encoding, dict):
            continue
        named: dict[int, int] = {}
        code = 0
        for item in resolve1(encoding.get("Differences")) or []:
            if isinstance(item, int):
                code = item
            elif isinstance(item, PSLiteral):
                numbered = _NUMBERED.match(str(item.name))
                if numbered:
                    named[code] = int(numbered[1])
                code += 1
        # TeX names each glyph of its bitmap fonts after its own code; such a font is T1-encoded
        # (OT1 text has Type 1 fonts wherever TeX is installed).
        if not named or any(code != number for code, number in named.items()):
            continue
        font = pdf.rsrcmgr.get_font(ref.objid, spec)
        for code, number in named.items():
            if number >= 192 or number in _T1_OTHER:
                font.cid2unicode[code] = _T1_OTHER.get(number, chr(number))


def _font_refs(resources: Any, depth: int = 0) -> list[Any]:
    """The fonts of ``resources``, of the forms it draws and of its soft masks (see ``_masks``),
    down to a few levels of nesting."""
    from pdfminer.pdftypes import PDFStream, resolve1

    resources = resolve1(resources)
    if not isinstance(resources, dict) or depth > 3:
        return []
    fonts = resolve1(resources.get("Font"))
    refs = list(fonts.values()) if isinstance(fonts, dict) else []
    xobjects, states = resolve1(resources.get("XObject")), resolve1(resources.get("ExtGState"))
    forms = [resolve1(x) for x in xobjects.values()] if isinstance(xobjects, dict) else []
    forms += [mask_group(s) for s in states.values()] if isinstance(states, dict) else []
    for form in forms:
        if isinstance(form, PDFStream) and form.get("Resources") is not None:
            refs += _font_refs(form.get("Resources"), depth + 1)
    return refs


# A glyph drawn again within this share of its size from itself is a drop shadow or fake bold.
_SHADOW = 0.15


def _without_shadows(chars: list[tuple[Char, str]]) -> list[tuple[Char, str]]:
    """The characters less their second drawings: a title with a drop shadow, or bold made by
    printing the text twice a little apart, would read "EEnnsseeiiggnn" (PDFium drops them too)."""
    seen: dict[tuple[str, int, int], list[tuple[float, float]]] = {}
    out = []
    for item in chars:
        text, x, _, top, _, size, *_ = item[0]
        tol = _SHADOW * float(size or 0)
        if tol <= 0 or not text.strip():
            out.append(item)
            continue
        kx, ky = int(x // tol), int(top // tol)
        if any(abs(x - x2) <= tol and abs(top - t2) <= tol
               for dx in (-1, 0, 1) for dy in (-1, 0, 1) for x2, t2 in seen.get((text, kx + dx, ky + dy), ())):
            continue
        seen.setdefault((text, kx, ky), []).append((x, top))
        out.append(item)
    return out


def page_words(chars: list[tuple[Char, str]]) -> list[Word]:
    """Group a page's characters into words at gaps measured against their font size.

    Pictures are dropped first, or read as bullets when one opens many lines
    (``_words.icon_key``); a gap wider than ``WORD_GAP`` of the previous character's size ends
    a word (pdfplumber's ``x_tolerance_ratio``), and a hyphen or comma just after a word stays
    with it (``_words.attach_punctuation``).
    """
    chars = _without_shadows(chars)
    keys: list[str | None] = []
    for (text, *_), fontname in chars:
        # Nearly every character is plain text in a text font: one cached look-up of its font.
        keys.append(None if text.isascii() and "(cid:" not in text and not icon_font(fontname)
                    else icon_key(text, fontname))
    bullets = bullet_icons([k for k in keys if k]) if any(keys) else set()
    kept: list[Char] = []
    for (ch, fontname), key in zip(chars, keys, strict=True):
        if key is not None:
            text = BULLET if key in bullets else ""
        elif ch[0].isascii():  # no glyph to map
            if ch[0]:
                kept.append(ch)
            continue
        else:
            text = glyph_text(ch[0], fontname)
        if text:
            kept.append(ch if text == ch[0] else (text, *ch[1:]))  # type: ignore[arg-type]
    # Upright text is grouped as pdfplumber groups it; text turned on its side line by line.
    upright = [ch for ch in kept if ch[6]]
    rotated = [ch for ch in kept if not ch[6]]
    return attach_punctuation(group_words(upright, streams=True)) + (_rotated_lines(rotated) if rotated else [])


def group_words(chars: list[Char], *, streams: bool = False) -> list[Word]:
    """Words as pdfplumber's ``extract_words(chars, x_tolerance_ratio=WORD_GAP)`` makes them
    (pdfplumber 0.11 ``WordExtractor``: y_tolerance 3, blanks dropped, ligatures expanded),
    with only the keys the layout reads: text, x0, x1, top, bottom.

    Runs of upright and of rotated characters are taken in turn; each run is cut into lines
    (characters whose tops, or for rotated text left edges, chain within 3 points), the lines
    are read in order of position and each line's characters along it, and a word ends at a
    blank, at a gap of more than ``WORD_GAP`` of the previous character's size, or where the
    next character steps back or off the line.

    ``streams`` (gapcheck's reading, not pdfplumber's): a line whose lines of text overlap across
    the page is read as those lines (:func:`_streams`), and a bullet is a word of its own.
    """
    from pdfplumber.utils.text import LIGATURES

    words: list[Word] = []
    for upright, run in groupby(chars, itemgetter(6)):
        group = list(run)
        # pdfplumber's line clustering (utils.clustering.cluster_objects): tops (left edges
        # of rotated text) sorted, a new line where one is more than 3 points past the last.
        position = itemgetter(3 if upright else 1)
        index: dict[float, int] = {}
        n = -1
        last = 0.0
        for value in sorted({position(ch) for ch in group}):
            if n < 0 or value > last + 3:
                n += 1
            index[value] = n
            last = value
        lines: list[list[Char]] = [[] for _ in range(n + 1)]
        for ch in group:
            lines[index[position(ch)]].append(ch)
        if upright and streams:
            lines = [part for line in lines for part in _streams(line)]
        for line in lines:
            line.sort(key=itemgetter(1) if upright else itemgetter(3, 4))
            # A line justified tighter than WORD_GAP ends its words at its own gap (_words.line_word_gap).
            gaps = [(b[1] - a[2]) / a[5] for a, b in zip(line, line[1:], strict=False) if a[5] > 0] if upright else []
            ratio = line_word_gap(gaps)
            word: list[Char] = []
            for ch in line:
                if ch[0].isspace():
                    if word:
                        words.append(_merge(word, LIGATURES))
                        word = []
                    continue
                if word:
                    prev = word[-1]
                    tolerance = ratio * prev[5]
                    if upright:
                        new = ch[1] < prev[1] or ch[1] > prev[2] + tolerance or abs(ch[3] - prev[3]) > 3
                        # A bullet is no letter of a word (a margin heading's "Dev•elopments").
                        new = new or (streams and BULLET in (ch[0], prev[0]))
                    else:
                        new = ch[3] < prev[3] or ch[3] > prev[4] + 3 or abs(ch[1] - prev[1]) > tolerance
                    if new:
                        words.append(_merge(word, LIGATURES))
                        word = []
                word.append(ch)
            if word:
                words.append(_merge(word, LIGATURES))
    return words


def _streams(line: list[Char]) -> list[list[Char]]:
    """A line's characters as one line, or as the lines they make where lines of text a little
    apart in height overlap across the page ("Developments" over "[Hardware ...]", 2.6 points
    lower: :func:`_rows.overlapping_lines`)."""
    parts = overlapping_lines(sorted(line, key=itemgetter(1)), 1, 2, 3, 0) if len(line) > 1 else None
    return [line] if parts is None else parts


def _merge(chars: list[Char], ligatures: dict[str, str]) -> Word:
    return {
        "text": "".join(ligatures.get(ch[0], ch[0]) for ch in chars),
        "x0": min(ch[1] for ch in chars),
        "x1": max(ch[2] for ch in chars),
        "top": min(ch[3] for ch in chars),
        "bottom": max(ch[4] for ch in chars),
    }


def _rotated_lines(rotated: list[Char]) -> list[Word]:
    """Text turned a quarter (a heading set up the side of its section) as one "word" per line,
    its words in reading order; text mirrored or upside down (a reflection under a title) is
    decoration and dropped, as PDFium and poppler drop it."""
    from pdfplumber.utils import extract_words

    keys = ("text", "x0", "x1", "top", "bottom", "size", "upright", "matrix")
    chars: list[dict[str, Any]] = [
        {**dict(zip(keys, ch, strict=True)), "doctop": ch[3], "width": ch[2] - ch[1], "height": ch[4] - ch[3]}
        for ch in rotated
    ]
    out: list[Word] = []
    for up in (True, False):
        # The text runs up the page when its baseline points up (matrix b > 0), else down.
        group = [ch for ch in chars if abs(ch["matrix"][0]) < 1e-3 and abs(ch["matrix"][3]) < 1e-3
                 and (ch["matrix"][1] > 0) == up]
        if not group:
            continue
        words = extract_words(group, x_tolerance_ratio=WORD_GAP, keep_blank_chars=False, use_text_flow=False,
                              char_dir_rotated="btt" if up else "ttb")
        lines: dict[int, list[Word]] = {}
        for w in words:
            lines.setdefault(round(w["x0"] / 3), []).append(w)
        for line in lines.values():
            line.sort(key=lambda w: -w["bottom"] if up else w["top"])
            # Words more than a word space apart along the line are separate lines (headings of
            # sections one above the other).
            runs = [[line[0]]]
            for prev, w in zip(line, line[1:], strict=False):
                gap = prev["top"] - w["bottom"] if up else w["top"] - prev["bottom"]
                if gap > (prev["x1"] - prev["x0"]):  # the line's height: an em or so
                    runs.append([w])
                else:
                    runs[-1].append(w)
            out += [{"text": " ".join(w["text"] for w in run), "x0": min(w["x0"] for w in run),
                     "x1": max(w["x1"] for w in run), "top": min(w["top"] for w in run),
                     "bottom": max(w["bottom"] for w in run)} for run in runs]
    return out
