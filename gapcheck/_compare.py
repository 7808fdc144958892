"""What separates the best role from the runner-up, in one sentence."""

from __future__ import annotations

from typing import Literal

from gapcheck.results import RoleFit
from gapcheck.taxonomy import Taxonomy


def compare(best: RoleFit, runner: RoleFit, taxonomy: Taxonomy, *, titled: Literal["", "title", "post"] = "") -> str:
    """Say in one sentence what separates the best role from the runner-up (``titled``: the
    best was chosen because the resume's own title names it, or names a research post)."""
    best_role, run_role = taxonomy.role_by_id.get(best.id), taxonomy.role_by_id.get(runner.id)
    lead = round(best.score - runner.score, 1)
    # The runner-up may score higher yet not fit (none of its core skills is shown at work), or
    # fit as well while the resume's title names the best.
    text = (f"{best.name} leads {runner.name} by {lead} points" if lead >= 0 else
            f"{runner.name} scores {-lead} points more, but your title names {best.name}" if titled == "title" else
            f"{runner.name} scores {-lead} points more, but yours is a research post" if titled == "post" else
            f"{runner.name} scores {-lead} points more but is not shown at work as {best.name} is")
    if best_role and run_role:
        ess_best = {link.skill for link in best_role.skills if link.importance == "essential"}
        ess_run = {link.skill for link in run_role.skills if link.importance == "essential"}
        yours = [taxonomy.skill_by_id[s].name for s in sorted(ess_best - ess_run) if s in best.matched]
        needs = [m.name for m in runner.missing if m.importance == "essential"][:3]
        if yours:
            text += f": you hold {', '.join(yours[:4])}, essential for {best.name} but not for {runner.name}"
        if needs:
            text += f"; {runner.name} would also need {', '.join(needs)}"
    return text + "."
