#!/usr/bin/env python3
"""Render plain-text resumes into real PDFs (fpdf2, offline, byte-for-byte reproducible).

Usage:
    python scripts/make_pdfs.py SRC.txt [SRC.txt ...] [-o OUTDIR]
                                [--layout auto|single|two-column|sidebar] [--verify]

Each SRC.txt becomes OUTDIR/<stem>.pdf (default OUTDIR: the folder of the source).

Text format of the .txt resumes:
  * Line 1 is the person's name; the following lines, up to the first blank line,
    are contact/headline lines.
  * A section heading is a line written in ALL CAPS made only of letters, spaces and
    "&", "/" or "-" (e.g. ``SKILLS``, ``WORK EXPERIENCE``); the lines after it are its body.
  * Body lines starting with "- " are bullets. A non-bullet line directly followed by a
    bullet is treated as an entry title (job, degree, project) and set in bold.
  * Blank lines inside a section become a small vertical gap. No comments or directives
    are allowed in the files; the layout is chosen on the command line.

Layouts:
  single      one column; the heading style (rule / band / side bar) depends on the stem.
  two-column  left column (~35 %) holds name, contact, SKILLS, EDUCATION, CERTIFICATIONS,
              LANGUAGES, INTERESTS...; the right column holds everything else. Both columns
              start at the top of page 1 and flow onto further pages independently.
  sidebar     like two-column, with a narrower left column on a shaded background.
  auto        look the stem up in ``layouts.json`` next to the source ({"stem": "sidebar"});
              fall back to single.
Every page carries a small footer "Name - page N".

The core font Helvetica only covers latin-1, so text is sanitised deterministically
(dashes -> "-", curly quotes -> straight quotes, bullets -> "-", other characters are
decomposed or replaced by "?"). Bullets are drawn as the WinAnsi glyph "•" when the core
font encoding allows it, else as "-". Creation date and producer are fixed, so running
the script twice gives identical bytes. ``--verify`` reopens each PDF with pdfplumber and
checks that every word of the (sanitised) source appears in ``page.extract_words()``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path

from fpdf import FPDF

LAYOUTS = ("single", "two-column", "sidebar")
LEFT_KEYS = ("SKILL", "EDUCATION", "CERTIF", "LANGUAGE", "INTEREST", "TOOL", "CONTACT", "AWARD")
HEADING_RE = re.compile(r"[A-Z][A-Z &/-]*[A-Z]")
FIXED_DATE = datetime(2024, 1, 1, tzinfo=timezone.utc)
PAGE_W, PAGE_H, TOP, BOTTOM = 210.0, 297.0, 14.0, 279.0
PT = 0.3528  # mm per point
REPLACE = dict.fromkeys("\u2010\u2011\u2013\u2014\u2212\u2022\u25aa\u25cf", "-")  # dashes, bullets
REPLACE.update({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2026": "...", "\u00a0": " "})


def sanitise(text: str) -> str:
    out = []
    for ch in text:
        ch = REPLACE.get(ch, ch)
        if len(ch) == 1 and ord(ch) > 255:
            ch = "".join(c for c in unicodedata.normalize("NFKD", ch) if ord(c) < 256) or "?"
        out.append(ch)
    return "".join(out)


def is_heading(line: str) -> bool:
    return bool(HEADING_RE.fullmatch(line.strip())) and sum(c.isalpha() for c in line) >= 3


def parse(text: str) -> tuple[str, list[str], list[tuple[str, list[str]]]]:
    """Return (name, header lines, [(heading, body lines)])."""
    lines = [ln.rstrip() for ln in sanitise(text).splitlines()]
    while lines and not lines[0].strip():
        lines.pop(0)
    if not lines:
        raise ValueError("empty resume")
    name, i, header = lines[0].strip(), 1, []
    while i < len(lines) and lines[i].strip():
        header.append(lines[i].strip())
        i += 1
    sections: list[tuple[str, list[str]]] = []
    for line in lines[i:]:
        if is_heading(line):
            sections.append((line.strip(), []))
        elif sections or line.strip():
            if not sections:
                sections.append(("", []))
            sections[-1][1].append(line.strip())
    return name, header, sections


class Column:
    """Lays text out in one column; records draw calls per page for later rendering."""

    def __init__(self, pdf: FPDF, x: float, width: float, draws: list, size: float, style: int):
        self.pdf, self.x, self.w, self.draws = pdf, x, width, draws
        self.size, self.style, self.page, self.y = size, style, 0, TOP

    def _room(self, h: float) -> None:
        if self.y + h > BOTTOM:
            self.page, self.y = self.page + 1, TOP

    def wrap(self, text: str, width: float, font: tuple) -> list[str]:
        self.pdf.set_font(*font)
        lines, cur = [], ""
        for word in text.split():
            cand = f"{cur} {word}" if cur else word
            if self.pdf.get_string_width(cand) <= width or not cur:
                cur = cand
            else:
                lines.append(cur)
                cur = word
            while self.pdf.get_string_width(cur) > width and len(cur) > 1:  # over-long word
                cut = len(cur) - 1
                while cut > 1 and self.pdf.get_string_width(cur[:cut]) > width:
                    cut -= 1
                lines.append(cur[:cut])
                cur = cur[cut:]
        return lines + ([cur] if cur else [])

    def text(
        self, text: str, size: float = 0, bold: bool = False, indent: float = 0, color=(30, 30, 30), bullet: str = ""
    ) -> None:
        size = size or self.size
        font = ("Helvetica", "B" if bold else "", size)
        self.pdf.set_font(*font)
        longest = max((self.pdf.get_string_width(w) for w in text.split()), default=0)
        if longest > self.w - indent:  # shrink rather than split an e-mail or URL
            size = max(6.0, size * (self.w - indent) / longest - 0.1)
            font = ("Helvetica", font[1], size)
        lh = size * PT * 1.35
        for n, line in enumerate(self.wrap(text, self.w - indent, font)):
            self._room(lh)
            x, base = self.x + indent, self.y + lh * 0.75
            mark = bullet if n == 0 else ""
            self.draws.append((self.page, font, color, x, base, line, mark))
            self.y += lh

    def heading(self, title: str) -> None:
        size = self.size + 1.5
        self._room(size * PT * 1.4 * 3)  # keep the heading with the next lines
        self.y += 1.5
        font = ("Helvetica", "B", size)
        h = size * PT * 1.6
        self.draws.append((self.page, "deco", self.style, self.x, self.y, self.w, h))
        color = (255, 255, 255) if self.style == 1 else (20, 45, 90)
        x = self.x + (2.5 if self.style in (1, 2) else 0)
        self.draws.append((self.page, font, color, x, self.y + h * 0.72, title, ""))
        self.y += h + 1.2

    def body(self, lines: list[str], bullet: str) -> None:
        for k, line in enumerate(lines):
            nxt = lines[k + 1] if k + 1 < len(lines) else ""
            if not line:
                self.y += 1.8
            elif line.startswith("- "):
                self.text(line[2:].strip(), indent=4, bullet=bullet)
            else:
                self.text(line, bold=nxt.startswith("- "))


def render(src: Path, layout: str, out: Path) -> int:
    name, header, sections = parse(src.read_text(encoding="utf-8"))
    pdf = FPDF(unit="mm", format="A4")
    pdf.core_fonts_encoding = "cp1252"  # WinAnsi: lets the core font draw a real bullet
    pdf.set_auto_page_break(False)
    pdf.set_creation_date(FIXED_DATE)
    pdf.set_producer("gapcheck scripts/make_pdfs.py (fpdf2)")
    pdf.set_creator("gapcheck scripts/make_pdfs.py")
    pdf.set_title(f"{name} - Resume")
    pdf.set_author(name)
    pdf.set_lang("en")
    bullet = "\u2022"
    try:
        bullet.encode(pdf.core_fonts_encoding)
    except UnicodeEncodeError:
        bullet = "-"
    style = sum(map(ord, src.stem)) % 3 if layout == "single" else 0
    draws: list = []
    if layout == "single":
        left = right = Column(pdf, 15, PAGE_W - 30, draws, 10, style)
    elif layout == "two-column":
        left = Column(pdf, 12, 62, draws, 9, 0)
        right = Column(pdf, 80, PAGE_W - 92, draws, 9.5, 0)
    else:
        left = Column(pdf, 8, 50, draws, 8.5, 2)
        right = Column(pdf, 68, PAGE_W - 80, draws, 9.5, 0)
    left.text(name, size=20 if layout == "single" else 16, bold=True, color=(20, 45, 90))
    for line in header:
        left.text(line, size=left.size - 0.5, color=(90, 90, 90))
    left.y += 3
    for title, lines in sections:
        col = left if any(k in title for k in LEFT_KEYS) else right
        if title:
            col.heading(title)
        col.body(lines, bullet)
    pages = max(d[0] for d in draws) + 1
    for page in range(pages):
        pdf.add_page()
        if layout == "sidebar":
            pdf.set_fill_color(228, 233, 240)
            pdf.rect(0, 0, 62, PAGE_H, style="F")
        elif layout == "two-column":
            pdf.set_draw_color(200, 200, 200)
            pdf.line(77, TOP, 77, BOTTOM)
        for d in (d for d in draws if d[0] == page):
            if d[1] == "deco":
                _, _, st, x, y, w, h = d
                if st == 0:
                    pdf.set_draw_color(20, 45, 90)
                    pdf.line(x, y + h, x + w, y + h)
                else:
                    pdf.set_fill_color(20, 45, 90)
                    pdf.rect(x, y, w if st == 1 else 1.2, h, style="F")
                continue
            _, font, color, x, base, line, mark = d
            pdf.set_font(*font)
            pdf.set_text_color(*color)
            pdf.text(x, base, line)
            if mark:
                pdf.text(x - 3.2, base, mark)
        pdf.set_font("Helvetica", "", 7.5)
        pdf.set_text_color(130, 130, 130)
        footer = f"{name} - page {page + 1}"
        pdf.text((PAGE_W - pdf.get_string_width(footer)) / 2, PAGE_H - 9, footer)
    out.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(out))
    return pages


def verify(src: Path, pdf_path: Path) -> tuple[int, int, list[str]]:
    """Return (source words, words found, missing words) for a rendered PDF."""
    import pdfplumber

    lines = sanitise(src.read_text(encoding="utf-8")).splitlines()
    want = Counter(w for ln in lines for w in (ln.strip()[2:] if ln.strip().startswith("- ") else ln).split())
    with pdfplumber.open(pdf_path) as doc:
        got = Counter(w["text"] for page in doc.pages for w in page.extract_words())
    missing = want - got
    return sum(want.values()), sum(want.values()) - sum(missing.values()), sorted(missing)


def choose_layout(src: Path, requested: str) -> str:
    if requested != "auto":
        return requested
    mapping = src.parent / "layouts.json"
    if mapping.is_file():
        layout = json.loads(mapping.read_text(encoding="utf-8")).get(src.stem, "single")
        if layout in LAYOUTS:
            return layout
        print(f"{src}: unknown layout {layout!r} in {mapping}, using single", file=sys.stderr)
    return "single"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sources", nargs="+", type=Path, help="text resumes (.txt)")
    ap.add_argument("-o", "--outdir", type=Path, help="output folder (default: next to source)")
    ap.add_argument("--layout", choices=("auto",) + LAYOUTS, default="auto")
    ap.add_argument("--verify", action="store_true", help="check word coverage with pdfplumber")
    args = ap.parse_args(argv)
    status = 0
    for src in args.sources:
        layout = choose_layout(src, args.layout)
        out = (args.outdir or src.parent) / f"{src.stem}.pdf"
        try:
            pages = render(src, layout, out)
        except (OSError, ValueError) as exc:
            print(f"{src}: {exc}", file=sys.stderr)
            status = 1
            continue
        msg = f"{src} -> {out} [{layout}, {pages} page(s)]"
        if args.verify:
            total, found, missing = verify(src, out)
            msg += f" words {found}/{total}"
            if missing:
                msg += f" MISSING: {' '.join(missing[:20])}"
                status = 1
        print(msg)
    return status


if __name__ == "__main__":
    sys.exit(main())
