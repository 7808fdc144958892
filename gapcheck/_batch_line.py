"""The compact result of a batch line: what a batch of thousands of resumes needs, in a tenth of
the space.

A full result is 80-90 kB of JSON, most of it every role's missing skills repeating the
taxonomy's names. A compact result keeps the scores, the best role, each held skill's
proficiency, and the missing skills of the role the gaps are for and of the roles asked for
(``gapcheck batch --role``); any other role's gaps follow from the held skills and the taxonomy
(:func:`missing_of`). docs/batch.md documents the line, and docs/batch-line.json is its JSON
Schema (``python -m gapcheck.schema --batch-line``). A full result in a batch has the contact details in
its text replaced (:func:`scrub`) unless asked to keep them; a compact one holds no text of the
resume.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, get_args

from gapcheck.results import AnalysisResult, FitStatus, MissingSkill, Proficiency, RoleRef, _plain

if TYPE_CHECKING:
    from gapcheck.taxonomy import Taxonomy

# Bumped, and noted in CHANGELOG.md and docs/batch.md, whenever a field of the compact result changes.
LINE_VERSION = "1.0"
Detail = Literal["compact", "full"]  # what each line of a batch holds
DETAILS: tuple[Detail, ...] = get_args(Detail)


@dataclass(frozen=True)
class CompactResult:
    """The ``result`` of a compact batch line."""

    detail: Literal["compact"]
    line_version: str
    taxonomy: dict[str, str]  # name, version, hash: as in the full result
    as_of: str
    best_role: RoleRef | None
    fit_status: FitStatus  # the full result's fit.status
    target_role: str  # the role the gaps are for: the best one, else the closest (learning_plan.role)
    scores: dict[str, float]  # role id -> score, best first
    skills: dict[str, Proficiency]  # every skill of the full result's skills[] -> its proficiency
    missing: dict[str, tuple[MissingSkill, ...]]  # target_role, then each role asked for -> its gaps
    contact: dict[str, list[str]] | None = None  # only with --include-contact

    def to_dict(self) -> dict[str, Any]:
        """The plain JSON-ready form (what a compact line holds as ``result``)."""
        data = _plain(self)
        if data["contact"] is None:
            del data["contact"]
        return data


def compact_result(result: AnalysisResult, gap_roles: Iterable[str] = ()) -> CompactResult:
    """The compact form of ``result``.

    Args:
        result: a full analysis result.
        gap_roles: role ids whose missing skills are kept besides the target role's (ids the
            result does not score are left out).

    Returns:
        A :class:`CompactResult`; its missing-skill entries are the result's own objects.
    """
    target = result.learning_plan.role or result.fit.role
    fits = {fit.id: fit for fit in result.roles}
    return CompactResult(
        "compact",
        LINE_VERSION,
        result.taxonomy,
        result.as_of,
        result.best_role,
        result.fit.status,
        target,
        {fit.id: fit.score for fit in result.roles},
        {skill.id: skill.proficiency for skill in result.skills},
        {rid: fits[rid].missing for rid in dict.fromkeys([target, *gap_roles]) if rid in fits},
        result.contact,
    )


def compact_from_dict(data: dict[str, Any], gap_roles: Iterable[str] = ()) -> dict[str, Any]:
    """The compact result (as :meth:`CompactResult.to_dict` gives it) of a full result's dict,
    such as a line of ``gapcheck batch --detail full``. A compact one is returned as it is."""
    if data.get("detail") == "compact":
        return data
    target = data["learning_plan"]["role"] or data["fit"]["role"]
    fits = {fit["id"]: fit for fit in data["roles"]}
    out = {
        "detail": "compact",
        "line_version": LINE_VERSION,
        "taxonomy": data["taxonomy"],
        "as_of": data["as_of"],
        "best_role": data["best_role"],
        "fit_status": data["fit"]["status"],
        "target_role": target,
        "scores": {fit["id"]: fit["score"] for fit in data["roles"]},
        "skills": {skill["id"]: skill["proficiency"] for skill in data["skills"]},
        "missing": {rid: fits[rid]["missing"] for rid in dict.fromkeys([target, *gap_roles]) if rid in fits},
    }
    if data.get("contact") is not None:
        out["contact"] = data["contact"]
    return out


def missing_of(compact: dict[str, Any], role_id: str, taxonomy: Taxonomy) -> list[dict[str, Any]]:
    """One role's missing skills from a compact result: those the line holds, else the ones its
    held skills leave for the role in ``taxonomy`` (as the full result lists them, when the
    line was made with the same taxonomy); empty for a role the taxonomy does not have."""
    from gapcheck.score import missing_skills

    kept = compact["missing"].get(role_id)
    if kept is not None:
        return list(kept)
    role = taxonomy.role_by_id.get(role_id)
    if role is None:
        return []
    return [_plain(m) for m in missing_skills(role, taxonomy, compact["skills"])]


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
_PHONE = re.compile(r"(?:\+\d{1,3}[\s.-]?)?\(?\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}\b")


def scrub(text: str) -> str:
    """Replace e-mail addresses and phone numbers in serialised output."""
    return _PHONE.sub("[phone]", _EMAIL.sub("[email]", text))


_NO_DIGITS = str.maketrans("", "", "0123456789")


def _scrubbed(value: Any) -> Any:
    """``value`` (data fresh from ``to_dict()``, so its own) with contact details replaced in
    every string in it: dicts and lists are changed in place, a tuple is copied only if one of
    its strings changes, so that a result without contact details is walked, not rebuilt.

    Only strings that could hold one are searched: an address needs an "@" and a phone
    number ten digits. Running the patterns over a whole serialised result (80 kB) took
    12 ms a file, more than the analysis of a text resume.
    """
    kind = type(value)
    if kind is str:
        if "@" in value or (len(value) >= 10 and len(value) - len(value.translate(_NO_DIGITS)) >= 10):
            return scrub(value)
        return value
    if kind is dict:
        for k, v in value.items():
            new = _scrubbed(v)
            if new is not v:
                value[k] = new
        return value
    if kind is list or kind is tuple:
        for i, v in enumerate(value):
            new = _scrubbed(v)
            if new is not v:
                if kind is tuple:
                    value, kind = list(value), list
                value[i] = new
        return value
    return value


def _scrubbed_result(data: dict[str, Any]) -> dict[str, Any]:
    """A full result's dict with contact details replaced, in place. ``roles`` is skipped: it
    holds scores, skill ids and the taxonomy's names, nothing read from the resume, and it is
    two thirds of the result."""
    for key, value in data.items():
        if key != "roles":
            new = _scrubbed(value)
            if new is not value:
                data[key] = new
    return data


def line_result(result: AnalysisResult, detail: Detail, gap_roles: Iterable[str] = (),
                include_contact: bool = False) -> dict[str, Any]:
    """The ``result`` of a batch line: compact, or the full result with contact details scrubbed.

    Args:
        result: the analysis of one file.
        detail: ``"compact"`` or ``"full"``.
        gap_roles: role ids whose gaps a compact result keeps besides its target role's.
        include_contact: keep contact details (the result then holds ``contact``, as asked).
    """
    if detail == "compact":
        return compact_result(result, gap_roles).to_dict()
    data = result.to_dict()
    return data if include_contact else _scrubbed_result(data)
