"""Service to the field's research: reviewing for its venues or sitting on their programme
committees (NeurIPS, CVPR, ACL: the taxonomy's ``paper_venues``). A field asks only its own
researchers to judge its papers, so a terse research CV that names few skills ("Research Intern,
Facebook AI" / "Reviewer: ACL 2021-2024, EMNLP 2022") is the field's research all the same."""

from __future__ import annotations

import re
from collections.abc import Sequence

from gapcheck.normalise import NormalDocument
from gapcheck.taxonomy import Taxonomy

# A post of judging papers, as a line's label or subject: "Reviewer: ...", "Program committee",
# "Area chair, ...", "Reviewing" as a heading, "reviewed for ..." (not "Reviewing resumes", "code
# reviewer", "reviewer-assignment app" or "Refereed journal articles").
_SERVICE = re.compile(r"^\W*(?:(?:peer|journal|conference|external|invited|emergency|ad[- ]hoc|senior|meta|sub)"
                      r"[- ]?)?review(?:er|ers|ing)\b(?!-)(?!\s+(?:resumes|code|budgets|pull|contracts))"
                      r"|(?<!code )\breviewers?\s*(?:for|at|of|[:(/])|\breview(?:ed|ing)\s+(?:papers\s+)?for\b"
                      r"|\bprogram(?:me)?\s+committee|\bpc\s+member|\barea\s+chair|\bsenior\s+pc\b"
                      r"|\breferee\s*(?:for|[:(])", re.I)
# A word every post of _SERVICE holds: a resume without one is passed over in one search.
_CUE = re.compile(r"review|committee|chair|referee|\bpc\b", re.I)
# The words a list of venues served may hold besides the venues and their years ("ACL: 2020,
# 2021", "IEEE/CVF Conference on Computer Vision (ICCV): 2019", "Journals"); a line with any other
# word ("Student volunteer, NeurIPS 2022", "NeurIPS 2023 (attendee)") ends the list.
_LIST_WORDS = frozenset("and the of on for in at conference conferences journal journals workshop workshops "
                        "symposium proceedings international annual ieee acm cvf reviewer reviewers reviewing "
                        "program programme committee member members pc area chair chairs senior meta sub "
                        "external emergency outstanding top award present since ongoing main track transactions "
                        "peer review also including e g etc".split())
_WORD = re.compile(r"[^\W\d_]+")
# Someone's part at a venue that is no judging of its papers ("Student Volunteer, NeurIPS 2022").
_NOT_SERVICE = re.compile(r"\b(?:volunteers?|attendee|attended|participant|student|speaker|sponsor|booth|"
                          r"registration)\b", re.I)
# A paper not (yet) at the venue it names ("Under review at NeurIPS", "Submitted to ICLR").
_UNPUBLISHED = re.compile(r"\b(?:under\s+review|submitted|in\s+preparation|in\s+submission|to\s+be\s+submitted|"
                          r"rejected)\b", re.I)
# Words that say the venue after them published a paper of the line's own, outside a list of
# publications ("Hierarchical Coordination for Responder Stationing (Published in ICML-24)",
# "Paper accepted at CVPR 2023"), on the text just before the venue's name.
_PUBLISHED_AT = re.compile(r"\b(?:published|accepted|appear(?:s|ed)?|presented|paper)\s+(?:in|at|to|by)\s+"
                           r"(?:the\s+)?(?:proceedings\s+of\s+(?:the\s+)?)?$", re.I)
_PUBLISHED_CUE = re.compile(r"published|accepted|appear|presented|paper", re.I)
# A line that tells of a visit or a stand at the venue, not a paper ("Presented at NeurIPS 2023
# booth", "Accepted to the ICML volunteer programme").
_NOT_PAPER = re.compile(r"\b(?:booth|expo|exhibit\w*|stand|sponsor\w*|volunteer\w*|attend\w*|registration)\b", re.I)
# Distinct venues served for the service to be the field's research: three, since a neighbouring
# field's researcher may review for two of its venues (a signal-processing professor for ICASSP
# and Interspeech, a statistician for AISTATS and UAI).
SERVICE_VENUES = 3
# Papers at distinct venues of the field for the papers to be its research: three, for the same
# reason (a signal-processing researcher publishes at ICASSP and Interspeech).
PUBLISHED_VENUES = 3
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
    on a line that names such a post, and in the list right under it (each line only venues,
    years and words of such lists; a short sub-heading such as "Conferences" between). A venue's
    short and long names are one venue, so the count is the larger of the two kinds."""
    if not _CUE.search(ndoc.text):
        return ()
    short, long, written = _venue_names(taxonomy)
    shorts: set[str] = set()
    longs: dict[str, str] = {}  # by its case-folded form, the long name as first written
    lines = ndoc.lines
    for k, tl in enumerate(lines):
        if tl.section == "publications" or not _SERVICE.search(tl.text):
            continue
        for j, below in enumerate(lines[k:]):
            # Venues joined by a hyphen are one joint event ("LREC-COLING 2024").
            named_short = [m for m in short.finditer(below.text) if below.text[m.start() - 1 : m.start()] != "-"]
            named_long = list(long.finditer(below.text))
            named = named_short or named_long
            if j:
                rest = below.text
                for m in sorted(named_short + named_long, key=lambda m: -m.start()):
                    rest = rest[: m.start()] + " " + rest[m.end() :]
                # Other venues' acronyms ("LoG", "TASLP") and names in Title Case ("IEEE/CVF Conference
                # on Computer Vision (ICCV)") may stand in the list too, but no one else's part in them.
                words = [w for w in _WORD.findall(rest) if sum(c.isupper() for c in w) < 2]
                other = [w for w in words if w.casefold() not in _LIST_WORDS and (w[0].islower() or not named)]
                if _NOT_SERVICE.search(rest) or (other if named else len(other) > 2):
                    break
            shorts.update(written[m[0].upper()] for m in named_short)
            for m in named_long:
                longs.setdefault(m[0].casefold(), " ".join(m[0].split()))
    return _one_kind(shorts, longs)


def _one_kind(shorts: set[str], longs: dict[str, str]) -> tuple[str, ...]:
    """The venues by the kind of name that finds more of them: a venue's short and long names
    are one venue."""
    return tuple(sorted(shorts)) if len(shorts) >= len(longs) else tuple(sorted(longs.values(), key=str.casefold))


def published_venues(ndoc: NormalDocument, taxonomy: Taxonomy) -> tuple[tuple[str, ...], int]:
    """The field's venues named in the publications (short or long names, as in
    :func:`served_venues`), and how many of its lines name one: the papers (and talks) there.
    Elsewhere (a project's or a job's line) a venue counts where words such as "published in"
    stand right before it (:data:`_PUBLISHED_AT`)."""
    short, long, written = _venue_names(taxonomy)
    shorts: set[str] = set()
    longs: dict[str, str] = {}  # by its case-folded form, the long name as first written
    papers = 0
    for tl in ndoc.lines:
        listed = tl.section == "publications"
        if tl.heading or (not listed and (not _PUBLISHED_CUE.search(tl.text) or _NOT_PAPER.search(tl.text))) or (
                _UNPUBLISHED.search(tl.text)):
            continue
        text = tl.text
        named_short = [written[m[0].upper()] for m in short.finditer(text)
                       if listed or _PUBLISHED_AT.search(text, max(0, m.start() - 60), m.start())]
        named_long = [m[0] for m in long.finditer(text)
                      if listed or _PUBLISHED_AT.search(text, max(0, m.start() - 60), m.start())]
        papers += bool(named_short or named_long)
        shorts.update(named_short)
        for name in named_long:
            longs.setdefault(name.casefold(), " ".join(name.split()))
    return _one_kind(shorts, longs), papers


def record_basis(served: Sequence[str], published: tuple[Sequence[str], int]) -> str | None:
    """What a research record shows of the field's research, said for a verdict, or None: service
    to SERVICE_VENUES of its venues or more, or PUBLISHED_VENUES papers or more at as many of them
    (``published``: the venues, the papers)."""
    venues, papers = published
    if len(served) >= SERVICE_VENUES:
        return f"reviewing for the field's venues ({', '.join(served[:4])})"
    if min(len(venues), papers) >= PUBLISHED_VENUES:
        return f"{papers} papers at the field's venues ({', '.join(venues[:4])})"
    return None


def by_record(ranked: Sequence[str], served: Sequence[str], published: tuple[Sequence[str], int],
              taxonomy: Taxonomy) -> tuple[str, str] | None:
    """The research role that fits on the research record alone (:func:`record_basis`), where no
    role fits on skills shown, and what it rests on; or None: the best-ranked of the research track
    (``ranked``: role ids, best first), though a terse CV names few skills ("Reviewer: ACL
    2021-2024, EMNLP 2022"; "Optimal Algorithms for Decentralized Variational Inequalities" at
    NeurIPS, ICML and AISTATS)."""
    basis = record_basis(served, published)
    role = next((r for r in ranked if r in taxonomy.research_track), None) if basis else None
    return (role, basis) if role is not None and basis is not None else None
