"""Service to the field's research: reviewing for its venues or sitting on their programme
committees (NeurIPS, CVPR, ACL: the taxonomy's ``paper_venues``). A field asks only its own
researchers to judge its papers, so a terse research CV that names few skills ("Research Intern,
Facebook AI" / "Reviewer: ACL 2021-2024, EMNLP 2022") is the field's research all the same."""

from __future__ import annotations

import re
from collections.abc import Sequence

from gapcheck.normalise import NormalDocument, heading_section
from gapcheck.taxonomy import Taxonomy

# A post of judging papers: a reviewer, a programme committee's member, an area chair, a referee
# (not "code review", "literature review" or "performance reviews").
_SERVICE = re.compile(r"\b(?:(?:peer[- ]?|meta-?)?reviewer|reviewing|reviewed\s+for|peer\s+review|"
                      r"program(?:me)?\s+committee|pc\s+member|area\s+chair|senior\s+pc|referee)", re.I)
# How far below such a line its venues may stand, one to a line ("ACL: 2020, 2021" / "AAAI: 2022").
_REACH = 12
# Distinct venues served for the service to be the field's research.
SERVICE_VENUES = 2
_NAMES: dict[str, tuple[re.Pattern[str], re.Pattern[str], dict[str, str]]] = {}


def _venue_names(taxonomy: Taxonomy) -> tuple[re.Pattern[str], re.Pattern[str], dict[str, str]]:
    """The venues' short names, matched as written or in capitals ("INTERSPEECH"), their long
    names in any case, and each short name's written form by its capitals; once per taxonomy."""
    found = _NAMES.get(taxonomy.content_hash)
    if found is None:
        names = [n for v in taxonomy.paper_venues for n in taxonomy.skill_by_id[v].aliases]
        short = sorted({m for n in names if " " not in n for m in (n, n.upper())}, key=len, reverse=True)
        long = sorted((n for n in names if " " in n), key=len, reverse=True)
        found = _NAMES[taxonomy.content_hash] = (
            re.compile(r"\b(?:" + "|".join(map(re.escape, short)) + r")\b"),
            re.compile(r"\b(?:" + "|".join(map(re.escape, long)) + r")\b", re.I),
            {n.upper(): n for n in names if " " not in n})
    return found


def served_venues(ndoc: NormalDocument, taxonomy: Taxonomy) -> tuple[str, ...]:
    """The field's venues the resume says its person reviewed for or served on the committee of:
    on a line that names such a post, or below it until the next part of the CV (a heading of
    another kind, such as Teaching or Publications). A venue's short and long names are one
    venue, so the count is the larger of the two kinds."""
    short, long, written = _venue_names(taxonomy)
    lines = ndoc.lines
    shorts: set[str] = set()
    longs: set[str] = set()
    for k, tl in enumerate(lines):
        if tl.section == "publications" or not _SERVICE.search(tl.text):
            continue
        for j, below in enumerate(lines[k : k + 1 + _REACH]):
            # Venues joined by a hyphen are one joint event ("LREC-COLING 2024").
            named_short = [m[0] for m in short.finditer(below.text) if below.text[m.start() - 1 : m.start()] != "-"]
            named_long = long.findall(below.text)
            if j and below.heading and not (named_short or named_long) and heading_section(
                    below.text) not in (None, "other"):
                break
            shorts.update(written[n.upper()] for n in named_short)
            longs.update(n.casefold() for n in named_long)
    return tuple(sorted(shorts)) if len(shorts) >= len(longs) else tuple(sorted(longs))


def by_service(ranked: Sequence[str], served: Sequence[str], taxonomy: Taxonomy) -> str | None:
    """The research role that fits on service alone, where no role fits on skills shown, or None:
    the best-ranked of the research track (``ranked``: role ids, best first) when the resume
    serves SERVICE_VENUES of the field's venues or more, though a terse CV names few skills."""
    if len(served) < SERVICE_VENUES:
        return None
    return next((r for r in ranked if r in taxonomy.research_track), None)
