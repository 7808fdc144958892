"""The taxonomy's parts as validated data: skills, their other senses and ambiguity, phases,
roles and the skills each role asks for (the whole, :class:`gapcheck.taxonomy.Taxonomy`, is
built from them)."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from gapcheck._careers import LadderLevel, Project, SalaryBand, Statement
from gapcheck._taxonomy_checks import check_pattern

SkillType = Literal["technical", "math", "tool", "domain", "soft", "credential"]
Importance = Literal["essential", "important", "optional"]
IMPORTANCE_ORDER: dict[str, int] = {"essential": 0, "important": 1, "optional": 2}


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Ambiguity(_Model):
    """How to accept a token that is also an everyday word (R, C, Go, Spark, CV...)."""

    case_sensitive: bool = True
    # Words that, seen near the token, confirm the skill reading.
    cues: list[str] = Field(min_length=1)
    # Words that, seen near the token, confirm another reading (e.g. "curriculum" for CV).
    anti_cues: list[str] = []
    # Words that, right before the token, confirm the skill reading ("analysed in Excel").
    cues_before: list[str] = []
    window: int = Field(default=8, ge=1, le=50)


class AmbiguousAlias(Ambiguity):
    """An alias that is ambiguous on its own (e.g. "CV" for computer vision)."""

    term: str


class OtherSense(_Model):
    """A term of a skill that also has a common meaning outside the field ("ensemble" of
    dancers, "spark" of interest, "GCP" as Good Clinical Practice)."""

    term: str = Field(min_length=1)
    sense: str = Field(min_length=1)  # the other meaning, for people reading the data
    # Only when written exactly so: a product named by a common word has the other sense in
    # lower case ("airflow testing", "react to incidents"), not as "Airflow" or "React".
    case_sensitive: bool = False
    # A longer name that holds the term and always names the other thing, whatever the resume
    # shows around it ("computer vision syndrome", "galaxy clustering", "self-driving lab"): the
    # term in it never counts, and elsewhere the term has no other sense.
    phrase: str | None = None

    @model_validator(mode="after")
    def _phrase_holds_term(self) -> OtherSense:
        if self.phrase is not None and self.term.casefold() not in self.phrase.casefold():
            raise ValueError(f"other sense phrase {self.phrase!r} does not hold its term {self.term!r}")
        return self


class Phase(_Model):
    id: str
    order: int = Field(ge=1)
    name: str
    weeks: int = Field(ge=1, le=520)
    # No document gives phase lengths: they are gapcheck's estimates unless marked otherwise.
    weeks_estimated: bool = True
    # "job_search": the phase of the taxonomy's job-search steps; it holds no skills.
    kind: Literal["skills", "job_search"] = "skills"
    description: str = ""
    # Documents whose advice the phase's content follows (not its length).
    sources: list[str] = []


class Skill(_Model):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_]*$")
    name: str
    aliases: list[str] = []
    type: SkillType
    category: str
    broader: list[str] = []
    prerequisites: list[str] = []
    phase: str
    effort_weeks: float = Field(ge=0.5, le=104)
    # Study time is gapcheck's estimate for a skill unless a document gives it.
    effort_estimated: bool = True
    ambiguous: Ambiguity | None = None
    ambiguous_aliases: list[AmbiguousAlias] = []
    # Terms that count only with the field's work around them (the line, the job entry, or a
    # skills list in a resume that shows the field elsewhere).
    other_senses: list[OtherSense] = []
    # Regular expressions over lower-case text for a skill stated in too many wordings for a
    # list of aliases ("lead a five-person team", "presented the results to the board").
    patterns: list[str] = []
    # The same for the skill told in plain words that other trades use too ("a model to predict
    # churn"; "financial models to forecast revenue"): their matches count as terms with another
    # sense do, only beside the field's work.
    plain_patterns: list[str] = []
    # Documents that name the skill (found by the builder); only those.
    sources: list[str] = []
    # Why a skill no document names is in the list; a built taxonomy has sources or a reason.
    curated_reason: str | None = None
    # The document the reason refers to, and the word of it that the reason rests on.
    reason_source: str | None = None
    reason_term: str | None = None

    @field_validator("patterns", "plain_patterns")
    @classmethod
    def _patterns_compile(cls, value: list[str]) -> list[str]:
        for pattern in value:
            try:
                rx = re.compile(pattern)
            except re.error as exc:
                raise ValueError(f"pattern {pattern!r} is not a valid regular expression: {exc}") from None
            check_pattern(pattern)  # one that backtracks for ever would hang every analysis
            if any(m.end() == m.start() for m in rx.finditer("a b-c 1 x.y team, led")):
                raise ValueError(f"pattern {pattern!r} can match empty text; it must need at least a word")
            if re.search("[A-Z]", re.sub(r"\\.", "", pattern)):
                raise ValueError(f"pattern {pattern!r} has upper-case letters; patterns run on lower-cased text")
        return value


class RoleSkill(_Model):
    skill: str
    importance: Importance
    weight: float = Field(ge=0.0, le=1.0)
    # Documents whose text for this role names the skill; empty for a curated-only link.
    sources: list[str] = []
    curated: bool = False
    # Where documents state the importance in their own words; the importance follows them
    # unless ``reason`` says why a reviewer set it otherwise.
    stated: list[Statement] = []
    # Why a curated link has its importance when no statement sets it, or overrides one.
    reason: str | None = None


class Role(_Model):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_]*$")
    name: str
    aliases: list[str] = []
    description: str
    skills: list[RoleSkill] = Field(min_length=1)
    ladder: list[LadderLevel] = []
    # Pay the documents give for the role without stating a level.
    pay: list[SalaryBand] = []
    projects: list[Project] = []
    related: list[str] = []
    sources: list[str] = Field(min_length=1)

    @field_validator("skills")
    @classmethod
    def _unique_skills(cls, value: list[RoleSkill]) -> list[RoleSkill]:
        seen: set[str] = set()
        for link in value:
            if link.skill in seen:
                raise ValueError(f"skill {link.skill!r} is listed twice; keep one link")
            seen.add(link.skill)
        return value

    @field_validator("pay")
    @classmethod
    def _pay_without_level(cls, value: list[SalaryBand]) -> list[SalaryBand]:
        if any(band.level_stated for band in value):
            raise ValueError("a band in `pay` has no stated level (level_stated: false); a band for a level "
                             "belongs to that ladder step")
        return value
