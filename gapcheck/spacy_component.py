"""The ``gapcheck_skills`` spaCy factory (also registered as a spaCy entry point).

>>> import spacy
>>> nlp = spacy.blank("en")
>>> nlp.add_pipe("gapcheck_skills")          # doctest: +SKIP
>>> [m.skill_id for m in nlp("PyTorch and k8s")._.skills]   # doctest: +SKIP
['pytorch', 'kubernetes']
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex, registry

from gapcheck._matcher import get_matcher
from gapcheck.taxonomy import Taxonomy

for _attr in ("skills", "skill_mentions"):
    if not Doc.has_extension(_attr):
        Doc.set_extension(_attr, default=None)


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


@Language.factory("gapcheck_skills", default_config={"taxonomy_path": None, "fuzzy": True})
def make_component(nlp: Language, name: str, taxonomy_path: str | None, fuzzy: bool) -> SkillComponent:
    """Create the skill matcher component for ``nlp`` (``taxonomy_path`` None: the shipped taxonomy)."""
    from gapcheck.taxonomy import load_taxonomy

    return SkillComponent(nlp, load_taxonomy(taxonomy_path), fuzzy=fuzzy)


# Whitespace-separated spans whose tokens the tokenizer keeps (spaCy's default is 10,000). Past
# that, every span not yet kept goes through the affix patterns each time it is met: the
# labelled resumes alone hold about 15,000 distinct spans. An entry is a few dozen bytes.
TOKENIZER_CACHE_SIZE = 100_000


@registry.tokenizers("gapcheck.Tokenizer.v1")
def create_tokenizer() -> Callable[[Language], Tokenizer]:
    """The language's own punctuation rules without its special cases (contractions,
    abbreviations, emoticons). Skill matching gains nothing from them: patterns and text go
    through the same tokenizer. They cost a lot: once a span hits one ("—", "C++", "Ph.D."),
    spaCy 3.8 caches no later span of that text (explosion/spaCy#13950), so a resume took
    2-6 ms instead of 0.1 ms; and adding them takes 0.1 s at start-up. Without the emoticon
    rules, "8)" and "):" are no longer glued into one token, which lets "(Java 8)" and
    "510(k):" match. benchmarks/README.md has the measurements."""

    def make(nlp: Language) -> Tokenizer:
        d = nlp.Defaults
        return Tokenizer(
            nlp.vocab,
            rules={},
            prefix_search=compile_prefix_regex(d.prefixes).search if d.prefixes else None,
            suffix_search=compile_suffix_regex(d.suffixes).search if d.suffixes else None,
            infix_finditer=compile_infix_regex(d.infixes).finditer if d.infixes else None,
            token_match=d.token_match,
            url_match=d.url_match,
            max_cache_size=TOKENIZER_CACHE_SIZE,
        )

    return make
