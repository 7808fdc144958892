"""The public pipeline: document -> text -> sections -> mentions -> profile -> scores -> plan.

This module only wires the stages together, in that order: reading (``read``), sections
(``normalise``), mentions and profile (``extract``), a job posting as a role (``posting``), role
scores and the verdict (``score``), the plan (``plan``).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from gapcheck.config import Options
from gapcheck.errors import EmptyDocumentError, GapcheckError, NotAResumeError
from gapcheck.extract import Profile, SkillRecord, build_profile, find_mentions
from gapcheck.normalise import NormalDocument, split_sections
from gapcheck.plan import learning_plan
from gapcheck.posting import job_role_from_posting
from gapcheck.read import RawDocument, decode_text, read_document, read_pdf_bytes, read_text
from gapcheck.results import (
    SCHEMA_VERSION,
    AnalysisResult,
    Evidence,
    FitDecision,
    FoundSkill,
    Proficiency,
    RejectedMention,
    RejectReason,
    RoleRef,
    Section,
    SkillMatch,
)
from gapcheck.score import claims, judge, score_roles, seniority
from gapcheck.taxonomy import Role, Taxonomy, load_taxonomy

if TYPE_CHECKING:
    from spacy.language import Language

# An evidence snippet is the mention's line, or on a longer line a window of about this many
# characters around the mention: a one-line 290 KB resume once stored its whole line with
# every mention (4-6 GB of JSON). The reports show at most 110 characters of it.
EVIDENCE_CHARS = 240
# Mentions listed as evidence for one skill, and rejected mentions listed, in text order: a
# real resume has up to about 20 of either; a text that repeats itself has thousands.
MAX_EVIDENCE = 25
MAX_REJECTED = 100


def analyze(
    path: str | Path,
    *,
    taxonomy: Taxonomy | None = None,
    nlp: Language | None = None,
    role: str | None = None,
    job: str | Path | None = None,
    assume_known: list[str] | tuple[str, ...] = (),
    options: Options | None = None,
    today: date | None = None,
    data: bytes | None = None,
) -> AnalysisResult:
    """Analyse a resume file (PDF, text or Markdown) against every role of a taxonomy.

    Args:
        path: the resume file.
        taxonomy: a loaded taxonomy; default: the shipped one.
        nlp: a spaCy pipeline to tokenise with; default: ``spacy.blank("en")``.
        role: plan for this role (id, name or alias) instead of the best one.
        job: a job posting file; scored as an extra ad-hoc role and planned for.
        assume_known: skill names or ids to treat as learned (what-if).
        options: limits, PDF engine, password, fuzzy matching, thresholds.
        today: the date "Present" stands for (default: today).
        data: the file's bytes, when read elsewhere (a batch on a cluster, a URL); ``path``
            then only names the file, and its suffix chooses the reader.

    Returns:
        An :class:`AnalysisResult`.

    Raises:
        GapcheckError: a subclass naming the file and the next step.
    """
    options = options or Options()
    raw = read_document(
        path, limits=options.limits, password=options.password, pdf_engine=options.pdf_engine, ocr=options.ocr,
        data=data,
    )
    return _analyze_raw(
        raw, taxonomy=taxonomy, nlp=nlp, role=role, job=job, assume_known=assume_known, options=options, today=today
    )


def analyze_text(
    text: str,
    *,
    source: str = "<text>",
    taxonomy: Taxonomy | None = None,
    nlp: Language | None = None,
    role: str | None = None,
    job: str | Path | None = None,
    assume_known: list[str] | tuple[str, ...] = (),
    options: Options | None = None,
    today: date | None = None,
) -> AnalysisResult:
    """Analyse resume text given as a string. Arguments as for :func:`analyze`."""
    options = options or Options()
    raw = read_text(text, source, limits=options.limits)
    return _analyze_raw(
        raw, taxonomy=taxonomy, nlp=nlp, role=role, job=job, assume_known=assume_known, options=options, today=today
    )


def analyze_bytes(data: bytes, *, source: str = "<stdin>", **kwargs: Any) -> AnalysisResult:
    """Analyse a resume given as bytes (a PDF, or text in any supported encoding).

    Keyword arguments are those of :func:`analyze`.
    """
    options = kwargs.pop("options", None) or Options()
    if data[:1024].lstrip().startswith(b"%PDF-"):
        raw = read_pdf_bytes(
            data, source, limits=options.limits, password=options.password, engine=options.pdf_engine, ocr=options.ocr
        )
    else:
        if not data.strip():
            raise EmptyDocumentError(f"{source}: no input; pipe a resume in, e.g. `cat cv.txt | gapcheck -`.")
        text, _ = decode_text(data, source)
        raw = read_text(text, source, limits=options.limits)
    return _analyze_raw(
        raw,
        options=options,
        **{"taxonomy": None, "nlp": None, "role": None, "job": None, "assume_known": (), "today": None, **kwargs},
    )


def _foreign_script(text: str) -> str | None:
    """The script most of the text's letters are in ("Greek", "Cyrillic"...) when it is not Latin."""
    import unicodedata
    from collections import Counter

    scripts = Counter(unicodedata.name(ch, "?").split(" ")[0] for ch in text if ch.isalpha())
    if not scripts:
        return None
    script, n = scripts.most_common(1)[0]
    name = script.title() if len(script) > 3 else script  # "Greek", "Cyrillic", "CJK"
    return f"in {name} script" if script != "LATIN" and n > 0.5 * sum(scripts.values()) else None


def _analyze_raw(
    raw: RawDocument,
    *,
    taxonomy: Taxonomy | None,
    nlp: Language | None,
    role: str | None,
    job: str | Path | None,
    assume_known: list[str] | tuple[str, ...],
    options: Options,
    today: date | None,
) -> AnalysisResult:
    taxonomy = taxonomy or load_taxonomy()
    today = today or date.today()
    ndoc = split_sections(raw.text, raw.source, raw.kind)
    mentions = find_mentions(ndoc, taxonomy, nlp, fuzzy=options.fuzzy)
    profile = build_profile(ndoc, mentions, taxonomy, today=today, contact=options.include_contact)
    # A resume with no skill of the taxonomy gets a result (no role fits); text that has no
    # skill and nothing of a resume's shape is an error.
    if not mentions and not _resume_shaped(ndoc, today):
        script = _foreign_script(raw.text)
        raise NotAResumeError(
            f"{raw.source}: text was read ({len(ndoc.lines)} lines) but it has no skill from the taxonomy, "
            "no section headings, dates or contact details; "
            + (f"most of its letters are {script}, and gapcheck reads resumes written in English."
               if script else "check that this is a resume, or pass --taxonomy for another field.")
        )
    assumed = _resolve_assumed(assume_known, taxonomy)
    if assumed:
        profile = _with_assumed(profile, assumed, taxonomy)
    job_role: Role | None = None
    job_info = None
    if job is not None:
        job_role, job_info = job_role_from_posting(job, taxonomy, nlp, options)
    fits = score_roles(profile, taxonomy, today=today, extra=[job_role] if job_role else [])
    verdict = judge(fits, profile, taxonomy, min_fit=options.min_fit)
    best = verdict.best
    # The plan is for the posting, else the role asked for, else the best (or closest) role.
    if job_role is not None:
        target = next(f for f in fits if f.id == job_role.id)
    elif role is not None:
        target = next(f for f in fits if f.id == taxonomy.find_role(role).id)
    else:
        target = best or verdict.closest
    target_role = taxonomy.role_by_id.get(target.id)
    plan = learning_plan(target, profile, taxonomy, hours_per_week=options.hours_per_week)
    return AnalysisResult(
        schema_version=SCHEMA_VERSION,
        source=raw.source,
        taxonomy={"name": taxonomy.name, "version": taxonomy.version, "hash": taxonomy.content_hash},
        as_of=today.isoformat(),
        skills=_found_skills(profile, ndoc, taxonomy),
        rejected=tuple(
            RejectedMention(
                m.skill_id,
                taxonomy.skill_by_id[m.skill_id].name,
                cast(RejectReason, m.reason or "rejected"),
                _evidence(m, ndoc),
                m.rule,
            )
            for m in profile.rejected[:MAX_REJECTED]
        ),
        roles=tuple(fits),
        best_role=RoleRef(best.id, best.name) if best else None,
        verdict=verdict.text,
        comparison=verdict.comparison,
        fit=FitDecision(verdict.status, verdict.closest.id, verdict.evidence, verdict.needs,
                        verdict.claims or claims(profile, taxonomy)),
        # A ladder step and salary only for a role that fits or that the user asked about.
        seniority=seniority(
            profile,
            target_role if best is not None or role is not None or job_role is not None else None,
            asked=role is not None or job_role is not None,
        ),
        learning_plan=plan,
        sections=tuple(dict.fromkeys(cast(Section, tl.section) for tl in ndoc.lines if tl.heading)),
        job=job_info,
        assumed_known=tuple(assumed),
        contact=profile.contact if options.include_contact else None,
    )


def _resume_shaped(ndoc: NormalDocument, today: date) -> bool:
    """A section heading, a date range or contact details: the shape of a resume."""
    from gapcheck._dates import date_ranges
    from gapcheck._text import _EMAIL, _PHONE

    return (any(tl.heading for tl in ndoc.lines) or bool(_EMAIL.search(ndoc.text) or _PHONE.search(ndoc.text))
            or any(date_ranges(tl.text, today) for tl in ndoc.lines))


def _evidence(m: Any, ndoc: NormalDocument) -> Evidence:
    at = m.start - ndoc.line_starts[m.line - 1] if 0 < m.line <= len(ndoc.line_starts) else 0
    text = evidence_window(m.line_text, at, at + m.end - m.start)
    return Evidence(text, m.section, m.line, m.start, m.end, m.match, m.confidence, m.term)


def evidence_window(line: str, start: int, end: int, limit: int = EVIDENCE_CHARS) -> str:
    """``line``, or when it is longer than ``limit`` a window of about ``limit`` characters
    around ``line[start:end]`` (the mention), cut between words and marked with "…".

    The mention itself is always kept whole, however long.
    """
    if len(line) <= limit:
        return line
    start, end = max(0, min(start, len(line))), max(0, min(end, len(line)))
    a = max(0, start - max(0, limit - (end - start)) // 2)
    b = min(len(line), max(a + limit, end))
    a = max(0, min(a, b - limit))  # room left over at the end of the line goes before the mention
    if a > 0:
        cut = line.find(" ", a, start)
        a = cut + 1 if cut >= 0 else a
    if b < len(line):
        cut = line.rfind(" ", end, b)
        b = cut if cut >= 0 else b
    return ("…" if a > 0 else "") + line[a:b].strip() + ("…" if b < len(line) else "")


def _found_skills(profile: Profile, ndoc: NormalDocument, taxonomy: Taxonomy) -> tuple[FoundSkill, ...]:
    out = []
    # A held skill's evidence, by its first mention: an implied skill shows its children's.
    first: dict[str, Evidence] = {}
    for sid, rec in profile.skills.items():
        skill = taxonomy.skill_by_id[sid]
        if rec.match == "implied":
            evidence = tuple(first.get(child) or _evidence(m, ndoc) for child in rec.implied_by
                             for m in profile.skills[child].mentions[:1])
        else:
            evidence = tuple(_evidence(m, ndoc) for m in rec.mentions[:MAX_EVIDENCE])
            if evidence:
                first[sid] = evidence[0]
        # The casts go when the profile's records carry the Literal types of gapcheck.results.
        out.append(
            FoundSkill(
                sid,
                skill.name,
                skill.category,
                skill.type,
                cast(SkillMatch, rec.match),
                cast(Proficiency, rec.proficiency),
                evidence,
                rec.years,
                rec.last_used,
                rec.implied_by,
            )
        )
    order = {"strong": 0, "assumed": 1, "listed": 2, "basic": 3, "implied": 4}
    return tuple(sorted(out, key=lambda s: (order[s.proficiency], s.category, s.id)))


def _resolve_assumed(names: list[str] | tuple[str, ...], taxonomy: Taxonomy) -> list[str]:
    import difflib

    out = []
    for name in names:
        name = name.strip()
        if not name:
            continue
        skill = taxonomy.find_skill(name)
        if skill is None:
            hint = difflib.get_close_matches(name.casefold(), list(taxonomy.term_index), n=1)
            extra = f" Did you mean {hint[0]!r}?" if hint else ""
            raise GapcheckError(
                f"--assume-known: unknown skill {name!r}.{extra} Run `gapcheck taxonomy skills` to list skills."
            )
        out.append(skill.id)
    return sorted(set(out))


def _with_assumed(profile: Profile, assumed: list[str], taxonomy: Taxonomy) -> Profile:
    skills = dict(profile.skills)
    for sid in assumed:
        skills[sid] = SkillRecord(sid, "assumed", "assumed", skills[sid].mentions if sid in skills else ())
    return replace(profile, skills=skills)
