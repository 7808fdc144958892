"""Context rules: is a mention negated, only being learned, other people's work, or hedged?

The rules are data (``skill_taxonomy/context_rules.yaml``), validated on load like the
taxonomy; this module compiles them and applies them to mentions. Each decision names the
rule that made it (``Mention.rule``).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from gapcheck._mention import Mention
from gapcheck._needs import NeedIndex
from gapcheck._text import _finditer, lower_in_place, quick_start, required_literals
from gapcheck.taxonomy import Taxonomy

Category = Literal["negated", "ambiguous", "others_work", "learning", "goal", "interest", "teaching", "hedged"]
# The order in which categories are tried; the first rule that fires decides.
CATEGORIES: tuple[Category, ...] = ("negated", "ambiguous", "others_work", "learning", "goal", "interest", "teaching",
                                    "hedged")
# Reasons set by the context rules (as opposed to the ambiguity rule or the section); a
# mention classified again has these verdicts cleared first.
CONTEXT_REASONS = {"negated", "others_work", "learning", "goal", "interest", "teaching"}
_VOCAB_REF = re.compile(r"\{([a-z_]+)\}")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Examples(_Model):
    """Sentences with the skill in brackets ("No [Spark]"; "[term|skill_id]" names the skill)."""

    fire: list[str | dict[str, str]] = Field(min_length=1)
    keep: list[str | dict[str, str]] = Field(min_length=1)


class RuleSpec(_Model):
    """One context rule as written in the rules file (see docs/context-rules.md)."""

    id: str = Field(pattern=r"^[a-z_]+\.[a-z_]+$")
    category: Category
    description: str
    before: str | None = None
    after: str | None = None
    scope: Literal["clause", "line", "chars"] = "clause"
    chars: int = Field(default=0, ge=0, le=400)
    needs_cue: bool = False
    terms_only: bool = False
    skip_skill_types: list[str] = []
    skill_words: list[str] = []
    exclude_sections: list[str] = ["publications"]
    in_titles: bool = False
    unless_line: str | None = None
    examples: Examples

    @model_validator(mode="after")
    def _has_trigger(self) -> RuleSpec:
        if not (self.before or self.after):
            raise ValueError("a rule needs a `before` or an `after` pattern")
        if (self.scope == "chars") != (self.chars > 0):
            raise ValueError("`chars` is set with `scope: chars` and only then")
        if self.scope != "clause" and self.needs_cue:
            raise ValueError("`needs_cue` works in the clause scope only")
        return self


class ClauseSpec(_Model):
    terminators: list[str] = Field(min_length=1)
    list_item_breaks: list[str] = []
    quotes: str = ""
    label_words: int = Field(ge=0)
    max_before: int = Field(ge=20)
    max_after: int = Field(ge=20)


class CueSpec(_Model):
    anywhere: list[str] = Field(min_length=1)
    at_end: list[str] = []


class RulesFile(_Model):
    version: Literal[1]
    clause: ClauseSpec
    cues: CueSpec
    vocab: dict[str, str | list[str]] = {}
    rules: list[RuleSpec] = Field(min_length=1)

    @field_validator("rules")
    @classmethod
    def _unique_ids(cls, value: list[RuleSpec]) -> list[RuleSpec]:
        ids = [r.id for r in value]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"rule ids are used twice: {', '.join(dupes)}")
        return value


@dataclass(frozen=True)
class Rule:
    """A compiled context rule."""

    id: str
    category: Category
    before: re.Pattern[str] | None
    after: re.Pattern[str] | None
    scope: str
    chars: int
    needs_cue: bool
    terms_only: bool
    skip_skill_types: frozenset[str]
    skill_words: frozenset[str]
    exclude_sections: frozenset[str]
    in_titles: bool
    spec: RuleSpec
    # Strings of which any match of `before` / `after` holds one (see required_literals): a
    # text without them is passed over without running the pattern.
    before_needs: tuple[str, ...] | None = None
    after_needs: tuple[str, ...] | None = None
    # The rule stays quiet on a line that this matches (the person's own lab: "I direct ...").
    unless_line: re.Pattern[str] | None = None


@dataclass(frozen=True)
class RuleSet:
    """Every rule, compiled, with the clause settings and the cue index."""

    rules: tuple[Rule, ...]
    terminators: re.Pattern[str]
    item_breaks: re.Pattern[str] | None
    quotes: str
    label_words: int
    max_before: int
    max_after: int
    cues: re.Pattern[str]
    cue_at_end: re.Pattern[str] | None
    cue_at_end_needs: tuple[str, ...] | None = field(default=None, compare=False)  # see required_literals
    # The rules that can fire at a kind of site (see _candidates), worked out once per kind: a
    # mask, rule i being bit 1 << i.
    by_kind: dict[tuple[object, ...], int] = field(default_factory=dict, compare=False, hash=False, repr=False)
    # Which rules' needed strings a clause, a line up to the mention, or the text after it holds
    # (see NeedIndex).
    clause_needs: NeedIndex = field(init=False, compare=False, hash=False, repr=False)
    line_needs: NeedIndex = field(init=False, compare=False, hash=False, repr=False)
    after_needs: NeedIndex = field(init=False, compare=False, hash=False, repr=False)

    def __post_init__(self) -> None:
        for scope in ("clause", "line"):
            needs = [r.before_needs if r.before is not None and r.scope == scope else None for r in self.rules]
            object.__setattr__(self, f"{scope}_needs", NeedIndex(needs))
        object.__setattr__(self, "after_needs", NeedIndex([r.after_needs for r in self.rules]))


def _expand(pattern: str, vocab: dict[str, str | list[str]], where: str, depth: int = 0) -> str:
    def one(m: re.Match[str]) -> str:
        name = m[1]
        if name not in vocab:
            raise ValueError(f"{where}: {{{name}}} is not in `vocab`")
        value = vocab[name]
        text = value if isinstance(value, str) else "(?:" + "|".join(value) + ")"
        return _expand(text, vocab, f"vocab {name}", depth + 1)

    if depth > 10:
        raise ValueError(f"{where}: `vocab` entries refer to each other in a loop")
    return _VOCAB_REF.sub(one, pattern)


def _compile(patterns: list[str] | str | None, vocab: dict[str, str | list[str]], where: str) -> re.Pattern[str] | None:
    if not patterns:
        return None
    parts = [patterns] if isinstance(patterns, str) else patterns
    text = "|".join(_expand(p, vocab, where) for p in parts)
    try:
        return re.compile(text)
    except re.error as exc:
        raise ValueError(f"{where}: not a valid regular expression ({exc})") from None


# A rule's needed strings are looked up by word (NeedIndex), so a long list costs no more than a
# short one: a rule with twenty trigger words is passed over in most clauses without its pattern.
_MOST = 64


def _rule(r: RuleSpec, vocab: dict[str, str | list[str]]) -> Rule:
    before, after = _compile(r.before, vocab, f"{r.id} before"), _compile(r.after, vocab, f"{r.id} after")
    # `before` is searched for (quick_start helps), `after` matched where the mention ends.
    return Rule(r.id, r.category, before and quick_start(before), after, r.scope, r.chars, r.needs_cue, r.terms_only,
                frozenset(r.skip_skill_types), frozenset(r.skill_words), frozenset(r.exclude_sections), r.in_titles, r,
                before and required_literals(before, _MOST), after and required_literals(after, _MOST),
                _compile(r.unless_line, vocab, f"{r.id} unless_line"))


def compile_rules(data: object, source: str = "context rules") -> RuleSet:
    """Validate rules data (as read from YAML) and compile it.

    Raises:
        InvalidTaxonomyError: the data breaks the format; the message names the rule.
    """
    from pydantic import ValidationError

    from gapcheck.errors import InvalidTaxonomyError

    try:
        spec = RulesFile.model_validate(data)
        vocab = spec.vocab
        rules = tuple(_rule(r, vocab) for r in sorted(spec.rules, key=lambda r: CATEGORIES.index(r.category)))
        clause = spec.clause
        terminators = _compile(clause.terminators, vocab, "clause terminators")
        cues = _compile(spec.cues.anywhere, vocab, "cues")
        assert terminators is not None and cues is not None  # both lists are required
        at_end = _compile(spec.cues.at_end, vocab, "cues at end")
        breaks = _compile(clause.list_item_breaks, vocab, "list item breaks")
        return RuleSet(rules, quick_start(terminators), breaks and quick_start(breaks), clause.quotes,
                       clause.label_words, clause.max_before, clause.max_after, cues, at_end and quick_start(at_end),
                       at_end and required_literals(at_end))
    except (ValidationError, ValueError) as exc:
        raise InvalidTaxonomyError(f"{source}: {exc}; see docs/context-rules.md for the format.") from exc


@cache
def default_rules() -> RuleSet:
    """The shipped rules (``skill_taxonomy/context_rules.yaml``), loaded once."""
    from importlib.resources import files

    import yaml

    text = (files("skill_taxonomy") / "context_rules.yaml").read_text(encoding="utf-8")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return compile_rules(yaml.load(text, Loader=loader), "skill_taxonomy/context_rules.yaml")


# -- applying the rules ----------------------------------------------------------------------


# A line this long that ends without a stop runs on into the next (a hard-wrapped paragraph),
# whatever the next line starts with ("I have no hands-on" / "Kubernetes experience").
_WRAPPED = 60
_YEARISH = re.compile(r"\b(?:19|20)\d\d\b")
_LABEL = re.compile(r"[^\W\d][\w /&+-]{0,30}:\s")
# A line that ends in a word no sentence ends with ("including CUDA and" / "TensorFlow for ...")
# or in a comma goes on in the next line, whatever its case: a narrow column wraps anywhere;
# not into a line that opens with a label of its own ("Learning: Rust, Go," / "Proficient: Python").
_GOES_ON = re.compile(r"(?:,|\b(?:and|or|of|the|a|an|with|for|to|in|on|by|from|including|such\s+as|via|using|"
                      r"into|at|as|its|their|our|my))[ \t]*$", re.IGNORECASE)


_OPENERS = "\"\u201c\u00ab\u201e("


def _line_start(text: str, pos: int, breaks: frozenset[int] = frozenset(), known: dict[int, int] | None = None) -> int:
    """Start of the sentence line holding ``pos``: a line that begins in lower case after one
    that ends without a full stop continues it (hard-wrapped text, PDF columns), and so does
    any line after a long line of prose that ends without one (not a dated entry's line). A
    line that starts at one of ``breaks`` (a bullet, a heading) continues nothing. ``known``:
    the answers so far for ``text`` and ``breaks``, by line (a line's mentions share one)."""
    start = text.rfind("\n", 0, pos) + 1
    if known is not None:
        found = known.get(start)
        if found is None:
            found = known[start] = _line_start(text, pos, breaks)
        return found
    while start > 1 and text[start - 2] not in ".;:!?" and start not in breaks:
        prev = text.rfind("\n", 0, start - 1) + 1
        if not text[start : start + 1].islower():
            end = text.find("\n", start)
            line = text[start : end if end >= 0 else len(text)]
            goes_on = (line[:1].isalnum() and _GOES_ON.search(text, prev, start - 1) is not None
                       and not _LABEL.match(line))
            # A wrapped line may open with a quoted title or a bracket ("... en el proyecto europeo" /
            # "\"Federated learning for rare diseases\" (IP: Dr. Sala)").
            opens = line[:1].isalnum() or line[:1] in _OPENERS
            if not goes_on and (not opens or start - 1 - prev < _WRAPPED or not text[start - 2].isalpha()
                                or line.isupper() or _YEARISH.search(line) or _YEARISH.search(text, prev, start - 1)):
                break
        start = prev
    return start


def _clause_before(rs: RuleSet, text: str, start: int, line_start: int, in_list: bool) -> tuple[int, str]:
    before = text[line_start:start].replace("\n", " ")
    cut = 0
    for rx in (rs.terminators, rs.item_breaks) if in_list and rs.item_breaks else (rs.terminators,):
        for m in rx.finditer(before):
            cut = max(cut, m.end())
    return line_start + cut, before[cut:]


def _in_quotes(rs: RuleSet, text: str, start: int) -> bool:
    """True when ``start`` lies inside a quoted title on its line (within the context window)."""
    line_start = max(text.rfind("\n", 0, start) + 1, start - rs.max_before)
    return sum(text.count(q, line_start, start) for q in rs.quotes) % 2 == 1


@dataclass(slots=True)
class _Site:
    """What the rules read around one mention (the clause is worked out only when needed)."""

    low: str
    mention: Mention
    line_start: int
    section: str | None
    in_title: bool
    skill_type: str | None
    clause: str | None = None
    cue: bool = False
    after: str = ""


def _fires(rule: Rule, site: _Site) -> bool:
    m = site.mention
    if site.section in rule.exclude_sections or (site.in_title and not rule.in_titles):
        return False
    if rule.terms_only and m.match == "pattern":  # a pattern is a whole phrase, not a term
        return False
    if site.skill_type in rule.skip_skill_types:
        return False
    if rule.scope == "clause":
        if site.clause is None or (rule.needs_cue and not site.cue):
            return False
    return _triggered(rule, site)


def _triggered(rule: Rule, site: _Site) -> bool:
    """The checks of :func:`_fires` that depend on more than the kind of site: the skill's
    words and the rule's patterns (each tried only when the text holds a string it needs).
    Both strings are looked for before either pattern runs: most rules are out on one of them."""
    m = site.mention
    if rule.skill_words and site.low[m.start : m.end] not in rule.skill_words:
        return False
    if rule.after_needs and not _holds(site.after, rule.after_needs):
        return False
    before = rule.before
    start = text = None
    if before is not None:
        needs = rule.before_needs
        if rule.scope == "chars":
            start = max(site.line_start, m.start - rule.chars)
            if needs and not _holds(site.low[start : m.start], needs):
                return False
        else:
            text = (site.clause or "" if rule.scope == "clause"
                    else site.low[site.line_start : m.start].replace("\n", " "))
            if needs and not _holds(text, needs):
                return False
    if rule.after is not None and not rule.after.match(site.after):
        return False
    if before is not None and (before.search(site.low, start, m.start) if start is not None
                               else before.search(text or "")) is None:
        return False
    if rule.unless_line is not None:
        end = site.low.find("\n", m.end)
        return rule.unless_line.search(site.low, site.line_start, len(site.low) if end < 0 else end) is None
    return True


def _holds(text: str, needs: tuple[str, ...]) -> bool:
    for s in needs:
        if s in text:
            return True
    return False


def _site(rs: RuleSet, i: int, text: str, low: str, mentions: list[Mention], starts: list[int], cues: list[int],
          section: str | None, skill_type: str | None, words: frozenset[int] = frozenset(),
          breaks: frozenset[int] = frozenset(), quoted: bool = True, lines: dict[int, int] | None = None) -> _Site:
    """Read the context of ``mentions[i]``: its line, and its clause unless it is a title
    (``quoted``: whether the text holds a quote mark at all)."""
    mention = mentions[i]
    # The rules read the clause back to its line start, but no further than max_before: a
    # clause is rarely longer, and a text of one huge line would cost line length x mentions.
    line_start = max(_line_start(text, mention.start, breaks, lines), mention.start - rs.max_before)
    # Titles of papers and talks are not statements about the candidate ("Learning Without Labels").
    in_title = quoted and _in_quotes(rs, text, mention.start)
    site = _Site(low, mention, line_start, section, in_title, skill_type,
                 after=low[mention.end : mention.end + rs.max_after])
    if in_title or section == "publications":
        return site
    clause_start, before = _clause_before(rs, low, mention.start, line_start, section == "skills")
    if section == "skills":
        # A list's label speaks for every item after it ("Not yet used: Spark, Kafka").
        colon = low.find(":", line_start, clause_start)
        if colon >= 0 and len(low[line_start:colon].split()) <= rs.label_words:
            label = low[line_start : colon + 1].replace("\n", " ")
            before = label + " " * (clause_start - colon - 1) + before
            clause_start = line_start
    # Blank out other skill terms so "machine learning, Docker" does not read as "learning Docker";
    # a word the ambiguity check took for no skill stays a word ("Teaching myself PyTorch"), and
    # so do soft skills' words (``words``: "Teaching assistant, Computer Vision 1", "Mentor, ...").
    for j in range(bisect_left(starts, clause_start), i):
        other = mentions[j]
        if other.end <= mention.start and other.match != "pattern" and other.reason != "ambiguous" and j not in words:
            a, b = other.start - clause_start, other.end - clause_start
            before = before[:a] + " " * (b - a) + before[b:]
    site.clause = before
    site.cue = (bisect_left(cues, clause_start) < bisect_left(cues, mention.start)
                or (rs.cue_at_end is not None and (not rs.cue_at_end_needs or _holds(before, rs.cue_at_end_needs))
                    and rs.cue_at_end.search(before) is not None))
    return site


def _candidates(rs: RuleSet, site: _Site) -> list[Rule]:
    """The rules that pass :func:`_fires`'s checks of the site's kind (its section, title, match,
    skill type, clause and cue), in order, less those whose needed strings the clause or the
    text after the mention lacks: 30 mentions a resume meet 68 rules, and most rules are out on
    these checks alone."""
    pattern = site.mention.match == "pattern"
    no_clause = site.clause is None
    kind = (site.section, site.in_title, pattern, site.skill_type, no_clause, site.cue)
    mask = rs.by_kind.get(kind)
    if mask is None:
        mask = rs.by_kind[kind] = sum(
            1 << i for i, r in enumerate(rs.rules)
            if not (site.section in r.exclude_sections or (site.in_title and not r.in_titles)
                    or (r.terms_only and pattern) or site.skill_type in r.skip_skill_types
                    or (r.scope == "clause" and (no_clause or (r.needs_cue and not site.cue)))))
    if mask & ~rs.after_needs.free:
        mask &= rs.after_needs.held(site.after)
    if mask & ~rs.clause_needs.free:  # only clause-scope rules need strings there: the clause is read
        mask &= rs.clause_needs.held(site.clause or "")
    if mask & ~rs.line_needs.free:
        mask &= rs.line_needs.held(site.low[site.line_start : site.mention.start].replace("\n", " "))
    rules = rs.rules
    out = []
    while mask:
        bit = mask & -mask
        out.append(rules[bit.bit_length() - 1])
        mask ^= bit
    return out


def _decide(rs: RuleSet, site: _Site) -> Mention:
    mention = site.mention
    for rule in _candidates(rs, site):  # what _fires checks first is true of every candidate
        if _triggered(rule, site):
            if rule.category == "hedged":
                return replace(mention, hedged=True, rule=rule.id)
            return replace(mention, status="rejected", reason=rule.category, rule=rule.id)
    return mention


def classify_context(mentions: list[Mention], text: str, sections: list[str] | None = None,
                     taxonomy: Taxonomy | None = None, rules: RuleSet | None = None,
                     breaks: frozenset[int] = frozenset()) -> list[Mention]:
    """Apply the context rules (negated, others' work, learning, hedged) to mentions.

    Args:
        mentions: mentions from :meth:`SkillMatcher.match`, or already classified ones
            (their context verdicts are cleared and made again).
        text: the text the offsets refer to, with its line breaks (context stops at a line end).
        sections: the section of each mention, when known; publications are titles, not
            statements, so only the rules marked ``in_titles`` apply there; in skills lists
            each item is a clause of its own.
        taxonomy: when given, rules can skip skill types ("mentor students" is not about people).
        rules: the rules to apply; default: :func:`default_rules`.
        breaks: offsets of lines that start something new (a bullet, a heading): no sentence
            from the line before runs on into them.

    Returns:
        The mentions in the caller's order, each with its verdict and the rule that made it.
    """
    rs = rules or default_rules()
    skills = taxonomy.skill_by_id if taxonomy else {}
    fresh = [replace(m, status="held", reason=None, hedged=False, rule=None) if m.reason in CONTEXT_REASONS or m.hedged
             else m for m in mentions]
    # The rules look back through the mentions in position order; the result keeps the caller's.
    order = sorted(range(len(fresh)), key=lambda i: fresh[i].start)
    ordered = [fresh[i] for i in order]
    starts = [m.start for m in ordered]
    low = lower_in_place(text)
    cues = [m.start() for m in _finditer(rs.cues, low)]
    out = list(fresh)
    words = frozenset(k for k, m in enumerate(ordered) if (skill := skills.get(m.skill_id)) and skill.type == "soft")
    quoted = any(q in text for q in rs.quotes)
    lines: dict[int, int] = {}  # see _line_start
    for k, i in enumerate(order):
        if ordered[k].status == "rejected":
            continue
        site = _site(rs, k, text, low, ordered, starts, cues, sections[i] if sections else None,
                     skill.type if (skill := skills.get(ordered[k].skill_id)) else None, words, breaks, quoted,
                     lines)
        out[i] = _decide(rs, site)
    return out


def rules_firing(mention: Mention, text: str, *, section: str | None = None, skill_type: str | None = None,
                 rules: RuleSet | None = None) -> list[str]:
    """Ids of every rule that fires on one mention standing alone in ``text`` (for tests and
    for explaining a verdict): not only the first, which :func:`classify_context` applies."""
    rs = rules or default_rules()
    low = lower_in_place(text)
    cues = [m.start() for m in _finditer(rs.cues, low)]
    site = _site(rs, 0, text, low, [mention], [mention.start], cues, section, skill_type)
    return [rule.id for rule in rs.rules if _fires(rule, site)]
