"""The context rules (skill_taxonomy/context_rules.yaml): every rule's own examples, the cue
index, rules added as data, and a clear error for a broken rules file."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
import yaml

from gapcheck._context import classify_context, compile_rules, default_rules, rules_firing
from gapcheck._mention import Mention
from gapcheck.errors import InvalidTaxonomyError

RULES_FILE = Path(__file__).resolve().parent.parent / "skill_taxonomy" / "context_rules.yaml"
_BRACKET = re.compile(r"\[([^\]|]+)(?:\|([a-z0-9_]+))?\]")


def _examples():
    for rule in default_rules().rules:
        for kind in ("fire", "keep"):
            for i, ex in enumerate(getattr(rule.spec.examples, kind)):
                yield pytest.param(rule.id, kind, ex, id=f"{rule.id}-{kind}-{i}")


def _mention(example, taxonomy):
    """The example's text without brackets, the bracketed mention and its section."""
    text, section = (example["text"], example.get("section", "experience")) if isinstance(example, dict) else (
        example, "experience")
    m = _BRACKET.search(text)
    assert m, f"an example marks its skill in [brackets]: {text!r}"
    clean = text[: m.start()] + m[1] + text[m.end() :]
    skill = taxonomy.skill_by_id[m[2]] if m[2] else taxonomy.find_skill(m[1])
    assert skill is not None, f"{m[1]!r} is no skill of the taxonomy; name one as [term|skill_id]"
    a = m.start()
    return Mention(skill.id, m[1], a, a + len(m[1]), "exact", 1.0, line=1, section=section, line_text=clean), \
        clean, skill.type


@pytest.mark.parametrize(("rule_id", "kind", "example"), list(_examples()))
def test_rule_examples(rule_id, kind, example, taxonomy):
    mention, text, skill_type = _mention(example, taxonomy)
    firing = rules_firing(mention, text, section=mention.section, skill_type=skill_type)
    if kind == "keep":
        assert rule_id not in firing, f"{rule_id} fires on a sentence it must leave alone"
        return
    assert rule_id in firing, f"{rule_id} does not fire on its own example (fired: {firing})"
    decided = classify_context([mention], text, [mention.section], taxonomy)[0]
    assert decided.rule is not None and (decided.status == "rejected" or decided.hedged)


def test_every_rule_has_a_unique_id_and_examples_of_both_kinds():
    rules = default_rules().rules
    assert len({r.id for r in rules}) == len(rules) >= 30
    assert all(r.spec.examples.fire and r.spec.examples.keep for r in rules)


def test_rules_run_in_category_order():
    order = [r.category for r in default_rules().rules]
    categories = ["negated", "ambiguous", "others_work", "learning", "goal", "interest", "teaching", "hedged"]
    assert order == sorted(order, key=categories.index)


# Words the clause rules are built from, and words that are not. Every string of them that a
# rule marked needs_cue matches must pass the cue scan, or the rule would be skipped there.
_RULE_WORDS = ("no not never without lack lacks lacking zero none don't isn't currently actively now still am i'm "
               "been started learning studying exploring picking up plan plans planning planned to want wants "
               "hope hoping intend aims will learn study enrolled in next year goal is upskilling taking "
               "completing attending doing an a the course class bootcamp certificate mooc hired hiring "
               "recruited sourced placed screened staffed team teams squad agency that ran team's teams' scientists "
               "engineers analysts colleagues group desk vendor contractors partners who whose their his her build "
               "built own owns run ran use used trained by for our another senior junior 3 with and python data of "
               "she he they auditing following working through alongside fp&a seeking looking searching targeting "
               "applying ai / ml working towards toward preparing direct reports my two client's customers' "
               "partner's lab's firm").split()


@pytest.mark.parametrize("seed", range(4))
def test_cue_scan_passes_every_clause_a_cued_rule_matches(seed):
    rs = default_rules()
    cued = [r.before for r in rs.rules if r.needs_cue and r.before is not None]
    rng = random.Random(seed)
    matched = 0
    for _ in range(3000):
        before = " ".join(rng.choice(_RULE_WORDS) for _ in range(rng.randint(1, 6))) + rng.choice(("", " ", ", "))
        if any(rx.search(before) for rx in cued):
            matched += 1
            assert rs.cues.search(before) or (rs.cue_at_end and rs.cue_at_end.search(before)), before
    assert matched > 300  # the strings do exercise the rules


def _data():
    return yaml.safe_load(RULES_FILE.read_text(encoding="utf-8"))


def test_a_rule_added_as_data_works_without_code(taxonomy):
    data = _data()
    data["rules"].append({
        "id": "learning.wishlist", "category": "learning", "description": "A wish list names skills not held yet.",
        "before": r"\bwish\s*list\b", "examples": {"fire": ["Wish list: [Rust]"], "keep": ["Shipped [Rust] code."]}})
    rs = compile_rules(data)
    text = "Wish list: Rust and Go."
    m = Mention("rust", "Rust", 11, 15, "exact", 1.0, line=1, section="other", line_text=text)
    out = classify_context([m], text, ["other"], taxonomy, rules=rs)[0]
    assert (out.status, out.reason, out.rule) == ("rejected", "learning", "learning.wishlist")
    assert classify_context([m], text, ["other"], taxonomy)[0].status == "held"  # not in the shipped rules


@pytest.mark.parametrize(("change", "message"), [
    (lambda d: d["rules"][0].pop("before"), "needs a `before` or an `after`"),
    (lambda d: d["rules"][0].__setitem__("before", "{nowhere}"), "{nowhere} is not in `vocab`"),
    (lambda d: d["rules"][0].__setitem__("before", "(unclosed"), "negated.clause before: not a valid regular"),
    (lambda d: d["rules"].append(dict(d["rules"][0])), "used twice: negated.clause"),
    (lambda d: d["rules"][0].__setitem__("category", "maybe"), "category"),
    (lambda d: d["vocab"].__setitem__("people", "{made_by_people}"), "not in `vocab`"),
])
def test_a_broken_rules_file_gets_a_clear_error(change, message):
    data = _data()
    change(data)
    with pytest.raises(InvalidTaxonomyError, match=re.escape(message)):
        compile_rules(data, "my_rules.yaml")


def test_the_rules_file_reads_the_same_with_and_without_libyaml():
    text = RULES_FILE.read_text(encoding="utf-8")
    fast = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    assert yaml.load(text, Loader=fast) == yaml.load(text, Loader=yaml.SafeLoader)
def test_every_rejected_mention_names_its_rule(analyzed_sample):
    from gapcheck import analyze_text

    text = ("EXPERIENCE\nAnalyst, Acme, 2019 - 2023\n- No experience with Scala; currently learning Docker.\n"
            "- Maintained dashboards built by the BI team in Power BI.\n"
            "INTERESTS\nChess, Python meetups\nSKILLS\nFamiliar with SQL. Go, R\n")
    result = analyze_text(text)
    rules = {r.evidence.term: r.rule for r in result.rejected}
    assert rules["Scala"] == "negated.clause" and rules["Docker"] == "learning.currently"
    assert rules["Power BI"] == "others_work.made_by"
    assert all(r.rule for r in result.rejected)
    for stem in ("nlp_engineer", "cv_scientist", "junior_career_changer"):
        assert all(r.rule for r in analyzed_sample(stem).rejected)




def test_shortcuts_change_no_verdict(monkeypatch, taxonomy):
    """_decide tries only the rules a site's kind lets through (_candidates), and each rule's
    patterns only when the text holds a string they need: on every mention of the sample and
    labelled resumes, exactly the rules fire that fire without the shortcuts."""
    import dataclasses

    from gapcheck import _context
    from gapcheck.pipeline import analyze_text

    rs = default_rules()
    plain = {r.id: dataclasses.replace(r, before_needs=None, after_needs=None) for r in rs.rules}
    assert sum(r.before_needs is not None or r.after_needs is not None for r in rs.rules) >= 20
    sites = []
    decide = _context._decide

    def spy(rules, site):
        sites.append(site)
        return decide(rules, site)

    monkeypatch.setattr(_context, "_decide", spy)
    root = Path(__file__).resolve().parent.parent
    for path in sorted((root / "sample_resumes").glob("*.txt")) + sorted((root / "tests/data/labelled").glob("*.txt")):
        analyze_text(path.read_text(encoding="utf-8"))
    assert len(sites) > 500
    fired = 0
    for site in sites:
        every = [r.id for r in rs.rules if _context._fires(plain[r.id], site)]
        assert [r.id for r in rs.rules if _context._fires(r, site)] == every
        assert [r.id for r in _context._candidates(rs, site) if _context._triggered(r, site)] == every
        fired += bool(every)
    assert fired > 10


def test_a_word_taken_for_no_skill_still_triggers_a_rule():
    # "Teaching" here is no skill (the ambiguity check rejects it), so "Teaching myself" stays a
    # learner's words and Python is not held.
    from datetime import date

    from gapcheck import analyze_text

    text = ("Ana Lima\nEXPERIENCE\nAnalyst, Acme, 2019 - 2024\n- Built dashboards.\n"
            "- Teaching myself Python and NLTK this year.\n")
    result = analyze_text(text, today=date(2026, 11, 23))
    assert {m.id: m.rule for m in result.rejected}.get("python") == "learning.self_study"


def _rule_of(text: str, skill: str) -> str | None:
    from datetime import date

    from gapcheck import analyze_text

    return {m.id: m.rule for m in analyze_text(text, today=date(2026, 11, 23)).rejected}.get(skill)


@pytest.mark.parametrize(("text", "skill", "rule"), [
    # a long line of prose that ends without a stop runs on, whatever the next line starts with
    ("Ana Lima\nEXPERIENCE\nData Engineer, Acme, 2019 - 2024\nWe ran on the company's shared GPU platform; I have "
     "no hands-on\nKubernetes experience and submit jobs through a CLI.\n", "kubernetes", "negated.clause"),
    # a line that begins in lower case continues the one before
    ("Ana Lima\nRESEARCH\nThe research scientists in our lab design\nthe models, including the diffusion models; "
     "I own the data loading.\n", "diffusion_models", "others_work.group_does"),
    # a short line of a narrow column that ends in "and" (or a comma) goes on, whatever the case
    ("Ana Lima\nEXPERIENCE\nHPC Engineer, Acme, 2019 - 2024\n- Build environment modules, including CUDA and\n"
     "  TensorFlow for the researchers who run jobs.\n", "tensorflow", "others_work.installed_for_users"),
])
def test_a_sentence_wrapped_over_lines_is_one_clause(text, skill, rule):
    assert _rule_of(text, skill) == rule


@pytest.mark.parametrize("text", [
    # an entry's dated line, a heading and a bullet start afresh
    "Ana Lima\nEXPERIENCE\nI have never worked with the cloud teams at the company, and so on and so forth\n"
    "Data Engineer, Acme, 2019 - 2024: Kubernetes operators.\n",
    "Ana Lima\nSUMMARY\nI have never worked with the cloud teams at the company, and so on and so forth\n"
    "- Built Kubernetes operators.\n",
])
def test_a_new_entry_or_bullet_is_not_a_wrapped_line(text):
    assert _rule_of(text, "kubernetes") is None


def test_a_soft_skills_word_still_triggers_a_rule():
    # "Teaching" is also the soft skill Teaching: it stays a word for the teaching rules.
    text = "Ana Lima\nTEACHING\nTeaching assistant, Computer Vision 1 (MSc AI), 2024 and 2025\n"
    assert _rule_of(text, "computer_vision") == "teaching.course_named"
