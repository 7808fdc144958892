"""Where a document states how much a role needs a skill, in its own words.

A clause that says a skill is essential, critical, non-negotiable or that the role must have it
makes the skill essential; "important" makes it important; helpful, nice to have, bonus or
optional make it optional. The clause is cut at "but" and semicolons, so "you don't need a PhD,
but you must understand probability" states probability and not the PhD.

Some words look like a statement and are not one: the cue inside a skill's own name ("critical
thinking"), a cue about a role ("one of the most critical roles"), "just how essential this
is", or "must" whose subject is not the person in the role ("stakeholders who must act").
Skills named as alternatives ("PyTorch or TensorFlow") are not each essential: a broader skill
in the same clause ("deep learning frameworks") carries the statement.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from gapcheck._mention import Mention

IMPORTANCE_OF_CUE = {
    "essential": "essential", "critical": "essential", "non-negotiable": "essential", "must": "essential",
    "important": "important",
    "helpful": "optional", "nice to have": "optional", "bonus": "optional", "optional": "optional",
    "a plus": "optional",
    # Not looked for in guides ("the infrastructure required to support them"), but a posting's
    # "Required" part, and a reviewer's statement, may rest on them.
    "required": "essential", "requirement": "essential",
}
_CUE = re.compile(r"\b(essential|critical|non-negotiables?|must|important|helpful|nice[ -]to[ -]have|bonus|"
                  r"optional|a plus)\b", re.I)
# Words between a subject and "must" ("you absolutely must").
_ADVERBS = {"also", "absolutely", "really", "still", "then", "first", "always", "truly", "simply"}
# Who "must" is about: the person in the role (or a role named just before it).
_SUBJECT = re.compile(r"^(?:you|they|we|\w*(?:researcher|engineer|scientist|analyst|specialist|practitioner|"
                      r"candidate|developer)s?)$", re.I)
_NEGATION = re.compile(r"\b(?:not|never|no)\b|n't\b", re.I)
# "rather than labelled examples", "unlike roles that...": the skill after these is not asked for.
CONTRAST = re.compile(r"\b(?:rather than|instead of|unlike|as opposed to|not|without)\b", re.I)
_CLAUSE_BREAK = re.compile(r";|,\s*but\b|\s+but\s+|\s+[–—]\s+|\s+-\s+")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'*(])")
_SEPARATOR = re.compile(r"^\s*(?:,|,?\s*and|,?\s*or|/|&)\s*$", re.I)


@dataclass(frozen=True)
class Found:
    """A statement found in a document: the skill, the importance, and the document's word."""

    skill_id: str
    importance: str
    cue: str


def clauses(text: str) -> Iterable[tuple[int, int, int]]:
    """(start, end, line start) of every clause of ``text``: lines, then sentences, then clauses."""
    pos = 0
    for line in text.split("\n"):
        line_start = pos
        pos += len(line) + 1
        sent_start = 0
        bounds = [m.start() for m in _SENTENCE.finditer(line)] + [len(line)]
        for sent_end in bounds:
            sentence = line[sent_start:sent_end]
            cut = 0
            for br in _CLAUSE_BREAK.finditer(sentence):
                yield line_start + sent_start + cut, line_start + sent_start + br.start(), line_start
                cut = br.end()
            yield line_start + sent_start + cut, line_start + sent_end, line_start
            sent_start = sent_end


def contrasted(text: str, m: Mention) -> bool:
    """True when the skill stands after "rather than", "unlike", "not"... in its clause."""
    for start, end, _ in clauses(text):
        if start <= m.start < end:
            return CONTRAST.search(text[start : m.start]) is not None
    return False


def _normal_cue(word: str) -> str:
    word = re.sub(r"[ -]+", " ", word.casefold())
    return {"non negotiable": "non-negotiable", "non negotiables": "non-negotiable"}.get(word, word)


def _cue_counts(text: str, start: int, end: int, cue: re.Match[str], spans: list[tuple[int, int]]) -> bool:
    """Whether the cue word ``cue`` in the clause ``text[start:end]`` is a statement."""
    a, b = cue.start(), cue.end()
    if any(s < b and a < e for s, e in spans):  # "critical thinking", "safety-critical AI"
        return False
    before = text[start:a].split()
    after = text[b:end].split()
    if before and before[-1].casefold() == "how":  # "just how essential this foundation is"
        return False
    if any(w.strip(".,;:").casefold() in {"role", "roles", "job", "jobs"} for w in after[:3]):
        return False
    if _NEGATION.search(" ".join(before[-3:])):
        return False
    if _normal_cue(cue.group(0)) == "must":
        words = [w.strip(".,;:*") for w in before if w.strip(".,;:*").casefold() not in _ADVERBS]
        ends_role = any(e == a - 1 or text[e:a].strip() == "" for s, e in spans if e <= a)
        return bool(words) and (_SUBJECT.match(words[-1]) is not None or ends_role)
    return True


def _alternatives(text: str, mentions: list[Mention]) -> set[int]:
    """Indexes of mentions in a list joined by "or" ("Python, R, or C++"): options, not each required."""
    out: set[int] = set()
    run = [0] if mentions else []
    for i in range(1, len(mentions) + 1):
        joined = i < len(mentions) and _SEPARATOR.match(text[mentions[i - 1].end : mentions[i].start]) is not None
        if joined:
            run.append(i)
            continue
        gaps = [text[mentions[j - 1].end : mentions[j].start] for j in run[1:]]
        if len(run) > 1 and any(re.search(r"\bor\b|/", g, re.I) for g in gaps):
            out.update(run)
        run = [i]
    return out


def find_statements(text: str, mentions: list[Mention], role_spans: list[tuple[int, int]]) -> list[Found]:
    """The statements of ``text``: each skill a clause states as essential, important or optional.

    Args:
        text: one document's text for one role (line breaks kept).
        mentions: the skill mentions in ``text`` (offsets into it), none inside a role's name,
            negated or ambiguous.
        role_spans: where ``text`` names a role ("Machine Learning Researchers").

    Returns:
        One :class:`Found` per skill and clause; a line that only says "Critical skill for ..."
        states the skill named alone on the line before it.
    """
    spans = [*role_spans, *((m.start, m.end) for m in mentions)]
    out: list[Found] = []
    prev_line: tuple[int, int] | None = None
    line_of: dict[int, tuple[int, int]] = {}
    pos = 0
    for raw in text.split("\n"):
        line_of[pos] = (pos, pos + len(raw))
        pos += len(raw) + 1
    for start, end, line_start in clauses(text):
        line = line_of[line_start]
        cues = [c for c in _CUE.finditer(text, start, end) if _cue_counts(text, start, end, c, spans)]
        if cues:
            cue = _normal_cue(cues[0].group(0))
            inside = [m for m in mentions if start <= m.start and m.end <= end and not contrasted(text, m)]
            options = _alternatives(text, inside)
            stated = [m for i, m in enumerate(inside) if i not in options]
            if not inside and prev_line is not None and len(text[line[0]:line[1]].split()) <= 8:
                # "Machine Learning" on one line, "Critical skill for ..." on the next.
                stated = [m for m in mentions if prev_line[0] <= m.start < prev_line[1]]
            out.extend(Found(m.skill_id, IMPORTANCE_OF_CUE[cue], cue) for m in stated)
        if text[line[0]:line[1]].strip() and end >= line[1]:
            short = len(text[line[0]:line[1]].split()) <= 4
            prev_line = line if short else None
    return out

