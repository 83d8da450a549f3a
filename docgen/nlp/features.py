"""Shared text features for the scikit-learn models (category, 管理领域, clusters).

One jieba tokeniser, private to docgen's models (a separate ``jieba.Tokenizer`` instance, so
the words added here never change how other components segment text), plus the text
normalisation used before character n-grams.  The analyzer functions are module-level so a
fitted ``TfidfVectorizer`` pickles by reference and reloads without this module re-running
anything but the import.
"""

from __future__ import annotations

import logging
import re
import threading
from functools import cache, lru_cache

import jieba

from docgen.nlp.patterns import load_yaml
from docgen.nlp.segment import MemoSegmenter

_LOCK = threading.Lock()
_TOKENIZER: jieba.Tokenizer | None = None
_SEGMENTER: MemoSegmenter | None = None

_DIGITS = re.compile(r"[0-9０-９〇零一二三四五六七八九十百千万亿]*[0-9０-９][0-9０-９.．,，]*")
_SPACE = re.compile(r"[\s\u3000]+")
_KEEP = re.compile(r"[\u4e00-\u9fffA-Za-z]")  # a token must contain a CJK char or a letter
_XS = re.compile(r"[×xX＊*]{2,}")  # anonymised names/numbers: 张××, 粤x×××××


def _vocab() -> dict:
    return load_yaml("categories.yaml").get("vocabulary", {})


def tokenizer() -> jieba.Tokenizer:
    """docgen's own jieba tokenizer, with legal terms (categories.yaml ``vocabulary``) added."""
    global _TOKENIZER
    if _TOKENIZER is None:
        with _LOCK:
            if _TOKENIZER is None:
                jieba.setLogLevel(logging.WARNING)
                tok = jieba.Tokenizer()
                tok.initialize()
                for word in _vocab().get("words", []):
                    tok.add_word(word, freq=200_000)
                _TOKENIZER = tok
    return _TOKENIZER


def segmenter() -> MemoSegmenter:
    """:func:`tokenizer` without HMM, remembering the clauses it has cut (docgen.nlp.segment)."""
    global _SEGMENTER
    if _SEGMENTER is None:
        tok = tokenizer()
        with _LOCK:
            if _SEGMENTER is None:
                _SEGMENTER = MemoSegmenter(tok, hmm=False)
    return _SEGMENTER


@cache
def stopwords() -> frozenset[str]:
    """Legal boilerplate that says nothing about a case (本院, 原告, 认为, 规定 …)."""
    return frozenset(_vocab().get("stopwords", []))


def normalize(text: str) -> str:
    """Fold what varies between documents but not between cases: numbers, anonymisation
    marks, runs of white space."""
    text = _XS.sub("×", text)
    text = _DIGITS.sub("0", text)
    return _SPACE.sub(" ", text)


def tokens(text: str) -> list[str]:
    """jieba words of ``text``: no punctuation, no numbers, no single characters, no stop words.

    The category and 管理领域 models read the same text of a document, each more than once
    (probabilities, then the features behind the answer): the words of the last few texts are
    kept, so a document is segmented once (bench/README.md)."""
    return list(_tokens(text))


@lru_cache(maxsize=16)
def _tokens(text: str) -> tuple[str, ...]:
    stop = stopwords()
    out = []
    for w in segmenter().lcut(normalize(text)):
        w = w.strip()
        if len(w) < 2 or w in stop or not _KEEP.search(w):
            continue
        out.append(w.lower())
    return tuple(out)


def char_text(text: str) -> str:
    """Text prepared for character n-grams: punctuation and numbers folded to one space."""
    return _SPACE.sub(" ", re.sub(r"[^\u4e00-\u9fffA-Za-z×]+", " ", normalize(text))).strip()


def identity(x):  # pragma: no cover - trivial; module-level so vectorizers pickle
    return x
