"""Typed, frozen result objects. ``AnalysisResult.to_dict()`` is the documented JSON schema."""

from __future__ import annotations

import json
from dataclasses import dataclass, fields
from typing import Any, Literal, TypeVar

from gapcheck._frozen import quick_init
from gapcheck.taxonomy import Importance, SkillType

SCHEMA_VERSION = "1.8"
_T = TypeVar("_T")

# The values of the string fields that hold one of a fixed set. docs/schema.md says what each
# means, the JSON schema lists them as enums, and the stages that make them import them from here.
# Sections are data (skill_taxonomy/sections.yaml); a test keeps this list the same as the data's.
Section = Literal[
    "header",
    "summary",
    "experience",
    "supervision",
    "education",
    "skills",
    "projects",
    "publications",
    "certifications",
    "courses",
    "interests",
    "plans",
    "goals",
    "other",
]
MentionMatch = Literal["exact", "alias", "pattern", "fuzzy"]  # how a mention's words matched the skill
SkillMatch = Literal[MentionMatch, "implied", "assumed"]  # how a found skill was found
MentionStatus = Literal["held", "rejected"]
Proficiency = Literal["strong", "listed", "basic", "implied", "assumed"]
RejectReason = Literal[
    "negated",
    "learning",
    "others_work",
    "ambiguous",
    "interest",
    "goal",
    "teaching",
    "job_title",
    "degree",
    "category_label",
    "publication_title",
]
PartName = Literal[Importance, "depth", "evidence"]  # the parts of a role's score
GapStatus = Literal["absent", "weak"]
# Years place a person up to principal; director and chief are ladder steps a guide names (001).
# "unknown" when no dated experience was read (and no role was asked for): not a beginner's level.
Level = Literal["junior", "mid", "senior", "principal", "director", "chief", "unknown"]
Signal = Literal["lead", "mentoring", "principal", "phd", "publications"]
PhaseStatus = Literal["todo", "done"]
FitStatus = Literal["fit", "weak", "none"]

_FIELDS: dict[type, tuple[str, ...]] = {}
# The plain forms of result objects that are the same for every resume, by identity (each
# holding its object, so that the id stays its own): a role's missing-skill entries are made once
# per taxonomy (score.py), and rebuilding the 300-400 of them in each result took half of to_dict.
_CONSTANT: dict[int, tuple[Any, dict[str, Any]]] = {}
_SCALARS = (str, int, float, bool, type(None))
_LEAVES = frozenset(_SCALARS)


def constant(obj: _T) -> _T:
    """Mark a result object as made once and shared by every result, so that :meth:`to_dict`
    copies its plain form rather than rebuilding it.

    Args:
        obj: a frozen result dataclass whose fields are all strings, numbers or None.

    Returns:
        ``obj`` itself.

    Raises:
        TypeError: a field holds something other than a string, number or None.
    """
    plain = _plain(obj)
    if not all(isinstance(v, _SCALARS) for v in plain.values()):
        raise TypeError(f"constant(): every field of {type(obj).__name__} must be a string, number or None")
    _CONSTANT[id(obj)] = (obj, plain)
    return obj


def _plain(obj: Any) -> Any:
    """What ``dataclasses.asdict`` returns, without its deep copy of every leaf (3x faster here),
    and with lists for tuples: the data ``json.loads`` reads back from its JSON."""
    kind = type(obj)
    if kind in _LEAVES:  # most values: checked first, and in the loops below without a call
        return obj
    if kind is tuple or kind is list:  # a list, as json.loads gives it back
        return [v if type(v) in _LEAVES else _plain(v) for v in obj]
    if kind is dict:
        return {k: v if type(v) in _LEAVES else _plain(v) for k, v in obj.items()}
    shared = _CONSTANT.get(id(obj))
    if shared is not None:
        return shared[1].copy()  # flat: a shallow copy is a whole one
    names = _FIELDS.get(kind)
    if names is None and hasattr(kind, "__dataclass_fields__"):
        names = _FIELDS[kind] = tuple(f.name for f in fields(obj))
    if names is None:
        return obj
    out = {}
    for name in names:
        value = getattr(obj, name)
        out[name] = value if type(value) in _LEAVES else _plain(value)
    return out


@quick_init
@dataclass(frozen=True)
class Evidence:
    text: str
    section: Section
    line: int
    start: int
    end: int
    match: MentionMatch
    confidence: float
    term: str


@quick_init
@dataclass(frozen=True)
class FoundSkill:
    id: str
    name: str
    category: str
    type: SkillType
    match: SkillMatch
    proficiency: Proficiency
    evidence: tuple[Evidence, ...]
    years: float | None
    last_used: int | None
    implied_by: tuple[str, ...] = ()


@quick_init
@dataclass(frozen=True)
class RejectedMention:
    id: str
    name: str
    reason: RejectReason
    evidence: Evidence
    # The rule that rejected it: a context rule's id (skill_taxonomy/context_rules.yaml),
    # "taxonomy.ambiguous_word", "taxonomy.other_sense" or "placement.<reason>".
    rule: str | None = None


@quick_init
@dataclass(frozen=True)
class ScorePart:
    name: PartName
    points: float
    max_points: float
    skills: tuple[str, ...]


@dataclass(frozen=True)
class MissingSkill:
    id: str
    name: str
    importance: Importance
    weight: float
    status: GapStatus
    held_as: Proficiency | None = None  # for a weak skill


@quick_init
@dataclass(frozen=True)
class RoleFit:
    id: str
    name: str
    score: float
    parts: tuple[ScorePart, ...]
    matched: tuple[str, ...]
    missing: tuple[MissingSkill, ...]


@dataclass(frozen=True)
class Claims:
    listed: int  # skills only listed, never shown at work
    shown: int  # field skills shown in experience, projects or research
    flagged: bool  # claims far outrun the evidence


@dataclass(frozen=True)
class FitDecision:
    """Why the verdict is what it is: the work that shows the field, and what is missing."""

    status: FitStatus  # fit | weak (one core field skill shown at work) | none
    role: str  # the role that fits, else the closest one
    evidence: tuple[str, ...]  # skill ids: the role's core field skills (or narrower) shown at work
    needs: tuple[str, ...]  # names: the role's essential field skills no shown skill covers
    claims: Claims


@dataclass(frozen=True)
class RoleRef:
    id: str
    name: str


@dataclass(frozen=True)
class Seniority:
    level: Level
    years_experience: float | None
    relevant_years: float | None
    signals: tuple[Signal, ...]
    role: str | None = None
    ladder_title: str | None = None
    # The pay band the documents give for this step (``level_stated`` true), or None.
    salary: dict[str, Any] | None = None
    source: str | None = None  # the document that names the ladder step
    years_estimated: bool | None = None  # the step's years are gapcheck's estimate, not a document's
    # Pay the documents give for the role without stating a level.
    pay: tuple[dict[str, Any], ...] = ()


@quick_init
@dataclass(frozen=True)
class PlanSkill:
    id: str
    name: str
    weeks: float
    reason: str
    prerequisites: tuple[str, ...] = ()
    estimated: bool = True  # the weeks are gapcheck's estimate of study time


@quick_init
@dataclass(frozen=True)
class PlanActivity:
    """A step of the job search: what to do, for how long (estimated) and which documents advise it."""

    id: str
    name: str
    detail: str
    weeks: float
    sources: tuple[str, ...] = ()
    estimated: bool = True
    skills: tuple[str, ...] = ()  # the role's gaps this step closes (publications, open source...)


@quick_init
@dataclass(frozen=True)
class PlanPhase:
    phase: str
    name: str
    order: int
    status: PhaseStatus
    skills: tuple[PlanSkill, ...]
    weeks: float
    activities: tuple[PlanActivity, ...] = ()  # the job-search phase's steps
    estimated: bool = True


@dataclass(frozen=True)
class LearningPlan:
    role: str | None
    role_name: str | None
    hours_per_week: float
    phases: tuple[PlanPhase, ...]
    total_weeks: float
    notes: tuple[str, ...] = ()
    weeks_estimated: bool = True


@dataclass(frozen=True)
class AnalysisResult:
    """Everything gapcheck found out about one resume."""

    schema_version: str
    source: str
    taxonomy: dict[str, str]
    as_of: str
    skills: tuple[FoundSkill, ...]
    rejected: tuple[RejectedMention, ...]
    roles: tuple[RoleFit, ...]
    best_role: RoleRef | None
    verdict: str
    comparison: str | None
    fit: FitDecision
    seniority: Seniority
    learning_plan: LearningPlan
    sections: tuple[Section, ...]
    job: dict[str, Any] | None = None
    assumed_known: tuple[str, ...] = ()
    contact: dict[str, list[str]] | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return the result as plain JSON-ready data (the documented schema): dicts, lists,
        strings, numbers and None, equal to ``json.loads(self.to_json())``."""
        data = _plain(self)
        if data.get("contact") is None:
            data.pop("contact", None)
        return data

    def to_json(self, indent: int | None = 2) -> str:
        """Return the result as a JSON string."""
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    def role(self, role_id: str) -> RoleFit:
        """Return the fit for one role id."""
        for fit in self.roles:
            if fit.id == role_id:
                return fit
        raise KeyError(role_id)

