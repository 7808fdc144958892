"""PDF words from pypdfium2 (``--pdf-engine pdfium``), shaped like pdfplumber's ``extract_words``.

PDFium opens and lays out a one-page resume in a few milliseconds, about thirty times faster
than pdfminer. Words are rebuilt from PDFium's characters by the rules ``_pdfplumber`` uses
(split on whitespace and on horizontal gaps wider than ``_words.WORD_GAP`` of the font size,
icon glyphs dropped), with ``top``/``bottom`` measured from the top of the page, so
:func:`gapcheck._layout.layout_page` treats both engines' words alike.

PDFium has no call that returns many characters' boxes at once, and its rectangles
(``FPDFText_GetRect``) are tight glyph boxes spanning a whole text object, which would give
other words. PDFium's rectangles do tell which characters one text object draws: one count of
them answers for a whole line of tokens. So a word costs about four calls (see
:func:`_page_words`), made without pypdfium2's argument conversion (:class:`_Calls`).
"""

from __future__ import annotations

import ctypes
import math
import re
import struct
from functools import partial
from typing import Any

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
    starts_word,
)
from gapcheck.config import Limits
from gapcheck.errors import EncryptedPdfError, GapcheckError, LimitExceededError

# pdfplumber's extract_words default: a character whose top moves by more than this (points)
# starts a new line.
Y_TOLERANCE = 3.0
# PDFium marks a hyphen that ends a line as U+0002 or U+FFFE; pdfplumber shows it as "-".
_PDFIUM_HYPHENS = str.maketrans({"\x02": "-", "\ufffe": "-"})
# What glyph_text keeps of each character outside an icon or symbol font: all but private-use codes.
_drop_private = re.compile("[\ue000-\uf8ff\U000f0000-\U0010ffff]").sub
# Three FS_RECTF (left, top, right, bottom; C floats) read at once.
_RECTS = struct.Struct("12f").unpack_from
# A run of characters between whitespace; control characters other than the hyphen split too.
_TOKEN = re.compile(r"[^\s\x00\x01\x03-\x1f]+")
# Codes of TeX's T1 encoding (_words.TEX_T1) that PDFium leaves as they are when a font has no
# Unicode map ("Certi\x1ccat", which Python takes for whitespace; pdfminer reads the embedded
# font's glyph names instead).
_TEX_CODE = re.compile("[" + "".join(map(chr, TEX_T1)) + "]")


def pdfium_pages(data: bytes, name: str, *, limits: Limits, password: str | None) -> list[PageWords]:
    """Return each page's words, size and whether it holds images, read with PDFium.

    Args:
        data: the PDF's bytes.
        name: the file name, for error messages.
        limits: ``limits.max_pages`` is enforced before any page is read.
        password: password of an encrypted PDF, or None.

    Returns:
        Per page: (words with text/x0/x1/top/bottom in points from the top-left corner,
        page width, page height, whether it draws an image), as ``_pdfplumber.pdfplumber_pages``
        returns them; the last is a function, which opens the PDF again for a page with words.

    Raises:
        GapcheckError: pypdfium2 is not installed.
        EncryptedPdfError, CorruptPdfError, LimitExceededError.
    """
    try:
        import pypdfium2 as pdfium
        import pypdfium2.raw as pdfium_c
    except ImportError as exc:
        raise GapcheckError(
            f"{name}: --pdf-engine pdfium needs pypdfium2: pip install 'gapcheck[fast]' "
            "(or use the default engine, pdfplumber)."
        ) from exc

    try:
        pdf = pdfium.PdfDocument(data, password=password)
    except pdfium.PdfiumError as exc:
        if exc.err_code == pdfium_c.FPDF_ERR_PASSWORD:
            raise encrypted_pdf(name, password) from exc
        if exc.err_code == pdfium_c.FPDF_ERR_SECURITY:
            raise EncryptedPdfError(
                f"{name}: the PDF uses an encryption scheme PDFium cannot open; "
                "try --pdf-engine pdfplumber, or save an unencrypted copy."
            ) from exc
        raise damaged_pdf(name, str(exc).rstrip(".")) from exc
    out: list[PageWords] = []
    calls = _Calls(pdfium_c)
    # Soft masks show in the bytes, unless the objects are compressed (then look at the pages).
    masks = b"/SMask" in data or b"/ObjStm" in data
    try:
        count = len(pdf)
        check_page_count(count, name, limits)
        for index in range(count):
            page = pdf[index]
            try:
                left, bottom, right, top = page.get_bbox()
                textpage = page.get_textpage()
                try:
                    words = _page_words(textpage, calls, left, top)
                finally:
                    textpage.close()
                if masks and _painted_through_mask(page.raw, pdfium_c, calls):
                    # Text drawn in a soft mask (a gradient heading) is not in PDFium's text page.
                    from gapcheck._pdfplumber import mask_words

                    words += mask_words(data, index, password)
                if words:
                    # Whether a page with text draws an image matters only when the whole
                    # document gives no text (all its lines repeated margins): looked at then.
                    # Chromium draws each character as an object of its own, so looking costs
                    # as much as reading the words.
                    images = partial(_images_on_page, data, index, password)
                else:
                    images = partial(bool, _has_images(page.raw, pdfium_c, calls))
                out.append((words, right - left, top - bottom, images))
            finally:
                page.close()
    except LimitExceededError:
        raise
    except Exception as exc:  # PdfiumError, or a ctypes failure on a hostile file
        raise damaged_pdf(name, repr(exc)) from exc
    finally:
        pdf.close()
    return out


# PDFium functions called per character, bound once without pypdfium2's argument conversion
# (see _Calls): (attribute, name in pypdfium2.raw).
_UNCHECKED = (
    ("box", "FPDFText_GetLooseCharBox"),
    ("size", "FPDFText_GetFontSize"),
    ("origin", "FPDFText_GetCharOrigin"),
    ("count_rects", "FPDFText_CountRects"),
    ("font_info", "FPDFText_GetFontInfo"),
    ("unicode", "FPDFText_GetUnicode"),
    ("map_error", "FPDFText_HasUnicodeMapError"),
    ("count_objects", "FPDFPage_CountObjects"),
    ("get_object", "FPDFPage_GetObject"),
    ("object_type", "FPDFPageObj_GetType"),
    ("transparent", "FPDFPageObj_HasTransparency"),
)
_FUNCTIONS: dict[str, Any] = {}


class _Calls:
    """PDFium's text functions, called without pypdfium2's per-call argument conversion, and
    the out-parameters they fill (one set per document, so that threads share none).

    pypdfium2 declares every function's argument types, and ctypes checks and converts each
    argument on every call: that costs more than PDFium's own work for a character box (about
    1.8 against 0.9 microseconds here), and a page takes about a thousand such calls. These are
    the same C functions with only their return types declared; every argument passed to them
    is a ctypes pointer, a ctypes number, or a Python int where C takes an int, as ctypes'
    default conversion requires.
    """

    def __init__(self, c: Any) -> None:
        if not _FUNCTIONS:
            for attr, name in _UNCHECKED:
                func = getattr(c, name)
                address = ctypes.cast(func, ctypes.c_void_p).value
                _FUNCTIONS[attr] = ctypes.CFUNCTYPE(func.restype)(address or 0)
        funcs = _FUNCTIONS
        self.box, self.size, self.origin = funcs["box"], funcs["size"], funcs["origin"]
        self.count_rects, self.font_info, self.unicode = funcs["count_rects"], funcs["font_info"], funcs["unicode"]
        self.count_objects, self.get_object = funcs["count_objects"], funcs["get_object"]
        self.object_type, self.map_error = funcs["object_type"], funcs["map_error"]
        self.transparent = funcs["transparent"]
        # Three character boxes, side by side, so that one unpack (_RECTS) reads them all.
        self.rect_array = (c.FS_RECTF * 3)()
        self.rects = [self.rect_array[i] for i in range(3)]
        self.rect_ptrs = [ctypes.pointer(r) for r in self.rects]
        self.x, self.y = ctypes.c_double(), ctypes.c_double()  # a character's origin
        self.x_ptr, self.y_ptr = ctypes.pointer(self.x), ctypes.pointer(self.y)
        self.font = ctypes.create_string_buffer(128)
        self.font_len = ctypes.c_ulong(len(self.font))
        self.flags_ptr = ctypes.pointer(ctypes.c_int())
        # Per font name as PDFium gives it: the name, and whether the font draws pictures.
        self.fonts: dict[bytes, tuple[str, bool]] = {}


def _page_words(textpage: Any, f: _Calls, left: float, page_top: float) -> list[Word]:
    """Group a text page's characters into words, in PDFium's (content stream) order."""
    raw = textpage.raw
    n = textpage.count_chars()
    text = textpage.get_text_range()
    if len(text) != n:
        # Rare: PDFium's text view skipped or added characters; read them one by one instead.
        text = "".join(chr(f.unicode(raw, i)) for i in range(n))
    if _TEX_CODE.search(text):
        text = _tex_codes(raw, f, text)
    box, other, last = f.rects
    box_ptr, other_ptr, last_ptr = f.rect_ptrs
    rect_array, boxes = f.rect_array, _RECTS
    get_box, get_size, count_rects, origin, origin_y = f.box, f.size, f.count_rects, f.origin, f.y
    x_ptr, y_ptr = f.x_ptr, f.y_ptr
    font, fonts = f.font, f.fonts
    words: list[Word] = []
    append = words.append
    icons: list[tuple[str, int]] = []  # (icon_key, index in words) of every picture

    def word(start: int, end: int, x0: float, x1: float, bottom: float, size: float, kept: str = "") -> None:
        # PDF y grows upwards from the bottom; pdfplumber measures from the top. pdfminer
        # makes a character one font size tall, from a quarter em below the baseline (PDFium's
        # loose boxes are taller, and lower under a descender), and _layout sizes cell gaps by
        # that height and aligns lines by it, so copy pdfminer from the first character's baseline.
        if origin(raw, start, x_ptr, y_ptr) and size > 0:
            bottom = origin_y.value - 0.25 * size
        if not kept:
            chunk = text[start:end]
            if chunk.isascii():
                kept = chunk.translate(_PDFIUM_HYPHENS) if "\x02" in chunk else chunk
            else:
                kept = _drop_private("", chunk.translate(_PDFIUM_HYPHENS))
        if kept:
            top = page_top - bottom
            append({"text": kept, "x0": x0 - left, "x1": x1 - left, "top": top - size, "bottom": top})

    # Most tokens between whitespace are one word drawn by one text object: all their
    # characters share a baseline and font, so the first and last loose boxes give the word's
    # box. The second character is checked too, which catches letter-spaced headings; anything
    # else (several text objects, a gap) is scanned character by character. A text object
    # usually draws several tokens (a line of LaTeX or Word): while one PDFium rectangle
    # still spans the tokens since the last font look-up, the font and size are the same.
    # Fewer rectangles never span more characters, so one count to the end of the line (PDFium
    # ends lines with "\r\n") answers for every token before it.
    run = -1  # where the tokens of the current text object began; -1 when not known
    run_end = -1  # the text from run to here is known to be one rectangle
    size = 0.0
    # Per font size: the gap that surely is no word space (-inf: let starts_word decide), the room
    # a glyph may stand left of the one before, and the quarter em below the baseline.
    gap = slack = quarter = 0.0
    for m in _TOKEN.finditer(text):
        start, end = m.span()
        ch = text[start]
        if run >= 0 and ch.isascii() and (end <= run_end or count_rects(raw, run, end - run) == 1):
            get_box(raw, start, box_ptr)
            one_object = True
        else:
            run = -1
            # Pictures (an icon font's glyphs, or its icon names) are no text, and an icon may
            # touch the word after it: one font look-up per token, more only after an icon.
            while start < end:
                f.font_info(raw, start, font, f.font_len, f.flags_ptr)
                name = font.value
                known = fonts.get(name)
                if known is None:
                    fontname = name.decode("latin-1")
                    known = fonts[name] = (fontname, icon_font(fontname))
                fontname, pictures = known
                ch = text[start]
                if not pictures and ch.isascii():
                    break  # text
                key = icon_key(ch, fontname)
                if key is None and glyph_text(ch, fontname) == ch:
                    break  # text
                symbol = glyph_text(ch, fontname) if key is None else ""
                get_box(raw, start, box_ptr)
                if key is not None:
                    icons.append((key, len(words)))
                # A symbol font's bullet (Word's U+F0B7) is a bullet, whatever the token holds next.
                word(start, start + 1, box.left, box.right, box.bottom, get_size(raw, start), symbol or BULLET)
                start += 1
            if start == end:
                continue
            get_box(raw, start, box_ptr)
            size = get_size(raw, start)
            gap = WORD_GAP * size if size > 0 else -math.inf
            slack, quarter = 0.15 * size, 0.25 * size
            if end - start == 1:
                word(start, end, box.left, box.right, box.bottom, size)
                continue
            if text[start].isascii():
                # One rectangle to the end of the line (the usual case) answers for every token on it.
                line_end = text.find("\n", end)
                if line_end < 0:
                    line_end = n
                if count_rects(raw, start, line_end - start) == 1:
                    one_object, run, run_end = True, start, line_end
                else:
                    one_object = line_end > end and count_rects(raw, start, end - start) == 1
                    if one_object:
                        run, run_end = start, end
            else:
                one_object = count_rects(raw, start, end - start) == 1
        length = end - start
        if length == 1:
            word(start, end, box.left, box.right, box.bottom, size)
            continue
        get_box(raw, start + 1, other_ptr)
        if length > 2:
            get_box(raw, end - 1, last_ptr)
        x0, b_top, b_right, b_bottom, o_left, o_top, o_right, o_bottom, _, _, l_right, l_bottom = boxes(rect_array)
        if length == 2:
            l_right, l_bottom = o_right, o_bottom
        between = o_left - b_right
        if (
            one_object
            and (between <= gap or not starts_word(between, size, text[start + 1]))
            and o_left + slack >= x0
            and -Y_TOLERANCE <= o_top - b_top <= Y_TOLERANCE
        ):
            # The word, as word() makes it, written out: this is the path of nearly every word.
            x1 = l_right if l_right > b_right else b_right
            if origin(raw, start, x_ptr, y_ptr) and size > 0:
                bottom = origin_y.value - quarter
            else:
                bottom = min(b_bottom, o_bottom, l_bottom)
            chunk = text[start:end]
            if not chunk.isascii():
                chunk = _drop_private("", chunk.translate(_PDFIUM_HYPHENS))
                if not chunk:
                    continue
            elif "\x02" in chunk:
                chunk = chunk.translate(_PDFIUM_HYPHENS)
            top = page_top - bottom
            append({"text": chunk, "x0": x0 - left, "x1": x1 - left, "top": top - size, "bottom": top})
            continue
        run = -1
        _scan_token(raw, f, text, start, end, word)
    # A picture used as a bullet stays, as a bullet; any other is dropped.
    if icons:
        bullets = bullet_icons([key for key, _ in icons])
        drop = {i for key, i in icons if key not in bullets}
        words = [w for i, w in enumerate(words) if i not in drop]
    return attach_punctuation(words)


def _tex_codes(raw: Any, f: _Calls, text: str) -> str:
    """``text`` with each control character that PDFium could not map read as TeX's T1 encoding has it."""
    chars = list(text)
    for m in _TEX_CODE.finditer(text):
        if f.map_error(raw, m.start()):
            chars[m.start()] = TEX_T1[ord(m.group())]
    return "".join(chars)


def _scan_token(raw: Any, f: _Calls, text: str, first: int, end: int, word: Any) -> None:
    """Split one whitespace-free token into words at horizontal gaps and line changes, as pdfplumber does.

    A line change is a move of the baseline: the tops of PDFium's loose boxes follow each glyph
    in some fonts (a Greek capital or an accented letter stands taller than the letters beside
    it), where pdfminer's boxes, which pdfplumber compares, are as tall as the font.
    """
    get_box, get_size, origin = f.box, f.size, f.origin
    box, box_ptr = f.rects[0], f.rect_ptrs[0]
    x_ptr, y_ptr, origin_y = f.x_ptr, f.y_ptr, f.y
    start = -1
    x0 = x1 = line_y = bottom = size = 0.0
    for i in range(first, end):
        get_box(raw, i, box_ptr)
        c_left = box.left
        baseline = origin_y.value if origin(raw, i, x_ptr, y_ptr) else box.bottom
        if start >= 0:
            if (
                starts_word(c_left - x1, size, text[i])
                or c_left + 0.15 * size < x0
                or abs(baseline - line_y) > Y_TOLERANCE
            ):
                word(start, i, x0, x1, bottom, size)
            else:
                x1, bottom = max(x1, box.right), min(bottom, box.bottom)
                continue
        start = i
        x0, x1, line_y, bottom, size = c_left, box.right, baseline, box.bottom, get_size(raw, i)
    word(start, end, x0, x1, bottom, size)


def _painted_through_mask(page: Any, c: Any, f: _Calls) -> bool:
    """True if the page paints a path, shading or form with transparency (perhaps through a soft
    mask). Pictures with an alpha channel and faded text are common and draw no mask's letters."""
    plain = (c.FPDF_PAGEOBJ_IMAGE, c.FPDF_PAGEOBJ_TEXT)
    for i in range(f.count_objects(page)):
        obj = f.get_object(page, i)
        if f.transparent(obj) and f.object_type(obj) not in plain:
            return True
    return False


def _images_on_page(data: bytes, index: int, password: str | None) -> bool:
    """True if page ``index`` of a PDF that PDFium has read once already draws an image."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    pdf = pdfium.PdfDocument(data, password=password)
    try:
        page = pdf[index]
        try:
            return _has_images(page.raw, pdfium_c, _Calls(pdfium_c))
        finally:
            page.close()
    finally:
        pdf.close()


def _has_images(obj_parent: Any, c: Any, f: _Calls, *, form: bool = False, depth: int = 0) -> bool:
    """True if the page (or a form XObject on it) draws an image."""
    count = c.FPDFFormObj_CountObjects(obj_parent) if form else f.count_objects(obj_parent)
    for i in range(count):
        obj = c.FPDFFormObj_GetObject(obj_parent, i) if form else f.get_object(obj_parent, i)
        kind = f.object_type(obj)
        if kind == c.FPDF_PAGEOBJ_IMAGE:
            return True
        if kind == c.FPDF_PAGEOBJ_FORM and depth < 4 and _has_images(obj, c, f, form=True, depth=depth + 1):
            return True
    return False
