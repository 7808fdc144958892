"""A skill mention: one place in the text where a skill term was found, and its verdict."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Mention:
    """One place in the text where a skill term was found."""

    skill_id: str
    term: str
    start: int
    end: int
    match: str  # exact | alias | pattern | fuzzy
    confidence: float
    status: str = "held"  # held | rejected
    reason: str | None = None  # negated | learning | others_work | ambiguous | interest
    hedged: bool = False
    line: int = 0
    section: str = "other"
    line_text: str = ""
    # The rule that decided the status or the hedge: a context rule's id
    # (skill_taxonomy/context_rules.yaml), "taxonomy.ambiguous_word" or "placement.<reason>".
    rule: str | None = None
