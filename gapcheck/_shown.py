"""Which held skills a resume shows at work, as opposed to only listing or claiming them."""

from __future__ import annotations

import re

from gapcheck._mention import Mention
from gapcheck.normalise import NormalDocument

# Sections that show work; a resume without experience or projects shows it in its prose.
_WORK = frozenset({"experience", "projects", "publications"})
_PROSE = frozenset({"header", "summary", "other"})
# A claim of knowledge in a summary's sentence, before the skill ("a comprehensive knowledge of
# ... linear regression, and ... machine learning", "expertise in statistical modelling"): the
# summary says what the person knows, as a skills list does, not what they did.
_CLAIM = re.compile(r"\b(?:knowledge|expertise|understanding|familiarity|proficiency|proficient|skilled|versed|"
                    r"competen(?:ce|cy|t))\b(?:\s+\w+){0,3}?\s+(?:of|in|with)\b", re.I)
# A sentence ends at a full stop, a semicolon or the like before a capital ("e.g. linear" goes on).
_SENTENCE_END = re.compile(r"[.!?;]\s+(?=[A-Z])")


def _claimed(text: str, m: Mention) -> bool:
    """Whether a summary's mention stands in a sentence that claims knowledge of it."""
    start = max(0, m.start - 300)
    ends = [e.end() for e in _SENTENCE_END.finditer(text, start, m.start)]
    return _CLAIM.search(text, ends[-1] if ends else start, m.start) is not None


# A research CV: at least this many dated lines of papers and talks.
RESEARCH_CV_PAPERS = 3


def shown_skills(ndoc: NormalDocument, held: dict[str, list[Mention]], papers: int,
                 research: frozenset[int] = frozenset(), credentials: frozenset[str] = frozenset(), *,
                 research_cv: bool = False, papers_at: frozenset[str] = frozenset()) -> frozenset[str]:
    """Skills with a held mention in experience, projects or publications, or on one of the
    ``research`` lines (a doctorate's subject, a thesis's title: ``_degrees.research_lines``); in a
    resume without experience or projects, a mention in its prose counts too, and so does a
    research CV's summary of its research (its papers are the evidence: "My thesis develops
    graph neural networks for temporal graphs" above nine papers). ``papers``: its dated lines
    of papers and talks; ``credentials``: skills the research lines do not show (the doctorate
    itself, scored as a credential); ``research_cv``: the person holds a dated research post now (a
    postdoc, a chair, a doctorate under way), whose summary is their research though the CV's
    papers may be few or missing ("Research interests: question answering"); ``papers_at``: papers
    at the field's venues, shown only in the publications ("Attended NeurIPS" is none). A summary's
    claim of knowledge is no work shown (:data:`_CLAIM`)."""
    has_work = any(tl.section in ("experience", "projects") for tl in ndoc.lines)
    where = _WORK | {"summary"} if research_cv or papers >= RESEARCH_CV_PAPERS else _WORK
    if not has_work:
        where = where | _PROSE
    return frozenset(sid for sid, ms in held.items() if any(
        (m.section in where or (m.line in research and sid not in credentials)) and not m.hedged
        and (sid not in papers_at or m.section == "publications")
        and not (m.section == "summary" and _claimed(ndoc.text, m)) for m in ms))
