#!/usr/bin/env python3
"""Batch line size and the cost of making a line, on the labelled sets' resumes, against the targets.

    python benchmarks/batch_lines.py              # every .txt/.md resume under tests/data (1-2 min)
    python benchmarks/batch_lines.py --rounds 9   # more rounds for the timings

Each resume is analysed once; then its batch line is made as ``gapcheck batch`` makes it
(:func:`gapcheck._batch_line.line_result` and ``BatchItem.json_line``): compact (the default),
compact with ``--role mlops_engineer`` (a second role's gaps), and ``--detail full``. Sizes are
in bytes of UTF-8 with the newline. The timings put the code before the compact lines (a
``to_dict`` that rebuilt every role's missing skills for each resume, and a scrub that rebuilt
the whole dict) beside today's, alternating in each round; a figure is the fastest of the rounds.
"""

from __future__ import annotations

import argparse
import io
import json
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import fields
from datetime import date
from pathlib import Path
from typing import Any

from _bench import ROOT, Row, header, load, machine, table

TARGET_MEDIAN_BYTES = 10_000
GAP_ROLE = "mlops_engineer"


# -- the code before this change, kept to measure side by side --------------------------------

_OLD_FIELDS: dict[type, tuple[str, ...]] = {}


def _old_plain(obj: Any) -> Any:
    kind = type(obj)
    names = _OLD_FIELDS.get(kind)
    if names is None and hasattr(kind, "__dataclass_fields__"):
        names = _OLD_FIELDS[kind] = tuple(f.name for f in fields(obj))
    if names is not None:
        return {name: _old_plain(getattr(obj, name)) for name in names}
    if kind is tuple or kind is list:
        return kind(_old_plain(v) for v in obj)
    if kind is dict:
        return {k: _old_plain(v) for k, v in obj.items()}
    return obj


def _old_to_dict(result: Any) -> dict[str, Any]:
    data = _old_plain(result)
    if data.get("contact") is None:
        data.pop("contact", None)
    return data


def _old_scrubbed(value: Any) -> Any:
    from gapcheck._batch_line import _NO_DIGITS, scrub

    if isinstance(value, str):
        if "@" in value or (len(value) >= 10 and len(value) - len(value.translate(_NO_DIGITS)) >= 10):
            return scrub(value)
        return value
    if isinstance(value, dict):
        return {k: _old_scrubbed(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_old_scrubbed(v) for v in value]
    return value


# -----------------------------------------------------------------------------------------------


def _resumes() -> list[Path]:
    return sorted(p for p in (ROOT / "tests" / "data").glob("*/*") if p.suffix in {".txt", ".md"}
                  and p.name != "README.md")


def _fastest(funcs: dict[str, Callable[[Any], Any]], items: list[Any], rounds: int) -> dict[str, float]:
    """Per-item CPU milliseconds of each function over ``items``, the fastest of ``rounds``, the
    functions alternating within each round so that a busy moment costs them alike."""
    best = dict.fromkeys(funcs, float("inf"))
    for _ in range(rounds):
        for name, func in funcs.items():
            c0 = time.process_time()
            for item in items:
                func(item)
            best[name] = min(best[name], (time.process_time() - c0) * 1e3 / len(items))
    return best


def _sizes(lines: list[str]) -> tuple[float, int, int]:
    """Median, 90th percentile and largest line, in bytes with the newline."""
    sizes = sorted(len(line.encode("utf-8")) + 1 for line in lines)
    return statistics.median(sizes), sizes[min(len(sizes) - 1, int(0.9 * len(sizes)))], sizes[-1]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=5, help="timing rounds (5)")
    args = ap.parse_args(argv)

    from gapcheck import analyze
    from gapcheck._batch_line import _scrubbed_result, line_result
    from gapcheck.batch import BatchItem
    from gapcheck.taxonomy import load_taxonomy

    print(f"machine: {machine()}")
    print(f"load average at start: {load()}")
    load_taxonomy()
    paths = _resumes()
    results = []
    for p in paths:
        try:
            results.append((p, analyze(p, today=date(2026, 11, 23))))
        except Exception:  # noqa: BLE001 - a labelled non-resume: no line to measure
            continue
    held_out = [r for p, r in results if p.parent.name.startswith(("heldout", "people_heldout"))]
    every = [r for _, r in results]
    print(f"resumes: {len(every)} analysed of {len(paths)} texts under tests/data ({len(held_out)} held-out)")

    def line(result: Any, detail: str, roles: tuple[str, ...] = ()) -> str:
        data = line_result(result, detail, roles)  # type: ignore[arg-type]
        return BatchItem(str(result.source), "0" * 64, "ok", result=data).json_line()

    def old_line(result: Any) -> str:
        return BatchItem(str(result.source), "0" * 64, "ok", result=_old_scrubbed(_old_to_dict(result))).json_line()

    header("line size, bytes (median / p90 / largest)")
    sizes = {}
    for label, group in (("held-out sets", held_out), ("all labelled sets", every)):
        for kind, make in (("full (before; --detail full)", lambda r: line(r, "full")),
                           ("compact (default)", lambda r: line(r, "compact")),
                           (f"compact --role {GAP_ROLE}", lambda r: line(r, "compact", (GAP_ROLE,)))):
            med, p90, top = sizes[label, kind] = _sizes([make(r) for r in group])
            print(f"{label:>18}, {kind:<30} {med:>9,.0f} {p90:>9,} {top:>9,}")
    same = sum(old_line(r) == line(r, "full") for r in every)
    print(f"--detail full lines identical to the lines before: {same} of {len(every)}")

    header(f"CPU per resume, ms (fastest of {args.rounds} rounds, {len(every)} resumes)")
    dicts = {id(r): r.to_dict() for r in every}
    timings = _fastest({
        "to_dict before": _old_to_dict,
        "to_dict now": lambda r: r.to_dict(),
        "scrub before (rebuilds the dict)": lambda r: _old_scrubbed(dicts[id(r)]),
        # In place, as a batch does on its own fresh dict: a copy per call keeps the rounds alike.
        "scrub now (in place, copy excluded)": lambda r: _scrubbed_result(dict(dicts[id(r)])),
        "full line before (to_dict, scrub, dumps)": old_line,
        "full line now (--detail full)": lambda r: line(r, "full"),
        "compact line (default)": lambda r: line(r, "compact"),
        "json.dumps(indent=2) of a result": lambda r: json.dumps(dicts[id(r)], indent=2, ensure_ascii=False),
    }, every, args.rounds)
    for name, ms in timings.items():
        print(f"{name:<45} {ms:8.3f}")

    header("against the targets")
    print(f"load average at end: {load()}")
    med = sizes["held-out sets", "compact (default)"][0]
    med_all = sizes["all labelled sets", "compact (default)"][0]
    med_role = sizes["held-out sets", f"compact --role {GAP_ROLE}"][0]
    full_med = sizes["held-out sets", "full (before; --detail full)"][0]
    to_dict_ratio = timings["to_dict now"] / timings["to_dict before"]
    scrub_ratio = timings["scrub now (in place, copy excluded)"] / timings["scrub before (rebuilds the dict)"]
    line_ratio = timings["compact line (default)"] / timings["full line before (to_dict, scrub, dumps)"]
    table([
        Row("batch JSONL median line, held-out resumes, bytes", f"{med:,.0f}", f"<= {TARGET_MEDIAN_BYTES:,}",
            med <= TARGET_MEDIAN_BYTES),
        Row("  same, every labelled resume", f"{med_all:,.0f}", f"<= {TARGET_MEDIAN_BYTES:,}",
            med_all <= TARGET_MEDIAN_BYTES),
        Row(f"  same, with --role {GAP_ROLE}", f"{med_role:,.0f}", f"<= {TARGET_MEDIAN_BYTES:,}",
            med_role <= TARGET_MEDIAN_BYTES),
        Row("  compact vs full line (held-out medians)", f"{med / full_med:.1%}", "(reported)", None),
        Row("to_dict, now vs before (CPU)", f"{to_dict_ratio:.2f}x", "(reported)", None),
        Row("batch scrub of a full result, now vs before (CPU)", f"{scrub_ratio:.2f}x", "(reported)", None),
        Row("compact line vs the full line before (CPU)", f"{line_ratio:.2f}x", "(reported)", None),
        Row("--detail full lines unchanged", f"{same}/{len(every)}", "all", same == len(every)),
    ])
    return 0


if __name__ == "__main__":
    sys.stdout = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", line_buffering=True)
    sys.exit(main())
