"""The Markdown report: GitHub-flavoured tables and lists, for an issue or a document."""

from __future__ import annotations

import re

from gapcheck.render._common import (
    activity_sources,
    bar,
    by_category,
    category_label,
    evidence_lines,
    fit_evidence_text,
    implied_by_text,
    ladder_text,
    missing_by_importance,
    other_pay,
    plan_axis,
    plan_fit,
    plan_reason,
    proficiency_counts,
    salary_note,
    salary_text,
    shown_roles,
    skill_names,
    snippet,
    span_bar,
    weeks_text,
    years_text,
)
from gapcheck.results import AnalysisResult, Evidence

_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>|"})


def md_escape(text: str) -> str:
    """Escape the characters that would start Markdown formatting or end a table cell."""
    # Newlines would end a table row or a list item; runs of blanks are kept as one space.
    return re.sub(r"\s+", " ", str(text)).translate(_MD_SPECIAL)


def _md_snippet(ev: Evidence, term: str, limit: int = 70) -> str:
    before, hit, after = snippet(ev.text, term, limit)
    body = md_escape(before) + (f"**{md_escape(hit)}**" if hit else "") + md_escape(after)
    return f"line {ev.line} ({md_escape(ev.section)}): {body}"


def to_markdown(result: AnalysisResult, *, top: int = 0, evidence: bool = False) -> str:
    """A Markdown report suitable for pasting into an issue or a document.

    Args:
        result: the analysis to show.
        top: show only the N best roles in the role table (0 = all).
        evidence: list every line a skill was found on, not only the first.

    Returns:
        GitHub-flavoured Markdown: tables, lists and a plan timeline in code spans.
    """
    names = skill_names(result)
    out = [f"# gapcheck report: {md_escape(result.source)}", "", f"**{md_escape(result.verdict)}**", ""]
    if result.comparison:
        out += [md_escape(result.comparison), ""]
    at_work = fit_evidence_text(result)
    if at_work:
        out += [md_escape(at_work), ""]
    sen = result.seniority
    out.append(
        f"- Seniority: **{sen.level}** ({years_text(sen)})"
        + (f", ladder step *{md_escape(ladder_text(sen) or '')}*" if sen.ladder_title else "")
    )
    pay = salary_text(sen)
    if pay:
        out.append(f"- Salary band: {pay} ({md_escape(salary_note(sen))})")
    out += [f"- Pay for the role, level not stated: {band} ({md_escape(note)})" for band, note in other_pay(sen)]

    # -- role fit
    parts_max = ", ".join(f"{p.name} {p.max_points:g}" for p in (result.roles[0].parts if result.roles else ()))
    out += [
        "",
        "## Role fit",
        "",
        "Score out of 100; the last five columns are the points each part of the score earned"
        + (f" (most possible: {parts_max})." if parts_max else "."),
        "",
        "| # | Role | Score | Fit | Essential | Important | Optional | Depth | Evidence |",
        "|---:|---|---:|---|---:|---:|---:|---:|---:|",
    ]
    best_id = result.best_role.id if result.best_role else None
    for i, fit in enumerate(shown_roles(result, top), 1):
        parts = {p.name: p.points for p in fit.parts}
        name = f"**{md_escape(fit.name)}**" if fit.id == best_id else md_escape(fit.name)
        out.append(
            f"| {i} | {name} | {fit.score:.1f} | `{bar(fit.score, 10)}` | "
            + " | ".join(f"{parts.get(k, 0):.1f}" for k in ("essential", "important", "optional", "depth", "evidence"))
            + " |"
        )
    if top and len(result.roles) > top:
        out += ["", f"{len(result.roles) - top} more roles not shown."]

    # -- skills
    out += ["", "## Skills found", ""]
    if result.skills:
        out += [
            f"{len(result.skills)} skills: {proficiency_counts(result.skills)}.",
            "",
            "| Category | Skill | Proficiency | Years | Evidence |",
            "|---|---|---|---:|---|",
        ]
        for category, members in by_category(result.skills).items():
            for k, s in enumerate(members):
                if s.match == "implied":
                    ev = "implied by " + md_escape(implied_by_text(s, names))
                else:
                    lines = evidence_lines(s)
                    shown = lines if evidence else lines[:1]
                    ev = "<br>".join(_md_snippet(e, t[0] if t else "") for e, t in shown) or md_escape(s.match)
                    if not evidence and len(lines) > 1:
                        ev += f" (+{len(lines) - 1} more)"
                years = "" if s.years is None else f"{s.years:g}"
                cat = md_escape(category_label(category)) if k == 0 else ""
                out.append(f"| {cat} | {md_escape(s.name)} | {s.proficiency} | {years} | {ev} |")
    else:
        out.append("No skills were found.")
    if result.rejected:
        out += ["", "## Mentions not counted", ""]
        out += [
            f"- **{md_escape(r.name)}** ({r.reason.replace('_', ' ')}"
            + (f", rule `{r.rule}`" if evidence and r.rule else "")
            + "): "
            + _md_snippet(r.evidence, r.evidence.term, 80)
            for r in result.rejected
        ]

    # -- gap and plan
    plan = result.learning_plan
    target = plan_fit(result)
    if target is not None:
        fit = target
        out += ["", f"## Gap for {md_escape(fit.name)}", ""]
        groups = missing_by_importance(fit)
        if groups:
            out += [
                f"{len(fit.missing)} skills missing or weak: "
                + ", ".join(f"{len(v)} {k}" for k, v in groups.items())
                + ".",
                "",
            ]
            out += [f"- **{k.capitalize()}**: " + ", ".join(md_escape(x) for x in v) for k, v in groups.items()]
        else:
            out.append("Nothing missing for this role.")
    if plan.role:
        spans, total = plan_axis(plan)
        out += [
            "",
            f"## Learning plan for {md_escape(plan.role_name or '')}",
            "",
            f"**{weeks_text(plan.total_weeks, plan.weeks_estimated).capitalize()}**"
            f"{',' if plan.weeks_estimated else ''} at {plan.hours_per_week:g} hours a week, phases in order.",
            "",
            f"| Phase | {'Weeks (estimated)' if plan.weeks_estimated else 'Weeks'} | From–to | "
            f"Timeline (0–{total:g} weeks) |",
            "|---|---:|---|---|",
        ]
        for phase, start, end in spans:
            if phase.status == "done":
                out.append(f"| {phase.order}. {md_escape(phase.name)} | done | | already covered by the resume |")
            else:
                out.append(
                    f"| {phase.order}. {md_escape(phase.name)} | {phase.weeks:g} | {start:g}–{end:g} | "
                    f"`{span_bar(start, end, total, 24)}` |"
                )
        for phase, start, end in spans:
            if phase.status == "done" or not (phase.skills or phase.activities):
                continue
            out += ["", f"### {phase.order}. {md_escape(phase.name)} (weeks {start:g}–{end:g})", ""]
            out += [
                f"- {md_escape(item.name)}, {weeks_text(item.weeks, item.estimated)}: "
                f"{md_escape(plan_reason(item.reason, plan.role_name))}"
                for item in phase.skills
            ]
            out += [
                f"- **{md_escape(act.name)}**, {weeks_text(act.weeks, act.estimated)}: {md_escape(act.detail)}"
                + (f" ({md_escape(activity_sources(act.sources))})" if act.sources else "")
                for act in phase.activities
            ]
        if plan.notes:
            out += ["", "Notes:", "", *[f"- {md_escape(note)}" for note in plan.notes]]
    tax = result.taxonomy
    out += [
        "",
        f"<sub>gapcheck · taxonomy {md_escape(tax['name'])} {md_escape(tax['version'])} "
        f"({md_escape(tax['hash'])}) · schema {result.schema_version} · as of {result.as_of}</sub>",
        "",
    ]
    return "\n".join(out)
