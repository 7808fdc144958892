"""Stage 3: skill mentions, their context, fuzzy matching, dates, implied skills, the spaCy component."""

from __future__ import annotations

import functools

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

import gapcheck._matcher as _matcher
import gapcheck._nlp as _nlp
import gapcheck._text as _text
import gapcheck.extract as extract
import gapcheck.profile as profile
from gapcheck import analyze_text
from gapcheck._matcher import FUZZY_THRESHOLD
from gapcheck.extract import (
    build_profile,
    date_ranges,
    find_mentions,
    hyphenated,
    spelling_variants,
)
from gapcheck.normalise import split_sections


@pytest.fixture(scope="module")
def mentions(taxonomy, nlp):
    def run(text: str, *, fuzzy: bool = True):
        return find_mentions(split_sections(text), taxonomy, nlp, fuzzy=fuzzy)

    return run


def _of(found, skill_id):
    hits = [m for m in found if m.skill_id == skill_id]
    assert hits, f"{skill_id} not mentioned at all in {[m.skill_id for m in found]}"
    return hits[0]


# -- context ---------------------------------------------------------------------------------

# (text, skill id, status, reason)
CONTEXT = [
    ("No experience with Java.", "java", "rejected", "negated"),
    ("I have never used Scala in production.", "scala", "rejected", "negated"),
    ("Used PyTorch daily; never touched Java.", "java", "rejected", "negated"),
    ("Used PyTorch daily; never touched Java.", "pytorch", "held", None),
    ("Currently learning Kubernetes.", "kubernetes", "rejected", "learning"),
    ("I plan to study Scala next year.", "scala", "rejected", "learning"),
    ("Enrolled in an evening Terraform class.", "terraform", "rejected", "learning"),
    ("Hired engineers skilled in PyTorch.", "pytorch", "rejected", "others_work"),
    ("Recruited data scientists with SQL and Tableau experience.", "tableau", "rejected", "others_work"),
    ("Built models in PyTorch.", "pytorch", "held", None),
    # "machine learning" right before Docker must not read as "learning Docker".
    ("Applied machine learning, Docker and SQL daily.", "docker", "held", None),
    ("INTERESTS\nReading about Kubernetes, chess", "kubernetes", "rejected", "interest"),
    ("Hoping to move from games into robotics.", "robotics", "rejected", "learning"),
    # EMR is also Amazon EMR.
    ("Cloud: AWS (S3, EMR, SageMaker)", "ehr_data", "rejected", "ambiguous"),
    ("Extracted notes from the Epic EMR for 30k patients.", "ehr_data", "held", None),
    ("Briefed the agency's data science team, who built a churn model.", "data_science", "rejected", "others_work"),
    ("Defined profiles for machine learning researchers.", "machine_learning", "rejected", "others_work"),
    ("Built a feature store for our data scientists.", "feature_stores", "held", None),
    ("Joined the data science team in 2021 and built churn models.", "data_science", "held", None),
    # A top-level field naming a group of listed skills is a label, not a claim ...
    ("SKILLS\nMaths: linear algebra, probability, optimisation", "mathematics", "rejected", "category_label"),
    ("SKILLS\nML: PyTorch, deep learning, ONNX Runtime", "machine_learning", "rejected", "category_label"),
    ("## Skills\n| Area | Tools |\n|---|---|\n| ML | PyTorch, scikit-learn |", "machine_learning", "rejected",
     "category_label"),
    ("Excel and SQL reporting for the finance team.", "excel", "held", None),
    # ... but a narrower field, a language or a field with nothing under it keeps its claim.
    ("SKILLS\nStatistics: hypothesis testing, Bayesian inference", "statistics", "held", None),
    ("SKILLS\nPython: pandas, NumPy, scikit-learn", "python", "held", None),
    ("SKILLS\nMachine learning: a broad interest since school", "machine_learning", "held", None),
]


@pytest.mark.parametrize(("text", "skill", "status", "reason"), CONTEXT)
def test_context_rules(mentions, text, skill, status, reason):
    m = _of(mentions(text), skill)
    assert (m.status, m.reason) == (status, reason)


@pytest.mark.parametrize("name", sorted({c[1] for c in CONTEXT} | {"r_language", "go_language", "excel"}))
def test_context_skills_exist_in_the_taxonomy(taxonomy, name):
    assert taxonomy.find_skill(name) is not None


@pytest.mark.parametrize(("text", "hedged"), [
    ("Familiar with TensorFlow.", True),
    ("Some exposure to TensorFlow at university.", True),
    ("Basic knowledge of TensorFlow", True),
    ("Shipped TensorFlow models to production.", False),
    ("Python, TensorFlow (basic), SQL", True),
    ("Keras, TensorFlow ( rusty ), SQL", True),
    ("TensorFlow (2019-2023), SQL", False),
    ("Python (basic), TensorFlow, SQL", False),  # the level belongs to Python
    ("Learnt basic TensorFlow to retrain one model.", True),
    ("Built a basic demo, then moved it to TensorFlow.", False),  # "basic" is the demo's
    ("Dabbled in TensorFlow for a side project.", True),
    ("Tinkered with TensorFlow on a Raspberry Pi.", True),
    ("Keras, TensorFlow (never used in production, only in a home lab), SQL", True),
    ("Keras, TensorFlow (home lab), SQL", True),
])
def test_hedged_mentions(mentions, text, hedged):
    m = _of(mentions(text), "tensorflow")
    assert m.status == "held" and m.hedged is hedged


def test_hedged_skill_has_basic_proficiency(today):
    result = analyze_text("Jane Doe\nSKILLS\nPython, SQL\nFamiliar with TensorFlow", today=today)
    prof = {s.id: s.proficiency for s in result.skills}
    assert prof["tensorflow"] == "basic"
    assert prof["python"] == "listed"


def test_rejected_mentions_are_reported_not_held(today):
    text = ("EXPERIENCE\nAnalyst, 2019 - 2024\n- Built SQL reports.\n- No experience with Java.\n"
            "- Currently learning Kubernetes.")
    result = analyze_text(text, today=today)
    held = {s.id for s in result.skills}
    assert "sql" in held and "java" not in held and "kubernetes" not in held
    assert {(r.id, r.reason) for r in result.rejected} >= {("java", "negated"), ("kubernetes", "learning")}
    java = next(r for r in result.rejected if r.id == "java")
    assert java.evidence.text == "No experience with Java." and java.evidence.section == "experience"


@pytest.mark.parametrize(("text", "skill"), [
    ("SKILLS\nNo Java\nPython, SQL", "python"),
    ("SKILLS\nCurrently learning Docker\nPython, SQL", "sql"),
    ("EXPERIENCE\nHired a team of four\nBuilt PyTorch models", "pytorch"),
    ("SUMMARY\nData scientist who wants to grow\nEXPERIENCE\nBuilt PyTorch models", "pytorch"),
])
def test_context_stops_at_the_end_of_the_line(mentions, text, skill):
    m = _of(mentions(text), skill)
    assert (m.status, m.reason) == ("held", None)


def test_hedge_on_one_line_does_not_weaken_the_whole_resume(today):
    text = ("SUMMARY\nFamiliar with TensorFlow.\nEXPERIENCE\nML Engineer, Acme, 2019 - 2024\n"
            "- Built PyTorch models and Docker images.")
    prof = {s.id: s.proficiency for s in analyze_text(text, today=today).skills}
    assert prof["tensorflow"] == "basic"
    assert prof["pytorch"] == "strong" and prof["docker"] == "strong"


# (text, skill id, held?)
AMBIGUOUS = [
    ("Built statistical models in R and Python.", "r_language", True),
    ("Analysed survey data in R with tidyverse and ggplot2.", "r_language", True),
    ("Grade: R", "r_language", False),
    ("Co-authored with R. Smith and T. Jones.", "r_language", False),
    ("Wrote backend microservices in Go.", "go_language", True),
    ("Languages: Python, Go, SQL", "go_language", True),
    ("I was the go-to person for incidents.", "go_language", False),
    ("Go-to person for release questions.", "go_language", False),
    ("Ready to Go live next week.", "go_language", False),
    ("Built CV models for image segmentation.", "computer_vision", True),
    ("CV available on request.", "computer_vision", False),
    ("See my full CV attached.", "computer_vision", False),
    ("Processed data with Spark on a Hadoop cluster.", "apache_spark", True),
    ("Things that spark joy.", "apache_spark", False),
    ("Built pivot tables in Excel spreadsheets.", "excel", True),
    ("Excel at explaining ideas to customers.", "excel", False),
    ("I excel at explaining ideas to customers.", "excel", False),
    ("Wrote SQL queries against the asset database.", "databases", False),  # a thing, not the skill
    ("Database design and tuning for PostgreSQL.", "databases", True),
]


@pytest.mark.parametrize(("text", "skill", "held"), AMBIGUOUS)
def test_ambiguous_words(mentions, text, skill, held):
    found = mentions(text)
    held_ids = {m.skill_id for m in found if m.status == "held"}
    assert (skill in held_ids) is held
    if not held:
        assert all(m.reason == "ambiguous" for m in found if m.skill_id == skill)


@pytest.mark.parametrize(("alias", "skill"), [("RStudio", "r_language"), ("Golang", "go_language")])
def test_unambiguous_alias_of_an_ambiguous_skill_is_held(mentions, alias, skill):
    m = _of(mentions(f"SKILLS\nTools: Git, Jupyter, {alias}, Tableau"), skill)
    assert m.status == "held"


def test_go_service_is_the_language(mentions):
    assert _of(mentions("Wrote the telemetry service in Go."), "go_language").status == "held"


def test_negation_in_a_paper_title_does_not_reject(mentions):
    text = ('EXPERIENCE\nResearch scientist, 2020 - 2024: computer vision models for robots.\n'
            'PUBLICATIONS\nLee, A. "Learning Without Labels for Computer Vision." CVPR 2023.')
    assert all(m.status == "held" for m in mentions(text) if m.skill_id == "computer_vision")


def test_a_skill_named_only_in_paper_titles_is_not_held(mentions):
    text = ('EXPERIENCE\nResearch scientist, 2020 - 2024: models for robots in PyTorch.\n'
            'PUBLICATIONS\nLee, A. "Graph Neural Networks for Grasping." CoRL 2023.')
    gnn = _of(mentions(text), "graph_neural_networks")
    assert (gnn.status, gnn.reason, gnn.rule) == ("rejected", "publication_title", "placement.publication_title")


@pytest.mark.parametrize(("text", "held"), [
    ("EXPERIENCE\nDance captain, 2019 - 2024: led the ensemble through a 40-date tour.", False),
    ("EXPERIENCE\nRevenue manager, 2019 - 2024: boosting bookings by 12% with new rate plans.", False),
    ("EXPERIENCE\nClinical trial assistant, 2019 - 2024: kept site files to GCP standards.", False),
    ("EXPERIENCE\nData scientist, 2019 - 2024: stacked an ensemble of XGBoost and LightGBM models.", True),
    ("EXPERIENCE\nData scientist, 2019 - 2024\n- Churn models with boosting and feature selection in Spark.", True),
    ("SKILLS\nGCP, AWS, Terraform, Kubernetes, BigQuery", True),
    # In a long entry, other bullets tell of other work; the line beside still vouches.
    ("EXPERIENCE\nFreelance translator, 2015 - 2024\n- Post-edited machine translation output for agencies.\n"
     "- Term bases of 9,000 entries.\n- Style guides for two clients.\n"
     "- Translated manuals for a distribution transformer maker.", False),
    ("EXPERIENCE\nResearch scientist, 2015 - 2024\n- Sequential recommendation with\n"
     "  transformers, in PyTorch.", True),
])
def test_a_word_with_an_everyday_sense_needs_technical_work_around_it(mentions, text, held):
    found = {m.skill_id: m for m in mentions(text)}
    word = next(m for m in found.values() if m.term.casefold() in {"ensemble", "boosting", "gcp", "transformer",
                                                                   "transformers"})
    assert (word.status == "held") is held
    if not held:
        assert (word.reason, word.rule) == ("ambiguous", "taxonomy.other_sense")


@pytest.mark.parametrize("text, held", [
    # a kind of data a backend or an observability tool handles is no analysis of it
    ("EXPERIENCE\nSoftware Intern, Oizo, 2026\n- Downsampling algorithms for large time-series datasets in Go.",
     False),
    ("EXPERIENCE\nBackend Engineer, 2020 - 2024\n- Ran a time series database for sensor metrics.", False),
    # beside the field's own methods it is
    ("EXPERIENCE\nData Scientist, 2020 - 2024\n- Forecast demand on time series with LSTM networks in PyTorch.",
     True),
    ("SUMMARY\nI develop sequence models for clinical time series: transformer encoders with learned time "
     "embeddings.", True),
    # series a forecaster or an econometrician models, and a skills list's, are the analysis
    ("EXPERIENCE\nQuant Analyst, 2020 - 2024\n- Modelled volatility on financial time series with GARCH models.",
     True),
    ("SKILLS\nStatistics: time series, hypothesis testing, regression", True),
])
def test_time_series_as_data_is_no_time_series_analysis(mentions, text, held):
    word = _of(mentions(text), "time_series_analysis")
    assert (word.status == "held") is held


# -- fuzzy, aliases, spelling ----------------------------------------------------------------


@pytest.mark.parametrize(("text", "skill", "typo"), [
    ("Deployed services on Kuberntes.", "kubernetes", "Kuberntes"),
    ("Trained models in Tensorflw.", "tensorflow", "Tensorflw"),
    ("Plotted results with Matplotlb.", "matplotlib", "Matplotlb"),
])
def test_misspelling_is_matched_fuzzily(mentions, text, skill, typo):
    m = _of(mentions(text), skill)
    assert m.match == "fuzzy" and m.term == typo
    assert FUZZY_THRESHOLD <= m.confidence < 1.0
    assert m.status == "held"
    assert skill not in {x.skill_id for x in mentions(text, fuzzy=False)}


@pytest.mark.parametrize("word", [
    "Docking", "Tension", "Kitchen", "Market", "Patience", "Customer", "Scheduling", "Cooking", "Spring",
    "Forest", "Pandemic", "Sparkle", "Excellent", "Terrace", "Gardening", "Numbers", "Leaders", "Torches",
])
def test_plain_english_words_are_not_fuzzy_skills(mentions, word):
    assert [m for m in mentions(f"Enjoyed {word} with friends.") if m.match == "fuzzy"] == []


@pytest.mark.parametrize(("text", "found"), [
    ("Deployed models on Sage Maker and Big Query.", {"sagemaker", "bigquery"}),
    ("Boosted trees in XG Boost and Light GBM.", {"xgboost", "lightgbm"}),
])
def test_a_one_word_name_written_as_two_words_is_the_name(mentions, text, found):
    assert found <= {m.skill_id for m in mentions(text) if m.status == "held"}


def test_a_split_name_needs_its_own_capitals_and_no_everyday_first_word(mentions):
    assert "bigquery" not in {m.skill_id for m in mentions("Asked a big query of the archive.")}
    assert "mysql" not in {m.skill_id for m in mentions("Wrote My SQL queries for the reports.")}
    assert _matcher.camel_split("SageMaker") == ["Sage Maker"]
    assert _matcher.camel_split("MATLAB") == _matcher.camel_split("GLMs") == _matcher.camel_split("MySQL") == []


@pytest.mark.parametrize(("text", "skill"), [
    ("Helped streamline billing for 40 clinics.", "streamlit"),
    ("The new rota transformed our reporting.", "transformers"),
    ("Kept persistent records of every sample.", "perseverance"),
])
def test_an_english_word_of_its_own_is_not_a_misspelling(mentions, text, skill):
    assert skill not in {m.skill_id for m in mentions(text)}


def test_each_word_of_its_own_is_still_taken_by_the_model_without_the_list(monkeypatch, taxonomy, nlp):
    """No stale entries: every listed word is one the model would take, for the term it names."""
    from importlib.resources import files

    import yaml

    listed = yaml.safe_load((files("skill_taxonomy") / "not_misspellings.yaml").read_text(encoding="utf-8"))["words"]
    monkeypatch.setattr(_matcher, "not_misspellings", frozenset)
    bare = _matcher.SkillMatcher(nlp.vocab, taxonomy, nlp.make_doc)
    assert {w: (bare.fuzzy_lookup(w) or ("", None))[1] for w in listed} == listed


@pytest.mark.parametrize(("text", "skill"), [
    ("Worked as a software engineer at a bank.", "software_engineering"),  # a person, not the skill
    ("Senior demand forecaster for the grocery chain.", "supply_chain_analytics"),
    ("Prototyped a ranking service in two weeks.", "prototyping"),  # a verb form
    ("Built a prototype for the sales team.", "prototyping"),
])
def test_another_form_of_a_word_is_not_a_misspelling(mentions, text, skill):
    assert skill not in {m.skill_id for m in mentions(text) if m.match == "fuzzy"}


@pytest.mark.parametrize(("text", "skill", "word"), [
    ("Split the monolith into one microservice per domain.", "microservices", "microservice"),
    ("Ran jobs on Kubernets clusters.", "kubernetes", "Kubernets"),
])
def test_a_plural_or_a_misspelt_ending_is_still_the_skill(mentions, text, skill, word):
    m = _of(mentions(text), skill)
    assert (m.match, m.term) == ("fuzzy", word)


def test_other_word_form_compares_endings_only():
    assert _matcher._other_word_form("software engineer", "software engineering")
    assert _matcher._other_word_form("analyst", "analysis")
    assert not _matcher._other_word_form("microservice", "microservices")  # plural
    assert not _matcher._other_word_form("kubernets", "kubernetes")  # both plural endings
    assert not _matcher._other_word_form("tensorflw", "tensorflow")  # a letter missing inside


def test_fuzzy_pair_needs_both_words_to_look_like_the_term(mentions):
    lern = _of(mentions("Built classifiers with scikit lern."), "scikit_learn")
    assert (lern.match, lern.term) == ("fuzzy", "scikit lern")
    # One exact word does not make a pair a misspelling of a two-word term.
    assert "supervised_learning" not in {m.skill_id for m in mentions("Ran a supervised pilot at two sites.")}


@pytest.mark.parametrize("text", [
    "Former chemist retraining as a data scientist.",  # career retraining, not model retraining
    "Kept precise clinical documentation.",  # not technical writing
    "Raised sepsis-bundle compliance to 90%.",  # not regulatory compliance
    "Replaced a lidar-only pipeline.",  # a sensor, not sensor fusion
])
def test_everyday_words_are_not_skill_aliases(mentions, text):
    held = {m.skill_id for m in mentions(text) if m.status == "held"}
    assert not held & {"model_retraining", "technical_writing", "regulatory_compliance", "sensor_fusion"}


@pytest.mark.parametrize(("text", "skill", "term"), [
    ("Deployed services to k8s clusters.", "kubernetes", "k8s"),
    ("Trained classifiers with sklearn.", "scikit_learn", "sklearn"),
    ("Wrote Golang services.", "go_language", "Golang"),
    # Common ways of naming a method by what was built with it.
    ("Hotel ranking with gradient-boosted trees.", "gradient_boosting", "gradient-boosted trees"),
    ("Rebuilt our churn model in scikit-learn.", "customer_churn_modeling", "churn model"),
    ("Own the churn-propensity model for the cards business.", "customer_churn_modeling", "churn-propensity"),
    ("I build text classifiers for support tickets.", "text_classification", "text classifiers"),
    ("Terraform for everything, drift checks in CI.", "data_drift", "drift checks"),
    ("Wrote the model-monitoring service in Go.", "model_monitoring", "model-monitoring"),
    ("Wrote Spark jobs that turned clickstream logs into training data.", "apache_spark", "Spark"),
    ("Statistics: hypothesis testing, time-series models, HMMs", "time_series_analysis", "time-series"),
    ("Wrapped the route-scoring model as a REST service.", "rest_apis", "REST service"),
    ("Own weekly trading dashboards in Looker for 40 stakeholders.", "data_visualization", "Looker"),
])
def test_aliases(mentions, text, skill, term):
    m = _of(mentions(text), skill)
    assert (m.match, m.term, m.status) == ("alias", term, "held")


def test_skill_id_spelled_out_counts_as_exact(mentions):
    m = _of(mentions("Trained classifiers with scikit learn."), "scikit_learn")
    assert (m.match, m.term, m.status) == ("exact", "scikit learn", "held")


@pytest.mark.parametrize(("text", "skill"), [
    ("Worked on convex optimisation.", "optimization"),
    ("SKILLS\nPyTorch, Spark, Kubernetes, Optimisation", "optimization"),
    ("Built data visualisation dashboards.", "data_visualization"),
])
def test_british_spelling(mentions, text, skill):
    m = _of(mentions(text), skill)
    assert m.status == "held" and m.match in ("exact", "alias")


@pytest.mark.parametrize(("term", "variants"), [
    ("optimization", ["optimisation"]),
    ("Data Visualization", ["Data Visualisation"]),
    ("statistical modelling", ["statistical modeling"]),
    ("Python", []),
])
def test_spelling_variants(term, variants):
    assert spelling_variants(term) == variants


@pytest.mark.parametrize(("term", "variants"), [
    ("deep learning", ["deep-learning"]),
    ("natural language processing", ["natural-language processing", "natural language-processing",
                                     "natural-language-processing"]),
    ("Python", []),
    ("multi-armed bandits", ["multi-armed-bandits"]),
    ("scikit-learn", []),
    ("Synthetic Minority Over-sampling Technique", []),
])
def test_hyphenated(term, variants):
    assert hyphenated(term) == variants


@pytest.mark.parametrize(("topic", "skill"), [
    ("adversarial examples", "ai_safety"), ("few-shot learning", "transfer_learning"),
    ("spectral clustering", "clustering"), ("out-of-distribution detection", "uncertainty_quantification"),
    ("interpretable deep learning", "explainable_ai"), ("neural architecture search", "hyperparameter_tuning"),
    ("adversarial machine learning", "ai_safety"),
])
def test_research_topics_by_their_usual_names(mentions, topic, skill):
    text = f"EXPERIENCE\nResearch Assistant, Lowmoor University, 2019 - 2023\n- Research on {topic} for images."
    assert _of(mentions(text), skill).status == "held"


@pytest.mark.parametrize(("line", "skill"), [
    # names of research topics that other trades use in their own sense are no terms
    ("Identified weak supervision of night-shift pickers as a root cause of errors.", "data_labeling"),
    ("Performed visual pose estimation and goniometry during gait assessments.", "computer_vision"),
    ("Wrote image captioning and alt text for 3,000 museum objects.", "computer_vision"),
    ("Handled speaker verification and badge printing for a 2,000-attendee conference.", "speech_recognition"),
    ("Completed adversarial training in cross-examination at the Inns of Court.", "ai_safety"),
])
def test_research_topic_words_in_other_trades_are_not_skills(mentions, line, skill):
    held = {m.skill_id for m in mentions(f"EXPERIENCE\nCoordinator, Acme, 2019 - 2023\n- {line}") if m.status == "held"}
    assert skill not in held


@pytest.mark.parametrize(("text", "skill"), [
    ("Built a Recommendation-System for the shop.", "recommendation_systems"),
    ("Trained object-detection models for shelf audits.", "object_detection"),
    ("Wrote a natural-language processing service.", "nlp"),
    ("Fit gaussian-process surrogates for the sensors.", "gaussian_processes"),
])
def test_a_term_written_as_a_hyphenated_compound(mentions, text, skill):
    assert _of(mentions(text), skill).status == "held"


# -- dates and years -------------------------------------------------------------------------


@pytest.mark.parametrize(("line", "expected"), [
    ("Jan 2020 – Present", [(2020.0, 2026 + 10 / 12)]),
    ("2017–2019", [(2017.0, 2019.0)]),
    ("03/2018 - 06/2021", [(2018 + 2 / 12, 2021.5)]),
    ("2021 to present", [(2021.0, 2026 + 10 / 12)]),
    ("Sept 2016 — Sept 2020", [(2016 + 8 / 12, 2020.75)]),
    ("June 2018 until Dec 2018", [(2018 + 5 / 12, 2019.0)]),
    ("2019 - 2019", [(2019.0, 2019.5)]),
    ("Acme 2012-2014, Beta 2015 - 2016", [(2012.0, 2014.0), (2015.0, 2016.0)]),
    ("Jan 2025 – Dec 2031", [(2025.0, 2026 + 11 / 12)]),  # a future end is cut at today
    ("2022.06 – 2022.09", [(2022 + 5 / 12, 2022.75)]),  # year.month
    ("09.2019 – 12.2020", [(2019 + 8 / 12, 2021.0)]),  # month.year
    ("2015-08 to 2020-08", [(2015 + 7 / 12, 2020 + 8 / 12)]),  # ISO year-month
    ("since 2021    NLP Engineer", [(2021.0, 2026 + 10 / 12)]),
    ("Postdoc since 01/2025 at the Centre", [(2025.0, 2026 + 10 / 12)]),
    ("**Summer 2019** · Data Science Intern", [(2019 + 5 / 12, 2019 + 8 / 12)]),  # a season: three months
    ("Intern, Fall 2021, then 2022 - 2023", [(2022.0, 2023.0)]),  # a range wins over a season
])
def test_date_ranges_good(today, line, expected):
    got = date_ranges(line, today)
    assert len(got) == len(expected)
    for (s, e), (xs, xe) in zip(got, expected, strict=True):
        assert s == pytest.approx(xs) and e == pytest.approx(xe)


@pytest.mark.parametrize("line", ["Python 3.10 since 2019", "Graduated 2015", "555-0101", "13/2019 - "])
def test_date_ranges_bad(today, line):
    assert date_ranges(line, today) == []


@pytest.mark.parametrize(("dates", "years", "last_used"), [
    ("Jan 2020 – Present", 6.8, 2026),
    ("2017–2019", 2.0, 2019),
    ("03/2018 - 06/2021", 3.3, 2021),
])
def test_years_of_a_skill_come_from_its_job_dates(today, dates, years, last_used):
    text = f"Jane Doe\nEXPERIENCE\nML Engineer, Acme, {dates}\n- Built models with PyTorch."
    result = analyze_text(text, today=today)
    pytorch = next(s for s in result.skills if s.id == "pytorch")
    assert pytorch.years == years and pytorch.last_used == last_used
    assert pytorch.proficiency == "strong"
    assert result.seniority.years_experience == years


def test_stated_years_of_a_skill(today):
    result = analyze_text("Jane Doe\nSKILLS\n3 years of Terraform\nPython", today=today)
    skills = {s.id: s for s in result.skills}
    assert skills["terraform"].years == 3.0 and skills["terraform"].proficiency == "strong"
    assert skills["python"].years is None and skills["python"].proficiency == "listed"


def test_stated_years_belong_to_their_own_skill(today):
    result = analyze_text("Jane Doe\nSKILLS\n5 years of Python, 1 year of Scala", today=today)
    skills = {s.id: s for s in result.skills}
    assert skills["python"].years == 5.0
    assert skills["scala"].years == 1.0


def test_years_of_a_resume_without_an_experience_heading(today):
    text = ("Ana Lima\nSince 2021 I have built search systems at Kestrel, mostly in Python and Elasticsearch.\n"
            "Before that I was a data analyst at Beta Corp (March 2017 – April 2020), writing SQL reports.\n"
            "MSc Computer Science, Rio University, 2015 - 2017")
    result = analyze_text(text, today=today)
    assert result.seniority.years_experience == pytest.approx(3.1 + 5.8, abs=0.15)  # the degree is not a job


@pytest.mark.parametrize("degree", ["Diplom Mathematik, Universität Lindau", "MSc Statistics, Rio University",
                                    "Master of Science, Rio University", "Licenciatura en Física, Universidad X"])
def test_a_degree_in_a_career_section_that_lists_studies_and_posts_is_not_a_job(today, degree):
    text = ("Ana Lima\nACADEMIC CAREER\n10/2015 – 09/2020 Lecturer in Statistics, Rio University\n"
            f"09/2009 – 09/2015 {degree}\n\nRESEARCH\n- Built gradient boosting models in Python.\n")
    result = analyze_text(text, today=today)
    assert result.seniority.years_experience == pytest.approx(5.1, abs=0.15)


@pytest.mark.parametrize("job", ["MA Consulting GmbH — Data Scientist, 2015 – 2020",
                                 "2015 – 2020 Diplom-Informatiker, Software Engineer at SAP"])
def test_a_job_line_that_starts_like_a_degree_is_still_a_job(today, job):
    result = analyze_text(f"Ana Lima\nEXPERIENCE\n{job}\n- Built models in Python.\n", today=today)
    assert result.seniority.years_experience == pytest.approx(5.0, abs=0.15)


def test_a_date_range_wrapped_after_its_dash_is_read(today):
    # A narrow PDF column breaks "2021 - present" after the dash.
    text = ("EXPERIENCE\nSenior Data Scientist, Te Whatu Health, 2021 -\npresent\n- Built readmission models in "
            "Python.\nBiostatistician, Pacific Health, 2014 - 2021\n- Survival analysis in R.")
    result = analyze_text(text, today=today)
    assert result.seniority.years_experience == pytest.approx(2026 + 10 / 12 - 2014, abs=0.15)


def test_a_date_range_wrapped_after_its_end_month_is_read(today):
    text = ("EXPERIENCE\nDevOps Engineer, Acme, Mar 2019 - Dec\n2020\n- Jenkins pipelines and PostgreSQL.\n"
            "MLOps Engineer, Beta, Jan 2021 - Present\n- Kubeflow on GKE.")
    result = analyze_text(text, today=today)
    assert result.seniority.years_experience == pytest.approx(2026 + 10 / 12 - 2019 - 2 / 12, abs=0.15)
    postgres = next(s for s in result.skills if s.id == "postgresql")
    assert postgres.last_used == 2020 and postgres.years == pytest.approx(1.8, abs=0.1)


def test_total_years_are_the_union_of_jobs(today):
    text = ("EXPERIENCE\nEngineer, Acme, 2015 - 2018\n- Python services\n"
            "Engineer, Beta, 2017 - 2020\n- SQL reports\nEngineer, Gamma, 2022 - 2023\n- Docker images")
    result = analyze_text(text, today=today)
    # 2015-2020 overlapping (5 years) plus 2022-2023 (1 year).
    assert result.seniority.years_experience == 6.0


# -- implied skills --------------------------------------------------------------------------


def test_implied_skills_are_marked_and_never_matched(taxonomy, today):
    text = "Jane Doe\nEXPERIENCE\nML Engineer, Acme, 2019 - 2024\n- Trained models with PyTorch."
    result = analyze_text(text, today=today)
    skills = {s.id: s for s in result.skills}
    implied = [s for s in result.skills if s.match == "implied"]
    assert implied, "PyTorch should imply its broader skills"
    assert set(taxonomy.ancestors("pytorch")) <= set(skills)
    assert "deep_learning_frameworks" in {s.id for s in implied}
    for s in implied:
        assert s.proficiency == "implied" and s.years is None
        assert s.implied_by and all(skills[p].match != "implied" for p in s.implied_by)
    implied_ids = {s.id for s in implied}
    for fit in result.roles:
        assert not implied_ids & set(fit.matched)
        for miss in fit.missing:
            if miss.id in implied_ids:
                assert (miss.status, miss.held_as) == ("weak", "implied")


def test_build_profile_does_not_imply_a_skill_that_is_held(taxonomy, today):
    text = "EXPERIENCE\nML Engineer, 2019 - 2024\n- PyTorch and deep learning research."
    ndoc = split_sections(text)
    profile = build_profile(ndoc, find_mentions(ndoc, taxonomy), taxonomy, today=today)
    assert "deep_learning" in taxonomy.ancestors("pytorch")
    assert profile.skills["deep_learning"].match == "exact"
    assert profile.skills["deep_learning"].proficiency == "strong"


@pytest.mark.parametrize("education, shown", [
    # The doctorate's subject on its line, and its topic on the next.
    ("PhD in Computer Vision & Medical Image Analysis, Erasmus MC, 2023 (expected).",
     {"computer_vision", "medical_image_analysis"}),
    ("Ph.D. at Leiden University\nDeep learning in medical image analysis\nSupervisor: Prof. A. Stoel",
     {"deep_learning", "medical_image_analysis"}),
    # A thesis's title wrapped over two lines, after the dates.
    ("Jul 2013 - Jun 2018 PhD, Climate Informatics. Thesis: ConvLSTM forecasts of\nmaize yield with gradient boosting",
     {"rnn", "gradient_boosting"}),
    # Not the person's doctorate: a count of students, or a bachelor's subject.
    ("Supervised 9 PhD students in machine learning.", set()),
    ("BSc in Machine Learning, 2015 - 2018", set()),
    # Studies, teaching and advisers under the doctorate are no part of its research.
    ("PhD in Statistics, 2018 - 2022\nCoursework: Machine Learning, Deep Learning\n"
     "Co-advised by Prof. Lee (Computer Vision Lab)", {"statistics"}),
    ("Doctoral courses: Deep Learning (ETH), Reinforcement Learning (EPFL)", set()),
    ("MSc Machine Learning, UCL, 2016; PhD Chemistry, Leeds, 2020", set()),
])
def test_a_doctorates_subject_and_a_thesis_title_are_research_shown(taxonomy, today, education, shown):
    ndoc = split_sections(f"Ana Lima\nEDUCATION\n{education}\nSKILLS\nPython")
    profile = build_profile(ndoc, find_mentions(ndoc, taxonomy), taxonomy, today=today)
    assert profile.shown - {"python"} == shown
    assert all(profile.skills[s].proficiency == "strong" for s in shown)
    assert "doctoral_research" not in profile.shown  # the degree itself is a credential, scored as such


def test_contact_details_are_read_only_when_asked(taxonomy, today):
    from gapcheck import analyze_text
    from gapcheck.config import Options

    text = "Ana Lima | ana@example.com | +1 (555) 010-0199\nEXPERIENCE\nML Engineer, 2019 - 2024\n- PyTorch models."
    ndoc = split_sections(text)
    mentions = find_mentions(ndoc, taxonomy)
    read = build_profile(ndoc, mentions, taxonomy, today=today)
    assert read.contact == {"emails": ["ana@example.com"], "phones": ["+1 (555) 010-0199"]}
    unread = build_profile(ndoc, mentions, taxonomy, today=today, contact=False)
    assert unread.contact == {} and unread.skills == read.skills
    assert analyze_text(text, today=today, options=Options(include_contact=True)).contact == read.contact
    assert analyze_text(text, today=today).contact is None


# -- the spaCy component ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def user_pipeline():
    _nlp._register()
    pipeline = spacy.blank("en")
    pipeline.add_pipe("gapcheck_skills")
    return pipeline


def test_component_sets_doc_extensions(user_pipeline):
    assert "gapcheck_skills" in user_pipeline.pipe_names
    doc = user_pipeline("Built models in PyTorch. No experience with Java.")
    assert [m.skill_id for m in doc._.skills] == ["pytorch"]
    assert {(m.skill_id, m.status, m.reason) for m in doc._.skill_mentions} == {
        ("pytorch", "held", None), ("java", "rejected", "negated")}
    span = doc.text[doc._.skills[0].start:doc._.skills[0].end]
    assert span == "PyTorch"


def test_component_fuzzy_can_be_switched_off():
    _nlp._register()
    pipeline = spacy.blank("en")
    pipeline.add_pipe("gapcheck_skills", config={"fuzzy": False})
    assert pipeline("Trained models in Tensorflw and PyTorch.")._.skills[0].skill_id == "pytorch"
    assert len(pipeline("Trained models in Tensorflw and PyTorch.")._.skills) == 1


def test_analyze_text_with_user_pipelines(user_pipeline, today):
    text = "Jane Doe\nEXPERIENCE\nML Engineer, 2019 - 2024\n- Built models in PyTorch and Docker."
    default = {s.id for s in analyze_text(text, today=today).skills}
    blank = {s.id for s in analyze_text(text, nlp=spacy.blank("en"), today=today).skills}
    with_component = {s.id for s in analyze_text(text, nlp=user_pipeline, today=today).skills}
    assert {"pytorch", "docker"} <= default
    assert blank == default == with_component


# -- where a mention stands: titles, degrees, people, compounds --------------------------------


def test_job_title_line_is_not_a_skill_claim(mentions):
    text = ("EXPERIENCE\nComputer Vision Engineer, Brightwater Logistics, 2016 - 2018\n"
            "- Wrote Python services for route planning.")
    found = mentions(text)
    title = _of(found, "computer_vision")
    assert (title.status, title.reason) == ("rejected", "job_title")
    assert _of(found, "python").status == "held"


def test_a_jobs_labelled_list_above_the_next_job_is_no_title(mentions):
    # each job ends with its list; the next job's one-line head follows it
    text = ("EXPERIENCE\nML Engineer, Corvane Robotics, Jan 2022 - Present\n- Deployed detection models.\n"
            "Skills: PyTorch, TensorRT, ONNX\nSoftware Engineer, Tessaly Systems, Jun 2018 - Dec 2021\n"
            "- Wrote Kotlin services.")
    assert _of(mentions(text), "pytorch").status == "held"


def test_title_on_its_own_line_above_the_dates(mentions):
    text = "EXPERIENCE\nData Science Intern\nSaguaro Energy, Summer 2022\n- Built SQL reports."
    assert _of(mentions(text), "data_science").reason == "job_title"


@pytest.mark.parametrize("text", [
    # title, employer and dates on three lines, as typed; the same in one line, as typeset
    "EXPERIENCE\nMachine Learning Engineer\nIronbridge Automation, Cleveland, OH\nJul 2022 - Jul 2023\n- Built it.",
    "EXPERIENCE\nJul 2022 - Jul 2023\nMachine Learning Engineer\n- Built a thing.",
    "EXPERIENCE\n2020 \u2013 2021 Teaching Assistant, Machine Learning, Pacific Northwest Institute of Technology "
    "\u2013 Portland, OR\n- Ran labs.",
])
def test_a_title_in_any_line_of_its_entry_header_is_not_a_claim(mentions, text):
    assert _of(mentions(text), "machine_learning").reason == "job_title"


@pytest.mark.parametrize("text", [
    # the first line of a description, wrapped right under the dates, is no title
    "EXPERIENCE\n2021 - 2025 Data Engineer, Harbour Freight\nBuilt batch pipelines in Python and machine "
    "learning; scheduled them with\nAirflow.",
    "EXPERIENCE\nResearch Fellow, Lowmoor Institute, 2019 - 2022\nProbabilistic machine learning: Gaussian "
    "processes, variational inference,\nand their use in forecasting.",
    # a list of topics whose bullets a browser drew as shapes, not text: lower case, so no employer
    "EXPERIENCE\nLowmoor University, Leeds\nResearch Assistant Aug. 2017 - present\nRobust machine "
    "learning Adversarial examples\nReinforcement learning",
])
def test_a_sentence_under_the_dates_is_no_title(mentions, text):
    assert _of(mentions(text), "machine_learning").status == "held"


@pytest.mark.parametrize("text", [
    # the tail of a wrapped sentence and a labelled list end the entry above; they open no header
    "EXPERIENCE\nAnalyst, Acme, 2016 - 2019\n- Ran the weekly reports and the\nmachine learning pilot\n"
    "Beta Corp\n2019 - 2021",
    "EXPERIENCE\nAnalyst, Acme, 2016 - 2019\n- Ran reports.\nTools: machine learning, SQL\nBeta Corp\n2019 - 2021",
    # dates on their own line open each entry, its title below them: the line above the next
    # dates is this entry's description, not that one's header
    "EXPERIENCE\nApril 2021 - May 2022\nWorking Student at Acme GmbH\nBuilt machine learning tools for retail\n"
    "February 2018 - February 2021\nWorking Student at Beta AG",
    # a long sentence with a year in it is no header
    "EXPERIENCE\nStatistician \u2014 national machine learning office of the government, later the lead of its "
    "survey methods team \u2014 2014 - 2023",
])
def test_lines_around_an_entry_header_that_are_not_part_of_it_keep_their_claims(mentions, text):
    assert _of(mentions(text), "machine_learning").status == "held"


def test_a_headline_in_the_header_contact_line_is_read_as_on_its_own_line(mentions):
    found = mentions("Farid Haddad\nSenior MLOps Engineer | Denver, CO | farid@example.com | (303) 555-0162\n")
    assert _of(found, "mlops").status == "held"
    # outside the header a contact line claims nothing, whatever separates its parts
    assert "mlops" not in {m.skill_id for m in mentions("REFERENCES\nRay Chen | MLOps lead | ray@example.com")}


def test_a_date_between_a_degree_and_its_subject_ends_nothing(mentions):
    found = mentions("EDUCATION\nB.S. Aug 2017 \u2013 May 2021 Statistics\nOhio Valley State University")
    assert _of(found, "statistics").reason == "degree"


def test_degree_subject_is_not_a_skill_claim_but_a_thesis_topic_is(mentions):
    text = "EDUCATION\nB.S. Mathematics, Rice University, 2018 (thesis: reinforcement learning)"
    found = mentions(text)
    assert (_of(found, "mathematics").status, _of(found, "mathematics").reason) == ("rejected", "degree")
    assert _of(found, "reinforcement_learning").status == "held"


@pytest.mark.parametrize("line, skill", [
    ("2014-2018 BE, Electronics and Communication Engineering, Anna Nagar Institute", "communication"),
    ("**BSc, Mathematics and Computer Science** (First Class), Ashwood College", "mathematics"),
    ("Diploma: Computer Programming - Lakeview College, 2016-2018", "programming"),
    ("MRes Statistics, University of Tarn, 2019", "statistics"),
    # the same degrees in Spanish, Portuguese and Italian CVs
    ("2016 Máster en Bioinformática y Bioestadística, UOC / UB", "bioinformatics"),
    ("Laurea magistrale in Statistica, Università di Bologna, 2012", "statistics"),
])
def test_a_degree_names_its_subject_after_a_comma_or_an_abbreviation(mentions, line, skill):
    assert _of(mentions(f"EDUCATION\n{line}"), skill).reason == "degree"
    # the same words in a sentence under education are no degree
    assert _of(mentions(f"EDUCATION\nTutored {skill.replace('_', ' ')} to first-years, 2019"), skill).reason != "degree"


@pytest.mark.parametrize("line", ["Thesis: Tensor embeddings of quantum groups",
                                  "Embedding of Google Maps in listing pages"])
def test_embeddings_in_their_other_senses_are_no_nlp(mentions, line):
    # (the singular is found only by the misspelling model, which may or may not take it)
    found = [m for m in mentions(f"EXPERIENCE\nEngineer, 2019 - 2024\n- {line}") if m.skill_id == "word_embeddings"]
    assert all(m.reason == "ambiguous" for m in found)


@pytest.mark.parametrize("text", ["Co-supervised two PhD students.", "Mentored NLP interns over the summer.",
                                  "Interviewed PhD candidates."])
def test_skill_naming_a_group_of_people_is_others_work(mentions, text):
    held = {m.skill_id for m in mentions(text) if m.status == "held"}
    assert not held & {"doctoral_research", "nlp"}


def test_soft_skill_verb_before_people_is_held(mentions):
    assert _of(mentions("Mentor student teachers every spring."), "mentoring").status == "held"


def test_each_item_of_a_skills_list_is_its_own_clause(mentions):
    found = mentions("SKILLS\nEmployer branding, diversity hiring programs, stakeholder management")
    assert _of(found, "stakeholder_management").status == "held"


def test_tail_of_a_hyphenated_compound_is_not_the_skill(mentions):
    assert "supervised_learning" not in {m.skill_id for m in mentions("Pretrained with self-supervised learning.")}


def test_fuzzy_pair_does_not_swallow_a_stop_word(mentions):
    assert "supervised_learning" not in {m.skill_id for m in mentions("Supervised four master's theses.")}


@pytest.mark.parametrize(("text", "skill"), [
    ("Partner with our solutions engineers, who build demos in Python.", "python"),
    ("The data scientists build the models in TensorFlow; I package them.", "tensorflow"),
    ("Wrote the endpoint that calls the fraud team's TensorFlow models.", "tensorflow"),
    ("Work with the platform group, who own the Kafka ingestion layer.", "kafka"),
])
def test_other_people_as_the_subject_is_others_work(mentions, text, skill):
    assert _of(mentions(text), skill).reason == "others_work"


@pytest.mark.parametrize("text", ["My team built PyTorch models.", "Led a team of engineers and built PyTorch models.",
                                  "Wrote the modules every ML team uses to run PyTorch jobs."])
def test_the_candidates_own_team_is_not_others_work(mentions, text):
    assert _of(mentions(text), "pytorch").status == "held"


@pytest.mark.parametrize("text", ["Taking an evening course on Kubeflow.",
                                  "Currently completing an online course in causal inference."])
def test_a_course_in_progress_is_learning(mentions, text):
    found = [m for m in mentions(text) if m.skill_id in ("kubeflow", "causal_inference")]
    assert found and all(m.reason == "learning" for m in found)


def test_context_carries_over_a_soft_line_wrap(mentions):
    text = "EXPERIENCE\nPartner with our solutions engineers, who build demos in Python and\nscikit-learn; I sell."
    assert _of(mentions(text), "scikit_learn").reason == "others_work"


def test_headings_and_contact_lines_claim_nothing(mentions):
    text = ("PUBLICATIONS\nLee, A. Graph models. ICML 2023.\nREFERENCES\n"
            "Ray Chen, Director of Risk Analytics, ray@example.com")
    ids = {m.skill_id for m in mentions(text)}
    assert "paper_publishing" not in ids and "ray" not in ids and "risk_modeling" not in ids


@pytest.mark.parametrize(("text", "skill", "reason"), [
    ("Comfortable with Java, picking up PyTorch.", "pytorch", "learning"),
    ("Andrew Ng's Machine Learning Specialization (in progress).", "machine_learning", "learning"),
    ("Wrote an API that serves an XGBoost model trained by our data science team.", "xgboost", "others_work"),
    ("Wrote an API that serves an XGBoost model trained by our data science team.", "data_science", "others_work"),
    ("Packaged the data science team's models as Docker images.", "data_science", "others_work"),
    ("Moved the NLP team\u2019s notebooks into pipelines.", "nlp", "others_work"),
])
def test_context_after_the_mention(mentions, text, skill, reason):
    assert _of(mentions(text), skill).reason == reason


def test_backend_years_are_not_ml_years(today):
    text = ("Jane Doe\nEXPERIENCE\n**Senior Software Engineering Lead**, Kestrel, 2018 - 2024\n"
            "* Built Java and Go microservices on Kubernetes with PostgreSQL.\n"
            "ML Engineer, Beta, 2024 - 2025\n* Trained PyTorch models for churn with scikit-learn.")
    result = analyze_text(text, today=today)
    assert result.seniority.years_experience == 7.0
    assert result.seniority.relevant_years == 1.0
    # "**Senior Software Engineering Lead**" is Markdown bold, not a bullet: the line is a job title.
    assert "software_engineering" in {r.id for r in result.rejected if r.reason == "job_title"}


# -- the default tokenizer --------------------------------------------------------------------


def test_default_pipeline_tokenizer_has_punctuation_rules_but_no_special_cases():
    nlp = extract.default_nlp()
    english = spacy.blank("en")
    assert nlp.tokenizer.rules == {}
    text = "Built (Java 8) services; C++/CUDA, e.g. ONNX—see https://example.com/x. Don't stop!"
    ours = [t.text for t in nlp(text)]
    assert "".join(ours) == "".join(t.text for t in english(text)) == text.replace(" ", "")
    assert ours[:5] == ["Built", "(", "Java", "8", ")"]  # English's emoticon rule makes "8)" one token
    assert "https://example.com/x" in ours and "Don't" in ours


def test_tokenizer_is_registered_for_users_configs():
    import subprocess
    import sys

    code = ("import spacy; nlp = spacy.blank('en', config={'nlp': {'tokenizer': "
            "{'@tokenizers': 'gapcheck.Tokenizer.v1'}}}); print(len(nlp.tokenizer.rules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "0"


def test_default_pipeline_keeps_the_word_attributes_matching_reads():
    doc = extract.default_nlp()("Zyxwvut PyTorch and 42 apples")
    first = doc[0]
    assert (first.lower_, first.norm_, first.is_alpha, first.is_title, first.is_stop) == (
        "zyxwvut", "zyxwvut", True, True, False)
    assert doc[2].is_stop and doc[3].is_digit and not doc[3].is_alpha


@pytest.mark.parametrize("text", ["İstanbul team: no Python", "ﬁne-tuned BERT, İ", "plain text"])
def test_lower_in_place_keeps_offsets(text):
    low = _text.lower_in_place(text)
    assert len(low) == len(text)
    # Turkish dotted and dotless i read as "i" (as re.I matches them); other letters lower-cased.
    assert all(a == ("i" if b in "\u0130\u0131" else b.lower()) or (a == b and len(b.lower()) > 1)
               for a, b in zip(low, text, strict=True))


@pytest.mark.parametrize(("text", "skill", "term"), [
    ("Lead a five-person team on retrieval.", "leadership", "Lead a five-person team"),
    ("Presented findings to the board every quarter.", "communication", "Presented findings to the board"),
    ("Explained model results to non-technical stakeholders.", "communication",
     "Explained model results to non-technical stakeholders"),
    ("Train and evaluate transformer models for search.", "model_evaluation", "evaluate transformer models"),
    ("Wrote the team's model-card template.", "technical_writing", "Wrote the team's model-card template"),
    ("Co-supervised two MSc theses.", "mentoring", "Co-supervised two MSc theses"),
    ("Annotated 180k images for the detector.", "data_labeling", "Annotated 180k images"),
    ("I cleaned five years of attendance records in R.", "data_cleaning", "cleaned five years of attendance records"),
    ("I give talks at the local NLP meetup.", "storytelling", "give talks"),
])
def test_taxonomy_patterns_find_skills_stated_in_many_wordings(mentions, text, skill, term):
    m = _of(mentions(text), skill)
    assert (m.term, m.match, m.status) == (term, "pattern", "held")


def test_a_pattern_adds_nothing_where_a_term_matched(mentions):
    found = [m for m in mentions("Led a team of four analysts.") if m.skill_id == "leadership"]
    assert [m.term for m in found] == ["Led a team"]  # the alias, not also the pattern


def test_explaining_to_an_executive_is_communication(mentions):
    held = {m.skill_id for m in mentions("I check their outputs and explain the numbers to the CMO.")
            if m.status == "held"}
    assert "communication" in held


@pytest.mark.parametrize(("text", "found"), [
    ("Eight years pricing credit derivatives at a bank.", True),
    ("Ran Monte Carlo pricing for CDS and CDOs in Python.", True),
    ("Priced exotic options with finite differences.", True),
    ("Set the pricing for our software licences.", False),
    ("Dynamic pricing models for hotel rooms.", False),
])
def test_derivatives_pricing_in_sentences(mentions, text, found):
    held = {m.skill_id for m in mentions(text) if m.status == "held"}
    assert ("derivatives_pricing" in held) is found


def test_pattern_mentions_meet_the_context_rules(mentions):
    m = _of(mentions("I have never led a project team myself."), "leadership")
    assert (m.status, m.reason) == ("rejected", "negated")


@pytest.mark.parametrize(("text", "skill", "reason"), [
    ("Currently auditing a course on causal inference.", "causal_inference", "learning"),
    ("Working through a Kubeflow tutorial in my own time.", "kubeflow", "learning"),
    ("Paired with our data scientist, who is great; she ran the causal inference studies.", "causal_inference",
     "others_work"),
    ("Review the forecasting model that the FP&A data team built in Python.", "python", "others_work"),
    ("The models themselves (readmission risk, XGBoost) are built by the data science team.", "xgboost",
     "others_work"),
    ("Our A/B tests are designed and analysed by the analytics team.", "ab_testing", "others_work"),
    ("Worked alongside the data science team on a fraud project.", "data_science", "others_work"),
    ("Presented findings to retail banking leadership every quarter.", "leadership", "ambiguous"),
    ("Built reports for the charity's leadership team.", "leadership", "ambiguous"),
    ("Our dashboards are built by the BI team in Power BI.", "power_bi", "others_work"),
    ("In 2024 I attended a machine learning conference in London.", "machine_learning", "learning"),
    ("Working through the Made With ML course; next up is Kubeflow.", "kubeflow", "learning"),
    ("Working through the Made With ML course.", "machine_learning", "learning"),
    ("Taking the Andrew Ng Deep Learning course this spring.", "deep_learning", "learning"),
    ("Went to two MLOps meetups last year.", "mlops", "learning"),
    ("Run the Python scripts written by our data colleague.", "python", "others_work"),
    ("Cell counts come from software whose deep-learning model was built and validated by the supplier.",
     "deep_learning", "others_work"),
    # a role the person is after is a goal
    ("Self-starter seeking an entry-level AI / ML / Data Science role.", "data_science", "goal"),
    ("Self-starter seeking an entry-level AI / ML / Data Science role.", "machine_learning", "goal"),
    ("Looking for a computer vision position in robotics.", "computer_vision", "goal"),
    # what a wished-for role would let them do is a wish, not a claim (held only if shown elsewhere)
    ("Seeking a role where I can use PyTorch daily.", "pytorch", "goal"),
    ("Working towards the AWS Machine Learning Specialty certification.", "aws", "learning"),
    ("Studying for the Azure AI Engineer exam.", "azure", "learning"),
    ("My two direct reports built the ingestion pipelines in Airflow.", "airflow", "others_work"),
    ("Evaluated vendors' computer vision tools for the warehouse.", "computer_vision", "others_work"),
    ("Audited the supplier's Python scripts before go-live.", "python", "others_work"),
    ("The research squad trains its recommendation models in JAX; I containerise the artefacts.", "jax",
     "others_work"),
    ("Grant co-investigator; the deep learning work is done by the partner engineering lab.", "deep_learning",
     "others_work"),
    ("Reviewed the front-office desk's Monte Carlo engine for model risk.", "monte_carlo_methods", "others_work"),
    ("Briefed the agency that ran our customer segmentation clustering project.", "clustering", "others_work"),
    ("Reported on the churn models that the analytics team built in Python.", "customer_churn_modeling",
     "others_work"),
])
def test_more_context_that_is_not_a_claim(mentions, text, skill, reason):
    m = _of(mentions(text), skill)
    assert (m.status, m.reason) == ("rejected", reason)


@pytest.mark.parametrize(("text", "skill"), [
    ("Led the data science team through a platform migration.", "data_science"),  # still their own field
    ("Technical leadership of a team of six.", "leadership"),
    ("Built dashboards in Plotly Dash and Flask.", "plotly"),
    ("Wrote the team's runbook for the retraining job (Airflow).", "airflow"),  # their own team
    ("Presented two papers at a machine learning conference.", "machine_learning"),  # not attending
    ("Looking for anomalies in claims data with Python scripts.", "python"),  # no role after it
    ("I lead the team that builds the risk models in Python.", "python"),  # the lead's own work
    ("Learning-to-rank models with LightGBM.", "lightgbm"),  # a method's name, not "learning"
    ("Working towards lower latency with ONNX and TensorRT exports.", "onnx"),  # no certificate
    ("Wrote the reports in Tableau that the finance team uses.", "tableau"),  # they use, she wrote
    # Another people's clause on the next line or after a full stop says nothing of this one.
    ("SQL reports and trend charts in Excel.\nRun the scripts written by our data colleague.", "excel"),
    ("SQL reports and trend charts in Excel. Ran the scripts written by our data colleague.", "excel"),
])
def test_claims_near_those_words_still_count(mentions, text, skill):
    assert _of(mentions(text), skill).status == "held"


def test_one_word_is_not_a_misspelt_phrase(mentions):
    assert "chatbots" not in {m.skill_id for m in mentions("Mandarin (conversational), English (fluent)")}
    assert "plotly" not in {m.skill_id for m in mentions("Own checkout and Dash, our express delivery tier.")
                            if m.status == "held"}


def test_hiring_words_do_not_make_a_soft_skill_someone_elses(mentions):
    found = mentions("Interviewed candidates and mentored one junior developer.")
    assert _of(found, "mentoring").status == "held"
    assert _of(mentions("Hired engineers skilled in Kubernetes."), "kubernetes").reason == "others_work"


@pytest.mark.parametrize("text", [
    "- Led the data migration\n- Staff training on SQL",  # two bullets, not "Led the data migration Staff"
    "Managed the project budget.",
    "Evaluated commercial insurance policies for clients.",
    "Validated request payloads with Pydantic models.",
])
def test_patterns_do_not_reach_across_claims_or_into_other_meanings(mentions, text):
    # Managing a budget is budgeting (its own pattern), not leading people.
    assert not [m for m in mentions(text) if m.match == "pattern" and m.skill_id != "budgeting"], text


@pytest.mark.parametrize("text", ["Managed the project budget.", "Owned a $2M annual marketing budget."])
def test_managing_a_budget_is_budgeting(mentions, text):
    assert {m.skill_id for m in mentions(text) if m.match == "pattern"} == {"budgeting"}


def test_a_pattern_may_follow_a_wrapped_sentence(mentions):
    m = _of(mentions("Present model results and audits to the clinical\ngovernance committee."), "communication")
    assert (m.match, m.status) == ("pattern", "held")


def test_a_pattern_mention_does_not_hide_the_context_of_a_term_after_it(mentions):
    found = mentions("Explained results to the analytics team, who build Tableau dashboards.")
    assert _of(found, "tableau").reason == "others_work"
    assert _of(found, "communication").status == "held"
    assert _of(mentions("Explained results to product teams who build apps."), "communication").status == "held"


@pytest.mark.parametrize(("typo", "skill"), [("Snowflak", "snowflake"), ("Jupyte", "jupyter"), ("Dockerr", "docker")])
def test_a_misspelt_last_letter_is_still_a_misspelling(mentions, typo, skill):
    assert _of(mentions(f"Worked with {typo} every day."), skill).match == "fuzzy"


@pytest.mark.parametrize(("word", "reason"), [("wıthout", "negated"), ("learnıng", "learning")])
def test_context_rules_read_dotless_i_as_re_i_does(mentions, word, reason):
    text = {"negated": f"Built APIs {word} Docker.", "learning": f"Currently {word} Docker."}[reason]
    assert _of(mentions(text), "docker").reason == reason


def test_classify_context_keeps_the_callers_order(taxonomy):
    text = "No experience with Java. Built Python services."
    ordered = extract.classify_context(extract.get_matcher(extract.default_nlp(), taxonomy).match(
        extract.default_nlp().make_doc(text), text=text), text)
    shuffled = extract.classify_context(list(reversed(ordered)), text)
    assert shuffled == list(reversed(ordered))
    assert {m.skill_id: m.reason for m in shuffled}["java"] == "negated"


def test_spreadsheet_reporting_years_are_not_ml_years(today):
    text = ("EXPERIENCE\nSenior Project Manager, Vistula Build, 03/2019 - present\n"
            "- Built Excel and Power BI reports on cost and schedule variance.\n")
    result = analyze_text(text, today=today)
    assert result.seniority.years_experience > 7 and result.seniority.relevant_years == 0.0


def test_context_reads_back_a_bounded_window(mentions):
    # A clause longer than the window (a text of one huge line) is read only near the mention,
    # so analysis stays linear in the text: "no" 500 characters back no longer negates.
    filler = "worked on billing systems and " * 17
    far = _of(mentions(f"No {filler}built Docker images."), "docker")
    near = _of(mentions("No Docker images were built."), "docker")
    assert far.status == "held" and near.reason == "negated"


def test_quick_search_agrees_with_re_search():
    import random

    rnd = random.Random(7)
    words = ["led", "lead", "misled", "head of", "mentored", "tormentor", "ph.d", "phd", "graph d", "doctoral",
             "principal", "unprincipled", "staff", "chief", "mischief", "x", "-", ".", "\n"]
    for _ in range(3000):
        text = "".join(rnd.choice(words) + rnd.choice([" ", "", "\n", "-"]) for _ in range(rnd.randint(0, 8)))
        for rx in profile._SIGNALS.values():
            assert _text._search(rx, text) == bool(rx.search(text)), (rx.pattern, text)


def test_phone_pattern_finds_what_the_one_prefix_form_found():
    import random
    import re

    old = re.compile(r"(?:\+\d{1,3}[\s.-]?)?\(?\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}\b")
    rnd = random.Random(11)
    parts = ["+1", "+44 ", "(", ")", "555", "010", "0199", "12", " ", ".", "-", "x", "\n"]
    for _ in range(5000):
        text = "".join(rnd.choice(parts) for _ in range(rnd.randint(0, 12)))
        assert _text._PHONE.findall(text) == old.findall(text), text


# -- everyday words and names that are also skill terms ----------------------------------------

@pytest.mark.parametrize(("text", "skill"), [
    ("Audits, which I analysed in Excel and later in R.", "excel"),  # a preposition right before: the tool
    ("Audits, which I analysed in Excel and later in R.", "r_language"),  # "R." is one token at a sentence end
    ("Rewrote the log parser in Rust.", "rust_language"),
    ("Wrote the ingestion service in Go.", "go_language"),
    ("Python, CART, ANN, SVM", "decision_trees"),
    ("Python, CART, ANN, SVM", "neural_networks"),
    ("Ran fairness audits across age and sex subgroups.", "algorithmic_fairness"),
    ("Taught Algebra II and AP Statistics to about 150 students a year.", "teaching"),
    ("Camera-based detection for ADAS and highway pilot functions.", "autonomous_vehicles"),
    ("Built auto-labelling with active learning for 2M frames.", "data_labeling"),
    ("Cleaned 20,000 TripAdvisor reviews with pandas.", "data_cleaning"),
    ("Fine-tuned a ViT with LoRA in PyTorch and served RAG answers.", "transformers"),
    ("Fine-tuned a ViT with LoRA in PyTorch and served RAG answers.", "fine_tuning"),
    ("Fine-tuned a ViT with LoRA in PyTorch and served RAG answers.", "rag"),
])
def test_skill_readings_are_held(mentions, text, skill):
    assert _of(mentions(text), skill).status == "held"


def test_learning_a_language_is_learning_not_an_ambiguous_word(mentions):
    found = mentions("Currently learning Rust for faster tokenizer tooling. Learning Go on weekends.")
    assert {(m.skill_id, m.reason) for m in found} >= {("rust_language", "learning"), ("go_language", "learning")}


@pytest.mark.parametrize(("text", "skill"), [
    ("Ann Lee\nann.lee@example.com", "neural_networks"),
    ("Cart abandonment reports for the web shop.", "decision_trees"),
    ("Met with J. R. Smith about pricing.", "r_language"),
    ("Inspected rust on steel beams after the flood.", "rust_language"),
    ("Clinical coding (SNOMED CT, ICD-10) of discharge summaries.", "programming"),
    # a mixed-case acronym in other cases is another word: institutes, a radio, a cloth
    ("B.Tech in Electronics, VIT Vellore, 2019.", "transformers"),
    ("Teacher, VIT registration current.", "transformers"),
    ("Installed LORA gateways and Lora sensors on the farm.", "fine_tuning"),
    ("Polished the brass with a soft rag.", "rag"),
    ("Commissioned step-up transformers and export cables at the substation.", "transformers"),
    # a school reform framework
    ("Introduced the New Pedagogies for Deep Learning framework into our inquiry units.", "deep_learning"),
    ("Introduced the New Pedagogies for Deep Learning framework into our inquiry units.", "deep_learning_frameworks"),
])
def test_everyday_readings_are_not_skills(mentions, text, skill):
    assert skill not in {m.skill_id for m in mentions(text) if m.status == "held"}


@pytest.mark.parametrize(("line", "reason"), [
    ("Not yet used: deep learning, cloud platforms, Kafka", "negated"),
    ("Currently learning: Docker, Kubernetes, Terraform", "learning"),
    ("Python: pandas, NumPy, scikit-learn", None),
])
def test_a_skills_lines_label_speaks_for_every_item(mentions, line, reason):
    found = [m for m in mentions(f"SKILLS\n{line}") if m.line == 2]
    items = [m for m in found if line.find(m.term) > line.find(":")]
    assert len(items) == 3 and {m.reason for m in items} == {reason}


def test_an_experience_heading_that_is_a_skill_counts_other_headings_do_not(mentions):
    found = mentions("Teaching & Supervision\nBayesian Statistics (PhD core), 2019 - 2024\n\n"
                     "PUBLICATIONS\nLee, A. Survival models for sepsis. JASA, 2023.")
    held = {m.skill_id for m in found if m.status == "held"}
    assert "teaching" in held and "paper_publishing" not in held


@pytest.mark.parametrize(("text", "principal"), [
    ("EXPERIENCE\nPrincipal Data Scientist, Acme, 2019 - Present", True),
    ("EXPERIENCE\nStaff ML Engineer, Acme, 2019 - Present", True),
    ("EXPERIENCE\nDirector of Analytics, Acme, 2019 - Present", True),
    ("EXPERIENCE\nAnalyst, Acme, 2019 - Present\n- Principal component analysis of surveys.", False),
    ("EXPERIENCE\nHotel supervisor, Acme, 2019 - Present\n- Trained 60 staff in the new booking system.", False),
])
def test_principal_signal_needs_a_title(taxonomy, nlp, today, text, principal):
    ndoc = split_sections(text)
    profile = build_profile(ndoc, find_mentions(ndoc, taxonomy, nlp), taxonomy, today=today)
    assert ("principal" in profile.signals) is principal


def test_using_chatgpt_is_an_assistant_not_a_language_model(taxonomy, today):
    from gapcheck import analyze_text

    result = analyze_text("EXPERIENCE\nMarketing Manager, Acme, 2019 - Present\n- Use ChatGPT to draft ad copy.",
                          today=today)
    found = {s.id for s in result.skills}
    assert "ai_assistants" in found and not found & {"gpt_models", "llms", "deep_learning", "nlp"}


@pytest.mark.parametrize(("text", "skill", "found"), [
    ("Rolled out distributed tracing with OpenTelemetry.", "distributed_training", False),  # another word
    ("Deployed services on Kuberntes.", "kubernetes", True),  # a dropped letter
    ("Pretrained with selfsupervised objectives.", "self_supervised_learning", True),  # written as one word
])
def test_a_misspelling_is_a_slip_of_a_letter_not_another_word(mentions, text, skill, found):
    assert any(m.skill_id == skill and m.status == "held" for m in mentions(text)) is found


@pytest.mark.parametrize(("text", "skill", "held"), [
    ("SKILLS\nPython, PyTorch, Docker. GCP (Good Clinical Practice) certificate, 2024.", "gcp", False),
    ("SKILLS\nPython, PyTorch, Docker, GCP (Google Cloud Platform), BigQuery.", "gcp", True),
    ("SKILLS\nPython, PyTorch, Docker, GCP (Vertex AI), BigQuery.", "gcp", True),  # brackets that spell nothing out
])
def test_an_acronym_spelled_out_as_something_else_is_not_the_skill(mentions, text, skill, held):
    m = _of(mentions(text), skill)
    assert (m.status == "held") is held
    if not held:
        assert m.rule == "placement.spelled_out"


def test_student_work_is_not_years_of_experience(today):
    # An internship, and an assistant post held during a master's, are part of studying.
    text = ("EXPERIENCE\nMachine Learning Engineer, Acme, 2021 - 2025\n- Built ranking models in PyTorch.\n"
            "Machine Learning Intern, Beta Labs, Jun 2020 - Sep 2020\n- Trained CNNs in PyTorch.\n"
            "Research Assistant, Vision Lab, 2018 - 2020\n- Stereo matching with OpenCV.\n"
            "EDUCATION\nMTech Computer Science, Coimbatore Institute, 2018 - 2020\n")
    assert analyze_text(text, today=today).seniority.years_experience == pytest.approx(4.0, abs=0.15)


def test_an_assistant_post_after_graduating_is_a_job(today):
    text = ("EXPERIENCE\nResearch Assistant, Vision Lab, 2020 - 2022\n- Stereo matching with OpenCV.\n"
            "EDUCATION\nMSc Computer Science, Rio University, 2018 - 2020\n")
    assert analyze_text(text, today=today).seniority.years_experience == pytest.approx(2.0, abs=0.15)


def test_research_posts_are_years_in_the_field(today):
    # A research CV names its skills in its themes and papers, not in each post's line.
    text = ("Ana Lima\nRESEARCH INTERESTS\nReinforcement learning and deep learning for robot control.\n"
            "POSITIONS\nPostdoctoral Researcher, Example Lab, 2023 - present\nPhD Student, Example University, "
            "2019 - 2023\nPROJECTS\n- Model-based RL in PyTorch with JAX baselines; policy gradients on MuJoCo.\n")
    seniority = analyze_text(text, today=today).seniority
    # The postdoc in full, the doctorate's four years at half (research ladders start after it).
    assert seniority.relevant_years == pytest.approx(2026 + 10 / 12 - 2023 + 0.5 * 4, abs=0.15)


def test_a_theorists_posts_count_with_papers_at_the_fields_venues(today):
    # Posts by title only, one field skill in the themes, papers at NeurIPS and COLT.
    text = ("Ana Lima\nRESEARCH INTERESTS\nStatistical learning theory: generalisation bounds.\n"
            "POSITIONS\nProfessor, Example University, 2016 - present\n"
            "PUBLICATIONS\nA. Lima. Stability of stochastic mirror descent. COLT 2019.\n"
            "A. Lima. Compression in distributed optimisation. NeurIPS 2024.\n"
            "A. Lima. Implicit regularisation of SGD. ICML 2022.\n")
    assert analyze_text(text, today=today).seniority.relevant_years == pytest.approx(
        2026 + 10 / 12 - 2016, abs=0.15)
    without_venues = (text.replace("COLT 2019", "Annals of Statistics, 2019").replace("NeurIPS 2024", "SIAM J. 2024")
                      .replace("ICML 2022", "Bernoulli, 2022"))
    assert analyze_text(without_venues, today=today).seniority.relevant_years in (0.0, None)


def test_research_posts_named_in_other_languages_count(today):
    text = ("Ana Lima\nRESEARCH\nComputer vision: semantic segmentation of satellite images with U-Net and "
            "transfer learning in PyTorch.\nPOSITIONS\n2019 - present  Profesora Asociada, Universidad Example\n"
            "2015 - 2019  Ma\u00eetre de conf\u00e9rences, Universit\u00e9 Example\n")
    assert analyze_text(text, today=today).seniority.relevant_years == pytest.approx(2026 + 10 / 12 - 2015, abs=0.15)


@pytest.mark.parametrize("later, earlier", [
    ("RTD-B, Physics, University of Pisa", "Assegno di ricerca, INFN Pisa"),  # Italian posts by their short names
    ("Juniorprofessorin, TU Example", "Assegnista, INFN Pisa"),
    ("東京大学 准教授", "京都大学 助教"),  # Japanese posts, written without spaces
])
def test_research_posts_by_their_short_or_local_names_count(today, later, earlier):
    text = ("Ana Lima\nRESEARCH\nComputer vision: semantic segmentation of satellite images with U-Net and "
            f"transfer learning in PyTorch.\nPOSITIONS\n2019 - present  {later}\n2015 - 2019  {earlier}\n")
    assert analyze_text(text, today=today).seniority.relevant_years == pytest.approx(2026 + 10 / 12 - 2015, abs=0.15)


def test_feminine_and_doctoral_posts_in_french_count_and_a_doctorat_is_a_doctorate(today):
    text = ("Ana Lima\nRESEARCH\nComputer vision: semantic segmentation of satellite images with U-Net and "
            "transfer learning in PyTorch.\nCURRENT POSITION\ndepuis sept. 2014   Ma\u00eetresse de conf\u00e9rences, "
            "Universit\u00e9 Example\nPARCOURS / CAREER\n"
            "oct. 2011 \u2013 sept. 2014   Post-doctorante, Institut Example\n"
            "oct. 2008 \u2013 sept. 2011   Doctorante, Universit\u00e9 Example\n"
            "FORMATION / EDUCATION\n2011   Doctorat en informatique, Universit\u00e9 Example\n")
    seniority = analyze_text(text, today=today).seniority
    assert seniority.relevant_years == pytest.approx(2026 + 10 / 12 - (2008 + 9 / 12), abs=0.15)
    assert "phd" in seniority.signals


def test_a_doctorate_counts_in_the_years_of_work(today):
    text = ("Ana Lima\nEXPERIENCE\nPostdoctoral Researcher, Example Lab, 2023 - present\n"
            "- Reinforcement learning in PyTorch; policy gradients on MuJoCo.\n"
            "EDUCATION\nPhD Computer Science, Example University, 2019 - 2023\n")
    assert analyze_text(text, today=today).seniority.years_experience == pytest.approx(2026 + 10 / 12 - 2019, abs=0.15)


def test_a_publishing_candidate_in_a_fourth_year_of_doctoral_research_is_mid(today):
    # The doctorate's dates are unreadable in the education ("Mar 2022 - (expected ...)"); its
    # post in the experience dates it.
    text = ("Ana Lima\nEDUCATION\nPh.D. in Computer Science, Example University   Mar 2022 \u2013 (expected soon)\n"
            "RESEARCH EXPERIENCE\nDoctoral research, Example University   2022 \u2013 present\n"
            "- Graph neural networks in PyTorch Geometric; a graph transformer encoder in JAX.\n"
            "PUBLICATIONS\nA. Lima. Subgraph message passing. NeurIPS 2024.\nA. Lima. Routing with GNNs. ICLR 2025.\n")
    assert analyze_text(text, today=today).seniority.level == "mid"


def test_a_biologists_years_of_papers_make_no_mid_level_ml_person(today):
    text = ("Ana Lima\nEDUCATION\nPhD in Biology, Example University, 2008 - 2013\n"
            "POSITIONS\nResearch Fellow, Marine Lab, 2013 - present\n- Coral reef surveys and field sampling.\n"
            "PUBLICATIONS\nA. Lima. Coral bleaching in 2016. Marine Ecology, 2017.\n")
    assert analyze_text(text, today=today).seniority.level == "junior"


def test_a_chemists_research_posts_are_not_ml_years(today):
    text = ("Ana Lima\nPOSITIONS\nPostdoctoral Researcher, Chemistry Lab, 2023 - present\n"
            "- Density functional theory of copper enzymes.\n")
    assert analyze_text(text, today=today).seniority.relevant_years in (0.0, None)


def test_a_job_under_a_field_roles_name_showing_one_field_skill_is_years_in_the_field(today):
    # One field skill is enough in a job held under a field role's name; a developer's job naming
    # one field skill is not the field's years.
    text = ("Ana Lima\nEXPERIENCE\nSenior Data Scientist, Example Corp, 2022 - 2026\n"
            "- Wrote papers and blog posts on natural language processing.\n"
            "Backend Developer, Other Corp, 2016 - 2022\n- Invoices, and a talk on natural language processing.\n")
    assert analyze_text(text, today=today).seniority.relevant_years == pytest.approx(4.0, abs=0.15)


def test_a_doctorate_dated_on_a_line_of_its_own_counts(today):
    # The same CV as a PDF ("Ph.D. ... | Sep 2021 - Present") and as text (dates below the name).
    text = ("Ana Lima\nPROJECTS\n- Model-based RL in PyTorch; policy gradients on MuJoCo.\n"
            "EDUCATION\nPh.D. Computer Science\nExample University\nSep 2021 - Present\n"
            "B.Tech. Computer Science\nExample Institute\nJul 2016 - May 2020\n")
    assert analyze_text(text, today=today).seniority.relevant_years == pytest.approx(
        0.5 * (2026 + 10 / 12 - 2021 - 8 / 12), abs=0.15)


@pytest.mark.parametrize(("education", "finished"), [
    ("PhD in Computer Science, Example University, 2016 - 2021", True),
    ("Ph.D. Computer Science\nExample University, 2015", True),
    ("PhD in Computer Science, Example University, 2022 - present", False),
    ("PhD candidate, Computer Science, Example University (expected 2027)", False),
    ("PhD in Computer Science, Example University, 2024 - 2028", False),
    ("MSc Computer Science, Example University, 2018; co-supervised two PhD students", False),
])
def test_the_phd_signal_is_a_finished_doctorate(today, education, finished):
    # A PhD student's or supervisor's "PhD" does not raise the level; a finished doctorate does.
    text = ("Ana Lima\nEXPERIENCE\nML Engineer, Example Corp, 2021 - 2024\n- PyTorch and scikit-learn models.\n"
            f"EDUCATION\n{education}\n")
    assert ("phd" in analyze_text(text, today=today).seniority.signals) is finished


def test_an_employer_named_a_co_op_is_not_an_internship(today):
    text = ("EXPERIENCE\nData Engineer\nWillamette Energy Co-op, Salem, OR\nAug 2019 - Jan 2023\n"
            "- Batch pipelines in Python and Airflow.\n")
    assert analyze_text(text, today=today).seniority.years_experience == pytest.approx(3.4, abs=0.15)


def test_supervised_students_topics_are_their_work_but_supervising_is_mentoring(today):
    text = ("Ana Lima\nProfessor of Computer Science\nEXPERIENCE\nProfessor, Example University, 2015 - present\n"
            "- Deep learning for speech recognition in PyTorch.\nDOCTORAL SUPERVISION\n"
            "- B. Osei (2023): federated learning for wearable sensors.\n- Supervised six PhD students.\n")
    result = analyze_text(text, today=today)
    held = {s.id for s in result.skills}
    rejected = {m.id: m.reason for m in result.rejected}
    assert rejected.get("federated_learning") == "others_work" and "federated_learning" not in held
    assert "mentoring" in held  # supervising is the person's own soft skill
    assert "speech_recognition" in held


def test_a_research_cv_summary_is_its_work_when_papers_back_it(today):
    papers = "".join(f"A. Lima, B. Osei. Paper number {i} on temporal graphs. NeurIPS {2020 + i}.\n" for i in range(4))
    text = ("Ana Lima\nDoctoral researcher\nRESEARCH SUMMARY\nMy thesis develops graph neural networks in PyTorch "
            "for temporal graphs and link prediction.\nTEACHING\nTA, Algorithms (BSc), 2023\nPUBLICATIONS\n" + papers)
    evidence = analyze_text(text, today=today).to_dict()["fit"]["evidence"]
    assert {"graph_neural_networks", "pytorch"} <= set(evidence)
    # Without the papers, the same summary is a claim only.
    assert analyze_text(text.split("PUBLICATIONS")[0], today=today).to_dict()["fit"]["evidence"] == []


@pytest.mark.parametrize("summary, shown", [
    ("My thesis develops graph neural networks in PyTorch for temporal graphs.", True),
    # a claim of knowledge is no work, however the sentence goes on ("e.g." does not end it)
    ("I have a comprehensive knowledge of statistical methods, e.g. regression, and of newer algorithms such "
     "as graph neural networks in PyTorch.", False),
    ("Ecologist with expertise in graph neural networks and PyTorch.", False),
    ("I know ecology well. My thesis develops graph neural networks in PyTorch.", True),  # another sentence
])
def test_a_claim_of_knowledge_in_a_research_summary_is_no_work_shown(today, summary, shown):
    papers = "".join(f"A. Lima, B. Osei. Paper number {i} on temporal graphs. NeurIPS {2020 + i}.\n" for i in range(4))
    text = f"Ana Lima\nDoctoral researcher\nRESEARCH SUMMARY\n{summary}\nPUBLICATIONS\n" + papers
    evidence = set(analyze_text(text, today=today).to_dict()["fit"]["evidence"])
    assert ({"graph_neural_networks", "pytorch"} <= evidence) is shown


@pytest.mark.parametrize("post, shown", [
    ("EDUCATION\nPh.D. in Computer Science, Acme University, 2023 - present\n", True),  # a doctorate under way
    ("EXPERIENCE\nAssistant Professor, Acme University, 2024 - present\n", True),  # a research post held now
    ("EXPERIENCE\nPostdoctoral Fellow, Acme University, 2015 - 2018\nData Analyst, Beta, 2018 - present\n",
     False),  # a research post held once: the summary is no longer research
    ("EDUCATION\nPh.D. in Computer Science, Acme University, 2015 - 2019\n", False),  # a finished doctorate
])
def test_a_research_post_held_now_makes_the_research_summary_shown(today, post, shown):
    text = ("Ana Lima\nRESEARCH INTERESTS\nQuestion answering, information retrieval and retrieval-augmented "
            f"generation.\n{post}TEACHING\nTA, Algorithms (BSc), 2022\n")
    evidence = set(analyze_text(text, today=today).to_dict()["fit"]["evidence"])
    assert bool(evidence & {"question_answering", "information_retrieval", "rag"}) is shown


@functools.cache
def _sixteen_words():
    return spacy.blank("en")(" ".join("w" * 16))  # made once: a blank pipeline takes a tenth of a second


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 3), st.integers(0, 12), st.integers(1, 4)), max_size=12))
def test_longest_first_is_spacys_filter_spans(raw):
    """The matcher filters (key, start, end) tuples as spaCy's filter_spans filters Spans."""
    from spacy.tokens import Span
    from spacy.util import filter_spans

    doc = _sixteen_words()
    matches = [(doc.vocab.strings.add(f"k{k}"), start, start + n) for k, start, n in raw]
    expected = [(s.label, s.start, s.end) for s in filter_spans([Span(doc, s, e, label=k) for k, s, e in matches])]
    assert _matcher._longest_first(matches) == expected


@pytest.mark.parametrize("line", [
    "I study sixteenth-century instrumental ensembles and their players.",  # the plural of a term
    'Brass band transformers (amateur arrangers who "transformed" opera numbers) spread repertoire.',
])
def test_an_everyday_sense_is_not_vouched_for_by_its_plural_or_a_near_spelling(today, line):
    text = f"Ana Lima\nMusicologist\nEXPERIENCE\nLecturer in Music, Example University, 2015 - present\n- {line}\n"
    held = {s.id for s in analyze_text(text, today=today).skills}
    assert not held & {"ensemble_methods", "transformers"}


@pytest.mark.parametrize(("line", "skill"), [
    ("Took the models from notebook to scheduled batch scoring.", "model_deployment"),
    ("Monthly checks of input drift on the scoring features.", "data_drift"),
    ("Fitted generalised linear models (Poisson frequency, gamma severity) for the tariff.", "statistical_modeling"),
    ("Built a text-to-speech model with diffusion decoders for our voices.", "speech_synthesis"),
    ("Trained vision-language models for robot manipulation.", "multimodal_learning"),
])
def test_ml_work_told_in_plain_words_is_found(mentions, line, skill):
    assert _of(mentions(f"EXPERIENCE\nData Scientist, Acme, 2019 - 2024\n- {line}"), skill).status == "held"


def test_the_topic_of_the_persons_own_first_author_paper_is_their_work(mentions):
    text = ("Ingrid Achterberg\nPostdoctoral fellow\n\nPUBLICATIONS\n"
            "1. **I. Achterberg**, H. Desrosiers. *Sparse features of large language\n"
            "   models of different sizes.* ICLR 2026.\n"
            "2. M. Okeke, **I. Achterberg**. *Probing classifiers in vision transformers.* ICML 2025.\n")
    found = mentions(text)
    assert _of(found, "llms").status == "held"  # her first-author paper
    assert _of(found, "transformers").reason == "publication_title"  # another's paper she co-wrote


def test_a_first_author_in_vancouver_style_is_the_person(mentions):
    # "Surname Initials," without full stops, as medical and life-science CVs list authors
    text = ("Ingrid Achterberg\nPostdoctoral fellow\n\nPUBLICATIONS\n"
            "Achterberg I, Desrosiers H. Sparse features of large language models. ICLR. 2026.\n"
            "Okeke M, Achterberg I. Probing classifiers in vision transformers. ICML. 2025.\n")
    found = mentions(text)
    assert _of(found, "llms").status == "held"
    assert _of(found, "transformers").reason == "publication_title"


@pytest.mark.parametrize("line, skill, held", [
    ("- How recurrent neural networks of real neurons in area CA3 replay memories.", "rnn", False),
    ("- Two-photon imaging of hippocampal neural networks across weeks.", "neural_networks", False),
    ("- Trained recurrent neural networks in PyTorch for speech recognition.", "rnn", True),
])
def test_networks_of_real_neurons_are_no_neural_networks(mentions, line, skill, held):
    found = _of(mentions(f"EXPERIENCE\nResearcher, Brain Lab, 2019 - 2024\n{line}"), skill)
    assert (found.status == "held") is held


@pytest.mark.parametrize("line", ["Dottorato di ricerca in Informatica, 2015", "Doutorado em Computação, 2018",
                                  "Doctorat en informatique, 2011", "PhD Computer Science, 2019",
                                  "2015–2018 Doctor of Philosophy, Computer Science", "Doctor of Engineering, 2009"])
def test_a_doctorate_is_found_in_other_languages(line):
    from gapcheck.profile import _phd

    assert _phd(line)


@pytest.mark.parametrize("line", ["Doctor of Medicine, 2012", "Juris Doctor, 2015", "Doctor of Pharmacy, 2018",
                                  "Honorary Doctor of Science, Lakeshore University, 2022",
                                  "Doctor of Science in Physical Therapy, 2016",
                                  "Doctor of Engineering Technology, 2019"])
def test_a_professional_doctorate_is_no_research_doctorate(line):
    from gapcheck.profile import _phd

    assert not _phd(line)


@pytest.mark.parametrize("line, skill", [
    ("Ran eye examinations for computer vision syndrome at two offices.", "computer_vision"),
    ("Thesis: Galaxy clustering at redshift 1-2 from deep surveys", "clustering"),
    ("Wrote acquisition functions for self-driving laboratories in chemistry.", "autonomous_vehicles"),
    ("Led invasive Burmese python monitoring in freshwater marshes.", "python"),
    # The phrase's words may be parted by a line break, as a narrow column wraps them.
    ("Compared students' deep learning and surface\n  learning approaches in first-year physics.", "deep_learning"),
    ("Proved minimax rates for kernel mean embeddings of conditional distributions.", "word_embeddings"),
    ("Modelled drug release from gels with Gaussian chain statistics and rubber elasticity.", "statistics"),
    ("Designed consensus controllers for drone swarms under communication delays.", "communication"),
    # an ensemble in forecasting and in physics or chemistry is a set of model runs or states
    ("Interpreted ensemble forecasts from the national weather service for clients.", "ensemble_methods"),
    ("Pooled predictions over conformer ensembles of each molecule.", "ensemble_methods"),
    ("Sampled the grand canonical ensemble with Monte Carlo moves.", "ensemble_methods"),
])
def test_a_skill_term_inside_a_longer_name_of_something_else_never_counts(mentions, line, skill):
    # Even beside the field's own work (PyTorch, a CNN) in the same entry: the phrase names another thing.
    found = mentions(f"EXPERIENCE\nEngineer, 2019 - 2024\n- Trained CNNs in PyTorch and scikit-learn models.\n- {line}")
    assert (_of(found, skill).reason, _of(found, skill).rule) == ("ambiguous", "taxonomy.other_sense")


def test_the_same_term_outside_the_longer_name_counts(mentions):
    found = mentions("EXPERIENCE\nEngineer, 2019 - 2024\n- Built computer vision models for shelf audits in PyTorch.")
    assert _of(found, "computer_vision").status == "held"


@pytest.mark.parametrize("line, skill", [
    ("Built the daily retraining job and the checks that stop a bad model from going live.", "model_retraining"),
    ("Retrained the deterioration model twice after drift alerts.", "model_retraining"),
    ("Chose boosted decision trees after comparing them with a linear model.", "gradient_boosting"),
    ("Tested changes by splitting districts into test and control groups for two weeks.", "ab_testing"),
    ("Replaced a formula with a model that learns from 30 million past deliveries.", "machine_learning"),
])
def test_ml_work_told_in_plain_words(mentions, line, skill):
    assert _of(mentions(f"EXPERIENCE\nSoftware Engineer, Acme, 2019 - 2024\n- {line}"), skill).status == "held"


@pytest.mark.parametrize("line, held", [
    ("Morphology-aware tokenisation for Turkish LLMs. ACL 2025.", True),
    ("Findings of ACL: cross-lingual transfer for relation extraction.", True),
    ("Cross-lingual speech models. Interspeech 2024.", True),
    ("Ran return-to-play programmes after ACL reconstruction for 40 athletes.", False),
    ("Rewrote the ACL rules on the core routers.", False),
])
def test_the_fields_venues_and_acl_beside_a_papers_words(mentions, line, held):
    found = [m for m in mentions(f"PUBLICATIONS\n{line}") if m.skill_id == "top_venue_publications"]
    assert any(m.status == "held" for m in found) is held


@pytest.mark.parametrize("venue", [
    "Advances in Neural Information Processing Systems 36",
    "Proceedings of the 40th International Conference on Machine Learning",
    "Proceedings of the IEEE/CVF Conference on Computer Vision and Pattern Recognition",
    "Proceedings of the 61st Annual Meeting of the Association for Computational Linguistics",
    "Conference on Learning Theory",
    "Medical Image Computing and Computer-Assisted Intervention",
])
def test_a_venue_spelled_out_in_a_bibliography_is_the_venue_not_its_words(mentions, venue):
    found = mentions(f"PUBLICATIONS\nA. Lima, B. Osei. Sparse attention for long sequences. In {venue}, 2023.")
    assert {m.skill_id for m in found if m.status == "held"} == {"top_venue_publications"}


def test_going_to_a_venue_is_no_paper_there(today):
    """Papers at the field's venues are shown in the publications, not by a visit or a volunteer's post."""
    base = ("Ana Lima\nEXPERIENCE\nResearch Scientist, Acme Labs, 2019 - present\n- Built Gaussian process models.\n"
            "- {line}\n")
    for line, shown in (("Attended NeurIPS 2023.", False), ("Volunteer at the ICML 2024 registration desk.", False)):
        evidence = analyze_text(base.format(line=line), today=today).to_dict()["fit"]["evidence"]
        assert ("top_venue_publications" in evidence) is shown
    papers = base.format(line="Wrote the models up.") + "PUBLICATIONS\nA. Lima. Sparse GPs. NeurIPS 2023.\n"
    assert "top_venue_publications" in analyze_text(papers, today=today).to_dict()["fit"]["evidence"]


def test_lines_under_an_entry_that_opens_with_its_dates_are_its_work(today):
    """In a date-first layout ("2021 - present  ML Engineer, Acme"), the lines under the entry are its
    description, not the header of the entry below."""
    text = ("Beatriz Costa\nEXPERIENCE\n2021 - present  Machine Learning Engineer, Pampa Foods, Lisbon\n"
            "                Demand forecasting with gradient boosting; model deployment\n"
            "                with Docker and MLflow; Python, SQL\n2017 - 2021     Data Analyst, Pampa Foods\n")
    held = {s.id for s in analyze_text(text, today=today).skills if s.proficiency == "strong"}
    assert {"gradient_boosting", "mlflow", "docker"} <= held


def test_an_economists_econometrics_is_no_evidence_of_ml_work(today):
    text = ("Paul Whitaker\nEXPERIENCE\nProfessor of Economics, Acme University, 2017 - present\n"
            "- Econometrics of inflation; time series forecasting in Stata.\n"
            "PUBLICATIONS\nP. Whitaker. Inflation expectations. Econometrica, 2023.\n")
    fit = analyze_text(text, today=today).to_dict()["fit"]
    assert "econometrics" not in fit["evidence"] and fit["status"] != "fit"


def test_a_phrase_of_another_sense_never_counts_even_in_an_ml_cv(today):
    """"step-up transformers" are electrical transformers even in an ML engineer's CV, where the
    other sense of a bare "transformers" would be vouched for."""
    text = ("Ana Lima\nEXPERIENCE\nML Engineer, Acme Wind, 2019 - present\n- Built PyTorch transformer models, "
            "XGBoost pipelines and LLM fine-tuning; served models with MLflow on Kubernetes.\n"
            "- Substation step-up transformers are the electrical team's assets.\n")
    result = analyze_text(text, today=today)
    assert any(m.id == "transformers" and "step-up" in m.evidence.text for m in result.rejected)


@pytest.mark.parametrize(("line", "skill"), [
    # a hyphenated compound keeps the other senses of its spaced term
    ("Recorded neural-network activity in hippocampal slices with multi-electrode arrays.", "neural_networks"),
    ("Interpreted ensemble-forecasts from the national weather service for clients.", "ensemble_methods"),
])
def test_a_hyphenated_compound_keeps_its_terms_other_senses(mentions, line, skill):
    found = mentions(f"EXPERIENCE\nResearcher, Lowmoor University, 2019 - 2023\n- {line}")
    assert (_of(found, skill).reason, _of(found, skill).rule) == ("ambiguous", "taxonomy.other_sense")


def _profile(text, taxonomy, today):
    """The profile of ``text``, as build_profile makes it from its mentions."""
    ndoc = split_sections(text)
    return build_profile(ndoc, find_mentions(ndoc, taxonomy), taxonomy, today=today)


@pytest.mark.parametrize("address", ["ana.mlengineer@mailbox.org", "linkedin.com/in/ana-data-scientist"])
def test_a_role_name_inside_an_address_is_no_title(taxonomy, today, address):
    profile = _profile(f"Ana Ruiz\n{address}\n\nEXPERIENCE\nSenior Analyst, Acme, 2019 - present\n"
                       "- Fraud models with XGBoost.", taxonomy, today)
    assert profile.title_roles == ()


@pytest.mark.parametrize("papers, share", [
    # the year closes each paper; a paper over three lines is one paper
    ("A. Lima, B. Ode. Deep learning for soil maps.\nJ. Soils, 2021.\nA. Lima. Clay swelling.\nGeotechnique, 2022.\n"
     "A. Lima. Pile settlement. Can. Geotech. J., 2023.", (1, 3)),
    # the year opens each paper, and the title of the second is on its next line
    ("2021. A. Lima. Clay swelling. Geotechnique.\n2022. A. Lima, B. Ode.\nRandom forests for landslide maps.\n"
     "2023. A. Lima. Pile settlement.", (1, 3)),
    # a venue of the field's papers is the field's paper, though its title names no skill
    ("A. Lima. Margins of sparse classifiers. NeurIPS 2022.\nA. Lima. Clay swelling. Geotechnique, 2023.", (1, 2)),
    # a paper of another field
    ("A. Lima. Clay swelling. Geotechnique, 2023.", (0, 1)),
])
def test_paper_share_counts_the_papers_that_show_the_fields_skills(taxonomy, today, papers, share):
    profile = _profile(f"Ana Lima\nPUBLICATIONS\n{papers}\nSKILLS\nPython", taxonomy, today)
    assert profile.paper_share == share


@pytest.mark.parametrize("education, beyond", [
    ("PhD in Geotechnics, 2014 - 2018\nThesis: Deep learning for landslide susceptibility maps", True),
    # the degree's full name, and a thesis on a family of the field's models
    ("2014 - 2018 Doctor of Philosophy, Computer Science\nThesis: Influence between dynamic Bayesian networks",
     True),
    # a master's thesis is not the doctorate's research
    ("PhD in Geotechnics, 2014 - 2018\nMSc in Civil Engineering, 2012 - 2014\n"
     "Thesis: Deep learning for landslide susceptibility maps", False),
])
def test_the_doctorates_research_shows_the_field_beyond_the_papers(taxonomy, today, education, beyond):
    profile = _profile(f"Ana Lima\nEDUCATION\n{education}\nSKILLS\nPython", taxonomy, today)
    assert profile.field_beyond_papers is beyond


def test_paper_share_reads_each_papers_topic_whoever_its_first_author(taxonomy, today):
    # a lab head's papers, first-authored by the students: the record is the field's all the same
    papers = "\n".join(f"B. Ode{k}, A. Lima. Deep learning for soil maps, part {k}. J. Soils, 20{10 + k}."
                       for k in range(1, 7))
    profile = _profile(f"Ana Lima\nPUBLICATIONS\n{papers}\nSKILLS\nPython", taxonomy, today)
    assert profile.paper_share == (6, 6)
    assert "deep_learning" not in profile.shown  # the titles are still not her own work


@pytest.mark.parametrize("below, post_roles", [
    ("ML ENGINEER", ("ml_engineer",)),  # the title on the line under the employer and dates
    ("Machine Learning Engineer", ("ml_engineer",)),
    ("Built ML Engineer tooling.", ()),  # a sentence is the job's description
])
def test_a_jobs_title_on_the_line_under_its_dates(taxonomy, today, below, post_roles):
    profile = _profile(f"Ana Lima\nEXPERIENCE\nAcme | Oslo 2019 - 2024\n{below}\n- Served models.\n", taxonomy, today)
    assert profile.post_roles == post_roles


@pytest.mark.parametrize("line, held", [
    ("A. Lima, B. Ode. Heavy tails in best-arm identification. COLT 2023.", True),
    ("Restored a COLT revolver and two rifles for the museum.", False),  # the firearms maker
])
def test_colt_is_a_venue_beside_a_papers_words_or_year(mentions, line, held):
    found = [m for m in mentions(f"Ana Lima\nPUBLICATIONS\n{line}\n") if m.skill_id == "top_venue_publications"]
    assert any(m.status == "held" for m in found) is held


@pytest.mark.parametrize("topic, skill", [
    ("Regret bounds for online convex optimization", "ml_theory"),
    ("Rademacher complexity of deep networks", "ml_theory"),
    ("Best-arm identification with delayed feedback", "multi_armed_bandits"),
])
def test_learning_theory_topics_by_the_names_papers_use(mentions, topic, skill):
    found = mentions(f"Ana Lima\nEXPERIENCE\nResearcher, Acme, 2020 - 2024\n- {topic}.\n")
    assert any(m.skill_id == skill and m.status == "held" for m in found)


def test_a_doctorates_line_may_open_with_dates_to_today(taxonomy, today):
    ndoc = split_sections("Ana Lima\nEDUCATION\nDecember 2021 - Today | PhD student in machine learning, INRIA\n")
    profile = build_profile(ndoc, find_mentions(ndoc, taxonomy), taxonomy, today=today)
    assert "machine_learning" in profile.shown  # the doctorate's subject is its research


@pytest.mark.parametrize("name, paper, own", [
    # a short surname is a surname ("Fu", "Li", "Ng")
    ("Deqing Fu", "D. Fu, R. Jia. Sparse features of large language models. ICLR 2026.", True),
    # authors marked as sharing the first authorship, the person among them
    ("Deqing Fu", "Ye*, Qilin, Fu*, Deqing, Jia, Robin. Sparse features of large language models. ICLR 2026.", True),
    ("Deqing Fu", "R. Ye\u2020, D. Fu\u2020, R. Jia. Sparse features of large language models. ICLR 2026.", True),
    # marked authors without the person, or the person unmarked
    ("Deqing Fu", "Ye*, Qilin, Li*, Wei, Fu, Deqing. Sparse features of large language models. ICLR 2026.", False),
])
def test_short_surnames_and_shared_first_authorship(mentions, name, paper, own):
    found = _of(mentions(f"{name}\nPhD candidate\n\nPUBLICATIONS\n{paper}\n"), "llms")
    assert (found.status == "held") is own


@pytest.mark.parametrize("authors, own", [
    ("Deqing Fu, Robin Jia, Qilin Ye", True),  # the person first on the line under the title
    ("Robin Jia, Deqing Fu, Qilin Ye", False),  # another first author
])
def test_an_entry_that_opens_with_its_title_has_its_authors_below(mentions, authors, own):
    """(An entry that opens with a list of full names is not one: see the test below.)"""
    text = (f"Deqing Fu\nPhD candidate\n\nPUBLICATIONS\n- Sparse features of large language models\n{authors}\n"
            "ICLR 2026\n")
    assert (_of(mentions(text), "llms").status == "held") is own


def test_reservoir_computing_is_a_recurrent_network(mentions):
    # an applied mathematician's thesis: "neural networks" in its other sense (a brain's) needs ML beside it
    text = ("EDUCATION\nPhD in Applied Mathematics, Bath, 2017 - 2021. Thesis on neural networks and dynamical "
            "systems; focus on echo state networks and reservoir computing.\n")
    found = mentions(text)
    assert _of(found, "rnn").status == "held" and _of(found, "neural_networks").status == "held"


def test_a_venues_acronym_counts_in_its_own_capitals_or_all_capitals(mentions):
    held = {m.skill_id for m in mentions("Published at RecSys 2023 and NEURIPS 2021.") if m.status == "held"}
    assert "top_venue_publications" in held
    # "a recsys prototype" is a recommender system, not the conference
    assert "top_venue_publications" not in {m.skill_id for m in mentions("Built a recsys prototype for the shop.")}


def test_a_middle_author_on_an_author_lists_second_line_is_not_first(mentions):
    text = ("Deqing Fu\nPhD candidate\n\nPUBLICATIONS\n[1] Ana Lima, Bo Chen, Dana Ruiz, Eve Park,\n"
            "Deqing Fu, Qilin Ye, and Max Po.\nSparse features of large language models. NAACL 2021.\n")
    assert _of(mentions(text), "llms").status == "rejected"


_UNBULLETED = ("PUBLICATIONS\n"
               "Deqing Fu, Robin Jia, Qilin Ye. \"Sparse features of large language models.\" ICLR 2026.\n"
               "Robin Jia, Deqing Fu. \"Probing classifiers in vision transformers.\" ICML 2025.\n"
               "Deqing Fu, Qilin Ye. \"Reward models for dialogue.\" ACL 2024.\n")


@pytest.mark.parametrize("head", ["Deqing Fu\nPhD candidate\n\n", "CV\n\n"])
def test_an_unbulleted_list_of_full_names_opens_each_entry(mentions, head):
    """Entries that open with full names and no bullet or number are entries; with no name on
    top ("CV", a website's page) the person is the one name on every paper of the list."""
    found = mentions(head + _UNBULLETED)
    assert _of(found, "llms").status == "held"  # the person's first-author paper
    assert _of(found, "transformers").reason == "publication_title"  # another first author's


def test_a_single_author_before_the_year_opens_an_entry(mentions):
    # author-date style: "Surname, I. (2023)." with no co-author's comma after the initial
    text = ("Tavita Faleo\nLecturer\n\nPUBLICATIONS\nJia, R. & Faleo, T. (2024). Probing classifiers in vision\n"
            "transformers. Language 100.\nFaleo, T. (2023). Sparse features of large language models.\n"
            "Cognition 12.\n")
    found = mentions(text)
    assert _of(found, "llms").status == "held"  # her own, not the line after the first entry
    assert _of(found, "transformers").reason == "publication_title"


def test_a_venues_second_line_is_no_list_of_names():
    from gapcheck._authors import own_lines

    ndoc = split_sections("Deqing Fu\nPhD candidate\n\nPUBLICATIONS\nDeqing Fu, Robin Jia (2022). A benchmark of "
                          "glacier maps. ISPRS Journal of\nPhotogrammetry and Remote Sensing.\n")
    venue = next(tl.number for tl in ndoc.lines if tl.text.startswith("Photogrammetry"))
    assert venue in own_lines(ndoc)  # the person's own paper's venue, not an entry of "Photogrammetry"


@pytest.mark.parametrize("first, held", [("P. Ode, D. Fell", True), ("D. Fell, P. Ode", False)])
def test_a_title_above_its_year_and_authors_in_initials_is_the_first_authors(mentions, first, held):
    # title / year / authors in initials: the author line is the title's own, not the next entry's
    text = (f"Priya Ode\nResearch Fellow\n\nSELECTED PUBLICATIONS\nTransformer models for prostate lesion "
            f"grading\n2025\n{first}. MICCAI 2025.\nCardiac MRI registration with shape priors\n2024\n"
            "P. Ode, A. Bran. Medical Image Analysis, 92.\n")
    assert (_of(mentions(text), "transformers").status == "held") is held


def test_a_cv_title_on_top_is_no_name(mentions):
    text = "Curriculum Vitae\n\n" + _UNBULLETED
    assert _of(mentions(text), "llms").status == "held"  # the one name on every paper is the person's


_TITLED = ("Kasia Holm\n\nEXPERIENCE\n{title}, Voxhavn ApS, Copenhagen\nFebruary 2021 - Present\n"
           "- Fine-tuned Whisper on 6,000 hours of call-centre audio; word error rate fell to 9.5%.\n"
           "- Trained a streaming ASR model from scratch in NeMo for on-premise customers.\n")


@pytest.mark.parametrize("title, held", [
    ("Senior Machine Learning Engineer", True),  # a post under the field's name: its words are the field's
    ("Senior Support Engineer", False),  # no title and no method beside them: their other senses
    ("Founder and viola, Fulda Quartet Ensemble", False),  # a title's own word of another sense vouches for none
    ("Senior Technical Recruiter, Machine Learning", False),  # the field's words, but no role of it
    ("Optometrist, Computer Vision Syndrome Clinic", False),
    # a field role's complete head (title and year) ends where the next job's head begins
    ("Machine Learning Engineer, Nordlys, 2023 - 2024\nSupport Engineer", False),
])
def test_an_entry_under_a_field_title_vouches_for_words_of_other_senses(mentions, title, held):
    found = mentions(_TITLED.format(title=title))
    assert (_of(found, "speech_recognition").status == "held") is held
    assert (_of(found, "fine_tuning").status == "held") is held


@pytest.mark.parametrize("team, held", [
    ("Voice Products Group", True),  # an undated line under a complete head is its team's
    ("Support Engineer, Nordlys ApS\nMarch 2019 - January 2021", False),  # a dated head is the next job's
])
def test_a_team_line_under_a_field_title_is_still_its_entry(mentions, team, held):
    # (only under dates on a line of their own: "Barista, Kaffebar Nord" after a one-line head is a job)
    text = (f"Kasia Holm\n\nEXPERIENCE\nMachine Learning Engineer\nFebruary 2021 - Present\n{team}\n"
            + _TITLED.split("Present\n", 1)[1])
    assert (_of(mentions(text), "speech_recognition").status == "held") is held


def test_an_undated_job_after_a_one_line_field_head_is_its_own(mentions):
    text = ("Kasia Holm\n\nEXPERIENCE\nData Scientist, Voxhavn ApS, 2021 - Present\nBarista, Kaffebar Nord\n"
            + _TITLED.split("Present\n", 1)[1])
    assert _of(mentions(text), "speech_recognition").status != "held"


@pytest.mark.parametrize("text, skill, held", [
    # a supervisor on two of three papers, no name on top: whose list it is cannot be told
    ("CV\n\nPUBLICATIONS\nRobin Jia, Deqing Fu. \"Sparse features of large language models.\" ICLR 2026.\n"
     "Robin Jia, Qilin Ye. \"Probing classifiers in vision transformers.\" ICML 2025.\n"
     "Max Po, Qilin Ye. \"Reward models for dialogue.\" ACL 2024.\n", "llms", False),
    # the supervisor on every paper, and the person too, once as "D. Fu": one surname each, a tie
    ("CV\n\nPUBLICATIONS\nDeqing Fu, Robin Jia. Sparse features of large language models. ICLR 2026.\n"
     "D. Fu, Robin Jia. Reward models for dialogue. ACL 2025.\nDeqing Fu, Robin Jia. Probing speech models. "
     "ICML 2024.\nRobin Jia, Deqing Fu. Message passing in graph neural networks. NeurIPS 2023.\n",
     "graph_neural_networks", False),
    # unbulleted title-first entries: an author line opens no entry, so the next title is not its authors'
    ("Deqing Fu\nPhD candidate\n\nPUBLICATIONS\nProbing classifiers for speech recognition.\n"
     "Deqing Fu, Robin Jia.\nICML 2025.\nSparse features of graph neural networks.\nRobin Jia, Deqing Fu.\n"
     "ICLR 2026.\n", "graph_neural_networks", False),
    # a title in Title Case with commas is no list of names
    ("Deqing Fu\nPhD candidate\n\nPUBLICATIONS\n- Deqing Fu, Robin Jia.\n"
     "Sparse Probes, Dense Features, and Graph Neural Networks.\nICLR 2024.\n", "graph_neural_networks", True),
])
def test_whose_paper_an_entry_is(mentions, text, skill, held):
    assert (_of(mentions(text), skill).status == "held") is held


@pytest.mark.parametrize("text, skill, held", [
    # ML work told in plain words counts beside the field's work: a field role's title here
    ("EXPERIENCE\nData Scientist, Harborlight Mutual, 2022 - Present\n- Built a model used to detect fraud in "
     "insurance claims.", "predictive_modeling", True),
    ("EXPERIENCE\nData Scientist II, Nordlys, 2021 - Present\n- Trained a classifier to flag duplicate listings.",
     "supervised_learning", True),
    ("EXPERIENCE\nMachine Learning Engineer, Nordlys, 2021 - Present\n- Trained and deployed the model behind a "
     "scoring service; set up monitoring for drift.", "model_monitoring", True),
    # ... and the same words in another trade's work do not
    ("EXPERIENCE\nFP&A Analyst, Kestrel Foods, 2019 - 2024\n- Built financial models to forecast revenue for the "
     "board.", "predictive_modeling", False),
    ("EXPERIENCE\nHydrologist, Riverline Consulting, 2016 - 2024\n- Ran numerical models to predict sediment "
     "transport.", "predictive_modeling", False),
    # ... nor an analyst's regression model, whose own words are all that stand beside it
    ("EXPERIENCE\nSenior Financial Analyst, Corvale, 2019 - present\n- Built linear regression models to forecast "
     "quarterly revenue.", "predictive_modeling", False),
    # ... nor a data engineer's drift of data or of a configuration, nor a QA pipeline
    ("EXPERIENCE\nData Engineer, Nordlys, 2019 - present\n- Set up monitoring for schema changes and data drift.\n"
     "- Watched for configuration drift in Terraform state.", "model_monitoring", False),
    ("EXPERIENCE\nQA Engineer, Nordlys, 2019 - present\n- Built a pipeline to detect regressions in nightly builds.",
     "predictive_modeling", False),
    # a study of deployed models deploys none
    ("EXPERIENCE\nMachine Learning Engineer, Nordlys, 2021 - Present\n- Studied drift in deployed clinical models.",
     "model_deployment", False),
])
def test_ml_work_in_plain_words_counts_only_beside_the_fields_work(mentions, text, skill, held):
    found = [m for m in mentions(text) if m.skill_id == skill]
    assert any(m.status == "held" for m in found) is held


def test_a_skill_by_its_own_patterns_needs_no_context_though_plain_words_match_it(mentions):
    # "deployed the fraud models to production" is the skill's own pattern: it counts as it did
    text = ("EXPERIENCE\nDevOps Engineer, Nordlys, 2019 - present\n- Deployed the fraud models to production on "
            "Kubernetes for the risk team.")
    assert _of(mentions(text), "model_deployment").status == "held"


def test_an_ml_side_project_vouches_for_no_plain_words_in_another_trades_job(mentions):
    text = ("EXPERIENCE\nFinancial Analyst, Corvale, 2015 - present\n- Built models to forecast quarterly revenue.\n\n"
            "PROJECTS\nKaggle: house prices with XGBoost, scikit-learn and feature engineering; tuned with Optuna.")
    assert all(m.status != "held" for m in mentions(text) if m.skill_id == "predictive_modeling")


def test_a_labelled_title_line_is_still_its_jobs_head(mentions):
    # "Designation:" names the job; only a list of what it used ("Skills: ...") ends the entry above
    text = ("EXPERIENCE\nEmployer: Nordlys Analytics, Bangalore\nDesignation: Machine Learning Engineer, AI Practice\n"
            "Jun 2021 - Present\n- Fine-tuned Whisper for call-centre ASR.")
    assert _of(mentions(text), "speech_recognition").status == "held"


def test_a_title_with_its_authors_below_it_is_the_persons_when_they_come_first(mentions):
    # titles opening their entries with no bullet or number, the full names on the line below
    text = ("Orla Venn\nPhD student\n\nPAPERS\nSparse Features of Large Language Models under Drift\n"
            "Orla Venn, Bo Chen, Dana Ruiz\nProbing Classifiers for Vision Transformers in\nLow-Data Regimes\n"
            "Bo Chen, Orla Venn\nNeurIPS 2024\n")
    found = mentions(text)
    assert _of(found, "llms").status == "held"  # her first-author paper, its title above her name
    assert _of(found, "transformers").reason == "publication_title"  # another first author's


_TRADE = ("Mara Quill\n\nEXPERIENCE\n{title}, Ardenfell Systems (ML platform), May 2021 - Present\n"
          "- Wrote the tutorials for the model registry, the feature store and model serving.\n"
          "- \"Train and deploy a PyTorch image classifier\", tested in CI on every release.\n"
          "- Ran A/B tests of the onboarding pages.\n"
          "Technical Writer, Boreal Networks, 2017 - 2021\n- API guides for network management software.\n")


@pytest.mark.parametrize("title, trade", [
    ("Senior Technical Writer", True),
    ("Sales Engineer", True),
    ("Product Manager, AI Features", True),
    ("IT Support Lead, Research Computing", True),  # a trade's post is no research post either
    ("Science Journalist", True),
    ("Developer Relations Engineer", True),
    ("Machine Learning Engineer", False),  # the same words in an ML engineer's job are the work
    ("Data Scientist / Product Owner", False),  # a job that holds an ML role's name too
    ("AI Engineer, Customer Support Automation", False),  # a maker's job whatever team it names
    ("Research Engineer, Annotation Platform", False),
])
def test_the_fields_methods_and_tools_in_a_trades_job_are_its_subject(taxonomy, today, title, trade):
    from gapcheck import analyze_text

    result = analyze_text(_TRADE.format(title=title), today=today)
    registry = next(s for s in result.skills if s.id == "model_registry")
    assert (registry.proficiency == "basic") == trade
    assert next(s for s in result.skills if s.id == "ab_testing").proficiency == "strong"  # its maths: the job's own
    if trade:
        assert result.fit.status != "fit" and not result.seniority.relevant_years


def test_a_venue_under_another_entrys_authors_is_not_the_next_entrys_title(mentions):
    # the venue line (no year) of Bo Chen's paper stands above the next entry, whose first author is the person
    text = ("Mara Ellison\nPhD student\n\nPAPERS\nCurriculum Design for Sparse-Reward Agents\n"
            "Bo Chen, Mara Ellison, Dana Ruiz\nNeurIPS Workshop on Deep Reinforcement Learning\n"
            "Causal Probes for Language Model Features\nMara Ellison, Bo Chen\nICML 2022\n")
    found = mentions(text)
    assert _of(found, "reinforcement_learning").reason == "publication_title"



def test_a_tables_description_after_the_dates_is_no_part_of_the_jobs_title(today):
    from gapcheck import analyze_text

    text = ("Noor Vance\n\nEXPERIENCE\nThe Ledger, Technology Correspondent (AI) June 2021 - present Lead the AI "
            "coverage and interview researchers and engineers about PyTorch and model serving every week\n"
            "- Explained the model registry, the feature store and model serving to general readers.\n")
    registry = next(s for s in analyze_text(text, today=today).skills if s.id == "model_registry")
    assert registry.proficiency == "basic"  # "researchers" in the description is no maker's title
