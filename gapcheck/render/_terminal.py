"""The terminal report (rich): ranked roles with bars, skills by category, the gap and a plan timeline."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from gapcheck.render._common import (
    BAR_WIDTH,
    TIMELINE_WIDTH,
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
from gapcheck.results import AnalysisResult

if TYPE_CHECKING:
    from rich.text import Text


def _fit_names(names: list[str], room: int) -> str:
    """As many whole names as fit in ``room`` characters, then ``+N`` for the rest."""
    if not names:
        return "none"
    for k in range(len(names), 0, -1):
        text = ", ".join(names[:k]) + (f" +{len(names) - k}" if k < len(names) else "")
        if len(text) <= room:
            return text
    return f"{len(names)} skills"


def _terminal_safe(value: Any) -> Any:
    """``value`` (a result) with every string fit for a terminal: file names, resume lines and
    a custom taxonomy's names may hold escape sequences that would move the cursor, retitle the
    window or hide text. The report's own colours are added after this."""
    import dataclasses

    from gapcheck._escape import terminal_safe

    if isinstance(value, str):
        return terminal_safe(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: _terminal_safe(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return dataclasses.replace(value, **changes)
    if isinstance(value, (tuple, list)):
        return type(value)(_terminal_safe(v) for v in value)
    if isinstance(value, dict):
        return {k: _terminal_safe(v) for k, v in value.items()}
    return value


def _highlighted(before: str, term: str, after: str, style: str = "bold yellow") -> Text:
    from rich.text import Text

    return Text.assemble(before, (term, style), after)


def to_text(
    result: AnalysisResult, *, top: int = 0, evidence: bool = False, color: bool | None = None, width: int | None = None
) -> str:
    """A terminal report: ranked roles with bars, skills by category, the gap and a plan timeline.

    Args:
        result: the analysis to show.
        top: show only the N best roles (0 = all).
        evidence: under each skill, the lines it was found on with the matched words.
        color: ANSI colour and bold; ``None``/``False`` gives plain text for files, pipes and ``NO_COLOR``.
        width: line width in characters (default 100).

    Returns:
        The report with trailing blanks stripped from every line.
    """
    from rich import box
    from rich.console import Console
    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text

    result = _terminal_safe(result)
    buf = io.StringIO()
    line_w = width or 100
    # markup=False: resume text such as "[skills]" or "C[++]" must print as written, not as styles.
    console = Console(
        file=buf,
        force_terminal=bool(color),
        no_color=not color,
        width=line_w,
        highlight=False,
        soft_wrap=False,
        markup=False,
        emoji=False,
    )
    names = skill_names(result)
    tax = result.taxonomy

    def heading(text: str) -> None:
        console.print()
        console.print(Text(text, style="bold"))

    def grid(*widths: int | None) -> Table:
        table = Table.grid(padding=(0, 2))
        for i, w in enumerate(widths):
            table.add_column(no_wrap=i < len(widths) - 1, min_width=w)
        return table

    console.print(Text.assemble(("gapcheck", "bold"), f" · {result.source} · taxonomy {tax['name']} {tax['version']}"))
    console.print(Text(result.verdict, style="bold green" if result.best_role else "bold yellow"))
    if result.comparison:
        console.print(Text(result.comparison))
    at_work = fit_evidence_text(result)
    if at_work:
        console.print(Text(at_work))
    sen = result.seniority
    line = f"Seniority: {sen.level} ({years_text(sen)})"
    if sen.ladder_title:
        line += f" · ladder step: {ladder_text(sen)}"
    console.print(Text(line))
    pay = salary_text(sen)
    if pay:
        console.print(Text.assemble(f"Salary band: {pay} ", (f"({salary_note(sen)})", "dim")))
    for band, note in other_pay(sen):
        console.print(Text.assemble(f"Pay for the role, level not stated: {band} ", (f"({note})", "dim")))

    # -- role fit
    heading("Role fit (score out of 100)")
    best_id = result.best_role.id if result.best_role else None
    shown = shown_roles(result, top)
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, padding=(0, 1))
    # Rank, role and score keep their full width, or rich would squeeze every column; the bar
    # narrows on a small terminal and the missing skills get what is left (each column
    # boundary costs 3 characters).
    fixed = len(str(len(shown))) + max([len(f.name) for f in shown] + [4]) + 5
    bar_w = max(10, min(BAR_WIDTH, line_w - fixed - 4 * 3 - 16))
    room = line_w - fixed - bar_w - 4 * 3
    table.add_column("#", justify="right", no_wrap=True, min_width=len(str(len(shown))))
    table.add_column("Role", no_wrap=True, min_width=max([len(f.name) for f in shown] + [4]))
    table.add_column("Score", justify="right", no_wrap=True, min_width=5)
    table.add_column("0" + " " * (bar_w - 4) + "100", no_wrap=True, min_width=bar_w)
    if room >= 10:
        table.add_column("Missing essential", no_wrap=True, max_width=room)
    for i, row in enumerate(shown, 1):
        is_best = row.id == best_id
        cells: list[Any] = [
            str(i),
            Text(row.name, style="bold" if is_best else ""),
            f"{row.score:.1f}",
            Text(bar(row.score, bar_w), style="green" if is_best else "blue"),
        ]
        if room >= 10:
            cells.append(_fit_names([m.name for m in row.missing if m.importance == "essential"], room))
        table.add_row(*cells)
    console.print(table)
    if top and len(result.roles) > top:
        console.print(Text(f"{len(result.roles) - top} more roles not shown (--top {top})", style="dim"))

    # -- skills
    counts = f" ({proficiency_counts(result.skills)})" if result.skills else ""
    heading(f"Skills found: {len(result.skills)}{counts}")
    if not evidence:
        skills = grid(None, None)
        for category, members in by_category(result.skills).items():
            items = Text()
            for k, s in enumerate(members):
                items.append(", " if k else "")
                items.append(s.name)
                where = f"l.{s.evidence[0].line}" if s.evidence and s.match not in ("implied", "assumed") else ""
                items.append(f" ({s.proficiency}{'; ' + where if where else ''})", style="dim")
            skills.add_row(Text(category_label(category), style="cyan"), items)
        console.print(Padding(skills, (0, 0, 0, 2)))
        if result.skills:
            console.print(Text("  (l.N = line of the resume; --evidence shows the lines)", style="dim"))
    else:
        # One grid for every category, so the evidence column lines up down the whole list; the
        # names never wrap, or their second line would land between two lines of evidence.
        rows = Table.grid(padding=(0, 2))
        rows.add_column(
            no_wrap=True, overflow="ellipsis", width=min(34, max([len(s.name) + 2 for s in result.skills] + [12]))
        )
        rows.add_column()
        for category, members in by_category(result.skills).items():
            rows.add_row(Text(category_label(category), style="cyan"), "")
            for s in members:
                label = Text("  " + s.name)
                if s.match == "implied":
                    rows.add_row(label, Text(f"implied by {implied_by_text(s, names)}", style="dim"))
                    continue
                lines = evidence_lines(s)
                if not lines:
                    rows.add_row(label, Text(f"{s.proficiency} · {s.match}", style="dim"))
                for k, (ev, terms) in enumerate(lines[:3]):
                    lead = f"{s.proficiency} · " if k == 0 else ""
                    cell = Text(f"{lead}line {ev.line} ({ev.section}): ", style="dim")
                    cell.append_text(_highlighted(*snippet(ev.text, terms[0] if terms else "")))
                    rows.add_row(label if k == 0 else "", cell)
                if len(lines) > 3:
                    rows.add_row("", Text(f"+{len(lines) - 3} more lines", style="dim"))
        console.print(Padding(rows, (0, 0, 0, 2)))
    if result.rejected:
        heading(f"Mentions not counted: {len(result.rejected)}")
        rows = grid(None, None, None)
        for r in result.rejected:
            cell = Text(f"line {r.evidence.line}: ", style="dim")
            cell.append_text(_highlighted(*snippet(r.evidence.text, r.evidence.term, 80)))
            why = r.reason.replace("_", " ") + (f" ({r.rule})" if evidence and r.rule else "")
            rows.add_row(r.name, Text(why, style="yellow"), cell)
        console.print(Padding(rows, (0, 0, 0, 2)))

    # -- gap and plan
    plan = result.learning_plan
    fit = plan_fit(result)
    if fit is not None:
        groups = missing_by_importance(fit)
        heading(
            f"Gap for {fit.name}: "
            + (f"{len(fit.missing)} skills missing or weak" if fit.missing else "nothing missing")
        )
        rows = grid(None, None)
        for importance, gap in groups.items():
            rows.add_row(
                Text(f"{importance} ({len(gap)})", style="red" if importance == "essential" else ""), ", ".join(gap)
            )
        console.print(Padding(rows, (0, 0, 0, 2)))
    if plan.role:
        heading(
            f"Learning plan for {plan.role_name}: {weeks_text(plan.total_weeks, plan.weeks_estimated)}"
            f"{',' if plan.weeks_estimated else ''} at {plan.hours_per_week:g} hours a week"
        )
        spans, total = plan_axis(plan)
        titles = [f"{phase.order}. {phase.name}" for phase, _, _ in spans]
        ranges = [f"{start:g}–{end:g}" for _, start, end in spans]
        # The timeline takes what the other columns leave, between 16 and TIMELINE_WIDTH.
        left = max(len(t) for t in titles) + 5 + max(len(r) for r in ranges + ["From–to"]) + 3 * 3
        tl_w = max(16, min(TIMELINE_WIDTH, line_w - 2 - left))
        timeline = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, padding=(0, 1))
        timeline.add_column("Phase", no_wrap=True)
        timeline.add_column("Weeks", justify="right", no_wrap=True)
        timeline.add_column("From–to", no_wrap=True)
        timeline.add_column(f"week 0{' ' * (tl_w - 6 - len(f'{total:g}'))}{total:g}", no_wrap=True, min_width=tl_w)
        for i, (phase, start, end) in enumerate(spans):
            if phase.status == "done":
                timeline.add_row(titles[i], "done", "", Text("already covered", style="green"))
                continue
            colour = ("blue", "magenta", "yellow", "cyan", "green")[i % 5]
            timeline.add_row(
                titles[i], f"{phase.weeks:g}", ranges[i], Text(span_bar(start, end, total, tl_w), style=colour)
            )
        console.print(Padding(timeline, (0, 0, 0, 2)))
        name_w = max([len(n) + 2 for p in plan.phases for n in [*(i.name for i in p.skills),
                                                                  *(a.name for a in p.activities)]] + [10])
        for phase, start, end in spans:
            if phase.status == "done" or not (phase.skills or phase.activities):
                continue
            console.print(Text(f"  {phase.order}. {phase.name} (weeks {start:g}–{end:g})", style="bold"))
            rows = grid(name_w, 24, None)
            for item in phase.skills:
                rows.add_row(f"• {item.name}", weeks_text(item.weeks, item.estimated),
                             Text(plan_reason(item.reason, plan.role_name), style="dim"))
            for act in phase.activities:
                why = act.detail + (f" ({activity_sources(act.sources)})" if act.sources else "")
                rows.add_row(f"• {act.name}", weeks_text(act.weeks, act.estimated), Text(why, style="dim"))
            console.print(Padding(rows, (0, 0, 0, 4)))
        for note in plan.notes:
            console.print(Padding(Text(note, style="dim"), (0, 0, 0, 2)))
    # rich pads table rows to the full width; trailing blanks only clutter logs and diffs.
    return "\n".join(line.rstrip() for line in buf.getvalue().splitlines()) + "\n"
