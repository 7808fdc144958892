"""Stage 3: find skill mentions with spaCy and judge each in its context.

The work is done in small modules, one per job: ``_matcher`` (phrase matchers, the
taxonomy's patterns, fuzzy matching), ``_context`` (the context rules), ``_placement``
(headings, contact lines, job titles, degree subjects), ``_dates`` and ``profile`` (stage 4).
This module wires them together and keeps the names other code imports from it.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import replace
from typing import TYPE_CHECKING, cast

from gapcheck._context import classify_context
from gapcheck._dates import date_ranges
from gapcheck._matcher import SkillMatcher, get_matcher, hyphenated, spelling_variants
from gapcheck._mention import Mention
from gapcheck._nlp import _register, default_nlp
from gapcheck._placement import (
    _category_labels,
    _entry_headers,
    _heading_is_the_skill,
    _is_contact_line,
    _place_reason,
    contact_detail,
    expanded_otherwise,
    other_sense_mentions,
    phrase_sense_mentions,
    title_only,
)
from gapcheck.normalise import NormalDocument
from gapcheck.profile import STRONG_SECTIONS, Profile, SkillRecord, build_profile
from gapcheck.results import Section
from gapcheck.taxonomy import Taxonomy

if TYPE_CHECKING:
    from spacy.language import Language


def find_mentions(ndoc: NormalDocument, taxonomy: Taxonomy, nlp: Language | None = None,
                  *, fuzzy: bool = True) -> list[Mention]:
    """Find and classify every skill mention in a normalised document."""
    if nlp is None:
        nlp = default_nlp()
    else:
        _register()
    # Newlines become spaces (same length, so offsets hold): spaCy tokenises long
    # newline-heavy text far more slowly than flat text.
    flat = ndoc.text.replace("\n", " ")
    if "gapcheck_skills" in nlp.pipe_names:
        doc = nlp(flat)
        raw = doc._.skill_mentions
    else:
        raw = get_matcher(nlp, taxonomy).match(nlp.make_doc(flat), fuzzy=fuzzy, text=flat, lines=ndoc.text)
    # Context stops at a line end, so classify on the real text with its line breaks.
    placed = []
    contact: dict[int, bool] = {}  # per line: a contact line (a long line is searched once)
    for m in raw:
        tl = ndoc.lines[bisect_right(ndoc.line_starts, m.start) - 1]
        # A heading ("PUBLICATIONS") or contact details ("Ray Chen, Director, ray@x.com") claim nothing.
        if tl.heading:
            if not _heading_is_the_skill(tl, flat[m.start : m.end]):
                continue
        else:
            if tl.number not in contact:
                contact[tl.number] = _is_contact_line(tl.text)
            if contact[tl.number] and contact_detail(tl, m.start - ndoc.line_starts[tl.number - 1]):
                continue
        placed.append(Mention(m.skill_id, m.term, m.start, m.end, m.match, m.confidence, m.status, m.reason,
                              m.hedged, tl.number, cast(Section, tl.section), tl.text, m.rule))
    breaks = frozenset(ndoc.line_starts[tl.number - 1] for tl in ndoc.lines if tl.bullet or tl.heading)
    out = classify_context(placed, ndoc.text, [m.section for m in placed], taxonomy, breaks=breaks)
    headers = _entry_headers(ndoc)
    labels = _category_labels(ndoc, out, taxonomy)
    placed_out = []
    for i, m in enumerate(out):
        if m.status == "held":
            reason = "category_label" if i in labels else _place_reason(ndoc, m, headers, taxonomy)
            if reason:
                m = replace(m, status="rejected", reason=reason, rule=f"placement.{reason}")
        placed_out.append(m)
    # Then what the whole resume says: a skill only in others' paper titles, then a word in its
    # everyday sense (a title that does not count vouches for no other word).
    titles = title_only(placed_out, taxonomy, ndoc)
    placed_out = [replace(m, status="rejected", reason="publication_title", rule="placement.publication_title")
                  if i in titles else m for i, m in enumerate(placed_out)]
    other = (other_sense_mentions(ndoc, placed_out, headers, taxonomy)
             | phrase_sense_mentions(ndoc, placed_out, taxonomy))
    spelled = expanded_otherwise(ndoc, placed_out, taxonomy)
    final = []
    for i, m in enumerate(placed_out):
        if i in spelled:
            m = replace(m, status="rejected", reason="ambiguous", rule="placement.spelled_out")
        elif i in other:
            m = replace(m, status="rejected", reason="ambiguous", rule="taxonomy.other_sense")
        final.append(m)
    return final


__all__ = ["STRONG_SECTIONS", "Mention", "Profile", "SkillMatcher", "SkillRecord", "build_profile",
           "classify_context", "date_ranges", "default_nlp", "find_mentions", "get_matcher", "hyphenated",
           "spelling_variants"]
