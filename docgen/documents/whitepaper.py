"""行政审判白皮书: 一、基本情况 二、主要特点 三、存在的主要问题 四、意见建议 五、典型案例.

Chapters can be generated alone or together; chapter numbers stay as in the full paper so
separately generated chapters can be put together.  Every figure is a docgen.stats figure;
year-on-year changes are stats' ``Change.describe()`` sentences.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from docgen import stats
from docgen.blobs import BlobStore
from docgen.db.models import Judgment
from docgen.documents import charts, common
from docgen.documents.builder import BR, DocxWriter, FigureSpec, TableSpec
from docgen.documents.config import DocumentError, court_info, risk_settings, suggestion_library, thresholds
from docgen.documents.evidence import IN_CHUNK, Cited, Evidence, Part, Scope, case_facts
from docgen.documents.render import render, render_string

__all__ = ["CHAPTERS", "generate_whitepaper"]

CHAPTERS = {1: "一、基本情况", 2: "二、主要特点", 3: "三、行政执法中存在的主要问题", 4: "四、意见建议", 5: "五、典型案例"}
MAX_AGENCY_ROWS = 30
MAX_TYPICAL_CASES = 5
EXAMPLES_PER_DEFECT = 2
CHART_AGENCIES = 10


def _change(yoy: stats.YearOnYear | None, key: str, items: str = "totals") -> stats.Change | None:
    if yoy is None:
        return None
    return next((c for c in getattr(yoy, items) if c.key == key), None)


def _compact(change: stats.Change | None) -> str:
    """A stats Change for a table cell: +3（+7.3%）, −2, 持平, —."""
    if change is None or change.delta is None:
        return "—"
    if change.delta == 0:
        return "持平"
    if change.kind == "rate":
        return f"{change.delta:+.1f}个百分点"
    pct = "" if change.pct is None else f" ({change.pct:+.1f}%)"
    return f"{change.delta:+d}{pct}"


def _describe(change: stats.Change | None) -> str:
    """"，同比增加3件（+7.3%）" — empty when there is no comparison."""
    if change is None or change.delta is None:
        return ""
    return "，" + change.describe()


class _Paper:
    """Collects the figures, evidence, tables and figures of one white paper."""

    def __init__(self, session: Session, year: int, court: str | None, compare_to: int | None | str):
        self.session = session
        self.year = year
        self.report = stats.build_report(session, year, court=court, compare_to=compare_to)
        self.cur = self.report.current
        self.prev = self.report.previous
        self.yoy = self.report.yoy
        if self.cur.caseload.closed == 0:
            raise DocumentError(f"{self.cur.filters.describe()}没有已审结的案件，无法生成白皮书")
        # the paper lists the cases of every agency of its tables: read each list for all at once
        self.scope = Scope(session, year, court, many_agencies=True)
        self.pscope = Scope(session, self.prev.filters.year, court, many_agencies=True) if self.prev else None
        self.tables: dict[str, TableSpec] = {}
        self.figures: dict[str, FigureSpec] = {}
        self.extra_ids: set[int] = set()
        self._best: dict[str, dict[int, tuple[str, int]]] = {}  # defect code → common.best_sentences

    def best_sentences(self, code: str, part: Part) -> dict[int, tuple[str, int]]:
        """The court's best sentences for ``code`` in this year's cases of that defect (``part``),
        read once for 三、 (examples) and 五、 (typical cases)."""
        if code not in self._best:
            ids = {c.judgment_id for c in part.cases}
            self._best[code] = common.best_of([f for f in self.scope.findings(code) if f.judgment_id in ids])
        return self._best[code]

    # -- evidence helpers ---------------------------------------------------------------------------
    def part(self, label: str, ids: list[int], figure: int, *, prev: bool = False, sentence: str | None = None) -> Part:
        scope = self.pscope if prev else self.scope
        assert scope is not None
        return common.count_part(scope, label, ids, figure, sentence=sentence)

    def py(self) -> int:
        assert self.prev is not None and self.prev.filters.year is not None
        return self.prev.filters.year

    def closed_evidence(self, procedure: Any = ..., category: Any = ...) -> Evidence:
        def rows(st: stats.YearStats) -> int:
            if procedure is not ...:
                return next((r.closed for r in st.caseload.by_procedure if r.procedure == procedure), 0)
            if category is not ...:
                return next((r.count for r in st.categories if r.label == category), 0)
            return st.caseload.closed

        what = procedure if procedure is not ... else category if category is not ... else "行政"
        parts = [self.part(f"{self.year}年审结{what}案件", self.scope.closed(procedure=procedure, category=category),
                           rows(self.cur))]
        if self.prev is not None and self.pscope is not None:
            n = rows(self.prev)
            parts.append(self.part(f"{self.py()}年审结{what}案件", self.pscope.closed(procedure=procedure, category=category),
                                   n, prev=True))
        return common.evidence(*parts)

    # -- 一、基本情况 -----------------------------------------------------------------------------------
    def basic(self) -> dict[str, Any]:
        cur, yoy = self.cur, self.yoy
        numbers = {"table": 0, "figure": 0}

        def number(kind: str) -> int:
            numbers[kind] += 1
            return numbers[kind]

        # 表 caseload by procedure
        has_yoy = yoy is not None
        prev_closed = {r.procedure: r.closed for r in self.prev.caseload.by_procedure} if self.prev else {}
        rows, claims = [], {}
        for i, r in enumerate(cur.caseload.by_procedure):
            row = [r.procedure, str(r.filed), str(r.closed)]
            if has_yoy:
                ch = _change(yoy, f"closed:{r.procedure}")
                row += [str(prev_closed.get(r.procedure, 0)), _compact(ch)]
            rows.append(row)
            ev = self.closed_evidence(procedure=r.procedure)
            if r.filed:
                ev.parts.append(self.part(f"{self.year}年立案（案号年份）且已审结的{r.procedure}案件",
                                          self.scope.filed(procedure=r.procedure), r.filed))
            if r.closed or r.filed:
                claims[i] = ev
        total = ["合计", str(cur.caseload.filed), str(cur.caseload.closed)]
        if has_yoy:
            ch = _change(yoy, "closed")
            total += [str(self.prev.caseload.closed) if self.prev else "—", _compact(ch)]
        rows.append(total)
        heads = ["审理程序", "收案", "结案"] + ([f"{self.py()}年结案", "结案同比"] if has_yoy else [])
        widths = [38, 22, 22, 34, 40] if has_yoy else [60, 48, 48]
        self.tables["procedure"] = TableSpec(heads, rows, widths, claims)
        t_procedure = number("table")

        # 表 categories
        prev_cat = {r.label: r.count for r in self.prev.categories} if self.prev else {}
        rows, claims = [], {}
        for i, r in enumerate(cur.categories):
            row = [r.label, str(r.count), r.share.percent()]
            if has_yoy:
                ch = _change(yoy, f"category:{r.label}", "categories")
                row += [str(prev_cat.get(r.label, 0)), _compact(ch)]
            rows.append(row)
            claims[i] = self.closed_evidence(category=r.label)
        heads = ["案由", "件数", "占比"] + ([f"{self.py()}年件数", "同比"] if has_yoy else [])
        widths = [46, 20, 22, 28, 40] if has_yoy else [76, 40, 40]
        self.tables["category"] = TableSpec(heads, rows, widths, claims)
        t_category = number("table")

        # 图 category mix
        labels = [r.label for r in cur.categories]
        chart = charts.bar_chart(labels, [r.count for r in cur.categories],
                                 value_labels=[f"{r.count} ({r.share.percent()})" for r in cur.categories])
        self.figures["category"] = FigureSpec(chart.png, 150, chart.legend)
        f_category = number("figure")

        # 图 year on year by procedure
        f_yoy = None
        if has_yoy and self.prev is not None:
            procs = [r.procedure for r in cur.caseload.by_procedure]
            procs += [p for p in prev_closed if p not in procs]
            cur_closed = {r.procedure: r.closed for r in cur.caseload.by_procedure}
            chart = charts.grouped_bar_chart(procs, [(str(self.py()), [prev_closed.get(p, 0) for p in procs]),
                                                     (str(self.year), [cur_closed.get(p, 0) for p in procs])])
            self.figures["yoy"] = FigureSpec(chart.png, 150, chart.legend)
            f_yoy = number("figure")

        # 表 agencies
        rows, claims = [], {}
        shown = cur.agencies[:MAX_AGENCY_ROWS]
        for i, a in enumerate(shown):
            nl = a.nonlitigation
            rows.append([a.agency, str(a.cases), str(a.lost), a.loss_rate.percent(), a.appearance_rate.percent(),
                         f"{nl.reviewed}（{nl.refused}）" if nl.reviewed else "0"])
            parts = []
            if a.cases:
                parts.append(self.part(f"{a.agency}作为被告的诉讼案件", self.scope.agency_cases(a.agency), a.cases))
            if a.lost:
                parts.append(self.part("其中败诉", self.scope.lost(a.agency), a.lost))
            if nl.reviewed:
                parts.append(self.part(f"{a.agency}申请执行的非诉执行审查案件", self.scope.nonlit(agency=a.agency),
                                       nl.reviewed))
            if parts:
                claims[i] = common.evidence(*parts)
        heads = ["行政机关", "诉讼案件", "败诉", "败诉率", "负责人出庭率", "非诉审查（不准予执行）"]
        self.tables["agency"] = TableSpec(heads, rows, [54, 18, 14, 20, 24, 26], claims)
        t_agency = number("table")

        # 图 agencies by loss rate
        th = thresholds()["loss_rate"]
        ranked = sorted((a for a in cur.agencies if a.decided >= th["min_decided"] and a.loss_rate.value is not None),
                        key=lambda a: (-(a.loss_rate.value or 0), -a.decided, a.agency))[:CHART_AGENCIES]
        f_agency = None
        if ranked:
            chart = charts.bar_chart([a.agency for a in ranked], [a.loss_rate.value or 0 for a in ranked],
                                     value_labels=[f"{a.loss_rate.percent()} ({a.lost}/{a.decided})" for a in ranked],
                                     percent_axis=True)
            self.figures["agency_loss"] = FigureSpec(chart.png, 150, chart.legend)
            f_agency = number("figure")

        # 表 非诉执行审查
        nl = cur.nonlitigation
        rows = [[f"{self.year}年", str(nl.reviewed), str(nl.granted), str(nl.refused), str(nl.other),
                 nl.refusal_rate.percent()]]
        claims = {}
        if nl.reviewed:
            claims[0] = common.evidence(self.part(f"{self.year}年非诉执行审查案件", self.scope.nonlit(), nl.reviewed))
        if self.prev is not None and self.pscope is not None:
            pn = self.prev.nonlitigation
            rows.append([f"{self.py()}年", str(pn.reviewed), str(pn.granted), str(pn.refused), str(pn.other),
                         pn.refusal_rate.percent()])
            if pn.reviewed:
                claims[1] = common.evidence(self.part(f"{self.py()}年非诉执行审查案件", self.pscope.nonlit(),
                                                      pn.reviewed, prev=True))
        self.tables["nonlit"] = TableSpec(["年度", "审查", "准予执行", "不准予执行", "其他", "不准予执行率"], rows,
                                          [26, 22, 26, 28, 22, 32], claims)
        t_nonlit = number("table")

        procs = [r for r in cur.caseload.by_procedure if r.closed]
        return {
            "closed": cur.caseload.closed, "filed": cur.caseload.filed,
            "closed_evidence": self.closed_evidence(),
            "filed_evidence": common.evidence(self.part(f"{self.year}年立案（案号年份）且已审结的案件", self.scope.filed(),
                                                        cur.caseload.filed)),
            "closed_change": _describe(_change(yoy, "closed")), "filed_change": _describe(_change(yoy, "filed")),
            "procedures": [{"name": r.procedure, "closed": r.closed,
                            "evidence": self.closed_evidence(procedure=r.procedure)} for r in procs],
            "agencies_total": len(cur.agencies), "agencies_shown": len(shown),
            "agencies_evidence": common.evidence(
                self.part(f"{self.year}年审结的涉及行政机关（被告或非诉执行申请人）的案件",
                          sorted(set(self.scope.agency_ids())), len(set(self.scope.agency_ids()))),
                note=f"涉及的行政机关共{len(cur.agencies)}个，名称及各自的案件数见表。"),
            "t_procedure": t_procedure, "t_category": t_category, "t_agency": t_agency, "t_nonlit": t_nonlit,
            "f_category": f_category, "f_yoy": f_yoy, "f_agency": f_agency, "has_yoy": has_yoy,
            "chart_min_decided": int(th["min_decided"]),
            "definitions": stats.DEFINITIONS,
        }  # fmt: skip

    # -- 二、主要特点 -----------------------------------------------------------------------------------
    def rate_evidence(self, kind: str) -> Evidence:
        """败诉率 / 出庭率 / 不准予执行率 of this year (and last year when compared)."""
        parts: list[Part] = []
        for st, scope, prev in ((self.cur, self.scope, False), (self.prev, self.pscope, True)):
            if st is None or scope is None:
                continue
            y = st.filters.year
            if kind == "loss":
                parts.append(self.part(f"{y}年行政机关败诉案件", scope.lost(), st.lost, prev=prev))
                parts.append(self.part(f"{y}年有胜败结果的诉讼案件", scope.decided(), st.decided, prev=prev))
            elif kind == "appearance":
                parts.append(self.part(f"{y}年行政机关负责人出庭应诉的案件", scope.head_appeared(), st.head_appeared,
                                       prev=prev))
                parts.append(self.part(f"{y}年载明出庭情况的案件", scope.head_known(), st.head_known, prev=prev))
            else:
                nl = st.nonlitigation
                parts.append(self.part(f"{y}年裁定不准予执行的案件", scope.nonlit(stats.REFUSED), nl.refused, prev=prev))
                parts.append(self.part(f"{y}年裁定准予执行的案件", scope.nonlit(stats.GRANTED), nl.granted, prev=prev))
        return common.evidence(*[p for p in parts if p.count])

    def features(self) -> dict[str, Any]:
        cur, yoy = self.cur, self.yoy
        top_cats = [c for c in cur.categories if c.label != stats.UNCLASSIFIED][:3]
        top_fields = [f for f in cur.fields if f.label != stats.UNCLASSIFIED][:3]
        cat_changes = [c for c in (yoy.categories if yoy else []) if c.delta and c.label != stats.UNCLASSIFIED]
        up = max(cat_changes, key=lambda c: (c.delta or 0, c.label), default=None)
        down = min(cat_changes, key=lambda c: (c.delta or 0, c.label), default=None)
        changes = []
        for ch in (up, down):
            if ch is not None and ch.delta and all(ch.key != x["key"] for x in changes) and \
                    ((ch is up and ch.delta > 0) or (ch is down and ch.delta < 0)):
                changes.append({"key": ch.key, "label": ch.label, "text": ch.describe(),
                                "evidence": self.closed_evidence(category=ch.label)})
        outcome_rows = [o for o in cur.outcomes if o.label != stats.UNKNOWN][:6]
        nl = cur.nonlitigation
        def trend(key: str, what: str, neutral: str) -> str:
            ch = _change(yoy, key)
            if ch is None or ch.delta is None:
                return neutral
            return what + ("有所上升" if ch.delta > 0 else "有所下降" if ch.delta < 0 else "与上年持平")

        closed_ch = _change(yoy, "closed")
        volume = ("收结案总体情况" if closed_ch is None or closed_ch.delta is None else
                  "审结案件数量" + ("有所增加" if closed_ch.delta > 0 else "有所减少" if closed_ch.delta < 0 else "与上年持平"))
        return {
            "year": self.year,
            "titles": {
                "volume": volume,
                "category": f"{top_cats[0].label}等案件数量居前" if top_cats else "案件类型分布",
                "loss": trend("loss_rate", "行政机关败诉率", "行政机关败诉情况"),
                "appearance": trend("appearance_rate", "负责人出庭应诉率", "负责人出庭应诉情况"),
                "nonlit": "非诉执行审查情况",
            },
            "closed": cur.caseload.closed, "closed_evidence": self.closed_evidence(),
            "closed_change": _describe(closed_ch),
            "categories": [{"label": c.label, "count": c.count, "share": c.share.percent(),
                            "evidence": self.closed_evidence(category=c.label)} for c in top_cats],
            "fields": [{"label": f.label, "count": f.count, "share": f.share.percent(),
                        "evidence": common.evidence(self.part(f"{self.year}年{f.label}领域案件", self.scope.field(f.label),
                                                              f.count))} for f in top_fields],
            "category_changes": changes,
            "outcomes": [{"label": o.label, "count": o.count,
                          "evidence": common.evidence(self.part(f"{self.year}年裁判结果为“{o.label}”的案件",
                                                                self.scope.outcome(o.label), o.count))}
                         for o in outcome_rows],
            "decided": cur.decided, "lost": cur.lost, "loss_rate": cur.loss_rate.percent(),
            "loss_change": _describe(_change(yoy, "loss_rate")), "loss_evidence": self.rate_evidence("loss"),
            "head_known": cur.head_known, "head_appeared": cur.head_appeared,
            "appearance_rate": cur.appearance_rate.percent(),
            "appearance_change": _describe(_change(yoy, "appearance_rate")),
            "appearance_evidence": self.rate_evidence("appearance"),
            "nonlit": {"reviewed": nl.reviewed, "granted": nl.granted, "refused": nl.refused, "other": nl.other,
                       "rate": nl.refusal_rate.percent(), "change": _describe(_change(yoy, "refusal_rate")),
                       "evidence": common.evidence(self.part(f"{self.year}年非诉执行审查案件", self.scope.nonlit(),
                                                             nl.reviewed)) if nl.reviewed else None,
                       "rate_evidence": self.rate_evidence("refusal") if nl.granted + nl.refused else None},
        }  # fmt: skip

    # -- 三、四 problems and suggestions ---------------------------------------------------------------
    def problems(self) -> list[dict[str, Any]]:
        lib = suggestion_library()
        by_code = {d.code: d for d in self.cur.defects}
        prev_by_code = {d.code: d for d in self.prev.defects} if self.prev else {}
        clusters = []
        for cl in lib["clusters"]:
            present = sorted((by_code[c] for c in cl["codes"] if c in by_code), key=lambda d: (-d.cases, d.code))
            if not present:
                continue
            items = []
            for d in present:
                spec = lib["codes"][d.code]
                part = common.defect_part(self.scope, d, f"{self.year}年法院认定“{d.name}”的案件")
                parts = [part]
                ch = _change(self.yoy, f"defect:{d.code}", "defects")
                pd = prev_by_code.get(d.code)
                if ch is not None and pd is not None and self.pscope is not None:
                    parts.append(common.defect_part(self.pscope, pd, f"{self.py()}年法院认定“{d.name}”的案件"))
                examples = []
                for c in common.examples(self.scope, part, d.code, EXAMPLES_PER_DEFECT,
                                         self.best_sentences(d.code, part)):
                    examples.append({"category": _category_phrase(self.session, c.judgment_id), "sentence": c.sentence,
                                     "evidence": common.evidence(Part("典型案例", 1, [c], quote=True))})
                text = render_string(spec["frame"], {"count": d.cases, "period": f"{self.year}年",
                                                     "agency_ref": "行政机关", "name": d.name})
                items.append({"code": d.code, "name": d.name, "count": d.cases, "problem": spec["problem"],
                              "topic": spec["topic"], "text": text.strip().rstrip("。"), "change": _describe(ch) if pd or ch else "",
                              "evidence": common.evidence(*parts), "examples": examples,
                              "suggestions": list(spec["suggestions"]), "basis": spec["basis"]})
            clusters.append({"title": cl["title"], "entries": items, "cases": sum(d.cases for d in present)})
        clusters.sort(key=lambda c: -c["cases"])  # stable: ties keep the library's order
        return clusters

    def litigation_problems(self) -> list[dict[str, Any]]:
        """出庭率 and 不准予执行 when the year's figures cross risk.yaml's lines."""
        th = thresholds()
        cfg = risk_settings()["risks"]
        out = []
        rate = self.cur.appearance_rate.value
        t = th["appearance_rate"]
        if rate is not None and self.cur.head_known >= t["min_known"] and rate < t["below"]:
            out.append({"label": cfg["appearance_rate"]["label"], "advice": cfg["appearance_rate"]["advice"], "todo": list(cfg["appearance_rate"]["todo"]),
                        "norm": cfg["appearance_rate"]["norm"],
                        "text": f"{self.year}年，文书载明出庭情况的{self.cur.head_known}件案件中，行政机关负责人出庭应诉"
                                f"{self.cur.head_appeared}件，出庭应诉率为{self.cur.appearance_rate.percent()}",
                        "evidence": self.rate_evidence("appearance")})  # fmt: skip
        nl = self.cur.nonlitigation
        t = th["refused_enforcement"]
        if nl.refused and nl.refused >= t["min_count"]:
            out.append({"label": cfg["refused_enforcement"]["label"], "advice": cfg["refused_enforcement"]["advice"], "todo": list(cfg["refused_enforcement"]["todo"]),
                        "norm": cfg["refused_enforcement"]["norm"],
                        "text": f"{self.year}年，人民法院审查行政机关申请强制执行的案件{nl.reviewed}件，"
                                f"裁定不准予执行{nl.refused}件",
                        "evidence": common.evidence(self.part(f"{self.year}年裁定不准予执行的案件",
                                                              self.scope.nonlit(stats.REFUSED), nl.refused,
                                                              sentence="outcome"))})  # fmt: skip
        return out

    # -- 五、典型案例 -----------------------------------------------------------------------------------
    def typical_cases(self, clusters: list[dict[str, Any]]) -> list[dict[str, Any]]:
        chosen: list[dict[str, Any]] = []
        used: set[int] = set()
        for cl in clusters:
            # (rank, 案号, id), the case, its best sentence, its entry; a defect may have thousands
            # of cases: only the chosen one becomes a new citation
            candidates: list[_Candidate] = []
            for item in cl["entries"]:
                part = item["evidence"].parts[0]
                best = self.best_sentences(item["code"], part)
                for c in part.cases:
                    if c.judgment_id in used:
                        continue
                    sentence, rank = best.get(c.judgment_id, (c.sentence, 9))
                    candidates.append(((rank, c.case_number or "", c.judgment_id), c, sentence, item))
            if not candidates:
                continue
            _key, case, sentence, item = _preferred(self.session, candidates)
            base = case.with_sentence(sentence)
            used.add(base.judgment_id)
            facts = case_facts(self.session, base.judgment_id, base.sentence)
            self.extra_ids.add(base.judgment_id)
            names = [stats_name(code) for code in facts.defects]
            chosen.append({
                "title": facts.title(), "case_number": base.ref, "court": facts.court or "人民法院",
                "date": facts.date_text, "background": facts.background,
                "background_evidence": common.evidence(Part("基本案情所据的文书原文", 1,
                                                             [base.with_sentence(facts.background_source)],
                                                             quote=True)),
                "holding": facts.holding, "result": facts.result,
                "ruling": "裁定" if (facts.doc_type or "").startswith("裁定") else "判决",
                "result_evidence": common.evidence(
                    Part("法院认定", 1, [base.with_sentence(facts.holding)], quote=True),
                    *([Part("裁判主文", 1, [base.with_sentence(facts.result)], quote=True)]
                      if facts.result else [])),
                "defects": "、".join(n for n in names if n) or item["name"], "cluster": cl["title"],
                "basis": item["basis"],
            })  # fmt: skip
            if len(chosen) == MAX_TYPICAL_CASES:
                break
        return chosen


_Candidate = tuple[tuple[int, str, int], Cited, str, dict[str, Any]]  # (rank, 案号, id), case, sentence, entry


def _preferred(session: Session, candidates: list[_Candidate]) -> _Candidate:
    """The typical case: a telling sentence, 一审, the agency lost, more defects, then 案号.
    min() keeps the first of equal candidates, as a stable sort would."""
    # the sentence's rank comes first: only the cases with the best one can win (read only those)
    best = min(t[0][0] for t in candidates)
    contenders = [t for t in candidates if t[0][0] == best]
    info = _case_rows(session, [c.judgment_id for _k, c, _s, _i in contenders])

    def preference(t: _Candidate) -> tuple[Any, ...]:
        (rank, number, jid), row = t[0], info[t[1].judgment_id]
        return (rank, row["procedure"] != "一审", row["agency_lost"] is not True, -row["defects"], number, jid)

    return min(contenders, key=preference)


def stats_name(code: str) -> str:
    from docgen.corrections import defect_names

    return defect_names().get(code, code)


def _case_rows(session: Session, ids: list[int]) -> dict[int, dict[str, Any]]:
    from sqlalchemy import func

    from docgen.db.models import Finding

    out: dict[int, dict[str, Any]] = {}
    unique = sorted(set(ids))
    for k in range(0, len(unique), IN_CHUNK):
        chunk = unique[k : k + IN_CHUNK]
        for jid, proc, lost in session.execute(
            select(Judgment.id, Judgment.procedure, Judgment.agency_lost).where(Judgment.id.in_(chunk))
        ):
            out[jid] = {"procedure": proc, "agency_lost": lost, "defects": 0}
        for jid, n in session.execute(
            select(Finding.judgment_id, func.count(func.distinct(Finding.code)))
            .where(Finding.judgment_id.in_(chunk), Finding.active.is_(True)).group_by(Finding.judgment_id)
        ):
            out[jid]["defects"] = n
    return out


def _category_phrase(session: Session, judgment_id: int) -> str:
    cat = session.scalar(select(Judgment.category).where(Judgment.id == judgment_id))
    return f"{cat}案件" if cat else "行政案件"


@common.gc_paused
def generate_whitepaper(session: Session, blobs: BlobStore, out_dir: Path, *, year: int,
                        chapters: Sequence[int] | None = None, court: str | None = None,
                        compare_to: int | None | str = "auto", created_by: str | None = None) -> common.GeneratedDraft:
    wanted = sorted(set(chapters or CHAPTERS))
    bad = [c for c in wanted if c not in CHAPTERS]
    if bad or not wanted:
        raise DocumentError(f"白皮书章节只能是 1–5（{'、'.join(CHAPTERS.values())}），收到：{list(chapters or [])}")
    if isinstance(compare_to, str) and compare_to != stats.AUTO:
        raise DocumentError(f"compare_to 只能是年度、None 或 \"auto\"，收到：{compare_to!r}")
    info = court_info(session, court)
    paper = _Paper(session, year, court, compare_to)
    context: dict[str, Any] = {
        "court": info.name, "year": year, "chapters": wanted, "chapter_titles": CHAPTERS,
        "scope_word": "本院" if info.own_data else "人民法院",
        "previous_year": paper.py() if paper.prev is not None else 0, "has_yoy": paper.yoy is not None,
        "date": common.date_text(common.today()), "definitions": stats.DEFINITIONS, "br": BR,
    }  # fmt: skip
    if 1 in wanted:
        context["basic"] = paper.basic()
    if 2 in wanted:
        context["features"] = paper.features()
    if wanted != [1] and wanted != [2] and wanted != [1, 2]:
        clusters = paper.problems()
        context["clusters"] = clusters
        context["litigation"] = paper.litigation_problems()
        if 5 in wanted:
            context["cases"] = paper.typical_cases(clusters)
    only = "" if wanted == sorted(CHAPTERS) else "（" + "、".join(CHAPTERS[c].split("、")[1] for c in wanted) + "）"
    title = f"{info.name}{year}年度行政审判白皮书"
    context["title"] = title
    context["subtitle"] = only
    rendered = render("whitepaper.j2", context)
    # a white paper cites every case in its counts; names can only come from the quoted ones
    ids = sorted(set(common.quoted_ids(rendered)) | paper.extra_ids)
    writer = DocxWriter(title + only, common.anonymizer_for(session, ids, [a.agency for a in paper.cur.agencies] + [info.name]), subject="行政审判白皮书")
    writer.add_rendered(rendered, paper.tables, paper.figures)
    params = {"year": year, "chapters": wanted, "court": court,
              "compare_to": compare_to if compare_to is None or isinstance(compare_to, str) else int(compare_to),
              "previous_year": context["previous_year"] or None,
              "charts": "cjk" if charts.cjk_font() is not None else "numbered"}  # fmt: skip
    suffix = "" if not only else "_第" + "、".join(str(c) for c in wanted) + "章"
    return common.finish(session, blobs, out_dir, writer, kind="whitepaper", title=title + only, number=None,
                         court=info.name, agency=None, year=year, params=params, created_by=created_by,
                         filename=f"行政审判白皮书_{year}{suffix}.docx")  # fmt: skip
