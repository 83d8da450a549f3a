"""Where the per-document stage of ``docgen batch`` runs: worker processes on this machine
(:class:`LocalEngine`, a spawn-safe ``ProcessPoolExecutor``) or a dask.distributed cluster
(:class:`DaskEngine`).  Both take chunks of ``(name, bytes)`` and return, per document, a
picklable :class:`~docgen.ingest.service.ParseOutcome`; the database is written by the parent
only (:mod:`docgen.batch`).

The work function and the worker warm-up live here, at module level, so they pickle by
reference and run the same in a spawned process, on a dask worker, or in-process.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any, Protocol

from docgen.config import Limits
from docgen.ingest.service import ParseOutcome, parse_document, parse_documents

log = logging.getLogger(__name__)

__all__ = ["DaskEngine", "Engine", "InlineEngine", "LocalEngine", "make_engine", "parse_chunk", "warm_worker"]

# A short fictional judgment: parsing and analysing it once loads jieba's dictionary, the spaCy
# pipeline and the category / 管理领域 / defect models, so the first real document is not slow.
WARM_TEXT = """东川市临江区人民法院
行政判决书
（2023）东0102行初1号
原告：周某，男，1970年3月2日出生，住东川市临江区。
被告：东川市临江区市场监督管理局，住所地东川市临江区滨河路8号。
法定代表人：钱某，该局局长。
　　原告周某诉被告东川市临江区市场监督管理局行政处罚一案，本院于2023年3月1日立案后，依法组成合议庭，公开开庭审理了本案。本案现已审理终结。
　　原告诉称，被告作出的处罚决定未告知陈述申辩权利，请求撤销。
　　被告辩称，处罚决定事实清楚，程序合法，请求驳回原告的诉讼请求。
　　经审理查明，2022年11月5日，被告对原告经营的超市进行检查。
　　本院认为，被告在作出处罚决定前未告知原告陈述、申辩的权利，违反法定程序。依照《中华人民共和国行政诉讼法》第七十条第（三）项之规定，判决如下：
　　撤销被告于2022年12月1日作出的行政处罚决定。
　　案件受理费50元，由被告负担。
审　判　长　　李某
二〇二三年六月十二日
书　记　员　　黄某
"""

Chunk = list[tuple[str, bytes]]

_warmed: set[str] = set()


def _exit_with_parent(interval: float = 1.0) -> None:
    """A pool's worker waits on a pipe that stays open when the parent is killed (kill -9): so
    watch for the parent going away and leave with it."""
    parent = os.getppid()

    def watch() -> None:
        while True:
            time.sleep(interval)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="docgen-parent-watch", daemon=True).start()


def warm_worker(models_dir: str | None = None, ignore_sigint: bool = True) -> None:
    """Initializer of a pool's worker process: ignore Ctrl-C (the parent decides what stops),
    exit when the parent dies, and load every model once by analysing a small document."""
    if ignore_sigint:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        _exit_with_parent()
    key = models_dir or ""
    if key in _warmed:
        return
    try:
        parse_document(WARM_TEXT.encode("utf-8"), "warm-up.txt", Limits(), Path(models_dir) if models_dir else None)
    except Exception:  # noqa: BLE001 - warming is an optimisation; real documents will say what fails
        log.exception("warm-up failed")
    _warmed.add(key)


def parse_chunk(chunk: Chunk, limits: Limits, models_dir: str | None = None) -> list[ParseOutcome]:
    """The per-document stage over a chunk: a pure function of each document's bytes."""
    return parse_documents(chunk, limits, Path(models_dir) if models_dir else None)


class Engine(Protocol):
    workers: int
    chunk: int

    def submit(self, chunk: Chunk) -> Any: ...  # a future with .result()

    def recover(self) -> None: ...

    def close(self, *, cancel: bool = False) -> None: ...


class InlineEngine:
    """No worker process: parse in the calling process (``--workers 0``, small runs, debugging)."""

    def __init__(self, limits: Limits, models_dir: Path | None, chunk: int = 8):
        self.workers, self.chunk = 0, max(1, chunk)
        self.limits, self.models_dir = limits, str(models_dir) if models_dir else None

    def submit(self, chunk: Chunk) -> Future:
        fut: Future = Future()
        try:
            fut.set_result(parse_chunk(chunk, self.limits, self.models_dir))
        except BaseException as err:  # noqa: BLE001 - delivered through the future, like a pool's
            fut.set_exception(err)
        return fut

    def recover(self) -> None:
        pass

    def close(self, *, cancel: bool = False) -> None:
        pass


class LocalEngine:
    """``workers`` spawned processes, each warmed once by :func:`warm_worker`."""

    def __init__(self, workers: int, limits: Limits, models_dir: Path | None, chunk: int = 8):
        self.workers, self.chunk = max(1, workers), max(1, chunk)
        self.limits, self.models_dir = limits, str(models_dir) if models_dir else None
        self._pool = self._new_pool()

    def _new_pool(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=self.workers, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=warm_worker, initargs=(self.models_dir,))

    def submit(self, chunk: Chunk) -> Future:
        try:
            return self._pool.submit(parse_chunk, chunk, self.limits, self.models_dir)
        except (BrokenProcessPool, RuntimeError) as err:  # broken meanwhile: report it like a result
            fut: Future = Future()
            fut.set_exception(err)
            return fut

    def recover(self) -> None:
        """After a worker died (killed, out of memory): a fresh pool for what is left."""
        try:
            self._pool.submit(os.getpid).result(timeout=60)
            return
        except (BrokenProcessPool, RuntimeError):
            pass
        except Exception:  # noqa: BLE001 - a timeout: treat as broken too
            pass
        self._pool.shutdown(wait=False, cancel_futures=True)
        self._pool = self._new_pool()

    def close(self, *, cancel: bool = False) -> None:
        self._pool.shutdown(wait=not cancel, cancel_futures=cancel)


class DaskEngine:
    """The same stage on dask.distributed: ``Client(scheduler)`` for an existing cluster, else a
    ``LocalCluster`` of ``workers`` processes.  Workers are warmed by a worker plugin."""

    def __init__(self, workers: int, limits: Limits, models_dir: Path | None, *, scheduler: str | None = None,
                 chunk: int = 16):
        from distributed import Client, LocalCluster

        from docgen.batch_dask import WarmPlugin

        self.limits, self.models_dir = limits, str(models_dir) if models_dir else None
        self.chunk = max(1, chunk)
        self._cluster = None
        if scheduler:
            self.client = Client(scheduler)
        else:
            self._cluster = LocalCluster(n_workers=max(1, workers), threads_per_worker=1, processes=True,
                                         dashboard_address=None)
            self.client = Client(self._cluster)
        try:
            self.client.register_plugin(WarmPlugin(self.models_dir), name="docgen-warm")
            n = len(self.client.scheduler_info().get("workers", {}))
        except BaseException:
            self.close()
            raise
        self.workers = max(1, n)

    def submit(self, chunk: Chunk) -> Any:
        return self.client.submit(parse_chunk, chunk, self.limits, self.models_dir, pure=False)

    def recover(self) -> None:
        pass  # the scheduler reschedules work of a lost worker by itself

    def close(self, *, cancel: bool = False) -> None:
        try:
            self.client.close()
        finally:
            if self._cluster is not None:
                self._cluster.close()


def make_engine(kind: str, workers: int, limits: Limits, models_dir: Path | None, *,
                scheduler: str | None = None, chunk: int | None = None) -> Engine:
    if kind == "dask":
        return DaskEngine(workers, limits, models_dir, scheduler=scheduler, chunk=chunk or 16)
    if kind != "local":
        raise ValueError(f"unknown engine {kind!r}")
    if workers <= 0:
        return InlineEngine(limits, models_dir, chunk=chunk or 8)
    return LocalEngine(workers, limits, models_dir, chunk=chunk or 8)


EngineFactory = Callable[[], Engine]
