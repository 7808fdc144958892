#!/usr/bin/env python3
"""Write the hostile and edge-case input files used by the tests into tests/fixtures/.

Deterministic and offline: run `python scripts/make_fixtures.py` after changing it and
commit the output. Needs fpdf2 (a dev dependency).
"""

from __future__ import annotations

import struct
import zlib
from datetime import datetime, timezone
from pathlib import Path

from fpdf import FPDF

OUT = Path(__file__).resolve().parent.parent / "tests" / "fixtures"
DATE = datetime(2024, 1, 1, tzinfo=timezone.utc)
RESUME = """Alex Rivera
alex.rivera@example.com

EXPERIENCE
Machine Learning Engineer, Northwind Labs, 2019 - Present
- Trained PyTorch models and served them with Docker and Kubernetes on AWS.
- Built data pipelines in Python and SQL.

SKILLS
Python, PyTorch, scikit-learn, Docker, Kubernetes, SQL
"""


def _pdf() -> FPDF:
    pdf = FPDF()
    pdf.set_creation_date(DATE)
    pdf.set_producer("gapcheck fixtures")
    pdf.set_font("Helvetica", size=11)
    return pdf


def _text_page(pdf: FPDF, text: str) -> None:
    pdf.add_page()
    for line in text.splitlines():
        pdf.multi_cell(0, 6, line or " ", new_x="LMARGIN", new_y="NEXT")


def png_bytes(width: int = 64, height: int = 64) -> bytes:
    """A small grey PNG, made without any imaging library."""
    raw = b"".join(b"\x00" + bytes([(x * 3 + y * 5) % 256 for x in range(width)]) for y in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def bomb_pdf(megabytes: int = 600) -> bytes:
    """A one-page PDF whose content stream inflates from under 1 MB to ``megabytes`` MB."""
    # Compressed a megabyte at a time: the same bytes as zlib.compress of the whole stream,
    # without holding it in memory.
    pack = zlib.compressobj(9)
    chunks = [pack.compress(b"BT /F1 12 Tf 72 720 Td (Python and SQL) Tj ET\n")]
    chunks += [pack.compress(b" " * (1024 * 1024)) for _ in range(megabytes)]
    chunks += [pack.compress(b"\nBT /F1 12 Tf 72 700 Td (Docker) Tj ET\n"), pack.flush()]
    packed = b"".join(chunks)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return out


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    pdf = _pdf()
    _text_page(pdf, RESUME)
    good = bytes(pdf.output())
    (OUT / "good.pdf").write_bytes(good)
    (OUT / "truncated.pdf").write_bytes(good[: len(good) // 3])
    (OUT / "garbage_body.pdf").write_bytes(b"%PDF-1.4\n" + bytes((i * 37) % 256 for i in range(3000)))

    enc = _pdf()
    enc.set_encryption(owner_password="owner-secret", user_password="open-sesame")
    _text_page(enc, RESUME)
    (OUT / "encrypted.pdf").write_bytes(bytes(enc.output()))

    scan = _pdf()
    scan.add_page()
    png = OUT / "_scan.png"
    png.write_bytes(png_bytes())
    scan.image(str(png), x=10, y=10, w=190)
    png.unlink()
    (OUT / "scanned.pdf").write_bytes(bytes(scan.output()))

    multi = _pdf()
    for n in range(1, 4):
        multi.add_page()
        multi.set_font("Helvetica", size=8)
        multi.cell(0, 5, "Alex Rivera - Confidential resume", new_x="LMARGIN", new_y="NEXT")
        multi.set_font("Helvetica", size=11)
        body = RESUME if n == 1 else f"PROJECTS\n- Project {n}: forecasting with Python and pandas."
        for line in body.splitlines():
            multi.multi_cell(0, 6, line or " ", new_x="LMARGIN", new_y="NEXT")
        multi.set_y(-15)
        multi.set_font("Helvetica", size=8)
        multi.cell(0, 5, f"Page {n} of 3", align="C")
    (OUT / "header_footer.pdf").write_bytes(bytes(multi.output()))

    many = _pdf()
    for n in range(40):
        many.add_page()
        many.cell(0, 6, f"Page {n + 1}: Python")
    (OUT / "forty_pages.pdf").write_bytes(bytes(many.output()))

    (OUT / "image_named.pdf").write_bytes(png_bytes(8, 8))
    (OUT / "zip_named.pdf").write_bytes(b"PK\x03\x04" + b"\x00" * 60)
    (OUT / "bomb.pdf").write_bytes(bomb_pdf())
    (OUT / "html_named.pdf").write_bytes(b"<!DOCTYPE html><html><body>Resume</body></html>")
    (OUT / "empty.txt").write_bytes(b"")
    (OUT / "utf8_bom.txt").write_bytes(b"\xef\xbb\xbf" + RESUME.replace("Rivera", "Rivéra").encode("utf-8"))
    (OUT / "utf16.txt").write_bytes(RESUME.replace("Rivera", "Rivéra").encode("utf-16"))
    (OUT / "latin1.txt").write_bytes(RESUME.replace("Rivera", "Rivéra").encode("latin-1"))
    (OUT / "binary.txt").write_bytes(bytes((i * 91 + 7) % 256 for i in range(4096)))
    (OUT / "no_skills.txt").write_text("Sam Lee\n\nEXPERIENCE\nBarista, 2018 - 2022\n- Made coffee.\n",
                                       encoding="utf-8")
    # Text with no skill, heading, date or contact details: not a resume at all (an error).
    (OUT / "not_a_resume.txt").write_text(
        "Mix the flour and the butter until the dough comes together, then rest it in the fridge for an hour.\n"
        "Roll it thin and bake until golden.\n", encoding="utf-8")
    (OUT / "resume.docx").write_bytes(b"PK\x03\x04" + b"\x00" * 60)
    print(f"wrote fixtures to {OUT}")


if __name__ == "__main__":
    main()
