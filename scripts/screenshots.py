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
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib
from collections import Counter
from itertools import accumulate
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
WIDTH = 1280
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars", "--force-device-scale-factor=1"]


def shoot(chromium: str, html_file: Path, png: Path, height: int) -> None:
    """Screenshot ``html_file`` in a WIDTH x ``height`` window into ``png``."""
    with tempfile.TemporaryDirectory(prefix="gapcheck-chromium-") as profile:
        subprocess.run([chromium, *FLAGS, f"--user-data-dir={profile}", f"--screenshot={png}",
                        f"--window-size={WIDTH},{height}", html_file.as_uri()],
                       check=True, capture_output=True, timeout=60)


def read_png(path: Path) -> tuple[int, int, int, list[bytes]]:
    """Decode an 8-bit, non-interlaced RGB or RGBA PNG into (width, height, channels, rows)."""
    data = path.read_bytes()
    pos, idat = 8, b""
    width = height = channels = 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", chunk)
            if depth != 8 or colour not in (2, 6) or interlace:
                raise ValueError(f"{path}: unsupported PNG (depth {depth}, colour type {colour})")
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    low, high = int.from_bytes(b"\x7f" * stride, "big"), int.from_bytes(b"\x80" * stride, "big")
    rows: list[bytes] = []
    prev = bytes(stride)
    for y in range(height):
        ftype, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        if ftype == 1:  # Sub: a running sum along each channel
            for c in range(channels):
                line[c::channels] = bytes(v & 0xFF for v in accumulate(line[c::channels]))
        elif ftype == 2:  # Up: bytewise add of two rows, done as one big-integer sum without carries
            a, b = int.from_bytes(line, "big"), int.from_bytes(prev, "big")
            line = bytearray((((a & low) + (b & low)) ^ ((a ^ b) & high)).to_bytes(stride, "big"))
        elif ftype == 3:
            for i in range(stride):
                line[i] = (line[i] + ((line[i - channels] if i >= channels else 0) + prev[i]) // 2) & 0xFF
        elif ftype == 4:
            for i in range(channels):
                line[i] = (line[i] + prev[i]) & 0xFF
            for i in range(channels, stride):
                a, b, c = line[i - channels], prev[i], prev[i - channels]
                pa, pb, pc = abs(b - c), abs(a - c), abs(a + b - c - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
        prev = bytes(line)
        rows.append(prev)
    return width, height, channels, rows


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def write_png(path: Path, width: int, channels: int, rows: list[bytes], palette: bytes = b"") -> None:
    """Encode rows as a PNG, filtering each row with None, Sub or Up, whichever leaves most zero bytes.

    With ``palette`` (RGB triples), ``rows`` hold one palette index per pixel and ``channels`` is 1.
    """
    stride = width * channels
    low, high = int.from_bytes(b"\x7f" * stride, "big"), int.from_bytes(b"\x80" * stride, "big")
    mask = (1 << (8 * stride)) - 1

    def minus(a: int, b: int) -> bytes:
        # Bytewise (a - b) mod 256 across the whole row at once, with no borrow between bytes.
        return ((((a | high) - (b & low)) ^ ((a ^ ~b) & high)) & mask).to_bytes(stride, "big")

    out, prev = bytearray(), 0
    for row in rows:
        cur = int.from_bytes(row, "big")
        candidates = [(row, 0), (minus(cur, cur >> (8 * channels)), 1), (minus(cur, prev), 2)]
        best, ftype = max(candidates, key=lambda c: c[0].count(0))
        out.append(ftype)
        out += best
        prev = cur
    colour_type = 3 if palette else {3: 2, 4: 6}[channels]
    ihdr = struct.pack(">IIBBBBB", width, len(rows), 8, colour_type, 0, 0, 0)
    body = _chunk(b"IHDR", ihdr) + (_chunk(b"PLTE", palette) if palette else b"")
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + body + _chunk(b"IDAT", zlib.compress(bytes(out), 9))
                     + _chunk(b"IEND", b""))


def quantize(width: int, channels: int, rows: list[bytes]) -> tuple[bytes, list[bytes]]:
    """Map pixels to the 256 most frequent colours (nearest by RGB distance): a third of the size.

    A page is mostly flat colour and anti-aliased text, so 256 colours show no visible change.
    """
    counts: Counter[bytes] = Counter()
    pixels = [[row[i:i + 3] for i in range(0, width * channels, channels)] for row in rows]
    for line in pixels:
        counts.update(line)
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
    parser.add_argument("--chromium", default=shutil.which("chromium") or shutil.which("chromium-browser"))
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
    samples = ROOT / "sample_resumes"
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
