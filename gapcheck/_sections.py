"""The resume's sections and the headings that open them, as validated data
(``skill_taxonomy/sections.yaml``), read once for the reader (:mod:`gapcheck.normalise`)."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, model_validator


class _SectionSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)
    headings: list[str]
    # "Currently learning: Docker" on a line of its own opens no section but is a line of it.
    inline: bool = False
    # Mentions in the section are not held skills, for this reason ("interest", "learning", "goal").
    not_held: str | None = None
    # Skill types that stay held in a ``not_held`` section ("soft": supervising is mentoring).
    held_types: list[str] = []


class _PostingCues(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)
    optional: list[str] = []
    required: list[str] = []


class SectionsFile(BaseModel):
    """``skill_taxonomy/sections.yaml``: the resume sections and the headings that open them."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)
    version: Literal[1]
    sections: dict[str, _SectionSpec]
    keywords: list[tuple[str, str]] = []
    head_words: list[tuple[str, str]] = []
    entry_sections: list[str] = []
    use_sections: list[str] = []
    postings: _PostingCues = _PostingCues()

    @model_validator(mode="after")
    def _known_sections(self) -> SectionsFile:
        known = set(self.sections)
        for where, names in (("keywords", [s for _, s in self.keywords]),
                            ("head_words", [s for _, s in self.head_words]), ("entry_sections", self.entry_sections),
                             ("use_sections", self.use_sections)):
            bad = sorted(set(names) - known)
            if bad:
                raise ValueError(f"{where}: unknown section(s) {', '.join(bad)}; sections are {', '.join(known)}")
        for must in ("header", "other"):
            if must not in known:
                raise ValueError(f"the section {must!r} is required")
        return self


def _load_sections() -> SectionsFile:
    from importlib.resources import files

    import yaml

    text = (files("skill_taxonomy") / "sections.yaml").read_text(encoding="utf-8")
    return SectionsFile.model_validate(yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)))


_SPEC = _load_sections()
SECTIONS = tuple(_SPEC.sections)
_HEADINGS: dict[str, str] = {h: name for name, sec in _SPEC.sections.items() for h in sec.headings}
_KEYWORDS = tuple(_SPEC.keywords)
_HEAD_WORDS = dict(_SPEC.head_words)
# Sections whose entries often start with an ALL-CAPS line (employer, school, paper venue).
_ENTRY_SECTIONS = frozenset(_SPEC.entry_sections)
# Sections where a skill is shown in use, not only listed.
USE_SECTIONS = frozenset(_SPEC.use_sections)
# Sections a labelled line can belong to on its own ("Skills: Python, SQL").
_INLINE_SECTIONS = frozenset(name for name, sec in _SPEC.sections.items() if sec.inline)
# A posting's "nice to have" and "required" parts (see gapcheck.posting).
POSTING_OPTIONAL = re.compile("|".join(_SPEC.postings.optional) or "(?!)", re.I)
POSTING_REQUIRED = re.compile("|".join(_SPEC.postings.required) or "(?!)", re.I)
# Sections whose mentions are not held skills, and why (interests, plans, goals).
NOT_HELD = {name: sec.not_held for name, sec in _SPEC.sections.items() if sec.not_held}
HELD_TYPES = {name: frozenset(sec.held_types) for name, sec in _SPEC.sections.items() if sec.held_types}
