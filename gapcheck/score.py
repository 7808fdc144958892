"""Stage 4: score every role from a skill profile, list the gaps, and judge the fit (seniority: _seniority).

Score (0-100) = the sum of five named parts, each traceable to its skills:

* essential  (45 points): weighted coverage of the role's essential skills
* important  (25 points): weighted coverage of its important skills
* optional   ( 5 points): weighted coverage of its optional skills
* depth      (15 points): years and recency behind the essential and important skills
* evidence   (10 points): share of those skills shown in experience, projects or publications

Coverage credits a skill by proficiency: strong 1.0, listed (skills list only) 0.75,
basic (hedged or coursework) 0.4, implied 0.25 (0.5 when implied by a skill shown strongly, 0.75 when by two or more).
Same profile and taxonomy, same numbers.

:func:`judge` then names the best role on evidence of ML work: a role fits only when the resume
shows its core field skills at work, not when generic skills or claims alone score well.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import Literal, cast

from gapcheck._applied import building_on_models
from gapcheck._compare import compare
from gapcheck._lineage import ancestors_of
from gapcheck._seniority import seniority as seniority  # re-exported: the pipeline and tests read it here
from gapcheck._service import by_record
from gapcheck.config import DEFAULT_MIN_FIT
from gapcheck.profile import STRONG_SECTIONS, Profile, SkillRecord
from gapcheck.results import (
    Claims,
    FitStatus,
    MissingSkill,
    PartName,
    Proficiency,
    RoleFit,
    ScorePart,
    constant,
)
from gapcheck.taxonomy import IMPORTANCE_ORDER, Role, Taxonomy

PART_POINTS = {"essential": 45.0, "important": 25.0, "optional": 5.0, "depth": 15.0, "evidence": 10.0}
CREDIT = {"strong": 1.0, "assumed": 1.0, "listed": 0.75, "basic": 0.4, "implied": 0.25}
IMPLIED_BY_STRONG = 0.5
WEAK = {"basic", "implied"}
FULL_DEPTH_YEARS = 3.0


def _credit(rec: SkillRecord, skills: dict[str, SkillRecord]) -> float:
    """Coverage credit of a held skill; a broader skill implied by one shown in experience,
    projects or publications (strong) counts for more than one implied by a listed term, and
    one implied by two or more such skills as much as a listed one."""
    if rec.proficiency == "implied":
        strong = sum(skills[c].proficiency == "strong" for c in rec.implied_by if c in skills)
        if strong >= 2:
            return CREDIT["listed"]
        if strong:
            return IMPLIED_BY_STRONG
    return CREDIT[rec.proficiency]


def _depth(rec: SkillRecord, today: date) -> float:
    if rec.proficiency == "assumed":
        return 0.0
    if rec.years:
        recency = 1.0 if rec.last_used is None or rec.last_used >= today.year - 2 else 0.5
        return min(rec.years, FULL_DEPTH_YEARS) / FULL_DEPTH_YEARS * recency
    return 0.3 if rec.proficiency == "strong" else 0.0


@dataclass(frozen=True)
class _RoleLinks:
    """A role's links arranged for scoring, computed once per taxonomy."""

    groups: tuple[tuple[str, float], ...]  # (importance, total weight), essential to optional
    # Every link in the role's own order: (skill id, group index, weight, place in gap order).
    links: tuple[tuple[str, int, float, int], ...]
    core_total: float  # weight of the essential and important links
    # The MissingSkill of each link in gap order when it is absent, and when held only weakly (by proficiency).
    absent: tuple[MissingSkill, ...]
    weak: tuple[dict[str, MissingSkill], ...]
    role: Role  # the role arranged


def _arrange(role: Role, taxonomy: Taxonomy) -> _RoleLinks:
    names = ("essential", "important", "optional")
    totals = [0.0, 0.0, 0.0]
    for imp in range(3):
        totals[imp] = sum(link.weight for link in role.skills if link.importance == names[imp])
    in_gap_order = sorted(range(len(role.skills)), key=lambda i: (
        IMPORTANCE_ORDER[role.skills[i].importance], -role.skills[i].weight, role.skills[i].skill))
    gap_place = {i: g for g, i in enumerate(in_gap_order)}
    absent, weak = [], []
    for i in in_gap_order:
        link = role.skills[i]
        skill = taxonomy.skill_by_id[link.skill]
        missing = MissingSkill(skill.id, skill.name, link.importance, link.weight, "absent", None)
        absent.append(missing)
        weak.append({w: replace(missing, status="weak", held_as=cast(Proficiency, w)) for w in sorted(WEAK)})
    links = tuple((link.skill, IMPORTANCE_ORDER[link.importance], link.weight, gap_place[i])
                  for i, link in enumerate(role.skills))
    # Essential weights, then important ones: the order the sum always ran in (floats).
    core = sum([link.weight for link in role.skills if link.importance == "essential"]
               + [link.weight for link in role.skills if link.importance == "important"])
    return _RoleLinks(tuple(zip(names, totals, strict=True)), links, core or 1.0, tuple(absent), tuple(weak), role)


_ARRANGED: dict[str, dict[str, _RoleLinks]] = {}


def _arranged(role: Role, taxonomy: Taxonomy) -> _RoleLinks:
    """The taxonomy's own roles are arranged once per process; ad-hoc roles (--job) each time."""
    shelf = _ARRANGED.get(taxonomy.content_hash)
    if shelf is None:
        shelf = _ARRANGED[taxonomy.content_hash] = {}
    kept = shelf.get(role.id)
    if kept is not None and kept.role is role:  # the common case, checked first
        return kept
    if taxonomy.role_by_id.get(role.id) is not role:
        return _arrange(role, taxonomy)
    if kept is None:
        links = shelf[role.id] = _arrange(role, taxonomy)
        for absent, weak in zip(links.absent, links.weak, strict=True):  # shared by every result from now on
            constant(absent)
            for entry in weak.values():
                constant(entry)
    return shelf[role.id]


@dataclass
class _Held:
    """What scoring reads of each held skill, computed once per profile, not once per role."""

    credit: dict[str, float]
    depth: dict[str, float]
    shown: set[str]  # shown in experience, projects or publications
    weak: dict[str, str]  # held only as basic or implied: its proficiency


def _held(profile: Profile, today: date) -> _Held:
    skills = profile.skills
    h = _Held({}, {}, set(), {})
    for sid, rec in skills.items():
        level = rec.proficiency
        # The calls only where they can give something else: an implied skill's credit depends on
        # what implies it, and only years or strong use give depth.
        h.credit[sid] = _credit(rec, skills) if level == "implied" else CREDIT[level]
        h.depth[sid] = _depth(rec, today) if rec.years or level == "strong" else 0.0
        if rec.mentions and any(m.section in STRONG_SECTIONS for m in rec.mentions):
            h.shown.add(sid)
        if level in WEAK:
            h.weak[sid] = level
    return h


def score_role(role: Role, profile: Profile, taxonomy: Taxonomy, *, today: date) -> RoleFit:
    """Score one role: named parts that add up to the score, matched and missing skills."""
    return _score_role(role, taxonomy, _held(profile, today))


def _score_role(role: Role, taxonomy: Taxonomy, h: _Held) -> RoleFit:
    links = _arranged(role, taxonomy)
    credit = h.credit
    # Only the role's links to held skills count; a resume holds a few of a role's 25-85.
    held = [link for link in links.links if link[0] in credit]
    by_group: tuple[list[tuple[str, int, float, int]], ...] = ([], [], [])
    for link in held:
        by_group[link[1]].append(link)
    parts: list[ScorePart] = []
    points: list[float] = []
    essential_cov = None
    for (imp, total), got in zip(links.groups, by_group, strict=True):
        if total:
            cov = sum([w * credit[sid] for sid, _, w, _ in got]) / total
        else:
            cov = essential_cov or 0.0
        essential_cov = cov if imp == "essential" else essential_cov
        points.append(round(PART_POINTS[imp] * cov, 1))
        parts.append(ScorePart(cast(PartName, imp), points[-1], PART_POINTS[imp], tuple([link[0] for link in got])))
    # Essential links, then important ones, each in the role's order (as the sums always ran).
    core = by_group[0] + by_group[1]
    depth_of = h.depth
    depth = sum([w * depth_of[sid] for sid, _, w, _ in core]) / links.core_total
    points.append(round(PART_POINTS["depth"] * depth, 1))
    parts.append(ScorePart("depth", points[-1], PART_POINTS["depth"],
                           tuple([link[0] for link in core if depth_of[link[0]] > 0])))
    shown = [link for link in core if link[0] in h.shown]
    evidence = sum([w for _, _, w, _ in shown]) / links.core_total
    points.append(round(PART_POINTS["evidence"] * evidence, 1))
    parts.append(ScorePart("evidence", points[-1], PART_POINTS["evidence"], tuple([link[0] for link in shown])))
    weak = h.weak
    matched = tuple([link[0] for link in held if link[0] not in weak])
    return RoleFit(role.id, role.name, round(sum(points), 1), tuple(parts), matched,
                   _gaps(links, [(place, sid) for sid, _, _, place in held], weak))


def _gaps(links: _RoleLinks, held: list[tuple[int, str]], weak: Mapping[str, str]) -> tuple[MissingSkill, ...]:
    """The role's missing skills in gap order: every absent link's entry, and the weak entry of
    each link held only weakly. ``held``: (place in gap order, skill id) of each held link."""
    absent = links.absent
    missing: list[MissingSkill] = []
    start = 0
    for place, sid in sorted(held):
        missing += absent[start:place]
        if sid in weak:
            missing.append(links.weak[place][weak[sid]])
        start = place + 1
    missing += absent[start:]
    return tuple(missing)


def missing_skills(role: Role, taxonomy: Taxonomy, held: Mapping[str, str]) -> tuple[MissingSkill, ...]:
    """A role's missing skills for a candidate known only by the proficiency of each held skill.

    Args:
        role: a role of ``taxonomy``.
        taxonomy: the taxonomy the skills were found with.
        held: skill id -> proficiency, every skill of the result (as a compact batch line keeps them).

    Returns:
        The same entries, in the same order, as the role's ``RoleFit.missing`` in the full result.
    """
    links = _arranged(role, taxonomy)
    return _gaps(links, [(place, sid) for sid, _, _, place in links.links if sid in held],
                 {sid: p for sid, p in held.items() if p in WEAK})


def score_roles(profile: Profile, taxonomy: Taxonomy, *, today: date, extra: list[Role] = ()) -> list[RoleFit]:  # type: ignore[assignment]
    """Score every role of the taxonomy (plus ``extra`` ad-hoc roles), best first."""
    held = _held(profile, today)
    fits = [_score_role(role, taxonomy, held) for role in [*taxonomy.roles, *extra]]
    return sorted(fits, key=lambda f: (-f.score, f.id))


# A role fits only when the resume shows at least this many of its core field skills at work.
MIN_EVIDENCE = 2
# With papers at the field's venues and MIN_EVIDENCE core skills shown, a role fits from this
# share of the bar: a theorist's CV names few of a role's skills, and its papers are the work.
RESEARCH_SHARE = 0.75
# ... and so it does from this many core methods and tools shown at work, papers or not.
BROAD_EVIDENCE = 2 * MIN_EVIDENCE
# Dated work of at least this many years none of which is the field's (Profile.field_work: no job entry shows a
# skill of the field, no research post, no job under a field role's name) makes a fit at most a weak match: its
# skills come from projects, study or a placement (one summer's ML). So does such a career after work done while
# studying that shows the field, where nothing since does: no job, thesis or job title of the field now
# (Profile.field_now; a student robotics team's ML, then four years of railway software).
UNPRACTISED_YEARS = 2.0
# A research record of at least this many papers, at most this share of them the field's, and
# no job or doctorate that shows the field's skills, is another field's research: a weak match.
OTHER_FIELD_PAPERS = 5
OTHER_FIELD_SHARE = 0.2
# ... and a record of this many papers so placed is, even when jobs name the field's methods
# (a physicist's MCMC and one CNN benchmark), unless the latest job, the doctorate's research or
# a job under a field role's name shows the field (Profile.field_now).
LARGE_RECORD = 10
# A career of at least this many years of dated work, at most OTHER_FIELD_SHARE of them in entries
# that show the field's skills and the latest not among them, is another trade's: a weak match.
SIDELINE_YEARS = 5.0
# Projects are the only evidence, at least this many of them and at most SIDE_PROJECT_SHARE of them
# in the field: another trade's side project (a graduate's one vision project of four), a weak match.
SIDE_PROJECTS = 3
SIDE_PROJECT_SHARE = 1 / 3
# Jobs held under a field role's name this many years, showing a skill of the field, are the role's work though
# their lines name few of its skills (a data scientist's "Implemented SOTA models"); a title held briefly is a claim.
POST_YEARS = 2.0
# A fitting role that the resume's own title names is the verdict from this share of the best's score.
TITLE_SHARE = 0.8
# Claims far outrun evidence when at least this many field skills are only listed, and more than
# CLAIMS_RATIO times as many as the field skills shown at work.
CLAIMS_MIN_LISTED = 10
CLAIMS_RATIO = 3


@dataclass(frozen=True)
class Verdict:
    """Which of the taxonomy's roles fits the resume, said in a sentence, and why."""

    best: RoleFit | None  # None: no role fits (a weak match included)
    closest: RoleFit  # the role that fits, else the top-scoring one
    text: str
    comparison: str | None  # what separates ``best`` from the runner-up; None without both
    status: FitStatus = "none"
    evidence: tuple[str, ...] = ()  # the closest role's core field skills shown at work
    needs: tuple[str, ...] = ()  # the closest role's essential field skills no shown skill covers
    claims: Claims | None = None


def evidence_for(role: Role, profile: Profile, taxonomy: Taxonomy) -> tuple[str, ...]:
    """Field skills the resume shows at work (in experience, projects or publications) that are
    the role's essential or important skills or narrower ones (LightGBM for gradient boosting):
    evidence of the field's work, not claims. Beside one such skill, papers at the field's own
    venues count too for a role that asks for them (a theorist's work names few skills)."""
    return _evidence_for(_core(role, taxonomy), profile.shown & taxonomy.field_skills, ancestors_of(taxonomy),
                         profile.shown & taxonomy.paper_venues)


def _evidence_for(core: frozenset[str], shown_field: frozenset[str],
                  ancestors: Mapping[str, tuple[str, ...]], venues: frozenset[str] = frozenset()) -> tuple[str, ...]:
    found = tuple(sorted(sid for sid in shown_field if sid in core or not core.isdisjoint(ancestors[sid])))
    if len(found) == 1 and not core.isdisjoint(venues):
        found = tuple(sorted((*found, *(venues & core))))
    return found


_CORE: dict[str, dict[str, frozenset[str]]] = {}


def _core(role: Role, taxonomy: Taxonomy) -> frozenset[str]:
    """The role's essential and important skills (kept per taxonomy for its own roles)."""
    shelf = _CORE.setdefault(taxonomy.content_hash, {})
    core = shelf.get(role.id) if taxonomy.role_by_id.get(role.id) is role else None
    if core is None:
        core = frozenset(link.skill for link in role.skills if link.importance != "optional")
        if taxonomy.role_by_id.get(role.id) is role:
            shelf[role.id] = core
    return core


def claims(profile: Profile, taxonomy: Taxonomy) -> Claims:
    """How far the field skills a resume only lists outrun those it shows at work (listed
    tools of every trade, such as Python, Git or Excel, claim nothing of the field)."""
    field = taxonomy.field_skills
    listed = sum(1 for sid, rec in profile.skills.items() if rec.proficiency == "listed" and sid in field)
    shown = len(profile.shown & field)
    return Claims(listed, shown, listed >= CLAIMS_MIN_LISTED and listed > CLAIMS_RATIO * shown)


def _verb(count: int) -> str:
    """The verb after a count: "shows" after one or none ("1 of the 7 papers shows"), else "show"."""
    return "shows" if count <= 1 else "show"


def judge(fits: list[RoleFit], profile: Profile, taxonomy: Taxonomy, *, min_fit: float = DEFAULT_MIN_FIT) -> Verdict:
    """Decide which role fits, or that none does yet, on evidence of the field's work.

    Args:
        fits: role scores, best first (:func:`score_roles`); ad-hoc roles (a job posting)
            among them are not the taxonomy's and are never the verdict.
        profile: the skill profile the scores came from (what is shown at work).
        taxonomy: the taxonomy the roles come from.
        min_fit: the score (0-100) under which no role fits.

    Returns:
        A :class:`Verdict`. A role fits when it scores at least ``min_fit`` and the resume shows
        at least :data:`MIN_EVIDENCE` of its core field skills at work; the best such role is
        the verdict. Generic skills (Python, SQL, statistics), a domain, soft skills, a PhD or
        skills that are only listed are not enough. One such skill is a weak match, unless it
        was shown in a job held under the role's own name (:attr:`Profile.post_roles`).
    """
    ranked = [f for f in fits if f.id in taxonomy.role_by_id]
    shown_field, ancestors = profile.shown & taxonomy.field_skills, ancestors_of(taxonomy)
    venues = profile.shown & taxonomy.paper_venues
    evidence = {f.id: _evidence_for(_core(taxonomy.role_by_id[f.id], taxonomy), shown_field, ancestors, venues)
                for f in ranked}
    # Papers at the field's venues beside two core skills lower the bar (RESEARCH_SHARE), and so does broad evidence
    # (BROAD_EVIDENCE core methods and tools shown at work, not the field's maths): a terse CV names few of a role's
    # skills. Two shown in a job held under the role's name clear it ("Data Scientist": "trained a classifier").
    by_papers = {f.id for f in ranked if venues and len(set(evidence[f.id]) - venues) >= MIN_EVIDENCE}
    broad = {f.id for f in ranked if sum(taxonomy.skill_by_id[s].type not in ("math", "credential")
                                          for s in evidence[f.id]) >= BROAD_EVIDENCE}
    bar = {f.id: min_fit * RESEARCH_SHARE if f.id in by_papers | broad else min_fit for f in ranked}
    waive = min_fit <= DEFAULT_MIN_FIT  # a bar the user raised (--min-fit) is never waived
    bar.update({f.id: 0.0 for f in ranked
                if waive and f.id in profile.post_roles and len(evidence[f.id]) >= MIN_EVIDENCE})
    # A job held under the role's own name ("Machine Learning Engineer, 2019 - 2023"; a doctorate in the field) is
    # the field's work beside one core skill it shows (a title alone is a claim); one of them is a method or tool of
    # the field or a paper at its venues, not only its maths (an actuary's survival analysis is no ML work; a
    # theorist's ML theory beside NeurIPS is) nor the field's name ("a platform to run machine learning models"),
    # unless said in a job held under the role's name ("Data Scientist: fraud detection using machine learning").
    areas = frozenset(taxonomy.area_skills)
    # Beside a paper at the field's venues, the field's name and its maths together are its research (a PhD student's
    # "Bayesian inference and deep generative models" at AISTATS; a statistician's maths alone is not).
    def method(role: str, s: str) -> bool:
        return taxonomy.skill_by_id[s].type != "math" and (
            s not in areas or (role in profile.post_roles and s in profile.post_skills))

    methods = {f.id: any(method(f.id, s) for s in evidence[f.id]) or (
        not venues.isdisjoint(_core(taxonomy.role_by_id[f.id], taxonomy)) and not areas.isdisjoint(evidence[f.id]))
        for f in ranked}
    applied = building_on_models(evidence, profile, taxonomy)  # ... nor only an LLM chatbot and the like
    fitting = [f for f in ranked if f.score >= bar[f.id] and methods[f.id] and f.id not in applied and (
        len(ev := evidence[f.id]) >= MIN_EVIDENCE or (len(ev) == 1 and f.id in profile.post_roles))]
    record = None if fitting or not waive else by_record([f.id for f in ranked], profile.service_venues,
                                                         profile.published_venues, taxonomy)
    titled_posts = set(profile.post_roles) - set(profile.doctoral_roles) - applied
    if record is None and not fitting and waive and profile.post_years >= POST_YEARS and (
            post_role := next((f.id for f in ranked if f.id in titled_posts), None)):
        record = (post_role, f"{profile.post_years:.0f} years in jobs held under the role's name")
    fitting = fitting or [f for f in ranked if record and f.id == record[0]]
    top = fitting[0] if fitting else ranked[0]
    # A role the resume's own title names wins over one that scores a little more: a few points
    # are within what the score can tell apart, and the title is what a recruiter reads first.
    def close_call(named: Collection[str]) -> RoleFit | None:
        return next((f for f in fitting if f.id in named and f.score >= TITLE_SHARE * top.score), None)

    titled = close_call(profile.title_roles)
    # A research post names the research roles in general, where the best is no research role
    # (a PhD candidate's thesis work scoring a little more for NLP Engineer than for researcher).
    post = profile.research_post and titled is None and top.id not in taxonomy.research_track
    if post:
        titled = close_call(taxonomy.research_roles)
    if titled is not None:
        top = titled
    shown = evidence[top.id]
    field = taxonomy.field_skills
    covered = set(shown).union(*(ancestors[s] for s in shown))
    needs = tuple(taxonomy.skill_by_id[link.skill].name for link in taxonomy.role_by_id[top.id].skills
                  if link.importance == "essential" and link.skill in field and link.skill not in covered)
    said = claims(profile, taxonomy)
    no_role = f"No {taxonomy.field_name} role" if taxonomy.field_name else "No role"
    core = f"core {taxonomy.field_name} skills" if taxonomy.field_name else "core skills"
    years = profile.years_experience
    career = profile.career_share
    unpractised = years is not None and years >= UNPRACTISED_YEARS and (not profile.field_work or (
        career is not None and not career[0] and not profile.field_now))
    in_field, papers = profile.paper_share
    sideline = (career[:2] if career is not None and career[1] >= SIDELINE_YEARS and career[0] > 0
                and career[0] <= OTHER_FIELD_SHARE * career[1] and not career[2] else None)
    # A large record (LARGE_RECORD papers) so placed is another field's research even beside jobs
    # that name the field's methods, unless the field's work is the person's now.
    elsewhere = (papers >= OTHER_FIELD_PAPERS and in_field <= OTHER_FIELD_SHARE * papers
                 and (not profile.field_beyond_papers or (papers >= LARGE_RECORD and not profile.field_now)))
    projects = profile.project_share
    side = (projects is not None and projects[1] >= SIDE_PROJECTS
            and projects[0] <= SIDE_PROJECT_SHARE * projects[1])
    status: FitStatus
    if fitting and elsewhere:
        status = "weak"
        which = f"{in_field} of the {papers} papers" if in_field else f"none of the {papers} papers"
        nor = ("neither the latest job nor the doctorate does" if profile.field_beyond_papers
               else "no job or doctorate does")
        text = (f"A weak match: {top.name} ({top.score:.1f}/100), but {which} {_verb(in_field)} the field's "
                f"skills and {nor}: the research is in another field.")
    elif fitting and sideline is not None and not profile.post_roles:
        status = "weak"
        text = (f"A weak match: {top.name} ({top.score:.1f}/100), but only {sideline[0]:.0f} of the "
                f"{sideline[1]:.0f} years of dated work {_verb(round(sideline[0]))} the field's skills, and not the "
                "latest job.")
    elif fitting and side and projects is not None:
        status = "weak"
        which = f"only {projects[0]}" if projects[0] else "none"
        text = (f"A weak match: {top.name} ({top.score:.1f}/100), but {which} of the {projects[1]} projects "
                f"{_verb(projects[0])} the field's skills, and no job, internship or thesis does.")
    elif fitting and unpractised:
        status = "weak"
        text = (f"A weak match: {top.name} ({top.score:.1f}/100), but none of the {years:.0f} years of dated work "
                "shows the field's skills; those shown come from projects, study, a placement or work while studying.")
    elif fitting:
        status, text = "fit", f"Best fit: {top.name} ({top.score:.1f}/100)."
        if record is not None:
            text += (f" It rests on {record[1]}, though the resume shows {len(shown) or 'none'} of the role's core "
                     "skills at work.")
        doctoral = top.id in profile.doctoral_roles
        if record is None and len(shown) < MIN_EVIDENCE:
            text += f" It rests on {taxonomy.skill_by_id[shown[0]].name} shown at work in " + (
                "a doctorate in the field." if doctoral else "a job held under the role's name.")
        if top.score < min_fit and top.id not in by_papers and record is None:
            held = "" if top.id not in profile.post_roles else (
                ", in a doctorate in the field" if doctoral else ", in a job held under its name")
            text += (f" It scores under the {min_fit:.0f}-point bar, but the resume shows {len(shown)} of its "
                     f"core skills at work{held}.")
        elif top.score < min_fit and record is None:
            text += (f" It scores under the {min_fit:.0f}-point bar, but papers at the field's venues and "
                     f"{len(shown)} of its core skills shown are the field's research.")
    elif top.score == 0:
        status, text = "none", f"{no_role} fits yet: the resume shows none of the skills the roles ask for."
    elif top.score < min_fit:
        status = "none"
        text = (f"{no_role} fits yet: the closest, {top.name}, scores {top.score:.1f}/100, under the "
                f"{min_fit:.0f}-point bar.")
    else:
        status = "weak" if shown else "none"
        names = ", ".join(taxonomy.skill_by_id[s].name for s in shown)
        if not shown:
            text = (f"{no_role} fits yet: the closest, {top.name} ({top.score:.1f}/100), rests on skills that are "
                    f"listed or generic; none of its {core} is shown in experience, projects or research.")
        elif top.id in applied:
            text = (f"A weak match: {top.name} ({top.score:.1f}/100), but what the resume shows at work ({names}) "
                    "is building on models others made: it shows no model trained or tuned and no method of the field.")
        elif not methods[top.id]:
            kinds = " and ".join(k for k, on in (("the field's own name", not areas.isdisjoint(shown)), (
                "statistics many trades use", not areas.issuperset(shown))) if on)
            text = (f"A weak match: {top.name} ({top.score:.1f}/100), but the core skills the resume shows at work "
                    f"({names}) are {kinds}, not the field's methods or tools.")
        else:
            text = (f"A weak match: {top.name} ({top.score:.1f}/100), but the resume shows only {names} of its core "
                    "skills at work.")
    if status != "fit" and needs and top.score > 0:
        text += f" It would take work that shows {', '.join(needs[:4])}."
    if said.flagged:
        text += (f" Claims without evidence: {said.listed} field skills listed, {said.shown} shown "
                 "at work.")
    best = top if status == "fit" else None
    later = [f for f in ranked if f is not top]
    why: Literal["", "title", "post"] = "" if titled is not top else "post" if post else "title"
    comparison = compare(top, later[0], taxonomy, titled=why) if best is not None and later else None
    return Verdict(best, top, text, comparison, status, shown, needs, said)
