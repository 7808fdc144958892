"""Self-contained HTML report: inline CSS and SVG, no scripts, nothing from the network.

Every chart is an ``<svg role="img">`` with a ``<title>`` and a ``<desc>`` that state its
figures in words, so the report reads the same with a screen reader or with CSS off.
Colours are picked for at least 4.5:1 text contrast (:data:`TEXT_COLOURS` lists every pair
used, and the tests check them), and bars never carry meaning by hue alone: each bar also
has a printed label, and "weak" and "missing" differ by pattern as well as colour. A
Content-Security-Policy forbids scripts and every load from outside the page.
"""

from __future__ import annotations

import html
from collections import defaultdict
from collections.abc import Iterable

from gapcheck.render._common import (
    IMPORTANCE,
    by_category,
    category_label,
    evidence_lines,
    implied_by_text,
    plan_fit,
    plan_reason,
    salary_note,
    salary_text,
    skill_names,
    years_text,
)
from gapcheck.results import AnalysisResult, Evidence, FoundSkill, PlanPhase, RoleFit

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
PART_COLOURS = {"essential": "#0969da", "important": "#8250df", "optional": "#bf3989",
                "depth": "#bc4c00", "evidence": "#1a7f37"}
PART_LABELS = {"essential": "Essential skills", "important": "Important skills", "optional": "Optional skills",
               "depth": "Depth (years, recency)", "evidence": "Evidence in experience"}
CHART_W = 1000  # user units; the SVGs scale down to the page width
FONT = 14
SMALL = 13
# Every (text colour, background) pair the page uses; each must reach 4.5:1 (WCAG AA).
# Heat-map cells pick black or white text per cell, see _heat().
TEXT_COLOURS = (
    (INK, CARD), (INK, PAGE), (MUTED, CARD), (MUTED, PAGE), (BEST, CARD), (INK, WEAK_BG),
    (INK, "#dafbe1"), (INK, "#ddf4ff"), (INK, "#ffebe9"),
    *(("#ffffff", c) for c in PHASE_COLOURS),
)
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

_CSS = f"""
:root{{color-scheme:light}}
*{{box-sizing:border-box}}
body{{font:16px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,sans-serif;margin:0;
color:{INK};background:#f6f8fa;-webkit-print-color-adjust:exact;print-color-adjust:exact}}
main{{max-width:1120px;margin:0 auto;padding:24px 32px 48px}}
h1{{font-size:28px;margin:0 0 4px}}
h2{{font-size:20px;margin:32px 0 8px}}
h3{{font-size:16px;margin:16px 0 6px}}
p{{margin:6px 0}}
.card{{background:#fff;border:1px solid {GRID};border-radius:8px;padding:16px 20px;margin:8px 0}}
.muted{{color:{MUTED};font-size:14px}}
.verdict{{font-size:20px;font-weight:600;margin:0 0 6px}}
.tiles{{display:grid;grid-template-columns:repeat(auto-fit,minmax(200px,1fr));gap:12px;margin:14px 0 4px}}
.tile{{border:1px solid {GRID};border-radius:6px;padding:8px 12px}}
.tile b{{display:block;font-size:22px;line-height:1.25}}
.tile span{{color:{MUTED};font-size:14px}}
svg{{display:block;max-width:100%;height:auto;margin:4px 0}}
svg text{{font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif}}
table{{border-collapse:collapse;width:100%;font-size:15px}}
th,td{{text-align:left;padding:6px 8px;border-bottom:1px solid #eaeef2;vertical-align:top}}
th{{font-weight:600;border-bottom:2px solid {GRID}}}
td.num,th.num{{text-align:right;white-space:nowrap}}
tr.group td{{background:#f6f8fa;font-weight:600;padding-top:10px}}
mark{{background:{WEAK_BG};color:{INK};padding:0 2px;border-radius:2px;box-shadow:inset 0 -2px 0 {WEAK}}}
.tag{{display:inline-block;font-size:13px;line-height:18px;border-radius:9px;padding:0 8px;margin-left:6px;
border:1px solid {GRID};background:#f6f8fa;color:{INK};white-space:nowrap}}
.tag.strong{{background:#dafbe1;border-color:#4ac26b}}.tag.listed{{background:#ddf4ff;border-color:#54aeff}}
.tag.basic{{background:{WEAK_BG};border-color:{WEAK}}}.tag.weak{{background:{WEAK_BG};border-color:{WEAK}}}
.tag.absent{{background:#f6f8fa}}.tag.essential{{background:#ffebe9;border-color:#ff8182}}
.gaps{{list-style:none;padding:0;margin:8px 0;columns:2 320px;column-gap:24px}}
.gaps li{{break-inside:avoid;padding:2px 0}}
.evidence{{color:{INK}}} .where{{color:{MUTED};font-size:14px;white-space:nowrap}}
.phases{{margin:8px 0 0;padding-left:22px}} .phases li{{margin:4px 0}}
details.more summary{{color:{MUTED};font-size:14px;cursor:pointer}} details.more p{{margin:4px 0 0}}
footer{{margin-top:32px;color:{MUTED};font-size:14px}}
@media print{{
  @page{{margin:14mm}}
  body{{background:#fff;font-size:11pt}}
  main{{max-width:none;padding:0}}
  h2{{break-after:avoid}}
  .card{{border-color:#999;break-inside:avoid}}
  .card.long{{break-inside:auto}}
  tr{{break-inside:avoid}}
}}
"""



def _weeks(n: float) -> str:
    return f"{n:g} week" if n == 1 else f"{n:g} weeks"

def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _n(value: float) -> str:
    """Format a coordinate compactly (no trailing zeros)."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _text_w(text: str, size: float, bold: bool = False) -> float:
    """Rough rendered width of ``text`` in a sans-serif font, for laying out labels."""
    return len(text) * size * (0.62 if bold else 0.56)


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _svg(svg_id: str, width: float, height: float, title: str, desc: str, body: Iterable[str]) -> str:
    """Wrap chart elements in an accessible, scalable ``<svg role="img">``."""
    return (f'<svg id="{svg_id}" role="img" aria-labelledby="{svg_id}-title {svg_id}-desc" '
            f'width="{_n(width)}" height="{_n(height)}" '
            f'viewBox="0 0 {_n(width)} {_n(height)}" font-size="{FONT}" fill="{INK}">'
            f'<title id="{svg_id}-title">{_e(title)}</title><desc id="{svg_id}-desc">{_e(desc)}</desc>'
            + "".join(body) + "</svg>")


def _label(x: float, y: float, text: str, *, anchor: str = "start", size: int = FONT, weight: str = "normal",
           fill: str = INK) -> str:
    extra = f' font-weight="{weight}"' if weight != "normal" else ""
    extra += f' font-size="{size}"' if size != FONT else ""
    extra += f' fill="{fill}"' if fill != INK else ""
    return f'<text x="{_n(x)}" y="{_n(y)}" text-anchor="{anchor}"{extra}>{_e(text)}</text>'


def _axis(x0: float, x1: float, top: float, bottom: float, max_value: float, step: float, unit: str = "") -> list[str]:
    """Vertical grid lines with value labels along the bottom."""
    out = []
    value = 0.0
    while value <= max_value + 1e-9:
        x = x0 + (x1 - x0) * value / max_value
        dash = "" if value == 0 else ' stroke-dasharray="3 3"'
        out.append(f'<line x1="{_n(x)}" y1="{_n(top)}" x2="{_n(x)}" y2="{_n(bottom)}" stroke="{GRID}"{dash}/>')
        out.append(_label(x, bottom + 16, f"{value:g}{unit}", anchor="middle", size=SMALL, fill=MUTED))
        value += step
    return out


def _nice_step(total: float, ticks: int = 8) -> float:
    for step in (1, 2, 4, 5, 8, 10, 12, 20, 25, 26, 50, 52, 100, 104):
        if total / step <= ticks:
            return float(step)
    return float(round(total / ticks))


# -- charts -----------------------------------------------------------------------------------------


def _role_chart(result: AnalysisResult) -> str:
    roles = list(result.roles)
    if not roles:
        return "<p>No roles were scored.</p>"
    best = result.best_role.id if result.best_role else None
    row, bar_h = 30, 20
    names = [_clip(f.name, 44) for f in roles]
    label_w = min(340, max(_text_w(n, FONT, bold=True) for n in names) + 24)
    x0, x1 = label_w, CHART_W - 110
    top = 8
    bottom = top + row * len(roles)
    body = _axis(x0, x1, top, bottom, 100, 10)
    for i, (fit, name) in enumerate(zip(roles, names, strict=True)):
        y = top + i * row
        w = max(1.5, (x1 - x0) * fit.score / 100)
        is_best = fit.id == best
        colour = BEST if is_best else OTHER
        body.append(_label(x0 - 10, y + 20, name, anchor="end", weight="bold" if is_best else "normal"))
        body.append(f'<rect x="{_n(x0)}" y="{_n(y + 5)}" width="{_n(w)}" height="{bar_h}" rx="2" fill="{colour}">'
                    f"<title>{_e(fit.name)}: {fit.score:.1f} of 100</title></rect>")
        score = f"{fit.score:.1f}" + ("  best fit" if is_best else "")
        body.append(_label(x0 + w + 6, y + 20, score, weight="bold" if is_best else "normal"))
    body.append(_label((x0 + x1) / 2, bottom + 38, "score out of 100", anchor="middle", size=SMALL, fill=MUTED))
    height = bottom + 48
    if best:
        best_fit = next(f for f in roles if f.id == best)
        title = f"Role fit scores out of 100; best fit {best_fit.name}"
    else:
        title = "Role fit scores out of 100; no role reaches the fit threshold"
    desc = "; ".join(f"{f.name}: {f.score:.1f}" + (" (best fit)" if f.id == best else "") for f in roles)
    return _svg("role-chart", CHART_W, height, title, desc, body)


def _score_chart(fit: RoleFit, names: dict[str, str]) -> str:
    parts = list(fit.parts)
    total_max = sum(p.max_points for p in parts) or 100.0
    label_w = 230
    x0, x1 = label_w, CHART_W - 140
    scale = (x1 - x0) / total_max
    body: list[str] = []
    # A stacked bar of the whole score, then one row per part against its maximum.
    y = 8
    body.append(_label(x0 - 10, y + 21, "Total", anchor="end", weight="bold"))
    body.append(f'<rect x="{_n(x0)}" y="{y + 4}" width="{_n(x1 - x0)}" height="24" rx="2" fill="{TRACK}"/>')
    x = float(x0)
    for p in parts:
        w = p.points * scale
        if w > 0:
            colour = PART_COLOURS.get(p.name, OTHER)
            body.append(f'<rect x="{_n(x)}" y="{y + 4}" width="{_n(w)}" height="24" fill="{colour}">'
                        f"<title>{_e(PART_LABELS.get(p.name, p.name))}: {p.points:g} points</title></rect>")
        x += w
    body.append(_label(x1 + 8, y + 21, f"{fit.score:.1f} / {total_max:g}", weight="bold"))
    y += 44
    for p in parts:
        colour = PART_COLOURS.get(p.name, OTHER)
        body.append(_label(x0 - 10, y + 17, PART_LABELS.get(p.name, p.name.title()), anchor="end"))
        body.append(f'<rect x="{_n(x0)}" y="{y + 4}" width="{_n(p.max_points * scale)}" height="18" rx="2" '
                    f'fill="{TRACK}"/>')
        if p.points > 0:
            got = ", ".join(names.get(s, s) for s in p.skills)
            body.append(f'<rect x="{_n(x0)}" y="{y + 4}" width="{_n(p.points * scale)}" height="18" rx="2" '
                        f'fill="{colour}"><title>{_e(got)}</title></rect>')
        body.append(_label(x0 + p.max_points * scale + 8, y + 17, f"{p.points:g} of {p.max_points:g}"))
        y += 28
    desc = f"{fit.name} scores {fit.score:.1f} of {total_max:g}: " + "; ".join(
        f"{PART_LABELS.get(p.name, p.name)} {p.points:g} of {p.max_points:g}" for p in parts)
    return _svg("score-chart", CHART_W, y + 8, f"Score breakdown for {fit.name}", desc, body)


def _coverage_rows(fit: RoleFit, categories: dict[str, str]) -> list[tuple[str, list[int]]]:
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


def _coverage_chart(fit: RoleFit, categories: dict[str, str]) -> str:
    rows = _coverage_rows(fit, categories)
    if not rows:
        return "<p>This role lists no skills.</p>"
    row, bar_h = 28, 18
    label_w = min(300, max(_text_w(r[0], FONT) for r in rows) + 24)
    x0, x1 = label_w, CHART_W - 250
    # Weak is striped and missing is an empty dashed box, so the three differ without colour.
    body: list[str] = [
        f'<defs><pattern id="weak-stripes" width="6" height="6" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><rect width="6" height="6" fill="{WEAK_BG}"/>'
        f'<rect width="3" height="6" fill="{WEAK}"/></pattern></defs>']
    styles = {"held": f'fill="{HELD}"', "weak": f'fill="url(#weak-stripes)" stroke="{WEAK}"',
              "missing": f'fill="{TRACK}" stroke="{MISSING}" stroke-dasharray="4 2"'}
    y = 8
    # Each row is the share of that group's skills, so small and large groups compare at a glance.
    for name, (held, weak, absent) in rows:
        total = held + weak + absent
        body.append(_label(x0 - 10, y + 18, name, anchor="end"))
        x = x0
        for count, what in ((held, "held"), (weak, "weak"), (absent, "missing")):
            if count:
                w = (x1 - x0) * count / total
                body.append(f'<rect x="{_n(x + 0.5)}" y="{y + 5.5}" width="{_n(max(w - 2, 1))}" height="{bar_h - 1}" '
                            f'{styles[what]}><title>{_e(name)}: {count} of {total} {what}</title></rect>')
                x += w
        counts = f"{held} of {total} held" + (f", {weak} weak" if weak else "") + (
            f", {absent} missing" if absent else "")
        body.append(_label(x1 + 8, y + 18, counts, size=SMALL))
        y += row
    y += 10
    x = x0
    for key, what in (("held", "held"), ("weak", "weak (implied or basic only)"), ("missing", "missing")):
        body.append(f'<rect x="{_n(x + 0.5)}" y="{y + 0.5}" width="15" height="15" {styles[key]}/>')
        body.append(_label(x + 22, y + 13, what, size=SMALL))
        x += 46 + _text_w(what, SMALL) * 0.9
    desc = "; ".join(f"{n}: {h} held, {w} weak, {a} missing" for n, (h, w, a) in rows)
    return _svg("coverage-chart", CHART_W, y + 24, f"Skill coverage for {fit.name}, per category", desc, body)


def _timeline(phases: tuple[PlanPhase, ...], total_weeks: float, hours: float) -> str:
    """A Gantt-style timeline: phases in order, each skill a bar as long as its weeks."""
    if not phases:
        return "<p>No learning plan.</p>"
    total = max(total_weeks, sum(p.weeks for p in phases), 1.0)
    row, bar_h = 24, 16
    widths = [_text_w(_clip(f"{p.order}. {p.name}", 44), FONT, bold=True) for p in phases]
    widths += [_text_w(_clip(s.name, 42), SMALL) for p in phases for s in p.skills]
    label_w = min(340, max(160, max(widths) + 24))
    x0, x1 = label_w, CHART_W - 70
    scale = (x1 - x0) / total
    top = 30
    body: list[str] = [_label(x0, 16, f"weeks at {hours:g} hours a week", size=SMALL, fill=MUTED)]
    rows: list[str] = []
    desc_parts: list[str] = []
    y = top
    start = 0.0
    for i, phase in enumerate(sorted(phases, key=lambda p: p.order)):
        colour = PHASE_COLOURS[i % len(PHASE_COLOURS)]
        x = x0 + start * scale
        title = f"{phase.order}. {phase.name}"
        if phase.status == "done" or phase.weeks <= 0:
            rows.append(_label(x0 - 10, y + 17, _clip(title, 44), anchor="end", weight="bold", fill=MUTED))
            rows.append(f'<g><title>{_e(phase.name)}: already covered by the resume</title>'
                        f'<circle cx="{_n(x + 9)}" cy="{y + 12}" r="9" fill="{BEST}"/>'
                        f'<path d="M{_n(x + 4.5)} {y + 12} l3 3.5 l6 -7" fill="none" stroke="#fff" stroke-width="2.2"/>'
                        f"</g>")
            note = "done: already covered"
            if x + 24 + _text_w(note, FONT, bold=True) <= CHART_W:
                rows.append(_label(x + 24, y + 17, note, fill=BEST, weight="bold"))
            else:
                rows.append(_label(x - 6, y + 17, note, anchor="end", fill=BEST, weight="bold"))
            desc_parts.append(f"{phase.order}. {phase.name}: done")
            y += row + 6
            continue
        desc_parts.append(f"{phase.order}. {phase.name}: weeks {start:g} to {start + phase.weeks:g} ("
                          + ", ".join(f"{s.name} {s.weeks:g}" for s in phase.skills) + ")")
        w = phase.weeks * scale
        rows.append(_label(x0 - 10, y + 17, _clip(title, 44), anchor="end", weight="bold"))
        rows.append(f'<rect x="{_n(x)}" y="{y + 2}" width="{_n(max(w, 2))}" height="{bar_h + 4}" rx="3" '
                    f'fill="{colour}"><title>{_e(title)}: weeks {start:g}–{start + phase.weeks:g}</title></rect>')
        span = _weeks(phase.weeks)
        if w >= _text_w(span, SMALL) + 12:
            rows.append(_label(x + 6, y + 17, span, size=SMALL, weight="bold", fill="#fff"))
        elif x + w + 6 + _text_w(span, SMALL) <= CHART_W:
            rows.append(_label(x + w + 6, y + 17, span, size=SMALL, weight="bold"))
        else:
            rows.append(_label(x - 6, y + 17, span, anchor="end", size=SMALL, weight="bold"))
        y += row
        skill_start = start
        for item in phase.skills:
            sx, sw = x0 + skill_start * scale, item.weeks * scale
            rows.append(_label(x0 - 10, y + 16, _clip(item.name, 42), anchor="end", size=SMALL))
            rows.append(f'<rect x="{_n(sx)}" y="{y + 5}" width="{_n(max(sw, 2))}" height="{bar_h - 4}" rx="2" '
                        f'fill="{colour}" fill-opacity="0.35" stroke="{colour}">'
                        f"<title>{_e(item.name)}: {item.weeks:g} weeks; {_e(item.reason)}</title></rect>")
            span = f"{item.weeks:g} wk"
            if sx + sw + 6 + _text_w(span, SMALL) <= CHART_W:
                rows.append(_label(sx + sw + 6, y + 16, span, size=SMALL, fill=MUTED))
            else:
                rows.append(_label(sx - 6, y + 16, span, anchor="end", size=SMALL, fill=MUTED))
            skill_start += item.weeks
            y += row
        start += phase.weeks
        y += 6
    bottom = y
    # Phase boundaries as week marks, then the axis under everything.
    body += _axis(x0, x1, top - 4, bottom, total, _nice_step(total), "")
    body += rows
    body.append(_label(x1, bottom + 34, f"total {_weeks(total_weeks)}", anchor="end", size=SMALL, weight="bold"))
    return _svg("plan-timeline", CHART_W, bottom + 44, f"Learning plan timeline, {total_weeks:g} weeks in total",
                "; ".join(desc_parts), body)


# -- tables -----------------------------------------------------------------------------------------


def _highlight(text: str, *terms: str) -> str:
    """Escape ``text`` and wrap the first case-insensitive occurrence of each term in ``<mark>``."""
    low = text.lower()
    spans: list[tuple[int, int]] = []
    for term in terms:
        i = low.find(term.lower()) if term else -1
        if i >= 0 and all(i >= b or i + len(term) <= a for a, b in spans):
            spans.append((i, i + len(term)))
    out, pos = [], 0
    for a, b in sorted(spans):
        out += [_e(text[pos:a]), "<mark>", _e(text[a:b]), "</mark>"]
        pos = b
    return "".join(out) + _e(text[pos:])


def _evidence_line(ev_terms: tuple[Evidence, list[str]]) -> str:
    ev, terms = ev_terms
    return (f'<span class="where">line {ev.line}, {_e(ev.section)}:</span> '
            f'<span class="evidence">{_highlight(ev.text, *terms)}</span>')


def _skills_table(skills: tuple[FoundSkill, ...], names: dict[str, str]) -> str:
    if not skills:
        return "<p>No skills were found.</p>"
    rows = []
    for cat, members in by_category(skills).items():
        rows.append(f'<tr class="group"><td colspan="4">{_e(category_label(cat))} '
                    f'<span class="muted">({len(members)})</span></td></tr>')
        for s in sorted(members, key=lambda s: s.name.lower()):
            if s.match == "implied":
                where = f'<span class="muted">implied by {_e(implied_by_text(s, names))}</span>'
            elif s.evidence:
                lines = evidence_lines(s)
                where = _evidence_line(lines[0])
                if len(lines) > 1:
                    # <details> opens without a script, and the extra lines stay in the printed text.
                    more = "".join(f"<p>{_evidence_line(x)}</p>" for x in lines[1:])
                    where += (f'<details class="more"><summary>{len(lines) - 1} more '
                              f'line{"s" if len(lines) > 2 else ""}</summary>{more}</details>')
            else:
                where = f'<span class="muted">{_e(s.match)}</span>'
            years = "" if s.years is None else f"{s.years:g}"
            rows.append(f"<tr><td>{_e(s.name)}<span class='tag {_e(s.proficiency)}'>{_e(s.proficiency)}</span></td>"
                        f"<td>{_e(s.match)}</td><td class='num'>{years}</td><td>{where}</td></tr>")
    return ("<table><thead><tr><th>Skill</th><th>Match</th><th class='num'>Years</th><th>Evidence</th></tr>"
            "</thead><tbody>" + "".join(rows) + "</tbody></table>")


def _rejected_table(result: AnalysisResult) -> str:
    if not result.rejected:
        return "<p class='muted'>None: every skill mention was counted.</p>"
    rows = "".join(
        f"<tr><td>{_e(r.name)}</td><td>{_e(r.reason.replace('_', ' '))}</td>"
        f"<td><span class='where'>line {r.evidence.line}:</span> "
        f"{_highlight(r.evidence.text, r.evidence.term)}</td></tr>"
        for r in result.rejected)
    return ("<table><thead><tr><th>Skill</th><th>Why not counted</th><th>Mention</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>")


def _gap_list(fit: RoleFit) -> str:
    if not fit.missing:
        return "<p>Nothing missing for this role.</p>"
    items = []
    for m in fit.missing:
        if m.importance == "optional":
            continue
        status = f"weak: only {m.held_as}" if m.status == "weak" and m.held_as else m.status
        items.append(f"<li>{_e(m.name)}<span class='tag {_e(m.importance)}'>{_e(m.importance)}</span>"
                     f"<span class='tag {_e(m.status)}'>{_e(status)}</span></li>")
    optional = [m.name + (" (weak)" if m.status == "weak" else "") for m in fit.missing if m.importance == "optional"]
    out = f"<ul class='gaps'>{''.join(items)}</ul>" if items else "<p>No essential or important skill missing.</p>"
    if optional:
        out += (f"<p><strong>Optional ({len(optional)}):</strong> "
                f"<span class='muted'>{_e(', '.join(optional))}</span></p>")
    return out


def _plan_list(phases: tuple[PlanPhase, ...], role_name: str | None) -> str:
    def reason(text: str) -> str:
        return plan_reason(text, role_name)

    items = []
    for ph in sorted(phases, key=lambda p: p.order):
        if ph.status == "done":
            items.append(f"<li><strong>{_e(ph.name)}</strong>: done</li>")
            continue
        skills = "; ".join(f"{_e(s.name)} ({s.weeks:g} wk, {_e(reason(s.reason))})" for s in ph.skills)
        items.append(f"<li><strong>{_e(ph.name)}</strong>, {ph.weeks:g} weeks: "
                     f"<span class='muted'>{skills}</span></li>")
    return f"<ol class='phases'>{''.join(items)}</ol>"


# -- page -------------------------------------------------------------------------------------------


def to_html(result: AnalysisResult) -> str:
    """Return a complete, self-contained HTML document for one result.

    Args:
        result: the analysis to show.

    Returns:
        An HTML page with inline CSS and SVG charts (role fit, score breakdown, skill
        coverage, learning-plan timeline), the evidence for each skill and the mentions
        that were not counted. It loads nothing and runs no scripts.
    """
    plan = result.learning_plan
    sen = result.seniority
    tax = result.taxonomy
    names = skill_names(result)
    categories = {s.id: s.category for s in result.skills}
    best = (next((f for f in result.roles if result.best_role and f.id == result.best_role.id), None)
            or (result.roles[0] if result.roles else None))
    target = plan_fit(result)

    years = years_text(sen)
    pay = salary_text(sen)
    salary = f"<p>Salary band {_e(pay)} <span class='muted'>({_e(salary_note(sen))})</span></p>" if pay else ""
    ladder = f" · ladder step {_e(sen.ladder_title)}" if sen.ladder_title else ""
    tiles = [
        (f"{best.score:.1f}" if best else "–", f"best score ({_e(best.name)})" if best else "best score"),
        (_e(sen.level), _e(sen.ladder_title) if sen.ladder_title else years),
        (_weeks(plan.total_weeks), f"learning plan at {plan.hours_per_week:g} h/week"),
        (str(len(result.skills)), f"skills found · {len(result.rejected)} mentions not counted"),
    ]
    sections = [
        "<h2>Role fit</h2><div class='card'>"
        "<p class='muted'>Score out of 100 for every role; "
        + ("the best fit is green.</p>" if result.best_role else "no role reaches the fit threshold.</p>") +
        f"{_role_chart(result)}</div>",
    ]
    if best is not None:
        sections.append(
            f"<h2>{'Why' if result.best_role else 'Closest role:'} {_e(best.name)} scores {best.score:.1f}</h2>"
            "<div class='card'>"
            "<p class='muted'>Points earned in each part of the score against the most the part can give.</p>"
            f"{_score_chart(best, names)}</div>")
    if target is not None:
        sections.append(
            f"<h2>Skill coverage for {_e(target.name)}</h2><div class='card'>"
            f"<p class='muted'>{len(target.matched)} of the role's skills held, {len(target.missing)} "
            "missing or weak. Skills absent from the resume are grouped by importance.</p>"
            f"{_coverage_chart(target, categories)}<h3>The gap</h3>{_gap_list(target)}</div>")
        notes = "".join(f"<p class='muted'>{_e(n)}</p>" for n in plan.notes)
        sections.append(
            f"<h2>Learning plan for {_e(plan.role_name or target.name)}</h2><div class='card long'>"
            f"<p>About <strong>{plan.total_weeks:g} weeks</strong> at {plan.hours_per_week:g} hours a week; "
            "phases in order, each skill as long as it takes.</p>"
            f"{_timeline(plan.phases, plan.total_weeks, plan.hours_per_week)}"
            f"{_plan_list(plan.phases, plan.role_name)}{notes}</div>")
    sections.append(f"<h2>Skills found</h2><div class='card long'>{_skills_table(result.skills, names)}</div>")
    sections.append(f"<h2>Mentions not counted</h2><div class='card long'>{_rejected_table(result)}</div>")

    tiles_html = "".join(f"<div class='tile'><b>{v}</b><span>{label}</span></div>" for v, label in tiles)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<title>gapcheck report: {_e(result.source)}</title><style>{_CSS}</style></head>
<body><main>
<h1>gapcheck report</h1>
<p class="muted">{_e(result.source)}</p>
<div class="card"><p class="verdict">{_e(result.verdict)}</p>
{f'<p>{_e(result.comparison)}</p>' if result.comparison else ''}
<p>Seniority: <strong>{_e(sen.level)}</strong> ({_e(years)}){ladder}</p>
{salary}<div class="tiles">{tiles_html}</div></div>
{''.join(sections)}
<footer>taxonomy {_e(tax.get('name', ''))} {_e(tax.get('version', ''))} ({_e(tax.get('hash', ''))}) ·
schema {_e(result.schema_version)} · as of {_e(result.as_of)}</footer>
</main></body></html>
"""


# -- batch page -------------------------------------------------------------------------------------


_BLUES = ((247, 251, 255), (222, 235, 247), (198, 219, 239), (158, 202, 225), (107, 174, 214),
          (66, 146, 198), (33, 113, 181), (8, 81, 156), (8, 48, 107))


def _heat(score: float) -> tuple[str, str]:
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


def _heatmap(files: list[str], roles: list[tuple[str, str]], scores: list[dict[str, float]],
             best: list[str | None]) -> str:
    cell_w, cell_h = 70, 28
    labels = [_clip(f, 48) for f in files]
    label_w = min(380, max([_text_w(x, SMALL) for x in labels] + [60]) + 40)
    role_names = [_clip(name, 40) for _, name in roles]
    # Column names are drawn at -45 degrees; the longest sets the header height.
    head_h = max(_text_w(n, SMALL) for n in role_names) * 0.72 + 40
    x0, y0 = label_w, head_h
    width = x0 + cell_w * len(roles) + max(_text_w(role_names[-1], SMALL) * 0.72, 20) + 10
    body = [_label(x0 + cell_w * len(roles) / 2, 16, "Role", anchor="middle", weight="bold"),
            f'<text transform="translate(16,{_n(y0 + cell_h * len(files) / 2)}) rotate(-90)" '
            f'text-anchor="middle" font-weight="bold">Resume</text>']
    for j, name in enumerate(role_names):
        cx = x0 + j * cell_w + cell_w / 2
        body.append(f'<text transform="translate({_n(cx - 2)},{_n(y0 - 8)}) rotate(-45)" font-size="{SMALL}">'
                    f"{_e(name)}<title>{_e(roles[j][1])}</title></text>")
    for i, (label, row, best_id) in enumerate(zip(labels, scores, best, strict=True)):
        y = y0 + i * cell_h
        body.append(_label(x0 - 10, y + 19, label, anchor="end", size=SMALL))
        if best_id is None:
            # Without an outlined cell the row could be misread as unscored; say why.
            body.append(_label(x0 + cell_w * len(roles) + 8, y + 19, "no role fits", size=SMALL, fill=MUTED))
            width = max(width, x0 + cell_w * len(roles) + 16 + _text_w("no role fits", SMALL))
        for j, (role_id, role_name) in enumerate(roles):
            x = x0 + j * cell_w
            score = row.get(role_id)
            if score is None:
                body.append(f'<rect x="{_n(x)}" y="{_n(y)}" width="{cell_w - 2}" height="{cell_h - 2}" fill="#fff" '
                            f'stroke="{GRID}"><title>{_e(files[i])} · {_e(role_name)}: not scored</title></rect>')
                continue
            fill, ink = _heat(score)
            is_best = role_id == best_id
            pad = 1.5 if is_best else 0.0
            stroke = f' stroke="{INK}" stroke-width="3"' if is_best else ""
            body.append(f'<rect x="{_n(x + pad)}" y="{_n(y + pad)}" width="{_n(cell_w - 2 - 2 * pad)}" '
                        f'height="{_n(cell_h - 2 - 2 * pad)}" fill="{fill}"{stroke}>'
                        f'<title>{_e(files[i])} · {_e(role_name)}: {score:.1f}{" (best fit)" if is_best else ""}'
                        "</title></rect>")
            body.append(_label(x + cell_w / 2 - 1, y + 19, f"{score:.0f}", anchor="middle", fill=ink,
                               weight="bold" if is_best else "normal"))
    # Legend: the colour scale in ten steps, and what the outline means.
    y = y0 + cell_h * len(files) + 20
    body.append(_label(x0, y + 13, "score", size=SMALL, fill=MUTED))
    lx = x0 + 48
    for k in range(11):
        fill, ink = _heat(k * 10)
        body.append(f'<rect x="{_n(lx + k * 30)}" y="{_n(y)}" width="30" height="18" fill="{fill}"/>')
        if k % 2 == 0:
            body.append(_label(lx + k * 30 + 15, y + 13, str(k * 10), anchor="middle", size=12, fill=ink))
    lx += 11 * 30 + 24
    body.append(f'<rect x="{_n(lx)}" y="{_n(y + 1)}" width="28" height="16" fill="#fff" stroke="{INK}" '
                f'stroke-width="2.5"/>')
    body.append(_label(lx + 36, y + 14, "best role for the resume", size=SMALL))
    height = y + 30
    by_id = dict(roles)
    desc = (f"Scores of {len(files)} resumes for {len(roles)} roles, 0 to 100; darker cells fit better. "
            + "; ".join(f"{f}: best fit " + (f"{by_id.get(b, b)} {row[b]:.1f}" if b and b in row else "none")
                        for f, row, b in zip(files, scores, best, strict=True)))
    return _svg("heatmap", max(width, lx + 240), height, "Role-fit heat map: resume × role", desc, body)


def _gap_chart(gaps: list[tuple[str, int]], scored: int) -> str:
    if not gaps:
        return "<p>No gaps: every scored resume holds its target role's skills.</p>"
    row = 26
    label_w = min(320, max(_text_w(n, FONT) for n, _ in gaps) + 24)
    x0, x1 = label_w, CHART_W - 150
    most = max(c for _, c in gaps)
    body: list[str] = []
    for i, (name, count) in enumerate(gaps):
        y = 6 + i * row
        w = (x1 - x0) * count / most
        body.append(_label(x0 - 10, y + 17, name, anchor="end"))
        body.append(f'<rect x="{_n(x0)}" y="{y + 4}" width="{_n(w)}" height="18" rx="2" fill="{OTHER}">'
                    f"<title>{_e(name)}: missing for {count} of {scored} resumes</title></rect>")
        body.append(_label(x0 + w + 6, y + 17, f"{count} of {scored}"))
    desc = "; ".join(f"{n}: {c} resumes" for n, c in gaps)
    return _svg("gap-chart", CHART_W, 12 + row * len(gaps), "Most common gaps", desc, body)


def batch_page(*, total: int, files: list[str], roles: list[tuple[str, str]], scores: list[dict[str, float]],
               best: list[str | None], best_roles: list[tuple[str, int]], gaps: list[tuple[str, int]],
               errors: list[tuple[str, str, str]]) -> str:
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
    limit = 400
    shown = files[:limit]
    more = (f"<p class='muted'>Showing the first {limit} of {len(files)} resumes; the CSV output "
            "(<code>--csv</code>) has them all.</p>") if len(files) > limit else ""
    heat = _heatmap(shown, roles, scores[:limit], best[:limit]) if files else "<p>No resume was scored.</p>"
    best_rows = "".join(f"<tr><td>{_e(n)}</td><td class='num'>{c}</td></tr>" for n, c in best_roles)
    err_rows = "".join(f"<tr><td>{_e(f)}</td><td>{_e(k)}</td><td>{_e(m)}</td></tr>" for f, k, m in errors)
    errors_html = ("<table><thead><tr><th>File</th><th>Kind</th><th>Message</th></tr></thead>"
                   f"<tbody>{err_rows}</tbody></table>") if errors else "<p class='muted'>None.</p>"
    # Name every role tied for first place: picking one of them would state a winner there is not.
    most = best_roles[0][1] if best_roles else 0
    leaders = [name for name, n in best_roles if n == most]
    common = "–" if not leaders else _e(" · ".join(leaders)) if len(leaders) <= 2 else f"{len(leaders)} roles tie"
    noun = "resume" if most == 1 else "resumes"
    tiles = [(str(total), "files"), (str(len(files)), "scored"), (str(len(errors)), "errors"),
             (common, f"most common best role ({most} {noun}{' each' if len(leaders) > 1 else ''})")]
    tiles_html = "".join(f"<div class='tile'><b>{v}</b><span>{label}</span></div>" for v, label in tiles)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<title>gapcheck batch report</title><style>{_CSS}</style></head>
<body><main>
<h1>gapcheck batch report</h1>
<div class="card"><p>{total} files: {len(files)} scored, {len(errors)} could not be scored.</p>
<div class="tiles">{tiles_html}</div></div>
<h2>Role fit heat map</h2><div class="card long">
<p class="muted">Score out of 100 of every resume for every role; darker is a better fit, the outlined cell is
the resume's best role.</p>{heat}{more}</div>
<h2>Most common gaps</h2><div class="card">
<p class="muted">How many resumes miss each skill among the top five gaps for their target role.</p>
{_gap_chart(gaps, len(files))}</div>
<h2>Best role</h2><div class="card"><table><thead><tr><th>Role</th><th class='num'>Resumes</th></tr></thead>
<tbody>{best_rows}</tbody></table></div>
<h2>Errors</h2><div class="card long">{errors_html}</div>
</main></body></html>
"""
