"""jieba segmentation that remembers the clauses it has already cut.

jieba cuts a text block by block: it splits the text at every character outside
``[\\u4E00-\\u9FD5a-zA-Z0-9+#&._%-]`` (punctuation, spaces) and segments each block on its own, so
the words of a block never depend on what stands around it.  Judgments repeat their clauses
(本院认为, 依照《中华人民共和国行政诉讼法》第七十条…, the agency's name, the parties' claims
quoted again in the reasoning), and several components read the same passage; remembering the
words of each block gives exactly the words ``Tokenizer.cut`` gives, at a fraction of the cost
(bench/README.md).

One :class:`MemoSegmenter` wraps one ``jieba.Tokenizer`` with one setting of ``HMM``; the memory
is bounded (the oldest half is dropped when it is full) and safe to share between threads (a
lost race only cuts a block twice).
"""

from __future__ import annotations

import weakref
from collections.abc import Iterator

import jieba

# the block pattern jieba's accurate mode splits on (jieba.re_han_default), kept as jieba's own
_BLOCKS = jieba.re_han_default
_ALL: weakref.WeakSet[MemoSegmenter] = weakref.WeakSet()


class MemoSegmenter:
    """``tok.cut(text, HMM=hmm)`` (accurate mode), block by block, each block cut once."""

    def __init__(self, tok: jieba.Tokenizer, *, hmm: bool = False, max_blocks: int = 200_000) -> None:
        self.tok = tok
        self.hmm = hmm
        self.max_blocks = max_blocks
        self._memo: dict[str, tuple[str, ...]] = {}
        self.hits = 0
        self.misses = 0
        _ALL.add(self)

    def _block(self, block: str) -> tuple[str, ...]:
        words = self._memo.get(block)
        if words is not None:
            self.hits += 1
            return words
        self.misses += 1
        words = tuple(self.tok.cut(block, HMM=self.hmm))
        memo = self._memo
        if len(memo) >= self.max_blocks:
            for key in list(memo)[: len(memo) // 2]:  # dicts keep insertion order: the oldest
                memo.pop(key, None)
        memo[block] = words
        return words

    def cut(self, text: str) -> Iterator[str]:
        for block in _BLOCKS.split(text):
            if block:
                yield from self._block(block)

    def lcut(self, text: str) -> list[str]:
        out: list[str] = []
        for block in _BLOCKS.split(text):
            if block:
                out.extend(self._block(block))
        return out

    def clear(self) -> None:
        self._memo.clear()
        self.hits = self.misses = 0


def forget_all() -> dict[str, int]:
    """Empty every segmenter's memory (a benchmark's cold start); returns the blocks cut and
    found again since the last call, summed over the segmenters."""
    totals = {"hits": 0, "misses": 0}
    for seg in list(_ALL):
        totals["hits"] += seg.hits
        totals["misses"] += seg.misses
        seg.clear()
    return totals
