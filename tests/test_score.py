"""Stage 4: role scores that add up, ranking, gaps, seniority, what-if and job postings."""

from __future__ import annotations

import json
import re

import pytest

from gapcheck import analyze, analyze_text
from gapcheck.config import Options
from gapcheck.errors import GapcheckError, UnknownRoleError
from gapcheck.extract import Mention, Profile, SkillRecord
from gapcheck.results import RoleFit, ScorePart
from gapcheck.score import PART_POINTS, Verdict, judge, score_role, seniority
from gapcheck.taxonomy import IMPORTANCE_ORDER

SCORED_SAMPLES = ["ml_engineer_senior", "data_scientist_mid", "junior_career_changer", "nurse_non_ml", "cv_scientist"]
PART_NAMES = ["essential", "important", "optional", "depth", "evidence"]

# 40 ML terms, every one a skill of the shipped taxonomy, and a job that uses none of them.
STUFFED_TERMS = [
    "Python",
    "PyTorch",
    "TensorFlow",
    "Keras",
    "scikit-learn",
    "NumPy",
    "pandas",
    "SQL",
    "Docker",
    "Kubernetes",
    "MLflow",
    "Apache Airflow",
    "Terraform",
    "AWS",
    "Deep Learning",
    "Machine Learning",
    "Computer Vision",
    "Natural Language Processing",
    "Reinforcement Learning",
    "Statistics",
    "Linear Algebra",
    "Probability",
    "Calculus",
    "Transformers",
    "BERT",
    "Hugging Face",
    "OpenCV",
    "XGBoost",
    "LightGBM",
    "Feature Engineering",
    "A/B Testing",
    "Time Series",
    "Git",
    "Linux",
    "Apache Spark",
    "Hadoop",
    "Kafka",
    "Tableau",
    "Data Visualization",
    "MLOps",
]
STUFFED = (
    "Pat Example\n\nEXPERIENCE\nShift Supervisor, Corner Bakery, 2018 - 2024\n"
    "- Opened the store, managed the till and trained new staff.\n\nSKILLS\n" + ", ".join(STUFFED_TERMS) + "\n"
)


@pytest.mark.parametrize("stem", SCORED_SAMPLES)
def test_parts_add_up_to_the_score_for_every_role(stem, analyzed_sample, taxonomy):
    result = analyzed_sample(stem)
    assert {f.id for f in result.roles} == {r.id for r in taxonomy.roles}
    for fit in result.roles:
        assert [p.name for p in fit.parts] == PART_NAMES
        assert abs(sum(p.points for p in fit.parts) - fit.score) <= 0.05, fit.id
        for part in fit.parts:
            assert part.max_points == PART_POINTS[part.name]
            assert 0 <= part.points <= part.max_points + 1e-9
        assert 0 <= fit.score <= 100
    scores = [f.score for f in result.roles]
    assert scores == sorted(scores, reverse=True)


def test_same_input_same_result(analyzed_sample, today):
    first = analyzed_sample("data_scientist_mid")
    again = analyze(first.source, today=today)
    assert again.to_dict() == first.to_dict()
    assert again.to_json() == first.to_json()


def test_full_profile_scores_100_and_empty_profile_0(taxonomy, today):
    role = taxonomy.role_by_id["ml_engineer"]
    mention = Mention("x", "x", 0, 1, "exact", 1.0, section="experience")
    full = Profile(
        {link.skill: SkillRecord(link.skill, "exact", "strong", (mention,), 5.0, today.year) for link in role.skills},
        (),
        5.0,
        1,
    )
    fit = score_role(role, full, taxonomy, today=today)
    assert fit.score == pytest.approx(100.0, abs=0.3)
    assert fit.missing == () and set(fit.matched) == {link.skill for link in role.skills}
    empty = score_role(role, Profile({}, (), None, 0), taxonomy, today=today)
    assert empty.score == 0.0 and empty.matched == ()
    assert len(empty.missing) == len(role.skills) and all(m.status == "absent" for m in empty.missing)


def test_old_skills_count_for_less_depth(taxonomy, today):
    role = taxonomy.role_by_id["data_scientist"]
    mention = Mention("x", "x", 0, 1, "exact", 1.0, section="experience")

    def profile(last_used):
        return Profile(
            {
                link.skill: SkillRecord(link.skill, "exact", "strong", (mention,), 5.0, last_used)
                for link in role.skills
            },
            (),
            5.0,
            1,
        )

    recent = score_role(role, profile(today.year - 1), taxonomy, today=today)
    stale = score_role(role, profile(today.year - 8), taxonomy, today=today)
    depth = {f: next(p.points for p in f.parts if p.name == "depth") for f in (recent, stale)}
    assert depth[recent] == pytest.approx(2 * depth[stale], abs=0.1)
    assert stale.score < recent.score


def test_nurse_fits_no_role(analyzed_sample):
    result = analyzed_sample("nurse_non_ml")
    assert result.best_role is None
    assert result.verdict.startswith("No ML role fits yet")
    assert result.comparison is None


def test_keyword_stuffed_skills_list_fits_no_role(taxonomy, analyzed_sample, today):
    for term in STUFFED_TERMS:
        assert taxonomy.find_skill(term) is not None, term
    stuffed = analyze_text(STUFFED, today=today)
    practitioner = analyzed_sample("ml_engineer_senior")
    assert len({s.id for s in stuffed.skills if s.match != "implied"}) >= 35
    assert stuffed.best_role is None
    assert stuffed.role("ml_engineer").score < practitioner.role("ml_engineer").score
    for fit in stuffed.roles:
        assert next(p.points for p in fit.parts if p.name == "evidence") == 0
        assert next(p.points for p in fit.parts if p.name == "depth") == 0


def test_recruiter_fits_no_role(today):
    result = analyze_text("Recruited ML engineers skilled in PyTorch, Kubernetes and TensorFlow", today=today)
    assert result.best_role is None
    assert not {"pytorch", "kubernetes", "tensorflow"} & {s.id for s in result.skills}
    assert {r.id for r in result.rejected if r.reason == "others_work"} >= {"pytorch", "kubernetes", "tensorflow"}
    assert all(f.score == 0 for f in result.roles)


def _fit(role_id: str, score: float, evidence: float = 5.0, name: str | None = None) -> RoleFit:
    """A role fit whose score is all essential points but ``evidence``."""
    parts = (ScorePart("essential", score - evidence, 45.0, ()), ScorePart("evidence", evidence, 10.0, ()))
    return RoleFit(role_id, name or role_id, score, parts, (), ())


ML, DS, JOB = "ml_engineer", "data_scientist", "job_posting"


def _core_field(taxonomy, role_id: str, n: int) -> list[str]:
    """``n`` essential or important field skills of a role (work that shows the field)."""
    role = taxonomy.role_by_id[role_id]
    return [k.skill for k in role.skills if k.importance != "optional" and k.skill in taxonomy.field_skills][:n]


def _shown(taxonomy, ml: int, ds: int):
    from gapcheck.profile import Profile

    ids = set(_core_field(taxonomy, ML, ml)) | set(_core_field(taxonomy, DS, ds))
    return Profile({}, (), None, 0, shown=frozenset(ids))


@pytest.mark.parametrize(
    "fits, shown, min_fit, best, status, text, lead",
    [
        ([_fit(ML, 40.0), _fit(DS, 30.0)], (3, 3), 20.0, ML, "fit", "Best fit: ml_engineer (40.0/100).",
         "by 10.0 points"),
        ([_fit(ML, 40.0)], (3, 0), 20.0, ML, "fit", "Best fit: ml_engineer", None),  # no runner-up
        ([_fit(ML, 19.9), _fit(DS, 10.0)], (3, 3), 20.0, None, "none", "scores 19.9/100, under the 20-point bar",
         None),
        ([_fit(ML, 40.0)], (3, 0), 45.0, None, "none", "under the 45-point bar", None),
        # Scores without work that shows the field: generic or listed skills do not make a fit.
        ([_fit(ML, 40.0)], (0, 0), 20.0, None, "none", "none of its core ML skills is shown", None),
        ([_fit(ML, 40.0)], (1, 0), 20.0, None, "weak", "A weak match: ml_engineer (40.0/100)", None),
        # The best role is the best one the resume shows work for.
        ([_fit(ML, 40.0), _fit(DS, 30.0)], (0, 3), 20.0, DS, "fit", "Best fit: data_scientist", None),
        # A job posting scored beside the roles is never the verdict, nor the runner-up.
        ([_fit(JOB, 90.0), _fit(ML, 40.0), _fit(DS, 30.0)], (3, 3), 20.0, ML, "fit", "Best fit: ml_engineer",
         "by 10.0 points"),
    ],
)
def test_judge_names_the_best_role_on_evidence(taxonomy, fits, shown, min_fit, best, status, text, lead):
    verdict = judge(fits, _shown(taxonomy, *shown), taxonomy, min_fit=min_fit)
    assert isinstance(verdict, Verdict)
    assert (verdict.best.id if verdict.best else None) == best
    assert verdict.status == status
    assert text in verdict.text
    if status != "fit":
        assert "It would take work that shows" in verdict.text and verdict.needs
    if lead is None:
        assert verdict.comparison is None or best == DS
    else:
        assert verdict.comparison is not None and verdict.comparison.startswith(f"{ML} leads {DS} {lead}")


@pytest.mark.parametrize("shown, venue, status", [
    (1, True, "fit"),  # one field skill beside papers at the field's venues: a theorist's work
    (1, False, "weak"),
    (0, True, "none"),  # papers alone, with no work of the field shown, are no fit
])
def test_papers_at_the_fields_venues_back_one_field_skill(taxonomy, shown, venue, status):
    from gapcheck.profile import Profile

    role = "ai_research_scientist"
    ids = set(_core_field(taxonomy, role, shown)) | ({"top_venue_publications"} if venue else set())
    verdict = judge([_fit(role, 40.0)], Profile({}, (), None, 0, shown=frozenset(ids)), taxonomy)
    assert verdict.status == status
    assert ("top_venue_publications" in verdict.evidence) == (status == "fit")
    # A role that does not ask for such papers is not backed by them.
    assert judge([_fit(ML, 40.0)], Profile({}, (), None, 0, shown=frozenset(
        set(_core_field(taxonomy, ML, shown)) | ({"top_venue_publications"} if venue else set()))),
        taxonomy).status == ("weak" if shown else "none")


@pytest.mark.parametrize("shown, venue, score, status", [
    (2, True, 16.0, "fit"),  # a theorist: papers at the field's venues and two core skills, few others named
    (2, False, 16.0, "none"),  # without the papers, under the bar
    (1, True, 16.0, "none"),  # one skill beside the papers: the bar stands
    (2, True, 14.0, "none"),  # under three quarters of the bar
])
def test_papers_and_two_core_skills_fit_from_three_quarters_of_the_bar(taxonomy, shown, venue, score, status):
    from gapcheck.profile import Profile

    for role in ("ml_researcher", "ai_research_scientist"):  # the latter counts the papers as evidence too
        ids = set(_core_field(taxonomy, role, shown)) | ({"top_venue_publications"} if venue else set())
        verdict = judge([_fit(role, score)], Profile({}, (), None, 0, shown=frozenset(ids)), taxonomy, min_fit=20.0)
        assert verdict.status == status
    if status == "fit":
        assert "under the 20-point bar, but papers at the field's venues" in verdict.text


def test_claims_far_beyond_evidence_are_flagged(taxonomy):
    from gapcheck.profile import Profile, SkillRecord

    listed = {sid: SkillRecord(sid, "exact", "listed", ()) for sid in sorted(taxonomy.field_skills)[:30]}
    verdict = judge([_fit(ML, 40.0)], Profile(listed, (), None, 0), taxonomy)
    assert verdict.claims is not None and verdict.claims.flagged and verdict.best is None
    assert "Claims without evidence: 30 field skills listed, 0 shown at work." in verdict.text
    shown = _shown(taxonomy, 3, 0)
    assert not judge([_fit(ML, 40.0)], shown, taxonomy).claims.flagged


def test_judge_is_what_the_result_says(analyzed_sample):
    result = analyzed_sample("ml_engineer_senior")
    assert result.best_role is not None and result.verdict.startswith(f"Best fit: {result.best_role.name}")
    nurse = analyzed_sample("nurse_non_ml")
    assert nurse.best_role is None and "No ML role fits yet" in nurse.verdict


@pytest.mark.parametrize("stem", ["ml_engineer_senior", "junior_career_changer"])
def test_missing_skills_sorted_by_importance_then_weight(stem, analyzed_sample, taxonomy):
    for fit in analyzed_sample(stem).roles:
        keys = [(IMPORTANCE_ORDER[m.importance], -m.weight, m.id) for m in fit.missing]
        assert keys == sorted(keys), fit.id
        links = {link.skill: link for link in taxonomy.role_by_id[fit.id].skills}
        for m in fit.missing:
            assert (m.importance, m.weight) == (links[m.id].importance, links[m.id].weight)
        assert not {m.id for m in fit.missing} & set(fit.matched)


def test_weak_and_absent_gaps(today):
    text = (
        "Jane Doe\nEXPERIENCE\nData Analyst, 2019 - 2024\n- Wrote Python and SQL reports.\nSKILLS\nFamiliar with Docker"
    )
    result = analyze_text(text, today=today)
    missing = {m.id: m for m in result.role("mlops_engineer").missing}
    assert (missing["docker"].status, missing["docker"].held_as) == ("weak", "basic")
    assert (missing["kubernetes"].status, missing["kubernetes"].held_as) == ("absent", None)
    assert "docker" not in result.role("mlops_engineer").matched
    assert "python" in result.role("mlops_engineer").matched


@pytest.mark.parametrize(
    ("years", "signals", "level"),
    [
        (1.0, (), "junior"),
        (4.0, (), "mid"),
        (8.0, (), "senior"),
        (13.0, (), "principal"),
        (4.5, ("lead",), "senior"),
        (10.0, ("principal",), "principal"),
        (2.0, ("phd", "publications"), "mid"),
        (2.0, ("lead",), "junior"),
    ],
)
def test_seniority_levels(years, signals, level):
    profile = Profile({}, (), years, 1, relevant_years=years, signals=signals)
    assert seniority(profile, None).level == level


def test_seniority_of_junior_and_senior_samples(analyzed_sample):
    junior = analyzed_sample("junior_career_changer").seniority
    senior = analyzed_sample("ml_engineer_senior").seniority
    assert junior.level == "junior"
    assert senior.level in ("senior", "principal")
    assert senior.relevant_years > junior.relevant_years
    # The teacher's decade before the career change is work, but not relevant work.
    assert junior.years_experience > 9 > junior.relevant_years


def test_seniority_names_a_ladder_step_with_a_sourced_salary(analyzed_sample):
    s = analyzed_sample("data_scientist_mid").seniority
    assert s.role == "data_scientist" and s.ladder_title
    if s.salary is not None:
        assert s.salary["sources"] and s.source


def test_no_ladder_step_or_salary_when_no_role_fits(analyzed_sample, today):
    nurse = analyzed_sample("nurse_non_ml")
    assert nurse.best_role is None
    assert (nurse.seniority.role, nurse.seniority.ladder_title, nurse.seniority.salary) == (None, None, None)
    # Asking about a role by name still places the person on its ladder.
    asked = analyze(nurse.source, today=today, role="data_scientist")
    assert asked.seniority.role == "data_scientist" and asked.seniority.ladder_title


def test_no_ladder_step_or_salary_without_years_unless_asked(today):
    # Skills that fit a role, and no dated experience: the years are unknown, not a beginner's.
    text = ("Jane Doe\nEXPERIENCE\nData Scientist, Acme Retail\n"
            "- Built churn models with Python, pandas and scikit-learn; gradient boosting and logistic regression.\n"
            "- Designed A/B tests and analysed them with statistics in SQL; feature engineering on Snowflake.\n"
            "- Presented results in Tableau dashboards; machine learning models deployed with Docker.\n"
            "SKILLS\nPython, SQL, pandas, scikit-learn, statistics, A/B testing, Tableau\n")
    result = analyze_text(text, today=today)
    assert result.best_role is not None and result.seniority.years_experience is None
    assert (result.seniority.ladder_title, result.seniority.salary, result.seniority.pay) == (None, None, ())
    assert result.seniority.level == "unknown"
    asked = analyze_text(text, today=today, role=result.best_role.id)
    assert asked.seniority.ladder_title


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "json"])
def test_unknown_years_are_unknown_in_every_report(today, fmt):
    from gapcheck.render import render

    text = ("Jane Doe\nEXPERIENCE\nData Scientist, Acme Retail\n"
            "- Built churn models with Python, pandas and scikit-learn; gradient boosting and logistic regression.\n"
            "- Designed A/B tests and analysed them with statistics in SQL; feature engineering on Snowflake.\n"
            "SKILLS\nPython, SQL, pandas, scikit-learn, statistics, A/B testing, Tableau\n")
    out = render(analyze_text(text, today=today), fmt)
    if fmt == "json":
        assert json.loads(out)["seniority"]["level"] == "unknown"
    else:
        assert "no dated experience was read" in out
    assert not re.search(r"\bjunior\b|ladder step|Salary band|Pay for the role", out, re.I)


def test_assume_known_raises_the_mlops_score(analyzed_sample, today):
    base = analyzed_sample("data_scientist_mid")
    what_if = analyze(base.source, today=today, assume_known=["docker", "Kubernetes"])
    assert what_if.assumed_known == ("docker", "kubernetes")
    assert what_if.role("mlops_engineer").score > base.role("mlops_engineer").score
    prof = {s.id: s.proficiency for s in what_if.skills}
    assert prof["docker"] == prof["kubernetes"] == "assumed"
    assert not {"docker", "kubernetes"} & {m.id for m in what_if.role("mlops_engineer").missing}


def test_assume_known_unknown_name_suggests(today):
    with pytest.raises(GapcheckError, match="Did you mean 'kubernetes'"):
        analyze_text("Built PyTorch models.", today=today, assume_known=["kubernetis"])


POSTING = """Senior Platform ML Engineer
Requirements:
- Kubernetes and Terraform in production
- Python
Nice to have:
- Apache Airflow
"""


def test_job_posting_becomes_a_role_and_the_plan_target(tmp_path, analyzed_sample, today):
    job = tmp_path / "posting.txt"
    job.write_text(POSTING, encoding="utf-8")
    base = analyzed_sample("data_scientist_mid")
    with_job = analyze(base.source, today=today, job=job)
    assert "job_posting" not in {f.id for f in base.roles}
    assert "job_posting" in {f.id for f in with_job.roles}
    assert with_job.learning_plan.role == "job_posting"
    assert with_job.best_role is None or with_job.best_role.id != "job_posting"
    importance = {s["id"]: s["importance"] for s in with_job.job["skills"]}
    assert importance["kubernetes"] == importance["terraform"] == "essential"
    assert importance["airflow"] == "optional"
    planned = {s.id for p in with_job.learning_plan.phases for s in p.skills}
    assert "terraform" in planned and "kubernetes" not in {s.id for s in with_job.skills}
    # The taxonomy's own roles score as without the posting.
    assert [(f.id, f.score) for f in with_job.roles if f.id != "job_posting"] == [(f.id, f.score) for f in base.roles]


def test_role_option_picks_the_plan_target(analyzed_sample, today):
    base = analyzed_sample("nlp_engineer")
    result = analyze(base.source, today=today, role="Data Scientist")
    assert result.learning_plan.role == "data_scientist"
    with pytest.raises(UnknownRoleError, match="Did you mean 'data_scientist'"):
        analyze(base.source, today=today, role="data scientst")


def test_implied_skill_counts_more_when_implied_by_a_skill_shown_at_work(taxonomy, today):
    role = taxonomy.role_by_id["ml_engineer"]
    assert "deep_learning" in {link.skill for link in role.skills if link.importance == "essential"}
    shown = Mention("x", "x", 0, 1, "exact", 1.0, section="experience")
    listed = Mention("x", "x", 0, 1, "exact", 1.0, section="skills")

    def essential_points(child_proficiency: str, mention: Mention) -> float:
        skills = {
            "diffusion_models": SkillRecord("diffusion_models", "exact", child_proficiency, (mention,)),
            "deep_learning": SkillRecord("deep_learning", "implied", "implied", (), None, None, ("diffusion_models",)),
        }
        fit = score_role(role, Profile(skills, (), 5.0, 1), taxonomy, today=today)
        return next(p.points for p in fit.parts if p.name == "essential")

    by_strong, by_listed = essential_points("strong", shown), essential_points("listed", listed)
    assert by_strong == pytest.approx(2 * by_listed, abs=0.1) and by_listed > 0
    # Two narrower skills shown at work imply it as firmly as listing it.
    skills = {
        "diffusion_models": SkillRecord("diffusion_models", "exact", "strong", (shown,)),
        "cnn": SkillRecord("cnn", "exact", "strong", (shown,)),
        "deep_learning": SkillRecord(
            "deep_learning", "implied", "implied", (), None, None, ("diffusion_models", "cnn")
        ),
    }
    fit = score_role(role, Profile(skills, (), 5.0, 1), taxonomy, today=today)
    by_two = next(p.points for p in fit.parts if p.name == "essential")
    listed_dl = {"deep_learning": SkillRecord("deep_learning", "exact", "listed", (listed,))}
    fit = score_role(role, Profile({**skills, **listed_dl}, (), 5.0, 1), taxonomy, today=today)
    assert by_two == pytest.approx(next(p.points for p in fit.parts if p.name == "essential"), abs=0.1)
    # Still a gap to close: the resume should name it.
    fit = score_role(
        role,
        Profile(
            {
                "deep_learning": SkillRecord(
                    "deep_learning", "implied", "implied", (), None, None, ("diffusion_models",)
                )
            },
            (),
            5.0,
            1,
        ),
        taxonomy,
        today=today,
    )
    assert any(m.id == "deep_learning" and m.status == "weak" for m in fit.missing)


def test_a_runner_up_that_scores_more_but_does_not_fit_is_said_so(taxonomy):
    from gapcheck.results import RoleFit
    from gapcheck.score import compare

    best = RoleFit("computer_vision_scientist", "Computer Vision Scientist", 20.6, (), (), ())
    runner = RoleFit("ai_research_scientist", "AI Research Scientist", 22.4, (), (), ())
    text = compare(best, runner, taxonomy)
    assert "scores 1.8 points more" in text and "leads" not in text


@pytest.mark.parametrize("ds_score, titled, best", [
    (33.0, (DS,), DS),  # the title names a fitting role scoring at least 80% of the best: it wins
    (31.0, (DS,), ML),  # too far behind
    (33.0, (), ML),  # no title names it
])
def test_a_fitting_role_the_title_names_wins_a_close_call(taxonomy, ds_score, titled, best):
    from dataclasses import replace

    profile = replace(_shown(taxonomy, 3, 3), title_roles=titled)
    verdict = judge([_fit(ML, 40.0), _fit(DS, ds_score)], profile, taxonomy)
    assert verdict.best.id == best
    if best == DS:
        assert verdict.comparison.startswith(f"{ML} scores 7.0 points more, but your title names {DS}")
    # A title never makes a fit of a role that does not fit (here: under the score bar, which is three
    # quarters of 20 points beside four core skills shown at work).
    broad = replace(_shown(taxonomy, 4, 3), title_roles=titled)
    assert judge([_fit(ML, 17.0), _fit(DS, 14.5)], broad, taxonomy).best.id == ML


@pytest.mark.parametrize("text, roles", [
    ("Ana Ruiz\nMachine Learning Researcher\nana@example.com\n\nEXPERIENCE\nEngineer, Acme, 2019 - 2024\n",
     {"ml_researcher"}),
    ("Ana Ruiz\nana@example.com\n\nEXPERIENCE\nSenior NLP Engineer — Acme, 2019 - present\n- Built search.\n",
     {"nlp_engineer"}),
    # a role named further down (an older job, a bullet) is no title of hers
    ("Ana Ruiz\n\nEXPERIENCE\nAnalyst, Acme, 2021 - 2024\n- Worked with data scientists.\n"
     "Junior Data Scientist, Beta, 2019 - 2021\n", set()),
])
def test_the_roles_a_resume_title_names(taxonomy, text, roles):
    from gapcheck.normalise import split_sections
    from gapcheck.profile import _title_roles

    assert set(_title_roles(split_sections(text), taxonomy)[0]) == roles


@pytest.mark.parametrize("text, post", [
    ("Ana Ruiz\nPhD candidate in machine learning\n\nEXPERIENCE\nTeaching assistant, Acme U, 2022 - present\n", True),
    ("Ana Ruiz\n\nEXPERIENCE\nPostdoctoral Research Fellow, Acme Institute, 2023 - present\n- Built models.\n", True),
    ("Ana Ruiz\nMaîtresse de conférences\n\nEXPERIENCE\nChercheuse, Lab X, 2019 - 2024\n", True),
    # a research engineer's is an engineering post, and an older post is no title of hers
    ("Ana Ruiz\nResearch Engineer\n\nEXPERIENCE\nResearch Engineer, Acme, 2021 - present\n", False),
    ("Ana Ruiz\n\nEXPERIENCE\nData Engineer, Acme, 2023 - present\n- Pipelines.\n- Reports.\n"
     "Postdoc, Beta U, 2019 - 2023\n", False),
])
def test_a_resume_title_that_names_a_research_post(taxonomy, text, post):
    from gapcheck.normalise import split_sections
    from gapcheck.profile import _title_roles

    assert _title_roles(split_sections(text), taxonomy)[1] is post


@pytest.mark.parametrize("education, post", [
    ("UCL & The Alan Turing Institute, 2017 - present\nPh.D. Candidate, Data Science & Machine Learning", True),
    ("PhD in Computer Science, Acme University, 2021 - 2025", False),  # finished: no post now
    ("Ph.D in Computer Science, Acme University (current)", True),  # under way, undated
    ("Ph.D in Computer Science, Acme University", False),
    ("Ph.D in Oceanography, Acme University, thesis on present-day ocean currents", False),  # a title's word
])
def test_a_doctorate_under_way_under_education_is_a_research_post(taxonomy, today, education, post):
    from gapcheck.extract import build_profile, find_mentions
    from gapcheck.normalise import split_sections

    ndoc = split_sections(f"Jo Lin\nEDUCATION\n{education}\nEXPERIENCE\nAnalyst, Beta, 2015 - 2017\n- Reports.")
    assert build_profile(ndoc, find_mentions(ndoc, taxonomy), taxonomy, today=today).research_post is post


@pytest.mark.parametrize("post, runner, best", [
    (True, "nlp_engineer", "ai_research_scientist"),  # a research post: the general research role wins a close call
    (False, "nlp_engineer", "nlp_engineer"),  # no research post
    # the best is itself a research role (a specialist one): it stays
    (True, "rl_researcher", "rl_researcher"),
])
def test_a_research_post_prefers_a_research_role_over_another_track(taxonomy, post, runner, best):
    from gapcheck.profile import Profile

    shown = frozenset(_core_field(taxonomy, runner, 3) + _core_field(taxonomy, "ai_research_scientist", 3))
    profile = Profile({}, (), None, 0, shown=shown, research_post=post)
    verdict = judge([_fit(runner, 30.0), _fit("ai_research_scientist", 26.0)], profile, taxonomy)
    assert verdict.best.id == best
    if best == "ai_research_scientist":
        assert "but yours is a research post" in verdict.comparison


_TITLED = ("Ana Ruiz\n\nEXPERIENCE\n{title}, Acme Payments, 2019 - present\n"
           "- Trained gradient boosting models in Python on card transactions, with pandas, SQL and Docker on AWS.\n"
           "Software Developer, Beta Bank, 2014 - 2019\n"
           "- Built Java services with Git, Kubernetes and CI/CD.\n"
           "\nSKILLS\nPython, SQL, Docker, Kubernetes, AWS, Git, pandas, NumPy, scikit-learn, TensorFlow, PyTorch\n")


@pytest.mark.parametrize("title, fits", [
    ("Machine Learning Engineer", True),  # a job held under the role's own name, beside one core skill
    ("Senior ML Engineer", True),
    ("Software Engineer", False),  # no ML role in the title: one skill stays a weak match
    ("Research Scientist", False),  # a name other fields hold too
    ("Senior Data Scientist", True),  # a role's own name, whatever its words
    ("Manager of the ML Engineers", False),  # a team of them, not the post
    ("Machine Learning Engineer Intern", False),  # a student's job
    ("Medior Datascientist", True),  # the role's words written as one, as Dutch and German titles do
    ("Data-Scientist", True),
])
def test_a_job_held_under_an_ml_roles_name_is_evidence_beside_one_skill(today, title, fits):
    result = analyze_text(_TITLED.format(title=title), today=today).to_dict()
    assert result["fit"]["evidence"] == ["gradient_boosting"]
    assert (result["fit"]["status"] == "fit") is fits
    if fits:
        assert "held under the role's name" in result["verdict"]


@pytest.mark.parametrize("title, status", [
    # the field's own name is the work of a job held under the role's name ...
    ("Data Scientist", "fit"),
    # ... not of a job that hosts others' models
    ("DevOps Engineer", "weak"),
])
def test_the_fields_name_is_a_method_in_a_job_under_the_roles_name(today, title, status):
    text = (f"Ana Ruiz\n\nEXPERIENCE\n{title}, Beta Bank, 2016 - 2024\n"
            "- Developed a fraud detection system using machine learning in Python and R, running in production.\n"
            "- Customer segmentation and dashboards on a Hadoop cluster with Spark and Tableau.\n"
            "\nSKILLS\nPython, R, SQL, Spark, Tableau, pandas, scikit-learn, Docker\n")
    result = analyze_text(text, today=today).to_dict()
    assert result["fit"]["evidence"] == ["machine_learning"]
    assert result["fit"]["status"] == status


def test_a_paper_at_the_fields_venues_makes_its_maths_and_name_the_fields_research(today):
    # Bayesian inference and generative models are statistics and the field's name; beside a
    # paper at AISTATS they are its research, as one skill beside such a paper already was.
    text = ("Kai Lin\n\nABOUT\nSecond-year PhD student working on Bayesian inference and deep generative models.\n\n"
            "PAPERS\n- K. Lin, D. Park. Ratio matching for deep generative models. arXiv 2018.\n"
            "- H. Ge, K. Lin. Composable Bayesian inference for probabilistic programs. In International Conference "
            "on Artificial Intelligence and Statistics, 2018.\n\n"
            "EXPERIENCE\nTutor for Probabilistic Modelling, Lakeshore University, Jan 2019 - present\n"
            "Machine Learning Intern, Apple, May 2018 - Aug 2018\n\n"
            "EDUCATION\nPh.D. in Informatics: Machine Learning, Lakeshore University, 2017 - present\n")
    result = analyze_text(text, today=today).to_dict()
    assert result["fit"]["evidence"] == ["bayesian_methods", "generative_models"]
    assert result["fit"]["status"] == "fit"


@pytest.mark.parametrize("latest, earlier, work, fits", [
    # years as a data scientist in jobs that show a tool of the field: the role's work, though terse
    ("2023 - present", "2021 - 2023", "- Built dashboards with Dash.", True),
    ("2026 - present", "2025 - 2026", "- Built dashboards with Dash.", False),  # a title held a year is a claim
    # only the field's maths (A/B tests) is no method of it
    ("2023 - present", "2021 - 2023", "- Ran A/B tests on checkout page layouts.", False),
    # only the jobs that show the field count: not five years of Excel reports beside nine months of it
    ("2026 - present", "2021 - 2026", "- Built dashboards with Dash.", False),
])
def test_years_in_jobs_held_under_a_roles_name_are_its_work(today, latest, earlier, work, fits):
    text = (f"Ana Ruiz\n\nEXPERIENCE\nSemi Sr. Data Scientist, Enable Co, {latest}\n"
            f"- Spearheaded analytics projects on steel plant sensor data.\n{work}\n"
            f"Data Scientist, Entropia Co, {earlier}\n- Maintained Excel reports on store revenue.\n"
            "\nSKILLS\nPython, R, TensorFlow, PyTorch, XGBoost\n")
    result = analyze_text(text, today=today)
    assert (result.fit.status == "fit") is fits
    if fits:
        assert result.fit.role == "data_scientist"
        assert "years in jobs held under the role's name" in result.verdict


@pytest.mark.parametrize("subject, fits", [("Machine Learning", True), ("Chemistry", False)])
def test_a_doctorate_in_the_fields_name_is_a_post_under_the_research_roles_name(today, subject, fits):
    text = (f"Ana Ruiz\n\nEDUCATION\nPh.D in {subject}, Lakeshore University, 2024 - present\n"
            "\nEXPERIENCE\nResearch Intern in Machine Learning, Qarma Lab, 2022 - 2023\n"
            "- Extractive text summarization techniques.\n")
    result = analyze_text(text, today=today)
    assert (result.fit.status == "fit") is fits
    if fits:
        assert result.fit.role in {"ml_researcher", "ml_scientist", "ai_research_scientist"}
        assert "in a doctorate in the field" in result.verdict


@pytest.mark.parametrize("line, roles", [
    ("Ph.D in Machine Learning, Lakeshore University, 2024 - present", True),
    ("Ph.D. Candidate, Data Science & Machine Learning, Lakeshore University, 2021 - present", True),
    # the thesis's topic on the doctorate's line is no subject of the doctorate, nor is the field's maths
    ("PhD in Physics, Lakeshore University, 2015. Thesis: machine learning for jet tagging", False),
    ("PhD in Chemistry (machine learning for catalyst screening), Lakeshore University, 2016", False),
    ("PhD in Statistics, Lakeshore University, 2016", False),
    ("PhD in Neuroscience, Lakeshore University, 2016 (advisor: B. Osei, neural networks of the hippocampus)", False),
])
def test_the_doctorates_own_subject_names_its_research_roles(taxonomy, today, line, roles):
    from gapcheck.extract import build_profile, find_mentions
    from gapcheck.normalise import split_sections

    ndoc = split_sections(f"Jo Lin\nEDUCATION\n{line}\n")
    assert bool(build_profile(ndoc, find_mentions(ndoc, taxonomy), taxonomy, today=today).doctoral_roles) is roles


def test_the_fields_name_in_another_job_is_no_method_of_the_post(today):
    # the job under the role's name shows dashboards; the field's name is in the job before it
    text = ("Ana Ruiz\n\nEXPERIENCE\nData Scientist, Beta Bank, 2016 - 2024\n"
            "- Built weekly KPI dashboards in Tableau and SQL reports for the retail team.\n"
            "Platform Engineer, Beta Bank, 2014 - 2016\n"
            "- Ran a platform to run machine learning and statistical models for other teams.\n"
            "\nSKILLS\nSQL, Tableau, Excel, Python\n")
    assert analyze_text(text, today=today).fit.status == "weak"


def test_a_paper_at_the_fields_venues_leaves_a_statisticians_maths_another_fields(today):
    text = ("Hilde Marsh\nAssociate Professor of Statistics\n\nEXPERIENCE\nAssociate Professor of Statistics, "
            "Fenwick University, 2015 - present\n- Teach Bayesian inference, mathematical optimization and "
            "probability theory.\nLecturer in Statistics, Fenwick University, 2010 - 2015\n\nEDUCATION\n"
            "PhD in Statistics, Lakeshore University, 2006 - 2010\nThesis: Hierarchical Bayesian models for "
            "small-area estimation\n\nPUBLICATIONS\n- H. Marsh. Shrinkage priors for sparse regression. Journal of "
            "the American Statistical Association, 2019.\n- H. Marsh, P. Ode. Variational Bayes for mixed models. In "
            "AISTATS 2021.\n- H. Marsh. Small-area estimation with spatial priors. Biometrika, 2016.\n")
    assert analyze_text(text, today=today).fit.status == "weak"


def test_an_ml_title_in_the_headline_only_is_a_claim(today):
    text = "Ana Ruiz\nMachine Learning Engineer\n" + _TITLED.format(title="Analyst").split("\n", 1)[1]
    assert analyze_text(text, today=today).to_dict()["fit"]["status"] == "weak"


_PLACEMENT = ("Ana Ruiz\n\nEXPERIENCE\n{job}, Harbour Logistics, 2020 - 2025\n- {work}\n"
              "Research Intern, Lowmoor University, Jun 2019 - Aug 2019\n"
              "- Trained convolutional neural networks in PyTorch for image classification of parcels.\n")


@pytest.mark.parametrize("job, work, status", [
    # five years of work with none of the field's skills: the ML is one student's summer
    ("Software Engineer", "Built Java microservices and REST APIs; ran PostgreSQL on AWS.", "weak"),
    # the same years as ML work
    ("Software Engineer", "Built deep learning models in PyTorch for parcel image classification.", "fit"),
    # the years held under an ML role's own name, told in plain words, are the field's work
    ("Machine Learning Engineer", "Led a team of four; cut serving costs by 40%.", "fit"),
    # one skill of the field shown in the job is the field's work too
    ("Software Engineer", "Built the recommender systems behind the parcel-tracking app.", "fit"),
])
def test_years_of_work_none_of_it_the_fields_make_a_fit_weak(today, job, work, status):
    result = analyze_text(_PLACEMENT.format(job=job, work=work), today=today).to_dict()
    assert result["fit"]["status"] == status
    if status == "weak":
        assert "none of the 5 years of dated work" in result["verdict"]


_WHILE_STUDYING = ("Rui Costa\n\nEXPERIENCE\n{job}, Metro Rail Systems, Feb 2023 - present\n- {work}\n"
                   "Software Developer, University Robotics Team, Apr 2019 - Nov 2022\n"
                   "- Undergraduate research applying supervised learning and random forests with scikit-learn "
                   "and pandas to rate robot soccer plays.\n- Trained convolutional neural networks in PyTorch for "
                   "ball detection; deployed the models with Docker.\n\nEDUCATION\nBEng Electrical Engineering, "
                   "Lakeshore University, Jan 2018 - Dec 2022\n\nSKILLS\nPython, C++, SQL, Docker, Git, scikit-learn, "
                   "pandas\n")


@pytest.mark.parametrize("job, work, status", [
    # years of railway software since the degree: the ML was work done while studying
    ("Software Engineer", "Delivered C++ software for railway control and supervision systems.", "weak"),
    # the latest job shows the field: a fit
    ("Software Engineer", "Trained gradient boosting models to predict train delays.", "fit"),
])

def test_the_fields_work_only_while_studying_before_years_of_other_work_is_weak(today, job, work, status):
    result = analyze_text(_WHILE_STUDYING.format(job=job, work=work), today=today).to_dict()
    assert result["fit"]["status"] == status
    if status == "weak":
        assert "work while studying" in result["verdict"]


def test_the_fields_work_while_studying_now_after_years_of_other_work_is_a_fit(today):
    # a career changer's MSc research assistantship now, after six years of Java: the field's work now
    text = ("Lena Varga\n\nEXPERIENCE\nGraduate Research Assistant, Lakeshore University, Sep 2024 - present\n"
            "- Trained transformer models in PyTorch for clinical text classification; fine-tuned BERT with Hugging "
            "Face.\n- Built evaluation pipelines with scikit-learn and pandas.\nSoftware Engineer, Nordbank, Jan 2018 "
            "- Aug 2024\n- Built Java microservices for payments on Kubernetes.\n\nEDUCATION\nMSc Artificial "
            "Intelligence, Lakeshore University, Sep 2024 - present\nBSc Computer Science, Lakeshore University, "
            "2014 - 2017\n\nSKILLS\nPython, PyTorch, Java, SQL\n")
    assert analyze_text(text, today=today).fit.status == "fit"


_OTHER_FIELD = ("Mara Quist\nHydrologist\n\nRESEARCH INTERESTS\nDeep learning and machine learning for flood "
                "forecasting; groundwater recharge.\n\nEDUCATION\nPh.D. in Hydrology, Fenwick University, 2012 - 2016\n"
                "Thesis: {thesis}\n\nEXPERIENCE\nSenior Scientist, Fenwick Water Institute, 2017 - 2026\n- {job}\n\n"
                "PUBLICATIONS\n{papers}\n\nSKILLS\nPython, PyTorch, TensorFlow, scikit-learn, R, GIS")
_OWN_PAPERS = ["Quist M, Ode T. Groundwater recharge in karst aquifers. J. Hydrology. 2016.",
               "Quist M. Sediment transport in braided rivers. Water Resources Research. 2017.",
               "Quist M, Lind R. Snowmelt timing and river discharge. Hydrol. Processes. 2018.",
               "Quist M. Soil moisture under drought. Vadose Zone J. 2019.",
               "Quist M, Ode T. Nitrate leaching from farmland. J. Hydrology. 2020.",
               "Quist M. Wetland storage and flood peaks. Water Resources Research. 2021."]
_ML_PAPERS = ["Quist M, Ode T. Deep learning with LSTM networks for flood forecasting. J. Hydrology. 2022.",
              "Quist M. Convolutional neural networks for river-level prediction. Water Res. 2023.",
              "Quist M, Lind R. Random forests and gradient boosting for drought indices. Hydrol. Processes. 2024."]
_RECHARGE = "Recharge in karst aquifers"
_FIELD_WORK = "Modelled river basins with field campaigns and hydraulic models."


@pytest.mark.parametrize("ml_papers, thesis, job, status", [
    # one paper of seven shows ML, and no job or doctorate does: another field's research
    (1, _RECHARGE, _FIELD_WORK, "weak"),
    # three of nine are the field's papers: a share of the research
    (3, _RECHARGE, _FIELD_WORK, "fit"),
    # the doctorate's research is the field's
    (1, "Deep learning for flood forecasting with convolutional neural networks", _FIELD_WORK, "fit"),
    # so is the job's
    (1, _RECHARGE, "Built deep learning models in PyTorch for flood forecasting.", "fit"),
])
def test_a_research_record_mostly_in_another_field_makes_a_fit_weak(today, ml_papers, thesis, job, status):
    papers = "\n".join(_OWN_PAPERS + _ML_PAPERS[:ml_papers])
    result = analyze_text(_OTHER_FIELD.format(thesis=thesis, job=job, papers=papers), today=today).to_dict()
    assert result["fit"]["status"] == status, result["verdict"]
    if status == "weak":
        assert f"{ml_papers} of the {6 + ml_papers} papers shows the field's skills" in result["verdict"]


@pytest.mark.parametrize("doctorate, status", [
    # a doctorate under way, undated, is research work: the teaching years are no career outside ML
    ("PhD Computer Science (in progress), Kingsford University\n  Thesis: Label-efficient segmentation of CT",
     "fit"),
    ("MSc Biomedical Engineering, Kingsford University", "weak"),
])
def test_an_undated_doctorate_is_research_work(today, doctorate, status):
    text = (f"Chi Vos\n\nEDUCATION\n{doctorate}\n\nEXPERIENCE\nTeaching Assistant, Kingsford University, 2021 - 2024\n"
            "- Marked coursework and ran lab sessions.\n\nPROJECTS\nCT segmentation: trained 3D U-Nets in PyTorch "
            "with active learning and semi-supervised learning; deployed with Docker.\n")
    assert analyze_text(text, today=today).to_dict()["fit"]["status"] == status


def test_an_applied_scientist_is_a_research_post(taxonomy, today):
    from gapcheck.extract import build_profile, find_mentions
    from gapcheck.normalise import split_sections

    ndoc = split_sections("Ana Lima\nEXPERIENCE\nPrincipal Applied Scientist, Tidewell, 2018 - 2026\n")
    assert build_profile(ndoc, find_mentions(ndoc, taxonomy), taxonomy, today=today).field_work


_SIDELINE = ("Ana Ruiz\n\nEXPERIENCE\nData Engineer, Harbour Energy, {latest}\n- {now}\n"
             "Data Engineer, Beta Gas, 2014 - 2016\n- Applied random forests and gradient boosting in scikit-learn to "
             "classify customer energy usage; deployed the model with Docker.\n"
             "Software Engineer, Gamma Bank, {early}\n- Built Java services and SQL reports.\n"
             "\nSKILLS\nPython, Java, SQL, Spark, Kafka, Airflow, scikit-learn\n")
_PIPELINES = "Built Kafka and Spark pipelines into Snowflake."


@pytest.mark.parametrize("latest, now, early, status", [
    # two of twelve years show the field's skills, and not the latest job: another trade's career
    ("2016 - 2026", _PIPELINES, "2006 - 2014", "weak"),
    # the latest job shows them: a career turned to the field
    ("2016 - 2026", "Trained gradient boosting models for churn prediction in Python.", "2006 - 2014", "fit"),
    # two of six years: a share of the career
    ("2016 - 2018", _PIPELINES, "2012 - 2014", "fit"),
])
def test_a_career_mostly_outside_the_field_makes_a_fit_weak(today, latest, now, early, status):
    result = analyze_text(_SIDELINE.format(latest=latest, now=now, early=early), today=today).to_dict()
    assert result["fit"]["status"] == status, result["verdict"]
    if status == "weak":
        assert "only 2 of the 20 years of dated work show the field's skills" in result["verdict"]


@pytest.mark.parametrize("title", ["Director of Data Science", "Head of AI", "VP Machine Learning"])
def test_a_latest_job_whose_title_names_the_field_is_the_fields_work(today, title):
    # a leader's bullets name no skill, but the post is the field's
    text = _SIDELINE.format(latest="2016 - 2026", now="Led a team of 12; set the roadmap; hired 8 engineers.",
                            early="2006 - 2014").replace("Data Engineer, Harbour Energy", f"{title}, Harbour Energy")
    assert analyze_text(text, today=today).to_dict()["fit"]["status"] == "fit"


def test_a_job_titled_in_the_field_is_work_in_the_field(today):
    # a career changer's current job, titled in the field, with bullets in plain words
    text = _PLACEMENT.format(job="Engineer, Applied AI", work="Shipped the support assistant; cut costs by 30%.")
    assert analyze_text(text, today=today).to_dict()["fit"]["status"] == "fit"


_GRADUATE = ("Rui Bo\n\nEDUCATION\nBSc Computer Science, Fullmoor University, 2020 - 2024\n\nPROJECTS\n"
             "Face Detection | Python, OpenCV, TensorFlow | 2023\n"
             "- Trained a convolutional neural network in TensorFlow for real-time face detection with OpenCV.\n"
             "{second}\n"
             "Lexer | C, Flex | 2022\n- Wrote a lexer for a small language.\n"
             "Job Board | PHP, MySQL | 2022\n- Built a job board with user accounts.\n"
             "{internship}"
             "\nSKILLS\nPython, C, Java, SQL, TensorFlow, OpenCV\n")
_SECOND_ML = ("Churn Model | Python, scikit-learn | 2023\n"
              "- Trained gradient boosting and logistic regression models to predict churn.")
_SECOND_WEB = "Chess Club Site | HTML, CSS | 2023\n- Built the club's website."


@pytest.mark.parametrize("second, internship, status", [
    # one vision project among four, and no job or thesis shows the field: another trade's side project
    (_SECOND_WEB, "", "weak"),
    # two of four projects: a share of the work
    (_SECOND_ML, "", "fit"),
    # an internship in the field: the projects are not the only evidence
    (_SECOND_WEB, "\nEXPERIENCE\nMachine Learning Intern, Acme, Jun 2023 - Aug 2023\n"
                  "- Trained convolutional neural networks for defect detection in PyTorch.\n", "fit"),
    # so is a job in the field whose dates were not read
    (_SECOND_WEB, "\nEXPERIENCE\nData Science Intern, Acme\n"
                  "- Developed sales prediction models with gradient boosting and anomaly detection.\n", "fit"),
])
def test_one_field_project_among_several_makes_a_fit_weak(today, second, internship, status):
    result = analyze_text(_GRADUATE.format(second=second, internship=internship), today=today).to_dict()
    assert result["fit"]["status"] == status, result["verdict"]
    if status == "weak":
        assert "only 1 of the 4 projects shows the field's skills, and no job, internship or thesis does" \
            in result["verdict"]


@pytest.mark.parametrize("shown, score, status", [
    (4, 16.0, "fit"),  # a terse CV: four core skills shown at work, few others named
    (3, 16.0, "none"),  # fewer: the bar stands
    (4, 14.0, "none"),  # under three quarters of the bar
])
def test_four_core_skills_shown_fit_from_three_quarters_of_the_bar(taxonomy, shown, score, status):
    from gapcheck.profile import Profile

    ids = frozenset(_core_field(taxonomy, ML, shown))
    verdict = judge([_fit(ML, score)], Profile({}, (), None, 0, shown=ids), taxonomy, min_fit=20.0)
    assert verdict.status == status
    if status == "fit":
        assert "under the 20-point bar, but the resume shows 4 of its core skills at work" in verdict.text


def test_the_fields_maths_shown_do_not_lower_the_bar(taxonomy):
    from gapcheck.profile import Profile

    # A/B testing, causal inference and statistical modelling are a statistician's too: with one
    # method beside them, the bar stands
    maths = {"ab_testing", "causal_inference", "statistical_modeling"}
    method = next(s for s in _core_field(taxonomy, DS, 12) if taxonomy.skill_by_id[s].type != "math")
    verdict = judge([_fit(DS, 16.0)], Profile({}, (), None, 0, shown=frozenset(maths | {method})), taxonomy,
                    min_fit=20.0)
    assert verdict.status == "none"


def test_a_doctorate_without_dates_keeps_a_career_share_from_a_researcher(taxonomy, today):
    from gapcheck.extract import build_profile, find_mentions
    from gapcheck.normalise import split_sections

    text = ("Ana Lima\n\nEDUCATION\nPh.D. in Computer Science, exp. 09/2022\n- Thesis on spiking neural networks\n"
            "\nEXPERIENCE\nTechnical Advisor, TU Lund, 2021 - 2026\n- Coordinated an EU project.\n"
            "AI Researcher, Infineon, 2018 - 2021\n- Converted convolutional and recurrent neural networks to spiking "
            "neural networks in TensorFlow and PyTorch; trained deep learning models for object detection and image "
            "segmentation.\n"
            "Consultant, Lischke, 2006 - 2018\n- Ran workshops.\n")
    ndoc = split_sections(text)
    assert build_profile(ndoc, find_mentions(ndoc, taxonomy), taxonomy, today=today).career_share is None
    assert analyze_text(text, today=today).to_dict()["fit"]["status"] == "fit"


_MORE_PAPERS = [f"Quist M. Field study {k} of recharge and discharge. J. Hydrology. {2010 + k}." for k in range(6)]


@pytest.mark.parametrize("job, status", [
    # a large record with one ML paper of thirteen, and only an earlier job that names the field's
    # methods: another field's research
    (_FIELD_WORK + "\nData Analyst, Lund Energy, 2016 - 2017\n- Built deep learning models in PyTorch and "
     "convolutional neural networks for demand forecasting.", "weak"),
    # the latest job shows the field: the field's work now
    ("Built deep learning models in PyTorch and convolutional neural networks for flood forecasting.", "fit"),
])
def test_a_large_record_in_another_field_is_weak_unless_the_latest_job_is_the_fields(today, job, status):
    papers = "\n".join(_OWN_PAPERS + _MORE_PAPERS + _ML_PAPERS[:1])
    result = analyze_text(_OTHER_FIELD.format(thesis=_RECHARGE, job=job, papers=papers), today=today).to_dict()
    assert result["fit"]["status"] == status, result["verdict"]
    if status == "weak":
        assert "1 of the 13 papers shows the field's skills and neither the latest job nor the doctorate does" \
            in result["verdict"]


def test_a_job_held_within_a_finished_degree_is_a_students(taxonomy, today):
    from gapcheck.extract import build_profile, find_mentions
    from gapcheck.normalise import split_sections

    text = ("Rui Bo\n\nEDUCATION\nB.Sc. Computer Science, Nordvik College, 2021 - 2024\n\nEXPERIENCE\n"
            "Warehouse Associate, Nordvik Logistics, 2021 - 2023\n- Picked and packed orders.\n"
            "Analyst, Acme, 2024 - 2026\n- Built SQL reports.\n")
    ndoc = split_sections(text)
    profile = build_profile(ndoc, find_mentions(ndoc, taxonomy), taxonomy, today=today)
    assert profile.years_experience == 2.0  # the analyst's years; the warehouse job was a student's


def test_a_fit_needs_one_of_the_fields_methods_not_only_its_maths(taxonomy):
    from gapcheck.profile import Profile

    maths = {"ab_testing", "causal_inference", "statistical_modeling"}
    verdict = judge([_fit(DS, 30.0)], Profile({}, (), None, 0, shown=frozenset(maths)), taxonomy)
    assert verdict.status == "weak" and "are statistics many trades use, not" in verdict.text
    # nor the field's own name beside them ("a platform to run machine learning and statistical models")
    named = judge([_fit(DS, 30.0)], Profile({}, (), None, 0, shown=frozenset({"machine_learning",
                                                                              "statistical_modeling"})), taxonomy)
    assert named.status == "weak" and "are the field's own name and statistics many trades use" in named.text
    method = next(s for s in _core_field(taxonomy, DS, 12) if taxonomy.skill_by_id[s].type != "math"
                  and s not in taxonomy.area_skills)
    with_method = Profile({}, (), None, 0, shown=frozenset(maths | {method}))
    assert judge([_fit(DS, 30.0)], with_method, taxonomy).status == "fit"


def test_building_on_models_others_made_is_no_fit_without_a_method(taxonomy):
    from gapcheck.profile import Profile

    nlp = "nlp_engineer"
    apps = {"llms", "rag", "chatbots", "nlp"}  # an LLM chatbot with retrieval, and the field's name
    assert apps <= set(taxonomy.application_skills) | set(taxonomy.area_skills)
    verdict = judge([_fit(nlp, 30.0)], Profile({}, (), None, 0, shown=frozenset(apps)), taxonomy)
    assert verdict.status == "weak" and "is building on models others made" in verdict.text, verdict.text
    # fine-tuning a model is making one
    tuned = Profile({}, (), None, 0, shown=frozenset(apps | {"fine_tuning"}))
    assert judge([_fit(nlp, 30.0)], tuned, taxonomy).status == "fit"
    # the field's names alone are no application of models (a terse "machine learning, NLP"), nor
    # a method of the field: a weak match that says so
    names = judge([_fit("ml_engineer", 30.0)], Profile({}, (), None, 0, shown=frozenset({"machine_learning", "nlp"})),
                  taxonomy)
    assert names.status == "weak" and "building on models" not in names.text
    assert "are the field's own name, not the field's methods or tools" in names.text


_LLM_APP = """Noa Brandt
Full-Stack Engineer

EXPERIENCE
Software Engineer, Quill Commerce, 2021 - 2026
- Built React and TypeScript storefront features and REST APIs in FastAPI.
- Added an LLM-powered support chatbot with retrieval-augmented generation over help articles.
- Wrote prompt templates for the large language model and measured answer quality with users.
{extra}
SKILLS
Python, TypeScript, React, FastAPI, PostgreSQL, AWS, Docker
"""


@pytest.mark.parametrize("extra, status", [
    ("", "weak"),
    ("- Fine-tuned a BERT classifier in PyTorch to route tickets, and evaluated it on held-out data.", "fit"),
])
def test_an_llm_feature_of_a_web_developer_is_a_weak_match(today, extra, status):
    result = analyze_text(_LLM_APP.format(extra=extra), today=today).to_dict()
    assert result["fit"]["status"] == status, result["verdict"]


@pytest.mark.parametrize("line", [
    "- Pre-trained large language models from scratch on 2 trillion tokens across 512 GPUs.",
    "- Fine-tuned open large language models on support tickets.",
])
def test_a_line_that_trains_a_language_model_makes_one(today, line):
    text = _LLM_APP.format(extra=line)
    assert analyze_text(text, today=today).to_dict()["fit"]["status"] == "fit"


def test_generative_ai_beside_an_llm_feature_is_the_fields_name(today):
    text = _LLM_APP.format(extra="- Shipped generative AI features for the storefront.")
    assert analyze_text(text, today=today).to_dict()["fit"]["status"] == "weak"


@pytest.mark.parametrize("extra, status", [
    # a hosted model's embeddings are that model's
    ("- Built semantic search over help articles with OpenAI embeddings and retrieval-augmented generation.",
     "weak"),
    # teaching people is no training of a model
    ("- Trained 40 support staff to use the LLM chatbot in weekly training sessions.", "weak"),
    # word vectors learnt from one's own corpus are the field's
    ("- Learned word2vec embeddings from 40M clinical notes for the hospital's NLP teams.", "fit"),
])
def test_what_is_building_on_models_and_what_makes_one(today, extra, status):
    assert analyze_text(_LLM_APP.format(extra=extra), today=today).to_dict()["fit"]["status"] == status


def test_two_core_skills_in_a_job_under_the_roles_name_clear_the_bar(today):
    # a terse resume names few of a role's skills: its score is low, its work is the field's
    text = ("Caspian Vale\n\nEXPERIENCE\nData Scientist II, Nordlys, Seattle, 2021 - present\n"
            "- Trained a classifier to flag duplicate listings, removing 120k duplicates a month.\n"
            "- Built models to estimate home values in new markets.\n")
    result = analyze_text(text, today=today)
    assert result.fit.status == "fit" and result.fit.role == "data_scientist"
    assert "in a job held under its name" in result.verdict
    # the same work under another trade's title is a weak match or none
    other = analyze_text(text.replace("Data Scientist II", "Operations Analyst"), today=today)
    assert other.fit.status != "fit"


def test_a_raised_bar_is_never_waived(today):
    # --min-fit 90: neither a job under the role's name nor service to the field's venues fits under it
    text = ("Caspian Vale\n\nEXPERIENCE\nData Scientist II, Nordlys, Seattle, 2021 - present\n"
            "- Trained a classifier to flag duplicate listings.\n- Built models to estimate home values.\n\n"
            "SERVICE\nReviewer: NeurIPS 2023, ICML 2024\n")
    assert analyze_text(text, today=today).fit.status == "fit"
    assert analyze_text(text, today=today, options=Options(min_fit=90)).fit.status != "fit"
