"""The misspelling model (gapcheck/_fuzzy.py): the stored fit is current and the NumPy vectors
equal scikit-learn's own."""

from __future__ import annotations

from importlib.resources import files

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.feature_extraction.text import TfidfVectorizer

from gapcheck import _fuzzy as fuzzy
from gapcheck._fuzzy import MODEL_FILE, FuzzyModel, char_wb_ngrams, fuzzy_model, fuzzy_terms
from gapcheck.taxonomy import load_taxonomy


@pytest.fixture(scope="module")
def taxonomy():
    return load_taxonomy()


@pytest.fixture(scope="module")
def fitted(taxonomy):
    terms = [t for _, t in fuzzy_terms(taxonomy)]
    vec = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), lowercase=True)
    matrix = vec.fit_transform(terms)
    return vec, matrix, terms


@pytest.fixture(scope="module")
def model(taxonomy):
    return fuzzy_model(taxonomy)


def _ours_in_sklearn_order(model: FuzzyModel, vec: TfidfVectorizer, texts: list[str]) -> np.ndarray:
    ours = model.vectors(texts)
    order = [model.vocabulary[g] for g in vec.get_feature_names_out()]
    return ours[:, order]


def test_the_stored_model_is_the_fit_of_the_shipped_taxonomy(taxonomy, fitted):
    stored = FuzzyModel.from_json((files("skill_taxonomy") / "data" / MODEL_FILE).read_text(encoding="utf-8"))
    vec, _, _ = fitted
    assert stored.taxonomy_hash == taxonomy.content_hash, "rebuild: python -m skill_taxonomy.build ../shared/seeds"
    assert stored.terms == fuzzy_terms(taxonomy)
    assert stored.vocabulary == vec.vocabulary_
    np.testing.assert_array_equal(stored.idf, vec.idf_)


def test_the_shipped_taxonomy_uses_the_stored_model_without_scikit_learn(tmp_path):
    import subprocess
    import sys

    code = ("import sys; from gapcheck.taxonomy import load_taxonomy; from gapcheck._fuzzy import fuzzy_model;"
            "m = fuzzy_model(load_taxonomy()); m.best(['pytorh']);"
            "print(any(k.startswith('sklearn') for k in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_term_vectors_equal_scikit_learn(model, fitted):
    vec, matrix, terms = fitted
    np.testing.assert_allclose(_ours_in_sklearn_order(model, vec, terms), matrix.toarray(), rtol=0, atol=1e-12)


words = st.text(alphabet=st.sampled_from("abcdefghijklmnopqrstuvwxyzABCXYZ -.\t\n+#é"), max_size=30)


@settings(max_examples=200, deadline=None)
@given(st.lists(words, min_size=1, max_size=8))
def test_query_vectors_equal_scikit_learn(model, fitted, texts):
    vec, _, _ = fitted
    np.testing.assert_allclose(_ours_in_sklearn_order(model, vec, texts), vec.transform(texts).toarray(),
                               rtol=0, atol=1e-12)


@pytest.mark.parametrize("text", ["", "a", "ab", "pytorch", "scikit  learn", "  Tensor\tFlow ", "x y z"])
def test_ngrams_equal_scikit_learn_analyzer(fitted, text):
    vec, _, _ = fitted
    assert char_wb_ngrams(text) == vec.build_analyzer()(text)


def test_best_is_the_most_similar_term(model, fitted):
    vec, matrix, terms = fitted
    queries = ["pytroch", "kuberentes", "tensorflw", "scikit lern", "gardening", "qq", "zzzzzz", "machine lerning"]
    sims = (vec.transform(queries) @ matrix.T).toarray()
    got = model.best(queries)
    for row, (idx, sim) in zip(sims, got, strict=True):
        assert sim == pytest.approx(row.max(), abs=1e-12)
        assert row[idx] == pytest.approx(row.max(), abs=1e-12)
    assert model.terms[got[0][0]][0] == "pytorch"
    assert model.best([]) == []


def test_a_changed_taxonomy_is_fitted_afresh(taxonomy, model):
    skills = [s.model_copy(update={"aliases": [*s.aliases, "Zebrafish Modelling"]}) if s.id == "pytorch" else s
              for s in taxonomy.skills]
    changed = taxonomy.model_copy(update={"skills": skills})
    other = fuzzy_model(changed)
    assert other is not model and other.taxonomy_hash == changed.content_hash
    assert ("pytorch", "Zebrafish Modelling") in other.terms
    assert other.terms[other.best(["zebrafish modeling"])[0][0]] == ("pytorch", "Zebrafish Modelling")


def test_a_damaged_stored_model_is_replaced_by_a_fit(monkeypatch, taxonomy):
    monkeypatch.setattr(fuzzy, "_CACHE", {})
    monkeypatch.setattr(fuzzy, "MODEL_FILE", "no_such_model.json")
    assert fuzzy._stored_model() is None
    assert fuzzy_model(taxonomy).taxonomy_hash == taxonomy.content_hash


# -- best_above: only the terms that can reach the threshold, the same floats --------------------

def _reference_entries(model: FuzzyModel, texts: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The sparse rows, built the plain way: char_wb_ngrams and a count per gram, in order."""
    rows, cols, counts = [], [], []
    for r, text in enumerate(texts):
        seen: dict[int, int] = {}
        for gram in char_wb_ngrams(text):
            if (g := model.vocabulary.get(gram)) is not None:
                seen[g] = seen.get(g, 0) + 1
        rows += [r] * len(seen)
        cols += seen
        counts += seen.values()
    row_a, col_a = np.asarray(rows, dtype=np.int64), np.asarray(cols, dtype=np.int64)
    vals = np.asarray(counts, dtype=np.float64) * model.idf[col_a]
    norms = np.sqrt(np.bincount(row_a, weights=vals * vals, minlength=len(texts)))
    norms[norms == 0] = 1.0
    return row_a, col_a, vals / norms[row_a]


@settings(max_examples=200, deadline=None)
@given(st.lists(words, min_size=1, max_size=8))
def test_the_gram_table_finds_the_same_grams_in_the_same_order(model, texts):
    # The order matters: similarities are sums taken gram by gram, and best_above must give
    # the very floats best() gives.
    for ours, plain in zip(model._entries(texts), _reference_entries(model, texts), strict=True):
        np.testing.assert_array_equal(ours, plain)


def _misspellings(model: FuzzyModel, n: int, seed: int) -> list[str]:
    """Terms with a letter dropped, doubled, changed or swapped; half of them are near a term."""
    import random

    rng = random.Random(seed)
    out = []
    for _ in range(n):
        word = list(rng.choice(model.terms)[1].lower())
        i = rng.randrange(len(word))
        edit = rng.randrange(4)
        if edit == 0:
            del word[i]
        elif edit == 1:
            word.insert(i, word[i])
        elif edit == 2:
            word[i] = rng.choice("abcdefghijklmnopqrstuvwxyz")
        elif i + 1 < len(word):
            word[i], word[i + 1] = word[i + 1], word[i]
        out.append("".join(word))
    return out


def _check_best_above(model: FuzzyModel, texts: list[str], threshold: float) -> int:
    reached = 0
    for text, (idx, sim), got in zip(texts, model.best(texts), model.best_above(texts, threshold), strict=True):
        if sim >= threshold:
            reached += 1
            assert got == (idx, sim), text  # the same term and the same float, not a near one
        else:
            assert got is None, text
    return reached


@pytest.mark.parametrize("threshold", [0.3, 0.6, 0.78, 0.9, 1.0])
def test_best_above_is_best_where_best_reaches_the_threshold(model, threshold):
    texts = _misspellings(model, 300, seed=int(threshold * 100)) + [
        "achterberg", "wawrzyniak", "university", "aarhus mar", "scikit lern", "tensor flow", "", "x", "machine"]
    reached = _check_best_above(model, texts, threshold)
    assert 0 < reached < len(texts) or threshold == 1.0


@settings(max_examples=100, deadline=None)
@given(st.lists(words, min_size=1, max_size=8), st.sampled_from([0.5, 0.78]))
def test_best_above_agrees_with_best_on_any_text(model, texts, threshold):
    _check_best_above(model, texts, threshold)


def test_best_above_takes_more_texts_than_one_table_holds(model):
    texts = _misspellings(model, fuzzy._CHUNK * 2 + 7, seed=1)
    assert _check_best_above(model, texts, 0.78) > fuzzy._CHUNK
    assert model.best_above([], 0.78) == []
