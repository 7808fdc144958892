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

from functools import partial
from itertools import groupby
from operator import itemgetter
from typing import Any

from gapcheck._words import (
    BULLET,
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


# A character as the words are built from it: text, x0, x1, top, bottom, font size, upright.
Char = tuple[str, float, float, float, float, float, bool]


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
        keys = ("text", "x0", "x1", "top", "bottom", "size", "upright")
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
                chars.append(((obj.get_text(), x0, x1, top, bottom, obj.size, obj.upright), fontname or ""))
            elif isinstance(obj, LTContainer):  # a figure: its objects come next, in order
                stack.append(iter(obj))
                break
            elif isinstance(obj, LTImage):
                images = True
        else:
            stack.pop()
    return chars, images


def page_words(chars: list[tuple[Char, str]]) -> list[Word]:
    """Group a page's characters into words at gaps measured against their font size.

    Pictures are dropped first, or read as bullets when one opens many lines
    (``_words.icon_key``); a gap wider than ``WORD_GAP`` of the previous character's size ends
    a word (pdfplumber's ``x_tolerance_ratio``), and a hyphen or comma just after a word stays
    with it (``_words.attach_punctuation``).
    """
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
            kept.append(ch if text == ch[0] else (text, *ch[1:]))
    return attach_punctuation(group_words(kept))


def group_words(chars: list[Char]) -> list[Word]:
    """Words as pdfplumber's ``extract_words(chars, x_tolerance_ratio=WORD_GAP)`` makes them
    (pdfplumber 0.11 ``WordExtractor``: y_tolerance 3, blanks dropped, ligatures expanded),
    with only the keys the layout reads: text, x0, x1, top, bottom.

    Runs of upright and of rotated characters are taken in turn; each run is cut into lines
    (characters whose tops, or for rotated text left edges, chain within 3 points), the lines
    are read in order of position and each line's characters along it, and a word ends at a
    blank, at a gap of more than ``WORD_GAP`` of the previous character's size, or where the
    next character steps back or off the line.
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
        for line in lines:
            line.sort(key=itemgetter(1) if upright else itemgetter(3, 4))
            word: list[Char] = []
            for ch in line:
                if ch[0].isspace():
                    if word:
                        words.append(_merge(word, LIGATURES))
                        word = []
                    continue
                if word:
                    prev = word[-1]
                    tolerance = WORD_GAP * prev[5]
                    if upright:
                        new = ch[1] < prev[1] or ch[1] > prev[2] + tolerance or abs(ch[3] - prev[3]) > 3
                    else:
                        new = ch[3] < prev[3] or ch[3] > prev[4] + 3 or abs(ch[1] - prev[1]) > tolerance
                    if new:
                        words.append(_merge(word, LIGATURES))
                        word = []
                word.append(ch)
            if word:
                words.append(_merge(word, LIGATURES))
    return words


def _merge(chars: list[Char], ligatures: dict[str, str]) -> Word:
    return {
        "text": "".join(ligatures.get(ch[0], ch[0]) for ch in chars),
        "x0": min(ch[1] for ch in chars),
        "x1": max(ch[2] for ch in chars),
        "top": min(ch[3] for ch in chars),
        "bottom": max(ch[4] for ch in chars),
    }
