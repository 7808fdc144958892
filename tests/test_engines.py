"""Reading PDFs that real engines typeset (tests/data/engines): words, icons, dates and wrapped
lines, with both PDF engines. benchmarks/reading.py measures the whole corpus; these are the
cases each reading rule was written for."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from gapcheck import analyze_text
from gapcheck.normalise import split_sections
from gapcheck.read import read_document

CORPUS = Path(__file__).resolve().parent / "data" / "engines"
ENGINES = ["pdfplumber", "pdfium"]
TODAY = date(2026, 11, 23)

pytest.importorskip("pypdfium2")


def _text(style: str, person: str, engine: str) -> str:
    return read_document(CORPUS / style / f"{person}.pdf", pdf_engine=engine).text


@pytest.mark.parametrize("engine", ENGINES)
def test_tight_latex_spaces_split_words(engine):
    # XeLaTeX sets no space characters and justifies to 0.17 em: a fixed 3 pt tolerance glued
    # whole lines into one word.
    text = _text("xelatex-twocol", "amara_osei", engine)
    assert "Machine learning engineer with five years of experience" in text
    assert not [w for w in re.findall(r"[A-Za-z]+", text) if len(w) >= 25]


@pytest.mark.parametrize("engine", ENGINES)
def test_letter_spaced_headings_stay_whole(engine):
    # Chromium's headings carry CSS letter-spacing of 0.08 em.
    lines = _text("html-chromium", "amara_osei", engine).split("\n")
    assert "EXPERIENCE" in lines and "SKILLS" in lines


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("style", ["rendercv-classic", "xelatex-twocol", "latex-moderncv"])
def test_icon_glyphs_are_dropped(style, engine):
    text = _text(style, "amara_osei", engine)
    assert "(cid:" not in text
    assert not [ch for ch in text if 0xE000 <= ord(ch) <= 0xF8FF]
    assert "amara.osei@example.com" in text


@pytest.mark.parametrize("engine", ENGINES)
def test_a_picture_that_opens_many_lines_is_a_bullet(engine):
    # moderncv draws its bullets with marvosym, a font of pictures without text.
    assert "\u2022 Built a learning-to-rank model" in _text("latex-moderncv", "amara_osei", engine)


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize(
    ("style", "person", "line"),
    [
        ("latex-moderncv", "amara_osei", "Apr 2023 \u2013 Present | Machine Learning Engineer, Brightwater Commerce"),
        (
            "rendercv-moderncv",
            "amara_osei",
            "Apr 2023 \u2013 Present | Machine Learning Engineer, Brightwater Commerce",
        ),
        (
            "rendercv-classic",
            "amara_osei",
            "Brightwater Commerce, Machine Learning Engineer | Columbus, OH Apr 2023 \u2013 Present",
        ),
        ("latex-jake", "amara_osei", "Machine Learning Engineer | Apr 2023 \u2013 Present"),
        ("docx-tabs", "jonah_whitaker", "Senior Front-End Developer | Mar 2022 \u2013 Present"),
        ("latex-moderncv", "dmitri_volkov", "Sep 2019-Jan 2022 | NLP Engineer"),  # the date wrapped in its column
        # friggeri-cv's three bands: an aside flush right, the dates, the text. The dates are the
        # text's notes, not the end of the aside's line beside them ("Athens, OH Jun 2021 - Mar 2023").
        ("latex-aside", "amara_osei", "Jun 2021 \u2013 Mar 2023 Data Scientist"),
        ("latex-aside", "greta_lindholm", "Sep 2022\u2013Present | Quantitative Researcher"),
        ("latex-aside", "bruno_castellanos", "01/2021-Present Senior Data Scientist"),
    ],
)
def test_a_date_column_is_read_with_its_entry(style, person, line, engine):
    lines = _text(style, person, engine).split("\n")
    assert any(ln.startswith(line) for ln in lines), [ln for ln in lines if "20" in ln][:6]


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("person, name", [("amara_osei", "Amara Osei"), ("lucas_ferreira", "Lucas Ferreira")])
def test_a_name_over_the_main_column_above_the_aside_is_read_first(person, name, engine):
    # friggeri-cv: the name tops the main column, the aside starts lower; the name is the page's head
    assert _text("latex-aside", person, engine).split("\n")[0] == name


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("person", ["amara_osei", "bruno_castellanos", "dmitri_volkov", "greta_lindholm"])
def test_headings_in_the_left_margin_are_lines_of_their_own(person, engine):
    # res.cls sets each section's heading in the margin, a word a row, beside its first lines:
    # "EXPERIENCE" is the section's heading, not a label of the first job's line.
    text = _text("latex-margin", person, engine)
    assert not [ln for ln in text.split("\n") if re.match(r"[A-Z]{4,}(?: [A-Z]{4,})*: ", ln)]
    sections = {tl.section for tl in split_sections(text).lines if tl.heading}
    assert {"experience", "education", "skills"} <= sections


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize(
    ("style", "person", "line"),
    [
        ("docx-table", "esme_hartley", "Frameworks: PyTorch, TensorRT, ONNX, ROS"),  # a sidebar line wrapped
        ("html-weasyprint", "greta_lindholm", "Programming: Python, C++, SQL, kdb+ (basic)"),  # broken inside C++
        # A degree's cell in a sidebar grid wraps under its first word, right of the dates.
        ("html-weasyprint", "bruno_castellanos", "2013-2015 M.S. Applied Statistics"),
        (
            "latex-jake",
            "amara_osei",
            "\u2022 Built a learning-to-rank model with LightGBM for product search, raising "
            "click-through by 6% in an A/B test across 2 million sessions.",
        ),
    ],
)
def test_wrapped_lines_are_read_whole(style, person, line, engine):
    assert line in _text(style, person, engine).split("\n")


def _years(text: str) -> float | None:
    return analyze_text(text, today=TODAY).seniority.years_experience


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize(
    ("style", "person"),
    [
        ("latex-moderncv", "amara_osei"),  # dates left of the entries
        ("rendercv-classic", "amara_osei"),  # dates right, a line below the title
        ("docx-tabs", "jonah_whitaker"),  # dates at a right tab stop
        ("html-chromium", "esme_hartley"),  # "Aug 2023\u00adPresent": the soft hyphen is not drawn
        ("rendercv-sb2nov", "dmitri_volkov"),  # U+2010 between the dates
        ("latex-jake", "farid_haddad"),  # "~" between the dates
    ],
)
def test_years_from_a_pdf_match_its_text_twin(style, person, engine):
    twin = _years((CORPUS / "text" / f"{person}.txt").read_text(encoding="utf-8"))
    pdf = _years(_text(style, person, engine))
    assert twin is not None and pdf is not None and abs(pdf - twin) <= 0.5


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("style, person, line", [
    # lines a little apart in height that overlap across the page are read as lines, not letter
    # by letter ("May 201H8elpwise Support Software", "Marko•v Thesis: ...")
    ("html-chromium", "dmitri_volkov", "M.S. Computational | Sep 2016‐May 2018"),
    ("html-chromium", "dmitri_volkov", "Helpwise Support Software, Cambridge, MA"),
    ("latex-sidebar", "kavya_raman",
     "based RL, policy gradient methods, Markov decision processes, Bayesian optimiza-"),
])
def test_overlapping_lines_are_not_interleaved(style, person, line, engine):
    assert line in _text(style, person, engine).split("\n")


@pytest.mark.parametrize("style", ["docx-table", "latex-sidebar", "xelatex-twocol", "rendercv-classic"])
def test_both_engines_find_the_same_skills(style):
    found = []
    for engine in ENGINES:
        result = analyze_text(_text(style, "greta_lindholm", engine), today=TODAY)
        found.append({s.id for s in result.skills})
    assert found[0] == found[1]


@pytest.mark.parametrize("engine", ENGINES)
def test_a_hyphenated_cell_wrapped_under_an_inner_word_is_one_line(engine):
    # "M.S." right of the dates, then "Finan-" / "cial" / "Math-" / "emat-" / "ics" under it.
    lines = [tl.text for tl in split_sections(_text("html-weasyprint", "greta_lindholm", engine)).lines]
    assert "Sep 2019\u2013Jun 2021 M.S. Financial Mathematics" in lines


def _held(text: str) -> set[str]:
    return {s.id for s in analyze_text(text, today=TODAY).skills if s.match not in ("implied", "assumed")}


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize(
    ("style", "person"),
    [
        ("latex-jake", "esme_hartley"),  # "Machine Learning Engineer | Jul 2022 - Jul 2023"; the twin: three lines
        ("latex-moderncv", "lucas_ferreira"),  # "2020 - 2021 Teaching Assistant, Deep Learning, ..."
        ("rendercv-engineeringresumes", "chen_yiling"),  # title, employer, place and dates in 15 words
        ("rendercv-sb2nov", "hiroshi_tanaka"),  # the headline inside the contact line
        ("rendercv-classic", "farid_haddad"),  # the same, and a paragraph under a dated title
        ("html-weasyprint", "amara_osei"),  # "B.S. Aug 2017 - May 2021 Statistics"
        ("docx-tabs", "kavya_raman"),  # titles of papers and of a teaching job
    ],
)
def test_held_skills_match_the_text_twin(style, person, engine):
    twin = _held((CORPUS / "text" / f"{person}.txt").read_text(encoding="utf-8"))
    pdf = _held(_text(style, person, engine))
    assert pdf == twin, f"only in the PDF: {sorted(pdf - twin)}; only in the twin: {sorted(twin - pdf)}"


def _rotated_pdf(path: Path) -> Path:
    """A page with upright lines and a line turned 90 degrees (a side label), in one content stream."""
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.text(20, 20, "Upright line, then a label up the margin")
    with pdf.rotation(90, 15, 200):
        pdf.text(15, 200, "Rotated side label: Python, SQL")
    pdf.text(20, 40, "Another upright line after it")
    path.write_bytes(bytes(pdf.output()))
    return path


@pytest.mark.parametrize(
    "pdf",
    [
        "latex-moderncv/amara_osei.pdf",  # icon fonts, date column
        "xelatex-twocol/greta_lindholm.pdf",  # no space characters at all
        "html-chromium/esme_hartley.pdf",  # letter-spaced headings, soft hyphens
        "docx-table/hiroshi_tanaka.pdf",
        "rendercv-sb2nov/dmitri_volkov.pdf",
        "rotated",
        "../type3/t1_bitmap_fonts.pdf",  # Type 3 bitmap fonts whose numbered glyphs are mended
    ],
)
def test_pdfplumber_words_are_pdfplumbers_own(pdf, tmp_path):
    # gapcheck reads pdfplumber's characters from the pdfminer layout and groups them itself,
    # for speed; both must stay what page.chars and extract_words give (a pdfplumber upgrade
    # that changes them fails here). The Type 3 fonts are mended first, as gapcheck reads them:
    # page.chars then reads the same mended fonts.
    import pdfplumber
    from pdfplumber.utils import extract_words

    from gapcheck._pdfplumber import _mend_numbered_glyphs, group_words, layout_chars
    from gapcheck._words import WORD_GAP

    path = _rotated_pdf(tmp_path / "rotated.pdf") if pdf == "rotated" else CORPUS / pdf
    keys = ("text", "x0", "x1", "top", "bottom", "size", "upright", "matrix")
    with pdfplumber.open(path) as doc:
        for page in doc.pages:
            _mend_numbered_glyphs(doc, page)
            chars, images = layout_chars(page)
            assert [(*ch, font) for ch, font in chars] == [
                (*(c[k] for k in keys), c["fontname"]) for c in page.chars
            ]
            assert images == bool(page.images)
            ours = group_words([ch for ch, _ in chars])
            theirs = extract_words(page.chars, x_tolerance_ratio=WORD_GAP, keep_blank_chars=False, use_text_flow=False)
            assert ours == [{k: w[k] for k in ("text", "x0", "x1", "top", "bottom")} for w in theirs]
            if pdf == "rotated":  # the rotated branch was taken (pdfplumber reads it bottom to top)
                assert any(not ch[6] for ch, _ in chars) and "LQS" in {w["text"] for w in ours}
            if "type3" in pdf:  # the mended letters and ligatures, not pdfminer's "MathØmatiques"
                assert {"Mathématiques", "à", "office", "œuvre"} <= {w["text"] for w in ours}


@pytest.mark.parametrize("pdf", ["latex-moderncv/amara_osei.pdf", "../type3/t1_bitmap_fonts.pdf"])
def test_another_pdfplumber_series_reads_page_chars_to_the_same_words(pdf, monkeypatch):
    from gapcheck import _pdfplumber
    from gapcheck.config import Limits

    data = (CORPUS / pdf).read_bytes()

    def words() -> list:
        return [page[0] for page in _pdfplumber.pdfplumber_pages(data, "cv.pdf", limits=Limits(), password=None)]

    copied = words()
    monkeypatch.setattr(_pdfplumber, "_COPIED_SERIES", "9.9.")  # not this pdfplumber: page.chars
    assert words() == copied and copied


TEXFONTS = Path(__file__).resolve().parent / "data" / "texfonts"  # made by scripts/make_tex_fixtures.py


@pytest.mark.parametrize("engine", ENGINES)
def test_tex_fonts_without_a_unicode_map_read_in_t1(engine):
    # TeX's bitmap fonts carry no Unicode map: T1's en dash and ligatures are control codes
    # ("2021\x152025", "Air\x1dow"), which both engines lost ("2021 2025", "Air ow").
    text = "\n".join(tl.text for tl in split_sections(read_document(TEXFONTS / "gradient_headings.pdf",
                                                                     pdf_engine=engine).text).lines)
    assert "2021–2025 Data Engineer" in text and "2017–2021 BSc" in text
    assert "\nAirflow." in text
    type3 = read_document(CORPUS / "../type3/t1_bitmap_fonts.pdf", pdf_engine=engine).text
    assert {"office", "finance,", "œuvre"} <= set(split_sections(type3).lines[0].text.split())


@pytest.mark.parametrize("engine", ENGINES)
def test_headings_drawn_in_a_soft_mask_are_read(engine):
    # pgf fadings paint a gradient through the heading's letters, drawn in a soft mask: poppler
    # and MuPDF read them, pdfminer and PDFium's text page skip them.
    lines = [tl.text for tl in split_sections(read_document(TEXFONTS / "gradient_headings.pdf",
                                                            pdf_engine=engine).text).lines]
    assert lines.count("Professional Experience") == 1 and lines.count("Education") == 1
    result = analyze_text(read_document(TEXFONTS / "gradient_headings.pdf", pdf_engine=engine).text,
                          today=date(2026, 11, 23))
    assert "experience" in result.sections and "education" in result.sections
    spark = next(s for s in result.skills if s.name == "Apache Spark")
    assert {e.section for e in spark.evidence} == {"experience"}


@pytest.mark.parametrize("engine", ENGINES)
def test_words_hold_together_where_a_font_declares_a_low_ascent(engine):
    # The font's ascent is its x-height (as pdfTeX writes it for Greek fonts): PDFium's boxes of
    # capitals then stand taller than the letters beside them, which split "Machine" into "M ac hi ne".
    words = read_document(TEXFONTS / "low_ascent.pdf", pdf_engine=engine).text.split()
    assert {"Oyelaran-Lindqvist", "Machine", "Learning", "Applied", "Statistics"} <= set(words)


def _pdf_bytes(objects: list[bytes]) -> bytes:
    """A PDF of the numbered ``objects`` (1 is the catalog), with a correct cross-reference table."""
    out, offsets = bytearray(b"%PDF-1.5\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _stream(content: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s >>\nstream\n%s\nendstream" % (len(content), extra, content)


@pytest.mark.parametrize("engine", ENGINES)
def test_a_soft_mask_that_sets_itself_again_ends(engine, tmp_path):
    # A hostile mask whose content sets the same mask again: read a few times, then left.
    from gapcheck._masks import _MAX_DEPTH

    resources = b"<< /Font << /F1 4 0 R >> /ExtGState << /M << /SMask << /S /Luminosity /G 5 0 R >> >> >> >>"
    pdf = _pdf_bytes([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 6 0 R /Resources " + resources + b" >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        _stream(b"/M gs BT /F1 12 Tf 72 600 Td (Gradient) Tj ET",
                b"/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Group << /S /Transparency >> /Resources "
                + resources),
        _stream(b"q /M gs 0 0 612 792 re f Q BT /F1 11 Tf 72 500 Td (Python and SQL at Acme, 2019 - 2024) Tj ET"),
    ])
    path = tmp_path / "loop.pdf"
    path.write_bytes(pdf)
    text = read_document(path, pdf_engine=engine).text
    assert "Python and SQL at Acme" in text
    assert 1 <= text.count("Gradient") <= _MAX_DEPTH
