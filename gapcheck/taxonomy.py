"""The skill taxonomy: a validated data model, loading, lookup and validation errors.

The shipped taxonomy lives in the ``skill_taxonomy`` package as JSON and is loaded with
``importlib.resources``; users may pass their own file (JSON or YAML) built by
``gapcheck taxonomy build``.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import re
from collections.abc import Mapping
from functools import cached_property
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from gapcheck._careers import JobSearchStep, LadderLevel, Project, SalaryBand, Statement
from gapcheck._graph import find_cycle as _find_cycle
from gapcheck._graph import reachable as _reachable
from gapcheck._taxonomy_checks import check_pattern
from gapcheck.errors import InvalidTaxonomyError

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
    # Documents that name the skill (found by the builder); only those.
    sources: list[str] = []
    # Why a skill no document names is in the list; a built taxonomy has sources or a reason.
    curated_reason: str | None = None
    # The document the reason refers to, and the word of it that the reason rests on.
    reason_source: str | None = None
    reason_term: str | None = None

    @field_validator("patterns")
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


class Taxonomy(_Model):
    """A validated skill taxonomy with lookup helpers.

    Cross-references (skill ids in roles, broader, prerequisites, phases, related roles),
    alias uniqueness and acyclic prerequisites are checked on construction.
    """

    name: str
    version: str
    description: str = ""
    phases: list[Phase] = Field(min_length=1)
    skills: list[Skill] = Field(min_length=1)
    roles: list[Role] = Field(min_length=1)
    # The steps of a job search that end every learning plan (in the phase of kind job_search).
    job_search: list[JobSearchStep] = []
    # The field the roles belong to, as a verdict names it ("No ML role fits yet").
    field_name: str = ""
    # Categories any software or data job shows (languages, databases, cloud...): a job counts
    # toward the field's years only with a skill outside them and outside the first phase.
    generic_categories: list[str] = []
    # Categories whose skills, as the label of a grouped skills line ("Python: pandas, NumPy"),
    # are a claim of their own and not only the group's name.
    language_categories: list[str] = []

    @model_validator(mode="after")
    def _check_references(self) -> Taxonomy:
        problems: list[str] = []
        skill_ids = [s.id for s in self.skills]
        known = set(skill_ids)
        phase_ids = {p.id for p in self.phases}
        role_ids = {r.id for r in self.roles}

        def unknown(kind: str, where: str, value: str, pool: set[str]) -> None:
            hint = difflib.get_close_matches(value, sorted(pool), n=1)
            fix = f" Did you mean {hint[0]!r}?" if hint else f" Add a {kind} with that id."
            problems.append(f"{where}: unknown {kind} {value!r}.{fix}")

        for kind, ids in (("phase", [p.id for p in self.phases]), ("skill", skill_ids),
                          ("role", [r.id for r in self.roles]), ("job-search step", [j.id for j in self.job_search])):
            for dup in sorted({i for i in ids if ids.count(i) > 1}):
                problems.append(f"{kind} {dup!r}: id is used more than once; ids must be unique.")

        def shared(kind: str, owner: str, terms: list[str], owners: dict[str, str]) -> None:
            # Lookups go by name and alias; a term two entries share would pick one silently.
            for term in terms:
                other = owners.setdefault(term.casefold(), owner)
                if other != owner:
                    problems.append(f"{kind} {owner!r}: alias {term!r} is also used by {kind} {other!r};"
                                    " remove it from one of them.")

        def refs(kind: str, where: str, values: list[str], pool: set[str]) -> None:
            for value in values:
                if value not in pool:
                    unknown(kind, where, value, pool)

        skill_owners: dict[str, str] = {}
        role_owners: dict[str, str] = {}
        for skill in self.skills:
            refs("phase", f"skill {skill.id!r}", [skill.phase], phase_ids)
            refs("skill", f"skill {skill.id!r} broader", skill.broader, known)
            refs("skill", f"skill {skill.id!r} prerequisites", skill.prerequisites, known)
            shared("skill", skill.id, [skill.name, *skill.aliases, *(a.term for a in skill.ambiguous_aliases)],
                   skill_owners)
        for role in self.roles:
            shared("role", role.id, [role.name, *role.aliases], role_owners)
            refs("skill", f"role {role.id!r}", [link.skill for link in role.skills], known)
            refs("role", f"role {role.id!r} related", role.related, role_ids)
        search = [p.id for p in self.phases if p.kind == "job_search"]
        if len(search) > 1:
            problems.append(f"phases {search}: only one phase can be of kind job_search; keep one.")
        for skill in self.skills:
            if skill.phase in search:
                problems.append(f"skill {skill.id!r}: phase {skill.phase!r} is the job-search phase, which holds "
                                "no skills; pick a learning phase.")
            if skill.reason_term and not skill.reason_source:
                problems.append(f"skill {skill.id!r}: reason_term without reason_source; name the document.")
        categories = {s.category for s in self.skills}
        refs("category", "generic_categories", self.generic_categories, categories)
        refs("category", "language_categories", self.language_categories, categories)
        cycle = _find_cycle({s.id: [p for p in s.prerequisites if p in known] for s in self.skills})
        if cycle:
            problems.append("prerequisites form a cycle: " + " -> ".join(cycle) + "; break one link.")
        if problems:
            raise ValueError("\n".join(problems))
        return self

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Taxonomy:
        """Copy the taxonomy; with ``update``, drop cached lookups and hash of the original."""
        copied = super().model_copy(update=update, deep=deep)
        if update:
            # cached_property values live in __dict__, which pydantic copies verbatim.
            for name in _CACHED:
                copied.__dict__.pop(name, None)
        return copied

    # -- lookups -------------------------------------------------------------------------
    @cached_property
    def skill_by_id(self) -> dict[str, Skill]:
        return {s.id: s for s in self.skills}

    @cached_property
    def role_by_id(self) -> dict[str, Role]:
        return {r.id: r for r in self.roles}

    @cached_property
    def phase_by_id(self) -> dict[str, Phase]:
        return {p.id: p for p in self.phases}

    @cached_property
    def first_phase(self) -> str:
        """The id of the first learning phase (the foundations every other phase builds on)."""
        return min(self.phases, key=lambda p: p.order).id

    @cached_property
    def field_skills(self) -> frozenset[str]:
        """Skills that show work in the taxonomy's own field: not soft skills, credentials or
        domains (where the field is applied: EHR, derivatives, robotics), and outside the generic
        categories and the first phase (not Python, SQL or statistics)."""
        generic = set(self.generic_categories)
        return frozenset(s.id for s in self.skills if s.type not in ("soft", "credential", "domain")
                         and s.category not in generic and s.phase != self.first_phase)

    @cached_property
    def technical_skills(self) -> frozenset[str]:
        """Technical skills, methods and tools past the first phase: what shows that a word with
        an everyday sense ("Spark", "ensemble") is meant technically."""
        return frozenset(s.id for s in self.skills if s.type in ("technical", "tool", "math")
                         and s.phase != self.first_phase)

    @cached_property
    def other_senses(self) -> dict[str, frozenset[str]]:
        """Skill id -> the terms of it that have another common sense: case-folded, or as
        written (prefixed with "=") where the case tells the senses apart."""
        found = {s.id: frozenset(f"={o.term}" if o.case_sensitive else o.term.casefold()
                                 for o in s.other_senses if o.phrase is None) for s in self.skills}
        return {sid: terms for sid, terms in found.items() if terms}

    @cached_property
    def sense_phrases(self) -> dict[str, tuple[tuple[str, str], ...]]:
        """Skill id -> (term, phrase) pairs, case-folded: the longer names that hold a term of
        the skill and always name something else (``OtherSense.phrase``)."""
        return {s.id: tuple((o.term.casefold(), o.phrase.casefold()) for o in s.other_senses if o.phrase)
                for s in self.skills if any(o.phrase for o in s.other_senses)}

    @cached_property
    def content_hash(self) -> str:
        """SHA-256 (first 16 hex digits) of the canonical JSON form."""
        blob = json.dumps(self.model_dump(mode="json"), sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]

    def find_role(self, name: str) -> Role:
        """Return the role whose id, name or alias equals ``name`` (case-insensitive).

        Raises:
            UnknownRoleError: no role has that name; the message suggests the closest.
        """
        from gapcheck.errors import UnknownRoleError

        wanted = name.strip().casefold()
        names: dict[str, Role] = {}
        for role in self.roles:
            for term in [role.id, role.name, *role.aliases]:
                names.setdefault(term.casefold(), role)
        if wanted in names:
            return names[wanted]
        hint = difflib.get_close_matches(wanted, list(names), n=1, cutoff=0.5)
        suggestion = f" Did you mean {names[hint[0]].id!r}?" if hint else ""
        raise UnknownRoleError(
            f"unknown role {name!r}.{suggestion} Run `gapcheck taxonomy roles` to list roles."
        )

    def find_skill(self, name: str) -> Skill | None:
        """Return the skill whose id, name or alias equals ``name`` (case-insensitive)."""
        return self.term_index.get(name.strip().casefold())

    @cached_property
    def term_index(self) -> dict[str, Skill]:
        index: dict[str, Skill] = {}
        for skill in self.skills:
            for term in [skill.id, skill.name, *skill.aliases]:
                index.setdefault(term.casefold(), skill)
        return index

    @cached_property
    def narrower(self) -> dict[str, list[str]]:
        """Skill id -> the skills whose ``broader`` links name it."""
        out: dict[str, list[str]] = {}
        for skill in self.skills:
            for parent in skill.broader:
                out.setdefault(parent, []).append(skill.id)
        return out

    @cached_property
    def ancestry(self) -> dict[str, tuple[str, ...]]:
        """Skill id -> its :meth:`ancestors`, each worked out once, when first asked for."""
        return {}

    def ancestors(self, skill_id: str) -> list[str]:
        """All skills reachable through ``broader`` links, nearest first."""
        if skill_id not in self.ancestry:
            self.ancestry[skill_id] = _reachable(skill_id, lambda s: self.skill_by_id[s].broader)
        return list(self.ancestry[skill_id])


_CACHED = tuple(name for name, value in vars(Taxonomy).items() if isinstance(value, cached_property))


def _field_names() -> list[str]:
    models: tuple[type[BaseModel], ...] = (Taxonomy, Phase, Skill, Role, RoleSkill, Ambiguity, AmbiguousAlias,
                                           LadderLevel, SalaryBand, Statement, Project, JobSearchStep)
    return sorted({name for model in models for name in model.model_fields})


_TOO_DEEP = "invalid taxonomy: nested too deeply to read; a taxonomy is a few levels deep: check the file."


def taxonomy_from_data(data: object, source: str) -> Taxonomy:
    """Validate ``data`` (parsed JSON/YAML) as a taxonomy.

    Raises:
        InvalidTaxonomyError: with one line per problem, naming ``source`` and the entry.
    """
    try:
        return _validated(data, source)
    except RecursionError:
        raise InvalidTaxonomyError(f"{source}: {_TOO_DEEP}") from None


def _validated(data: object, source: str) -> Taxonomy:
    if not isinstance(data, dict):
        got = "an empty file" if data is None else f"a {type(data).__name__}"
        raise InvalidTaxonomyError(
            f"{source}: invalid taxonomy: expected a mapping with name, version, phases, skills and roles"
            f" at the top level, got {got}."
        )
    try:
        return Taxonomy.model_validate(data)
    except ValidationError as exc:
        lines = []
        for err in exc.errors():
            where = _describe_location(data, err["loc"])
            msg = err["msg"].removeprefix("Value error, ")
            if err["type"] == "extra_forbidden":
                hint = difflib.get_close_matches(str(err["loc"][-1]), _field_names(), n=1)
                msg = f"unknown field. Did you mean {hint[0]!r}?" if hint else "unknown field; remove it."
            lines.append(f"{where}: {msg}" if where else msg)
        raise InvalidTaxonomyError(
            f"{source}: invalid taxonomy:\n  " + "\n  ".join("\n  ".join(line.splitlines()) for line in lines)
        ) from exc


def _describe_location(data: object, loc: tuple[object, ...]) -> str:
    """Turn a pydantic error location into words, naming entries by their id."""
    parts: list[str] = []
    node = data
    for key in loc:
        if isinstance(key, int) and isinstance(node, list) and 0 <= key < len(node):
            node = node[key]
            ident = node.get("id") or node.get("skill") if isinstance(node, dict) else None
            parts.append(f"[{ident!r}]" if ident else f"[{key}]")
        elif isinstance(key, str):
            node = node.get(key) if isinstance(node, dict) else None
            parts.append(key)
    return ".".join(parts).replace(".[", "[")


def load_taxonomy(path: str | Path | None = None) -> Taxonomy:
    """Load and validate a taxonomy.

    Args:
        path: a taxonomy file (``.json``, ``.yaml`` or ``.yml``); ``None`` loads the one
            shipped in the ``skill_taxonomy`` package.

    Returns:
        The validated :class:`Taxonomy`.

    Raises:
        InvalidTaxonomyError: the file is missing, unparsable or fails validation.
    """
    if path is None:
        return _shipped_taxonomy()
    path = Path(path)
    try:
        st = path.stat()
    except OSError:
        return _read_taxonomy(path)  # raises the usual error
    # Parsed and validated once per process and file version (a batch loads it per file).
    key = (str(path.resolve()), st.st_mtime_ns, st.st_size)
    if key not in _LOADED:
        _LOADED[key] = _read_taxonomy(path)
    return _LOADED[key]


_LOADED: dict[tuple[str, int, int], Taxonomy] = {}


def _read_taxonomy(path: Path) -> Taxonomy:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise InvalidTaxonomyError(f"{path}: taxonomy file not found; check the path.") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidTaxonomyError(f"{path}: cannot read taxonomy file ({exc}).") from exc
    try:
        data = _parse(text, str(path))
    except RecursionError:  # JSON or YAML nested thousands deep
        raise InvalidTaxonomyError(f"{path}: {_TOO_DEEP}") from None
    return taxonomy_from_data(data, str(path))


def _parse(text: str, source: str) -> object:
    if source.endswith((".yaml", ".yml")):
        import yaml

        try:
            return yaml.safe_load(text)
        except yaml.YAMLError as exc:
            raise InvalidTaxonomyError(f"{source}: not valid YAML ({exc}); fix the syntax.") from exc
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidTaxonomyError(
            f"{source}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}); fix the syntax."
        ) from exc


_SHIPPED: Taxonomy | None = None


def _shipped_taxonomy() -> Taxonomy:
    global _SHIPPED
    if _SHIPPED is None:
        from importlib.resources import files

        resource = files("skill_taxonomy") / "data" / "taxonomy.json"
        text = resource.read_text(encoding="utf-8")
        _SHIPPED = taxonomy_from_data(json.loads(text), "skill_taxonomy/data/taxonomy.json")
    return _SHIPPED
