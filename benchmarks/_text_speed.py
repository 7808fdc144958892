"""Text speed on realistic resumes, for ``speed.py``: the labelled sets' texts, the first time
the process sees them and again with warm caches, against a bare whitespace-collapse pass over
the same texts.

Not a benchmark itself; ``speed.py`` imports it from this folder.
"""

from __future__ import annotations

import gc
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from _bench import ROOT, TODAY, Row, header

TARGET_WARM_RATE = 600  # analyze_text, resumes/s per core, warm caches, realistic texts
TARGET_COLLAPSE_RATIO = 60  # warm analyze_text may take this many times a whitespace collapse
# The labelled sets whose texts are read (tests/data/<set>); the held-out people sets are left
# out: their outputs are not looked at, and their texts are not read here either.
REALISTIC_SETS = ("labelled", "dev2", "heldout", "heldout2", "heldout3", "heldout4", "people_dev",
                  "researchers_dev", "engines/text")
_SPACES = re.compile(r"\s+")


def realistic_texts() -> list[str]:
    """The labelled sets' resume texts (.txt and .md), set by set, in file-name order."""
    data = ROOT / "tests" / "data"
    return [p.read_text(encoding="utf-8") for name in REALISTIC_SETS for p in sorted((data / name).iterdir())
            if p.suffix in {".txt", ".md"} and p.name != "README.md"]


def collapse(text: str) -> str:
    """The baseline: every run of whitespace made one space, one regex pass over the text."""
    return _SPACES.sub(" ", text)


@dataclass
class TextFigures:
    """CPU seconds per resume, and what the fuzzy model did the first time."""

    n: int
    first: float  # analyze_text, each text new to a fresh pipeline (mean over the passes)
    warm: float  # analyze_text, the same texts again
    collapse: float  # the whitespace collapse, timed in turn with the warm passes
    new_forms: float  # words and word pairs per resume the fuzzy model scored at first sight
    fuzzy: float  # seconds per resume spent scoring them

    @property
    def ratio(self) -> float:
        return self.warm / self.collapse


def text_figures(texts: list[str], warm_up: list[str], fresh: Callable[[], None], passes: int = 3,
                 collapse_reps: int = 20) -> TextFigures:
    """Time ``analyze_text`` on ``texts``: first sight (``passes`` times, each after ``fresh()``
    and a warm-up on other texts, so that only the pipeline's start-up is paid outside the
    timing), then warm passes alternating with whitespace-collapse passes, so that the machine
    speeding up or slowing down affects both sides of the ratio.
    """
    from gapcheck import _matcher
    from gapcheck.config import Options
    from gapcheck.pipeline import analyze_text

    today, opts = date.fromisoformat(TODAY), Options()
    lookup = _matcher.SkillMatcher._lookup_many
    spent = [0.0]

    def timed_lookup(self: _matcher.SkillMatcher, words: list[str]) -> None:
        c0 = time.process_time()
        lookup(self, words)
        spent[0] += time.process_time() - c0

    first, forms = 0.0, 0
    for _ in range(passes):
        fresh()
        for t in warm_up:  # imports, the pipeline, the matcher and the fuzzy model
            analyze_text(t, today=today, options=opts)
        before = sum(len(m._fuzzy_cache) for m in _matcher._MATCHERS.values())
        gc.collect()
        _matcher.SkillMatcher._lookup_many = timed_lookup  # type: ignore[method-assign]
        try:
            c0 = time.process_time()
            for t in texts:
                analyze_text(t, today=today, options=opts)
            first += time.process_time() - c0
        finally:
            _matcher.SkillMatcher._lookup_many = lookup  # type: ignore[method-assign]
        forms += sum(len(m._fuzzy_cache) for m in _matcher._MATCHERS.values()) - before
    warm = base = 0.0
    for _ in range(passes):
        gc.collect()
        c0 = time.process_time()
        for t in texts:
            analyze_text(t, today=today, options=opts)
        warm += time.process_time() - c0
        c0 = time.process_time()
        for _ in range(collapse_reps):
            for t in texts:
                collapse(t)
        base += (time.process_time() - c0) / collapse_reps
    runs = passes * len(texts)
    return TextFigures(len(texts), first / runs, warm / runs, base / runs, forms / runs, spent[0] / runs)


def realistic_text_section(warm_up: list[str], fresh: Callable[[], None], passes: int = 3) -> list[Row]:
    """Print the realistic texts' figures (:func:`text_figures`); return rows for the targets table."""
    texts = realistic_texts()
    header(f"realistic texts: {len(texts)} labelled resumes, analyze_text at first sight and warm (one core)")
    f = text_figures(texts, warm_up, fresh, passes)
    per_form = 1e6 * f.fuzzy / f.new_forms if f.new_forms else 0.0
    print(f"{'':<44} {'ms CPU':>8} {'resumes/s':>10}")
    for label, secs in (("analyze_text, first sight (fresh pipeline)", f.first), ("analyze_text, warm caches", f.warm),
                        ("whitespace collapse (re.sub(r'\\s+', ' '))", f.collapse)):
        print(f"{label:<44} {1e3 * secs:8.3f} {1 / secs:10,.0f}")
    print(f"first sight / warm: {f.first / f.warm:.2f}x; warm / whitespace collapse: {f.ratio:.0f}x "
          f"(target <= {TARGET_COLLAPSE_RATIO}x)")
    print(f"fuzzy model at first sight: {f.new_forms:.1f} new word forms per resume, {1e3 * f.fuzzy:.2f} ms "
          f"per resume, {per_form:.1f} us per form ({passes} passes, each after a fresh pipeline)")
    return [
        Row("realistic texts: analyze_text warm, resumes/s per core", f"{1 / f.warm:,.0f}",
            f">= {TARGET_WARM_RATE}", 1 / f.warm >= TARGET_WARM_RATE),
        Row("realistic texts: warm analyze_text / whitespace collapse", f"{f.ratio:.0f}x",
            f"<= {TARGET_COLLAPSE_RATIO}x", f.ratio <= TARGET_COLLAPSE_RATIO),
        Row("realistic texts: analyze_text first sight, resumes/s per core", f"{1 / f.first:,.0f}",
            "(reported)", None),
        Row("realistic texts: first sight / warm", f"{f.first / f.warm:.2f}x", "(reported)", None),
    ]
