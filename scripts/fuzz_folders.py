#!/usr/bin/env python3
"""Fuzzing of `gapcheck batch` on hostile folders: FIFOs, sockets and devices named like
resumes, odd file names, links of every kind, unreadable files and folders, damaged PDFs.

Each folder is drawn from a seeded generator, then scored by the real command (a child
process, with --csv, --summary and --html) and checked:

- the batch ends within its time limit, exits 0 and prints no traceback;
- the JSONL has exactly one row per path the scan found, in that order, and no other rows;
- no CSV cell starts a formula, and nothing printed holds a terminal control character;
- a file that a link leads to from outside the folder never shows up in the output;
- a second run with --resume finishes at once and leaves the output as it was.

    python scripts/fuzz_folders.py --n 40 --seed 1          # the full run (figures in benchmarks/README.md)
    python scripts/fuzz_folders.py --n 2 --seed 5           # the share CI runs (tests/test_fuzz.py)

Run as root, chmod 000 does not stop reads, so unreadable entries are read; the other
recipes behave alike for every user.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import random
import shutil
import signal
import socket
import stat
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SECRET = "Classified Zebra Protocol"  # the text of a file outside the folder; must never be output
_CONTROLS = {chr(c) for c in [*range(0, 9), *range(11, 32), *range(0x7F, 0xA0)]}
_FORMULA = ("=", "+", "-", "@", "\t", "\r")

# Name parts: the ones that broke the batch once (not UTF-8, escape sequences, formulas), and
# others that often break tools (newlines, leading dashes, spaces, right-to-left marks).
NAME_PARTS = [b"cv", b"resume", b"\xff\xfe", b"caf\xe9", b"\x1b[31m", b"\x1b]0;owned\x07", b"\xc2\x9b2J",
              b"=HYPERLINK(\"x\")", b"+1", b"-rf", b"@SUM(1)", b"\n", b"\t", b" ", b"\xe2\x80\xae", b"..",
              "résumé".encode(), "履歴書".encode(), b"%s%n", b"$(id)", b"`id`", b"'\"", b"<b>", b"|", b"*"]
SUFFIXES = [".txt", ".md", ".pdf", ".TXT", ".Pdf", ".docx", ".png"]


def _name(rng: random.Random, i: int) -> bytes:
    parts = rng.sample(NAME_PARTS, rng.randint(1, 3))
    stem = b"".join(parts).replace(b"/", b"_").replace(b"\x00", b"_")[:200]
    return stem + b"_%d" % i + rng.choice(SUFFIXES).encode()


def _mutated_pdf(rng: random.Random, blobs: list[bytes]) -> bytes:
    from fuzz_pdfs import mutate  # type: ignore[import-not-found]

    return mutate(rng, rng.choice(blobs), rng.choice(blobs))[1]


RECIPES = ("resume", "pdf", "mutated_pdf", "empty", "binary", "one_line", "fifo", "socket", "device", "dir_named",
           "link_inside", "link_outside", "link_dangling", "link_loop", "link_self", "link_dir", "link_device",
           "unreadable_file", "unreadable_dir", "deep", "hardlink", "dotfile")


def make_folder(rng: random.Random, base: Path, entries: int, recipes: tuple[str, ...] = RECIPES) -> Path:
    """A hostile folder of about ``entries`` paths under ``base``; returns it."""
    texts = sorted((ROOT / "sample_resumes").glob("*.txt"))
    pdfs = sorted((ROOT / "sample_resumes").glob("*.pdf"))
    blobs = [p.read_bytes() for p in pdfs]
    top = base / "in"
    top.mkdir(parents=True)
    outside = base / "outside.txt"
    outside.write_text(f"EXPERIENCE\n{SECRET}: Python, PyTorch and Kubernetes, 2019 - 2024\n", encoding="utf-8")
    folders = [top]
    for i in range(entries):
        where = rng.choice(folders)
        path = os.path.join(os.fsencode(where), _name(rng, i))
        recipe = rng.choice(recipes)
        try:
            if recipe == "resume":
                shutil.copyfile(rng.choice(texts), path)
            elif recipe == "pdf":
                shutil.copyfile(rng.choice(pdfs), path)
            elif recipe == "mutated_pdf":
                Path(os.fsdecode(path)).write_bytes(_mutated_pdf(rng, blobs))
            elif recipe == "empty":
                open(path, "wb").close()
            elif recipe == "binary":
                Path(os.fsdecode(path)).write_bytes(bytes(rng.randrange(256) for _ in range(rng.randint(1, 5000))))
            elif recipe == "one_line":
                line = " ".join(rng.choice(texts).read_text(encoding="utf-8").split())
                Path(os.fsdecode(path)).write_text((line + " ") * rng.randint(5, 60), encoding="utf-8")
            elif recipe == "fifo":
                os.mkfifo(path)
            elif recipe == "socket":
                if len(path) < 100:  # a socket path has a short limit
                    sock = socket.socket(socket.AF_UNIX)
                    sock.bind(path)
                    sock.close()
            elif recipe == "device" and os.geteuid() == 0:
                os.mknod(path, stat.S_IFCHR | 0o600, os.makedev(1, 5))  # /dev/zero: reading never ends
            elif recipe == "dir_named":
                os.mkdir(path)
                folders.append(Path(os.fsdecode(path)))
            elif recipe == "link_inside":
                shutil.copyfile(rng.choice(texts), path + b".t")  # the target itself is not a resume name
                os.symlink(os.path.basename(path + b".t"), path)
            elif recipe == "link_outside":
                os.symlink(os.fsencode(outside), path)
            elif recipe == "link_dangling":
                os.symlink(b"no-such-file.txt", path)
            elif recipe == "link_loop":
                os.symlink(path + b".b.txt", path)
                os.symlink(path, path + b".b.txt")
            elif recipe == "link_self":
                os.symlink(os.path.basename(path), path)
            elif recipe == "link_dir":
                os.symlink(os.fsencode(base), path)  # a link to a folder: not followed
            elif recipe == "link_device":
                os.symlink(b"/dev/zero", path)
            elif recipe == "unreadable_file":
                shutil.copyfile(rng.choice(texts), path)
                os.chmod(path, 0)
            elif recipe == "unreadable_dir":
                os.mkdir(path[:-4] if path.endswith(b".txt") else path)
                sub = path[:-4] if path.endswith(b".txt") else path
                shutil.copyfile(rng.choice(texts), os.path.join(sub, b"inside.txt"))
                os.chmod(sub, 0)
            elif recipe == "deep":
                deep = os.path.join(os.fsencode(where), *[b"d"] * rng.randint(10, 40))
                os.makedirs(deep, exist_ok=True)
                shutil.copyfile(rng.choice(texts), os.path.join(deep, b"deep.txt"))
            elif recipe == "hardlink":
                shutil.copyfile(rng.choice(texts), path + b".orig.txt")
                os.link(path + b".orig.txt", path)
            elif recipe == "dotfile":
                shutil.copyfile(rng.choice(texts), os.path.join(os.fsencode(where), b"." + _name(rng, i)))
        except OSError:
            pass  # a name the file system refuses (too long...): the folder just has one entry less
    return top


def _restore(top: Path) -> None:
    """Give back the permissions the fuzzer took away, so that the folder can be removed."""
    for root, dirs, files in os.walk(os.fsencode(top), followlinks=False):
        for name in dirs + files:
            p = os.path.join(root, name)
            if not os.path.islink(p):
                os.chmod(p, 0o755 if os.path.isdir(p) else 0o644)
    os.chmod(top, 0o755)


def _run(args: list[str], timeout: float) -> tuple[int | None, str, str, float]:
    start = time.monotonic()
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "gapcheck.cli", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, start_new_session=True, env=env)
    try:
        out, err = proc.communicate(timeout=timeout)
        code: int | None = proc.returncode
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, err = proc.communicate()
        code = None
    decode = lambda b: b.decode("utf-8", "backslashreplace")  # noqa: E731
    return code, decode(out), decode(err), time.monotonic() - start


def check_folder(rng: random.Random, base: Path, entries: int, workers: int, timeout: float,
                 recipes: tuple[str, ...] = RECIPES) -> tuple[list[str], Counter[str], float]:
    """Make one hostile folder, run the batch on it twice, and return the problems found, the
    rows by outcome and the run's time."""
    from gapcheck.batch import discover

    top = make_folder(rng, base, entries, recipes)
    problems: list[str] = []
    out, table, md, page = (base / "out.jsonl", base / "m.csv", base / "s.md", base / "h.html")
    args = ["batch", str(top), "-o", str(out), "--csv", str(table), "--summary", str(md), "--html", str(page),
            "--workers", str(workers), "--timeout", str(timeout), "--progress", "plain", "--role", "nlp_engineer"]
    try:
        expected = discover([str(top)])
        limit = 60 + 2 * timeout * max(1, len(expected)) / max(1, workers)
        code, stdout, stderr, elapsed = _run(args, limit)
        kinds: Counter[str] = Counter()
        if code != 0:
            problems.append(f"exit code {code} (None: hung): {stderr[-500:]}")
        if "Traceback" in stderr or "Traceback" in stdout:
            problems.append(f"traceback: {stderr[-800:]}")
        if _CONTROLS & set(stdout + stderr.replace("\n", "")):
            problems.append(f"control character printed: {(stdout + stderr)[:300]!r}")
        if out.exists():
            rows = [json.loads(line) for line in out.read_bytes().splitlines()]
            files = [r["file"] for r in rows]
            if files != expected:
                problems.append(f"rows {len(files)} for {len(expected)} paths, or not in scan order")
            if SECRET in out.read_text(encoding="utf-8", errors="replace"):
                problems.append("a file outside the folder was read")
            kinds.update("ok" if r["status"] == "ok" else r["error"]["kind"] for r in rows)
        else:
            problems.append("no output")
        if table.exists():
            cells = [c for row in csv.reader(io.StringIO(table.read_text(encoding="utf-8"))) for c in row]
            if any(c.startswith(_FORMULA) for c in cells):
                problems.append("a CSV cell starts a formula")
        if code == 0:
            before = out.read_bytes()
            again = _run([*args[:4], "--resume", "--progress", "quiet"], limit)
            if again[0] != 0 or out.read_bytes() != before:
                problems.append(f"--resume changed the output or failed: {again[0]} {again[2][-300:]}")
        return problems, kinds, elapsed
    finally:
        _restore(top)


def run(n: int, seed: int, entries: int = 24, workers: int = 2, timeout: float = 10.0, verbose: bool = True,
        recipes: tuple[str, ...] = RECIPES) -> Counter[str]:
    """Fuzz ``n`` folders; returns counts: ``folders``, ``failed`` (folders with a problem),
    ``rows`` and the rows by outcome."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    rng = random.Random(seed)
    totals: Counter[str] = Counter()
    seconds = 0.0
    for k in range(n):
        with tempfile.TemporaryDirectory(prefix="gapcheck-fuzz-") as tmp:
            problems, kinds, elapsed = check_folder(rng, Path(tmp), entries, workers, timeout, recipes)
        seconds += elapsed
        totals["folders"] += 1
        totals["failed"] += bool(problems)
        totals["rows"] += sum(kinds.values())
        totals.update({f"row:{kind}": count for kind, count in kinds.items()})
        if verbose:
            print(f"folder {k}: {sum(kinds.values())} rows in {elapsed:.1f} s"
                  + ("".join(f"\n  PROBLEM {p}" for p in problems) if problems else ""))
    if verbose:
        print(f"{totals['folders']} folders, {totals['rows']} rows in {seconds:.0f} s; "
              f"folders with a problem: {totals['failed']}")
        for key, count in sorted(totals.items()):
            if key.startswith("row:"):
                print(f"  {key[4:]:<18} {count}")
    return totals


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=40, help="folders")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--entries", type=int, default=24, help="paths made in each folder")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--timeout", type=float, default=10.0)
    ap.add_argument("--recipes", default=",".join(RECIPES), help="comma-separated subset of: " + ", ".join(RECIPES))
    args = ap.parse_args()
    totals = run(args.n, args.seed, args.entries, args.workers, args.timeout,
                 recipes=tuple(r for r in args.recipes.split(",") if r))
    return 1 if totals["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
