"""Context rules: is a mention negated, only being learned, other people's work, or hedged?"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace
from typing import TYPE_CHECKING

from gapcheck._mention import Mention
from gapcheck._text import lower_in_place
from gapcheck.taxonomy import Taxonomy

if TYPE_CHECKING:
    pass

_CLAUSE_BREAK = re.compile(r"[.;!?\n|•]|\b(?:but|however|although|though|(?<!not )yet|whereas|while)\b")
_NEGATION = re.compile(r"\b(?:no|not|never|without|lacks?|lacking|zero|none)\b|n't\b")
# Taking a course, and the words that name one ("auditing a course on X", "a Kubeflow tutorial").
_COURSE_VERBS = r"(?:taking|completing|attending|doing|auditing|following|working\s+through)\s+(?:an?\s+|the\s+)?"
_COURSE_WORDS = r"(?:course|class|bootcamp|certificate|programme|program|tutorial|mooc)\b"
_LEARNING = re.compile(
    r"\b(?:currently|actively|now|still|presently|am|i'm|been|begun|began|started)\s+"
    r"(?:learning|studying|exploring|picking up)\b|^\W*(?:learning|studying)\b(?!-)|\bpicking\s+up\b|"
    r"\bplan(?:s|ning|ned)?\s+to\b|\b(?:want|hop|intend|aim)(?:s|es|e|ing)?\s+to\b|\bwill\s+(?:learn|study)\b|"
    r"\benrolled\s+in\b|\bnext\s+(?:year|quarter|semester|step|up)\b|\bgoal\s+is\s+to\b|\bupskilling\b|"
    rf"\b{_COURSE_VERBS}(?:[\w-]+\s+){{0,2}}?{_COURSE_WORDS}"
)
# Working towards a certificate that names the skill ("studying for the AWS Machine Learning exam").
_TOWARDS_BEFORE = re.compile(r"\b(?:working|studying|preparing)\s+(?:towards?|for)\s+(?:the\s+|an?\s+|my\s+)?"
                             r"(?:[\w&/-]+\s+){0,4}?$")
_CERT_NEXT = re.compile(r"(?:\s+[\w&/-]+){0,4}?\s+(?:certification|certificate|exam|degree|qualification|"
                        r"credential|accreditation)s?\b")
# The skill named inside a course's title: "working through a Kubeflow tutorial".
_COURSE_NEXT = re.compile(rf"\s+{_COURSE_WORDS}")
# (with up to three words of a course's name between: "working through the Made With ML course")
_COURSE_VERB_BEFORE = re.compile(rf"\b{_COURSE_VERBS}(?:[\w-]+\s+){{0,3}}$")
# Going to an event about a subject is not holding it ("attended a machine learning conference").
_EVENT_NEXT = re.compile(r"\s+(?:(?:conference|summit|meetup|meet-up|webinar|seminar|symposium|expo|lecture|talk)s?|"
                         r"symposia)\b")
_EVENT_VERB_BEFORE = re.compile(r"\b(?:attend|attends|attended|attending|went\s+to|go\s+to|goes\s+to|going\s+to)\s+"
                                r"(?:an?\s+|the\s+|several\s+|two\s+|three\s+)?(?:[\w-]+\s+){0,2}?$")
# A role the person is after names a goal, not a skill they hold ("seeking an entry-level AI / Data
# Science role", "looking for a computer vision position").
_SEEKING_BEFORE = re.compile(r"\b(?:seeking|looking\s+for|searching\s+for|targeting|applying\s+for)\s+"
                             r"(?:an?\s+|the\s+|my\s+first\s+)?(?:[\w/&+-]+\s+){0,6}?$")
_ROLE_NEXT = re.compile(r"(?:\s*[/,&]\s*[\w.+-]+(?:\s+[\w.+-]+)?){0,3}\s+(?:roles?|positions?|jobs?|"
                        r"opportunit(?:y|ies)|openings?|internships?)\b")
_HIRING = (r"(?:hired|hiring|recruited|recruiting|sourced|sourcing|placed|placing|interviewed|"
           r"interviewing|screened|screening|staffed|staffing)\b")
_OTHERS = re.compile(rf"\b{_HIRING}")
# Other people as the subject of the clause: "our analysts, who run ...", "the data scientists
# build ...", "the fraud team's models".
_PEOPLE = (r"(?:team|teams|squad|squads|agency|agencies|scientists|engineers|analysts|researchers|developers|"
           r"colleagues?|group|desk|department|vendors?|contractors?|partners|suppliers?|consultants?)")
_MADE = (r"(?:trained|built|developed|written|owned|maintained|designed|created|run|analysed|analyzed|managed|"
         r"validated|done|handled|performed)")
# Making something (not using it: "reports in Tableau that the finance team uses" are still hers).
_MAKES = (r"(?:build|builds|built|develop|develops|developed|train|trains|trained|design|designs|designed|"
          r"maintain|maintains|maintained|own|owns|owned|wrote|written|created)\b")
_BY_GROUP = (rf"by\s+(?:the|our|their|another|other|an?)\s+(?:[\w&-]+ ){{0,2}}?"
             rf"(?:{_PEOPLE}|labs?|firms?)\b")
_MADE_BY = rf"{_MADE}\s+{_BY_GROUP}"
_DOES = (r"(?:build|builds|built|own|owns|owned|run|runs|ran|handle|handles|handled|maintain|maintains|"
         r"maintained|use|uses|used|develop|develops|developed|write|writes|wrote|train|trains|trained|do|does|"
         r"did)\b")
_OTHER_PEOPLE_DO = re.compile(
    rf"\b{_PEOPLE},?\s+(?:who|whose)\b|"
    # an outside party's work: "the agency that ran our customer segmentation project" (but "I lead
    # the team that builds the risk models" is the candidate's own)
    rf"\b(?:the|an?|their)\s+(?:[\w&-]+\s+){{0,2}}?(?:agency|agencies|vendors?|suppliers?|contractors?|"
    rf"consultants?|partners)\s+that\s+{_DOES}|"
    rf"\b(?:the|their|his|her)\s+(?:[\w&-]+ ){{0,2}}?{_PEOPLE}\s+{_DOES}|"
    # a named team's things ("the fraud team's models"); a bare "the team's" is usually their own
    r"\b(?:the|their)\s+(?:[\w&-]+ ){1,2}?(?:team|desk|department|lab)(?:'s|s'|\u2019s)\s|"
    # a clause about things built by other people ("dashboards built by the BI team in Power BI")
    rf"\b{_MADE_BY}|"
    # "... our data scientist; she ran the causal inference studies"
    rf"\b(?:she|he|they)\s+{_DOES}|"
    # things that belong to outside people: "evaluated the vendors' computer vision tools"
    r"\b(?:vendors?|suppliers?|contractors?|consultants?|partners?|clients?|customers?)(?:'s|'|\u2019s|\u2019)\s+"
    r"(?:[\w-]+\s+)?$|"
    # the people the candidate manages: "my two direct reports built the pipelines in Airflow"
    rf"\bdirect\s+reports\s+(?:have\s+|had\s+)?{_DOES}"
)
# After the mention, in the same clause: "(in progress)"; "a model trained by our data team".
_LEARNING_AFTER = re.compile(r"^[^.;!?\n]*?\b(?:in progress|ongoing|not yet (?:complete|completed|finished))\b")
_OTHERS_AFTER = re.compile(
    rf"^[^\w.;!?]*?(?:\s+[\w-]+){{0,6}}?\s+(?:(?:is|are|was|were)\s+)?{_MADE}(?:\s+and\s+{_MADE})?\s+{_BY_GROUP}|"
    # "the churn models that the analytics team built"
    rf"^[^\w.;!?]*?(?:\s+[\w-]+){{0,2}}?\s+(?:that|which)\s+(?:the|their|another|other)\s+(?:[\w&-]+\s+){{0,2}}?"
    rf"{_PEOPLE}\s+(?:had\s+|have\s+|has\s+)?{_MAKES}")
_BY_PEOPLE = re.compile(r"\b(?:by|with|alongside)\s+(?:the|our|their|another|an?)\s+$")
_PEOPLE_NEXT = re.compile(rf"\s+{_PEOPLE}\b")
# A skill term naming a group of people ("PhD students", "NLP hires") describes them, not the candidate.
_PEOPLE_AFTER = re.compile(r"\s+(?:students|interns|candidates|hires|applicants|recruits)\b")
# ... and so does one that names a group who did the work ("the data science team, who built",
# "the data science team's models"),
# or the people a role or search is for ("profiles for machine learning researchers").
_GROUP_WHO = re.compile(rf"\s+{_PEOPLE}(?:,?\s+(?:who|whose)\b|(?:'s|'|\u2019s|\u2019)\s)")
_FOR_PEOPLE = re.compile(r"\bfor\s+(?:the\s+|our\s+|senior\s+|junior\s+|\d+\s+)?$")
# Words that are a skill but also name a group of people: "presented to product leadership",
# "the charity's leadership team", "when leadership asked".
_GROUP_WORDS = {"leadership"}
_AUDIENCE_BEFORE = re.compile(r"(?:\b(?:to|for|with|from|by)\s+(?:[\w&-]+\s+){0,3}|'s\s+|\u2019s\s+)$")
_GROUP_AFTER = re.compile(r"\s+(?:team|teams|asked|approved|decided|wanted|requested|signed)\b")
_HEDGE = re.compile(
    r"\b(?:familiar(?:ity)?\s+with|exposure\s+to|exposed\s+to|basic\s+(?:knowledge|understanding|"
    r"familiarity)|basics\s+of|introductory|coursework|course(?:s)?\s+(?:in|on)|beginner|some\s+"
    r"experience|limited\s+experience|introduced\s+to|awareness\s+of|class(?:es)?\s+in|"
    r"dabbl(?:ed|ing)\s+(?:in|with)|tinker(?:ed|ing)\s+with)\b"
)
# ... or a level word right before it ("basic Python", "elementary SQL") ...
_BASIC_BEFORE = re.compile(r"\b(?:basic|elementary|rudimentary|beginner)\s+$")
# ... or a level in brackets right after the skill ("Scala (rusty)", "Terraform (basic)").
_HEDGE_AFTER = re.compile(r"\s*\(\s*(?:basic|basics|beginner|elementary|rusty|familiar|some|limited|introductory|"
                          r"novice|exposure|home\s*lab|hobby|not\s+in\s+production|never\s+(?:used\s+)?in\s+production)\b")


_QUOTES = '"\u201c\u201d'
# In a skills list every item is its own claim ("diversity hiring programs, stakeholder management").
_ITEM_BREAK = re.compile(r"[,·*/]|\s-\s")
# Reasons set by the context rules (as opposed to the ambiguity rule or the section).
CONTEXT_REASONS = {"negated", "others_work", "learning"}


_MAX_CONTEXT = 400  # characters
_LABEL_WORDS = 5  # a skills line's label ("Currently learning:") is this short


def _line_start(text: str, pos: int) -> int:
    """Start of the sentence line holding ``pos``: a line that begins in lower case after one
    that ends without a full stop continues it (hard-wrapped text, PDF columns)."""
    start = text.rfind("\n", 0, pos) + 1
    while start > 1 and text[start : start + 1].islower() and text[start - 2] not in ".;:!?":
        start = text.rfind("\n", 0, start - 1) + 1
    return start


def _clause_before(text: str, start: int, line_start: int,
                   extra: re.Pattern[str] | None = None) -> tuple[int, str]:
    before = text[line_start:start].replace("\n", " ")
    cut = 0
    for rx in (_CLAUSE_BREAK, extra) if extra else (_CLAUSE_BREAK,):
        for m in rx.finditer(before):
            cut = max(cut, m.end())
    return line_start + cut, before[cut:]


def _in_quotes(text: str, start: int) -> bool:
    """True when ``start`` lies inside a quoted title on its line (within the context window)."""
    line_start = max(text.rfind("\n", 0, start) + 1, start - _MAX_CONTEXT)
    return sum(text.count(q, line_start, start) for q in _QUOTES) % 2 == 1


# Every clause rule above needs one of these words in the clause (or "by"/"for" right before
# the mention), so one scan of the whole text tells which mentions may meet a rule at all;
# most meet none. tests/test_extract.py checks that the list covers every rule.
_CUE_WORD = re.compile(
    r"\b(?:no|not|never|without|lacks?|lacking|zero|none|learning|studying|exploring|picking|plan(?:s|ning|ned)?|"
    r"(?:want|hop|intend|aim)(?:s|es|e|ing)?|will|enrolled|next|goal|upskilling|she|he|they|seeking|looking|"
    r"searching|targeting|applying|towards?|preparing|reports|"
    rf"{_PEOPLE})(?!\w)|\b{_COURSE_WORDS}|\b{_HIRING}|n't\b")
_CUE_AT_END = re.compile(f"(?:{_BY_PEOPLE.pattern})|(?:{_FOR_PEOPLE.pattern})")


def _classify_one(i: int, text: str, low: str, mentions: list[Mention], starts: list[int], cues: list[int],
                  section: str | None, soft: set[str]) -> Mention:
    """Context verdict for ``mentions[i]``; the rules read ``low``, the lower-cased ``text``."""
    mention = mentions[i]
    if mention.status == "rejected":
        return mention
    # The rules read the clause back to its line start, but no further than _MAX_CONTEXT: a
    # clause is rarely longer, and a text of one huge line would cost line length x mentions.
    line_start = max(_line_start(text, mention.start), mention.start - _MAX_CONTEXT)
    # Titles of papers and talks are not statements about the candidate ("Learning Without Labels").
    if section != "publications" and not _in_quotes(text, mention.start):
        clause_start, before = _clause_before(low, mention.start, line_start,
                                              _ITEM_BREAK if section == "skills" else None)
        if section == "skills":
            # A list's label speaks for every item after it ("Not yet used: Spark, Kafka").
            colon = low.find(":", line_start, clause_start)
            if colon >= 0 and len(low[line_start:colon].split()) <= _LABEL_WORDS:
                label = low[line_start : colon + 1].replace("\n", " ")
                before = label + " " * (clause_start - colon - 1) + before
                clause_start = line_start
        # Blank out other skill terms so "machine learning, Docker" does not read as "learning Docker".
        for other in mentions[bisect_left(starts, clause_start) : i]:
            if other.end <= mention.start and other.match != "pattern":  # a phrase, not a term
                a, b = other.start - clause_start, other.end - clause_start
                before = before[:a] + " " * (b - a) + before[b:]
        cue = (bisect_left(cues, clause_start) < bisect_left(cues, mention.start)
               or _CUE_AT_END.search(before) is not None)
        if cue and _NEGATION.search(before):
            return replace(mention, status="rejected", reason="negated")
        after = low[mention.end : mention.end + 120]
        if low[mention.start : mention.end] in _GROUP_WORDS and (_AUDIENCE_BEFORE.search(before)
                                                                 or _GROUP_AFTER.match(after)):
            return replace(mention, status="rejected", reason="ambiguous")
        # What follows a term can make it name people ("NLP hires"); a pattern is a whole phrase.
        term = mention.match != "pattern"
        people_after = term and mention.skill_id not in soft and _PEOPLE_AFTER.match(after)
        team_after = term and (cue and (_BY_PEOPLE.search(before) or _FOR_PEOPLE.search(before))
                               and _PEOPLE_NEXT.match(after) or _GROUP_WHO.match(after))
        # Hiring words make a technical skill the hires' ("hired engineers skilled in Go"), not a
        # soft one ("interviewed candidates and mentored a junior").
        recruiting = cue and mention.skill_id not in soft and _OTHERS.search(before)
        if (cue and (recruiting or _OTHER_PEOPLE_DO.search(before)) or people_after or team_after
                or term and _OTHERS_AFTER.match(after)):
            return replace(mention, status="rejected", reason="others_work")
        if (cue and _LEARNING.search(before) or _LEARNING_AFTER.match(after)
                or _COURSE_NEXT.match(after) and _COURSE_VERB_BEFORE.search(before)
                or _EVENT_NEXT.match(after) and _EVENT_VERB_BEFORE.search(before)
                or cue and _ROLE_NEXT.match(after) and _SEEKING_BEFORE.search(before)
                or cue and _CERT_NEXT.match(after) and _TOWARDS_BEFORE.search(before)):
            return replace(mention, status="rejected", reason="learning")
    return replace(mention, hedged=True) if _hedged(low, line_start, mention) else mention


def _hedged(low: str, line_start: int, mention: Mention) -> bool:
    """A hedge earlier on the line ("familiar with"), a level word right before the skill
    ("basic SQL") or a level in brackets right after a term ("Scala (rusty)")."""
    return bool(_HEDGE.search(low[line_start : mention.start].replace("\n", " "))
                or _BASIC_BEFORE.search(low, max(line_start, mention.start - 12), mention.start)
                or mention.match != "pattern" and _HEDGE_AFTER.match(low, mention.end))


def classify_context(mentions: list[Mention], text: str, sections: list[str] | None = None,
                     taxonomy: Taxonomy | None = None) -> list[Mention]:
    """Apply the context rules (negated, others' work, learning, hedged) to sorted mentions.

    Args:
        mentions: mentions from :meth:`SkillMatcher.match`, or already classified ones
            (their context verdicts are cleared and made again).
        text: the text the offsets refer to, with its line breaks (context stops at a line end).
        sections: the section of each mention, when known; publications are titles, not
            statements, so only the hedge rule applies there; in skills lists each item is a
            clause of its own.
        taxonomy: when given, soft skills ("mentor students") are not read as naming people.
    """
    soft = {s.id for s in taxonomy.skills if s.type == "soft"} if taxonomy else set()
    fresh = [replace(m, status="held", reason=None, hedged=False) if m.reason in CONTEXT_REASONS or m.hedged
             else m for m in mentions]
    # The rules look back through the mentions in position order; the result keeps the caller's.
    order = sorted(range(len(fresh)), key=lambda i: fresh[i].start)
    ordered = [fresh[i] for i in order]
    starts = [m.start for m in ordered]
    low = lower_in_place(text)
    cues = [m.start() for m in _CUE_WORD.finditer(low)]
    out = list(fresh)
    for k, i in enumerate(order):
        out[i] = _classify_one(k, text, low, ordered, starts, cues, sections[i] if sections else None, soft)
    return out
