"""The ``gapcheck_skills`` spaCy factory (also registered as a spaCy entry point).

>>> import spacy
>>> nlp = spacy.blank("en")
>>> nlp.add_pipe("gapcheck_skills")          # doctest: +SKIP
>>> [m.skill_id for m in nlp("PyTorch and k8s")._.skills]   # doctest: +SKIP
['pytorch', 'kubernetes']
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from gapcheck.extract import SkillComponent

for _attr in ("skills", "skill_mentions"):
    if not Doc.has_extension(_attr):
        Doc.set_extension(_attr, default=None)


@Language.factory("gapcheck_skills", default_config={"taxonomy_path": None, "fuzzy": True})
def make_component(nlp: Language, name: str, taxonomy_path: str | None, fuzzy: bool) -> SkillComponent:
    """Create the skill matcher component for ``nlp`` (``taxonomy_path`` None: the shipped taxonomy)."""
    from gapcheck.taxonomy import load_taxonomy

    return SkillComponent(nlp, load_taxonomy(taxonomy_path), fuzzy=fuzzy)
