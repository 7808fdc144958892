"""The taxonomy builder (skill_taxonomy/build.py): the shipped copy is current; a user's postings
for one job make one role with their pay, years and requirements, and claim no guide."""

from __future__ import annotations

import json
import re
from importlib.resources import files
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from gapcheck.cli import main
from gapcheck.errors import InvalidTaxonomyError
from gapcheck.taxonomy import load_taxonomy
from skill_taxonomy import _postings
from skill_taxonomy._statements import find_statements
from skill_taxonomy.build import (
    TITLE_VOTES,
    _Reader,
    build_taxonomy,
    write_fuzzy_model,
    write_taxonomy,
)

HERE = Path(__file__).resolve().parent
POSTINGS = HERE / "fixtures" / "job_postings"  # five postings, five jobs
DATA_ENGINEER = HERE / "fixtures" / "postings_data_engineer"  # three fictional postings for one job
SHIPPED_JSON = files("skill_taxonomy") / "data" / "taxonomy.json"
SEED_NAME = re.compile(r"\d{3}_[0-9a-f]{16}\.txt")

# posting file -> the role it makes (named from its title)
EXPECTED_ROLE = {
    "mlops_engineer.txt": "mlops_engineer",
    "nlp_engineer.txt": "nlp_engineer",
    "data_scientist.txt": "data_scientist",
    "computer_vision_engineer.txt": "computer_vision_engineer",
    "search_relevance_engineer.txt": "search_relevance_engineer",
}


def _differences(a: object, b: object, path: str = "$") -> list[str]:
    """Paths where two parsed JSON values differ, for a readable failure."""
    if isinstance(a, dict) and isinstance(b, dict):
        return [d for k in sorted(a.keys() | b.keys(), key=str)
                for d in (_differences(a.get(k), b.get(k), f"{path}.{k}") if k in a and k in b
                          else [f"{path}.{k}: only in {'built' if k in a else 'shipped'}"])]
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            ids = lambda xs: [x.get("id", x.get("skill")) if isinstance(x, dict) else x for x in xs]  # noqa: E731
            return [f"{path}: {len(a)} built vs {len(b)} shipped; "
                    f"built only {sorted(set(map(str, ids(a))) - set(map(str, ids(b))))[:5]}, "
                    f"shipped only {sorted(set(map(str, ids(b))) - set(map(str, ids(a))))[:5]}"]
        return [d for i, (x, y) in enumerate(zip(a, b, strict=True)) for d in _differences(x, y, f"{path}[{i}]")]
    return [] if a == b else [f"{path}: built {a!r} vs shipped {b!r}"]


# -- the shipped taxonomy is what the seeds and the curation file give ------------------------


@pytest.fixture(scope="module")
def seed_build(seeds):
    return build_taxonomy([seeds], guides=True)


def test_shipped_taxonomy_is_rebuilt_exactly_from_the_seeds(seed_build, seeds, tmp_path):
    built = seed_build.taxonomy.model_dump(mode="json")
    shipped = json.loads(SHIPPED_JSON.read_text(encoding="utf-8"))
    diffs = _differences(built, shipped)
    assert not diffs, ("skill_taxonomy/data/taxonomy.json is stale; run `python -m skill_taxonomy.build "
                       f"{seeds}`. First differences:\n  " + "\n  ".join(diffs[:15]))
    out = tmp_path / "taxonomy.json"
    write_taxonomy(seed_build.taxonomy, out)
    assert out.read_text(encoding="utf-8") == SHIPPED_JSON.read_text(encoding="utf-8")
    model = write_fuzzy_model(seed_build.taxonomy, tmp_path / "fuzzy_model.json")
    assert model.read_text(encoding="utf-8") == SHIPPED_JSON.with_name("fuzzy_model.json").read_text(encoding="utf-8")


def test_seed_guides_feed_the_roles_they_describe(seed_build, seeds):
    roles = seed_build.doc_roles
    assert set(roles) == {p.name for p in seeds.iterdir() if p.suffix in (".txt", ".md", ".pdf")}
    assert seed_build.new_roles == []
    # The top-careers guide has a section per career; the research guides feed research roles.
    nine = {"ml_engineer", "data_scientist", "nlp_engineer", "computer_vision_scientist", "rl_researcher",
            "mlops_engineer", "ai_research_scientist", "quant_ml_analyst", "healthcare_ml_specialist"}
    assert any(set(r) >= nine for r in roles.values())
    assert any(r == ["ml_scientist"] for r in roles.values())
    assert sum("ml_researcher" in r for r in roles.values()) >= 2
    assert seed_build.found_links > 0
    assert all(c.count >= 2 for c in seed_build.candidates)


# -- the guides' own words -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def reader(taxonomy):
    return _Reader(taxonomy)


@pytest.mark.parametrize("text, expected", [
    ("You must know Python.", {("python", "essential")}),
    ("Python is essential, but Terraform is a bonus.", {("python", "essential"), ("terraform", "optional")}),
    ("Getting good at SQL is critical.", {("sql", "essential")}),
    ("Soft skills like communication are equally important.", {("communication", "important")}),
    # The cue is a word of the skill's name, or says something of a role or of "this".
    ("Critical thinking matters to everyone.", set()),
    ("MLOps engineers are one of the most critical roles in the Python world.", set()),
    ("Job boards show just how essential statistics is.", set()),
    # "must" of someone other than the person in the role.
    ("Results go to stakeholders who must act on Python reports.", set()),
    # Alternatives are not each essential; the framework they are examples of is.
    ("Experience with PyTorch or TensorFlow is essential.", set()),
    ("Deep learning frameworks like PyTorch or TensorFlow are essential.", {("deep_learning_frameworks", "essential")}),
    # A clause cut at "but": the PhD is not needed, probability is.
    ("You don't need a PhD, but you must understand probability.", {("probability", "essential")}),
    # A line that only says "Critical skill for ..." states the skill on the line before.
    ("Paper Publishing\nCritical skill for Machine Learning Researchers", {("paper_publishing", "essential")}),
    ("Kaggle is helpful.", {("kaggle", "optional")}),
])
def test_statements_in_a_guides_own_words(reader, text, expected):
    mentions, spans = reader.mentions(text)
    assert {(f.skill_id, f.importance) for f in find_statements(text, mentions, spans)} == expected


@pytest.mark.parametrize("text, skill_id, counts", [
    ("Agents learn by acting rather than from labeled examples.", "data_labeling", False),
    ("Agents learn from labeled examples.", "data_labeling", True),
    ("You don't need a PhD for this job.", "doctoral_research", False),
    ("Machine Learning Researchers publish papers.", "machine_learning", False),  # a role's name
])
def test_mentions_that_do_not_ask_for_the_skill(reader, text, skill_id, counts):
    mentions, _ = reader.mentions(text)
    assert (skill_id in {m.skill_id for m in mentions}) == counts


# -- a user's postings for one job ----------------------------------------------------------------


def _build(*args: str, folder: Path = DATA_ENGINEER, tmp: Path) -> tuple[object, Path]:
    out = tmp / "mine.json"
    res = CliRunner().invoke(main, ["taxonomy", "build", str(folder), "-o", str(out), *args])
    assert res.exit_code == 0, res.output
    return res, out


@pytest.fixture(scope="module")
def data_engineer(tmp_path_factory):
    res, out = _build(tmp=tmp_path_factory.mktemp("de"))
    return res, out, load_taxonomy(out)


def test_three_postings_for_one_job_make_one_role_with_their_pay(data_engineer):
    res, out, tax = data_engineer
    assert [r.id for r in tax.roles] == ["data_engineer"]
    role = tax.roles[0]
    assert role.name == "Data Engineer"  # the postings' common title, without "Payments Platform"
    assert role.sources == sorted(p.name for p in DATA_ENGINEER.iterdir())
    (step,) = role.ladder
    # Their salary range: $128k (Brightfield) to $165,000 (Northgate), in the three postings.
    assert (step.salary.min, step.salary.max, step.salary.currency) == (128000, 165000, "USD")
    assert step.salary.sources == role.sources and step.salary.level_stated
    # The fewest years they ask for (Brightfield: at least 2), as stated, not estimated.
    assert (step.years_min, step.years_estimated) == (2.0, False)
    assert "role data_engineer (Data Engineer) from 3 documents" in res.output
    assert "USD 128,000–165,000" in res.output


def test_a_postings_build_claims_no_guide(data_engineer):
    _, out, tax = data_engineer
    assert not SEED_NAME.search(out.read_text(encoding="utf-8"))
    postings = {p.name for p in DATA_ENGINEER.iterdir()}
    for skill in tax.skills:
        assert set(skill.sources) <= postings and skill.reason_source is None
        assert skill.sources or skill.curated_reason  # a skill a named one builds on
    for link in tax.roles[0].skills:
        assert link.sources and set(link.sources) <= postings and not link.curated
    assert tax.field_name == "" and tax.generic_categories == []
    # The job search stays, without the research-only step and without guide sources.
    assert [s.id for s in tax.job_search] == ["portfolio", "interviews", "networking", "pay"]
    assert not any(s.sources or re.search(r"\(\d{3}", s.detail) for s in tax.job_search)


@pytest.mark.parametrize("skill_id, importance", [
    ("python", "essential"),  # required by all three
    ("sql", "essential"),
    ("apache_spark", "essential"),  # required by two, preferred by one
    ("airflow", "essential"),  # required by two
    ("kafka", "important"),  # required by one, preferred by two
    ("snowflake", "important"),  # required by one of three
    ("terraform", "optional"),  # only ever "nice to have" or a bonus
    ("docker", "optional"),  # preferred
])
def test_importance_from_what_the_postings_require_or_prefer(data_engineer, skill_id, importance):
    _, _, tax = data_engineer
    link = next(lk for lk in tax.roles[0].skills if lk.skill == skill_id)
    assert link.importance == importance
    if importance == "optional":
        assert {st.cue for st in link.stated} <= {"nice to have", "bonus", "preferred"}


def test_skills_named_by_more_postings_weigh_more(data_engineer):
    _, _, tax = data_engineer
    links = {lk.skill: lk for lk in tax.roles[0].skills}
    assert links["python"].weight > links["airflow"].weight  # both essential; 3 postings against 2


def test_role_name_option_names_the_role(tmp_path):
    _, out = _build("--role-name", "Platform Data Engineer", tmp=tmp_path)
    tax = load_taxonomy(out)
    assert [(r.id, r.name) for r in tax.roles] == [("platform_data_engineer", "Platform Data Engineer")]


def test_extend_keeps_the_shipped_roles_as_shipped(tmp_path, taxonomy):
    _, out = _build("--extend", tmp=tmp_path)
    tax = load_taxonomy(out)
    assert {r.id for r in tax.roles} == {r.id for r in taxonomy.roles} | {"data_engineer"}
    for role in taxonomy.roles:
        assert tax.role_by_id[role.id] == role
    assert not SEED_NAME.search(json.dumps(tax.role_by_id["data_engineer"].model_dump()))


def test_a_folder_of_postings_for_five_jobs_makes_five_roles(tmp_path):
    res, out = _build(folder=POSTINGS, tmp=tmp_path)
    tax = load_taxonomy(out)
    assert {r.id for r in tax.roles} == set(EXPECTED_ROLE.values())
    for name, rid in EXPECTED_ROLE.items():
        assert tax.role_by_id[rid].sources == [name]
        assert f"{name}: {rid}" in res.output
    # "Bonus: MLflow" makes MLflow optional; what the posting brings under "What you bring" essential.
    mlops = {lk.skill: lk.importance for lk in tax.role_by_id["mlops_engineer"].skills}
    assert mlops["mlflow"] == "optional" and mlops["kubernetes"] == "essential" and mlops["terraform"] == "essential"
    # "Three or more years running Kubernetes" is the MLOps posting's years.
    assert tax.role_by_id["mlops_engineer"].ladder[0].years_min == 3.0


def test_with_extend_a_postings_role_replaces_the_shipped_one_of_its_name(tmp_path, taxonomy):
    res, out = _build("--extend", folder=POSTINGS, tmp=tmp_path)
    tax = load_taxonomy(out)
    assert tax.role_by_id["mlops_engineer"].sources == ["mlops_engineer.txt"]
    # "Computer Vision Engineer" is a name of the shipped Computer Vision Scientist.
    assert tax.role_by_id["computer_vision_scientist"].sources == ["computer_vision_engineer.txt"]
    assert "it replaces the shipped role of that name" in res.output
    assert len(tax.roles) == len(taxonomy.roles) + 1  # search relevance engineer is new


def test_candidate_terms_are_a_table_a_person_can_use(data_engineer):
    _, out, tax = data_engineer
    lines = [ln for ln in Path(f"{out}.candidates.tsv").read_text(encoding="utf-8").splitlines()
             if not ln.startswith("#")]
    assert lines[0] == "count\tdocuments\tterm\texample"
    rows = {term: (int(n), docs.split(","), example) for n, docs, term, example in (ln.split("\t") for ln in lines[1:])}
    assert rows["Flink"][0] == 4 and rows["Flink"][1] == ["northgate_logistics.txt", "tidewater_pay.txt"]
    assert "Dagster" in rows and "Dagster" in rows["Dagster"][2]
    assert not [t for t in rows if tax.find_skill(t) is not None]


def test_candidates_leave_out_known_skills_and_role_titles(tmp_path):
    _, out = _build(folder=POSTINGS, tmp=tmp_path)
    text = Path(f"{out}.candidates.tsv").read_text(encoding="utf-8")
    terms = {line.split("\t")[2] for line in text.splitlines()[3:]}
    assert {"NDCG", "CUPED", "Argo Rollouts"} <= terms
    assert not terms & {"Terraform", "Kubernetes", "Search Relevance Engineer", "TensorRT", "OpenSearch"}


def test_build_refuses_to_overwrite(data_engineer):
    _, out, _ = data_engineer
    before = out.read_bytes()
    res = CliRunner().invoke(main, ["taxonomy", "build", str(DATA_ENGINEER), "-o", str(out)])
    assert res.exit_code == 1 and "already exists; pass --force" in res.output
    assert out.read_bytes() == before


@pytest.mark.parametrize("title, job, level", [
    ("Senior Data Engineer, Payments (Remote)", "Data Engineer", "senior"),
    ("Data Engineer II", "Data Engineer", "mid"),
    ("Data Engineer - Streaming", "Data Engineer", None),
    ("Staff ML Engineer | Search", "ML Engineer", "principal"),
])
def test_job_title_and_level(title, job, level):
    assert _postings.job_and_level(title) == (job, level)


@pytest.mark.parametrize("text, pay", [
    ("Salary: $135,000 - $155,000 per year", (135000, 155000, "USD")),
    ("Salary range: $128k–$150k, hybrid", (128000, 150000, "USD")),
    ("Pay: USD 140,000 to 165,000 a year.", (140000, 165000, "USD")),
    ("£60,000 - £75,000", (60000, 75000, "GBP")),
    ("$40 - $55 per hour", None),
    ("Teams of 5 - 8 people", None),
])
def test_pay_in_a_posting(text, pay):
    assert _postings._pay(text) == pay


# -- career guides for the curation's roles, on a tiny curation file ------------------------------

TINY = {
    "name": "tiny", "version": "0.1.0",
    "phases": [{"id": "basics", "order": 1, "name": "Basics", "weeks": 4}],
    "skills": [
        {"id": sid, "name": name, "type": "tool", "category": "infra", "phase": "basics", "effort_weeks": 2,
         "curated_reason": "team notes"}
        for sid, name in [("python", "Python"), ("kubernetes", "Kubernetes"), ("terraform", "Terraform")]
    ],
    "roles": [{"id": "platform_engineer", "name": "Platform Engineer", "aliases": ["Platform Engineers"],
               "description": "Runs the platform.", "sources": ["notes.txt"],
               "skills": [{"skill": "kubernetes", "importance": "essential", "weight": 1.0, "curated": True}]}],
}


def _curation(tmp_path: Path, data: dict) -> Path:
    path = tmp_path / "curation.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return path


@pytest.fixture
def tiny(tmp_path):
    return _curation(tmp_path, TINY)


def _guide(tmp_path: Path, first_line: str, mentions: int, extra: str = "") -> Path:
    folder = tmp_path / "docs"
    folder.mkdir(exist_ok=True)
    body = "You will pair with our platform engineers on Terraform.\n" * mentions
    (folder / "posting.txt").write_text(f"{first_line}\n\nWe run Python services on Kubernetes.\n{body}{extra}",
                                        encoding="utf-8")
    return folder


@pytest.mark.parametrize("mentions, role_id", [
    (1, "search_relevance_engineer"),
    (TITLE_VOTES, "search_relevance_engineer"),
    (TITLE_VOTES + 1, "platform_engineer"),
])
def test_role_less_title_outvotes_a_few_body_mentions(tmp_path, tiny, mentions, role_id):
    report = build_taxonomy([_guide(tmp_path, "Search Relevance Engineer", mentions)], curation=tiny, guides=True)
    assert report.doc_roles == {"posting.txt": [role_id]}
    assert report.new_roles == ([role_id] if role_id != "platform_engineer" else [])
    assert "posting.txt" in report.taxonomy.role_by_id[role_id].sources


@pytest.mark.parametrize("first_line, role_id", [
    ("Senior Platform Engineer, Data Infrastructure", "platform_engineer"),
    # No title line: the document belongs to the role it names.
    ("We are growing the team behind our internal developer platform and the tools around it.",
     "platform_engineer"),
])
def test_document_goes_to_the_role_it_names(tmp_path, tiny, first_line, role_id):
    report = build_taxonomy([_guide(tmp_path, first_line, 1)], curation=tiny, guides=True)
    assert report.doc_roles == {"posting.txt": [role_id]} and report.new_roles == []


def test_a_guide_sets_the_importance_over_the_curated_one(tmp_path, tiny):
    folder = _guide(tmp_path, "Platform Engineer", 0, "Terraform is essential. Kubernetes is nice to have.\n")
    role = build_taxonomy([folder], curation=tiny, guides=True).taxonomy.role_by_id["platform_engineer"]
    links = {lk.skill: lk for lk in role.skills}
    assert links["terraform"].importance == "essential" and links["terraform"].stated[0].cue == "essential"
    # The guide says optional; the curated "essential" gives way, having no reason.
    assert links["kubernetes"].importance == "optional" and links["kubernetes"].curated
    assert links["python"].importance == "optional" and not links["python"].curated  # only mentioned


def test_a_curated_reason_must_stand_on_its_guides_word(tmp_path):
    data = json.loads(json.dumps(TINY))
    data["skills"][2] |= {"reason_source": "posting.txt", "reason_term": "Pulumi"}
    with pytest.raises(InvalidTaxonomyError, match=r"terraform: its reason names posting.txt, which does not have"):
        build_taxonomy([_guide(tmp_path, "Platform Engineer", 1)], curation=_curation(tmp_path, data), guides=True)


def test_a_curated_statement_must_be_in_its_guide(tmp_path):
    data = json.loads(json.dumps(TINY))
    data["roles"][0]["skills"][0]["stated"] = [{"source": "posting.txt", "cue": "critical"}]
    with pytest.raises(InvalidTaxonomyError, match=r"posting.txt does not say 'critical' near 'Kubernetes'"):
        build_taxonomy([_guide(tmp_path, "Platform Engineer", 1)], curation=_curation(tmp_path, data), guides=True)


def test_a_skill_needs_a_source_or_a_reason(tmp_path):
    data = json.loads(json.dumps(TINY))
    data["skills"].append({"id": "airflow", "name": "Airflow", "type": "tool", "category": "infra",
                           "phase": "basics", "effort_weeks": 2})
    with pytest.raises(InvalidTaxonomyError, match=r"airflow: no document names it and it has no curated_reason"):
        build_taxonomy([_guide(tmp_path, "Platform Engineer", 1)], curation=_curation(tmp_path, data), guides=True)
