"""A job posting as an ad-hoc role (``--job``): its skills, each essential, important or optional.

The posting is read and its skills found by the same stages as a resume (``read``,
``normalise``, ``extract``); the role it becomes is scored beside the taxonomy's own roles.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from gapcheck.config import Options
from gapcheck.errors import NoSkillsFoundError
from gapcheck.extract import find_mentions
from gapcheck.normalise import POSTING_OPTIONAL, POSTING_REQUIRED, NormalDocument, split_sections
from gapcheck.read import read_document
from gapcheck.taxonomy import Role, RoleSkill, Taxonomy

if TYPE_CHECKING:
    from spacy.language import Language

# The id of the ad-hoc role; no taxonomy role has it.
JOB_ROLE_ID = "job_posting"
_RANK = {"essential": 0, "important": 1, "optional": 2}
WEIGHT = {"essential": 1.0, "important": 0.6, "optional": 0.3}
# A resume's checks reject mentions for these reasons, but in a posting they still name a skill
# of the job (a posting describes the team's work and what the hire will learn); other
# rejections, such as an ambiguous term without context, stay out.
_KEPT_REASONS = (None, "negated", "learning", "others_work", "interest", "teaching")


def job_role_from_posting(
    job: str | Path, taxonomy: Taxonomy, nlp: Language | None, options: Options
) -> tuple[Role, dict[str, Any]]:
    """Extract a posting's skills with the resume extractor and make an ad-hoc role of them.

    Skills in a "nice to have"/"preferred"/"bonus" part are optional; skills named in a
    "required"/"must" part are essential; the rest important.

    Args:
        job: the posting file (PDF, text or Markdown).
        taxonomy: the taxonomy whose skills are looked for.
        nlp: a spaCy pipeline to tokenise with, or None for the default.
        options: limits, PDF engine and fuzzy matching (the password and OCR are the resume's only).

    Returns:
        The role (id :data:`JOB_ROLE_ID`) and the posting's part of the JSON result
        (``source`` and each skill's ``importance``).

    Raises:
        NoSkillsFoundError: no skill of the taxonomy appears in the posting.
        DocumentError: the file cannot be read.
    """
    raw = read_document(job, limits=options.limits, password=None, pdf_engine=options.pdf_engine)
    ndoc = split_sections(raw.text, raw.source, raw.kind)
    mentions = [
        m
        for m in find_mentions(ndoc, taxonomy, nlp, fuzzy=options.fuzzy)
        if m.reason in _KEPT_REASONS or m.status == "held"
    ]
    if not mentions:
        raise NoSkillsFoundError(f"{raw.source}: no skills from the taxonomy in this job posting; check the file.")
    mode_of_line = _importance_by_line(ndoc)
    links: dict[str, str] = {}
    for m in mentions:
        if m.status == "rejected" and m.reason == "ambiguous":
            continue
        imp = mode_of_line.get(m.line, "important")
        if m.skill_id not in links or _RANK[imp] < _RANK[links[m.skill_id]]:
            links[m.skill_id] = imp
    first = ndoc.lines[0].text[:60] if ndoc.lines else "Job posting"
    role = Role(
        id=JOB_ROLE_ID,
        name=f"Job posting: {Path(str(job)).name}",
        aliases=[],
        description=f"Ad-hoc role from {raw.source} ({first})",
        skills=[
            RoleSkill(skill=s, importance=imp, weight=WEIGHT[imp], sources=[raw.source])  # type: ignore[arg-type]
            for s, imp in sorted(links.items())
        ],
        sources=[raw.source],
    )
    info = {"source": raw.source, "skills": [{"id": s, "importance": imp} for s, imp in sorted(links.items())]}
    return role, info


def _importance_by_line(ndoc: NormalDocument) -> dict[int, str]:
    """The importance of the part each line of the posting sits in (by line number).

    A "nice to have" line starts an optional part; a short or heading-like "required" line an
    essential one; the posting starts important.
    """
    mode = "important"
    mode_of_line: dict[int, str] = {}
    for tl in ndoc.lines:
        if POSTING_OPTIONAL.search(tl.text):
            mode = "optional"
        elif POSTING_REQUIRED.search(tl.text) and (tl.heading or tl.text.rstrip().endswith(":") or len(tl.text) < 40):
            mode = "essential"
        mode_of_line[tl.number] = mode
    return mode_of_line
