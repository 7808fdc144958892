"""The HTML page of a batch run: a resume × role heat map, the most common gaps, best roles and errors.

Rendered from ``templates/batch.html.j2`` with autoescaping, like the single report;
``gapcheck._batch_report.batch_html`` gathers the figures from the batch results.
"""

from __future__ import annotations

from gapcheck.render._html import environment
from gapcheck.render._svg import (
    CHART_W,
    FONT,
    GRID,
    INK,
    MUTED,
    OTHER,
    SMALL,
    Chart,
    Rect,
    Shape,
    chart,
    clip,
    label,
    rotated,
    text_w,
)

# Rows past this many make a page too long to read; the CSV output has them all.
MAX_ROWS = 400
_BLUES = (
    (247, 251, 255),
    (222, 235, 247),
    (198, 219, 239),
    (158, 202, 225),
    (107, 174, 214),
    (66, 146, 198),
    (33, 113, 181),
    (8, 81, 156),
    (8, 48, 107),
)


def heat(score: float) -> tuple[str, str]:
    """Cell fill for a score (ColorBrewer Blues) and the text colour that contrasts best with it."""
    t = max(0.0, min(1.0, score / 100)) * (len(_BLUES) - 1)
    k = min(int(t), len(_BLUES) - 2)
    lo, hi = _BLUES[k], _BLUES[k + 1]
    rgb = tuple(round(a + (b - a) * (t - k)) for a, b in zip(lo, hi, strict=True))

    def channel(v: int) -> float:
        c = v / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    lum = 0.2126 * channel(rgb[0]) + 0.7152 * channel(rgb[1]) + 0.0722 * channel(rgb[2])
    # Pure black or white text: one of the two always reaches at least 4.58:1.
    text = "#000" if (lum + 0.05) / 0.05 >= 1.05 / (lum + 0.05) else "#fff"
    return "#{:02x}{:02x}{:02x}".format(*rgb), text


def heatmap(
    files: list[str], roles: list[tuple[str, str]], scores: list[dict[str, float]], best: list[str | None]
) -> Chart:
    """One row per resume, one column per role, each cell shaded by its score; best roles outlined."""
    cell_w, cell_h = 70, 28
    labels = [clip(f, 48) for f in files]
    label_w = min(380, max([text_w(x, SMALL) for x in labels] + [60]) + 40)
    role_names = [clip(name, 40) for _, name in roles]
    # Column names are drawn at -45 degrees; the longest sets the header height.
    head_h = max(text_w(n, SMALL) for n in role_names) * 0.72 + 40
    x0, y0 = label_w, head_h
    width = x0 + cell_w * len(roles) + max(text_w(role_names[-1], SMALL) * 0.72, 20) + 10
    body: list[Shape] = [
        label(x0 + cell_w * len(roles) / 2, 16, "Role", anchor="middle", weight="bold"),
        rotated(16, y0 + cell_h * len(files) / 2, -90, "Resume", anchor="middle", weight="bold"),
    ]
    for j, name in enumerate(role_names):
        cx = x0 + j * cell_w + cell_w / 2
        body.append(rotated(cx - 2, y0 - 8, -45, name, size=SMALL, title=roles[j][1]))
    for i, (name, row, best_id) in enumerate(zip(labels, scores, best, strict=True)):
        y = y0 + i * cell_h
        body.append(label(x0 - 10, y + 19, name, anchor="end", size=SMALL))
        if best_id is None:
            # Without an outlined cell the row could be misread as unscored; say why.
            body.append(label(x0 + cell_w * len(roles) + 8, y + 19, "no role fits", size=SMALL, fill=MUTED))
            width = max(width, x0 + cell_w * len(roles) + 16 + text_w("no role fits", SMALL))
        for j, (role_id, role_name) in enumerate(roles):
            x = x0 + j * cell_w
            score = row.get(role_id)
            tip = f"{files[i]} · {role_name}"
            if score is None:
                body.append(Rect(x, y, cell_w - 2, cell_h - 2, "#fff", stroke=GRID, title=f"{tip}: not scored"))
                continue
            fill, ink = heat(score)
            is_best = role_id == best_id
            pad = 1.5 if is_best else 0.0
            w, h = cell_w - 2 - 2 * pad, cell_h - 2 - 2 * pad
            tip += f": {score:.1f}" + (" (best fit)" if is_best else "")
            outline, weight = (INK, "bold") if is_best else (None, "normal")
            stroke_w = 3 if is_best else None
            body.append(Rect(x + pad, y + pad, w, h, fill, stroke=outline, stroke_width=stroke_w, title=tip))
            body.append(label(x + cell_w / 2 - 1, y + 19, f"{score:.0f}", anchor="middle", fill=ink, weight=weight))
    # Legend: the colour scale in ten steps, and what the outline means.
    y = y0 + cell_h * len(files) + 20
    body.append(label(x0, y + 13, "score", size=SMALL, fill=MUTED))
    lx = x0 + 48
    for k in range(11):
        fill, ink = heat(k * 10)
        body.append(Rect(lx + k * 30, y, 30, 18, fill))
        if k % 2 == 0:
            body.append(label(lx + k * 30 + 15, y + 13, str(k * 10), anchor="middle", size=12, fill=ink))
    lx += 11 * 30 + 24
    body.append(Rect(lx, y + 1, 28, 16, "#fff", stroke=INK, stroke_width=2.5))
    body.append(label(lx + 36, y + 14, "best role for the resume", size=SMALL))
    by_id = dict(roles)
    desc = f"Scores of {len(files)} resumes for {len(roles)} roles, 0 to 100; darker cells fit better. " + "; ".join(
        f"{f}: best fit " + (f"{by_id.get(b, b)} {row[b]:.1f}" if b and b in row else "none")
        for f, row, b in zip(files, scores, best, strict=True)
    )
    return chart("heatmap", max(width, lx + 240), y + 30, "Role-fit heat map: resume × role", desc, body)


def gap_chart(gaps: list[tuple[str, int]], scored: int) -> Chart | None:
    """How many resumes miss each of the most common gaps; ``None`` when there are none."""
    if not gaps:
        return None
    row = 26
    label_w = min(320, max(text_w(n, FONT) for n, _ in gaps) + 24)
    x0, x1 = label_w, CHART_W - 150
    most = max(c for _, c in gaps)
    body: list[Shape] = []
    for i, (name, count) in enumerate(gaps):
        y = 6 + i * row
        w = (x1 - x0) * count / most
        body.append(label(x0 - 10, y + 17, name, anchor="end"))
        body.append(Rect(x0, y + 4, w, 18, OTHER, rx=2, title=f"{name}: missing for {count} of {scored} resumes"))
        body.append(label(x0 + w + 6, y + 17, f"{count} of {scored}"))
    desc = "; ".join(f"{n}: {c} resumes" for n, c in gaps)
    return chart("gap-chart", CHART_W, 12 + row * len(gaps), "Most common gaps", desc, body)


def batch_page(
    *,
    total: int,
    files: list[str],
    roles: list[tuple[str, str]],
    scores: list[dict[str, float]],
    best: list[str | None],
    best_roles: list[tuple[str, int]],
    gaps: list[tuple[str, int]],
    errors: list[tuple[str, str, str]],
) -> str:
    """Return the self-contained HTML page of a batch run.

    Args:
        total: files in the run, scored or not.
        files: the scored files, one heat-map row each.
        roles: ``(id, name)`` of every role, one heat-map column each.
        scores: for each file, its score per role id.
        best: for each file, the id of its best role, or ``None`` when no role fits.
        best_roles: ``(role name, resumes)`` counts of the best role.
        gaps: ``(skill name, resumes)`` counts of the most common missing skills.
        errors: ``(file, kind, message)`` of every file that could not be scored.

    Returns:
        An HTML page with inline CSS and SVG, no scripts and nothing loaded from the network.
    """
    shown = files[:MAX_ROWS]
    # Name every role tied for first place: picking one of them would state a winner there is not.
    most = best_roles[0][1] if best_roles else 0
    leaders = [name for name, n in best_roles if n == most]
    common = "–" if not leaders else " · ".join(leaders) if len(leaders) <= 2 else f"{len(leaders)} roles tie"
    noun = "resume" if most == 1 else "resumes"
    tiles = [
        (str(total), "files"),
        (str(len(files)), "scored"),
        (str(len(errors)), "errors"),
        (common, f"most common best role ({most} {noun}{' each' if len(leaders) > 1 else ''})"),
    ]
    template = environment().get_template("batch.html.j2")
    return template.render(
        total=total,
        scored=len(files),
        shown=len(shown),
        tiles=tiles,
        heatmap=heatmap(shown, roles, scores[:MAX_ROWS], best[:MAX_ROWS]) if files else None,
        gap_chart=gap_chart(gaps, len(files)),
        best_roles=best_roles,
        errors=errors,
    )
