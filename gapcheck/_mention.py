"""A skill mention: one place in the text where a skill term was found, and its verdict."""

from __future__ import annotations

from dataclasses import dataclass

from gapcheck.results import MentionMatch, MentionStatus, RejectReason, Section


@dataclass(frozen=True, init=False)
class Mention:
    """One place in the text where a skill term was found."""

    skill_id: str
    term: str
    start: int
    end: int
    match: MentionMatch
    confidence: float
    status: MentionStatus = "held"
    reason: RejectReason | None = None
    hedged: bool = False
    line: int = 0
    section: Section = "other"
    line_text: str = ""
    # The rule that decided the status or the hedge: a context rule's id
    # (skill_taxonomy/context_rules.yaml), "taxonomy.ambiguous_word" or "placement.<reason>".
    rule: str | None = None

    def __init__(self, skill_id: str, term: str, start: int, end: int, match: MentionMatch, confidence: float,
                 status: MentionStatus = "held", reason: RejectReason | None = None, hedged: bool = False,
                 line: int = 0, section: Section = "other", line_text: str = "", rule: str | None = None) -> None:
        # One dictionary update instead of the frozen dataclass's object.__setattr__ per field
        # (13 calls): a resume makes a few hundred mentions, counting copies.
        self.__dict__.update(skill_id=skill_id, term=term, start=start, end=end, match=match, confidence=confidence,
                             status=status, reason=reason, hedged=hedged, line=line, section=section,
                             line_text=line_text, rule=rule)
