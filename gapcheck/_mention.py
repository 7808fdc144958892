"""A skill mention: one place in the text where a skill term was found, and its verdict."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    pass




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
