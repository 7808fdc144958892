"""A minimal PNG reader and writer (standard library only) for browser screenshots.

Used by ``scripts/screenshots.py`` to crop and shrink the README screenshots and by the HTML
report tests to check that a rendered page is not blank. It handles what headless Chromium
writes (8-bit RGB or RGBA, not interlaced) and writes 8-bit RGB, RGBA or palette images.
"""

from __future__ import annotations

import re
import struct
import zlib
from collections import Counter
from itertools import accumulate
from pathlib import Path

SIGNATURE = b"\x89PNG\r\n\x1a\n"


def decode_png(data: bytes, name: str = "PNG") -> tuple[int, int, int, list[bytes]]:
    """Decode an 8-bit, non-interlaced RGB or RGBA PNG.

    Args:
        data: the file's bytes.
        name: how to name the image in error messages.

    Returns:
        ``(width, height, channels, rows)``, each row ``width * channels`` bytes.

    Raises:
        ValueError: not a PNG, or a kind this reader does not handle.
    """
    if not data.startswith(SIGNATURE):
        raise ValueError(f"{name}: not a PNG file")
    pos, idat = 8, b""
    width = height = channels = 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", chunk)
            if depth != 8 or colour not in (2, 6) or interlace:
                raise ValueError(f"{name}: unsupported PNG (depth {depth}, colour type {colour}, "
                                 f"interlace {interlace}); only 8-bit RGB/RGBA is read")
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


def read_png(path: Path) -> tuple[int, int, int, list[bytes]]:
    """Decode the PNG file at ``path``; see :func:`decode_png`."""
    return decode_png(path.read_bytes(), str(path))


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
    path.write_bytes(SIGNATURE + body + _chunk(b"IDAT", zlib.compress(bytes(out), 9)) + _chunk(b"IEND", b""))


def colour_counts(width: int, channels: int, rows: list[bytes]) -> Counter[bytes]:
    """How many pixels have each RGB colour (alpha ignored)."""
    # A regex cuts a row into pixels at C speed; slicing pixel by pixel in Python is 2x slower.
    pixel = re.compile(b"(?s)" + b"." * channels)
    counts: Counter[bytes] = Counter()
    for row in rows:
        counts.update(pixel.findall(row, 0, width * channels))
    if channels == 3:
        return counts
    rgb: Counter[bytes] = Counter()
    for colour, n in counts.items():
        rgb[colour[:3]] += n
    return rgb


def hex_rgb(colour: str) -> bytes:
    """``"#1a7f37"`` or ``"#fff"`` as three RGB bytes."""
    h = colour.lstrip("#")
    if len(h) == 3:
        h = "".join(c * 2 for c in h)
    return bytes.fromhex(h)
