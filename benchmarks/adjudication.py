"""Blind adjudication of the skills gapcheck and a set's labels disagree on.

A label set is one reader's list; where gapcheck finds a skill the reader did not list, or
misses one the reader did, either side may be wrong. This script pools, per resume, every
disputed skill and as many skills both sides agree on (decoys), sorted by name so that nothing
tells an item's source, for a reader who judges each item from the resume alone
(``docs/accuracy.md`` gives the rules the readers followed):

    python benchmarks/adjudication.py pool tests/data/heldout OUT/heldout/items.json
    python benchmarks/adjudication.py check tests/data/heldout OUT/heldout/items.json OUT/heldout/judgments.json

``check`` validates a reader's judgments against the items and writes them beside the labels
as ``adjudication.json`` (``--reader b``: ``adjudication_b.json``); ``accuracy.py`` then prints
gapcheck against the labels as each reader corrected them, and as all readers agreeing, next to
the labels' own figures.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

from _evaluate import ADJUDICATION, evaluate  # benchmarks/_evaluate.py, beside this script

from gapcheck.taxonomy import load_taxonomy

SEED = 2026


def pool(folder: Path, out: Path, *, negatives: bool = False) -> int:
    """Write the items of ``folder`` to ``out``; return how many.

    With ``negatives``, the items also hold the skills of the labels' must-not-count mentions
    that neither side counts (a student's CNN, a music ensemble): mentioned, and not held, so
    a reader who calls them held is too lenient."""
    taxonomy = load_taxonomy()
    by_id = {s.id: s for s in taxonomy.skills}
    m = evaluate(folder, taxonomy=taxonomy)
    rng = random.Random(SEED)
    items: dict[str, list[dict[str, object]]] = {}
    for row in m.per_file:
        disputed = sorted(set(row["fp"]) | set(row["fn"]))
        agreed = sorted(row["tp"])
        ids = disputed + rng.sample(agreed, min(len(agreed), max(3, len(disputed))))
        if negatives:
            ids += sorted(set(row["bad"]) - set(row["fp"]) - set(ids))
        rng.shuffle(ids)  # no effect on the items (sorted by name below), but on the next samples
        items[row["file"]] = [{"id": i, "name": by_id[i].name, "aliases": by_id[i].aliases[:6],
                               "category": by_id[i].category}
                              for i in sorted(ids, key=lambda i: by_id[i].name.lower())]
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(items, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return sum(len(v) for v in items.values())


def check(folder: Path, items_path: Path, judgments_path: Path, reader: str = "a") -> int:
    """Check that the judgments answer every item and nothing else; write them beside the labels."""
    items = json.loads(items_path.read_text(encoding="utf-8"))
    judged = json.loads(judgments_path.read_text(encoding="utf-8"))
    problems = []
    for name, entries in items.items():
        asked = {e["id"] for e in entries}
        answered = judged.get(name, {})
        if set(answered) != asked:
            problems.append(f"{name}: missing {sorted(asked - set(answered))}, extra {sorted(set(answered) - asked)}")
        problems += [f"{name}/{k}: held must be true, false or null" for k, v in answered.items()
                     if v.get("held") not in (True, False, None)]
    problems += [f"{name}: not among the items" for name in set(judged) - set(items)]
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    dest = folder / (ADJUDICATION if reader == "a" else f"{Path(ADJUDICATION).stem}_{reader}.json")
    dest.write_text(json.dumps(judged, indent=1, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{dest}: {sum(len(v) for v in judged.values())} judgments of {len(judged)} resumes")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="command", required=True)
    p = sub.add_parser("pool", help="write the items to judge")
    p.add_argument("folder", type=Path)
    p.add_argument("out", type=Path)
    p.add_argument("--negatives", action="store_true",
                   help="add the must-not-count skills neither side counts, to measure a reader's leniency")
    c = sub.add_parser("check", help="check judgments and store them beside the labels")
    c.add_argument("folder", type=Path)
    c.add_argument("items", type=Path)
    c.add_argument("judgments", type=Path)
    c.add_argument("--reader", default="a", help="the reader's letter: a (adjudication.json), b (adjudication_b.json)")
    args = ap.parse_args()
    if args.command == "pool":
        print(f"{args.out}: {pool(args.folder, args.out, negatives=args.negatives)} items")
        return 0
    return check(args.folder, args.items, args.judgments, args.reader.lower())


if __name__ == "__main__":
    sys.exit(main())
