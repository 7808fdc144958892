"""The taxonomy builder (skill_taxonomy/build.py): the shipped copy is current, postings become roles."""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from gapcheck.cli import main
from gapcheck.errors import InvalidTaxonomyError
from gapcheck.taxonomy import load_taxonomy
from skill_taxonomy.build import (
    TITLE_VOTES,
    _inherit_seed_sources,
    build_taxonomy,
    write_fuzzy_model,
    write_taxonomy,
)

HERE = Path(__file__).resolve().parent
POSTINGS = HERE / "fixtures" / "job_postings"
SHIPPED_JSON = files("skill_taxonomy") / "data" / "taxonomy.json"

# posting file -> the role it must feed
EXPECTED_ROLE = {
    "mlops_engineer.txt": "mlops_engineer",
    "nlp_engineer.txt": "nlp_engineer",
    "data_scientist.txt": "data_scientist",
    "computer_vision_engineer.txt": "computer_vision_scientist",
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
    return build_taxonomy([seeds])


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
    assert all(n >= 2 for _, n in seed_build.candidates)


# -- a user's folder of job postings ----------------------------------------------------------


@pytest.fixture(scope="module")
def posting_build(tmp_path_factory):
    out = tmp_path_factory.mktemp("build") / "x.json"
    res = CliRunner().invoke(main, ["taxonomy", "build", str(POSTINGS), "-o", str(out)])
    return res, out


@pytest.fixture(scope="module")
def built(posting_build):
    res, out = posting_build
    assert res.exit_code == 0, res.output
    return load_taxonomy(out)


def _text(name: str) -> str:
    return (POSTINGS / name).read_text(encoding="utf-8")


def test_build_from_postings_succeeds_and_reports(posting_build, built, taxonomy):
    res, out = posting_build
    assert f"wrote {out} and {out}.candidates.txt" in res.output
    assert "new roles from documents: search_relevance_engineer" in res.output
    for name, role in EXPECTED_ROLE.items():
        assert f"{name}: {role}" in res.output
    assert {r.id for r in built.roles} == {r.id for r in taxonomy.roles} | {"search_relevance_engineer"}
    assert {s.id for s in built.skills} == {s.id for s in taxonomy.skills}
    assert built.content_hash != taxonomy.content_hash


@pytest.mark.parametrize("name, role_id", EXPECTED_ROLE.items())
def test_each_posting_feeds_one_role(built, name, role_id):
    assert [r.id for r in built.roles if name in r.sources] == [role_id]
    links = [lk for lk in built.role_by_id[role_id].skills if name in lk.sources]
    assert len(links) >= 5, f"{name}: only {[lk.skill for lk in links]} linked"


def test_new_role_from_a_posting(built):
    role = built.find_role("Search Relevance Engineer")
    assert role.id == "search_relevance_engineer"
    assert role.sources == ["search_relevance_engineer.txt"]
    # Mentioning "our data scientists" once does not make the posting a data scientist's.
    assert "our data scientists" in _text("search_relevance_engineer.txt")
    assert "search_relevance_engineer.txt" not in built.role_by_id["data_scientist"].sources
    skills = {lk.skill: lk for lk in role.skills}
    assert {"lightgbm", "feature_engineering", "vector_databases", "sql"} <= set(skills)
    assert all(not lk.curated and lk.sources == ["search_relevance_engineer.txt"] for lk in role.skills)
    assert any(lk.importance == "essential" for lk in role.skills)
    assert all(0.3 <= lk.weight <= 0.8 for lk in role.skills)


def _count(text: str, term: str) -> int:
    return text.casefold().count(term.casefold())


@pytest.mark.parametrize("role_id, posting, stressed, once", [
    # A new role: every link comes from the posting.
    ("search_relevance_engineer", "search_relevance_engineer.txt", ("lightgbm", "LightGBM"),
     ("vector_databases", "vector search")),
    ("search_relevance_engineer", "search_relevance_engineer.txt", ("feature_engineering", "feature engineering"),
     ("word_embeddings", "embeddings")),
    # An existing role, both links curated "optional" (0.3): the posting decides which weighs more.
    ("mlops_engineer", "mlops_engineer.txt", ("terraform", "Terraform"), ("airflow", "Airflow")),
    # An existing role, both links found in the posting only.
    ("data_scientist", "data_scientist.txt", ("snowflake", "Snowflake"), ("bayesian_methods", "Bayesian")),
])
def test_stressed_skill_weighs_more_than_one_mention(built, taxonomy, role_id, posting, stressed, once):
    text = _text(posting)
    assert _count(text, stressed[1]) >= 2 and _count(text, once[1]) == 1  # what the fixture says
    links = {lk.skill: lk for lk in built.role_by_id[role_id].skills}
    high, low = links[stressed[0]], links[once[0]]
    assert high.weight > low.weight, (high, low)
    # Same starting point, so the difference comes from the posting.
    assert (high.curated, high.importance if high.curated else None) == \
        (low.curated, low.importance if low.curated else None)
    if high.curated:  # the reviewed importance is kept; only the weight moves
        curated = {lk.skill: lk for lk in taxonomy.role_by_id[role_id].skills}
        assert high.importance == curated[stressed[0]].importance and high.weight > curated[stressed[0]].weight


def test_links_and_skills_record_their_documents(built, taxonomy):
    postings = set(EXPECTED_ROLE)
    seeds = {d for s in taxonomy.skills for d in s.sources}
    for role in built.roles:
        for link in role.skills:
            assert set(link.sources) <= postings & set(role.sources), (role.id, link)
            assert link.curated or link.sources
    # Skills the postings name list them; the rest keep the seed guides that name them.
    assert "mlops_engineer.txt" in built.skill_by_id["kubernetes"].sources
    assert set(built.skill_by_id["lightgbm"].sources) >= {"search_relevance_engineer.txt"}
    q_learning = built.skill_by_id["q_learning"]
    assert q_learning.sources and set(q_learning.sources) <= seeds
    assert all(s.sources for s in built.skills)


def test_candidate_terms_are_listed(posting_build, built):
    _, out = posting_build
    lines = Path(f"{out}.candidates.txt").read_text(encoding="utf-8").splitlines()
    pairs = [(int(n), term) for n, term in (line.split("\t") for line in lines)]
    terms = [t for _, t in pairs]
    assert {"NDCG", "CUPED", "Argo Rollouts"} <= set(terms)
    assert all(n >= 2 for n, _ in pairs)
    assert [n for n, _ in pairs] == sorted((n for n, _ in pairs), reverse=True)
    # Known skills and role titles are not candidates.
    assert not [t for t in terms if built.find_skill(t) is not None]
    assert "Terraform" not in terms and "Kubernetes" not in terms and "Search Relevance Engineer" not in terms
    assert "TensorRT" not in terms and "OpenSearch" not in terms  # skills (an alias) since the taxonomy grew


def test_build_refuses_to_overwrite(posting_build):
    _, out = posting_build
    before = out.read_bytes()
    res = CliRunner().invoke(main, ["taxonomy", "build", str(POSTINGS), "-o", str(out)])
    assert res.exit_code == 1 and "already exists; pass --force" in res.output
    assert out.read_bytes() == before


# -- document-to-role rules, on a tiny curation file --------------------------------------------

TINY = {
    "name": "tiny", "version": "0.1.0",
    "phases": [{"id": "basics", "order": 1, "name": "Basics", "weeks": 4}],
    "skills": [
        {"id": sid, "name": name, "type": "tool", "category": "infra", "phase": "basics", "effort_weeks": 2,
         "sources": ["notes.txt"], "curated_reason": "team notes"}
        for sid, name in [("python", "Python"), ("kubernetes", "Kubernetes"), ("terraform", "Terraform")]
    ],
    "roles": [{"id": "platform_engineer", "name": "Platform Engineer", "aliases": ["Platform Engineers"],
               "description": "Runs the platform.", "sources": ["notes.txt"],
               "skills": [{"skill": "kubernetes", "importance": "essential", "weight": 1.0, "curated": True}]}],
}


@pytest.fixture
def tiny(tmp_path):
    path = tmp_path / "curation.yaml"
    path.write_text(yaml.safe_dump(TINY), encoding="utf-8")
    return path


def _posting(tmp_path: Path, first_line: str, mentions: int) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    body = "You will pair with our platform engineers on Terraform.\n" * mentions
    (folder / "posting.txt").write_text(f"{first_line}\n\nWe run Python services on Kubernetes.\n{body}",
                                        encoding="utf-8")
    return folder


@pytest.mark.parametrize("mentions, role_id", [
    (1, "search_relevance_engineer"),
    (TITLE_VOTES, "search_relevance_engineer"),
    (TITLE_VOTES + 1, "platform_engineer"),
])
def test_role_less_title_outvotes_a_few_body_mentions(tmp_path, tiny, mentions, role_id):
    report = build_taxonomy([_posting(tmp_path, "Search Relevance Engineer", mentions)], curation=tiny)
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
    report = build_taxonomy([_posting(tmp_path, first_line, 1)], curation=tiny)
    assert report.doc_roles == {"posting.txt": [role_id]} and report.new_roles == []


def test_custom_curation_requires_a_source_for_every_skill(tmp_path, tiny):
    data = json.loads(json.dumps(TINY))
    data["skills"].append({"id": "airflow", "name": "Airflow", "type": "tool", "category": "infra",
                           "phase": "basics", "effort_weeks": 2, "sources": []})
    tiny.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(InvalidTaxonomyError, match=r"1 skills have no source: airflow; add `sources`"):
        build_taxonomy([_posting(tmp_path, "Platform Engineer", 1)], curation=tiny)


def test_seed_sources_are_inherited_only_outside_a_seed_rebuild(taxonomy):
    seed = taxonomy.skill_by_id["q_learning"].sources[0]
    for docs, expected in [({"posting.txt"}, taxonomy.skill_by_id["q_learning"].sources),
                           ({"posting.txt", seed}, [])]:
        skills = [{"id": "q_learning", "sources": []}, {"id": "python", "sources": ["posting.txt"]}]
        _inherit_seed_sources(skills, docs)
        assert skills[0]["sources"] == expected
        assert skills[1]["sources"] == ["posting.txt"]
