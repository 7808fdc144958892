"""Self-contained HTML report: inline CSS and SVG, no scripts, nothing from the network.

The page is the Jinja2 template ``templates/report.html.j2`` (with ``page.html.j2`` around
it and the chart macros of ``svg.html.j2``), rendered with autoescaping on: resume text,
file and skill names reach the page only as escaped text. This module prepares what the
template shows; the charts come from ``_charts``. Every chart is an ``<svg role="img">``
with a ``<title>`` and a ``<desc>`` that state its figures in words, and a
Content-Security-Policy forbids scripts and every load from outside the page.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, partial

import jinja2

from gapcheck.render._charts import coverage_chart, role_chart, score_chart, timeline
from gapcheck.render._common import (
    activity_sources,
    by_category,
    category_label,
    evidence_lines,
    fit_evidence_text,
    implied_by_text,
    ladder_text,
    other_pay,
    plan_fit,
    plan_reason,
    salary_note,
    salary_text,
    skill_names,
    weeks_text,
    years_text,
)
from gapcheck.render._svg import FONT, GRID, INK, MUTED, WEAK, WEAK_BG, coord, weeks
from gapcheck.results import AnalysisResult, FoundSkill

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


@cache
def environment() -> jinja2.Environment:
    """The Jinja2 environment of the HTML pages, templates loaded from the installed package."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("gapcheck.render", "templates"),
        autoescape=True,
        # Block tags take no line of their own in the output; a template's last newline is kept.
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["n"] = coord
    env.filters["g"] = lambda value: f"{value:g}"
    # The palette the CSS and the chart macros use, and the page's Content-Security-Policy.
    env.globals.update(INK=INK, MUTED=MUTED, GRID=GRID, WEAK=WEAK, WEAK_BG=WEAK_BG, FONT=FONT, CSP=CSP)
    return env


@dataclass(frozen=True)
class EvidenceLine:
    """One resume line a skill was found on, cut into runs of plain and matched (``<mark>``) text."""

    line: int
    section: str
    parts: list[tuple[str, bool]]


def highlight(text: str, *terms: str) -> list[tuple[str, bool]]:
    """Cut ``text`` into ``(run, matched)`` pairs, marking the first case-insensitive occurrence of each term."""
    low = text.lower()
    spans: list[tuple[int, int]] = []
    for term in terms:
        i = low.find(term.lower()) if term else -1
        if i >= 0 and all(i >= b or i + len(term) <= a for a, b in spans):
            spans.append((i, i + len(term)))
    out, pos = [], 0
    for a, b in sorted(spans):
        out += [(text[pos:a], False), (text[a:b], True)]
        pos = b
    return [*out, (text[pos:], False)]


def _skill_groups(skills: tuple[FoundSkill, ...]) -> list[tuple[str, list[tuple[FoundSkill, list[EvidenceLine]]]]]:
    """Skills by category label, by name within a category, each with its evidence lines."""

    def lines(skill: FoundSkill) -> list[EvidenceLine]:
        return [EvidenceLine(ev.line, ev.section, highlight(ev.text, *terms)) for ev, terms in evidence_lines(skill)]

    return [
        (category_label(cat), [(s, lines(s)) for s in sorted(members, key=lambda s: s.name.lower())])
        for cat, members in by_category(skills).items()
    ]


def to_html(result: AnalysisResult) -> str:
    """Return a complete, self-contained HTML document for one result.

    Args:
        result: the analysis to show.

    Returns:
        An HTML page with inline CSS and SVG charts (role fit, score breakdown, skill
        coverage, learning-plan timeline), the evidence for each skill and the mentions
        that were not counted. It loads nothing and runs no scripts.
    """
    plan, sen = result.learning_plan, result.seniority
    names = skill_names(result)
    best = next((f for f in result.roles if result.best_role and f.id == result.best_role.id), None) or (
        result.roles[0] if result.roles else None
    )
    target = plan_fit(result)
    years = years_text(sen)
    tiles = [
        (f"{best.score:.1f}" if best else "–", f"best score ({best.name})" if best else "best score"),
        (sen.level, ladder_text(sen) or years),
        (weeks(plan.total_weeks), f"learning plan at {plan.hours_per_week:g} h/week"
         + (", estimated" if plan.weeks_estimated else "")),
        (str(len(result.skills)), f"skills found · {len(result.rejected)} mentions not counted"),
    ]
    categories = {s.id: s.category for s in result.skills}
    missing = target.missing if target else ()
    template = environment().get_template("report.html.j2")
    return template.render(
        result=result,
        sen=sen,
        plan=plan,
        taxonomy=result.taxonomy,
        years=years,
        pay=salary_text(sen),
        pay_note=salary_note(sen),
        at_work=fit_evidence_text(result),
        other_pay=other_pay(sen),
        ladder=ladder_text(sen),
        weeks_text=weeks_text,
        activity_sources=activity_sources,
        tiles=tiles,
        best=best,
        target=target,
        role_chart=role_chart(result),
        score_chart=score_chart(best, names) if best else None,
        coverage_chart=coverage_chart(target, categories) if target else None,
        gaps=[m for m in missing if m.importance != "optional"],
        optional=[m.name + (" (weak)" if m.status == "weak" else "") for m in missing if m.importance == "optional"],
        timeline=timeline(plan.phases, plan.total_weeks, plan.hours_per_week) if target else None,
        phases=sorted(plan.phases, key=lambda p: p.order),
        plan_reason=partial(plan_reason, role_name=plan.role_name),
        skill_groups=_skill_groups(result.skills),
        implied_by=partial(implied_by_text, names=names),
        rejected=[(r, highlight(r.evidence.text, r.evidence.term)) for r in result.rejected],
    )
