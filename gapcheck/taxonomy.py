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
from typing import Any

from pydantic import BaseModel, Field, ValidationError, model_validator

from gapcheck._careers import JobSearchStep, LadderLevel, Project, SalaryBand, Statement
from gapcheck._graph import find_cycle as _find_cycle
from gapcheck._graph import reachable as _reachable
from gapcheck._taxonomy_parts import (  # noqa: F401 (the parts are part of this module's API)
    IMPORTANCE_ORDER,
    Ambiguity,
    AmbiguousAlias,
    Importance,
    OtherSense,
    Phase,
    Role,
    RoleSkill,
    Skill,
    SkillType,
    _Model,
)
from gapcheck.errors import InvalidTaxonomyError


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
    # Skills of building on models others made (a language model through its API, retrieval and
    # prompts around it, a chatbot): work that shows only these, beside the field's own names
    # (``area_skills``: "machine learning", "NLP"), is an application developer's, not the field's.
    application_skills: list[str] = []
    area_skills: list[str] = []
    # Job titles (regular expressions, case-blind, whole words) of trades that work on the field's
    # models without making them: writing their documentation, selling them, managing them as
    # products, labelling their data. The field's skills named in such a job are its subject.
    trades: list[str] = []

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
        refs("skill", "application_skills", self.application_skills, known)
        refs("skill", "area_skills", self.area_skills, known)
        for trade in self.trades:
            try:
                if re.compile(rf"\b(?:{trade})\b", re.I) and re.fullmatch(trade, ""):
                    problems.append(f"trades: {trade!r} matches an empty title; make it name a trade.")
            except re.error as err:
                problems.append(f"trades: {trade!r} is no regular expression ({err}); fix the pattern.")
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
    def plain_patterns(self) -> dict[str, tuple[re.Pattern[str], ...]]:
        """Skill id -> its patterns of plain words that other trades use too (Skill.plain_patterns)."""
        return {s.id: tuple(re.compile(p) for p in s.plain_patterns) for s in self.skills if s.plain_patterns}

    @cached_property
    def paper_venues(self) -> frozenset[str]:
        """Credentials that are publishing in the field (papers at its own venues), not a degree."""
        return frozenset(s.id for s in self.skills if s.type == "credential" and "paper_publishing" in s.broader)

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
    def research_roles(self) -> frozenset[str]:
        """The roles that ask for research itself (publishing, research methods) as essential."""
        return self._roles_asking_research(("essential",))

    @cached_property
    def research_track(self) -> frozenset[str]:
        """The roles that ask for research as essential or important (the specialist research
        roles too): the research track."""
        return self._roles_asking_research(("essential", "important"))

    def _roles_asking_research(self, importance: tuple[str, ...]) -> frozenset[str]:
        return frozenset(r.id for r in self.roles if any(
            link.importance in importance and self.skill_by_id[link.skill].category == "research"
            and self.skill_by_id[link.skill].type != "credential" for link in r.skills))

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
