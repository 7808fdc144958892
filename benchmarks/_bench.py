"""Shared helpers of the speed benchmarks: the corpus, the machine, timing and the results table.

Not a benchmark itself; ``speed.py``, ``batch_bench.py``, ``reading.py`` and ``public_pdfs.py``
import it from this folder.
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import time
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"
# Measure this checkout, not whichever gapcheck happens to be installed.
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

TODAY = "2026-11-23"  # "Present" in the corpus resumes stands for this date


def words(text: str) -> list[str]:
    """Runs of letters and digits, NFKC and case-folded: 'C++' is 'c', 'end-to-end' three words."""
    text = unicodedata.normalize("NFKC", text).casefold()
    out, cur = [], []
    for ch in text:
        if ch.isalnum():
            cur.append(ch)
        elif cur:
            out.append("".join(cur))
            cur = []
    if cur:
        out.append("".join(cur))
    return out


def ensure_corpus(name: str, n: int) -> Path:
    """Return ``benchmarks/out/<name>``, generating ``n`` resumes there first if it is missing or short.

    The generator draws resumes one after another from one seed, so the first ``n`` of a
    larger corpus are the ``n`` a smaller run would write: a larger corpus is reused.
    """
    folder = OUT / name
    manifest = folder / "manifest.json"
    if manifest.exists():
        data = json.loads(manifest.read_text(encoding="utf-8"))
        has_pdf = all("pages" in f for f in data["files"])
        if data.get("n", 0) >= n and has_pdf:
            return folder
    args = [sys.executable, str(ROOT / "benchmarks" / "make_corpus.py"), "--n", str(n), "--out", str(folder)]
    print(f"generating {n} resumes in {folder} ...", file=sys.stderr, flush=True)
    subprocess.run(args, check=True, cwd=ROOT)
    return folder


def one_page_pdfs(folder: Path) -> list[Path]:
    """The corpus PDFs that have one page, in file-name order."""
    data = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    return [folder / "pdf" / f"{f['id']}.pdf" for f in data["files"] if f.get("pages") == 1]


def load() -> str:
    """The 1, 5 and 15 minute load averages, for the record next to every figure."""
    try:
        one, five, fifteen = os.getloadavg()
    except OSError:
        return "n/a"
    return f"{one:.2f} / {five:.2f} / {fifteen:.2f}"


def machine() -> str:
    """One line naming the CPU, core count, Python and the library versions that matter here."""
    from importlib.metadata import PackageNotFoundError, version

    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    libs = []
    for dist in ("spacy", "pdfplumber", "pdfminer.six", "pypdfium2", "scikit-learn"):
        try:
            libs.append(f"{dist} {version(dist)}")
        except PackageNotFoundError:
            libs.append(f"{dist} (not installed)")
    import gapcheck

    return (f"{cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}, "
            f"Python {platform.python_version()}; " + ", ".join(libs)
            + f"; gapcheck {gapcheck.__version__} from {Path(gapcheck.__file__).parent.parent}")


def header(title: str) -> None:
    print(f"\n== {title} " + "=" * max(0, 74 - len(title)))


@dataclass
class Timing:
    """Per-item CPU and wall time of a loop, in seconds."""

    cpu: float
    wall: float
    n: int
    lookups: float = 0.0  # new words per item scored by the fuzzy model, when counted

    @property
    def per_item_ms(self) -> float:
        return 1e3 * self.cpu / self.n

    @property
    def rate(self) -> float:
        return self.n / self.cpu if self.cpu else float("inf")


def timed(func: Callable[[Any], Any], items: Iterable[Any]) -> Timing:
    """Run ``func`` on every item; CPU time is the per-core figure, wall time is shown beside it."""
    items = list(items)
    c0, w0 = time.process_time(), time.perf_counter()
    for item in items:
        func(item)
    return Timing(time.process_time() - c0, time.perf_counter() - w0, len(items))


@dataclass
class Row:
    figure: str
    measured: str
    target: str
    ok: bool | None  # None: reported, no target


def table(rows: list[Row]) -> None:
    """Print figures against their targets, one line each, with pass/fail."""
    w0 = max(len(r.figure) for r in rows)
    w1 = max(len(r.measured) for r in rows)
    w2 = max(len(r.target) for r in rows)
    print(f"{'figure':<{w0}}  {'measured':>{w1}}  {'target':<{w2}}  result")
    print(f"{'-' * w0}  {'-' * w1}  {'-' * w2}  ------")
    for r in rows:
        verdict = "-" if r.ok is None else ("PASS" if r.ok else "FAIL")
        print(f"{r.figure:<{w0}}  {r.measured:>{w1}}  {r.target:<{w2}}  {verdict}")


def fresh_env() -> dict[str, str]:
    """Environment for a child interpreter that imports gapcheck from this checkout."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env.pop("GAPCHECK_DEBUG", None)
    return env


# The console script `gapcheck` runs exactly this; -c keeps the measurement on this checkout.
CLI = "from gapcheck.cli import run; run()"
