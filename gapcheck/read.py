"""Stage 1: read a document (PDF, text, Markdown or stdin) into raw text lines.

PDFs are read as words with their positions (by pdfplumber in ``_pdfplumber``, or PDFium in
``_pdfium``) and laid out in ``_layout``, so that two-column layouts and sidebars come out in
reading order and repeated headers and footers can be dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from gapcheck._layout import pages_text
from gapcheck._pdfium import pdfium_pages
from gapcheck._pdfplumber import pdfplumber_pages
from gapcheck.config import Limits
from gapcheck.errors import (
    BinaryTextError,
    CorruptPdfError,
    EmptyDocumentError,
    FileMissingError,
    GapcheckError,
    LimitExceededError,
    NoTextLayerError,
    UnsupportedFormatError,
)
from gapcheck.guards import check_input, read_regular

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
PDF_SUFFIXES = (".pdf",)
SUPPORTED = TEXT_SUFFIXES + PDF_SUFFIXES
# Resumes in formats gapcheck cannot read: a batch lists them as error rows rather than skip them.
WORD_SUFFIXES = (".docx", ".doc", ".odt", ".rtf", ".pages")
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff", ".gif", ".bmp", ".webp", ".heic")
RESUME_LIKE = WORD_SUFFIXES + IMAGE_SUFFIXES
# Longer than any path the system takes (PATH_MAX): a string this long is a text, not a path.
_LONGEST_PATH = 4096
_LONGEST_NAME = 255  # NAME_MAX: no file's name is longer


def _shown(text: str, chars: int = 40) -> str:
    """The start of a long string, on one line, to name it in a message."""
    one = " ".join(text.split())
    return repr(one if len(one) <= chars else one[:chars] + "...")


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


def read_document(
    path: str | Path,
    *,
    limits: Limits = Limits(),
    password: str | None = None,
    pdf_engine: str = "pdfplumber",
    ocr: bool = False,
    data: bytes | None = None,
) -> RawDocument:
    """Read a resume or posting from disk, or from its bytes read elsewhere.

    Args:
        path: a ``.pdf``, ``.txt`` or ``.md`` file.
        limits: size, page and character limits.
        password: password for an encrypted PDF.
        pdf_engine: ``"pdfplumber"`` (default) or ``"pdfium"`` (needs pypdfium2).
        ocr: run ``ocrmypdf`` (when installed) on a PDF without a text layer.
        data: the file's bytes, when they were read elsewhere (a batch on a Dask cluster sends
            them, a URL is fetched): ``path`` then only names the file; its suffix still
            chooses the reader.

    Returns:
        The document's text in reading order.

    Raises:
        DocumentError: a subclass naming the file and what to do about it.
    """
    p = Path(path)
    name = str(path)
    if data is None:
        if isinstance(path, str) and ("\n" in path or len(path) > _LONGEST_PATH or len(p.name) > _LONGEST_NAME):
            raise FileMissingError(f"{_shown(path)}: this looks like a document's text, not a file's path; "
                                   "pass a resume's text to analyze_text(text), or save the text to a file.")
        check_input(name)  # a FIFO or a device is refused before it is opened
        check_document(name, p.stat().st_size, limits)
        data = read_regular(name)
    else:
        check_document(name, len(data), limits)
    if p.suffix.lower() in PDF_SUFFIXES:
        return read_pdf_bytes(data, name, limits=limits, password=password, engine=pdf_engine, ocr=ocr)
    text, encoding = decode_text(data, name)
    return _checked_text(RawDocument(source=name, kind="text", text=text, encoding=encoding), limits)


def check_document(name: str, size: int, limits: Limits = Limits()) -> None:
    """The checks :func:`read_document` makes before it reads a file: its type (by the suffix
    of ``name``) and its size in bytes.

    Raises:
        UnsupportedFormatError, EmptyDocumentError, LimitExceededError.
    """
    suffix = Path(name).suffix.lower()
    if suffix not in SUPPORTED:
        if suffix in IMAGE_SUFFIXES:
            fix = "it is an image with no text; export the resume as a PDF with text, or OCR it first (e.g. ocrmypdf)"
        elif suffix in WORD_SUFFIXES:
            fix = "save it as PDF (or plain text) from your word processor"
        else:
            fix = "use .pdf, .txt or .md"
        raise UnsupportedFormatError(f"{name}: unsupported file type {suffix or '(none)'!r}; {fix}.")
    if size == 0:
        raise EmptyDocumentError(f"{name}: the file is empty (0 bytes); export the resume again.")
    if size > limits.max_bytes:
        raise LimitExceededError(
            f"{name}: file is {_size(size)}, over the {_size(limits.max_bytes)} limit; "
            "raise it with --max-bytes if the file is genuine."
        )


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


def read_pdf_bytes(
    data: bytes,
    name: str,
    *,
    limits: Limits = Limits(),
    password: str | None = None,
    engine: str = "pdfplumber",
    ocr: bool = False,
) -> RawDocument:
    """Extract reading-order text from PDF bytes.

    Args:
        data: the PDF's bytes.
        name: the file name, for error messages.
        limits, password, ocr: as for :func:`read_document`.
        engine: ``"pdfplumber"`` or ``"pdfium"`` (needs pypdfium2).

    Returns:
        The document's text in reading order.

    Raises:
        CorruptPdfError, EncryptedPdfError, NoTextLayerError, LimitExceededError.
    """
    what = _sniff(data)
    if what is not None:
        raise CorruptPdfError(f"{name}: named .pdf but the content is {what}; export the resume as a real PDF.")
    if engine not in _ENGINES:
        raise UnsupportedFormatError(f"{name}: unknown PDF engine {engine!r}; use pdfplumber or pdfium.")
    pages_words = _ENGINES[engine](data, name, limits=limits, password=password)
    text = pages_text(pages_words)
    problem = text_layer_problem(text)
    if problem:
        # The other engine builds its words from other character data; if it reads the file
        # well, use it, else say so rather than analyse text that would hide the skills.
        other = "pdfium" if engine == "pdfplumber" else "pdfplumber"
        try:
            other_words = _ENGINES[other](data, name, limits=limits, password=password)
        except GapcheckError:  # pypdfium2 not installed, or the other engine cannot parse it
            other_words = None
        if other_words is not None:
            other_text = pages_text(other_words)
            if not text_layer_problem(other_text):
                pages_words, text, problem = other_words, other_text, None
        if problem:
            raise NoTextLayerError(
                f"{name}: the PDF's text layer is unusual ({problem}), read alike by both PDF engines; "
                "the skills in it would be missed. Export the resume again from its editor (Save as PDF, "
                "not Print to PDF), or analyse a plain-text copy of it (.txt)."
            )
    if not text.strip():
        if any(has_images() for *_, has_images in pages_words):
            if ocr:
                return read_pdf_bytes(_ocr(data, name, limits), name, limits=limits, password=password, engine=engine)
            raise NoTextLayerError(
                f"{name}: scanned: no text layer; run OCR first (e.g. `ocrmypdf in.pdf out.pdf`), "
                "or pass --ocr when ocrmypdf is installed."
            )
        raise EmptyDocumentError(f"{name}: the PDF has no text; check that it is the right file.")
    return _checked_text(RawDocument(source=name, kind="pdf", text=text, pages=len(pages_words)), limits)


_ENGINES = {"pdfplumber": pdfplumber_pages, "pdfium": pdfium_pages}
# Words run together ("Machinelearningengineerwithfiveyears"): a resume's longest words
# ("responsibilities", "internationalisation") stay under 25 letters, and addresses are left out.
_LONG_WORD = 25
_LONG_RUN = re.compile(rf"[^\W\d_]{{{_LONG_WORD}}}")  # that many letters in a row
_LONG_SHARE = 0.03
# Letters spaced apart ("M a c h i n e"): single letters other than "a", "I" and initials.
_SINGLE_SHARE = 0.3


def text_layer_problem(text: str) -> str | None:
    """Say what is wrong with the words a PDF engine read, or None when they look like text.

    Args:
        text: the laid-out text of a PDF.

    Returns:
        A short description ("words run together", "letters spaced apart"), or None.
    """
    # (str.split and the regex's \S agree on what is whitespace; a "." is looked for before stripping.)
    tokens = [
        t for t in text.split() if "@" not in t and "/" not in t and ("." not in t or "." not in t.strip(".,;:"))
    ]
    if len(tokens) < 20:
        return None
    long = sum(1 for t in tokens if len(t) >= _LONG_WORD and _LONG_RUN.search(t))
    if long > _LONG_SHARE * len(tokens):
        return f"words run together: {long} of {len(tokens)} words are {_LONG_WORD} letters or longer"
    single = sum(len(t) == 1 and t.isalpha() and t not in "aAI" for t in tokens)
    if single > _SINGLE_SHARE * len(tokens):
        return f"letters spaced apart: {single} of {len(tokens)} words are single letters"
    return None


def _ocr(data: bytes, name: str, limits: Limits) -> bytes:
    """Add a text layer with ocrmypdf (an optional system tool), within the time limit."""
    import shutil
    import subprocess
    import tempfile

    tool = shutil.which("ocrmypdf")
    if tool is None:
        raise NoTextLayerError(
            f"{name}: scanned: no text layer, and --ocr needs ocrmypdf, which is not installed; "
            "install it (apt-get install ocrmypdf) or OCR the file elsewhere."
        )
    with tempfile.TemporaryDirectory(prefix="gapcheck-ocr-") as tmp:
        src, dst = Path(tmp) / "in.pdf", Path(tmp) / "out.pdf"
        src.write_bytes(data)
        try:
            done = subprocess.run(
                [tool, "--skip-text", "--quiet", str(src), str(dst)],
                capture_output=True,
                timeout=limits.timeout_s,
                check=False,
            )
        except subprocess.TimeoutExpired as exc:
            raise NoTextLayerError(
                f"{name}: OCR took longer than {limits.timeout_s:g} s; OCR the file separately or raise --timeout."
            ) from exc
        if done.returncode != 0 or not dst.exists():
            detail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no output"]
            raise NoTextLayerError(
                f"{name}: scanned: no text layer, and OCR failed ({detail[0]}); OCR the file separately."
            )
        return dst.read_bytes()
