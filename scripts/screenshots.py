"""Regenerate the report screenshots in docs/screenshots/ with headless Chromium.

    python scripts/screenshots.py [--sample nlp_engineer] [--chromium /usr/bin/chromium] [--out DIR]

Writes ``report.png`` (the HTML report of one sample resume) and ``batch.png`` (the batch
heat map of every sample). Each page is shot in a tall 1280-pixel-wide window and the
empty background below the content is cropped off, so the files stay small. Needs gapcheck,
Pillow (the dev extra) and a Chromium binary (Debian: ``apt-get install chromium``).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from _browser import find_chromium, load_page
from PIL import Image, ImageChops

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
WIDTH = 1280


def shoot(chromium: str, html_file: Path, png: Path, height: int) -> None:
    """Screenshot ``html_file`` in a WIDTH x ``height`` window into ``png``; fail on console errors."""
    run = load_page(chromium, html_file, width=WIDTH, height=height, screenshot=png, dump_dom=False, timeout=60)
    if run.console:
        raise SystemExit(f"{html_file.name}: the browser console reported: " + "; ".join(run.console))


def crop_to_content(path: Path, max_height: int, margin: int = 24) -> None:
    """Cut the plain background below the content; past ``max_height``, cut at the gap between two cards."""
    with Image.open(path) as shot:
        image = shot.convert("RGB")
    width, height = image.size
    # Where the page differs from its own colour (the top-left pixel); zero everywhere else.
    ink = ImageChops.difference(image, Image.new("RGB", image.size, image.getpixel((0, 0))))
    box = ink.getbbox()
    end = min(height, (box[3] if box else 1) + margin)
    if end > max_height:
        # Walk up from max_height to a band of blank rows, so no card is cut in half.
        y, blank = max_height, 0
        while y > 0 and blank < 30:
            y -= 1
            blank = blank + 1 if ink.crop((0, y, width, y + 1)).getbbox() is None else 0
        end = y + 16 if blank >= 30 else max_height
    # 256 colours (median cut, no dithering) make the file a third of the size with no visible change:
    # a page is mostly flat colour and anti-aliased text.
    image.crop((0, 0, width, end)).quantize(256, dither=Image.Dither.NONE).save(path, optimize=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", default="nlp_engineer", help="sample resume stem for report.png")
    parser.add_argument(
        "--max-height",
        type=int,
        default=3000,
        help="tallest screenshot in pixels; longer pages are cut between two sections",
    )
    parser.add_argument("--chromium", default=find_chromium())
    parser.add_argument("--out", type=Path, default=OUT, help="folder for the PNG files (default docs/screenshots)")
    args = parser.parse_args(argv)
    if not args.chromium:
        print("chromium not found; install it (Debian: apt-get install chromium) or pass --chromium", file=sys.stderr)
        return 1

    from gapcheck import _batch_report
    from gapcheck.batch import analyze_many, discover
    from gapcheck.pipeline import analyze
    from gapcheck.render import render
    from gapcheck.taxonomy import load_taxonomy

    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    # Relative paths, so the report shows "sample_resumes/..." rather than this checkout's location.
    os.chdir(ROOT)
    samples = Path("sample_resumes")
    with tempfile.TemporaryDirectory(prefix="gapcheck-shots-") as tmp:
        page = Path(tmp) / "report.html"
        result = analyze(str(samples / f"{args.sample}.pdf"))
        page.write_text(render(result, "html"), encoding="utf-8")
        shoot(args.chromium, page, out / "report.png", 4000)
        crop_to_content(out / "report.png", args.max_height)

        files = [f for f in discover([str(samples)]) if f.endswith(".pdf")]
        rows = sorted(analyze_many(files, workers=2), key=lambda r: r.file)
        page = Path(tmp) / "batch.html"
        page.write_text(_batch_report.batch_html(rows, load_taxonomy()), encoding="utf-8")
        shoot(args.chromium, page, out / "batch.png", 2400)
        crop_to_content(out / "batch.png", args.max_height)
    for name in ("report.png", "batch.png"):
        print(f"wrote {out / name} ({(out / name).stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
