"""Self-contained HTML report: inline CSS and SVG, no scripts, nothing from the network."""

from __future__ import annotations

from collections import defaultdict

from gapcheck.results import AnalysisResult

_CSS = """
body{font:15px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:0;color:#1b1f24;background:#f6f7f9}
main{max-width:980px;margin:0 auto;padding:24px}
h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #d0d7de;padding-bottom:4px}
.card{background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:16px;margin:12px 0}
.verdict{font-size:18px;font-weight:600}.muted{color:#57606a;font-size:13px}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #eaeef2;vertical-align:top}
mark{background:#fff3b0;padding:0 2px;border-radius:2px}
.tag{display:inline-block;font-size:12px;border-radius:10px;padding:0 8px;background:#eaeef2;margin-left:4px}
.strong{background:#d1f0d8}.listed{background:#dbe9ff}.basic{background:#ffe7c2}.implied{background:#eee}
.phase{border-left:4px solid #0969da;padding:4px 12px;margin:8px 0}.phase.done{border-color:#1a7f37;color:#57606a}
svg text{font-family:system-ui,sans-serif}
"""


def _e(text: object) -> str:
    import html

    return html.escape(str(text), quote=True)


def _role_chart(result: AnalysisResult) -> str:
    roles = list(result.roles)
    row, label_w, bar_w = 26, 260, 520
    height = row * len(roles) + 30
    parts = [f'<svg role="img" aria-labelledby="fit-title fit-desc" width="{label_w + bar_w + 60}" height="{height}" '
             f'viewBox="0 0 {label_w + bar_w + 60} {height}" id="role-chart">',
             '<title id="fit-title">Role fit scores</title>',
             '<desc id="fit-desc">' + _e("; ".join(f"{f.name}: {f.score:.1f}" for f in roles)) + "</desc>"]
    best = result.best_role.id if result.best_role else None
    for i, fit in enumerate(roles):
        y = 10 + i * row
        w = max(1.0, fit.score / 100 * bar_w)
        color = "#1a7f37" if fit.id == best else "#0969da"
        parts.append(f'<text x="{label_w - 8}" y="{y + 15}" text-anchor="end" font-size="13" fill="#1b1f24">{_e(fit.name)}</text>')
        parts.append(f'<rect x="{label_w}" y="{y + 2}" width="{bar_w}" height="18" fill="#eaeef2"/>')
        parts.append(f'<rect x="{label_w}" y="{y + 2}" width="{w:.1f}" height="18" fill="{color}"><title>{_e(fit.name)}: {fit.score:.1f}</title></rect>')
        parts.append(f'<text x="{label_w + w + 6:.1f}" y="{y + 15}" font-size="12" fill="#1b1f24">{fit.score:.1f}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _coverage_chart(result: AnalysisResult) -> str:
    plan_role = result.learning_plan.role
    fit = next((f for f in result.roles if f.id == plan_role), None)
    if fit is None:
        return "<p>No role chosen.</p>"
    skills = {s.id: s for s in result.skills}
    cats: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for sid in fit.matched:
        cats[skills[sid].category if sid in skills else "other"][0] += 1
    for m in fit.missing:
        cat = skills[m.id].category if m.id in skills else _category_of(result, m.id)
        cats[cat][1] += 1
    rows = sorted(cats.items())
    row, label_w, bar_w = 24, 220, 420
    height = row * len(rows) + 40
    desc = "; ".join(f"{c}: {h} held of {h + m}" for c, (h, m) in rows)
    out = [f'<svg role="img" aria-labelledby="cov-title cov-desc" width="{label_w + bar_w + 120}" height="{height}" id="coverage-chart">',
           f'<title id="cov-title">Skill coverage per category for {_e(fit.name)}</title><desc id="cov-desc">{_e(desc)}</desc>']
    for i, (cat, (held, miss)) in enumerate(rows):
        y = 8 + i * row
        total = held + miss
        hw = bar_w * held / total if total else 0
        out.append(f'<text x="{label_w - 8}" y="{y + 14}" text-anchor="end" font-size="12">{_e(cat.replace("_", " "))}</text>')
        out.append(f'<rect x="{label_w}" y="{y}" width="{hw:.1f}" height="16" fill="#1a7f37"/>')
        out.append(f'<rect x="{label_w + hw:.1f}" y="{y}" width="{bar_w - hw:.1f}" height="16" fill="#cf222e" fill-opacity="0.75"/>')
        out.append(f'<text x="{label_w + bar_w + 8}" y="{y + 14}" font-size="12">{held}/{total} held</text>')
    y = 12 + len(rows) * row
    out.append(f'<rect x="{label_w}" y="{y}" width="12" height="12" fill="#1a7f37"/><text x="{label_w + 16}" y="{y + 11}" font-size="12">held</text>')
    out.append(f'<rect x="{label_w + 70}" y="{y}" width="12" height="12" fill="#cf222e" fill-opacity="0.75"/><text x="{label_w + 86}" y="{y + 11}" font-size="12">missing or weak</text>')
    out.append("</svg>")
    return "".join(out)


def _category_of(result: AnalysisResult, skill_id: str) -> str:
    from gapcheck.taxonomy import load_taxonomy

    try:
        return load_taxonomy().skill_by_id[skill_id].category
    except KeyError:
        return "other"


def _highlight(text: str, term: str) -> str:
    i = text.lower().find(term.lower())
    if i < 0:
        return _e(text)
    return _e(text[:i]) + "<mark>" + _e(text[i:i + len(term)]) + "</mark>" + _e(text[i + len(term):])


def to_html(result: AnalysisResult) -> str:
    """Return a complete, self-contained HTML document for one result."""
    plan = result.learning_plan
    sen = result.seniority
    skills_rows = []
    for s in result.skills:
        ev = s.evidence[0] if s.evidence else None
        where = ("implied by " + ", ".join(s.implied_by)) if s.match == "implied" else (
            f"line {ev.line} ({ev.section}): " + _highlight(ev.text, ev.term) if ev else "")
        skills_rows.append(f"<tr><td>{_e(s.name)}<span class='tag {s.proficiency}'>{s.proficiency}</span></td>"
                           f"<td>{_e(s.category.replace('_', ' '))}</td><td>{s.match}</td>"
                           f"<td>{'' if s.years is None else s.years}</td><td>{where}</td></tr>")
    phases = []
    for ph in plan.phases:
        if ph.status == "done":
            phases.append(f"<div class='phase done'><strong>{ph.order}. {_e(ph.name)}</strong>: done</div>")
            continue
        items = "".join(f"<li>{_e(i.name)} <span class='muted'>({i.weeks:g} wk; {_e(i.reason)})</span></li>" for i in ph.skills)
        phases.append(f"<div class='phase'><strong>{ph.order}. {_e(ph.name)}</strong> — {ph.weeks:g} weeks<ul>{items}</ul></div>")
    rejected = "".join(f"<li><strong>{_e(r.name)}</strong>: {_e(r.reason.replace('_', ' '))} — line {r.evidence.line}: "
                       f"{_highlight(r.evidence.text, r.evidence.term)}</li>" for r in result.rejected)
    salary = ""
    if sen.salary:
        hi = f"${sen.salary['max']:,}" if sen.salary.get("max") else "and up"
        salary = f" · salary band ${sen.salary['min']:,}–{hi} <span class='muted'>({_e(sen.source)})</span>"
    tax = result.taxonomy
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>gapcheck report: {_e(result.source)}</title><style>{_CSS}</style></head>
<body><main>
<h1>gapcheck report</h1><div class="muted">{_e(result.source)} · taxonomy {_e(tax['name'])} {_e(tax['version'])} ({_e(tax['hash'])}) · as of {_e(result.as_of)}</div>
<div class="card"><div class="verdict">{_e(result.verdict)}</div>
<p>{_e(result.comparison or '')}</p>
<p>Seniority: <strong>{_e(sen.level)}</strong> ({'' if sen.years_experience is None else sen.years_experience} years){(' · ' + _e(sen.ladder_title)) if sen.ladder_title else ''}{salary}</p></div>
<h2>Role fit</h2><div class="card">{_role_chart(result)}</div>
<h2>Skill coverage for {_e(plan.role_name or '')}</h2><div class="card">{_coverage_chart(result)}</div>
<h2>Skills found</h2><div class="card"><table><thead><tr><th>Skill</th><th>Category</th><th>Match</th><th>Years</th><th>Evidence</th></tr></thead>
<tbody>{''.join(skills_rows)}</tbody></table></div>
{'<h2>Mentions not counted</h2><div class="card"><ul>' + rejected + '</ul></div>' if rejected else ''}
<h2>Learning plan for {_e(plan.role_name or '')}</h2><div class="card"><p>About <strong>{plan.total_weeks:g} weeks</strong> at {plan.hours_per_week:g} hours a week.</p>{''.join(phases)}</div>
</main></body></html>
"""
