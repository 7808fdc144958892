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
from dataclasses import dataclass, field
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
class GramTable:
    """Finds the vocabulary ids of the n-grams of many words with array operations, instead of
    a Python slice and dictionary lookup per gram (about 1 µs each in CPython).

    A gram of n characters is coded as the number 1, d1, ..., dn in base ``base``, where di is
    the character's place in ``alphabet`` plus one (0 for a character outside it, which no
    vocabulary gram has); the leading 1 keeps grams of different lengths apart."""

    alphabet: np.ndarray  # the characters of the vocabulary's grams, sorted (code points)
    codes: np.ndarray  # the code of every vocabulary gram, sorted
    ids: np.ndarray  # the vocabulary id of each of those codes

    @classmethod
    def of(cls, vocab: list[str]) -> GramTable:
        import numpy as np

        alphabet = np.unique(_code_points("".join(vocab)))
        base = len(alphabet) + 1
        lengths = np.fromiter(map(len, vocab), dtype=np.int64, count=len(vocab))
        # Each character's digit times its power of the base, summed gram by gram.
        digits = np.searchsorted(alphabet, _code_points("".join(vocab))) + 1
        firsts = np.cumsum(lengths) - lengths
        place = np.repeat(lengths, lengths) - 1 - (np.arange(int(lengths.sum())) - np.repeat(firsts, lengths))
        codes = base ** lengths + np.add.reduceat(digits * base ** place, firsts) if len(vocab) else lengths
        order = np.argsort(codes)
        return cls(alphabet, codes[order], order)

    def of_words(self, words: list[str], slot: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The vocabulary ids (-1 outside it) of the grams of ``words[i]`` for each i in
        ``slot``, one word after another, each in char_wb's order (all 2-grams left to right,
        then the 3-grams, then the 4-grams); and how many grams each slot has."""
        import numpy as np

        lo, hi = NGRAM_RANGE
        if not len(slot):
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        # The padded words one after another: a gram across two words holds two spaces, which
        # no vocabulary gram does; a padded word has at least 3 characters, so every size fits
        # (char_wb's case of a word shorter than a gram never arises).
        chars = _code_points("".join(f" {w} " for w in words))
        size = np.fromiter((len(w) + 2 for w in words), dtype=np.int64, count=len(words))
        start = np.cumsum(size) - size
        place = np.minimum(np.searchsorted(self.alphabet, chars), len(self.alphabet) - 1)
        digits = np.where(self.alphabet[place] == chars, place + 1, 0)
        base, code, found = len(self.alphabet) + 1, np.ones(len(chars), dtype=np.int64), []
        for n in range(1, hi + 1):  # code[i]: the gram of n characters starting at i
            code = code[: len(chars) - n + 1] * base + digits[n - 1 :]
            if n >= lo:
                found.append(code)
        codes = np.concatenate(found)
        at = np.minimum(np.searchsorted(self.codes, codes), len(self.codes) - 1)
        ids = np.where(self.codes[at] == codes, self.ids[at], -1)
        # Where each size's codes begin in ``ids``, and the grams of each size in each slot.
        offsets = np.cumsum([0] + [len(c) for c in found[:-1]])
        firsts = (offsets[None, :] + start[slot][:, None]).ravel()
        counts = (size[slot][:, None] - np.arange(lo, hi + 1)[None, :] + 1).ravel()
        return ids[_ranges(firsts, firsts + counts)], counts.reshape(len(slot), -1).sum(axis=1)


def _code_points(text: str) -> np.ndarray:
    import numpy as np

    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.int64)


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
    # For :meth:`best_above`: the largest weight of each gram in any term, and the term vectors
    # again, term by term: term t's grams term_cols[term_starts[t]:term_starts[t+1]], weights term_vals.
    peaks: np.ndarray
    term_starts: np.ndarray
    term_cols: np.ndarray
    term_vals: np.ndarray
    common_norms: np.ndarray  # each term's norm over the grams of more than COMMON_GRAM terms
    grams: GramTable = field(repr=False)

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

        empty = np.zeros(0, dtype=np.int64)
        model = cls(taxonomy_hash, terms, {g: i for i, g in enumerate(vocab)}, np.asarray(idf, dtype=np.float64),
                    np.zeros(1, dtype=np.int64), empty, np.zeros(0), np.zeros(0), empty, empty, np.zeros(0),
                    np.zeros(0), GramTable.of(vocab))
        rows, cols, vals = model._entries([t for _, t in terms])
        order = np.lexsort((rows, cols))
        model.postings, model.values = rows[order], vals[order]
        model.starts = np.searchsorted(cols[order], np.arange(len(vocab) + 1))
        model.peaks = np.zeros(len(vocab))
        np.maximum.at(model.peaks, cols, vals)
        model.term_starts = np.searchsorted(rows, np.arange(len(terms) + 1))
        model.term_cols, model.term_vals = cols, vals
        common = np.diff(model.starts)[cols] > COMMON_GRAM
        model.common_norms = np.sqrt(np.bincount(rows, weights=np.where(common, vals * vals, 0.0),
                                                 minlength=len(terms)))
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
        """Sparse TF-IDF rows of ``texts`` as (row, gram, weight), each row L2-normalised.

        Within a row the grams come in the order of their first occurrence, as in
        :func:`char_wb_ngrams`: similarities are sums taken in this order, and the same order
        gives the same floating-point result."""
        import numpy as np

        words_of = [text.lower().split() for text in texts]  # split() collapses whitespace as char_wb does
        index: dict[str, int] = {}
        for words in words_of:
            for w in words:
                index.setdefault(w, len(index))
        slot = np.fromiter((index[w] for words in words_of for w in words), dtype=np.int64)
        owner = np.repeat(np.arange(len(texts)), [len(words) for words in words_of])
        gram, count = self.grams.of_words(list(index), slot)
        row, col = np.repeat(owner, count), gram
        known = col >= 0
        key = row[known] * len(self.vocabulary) + col[known]
        uniq, first, counts = np.unique(key, return_index=True, return_counts=True)
        order = np.argsort(first)
        row_a, col_a = np.divmod(uniq[order], len(self.vocabulary))
        vals = counts[order].astype(np.float64) * self.idf[col_a]
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


    def best_above(self, texts: list[str], threshold: float) -> list[tuple[int, float] | None]:
        """What :meth:`best` returns for each text whose best similarity is at least
        ``threshold`` (the same term and the same float), and None for the others.

        Only terms that can reach ``threshold`` are scored. For each text, the grams with the
        longest postings are set aside while the most they could add to any similarity stays
        below ``threshold``: the sum of query weight times the gram's largest term weight, or
        the query's norm over them. A term that shares none of the other grams cannot reach it.
        The terms in the other grams' postings are bounded the same way, now with each term's
        own norm over common grams, and the few left are scored exactly, their sums taken in
        :meth:`best`'s order, so the similarities are the same floats.
        """
        import numpy as np

        if len(texts) > _CHUNK:  # the candidate table below has a cell per text and term
            return [hit for i in range(0, len(texts), _CHUNK)
                    for hit in self.best_above(texts[i : i + _CHUNK], threshold)]
        out: list[tuple[int, float] | None] = [None] * len(texts)
        rows, cols, vals = self._entries(texts)
        if not len(rows):
            return out
        n, n_terms, cut = len(texts), len(self.terms), threshold - _MARGIN
        lengths = self.starts[cols + 1] - self.starts[cols]
        # Per text (rows come sorted), grams by postings length, longest first; set aside the
        # longest while they are common grams and their share stays below the threshold.
        order = np.argsort(rows * (int(lengths.max()) + 1) - lengths, kind="stable")
        r_o, q_o, c_o = rows[order], vals[order], cols[order]
        firsts = np.searchsorted(r_o, np.arange(n))
        share = _segment_cumsum(q_o * self.peaks[c_o], firsts, r_o)
        norm = np.sqrt(_segment_cumsum(q_o * q_o, firsts, r_o))
        aside = (np.minimum(share, norm) < cut) & (lengths[order] > COMMON_GRAM)
        n_aside = np.bincount(r_o[aside], minlength=n)
        last = np.maximum(firsts + n_aside - 1, 0)  # the set-aside grams are a prefix of each row
        share_aside = np.where(n_aside > 0, share[last], 0.0)
        norm_aside = np.where(n_aside > 0, norm[last], 0.0)
        # Candidates: every term in the postings of a kept gram, with its similarity over those
        # grams. The set-aside grams add at most their share, and at most their norm times the
        # term's norm over common grams.
        kr, kc, kq = r_o[~aside], c_o[~aside], q_o[~aside]
        lens = self.starts[kc + 1] - self.starts[kc]
        where = _ranges(self.starts[kc], self.starts[kc + 1])
        row, term = np.repeat(kr, lens), self.postings[where]
        pair = row * n_terms + term
        partial = np.bincount(pair, weights=np.repeat(kq, lens) * self.values[where], minlength=n * n_terms)
        near = partial[pair] + np.minimum(share_aside[row], norm_aside[row] * self.common_norms[term]) >= cut
        if not near.any():
            return out
        row, term = np.divmod(np.unique(pair[near]), n_terms)
        # Exact similarities of the candidates: each term's grams found in its text, products
        # summed in the text's gram order (np.bincount adds in input order, as best() does).
        at = _ranges(self.term_starts[term], self.term_starts[term + 1])
        owner = np.repeat(np.arange(len(row)), self.term_starts[term + 1] - self.term_starts[term])
        wanted = row[owner] * len(self.vocabulary) + self.term_cols[at]
        query = rows * len(self.vocabulary) + cols
        by_key = np.argsort(query)
        entry = by_key[np.minimum(np.searchsorted(query, wanted, sorter=by_key), len(query) - 1)]
        found = query[entry] == wanted
        owner, entry, weight = owner[found], entry[found], self.term_vals[at[found]]
        in_order = np.argsort(owner * len(rows) + entry)
        sims = np.bincount(owner[in_order], weights=(vals[entry] * weight)[in_order], minlength=len(row))
        # Candidates come by text, then term: a strictly higher similarity replaces the best so
        # far, so equals keep the lowest term index (argmax's choice).
        for r, t, sim in zip(row.tolist(), term.tolist(), sims.tolist(), strict=True):
            best = out[r]
            if sim >= threshold and (best is None or sim > best[1]):
                out[r] = (t, sim)
        return out


# Bounds are computed in floating point in another order than the similarities; this much
# slack keeps every term that can reach the threshold.
_MARGIN = 1e-9
# best_above sets aside only grams in more terms than this, and bounds a candidate term by its
# norm over them (20: fewest postings and candidates on the labelled resumes' new words).
COMMON_GRAM = 20
_CHUNK = 256  # texts per candidate table (256 x 1,430 terms: 3 MB)


def _ranges(starts: np.ndarray, stops: np.ndarray) -> np.ndarray:
    """The concatenated index ranges starts[i] .. stops[i] - 1."""
    import numpy as np

    lengths = stops - starts
    return np.repeat(starts - np.cumsum(lengths) + lengths, lengths) + np.arange(int(lengths.sum()))


def _segment_cumsum(values: np.ndarray, firsts: np.ndarray, segment: np.ndarray) -> np.ndarray:
    """Running sums of ``values`` restarting at each segment (rows sorted by ``segment``; segment
    r starts at ``firsts[r]``)."""
    import numpy as np

    total = np.cumsum(values)
    before = np.concatenate(([0.0], total))[firsts]
    return total - before[segment]


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
