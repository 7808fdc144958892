"""The misspelling model: character n-gram TF-IDF similarity between a word and skill terms.

The model is fitted with scikit-learn's ``TfidfVectorizer(analyzer="char_wb",
ngram_range=(2, 4))``. Importing scikit-learn takes over a second (it pulls in
``scipy.stats``), so the fitted vocabulary and IDF weights of the shipped taxonomy are stored
beside it (``skill_taxonomy/data/fuzzy_model.json``, written by the taxonomy build) and applied
here with NumPy. A taxonomy without a stored model (``--taxonomy FILE``) is fitted with
scikit-learn when it is first needed. ``tests/test_fuzzy.py`` checks that the vectors equal
scikit-learn's own ``transform``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

    from gapcheck.taxonomy import Taxonomy

NGRAM_RANGE = (2, 4)
MIN_TERM_LEN = 5
MODEL_FILE = "fuzzy_model.json"
_TERM_SHAPE = re.compile(r"[A-Za-z][A-Za-z .\-]*")
_SPACES = re.compile(r"\s\s+")


def fuzzy_terms(taxonomy: Taxonomy) -> list[tuple[str, str]]:
    """(skill id, term) pairs the model compares words with: names and aliases of
    unambiguous skills, letters only, at least ``MIN_TERM_LEN`` long."""
    out: list[tuple[str, str]] = []
    for skill in taxonomy.skills:
        if skill.ambiguous is not None:
            continue
        for term in [skill.name, *skill.aliases]:
            if len(term) >= MIN_TERM_LEN and _TERM_SHAPE.fullmatch(term):
                out.append((skill.id, term))
    return out


def char_wb_ngrams(text: str) -> list[str]:
    """The n-grams scikit-learn's ``char_wb`` analyzer yields (lower case, words padded with spaces)."""
    grams: list[str] = []
    add = grams.append
    lo, hi = NGRAM_RANGE
    for w in _SPACES.sub(" ", text.lower()).split():
        w = f" {w} "
        size = len(w)
        for n in range(lo, hi + 1):
            offset = 0
            add(w[offset : offset + n])
            while offset + n < size:
                offset += 1
                add(w[offset : offset + n])
            if offset == 0:  # a word shorter than n is counted once
                break
    return grams


@dataclass
class FuzzyModel:
    """Fitted vocabulary and IDF weights, and the L2-normalised vectors of every term."""

    taxonomy_hash: str
    terms: list[tuple[str, str]]
    vocabulary: dict[str, int]
    idf: np.ndarray
    # Term vectors as an inverted index: for gram g, term ids postings[starts[g]:starts[g+1]]
    # with weights values[...].
    starts: np.ndarray
    postings: np.ndarray
    values: np.ndarray

    @classmethod
    def fit(cls, taxonomy: Taxonomy) -> FuzzyModel:
        """Fit with scikit-learn (slow to import; used for taxonomies without a stored model)."""
        from sklearn.feature_extraction.text import TfidfVectorizer

        terms = fuzzy_terms(taxonomy)
        vec = TfidfVectorizer(analyzer="char_wb", ngram_range=NGRAM_RANGE, lowercase=True)
        vec.fit([t for _, t in terms])
        vocab = sorted(vec.vocabulary_, key=vec.vocabulary_.__getitem__)
        return cls.from_fitted(taxonomy.content_hash, terms, vocab, vec.idf_.tolist())

    @classmethod
    def from_fitted(cls, taxonomy_hash: str, terms: list[tuple[str, str]], vocab: list[str],
                    idf: list[float]) -> FuzzyModel:
        import numpy as np

        model = cls(taxonomy_hash, terms, {g: i for i, g in enumerate(vocab)}, np.asarray(idf, dtype=np.float64),
                    np.zeros(1, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0))
        rows, cols, vals = model._entries([t for _, t in terms])
        order = np.lexsort((rows, cols))
        model.postings, model.values = rows[order], vals[order]
        model.starts = np.searchsorted(cols[order], np.arange(len(vocab) + 1))
        return model

    # -- stored form ----------------------------------------------------------------------
    def to_json(self) -> str:
        vocab = sorted(self.vocabulary, key=self.vocabulary.__getitem__)
        data = {"format": 1, "taxonomy_hash": self.taxonomy_hash,
                "fitted_with": "sklearn TfidfVectorizer(analyzer='char_wb', ngram_range=(2, 4))",
                "terms": [list(t) for t in self.terms], "vocabulary": vocab, "idf": self.idf.tolist()}
        return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"

    @classmethod
    def from_json(cls, text: str) -> FuzzyModel:
        return cls._from_data(json.loads(text))

    @classmethod
    def _from_data(cls, data: dict) -> FuzzyModel:
        return cls.from_fitted(data["taxonomy_hash"], [(s, t) for s, t in data["terms"]], data["vocabulary"],
                               data["idf"])

    # -- applying it -----------------------------------------------------------------------
    def _entries(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Sparse TF-IDF rows of ``texts`` as (row, gram, weight), each row L2-normalised."""
        import numpy as np

        rows: list[int] = []
        cols: list[int] = []
        counts: list[int] = []
        vocab = self.vocabulary
        for r, text in enumerate(texts):
            seen: dict[int, int] = {}
            for gram in char_wb_ngrams(text):
                g = vocab.get(gram)
                if g is not None:
                    seen[g] = seen.get(g, 0) + 1
            rows.extend([r] * len(seen))
            cols.extend(seen)
            counts.extend(seen.values())
        row_a, col_a = np.asarray(rows, dtype=np.int64), np.asarray(cols, dtype=np.int64)
        vals = np.asarray(counts, dtype=np.float64) * self.idf[col_a]
        norms = np.sqrt(np.bincount(row_a, weights=vals * vals, minlength=len(texts)))
        norms[norms == 0] = 1.0
        return row_a, col_a, vals / norms[row_a]

    def vectors(self, texts: list[str]) -> np.ndarray:
        """Dense TF-IDF vectors (one row per text); for tests against scikit-learn."""
        import numpy as np

        rows, cols, vals = self._entries(texts)
        out = np.zeros((len(texts), len(self.vocabulary)))
        out[rows, cols] = vals
        return out

    def best(self, texts: list[str]) -> list[tuple[int, float]]:
        """For each text, the index of its most similar term and the cosine similarity."""
        import numpy as np

        if not texts:
            return []
        rows, cols, vals = self._entries(texts)
        lengths = self.starts[cols + 1] - self.starts[cols]
        # Gather every posting of every query gram: positions starts[g] .. starts[g+1]-1.
        total = int(lengths.sum())
        first = np.repeat(self.starts[cols] - np.cumsum(lengths) + lengths, lengths)
        where = first + np.arange(total)
        n_terms = len(self.terms)
        flat = np.repeat(rows, lengths) * n_terms + self.postings[where]
        sims = np.bincount(flat, weights=np.repeat(vals, lengths) * self.values[where],
                           minlength=len(texts) * n_terms).reshape(len(texts), n_terms)
        idx = sims.argmax(axis=1)
        return [(int(i), float(s)) for i, s in zip(idx, sims[np.arange(len(texts)), idx], strict=True)]


_CACHE: dict[str, FuzzyModel] = {}


def fuzzy_model(taxonomy: Taxonomy) -> FuzzyModel:
    """The model for ``taxonomy``: the stored one when it was fitted on this exact taxonomy,
    otherwise fitted now with scikit-learn; built once per process and taxonomy."""
    key = taxonomy.content_hash
    if key not in _CACHE:
        _CACHE[key] = _stored_model(key) or FuzzyModel.fit(taxonomy)
    return _CACHE[key]


def _stored_model(taxonomy_hash: str | None = None) -> FuzzyModel | None:
    """The stored model when it is readable and (given a hash) was fitted on that taxonomy; the
    hash is compared before the term index is built."""
    from importlib.resources import files

    resource = files("skill_taxonomy") / "data" / MODEL_FILE
    try:
        data = json.loads(resource.read_text(encoding="utf-8"))
        if taxonomy_hash is not None and data["taxonomy_hash"] != taxonomy_hash:
            return None
        return FuzzyModel._from_data(data)
    except (OSError, ValueError, KeyError, TypeError):  # missing or damaged: fit instead
        return None
