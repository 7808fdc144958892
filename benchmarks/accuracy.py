#!/usr/bin/env python3
"""Skill-extraction and best-role accuracy on the labelled sets.

    python benchmarks/accuracy.py            # dev sets (text and PDF) and the held-out sets
    python benchmarks/accuracy.py --details  # per-file false positives / negatives (not for held-out sets)
    python benchmarks/accuracy.py --only people  # only the sets whose name holds "people"
    python benchmarks/accuracy.py --fuzzy-sweep  # precision/recall for fuzzy thresholds
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SETS = {"dev (text)": (ROOT / "tests/data/labelled", False), "dev (PDF twins)": (ROOT / "tests/data/labelled", True),
        "dev 2 (text)": (ROOT / "tests/data/dev2", False),
        "held-out (text)": (ROOT / "tests/data/heldout", False),
        "held-out 2 (text)": (ROOT / "tests/data/heldout2", False),
        "held-out 3 (text)": (ROOT / "tests/data/heldout3", False),
        "held-out 4 (text)": (ROOT / "tests/data/heldout4", False),
        "people dev (text)": (ROOT / "tests/data/people_dev", False),
        "people dev (PDF, LibreOffice)": (ROOT / "tests/data/people_dev", True),
        "researchers dev (text)": (ROOT / "tests/data/researchers_dev", False),
        "researchers dev 2 (text)": (ROOT / "tests/data/researchers_dev2", False),
        "researchers dev 3 (text)": (ROOT / "tests/data/researchers_dev3", False),
        "researchers dev 4 (text)": (ROOT / "tests/data/researchers_dev4", False),
        "people dev 3 (text)": (ROOT / "tests/data/people_dev3", False),
        "people dev 3 (PDF, LibreOffice)": (ROOT / "tests/data/people_dev3", True),
        "people held-out (text)": (ROOT / "tests/data/people_heldout", False),
        "people held-out (PDF, LibreOffice)": (ROOT / "tests/data/people_heldout", True),
        "people held-out 2 (text)": (ROOT / "tests/data/people_heldout2", False),
        "people held-out 2 (PDF, LibreOffice)": (ROOT / "tests/data/people_heldout2", True),
        "people held-out 3 (text)": (ROOT / "tests/data/people_heldout3", False),
        "people held-out 3 (PDF, LibreOffice)": (ROOT / "tests/data/people_heldout3", True),
        "researchers held-out (text)": (ROOT / "tests/data/researchers_heldout", False),
        "researchers held-out 2 (text)": (ROOT / "tests/data/researchers_heldout2", False),
        "researchers held-out 3 (text)": (ROOT / "tests/data/researchers_heldout3", False),
        "researchers dev 5 (text)": (ROOT / "tests/data/researchers_dev5", False),
        "people dev 4 (text)": (ROOT / "tests/data/people_dev4", False),
        "people dev 4 (PDF, LibreOffice)": (ROOT / "tests/data/people_dev4", True),
        "people held-out 4 (text)": (ROOT / "tests/data/people_heldout4", False),
        "people held-out 4 (PDF, LibreOffice)": (ROOT / "tests/data/people_heldout4", True),
        "researchers held-out 4 (text)": (ROOT / "tests/data/researchers_heldout4", False),
        "people dev 5 (text)": (ROOT / "tests/data/people_dev5", False),
        "people dev 5 (PDF, LibreOffice)": (ROOT / "tests/data/people_dev5", True),
        "people held-out 5 (text)": (ROOT / "tests/data/people_heldout5", False),
        "people held-out 5 (PDF, LibreOffice)": (ROOT / "tests/data/people_heldout5", True),
        "people dev 6 (text)": (ROOT / "tests/data/people_dev6", False),
        "people dev 6 (PDF, LibreOffice)": (ROOT / "tests/data/people_dev6", True),
        "people held-out 6 (text)": (ROOT / "tests/data/people_heldout6", False),
        "people held-out 6 (PDF, LibreOffice)": (ROOT / "tests/data/people_heldout6", True)}


def main() -> int:
    from datetime import date

    from _evaluate import evaluate  # benchmarks/_evaluate.py, beside this script

    from gapcheck import _matcher

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--details", action="store_true")
    ap.add_argument("--fuzzy-sweep", action="store_true")
    ap.add_argument("--only", metavar="TEXT", help="evaluate only the sets whose name contains TEXT")
    ap.add_argument("--exact-labels", action="store_true",
                    help="read a label's skill only by its whole term, not also by its parts (\"Excel (pivot "
                         "tables)\"): the figures before session 12")
    args = ap.parse_args()
    today = date(2026, 11, 23)
    if args.fuzzy_sweep:
        for thr in (0.6, 0.65, 0.7, 0.75, 0.78, 0.8, 0.85, 0.9, 1.01):
            _matcher.FUZZY_THRESHOLD = thr
            _matcher._MATCHERS.clear()
            m = evaluate(ROOT / "tests/data/labelled", today=today)
            print(f"threshold {thr:.2f}: precision {m.precision:.3f} recall {m.recall:.3f} F1 {m.f1:.3f}")
        return 0
    for name, (folder, pdf) in SETS.items():
        if args.only and args.only not in name:
            continue
        if not (folder / "labels.json").exists():
            print(f"{name}: not present")
            continue
        m = evaluate(folder, use_pdf=pdf, today=today, exact_labels=args.exact_labels)
        print("\n".join(m.lines(name)))
        if args.details and "held-out" in name:
            print("    (held out: per-file details are not shown)")
        elif args.details:
            for row in m.per_file:
                if row["fp"] or row["fn"] or row["kept_bad"] or not row["role_ok"]:
                    print(f"    {row['file']}: fp={row['fp']} fn={row['fn']} kept_bad={row['kept_bad']} "
                          f"best={row['best']} acceptable={row['acceptable']} group={row['group']} "
                          f"level={row['level']} expected={row['expected_level']}")
            if m.unresolved:
                print("    unresolved labels:", ", ".join(sorted(m.unresolved)))
            for e in m.errors:
                print("    error:", e)
    return 0


if __name__ == "__main__":
    sys.exit(main())
