"""The faster ways of doing what a library (or an earlier, simpler version) did give the same results.

Each fast path in docgen/nlp is checked against the slow way it replaces, on generated judgments
and on random strings built from the characters that matter to it (bench/README.md says why each
exists).
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import jieba
import numpy as np
import pytest

from docgen.nlp import tfidf
from docgen.nlp.category import _joined
from docgen.nlp.defects import Literals, make_doc, nlp_pipeline, sentence_model
from docgen.nlp.features import tokenizer
from docgen.nlp.segment import MemoSegmenter, forget_all
from docgen.nlp.sentences import quote_regions

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "docs"


def judgment_texts() -> list[str]:
    """The written corpus's judgments (fiction), a varied sample of them."""
    files = sorted(CORPUS.glob("*.txt"))
    return [p.read_text(encoding="utf-8") for p in files[::4]]

_ALPHABET = "本院认为被告未依法送达行政处罚决定原告某局 \n\t　，。；：“”「」『』\"ab12Ｘ×%-._"


def _random_texts(n: int, seed: int, alphabet: str = _ALPHABET, longest: int = 60) -> list[str]:
    rnd = random.Random(seed)
    return ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, longest))) for _ in range(n)]


@pytest.fixture(scope="module")
def texts() -> list[str]:
    return judgment_texts()[:40] + _random_texts(400, 1)


# -- segmentation -------------------------------------------------------------------------------


@pytest.mark.parametrize("hmm", [False, True])
def test_memo_segmenter_cuts_as_jieba(texts: list[str], hmm: bool) -> None:
    tok = tokenizer()
    seg = MemoSegmenter(tok, hmm=hmm, max_blocks=50)  # small: the forgetting is exercised too
    for _ in range(2):  # cold, then from memory
        for text in texts:
            assert seg.lcut(text) == tok.lcut(text, HMM=hmm)
            assert list(seg.cut(text)) == seg.lcut(text)
    assert seg.hits > 0 and len(seg._memo) <= 50


def test_forget_all_empties_every_memory() -> None:
    seg = MemoSegmenter(jieba.Tokenizer(), hmm=False)
    seg.lcut("本院认为，被告未依法送达。本院认为")
    counts = forget_all()
    assert counts["hits"] >= 1 and counts["misses"] >= 1
    assert not seg._memo and seg.hits == seg.misses == 0


def test_make_doc_builds_the_tokenizers_doc(texts: list[str]) -> None:
    nlp = nlp_pipeline()
    for text in texts + [" ", "  a  b ", "本院 认为\n\n  被告 ，", "\n", " 本院"]:
        slow, fast = nlp.make_doc(text), make_doc(nlp, text)
        assert [(t.text, t.whitespace_) for t in fast] == [(t.text, t.whitespace_) for t in slow]


# -- TF-IDF -------------------------------------------------------------------------------------


def _same(vec, docs: list[str]) -> None:
    want = vec.transform(docs)
    got = tfidf.transform(vec, docs)
    assert got.dtype == want.dtype and got.shape == want.shape
    assert np.array_equal(got.toarray(), want.toarray())


def test_tfidf_transform_equals_sklearn_for_the_sentence_model(texts: list[str]) -> None:
    from docgen.nlp.defects import _normalize

    vec = sentence_model()["vectorizer"]
    clauses = [t[i:i + 70] for t in texts for i in range(0, len(t), 53)]
    _same(vec, [_normalize(c) for c in clauses] + ["", " ", "a", "ABC abc\n\n x"])


@pytest.mark.parametrize("settings", [
    {"analyzer": "char", "ngram_range": (2, 3), "sublinear_tf": True},
    {"analyzer": "char", "ngram_range": (1, 1), "sublinear_tf": False, "lowercase": False},
    {"analyzer": "word", "token_pattern": r"(?u)\w+", "sublinear_tf": True},
    {"analyzer": "char", "ngram_range": (1, 2), "dtype": np.float64},
])
def test_tfidf_transform_equals_sklearn(texts: list[str], settings: dict) -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer

    vec = TfidfVectorizer(min_df=2, **settings).fit(texts[:200])
    _same(vec, texts[200:] + ["", "Ｘ", "  "])


def test_tfidf_leaves_other_settings_to_sklearn(texts: list[str]) -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer

    for vec in (TfidfVectorizer(analyzer="char", binary=True), TfidfVectorizer(analyzer="char", norm="l1"),
                TfidfVectorizer(analyzer="char", use_idf=False)):
        vec.fit(texts[:100])
        assert not tfidf.supported(vec)
        _same(vec, texts[100:150])


def test_union_transform_equals_the_category_models_features() -> None:
    from docgen.nlp.category import load_model, model_text
    from docgen.nlp.parse import parse_text

    docs = [model_text(parse_text(t)) for t in judgment_texts()[:30]]
    for task in ("category", "domain"):
        model = load_model(task, None)
        if model is None:
            pytest.skip("no packaged model")
        union = model.pipeline.named_steps["features"]
        for batch in (docs, docs[:1]):
            assert np.array_equal(tfidf.union_transform(union, batch).toarray(), union.transform(batch).toarray())


# -- patterns and quotations --------------------------------------------------------------------


def _quote_regions_reference(text: str, start: int = 0, end: int | None = None,
                             max_len: int = 2000) -> list[tuple[int, int]]:
    """The character-by-character version quote_regions replaced."""
    end = len(text) if end is None else end
    out: list[tuple[int, int]] = []
    open_at, closer, i = -1, "", start
    while i < end:
        c = text[i]
        if open_at < 0:
            if c in "“「『\"":
                open_at, closer = i, {"“": "”", "「": "」", "『": "』", "\"": "\""}[c]
        elif c == closer or (closer == "”" and c == "\"") or (closer == "\"" and c == "”"):
            out.append((open_at, i + 1))
            open_at = -1
        elif i - open_at > max_len:
            out.append((open_at, i))
            open_at = -1
            continue
        i += 1
    if open_at >= 0:
        out.append((open_at, end))
    return out


def test_quote_regions_equal_the_reference() -> None:
    rnd = random.Random(7)
    for text in _random_texts(20000, 2, "ab“”「」『』\"。，", 30) + judgment_texts()[:20]:
        s = rnd.randint(0, len(text))
        e = rnd.randint(s, len(text))
        n = rnd.randint(1, 8)
        for args in ((text,), (text, s, e, n), (text, 0, None, n)):
            assert quote_regions(*args) == _quote_regions_reference(*args), args


def test_literals_find_what_the_alternation_finds() -> None:
    rnd = random.Random(3)
    for text in _random_texts(3000, 4, "被告原审某局市区政府人", 40):
        words = tuple(sorted({"".join(rnd.choice("被告原审某局市区政府人") for _ in range(rnd.randint(1, 4)))
                              for _ in range(rnd.randint(1, 6))}, key=len, reverse=True))
        rx = re.compile("|".join(map(re.escape, words)))
        lo = rnd.randint(0, len(text))
        hi = rnd.randint(lo, len(text))
        want = [(m.start(), m.end(), m.group(0)) for m in rx.finditer(text, lo, hi)]
        assert list(Literals(words).finditer(text, lo, hi)) == want


def test_joined_rule_patterns_match_first_where_the_first_pattern_does() -> None:
    patterns = ["征收|拆迁", "补偿(?:决定|协议)", "(?<!不)履行", "土地$"]
    joined = _joined(patterns)
    assert len(joined) == 1
    singles = [re.compile(p) for p in patterns]
    for text in _random_texts(5000, 5, "征收拆迁补偿决定协议不履行土地，", 20):
        hits = [m.start() for p in singles if (m := p.search(text))]
        m = joined[0].search(text)
        assert (m.start() if m else None) == (min(hits) if hits else None)
    assert len(_joined([r"(\d)\1", "x"])) == 2  # a back-reference: kept apart


def test_linear_predict_proba_equals_sklearn() -> None:
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.svm import LinearSVC

    from docgen.nlp import linear
    from docgen.nlp.category import load_model, model_text
    from docgen.nlp.parse import parse_text

    docs = [model_text(parse_text(t)) for t in judgment_texts()[:30]]
    for task in ("category", "domain"):
        model = load_model(task, None)
        union, clf = model.pipeline.named_steps["features"], model.pipeline.steps[-1][1]
        for batch in (docs, docs[:1]):
            x = tfidf.union_transform(union, batch)
            assert np.array_equal(linear.predict_proba(clf, x), clf.predict_proba(x))
    texts = _random_texts(300, 9)
    labels = [("甲", "乙", "丙")[len(t) % 3] for t in texts]
    x = TfidfVectorizer(analyzer="char").fit_transform(texts)
    for est, method, ys in ((LinearSVC(), "sigmoid", labels), (LinearSVC(), "sigmoid", [y == "甲" for y in labels]),
                            (LogisticRegression(), "sigmoid", labels), (LinearSVC(), "isotonic", labels)):
        for ensemble in (True, False):
            clf = CalibratedClassifierCV(est, method=method, cv=3, ensemble=ensemble).fit(x, ys)
            assert np.array_equal(linear.predict_proba(clf, x[:40]), clf.predict_proba(x[:40]))


def test_memo_segmenter_keeps_what_recurs_when_full() -> None:
    seg = MemoSegmenter(tokenizer(), hmm=False, max_blocks=20)
    for i in range(200):  # one-off clauses between the boilerplate, found again every time
        seg.lcut(f"本院认为，原告{'甲乙丙丁戊己庚辛壬癸'[i % 10]}某{i}号")
    assert "本院认为" in seg._memo and len(seg._memo) <= 20
    assert seg.lcut("本院认为") == tokenizer().lcut("本院认为", HMM=False)
