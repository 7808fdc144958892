"""Stage 5: turn a role's missing skills into a phased learning plan, prerequisites first, and end
it with the job search the guides advise (portfolio, interviews, networking, publications)."""

from __future__ import annotations

import heapq
from collections import deque

from gapcheck.extract import Profile
from gapcheck.results import LearningPlan, PlanActivity, PlanPhase, PlanSkill, RoleFit
from gapcheck.taxonomy import IMPORTANCE_ORDER, JobSearchStep, Phase, Project, Skill, Taxonomy

# effort_weeks in the taxonomy assume this many study hours a week.
BASE_HOURS_PER_WEEK = 10.0
# Any held form of a skill (even implied by a narrower one) satisfies it as a prerequisite.
KNOWN = {"strong", "listed", "assumed", "basic", "implied"}
# Skills that take longer than this (a doctorate) are credentials, not study items.
MAX_PLAN_WEEKS = 52.0


def is_study_item(skill: Skill) -> bool:
    """Credentials (a doctorate, papers at top venues) are earned, not studied for in weeks."""
    return skill.type != "credential" and skill.effort_weeks <= MAX_PLAN_WEEKS


def covered_by_degree(profile: Profile, taxonomy: Taxonomy) -> set[str]:
    """Skills a degree's subject covers: the subject itself ("MSc Statistics") and the
    foundational mathematics under it or needed by it (a mathematics degree covers calculus and
    linear algebra, not causal inference). Tools and languages are not covered: a computer
    science degree is not Python."""
    subjects = {m.skill_id for m in profile.rejected if m.reason == "degree"}
    covered = set(subjects)
    todo = list(subjects)
    while todo:
        sid = todo.pop()
        for other in (*taxonomy.narrower.get(sid, ()), *taxonomy.skill_by_id[sid].prerequisites):
            sk = taxonomy.skill_by_id[other]
            if other not in covered and sk.type == "math" and sk.phase == taxonomy.first_phase:
                covered.add(other)
                todo.append(other)
    return covered


def beneath_held(profile: Profile, taxonomy: Taxonomy) -> set[str]:
    """Prerequisites, direct or not, of the skills the resume shows or lists: nobody fine-tunes
    transformers without the linear algebra under them, so a plan does not send them back to it."""
    below = _below(taxonomy)
    return set().union(*(below[sid] for sid, rec in profile.skills.items() if rec.proficiency in ("strong", "listed")))


_BELOW: dict[str, dict[str, frozenset[str]]] = {}


def _below(taxonomy: Taxonomy) -> dict[str, frozenset[str]]:
    """Skill id -> its prerequisites, direct or not; worked out once per taxonomy."""
    table = _BELOW.get(taxonomy.content_hash)
    if table is None:
        table = {}
        for skill in taxonomy.skills:
            out: set[str] = set()
            todo = [skill.id]
            while todo:
                for pre in taxonomy.skill_by_id[todo.pop()].prerequisites:
                    if pre not in out:
                        out.add(pre)
                        todo.append(pre)
            table[skill.id] = frozenset(out)
        _BELOW[taxonomy.content_hash] = table
    return table


def learning_plan(fit: RoleFit | None, profile: Profile, taxonomy: Taxonomy, *,
                  hours_per_week: float = BASE_HOURS_PER_WEEK) -> LearningPlan:
    """Place the essential and important missing skills of ``fit`` (and their unmet
    prerequisites) into learning phases.

    Args:
        fit: the role to plan for (None gives an empty plan).
        profile: the candidate's skills.
        taxonomy: supplies phases, prerequisites and effort.
        hours_per_week: study time; scales the week estimates.

    Returns:
        Phases in order, each with skills in prerequisite order and estimated weeks; the
        taxonomy's job-search phase holds the steps of the job search for the role instead.
    """
    phases = sorted(taxonomy.phases, key=lambda p: p.order)
    if fit is None:
        return LearningPlan(None, None, hours_per_week, (), 0.0, ())
    scale = BASE_HOURS_PER_WEEK / hours_per_week
    reason: dict[str, str] = {}
    notes: list[str] = []
    soft: list[str] = []
    degree = covered_by_degree(profile, taxonomy)
    beneath = beneath_held(profile, taxonomy)
    by_degree: list[str] = []
    by_held: list[str] = []
    searching = _search_steps(fit, taxonomy)
    in_search = {sid for step in searching for sid in step.skills}
    for m in fit.missing:
        if m.importance == "optional" or m.id in in_search:
            continue
        if m.id in degree:
            by_degree.append(m.name)
            continue
        if m.id in beneath:
            by_held.append(m.name)
            continue
        if taxonomy.skill_by_id[m.id].type == "soft":
            soft.append(m.name)
            continue
        if not is_study_item(taxonomy.skill_by_id[m.id]):
            notes.append(f"{m.name} is {m.importance} for {fit.name} but is a credential, not a study item.")
            continue
        held = f" (you show it only as {m.held_as})" if m.held_as else ""
        reason[m.id] = f"{m.importance} for {fit.name}{held}"
    need = set(reason)
    # Add unmet prerequisites, transitively; breadth first in gap order, so that a prerequisite
    # is named after the most important skill that needs it (and not after set order, which
    # changes with the process's hash seed).
    todo = deque(reason)
    while todo:
        sid = todo.popleft()
        for pre in taxonomy.skill_by_id[sid].prerequisites:
            rec = profile.skills.get(pre)
            if (pre not in need and pre not in degree and pre not in beneath
                    and (rec is None or rec.proficiency not in KNOWN)
                    and is_study_item(taxonomy.skill_by_id[pre])):
                need.add(pre)
                todo.append(pre)
                reason[pre] = f"prerequisite of {taxonomy.skill_by_id[sid].name}"
    order = {p.id: p.order for p in phases}
    importance = {m.id: IMPORTANCE_ORDER[m.importance] for m in fit.missing}
    deps = {s: [p for p in taxonomy.skill_by_id[s].prerequisites if p in need] for s in need}
    # Kahn's algorithm with a deterministic tie-break: phase, importance, id.
    indeg = {s: len(deps[s]) for s in need}
    users: dict[str, list[str]] = {s: [] for s in need}
    for s, ps in deps.items():
        for p in ps:
            users[p].append(s)
    eff_phase = {s: order[taxonomy.skill_by_id[s].phase] for s in need}
    heap = [(eff_phase[s], importance.get(s, 3), s) for s in need if indeg[s] == 0]
    heapq.heapify(heap)
    ordered: list[str] = []
    while heap:
        _, _, s = heapq.heappop(heap)
        ordered.append(s)
        for u in users[s]:
            eff_phase[u] = max(eff_phase[u], eff_phase[s])
            indeg[u] -= 1
            if indeg[u] == 0:
                heapq.heappush(heap, (eff_phase[u], importance.get(u, 3), u))
    out = []
    for phase in phases:
        if phase.kind == "job_search":
            role = taxonomy.role_by_id.get(fit.id)
            out.append(_search_phase(phase, searching, fit, role.projects if role else [], scale))
            continue
        items = tuple(
            PlanSkill(s, taxonomy.skill_by_id[s].name, round(taxonomy.skill_by_id[s].effort_weeks * scale, 1),
                      reason[s], tuple(deps[s]), taxonomy.skill_by_id[s].effort_estimated)
            for s in ordered if eff_phase[s] == phase.order
        )
        weeks = round(sum(i.weeks for i in items), 1)
        out.append(PlanPhase(phase.id, phase.name, phase.order, "todo" if items else "done", items, weeks,
                             estimated=any(i.estimated for i in items)))
    if by_degree:
        notes.append(f"Not planned, as your degree covers them: {', '.join(by_degree)}.")
    if by_held:
        notes.append(f"Not planned, as skills you show build on them: {', '.join(by_held)}.")
    if soft:
        notes.append(f"Soft skills {fit.name} asks for that the resume does not show: {', '.join(soft)}; "
                     "show them in your experience lines rather than study them.")
    optional = [m.name for m in fit.missing if m.importance == "optional"]
    if optional:
        notes.append(f"Optional for {fit.name}, not planned: {', '.join(optional[:8])}"
                     + (" …" if len(optional) > 8 else "") + ".")
    return LearningPlan(fit.id, fit.name, hours_per_week, tuple(out), round(sum(p.weeks for p in out), 1),
                        tuple(notes), any(p.estimated for p in out if p.status == "todo"))


def _search_steps(fit: RoleFit, taxonomy: Taxonomy) -> list[JobSearchStep]:
    """The taxonomy's job-search steps for the role (those for every role, and its own)."""
    return [step for step in taxonomy.job_search if not step.roles or fit.id in step.roles]


def _search_phase(phase: Phase, steps: list[JobSearchStep], fit: RoleFit, projects: list[Project],
                  scale: float) -> PlanPhase:
    """The job-search phase: each step with the role's own portfolio projects and the gaps it closes."""
    role_projects = {p.name: p for p in projects}
    gaps = {m.id: m for m in fit.missing}
    items = []
    for step in steps:
        detail, sources = step.detail, list(step.sources)
        if step.projects and role_projects:
            detail += " For this role: " + "; ".join(f"{p.name}: {p.detail}" for p in role_projects.values()) + "."
            sources += [s for p in role_projects.values() for s in p.sources]
        closes = tuple(sid for sid in step.skills if sid in gaps and gaps[sid].importance != "optional")
        if closes:
            names = ", ".join(f"{gaps[sid].name} ({gaps[sid].importance})" for sid in closes)
            detail += f" It closes these gaps of {fit.name}: {names}."
        items.append(PlanActivity(step.id, step.name, detail, round(step.weeks * scale, 1),
                                  tuple(dict.fromkeys(sources)), step.weeks_estimated, closes))
    weeks = round(sum(a.weeks for a in items), 1)
    return PlanPhase(phase.id, phase.name, phase.order, "todo" if items else "done", (), weeks, tuple(items),
                     any(a.estimated for a in items))
