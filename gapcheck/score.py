"""Stage 4: score every role from a skill profile, list the gaps, and judge seniority.

Score (0-100) = the sum of five named parts, each traceable to its skills:

* essential  (45 points): weighted coverage of the role's essential skills
* important  (25 points): weighted coverage of its important skills
* optional   ( 5 points): weighted coverage of its optional skills
* depth      (15 points): years and recency behind the essential and important skills
* evidence   (10 points): share of those skills shown in experience, projects or publications

Coverage credits a skill by proficiency: strong 1.0, listed (skills list only) 0.75,
basic (hedged or coursework) 0.4, implied 0.25. Same profile and taxonomy, same numbers.
"""

from __future__ import annotations

from datetime import date

from gapcheck.extract import STRONG_SECTIONS, Profile, SkillRecord
from gapcheck.results import MissingSkill, RoleFit, ScorePart, Seniority
from gapcheck.taxonomy import IMPORTANCE_ORDER, Role, Taxonomy

PART_POINTS = {"essential": 45.0, "important": 25.0, "optional": 5.0, "depth": 15.0, "evidence": 10.0}
CREDIT = {"strong": 1.0, "assumed": 1.0, "listed": 0.75, "basic": 0.4, "implied": 0.25}
WEAK = {"basic", "implied"}
FULL_DEPTH_YEARS = 3.0


def _depth(rec: SkillRecord, today: date) -> float:
    if rec.proficiency == "assumed":
        return 0.0
    if rec.years:
        recency = 1.0 if rec.last_used is None or rec.last_used >= today.year - 2 else 0.5
        return min(rec.years, FULL_DEPTH_YEARS) / FULL_DEPTH_YEARS * recency
    return 0.3 if rec.proficiency == "strong" else 0.0


def score_role(role: Role, profile: Profile, taxonomy: Taxonomy, *, today: date) -> RoleFit:
    """Score one role: named parts that add up to the score, matched and missing skills."""
    parts: list[ScorePart] = []
    links = role.skills
    by_importance = {imp: [link for link in links if link.importance == imp] for imp in IMPORTANCE_ORDER}
    essential_cov = None
    for imp in ("essential", "important", "optional"):
        group = by_importance[imp]
        total = sum(link.weight for link in group)
        got = [link for link in group if link.skill in profile.skills]
        if total:
            cov = sum(link.weight * CREDIT[profile.skills[link.skill].proficiency] for link in got) / total
        else:
            cov = essential_cov or 0.0
        essential_cov = cov if imp == "essential" else essential_cov
        parts.append(ScorePart(imp, round(PART_POINTS[imp] * cov, 1), PART_POINTS[imp],
                               tuple(link.skill for link in got)))
    core = by_importance["essential"] + by_importance["important"]
    core_total = sum(link.weight for link in core) or 1.0
    held_core = [link for link in core if link.skill in profile.skills]
    depth = sum(link.weight * _depth(profile.skills[link.skill], today) for link in held_core) / core_total
    parts.append(ScorePart("depth", round(PART_POINTS["depth"] * depth, 1), PART_POINTS["depth"],
                           tuple(link.skill for link in held_core if _depth(profile.skills[link.skill], today) > 0)))
    shown = [link for link in held_core
             if any(m.section in STRONG_SECTIONS for m in profile.skills[link.skill].mentions)]
    evidence = sum(link.weight for link in shown) / core_total
    parts.append(ScorePart("evidence", round(PART_POINTS["evidence"] * evidence, 1),
                           PART_POINTS["evidence"], tuple(link.skill for link in shown)))
    score = round(sum(p.points for p in parts), 1)
    missing = []
    for link in links:
        rec = profile.skills.get(link.skill)
        if rec is not None and rec.proficiency not in WEAK:
            continue
        skill = taxonomy.skill_by_id[link.skill]
        missing.append(MissingSkill(skill.id, skill.name, link.importance, link.weight,
                                    "absent" if rec is None else "weak", None if rec is None else rec.proficiency))
    missing.sort(key=lambda m: (IMPORTANCE_ORDER[m.importance], -m.weight, m.id))
    matched = tuple(link.skill for link in links if link.skill in profile.skills
                    and profile.skills[link.skill].proficiency not in WEAK)
    return RoleFit(role.id, role.name, score, tuple(parts), matched, tuple(missing))


def score_roles(profile: Profile, taxonomy: Taxonomy, *, today: date, extra: list[Role] = ()) -> list[RoleFit]:  # type: ignore[assignment]
    """Score every role of the taxonomy (plus ``extra`` ad-hoc roles), best first."""
    fits = [score_role(role, profile, taxonomy, today=today) for role in [*taxonomy.roles, *extra]]
    return sorted(fits, key=lambda f: (-f.score, f.id))


def compare(best: RoleFit, runner: RoleFit, taxonomy: Taxonomy) -> str:
    """Say in one sentence what separates the best role from the runner-up."""
    best_role, run_role = taxonomy.role_by_id.get(best.id), taxonomy.role_by_id.get(runner.id)
    lead = round(best.score - runner.score, 1)
    text = f"{best.name} leads {runner.name} by {lead} points"
    if best_role and run_role:
        ess_best = {link.skill for link in best_role.skills if link.importance == "essential"}
        ess_run = {link.skill for link in run_role.skills if link.importance == "essential"}
        yours = [taxonomy.skill_by_id[s].name for s in sorted(ess_best - ess_run) if s in best.matched]
        needs = [m.name for m in runner.missing if m.importance == "essential"][:3]
        if yours:
            text += f": you hold {', '.join(yours[:4])}, essential for {best.name} but not for {runner.name}"
        if needs:
            text += f"; {runner.name} would also need {', '.join(needs)}"
    return text + "."


LEVELS = ("junior", "mid", "senior", "principal")


def seniority(profile: Profile, role: Role | None) -> Seniority:
    """Place the candidate on junior/mid/senior/principal and on the role's career ladder."""
    years = profile.relevant_years if profile.relevant_years is not None else (profile.years_experience or 0.0)
    level = 0 if years < 3 else 1 if years < 6 else 2 if years < 12 else 3
    signals = set(profile.signals)
    if "principal" in signals and years >= 9:
        level = 3
    elif signals & {"lead", "mentoring"} and years >= 4:
        level = max(level, 2)
    elif {"phd", "publications"} <= signals and years >= 1:
        level = max(level, 1)
    name = LEVELS[level]
    if role is None or not role.ladder:
        return Seniority(name, profile.years_experience, profile.relevant_years, tuple(sorted(signals)))
    ladder = sorted(role.ladder, key=lambda lv: LEVELS.index(lv.level))
    step = max((lv for lv in ladder if LEVELS.index(lv.level) <= level), key=lambda lv: LEVELS.index(lv.level),
               default=ladder[0])
    salary = step.salary.model_dump() if step.salary else None
    source = (step.salary.source if step.salary else None) or step.source
    return Seniority(name, profile.years_experience, profile.relevant_years, tuple(sorted(signals)), role.id,
                     step.title, salary, source)
