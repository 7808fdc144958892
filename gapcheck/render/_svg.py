"""Charts as data: the chart code places shapes, the ``svg.html.j2`` macros draw them.

Every position is computed here in Python and every string reaches the page through
Jinja's autoescaping, so a skill or file name can never break the markup. This module also
holds the palette shared by the charts and the page's CSS: colours are picked for at least
4.5:1 text contrast (:data:`TEXT_COLOURS` lists every pair used, and the tests check them).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import ClassVar

INK = "#1f2328"
MUTED = "#59636e"
TRACK = "#e6eaef"
GRID = "#d0d7de"
BEST = "#1a7f37"
OTHER = "#0969da"
HELD = "#1a7f37"
WEAK = "#9a6700"  # stripes on WEAK_BG
WEAK_BG = "#fff8c5"
MISSING = "#6e7781"  # dashed outline of an empty (TRACK) bar
CARD = "#ffffff"
PAGE = "#f6f8fa"
# Phase colours all give 5:1 or better against white text.
PHASE_COLOURS = ("#0969da", "#8250df", "#bc4c00", "#bf3989", "#1a7f37")
PART_COLOURS = {
    "essential": "#0969da",
    "important": "#8250df",
    "optional": "#bf3989",
    "depth": "#bc4c00",
    "evidence": "#1a7f37",
}
# Every (text colour, background) pair the page uses; each must reach 4.5:1 (WCAG AA).
# Heat-map cells pick black or white text per cell, see _batch_html.heat().
TEXT_COLOURS = (
    (INK, CARD),
    (INK, PAGE),
    (MUTED, CARD),
    (MUTED, PAGE),
    (BEST, CARD),
    (INK, WEAK_BG),
    (INK, "#dafbe1"),
    (INK, "#ddf4ff"),
    (INK, "#ffebe9"),
    *(("#ffffff", c) for c in PHASE_COLOURS),
)
CHART_W = 1000  # user units; the SVGs scale down to the page width
FONT = 14
SMALL = 13


# -- shapes -------------------------------------------------------------------------------------------
# One class per SVG element the charts use; ``kind`` picks the macro that draws it. Optional
# attributes left at their default are not written, which keeps the charts small.


@dataclass(frozen=True)
class Text:
    """A ``<text>``, placed at ``x, y`` or by ``transform``, with an optional tooltip."""

    kind: ClassVar[str] = "text"
    x: float
    y: float
    text: str
    anchor: str | None = "start"
    size: int = FONT
    weight: str = "normal"
    fill: str = INK
    transform: str | None = None
    title: str | None = None


@dataclass(frozen=True)
class Rect:
    """A ``<rect>`` with an optional tooltip (``title``)."""

    kind: ClassVar[str] = "rect"
    x: float
    y: float
    width: float
    height: float
    fill: str
    rx: float | None = None
    fill_opacity: float | None = None
    stroke: str | None = None
    stroke_width: float | None = None
    dasharray: str | None = None
    title: str | None = None


@dataclass(frozen=True)
class Line:
    kind: ClassVar[str] = "line"
    x1: float
    y1: float
    x2: float
    y2: float
    stroke: str
    dasharray: str | None = None


@dataclass(frozen=True)
class Circle:
    kind: ClassVar[str] = "circle"
    cx: float
    cy: float
    r: float
    fill: str


@dataclass(frozen=True)
class Path:
    kind: ClassVar[str] = "path"
    d: str
    fill: str
    stroke: str
    stroke_width: float


@dataclass(frozen=True)
class Group:
    """A ``<g>`` of simple shapes sharing one tooltip."""

    kind: ClassVar[str] = "group"
    title: str
    shapes: tuple[Circle | Path | Rect, ...]


@dataclass(frozen=True)
class Stripes:
    """A ``<pattern>`` of diagonal stripes, used as ``fill="url(#id)"``."""

    kind: ClassVar[str] = "stripes"
    id: str
    background: str
    colour: str


Shape = Text | Rect | Line | Circle | Path | Group | Stripes


@dataclass(frozen=True)
class Chart:
    """An accessible ``<svg role="img">``: ``title`` and ``desc`` state its figures in words."""

    id: str
    width: float
    height: float
    title: str
    desc: str
    shapes: tuple[Shape, ...]


def chart(svg_id: str, width: float, height: float, title: str, desc: str, shapes: Iterable[Shape]) -> Chart:
    return Chart(svg_id, width, height, title, desc, tuple(shapes))


# -- layout helpers -----------------------------------------------------------------------------------


def coord(value: float) -> str:
    """Format a coordinate compactly (no trailing zeros); the templates' ``n`` filter."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def text_w(text: str, size: float, bold: bool = False) -> float:
    """Rough rendered width of ``text`` in a sans-serif font, for laying out labels."""
    return len(text) * size * (0.62 if bold else 0.56)


def clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def weeks(n: float) -> str:
    return f"{n:g} week" if n == 1 else f"{n:g} weeks"


def label(
    x: float,
    y: float,
    text: str,
    *,
    anchor: str = "start",
    size: int = FONT,
    weight: str = "normal",
    fill: str = INK,
) -> Text:
    return Text(x, y, text, anchor=anchor, size=size, weight=weight, fill=fill)


def rotated(
    x: float,
    y: float,
    angle: int,
    text: str,
    *,
    anchor: str | None = None,
    size: int = FONT,
    weight: str = "normal",
    title: str | None = None,
) -> Text:
    """A label turned by ``angle`` degrees about its anchor point ``x, y``."""
    transform = f"translate({coord(x)},{coord(y)}) rotate({angle})"
    return Text(0, 0, text, anchor=anchor, size=size, weight=weight, transform=transform, title=title)


def axis(x0: float, x1: float, top: float, bottom: float, max_value: float, step: float, unit: str = "") -> list[Shape]:
    """Vertical grid lines with value labels along the bottom."""
    out: list[Shape] = []
    value = 0.0
    while value <= max_value + 1e-9:
        x = x0 + (x1 - x0) * value / max_value
        out.append(Line(x, top, x, bottom, GRID, dasharray=None if value == 0 else "3 3"))
        out.append(label(x, bottom + 16, f"{value:g}{unit}", anchor="middle", size=SMALL, fill=MUTED))
        value += step
    return out


def nice_step(total: float, ticks: int = 8) -> float:
    for step in (1, 2, 4, 5, 8, 10, 12, 20, 25, 26, 50, 52, 100, 104):
        if total / step <= ticks:
            return float(step)
    return float(round(total / ticks))
