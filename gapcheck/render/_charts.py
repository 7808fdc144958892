"""The four charts of the HTML report: role fit, score breakdown, skill coverage and the plan timeline.

Each returns a :class:`~gapcheck.render._svg.Chart` (``None`` when there is nothing to
draw) whose ``desc`` states the chart's figures in words, so the report reads the same with
a screen reader or with CSS off. Bars never carry meaning by hue alone: each has a printed
label, and "weak" and "missing" differ by pattern as well as colour.
"""

from __future__ import annotations

from collections import defaultdict

from gapcheck.render._common import IMPORTANCE, category_label
from gapcheck.render._svg import (
    BEST,
    CHART_W,
    FONT,
    HELD,
    MISSING,
    MUTED,
    OTHER,
    PART_COLOURS,
    PHASE_COLOURS,
    SMALL,
    TRACK,
    WEAK,
    WEAK_BG,
    Chart,
    Circle,
    Group,
    Path,
    Rect,
    Shape,
    Stripes,
    axis,
    chart,
    clip,
    coord,
    label,
    nice_step,
    text_w,
    weeks,
)
from gapcheck.results import AnalysisResult, PlanPhase, RoleFit

PART_LABELS = {
    "essential": "Essential skills",
    "important": "Important skills",
    "optional": "Optional skills",
    "depth": "Depth (years, recency)",
    "evidence": "Evidence in experience",
}


def role_chart(result: AnalysisResult) -> Chart | None:
    """Every role's score as a bar out of 100, best fit in green; ``None`` when no role was scored."""
    roles = list(result.roles)
    if not roles:
        return None
    best = result.best_role.id if result.best_role else None
    row, bar_h = 30, 20
    names = [clip(f.name, 44) for f in roles]
    label_w = min(340, max(text_w(n, FONT, bold=True) for n in names) + 24)
    x0, x1 = label_w, CHART_W - 110
    top = 8
    bottom = top + row * len(roles)
    body = axis(x0, x1, top, bottom, 100, 10)
    for i, (fit, name) in enumerate(zip(roles, names, strict=True)):
        y = top + i * row
        w = max(1.5, (x1 - x0) * fit.score / 100)
        is_best = fit.id == best
        weight = "bold" if is_best else "normal"
        body.append(label(x0 - 10, y + 20, name, anchor="end", weight=weight))
        body.append(
            Rect(x0, y + 5, w, bar_h, BEST if is_best else OTHER, rx=2, title=f"{fit.name}: {fit.score:.1f} of 100")
        )
        score = f"{fit.score:.1f}" + ("  best fit" if is_best else "")
        body.append(label(x0 + w + 6, y + 20, score, weight=weight))
    body.append(label((x0 + x1) / 2, bottom + 38, "score out of 100", anchor="middle", size=SMALL, fill=MUTED))
    if best:
        best_fit = next(f for f in roles if f.id == best)
        title = f"Role fit scores out of 100; best fit {best_fit.name}"
    else:
        title = "Role fit scores out of 100; no role fits yet (the verdict says why)"
    desc = "; ".join(f"{f.name}: {f.score:.1f}" + (" (best fit)" if f.id == best else "") for f in roles)
    return chart("role-chart", CHART_W, bottom + 48, title, desc, body)


def score_chart(fit: RoleFit, names: dict[str, str]) -> Chart:
    """The parts of one role's score: a stacked total, then each part against its maximum."""
    parts = list(fit.parts)
    total_max = sum(p.max_points for p in parts) or 100.0
    label_w = 230
    x0, x1 = label_w, CHART_W - 140
    scale = (x1 - x0) / total_max
    y = 8
    body: list[Shape] = [
        label(x0 - 10, y + 21, "Total", anchor="end", weight="bold"),
        Rect(x0, y + 4, x1 - x0, 24, TRACK, rx=2),
    ]
    x = float(x0)
    for p in parts:
        w = p.points * scale
        if w > 0:
            colour = PART_COLOURS.get(p.name, OTHER)
            body.append(Rect(x, y + 4, w, 24, colour, title=f"{PART_LABELS.get(p.name, p.name)}: {p.points:g} points"))
        x += w
    body.append(label(x1 + 8, y + 21, f"{fit.score:.1f} / {total_max:g}", weight="bold"))
    y += 44
    for p in parts:
        colour = PART_COLOURS.get(p.name, OTHER)
        body.append(label(x0 - 10, y + 17, PART_LABELS.get(p.name, p.name.title()), anchor="end"))
        body.append(Rect(x0, y + 4, p.max_points * scale, 18, TRACK, rx=2))
        if p.points > 0:
            got = ", ".join(names.get(s, s) for s in p.skills)
            body.append(Rect(x0, y + 4, p.points * scale, 18, colour, rx=2, title=got))
        body.append(label(x0 + p.max_points * scale + 8, y + 17, f"{p.points:g} of {p.max_points:g}"))
        y += 28
    desc = f"{fit.name} scores {fit.score:.1f} of {total_max:g}: " + "; ".join(
        f"{PART_LABELS.get(p.name, p.name)} {p.points:g} of {p.max_points:g}" for p in parts
    )
    return chart("score-chart", CHART_W, y + 8, f"Score breakdown for {fit.name}", desc, body)


def coverage_rows(fit: RoleFit, categories: dict[str, str]) -> list[tuple[str, list[int]]]:
    """Count held, weak and absent skills of ``fit`` per category.

    Skills the resume does not mention have no category in the result, and looking it up
    would mean reloading a taxonomy the report may not have been made with; those are
    grouped under their importance instead.
    """
    known: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    other: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for sid in fit.matched:
        known[categories.get(sid, "other")][0] += 1
    for m in fit.missing:
        slot = 1 if m.status == "weak" else 2
        if m.id in categories:
            known[categories[m.id]][slot] += 1
        else:
            other[m.importance][slot] += 1
    rows = [(category_label(cat), counts) for cat, counts in sorted(known.items())]
    rows += [(f"not on resume · {imp}", other[imp]) for imp in IMPORTANCE if imp in other]
    rows += [(f"not on resume · {imp}", counts) for imp, counts in other.items() if imp not in IMPORTANCE]
    return rows


def coverage_chart(fit: RoleFit, categories: dict[str, str]) -> Chart | None:
    """Held, weak and missing skills of ``fit`` per category; ``None`` when the role lists no skills."""
    rows = coverage_rows(fit, categories)
    if not rows:
        return None
    row, bar_h = 28, 18
    label_w = min(300, max(text_w(r[0], FONT) for r in rows) + 24)
    x0, x1 = label_w, CHART_W - 250
    # Weak is striped and missing is an empty dashed box, so the three differ without colour.
    body: list[Shape] = [Stripes("weak-stripes", WEAK_BG, WEAK)]
    styles: dict[str, tuple[str, str | None, str | None]] = {  # fill, outline, dashes
        "held": (HELD, None, None),
        "weak": ("url(#weak-stripes)", WEAK, None),
        "missing": (TRACK, MISSING, "4 2"),
    }

    def box(what: str, x: float, y: float, w: float, h: float, title: str | None = None) -> Rect:
        fill, stroke, dashes = styles[what]
        return Rect(x, y, w, h, fill, stroke=stroke, dasharray=dashes, title=title)

    y = 8
    # Each row is the share of that group's skills, so small and large groups compare at a glance.
    for name, (held, weak, absent) in rows:
        total = held + weak + absent
        body.append(label(x0 - 10, y + 18, name, anchor="end"))
        x = x0
        for count, what in ((held, "held"), (weak, "weak"), (absent, "missing")):
            if count:
                w = (x1 - x0) * count / total
                body.append(box(what, x + 0.5, y + 5.5, max(w - 2, 1), bar_h - 1, f"{name}: {count} of {total} {what}"))
                x += w
        counts = [f"{held} of {total} held", f"{weak} weak" if weak else "", f"{absent} missing" if absent else ""]
        body.append(label(x1 + 8, y + 18, ", ".join(c for c in counts if c), size=SMALL))
        y += row
    y += 10
    x = x0
    for key, what in (("held", "held"), ("weak", "weak (implied or basic only)"), ("missing", "missing")):
        body.append(box(key, x + 0.5, y + 0.5, 15, 15))
        body.append(label(x + 22, y + 13, what, size=SMALL))
        x += 46 + text_w(what, SMALL) * 0.9
    desc = "; ".join(f"{n}: {h} held, {w} weak, {a} missing" for n, (h, w, a) in rows)
    return chart("coverage-chart", CHART_W, y + 24, f"Skill coverage for {fit.name}, per category", desc, body)


def timeline(phases: tuple[PlanPhase, ...], total_weeks: float, hours: float) -> Chart | None:
    """A Gantt-style timeline: phases in order, each skill a bar as long as its weeks; ``None`` with no phases."""
    if not phases:
        return None
    total = max(total_weeks, sum(p.weeks for p in phases), 1.0)
    row, bar_h = 24, 16
    widths = [text_w(clip(f"{p.order}. {p.name}", 44), FONT, bold=True) for p in phases]
    widths += [text_w(clip(name, 42), SMALL) for p in phases
               for name in [*(s.name for s in p.skills), *(a.name for a in p.activities)]]
    label_w = min(340, max(160, max(widths) + 24))
    x0, x1 = label_w, CHART_W - 70
    scale = (x1 - x0) / total
    top = 30
    rows: list[Shape] = []
    desc_parts: list[str] = []
    y = top
    start = 0.0
    for i, phase in enumerate(sorted(phases, key=lambda p: p.order)):
        colour = PHASE_COLOURS[i % len(PHASE_COLOURS)]
        x = x0 + start * scale
        title = f"{phase.order}. {phase.name}"
        if phase.status == "done" or phase.weeks <= 0:
            rows.append(label(x0 - 10, y + 17, clip(title, 44), anchor="end", weight="bold", fill=MUTED))
            tick = Path(f"M{coord(x + 4.5)} {y + 12} l3 3.5 l6 -7", "none", "#fff", 2.2)
            rows.append(Group(f"{phase.name}: already covered by the resume", (Circle(x + 9, y + 12, 9, BEST), tick)))
            note = "done: already covered"
            if x + 24 + text_w(note, FONT, bold=True) <= CHART_W:
                rows.append(label(x + 24, y + 17, note, fill=BEST, weight="bold"))
            else:
                rows.append(label(x - 6, y + 17, note, anchor="end", fill=BEST, weight="bold"))
            desc_parts.append(f"{phase.order}. {phase.name}: done")
            y += row + 6
            continue
        desc_parts.append(
            f"{phase.order}. {phase.name}: weeks {start:g} to {start + phase.weeks:g} ("
            + ", ".join([*(f"{s.name} {s.weeks:g}" for s in phase.skills),
                         *(f"{a.name} {a.weeks:g}" for a in phase.activities)])
            + ")"
        )
        w = phase.weeks * scale
        rows.append(label(x0 - 10, y + 17, clip(title, 44), anchor="end", weight="bold"))
        tip = f"{title}: weeks {start:g}–{start + phase.weeks:g}"
        rows.append(Rect(x, y + 2, max(w, 2), bar_h + 4, colour, rx=3, title=tip))
        span = weeks(phase.weeks)
        if w >= text_w(span, SMALL) + 12:
            rows.append(label(x + 6, y + 17, span, size=SMALL, weight="bold", fill="#fff"))
        elif x + w + 6 + text_w(span, SMALL) <= CHART_W:
            rows.append(label(x + w + 6, y + 17, span, size=SMALL, weight="bold"))
        else:
            rows.append(label(x - 6, y + 17, span, anchor="end", size=SMALL, weight="bold"))
        y += row
        skill_start = start
        items = [(s.name, s.weeks, s.reason, s.estimated) for s in phase.skills]
        items += [(a.name, a.weeks, a.detail, a.estimated) for a in phase.activities]
        for name, item_weeks, why, estimated in items:
            sx, sw = x0 + skill_start * scale, item_weeks * scale
            rows.append(label(x0 - 10, y + 16, clip(name, 42), anchor="end", size=SMALL))
            tip = f"{name}: {item_weeks:g} weeks{', estimated' if estimated else ''}; {why}"
            rows.append(
                Rect(sx, y + 5, max(sw, 2), bar_h - 4, colour, rx=2, fill_opacity=0.35, stroke=colour, title=tip)
            )
            span = f"~{item_weeks:g} wk" if estimated else f"{item_weeks:g} wk"
            if sx + sw + 6 + text_w(span, SMALL) <= CHART_W:
                rows.append(label(sx + sw + 6, y + 16, span, size=SMALL, fill=MUTED))
            else:
                rows.append(label(sx - 6, y + 16, span, anchor="end", size=SMALL, fill=MUTED))
            skill_start += item_weeks
            y += row
        start += phase.weeks
        y += 6
    bottom = y
    # Phase boundaries as week marks, then the axis under everything.
    body: list[Shape] = [label(x0, 16, f"weeks at {hours:g} hours a week", size=SMALL, fill=MUTED)]
    body += axis(x0, x1, top - 4, bottom, total, nice_step(total), "")
    body += rows
    body.append(label(x1, bottom + 34, f"total about {weeks(total_weeks)}, estimated", anchor="end", size=SMALL,
                      weight="bold"))
    title = f"Learning plan timeline, about {total_weeks:g} weeks in total, estimated"
    return chart("plan-timeline", CHART_W, bottom + 44, title, "; ".join(desc_parts), body)
