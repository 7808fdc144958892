#!/usr/bin/env python3
"""Print the text resumes of a labelled set to PDF with LibreOffice, as a word processor would.

    python scripts/make_office_pdfs.py tests/data/people_dev tests/data/people_heldout

Each ``<set>/<stem>.txt`` or ``.md`` becomes ``<set>/pdf/<stem>.pdf``: LibreOffice Writer's
defaults (Liberation fonts, its own line breaking), not gapcheck's own fpdf script, so the
PDF twins of a set are read the way a user's exported resume is. Needs LibreOffice
(`apt-get install libreoffice-writer-nogui`); CI does not, the PDFs are committed. The
PDFs' bytes change on every run (LibreOffice stamps the time); their text does not.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


def convert(folder: Path) -> int:
    """Write ``folder/pdf/<stem>.pdf`` for every text resume in ``folder``; return how many."""
    sources = sorted(p for p in folder.iterdir() if p.suffix in (".txt", ".md") and p.name != "README.md")
    out = folder / "pdf"
    out.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        staged = []
        for src in sources:  # Writer opens .md as a document of its own kind; as .txt it is plain text
            copy = Path(tmp) / f"{src.stem}.txt"
            shutil.copyfile(src, copy)
            staged.append(str(copy))
        profile = Path(tmp) / "profile"
        subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
                        "pdf:writer_pdf_Export", "--outdir", str(out), *staged],
                       check=True, capture_output=True, timeout=600)
    return len(sources)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folders", nargs="+", type=Path)
    args = ap.parse_args(argv)
    if shutil.which("soffice") is None:
        print("LibreOffice is not installed: apt-get install libreoffice-writer-nogui", file=sys.stderr)
        return 1
    for folder in args.folders:
        print(f"{folder}: {convert(folder)} PDFs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
