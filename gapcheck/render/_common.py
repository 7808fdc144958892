"""Helpers every report format shares: category labels, evidence snippets, seniority and
salary text, the gap grouped by importance and the plan's phases placed on a week axis."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from gapcheck.results import AnalysisResult, Evidence, FoundSkill, LearningPlan, PlanPhase, RoleFit, Seniority

IMPORTANCE = ("essential", "important", "optional")
BAR_WIDTH = 20
TIMELINE_WIDTH = 32
SNIPPET_CHARS = 110
# Words written in capitals wherever a category name is shown.
_ACRONYMS = {"ai": "AI", "ml": "ML", "mlops": "MLOps", "nlp": "NLP", "llm": "LLM", "cv": "CV", "sql": "SQL"}


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
    if sen.level == "unknown":
        return "no dated experience was read"
    text = "years unknown" if sen.years_experience is None else f"{sen.years_experience:g} years"
    if sen.relevant_years is not None and sen.relevant_years != sen.years_experience:
        text += f", {sen.relevant_years:g} in ML-related work"
    return text


def weeks_text(weeks: float, estimated: bool = True) -> str:
    """``"about 3 weeks, estimated"`` (gapcheck's estimate), or ``"3 weeks"`` when a document gives it."""
    unit = "week" if weeks == 1 else "weeks"
    return f"about {weeks:g} {unit}, estimated" if estimated else f"{weeks:g} {unit}"


def ladder_text(sen: Seniority) -> str | None:
    """The ladder step, saying when its years are gapcheck's estimate rather than a document's."""
    if not sen.ladder_title:
        return None
    return sen.ladder_title + (" (years estimated)" if sen.years_estimated else "")


def band_text(pay: dict[str, Any] | None) -> str | None:
    """``"$150,000–$300,000 a year"`` for one pay band, or ``None``."""
    if not pay or pay.get("min") is None:
        return None
    sign = "$" if pay.get("currency", "USD") == "USD" else f"{pay['currency']} "
    low, high = pay["min"], pay.get("max")
    if high == low:
        band = f"about {sign}{low:,}"
    else:
        band = f"{sign}{low:,}–{sign}{high:,}" if high else f"{sign}{low:,} and up"
    return f"{band} a {pay.get('period') or 'year'}"


def salary_text(sen: Seniority) -> str | None:
    """``"$150,000–$300,000 a year"`` for the ladder step, or ``None`` when no document gives one."""
    return band_text(sen.salary)


def band_note(pay: dict[str, Any]) -> str:
    """What a pay band describes and where it comes from, for a footnote."""
    parts = [str(pay["note"])] if pay.get("note") else []
    if pay.get("level_stated") is False:
        parts.append("level not stated")
    sources = pay.get("sources") or ([pay["source"]] if pay.get("source") else [])
    if sources:
        parts.append(f"source{'s' * (len(sources) > 1)}: {', '.join(sources)}" + (f", {pay['year']}" if pay.get("year")
                                                                                  else ""))
    return "; ".join(parts)


def salary_note(sen: Seniority) -> str:
    """What the step's salary describes and where it comes from, for a footnote."""
    return band_note(sen.salary or {})


def other_pay(sen: Seniority, limit: int = 3) -> list[tuple[str, str]]:
    """Without a salary for the step: the role's pay whose level no document states, as (band, note)."""
    if sen.salary:
        return []
    return [(text, band_note(pay)) for pay in sen.pay[:limit] if (text := band_text(pay))]


def activity_sources(sources: tuple[str, ...]) -> str:
    """``"sources: 001_….txt, 002_….txt"`` for a job-search step."""
    return f"source{'s' * (len(sources) > 1)}: {', '.join(sources)}" if sources else ""


def missing_by_importance(fit: RoleFit) -> dict[str, list[str]]:
    """Missing skills of a role as display strings, grouped by importance (essential first)."""
    groups: dict[str, list[str]] = defaultdict(list)
    for m in fit.missing:
        weak = "" if m.status != "weak" else f" (weak: only {m.held_as})" if m.held_as else " (weak)"
        groups[m.importance].append(m.name + weak)
    order = [*IMPORTANCE, *sorted(k for k in groups if k not in IMPORTANCE)]
    return {k: groups[k] for k in order if k in groups}


def phase_spans(plan: LearningPlan) -> list[tuple[PlanPhase, float, float]]:
    """Each phase with its start and end week, phases in order; done phases take no time."""
    spans: list[tuple[PlanPhase, float, float]] = []
    start = 0.0
    for phase in sorted(plan.phases, key=lambda p: p.order):
        weeks = 0.0 if phase.status == "done" else phase.weeks
        spans.append((phase, start, start + weeks))
        start += weeks
    return spans


def plan_axis(plan: LearningPlan) -> tuple[list[tuple[PlanPhase, float, float]], float]:
    """The phase spans and the length of the week axis that holds them all."""
    spans = phase_spans(plan)
    return spans, max([end for _, _, end in spans] + [plan.total_weeks, 1e-9])


def shown_roles(result: AnalysisResult, top: int) -> list[RoleFit]:
    """The roles in rank order, only the first ``top`` when ``top`` is set."""
    roles = list(result.roles)
    return roles[:top] if top else roles


def plan_fit(result: AnalysisResult) -> RoleFit | None:
    """The role the learning plan is for, or ``None`` when there is no plan."""
    return next((f for f in result.roles if f.id == result.learning_plan.role), None)


def bar(score: float, width: int = BAR_WIDTH) -> str:
    """A score out of 100 as a ``width``-character bar of full and empty blocks."""
    full = int(round(max(0.0, min(100.0, score)) / 100 * width))
    return "█" * full + "░" * (width - full)


def span_bar(start: float, end: float, total: float, width: int = TIMELINE_WIDTH) -> str:
    """A phase as a run of blocks placed on a ``width``-character week axis."""
    total = max(total, 1e-9)
    a = min(width - 1, int(round(start / total * width)))
    b = max(a + 1, int(round(end / total * width)))
    return "·" * a + "█" * (b - a) + "·" * (width - b)


def by_category(skills: tuple[FoundSkill, ...]) -> dict[str, list[FoundSkill]]:
    """Skills grouped by taxonomy category, categories in alphabetical order."""
    groups: dict[str, list[FoundSkill]] = defaultdict(list)
    for s in skills:
        groups[s.category].append(s)
    return dict(sorted(groups.items()))


def skill_names(result: AnalysisResult) -> dict[str, str]:
    """Display name of every skill id in the result, found or missing."""
    names = {s.id: s.name for s in result.skills}
    for fit in result.roles:
        names.update((m.id, m.name) for m in fit.missing)
    return names


def implied_by_text(skill: FoundSkill, names: dict[str, str]) -> str:
    """The skills an implied skill was inferred from, as a comma-separated list of names."""
    return ", ".join(names.get(i, i.replace("_", " ")) for i in skill.implied_by)


def proficiency_counts(skills: tuple[FoundSkill, ...]) -> str:
    """``"12 strong, 5 listed"``: how many skills have each proficiency, most first."""
    counts = Counter(s.proficiency for s in skills)
    return ", ".join(f"{n} {p}" for p, n in counts.most_common())


def fit_evidence_text(result: AnalysisResult) -> str | None:
    """One line naming the work that shows the field (the verdict's evidence), if any."""
    ids = result.fit.evidence
    if not ids:
        return None
    names = skill_names(result)
    return "Shown at work: " + ", ".join(names.get(i, i) for i in ids) + "."
