"""Work that only builds on models others made: an LLM called through its API, retrieval and
prompts around it, a chatbot (the taxonomy's ``application_skills``)."""

from __future__ import annotations

import re
from collections.abc import Mapping

from gapcheck.profile import Profile
from gapcheck.taxonomy import Taxonomy

# Verbs of making a model: a line that trains one ("pre-trained large language models from
# scratch", "fine-tuned an LLM") is the field's work, whatever skill it names.
# Not teaching people ("trained 40 support staff", "training sessions", "training material").
_MADE = re.compile(r"\b(?:pre-?|re)?train(?:s|ed|ing)?\b(?!\s+(?:\d+|sessions?|materials?|courses?|workshops?|staff|"
                   r"people|colleagues|users|employees|new\s+hires|teams?|the\s+team|agents)\b)"
                   r"|\bfine-?tun\w*|\bdistill\w*|\binstruction[- ]tun\w*|\brlhf\b", re.IGNORECASE)


def building_on_models(evidence: Mapping[str, tuple[str, ...]], profile: Profile, taxonomy: Taxonomy) -> set[str]:
    """Ids of the roles whose evidence (core field skills shown at work, per role) is only skills
    of building on models others made, beside the field's own names (``area_skills``: "machine
    learning", "NLP"), when no line of those skills trains a model: a web developer's LLM
    chatbot, its retrieval and prompts, is no model trained and no method of the field."""
    apps, areas = frozenset(taxonomy.application_skills), frozenset(taxonomy.area_skills)
    made = any(_MADE.search(m.line_text) for sid in apps & profile.shown if sid in profile.skills
               for m in profile.skills[sid].mentions)
    if made:
        return set()
    return {role for role, shown in evidence.items() if not apps.isdisjoint(shown) and set(shown) <= apps | areas}
