"""Stage 3: find skill mentions with spaCy, judge their context, and build a skill profile.

The matcher is a spaCy pipeline component (``nlp.add_pipe("gapcheck_skills")``) built once
per (pipeline, taxonomy). Each mention is classified: held, hedged (lower proficiency), or
rejected (negated, only being learned, other people's work, ambiguous word, interest only).
"""

from __future__ import annotations

import os
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from gapcheck.fuzzy import MIN_TERM_LEN, FuzzyModel, fuzzy_model
from gapcheck.normalise import NormalDocument, TextLine
from gapcheck.taxonomy import Ambiguity, Taxonomy

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

# Cosine similarity of character n-gram TF-IDF vectors above which an unmatched word is
# taken as a misspelling of a skill term (measured in benchmarks/accuracy.py --fuzzy-sweep).
FUZZY_THRESHOLD = 0.78
FUZZY_MIN_LEN = MIN_TERM_LEN

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
_YEARS_OF = re.compile(r"\b(\d{1,2}(?:\.\d)?)\+?\s*(?:years?|yrs?)\b(?:\s+of)?", re.I)

STRONG_SECTIONS = {"experience", "projects", "publications", "summary"}
# Skills any software or data job shows; an entry counts towards ML-related years only with a
# skill outside these (a backend developer's Java and Kubernetes years, or a project manager's
# Excel and Power BI reports, are not ML years).
GENERIC_CATEGORIES = {"programming_languages", "software_engineering", "databases", "cloud_platforms",
                      "data_engineering", "data_analysis", "soft_skills", "math"}


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


@dataclass(frozen=True)
class SkillRecord:
    """A skill the candidate holds (or that is implied), with its evidence and depth."""

    skill_id: str
    match: str  # exact | alias | pattern | fuzzy | implied | assumed
    proficiency: str  # strong | listed | basic | implied | assumed
    mentions: tuple[Mention, ...]
    years: float | None = None
    last_used: int | None = None
    implied_by: tuple[str, ...] = ()


@dataclass(frozen=True)
class Profile:
    """Everything the extractor learned about a candidate."""

    skills: dict[str, SkillRecord]
    rejected: tuple[Mention, ...]
    years_experience: float | None
    experience_entries: int
    relevant_years: float | None = None
    signals: tuple[str, ...] = field(default_factory=tuple)
    contact: dict[str, list[str]] = field(default_factory=dict)


# -- the matcher -----------------------------------------------------------------------------


class SkillMatcher:
    """PhraseMatchers for every skill term of a taxonomy, plus a fuzzy character model."""

    def __init__(self, vocab: Any, taxonomy: Taxonomy, make_doc: Any) -> None:
        from spacy.matcher import PhraseMatcher

        self.taxonomy = taxonomy
        self.lower = PhraseMatcher(vocab, attr="LOWER")
        self.exact = PhraseMatcher(vocab, attr="ORTH")
        # One match key per skill: PhraseMatcher makes a vocabulary entry of every key, which
        # costs more than the pattern itself (per term keys took 0.1 s more at start-up).
        # (case-sensitive?, skill id) -> pattern tokens -> (kind, ambiguity rule)
        self.terms: dict[tuple[bool, str], dict[tuple[str, ...], tuple[str, Ambiguity | None]]] = {}
        lower_patterns: dict[str, list[Doc]] = {}
        exact_patterns: dict[str, list[Doc]] = {}
        for skill in taxonomy.skills:
            # The ambiguity rule covers the bare token (the name, or a word of it such as
            # "Spark" of "Apache Spark"); longer aliases ("Golang", "RStudio") are unambiguous.
            name_words = {w.casefold() for w in skill.name.split()}
            terms = [(skill.name, "exact", skill.ambiguous)] + [
                (a, "alias", skill.ambiguous if a.casefold() in name_words else None) for a in skill.aliases]
            terms += [(a.term, "alias", a) for a in skill.ambiguous_aliases]
            terms += [(v, "alias", r) for t, _, r in terms for v in spelling_variants(t)]
            for term, kind, rule in terms:
                case_sensitive = (rule is not None and rule.case_sensitive) or len(term) <= 2
                pattern = make_doc(term)
                tokens = _token_key(pattern, case_sensitive)
                self.terms.setdefault((case_sensitive, skill.id), {}).setdefault(tokens, (kind, rule))
                target = exact_patterns if case_sensitive else lower_patterns
                target.setdefault(skill.id, []).append(pattern)
        for key, docs in lower_patterns.items():
            self.lower.add(key, docs)
        for key, docs in exact_patterns.items():
            self.exact.add(key, docs)
        self.patterns = [(skill.id, re.compile(p)) for skill in taxonomy.skills for p in skill.patterns]
        self._fuzzy: FuzzyModel | None = None
        self._fuzzy_cache: dict[str, tuple[str, str, float] | None] = {}
        self._words: dict[int, tuple[int, str, int]] = {}  # orth -> see _word

    # Mentions are found on a Doc so that the component works in any user pipeline.
    def find(self, doc: Doc, *, fuzzy: bool = True) -> list[Mention]:
        """Every skill mention in ``doc``, classified by its context in ``doc.text``."""
        text = doc.text  # spaCy joins the tokens anew on every access
        return classify_context(self.match(doc, fuzzy=fuzzy, text=text), text, taxonomy=self.taxonomy)

    def match(self, doc: Doc, *, fuzzy: bool = True, text: str | None = None,
              lines: str | None = None) -> list[Mention]:
        """Every skill mention in ``doc``, sorted by position; only the ambiguity rule applied.

        ``lines`` is ``text`` with its line breaks, when ``doc`` was made from a flattened copy:
        the taxonomy's patterns never match across a line break (two bullets are two claims)."""
        from spacy.util import filter_spans

        exact = self.exact(doc, as_spans=True)
        exact_at = {(s.start, s.end, s.label) for s in exact}
        spans = filter_spans([*self.lower(doc, as_spans=True), *exact])
        text = doc.text if text is None else text
        lowered_tokens: list[str] | None = None
        mentions: list[Mention] = []
        taken: set[int] = set()
        for span in spans:
            skill_id = span.label_
            sensitive = (span.start, span.end, span.label) in exact_at
            kind, rule = self.terms[(sensitive, skill_id)][_token_key(span, sensitive)]
            taken.update(range(span.start, span.end))
            # The tail of a hyphenated compound is another term ("self-supervised learning").
            if span.start_char >= 2 and text[span.start_char - 1] == "-" and text[span.start_char - 2].isalnum():
                continue
            status, reason = "held", None
            if rule is not None:
                lowered_tokens = lowered_tokens or _lowered(doc)
                if not _ambiguity_ok(rule, lowered_tokens, span.start, span.end, text, span):
                    status, reason = "rejected", "ambiguous"
            match = "exact" if span.text.casefold() == self.taxonomy.skill_by_id[skill_id].name.casefold() else kind
            if match == "alias" and span.text.casefold() == skill_id.replace("_", " "):
                match = "exact"
            mentions.append(Mention(skill_id, span.text, span.start_char, span.end_char, match,
                                    1.0 if match == "exact" else 0.95, status, reason))
        if self.patterns:
            mentions.extend(self._pattern_mentions(text, lines or text, mentions))
        if fuzzy:
            mentions.extend(self._fuzzy_mentions(doc, taken, text))
        mentions.sort(key=lambda m: m.start)
        return mentions

    def _pattern_mentions(self, text: str, lines: str, found: list[Mention]) -> list[Mention]:
        """Mentions (match kind ``pattern``) from the taxonomy's patterns, within one line and
        where no term of that skill matched already."""
        low = lower_in_place(lines)
        taken: dict[str, list[tuple[int, int]]] = {}
        for f in found:
            taken.setdefault(f.skill_id, []).append((f.start, f.end))
        out: list[Mention] = []
        for skill_id, rx in self.patterns:
            # Most texts meet no pattern at all (0.9 -> 0.3 ms a resume with this first test).
            first = _first_possible(rx, low)
            if first is None:
                continue
            spans = taken.setdefault(skill_id, [])
            for m in rx.finditer(low, first):
                a, b = m.span()
                if a == b or _HARD_BREAK.search(lines, a, b) or any(s < b and a < e for s, e in spans):
                    continue
                spans.append((a, b))
                out.append(Mention(skill_id, text[a:b], a, b, "pattern", 0.9))
        return out

    # -- fuzzy ---------------------------------------------------------------------------
    def _fuzzy_model(self) -> FuzzyModel:
        if self._fuzzy is None:
            self._fuzzy = fuzzy_model(self.taxonomy)
        return self._fuzzy

    def fuzzy_lookup(self, word: str) -> tuple[str, str, float] | None:
        """Return (skill id, term, similarity) for a likely misspelling of a skill term."""
        key = word.casefold()
        if key not in self._fuzzy_cache:
            self._lookup_many([key])
        return self._fuzzy_cache[key]

    def _lookup_many(self, words: list[str]) -> None:
        """Score every uncached word against the skill terms in one call."""
        keys = list(dict.fromkeys(w.casefold() for w in words if w.casefold() not in self._fuzzy_cache))
        if not keys:
            return
        model = self._fuzzy_model()
        for key, (best, sim) in zip(keys, model.best(keys), strict=True):
            skill_id, term = model.terms[best]
            folded = term.casefold()
            ok = (sim >= FUZZY_THRESHOLD and folded != key and folded[0] == key[0]
                  and 0.8 <= len(key) / len(folded) <= 1.25 and _words_agree(key, folded)
                  and not _other_word_form(key, folded))
            self._fuzzy_cache[key] = (skill_id, term, round(sim, 3)) if ok else None

    def _word(self, orth: int, strings: Any) -> tuple[int, str, int]:
        """What a vocabulary word can be in a misspelt term, with its case-folded form and length:
        kind 0 nothing (not alphabetic, shorter than 3 letters, or a stop word), 1 the second word
        of a pair, 2 also a term on its own."""
        from spacy.lang.en.stop_words import STOP_WORDS

        word = strings[orth]
        kind = 0 if not word.isalpha() or len(word) < 3 or word.lower() in STOP_WORDS else (
            2 if len(word) >= FUZZY_MIN_LEN else 1)
        info = self._words[orth] = (kind, word.casefold(), len(word))
        return info

    def _fuzzy_mentions(self, doc: Doc, taken: set[int], text: str) -> list[Mention]:
        from spacy.attrs import IDX, ORTH

        # Words are sorted out once per vocabulary entry, not once per occurrence: no Token
        # objects or slices for the hundreds of words that cannot be misspelt skill names.
        arr = doc.to_array([ORTH, IDX])
        orths, starts = arr[:, 0].tolist(), arr[:, 1].tolist()
        known, strings = self._words, doc.vocab.strings
        words = [known.get(o) or self._word(o, strings) for o in orths]
        kind = [w[0] for w in words]
        for i in taken:
            kind[i] = 0
        cache = self._fuzzy_cache
        last = len(orths) - 1
        # Both forms of every candidate: the two-word form first ("scikit lern"), then the word.
        forms: list[tuple[int, int, int, str]] = []
        for i, k in enumerate(kind):
            if k != 2:
                continue
            start = starts[i]
            if i < last and kind[i + 1]:
                end = starts[i + 1] + words[i + 1][2]
                forms.append((i, 2, end, text[start:end].casefold()))
            forms.append((i, 1, start + words[i][2], words[i][1]))
        if not forms:
            return []
        unseen = [key for *_, key in forms if key not in cache]
        if unseen:
            self._lookup_many(unseen)
        out: list[Mention] = []
        free = 0  # the first token not yet part of a fuzzy mention
        for i, n, end, key in forms:
            if i < free:
                continue
            hit = cache[key]
            if hit:
                start = starts[i]
                out.append(Mention(hit[0], text[start:end], start, end, "fuzzy", hit[2]))
                free = i + n
        return out


def _token_key(tokens: Any, case_sensitive: bool) -> tuple[str, ...]:
    """The tokens a phrase pattern compares (ORTH or LOWER), to find which term matched."""
    return tuple(t.text for t in tokens) if case_sensitive else tuple(t.lower_ for t in tokens)


def _lowered(doc: Doc) -> list[str]:
    """The lower-case form of every token (through the string store, without Token objects)."""
    from spacy.attrs import LOWER

    strings = doc.vocab.strings
    return [strings[x] for x in doc.to_array([LOWER]).ravel().tolist()]


def _words_agree(key: str, term: str) -> bool:
    """A word pair is a misspelling of a two-word term only when each word looks like its
    counterpart ("scikit lern"), not when one exact word carries the similarity ("supervised
    pilot" is not "supervised learning"); and one word is not a misspelt phrase
    ("conversational" is not "conversational AI", "agricultural" not "precision agriculture")."""
    if " " not in key:
        return " " not in term
    words, parts = key.split(), re.split(r"[ \-]+", term)
    return len(words) == len(parts) and all(
        w[0] == t[0] and 0.6 <= len(w) / len(t) <= 1.6 for w, t in zip(words, parts, strict=True))


# Word endings of English inflection and derivation. A word that differs from a term's word
# only by swapping one of these for another is another form of that word, not a misspelling
# of it: "engineer" is not "engineering", "prototype" not "prototyping", "analyst" not
# "analysis". Plurals ("microservice", "Kubernets") are the same skill.
_ENDINGS = {"", "s", "es", "e", "ed", "d", "ing", "er", "ers", "r", "rs", "or", "ors", "ist", "ists", "t", "ts",
            "is", "ion", "ions", "ation", "ations", "al", "ive", "ic", "ics", "ment", "ments", "ian", "ians",
            "y", "ies"}
_PLURAL = ({"", "s"}, {"", "es"}, {"s", "es"}, {"y", "ies"})


def _other_word_form(key: str, term: str) -> bool:
    """True when ``key`` differs from ``term`` only by word endings, and not only as a plural."""
    words, parts = key.split(), re.split(r"[ \-]+", term)
    if len(words) != len(parts):
        return False
    other_form = False
    for w, t in zip(words, parts, strict=True):
        if w == t:
            continue
        stem = len(os.path.commonprefix([w, t]))
        ends = {w[stem:], t[stem:]}
        if stem < 3 or not ends <= _ENDINGS or max(map(len, ends)) < 2:
            return False  # a misspelling inside the word, or of its last letter ("Snowflak", "Dockerr")
        other_form = other_form or ends not in _PLURAL
    return other_form


def _ambiguity_ok(rule: Ambiguity, tokens: list[str], start: int, end: int, text: str, span: Any) -> bool:
    near = tokens[max(0, start - 2) : start] + tokens[end : end + 2]
    if any(t in rule.anti_cues for t in near):
        return False
    # "Go-to" and "CV:" style neighbours are not the skill reading.
    after = text[span.end_char : span.end_char + 3]
    if after.startswith("-") and not after[1:2].isspace():
        return False
    if start and tokens[start - 1] in rule.cues_before:
        return True
    window = tokens[max(0, start - rule.window) : start] + tokens[end : end + rule.window]
    return any(t in rule.cues for t in window)


_QUOTES = '"\u201c\u201d'
# In a skills list every item is its own claim ("diversity hiring programs, stakeholder management").
_ITEM_BREAK = re.compile(r"[,·*/]|\s-\s")
# Reasons set by the context rules (as opposed to the ambiguity rule or the section).
CONTEXT_REASONS = {"negated", "others_work", "learning"}


@lru_cache(maxsize=4)
def lower_in_place(text: str) -> str:
    """``text.lower()`` with every offset kept: the Turkish dotted and dotless i become "i" (as
    re.I reads them) and the few other characters whose lower case is longer stay as they are.
    Rules run without re.I on this text, several times faster. The patterns and the context
    rules both read a document's lower-cased text, so the last few are kept."""
    if "\u0130" in text or "\u0131" in text:
        text = text.translate(_DOTTED_I)
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


_QUICK: dict[re.Pattern[str], re.Pattern[str]] = {}


def _first_possible(rx: re.Pattern[str], text: str) -> int | None:
    """Where ``rx`` can first match in ``text``, or None when it cannot match at all.

    A pattern that starts with \\b is searched without it: Python's re skips ahead by a
    pattern's first characters only when the pattern starts with them, about 3x faster here.
    Every match of rx is a match of that pattern, so rx starts no earlier than its first one."""
    quick = _QUICK.get(rx)
    if quick is None:
        quick = _QUICK[rx] = re.compile(rx.pattern.removeprefix("\\b"), rx.flags)
    first = quick.search(text)
    return None if first is None else first.start()


# A line break that ends a line rather than wrapping a sentence: the next line does not go on
# in lower case ("- Led the data migration" / "- Staff training" are two claims).
_HARD_BREAK = re.compile(r"\n(?![ \t]*[a-z])")
# re.I matches Turkish dotted and dotless i as "i"; lower() alone would not.
_DOTTED_I = str.maketrans({"\u0130": "i", "\u0131": "i"})


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


_VARIANTS = (("ization", "isation"), ("izing", "ising"), ("ize", "ise"), ("modeling", "modelling"),
             ("yze", "yse"), ("labeling", "labelling"))


def spelling_variants(term: str) -> list[str]:
    """British/American spelling twins of a term ("optimization" -> "optimisation")."""
    out = []
    low = term.lower()
    for us, uk in _VARIANTS:
        if us in low:
            out.append(re.sub(us, uk, term, flags=re.I))
        elif uk in low:
            out.append(re.sub(uk, us, term, flags=re.I))
    return [v for v in out if v.lower() != low]


# -- spaCy component -----------------------------------------------------------------------

_MATCHERS: dict[tuple[int, str], SkillMatcher] = {}


def get_matcher(nlp: Language, taxonomy: Taxonomy) -> SkillMatcher:
    """Return the matcher for this pipeline and taxonomy, building it on first use."""
    key = (id(nlp.vocab), taxonomy.content_hash)
    matcher = _MATCHERS.get(key)
    if matcher is None:
        matcher = _MATCHERS[key] = SkillMatcher(nlp.vocab, taxonomy, nlp.make_doc)
    return matcher


class SkillComponent:
    """spaCy pipeline component: sets ``doc._.skills`` (held) and ``doc._.skill_mentions`` (all)."""

    def __init__(self, nlp: Language, taxonomy: Taxonomy, fuzzy: bool = True) -> None:
        self.matcher = get_matcher(nlp, taxonomy)
        self.fuzzy = fuzzy

    def __call__(self, doc: Doc) -> Doc:
        mentions = self.matcher.find(doc, fuzzy=self.fuzzy)
        doc._.skill_mentions = mentions
        doc._.skills = [m for m in mentions if m.status == "held"]
        return doc


def _register() -> None:
    import gapcheck.spacy_component  # noqa: F401  (registers the factory and Doc extensions)


_BLANK: Language | None = None
# Lexeme attributes the default pipeline computes (spacy.attrs ids): LOWER, NORM, IS_ALPHA,
# IS_DIGIT, IS_LOWER, IS_SPACE, IS_TITLE, IS_UPPER, IS_STOP, IS_PUNCT, LANG.
_LEX_ATTR_NAMES = ("LOWER", "NORM", "IS_ALPHA", "IS_DIGIT", "IS_LOWER", "IS_SPACE", "IS_TITLE", "IS_UPPER",
                   "IS_STOP", "IS_PUNCT", "LANG")


def default_nlp(model: str | None = None) -> Language:
    """Return the default pipeline: ``spacy.blank("en")`` (cached), or an installed model by name."""
    global _BLANK
    import spacy
    from spacy.attrs import IDS

    from gapcheck import _spacy_cli

    _spacy_cli.imported()  # a later `import spacy.cli` is the real package

    _register()
    if model:
        try:
            return spacy.load(model)
        except OSError as exc:
            from gapcheck.errors import GapcheckError

            raise GapcheckError(
                f"spaCy model {model!r} is not installed; install it, or leave out --spacy-model "
                "to use the built-in blank English pipeline."
            ) from exc
    if _BLANK is None:
        # English punctuation rules without the special cases (see spacy_component).
        nlp = spacy.blank("en", config={"nlp": {"tokenizer": {"@tokenizers": "gapcheck.Tokenizer.v1"}}})
        # Every word the pipeline meets for the first time becomes a vocabulary entry with
        # about 20 attributes computed in Python (21 us a word; a new resume brings 100-200
        # new words). Nothing here reads shapes, affixes or like_num/url/email, so they are
        # not computed (8 us a word).
        vocab: Any = nlp.vocab
        keep = {IDS[name] for name in _LEX_ATTR_NAMES}
        vocab.lex_attr_getters = {k: f for k, f in vocab.lex_attr_getters.items() if k in keep}
        _BLANK = nlp
    return _BLANK


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
    contact: dict[int, bool] = {}
    for m in raw:
        tl = ndoc.lines[bisect_right(ndoc.line_starts, m.start) - 1]
        # A heading ("PUBLICATIONS") or a contact line ("Ray Chen, Director, ray@x.com") claims nothing.
        if tl.number not in contact:
            contact[tl.number] = tl.heading or _is_contact_line(tl.text)
        if contact[tl.number] and not _heading_is_the_skill(tl, flat[m.start : m.end]):
            continue
        placed.append(Mention(m.skill_id, m.term, m.start, m.end, m.match, m.confidence, m.status, m.reason,
                              m.hedged, tl.number, tl.section, tl.text))
    out = classify_context(placed, ndoc.text, [m.section for m in placed], taxonomy)
    headers = _entry_headers(ndoc)
    labels = _category_labels(ndoc, out, taxonomy)
    final = []
    for i, m in enumerate(out):
        if m.status == "held":
            reason = "category_label" if i in labels else _place_reason(ndoc, m, headers, taxonomy)
            if reason:
                m = replace(m, status="rejected", reason=reason)
        final.append(m)
    return final


_WORDS_ONLY = re.compile(r"[^\w]+")
_HEADING_PARTS = re.compile(r"\s+(?:and|&)\s+|[/,|]")


def _heading_is_the_skill(tl: TextLine, term: str) -> bool:
    """An experience heading that is itself a skill ("TEACHING", "Leadership") heads lines
    that show it; any other heading ("PUBLICATIONS", "Skills") claims nothing."""
    if not (tl.heading and tl.section == "experience"):
        return False
    parts = {_WORDS_ONLY.sub("", p) for p in _HEADING_PARTS.split(tl.text.casefold())}
    return _WORDS_ONLY.sub("", term.casefold()) in parts


# "Maths: linear algebra, ..." or a table row "| ML | PyTorch, scikit-learn |".
_LABEL = re.compile(r"^\W*([A-Za-z][\w&/+.-]*(?: [\w&/+.-]+){0,3})(?::|\s+\|)\s*\S")


def _category_labels(ndoc: NormalDocument, mentions: list[Mention], taxonomy: Taxonomy) -> set[int]:
    """Indexes of mentions that only name the group of a grouped skills line ("Maths: linear
    algebra, probability"; "ML: PyTorch, deep learning"): the label is a top-level field
    (nothing is broader than it) and broader than a skill listed after it, so the items are
    the claim and the field is implied by them. A narrower label keeps its claim
    ("Statistics: hypothesis testing"), and so do tools and languages ("Python: pandas")."""
    out: set[int] = set()
    by_line: dict[int, list[int]] = {}
    for i, m in enumerate(mentions):
        by_line.setdefault(m.line, []).append(i)
    for idxs in by_line.values():
        first = mentions[idxs[0]]
        label = _LABEL.match(first.line_text)
        if label is None or len(idxs) < 2:
            continue
        colon = label.end(1)
        items = {mentions[i].skill_id for i in idxs if _column(ndoc, mentions[i]) > colon}
        for i in idxs:
            m = mentions[i]
            skill = taxonomy.skill_by_id[m.skill_id]
            if (_column(ndoc, m) + (m.end - m.start) <= colon and not skill.broader and skill.type != "tool"
                    and skill.category != "programming_languages"
                    and any(m.skill_id in taxonomy.ancestors(item) for item in items)):
                out.add(i)
    return out


def _column(ndoc: NormalDocument, m: Mention) -> int:
    """Where the mention starts within its line."""
    return m.start - ndoc.line_starts[m.line - 1]


def _is_contact_line(text: str) -> bool:
    return len(text.split()) <= 16 and bool(_EMAIL.search(text) or _PHONE.search(text))


_DATED = re.compile(r"\b(?:19|20)\d{2}\b|\b(?:present|current|now)\b", re.I)
_DEGREE = re.compile(
    r"\b(?:B\.?\s?S\.?c?|B\.?\s?A|M\.?\s?S\.?c?|M\.?\s?A|B\.?\s?Eng|M\.?\s?Eng|M\.?\s?Phil|Ph\.?\s?D|MBA|"
    r"Bachelor(?:'s)?|Master(?:'s)?|Doctor(?:ate)?|Diploma|Associate(?:'s)?|Bootcamp|A\.?A\.?S)\b\.?")
_TITLE_END = re.compile(r",|\(|\||\s[—–-]\s|\s@\s|\sat\s")


_COMPANY_SUFFIX = re.compile(r"\b(?:ltd|inc|co|corp|llc|plc|pte|gmbh|b\.v|bv|ag|s\.a|sa|s\.p\.a|oy|ab|kk)\.$", re.I)


def _entry_headers(ndoc: NormalDocument) -> set[int]:
    """Line numbers of experience entry headers: short, non-bullet lines that carry a date or
    sit next to a dated header line ("Software Engineer, Acme" above "2019 - 2023")."""
    def short(tl: TextLine) -> bool:
        if tl.section != "experience" or tl.heading or tl.bullet or len(tl.text.split()) > 14:
            return False
        text = tl.text.rstrip()
        # "Acme Pte. Ltd." ends a name, not a sentence
        return not text.endswith(".") or not _COMPANY_SUFFIX.sub("", text).endswith(".")

    lines = ndoc.lines
    shorts = [short(tl) for tl in lines]
    dated = {i for i, tl in enumerate(lines) if shorts[i] and _DATED.search(tl.text)}
    out = set()
    for i in dated:
        out.add(lines[i].number)
        for j in (i - 1, i + 1):
            if 0 <= j < len(lines) and shorts[j] and (j - 1 in dated or j + 1 in dated):
                out.add(lines[j].number)
    return out


def _place_reason(ndoc: NormalDocument, m: Mention, headers: set[int], taxonomy: Taxonomy) -> str | None:
    """Why a mention is not a skill claim because of where it stands, or None.

    - ``interest``: listed under interests or hobbies;
    - ``job_title``: part of a job title line ("Software Engineer, Acme, 2016-2019"), unless it
      is a credential;
    - ``degree``: the subject of a degree ("B.S. Mathematics").
    """
    if m.section == "interests":
        return "interest"
    if m.line in headers and taxonomy.skill_by_id[m.skill_id].type != "credential":
        return "job_title"
    if _degree_subject(ndoc, m):
        return "degree"
    return None


def _degree_subject(ndoc: NormalDocument, m: Mention) -> bool:
    """True when the mention is the subject of a degree ("B.S. Mathematics, Rice, 2018")."""
    if m.section != "education":
        return False
    text = m.line_text
    degree = _DEGREE.search(text)
    if not degree:
        return False
    a = _column(ndoc, m)
    end = _TITLE_END.search(text, degree.end())
    return degree.end() <= a and a + (m.end - m.start) <= (end.start() if end else len(text))


# -- dates and years -------------------------------------------------------------------------

_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}
_MON = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)"
# "Jan 2020", "01/2020", "01.2020", "2020.01", "2020/01", "2020-01" or "2020".
_DATE = (r"(?:(?:(?P<{p}mon>" + _MON + r")[a-z]*\.?\s+)|"
         r"(?P<{p}num>\d{{1,2}})[/.])?(?P<{p}year>(?:19|20)\d{{2}})(?:[/.-](?P<{p}num2>\d{{1,2}})(?![\d/.]))?")
_RANGE_SEP = r"(?:-|–|—|to|until|through|till)"
_RANGE_END = _DATE.format(p="b") + r"|(?P<present>present|current|now|today|ongoing|date)"
_RANGE = re.compile(_DATE.format(p="a") + rf"\s*{_RANGE_SEP}\s*(?:{_RANGE_END})", re.I)


# A job held since a date: "since 2021  NLP Engineer", "Postdoc since 01/2025 at ...", but not
# "Python 3.10 since 2019" (a skill used since then, inside some job).
_SINCE = re.compile(r"(?:^\W*since\s+" + _DATE.format(p="a") + r"|\bsince\s+" + _DATE.format(p="c")
                    + r"\s+(?:at|with|as|in)\b)", re.I)
_FOUR_DIGITS = re.compile(r"\d\d\d\d")
# A season on its own dates a short job: "Summer 2019 · Data Science Intern" (three months).
_SEASON = re.compile(r"\b(spring|summer|fall|autumn|winter)\s+((?:19|20)\d{2})\b(?!\s*(?:-|–|—|to)\s)", re.I)
_SEASON_START = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12}


# An end month reaches to its last day: its year's fraction stays below the next year's.
_LAST_DAY = 1e-6


def _month(mon: str | None, num: str | None, default: int) -> int:
    if mon:
        return _MONTHS[mon[:3].lower()]
    if num and 1 <= int(num) <= 12:
        return int(num)
    return default


# A range cut after its separator at a line end, and what may end it on the next line.
# ("2021 -" / "present", or with the end's month before the break: "Mar 2019 - Dec" / "2020")
_OPEN_RANGE = re.compile(rf"\b(?:19|20)\d{{2}}\s*{_RANGE_SEP}(?:\s*{_MON}[a-z]*\.?)?$", re.I)
_RANGE_TAIL = re.compile(rf"(?:{_RANGE_END})\b", re.I)


def date_ranges(line: str, today: date) -> list[tuple[float, float]]:
    """Return (start, end) in fractional years for each date range in a line."""
    out: list[tuple[float, float]] = []
    if not _FOUR_DIGITS.search(line):  # every range starts with a year; most lines have none
        return out
    for m in _SINCE.finditer(line):  # up to today
        p = "a" if m["ayear"] else "c"
        start = int(m[p + "year"]) + (_month(m[p + "mon"], m[p + "num"] or m[p + "num2"], 1) - 1) / 12
        end = today.year + (today.month - 1) / 12
        if end > start:
            out.append((start, end))
    for m in _RANGE.finditer(line):
        start = int(m["ayear"]) + (_month(m["amon"], m["anum"] or m["anum2"], 1) - 1) / 12
        if m["present"]:
            end = today.year + (today.month - 1) / 12
        elif m["bmon"] or m["bnum"] or m["bnum2"]:
            # to the end of that month, still in its year ("Dec 2020" was last used in 2020)
            end = int(m["byear"]) + _month(m["bmon"], m["bnum"] or m["bnum2"], 12) / 12 - _LAST_DAY
        else:
            # "2017-2019" reads as about two years; a same-year range as half a year.
            end = max(float(int(m["byear"])), start + 0.5)
        end = min(end, today.year + today.month / 12)
        if end > start:
            out.append((start, end))
    if not out:
        for m in _SEASON.finditer(line):
            start = int(m[2]) + (_SEASON_START[m[1].lower()] - 1) / 12
            end = min(start + 0.25, today.year + today.month / 12)
            if end > start:
                out.append((start, end))
    return out


def _union_length(intervals: list[tuple[float, float]]) -> float:
    total, cur_s, cur_e = 0.0, None, None
    for s, e in sorted(intervals):
        if cur_e is None or s > cur_e:
            if cur_e is not None and cur_s is not None:
                total += cur_e - cur_s
            cur_s, cur_e = s, e
        else:
            cur_e = max(cur_e, e)
    if cur_e is not None and cur_s is not None:
        total += cur_e - cur_s
    return total


_SIGNALS = {
    "lead": re.compile(r"\b(?:led|lead|leading|head of|managed a team|manager of)\b"),
    "mentoring": re.compile(r"\b(?:mentor(?:ed|ing|s)?|coached)\b"),
    # a principal or staff title, not "principal component analysis" or "trained 60 staff"
    "principal": re.compile(r"\b(?:principal|staff|distinguished)\s+(?:[\w/-]+\s+)?(?:engineer|scientist|researcher|"
                            r"analyst|architect|consultant|statistician|developer)s?\b|\bdirector\s+of\b|"
                            r"\bchief\s+(?:[\w-]+\s+)?(?:officer|scientist|architect)\b|\b(?:head|vp)\s+of\b"),
    "phd": re.compile(r"\bph\.?\s?d\b|\bdoctor(?:ate|al)\b"),
}  # searched in the lower-cased text


def _search(rx: re.Pattern[str], text: str) -> bool:
    """``rx.search(text)``, sooner (see :func:`_first_possible`)."""
    first = _first_possible(rx, text)
    return first is not None and rx.search(text, first) is not None


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
# "+1 (555) 010-0199", "(555) 010-0199" or "555.010.0199"; written as three branches that each
# start with a fixed character, which lets re skip ahead (twice as fast as one optional prefix).
_PHONE = re.compile(r"\+\d{1,3}[\s.-]?\(?\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}\b|\(\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}\b|"
                    r"\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}\b")


def _list_item(ndoc: NormalDocument, m: Mention) -> str:
    """The comma- or semicolon-separated item of its line that holds the mention, so that
    "5 years of Python, 1 year of Scala" gives each skill its own figure."""
    a = _column(ndoc, m)
    b = a + (m.end - m.start)
    text = m.line_text
    left = max(text.rfind(",", 0, a), text.rfind(";", 0, a)) + 1
    ends = [i for i in (text.find(",", b), text.find(";", b)) if i >= 0]
    return text[left : min(ends) if ends else len(text)]


def build_profile(ndoc: NormalDocument, mentions: list[Mention], taxonomy: Taxonomy,
                  *, today: date | None = None) -> Profile:
    """Turn mentions into a skill profile with proficiency, years, implied skills and signals."""
    today = today or date.today()
    # Experience entries: a dated line in the experience section opens an entry.
    entry_of_line: dict[int, int] = {}
    entries: list[list[tuple[float, float]]] = []
    # Without an experience section (a resume in paragraphs, or with headings gapcheck does not
    # know), jobs are dated in the other prose; degrees are left out.
    work = {"experience"} if any(tl.section == "experience" for tl in ndoc.lines) else {"header", "summary", "other"}
    lines = ndoc.lines
    for k, tl in enumerate(lines):
        if tl.section not in work or tl.heading or (work != {"experience"} and _DEGREE.search(tl.text)):
            continue
        text = tl.text
        # A range wrapped after its dash ("Acme, 2021 -" / "present ...") is read across the break.
        if k + 1 < len(lines) and _OPEN_RANGE.search(text) and not lines[k + 1].heading:
            tail = _RANGE_TAIL.match(lines[k + 1].text)
            if tail:
                text = f"{text} {tail.group(0)}"
        ranges = date_ranges(text, today)
        if ranges:
            entries.append(ranges)
        if entries:
            entry_of_line[tl.number] = len(entries) - 1
    all_ranges = [r for e in entries for r in e]
    years_total = round(_union_length(all_ranges), 1) if all_ranges else None

    held: dict[str, list[Mention]] = {}
    rejected: list[Mention] = []
    for m in mentions:
        if m.status == "held":
            held.setdefault(m.skill_id, []).append(m)
        else:
            rejected.append(m)
    skills: dict[str, SkillRecord] = {}
    for skill_id, ms in held.items():
        intervals = [r for m in ms if m.line in entry_of_line for r in entries[entry_of_line[m.line]]]
        years = round(_union_length(intervals), 1) if intervals else None
        for m in ms:
            item = _list_item(ndoc, m)
            low = item.lower()
            stated = [float(x) for x in _YEARS_OF.findall(item)] if "year" in low or "yr" in low else []
            if stated and (years is None or max(stated) > years):
                years = max(stated)
        last_used = int(max(e for _, e in intervals)) if intervals else None
        if all(m.hedged or m.section == "courses" for m in ms):
            proficiency = "basic"
        elif any(m.section in STRONG_SECTIONS for m in ms) or years:
            proficiency = "strong"
        else:
            proficiency = "listed"
        best = min(ms, key=lambda m: ("exact", "alias", "pattern", "fuzzy").index(m.match))
        skills[skill_id] = SkillRecord(skill_id, best.match, proficiency, tuple(ms), years, last_used)
    # Implied skills: broader parents of held skills, marked as implied, never as found.
    implied: dict[str, set[str]] = {}
    for skill_id in list(skills):
        for parent in taxonomy.ancestors(skill_id):
            if parent not in held:
                implied.setdefault(parent, set()).add(skill_id)
    for parent, children in implied.items():
        skills[parent] = SkillRecord(parent, "implied", "implied", (), None, None, tuple(sorted(children)))
    # Relevant years: entries that show at least two technical skills, one of them ML-specific:
    # beyond the foundations and outside the generic categories (a maths teacher's decade
    # before a bootcamp, or a backend developer's years, do not make a senior ML engineer).
    per_entry: dict[int, set[str]] = {}
    for m in mentions:
        if m.status == "held" and m.line in entry_of_line and taxonomy.skill_by_id[m.skill_id].type != "soft":
            per_entry.setdefault(entry_of_line[m.line], set()).add(m.skill_id)
    first_phase = min(taxonomy.phases, key=lambda p: p.order).id

    def ml_specific(sid: str) -> bool:
        skill = taxonomy.skill_by_id[sid]
        return skill.phase != first_phase and skill.category not in GENERIC_CATEGORIES

    relevant = [r for i, ids in per_entry.items() if len(ids) >= 2 and any(ml_specific(s) for s in ids)
                for r in entries[i]]
    relevant_years = round(_union_length(relevant), 1) if relevant else (0.0 if entries else None)
    low = ndoc.text.lower()
    signals = tuple(sorted(k for k, rx in _SIGNALS.items() if _search(rx, low)))
    pubs = sum(1 for tl in ndoc.lines if tl.section == "publications" and not tl.heading)
    if pubs:
        signals += ("publications",)
    # No address spans a line, so only lines with an "@" are searched (same result, sooner).
    emails = [e for line in ndoc.text.split("\n") if "@" in line for e in _EMAIL.findall(line)]
    contact = {"emails": sorted(set(emails)), "phones": sorted(set(_PHONE.findall(ndoc.text)))}
    return Profile(skills, tuple(rejected), years_total, len(entries), relevant_years, signals, contact)
