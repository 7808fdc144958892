#!/usr/bin/env python3
"""Batch throughput with 1 and 2 workers, and memory over a long batch, against the targets.

    python benchmarks/batch_bench.py                  # 200 PDFs x {1, 2} workers, then 2,000 PDFs
    python benchmarks/batch_bench.py --files 500      # a shorter memory run
    python benchmarks/batch_bench.py --pdf-engine pdfium

Runs ``gapcheck batch`` from this checkout in a child process, as a user would, and samples
the memory of that process and its workers every ``--interval`` seconds from /proc: the sum
of RSS (which counts pages the forked workers share several times) and the sum of PSS (which
shares them out, so it is the real footprint). Memory is "flat" when the highest PSS in the
second half of the run is within 10% of the highest in the first half: workers are replaced
every 200 files, so nothing may grow with the number of files.

The speed-up uses the steady rate, from the first to the last result line, so that the
start-up (imports, matcher) that both runs pay once does not count against two workers.
A first run generates the 2,000-resume corpus (about a minute) in benchmarks/out/, which git
ignores; later runs reuse it. The default run takes about four minutes on 2 cores.
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from _bench import CLI, ROOT, Row, ensure_corpus, fresh_env, header, load, machine, table

TARGET_SPEEDUP = 1.8
TARGET_MEDIAN_LINE = 10_000  # bytes of a JSONL line, at the default (compact) detail


@dataclass
class Run:
    """One `gapcheck batch` run: timings, lines over time, and memory samples."""

    files: int
    workers: int
    wall: float = 0.0
    first_line: float | None = None
    last_line: float | None = None
    errors: int = 0
    line_median: float = 0.0  # bytes of an output line, with its newline
    # (seconds since start, lines written, processes, sum RSS MB, sum PSS MB)
    samples: list[tuple[float, int, int, float, float]] = field(default_factory=list)

    @property
    def steady_rate(self) -> float:
        if self.first_line is None or self.last_line is None or self.last_line <= self.first_line:
            return self.files / self.wall
        return (self.files - 1) / (self.last_line - self.first_line)


def _children() -> dict[int, list[int]]:
    """Parent pid -> child pids, from /proc."""
    tree: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as fh:
                stat = fh.read().decode(errors="replace")
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        tree.setdefault(ppid, []).append(int(entry.name))
    return tree


def _memory(root: int) -> tuple[int, float, float]:
    """Processes, sum of RSS and sum of PSS (MB) of ``root`` and all its descendants."""
    tree = _children()
    todo, seen = [root], []
    while todo:
        pid = todo.pop()
        seen.append(pid)
        todo.extend(tree.get(pid, []))
    rss = pss = 0.0
    for pid in seen:
        try:
            with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as fh:
                for line in fh:
                    if line.startswith("Rss:"):
                        rss += int(line.split()[1]) / 1024
                    elif line.startswith("Pss:"):
                        pss += int(line.split()[1]) / 1024
        except OSError:
            continue  # the process ended between listing and reading
    return len(seen), rss, pss


class _LineCounter:
    """Lines written to a growing file so far; each call reads only what was added since the
    last one, so that watching a long run does not compete with the run for the cores."""

    def __init__(self, path: Path) -> None:
        self.path, self.pos, self.count = path, 0, 0

    def __call__(self) -> int:
        try:
            with open(self.path, "rb") as fh:
                fh.seek(self.pos)
                data = fh.read()
        except OSError:  # not created yet
            return self.count
        self.pos += len(data)
        self.count += data.count(b"\n")
        return self.count


def run_batch(files: list[Path], workers: int, engine: str, interval: float, workdir: Path) -> Run:
    """Run `gapcheck batch` on ``files`` and watch its output and memory until it exits."""
    listing = workdir / f"in-{len(files)}"  # shared by the 1- and 2-worker runs
    listing.mkdir(parents=True, exist_ok=True)
    for f in files:  # a folder keeps the command line short
        link = listing / f.name
        if not link.exists():
            # Hard links or copies: batch refuses a symbolic link to a file outside the folder.
            try:
                os.link(f, link)
            except OSError:
                shutil.copyfile(f, link)
    out = workdir / f"out-{workers}-{len(files)}.jsonl"
    out.unlink(missing_ok=True)
    cmd = [sys.executable, "-c", CLI, "batch", str(listing), "-o", str(out), "--workers", str(workers),
           "--progress", "quiet", "--pdf-engine", engine]
    run = Run(len(files), workers)
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=fresh_env(), cwd=ROOT, stdout=subprocess.DEVNULL)
    lines, count_lines = 0, _LineCounter(out)
    while proc.poll() is None:
        now = time.perf_counter() - t0
        lines = count_lines()
        if lines and run.first_line is None:
            run.first_line = now
        if lines >= len(files) and run.last_line is None:
            run.last_line = now
        count, rss, pss = _memory(proc.pid)
        run.samples.append((now, lines, count, rss, pss))
        time.sleep(interval)
    run.wall = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"gapcheck batch failed with exit code {proc.returncode}: {' '.join(cmd)}")
    if run.last_line is None:
        run.last_line = run.wall
    lines = out.read_bytes().splitlines(keepends=True)
    run.errors = sum(1 for line in lines if b'"status": "error"' in line)
    run.line_median = statistics.median(len(line) for line in lines) if lines else 0.0
    return run


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--speedup-files", type=int, default=200, help="PDFs for the 1- and 2-worker runs (200)")
    ap.add_argument("--files", type=int, default=2000, help="PDFs for the memory run (2000)")
    ap.add_argument("--pdf-engine", choices=("pdfplumber", "pdfium"), default="pdfplumber")
    ap.add_argument("--interval", type=float, default=0.5, help="seconds between memory samples")
    args = ap.parse_args(argv)
    if not Path("/proc/self/smaps_rollup").exists():
        raise SystemExit("batch_bench.py reads memory from /proc/<pid>/smaps_rollup: run it on Linux.")

    corpus = ensure_corpus("corpus_batch", max(args.files, args.speedup_files))
    pdfs = sorted((corpus / "pdf").glob("*.pdf"))
    print(f"machine: {machine()}")
    print(f"corpus: {corpus} ({len(pdfs)} PDFs, nearly all one page); engine {args.pdf_engine}")
    print(f"load average at start: {load()}")

    with tempfile.TemporaryDirectory(prefix="gapcheck-batch-") as tmp:
        work = Path(tmp)
        header(f"speed-up: {args.speedup_files} PDFs, 1 vs 2 workers")
        runs = {w: run_batch(pdfs[: args.speedup_files], w, args.pdf_engine, args.interval, work) for w in (1, 2)}
        for w, r in runs.items():
            print(f"{w} worker{'s' if w > 1 else ' '}: {r.wall:6.1f} s wall, steady {r.steady_rate:6.1f} files/s "
                  f"(first result after {r.first_line or 0:.1f} s), {r.errors} errors")
        speedup = runs[2].steady_rate / runs[1].steady_rate
        wall_speedup = runs[1].wall / runs[2].wall
        print(f"speed-up: {speedup:.2f}x steady, {wall_speedup:.2f}x wall (load now {load()})")

        header(f"memory over {args.files} PDFs, 2 workers (replaced every 200 files)")
        big = run_batch(pdfs[: args.files], 2, args.pdf_engine, args.interval, work)
        print(f"{args.files} files in {big.wall:.1f} s ({args.files / big.wall:.1f} files/s), {big.errors} errors, "
              f"median line {big.line_median:,.0f} bytes")
        scoring = [s for s in big.samples if 0 < s[1] < args.files]
        # After the last line: samples of the command still alive (an exiting process reads as 0 MB).
        after = [s for s in big.samples if s[1] >= args.files and s[4] > 0]
        print(f"{'files done':>12} {'procs':>6} {'RSS sum MB':>11} {'PSS sum MB':>11}   (highest sample in each tenth)")
        step = max(1, args.files // 10)
        for mark in range(step, args.files + 1, step):
            window = [s for s in scoring if mark - step < s[1] <= mark]
            if window:
                worst = max(window, key=lambda s: s[4])
                print(f"{mark:>12} {worst[2]:>6} {worst[3]:>11.0f} {worst[4]:>11.0f}")
        for s in after[:1] + after[-1:]:
            print(f"{'after last':>12} {s[2]:>6} {s[3]:>11.0f} {s[4]:>11.0f}   ({s[0]:.1f} s into the run)")
        peak_rss = max(s[3] for s in scoring)
        peak_pss = max(s[4] for s in scoring)
        peak_after = max((s[4] for s in after), default=0.0)
        half = args.files // 2
        first = max((s[4] for s in scoring if s[1] <= half), default=0.0)
        second = max((s[4] for s in scoring if s[1] > half), default=0.0)
        growth = second / first - 1 if first else 0.0
        print(f"while scoring: peak RSS sum {peak_rss:.0f} MB, PSS sum {peak_pss:.0f} MB; highest PSS in the "
              f"second half vs the first: {growth:+.1%}")
        print(f"after the last file, until the command exits: PSS {peak_after:.0f} MB" if after else
              "after the last file: the command exited within one sample interval")

    header("against the targets")
    print(f"load average at end: {load()}")
    table([
        Row("batch speed-up, 2 workers vs 1 (steady rate)", f"{speedup:.2f}x", f">= {TARGET_SPEEDUP}x",
            speedup >= TARGET_SPEEDUP),
        Row("  (same, whole wall time incl. start-up)", f"{wall_speedup:.2f}x", "(reported)", None),
        Row(f"batch rate, 2 workers, {args.pdf_engine}, files/s", f"{runs[2].steady_rate:.1f}", "(reported)", None),
        Row(f"peak memory while scoring {args.files} files (PSS sum), MB", f"{peak_pss:.0f}", "(reported)", None),
        Row(f"batch JSONL median line ({args.files} PDFs), bytes", f"{big.line_median:,.0f}",
            f"<= {TARGET_MEDIAN_LINE:,}", big.line_median <= TARGET_MEDIAN_LINE),
        Row("memory growth while scoring, 2nd half vs 1st half", f"{growth:+.1%}", "flat (<= +10%)", growth <= 0.10),
        Row("peak memory after the last file (PSS), MB", f"{peak_after:.0f}" if after else "n/a",
            f"flat (<= {1.1 * peak_pss:.0f})", (peak_after <= 1.1 * peak_pss) if after else None),
    ])
    return 0


if __name__ == "__main__":
    sys.stdout = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", line_buffering=True)
    sys.exit(main())
