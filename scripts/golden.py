#!/usr/bin/env python3
"""Golden outputs: the JSON and Markdown report of every sample and labelled resume.

    python scripts/golden.py            # regenerate tests/golden/ (then review `git diff`)
    python scripts/golden.py --check    # list the files whose output differs, exit 1 if any

"Present" stands for a pinned date (GOLDEN_DATE), so the files do not drift with the calendar.
tests/test_golden.py compares the same outputs, so every change of behaviour is a diff a
reviewer reads in tests/golden/.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"
GOLDEN_DATE = date(2026, 11, 23)
# Every resume that is ours to show: the samples and the labelled sets (not the hostile fixtures).
SOURCES = ("sample_resumes", "tests/data")
SUFFIXES = {".txt", ".md", ".pdf"}
# Held-out sets are measured (benchmarks/accuracy.py) but their outputs are not read by the
# people who tune gapcheck, so they have no golden files to review.
HELD_OUT = {"people_heldout", "people_heldout2", "people_heldout3", "researchers_heldout", "researchers_heldout2",
            "researchers_heldout3", "researchers_heldout4", "people_heldout4", "people_heldout5",
            "people_heldout6"}


def inputs() -> Iterator[Path]:
    """Every golden input, as a path relative to the repository root, in a stable order."""
    for folder in SOURCES:
        for path in sorted((ROOT / folder).rglob("*")):
            if path.suffix in SUFFIXES and path.is_file() and path.name != "README.md" and not (
                    HELD_OUT & set(path.relative_to(ROOT).parts)):
                yield path.relative_to(ROOT)


def golden_name(rel: Path) -> Path:
    """Where an input's outputs live: tests/golden/<set>/<file name> plus .json and .md."""
    parts = rel.parts[2:] if rel.parts[:2] == ("tests", "data") else rel.parts
    return GOLDEN.joinpath(*parts)


def outputs(rel: Path) -> dict[str, str]:
    """The JSON and Markdown report of one input, analysed with the pinned date."""
    from gapcheck import analyze
    from gapcheck.errors import GapcheckError
    from gapcheck.render import render

    try:
        result = analyze(rel, today=GOLDEN_DATE)
    except GapcheckError as exc:  # an expected outcome too (a resume with no skills)
        return {".json": f"error: {type(exc).__name__}: {exc}\n", ".md": ""}
    return {".json": render(result, "json"), ".md": render(result, "markdown", evidence=True)}


def compare(rel: Path) -> list[str]:
    """The golden files of ``rel`` that differ from what the code makes now."""
    base = golden_name(rel)
    bad = []
    for ext, text in outputs(rel).items():
        path = base.with_name(base.name + ext)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            bad.append(os.path.relpath(path, ROOT))
    return bad


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    args = parser.parse_args(argv)

    os.chdir(ROOT)  # sources are recorded relative to the repository root
    changed: list[str] = []
    seen: set[Path] = set()
    for rel in inputs():
        base = golden_name(rel)
        if args.check:
            changed += compare(rel)
            continue
        base.parent.mkdir(parents=True, exist_ok=True)
        for ext, text in outputs(rel).items():
            path = base.with_name(base.name + ext)
            seen.add(path)
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                path.write_text(text, encoding="utf-8")
                changed.append(str(path.relative_to(ROOT)))
    if not args.check:
        for stale in GOLDEN.rglob("*"):
            if stale.is_file() and stale.suffix in {".json", ".md"} and stale not in seen:
                stale.unlink()
                changed.append(f"{stale.relative_to(ROOT)} (removed)")
    for name in changed:
        print(name)
    print(f"{len(changed)} golden file(s) {'differ' if args.check else 'written'}", file=sys.stderr)
    return 1 if args.check and changed else 0


if __name__ == "__main__":
    sys.exit(main())
