#!/usr/bin/env python3
"""Speed of gapcheck on a generated corpus of one-page resumes, against the performance targets.

    python benchmarks/speed.py              # about a minute and a half on 2 cores
    python benchmarks/speed.py --n 60       # fewer PDFs per measurement (quicker, noisier)
    python benchmarks/speed.py --realistic-only   # only the realistic PDFs (about a minute)
    python benchmarks/speed.py --text-only        # only the text sections (about 30 s)

Prints, in one run:

1. text-only throughput of matching + scoring (mentions, profile, role scores), the first
   time each resume is seen and again with warm caches; then ``analyze_text`` on the
   labelled sets' texts (realistic resumes: names, employers and tools the synthetic corpus
   lacks) at first sight and warm, beside a bare whitespace-collapse pass over the same texts;
2. gapcheck's time per PDF against pdfplumber's own ``extract_text`` on the same files, and
   the PDFium engine end to end, both on resumes the process has not seen before; then the
   same on realistic PDFs (the labelled resumes typeset by LaTeX, Typst, LibreOffice,
   Chromium and fpdf2), against each engine's own text extraction, reading and analysis apart;
3. where the time of one resume goes, stage by stage (warm caches);
4. how often the two PDF engines find the same skills;
5. cold start in a fresh interpreter (``--help``, ``--version``, one PDF end to end) and
   where the time of a fresh process goes;

then a table of every figure against its target. Per-resume figures are CPU time of this
process, so that other work on the machine inflates them less; wall time is shown beside
them, with the load average. The corpus (300 resumes, generated once by make_corpus.py)
lives in benchmarks/out/, which git ignores.
"""

from __future__ import annotations

import argparse
import gc
import io
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

from _bench import (
    CLI,
    ROOT,
    TODAY,
    Row,
    Timing,
    ensure_corpus,
    fresh_env,
    header,
    load,
    machine,
    one_page_pdfs,
    table,
    timed,
)
from _text_speed import realistic_text_section

TARGET_OVERHEAD = 0.10  # gapcheck may add this share on top of pdfplumber's extract_text
TARGET_TEXT_RATE = 3000  # resumes/s per core, matching + scoring
TARGET_HELP_S = 0.3
TARGET_ONE_PDF_S = 1.5
TARGET_PDFIUM_RATE = 250  # resumes/s per core, end to end


def _plumber_text(path: Path) -> str:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def _pdfium_text(path: Path) -> str:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(path)
    try:
        out = []
        for i in range(len(pdf)):
            page = pdf[i]
            textpage = page.get_textpage()
            out.append(textpage.get_text_range())
            textpage.close()
            page.close()
        return "\n".join(out)
    finally:
        pdf.close()


def stage_breakdown(texts: list[str], pdfs: list[Path]) -> list[tuple[str, float]]:
    """Milliseconds per resume of each stage of the single-resume path, with warm caches."""
    from gapcheck.config import Options
    from gapcheck.extract import build_profile, default_nlp, find_mentions, get_matcher
    from gapcheck.normalise import split_sections
    from gapcheck.pipeline import _analyze_raw
    from gapcheck.plan import learning_plan
    from gapcheck.read import read_document, read_text
    from gapcheck.render import render
    from gapcheck.score import score_roles
    from gapcheck.taxonomy import load_taxonomy

    today = date.fromisoformat(TODAY)
    tax, nlp, opts = load_taxonomy(), default_nlp(), Options()
    matcher = get_matcher(nlp, tax)
    raws = [read_text(t, f"t{i}") for i, t in enumerate(texts)]
    ndocs = [split_sections(r.text, r.source, r.kind) for r in raws]
    flat = [nd.text.replace("\n", " ") for nd in ndocs]
    docs = [nlp.make_doc(f) for f in flat]
    mentions = [find_mentions(nd, tax, nlp) for nd in ndocs]  # also warms the fuzzy cache
    profiles = [build_profile(nd, m, tax, today=today) for nd, m in zip(ndocs, mentions, strict=True)]
    fits = [score_roles(p, tax, today=today) for p in profiles]
    results = [_analyze_raw(r, taxonomy=tax, nlp=None, role=None, job=None, assume_known=(), options=opts,
                            today=today) for r in raws]
    n = len(texts)

    def each(func: object, items: list[object]) -> float:
        return timed(func, items).per_item_ms  # type: ignore[arg-type]

    rows = [
        ("read PDF: pdfplumber words + layout", each(lambda p: read_document(p), pdfs)),
        ("read PDF: PDFium words + layout", each(lambda p: read_document(p, pdf_engine="pdfium"), pdfs)),
        ("normalise + sections", each(lambda r: split_sections(r.text, r.source, r.kind), raws)),
        ("tokenise (spaCy make_doc)", each(nlp.make_doc, flat)),
        ("phrase matchers", each(lambda d: (matcher.lower(d), matcher.exact(d)), docs)),
        ("find_mentions without fuzzy", each(lambda nd: find_mentions(nd, tax, nlp, fuzzy=False), ndocs)),
        ("find_mentions (all matching)", each(lambda nd: find_mentions(nd, tax, nlp), ndocs)),
        ("build_profile", each(lambda i: build_profile(ndocs[i], mentions[i], tax, today=today), range(n))),
        ("score_roles", each(lambda p: score_roles(p, tax, today=today), profiles)),
        ("learning_plan", each(lambda i: learning_plan(fits[i][0], profiles[i], tax), range(n))),
        ("whole analysis of a text (analyze_text)",
         each(lambda r: _analyze_raw(r, taxonomy=tax, nlp=None, role=None, job=None, assume_known=(),
                                     options=opts, today=today), raws)),
        ("result.to_dict()", each(lambda r: r.to_dict(), results)),
        ("render JSON", each(lambda r: render(r, "json"), results)),
    ]
    return rows


def _fresh_pipeline() -> None:
    """Forget the spaCy pipeline, matcher and their caches, as if the process had just started.

    Words gapcheck has seen are cached (tokenizer, fuzzy lookups), and every resume of the
    corpus exists as text and as PDF, so without this the second section would meet only
    familiar words. The first sight of a resume is the honest case: real resumes bring new
    names, employers and tools.
    """
    from gapcheck import _matcher, _nlp

    _matcher._MATCHERS.clear()
    _nlp._BLANK = None


def per_pdf(pdfs: list[Path], warm: list[Path],
            held: dict[str, list[set[str]]] | None = None) -> dict[str, Timing]:
    """pdfplumber extract_text, gapcheck (both engines) and raw PDFium text, on the same files.

    ``held``, when given, receives each engine's held skills per PDF (for :func:`agreement`),
    collected outside the timed calls.

    Each gapcheck run is timed file by file alternately with its engine's raw extraction, so
    that the machine slowing down or speeding up during the run (it is shared) affects both,
    and each call starts after a garbage collection, so that neither pays for the other's.
    """
    from gapcheck.config import Options
    from gapcheck.pipeline import analyze

    today = date.fromisoformat(TODAY)
    out: dict[str, Timing] = {}
    for raw_key, raw, key, options in (("plumber", _plumber_text, "gapcheck", Options()),
                                       ("pdfium_raw", _pdfium_text, "gapcheck_pdfium", Options(pdf_engine="pdfium"))):
        _fresh_pipeline()
        for p in warm:  # imports, the matcher and the fuzzy model, on other files
            raw(p)
            analyze(p, today=today, options=options)
        spent = {raw_key: [0.0, 0.0], key: [0.0, 0.0]}
        for p in pdfs:
            for name, func in ((raw_key, raw), (key, lambda f, o=options: analyze(f, today=today, options=o))):
                # pdfminer leaves many objects behind; without a collection here, the garbage of
                # one call is collected during whichever call comes next, and is billed to it.
                gc.collect()
                c0, w0 = time.process_time(), time.perf_counter()
                res = func(p)
                spent[name][0] += time.process_time() - c0
                spent[name][1] += time.perf_counter() - w0
                if name == key and held is not None:
                    held.setdefault(key, []).append({s.id for s in res.skills if s.match != "implied"})
        out.update({name: Timing(cpu, wall, len(pdfs)) for name, (cpu, wall) in spent.items()})
        out[key].lookups = _fuzzy_lookups() / len(pdfs)
    return out


TARGET_PLUMBER_RATIO = 1 + TARGET_OVERHEAD  # gapcheck analyze / pdfplumber extract_text, realistic PDFs
TARGET_PDFIUM_RATIO = 2.0  # gapcheck analyze --pdf-engine pdfium / PDFium get_text_range, realistic PDFs


def realistic_pdfs() -> list[Path]:
    """Resumes of the labelled sets rendered as PDFs, each text once.

    One PDF per person of tests/data/engines (LaTeX, Typst, LibreOffice, Chromium...), the
    styles taken in turn, so that each style is there and no text is read twice; the
    labelled set's and the first people set's PDFs. The held-out people's PDFs are left out:
    their outputs are not looked at.
    """
    data = ROOT / "tests" / "data"
    engines = data / "engines"
    styles = sorted(d for d in engines.iterdir() if d.is_dir() and any(d.glob("*.pdf")))
    people = sorted(p.stem for p in (engines / "text").glob("*.txt"))
    chosen = [styles[i % len(styles)] / f"{person}.pdf" for i, person in enumerate(people)]
    return chosen + sorted((data / "labelled" / "pdf").glob("*.pdf")) + sorted(
        (data / "people_dev" / "pdf").glob("*.pdf"))


def realistic(pdfs: list[Path], warm: list[Path], passes: int) -> dict[str, dict[str, Timing]]:
    """Per engine: its own text extraction, gapcheck's analysis, and gapcheck's reading alone,
    timed file by file in turn on the same PDFs, each resume seen for the first time.

    Every pass starts with a fresh pipeline (``_fresh_pipeline``) and meets each text once,
    so the analysis pays for every new word, as it does with a resume it has never seen.
    The reading (``read_document``) is timed after the analysis of the same file; the analysis
    proper is the difference.
    """
    from gapcheck.config import Options
    from gapcheck.pipeline import analyze
    from gapcheck.read import read_document

    today = date.fromisoformat(TODAY)
    out: dict[str, dict[str, Timing]] = {}
    for engine, raw, runs in (("pdfplumber", _plumber_text, 1), ("pdfium", _pdfium_text, passes)):
        options = Options(pdf_engine=engine)
        steps = (("raw", raw), ("analyze", lambda f, o=options: analyze(f, today=today, options=o)),
                 ("read", lambda f, e=engine: read_document(f, pdf_engine=e)))
        spent = {name: [0.0, 0.0] for name, _ in steps}
        for _ in range(runs):
            _fresh_pipeline()
            for p in warm:  # imports, the matcher and the fuzzy model, on other files
                raw(p)
                analyze(p, today=today, options=options)
            for p in pdfs:
                for name, func in steps:
                    gc.collect()  # pdfminer's garbage is collected here, not during the next call
                    c0, w0 = time.process_time(), time.perf_counter()
                    func(p)
                    spent[name][0] += time.process_time() - c0
                    spent[name][1] += time.perf_counter() - w0
        out[engine] = {name: Timing(cpu, wall, len(pdfs) * runs) for name, (cpu, wall) in spent.items()}
    return out


def realistic_section(warm: list[Path], passes: int) -> list[Row]:
    """Print the realistic PDFs' figures (:func:`realistic`); return their rows for the targets table."""
    real = realistic_pdfs()
    header(f"realistic PDFs, first sight: {len(real)} labelled resumes typeset by real engines and fpdf2")
    rt = realistic(real, warm, passes)
    print(f"{'engine':<11} {'its own extraction':>20} {'gapcheck analyze':>17} {'ratio':>6} {'target':>8}"
          f"   {'reading':>8} {'analysis':>9}   (ms CPU per PDF)")
    rows = []
    for engine, own, target in (("pdfplumber", "extract_text", TARGET_PLUMBER_RATIO),
                                ("pdfium", "get_text_range", TARGET_PDFIUM_RATIO)):
        t = rt[engine]
        ratio = t["analyze"].cpu / t["raw"].cpu
        analysis = t["analyze"].per_item_ms - t["read"].per_item_ms
        print(f"{engine:<11} {own:>14} {t['raw'].per_item_ms:5.1f} {t['analyze'].per_item_ms:17.1f} "
              f"{ratio:6.2f} {'<= ' + format(target, '.2f'):>8}   {t['read'].per_item_ms:8.1f} {analysis:9.1f}")
        print(f"{'':<11} reading is {t['read'].cpu / t['raw'].cpu:.2f}x {own}, the analysis "
              f"{analysis / t['raw'].per_item_ms:.2f}x; wall ms per PDF {1e3 * t['raw'].wall / t['raw'].n:.1f} "
              f"/ {1e3 * t['analyze'].wall / t['analyze'].n:.1f}")
        label = f"realistic PDFs: analyze ({engine}) / {own}"
        rows.append(Row(label, f"{ratio:.2f}", f"<= {target:.2f}", ratio <= target))
    print(f"({rt['pdfium']['raw'].n // len(real)} first-sight passes with PDFium, 1 with pdfplumber; the analysis "
          "is analyze minus read_document of the same file)")
    return rows


def _fuzzy_lookups() -> int:
    """Words and word pairs the fuzzy model has scored in this process so far (its cache size)."""
    from gapcheck import _matcher

    return sum(len(getattr(m, "_fuzzy_cache", ())) for m in _matcher._MATCHERS.values())


def text_throughput(texts: list[str]) -> dict[str, Timing]:
    """Matching + scoring, first time each resume is seen and again with warm caches."""
    from gapcheck.config import Options
    from gapcheck.extract import build_profile, default_nlp, find_mentions, get_matcher
    from gapcheck.normalise import split_sections
    from gapcheck.pipeline import analyze_text
    from gapcheck.score import score_roles
    from gapcheck.taxonomy import load_taxonomy

    today = date.fromisoformat(TODAY)
    _fresh_pipeline()
    tax = load_taxonomy()
    c0 = time.process_time()
    nlp = default_nlp()
    get_matcher(nlp, tax).fuzzy_lookup("warm up")
    build = Timing(time.process_time() - c0, 0.0, 1)
    ndocs = [split_sections(t, f"t{i}", "text") for i, t in enumerate(texts)]

    def match_and_score(nd: object) -> None:
        mentions = find_mentions(nd, tax, nlp)  # type: ignore[arg-type]
        score_roles(build_profile(nd, mentions, tax, today=today), tax, today=today)  # type: ignore[arg-type]

    first = timed(match_and_score, ndocs)
    first.lookups = _fuzzy_lookups() / len(ndocs)
    warm = timed(match_and_score, ndocs)
    opts = Options()
    full = timed(lambda t: analyze_text(t, today=today, options=opts), texts)
    return {"build": build, "first": first, "warm": warm, "full": full}


def cold_start(pdf: Path, repeat: int) -> dict[str, list[float]]:
    """Wall seconds of fresh interpreters running the CLI, ``repeat`` times each."""
    env = fresh_env()
    runs = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "gapcheck --help": [sys.executable, "-c", CLI, "--help"],
        "gapcheck --version": [sys.executable, "-c", CLI, "--version"],
        "gapcheck taxonomy roles": [sys.executable, "-c", CLI, "taxonomy", "roles"],
        "gapcheck one.pdf --json": [sys.executable, "-c", CLI, str(pdf), "--json"],
        "gapcheck one.pdf --json --pdf-engine pdfium": [sys.executable, "-c", CLI, str(pdf), "--json",
                                                        "--pdf-engine", "pdfium"],
    }
    out: dict[str, list[float]] = {}
    for name, cmd in runs.items():
        times = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            subprocess.run(cmd, env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
            times.append(time.perf_counter() - t0)
        out[name] = times
    return out


_PHASES = """
import sys, time
t0 = last = time.perf_counter()
out = []
def lap(name):
    global last
    now = time.perf_counter()
    out.append((name, now - last))
    last = now
from datetime import date
import gapcheck.cli; from gapcheck import _spacy_cli; _spacy_cli.defer(); lap("import gapcheck.cli (click)")
from gapcheck.taxonomy import load_taxonomy; taxonomy = load_taxonomy(); lap("import pydantic, load the taxonomy")
import spacy; lap("import spacy (not its CLI package)")
from gapcheck.extract import default_nlp, get_matcher; nlp = default_nlp(); lap("spacy.blank('en')")
matcher = get_matcher(nlp, taxonomy); lap("build the phrase matchers")
matcher.fuzzy_lookup("warm up"); lap("fuzzy model (imports and fit)")
from gapcheck.read import read_document; import pdfplumber; lap("import pdfplumber")
raw = read_document(sys.argv[1]); lap("read the PDF")
from gapcheck.pipeline import _analyze_raw; from gapcheck.config import Options
result = _analyze_raw(raw, taxonomy=taxonomy, nlp=None, role=None, job=None, assume_known=(),
                      options=Options(), today=date(2026, 11, 23)); lap("analyse (first resume of the process)")
from gapcheck.render import render; render(result, "json"); lap("render JSON")
for name, secs in out:
    print(f"{name}\t{secs}")
"""


def cold_breakdown(pdf: Path) -> list[tuple[str, float]]:
    """Seconds of each phase of a first analysis in a fresh interpreter (after Python starts)."""
    proc = subprocess.run([sys.executable, "-c", _PHASES, str(pdf)], env=fresh_env(), cwd=ROOT, check=True,
                          capture_output=True, text=True)
    return [(name, float(secs)) for name, secs in (line.split("\t") for line in proc.stdout.splitlines())]


def agreement(pdfs: list[Path], plumber: list[set[str]], pdfium: list[set[str]]) -> tuple[int, int, float, list[str]]:
    """Files whose held skills (from :func:`per_pdf`) are identical under both engines; mean
    Jaccard; a few differences."""
    same = 0
    jac: list[float] = []
    notes: list[str] = []
    for p, a, b in zip(pdfs, plumber, pdfium, strict=True):
        same += a == b
        jac.append(len(a & b) / len(a | b) if a | b else 1.0)
        if a != b and len(notes) < 5:
            notes.append(f"{p.name}: pdfplumber only {sorted(a - b)}, pdfium only {sorted(b - a)}")
    return same, len(pdfs), statistics.mean(jac), notes


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=150, help="PDFs per measurement (default 150 of the corpus)")
    ap.add_argument("--repeat", type=int, default=5, help="fresh-process runs per cold-start figure")
    ap.add_argument("--passes", type=int, default=3, help="first-sight passes of PDFium over the realistic PDFs")
    ap.add_argument("--realistic-only", action="store_true", help="only the realistic PDFs (about a minute)")
    ap.add_argument("--text-only", action="store_true", help="only the text sections (about 30 s)")
    args = ap.parse_args(argv)

    corpus = ensure_corpus("corpus", 300)
    pdfs_all = one_page_pdfs(corpus)
    warm, pdfs = pdfs_all[:10], pdfs_all[10 : 10 + args.n]
    texts = [p.read_text(encoding="utf-8") for p in sorted((corpus / "txt").glob("*.txt"))]
    print(f"machine: {machine()}")
    print(f"date: {TODAY}; corpus: {len(texts)} text resumes, {len(pdfs)} one-page PDFs measured")
    print(f"load average at start: {load()}")
    if args.realistic_only:
        rows = realistic_section(warm, args.passes)
        header("against the targets")
        print(f"load average at end: {load()}")
        table(rows)
        return 0

    header("text-only throughput (one core)")
    tt = text_throughput(texts)
    print(f"pipeline, matcher and fuzzy model built once: {tt['build'].cpu * 1e3:.0f} ms")
    for key, label in (("first", "matching + scoring, each resume seen once"),
                       ("warm", "matching + scoring, second pass (warm caches)"),
                       ("full", "analyze_text end to end (sections ... plan, result)")):
        t = tt[key]
        words = f"  ({t.lookups:.1f} new words/resume for the fuzzy model)" if t.lookups else ""
        print(f"{label:<52} {t.per_item_ms:7.3f} ms/resume  {t.rate:8.0f} resumes/s" + words)
    text_rows = realistic_text_section(texts[:20], _fresh_pipeline)
    if args.text_only:
        header("against the targets")
        print(f"load average at end: {load()}")
        table(text_rows)
        return 0

    header("PDF per resume, first sight: gapcheck vs pdfplumber extract_text (same files)")
    held: dict[str, list[set[str]]] = {}
    pp = per_pdf(pdfs, warm, held)
    for key, label in (("plumber", "pdfplumber extract_text"), ("gapcheck", "gapcheck analyze (pdfplumber)"),
                       ("pdfium_raw", "pypdfium2 get_text_range"), ("gapcheck_pdfium", "gapcheck analyze (pdfium)")):
        t = pp[key]
        words = f"  ({t.lookups:.1f} new words/resume for the fuzzy model)" if t.lookups else ""
        print(f"{label:<34} {t.per_item_ms:7.2f} ms CPU  {1e3 * t.wall / t.n:7.2f} ms wall  {t.rate:6.0f}/s per core"
              + words)
    overhead = pp["gapcheck"].cpu / pp["plumber"].cpu - 1
    print(f"gapcheck adds {overhead:+.1%} on top of extract_text")

    real_rows = realistic_section(warm, args.passes)

    header("where the time of one resume goes (warm, ms per resume)")
    for name, ms in stage_breakdown(texts[:150], pdfs[:40]):
        print(f"{name:<44} {ms:8.3f}")

    header("engine agreement (held skills per PDF)")
    same, total, jaccard, notes = agreement(pdfs, held["gapcheck"], held["gapcheck_pdfium"])
    print(f"identical skill sets: {same}/{total} = {same / total:.1%}; mean Jaccard {jaccard:.3f}")
    for note in notes:
        print("  " + note)

    header("cold start (fresh interpreter, wall seconds)")
    cs = cold_start(pdfs[0], args.repeat)
    for name, times in cs.items():
        print(f"{name:<46} median {statistics.median(times):.3f}  min {min(times):.3f}  max {max(times):.3f}")

    print("phases of the first analysis in a fresh interpreter (seconds):")
    for name, secs in cold_breakdown(pdfs[0]):
        print(f"  {name:<44} {secs:6.3f}")

    header("against the targets")
    print(f"load average at end: {load()}")
    help_s = statistics.median(cs["gapcheck --help"])
    pdf_s = statistics.median(cs["gapcheck one.pdf --json"])
    rows = [
        Row("gapcheck time on top of pdfplumber extract_text", f"{overhead:+.1%}",
            f"<= +{TARGET_OVERHEAD:.0%}", overhead <= TARGET_OVERHEAD),
        Row("text-only matching + scoring, resumes/s per core", f"{tt['first'].rate:,.0f}",
            f">= {TARGET_TEXT_RATE:,}", tt["first"].rate >= TARGET_TEXT_RATE),
        Row("  (same, warm caches)", f"{tt['warm'].rate:,.0f}", f">= {TARGET_TEXT_RATE:,}",
            tt["warm"].rate >= TARGET_TEXT_RATE),
        *text_rows,
        Row("cold start: gapcheck --help, s", f"{help_s:.3f}", f"<= {TARGET_HELP_S}", help_s <= TARGET_HELP_S),
        Row("cold start: one PDF end to end, s", f"{pdf_s:.3f}", f"<= {TARGET_ONE_PDF_S}", pdf_s <= TARGET_ONE_PDF_S),
        Row("pdfium engine end to end, resumes/s per core", f"{pp['gapcheck_pdfium'].rate:,.0f}",
            f">= {TARGET_PDFIUM_RATE}", pp["gapcheck_pdfium"].rate >= TARGET_PDFIUM_RATE),
        Row("pdfplumber engine end to end, resumes/s per core", f"{pp['gapcheck'].rate:,.0f}", "(reported)", None),
        *real_rows,
        Row("engines agree on held skills (share of PDFs)", f"{same / total:.1%}", "(reported)", None),
    ]
    table(rows)
    return 0


if __name__ == "__main__":
    sys.stdout = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", line_buffering=True)
    sys.exit(main())
