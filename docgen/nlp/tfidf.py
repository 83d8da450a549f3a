"""scikit-learn's TF-IDF ``transform`` for a few texts at a time, without its per-call overhead.

``TfidfVectorizer.transform`` validates its input and its fitted state on every call and
``FeatureUnion.transform`` starts a joblib run; for the few short texts one document gives (the
clauses the defect classifier reads, the text the category models read), that overhead cost more
than the counting itself (bench/README.md).  These functions do the same steps in the same order
and precision — count the analyzer's features found in the vocabulary, ``1 + log`` for sublinear
tf, times idf, divide by the row's l2 norm summed in double precision — and give the same
matrix, value for value (tests/test_tfidf.py).  A vectorizer set up otherwise (binary counts, no
idf, l1 norm …) is left to scikit-learn.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Sequence
from operator import itemgetter
from typing import Any

_LOCK = threading.Lock()
_PREPARED: dict[int, tuple[Any, Any, dict[str, int], Any]] = {}


def supported(vec: Any) -> bool:
    """Whether :func:`transform` reproduces ``vec.transform`` (the settings docgen's models use)."""
    return (hasattr(vec, "vocabulary_") and hasattr(vec, "idf_") and getattr(vec, "use_idf", False)
            and getattr(vec, "norm", None) == "l2" and not getattr(vec, "binary", True))


def _char_counter(vec: Any) -> Any:
    """The character n-grams of ``vec``'s analyzer, counted: the same features as
    ``_char_ngrams`` (whitespace runs folded, then every n-gram of the preprocessed text), built
    by joining shifted copies of the text instead of slicing one n-gram at a time."""
    preprocess, decode, spaces = vec.build_preprocessor(), vec.decode, vec._white_spaces
    lo, hi = vec.ngram_range

    def count(text: str) -> Counter:
        doc = spaces.sub(" ", preprocess(decode(text)))
        counts: Counter = Counter()
        grams: Any = doc
        for n in range(1, hi + 1):
            if n > 1:
                grams = list(map(str.__add__, grams, doc[n - 1:]))  # (n-1)-gram + the next character
            if n >= lo:
                counts.update(grams)
        return counts

    return count


def _prepared(vec: Any) -> tuple[Any, Any, dict[str, int], Any]:
    entry = _PREPARED.get(id(vec))
    if entry is None or entry[0] is not vec:
        if vec.analyzer == "char":
            counter = _char_counter(vec)
        else:
            analyze = vec.build_analyzer()

            def counter(text: str) -> Counter:
                return Counter(analyze(text))
        entry = (vec, counter, vec.vocabulary_, vec.idf_)
        with _LOCK:
            if len(_PREPARED) > 64:  # models replaced many times over (docgen train in a long process)
                _PREPARED.clear()
            _PREPARED[id(vec)] = entry
    return entry


def _values(d: dict[str, int], keys: list[str]) -> tuple[int, ...]:
    """``tuple(d[k] for k in keys)``, looked up in C (itemgetter of one key returns no tuple)."""
    return itemgetter(*keys)(d) if len(keys) > 1 else tuple(d[k] for k in keys)


def transform(vec: Any, texts: Sequence[str]) -> Any:
    """``vec.transform(texts)`` (a CSR matrix) for a fitted ``TfidfVectorizer``."""
    if not supported(vec):
        return vec.transform(texts)
    import numpy as np
    import scipy.sparse as sp

    _vec, count, vocab, idf = _prepared(vec)
    dtype = vec.dtype
    sublinear = bool(vec.sublinear_tf)
    indices: list[int] = []
    indptr = [0]
    rows = []
    for text in texts:
        counts = count(text)  # counted, intersected with the vocabulary and looked up in C
        known = list(counts.keys() & vocab.keys())
        cols = np.array(_values(vocab, known), dtype=np.int64)
        order = np.argsort(cols)  # features are unique: no ties
        cols = cols[order]
        row = np.array(_values(counts, known), dtype=dtype)[order]
        if sublinear:
            np.log(row, row)
            row += 1.0
        row *= idf[cols]
        if len(row):
            # the l2 norm summed in double precision one value after the other, as scikit-learn's
            # row normaliser does (cumsum adds in order; sum would add pairwise)
            sq = float(np.cumsum(row * row, dtype=np.float64)[-1])
            if sq != 0.0:
                row = (row.astype(np.float64) / np.sqrt(sq)).astype(dtype)
        indices.extend(cols.tolist())
        indptr.append(len(indices))
        rows.append(row)
    data = np.concatenate(rows) if rows else np.zeros(0, dtype=dtype)
    return sp.csr_matrix((data, np.asarray(indices, dtype=np.int32), np.asarray(indptr, dtype=np.int32)),
                         shape=(len(texts), len(vocab)), dtype=dtype)


def union_transform(union: Any, texts: Sequence[str]) -> Any:
    """``union.transform(texts)`` for a fitted ``FeatureUnion`` of TF-IDF vectorizers (no weights,
    nothing dropped): the parts side by side, in order."""
    import scipy.sparse as sp

    parts = union.transformer_list
    if getattr(union, "transformer_weights", None) or not all(supported(vec) for _name, vec in parts):
        return union.transform(texts)
    return sp.hstack([transform(vec, texts) for _name, vec in parts]).tocsr()
