"""Stage 6: render an AnalysisResult as a terminal report (rich), Markdown, HTML or JSON.

All formats show the same figures as the JSON: scores to one decimal, the best role, every
missing skill of the planned role and the plan's weeks. The helpers below (category labels,
evidence snippets, salary text) are shared with the HTML report in ``_html``.
"""

from __future__ import annotations

import io
import re
from collections import Counter, defaultdict
from typing import TYPE_CHECKING, Any

from gapcheck.results import AnalysisResult, Evidence, FoundSkill, LearningPlan, RoleFit, Seniority

if TYPE_CHECKING:
    from rich.text import Text

FORMATS = ("text", "json", "markdown", "html")
IMPORTANCE = ("essential", "important", "optional")
BAR_WIDTH = 20
TIMELINE_WIDTH = 32
SNIPPET_CHARS = 110
# Words written in capitals wherever a category name is shown.
_ACRONYMS = {"ai": "AI", "ml": "ML", "mlops": "MLOps", "nlp": "NLP", "llm": "LLM", "cv": "CV", "sql": "SQL"}


def render(result: AnalysisResult, fmt: str = "text", *, top: int = 0, evidence: bool = False,
           color: bool | None = None, width: int | None = None) -> str:
    """Render ``result`` in one of :data:`FORMATS` and return the string.

    Args:
        result: the analysis to show.
        fmt: ``text`` (terminal), ``json``, ``markdown`` or ``html``.
        top: show only the N best roles in the role table (0 = all); text and Markdown only.
        evidence: list every line each skill was found on (text and Markdown; HTML always does).
        color: ANSI colour in the text report; ``None`` or ``False`` gives plain text.
        width: text report width in characters (default 100).

    Returns:
        The report, ending with a newline.

    Raises:
        ValueError: ``fmt`` is not one of :data:`FORMATS`.
    """
    if fmt == "json":
        return result.to_json() + "\n"
    if fmt == "markdown":
        return to_markdown(result, top=top, evidence=evidence)
    if fmt == "html":
        from gapcheck._html import to_html

        return to_html(result)
    if fmt == "text":
        return to_text(result, top=top, evidence=evidence, color=color, width=width)
    raise ValueError(f"unknown report format {fmt!r}; use one of {', '.join(FORMATS)}")


# -- shared helpers ---------------------------------------------------------------------------------


def category_label(category: str) -> str:
    """``"ml_methods"`` -> ``"ML methods"``: a taxonomy category as a reader would write it."""
    words = [_ACRONYMS.get(w, w) for w in category.split("_") if w]
    if not words:
        return category
    first = words[0]
    return " ".join([first[:1].upper() + first[1:], *words[1:]])


def evidence_lines(skill: FoundSkill) -> list[tuple[Evidence, list[str]]]:
    """The distinct lines a skill was found on, each with every term matched on it, in order."""
    seen: dict[tuple[int, str], tuple[Evidence, list[str]]] = {}
    for ev in skill.evidence:
        key = (ev.line, ev.text)
        if key not in seen:
            seen[key] = (ev, [])
        if ev.term and ev.term.lower() not in (t.lower() for t in seen[key][1]):
            seen[key][1].append(ev.term)
    return list(seen.values())


def snippet(text: str, term: str, limit: int = SNIPPET_CHARS) -> tuple[str, str, str]:
    """Cut ``text`` to about ``limit`` characters around the first ``term``.

    Returns ``(before, term, after)``; ``term`` is empty when it is not in the text. Cuts fall
    between words and are marked with an ellipsis.
    """
    text = " ".join(text.split())
    i = text.lower().find(term.lower()) if term else -1
    j = i + len(term) if i >= 0 else 0
    if i < 0:
        i = j = 0
    if len(text) > limit:
        start = max(0, min(i - (limit - (j - i)) // 3, len(text) - limit))
        end = min(len(text), max(start + limit, j))
        if start > 0:
            cut = text.find(" ", start, i)
            start = cut + 1 if cut >= 0 else start
        if end < len(text):
            cut = text.rfind(" ", j, end)
            end = cut if cut >= 0 else end
        lead, tail = ("…" if start > 0 else ""), ("…" if end < len(text) else "")
        before, after = lead + text[start:i], text[j:end] + tail
    else:
        before, after = text[:i], text[j:]
    return before, text[i:j], after


def plan_reason(reason: str, role_name: str | None) -> str:
    """``"important for <role>"`` repeats the plan's heading; keep only what differs between skills."""
    return reason.replace(f" for {role_name}", "") if role_name else reason


def years_text(sen: Seniority) -> str:
    """``"9.2 years, 8.2 in ML-related work"``."""
    text = "years unknown" if sen.years_experience is None else f"{sen.years_experience:g} years"
    if sen.relevant_years is not None and sen.relevant_years != sen.years_experience:
        text += f", {sen.relevant_years:g} in ML-related work"
    return text


def salary_text(sen: Seniority) -> str | None:
    """``"$150,000–$300,000 a year"``, or ``None`` when the ladder gives no salary."""
    pay = sen.salary
    if not pay or pay.get("min") is None:
        return None
    sign = "$" if pay.get("currency", "USD") == "USD" else f"{pay['currency']} "
    low, high = pay["min"], pay.get("max")
    if high == low:
        band = f"about {sign}{low:,}"
    else:
        band = f"{sign}{low:,}–{sign}{high:,}" if high else f"{sign}{low:,} and up"
    return f"{band} a {pay.get('period') or 'year'}"


def salary_note(sen: Seniority) -> str:
    """What the salary figure describes and where it comes from, for a footnote."""
    pay = sen.salary or {}
    parts = [str(pay["note"])] if pay.get("note") else []
    source = sen.source or pay.get("source")
    if source:
        parts.append(f"source: {source}" + (f", {pay['year']}" if pay.get("year") else ""))
    return "; ".join(parts)


def missing_by_importance(fit: RoleFit) -> dict[str, list[str]]:
    """Missing skills of a role as display strings, grouped by importance (essential first)."""
    groups: dict[str, list[str]] = defaultdict(list)
    for m in fit.missing:
        weak = "" if m.status != "weak" else f" (weak: only {m.held_as})" if m.held_as else " (weak)"
        groups[m.importance].append(m.name + weak)
    order = [*IMPORTANCE, *sorted(k for k in groups if k not in IMPORTANCE)]
    return {k: groups[k] for k in order if k in groups}


def phase_spans(plan: LearningPlan) -> list[tuple[Any, float, float]]:
    """Each phase with its start and end week, phases in order; done phases take no time."""
    spans, start = [], 0.0
    for phase in sorted(plan.phases, key=lambda p: p.order):
        weeks = 0.0 if phase.status == "done" else phase.weeks
        spans.append((phase, start, start + weeks))
        start += weeks
    return spans


def plan_axis(plan: LearningPlan) -> tuple[list[tuple[Any, float, float]], float]:
    """The phase spans and the length of the week axis that holds them all."""
    spans = phase_spans(plan)
    return spans, max([end for _, _, end in spans] + [plan.total_weeks, 1e-9])


def _roles(result: AnalysisResult, top: int) -> list[RoleFit]:
    roles = list(result.roles)
    return roles[:top] if top else roles


def plan_fit(result: AnalysisResult) -> RoleFit | None:
    return next((f for f in result.roles if f.id == result.learning_plan.role), None)


def _bar(score: float, width: int = BAR_WIDTH) -> str:
    full = int(round(max(0.0, min(100.0, score)) / 100 * width))
    return "█" * full + "░" * (width - full)


def _fit_names(names: list[str], room: int) -> str:
    """As many whole names as fit in ``room`` characters, then ``+N`` for the rest."""
    if not names:
        return "none"
    for k in range(len(names), 0, -1):
        text = ", ".join(names[:k]) + (f" +{len(names) - k}" if k < len(names) else "")
        if len(text) <= room:
            return text
    return f"{len(names)} skills"


def _span_bar(start: float, end: float, total: float, width: int = TIMELINE_WIDTH) -> str:
    """A phase as a run of blocks placed on a ``width``-character week axis."""
    total = max(total, 1e-9)
    a = min(width - 1, int(round(start / total * width)))
    b = max(a + 1, int(round(end / total * width)))
    return "·" * a + "█" * (b - a) + "·" * (width - b)


def by_category(skills: tuple[FoundSkill, ...]) -> dict[str, list[FoundSkill]]:
    groups: dict[str, list[FoundSkill]] = defaultdict(list)
    for s in skills:
        groups[s.category].append(s)
    return dict(sorted(groups.items()))


def skill_names(result: AnalysisResult) -> dict[str, str]:
    names = {s.id: s.name for s in result.skills}
    for fit in result.roles:
        names.update((m.id, m.name) for m in fit.missing)
    return names


def implied_by_text(skill: FoundSkill, names: dict[str, str]) -> str:
    return ", ".join(names.get(i, i.replace("_", " ")) for i in skill.implied_by)


def _proficiency_counts(skills: tuple[FoundSkill, ...]) -> str:
    counts = Counter(s.proficiency for s in skills)
    return ", ".join(f"{n} {p}" for p, n in counts.most_common())


# -- terminal ---------------------------------------------------------------------------------------


def _highlighted(before: str, term: str, after: str, style: str = "bold yellow") -> Text:
    from rich.text import Text

    return Text.assemble(before, (term, style), after)


def to_text(result: AnalysisResult, *, top: int = 0, evidence: bool = False, color: bool | None = None,
            width: int | None = None) -> str:
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

    buf = io.StringIO()
    line_w = width or 100
    # markup=False: resume text such as "[skills]" or "C[++]" must print as written, not as styles.
    console = Console(file=buf, force_terminal=bool(color), no_color=not color, width=line_w,
                      highlight=False, soft_wrap=False, markup=False, emoji=False)
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
    sen = result.seniority
    line = f"Seniority: {sen.level} ({years_text(sen)})"
    if sen.ladder_title:
        line += f" · ladder step: {sen.ladder_title}"
    console.print(Text(line))
    pay = salary_text(sen)
    if pay:
        console.print(Text.assemble(f"Salary band: {pay} ", (f"({salary_note(sen)})", "dim")))

    # -- role fit
    heading("Role fit (score out of 100)")
    best_id = result.best_role.id if result.best_role else None
    shown = _roles(result, top)
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
        cells: list[Any] = [str(i), Text(row.name, style="bold" if is_best else ""), f"{row.score:.1f}",
                            Text(_bar(row.score, bar_w), style="green" if is_best else "blue")]
        if room >= 10:
            cells.append(_fit_names([m.name for m in row.missing if m.importance == "essential"], room))
        table.add_row(*cells)
    console.print(table)
    if top and len(result.roles) > top:
        console.print(Text(f"{len(result.roles) - top} more roles not shown (--top {top})", style="dim"))

    # -- skills
    counts = f" ({_proficiency_counts(result.skills)})" if result.skills else ""
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
        rows.add_column(no_wrap=True, overflow="ellipsis",
                        width=min(34, max([len(s.name) + 2 for s in result.skills] + [12])))
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
            rows.add_row(r.name, Text(r.reason.replace("_", " "), style="yellow"), cell)
        console.print(Padding(rows, (0, 0, 0, 2)))

    # -- gap and plan
    plan = result.learning_plan
    fit = plan_fit(result)
    if fit is not None:
        groups = missing_by_importance(fit)
        heading(f"Gap for {fit.name}: " + (f"{len(fit.missing)} skills missing or weak" if fit.missing
                                            else "nothing missing"))
        rows = grid(None, None)
        for importance, gap in groups.items():
            rows.add_row(Text(f"{importance} ({len(gap)})", style="red" if importance == "essential" else ""),
                         ", ".join(gap))
        console.print(Padding(rows, (0, 0, 0, 2)))
    if plan.role:
        heading(f"Learning plan for {plan.role_name}: about {plan.total_weeks:g} weeks "
                f"at {plan.hours_per_week:g} hours a week")
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
            timeline.add_row(titles[i], f"{phase.weeks:g}", ranges[i],
                             Text(_span_bar(start, end, total, tl_w), style=colour))
        console.print(Padding(timeline, (0, 0, 0, 2)))
        name_w = max([len(item.name) + 2 for p in plan.phases for item in p.skills] + [10])
        for phase, start, end in spans:
            if phase.status == "done" or not phase.skills:
                continue
            console.print(Text(f"  {phase.order}. {phase.name} (weeks {start:g}–{end:g})", style="bold"))
            rows = grid(name_w, 6, None)
            for item in phase.skills:
                rows.add_row(f"• {item.name}", f"{item.weeks:g} wk",
                             Text(plan_reason(item.reason, plan.role_name), style="dim"))
            console.print(Padding(rows, (0, 0, 0, 4)))
        for note in plan.notes:
            console.print(Padding(Text(note, style="dim"), (0, 0, 0, 2)))
    # rich pads table rows to the full width; trailing blanks only clutter logs and diffs.
    return "\n".join(line.rstrip() for line in buf.getvalue().splitlines()) + "\n"


# -- Markdown ---------------------------------------------------------------------------------------

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
    sen = result.seniority
    out.append(f"- Seniority: **{sen.level}** ({years_text(sen)})"
               + (f", ladder step *{md_escape(sen.ladder_title)}*" if sen.ladder_title else ""))
    pay = salary_text(sen)
    if pay:
        out.append(f"- Salary band: {pay} ({md_escape(salary_note(sen))})")

    # -- role fit
    parts_max = ", ".join(f"{p.name} {p.max_points:g}" for p in (result.roles[0].parts if result.roles else ()))
    out += ["", "## Role fit", "",
            "Score out of 100; the last five columns are the points each part of the score earned"
            + (f" (most possible: {parts_max})." if parts_max else "."),
            "", "| # | Role | Score | Fit | Essential | Important | Optional | Depth | Evidence |",
            "|---:|---|---:|---|---:|---:|---:|---:|---:|"]
    best_id = result.best_role.id if result.best_role else None
    for i, fit in enumerate(_roles(result, top), 1):
        parts = {p.name: p.points for p in fit.parts}
        name = f"**{md_escape(fit.name)}**" if fit.id == best_id else md_escape(fit.name)
        out.append(f"| {i} | {name} | {fit.score:.1f} | `{_bar(fit.score, 10)}` | " + " | ".join(
            f"{parts.get(k, 0):.1f}" for k in ("essential", "important", "optional", "depth", "evidence")) + " |")
    if top and len(result.roles) > top:
        out += ["", f"{len(result.roles) - top} more roles not shown."]

    # -- skills
    out += ["", "## Skills found", ""]
    if result.skills:
        out += [f"{len(result.skills)} skills: {_proficiency_counts(result.skills)}.", "",
                "| Category | Skill | Proficiency | Years | Evidence |", "|---|---|---|---:|---|"]
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
        out += [f"- **{md_escape(r.name)}** ({r.reason.replace('_', ' ')}): "
                + _md_snippet(r.evidence, r.evidence.term, 80) for r in result.rejected]

    # -- gap and plan
    plan = result.learning_plan
    target = plan_fit(result)
    if target is not None:
        fit = target
        out += ["", f"## Gap for {md_escape(fit.name)}", ""]
        groups = missing_by_importance(fit)
        if groups:
            out += [f"{len(fit.missing)} skills missing or weak: "
                    + ", ".join(f"{len(v)} {k}" for k, v in groups.items()) + ".", ""]
            out += [f"- **{k.capitalize()}**: " + ", ".join(md_escape(x) for x in v) for k, v in groups.items()]
        else:
            out.append("Nothing missing for this role.")
    if plan.role:
        spans, total = plan_axis(plan)
        out += ["", f"## Learning plan for {md_escape(plan.role_name or '')}", "",
                f"About **{plan.total_weeks:g} weeks** at {plan.hours_per_week:g} hours a week, phases in order.", "",
                f"| Phase | Weeks | From–to | Timeline (0–{total:g} weeks) |", "|---|---:|---|---|"]
        for phase, start, end in spans:
            if phase.status == "done":
                out.append(f"| {phase.order}. {md_escape(phase.name)} | done | | already covered by the resume |")
            else:
                out.append(f"| {phase.order}. {md_escape(phase.name)} | {phase.weeks:g} | {start:g}–{end:g} | "
                           f"`{_span_bar(start, end, total, 24)}` |")
        for phase, start, end in spans:
            if phase.status == "done" or not phase.skills:
                continue
            out += ["", f"### {phase.order}. {md_escape(phase.name)} (weeks {start:g}–{end:g})", ""]
            out += [f"- {md_escape(item.name)}, {item.weeks:g} weeks: "
                    f"{md_escape(plan_reason(item.reason, plan.role_name))}" for item in phase.skills]
        if plan.notes:
            out += ["", "Notes:", "", *[f"- {md_escape(note)}" for note in plan.notes]]
    tax = result.taxonomy
    out += ["", f"<sub>gapcheck · taxonomy {md_escape(tax['name'])} {md_escape(tax['version'])} "
            f"({md_escape(tax['hash'])}) · schema {result.schema_version} · as of {result.as_of}</sub>", ""]
    return "\n".join(out)
