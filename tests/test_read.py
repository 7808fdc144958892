"""Stage 1: reading documents: error classes for hostile files, encodings, PDF layout."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from gapcheck import analyze
from gapcheck._layout import drop_repeated_margins, find_gutter, layout_page
from gapcheck.config import Limits
from gapcheck.errors import (
    BinaryTextError,
    CorruptPdfError,
    DocumentError,
    EmptyDocumentError,
    EncryptedPdfError,
    FileMissingError,
    GapcheckError,
    LimitExceededError,
    NotAFileError,
    NoTextLayerError,
    UnsupportedFormatError,
)
from gapcheck.read import decode_text, read_document, read_pdf_bytes, read_text

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
SAMPLES = ROOT / "sample_resumes"
TWO_COLUMN = ["cv_scientist", "rl_researcher", "mlops_engineer", "healthcare_ml"]

# (file in tests/fixtures, keyword arguments for read_document, error class expected)
BAD_FILES = [
    ("does_not_exist.txt", {}, FileMissingError),
    ("encrypted.pdf", {}, EncryptedPdfError),
    ("encrypted.pdf", {"password": "not-the-password"}, EncryptedPdfError),
    ("scanned.pdf", {}, NoTextLayerError),
    ("truncated.pdf", {}, CorruptPdfError),
    ("garbage_body.pdf", {}, CorruptPdfError),
    ("image_named.pdf", {}, CorruptPdfError),
    ("zip_named.pdf", {}, CorruptPdfError),
    ("html_named.pdf", {}, CorruptPdfError),
    ("empty.txt", {}, EmptyDocumentError),
    ("binary.txt", {}, BinaryTextError),
    ("resume.docx", {}, UnsupportedFormatError),
    ("forty_pages.pdf", {}, LimitExceededError),
    ("good.pdf", {"limits": Limits(max_bytes=100)}, LimitExceededError),
    ("utf8_bom.txt", {"limits": Limits(max_chars=50)}, LimitExceededError),
    ("latin1.txt", {"limits": Limits(max_bytes=10)}, LimitExceededError),
]


@pytest.mark.parametrize(
    ("name", "kwargs", "error"), BAD_FILES, ids=[f"{n}-{e.__name__}-{i}" for i, (n, _, e) in enumerate(BAD_FILES)]
)
def test_bad_file_raises_its_own_error_naming_the_file(name, kwargs, error):
    with pytest.raises(GapcheckError) as info:
        read_document(FIXTURES / name, **kwargs)
    assert type(info.value) is error
    assert isinstance(info.value, DocumentError)
    message = str(info.value)
    assert name in message
    # The message says what to do next, not only what failed.
    assert ";" in message and len(message) > len(str(FIXTURES / name)) + 20


def test_directory_is_not_a_file(tmp_path):
    folder = tmp_path / "resumes_folder"
    folder.mkdir()
    with pytest.raises(NotAFileError, match="resumes_folder"):
        read_document(folder)


def test_resume_text_passed_as_a_path_says_to_call_analyze_text():
    text = (SAMPLES / "data_scientist_mid.txt").read_text(encoding="utf-8")
    with pytest.raises(FileMissingError, match=r"analyze_text") as info:
        read_document(text)
    assert len(str(info.value)) < 200  # names the text by its start, not the whole resume


def test_resume_text_on_one_line_passed_as_a_path_says_so_too():
    text = "Ada Brook, ML engineer. " * 20  # 480 characters: no file's name is so long
    with pytest.raises(FileMissingError, match=r"analyze_text") as info:
        read_document(text)
    assert len(str(info.value)) < 200


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_is_refused_by_the_library_without_waiting_for_a_writer(tmp_path):
    fifo = tmp_path / "resume.txt"
    os.mkfifo(fifo)
    with pytest.raises(NotAFileError, match="resume.txt"):
        read_document(fifo)


@pytest.mark.parametrize(("password", "hint"), [(None, "--password"), ("wrong", "wrong")])
def test_encrypted_pdf_message_says_whether_a_password_is_missing_or_wrong(password, hint):
    with pytest.raises(EncryptedPdfError, match=hint):
        read_document(FIXTURES / "encrypted.pdf", password=password)


def test_encrypted_pdf_opens_with_the_right_password():
    doc = read_document(FIXTURES / "encrypted.pdf", password="open-sesame")
    assert doc.kind == "pdf"
    assert "Alex Rivera" in doc.text
    assert "Trained PyTorch models" in doc.text


def test_forty_pages_read_when_the_page_limit_allows_it():
    doc = read_document(FIXTURES / "forty_pages.pdf", limits=Limits(max_pages=40))
    assert doc.pages == 40
    assert "Python" in doc.text


def test_page_limit_message_names_count_and_limit():
    with pytest.raises(LimitExceededError, match=r"40 pages, over the 30-page limit"):
        read_document(FIXTURES / "forty_pages.pdf")


@pytest.mark.parametrize(
    ("name", "encoding"),
    [
        ("utf8_bom.txt", "utf-8-sig"),
        ("utf16.txt", "utf-16"),
        ("latin1.txt", "cp1252"),
    ],
)
def test_text_encodings_decode_to_the_same_text(name, encoding):
    doc = read_document(FIXTURES / name)
    assert doc.kind == "text"
    assert doc.encoding == encoding
    assert "Rivéra" in doc.text
    assert "\ufeff" not in doc.text and "\x00" not in doc.text
    reference = read_document(FIXTURES / "utf8_bom.txt").text
    assert doc.text == reference


GOOD_BYTES = [
    ("Alex Rivéra, Python".encode(), "utf-8"),
    ("Alex Rivéra, Python".encode("utf-16-le"), "utf-16-le"),
    ("Alex Rivéra, Python".encode("utf-16-be"), "utf-16-be"),
    ("Alex Rivéra, Python".encode("utf-16"), "utf-16"),
    (b"\xef\xbb\xbf" + "Alex Rivéra, Python".encode(), "utf-8-sig"),
    ("Alex Rivéra, Python".encode("cp1252"), "cp1252"),
]


@pytest.mark.parametrize(("data", "encoding"), GOOD_BYTES, ids=[e for _, e in GOOD_BYTES])
def test_decode_text_good_inputs(data, encoding):
    text, found = decode_text(data, "cv.txt")
    assert text == "Alex Rivéra, Python"
    assert found == encoding


BAD_BYTES = [
    bytes((i * 91 + 7) % 256 for i in range(4096)),
    b"\x00" * 200,
    b"PK\x03\x04" + b"\x00" * 60,
    b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4,
    b"Name: Alex\x00\x01\x02 Python",
]


@pytest.mark.parametrize("data", BAD_BYTES, ids=["noise", "nuls", "zip", "png", "embedded-nul"])
def test_decode_text_rejects_binary(data):
    with pytest.raises(BinaryTextError, match="cv.txt"):
        decode_text(data, "cv.txt")


@pytest.mark.parametrize("text", ["", "   ", "\n\n\t\n"])
def test_read_text_rejects_blank_text(text):
    with pytest.raises(EmptyDocumentError, match="<paste>"):
        read_text(text, "<paste>")


def test_read_text_applies_the_character_limit():
    assert read_text("x" * 100, limits=Limits(max_chars=100)).text == "x" * 100
    with pytest.raises(LimitExceededError, match="101 characters"):
        read_text("x" * 101, "<paste>", limits=Limits(max_chars=100))


@pytest.mark.parametrize(
    ("head", "what"),
    [
        (b"\xff\xd8\xff\xe0" + b"\x00" * 40, "JPEG"),
        (b"GIF89a" + b"\x00" * 40, "GIF"),
        (b"{\\rtf1\\ansi Resume}", "RTF"),
        (b"\xd0\xcf\x11\xe0" + b"\x00" * 40, "Word"),
        (b"<html><body>Resume</body></html>", "HTML"),
        (b"Just a plain text resume named .pdf", "not a PDF"),
    ],
)
def test_pdf_bytes_sniffed_before_parsing(head, what):
    with pytest.raises(CorruptPdfError, match=what):
        read_pdf_bytes(head, "cv.pdf")


def test_unknown_pdf_engine_is_rejected():
    data = (FIXTURES / "good.pdf").read_bytes()
    with pytest.raises(UnsupportedFormatError, match="engine"):
        read_pdf_bytes(data, "good.pdf", engine="no-such-engine")


# -- layout ----------------------------------------------------------------------------------


def _block(lines: list[str], heading: str) -> list[str]:
    """Lines after ``heading`` up to the next blank or ALL-CAPS heading line."""
    out = []
    for line in lines[lines.index(heading) + 1 :]:
        if not line.strip() or re.fullmatch(r"[A-Z][A-Z &]+", line.strip()):
            break
        out.append(line)
    return out


@pytest.mark.parametrize("stem", TWO_COLUMN)
def test_column_skills_block_comes_out_whole(stem):
    pdf_lines = read_document(SAMPLES / f"{stem}.pdf").text.split("\n")
    txt_lines = read_document(SAMPLES / f"{stem}.txt").text.split("\n")
    pdf_words = " ".join(_block(pdf_lines, "SKILLS")).split()
    txt_words = " ".join(_block(txt_lines, "SKILLS")).split()
    # Same words in the same order: no line of the other column is interleaved.
    assert len(txt_words) > 20
    assert pdf_words == txt_words


@pytest.mark.parametrize("stem", ["cv_scientist", "rl_researcher"])
def test_two_column_left_column_precedes_right_column(stem):
    lines = read_document(SAMPLES / f"{stem}.pdf").text.split("\n")
    assert lines.index("SKILLS") < lines.index("EDUCATION") < lines.index("SUMMARY") < lines.index("EXPERIENCE")


def test_header_footer_fixture_drops_repeated_margins():
    doc = read_document(FIXTURES / "header_footer.pdf")
    assert "Confidential resume" not in doc.text
    assert not re.search(r"Page \d of 3", doc.text)
    for body in ("Trained PyTorch models", "SKILLS", "Project 2: forecasting", "Project 3: forecasting"):
        assert body in doc.text
    assert doc.text.count("PROJECTS") == 2
    # The name on the first line of page 1 is not the repeated header: it stays.
    assert doc.text.startswith("Alex Rivera\n")


def _three_page_pdf(path: Path, bodies: list[list[str]]) -> Path:
    """A real three-page PDF (no automatic page breaks) with a running header and footer."""
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF()
    pdf.set_auto_page_break(False)
    pdf.set_font("Helvetica", size=11)
    for n, body in enumerate(bodies, start=1):
        pdf.add_page()
        pdf.set_xy(10, 10)
        pdf.cell(0, 6, "Jo Bloggs - Resume")
        for k, line in enumerate(body):
            pdf.set_xy(10, 40 + 8 * k)
            pdf.cell(0, 6, line)
        pdf.set_xy(10, 280)
        pdf.cell(0, 6, f"Page {n} of {len(bodies)}")
    path.write_bytes(bytes(pdf.output()))
    return path


def test_three_page_pdf_with_header_and_footer(tmp_path):
    bodies = [
        [f"{word} {k}: built models with PyTorch" for k in ("alpha", "beta", "gamma", "delta")]
        for word in ("First", "Second", "Third")
    ]
    doc = read_document(_three_page_pdf(tmp_path / "three.pdf", bodies))
    assert doc.pages == 3
    assert "Jo Bloggs" not in doc.text and "of 3" not in doc.text
    assert [line for line in doc.text.split("\n") if line.strip()] == [line for body in bodies for line in body]


@pytest.mark.parametrize("engine", ["pdfplumber", "pdfium"])
def test_a_scan_whose_only_text_is_a_running_header_asks_for_ocr(tmp_path, engine):
    # Both pages draw an image and the same header line: the header is dropped as a repeated
    # margin, no text is left, and the images make it a scan. PDFium looks for the images of
    # a page with words only then.
    if engine == "pdfium":
        pytest.importorskip("pypdfium2")
    fpdf = pytest.importorskip("fpdf")
    image = tmp_path / "scan.png"
    image.write_bytes(_grey_png())
    pdf = fpdf.FPDF()
    pdf.set_font("Helvetica", size=11)
    for _ in range(2):
        pdf.add_page()
        pdf.set_xy(10, 10)
        pdf.cell(0, 6, "Jo Bloggs - Resume")
        pdf.image(str(image), x=10, y=30, w=150)
    path = tmp_path / "scan.pdf"
    path.write_bytes(bytes(pdf.output()))
    with pytest.raises(NoTextLayerError, match="scanned"):
        read_document(path, pdf_engine=engine)


def _grey_png(size: int = 16) -> bytes:
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"".join(b"\x00" + bytes([128] * size) for _ in range(size))
    ihdr = struct.pack(">IIBBBBB", size, size, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def test_body_lines_differing_only_in_numbers_are_kept(tmp_path):
    bodies = [
        ["EXPERIENCE", "ML Engineer, Northwind Labs, 2019 - Present", "SKILLS", "Python, PyTorch"],
        ["PROJECTS", "- Project 2: forecasting with Python and pandas."],
        ["PROJECTS", "- Project 3: forecasting with Python and pandas."],
    ]
    doc = read_document(_three_page_pdf(tmp_path / "projects.pdf", bodies))
    assert "Jo Bloggs" not in doc.text
    assert "Project 2: forecasting" in doc.text and "Project 3: forecasting" in doc.text


def test_drop_repeated_margins_keeps_bodies_and_single_pages():
    pages = [
        [("ACME resume", 10.0), ("Python at work", 50.0), ("Docker at home", 60.0), ("Page 1 of 2", 800.0)],
        [("ACME resume", 10.0), ("SQL at work", 50.0), ("Spark at home", 60.0), ("Page 2 of 2", 800.0)],
    ]
    assert drop_repeated_margins(pages) == [[pages[0][1], pages[0][2]], [pages[1][1], pages[1][2]]]
    assert drop_repeated_margins(pages[:1]) == pages[:1]


def test_a_line_at_the_foot_of_one_page_and_the_head_of_the_next_is_text():
    # The same bullet twice, either side of a page break: neither a header nor a footer.
    bullet = ("\u2022 Lorem ipsum dolor sit amet.", 0.0)
    pages = [[("Name", 10.0), ("body 1", 50.0), ("x 1", 60.0), bullet, bullet],
             [bullet, bullet, ("body 2", 50.0), ("x 2", 60.0), ("end 2", 800.0)],
             [("Name", 10.0), ("body 3", 50.0), ("x 3", 60.0), ("end 3", 800.0)]]
    kept = drop_repeated_margins(pages)
    assert [t for t, _ in kept[0]].count(bullet[0]) == 2 and [t for t, _ in kept[1]].count(bullet[0]) == 2
    assert "Name" not in [t for page in kept for t, _ in page]  # the head of two of three pages


def test_a_drop_shadow_or_fake_bold_is_read_once():
    from gapcheck._pdfplumber import page_words

    def chars(x: float, top: float) -> list[tuple]:
        # (text, x0, x1, top, bottom, size, upright, matrix), font name: as _pdfplumber.layout_chars gives them
        return [((c, x + 10 * i, x + 10 * i + 9, top, top + 20, 20.0, True, (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)), "Serif")
                for i, c in enumerate("Title")]

    # the text, then its shadow 1.4 pt up and left
    assert [w["text"] for w in page_words(chars(100.0, 100.0) + chars(98.6, 98.6))] == ["Title"]


def test_drop_repeated_margins_leaves_repeated_mid_page_lines():
    middle = ("Python", 400.0)
    pages = [
        [
            (f"top {i}", 10.0),
            (f"a {i}", 20.0),
            (f"b {i}", 30.0),
            middle,
            (f"c {i}", 500.0),
            (f"d {i}", 510.0),
            (f"e {i}", 520.0),
        ]
        for i in ("x", "y", "z")
    ]
    # "top x"/"top y" differ only in letters, so nothing is a repeated margin.
    assert drop_repeated_margins(pages) == pages


def _words(rows: list[tuple[float, list[tuple[float, str]]]]) -> list[dict]:
    out = []
    for top, items in rows:
        for x0, text in items:
            out.append({"text": text, "x0": x0, "x1": x0 + 6.0 * len(text), "top": top, "bottom": top + 10.0})
    return out


def test_layout_page_reads_left_column_then_right_column():
    rows = [
        (100.0 + 14 * i, [(50.0, f"L{i}a"), (80.0, f"L{i}b"), (330.0, f"R{i}a"), (360.0, f"R{i}b")]) for i in range(10)
    ]
    words = _words(rows)
    gutter = find_gutter(words, 600.0)
    assert gutter is not None and 110.0 < gutter < 330.0
    lines = [text for text, _ in layout_page(words, 600.0, 800.0)]
    assert lines == [f"L{i}a L{i}b" for i in range(10)] + [f"R{i}a R{i}b" for i in range(10)]


def _set_row(top: float, x: float, texts: list[str]) -> tuple[float, list[tuple[float, str]]]:
    items = []
    for text in texts:  # words 4 units apart, as set text would be
        items.append((x, text))
        x += 6.0 * len(text) + 4.0
    return top, items


def test_the_page_head_above_the_columns_is_read_whole():
    # A short name, then a contact line that runs over the gutter, then two columns.
    columns = [
        (100.0 + 14 * i, [(50.0, f"L{i}a"), (80.0, f"L{i}b"), (330.0, f"R{i}a"), (360.0, f"R{i}b")]) for i in range(10)
    ]
    head = [
        _set_row(40.0, 50.0, ["Dr.", "Mele", "Fifita"]),
        _set_row(60.0, 50.0, ["Clinical", "data", "scientist", "mele@example.com", "+64", "21", "555", "0142"]),
    ]
    lines = [text for text, _ in layout_page(_words(head + columns), 600.0, 800.0)]
    assert lines[:2] == ["Dr. Mele Fifita", "Clinical data scientist mele@example.com +64 21 555 0142"]
    assert lines[2:] == [f"L{i}a L{i}b" for i in range(10)] + [f"R{i}a R{i}b" for i in range(10)]


def test_a_left_line_over_the_gutter_beside_the_right_column_is_still_split():
    columns = [
        (100.0 + 14 * i, [(50.0, f"L{i}a"), (80.0, f"L{i}b"), (330.0, f"R{i}a"), (360.0, f"R{i}b")])
        for i in range(1, 10)
    ]
    # The first row: a left line that runs a little over the gutter, a column gap, the right column.
    first = (100.0, [(50.0, "L0a"), (80.0, "Lxxxxxxxxxxxxxxxxxxxxxxxxxxxx0b"), (330.0, "R0a"), (360.0, "R0b")])
    lines = [text for text, _ in layout_page(_words([first, *columns]), 600.0, 800.0)]
    assert "R0a R0b" in lines and not any("L0a" in line and "R0a" in line for line in lines)


def test_layout_page_single_column_keeps_rows():
    # Full-width prose: a long token crosses the middle of every row, so there is no gutter.
    rows = [(100.0 + 14 * i, [(50.0, f"Row{i:02d}"), (95.0, "x" * 70)]) for i in range(12)]
    words = _words(rows)
    assert find_gutter(words, 600.0) is None
    assert [t for t, _ in layout_page(words, 600.0, 800.0)] == [f"Row{i:02d} {'x' * 70}" for i in range(12)]
    assert layout_page([], 600.0, 800.0) == []


def test_columns_whose_lines_never_share_a_row_are_still_found():
    # A sidebar in a smaller font: its lines fall between the main column's, so no row holds
    # words of both columns.
    side = [[f"S{i}", "x" * (2 + i % 3)] for i in range(12)]
    main = [[f"M{i}" + "q" * (i % 3), "y" * (3 + i % 4), "z" * (2 + i % 3), "w" * (4 - i % 2)] for i in range(9)]
    words = _words(
        [_set_row(100.0 + 11 * i, 40.0, t) for i, t in enumerate(side)]
        + [_set_row(105.5 + 22 * i, 300.0, t) for i, t in enumerate(main)]
    )
    gutter = find_gutter(words, 600.0)
    assert gutter is not None and 95.0 < gutter < 300.0
    lines = [text for text, _ in layout_page(words, 600.0, 800.0)]
    assert lines == [" ".join(t) for t in side] + [" ".join(t) for t in main]


def test_sidebar_pdf_with_offset_baselines_keeps_its_clauses_whole():
    """tests/fixtures/layout/sidebar_offset.pdf comes from its .txt twin with
    `python scripts/make_pdfs.py tests/fixtures/layout/sidebar_offset.txt -o tests/fixtures/layout
    --layout two-column`; its sidebar lines fall between the main column's."""
    folder = FIXTURES / "layout"
    text = read_document(folder / "sidebar_offset.pdf").text
    # The sidebar's wrapped clause is read whole, as the line it was written as.
    assert "Currently learning Kubernetes; no experience with PyTorch yet." in text
    pdf, txt = analyze(folder / "sidebar_offset.pdf"), analyze(folder / "sidebar_offset.txt")
    assert {s.id for s in pdf.skills} == {s.id for s in txt.skills}
    assert {(r.id, r.reason) for r in pdf.rejected} >= {("pytorch", "negated"), ("kubernetes", "learning")}


def test_find_gutter_needs_enough_words():
    rows = [(100.0 + 14 * i, [(50.0, "L"), (330.0, "R")]) for i in range(5)]
    assert find_gutter(_words(rows), 600.0) is None


# -- PDF against its text twin ---------------------------------------------------------------


@pytest.mark.parametrize("stem", TWO_COLUMN)
def test_column_pdf_gives_the_same_skills_as_its_text_twin(stem, analyzed_sample):
    txt = {s.id for s in analyzed_sample(stem, "txt").skills}
    pdf = {s.id for s in analyzed_sample(stem, "pdf").skills}
    assert pdf == txt, f"only in txt: {sorted(txt - pdf)}; only in pdf: {sorted(pdf - txt)}"


@pytest.mark.parametrize(
    "stem",
    [
        "cv_scientist",
        "rl_researcher",
        "mlops_engineer",
        "healthcare_ml",
    ],
)
def test_column_pdf_gives_the_same_proficiency_as_its_text_twin(stem, analyzed_sample):
    txt = {s.id: s.proficiency for s in analyzed_sample(stem, "txt").skills}
    pdf = {s.id: s.proficiency for s in analyzed_sample(stem, "pdf").skills}
    assert pdf == txt, {k: (txt.get(k), pdf.get(k)) for k in txt.keys() | pdf.keys() if txt.get(k) != pdf.get(k)}


# -- a text layer that reads badly ------------------------------------------------------------


def _glued(pages):
    """The words of ``pages`` run together five at a time, as a fixed tolerance left LaTeX's."""
    out = []
    for words, width, height, images in pages:
        glued = [
            {**words[i], "text": "".join(w["text"] for w in words[i : i + 5]), "x1": words[i : i + 5][-1]["x1"]}
            for i in range(0, len(words), 5)
        ]
        out.append((glued, width, height, images))
    return out


@pytest.mark.parametrize(("text", "problem"), [
    ("Machinelearningengineerwithfiveyearsofexperience building " * 3 + "models " * 20, "words run together"),
    ("M a c h i n e l e a r n i n g e n g i n e e r w i t h f i v e y e a r s", "letters spaced apart"),
    ("Machine learning engineer with five years of experience; see https://example.com/a-very-long-address-here "
     "and amara.osei.machine.learning@example.com " * 3, None),
])
def test_text_layer_problem(text, problem):
    from gapcheck.read import text_layer_problem

    found = text_layer_problem(text)
    assert (found is None) if problem is None else (found is not None and found.startswith(problem))


def test_a_broken_reading_falls_back_to_the_other_engine(monkeypatch):
    pytest.importorskip("pypdfium2")
    from gapcheck import read

    plumber = read._ENGINES["pdfplumber"]
    monkeypatch.setitem(read._ENGINES, "pdfplumber", lambda *a, **k: _glued(plumber(*a, **k)))
    data = (SAMPLES / "cv_scientist.pdf").read_bytes()
    text = read_pdf_bytes(data, "cv.pdf", engine="pdfplumber").text
    assert text == read_pdf_bytes(data, "cv.pdf", engine="pdfium").text


def test_a_text_layer_broken_for_both_engines_is_an_error_not_an_empty_profile(monkeypatch):
    from gapcheck import read

    for name, engine in list(read._ENGINES.items()):
        monkeypatch.setitem(read._ENGINES, name, lambda *a, _engine=engine, **k: _glued(_engine(*a, **k)))
    with pytest.raises(NoTextLayerError, match="text layer is unusual .*words run together.*plain-text copy"):
        read_pdf_bytes((SAMPLES / "cv_scientist.pdf").read_bytes(), "cv.pdf")


def _row(top: float, x: float, texts: list[str], right: float | None = None) -> list[dict]:
    """Set words 6 units a letter, 4 apart; with ``right``, justified so the last ends there."""
    widths = [6.0 * len(t) for t in texts]
    gap = 4.0 if right is None or len(texts) < 2 else (right - x - sum(widths)) / (len(texts) - 1)
    out = []
    for text, width in zip(texts, widths, strict=True):
        out.append({"text": text, "x0": x, "x1": x + width, "top": top, "bottom": top + 10.0})
        x += width + gap
    return out


def test_a_paragraph_narrower_than_the_page_wraps_at_its_own_edge():
    from gapcheck._wrap import _unwrap

    rows = [
        _row(100.0, 50.0, ["summary"] * 10, 510.0),
        _row(112.0, 50.0, ["goingon"] * 10, 510.0),
        # an entry's paragraph beside a column of dates: its lines end at 290, "in" fits at 510
        _row(140.0, 50.0, ["Leads", "the", "platform", "team", "of", "five", "engineers"], 290.0),
        _row(152.0, 50.0, ["in", "the", "bank,", "from", "credit", "risk", "scorecards"], 290.0),
        _row(164.0, 50.0, ["to", "fraud", "detection."]),
    ]
    lines = [text for text, _, _ in _unwrap(rows)]
    assert lines[-1] == ("Leads the platform team of five engineers in the bank, from credit risk scorecards "
                         "to fraud detection.")


def test_a_cell_that_wraps_under_an_inner_word_goes_on_its_line():
    from gapcheck._wrap import _unwrap

    rows = [
        _row(100.0, 45.0, ["2013-2015", "M.S.", "Applied"]),  # "M.S." starts at 103
        _row(112.0, 103.0, ["Statistics"]),
        _row(124.0, 45.0, ["Texas", "Hill", "Country", "University"]),
    ]
    lines = [text for text, _, _ in _unwrap(rows)]
    assert lines == ["2013-2015 M.S. Applied Statistics", "Texas Hill Country University"]


def test_a_title_under_a_dated_title_is_not_a_wrapped_cell():
    from gapcheck._wrap import _unwrap

    rows = [_row(100.0, 45.0, ["2019-2021", "Senior", "Engineer"]), _row(112.0, 103.0, ["Acme", "Corp,", "Austin"])]
    assert [text for text, _, _ in _unwrap(rows)] == ["2019-2021 Senior Engineer", "Acme Corp, Austin"]


def test_a_heading_turned_up_the_side_is_read_in_order_and_a_reflection_is_dropped():
    from gapcheck._pdfplumber import page_words

    def char(text: str, x0: float, top: float, matrix: tuple, upright: bool) -> tuple:
        return (text, x0, x0 + 8, top, top + 8, 10.0, upright, matrix), "Serif"

    up = (0.0, 1.0, -1.0, 0.0, 0.0, 0.0)
    # "Langues" set up the page: its first letter lowest
    turned = [char(c, 50.0, 500.0 - 8 * i, up, False) for i, c in enumerate("Langues")]
    mirror = [char(c, 100.0 + 8 * i, 700.0, (1.0, 0.0, 0.0, -1.0, 0.0, 0.0), False) for i, c in enumerate("Title")]
    texts = [w["text"] for w in page_words(turned + mirror)]
    assert texts == ["Langues"]


def _tall(words: list[dict], height: float) -> list[dict]:
    return [{**w, "bottom": w["top"] + height} for w in words]


def test_a_larger_heading_beside_its_sections_first_line_is_a_line_of_its_own():
    # moderncv's fancy style: the heading in a larger font on the row of its section's first line
    heading = _tall(_words([(100.0, [(60.0, "Research")])]), 14.0)
    body = _words([_set_row(102.0, 170.0, ["I", "build", "models", "of", "neurons", "and", "their", "dynamics"]),
                   _set_row(116.0, 170.0, ["with", "recurrent", "networks", "in", "PyTorch", "for", "reaching"])])
    lines = [text for text, _ in layout_page(heading + body, 600.0, 800.0)]
    assert lines[0] == "Research" and lines[1].startswith("I build models")
    # a word in the body's own size is no heading, whatever it says
    same = _words([_set_row(100.0, 60.0, ["Research"])]) + body
    assert [text for text, _ in layout_page(same, 600.0, 800.0)][0] != "Research"


def test_a_heading_in_a_margin_left_of_the_texts_edge_is_a_line_of_its_own():
    # a table's first column (res.cls, a longtable): each section's heading in the text's own size,
    # on the row of its first line, left of where every row of the text starts
    words = _words([_set_row(100.0, 99.0, ["Education"]), _set_row(101.0, 164.0, ["Lakeshore", "University,", "MA"]),
                    _set_row(113.0, 164.0, ["PhD", "in", "Machine", "Learning", "2013", "-", "2019"]),
                    _set_row(137.0, 95.0, ["Experience"]), _set_row(138.0, 164.0, ["Halden", "Labs,", "ML",
                                                                                    "Scientist"]),
                    _set_row(150.0, 164.0, ["Built", "domain", "adaptation", "models", "for", "RNA-seq."])])
    lines = [text for text, _ in layout_page(words, 600.0, 800.0)]
    assert lines[:3] == ["Education", "Lakeshore University, MA", "PhD in Machine Learning 2013 - 2019"]
    assert lines[3:5] == ["Experience", "Halden Labs, ML Scientist"]
    # a word on the text's edge is the text's, whatever it says
    same = _words([_set_row(86.0, 164.0, ["Education", "policy", "research", "for", "schools"])])
    lines = [text for text, _ in layout_page(same + words[1:], 600.0, 800.0)]
    assert lines[0].startswith("Education policy research for schools") and "Education" not in lines


def test_a_label_in_the_margin_of_a_page_with_its_own_headings_stays_on_its_line():
    # moderncv: "Skills" on a line of its own at the text's edge, the item's label ("Research")
    # in the margin beside its list
    words = _words([_set_row(88.0, 164.0, ["Skills"]),
                    _set_row(100.0, 99.0, ["Research"]), _set_row(101.0, 164.0, ["computer", "vision,", "robotics"]),
                    _set_row(113.0, 164.0, ["PhD", "in", "Machine", "Learning", "2013", "-", "2019"]),
                    _set_row(125.0, 164.0, ["Built", "domain", "adaptation", "models."])])
    lines = [text for text, _ in layout_page(words, 600.0, 800.0)]
    assert "Research" not in lines and any(line.startswith("Research computer vision") for line in lines)


def test_one_known_heading_in_a_margin_is_a_label_not_a_heading():
    # a page of a moderncv CV with no heading of its own: "Tools" labels its list
    words = _words([_set_row(100.0, 120.0, ["Tools"]), _set_row(101.0, 164.0, ["Python,", "pandas,", "SQL"]),
                    _set_row(113.0, 164.0, ["Data", "Analyst,", "Fjordline", "Logistics,", "2014", "-", "2019"]),
                    _set_row(125.0, 164.0, ["Built", "weekly", "reports."])])
    lines = [text for text, _ in layout_page(words, 600.0, 800.0)]
    assert "Tools" not in lines


def test_a_margin_of_headings_beside_the_text_puts_each_heading_in_its_place():
    # headings right-aligned in a left margin, in a larger font whose baseline is not the text's
    heads = ["Summary", "Experience", "Education", "Skills"]
    words: list[dict] = []
    for k, head in enumerate(heads):
        top = 100.0 + 60 * k
        words += _tall(_words([(top - 1.0, [(150.0 - 6.0 * len(head), head)])]), 14.0)
        for j in range(4):
            first = ["Built", "A", "Maintained", "Ran"][j] + "x" * k
            words += _words([_set_row(top + 14 * j, 170.0, [first, f"S{k}", "with", "enough", "words", "to", "fill",
                                                              "the", "main", "column", "here."])])
    from gapcheck._notes import notes_split, with_notes
    from gapcheck._rows import _rows

    found = notes_split(_rows(words), 160.0)
    assert found is not None and found[0] == "left"
    lines = [text for text, _ in with_notes(words, 160.0, "left", split=found[1])]
    for k, head in enumerate(heads):
        assert lines[lines.index(head) + 1].startswith("Built" + "x" * k)


def test_a_margin_of_headings_wrapped_onto_two_rows_puts_each_heading_above_its_section():
    # headings in a narrow left column, in the text's own size, a little below the first line's top;
    # two-word headings wrap onto two rows ("Projects and" / "Developments")
    heads = [["Education"], ["Projects and", "Developments"], ["Scholastic", "Achievements"], ["Technical Skills"]]
    words: list[dict] = []
    for k, head in enumerate(heads):
        top = 100.0 + 70 * k
        for j, part in enumerate(head):
            words += _words([_set_row(top + 2.0 + 12 * j, 60.0, part.split())])
        for j in range(4):
            first = ["Built", "Ran", "Made", "Led"][j] + "x" * k
            words += _words([_set_row(top + 14 * j, 170.0, [first, f"S{k}", "with", "enough", "words", "to", "fill",
                                                              "the", "main", "column", "here."])])
    from gapcheck.normalise import split_sections

    lines = [text for text, _ in layout_page(words, 600.0, 800.0)]
    ndoc = split_sections("Ana Lima\n" + "\n".join(lines))
    heads_read = [(k, tl.text, tl.section) for k, tl in enumerate(ndoc.lines) if tl.heading]
    assert [(text, section) for _, text, section in heads_read] == [
        ("Education", "education"), ("Projects and Developments", "projects"),
        ("Scholastic Achievements", "certifications"), ("Technical Skills", "skills")]
    for n, (k, _, _) in enumerate(heads_read):  # each heading stands right above its section's first line
        assert ndoc.lines[k + 1].text.startswith("Built" + "x" * n)


def test_a_heading_in_the_margin_takes_no_date_from_the_entry_below_it():
    # Europass: the section's heading and each entry's dates in the left column, the entry beside
    # its dates; the heading stands alone a little above the first dates
    words = _tall(_words([(210.0, [(57.0, "WORK"), (99.0, "EXPERIENCE")])]), 12.0)
    words += _words([_set_row(229.4, 59.0, ["01/11/2024", "\u2013", "CURRENT"]),
                     _set_row(229.4, 210.0, ["Junior", "Machine", "Learning", "Engineer"]),
                     _set_row(241.0, 210.0, ["Lumetra", "Analytics,", "Milan"]),
                     _set_row(253.0, 210.0, ["\u2022", "Built", "forecasting", "models."]),
                     _set_row(273.0, 59.0, ["01/03/2024", "\u2013", "31/08/2024"]),
                     _set_row(273.0, 210.0, ["Data", "Science", "Intern"])])
    from gapcheck._notes import with_notes

    lines = [text for text, _ in with_notes(words, 200.0, "left")]
    assert lines[:2] == ["WORK EXPERIENCE", "01/11/2024 \u2013 CURRENT | Junior Machine Learning Engineer"]
    assert "01/03/2024 \u2013 31/08/2024 | Data Science Intern" in lines


@pytest.mark.parametrize("gaps, expected", [
    ([0.0, 0.0, 0.134, 0.0, -0.02, 0.134], 0.1),  # a tightly justified line: its words are 0.134 em apart
    ([0.08, 0.08, 0.134, 0.08], 0.15),  # letter-spaced: its letters are 0.08 em apart, so the gap stands
    ([0.0, 0.0, 0.25, 0.0], 0.15),  # an ordinary line
])
def test_a_tightly_justified_line_ends_its_words_at_its_own_gap(gaps, expected):
    from gapcheck._words import line_word_gap

    assert line_word_gap(gaps) == expected


def test_the_words_of_a_tightly_justified_line_are_apart():
    from gapcheck._pdfplumber import group_words

    # (text, x0, x1, top, bottom, size, upright): 0.134 em between words, none inside them
    chars, x = [], 50.0
    for word in ("I", "build", "models"):
        for ch in word:
            chars.append((ch, x, x + 5.0, 100.0, 110.9, 10.9, True))
            x += 5.0
        x += 0.134 * 10.9
    assert [w["text"] for w in group_words(chars)] == ["I", "build", "models"]


def test_a_missing_glyph_repeated_is_no_bullet():
    # glyph 0 (.notdef) draws every character a font lacks (the emoji before a web CV's headings)
    from gapcheck._words import bullet_icons
    assert bullet_icons(["Noto:(cid:0)"] * 4) == set()
    assert bullet_icons(["marvosym:(cid:123)"] * 4) == {"marvosym:(cid:123)"}  # one picture opening lines
