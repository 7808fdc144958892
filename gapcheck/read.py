"""Stage 1: read a document (PDF, text, Markdown or stdin) into raw text lines.

PDFs are read with pdfplumber words and their positions, so that two-column layouts and
sidebars come out in reading order and repeated headers and footers can be dropped.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gapcheck.config import Limits
from gapcheck.errors import (
    BinaryTextError,
    CorruptPdfError,
    EmptyDocumentError,
    EncryptedPdfError,
    FileMissingError,
    LimitExceededError,
    NotAFileError,
    NoTextLayerError,
    UnsupportedFormatError,
)

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
PDF_SUFFIXES = (".pdf",)
SUPPORTED = TEXT_SUFFIXES + PDF_SUFFIXES
# Resumes in formats gapcheck cannot read: a batch lists them as error rows rather than skip them.
WORD_SUFFIXES = (".docx", ".doc", ".odt", ".rtf", ".pages")
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff", ".gif", ".bmp", ".webp", ".heic")
RESUME_LIKE = WORD_SUFFIXES + IMAGE_SUFFIXES


@dataclass(frozen=True)
class RawDocument:
    """Text of a document in reading order, before normalisation."""

    source: str
    kind: str  # "pdf" | "text"
    text: str
    pages: int = 1
    encoding: str | None = None


def _size(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 1_000_000 else f"{n:,} bytes"


def read_document(path: str | Path, *, limits: Limits = Limits(), password: str | None = None,
                  pdf_engine: str = "pdfplumber", ocr: bool = False) -> RawDocument:
    """Read a resume or posting from disk.

    Args:
        path: a ``.pdf``, ``.txt`` or ``.md`` file.
        limits: size, page and character limits.
        password: password for an encrypted PDF.
        pdf_engine: ``"pdfplumber"`` (default) or ``"pdfium"`` (needs pypdfium2).
        ocr: run ``ocrmypdf`` (when installed) on a PDF without a text layer.

    Returns:
        The document's text in reading order.

    Raises:
        DocumentError: a subclass naming the file and what to do about it.
    """
    p = Path(path)
    name = str(path)
    if not p.exists():
        raise FileMissingError(f"{name}: no such file; check the path.")
    if p.is_dir():
        raise NotAFileError(f"{name}: is a directory; pass a file, or use `gapcheck batch {name}`.")
    suffix = p.suffix.lower()
    if suffix not in SUPPORTED:
        if suffix in IMAGE_SUFFIXES:
            fix = "it is an image with no text; export the resume as a PDF with text, or OCR it first (e.g. ocrmypdf)"
        elif suffix in WORD_SUFFIXES:
            fix = "save it as PDF (or plain text) from your word processor"
        else:
            fix = "use .pdf, .txt or .md"
        raise UnsupportedFormatError(f"{name}: unsupported file type {suffix or '(none)'!r}; {fix}.")
    size = p.stat().st_size
    if size == 0:
        raise EmptyDocumentError(f"{name}: the file is empty (0 bytes); export the resume again.")
    if size > limits.max_bytes:
        raise LimitExceededError(
            f"{name}: file is {_size(size)}, over the {_size(limits.max_bytes)} limit; "
            "raise it with --max-bytes if the file is genuine."
        )
    data = p.read_bytes()
    if suffix in PDF_SUFFIXES:
        return read_pdf_bytes(data, name, limits=limits, password=password, engine=pdf_engine, ocr=ocr)
    text, encoding = decode_text(data, name)
    return _checked_text(RawDocument(source=name, kind="text", text=text, encoding=encoding), limits)


def read_text(text: str, source: str = "<text>", *, limits: Limits = Limits()) -> RawDocument:
    """Wrap a string as a document, applying the character limit."""
    return _checked_text(RawDocument(source=source, kind="text", text=text), limits)


def _checked_text(doc: RawDocument, limits: Limits) -> RawDocument:
    if len(doc.text) > limits.max_chars:
        raise LimitExceededError(
            f"{doc.source}: {len(doc.text):,} characters, over the {limits.max_chars:,} limit; "
            "a resume is rarely this long: check the file, or raise --max-chars."
        )
    if not doc.text.strip():
        raise EmptyDocumentError(f"{doc.source}: contains no text; check that it is the right file.")
    return doc


_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


def decode_text(data: bytes, name: str) -> tuple[str, str]:
    """Decode bytes as UTF-8 (with or without BOM), UTF-16 or Latin-1, rejecting binary junk.

    Raises:
        BinaryTextError: the bytes are not text in any of these encodings.
    """
    encoding = None
    for bom, enc in _BOMS:
        if data.startswith(bom):
            encoding = enc
            break
    if encoding is None and len(data) >= 4:
        # UTF-16 without BOM: every other byte is NUL for mostly-ASCII text.
        even, odd = data[0::2], data[1::2]
        if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
            encoding = "utf-16-le"
        elif even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
            encoding = "utf-16-be"
    if encoding is None:
        try:
            text = data.decode("utf-8")
            encoding = "utf-8"
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
            encoding = "cp1252"
    else:
        text = data.decode(encoding, errors="replace")
    controls = sum(1 for ch in text if (ord(ch) < 32 and ch not in "\t\n\r\f") or ch == "\ufffd")
    if "\x00" in text or controls > max(8, 0.02 * len(text)):
        raise BinaryTextError(
            f"{name}: looks like binary data, not text; if it is a Word or PDF file, "
            "give it the right extension or save it as PDF or plain text."
        )
    return text, encoding


# -- PDF ------------------------------------------------------------------------------------

_MAGIC = {
    b"\x89PNG": "a PNG image",
    b"PK\x03\x04": "a ZIP archive (perhaps a .docx)",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"{\\rtf": "an RTF document",
    b"\xd0\xcf\x11\xe0": "an old Word/Office document",
}


def _sniff(data: bytes) -> str | None:
    head = data[:1024]
    if b"%PDF-" in head:
        return None
    for magic, what in _MAGIC.items():
        if head.startswith(magic):
            return what
    if re.search(rb"<(!doctype|html|head|body)", head[:512], re.I):
        return "an HTML page"
    return "not a PDF"


def read_pdf_bytes(data: bytes, name: str, *, limits: Limits = Limits(), password: str | None = None,
                   engine: str = "pdfplumber", ocr: bool = False) -> RawDocument:
    """Extract reading-order text from PDF bytes.

    Raises:
        CorruptPdfError, EncryptedPdfError, NoTextLayerError, LimitExceededError.
    """
    what = _sniff(data)
    if what is not None:
        raise CorruptPdfError(
            f"{name}: named .pdf but the content is {what}; export the resume as a real PDF."
        )
    if engine == "pdfium":
        from gapcheck._pdfium import pdfium_pages

        pages_words = pdfium_pages(data, name, limits=limits, password=password)
    elif engine == "pdfplumber":
        pages_words = _pdfplumber_pages(data, name, limits=limits, password=password)
    else:
        raise UnsupportedFormatError(f"{name}: unknown PDF engine {engine!r}; use pdfplumber or pdfium.")
    pages_lines = [layout_page(words, width, height) for words, width, height, _ in pages_words]
    pages_lines = drop_repeated_margins(pages_lines)
    text = "\n".join("\n".join(line for line, _ in page) for page in pages_lines)
    if not text.strip():
        if any(has_images for *_, has_images in pages_words):
            if ocr:
                return read_pdf_bytes(_ocr(data, name, limits), name, limits=limits, password=password,
                                      engine=engine)
            raise NoTextLayerError(
                f"{name}: scanned: no text layer; run OCR first (e.g. `ocrmypdf in.pdf out.pdf`), "
                "or pass --ocr when ocrmypdf is installed."
            )
        raise EmptyDocumentError(f"{name}: the PDF has no text; check that it is the right file.")
    return _checked_text(RawDocument(source=name, kind="pdf", text=text, pages=len(pages_words)), limits)


def _ocr(data: bytes, name: str, limits: Limits) -> bytes:
    """Add a text layer with ocrmypdf (an optional system tool), within the time limit."""
    import shutil
    import subprocess
    import tempfile

    tool = shutil.which("ocrmypdf")
    if tool is None:
        raise NoTextLayerError(f"{name}: scanned: no text layer, and --ocr needs ocrmypdf, which is not installed; "
                               "install it (apt-get install ocrmypdf) or OCR the file elsewhere.")
    with tempfile.TemporaryDirectory(prefix="gapcheck-ocr-") as tmp:
        src, dst = Path(tmp) / "in.pdf", Path(tmp) / "out.pdf"
        src.write_bytes(data)
        try:
            done = subprocess.run([tool, "--skip-text", "--quiet", str(src), str(dst)], capture_output=True,
                                  timeout=limits.timeout_s, check=False)
        except subprocess.TimeoutExpired as exc:
            raise NoTextLayerError(f"{name}: OCR took longer than {limits.timeout_s:g} s; "
                                   "OCR the file separately or raise --timeout.") from exc
        if done.returncode != 0 or not dst.exists():
            detail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no output"]
            raise NoTextLayerError(f"{name}: scanned: no text layer, and OCR failed ({detail[0]}); "
                                   "OCR the file separately.")
        return dst.read_bytes()


Word = dict[str, Any]
PageWords = tuple[list[Word], float, float, bool]


# Messages both PDF engines give.
def damaged_pdf(name: str, detail: str) -> CorruptPdfError:
    return CorruptPdfError(f"{name}: the PDF is damaged ({detail}); export it again.")


def encrypted_pdf(name: str, password: str | None) -> EncryptedPdfError:
    hint = "the password is wrong" if password else "pass --password"
    return EncryptedPdfError(f"{name}: the PDF is encrypted; {hint}.")


def check_page_count(count: int, name: str, limits: Limits) -> None:
    if count > limits.max_pages:
        raise LimitExceededError(
            f"{name}: {count} pages, over the {limits.max_pages}-page limit; "
            "a resume is rarely this long: raise --max-pages if it is genuine."
        )


def _pdfplumber_pages(data: bytes, name: str, *, limits: Limits, password: str | None) -> list[PageWords]:
    import io
    import logging

    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfplumber.utils.exceptions import PdfminerException

    # pdfminer logs every oddity of a damaged file; the outcome is reported as an error instead.
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    try:
        pdf = pdfplumber.open(io.BytesIO(data), password=password or "")
    except PdfminerException as exc:
        cause = exc.args[0] if exc.args else exc
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
                raise damaged_pdf(name, repr(exc)) from exc
            check_page_count(count, name, limits)
            for page in pdf.pages:
                words = page.extract_words(keep_blank_chars=False, use_text_flow=False)
                out.append((words, float(page.width), float(page.height), bool(page.images)))
                page.flush_cache()
    except (LimitExceededError, CorruptPdfError, MemoryError):
        raise
    except Exception as exc:
        if isinstance(exc.args[0] if exc.args else None, MemoryError):  # pdfplumber wraps it
            raise exc.args[0] from exc
        raise damaged_pdf(name, repr(exc)) from exc
    return out


# -- layout ---------------------------------------------------------------------------------

Line = tuple[str, float]  # (text, top)


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
    """Order a page's words into lines: full-width header, left column, right column."""
    if not words:
        return []
    gutter = find_gutter(words, width)
    if gutter is None:
        return [(_row_text(r), r[0]["top"]) for r in _rows(words)]
    rows = _rows(words)
    # Everything above the right column's first line is the page head, read across: the name
    # (left-aligned, short) and a contact line that runs over the gutter stay whole.
    first_right = min((r[0]["top"] for r in rows if r[-1]["x0"] >= gutter
                       and not (any(w["x0"] < gutter < w["x1"] for w in r) and _reads_across(r))), default=0.0)
    head = [r for r in rows if r[0]["top"] < first_right]
    rest = [w for r in rows if r[0]["top"] >= first_right for w in r]
    left = [w for w in rest if w["x0"] < gutter]
    right = [w for w in rest if w["x0"] >= gutter]
    ordered = head + _rows(left) + _rows(right)
    return [(_row_text(r), r[0]["top"]) for r in ordered]


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
