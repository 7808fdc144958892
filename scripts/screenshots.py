"""Regenerate the report screenshots in docs/screenshots/ with headless Chromium.

    python scripts/screenshots.py [--sample nlp_engineer] [--chromium /usr/bin/chromium]

Writes ``report.png`` (the HTML report of one sample resume) and ``batch.png`` (the batch
heat map of every sample). Each page is shot in a tall 1280-pixel-wide window and the
empty background below the content is cropped off, so the files stay small. Needs only
the standard library besides gapcheck and a Chromium binary (Debian: ``apt-get install
chromium``).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from gapcheck._chromium import find_chromium, load_page
from gapcheck._png import colour_counts, read_png, write_png

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
WIDTH = 1280


def shoot(chromium: str, html_file: Path, png: Path, height: int) -> None:
    """Screenshot ``html_file`` in a WIDTH x ``height`` window into ``png``; fail on console errors."""
    run = load_page(chromium, html_file, width=WIDTH, height=height, screenshot=png, dump_dom=False, timeout=60)
    if run.console:
        raise SystemExit(f"{html_file.name}: the browser console reported: " + "; ".join(run.console))


def quantize(width: int, channels: int, rows: list[bytes]) -> tuple[bytes, list[bytes]]:
    """Map pixels to the 256 most frequent colours (nearest by RGB distance): a third of the size.

    A page is mostly flat colour and anti-aliased text, so 256 colours show no visible change.
    """
    counts = colour_counts(width, channels, rows)
    pixels = [[row[i:i + 3] for i in range(0, width * channels, channels)] for row in rows]
    palette = [c for c, _ in counts.most_common(256)]
    index = {c: i for i, c in enumerate(palette)}
    for colour in counts:
        if colour not in index:
            index[colour] = min(range(len(palette)),
                                key=lambda i: sum((a - b) ** 2 for a, b in zip(colour, palette[i], strict=True)))
    return b"".join(palette), [bytes(index[p] for p in line) for line in pixels]


def crop_to_content(path: Path, max_height: int, margin: int = 24) -> None:
    """Cut the plain background below the content; past ``max_height``, cut at the gap between two cards."""
    width, height, channels, rows = read_png(path)
    background = rows[0][:channels] * width  # the page colour, from the top-left pixel
    last = height - 1
    while last > 0 and rows[last] == background:
        last -= 1
    end = min(height, last + 1 + margin)
    if end > max_height:
        # Walk up from max_height to a band of blank rows, so no card is cut in half.
        y, blank = max_height, 0
        while y > 0 and blank < 30:
            y -= 1
            blank = blank + 1 if rows[y] == background else 0
        end = y + 16 if blank >= 30 else max_height
    palette, indexed = quantize(width, channels, rows[:end])
    write_png(path, width, 1, indexed, palette)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", default="nlp_engineer", help="sample resume stem for report.png")
    parser.add_argument("--max-height", type=int, default=3000,
                        help="tallest screenshot in pixels; longer pages are cut between two sections")
    parser.add_argument("--chromium", default=find_chromium())
    args = parser.parse_args(argv)
    if not args.chromium:
        print("chromium not found; install it (Debian: apt-get install chromium) or pass --chromium", file=sys.stderr)
        return 1

    from gapcheck import _batch_report
    from gapcheck.batch import analyze_many, discover
    from gapcheck.pipeline import analyze
    from gapcheck.render import render
    from gapcheck.taxonomy import load_taxonomy

    OUT.mkdir(parents=True, exist_ok=True)
    # Relative paths, so the report shows "sample_resumes/..." rather than this checkout's location.
    os.chdir(ROOT)
    samples = Path("sample_resumes")
    with tempfile.TemporaryDirectory(prefix="gapcheck-shots-") as tmp:
        page = Path(tmp) / "report.html"
        result = analyze(str(samples / f"{args.sample}.pdf"))
        page.write_text(render(result, "html"), encoding="utf-8")
        shoot(args.chromium, page, OUT / "report.png", 4000)
        crop_to_content(OUT / "report.png", args.max_height)

        files = [f for f in discover([str(samples)]) if f.endswith(".pdf")]
        rows = sorted(analyze_many(files, workers=2), key=lambda r: r.file)
        page = Path(tmp) / "batch.html"
        page.write_text(_batch_report.batch_html(rows, load_taxonomy()), encoding="utf-8")
        shoot(args.chromium, page, OUT / "batch.png", 2400)
        crop_to_content(OUT / "batch.png", args.max_height)
    for name in ("report.png", "batch.png"):
        print(f"wrote {OUT / name} ({(OUT / name).stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
