"""jieba segmentation that remembers the clauses it has already cut.

jieba cuts a text block by block: it splits the text at every character outside
``[\\u4E00-\\u9FD5a-zA-Z0-9+#&._%-]`` (punctuation, spaces) and segments each block on its own, so
the words of a block never depend on what stands around it.  Judgments repeat their clauses
(本院认为, 依照《中华人民共和国行政诉讼法》第七十条…, the agency's name, the parties' claims
quoted again in the reasoning), and several components read the same passage; remembering the
words of each block gives exactly the words ``Tokenizer.cut`` gives, at a fraction of the cost
(bench/README.md).

One :class:`MemoSegmenter` wraps one ``jieba.Tokenizer`` with one setting of ``HMM``.  Its memory
is bounded (10,000 blocks, ~10 MB): when full, it keeps the blocks that were found again since
it was last made room in and forgets the rest, so a year's boilerplate stays and one-off clauses
(names, addresses, amounts) go.  Threads may share it: a lost race only cuts a block twice.
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

    def __init__(self, tok: jieba.Tokenizer, *, hmm: bool = False, max_blocks: int = 10_000) -> None:
        self.tok = tok
        self.hmm = hmm
        self.max_blocks = max_blocks
        self._memo: dict[str, tuple[str, ...]] = {}
        self._used: set[str] = set()  # blocks found again since the memory was last made room in
        self.hits = 0
        self.misses = 0
        _ALL.add(self)

    def _block(self, block: str) -> tuple[str, ...]:
        words = self._memo.get(block)
        if words is not None:
            self.hits += 1
            self._used.add(block)
            return words
        self.misses += 1
        words = tuple(self.tok.cut(block, HMM=self.hmm))
        if len(self._memo) >= self.max_blocks:
            self._forget()
        self._memo[block] = words
        return words

    def _forget(self) -> None:
        """Make room: keep the blocks found again since the last time (the boilerplate every
        judgment repeats), drop the rest; if that is still more than half, the oldest of them."""
        used = self._used
        kept = {k: v for k, v in self._memo.items() if k in used}
        if len(kept) > self.max_blocks // 2:
            kept = dict(list(kept.items())[len(kept) - self.max_blocks // 2:])  # insertion order: newest last
        self._memo = kept
        self._used = set()

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
        self._used.clear()
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
