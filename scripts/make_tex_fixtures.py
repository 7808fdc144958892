#!/usr/bin/env python3
"""Typeset the TeX fixtures in tests/data/texfonts/ (each .tex there becomes its .pdf).

    python scripts/make_tex_fixtures.py

Needs pdflatex with pgf (apt install texlive-latex-extra); the tests read the committed PDFs and
need no TeX. Made where cm-super is not installed, so T1-encoded text comes out in TeX's bitmap
(Type 3) fonts, with no Unicode map. ``low_ascent.pdf`` is written uncompressed and then has each
font's /Ascent set to its /XHeight (see the .tex file's comment).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent / "tests" / "data" / "texfonts"


def low_ascent(pdf: bytes) -> bytes:
    """Each font descriptor's /Ascent made its /XHeight, padded to the same length (the xref
    offsets stay right)."""
    xheight = re.search(rb"/XHeight (\d+)", pdf)
    if xheight is None:
        raise SystemExit("low_ascent.pdf: no /XHeight to copy (was it written uncompressed?)")
    return re.sub(rb"/Ascent (\d+)", lambda m: b"/Ascent " + xheight[1].rjust(len(m[1])), pdf)


def main() -> int:
    if shutil.which("pdflatex") is None:
        print("pdflatex is needed: apt install texlive-latex-extra", file=sys.stderr)
        return 1
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000", FORCE_SOURCE_DATE="1")
    for tex in sorted(HERE.glob("*.tex")):
        with tempfile.TemporaryDirectory() as tmp:
            shutil.copy(tex, tmp)
            done = subprocess.run(["pdflatex", "-interaction=nonstopmode", tex.name], cwd=tmp, env=env,
                                  capture_output=True, text=True)
            pdf = Path(tmp) / tex.with_suffix(".pdf").name
            if done.returncode or not pdf.exists():
                print(f"{tex.name}: pdflatex failed:\n{done.stdout[-2000:]}", file=sys.stderr)
                return 1
            data = pdf.read_bytes()
            if tex.stem == "low_ascent":
                data = low_ascent(data)
            tex.with_suffix(".pdf").write_bytes(data)
            print(f"wrote {tex.with_suffix('.pdf').relative_to(HERE.parent.parent.parent)} ({len(data):,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
