"""Stage 6: render an AnalysisResult as a terminal report (rich), Markdown, HTML or JSON."""

from __future__ import annotations

import html
from collections import defaultdict
from typing import Any

from gapcheck.results import AnalysisResult, FoundSkill

FORMATS = ("text", "json", "markdown", "html")


def render(result: AnalysisResult, fmt: str = "text", *, top: int = 0, evidence: bool = False,
           color: bool | None = None, width: int | None = None) -> str:
    """Render ``result`` in ``fmt`` (text, json, markdown, html) and return the string."""
    if fmt == "json":
        return result.to_json() + "\n"
    if fmt == "markdown":
        return to_markdown(result, top=top)
    if fmt == "html":
        from gapcheck._html import to_html

        return to_html(result)
    return to_text(result, top=top, evidence=evidence, color=color, width=width)


def _roles(result: AnalysisResult, top: int) -> list[Any]:
    roles = list(result.roles)
    return roles[:top] if top else roles


def _bar(score: float, width: int = 20) -> str:
    full = int(round(score / 100 * width))
    return "█" * full + "░" * (width - full)


def _by_category(skills: tuple[FoundSkill, ...]) -> dict[str, list[FoundSkill]]:
    groups: dict[str, list[FoundSkill]] = defaultdict(list)
    for s in skills:
        groups[s.category].append(s)
    return dict(sorted(groups.items()))


def to_text(result: AnalysisResult, *, top: int = 0, evidence: bool = False, color: bool | None = None,
            width: int | None = None) -> str:
    """A terminal report: ranked roles with bars, skills by category, the gap and the plan."""
    import io

    from rich.console import Console
    from rich.table import Table

    buf = io.StringIO()
    console = Console(file=buf, force_terminal=bool(color), no_color=not color, width=width or 100,
                      highlight=False, soft_wrap=False)
    tax = result.taxonomy
    console.print(f"[bold]gapcheck[/bold] · {result.source} · taxonomy {tax['name']} {tax['version']}")
    console.print(result.verdict, style="bold green" if result.best_role else "bold yellow")
    if result.comparison:
        console.print(result.comparison)
    sen = result.seniority
    yrs = f"{sen.years_experience:g} years" if sen.years_experience is not None else "years unknown"
    if sen.relevant_years is not None and sen.relevant_years != sen.years_experience:
        yrs += f", {sen.relevant_years:g} in ML-related work"
    line = f"Seniority: {sen.level} ({yrs})"
    if sen.ladder_title:
        line += f" · ladder step: {sen.ladder_title}"
    if sen.salary:
        hi = f"${sen.salary['max']:,}" if sen.salary.get("max") else "and up"
        line += f" · band ${sen.salary['min']:,}–{hi} (source: {sen.source})"
    console.print(line)

    table = Table(title="Role fit", title_justify="left", show_edge=False)
    table.add_column("#", justify="right")
    table.add_column("Role", no_wrap=True)
    table.add_column("Score", justify="right")
    table.add_column("", no_wrap=True)
    table.add_column("Missing (essential)")
    for i, fit in enumerate(_roles(result, top), 1):
        ess = [m.name for m in fit.missing if m.importance == "essential"]
        table.add_row(str(i), fit.name, f"{fit.score:.1f}", _bar(fit.score),
                      ", ".join(ess[:2]) + (f" +{len(ess) - 2}" if len(ess) > 2 else ""))
    console.print(table)

    console.print("\n[bold]Skills found[/bold] (proficiency; line)")
    for category, skills in _by_category(result.skills).items():
        items = []
        for s in skills:
            where = f"l.{s.evidence[0].line}" if s.evidence and s.match != "implied" else s.match
            items.append(f"{s.name} [dim]({s.proficiency}; {where})[/dim]")
        console.print(f"  [cyan]{category}[/cyan]: " + ", ".join(items))
        if evidence:
            for s in skills:
                for ev in s.evidence[:2]:
                    console.print(f"      {s.name}: line {ev.line} [{ev.section}] “{ev.text[:90]}”")
    if result.rejected:
        console.print("\n[bold]Mentions not counted[/bold]")
        for r in result.rejected:
            console.print(f"  {r.name}: {r.reason.replace('_', ' ')} (line {r.evidence.line}: “{r.evidence.text[:70]}”)")

    plan = result.learning_plan
    if plan.role:
        fit = next((f for f in result.roles if f.id == plan.role), None)
        if fit is not None and fit.missing:
            console.print(f"\n[bold]Gap for {fit.name}[/bold]")
            for m in fit.missing[:12]:
                weak = f" — weak: only {m.held_as}" if m.status == "weak" else ""
                console.print(f"  {m.importance:<9} {m.name}{weak}")
        console.print(f"\n[bold]Learning plan for {plan.role_name}[/bold] "
                      f"(~{plan.total_weeks:g} weeks at {plan.hours_per_week:g} h/week)")
        for phase in plan.phases:
            if phase.status == "done":
                console.print(f"  {phase.order}. {phase.name}: [green]done[/green]")
                continue
            console.print(f"  {phase.order}. {phase.name} — {phase.weeks:g} weeks")
            for item in phase.skills:
                console.print(f"       • {item.name} ({item.weeks:g} wk): {item.reason}")
        for note in plan.notes:
            console.print(f"  [dim]{note}[/dim]")
    # rich pads table rows to the full width; trailing blanks only clutter logs and diffs.
    return "\n".join(line.rstrip() for line in buf.getvalue().splitlines()) + "\n"


def _md(text: str) -> str:
    return text.replace("|", "\\|")


def to_markdown(result: AnalysisResult, *, top: int = 0) -> str:
    """A Markdown report suitable for pasting into an issue or a document."""
    out = [f"# gapcheck report: {result.source}", "",
           f"**{result.verdict}**", ""]
    if result.comparison:
        out += [result.comparison, ""]
    sen = result.seniority
    out += [f"Seniority: **{sen.level}** ({sen.years_experience if sen.years_experience is not None else '?'} years)"
            + (f", ladder step *{sen.ladder_title}*" if sen.ladder_title else "")
            + (f", salary band ${sen.salary['min']:,}–{'$' + format(sen.salary['max'], ',') if sen.salary.get('max') else 'and up'} ({sen.source})" if sen.salary else ""),
            "", "## Role fit", "", "| # | Role | Score | Essential | Important | Optional | Depth | Evidence |",
            "|---:|---|---:|---:|---:|---:|---:|---:|"]
    for i, fit in enumerate(_roles(result, top), 1):
        parts = {p.name: p.points for p in fit.parts}
        out.append(f"| {i} | {_md(fit.name)} | {fit.score:.1f} | " + " | ".join(
            f"{parts.get(k, 0):.1f}" for k in ("essential", "important", "optional", "depth", "evidence")) + " |")
    out += ["", "## Skills found", "", "| Skill | Category | Proficiency | Match | Years | Evidence |",
            "|---|---|---|---|---:|---|"]
    for s in result.skills:
        ev = f"line {s.evidence[0].line}: {s.evidence[0].text[:60]}" if s.evidence else ""
        if s.match == "implied":
            ev = "implied by " + ", ".join(s.implied_by)
        out.append(f"| {_md(s.name)} | {s.category} | {s.proficiency} | {s.match} | "
                   f"{'' if s.years is None else s.years} | {_md(ev)} |")
    if result.rejected:
        out += ["", "## Mentions not counted", ""]
        out += [f"- **{_md(r.name)}** ({r.reason.replace('_', ' ')}), line {r.evidence.line}: "
                f"“{_md(r.evidence.text[:80])}”" for r in result.rejected]
    plan = result.learning_plan
    if plan.role:
        fit = next(f for f in result.roles if f.id == plan.role)
        out += ["", f"## Gap for {fit.name}", ""]
        out += [f"- {m.importance}: {m.name}" + (f" (weak: only {m.held_as})" if m.status == "weak" else "")
                for m in fit.missing] or ["- nothing missing"]
        out += ["", f"## Learning plan for {plan.role_name}", "",
                f"About **{plan.total_weeks:g} weeks** at {plan.hours_per_week:g} hours a week.", ""]
        for phase in plan.phases:
            if phase.status == "done":
                out.append(f"{phase.order}. **{phase.name}**: done")
                continue
            out.append(f"{phase.order}. **{phase.name}** ({phase.weeks:g} weeks)")
            out += [f"   - {item.name} ({item.weeks:g} wk): {item.reason}" for item in phase.skills]
        out += ["", *[f"> {note}" for note in plan.notes]] if plan.notes else []
    tax = result.taxonomy
    out += ["", f"<sub>taxonomy {tax['name']} {tax['version']} ({tax['hash']}), schema {result.schema_version}, "
            f"as of {result.as_of}</sub>", ""]
    return "\n".join(out)


def escape(text: str) -> str:
    return html.escape(text, quote=True)
