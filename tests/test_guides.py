"""The shipped taxonomy says what the five seed guides say, and no more (issue 21).

Importance follows the guides' own words; ladders and pay are the guides' figures at the levels
the guides give them; a curated entry claims no guide content that is not there; estimates are
marked as estimates; and every role has a job search drawn from the guides.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from gapcheck.profile import Profile
from gapcheck.score import seniority
from skill_taxonomy._statements import IMPORTANCE_OF_CUE
from skill_taxonomy.build import CUE_WINDOW

G000, G001, G002, G003, G004 = ("000_323595ff88958de8.txt", "001_e517f3aa04b03838.txt", "002_431a5caadd39af82.txt",
                                "003_1648d00bf512574b.txt", "004_241a679e544b6720.txt")

# role -> guide -> the skills that guide states as essential for the role, in its own words.
GUIDE_ESSENTIALS: dict[str, dict[str, set[str]]] = {
    # 000: programming, Python and deep learning frameworks are essential; linear algebra,
    # calculus, probability and algorithms non-negotiable; a PhD the foundational requirement.
    "ai_research_scientist": {G000: {"programming", "python", "deep_learning_frameworks", "linear_algebra",
                                     "calculus", "probability", "data_structures_algorithms", "doctoral_research"}},
    # 001: SQL critical, maths and programming non-negotiable, probability and statistics a must,
    # NumPy, pandas and Matplotlib essential libraries, Python among the non-negotiables.
    "ml_scientist": {G001: {"sql", "mathematics", "programming", "python", "numpy", "pandas", "matplotlib",
                            "probability", "statistics"}},
    # 002: six critical skills (Research is research methodology); 003: a critical foundation in
    # linear algebra, calculus, probability and optimization, and proficiency in frameworks such
    # as TensorFlow, PyTorch and scikit-learn (examples; see OVERRIDDEN).
    "ml_researcher": {G002: {"machine_learning", "deep_learning", "research_methodology", "python", "statistics",
                             "paper_publishing"},
                      G003: {"linear_algebra", "calculus", "probability", "optimization", "tensorflow", "pytorch",
                             "scikit_learn"}},
    # 004: an ML engineer must have software engineering skills; MLOps engineers must master
    # MLflow, Kubeflow, Weights and Biases and cloud-native ML platforms.
    "ml_engineer": {G004: {"software_engineering"}},
    "mlops_engineer": {G004: {"mlflow", "kubeflow", "weights_and_biases", "ml_platforms"}},
    # 004 states no skill of these roles as essential.
    "data_scientist": {}, "nlp_engineer": {}, "computer_vision_scientist": {}, "rl_researcher": {},
    "quant_ml_analyst": {}, "healthcare_ml_specialist": {},
}
# Essentials a guide states that a reviewer set lower, each with a reason on the link.
OVERRIDDEN = {("ml_researcher", "tensorflow"), ("ml_researcher", "pytorch"), ("ml_researcher", "scikit_learn")}


@pytest.fixture(scope="module")
def guides(seeds: Path) -> dict[str, str]:
    """The seed guides' texts by file name (tests that need them skip without them)."""
    return {p.name: p.read_text(encoding="utf-8") for p in seeds.iterdir()}


def _has(text: str, term: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(term.casefold())}(?!\w)", text.casefold()) is not None


# -- importance from the guides' own words ---------------------------------------------------


def test_every_role_is_checked(taxonomy):
    assert set(GUIDE_ESSENTIALS) == {r.id for r in taxonomy.roles}


@pytest.mark.parametrize("role_id", sorted(GUIDE_ESSENTIALS))
def test_each_role_has_the_essentials_its_guides_state(taxonomy, role_id):
    role = taxonomy.role_by_id[role_id]
    stated: dict[str, set[str]] = {}
    for link in role.skills:
        for st in link.stated:
            if IMPORTANCE_OF_CUE[st.cue] == "essential":
                stated.setdefault(st.source, set()).add(link.skill)
    assert stated == GUIDE_ESSENTIALS[role_id]
    links = {link.skill: link for link in role.skills}
    for sid in set().union(*GUIDE_ESSENTIALS[role_id].values()):
        if (role_id, sid) in OVERRIDDEN:
            assert links[sid].reason and links[sid].importance != "essential"
        else:
            assert links[sid].importance == "essential", sid


def test_importance_follows_the_statements_unless_a_reason_says_why_not(taxonomy):
    order = {"essential": 0, "important": 1, "optional": 2}
    for role in taxonomy.roles:
        for link in role.skills:
            if link.stated:
                strongest = min((IMPORTANCE_OF_CUE[st.cue] for st in link.stated), key=order.__getitem__)
                assert link.importance == strongest or link.reason, (role.id, link.skill)
            elif not link.curated:
                # A guide that only mentions a skill for a role does not say how much it matters.
                assert link.importance == "optional", (role.id, link.skill)


def test_every_statement_is_in_its_guide(taxonomy, guides):
    for role in taxonomy.roles:
        for link in role.skills:
            skill = taxonomy.skill_by_id[link.skill]
            for st in link.stated:
                text = guides[st.source].casefold()
                terms = [st.term] if st.term else [skill.name, *skill.aliases]
                cue = re.escape(st.cue).replace(r"\-", "[ -]?")
                cues = [m.start() for m in re.finditer(cue, text)]
                near = [m.start() for t in terms for m in re.finditer(rf"(?<!\w){re.escape(t.casefold())}(?!\w)", text)
                        if any(abs(m.start() - c) <= CUE_WINDOW for c in cues)]
                assert near, f"{role.id}/{link.skill}: {st.source} has no {st.cue!r} near {terms[0]!r}"


@pytest.mark.parametrize("role_id, skill_id, allowed", [
    # 000 calls Python essential, and a deep learning framework (PyTorch or TensorFlow).
    ("ai_research_scientist", "python", {"essential"}),
    ("ai_research_scientist", "deep_learning_frameworks", {"essential"}),
    ("ai_research_scientist", "pytorch", {"essential", "important"}),
    ("ai_research_scientist", "tensorflow", {"essential", "important"}),
    # 001: most applied scientist roles probably do not need a PhD.
    ("ml_scientist", "doctoral_research", {"optional"}),
    # 003 names healthcare among the places research is applied, not as a requirement.
    ("ml_researcher", "healthcare_domain", {"optional", None}),
    # 004 says reinforcement learning does *not* learn from labelled examples.
    ("rl_researcher", "data_labeling", {None}),
    # 004 names software engineering first among the disciplines MLOps draws on.
    ("mlops_engineer", "software_engineering", {"essential", "important"}),
])
def test_the_links_the_issue_names_are_fixed(taxonomy, role_id, skill_id, allowed):
    links = {link.skill: link.importance for link in taxonomy.role_by_id[role_id].skills}
    assert links.get(skill_id) in allowed


# -- honest provenance -----------------------------------------------------------------------


def test_no_curated_skill_claims_a_guide_that_lacks_the_term(taxonomy, guides):
    checked = 0
    for skill in taxonomy.skills:
        if not skill.curated_reason:
            continue
        named = set(re.findall(r"\b(00[0-4])(?:'s)?\b", skill.curated_reason))
        if skill.reason_source is None:
            assert not named, f"{skill.id}: its reason cites {named} but names no reason_source"
            continue
        assert named <= {skill.reason_source[:3]}, f"{skill.id}: its reason cites another guide than its source"
        assert skill.reason_term and _has(guides[skill.reason_source], skill.reason_term), \
            f"{skill.id}: {skill.reason_source} does not have {skill.reason_term!r}"
        checked += 1
    assert checked >= 150


# -- seniority and pay as the guides state them ----------------------------------------------


def _person(years: float) -> Profile:
    return Profile({}, (), years, 1, relevant_years=years)


def test_a_five_and_a_half_year_ml_scientist_is_senior_with_001s_senior_band(taxonomy):
    s = seniority(_person(5.5), taxonomy.role_by_id["ml_scientist"])
    assert (s.level, s.ladder_title) == ("senior", "Senior Machine Learning Scientist")
    assert (s.salary["min"], s.salary["max"], s.salary["sources"]) == (181000, 202000, [G001])
    assert s.salary["level_stated"] and s.years_estimated is False and s.source == G001


def test_a_two_and_a_half_year_ml_researcher_is_mid(taxonomy):
    s = seniority(_person(2.5), taxonomy.role_by_id["ml_researcher"])
    assert (s.level, s.ladder_title) == ("mid", "Machine Learning Researcher")
    assert (s.salary["min"], s.salary["max"]) == (170000, 220000)


@pytest.mark.parametrize("role_id, steps", [
    # 001: entry 0-2, mid 3-5, senior 5+; then research lead or principal, director, chief.
    ("ml_scientist", [("junior", 0, G001), ("mid", 3, G001), ("senior", 5, G001)]),
    # 002: entry 0-2, mid 2-6, senior 6+ (and no step above it).
    ("ml_researcher", [("junior", 0, G002), ("mid", 2, G002), ("senior", 6, G002)]),
])
def test_guide_ladders_have_the_guides_years(taxonomy, role_id, steps):
    ladder = taxonomy.role_by_id[role_id].ladder
    stated = [(lv.level, lv.years_min, lv.source) for lv in ladder
              if not lv.years_estimated and lv.years_min is not None]
    assert stated == steps
    assert all(lv.salary and lv.salary.sources == [steps[0][2]] for lv in ladder[:3])


def test_ml_scientist_ladder_reaches_director_and_chief(taxonomy):
    ladder = {lv.level: lv for lv in taxonomy.role_by_id["ml_scientist"].ladder}
    assert list(ladder) == ["junior", "mid", "senior", "principal", "director", "chief"]
    assert "Director of AI" in ladder["director"].title and "Chief AI Officer" in ladder["chief"].title
    assert ladder["director"].source == ladder["chief"].source == G001
    # 001 gives no years for the top steps: years alone never make a director.
    assert ladder["director"].years_min is None and ladder["principal"].years_estimated
    assert seniority(_person(30), taxonomy.role_by_id["ml_scientist"]).level == "principal"


def test_ml_researcher_ladder_has_only_the_steps_002_names(taxonomy):
    assert [lv.level for lv in taxonomy.role_by_id["ml_researcher"].ladder] == ["junior", "mid", "senior"]


def test_pay_sits_at_the_level_the_guide_gives_it(taxonomy):
    for role in taxonomy.roles:
        for step in role.ladder:
            if step.salary:
                assert step.salary.level_stated and step.source, (role.id, step.level)
            if step.source is None:  # a step no guide names: estimated years, no pay
                assert step.years_estimated and step.salary is None, (role.id, step.level)
        assert all(not band.level_stated for band in role.pay)
    mle = {lv.level: lv for lv in taxonomy.role_by_id["ml_engineer"].ladder}
    # 001's ML engineer average is over all levels, not a mid-level band.
    assert mle["mid"].salary is None and mle["junior"].salary.sources == [G004]
    assert any(band.sources == [G001] and band.min == 116416 for band in taxonomy.role_by_id["ml_engineer"].pay)
    # 004 gives pay for experienced practitioners without a level.
    assert all(lv.salary is None for lv in taxonomy.role_by_id["nlp_engineer"].ladder)
    assert taxonomy.role_by_id["nlp_engineer"].pay[0].min == 150000


def test_estimated_years_follow_the_default_cut_offs(taxonomy):
    """Ladders no guide gives keep the cut-offs gapcheck used for every role before (3, 6, 12)."""
    for role in taxonomy.roles:
        for step in role.ladder:
            if step.years_estimated:
                assert step.years_min == {"junior": 0, "mid": 3, "senior": 6, "principal": 12}[step.level]


# -- estimates marked -----------------------------------------------------------------------


def test_estimates_are_marked_in_the_data(taxonomy):
    assert all(phase.weeks_estimated for phase in taxonomy.phases)
    assert all(skill.effort_estimated for skill in taxonomy.skills)
    assert all(step.weeks_estimated for step in taxonomy.job_search)


# -- the job search --------------------------------------------------------------------------

# Each job-search step and words its guides use for the advice.
STEP_WORDS = {
    "portfolio": {G001: ["portfolio", "Kaggle", "end-to-end"], G002: ["portfolio projects"]},
    "interviews": {G001: ["STAR", "System Design", "Behavioral"], G002: ["Mock Interviews", "LeetCode"]},
    "networking": {G002: ["network", "open-source"], G003: ["GitHub"]},
    "publications": {G000: ["NeurIPS", "patents"], G003: ["CVPR", "open-source"], G004: ["published work"]},
    "pay": {G001: ["20-30%"], G002: ["Levels.fyi", "20-30%"]},
}


def test_job_search_steps_follow_their_guides(taxonomy, guides):
    steps = {step.id: step for step in taxonomy.job_search}
    assert set(steps) == set(STEP_WORDS)
    for sid, words in STEP_WORDS.items():
        assert set(steps[sid].sources) == set(words), sid
        for guide, terms in words.items():
            assert all(_has(guides[guide], t) for t in terms), (sid, guide)
    assert "STAR" in steps["interviews"].detail and "mock interview" in steps["interviews"].detail
    assert set(steps["publications"].roles) == {"ai_research_scientist", "ml_researcher", "rl_researcher"}
    assert steps["portfolio"].projects and not steps["portfolio"].roles


def test_every_role_has_portfolio_projects_from_the_guides(taxonomy, guides):
    for role in taxonomy.roles:
        assert role.projects, role.id
        for project in role.projects:
            assert project.sources and all(s in guides for s in project.sources), (role.id, project.name)
