"""PDF words from pdfplumber (the default ``--pdf-engine``), with their positions on the page.

pdfplumber (over pdfminer) is imported only when a PDF is read, so that commands that read
none stay fast.
"""

from __future__ import annotations

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


def page_words(chars: list[dict[str, Any]]) -> list[Word]:
    """Group a page's characters into words at gaps measured against their font size.

    Pictures are dropped first, or read as bullets when one opens many lines
    (``_words.icon_key``); a gap wider than ``WORD_GAP`` of the previous character's size ends
    a word (pdfplumber's ``x_tolerance_ratio``), and a hyphen or comma just after a word stays
    with it (``_words.attach_punctuation``).
    """
    from pdfplumber.utils import extract_words

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
    words: list[Word] = extract_words(kept, x_tolerance_ratio=WORD_GAP, keep_blank_chars=False, use_text_flow=False)
    return attach_punctuation(words)
