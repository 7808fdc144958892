#!/usr/bin/env python3
"""Mutation fuzzing of the PDF path: damaged variants of the sample PDFs through `analyze`.

Each variant is one of: truncated at a random point, random bytes flipped, two PDFs spliced,
a random block deleted, or a random block duplicated. Every variant is analysed in a worker
process with a time limit; the script counts results by outcome and exits 1 if any variant
raised an uncaught exception (kind "internal"), crashed its worker, or hung.

    python scripts/fuzz_pdfs.py --n 1000 --seed 1         # the full run (figures in the README)
    python scripts/fuzz_pdfs.py --n 40 --seed 7           # the share CI runs
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def mutate(rng: random.Random, data: bytes, other: bytes) -> tuple[str, bytes]:
    kind = rng.choice(["truncate", "flip", "splice", "delete", "duplicate"])
    n = len(data)
    if kind == "truncate":
        return kind, data[: rng.randrange(1, n)]
    if kind == "flip":
        buf = bytearray(data)
        for _ in range(rng.randint(1, 40)):
            buf[rng.randrange(n)] = rng.randrange(256)
        return kind, bytes(buf)
    if kind == "splice":
        cut = rng.randrange(1, n)
        return kind, data[:cut] + other[rng.randrange(len(other)) :]
    a = rng.randrange(n)
    b = min(n, a + rng.randint(1, 2000))
    if kind == "delete":
        return kind, data[:a] + data[b:]
    return kind, data[:b] + data[a:b] * rng.randint(2, 50) + data[b:]


def run(n: int, seed: int, workers: int, timeout: float, verbose: bool = True) -> Counter[str]:
    from gapcheck.batch import analyze_many
    from gapcheck.config import Limits, Options

    rng = random.Random(seed)
    sources = sorted((ROOT / "sample_resumes").glob("*.pdf")) + sorted((ROOT / "tests/data/labelled/pdf").glob("*.pdf"))
    blobs = [p.read_bytes() for p in sources]
    outcomes: Counter[str] = Counter()
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for i in range(n):
            kind, data = mutate(rng, rng.choice(blobs), rng.choice(blobs))
            path = Path(tmp) / f"v{i:05d}_{kind}.pdf"
            path.write_bytes(data)
            paths.append(str(path))
        start = time.monotonic()
        opts = Options(limits=Limits(timeout_s=timeout))
        for item in analyze_many(paths, workers=workers, options=opts):
            key = "ok" if item.status == "ok" else item.error["kind"]  # type: ignore[index]
            outcomes[key] += 1
            if key in ("internal", "crash", "timeout") and verbose:
                print(f"  {Path(item.file).name}: {key}: {item.error['message'][:200]}")  # type: ignore[index]
        elapsed = time.monotonic() - start
    if verbose:
        print(f"{n} variants in {elapsed:.1f} s ({n / elapsed:.1f}/s) with {workers} workers:")
        for key, count in outcomes.most_common():
            print(f"  {key:<18} {count}")
    return outcomes


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--timeout", type=float, default=20.0)
    args = ap.parse_args()
    outcomes = run(args.n, args.seed, args.workers, args.timeout)
    bad = sum(outcomes[k] for k in ("internal", "crash", "timeout"))
    print("uncaught exceptions, crashes or hangs:", bad)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
