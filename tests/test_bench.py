"""The benchmark (bench/bench.py, ``make bench``) runs end to end on a few documents.

No timing is asserted: the figures and targets are in bench/README.md."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_bench_runs_on_a_small_n(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    env = {k: v for k, v in os.environ.items() if not k.startswith("DOCGEN_")}
    res = subprocess.run([sys.executable, "bench/bench.py", "--n", "8", "--rss-n", "6", "--wp-cases", "20",
                          "--json", str(out)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr[-3000:]
    r = json.loads(out.read_text(encoding="utf-8"))
    assert r["n"] == 8 and r["jieba"]["docs"] == 8
    assert r["analyse"]["single"]["docs"] == r["analyse"]["chunked"]["docs"] == 8
    assert r["ratio_to_jieba"] > 0
    assert r["scaling"]["one"]["workers"] == 1 and r["scaling"]["many"]["workers"] == 2
    assert r["scaling"]["speedup"] > 0
    assert [x["documents"] for x in r["rss"]] == [6] and r["rss"][0]["stored"] == 6
    assert r["rss"][0]["parent_peak_rss_mb"] > 0 and r["rss"][0]["worker_peak_rss_mb"] > 0
    assert "cases" in r["whitepaper"] or "skipped" in r["whitepaper"]
    assert "parse + analyse" in res.stdout and "speed-up" in res.stdout
