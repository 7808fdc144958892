"""Stage 5: learning plans: prerequisites first, phases in order, hours scaling, known skills left out."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from gapcheck.extract import Profile, build_profile, find_mentions
from gapcheck.normalise import split_sections
from gapcheck.plan import KNOWN, MAX_PLAN_WEEKS, beneath_held, covered_by_degree, is_study_item, learning_plan
from gapcheck.results import MissingSkill, RoleFit
from gapcheck.score import score_roles

SAMPLES = Path(__file__).resolve().parent.parent / "sample_resumes"
PLANNED_SAMPLES = ["junior_career_changer", "nurse_non_ml", "data_scientist_mid", "nlp_engineer"]
EMPTY = Profile({}, (), None, 0)


@pytest.fixture(scope="module")
def profiles(taxonomy, nlp, today):
    out = {}
    for stem in PLANNED_SAMPLES:
        ndoc = split_sections((SAMPLES / f"{stem}.txt").read_text(encoding="utf-8"), stem)
        out[stem] = build_profile(ndoc, find_mentions(ndoc, taxonomy, nlp), taxonomy, today=today)
    return out


@pytest.fixture(scope="module")
def prerequisites(taxonomy):
    """The prerequisite graph of the taxonomy: skill -> its direct prerequisites."""
    return {s.id: set(s.prerequisites) for s in taxonomy.skills}


def _ordered(plan) -> list[str]:
    return [s.id for phase in plan.phases for s in phase.skills]


def _check_order(plan, prerequisites, taxonomy) -> None:
    order = _ordered(plan)
    assert len(order) == len(set(order)), "a skill is planned twice"
    position = {sid: i for i, sid in enumerate(order)}
    phase_of = {s.id: phase.order for phase in plan.phases for s in phase.skills}
    for phase in plan.phases:
        for item in phase.skills:
            in_plan = prerequisites[item.id] & set(position)
            assert set(item.prerequisites) == in_plan
            for pre in in_plan:
                # Across phases and within a phase, a prerequisite comes first.
                assert position[pre] < position[item.id], f"{pre} after {item.id}"
                assert phase_of[pre] <= phase_of[item.id]
            # A skill is never planned before the phase the taxonomy puts it in.
            assert phase.order >= taxonomy.phase_by_id[taxonomy.skill_by_id[item.id].phase].order


@pytest.mark.parametrize("stem", PLANNED_SAMPLES)
def test_plans_for_every_role_put_prerequisites_first(stem, profiles, prerequisites, taxonomy, today):
    profile = profiles[stem]
    for fit in score_roles(profile, taxonomy, today=today):
        plan = learning_plan(fit, profile, taxonomy)
        assert plan.role == fit.id
        _check_order(plan, prerequisites, taxonomy)
        # A planned skill is a gap of the role (absent or weak) or an unmet prerequisite;
        # a prerequisite the resume shows in any form is never planned.
        gaps = {m.id for m in fit.missing}
        for sid in _ordered(plan):
            rec = profile.skills.get(sid)
            assert sid in gaps or rec is None or rec.proficiency not in KNOWN, (fit.id, sid)
        # Every essential or important gap that is a study item is planned, unless a degree covers
        # it or a skill the resume shows builds on it.
        in_search = {sid for step in taxonomy.job_search if not step.roles or fit.id in step.roles
                     for sid in step.skills}
        wanted = {m.id for m in fit.missing if m.importance != "optional" and m.id not in in_search
                  and taxonomy.skill_by_id[m.id].type not in ("soft", "credential")
                  and taxonomy.skill_by_id[m.id].effort_weeks <= MAX_PLAN_WEEKS}
        covered = covered_by_degree(profile, taxonomy) | beneath_held(profile, taxonomy)
        assert wanted - covered <= set(_ordered(plan))
        assert not covered & set(_ordered(plan))


def test_single_gap_pulls_in_all_its_prerequisites_in_order(taxonomy, prerequisites):
    in_search = {sid for step in taxonomy.job_search if not step.roles for sid in step.skills}
    for skill in taxonomy.skills:
        if skill.effort_weeks > MAX_PLAN_WEEKS or skill.type in ("soft", "credential") or skill.id in in_search:
            continue
        fit = RoleFit("r", "Role", 0.0, (), (), (MissingSkill(skill.id, skill.name, "essential", 1.0, "absent"),))
        plan = learning_plan(fit, EMPTY, taxonomy)
        _check_order(plan, prerequisites, taxonomy)
        closure, todo = set(), [skill.id]
        while todo:
            sid = todo.pop()
            for pre in prerequisites[sid]:
                if pre not in closure and is_study_item(taxonomy.skill_by_id[pre]):
                    closure.add(pre)
                    todo.append(pre)
        assert set(_ordered(plan)) == closure | {skill.id}, skill.id
        assert _ordered(plan)[-1] == skill.id


def test_held_prerequisites_are_not_planned(taxonomy, profiles):
    profile = profiles["data_scientist_mid"]
    assert profile.skills["python"].proficiency in KNOWN
    fit = RoleFit("r", "Role", 0.0, (), (), (MissingSkill("pytorch", "PyTorch", "essential", 1.0, "absent"),))
    plan = _ordered(learning_plan(fit, profile, taxonomy))
    assert "python" not in plan and plan[-1] == "pytorch"
    assert "python" in _ordered(learning_plan(fit, EMPTY, taxonomy))


@pytest.mark.parametrize("stem", ["junior_career_changer", "nurse_non_ml"])
def test_five_hours_a_week_doubles_the_weeks(stem, profiles, taxonomy, today):
    profile = profiles[stem]
    fit = score_roles(profile, taxonomy, today=today)[0]
    ten = learning_plan(fit, profile, taxonomy, hours_per_week=10)
    five = learning_plan(fit, profile, taxonomy, hours_per_week=5)
    twenty = learning_plan(fit, profile, taxonomy, hours_per_week=20)
    assert ten.total_weeks > 0
    assert _ordered(ten) == _ordered(five) == _ordered(twenty)
    assert five.total_weeks == pytest.approx(2 * ten.total_weeks, abs=0.1 * len(_ordered(ten)))
    assert twenty.total_weeks == pytest.approx(ten.total_weeks / 2, abs=0.1 * len(_ordered(ten)))
    for a, b in zip((s for p in ten.phases for s in p.skills), (s for p in five.phases for s in p.skills), strict=True):
        assert b.weeks == pytest.approx(2 * a.weeks, abs=0.1)
    assert (five.hours_per_week, ten.hours_per_week) == (5, 10)


def test_phases_ascend_and_add_up(profiles, taxonomy, today):
    profile = profiles["nurse_non_ml"]
    fit = score_roles(profile, taxonomy, today=today)[0]
    plan = learning_plan(fit, profile, taxonomy)
    orders = [p.order for p in plan.phases]
    assert orders == sorted(orders) and len(set(orders)) == len(orders)
    assert [p.phase for p in plan.phases] == [p.id for p in sorted(taxonomy.phases, key=lambda p: p.order)]
    for phase in plan.phases:
        assert phase.status == ("todo" if phase.skills or phase.activities else "done")
        assert phase.weeks == pytest.approx(sum(s.weeks for s in (*phase.skills, *phase.activities)), abs=0.05)
    assert plan.total_weeks == pytest.approx(sum(p.weeks for p in plan.phases), abs=0.05)
    assert any(p.skills for p in plan.phases)


def test_optional_gaps_and_credentials_are_notes_not_items(taxonomy):
    credential = next(s for s in taxonomy.skills if s.effort_weeks > MAX_PLAN_WEEKS)
    missing = (MissingSkill(credential.id, credential.name, "essential", 1.0, "absent"),
               MissingSkill("docker", "Docker", "optional", 0.3, "absent"))
    plan = learning_plan(RoleFit("r", "Role", 0.0, (), (), missing), EMPTY, taxonomy)
    assert _ordered(plan) == []
    assert any(credential.name in n and "credential" in n for n in plan.notes)
    assert plan.phases[-1].activities  # the job search is planned whatever the gaps
    assert any("Docker" in n and "Optional" in n for n in plan.notes)


def test_no_role_gives_an_empty_plan(taxonomy):
    plan = learning_plan(None, EMPTY, taxonomy)
    assert (plan.role, plan.phases, plan.total_weeks) == (None, (), 0.0)


def test_plan_in_an_analysis_targets_the_best_role(analyzed_sample):
    result = analyzed_sample("junior_career_changer")
    assert result.best_role is not None
    assert result.learning_plan.role == result.best_role.id
    # Skills shown with real evidence are never planned; weak ones (basic) may be.
    held = {s.id for s in result.skills if s.proficiency in {"strong", "listed"}}
    assert held and not held & set(_ordered(result.learning_plan))


def test_plan_does_not_depend_on_the_hash_seed():
    """Set iteration order changes with PYTHONHASHSEED; the plan (and its reasons) must not."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    samples = Path(__file__).resolve().parents[1] / "sample_resumes"
    code = ("import json, sys; from datetime import date; from gapcheck import analyze;"
            "plans = [analyze(p, today=date(2026, 11, 23)).to_dict()['learning_plan'] for p in sys.argv[1:]];"
            "print(json.dumps(plans))")
    files = [str(samples / "junior_career_changer.txt"), str(samples / "nurse_non_ml.txt"),
             str(samples / "data_scientist_mid.txt")]
    outs = {subprocess.run([sys.executable, "-c", code, *files], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2", "3")}
    assert len(outs) == 1
    assert "prerequisite of" in outs.pop()


def _profile_of(text, taxonomy, nlp, today):
    ndoc = split_sections(text, "degree")
    return build_profile(ndoc, find_mentions(ndoc, taxonomy, nlp), taxonomy, today=today)


@pytest.mark.parametrize(("degree", "covered", "not_covered"), [
    ("BSc Mathematics, University of Leeds, 2017 - 2020",
     {"mathematics", "calculus", "linear_algebra", "probability", "statistics"}, {"causal_inference", "python"}),
    ("MSc Statistics, University of Leeds, 2018 - 2019", {"statistics", "probability", "calculus"},
     {"linear_algebra", "ab_testing"}),
    ("Online course in Mathematics for data science, 2022", set(), {"mathematics"}),  # not a degree
])
def test_a_degree_covers_its_subject_and_the_mathematics_under_it(taxonomy, nlp, today, degree, covered, not_covered):
    text = f"Dana Example\n\nEXPERIENCE\nAnalyst, Acme, 2021 - Present\n- Reports in SQL.\n\nEDUCATION\n{degree}\n"
    got = covered_by_degree(_profile_of(text, taxonomy, nlp, today), taxonomy)
    assert covered <= got and not (not_covered & got)


def test_the_plan_leaves_out_what_a_degree_covers(taxonomy, nlp, today):
    text = ("Dana Example\n\nEXPERIENCE\nAnalyst, Acme, 2021 - Present\n- Reports in SQL and Excel.\n\n"
            "EDUCATION\nBSc Mathematics and Statistics, University of Leeds, 2017 - 2020\n")
    profile = _profile_of(text, taxonomy, nlp, today)
    fit = next(f for f in score_roles(profile, taxonomy, today=today) if f.id == "data_scientist")
    plan = learning_plan(fit, profile, taxonomy)
    planned = set(_ordered(plan))
    assert not planned & {"statistics", "probability", "calculus", "linear_algebra", "mathematics"}
    assert any(n.startswith("Not planned, as your degree covers them") for n in plan.notes)
    without = learning_plan(fit, EMPTY, taxonomy)  # the same gaps with no degree are planned
    assert {"statistics"} <= set(_ordered(without))


def test_the_plan_leaves_out_what_held_skills_build_on(taxonomy, nlp, today):
    text = ("Dana Example\n\nEXPERIENCE\nNLP Engineer, Acme, 2019 - Present\n"
            "- Fine-tuned transformers in PyTorch for contract classification.\n")
    profile = _profile_of(text, taxonomy, nlp, today)
    beneath = beneath_held(profile, taxonomy)
    assert {"linear_algebra", "calculus", "python"} <= beneath
    for fit in score_roles(profile, taxonomy, today=today):
        assert not beneath & set(_ordered(learning_plan(fit, profile, taxonomy)))


# -- the job search and estimates --------------------------------------------------------------


RESEARCH = {"ai_research_scientist", "ml_researcher", "rl_researcher"}


@pytest.mark.parametrize("stem", PLANNED_SAMPLES)
def test_every_plan_ends_with_a_job_search_from_the_guides(stem, profiles, taxonomy, today):
    profile = profiles[stem]
    for fit in score_roles(profile, taxonomy, today=today):
        plan = learning_plan(fit, profile, taxonomy)
        search = plan.phases[-1]
        assert search.phase == "job_search" and search.status == "todo" and not search.skills
        steps = {a.id: a for a in search.activities}
        assert {"portfolio", "interviews", "networking"} <= set(steps)
        assert ("publications" in steps) == (fit.id in RESEARCH)
        assert all(a.sources and a.weeks > 0 and a.estimated for a in search.activities)
        assert "STAR" in steps["interviews"].detail and "mock interview" in steps["interviews"].detail
        # The role's own portfolio projects, with the guides they come from.
        for project in taxonomy.role_by_id[fit.id].projects:
            assert project.name in steps["portfolio"].detail
            assert set(project.sources) <= set(steps["portfolio"].sources)
        assert search.weeks == pytest.approx(sum(a.weeks for a in search.activities), abs=0.05)


def test_job_search_takes_the_gaps_it_closes(taxonomy):
    """Papers and open source are built in the job search, not studied as skills."""
    missing = (MissingSkill("paper_publishing", "Paper Publishing", "essential", 1.0, "absent"),
               MissingSkill("open_source", "Open Source", "important", 0.6, "absent"),
               MissingSkill("pytorch", "PyTorch", "essential", 1.0, "absent"))
    plan = learning_plan(RoleFit("ml_researcher", "Machine Learning Researcher", 0.0, (), (), missing), EMPTY,
                         taxonomy)
    assert "paper_publishing" not in _ordered(plan) and "open_source" not in _ordered(plan)
    assert "pytorch" in _ordered(plan)
    steps = {a.id: a for a in plan.phases[-1].activities}
    assert steps["publications"].skills == ("paper_publishing",) and "Paper Publishing (essential)" in \
        steps["publications"].detail
    assert steps["networking"].skills == ("open_source",)


def test_plan_weeks_are_marked_as_estimates(profiles, taxonomy, today):
    profile = profiles["junior_career_changer"]
    plan = learning_plan(score_roles(profile, taxonomy, today=today)[0], profile, taxonomy)
    assert plan.weeks_estimated
    items = [i for p in plan.phases for i in (*p.skills, *p.activities)]
    assert items and all(i.estimated for i in items)
    data = plan.phases[0].skills[0]
    assert data.estimated is True


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_every_report_says_the_weeks_are_estimated(analyzed_sample, fmt):
    from gapcheck.render import render

    result = analyzed_sample("junior_career_changer")
    out = render(result, fmt, **({"width": 160} if fmt == "text" else {}))
    plan = result.learning_plan
    first = next(i for p in plan.phases for i in p.skills)
    assert re.search(rf"about {plan.total_weeks:g} weeks, estimated", out, re.I)
    assert f"about {first.weeks:g} weeks, estimated" in out
    assert "Job search" in out and "Interview preparation" in out
    data = result.to_dict()["learning_plan"]
    assert data["weeks_estimated"] and data["phases"][0]["skills"][0]["estimated"]
