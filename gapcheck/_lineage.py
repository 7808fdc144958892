"""Every skill's broader skills, worked out once per taxonomy: the profile and the verdict ask
for them for each held skill of every resume (``Taxonomy.ancestors`` walks the links each time)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gapcheck.taxonomy import Taxonomy

_BY_TAXONOMY: dict[str, dict[str, tuple[str, ...]]] = {}


def ancestors_of(taxonomy: Taxonomy) -> dict[str, tuple[str, ...]]:
    """Skill id -> ``taxonomy.ancestors(skill id)`` (nearest first), for every skill.

    Args:
        taxonomy: a loaded taxonomy; tables are kept by its content hash.

    Returns:
        The table, shared by every caller: do not change it.
    """
    table = _BY_TAXONOMY.get(taxonomy.content_hash)
    if table is None:
        table = _BY_TAXONOMY[taxonomy.content_hash] = {s.id: tuple(taxonomy.ancestors(s.id)) for s in taxonomy.skills}
    return table
