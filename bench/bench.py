#!/usr/bin/env python3
"""docgen benchmark: how fast is the per-document stage, how well does it scale, how much memory
does a batch take, and how long does the white paper take.  One run, one set of generated text.

    python bench/bench.py                      # the figures of bench/README.md (a few minutes)
    python bench/bench.py --n 200 --rss-n 100,400 --wp-cases 1000 --json /tmp/b.json

What is measured (all on the same N synthetic judgments from corpus/generate.py):

1. ``jieba``      — ``jieba.lcut(text)`` over every text: the floor (segmentation only).
2. ``analyse``    — ``analyze(parse_text(text))`` in this process, one at a time, and in chunks as a
                    batch worker runs it (``parse_documents``): docs/s, MB/s, ratio to the floor.
3. ``scaling``    — the batch's per-document stage (bytes → ParseOutcome) in a pool of 2 spawned,
                    warmed worker processes, with 1 and then 2 of them busy: the speed-up.
4. ``rss``        — ``docgen batch --no-drafts`` over M documents written to disk, in a child
                    process: peak RSS of the parent and of the largest worker, for each M.
5. ``whitepaper`` — ``generate_whitepaper`` over a database of K cases of one year (parsed once,
                    stored K times under distinct case numbers); skipped if docgen.documents is absent.

``--profile DIR`` also writes pyinstrument profiles of stages 2 and 5 (separate, untimed passes).  Results: a table on stdout and,
with ``--json``, a JSON file.  No figure here is asserted by the test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

TARGETS = {
    "ratio_to_jieba": ("≤", 1.5),
    "speedup_2_workers": ("≥", 1.7),
    "peak_rss_mb_at_100k": ("≤", 1024),
    "whitepaper_10k_s": ("≤", 3.0),
}


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def corpus(n: int, seed: int) -> list[tuple[str, str]]:
    from corpus.generate import generate

    return [(name, text) for name, text, _ in generate(n, seed)]


# -- 1 & 2: the floor and parse+analyse in one process ----------------------------------------------------


def bench_jieba(texts: list[str], rounds: int = 1) -> dict[str, Any]:
    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()
    jieba.lcut(texts[0])
    best = float("inf")
    for _ in range(rounds):
        t = time.perf_counter()
        for text in texts:
            jieba.lcut(text)
        best = min(best, time.perf_counter() - t)
    return _rate(best, texts)


def bench_analyse(texts: list[str], profile: Path | None = None, chunk: int = 8, rounds: int = 1) -> dict[str, Any]:
    """``analyze(parse_text(text))`` one document at a time (as ``docgen ingest``), and the same
    as the batch runs it: chunks of ``chunk`` texts with the category models primed per chunk.
    With ``rounds`` > 1, the fastest of that many passes (each from a cold memory of clauses)."""
    from docgen.config import Limits
    from docgen.ingest.service import parse_documents
    from docgen.nlp.parse import parse_text
    from docgen.nlp.segment import forget_all
    from docgen.pipeline import analyze

    analyze(parse_text(texts[0]))  # load the models
    # each pass starts with the segmenters' memory of clauses empty (docgen.nlp.segment): what
    # one pass learnt about these texts must not speed up the next
    forget_all()
    best = float("inf")
    for _ in range(rounds):
        t = time.perf_counter()
        for text in texts:
            analyze(parse_text(text))
        best = min(best, time.perf_counter() - t)
        remembered = _hit_rate(forget_all())
    single = _rate(best, texts)
    single["clauses_remembered"] = remembered
    items = [(f"{i}.txt", text) for i, text in enumerate(texts)]
    limits = Limits()
    best = float("inf")
    for _ in range(rounds):
        t = time.perf_counter()
        for i in range(0, len(items), chunk):  # parse_documents takes bytes: decode once more, as a worker does
            parse_documents([(n, x.encode("utf-8")) for n, x in items[i:i + chunk]], limits)
        best = min(best, time.perf_counter() - t)
        remembered = _hit_rate(forget_all())
    chunked = _rate(best, texts)
    chunked["chunk"] = chunk
    chunked["clauses_remembered"] = remembered
    if profile is not None:  # a separate, untimed pass: the profiler slows what it watches
        with _profiled(profile / "analyse.txt"):
            for i in range(0, min(len(items), 400), chunk):
                parse_documents([(n, x.encode("utf-8")) for n, x in items[i:i + chunk]], limits)
    return {"single": single, "chunked": chunked}


def _hit_rate(counts: dict[str, int]) -> float:
    """The share of text blocks the segmenters found in their memory instead of cutting."""
    seen = counts["hits"] + counts["misses"]
    return round(counts["hits"] / seen, 3) if seen else 0.0


class _profiled:
    def __init__(self, path: Path):
        self.path = path

    def __enter__(self) -> None:
        from pyinstrument import Profiler

        self.profiler = Profiler(interval=0.001)
        self.profiler.start()

    def __exit__(self, *exc: Any) -> None:
        self.profiler.stop()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(self.profiler.output_text(unicode=True, color=False), encoding="utf-8")


def _rate(seconds: float, texts: list[str]) -> dict[str, Any]:
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    return {"docs": len(texts), "seconds": round(seconds, 3), "docs_per_s": round(len(texts) / seconds, 1),
            "mb_per_s": round(mb / seconds, 3), "ms_per_doc": round(seconds * 1000 / len(texts), 2)}


# -- 3: scaling over worker processes ---------------------------------------------------------------------


def _hold(seconds: float) -> int:
    time.sleep(seconds)
    return os.getpid()


def _forget_and_hold(seconds: float) -> int:
    """In a worker: empty the segmenters' memory of clauses (each timed phase starts cold, so the
    second does not profit from what the first learnt about the same texts), then hold it."""
    from docgen.nlp.segment import forget_all

    forget_all()
    return _hold(seconds)


def bench_scaling(docs: list[tuple[str, str]], workers: int, chunk: int = 8) -> dict[str, Any]:
    """The batch's per-document stage (bytes → ParseOutcome) in one pool of ``workers`` spawned,
    warmed processes: first one chunk in flight at a time (one process busy), then every chunk at
    once (all busy).  One pool for both, so the models are loaded once per process."""
    from docgen.batch_engines import LocalEngine
    from docgen.config import Limits

    engine = LocalEngine(workers, Limits(), None, chunk=chunk)
    payload = [(name, text.encode("utf-8")) for name, text in docs]
    chunks = [payload[i:i + chunk] for i in range(0, len(payload), chunk)]
    texts = [t for _, t in docs]
    try:
        # start and warm every worker (each initializer loads the models) before timing
        pids = {f.result() for f in [engine._pool.submit(_hold, 1.0) for _ in range(workers)]}
        assert len(pids) == workers, pids

        def cold() -> None:  # every worker forgets (each holds one task, so each gets one)
            pids = {f.result() for f in [engine._pool.submit(_forget_and_hold, 1.0) for _ in range(workers)]}
            assert len(pids) == workers, pids

        cold()
        t = time.perf_counter()
        n = sum(len(engine.submit(c).result()) for c in chunks)
        one = _rate(time.perf_counter() - t, texts)
        cold()
        t = time.perf_counter()
        n += sum(len(f.result()) for f in [engine.submit(c) for c in chunks])
        many = _rate(time.perf_counter() - t, texts)
    finally:
        engine.close()
    assert n == 2 * len(docs)
    one["workers"], many["workers"] = 1, workers
    return {"one": one, "many": many, "speedup": round(one["seconds"] / many["seconds"], 2)}


# -- 4: peak RSS of a batch run ---------------------------------------------------------------------------


def _hwm_mb(pid: int | str = "self") -> float | None:
    """Peak resident set (VmHWM) of a process, in MB.  Not ``getrusage``: Linux carries the
    ru_maxrss of the process that forked over an exec, so a child started by this (large) bench
    process would report the bench's own peak."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        return None
    return None


def _rss_child(docs_dir: str, out_dir: str, workers: int) -> None:
    """Run in a child process: the batch, then print its peak RSS figures as JSON."""
    from docgen import batch_engines
    from docgen.batch import BatchOptions, run_batch
    from docgen.config import Limits, Settings

    worker_peaks: list[float] = []
    close = batch_engines.LocalEngine.close

    def close_and_measure(self, *, cancel: bool = False) -> None:  # noqa: ANN001
        for pid in list(getattr(self._pool, "_processes", None) or {}):
            peak = _hwm_mb(pid)
            if peak is not None:
                worker_peaks.append(peak)
        close(self, cancel=cancel)

    batch_engines.LocalEngine.close = close_and_measure  # type: ignore[method-assign]

    inst = Path(out_dir) / "instance"
    settings = Settings(instance_dir=inst, database_url=f"sqlite:///{inst / 'docgen.sqlite3'}",
                        blob_dir=inst / "originals", limits=Limits())
    t = time.perf_counter()
    result = run_batch(settings, BatchOptions(inputs=[Path(docs_dir)], year=2023, out=Path(out_dir) / "out",
                                              workers=workers, drafts=False, progress=False))
    dt = time.perf_counter() - t
    print(json.dumps({
        "stored": result.stored,
        "seconds": round(dt, 2),
        "ingest_docs_per_s": round(result.stored / result.timings.get("ingest", dt), 1),
        "parent_peak_rss_mb": _hwm_mb() or round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "worker_peak_rss_mb": max(worker_peaks) if worker_peaks else
        round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1),
        "timings": {k: round(v, 2) for k, v in result.timings.items()},
    }))


def bench_rss(sizes: list[int], seed: int, workers: int, tmp: Path) -> list[dict[str, Any]]:
    out = []
    docs = corpus(max(sizes), seed)
    for m in sizes:
        d = tmp / f"rss-{m}"
        (d / "docs").mkdir(parents=True)
        for name, text in docs[:m]:
            (d / "docs" / name).write_text(text, encoding="utf-8")
        env = {k: v for k, v in os.environ.items() if not k.startswith("DOCGEN_")}
        res = subprocess.run([sys.executable, __file__, "--_rss-child", str(d / "docs"), str(d), str(workers)],
                             capture_output=True, text=True, env=env, cwd=ROOT)
        if res.returncode != 0:
            raise RuntimeError(f"batch child failed: {res.stderr[-2000:]}")
        row = json.loads(res.stdout.strip().splitlines()[-1])
        row["documents"] = m
        out.append(row)
        log(f"  rss at {m}: parent {row['parent_peak_rss_mb']} MB, worker {row['worker_peak_rss_mb']} MB, "
            f"{row['ingest_docs_per_s']} docs/s end to end")
    return out


# -- 5: the white paper over K cases ----------------------------------------------------------------------


def bench_whitepaper(k: int, docs: list[tuple[str, str]], tmp: Path, year: int = 2023,
                     profile: Path | None = None) -> dict[str, Any]:
    try:
        from docgen.batch import documents_api

        documents = documents_api()
    except ImportError as err:
        return {"skipped": f"docgen.documents not available: {err}"}
    import hashlib
    from dataclasses import replace

    from docgen.blobs import BlobStore
    from docgen.db import init_db, make_engine, repo, session_scope
    from docgen.nlp.parse import PARSER_VERSION, parse_text
    from docgen.pipeline import analyze

    url = f"sqlite:///{tmp / 'wp' / 'docgen.sqlite3'}"
    init_db(url)
    engine = make_engine(url)
    parsed = []
    for name, text in docs:
        try:
            parsed.append((name, analyze(parse_text(text))))
        except Exception:  # noqa: BLE001 - a generated text the parser rejects is simply not used
            continue
    t = time.perf_counter()
    stored = 0
    while stored < k:
        with session_scope(engine) as s:
            for name, j in parsed:
                if stored >= k:
                    break
                copy = replace(j)
                if copy.judgment_date is not None:
                    day = min(copy.judgment_date.day, 28)
                    copy.judgment_date = copy.judgment_date.replace(year=year, day=day)
                if copy.case_number is not None:
                    cn = copy.case_number
                    seq = f"{stored + 1}"
                    copy.case_number = replace(cn, year=year, seq=seq,
                                               normalized=f"（{year}）{cn.court_code or ''}{cn.type_code or '行初'}{seq}号")
                sha = hashlib.sha256(f"{stored}:{name}".encode()).hexdigest()
                repo.store_judgment(s, sha256=sha, original_name=f"{stored}-{name}", fmt="txt", size_bytes=0,
                                    encoding="utf-8", judgment=copy, parser_version=PARSER_VERSION)
                stored += 1
    load_s = time.perf_counter() - t
    blobs = BlobStore(tmp / "wp" / "blobs")
    out_dir = tmp / "wp" / "out"
    out_dir.mkdir(parents=True, exist_ok=True)
    with session_scope(engine) as s:
        t = time.perf_counter()
        draft = documents.generate_whitepaper(s, blobs, out_dir, year=year)
        dt = time.perf_counter() - t
        s.rollback()
    if profile is not None:  # again, untimed
        with session_scope(engine) as s, _profiled(profile / "whitepaper.txt"):
            documents.generate_whitepaper(s, blobs, out_dir, year=year)
            s.rollback()
    engine.dispose()
    return {"cases": stored, "seconds": round(dt, 3), "title": getattr(draft, "title", None),
            "load_seconds": round(load_s, 1)}


# -- report -----------------------------------------------------------------------------------------------


def verdict(key: str, value: float | None) -> str:
    if value is None:
        return "—"
    op, target = TARGETS[key]
    ok = value <= target if op == "≤" else value >= target
    return f"{'达标 met' if ok else '未达标 missed'} (target {op} {target})"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=1000, help="documents for stages 1–3 (default 1000)")
    ap.add_argument("--rss-n", default="500,2000", help="document counts for the RSS runs (default 500,2000)")
    ap.add_argument("--wp-cases", type=int, default=10000, help="cases in the white-paper database (default 10000)")
    ap.add_argument("--seed", type=int, default=2024)
    ap.add_argument("--workers", type=int, default=2, help="processes for the scaling run and the RSS runs")
    ap.add_argument("--profile", type=Path, metavar="DIR",
                    help="also write pyinstrument profiles (untimed passes) of stages 2 and 5 into DIR")
    ap.add_argument("--json", type=Path, help="write the results here")
    ap.add_argument("--skip", default="", help="comma-separated stages to skip: scaling,rss,whitepaper")
    ap.add_argument("--texts", type=Path, metavar="DIR",
                    help="stages 1–2 on these *.txt files (e.g. real judgments) instead of generated ones")
    ap.add_argument("--rounds", type=int, help="timed passes of stages 1–2, the fastest counts "
                                                "(default 1; 5 with --texts)")
    ap.add_argument("--_rss-child", nargs=3, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args._rss_child:
        _rss_child(args._rss_child[0], args._rss_child[1], int(args._rss_child[2]))
        return 0
    skip = {s.strip() for s in args.skip.split(",") if s.strip()}

    results: dict[str, Any] = {"machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                                           "platform": platform.platform()},
                               "n": args.n, "seed": args.seed}
    log(f"generating {args.n} judgments …")
    t = time.perf_counter()
    docs = corpus(args.n, args.seed)
    texts = [t for _, t in docs]
    results["generate_seconds"] = round(time.perf_counter() - t, 2)
    rounds = args.rounds or 1
    if args.texts:
        texts = [p.read_text(encoding="utf-8") for p in sorted(args.texts.iterdir())
                 if p.suffix.lower() == ".txt" and p.is_file()]
        if not texts:
            ap.error(f"no *.txt files in {args.texts}")
        results["texts"] = {"dir": str(args.texts), "docs": len(texts)}
        rounds = args.rounds or 5
    results["rounds"] = rounds
    results["mb"] = round(sum(len(x.encode("utf-8")) for x in texts) / 1e6, 2)

    log("jieba floor …")
    results["jieba"] = bench_jieba(texts, rounds)
    log("parse + analyse …")
    results["analyse"] = bench_analyse(texts, args.profile, rounds=rounds)
    results["ratio_to_jieba"] = round(results["analyse"]["chunked"]["seconds"] / results["jieba"]["seconds"], 2)
    results["ratio_to_jieba_single"] = round(results["analyse"]["single"]["seconds"] / results["jieba"]["seconds"], 2)

    if "scaling" not in skip:
        log(f"1, then {args.workers} worker processes …")
        results["scaling"] = bench_scaling(docs, args.workers)

    with tempfile.TemporaryDirectory(prefix="docgen-bench-") as tmpd:
        tmp = Path(tmpd)
        if "rss" not in skip:
            log("peak RSS of batch runs …")
            sizes = [int(x) for x in args.rss_n.split(",") if x.strip()]
            results["rss"] = bench_rss(sizes, args.seed, args.workers, tmp)
        if "whitepaper" not in skip:
            log(f"white paper over {args.wp_cases} cases …")
            results["whitepaper"] = bench_whitepaper(args.wp_cases, docs[: min(len(docs), 2000)], tmp,
                                                     profile=args.profile)

    report(results)
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


def report(r: dict[str, Any]) -> None:
    j, one, ch = r["jieba"], r["analyse"]["single"], r["analyse"]["chunked"]
    what = (f"{r['texts']['docs']} judgments from {r['texts']['dir']}" if r.get("texts")
            else f"{r['n']} generated judgments")
    print(f"docgen bench: {what}, {r['mb']} MB, {r['machine']['cpus']} CPUs, "
          f"Python {r['machine']['python']}" + (f", fastest of {r['rounds']} passes" if r.get("rounds", 1) > 1 else ""))
    print(f"  jieba.lcut floor     {j['docs_per_s']:>8} docs/s  {j['mb_per_s']:>7} MB/s  {j['ms_per_doc']:>6} ms/doc")
    print(f"  parse + analyse      {one['docs_per_s']:>8} docs/s  {one['mb_per_s']:>7} MB/s  {one['ms_per_doc']:>6} ms/doc"
          f"   one at a time: {r['ratio_to_jieba_single']}× the floor")
    print(f"  … in chunks of {ch['chunk']:<4} {ch['docs_per_s']:>8} docs/s  {ch['mb_per_s']:>7} MB/s  "
          f"{ch['ms_per_doc']:>6} ms/doc   as the batch runs it")
    print(f"  clauses segmented before (found in memory): {one['clauses_remembered']:.0%} one at a time, "
          f"{ch['clauses_remembered']:.0%} in chunks")
    print(f"  ratio to the floor   {r['ratio_to_jieba']:>8}×   {verdict('ratio_to_jieba', r['ratio_to_jieba'])}")
    if "scaling" in r:
        s = r["scaling"]
        print(f"  1 worker process     {s['one']['docs_per_s']:>8} docs/s")
        print(f"  {s['many']['workers']} worker processes   {s['many']['docs_per_s']:>8} docs/s   "
              f"speed-up {s['speedup']}×   {verdict('speedup_2_workers', s['speedup'])}")
    for row in r.get("rss", []):
        print(f"  batch of {row['documents']:>6} docs   parent peak {row['parent_peak_rss_mb']:>7} MB   "
              f"largest worker {row['worker_peak_rss_mb']:>7} MB   {row['ingest_docs_per_s']} docs/s end to end")
    if r.get("rss"):
        peak = max(max(x["parent_peak_rss_mb"], x["worker_peak_rss_mb"]) for x in r["rss"])
        print(f"  peak RSS (any process) {peak} MB   {verdict('peak_rss_mb_at_100k', peak)} "
              f"(flat in N: see the rows above)")
    wp = r.get("whitepaper")
    if wp:
        if "skipped" in wp:
            print(f"  white paper          skipped: {wp['skipped']}")
        else:
            print(f"  white paper          {wp['seconds']} s for {wp['cases']} cases   "
                  f"{verdict('whitepaper_10k_s', wp['seconds']) if wp['cases'] >= 10000 else '(fewer than 10k cases)'}")


if __name__ == "__main__":
    sys.exit(main())
