"""What a taxonomy says about careers beyond skills: where a document states a skill's importance,
career ladders and pay, portfolio projects and the steps of a job search.

Every figure either names the document that states it or says that it is an estimate.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

# The steps of a career ladder, in order. Years place a person up to "principal"; a guide may
# name steps above it (001: Director of AI, Chief AI Officer) that years alone never reach.
LadderLevelName = Literal["junior", "mid", "senior", "principal", "director", "chief"]
LADDER_ORDER: tuple[str, ...] = ("junior", "mid", "senior", "principal", "director", "chief")
YEARS_LEVELS: tuple[str, ...] = LADDER_ORDER[:4]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Statement(_Model):
    """A document stating how much a role needs a skill, in its own word ("essential",
    "critical", "must", "bonus"; in a job posting "required" or "preferred")."""

    source: str = Field(min_length=1)
    cue: str = Field(min_length=1)
    # The document's word for the skill, where it is not one of the skill's names ("Research").
    term: str | None = None


class SalaryBand(_Model):
    """A pay range and the documents that give it."""

    min: int = Field(ge=0)
    max: int | None = Field(default=None, ge=0)
    currency: str = "USD"
    period: Literal["year"] = "year"
    sources: list[str] = Field(min_length=1)
    year: int | None = None
    note: str | None = None
    # False for a figure the documents give for the role without saying at which level.
    level_stated: bool = True

    @model_validator(mode="before")
    @classmethod
    def _one_source(cls, data: Any) -> Any:
        # Taxonomy files written before schema 1.5 name one ``source``.
        if isinstance(data, dict) and "source" in data and "sources" not in data:
            data = {k: v for k, v in data.items() if k != "source"} | {"sources": [data["source"]]}
        return data


class LadderLevel(_Model):
    """One step of a role's career ladder."""

    level: LadderLevelName
    title: str
    years_min: float | None = Field(default=None, ge=0)
    years_max: float | None = None
    # True when no document gives the step's years and the figures are gapcheck's estimate.
    years_estimated: bool = False
    salary: SalaryBand | None = None
    # The document that names the step (its title, and its years unless estimated); None for
    # a step no document names.
    source: str | None = None

    @model_validator(mode="after")
    def _consistent(self) -> LadderLevel:
        if self.salary is not None and not self.salary.level_stated:
            raise ValueError(f"{self.title}: a ladder step's salary is stated for its level; put a band whose "
                             "level no document states in the role's `pay`")
        if self.years_min is None and self.level in YEARS_LEVELS:
            raise ValueError(f"{self.title}: a {self.level} step needs `years_min` (mark an estimate with "
                             "`years_estimated: true`)")
        return self


class Project(_Model):
    """A portfolio project that suits a role, and the documents it comes from."""

    name: str = Field(min_length=1)
    detail: str = Field(min_length=1)
    sources: list[str] = []


class JobSearchStep(_Model):
    """A step of the job search that every learning plan ends with (portfolio, interviews...)."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_]*$")
    name: str = Field(min_length=1)
    detail: str = Field(min_length=1)
    weeks: float = Field(ge=0.5, le=52)
    weeks_estimated: bool = True
    # The roles the step is for; empty: every role. Ids of roles a trimmed copy of the taxonomy
    # left out are ignored, as are skills it left out.
    roles: list[str] = []
    # Skills the step builds (publishing papers, open-source work): a plan lists them here
    # instead of as study items.
    skills: list[str] = []
    # True for the step that lists the role's own portfolio projects.
    projects: bool = False
    sources: list[str] = []
