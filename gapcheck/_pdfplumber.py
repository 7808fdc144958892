"""PDF words from pdfplumber (the default ``--pdf-engine``), with their positions on the page.

pdfplumber (over pdfminer) is imported only when a PDF is read, so that commands that read
none stay fast.
"""

from __future__ import annotations

import re
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
        Per page: (words, page width, page height, has images); see :func:`page_words`.

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
                _mend_numbered_glyphs(pdf, page)
                words = page_words(page.chars)
                out.append((words, float(page.width), float(page.height), bool(page.images)))
                page.flush_cache()
    except (GapcheckError, MemoryError):  # a limit, the time limit included: not a damaged file
        raise
    except Exception as exc:
        if isinstance(exc.args[0] if exc.args else None, (GapcheckError, MemoryError)):  # pdfplumber wraps them
            raise exc.args[0] from exc
        raise damaged_pdf(name, repr(exc)) from exc
    return out


# A Type 3 font that TeX made from a bitmap font (no Type 1 font at hand: T1-encoded text without
# cm-super) names each glyph after its code ("a233") and has no ToUnicode map. pdfminer then reads
# the code in Adobe's standard encoding ("é" as "Ø", "à" as nothing); poppler and PDFium read
# the number as the character. Codes 192-255 are Latin-1 in TeX's T1 encoding, bar two; 27-31
# are its ligatures.
_NUMBERED = re.compile(r"^[A-Za-z]{1,2}(\d{2,3})$")
_T1_OTHER = {215: "\u0152", 247: "\u0153", 223: "SS", 255: "\u00df", 27: "ff", 28: "fi", 29: "fl", 30: "ffi", 31: "ffl"}


def _mend_numbered_glyphs(pdf: Any, page: Any) -> None:
    """Give the numbered glyphs of the page's Type 3 fonts their characters (``_NUMBERED``), in the
    fonts pdfminer caches, before the page's characters are read."""
    from pdfminer.pdftypes import PDFObjRef, resolve1
    from pdfminer.psparser import PSLiteral

    fonts = resolve1(resolve1(page.page_obj.resources or {}).get("Font")) or {}
    for ref in fonts.values() if isinstance(fonts, dict) else ():
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
        # Latin-1 letters prove the T1 encoding that the ligature codes are read in.
        if not any(n >= 192 for n in named.values()):
            continue
        font = pdf.rsrcmgr.get_font(ref.objid, spec)
        for code, number in named.items():
            if number >= 192 or 27 <= number <= 31:
                font.cid2unicode[code] = _T1_OTHER.get(number, chr(number))


# A glyph drawn again within this share of its size from itself is a drop shadow or fake bold.
_SHADOW = 0.15


def _without_shadows(chars: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The characters less their second drawings: a title with a drop shadow, or bold made by
    printing the text twice a little apart, would read "EEnnsseeiiggnn" (PDFium drops them too)."""
    seen: dict[tuple[str, int, int], list[tuple[float, float]]] = {}
    out = []
    for ch in chars:
        tol = _SHADOW * float(ch.get("size") or 0)
        if tol <= 0 or not ch["text"].strip():
            out.append(ch)
            continue
        x, top = float(ch["x0"]), float(ch["top"])
        kx, ky = int(x // tol), int(top // tol)
        if any(abs(x - x2) <= tol and abs(top - t2) <= tol
               for dx in (-1, 0, 1) for dy in (-1, 0, 1) for x2, t2 in seen.get((ch["text"], kx + dx, ky + dy), ())):
            continue
        seen.setdefault((ch["text"], kx, ky), []).append((x, top))
        out.append(ch)
    return out


def page_words(chars: list[dict[str, Any]]) -> list[Word]:
    """Group a page's characters into words at gaps measured against their font size.

    Pictures are dropped first, or read as bullets when one opens many lines
    (``_words.icon_key``); a gap wider than ``WORD_GAP`` of the previous character's size ends
    a word (pdfplumber's ``x_tolerance_ratio``), and a hyphen or comma just after a word stays
    with it (``_words.attach_punctuation``).
    """
    from pdfplumber.utils import extract_words

    chars = _without_shadows(chars)
    keys = [icon_key(ch["text"], ch.get("fontname") or "") for ch in chars]
    bullets = bullet_icons([k for k in keys if k])
    kept = []
    for ch, key in zip(chars, keys, strict=True):
        if key is not None:
            text = BULLET if key in bullets else ""
        else:
            text = glyph_text(ch["text"], ch.get("fontname") or "")
        if text:
            kept.append(ch if text == ch["text"] else {**ch, "text": text})
    upright = [ch for ch in kept if ch.get("upright", True)]
    words: list[Word] = extract_words(upright, x_tolerance_ratio=WORD_GAP, keep_blank_chars=False, use_text_flow=False)
    return attach_punctuation(words) + _rotated_lines([ch for ch in kept if not ch.get("upright", True)])


def _rotated_lines(chars: list[dict[str, Any]]) -> list[Word]:
    """Text turned a quarter (a heading set up the side of its section) as one "word" per line,
    its words in reading order; text mirrored or upside down (a reflection under a title) is
    decoration and dropped, as PDFium and poppler drop it."""
    from pdfplumber.utils import extract_words

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
