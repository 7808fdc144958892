"""The skill matcher: spaCy phrase matchers for every taxonomy term, the taxonomy's patterns
and fuzzy matching of misspelt terms."""

from __future__ import annotations

import os
import re
from functools import cache
from itertools import compress, repeat
from typing import TYPE_CHECKING, Any, cast, overload

from gapcheck._context import classify_context
from gapcheck._fuzzy import MIN_TERM_LEN, FuzzyModel, fuzzy_model
from gapcheck._mention import Mention
from gapcheck._text import _HARD_BREAK, _finditer, lower_in_place, required_literals
from gapcheck.results import MentionMatch, MentionStatus, RejectReason
from gapcheck.taxonomy import Ambiguity, Taxonomy

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

# Cosine similarity of character n-gram TF-IDF vectors above which an unmatched word is
# taken as a misspelling of a skill term (measured in benchmarks/accuracy.py --fuzzy-sweep).
FUZZY_THRESHOLD = 0.78
FUZZY_MIN_LEN = MIN_TERM_LEN


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
        # (case-sensitive?, skill id) -> pattern tokens' ORTH or LOWER ids -> (kind, ambiguity rule)
        self.terms: dict[tuple[bool, str], dict[tuple[int, ...], tuple[MentionMatch, Ambiguity | None]]] = {}
        lower_patterns: dict[str, list[Doc]] = {}
        exact_patterns: dict[str, list[Doc]] = {}
        for skill in taxonomy.skills:
            # The ambiguity rule covers the bare token (the name, or a word of it such as
            # "Spark" of "Apache Spark"); longer aliases ("Golang", "RStudio") are unambiguous.
            name_words = {w.casefold() for w in skill.name.split()}
            terms: list[tuple[str, MentionMatch, Ambiguity | None]] = [(skill.name, "exact", skill.ambiguous)]
            terms += [(a, "alias", skill.ambiguous if a.casefold() in name_words else None) for a in skill.aliases]
            terms += [(a.term, "alias", a) for a in skill.ambiguous_aliases]
            terms += [(v, "alias", r) for t, _, r in terms for v in spelling_variants(t)]
            terms += [(v, "alias", r) for t, _, r in terms for v in hyphenated(t)]
            named = {t.casefold() for t, _, _ in terms}
            split = {v for t, _, _ in terms for v in camel_split(t) if v.casefold() not in named}
            terms += [(v, "alias", None) for v in sorted(split)]
            # A credential's acronym ("RecSys", "NeurIPS") in its own capitals, or in all capitals.
            acronyms = {t for t, _, _ in terms if skill.type == "credential" and _ACRONYM.fullmatch(t)}
            terms += [(t.upper(), "alias", None) for t in sorted(acronyms) if t.upper() != t]
            acronyms |= {t.upper() for t in acronyms}
            for term, kind, rule in terms:
                # A split name matches in its own capitals only ("My SQL", not "my SQL queries"), and
                # so does a credential's acronym ("RecSys" the venue, not "a recsys prototype").
                case_sensitive = (rule is not None and rule.case_sensitive) or len(term) <= 2 or term in split or (
                    term in acronyms)
                pattern = make_doc(term)
                tokens = _token_key(pattern, case_sensitive)
                self.terms.setdefault((case_sensitive, skill.id), {}).setdefault(tokens, (kind, rule))
                target = exact_patterns if case_sensitive else lower_patterns
                target.setdefault(skill.id, []).append(pattern)
        for key, docs in lower_patterns.items():
            self.lower.add(key, docs)
        for key, docs in exact_patterns.items():
            self.exact.add(key, docs)
        self.patterns = [(skill.id, re.compile(p)) for skill in taxonomy.skills
                         for p in (*skill.patterns, *skill.plain_patterns)]
        # Strings of which every match of a pattern holds one (None: no such few; see required_literals).
        self._pattern_needs = [required_literals(rx) for _, rx in self.patterns]
        self._fuzzy: FuzzyModel | None = None
        self._fuzzy_cache: dict[str, tuple[str, str, float] | None] = {}
        self._kinds: dict[int, int] = {}  # orth -> what the word can be in a misspelt term (see _word)
        self._folded: dict[int, str] = {}  # orth -> the word case-folded
        self._names = {skill.id: skill.name.casefold() for skill in taxonomy.skills}

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
        from spacy.attrs import IDX, LENGTH, LOWER, ORTH

        # Matches as (key, start, end) tuples and token attributes as lists: no Span or Token
        # objects (each costs a Python object and a string-store lookup per attribute).
        exact = self.exact(doc)
        exact_at = set(exact)
        spans = _longest_first([*self.lower(doc), *exact])
        text = doc.text if text is None else text
        mentions: list[Mention] = []
        taken: list[tuple[int, int]] = []  # the tokens (start, end) of each term matched
        idx, length, orth, lower = (col.tolist() for col in doc.to_array([IDX, LENGTH, ORTH, LOWER]).T)
        lowered_tokens: _LowerTokens | None = None
        strings, names = doc.vocab.strings, self._names
        for match in spans:
            label, start, end = match
            skill_id = strings[label]
            sensitive = match in exact_at
            kind, rule = self.terms[(sensitive, skill_id)][tuple((orth if sensitive else lower)[start:end])]
            taken.append((start, end))
            a, b = idx[start], idx[end - 1] + length[end - 1]
            # The tail of a hyphenated compound is another term ("self-supervised learning").
            if a >= 2 and text[a - 1] == "-" and text[a - 2].isalnum():
                continue
            status: MentionStatus = "held"
            reason: RejectReason | None = None
            decided_by: str | None = None
            if rule is not None:
                lowered_tokens = lowered_tokens or _LowerTokens(lower, strings)
                if not _ambiguity_ok(rule, lowered_tokens, start, end, text, b):
                    status, reason, decided_by = "rejected", "ambiguous", "taxonomy.ambiguous_word"
            surface = text[a:b]  # the span's text, without joining its tokens again
            folded = surface.casefold()
            found: MentionMatch = "exact" if folded == names[skill_id] else kind
            if found == "alias" and folded == skill_id.replace("_", " "):
                found = "exact"
            mentions.append(Mention(skill_id, surface, a, b, found, 1.0 if found == "exact" else 0.95, status, reason,
                                    rule=decided_by))
        if self.patterns:
            mentions.extend(self._pattern_mentions(text, lines or text, mentions))
        if fuzzy:
            mentions.extend(self._fuzzy_mentions(orth, idx, length, strings, taken, text))
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
        for (skill_id, rx), needs in zip(self.patterns, self._pattern_needs, strict=True):
            # Most texts meet no pattern at all: a text without the strings a pattern needs is
            # passed over, and _finditer tries rx only where it can start.
            if needs and not any(s in low for s in needs):
                continue
            matches = _finditer(rx, low)
            if not matches:
                continue
            spans = taken.setdefault(skill_id, [])
            for m in matches:
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
        words_of_their_own = not_misspellings()
        # Only words whose most similar term reaches the threshold come back; most words of a
        # resume (names, employers, places) are set aside without being scored against every term.
        for key, found in zip(keys, model.best_above(keys, FUZZY_THRESHOLD), strict=True):
            hit = None
            if found is not None and key not in words_of_their_own:
                best, sim = found
                skill_id, term = model.terms[best]
                folded = term.casefold()
                if (folded != key and folded[0] == key[0] and 0.8 <= len(key) / len(folded) <= 1.25
                        and _words_agree(key, folded) and not _other_word_form(key, folded)
                        and _few_edits(key, folded)):
                    hit = (skill_id, term, round(sim, 3))
            self._fuzzy_cache[key] = hit

    def _word(self, orth: int, strings: Any) -> int:
        """What a vocabulary word can be in a misspelt term (kept, with its case-folded form):
        kind 0 nothing (not alphabetic, shorter than 3 letters, or a stop word), 1 the second word
        of a pair, 2 also a term on its own."""
        from spacy.lang.en.stop_words import STOP_WORDS

        word = strings[orth]
        kind = 0 if not word.isalpha() or len(word) < 3 or word.lower() in STOP_WORDS else (
            2 if len(word) >= FUZZY_MIN_LEN else 1)
        self._folded[orth] = word.casefold()
        self._kinds[orth] = kind
        return kind

    def _fuzzy_mentions(self, orths: list[int], starts: list[int], lengths: list[int], strings: Any,
                        taken: list[tuple[int, int]], text: str) -> list[Mention]:
        """Mentions (match kind ``fuzzy``) of misspelt terms among the words no term took.

        ``orths``, ``starts`` and ``lengths``: each token's ORTH, IDX and LENGTH; ``strings``: the
        Doc's string store; ``taken``: the tokens (start, end) of the terms matched."""
        # Words are sorted out once per vocabulary entry, not once per occurrence: no Token
        # objects or slices for the hundreds of words that cannot be misspelt skill names.
        kind = list(map(self._kinds.get, orths, repeat(-1)))
        if kind and min(kind) < 0:  # a word not met before
            kind = [self._word(o, strings) if k < 0 else k for o, k in zip(orths, kind, strict=True)]
        for a, b in taken:
            kind[a:b] = [0] * (b - a)
        words = list(compress(range(len(kind)), map((2).__eq__, kind)))  # the words that can be a term
        if not words:
            return []
        last = len(orths) - 1
        # Each word's two-word form when a word follows ("scikit lern"), and the word alone.
        pairs = [i for i in words if i < last and kind[i + 1]]
        pair_forms = [text[starts[i] : starts[i + 1] + lengths[i + 1]].casefold() for i in pairs]
        word_forms = list(map(self._folded.__getitem__, map(orths.__getitem__, words)))
        cache = self._fuzzy_cache
        try:  # warm: every form was looked up before
            pair_hits = list(map(cache.__getitem__, pair_forms))
            word_hits = list(map(cache.__getitem__, word_forms))
        except KeyError:
            self._lookup_many(_in_turn(words, pairs, pair_forms, word_forms, cache))
            pair_hits = list(map(cache.__getitem__, pair_forms))
            word_hits = list(map(cache.__getitem__, word_forms))
        # Most forms are no misspelling: only the hits are gone through, by word, a word's
        # two-word form before the word alone (n is minus the form's number of tokens).
        found = sorted([(i, -2, hit) for i, hit in zip(compress(pairs, pair_hits), filter(None, pair_hits),
                                                       strict=True)]
                       + [(i, -1, hit) for i, hit in zip(compress(words, word_hits), filter(None, word_hits),
                                                         strict=True)], key=_word_then_longer)
        out: list[Mention] = []
        free = 0  # the first token not yet part of a fuzzy mention
        for i, n, hit in found:
            if i >= free:
                start, j = starts[i], i - n - 1  # the form's last token
                end = starts[j] + lengths[j]
                out.append(Mention(hit[0], text[start:end], start, end, "fuzzy", hit[2]))
                free = i - n
        return out


@cache
def not_misspellings() -> frozenset[str]:
    """English words that look like a misspelt skill term but are words of their own
    (``skill_taxonomy/not_misspellings.yaml``)."""
    from importlib.resources import files

    import yaml

    data = yaml.safe_load((files("skill_taxonomy") / "not_misspellings.yaml").read_text(encoding="utf-8"))
    return frozenset(str(w).casefold() for w in data["words"])


def _word_then_longer(found: tuple[int, int, Any]) -> tuple[int, int]:
    return found[0], found[1]


def _in_turn(words: list[int], pairs: list[int], pair_forms: list[str], word_forms: list[str],
             cache: dict[str, Any]) -> list[str]:
    """The forms not looked up yet, in text order (a word's two-word form, then the word)."""
    pair_of = dict(zip(pairs, pair_forms, strict=True))
    out = []
    for i, form in zip(words, word_forms, strict=True):
        if i in pair_of and pair_of[i] not in cache:
            out.append(pair_of[i])
        if form not in cache:
            out.append(form)
    return out


def _token_key(tokens: Any, case_sensitive: bool) -> tuple[int, ...]:
    """The ids of what a phrase pattern compares (ORTH or LOWER), to find which term matched:
    the same ids as a Doc's token attributes, so a match's key is a slice of them."""
    return tuple(t.orth for t in tokens) if case_sensitive else tuple(t.lower for t in tokens)


def _longest_first(matches: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """spaCy's ``filter_spans`` on (key, start, end) matches: the longest of overlapping matches
    (the first of equals), in position order."""
    result: list[tuple[int, int, int]] = []
    seen: set[int] = set()
    for match in sorted(matches, key=lambda m: (m[2] - m[1], -m[1]), reverse=True):
        _, start, end = match
        if start not in seen and end - 1 not in seen:
            result.append(match)
            seen.update(range(start, end))
    return sorted(result, key=lambda m: m[1])


class _LowerTokens:
    """The lower-case form of a Doc's tokens, looked up in the string store only where the
    ambiguity rule reads them (a few tokens around each ambiguous term, not all of them)."""

    def __init__(self, ids: list[int], strings: Any) -> None:
        self._ids = ids
        self._strings = strings

    @overload
    def __getitem__(self, i: int) -> str: ...
    @overload
    def __getitem__(self, i: slice) -> list[str]: ...
    def __getitem__(self, i: int | slice) -> str | list[str]:
        if isinstance(i, slice):
            return [self._strings[x] for x in self._ids[i]]
        return cast(str, self._strings[self._ids[i]])


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


def _few_edits(key: str, term: str) -> bool:
    """A misspelling is a slip of a letter or two, not another word: each word is at most one
    edit (an insertion, deletion, substitution or swap of neighbours) from its counterpart, two
    for words over eight letters, once a plural ending is set aside. Most typing errors are one
    such edit (Damerau 1964), while "tracing" is two from "training". A term written as one word
    ("selfsupervised") is compared without its spaces and hyphens."""
    words, parts = key.split(), re.split(r"[ \-]+", term)
    if len(words) != len(parts):
        words, parts = ["".join(words)], ["".join(parts)]
    return all(_edits(_singular(w), _singular(t)) <= (1 if max(len(w), len(t)) <= 8 else 2)
               for w, t in zip(words, parts, strict=True))


def _singular(word: str) -> str:
    """The word without a plural ending ("probabilities" -> "probabilit", "services" -> "service")."""
    for end in ("ies", "es", "s", "y"):
        if word.endswith(end) and len(word) > len(end) + 3:
            return word[: -len(end)]
    return word


def _edits(a: str, b: str) -> int:
    """Optimal string alignment distance (Damerau-Levenshtein without repeated edits of a span)."""
    if a == b:
        return 0
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[-1]


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


def _ambiguity_ok(rule: Ambiguity, tokens: _LowerTokens, start: int, end: int, text: str, end_char: int) -> bool:
    near = tokens[max(0, start - 2) : start] + tokens[end : end + 2]
    if any(t in rule.anti_cues for t in near):
        return False
    # "Go-to" and "CV:" style neighbours are not the skill reading.
    after = text[end_char : end_char + 3]
    if after.startswith("-") and not after[1:2].isspace():
        return False
    if start and tokens[start - 1] in rule.cues_before:
        return True
    window = tokens[max(0, start - rule.window) : start] + tokens[end : end + rule.window]
    return any(t in rule.cues for t in window)


_VARIANTS = (("ization", "isation"), ("izing", "ising"), ("ize", "ise"), ("modeling", "modelling"),
             ("yze", "yse"), ("labeling", "labelling"))


# A term of two or three words, each of letters or digits ("recommendation system", "3D
# reconstruction"), is also written as a compound with hyphens ("recommendation-system models",
# "weakly-supervised learning").
_COMPOUND = re.compile(r"[^\W_]+(?:-[^\W_]+)*(?: [^\W_]+(?:-[^\W_]+)*){1,2}")


def hyphenated(term: str) -> list[str]:
    """The term written as a compound: "deep learning" -> ["deep-learning"]; "weakly supervised
    learning" -> ["weakly-supervised learning", "weakly supervised-learning", "weakly-supervised-learning"]."""
    if not _COMPOUND.fullmatch(term):
        return []
    words = term.split(" ")
    if len(words) == 2:
        return ["-".join(words)]
    a, b, c = words
    return [f"{a}-{b} {c}", f"{a} {b}-{c}", f"{a}-{b}-{c}"]


# An acronym: one word with two capitals or more ("ICML", "RecSys", "CoRL").
_ACRONYM = re.compile(r"(?=(?:\w*[A-Z]){2})[A-Za-z0-9-]+")
# A word, then a capitalised word or an acronym ("SageMaker", "LightGBM"); or an acronym, then a
# word ("XGBoost", "MLOps"). Two acronyms ("MATLAB") or a plural ("GLMs") are no such name.
_CAMEL = re.compile(r"^([A-Z][a-z]+)([A-Z][A-Za-z]*[a-z][A-Za-z]*|[A-Z]{2,})$|^([A-Z]{2,})([A-Z][a-z]{2,}[A-Za-z]*)$")


def camel_split(term: str) -> list[str]:
    """A one-word name in two capitalised parts, written as two words: "SageMaker" -> ["Sage Maker"],
    "BigQuery" -> ["Big Query"], "XGBoost" -> ["XG Boost"]; none for "Python", "MATLAB" or
    "MySQL" (whose first part is a word of every sentence: "My SQL queries")."""
    from spacy.lang.en.stop_words import STOP_WORDS

    m = _CAMEL.match(term)
    if m is None:
        return []
    first, second = (m[1], m[2]) if m[1] else (m[3], m[4])
    return [] if first.lower() in STOP_WORDS else [f"{first} {second}"]


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
