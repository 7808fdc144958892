"""Seniority: the level a candidate's years and signals reach on a role's career ladder."""

from __future__ import annotations

from typing import cast

from gapcheck.profile import Profile
from gapcheck.results import Level, Seniority, Signal
from gapcheck.taxonomy import LadderLevel, Role

LEVELS: tuple[Level, ...] = ("junior", "mid", "senior", "principal")
# Where a role's ladder gives no years, the levels start at these (gapcheck's estimate).
DEFAULT_YEARS: dict[str, float] = {"junior": 0.0, "mid": 3.0, "senior": 6.0, "principal": 12.0}


def _years_level(years: float, role: Role | None) -> int:
    """The level (index into LEVELS) that ``years`` reach on the role's ladder: the highest step
    whose ``years_min`` they meet. Below the ladder's first step, the default cut-offs, capped
    below that step (a ladder that starts at mid level says nothing of juniors)."""
    steps = sorted((LEVELS.index(cast(Level, lv.level)), lv.years_min) for lv in (role.ladder if role else [])
                   if lv.level in LEVELS and lv.years_min is not None)
    default = max(i for i, lv in enumerate(LEVELS) if years >= DEFAULT_YEARS[lv])
    if not steps:
        return default
    reached = [rank for rank, low in steps if years >= low]
    return max(reached) if reached else min(default, steps[0][0])


def seniority(profile: Profile, role: Role | None, *, asked: bool = False) -> Seniority:
    """Place the candidate on a level and on the role's career ladder.

    Args:
        profile: the candidate's years and seniority signals.
        role: the role whose ladder to use; None places the person by the default cut-offs
            (3, 6 and 12 years) and names no step.
        asked: the user asked about this role. Without dated experience (no dates were read:
            the years are unknown, not a beginner's) the level is "unknown" and a ladder step and
            pay are given only when asked (on the years read as none), or when the role counts
            the person's doctoral years.

    Returns:
        The level the years reach on the role's own ladder (001: 5+ years is senior for an ML
        scientist; 002: 2-6 years is mid for an ML researcher), raised by signals of leading,
        mentoring, a principal title or a publishing PhD; the ladder step at that level, its pay where a document
        states it, and the role's pay whose level no document states.
    """
    unknown = profile.years_experience is None and profile.relevant_years is None
    signals = set(cast(tuple[Signal, ...], profile.signals))
    years = profile.relevant_years if profile.relevant_years is not None else (profile.years_experience or 0.0)
    # A role that asks for a doctorate counts the doctoral years of a resume that shows work in
    # the field (an ML PhD is years of ML research; a chemistry PhD's years are not).
    if role is not None and profile.years_with_doctorate is not None and any(
            link.skill in profile.doctoral_skills and link.importance != "optional" for link in role.skills):
        years = max(years, profile.years_with_doctorate)
        unknown = False
    if unknown and not asked:
        # No dates were read: the level is unknown, not a beginner's, and no step or pay is named.
        return Seniority("unknown", None, None, tuple(sorted(signals)))
    level = _years_level(years, role)
    if "principal" in signals and years >= 9:
        level = 3
    elif signals & {"lead", "mentoring"} and years >= 4:
        level = max(level, 2)
    elif "publications" in signals and years > 0 and (("phd" in signals and years >= 1)
                                                       or (profile.research_years or 0) >= 4):
        # A finished PhD who publishes, or a doctoral candidate publishing from the fourth year on,
        # in the field (a biologist's twenty years of papers make no mid-level ML researcher).
        level = max(level, 1)
    name = LEVELS[level]
    if role is None or not role.ladder:
        return Seniority(name, profile.years_experience, profile.relevant_years, tuple(sorted(signals)))
    # Executive steps (director, chief) are named by a guide but never reached by years.
    # A person below a ladder's first step (a posting for seniors) is placed on no step.
    def rank(lv: LadderLevel) -> int:
        return LEVELS.index(cast(Level, lv.level))

    step = max((lv for lv in role.ladder if lv.level in LEVELS and rank(lv) <= level), key=rank, default=None)
    if step is None:
        return Seniority(name, profile.years_experience, profile.relevant_years, tuple(sorted(signals)), role.id,
                         pay=tuple(band.model_dump() for band in role.pay))
    return Seniority(
        name,
        profile.years_experience,
        profile.relevant_years,
        tuple(sorted(signals)),
        role.id,
        step.title,
        step.salary.model_dump() if step.salary else None,
        step.source,
        step.years_estimated,
        tuple(band.model_dump() for band in role.pay),
    )
