"""Job titles that name the field: a role's own names, and the field's words in a title."""

from __future__ import annotations

import re

from gapcheck._text import quick_start
from gapcheck.taxonomy import Taxonomy

_FIELD_TITLES: dict[str, dict[str, re.Pattern[str]]] = {}
_FIELD_WORDS: dict[str, re.Pattern[str] | None] = {}
# Words that name the field in a job's title though no skill is named by them ("Head of AI",
# "Director of Data Science"), on lower-case text.
_FIELD_TITLE_WORDS = re.compile(r"\b(?:ai|artificial intelligence|data science)\b")


def _field_words(taxonomy: Taxonomy) -> re.Pattern[str] | None:
    """The field skills' names and aliases and the field's own name, as a pattern on lower-case
    text (None for a taxonomy without any). Kept per taxonomy."""
    if taxonomy.content_hash not in _FIELD_WORDS:
        field = taxonomy.field_skills
        words = {t.lower() for s in taxonomy.skills if s.id in field for t in (s.name, *s.aliases)}
        if taxonomy.field_name:
            words.add(taxonomy.field_name.lower())
        alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
        _FIELD_WORDS[taxonomy.content_hash] = quick_start(re.compile(rf"\b(?:{alternatives})\b")) if words else None
    return _FIELD_WORDS[taxonomy.content_hash]


def _names_field(text: str, taxonomy: Taxonomy) -> bool:
    """Whether a job's title names the field ("VP Machine Learning", "Head of AI")."""
    low, said = text.lower(), _field_words(taxonomy)
    return bool((said is not None and said.search(low)) or _FIELD_TITLE_WORDS.search(low))


def _field_titles(taxonomy: Taxonomy) -> dict[str, re.Pattern[str]]:
    """Per role, a pattern of those of its names that name the field: the role's own name ("Data
    Scientist"), and the aliases that hold a field skill's name or alias, or the field's own name
    ("ML Engineer", "Computer Vision Scientist"; not "Research Scientist" or "Quantitative
    Analyst", which other trades hold too). Plural names are left out: "led the ML Engineers" is
    no such post. Kept per taxonomy."""
    found = _FIELD_TITLES.get(taxonomy.content_hash)
    if found is None:
        said = _field_words(taxonomy)
        found = {}
        for r in taxonomy.roles:
            names = {r.name, *r.aliases}
            # the role's own name counts whatever its words ("Data Scientist"), not its aliases
            own = sorted((n for n in names if (n == r.name or (said is not None and said.search(n.lower())))
                          and not (n.endswith("s") and n[:-1] in names)), key=len, reverse=True)
            if own:
                found[r.id] = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in own) + r")\b", re.IGNORECASE)
        _FIELD_TITLES[taxonomy.content_hash] = found
    return found
