"""The shipped taxonomy's content, and what broken taxonomy files are told (gapcheck/taxonomy.py)."""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable
from graphlib import CycleError, TopologicalSorter
from importlib.resources import files
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from gapcheck.cli import main
from gapcheck.errors import InvalidTaxonomyError, UnknownRoleError
from gapcheck.taxonomy import Taxonomy, _find_cycle, load_taxonomy

# Seed guides are stored as NNN_<16 hex digits>.txt; sources record the bare file name.
SEED_NAME = re.compile(r"^\d{3}_[0-9a-f]{16}\.txt$")
SHIPPED_JSON = files("skill_taxonomy") / "data" / "taxonomy.json"


@pytest.fixture(scope="module")
def seed_names(seeds_dir: Path) -> set[str] | None:
    """The seed guides' file names; None without them (sources are then checked by their form only)."""
    return {p.name for p in seeds_dir.iterdir()} if seeds_dir.is_dir() else None


@pytest.fixture(scope="module")
def shipped_data(taxonomy) -> dict[str, Any]:
    return taxonomy.model_dump(mode="json")


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    return CliRunner()


def _check_source(name: str, seed_names: set[str] | None) -> None:
    assert Path(name).name == name, f"{name!r}: sources record file names, not paths"
    assert SEED_NAME.match(name), f"{name!r} is not a seed document name"
    if seed_names is not None:
        assert name in seed_names, f"{name!r} is not one of the seed guides"


# -- the shipped taxonomy ---------------------------------------------------------------------


def test_shipped_file_validates_through_the_file_path_too(taxonomy):
    from_file = load_taxonomy(Path(str(SHIPPED_JSON)))
    assert from_file.content_hash == taxonomy.content_hash
    assert from_file.name == "gapcheck-ml-careers"


def test_size_and_phases(taxonomy):
    assert len(taxonomy.skills) >= 150
    assert len(taxonomy.phases) >= 4
    assert sorted(p.order for p in taxonomy.phases) == list(range(1, len(taxonomy.phases) + 1))
    assert len(taxonomy.skill_by_id) == len(taxonomy.skills)
    # Every learning phase is used by some skill, so a learning plan can fill each of them; the
    # job-search phase comes last and holds the job-search steps instead.
    learning = {p.id for p in taxonomy.phases if p.kind == "skills"}
    assert {s.phase for s in taxonomy.skills} == learning
    search = [p for p in taxonomy.phases if p.kind == "job_search"]
    assert len(search) == 1 and search[0].order == len(taxonomy.phases)
    assert taxonomy.job_search


def test_every_source_is_a_seed_document_name(taxonomy, seed_names):
    for skill in taxonomy.skills:
        # A skill no guide names carries the reason it is in the list instead.
        assert skill.sources or skill.curated_reason, f"skill {skill.id!r} has neither a source nor a reason"
        for name in [*skill.sources, *([skill.reason_source] if skill.reason_source else [])]:
            _check_source(name, seed_names)
    for part in [*taxonomy.phases, *taxonomy.job_search]:
        for name in part.sources:
            _check_source(name, seed_names)
    for role in taxonomy.roles:
        assert role.sources, f"role {role.id!r} has no source"
        names = [*role.sources, *(n for link in role.skills for n in link.sources),
                 *(st.source for link in role.skills for st in link.stated),
                 *(n for band in role.pay for n in band.sources),
                 *(n for project in role.projects for n in project.sources),
                 *(step.source for step in role.ladder if step.source),
                 *(n for step in role.ladder if step.salary for n in step.salary.sources)]
        for name in names:
            _check_source(name, seed_names)


CAREERS = ["ml_engineer", "data_scientist", "nlp_engineer", "computer_vision_scientist", "rl_researcher",
           "mlops_engineer", "ai_research_scientist", "quant_ml_analyst", "healthcare_ml_specialist"]


def test_roles_are_the_nine_careers_and_the_research_roles(taxonomy):
    assert {r.id for r in taxonomy.roles} == {*CAREERS, "ml_scientist", "ml_researcher"}


@pytest.mark.parametrize("name, role_id", [
    ("ML Engineer", "ml_engineer"),
    ("data scientist", "data_scientist"),
    ("NLP Engineer", "nlp_engineer"),
    ("Computer Vision Scientist", "computer_vision_scientist"),
    ("RL Researcher", "rl_researcher"),
    ("MLOps Engineer", "mlops_engineer"),
    ("AI Research Scientist", "ai_research_scientist"),
    ("Quant ML Analyst", "quant_ml_analyst"),
    ("Healthcare ML Specialist", "healthcare_ml_specialist"),
    ("Research Scientist", "ai_research_scientist"),
    ("ML Scientist", "ml_scientist"),
    ("ML Researcher", "ml_researcher"),
    ("  machine learning researcher ", "ml_researcher"),
])
def test_find_role_by_everyday_name(taxonomy, name, role_id):
    assert taxonomy.find_role(name).id == role_id


def test_unknown_role_suggests_the_closest(taxonomy):
    with pytest.raises(UnknownRoleError, match=r"Did you mean 'mlops_engineer'\?.*gapcheck taxonomy roles"):
        taxonomy.find_role("MLOps Enginer")


def test_every_link_records_the_documents_behind_it(taxonomy):
    backed = 0
    for role in taxonomy.roles:
        assert any(link.sources for link in role.skills), f"role {role.id!r}: no link is backed by a document"
        for link in role.skills:
            skill = taxonomy.skill_by_id[link.skill]
            # A link the builder found (not curated) exists only because documents name the skill.
            assert link.curated or link.sources, f"{role.id}/{link.skill}: found link without sources"
            assert set(link.sources) <= set(role.sources), f"{role.id}/{link.skill}: source outside the role"
            assert set(link.sources) <= set(skill.sources), f"{role.id}/{link.skill}: source not naming the skill"
            backed += bool(link.sources)
    assert backed >= sum(len(r.skills) for r in taxonomy.roles) // 2


def test_skill_sources_really_name_the_skill(taxonomy, seeds):
    def flat(text: str) -> str:
        return re.sub(r"[\s\-\u2010-\u2015]+", " ", text.casefold())

    texts = {p.name: flat(p.read_text(encoding="utf-8")) for p in seeds.iterdir()}
    for skill in taxonomy.skills:
        # Sources are only the guides that name the skill; a curated reason is kept apart.
        terms = [skill.name, *skill.aliases, *(a.term for a in skill.ambiguous_aliases)]
        for name in skill.sources:
            assert (any(flat(t) in texts[name] for t in terms)
                    or any(re.search(p, texts[name]) for p in (*skill.patterns, *skill.plain_patterns))), \
                f"{name} never names skill {skill.id!r}"


def test_prerequisites_and_broader_are_acyclic(taxonomy):
    for field in ("prerequisites", "broader"):
        graph = {s.id: getattr(s, field) for s in taxonomy.skills}
        try:
            order = list(TopologicalSorter(graph).static_order())
        except CycleError as exc:  # pragma: no cover - the failure message
            pytest.fail(f"{field} form a cycle: {exc.args[1]}")
        assert set(order) == set(graph)


@pytest.mark.parametrize("graph, cycle", [
    ({"a": ["b"], "b": ["c"], "c": []}, None),
    ({"a": ["a"]}, ["a", "a"]),
    ({"a": ["b"], "b": ["c"], "c": ["a"]}, ["a", "b", "c", "a"]),
    ({"x": [], "a": ["b"], "b": ["x", "c"], "c": ["b"]}, ["b", "c", "b"]),
])
def test_find_cycle(graph, cycle):
    assert _find_cycle(graph) == cycle


@pytest.mark.parametrize("skill_id", ["communication", "collaboration", "problem_solving", "critical_thinking",
                                      "leadership", "mentoring", "storytelling", "stakeholder_management"])
def test_soft_skills_are_typed_soft(taxonomy, skill_id):
    assert taxonomy.skill_by_id[skill_id].type == "soft"


def test_soft_skills_have_their_own_category(taxonomy):
    categories = {s.category for s in taxonomy.skills if s.type == "soft"}
    assert len(categories) == 1
    assert all(s.type == "soft" for s in taxonomy.skills if s.category in categories)


@pytest.mark.parametrize("term, skill_id, anti_cue", [
    ("R", "r_language", None),
    ("C", "c_language", None),
    ("Go", "go_language", "ready"),
    ("Julia", "julia_language", None),
    ("Spark", "apache_spark", "curiosity"),
    ("Ray", "ray", None),
    ("Excel", "excel", None),
    ("CV", "computer_vision", "curriculum"),
])
def test_ambiguous_terms_carry_context_cues(taxonomy, term, skill_id, anti_cue):
    skill = taxonomy.skill_by_id[skill_id]
    rules = [a for a in skill.ambiguous_aliases if a.term == term]
    if not rules:
        # The skill-wide rule covers the name and aliases that are a word of the name.
        assert term.casefold() in {w.casefold() for w in skill.name.split()} or term in skill.aliases
        rules = [skill.ambiguous] if skill.ambiguous else []
    assert rules, f"{term!r} ({skill_id}) has no ambiguity rule"
    rule = rules[0]
    assert rule.cues and all(c == c.strip() and c for c in rule.cues)
    if len(term) <= 2:
        assert rule.case_sensitive, f"{term!r} must only match in capitals"
    if anti_cue:
        assert anti_cue in rule.anti_cues


def test_lookups(taxonomy):
    assert taxonomy.find_skill(" SKLEARN ").id == "scikit_learn"
    assert taxonomy.find_skill("no such skill") is None
    assert taxonomy.ancestors("python")[0] == "programming"


# -- version and content hash -----------------------------------------------------------------


def test_version_and_hash(taxonomy, shipped_data):
    assert re.fullmatch(r"\d+\.\d+\.\d+", taxonomy.version)
    assert re.fullmatch(r"[0-9a-f]{16}", taxonomy.content_hash)
    # The hash depends on content, not on the order of keys in the file.
    reordered = {k: shipped_data[k] for k in reversed(list(shipped_data))}
    assert Taxonomy.model_validate(reordered).content_hash == taxonomy.content_hash


def _bump_version(d):
    d["version"] = "1.0.1"


def _reweigh(d):
    d["roles"][0]["skills"][0]["weight"] = round(1.0 - d["roles"][0]["skills"][0]["weight"] / 2, 3)


def _add_alias(d):
    d["skills"][0]["aliases"].append("general programming")


def _drop_role(d):
    dropped = d["roles"].pop()["id"]
    for role in d["roles"]:
        role["related"] = [r for r in role["related"] if r != dropped]


@pytest.mark.parametrize("change", [_bump_version, _reweigh, _add_alias, _drop_role])
def test_hash_changes_with_content(taxonomy, shipped_data, change):
    data = copy.deepcopy(shipped_data)
    change(data)
    assert Taxonomy.model_validate(data).content_hash != taxonomy.content_hash


def test_model_copy_with_update_gets_a_new_hash_and_lookups(taxonomy):
    assert taxonomy.content_hash and taxonomy.skill_by_id  # cache them on the original
    smaller = taxonomy.model_copy(update={"version": "9.9.9", "roles": taxonomy.roles[:2]})
    assert smaller.content_hash != taxonomy.content_hash
    assert set(smaller.role_by_id) == {r.id for r in taxonomy.roles[:2]}
    assert taxonomy.model_copy().content_hash == taxonomy.content_hash


def test_yaml_file_gives_the_same_taxonomy(tmp_path, taxonomy, shipped_data):
    path = tmp_path / "taxonomy.yaml"
    path.write_text(yaml.safe_dump(shipped_data, allow_unicode=True), encoding="utf-8")
    assert load_taxonomy(path).content_hash == taxonomy.content_hash


def test_cli_validate_prints_version_and_hash(runner, taxonomy):
    res = runner.invoke(main, ["taxonomy", "validate", str(SHIPPED_JSON)])
    assert res.exit_code == 0, res.output
    assert taxonomy.version in res.output and taxonomy.content_hash in res.output
    assert f"{len(taxonomy.skills)} skills" in res.output


# -- broken taxonomy files --------------------------------------------------------------------


def _skill(d, skill_id):
    return next(s for s in d["skills"] if s["id"] == skill_id)


def _role(d, role_id):
    return next(r for r in d["roles"] if r["id"] == role_id)


def _link(d, role_id, skill_id):
    return next(lk for lk in _role(d, role_id)["skills"] if lk["skill"] == skill_id)


Mutation = Callable[[dict[str, Any]], None]
# (case, mutation, fragments the message must contain: the entry and the fix)
BROKEN: list[tuple[str, Mutation, list[str]]] = [
    ("unknown_prerequisite",
     lambda d: _skill(d, "pytorch")["prerequisites"].append("deep_lerning"),
     ["skill 'pytorch' prerequisites", "unknown skill 'deep_lerning'", "Did you mean 'deep_learning'?"]),
    ("unknown_broader",
     lambda d: _skill(d, "keras")["broader"].append("tensorflw"),
     ["skill 'keras' broader", "unknown skill 'tensorflw'", "Did you mean 'tensorflow'?"]),
    ("unknown_phase",
     lambda d: _skill(d, "python").update(phase="foundation"),
     ["skill 'python'", "unknown phase 'foundation'", "Did you mean 'foundations'?"]),
    ("unknown_related_role",
     lambda d: _role(d, "ml_engineer")["related"].append("data_scientst"),
     ["role 'ml_engineer' related", "unknown role 'data_scientst'", "Did you mean 'data_scientist'?"]),
    ("duplicate_skill_alias",
     lambda d: _skill(d, "pandas")["aliases"].append("SKLearn"),
     ["alias", "sklearn", "'pandas'", "'scikit_learn'", "remove it from one of them"]),
    ("alias_equals_other_skill_name",
     lambda d: _skill(d, "pytorch")["aliases"].append("TensorFlow"),
     ["'tensorflow'", "'pytorch'", "remove it from one of them"]),
    ("duplicate_role_alias",
     lambda d: _role(d, "ml_scientist")["aliases"].append("NLP Engineer"),
     ["role 'ml_scientist'", "alias 'NLP Engineer' is also used by role 'nlp_engineer'", "remove it"]),
    ("duplicate_skill_id",
     lambda d: d["skills"].append(copy.deepcopy(_skill(d, "docker")) | {"name": "Docker2", "aliases": []}),
     ["skill 'docker'", "id is used more than once", "must be unique"]),
    ("duplicate_role_id",
     lambda d: d["roles"].append(copy.deepcopy(_role(d, "ml_engineer")) | {"name": "ML Eng", "aliases": []}),
     ["role 'ml_engineer'", "id is used more than once", "must be unique"]),
    ("duplicate_phase_id",
     lambda d: d["phases"].append(copy.deepcopy(d["phases"][0]) | {"order": 9}),
     ["phase 'foundations'", "id is used more than once"]),
    ("link_listed_twice",
     lambda d: _role(d, "mlops_engineer")["skills"].append(copy.deepcopy(_link(d, "mlops_engineer", "docker"))),
     ["roles['mlops_engineer'].skills", "skill 'docker' is listed twice; keep one link"]),
    ("weight_above_one",
     lambda d: _link(d, "mlops_engineer", "kubernetes").update(weight=1.5),
     ["roles['mlops_engineer'].skills['kubernetes'].weight", "less than or equal to 1"]),
    ("weight_negative",
     lambda d: _link(d, "data_scientist", "sql").update(weight=-0.2),
     ["roles['data_scientist'].skills['sql'].weight", "greater than or equal to 0"]),
    ("bad_importance",
     lambda d: _link(d, "data_scientist", "sql").update(importance="critical"),
     ["roles['data_scientist'].skills['sql'].importance", "'essential', 'important' or 'optional'"]),
    ("effort_out_of_range",
     lambda d: _skill(d, "python").update(effort_weeks=0),
     ["skills['python'].effort_weeks", "greater than or equal to 0.5"]),
    ("bad_skill_type",
     lambda d: _skill(d, "python").update(type="language"),
     ["skills['python'].type", "'technical'", "'soft'"]),
    ("misspelt_field",
     lambda d: _skill(d, "python").update(prerequisits=[]),
     ["skills['python'].prerequisits", "unknown field", "Did you mean 'prerequisites'?"]),
    ("missing_field",
     lambda d: _skill(d, "sql").pop("category"),
     ["skills['sql'].category", "Field required"]),
    ("ambiguity_without_cues",
     lambda d: _skill(d, "r_language")["ambiguous"].update(cues=[]),
     ["skills['r_language'].ambiguous.cues", "at least 1 item"]),
    ("pattern_not_a_regex",
     lambda d: _skill(d, "leadership")["patterns"].append(r"\bled (a team"),
     ["skills['leadership'].patterns", "not a valid regular expression"]),
    ("pattern_matches_nothing_at_all",
     lambda d: _skill(d, "leadership")["patterns"].append(r"(?:team)?"),
     ["skills['leadership'].patterns", "can match empty text"]),
    ("pattern_zero_width",
     lambda d: _skill(d, "leadership")["patterns"].append(r"\b"),
     ["skills['leadership'].patterns", "can match empty text"]),
    ("pattern_with_capitals",
     lambda d: _skill(d, "leadership")["patterns"].append(r"\bLed\s+\S+ team"),
     ["skills['leadership'].patterns", "upper-case letters"]),
]


def _cycle_edge(d):
    # python -> ... -> deep_learning already holds through the phases; close the loop.
    _skill(d, "python")["prerequisites"].append("deep_learning")


@pytest.fixture
def write_broken(tmp_path, shipped_data):
    def write(case: str, mutate: Mutation) -> Path:
        data = copy.deepcopy(shipped_data)
        mutate(data)
        path = tmp_path / f"broken_{case}.json"
        path.write_text(json.dumps(data, indent=1), encoding="utf-8")
        return path

    return write


def _assert_cli_fails(runner, path: Path, fragments: list[str]) -> str:
    res = runner.invoke(main, ["taxonomy", "validate", str(path)])
    assert res.exit_code == 1, res.output
    assert isinstance(res.exception, SystemExit), res.exception  # a message, not a crash
    assert "Traceback" not in res.output
    assert res.output.startswith("Error: ") and str(path) in res.output
    for fragment in fragments:
        assert fragment in res.output
    return res.output


@pytest.mark.parametrize("case, mutate, fragments", BROKEN, ids=[c[0] for c in BROKEN])
def test_broken_file_names_file_entry_and_fix(runner, write_broken, case, mutate, fragments):
    path = write_broken(case, mutate)
    with pytest.raises(InvalidTaxonomyError) as info:
        load_taxonomy(path)
    message = str(info.value)
    assert message.startswith(f"{path}: invalid taxonomy")
    missing = [f for f in fragments if f not in message]
    assert not missing, f"{missing} not in:\n{message}"
    _assert_cli_fails(runner, path, fragments)


def test_prerequisite_cycle_is_printed(runner, write_broken):
    path = write_broken("cycle", _cycle_edge)
    with pytest.raises(InvalidTaxonomyError, match="prerequisites form a cycle: ") as info:
        load_taxonomy(path)
    line = next(x for x in str(info.value).splitlines() if "form a cycle" in x)
    assert line.rstrip().endswith("; break one link.")
    cycle = line.split("cycle: ", 1)[1].split(";")[0].split(" -> ")
    data = json.loads(path.read_text(encoding="utf-8"))
    prereqs = {s["id"]: s["prerequisites"] for s in data["skills"]}
    # The printed path is a real cycle of the file, through the edge that was added.
    assert cycle[0] == cycle[-1] and len(cycle) >= 3
    assert all(b in prereqs[a] for a, b in pairwise(cycle))
    assert ("python", "deep_learning") in set(pairwise(cycle))
    _assert_cli_fails(runner, path, [" -> ".join(cycle)])


def test_self_prerequisite_is_a_cycle(write_broken):
    path = write_broken("self", lambda d: _skill(d, "sql")["prerequisites"].append("sql"))
    with pytest.raises(InvalidTaxonomyError, match="cycle: sql -> sql; break one link"):
        load_taxonomy(path)


def test_every_problem_is_listed_not_only_the_first(write_broken):
    def two_problems(d):
        _skill(d, "python").update(phase="foundation")
        _link(d, "mlops_engineer", "kubernetes").update(skill="kubernets")

    path = write_broken("two", two_problems)
    with pytest.raises(InvalidTaxonomyError) as info:
        load_taxonomy(path)
    assert "unknown phase 'foundation'" in str(info.value)
    assert "Did you mean 'kubernetes'?" in str(info.value)


@pytest.mark.parametrize("name, text, fragments", [
    ("truncated.json", None, ["not valid JSON (line ", "fix the syntax"]),
    ("trailing_comma.json", '{"name": "x", "version": "1",}', ["not valid JSON (line 1, column 30", "fix the syntax"]),
    ("flow.yaml", "name: x\nskills: [a, b\n  - c: d\n", ["not valid YAML", "line 3", "fix the syntax"]),
    ("tabs.yml", "name: x\n\tversion: 1\n", ["not valid YAML", "fix the syntax"]),
    ("list.yaml", "- name: x\n- version: 1\n", ["expected a mapping", "got a list"]),
    ("empty.yaml", "", ["expected a mapping", "got an empty file"]),
    ("string.json", '"gapcheck"', ["expected a mapping", "got a str"]),
])
def test_malformed_file(runner, tmp_path, shipped_data, name, text, fragments):
    path = tmp_path / name
    path.write_text(json.dumps(shipped_data)[:-500] if text is None else text, encoding="utf-8")
    with pytest.raises(InvalidTaxonomyError) as info:
        load_taxonomy(path)
    assert str(info.value).startswith(f"{path}: ")
    assert all(f in str(info.value) for f in fragments), str(info.value)
    _assert_cli_fails(runner, path, fragments)


def _small(data: dict[str, Any], role_id: str, keep: set[str]) -> dict[str, Any]:
    """One role and the skills ``keep`` needs (prerequisites, broader): a quick file to parse."""
    by_id = {s["id"]: s for s in data["skills"]}
    todo, ids = list(keep), set()
    while todo:
        sid = todo.pop()
        if sid not in ids:
            ids.add(sid)
            todo += by_id[sid]["prerequisites"] + by_id[sid]["broader"]
    role = copy.deepcopy(_role(data, role_id)) | {"related": []}
    role["skills"] = [lk for lk in role["skills"] if lk["skill"] in ids]
    skills = [copy.deepcopy(s) for s in data["skills"] if s["id"] in ids]
    cats = {s["category"] for s in skills}
    return data | {"skills": skills, "roles": [role],
                   **{k: [c for c in data[k] if c in cats] for k in ("generic_categories", "language_categories")},
                   **{k: [s for s in data[k] if s in ids] for k in ("application_skills", "area_skills")}}


def test_broken_yaml_content_names_the_yaml_file(runner, tmp_path, shipped_data):
    data = _small(shipped_data, "nlp_engineer", {"spacy", "nlp", "pytorch"})
    assert len(data["roles"][0]["skills"]) >= 3
    Taxonomy.model_validate(data)  # valid before the change below
    _link(data, "nlp_engineer", "spacy")["skill"] = "spacyy"
    path = tmp_path / "mine.yml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    _assert_cli_fails(runner, path, ["role 'nlp_engineer'", "unknown skill 'spacyy'", "Did you mean 'spacy'?"])


def test_missing_file(runner, tmp_path):
    path = tmp_path / "nowhere.json"
    with pytest.raises(InvalidTaxonomyError, match="taxonomy file not found; check the path"):
        load_taxonomy(path)
    _assert_cli_fails(runner, path, ["not found"])


def test_category_lists_name_categories_of_the_taxonomy(shipped_data):
    data = copy.deepcopy(shipped_data)
    data["generic_categories"].append("databse")
    with pytest.raises(ValueError, match="generic_categories: unknown category 'databse'. Did you mean 'databases'"):
        Taxonomy.model_validate(data)


@pytest.mark.parametrize("trade, problem", [
    ("technical (writer", "is no regular expression"),
    ("(?i)technical writer", "is no regular expression"),  # a flag inside the joined pattern
    ("writer|", "matches an empty title"),  # would make every job a trade's
])
def test_a_trade_must_be_a_regular_expression_that_names_one(shipped_data, trade, problem):
    data = copy.deepcopy(shipped_data)
    data["trades"].append(trade)
    with pytest.raises(ValueError, match=re.escape(f"trades: {trade!r} {problem}")):
        Taxonomy.model_validate(data)


def test_a_taxonomy_without_category_lists_treats_every_category_as_its_field(shipped_data):
    data = {k: v for k, v in shipped_data.items() if k not in ("generic_categories", "language_categories")}
    tax = Taxonomy.model_validate(data)
    assert tax.generic_categories == [] and tax.first_phase == "foundations"


def test_an_other_sense_phrase_must_hold_its_term():
    from pydantic import ValidationError

    from gapcheck.taxonomy import OtherSense

    assert OtherSense(term="clustering", sense="s", phrase="galaxy clustering").phrase == "galaxy clustering"
    with pytest.raises(ValidationError, match="does not hold its term"):
        OtherSense(term="clustering", sense="s", phrase="galaxy surveys")
