"""案件类别 (法发〔2020〕44号 second-level causes) and 管理领域 of a judgment.

Two layers, as a clerk works:

1. **Rules** (``docgen/data/categories.yaml`` / ``domains.yaml``): the 案由 the court states
   ("……诉……局……行政处罚一案"), the action under review (作出的处罚决定, 强制拆除, 工伤认定 …),
   the statutes cited (政府信息公开条例 → 政府信息公开 …) and the case number (行赔 → 行政赔偿).  Each
   fired rule adds its weight to its label; the best label wins with a confidence, and the ids of
   the rules that fired are the reason.  Too little evidence → the rules abstain.
2. **A model** (TF-IDF over jieba words + character n-grams → linear SVM with calibrated
   probabilities) trained on the labelled corpus and reviewers' corrections, used where the
   rules abstain or are unsure.  Its reason is the features that weighed most for its label.

Policy: a rule result with confidence ≥ ``high_confidence`` wins; otherwise, if rule and model
disagree, the one with the higher confidence wins and the other is listed as an alternative.

Models are versioned files ``<task>-v{N}.joblib`` with a JSON sidecar; see ``load_model``.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import warnings
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

from docgen.model import Judgment, Prediction
from docgen.nlp import features, linear, tfidf
from docgen.nlp.patterns import load_yaml

log = logging.getLogger(__name__)

PACKAGED_MODELS = Path(__file__).resolve().parent.parent / "models"
SOURCE_CORPUS = Path(__file__).resolve().parents[2] / "corpus"  # present in a source checkout
TASKS = ("category", "domain")
MODEL_TEXT_CHARS = 2400  # title + 审理经过 + the opening of the body: enough, and fast

# ---------------------------------------------------------------------------------------------
# rules
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    id: str
    label: str
    zone: str
    weight: float
    any: tuple[re.Pattern[str], ...] = ()
    unless: tuple[re.Pattern[str], ...] = ()
    law: re.Pattern[str] | None = None
    articles: tuple[tuple[int, int], ...] = ()
    generic: bool = False  # a catch-all: never "the cause named first", never outranks one

    def first_match(self, text: str) -> int | None:
        """Offset of the earliest match in ``text`` (None: the rule does not fire)."""
        if not text or any(p.search(text) for p in self.unless):
            return None
        hits = [m.start() for p in self.any if (m := p.search(text))]
        return min(hits) if hits else None

    def cites(self, law: str, article: int | None) -> bool:
        if self.law is None or not self.law.search(law):
            return False
        if not self.articles:
            return True
        return article is not None and any(a <= article <= b for a, b in self.articles)


@dataclass(frozen=True)
class RuleSet:
    labels: tuple[str, ...]
    rules: tuple[Rule, ...]
    scoring: dict[str, Any]


def _ranges(items: Iterable[Any]) -> tuple[tuple[int, int], ...]:
    out = []
    for it in items:
        a, _, b = str(it).partition("-")
        out.append((int(a), int(b or a)))
    return tuple(out)


def _joined(patterns: Sequence[str]) -> tuple[re.Pattern[str], ...]:
    """The rule's patterns as one alternation where that finds the same: a regex alternation
    matches at the leftmost place any branch matches, so its start is the earliest of theirs
    (``Rule.first_match``), in one scan of the text instead of one per pattern.  Patterns that
    refer to their own groups or set flags are kept apart."""
    if len(patterns) > 1 and not any(re.search(r"\\[1-9]|\(\?P=|\(\?[aiLmsux]", p) for p in patterns):
        try:
            return (re.compile("|".join(f"(?:{p})" for p in patterns)),)
        except re.error:
            pass
    return tuple(re.compile(p) for p in patterns)


def _ruleset(data: dict[str, Any]) -> RuleSet:
    rules = []
    for r in data.get("rules", []):
        rules.append(Rule(
            id=r["id"], label=r["label"], zone=r["zone"], weight=float(r["weight"]),
            any=_joined(r.get("any", [])),
            unless=_joined(r.get("unless", [])),
            law=re.compile(r["law"]) if r.get("law") else None,
            articles=_ranges(r.get("articles", [])),
            generic=bool(r.get("generic", False)),
        ))
    return RuleSet(labels=tuple(data.get("labels", ())), rules=tuple(rules), scoring=dict(data.get("scoring", {})))


@cache
def category_rules() -> RuleSet:
    return _ruleset(load_yaml("categories.yaml"))


@cache
def domain_rules() -> RuleSet:
    return _ruleset(load_yaml("domains.yaml"))


CATEGORIES: tuple[str, ...] = tuple(load_yaml("categories.yaml")["labels"])

# -- zones ------------------------------------------------------------------------------------

_ASIDE = re.compile(r"[（(][^（）()]{0,60}[）)]")
_AGENCY_END = re.compile(r"(?:局|政府|委员会|办事处|管委会|公司|派出所|大队|支队|办公室|厅|街道)")
_CAUSE_SENT = re.compile(r"一案|纠纷案|纠纷上诉案|纠纷再审案")
_CAUSE_FALLBACK = re.compile(r"不服|因|要求|请求|诉")
_SENT_FULL = re.compile(r"[^。\n]+")
_SUIT = re.compile(r"(?:向[^。，；]{0,20}法院|向本院)?(?:提起|提出)(?:行政)?诉讼|向[^。，；]{0,20}法院起诉|诉至")
_PARTY_LINE = re.compile(r"^\s*[\u4e00-\u9fa5（）()]{2,16}[：:]|住所地|住址|出生|法定代表人|委托(?:诉讼)?代理人")
_NEGATED_SUIT = re.compile(r"未[^，。；]{0,8}(?:申请|提起|起诉)")
_APPLY_ENFORCE = re.compile(r"申请(?:人民法院|本院|法院)?(?:强制)?执行")
_SUIT_TAIL = re.compile(r"[，,](?:并?于|向|遂|故)")
_TITLE_CUT = re.compile(r"——|—|--|\s{2,}")
_REPORT_HEADING = re.compile(r"(?:判决书|裁定书|决定书|调解书)\s*$")


def _body_start(j: Judgment) -> int:
    parties = j.section("当事人")
    if parties:
        return parties.span.end
    return _head_end(j)


def _head_end(j: Judgment) -> int:
    head = j.section("首部")
    return head.span.end if head else 0


_NOT_A_NAME = re.compile(r"一案|不服|诉|。|，")


def _plausible_name(name: str | None) -> bool:
    """A party name worth masking (a mis-parsed 'name' may hold the whole 案由 sentence)."""
    return bool(name) and 2 <= len(name) <= 40 and not _NOT_A_NAME.search(name)


_QUOTED_LAW = re.compile(r"(规定|规定的?内容为|明确)[：:，,]?\s*[“\"「][^”\"」]{0,400}[”\"」]")


def _strip_parties(text: str, j: Judgment) -> str:
    """Mask party names (so 房屋征收办公室 as a name is not evidence of 征收), drop (以下简称…)
    asides and statute text quoted after "……规定" (the law, not the facts of this case)."""
    names = sorted({p.name for p in j.parties if _plausible_name(p.name)}, key=len, reverse=True)
    for name in names:
        text = text.replace(name, "＿")
    text = _QUOTED_LAW.sub(r"\1", text)
    return _ASIDE.sub("", text)


def _tail(phrase: str) -> str:
    """What follows the last party (masked as ＿) or agency name in a 案由 phrase: the cause."""
    if "＿" in phrase:
        rest = phrase[phrase.rindex("＿") + 1:]
        if len(rest.strip()) >= 2:
            return rest
    last = None
    for m in _AGENCY_END.finditer(phrase):
        last = m
    if last is not None and len(phrase) - last.end() >= 2:
        return phrase[last.end():]
    return phrase


def cause_phrases(j: Judgment) -> list[str]:
    """The 案由 as the court words it: from the title and the first "……一案" sentence."""
    out = []
    title = (j.title or "").strip()
    if title and not re.fullmatch(r"[\s\S]{0,40}法院\s*\S{0,6}(?:判决书|裁定书|决定书)", title):
        title = _TITLE_CUT.split(title)[0]
        out.append(_tail(_strip_parties(_REPORT_HEADING.sub("", title), j)))
    # the 案由 sentence sits at the start of 审理经过, which parsers sometimes fold into the
    # party block: search from the end of the 首部
    start = _head_end(j)
    zone = j.text[start:_body_start(j) + 1500]
    sentence = None
    for m in _SENT_FULL.finditer(zone):
        s = m.group(0)
        c = _CAUSE_SENT.search(s)
        if c:
            sentence = s[:c.start()]
            break
        if _NEGATED_SUIT.search(s) or _PARTY_LINE.search(s):
            continue  # "既未申请行政复议也未提起行政诉讼", "申请执行人：…，住所地…": not the cause
        c = _APPLY_ENFORCE.search(s)
        if c and (j.procedure == "非诉执行审查" or "申请执行人" in s):
            # 非诉执行审查: the decision the agency asks the court to enforce
            sentence = _SUIT_TAIL.split(s)[0] if len(s) > 200 else s
            break
        c = _SUIT.search(s)
        if c and _CAUSE_FALLBACK.search(s[:c.start()]):
            sentence = _SUIT_TAIL.split(s[:c.start()])[0]
            break
    if sentence:
        out.append(_tail(_strip_parties(sentence, j)))
    return [p for p in out if p.strip()]


_CLAIM = re.compile(r"请求|要求|诉请|诉讼请求|起诉|诉至|申请再审称|上诉称")


def claims(j: Judgment) -> str:
    """Sentences of the opening in which a party asks for something."""
    start = _head_end(j)
    zone = j.text[start:_body_start(j) + 3000]
    return "；".join(m.group(0) for m in _SENT_FULL.finditer(zone) if _CLAIM.search(m.group(0)))


def zones(j: Judgment) -> dict[str, Any]:
    start = _body_start(j)
    reasoning = j.section_text("本院认为")[:1200]
    return {
        "cause": cause_phrases(j),
        "claim": _strip_parties(claims(j), j),
        "action": _strip_parties(j.text[start:start + 2000], j),
        "reasoning": _strip_parties(reasoning, j),
        "casenum": (j.case_number.type_code or "") if j.case_number else "",
        "statute": [(s.law, s.article) for s in j.statutes],
    }


@dataclass
class RuleResult:
    scores: dict[str, float]
    fired: dict[str, list[str]]  # label → rule ids
    named: set[str] = field(default_factory=set)  # labels the court's 案由 names first
    specific: set[str] = field(default_factory=set)  # labels with evidence beyond catch-alls

    def ranked(self) -> list[tuple[str, float]]:
        return sorted(self.scores.items(), key=lambda kv: (-kv[1], kv[0]))


def apply_rules(j: Judgment, ruleset: RuleSet, z: dict[str, Any] | None = None) -> RuleResult:
    z = zones(j) if z is None else z
    secondary = float(ruleset.scoring.get("secondary_factor", 0.5))
    scores: dict[str, float] = {}
    fired: dict[str, list[str]] = {}

    specific: set[str] = set()

    def add(rule: Rule, factor: float = 1.0) -> None:
        scores[rule.label] = scores.get(rule.label, 0.0) + rule.weight * factor
        fired.setdefault(rule.label, []).append(rule.id)
        if not rule.generic:
            specific.add(rule.label)

    # cause: per phrase, the label named first counts fully, later ones by `secondary`
    cause_rules = [r for r in ruleset.rules if r.zone == "cause"]
    best_factor: dict[str, float] = {}
    for phrase in z.get("cause", []):
        hits = [(pos, r) for r in cause_rules if (pos := r.first_match(phrase)) is not None]
        named_hits = [(pos, r) for pos, r in hits if not r.generic]
        first = min((pos for pos, _ in named_hits), default=None)
        first_labels = {r.label for pos, r in named_hits if pos == first}
        for _pos, r in hits:
            f = 1.0 if r.generic or r.label in first_labels else secondary
            best_factor[r.id] = max(best_factor.get(r.id, 0.0), f)
    named = set()
    for r in cause_rules:
        if r.id in best_factor:
            add(r, best_factor[r.id])
            if best_factor[r.id] == 1.0 and not r.generic:
                named.add(r.label)

    for r in ruleset.rules:
        if r.zone in ("action", "claim", "reasoning", "casenum", "agency", "body"):
            text = z.get(r.zone, "")
            if isinstance(text, list):
                text = "；".join(text)
            if r.first_match(text) is not None:
                add(r)
        elif r.zone == "statute":
            if any(r.cites(law, art) for law, art in z.get("statute", [])):
                add(r)
    return RuleResult(scores, fired, named, specific)


def _rule_prediction(res: RuleResult, scoring: dict[str, Any]) -> Prediction | None:
    ranked = res.ranked()
    floor = float(scoring.get("min_score", 1.5))
    if any(lab in res.specific and s >= floor for lab, s in ranked):
        # a catch-all never outranks a label with real evidence
        ranked = [(lab, s) for lab, s in ranked if lab in res.specific]
    if not ranked or ranked[0][1] < floor:
        return None
    top, s1 = ranked[0]
    s2 = ranked[1][1] if len(ranked) > 1 else 0.0
    prior = float(scoring.get("prior", 0.6))
    conf = s1 / (s1 + s2 + prior)
    if top in res.named and s1 > s2:
        # the court itself names this cause and the rest of the evidence does not outweigh it
        conf = max(conf, float(scoring.get("named_cause_confidence", 0.0)))
    if top not in res.specific:
        conf = min(conf, float(scoring.get("generic_confidence", 0.4)))
    alts = [(lab, round(s / (s1 + s2 + prior), 3)) for lab, s in ranked[1:4]]
    return Prediction(label=top, confidence=round(conf, 3), source="rule",
                      reason="规则: " + ", ".join(res.fired[top]), alternatives=alts)


# What :func:`prime` worked out by the rules for a chunk of judgments, taken (once) by the
# analysis of each: (task, id) → (the judgment itself, so its id cannot be reused meanwhile, the
# prediction).  Replaced by every call of :func:`prime`.
_PRIMED_RULES: dict[tuple[str, int], tuple[Judgment, Prediction | None]] = {}


def _primed_rule(task: str, j: Judgment) -> tuple[bool, Prediction | None]:
    entry = _PRIMED_RULES.pop((task, id(j)), None)
    if entry is not None and entry[0] is j:
        return True, entry[1]
    return False, None


def category_by_rules(j: Judgment) -> Prediction | None:
    found, pred = _primed_rule("category", j)
    if found:
        return pred
    rs = category_rules()
    return _rule_prediction(apply_rules(j, rs), rs.scoring)


def domain_by_rules(j: Judgment) -> Prediction | None:
    found, pred = _primed_rule("domain", j)
    if found:
        return pred
    rs = domain_rules()
    return _rule_prediction(apply_rules(j, rs, domain_zones(j)), rs.scoring)


def domain_zones(j: Judgment, z: dict[str, Any] | None = None) -> dict[str, Any]:
    """:func:`zones` (``z``, when already worked out: it is extended) and the agency and body."""
    z = zones(j) if z is None else z
    start = _body_start(j)
    z["agency"] = "；".join(j.agencies or j.defendants)
    z["body"] = _strip_parties(j.text[start:start + 3000], j)
    return z


# ---------------------------------------------------------------------------------------------
# the model
# ---------------------------------------------------------------------------------------------


def model_text(j: Judgment) -> str:
    """What the model reads: title, the 案由 sentence, and the opening of the body."""
    start = _body_start(j)
    parts = [j.title or "", *cause_phrases(j), j.text[start:start + MODEL_TEXT_CHARS]]
    return _strip_parties("\n".join(p for p in parts if p), j)[:MODEL_TEXT_CHARS + 400]


def text_of(doc: str | Judgment) -> str:
    """``model_text`` of a raw document (parsed here) or of a parsed Judgment."""
    if isinstance(doc, Judgment):
        return model_text(doc)
    from docgen.errors import DocgenError
    from docgen.nlp.parse import parse_text

    try:
        return model_text(parse_text(doc))
    except (DocgenError, ValueError):
        return doc[:MODEL_TEXT_CHARS]


def build_pipeline(seed: int = 0, n_min: int = 3):
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import FeatureUnion, Pipeline
    from sklearn.svm import LinearSVC

    union = FeatureUnion([
        ("words", TfidfVectorizer(analyzer=features.tokens, min_df=2, max_features=12000,
                                  sublinear_tf=True, dtype=_float32())),
        ("chars", TfidfVectorizer(analyzer="char", preprocessor=features.char_text, ngram_range=(2, 3),
                                  min_df=2, max_features=20000, sublinear_tf=True, dtype=_float32())),
    ])
    svm = LinearSVC(C=0.5, class_weight="balanced", random_state=seed)
    clf = CalibratedClassifierCV(svm, cv=min(3, n_min), method="sigmoid", ensemble=False)
    return Pipeline([("features", union), ("clf", clf)])


def _float32():
    import numpy as np

    return np.float32


@dataclass
class TextModel:
    """A fitted pipeline with its sidecar metadata."""

    task: str
    pipeline: Any
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def labels(self) -> list[str]:
        return [str(c) for c in self.pipeline.classes_]

    # The fitted pipeline never changes once made, so what only depends on it is worked out once,
    # and the features of the last text are kept: predict() needs them twice (bench/README.md).
    def _derived(self) -> dict[str, Any]:
        d = self.__dict__.get("_derived_cache")
        if d is None or d["pipeline"] is not self.pipeline:
            d = {"pipeline": self.pipeline, "x": None}
            self.__dict__["_derived_cache"] = d
        return d

    def _features(self, text: str) -> Any:
        """``text`` through the feature step, as ``Pipeline.predict_proba`` does it."""
        d = self._derived()
        primed = d.get("primed")  # read once: other threads may replace it meanwhile
        if primed and text in primed:
            return primed[text][0]
        last = d["x"]
        if last is not None and last[0] == text:
            return last[1]
        x = tfidf.union_transform(self.pipeline.named_steps["features"], [text])
        d["x"] = (text, x)
        return x

    def prime(self, texts: Sequence[str]) -> None:
        """Vectorise and score several texts in one call each (the per-call overhead of
        scikit-learn is most of the cost for one short text); :meth:`proba` and
        :meth:`top_features` then answer for these texts from what was computed here — the
        same numbers, row by row.  Replaces what an earlier call primed."""
        d = self._derived()
        d["primed"] = None
        steps = self.pipeline.steps
        texts = list(dict.fromkeys(texts))
        if len(texts) < 2 or len(steps) != 2 or steps[0][0] != "features":
            return
        x = tfidf.union_transform(steps[0][1], texts)
        p = linear.predict_proba(steps[-1][1], x)
        d["primed"] = {t: (x[i], p[i]) for i, t in enumerate(texts)}

    def _feature_names(self) -> Any:
        d = self._derived()
        if "names" not in d:
            d["names"] = self.pipeline.named_steps["features"].get_feature_names_out()
        return d["names"]

    def _mean_coef(self) -> Any:
        import numpy as np

        d = self._derived()
        if "coef" not in d:
            clf = self.pipeline.named_steps["clf"]
            d["coef"] = np.mean([c.estimator.coef_ for c in clf.calibrated_classifiers_], axis=0)
        return d["coef"]

    def proba(self, text: str) -> list[tuple[str, float]]:
        steps = self.pipeline.steps
        primed = self._derived().get("primed")
        if primed and text in primed:
            p = primed[text][1]
        elif len(steps) == 2 and steps[0][0] == "features":
            p = linear.predict_proba(steps[-1][1], self._features(text))[0]
        else:
            p = self.pipeline.predict_proba([text])[0]
        return sorted(zip(self.labels, (float(x) for x in p), strict=True), key=lambda kv: -kv[1])

    def top_features(self, text: str, label: str, k: int = 5) -> list[str]:
        """The features of ``text`` that weigh most for ``label`` (tf-idf × coefficient)."""
        import numpy as np

        x = self._features(text).tocsr()
        coef = self._mean_coef()
        labels = self.labels
        if coef.shape[0] == 1:  # binary: one row, positive = classes_[1]
            row = coef[0] if label == labels[1] else -coef[0]
        else:
            row = coef[labels.index(label)]
        contrib = x.multiply(row).tocsr()
        idx, vals = contrib.indices, contrib.data
        order = np.argsort(-vals, kind="stable")
        names = self._feature_names()
        out: list[str] = []
        for i in order:
            if vals[i] <= 0 or len(out) >= k:
                break
            name = str(names[idx[i]]).split("__", 1)[-1].strip()
            if name and not any(name in o for o in out):  # 赔偿 (word) after 行政赔偿 adds nothing
                out.append(name)
        return out

    def predict(self, text: str) -> Prediction:
        ranked = self.proba(text)
        label, conf = ranked[0]
        feats = self.top_features(text, label)
        return Prediction(label=label, confidence=round(conf, 3), source="model",
                          reason="模型特征: " + "、".join(feats) if feats else "模型",
                          alternatives=[(lab, round(p, 3)) for lab, p in ranked[1:4]])


def data_hash(texts: Sequence[str], labels: Sequence[str]) -> str:
    h = hashlib.sha256()
    for t, y in sorted(zip((hashlib.sha256(t.encode()).hexdigest() for t in texts), labels, strict=True)):
        h.update(f"{t}\t{y}\n".encode())
    return h.hexdigest()


def fit_text_model(task: str, texts: Sequence[str], labels: Sequence[str], *, seed: int = 0,
                   min_per_class: int = 3) -> TextModel | None:
    """Fit the pipeline.  Classes with fewer than ``min_per_class`` samples are left to the rules
    (a calibrated model cannot be cross-validated on them); None when < 2 classes remain."""
    import sklearn

    counts = Counter(labels)
    keep = {c for c, n in counts.items() if n >= min_per_class}
    pairs = [(t, y) for t, y in zip(texts, labels, strict=True) if y in keep]
    if len(keep) < 2:
        return None
    xs, ys = [t for t, _ in pairs], [y for _, y in pairs]
    pipe = build_pipeline(seed, n_min=min(Counter(ys).values()))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", category=UserWarning)  # tiny min_df / convergence notes
        pipe.fit(xs, ys)
    for _, vec in pipe.named_steps["features"].transformer_list:
        vec.stop_words_ = None  # large and useless once fitted (sklearn's own advice)
    meta = {
        "task": task,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "sklearn_version": sklearn.__version__,
        "n_samples": len(xs),
        "labels": sorted(keep),
        "label_counts": dict(sorted(Counter(ys).items())),
        "left_to_rules": sorted(set(counts) - keep),
        "data_hash": data_hash(xs, ys),
        "seed": seed,
    }
    return TextModel(task, pipe, meta)


def train_category(samples: Iterable[tuple[str | Judgment, str]], *, seed: int = 0,
                   task: str = "category") -> TextModel | None:
    """Train the category model on (document, label) pairs — corpus documents and reviewers'
    corrections alike.  A document may be raw text or a parsed Judgment."""
    texts, labels = [], []
    for doc, label in samples:
        if not label:
            continue
        texts.append(text_of(doc))
        labels.append(label)
    return fit_text_model(task, texts, labels, seed=seed)


# -- versioned files --------------------------------------------------------------------------

_VERSION = re.compile(r"^(?P<task>[a-z]+)-v(?P<n>\d+)\.joblib$")


def model_versions(task: str, models_dir: Path) -> list[tuple[int, Path]]:
    if not models_dir or not Path(models_dir).is_dir():
        return []
    out = []
    for p in Path(models_dir).iterdir():
        m = _VERSION.match(p.name)
        if m and m.group("task") == task:
            out.append((int(m.group("n")), p))
    return sorted(out)


def save_model(model: TextModel, out_dir: Path, *, version: int | None = None) -> Path:
    """Write ``<task>-v{N}.joblib`` (+ ``.json`` sidecar), N = next free version unless given."""
    import joblib

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    if version is None:
        existing = model_versions(model.task, out_dir)
        version = (existing[-1][0] + 1) if existing else 1
    meta = dict(model.meta, version=version)
    path = out_dir / f"{model.task}-v{version}.joblib"
    tmp = path.with_suffix(".joblib.tmp")
    joblib.dump(model.pipeline, tmp, compress=("xz", 6))
    tmp.replace(path)
    path.with_suffix(".json").write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    model.meta = meta
    return path


class ModelUnavailable(Exception):
    pass


def read_model(path: Path) -> TextModel:
    """Load one model file; raises ModelUnavailable when it cannot be trusted to work here."""
    import joblib
    import sklearn

    path = Path(path)
    sidecar = path.with_suffix(".json")
    try:
        meta = json.loads(sidecar.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise ModelUnavailable(f"{sidecar.name}: 缺少或无法读取说明文件 ({err})") from err
    if meta.get("sklearn_version") != sklearn.__version__:
        raise ModelUnavailable(
            f"{path.name} 由 scikit-learn {meta.get('sklearn_version')} 训练，当前为 {sklearn.__version__}")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            pipe = joblib.load(path)
        pipe.predict_proba(["行政"])  # smoke test
    except Exception as err:  # noqa: BLE001 - any failure to unpickle means "no model"
        raise ModelUnavailable(f"{path.name}: 无法加载 ({type(err).__name__}: {err})") from err
    return TextModel(meta.get("task", path.stem.split("-v")[0]), pipe, meta)


def find_model_file(task: str, models_dir: Path | None = None) -> Path | None:
    """Newest ``<task>-v{N}.joblib`` in the instance ``models_dir`` if it has one, else packaged."""
    for d in ([Path(models_dir)] if models_dir else []) + [PACKAGED_MODELS]:
        versions = model_versions(task, d)
        if versions:
            return versions[-1][1]
    return None


_LOADED: dict[tuple[str, str], TextModel | None] = {}


def load_model(task: str, models_dir: Path | None = None, *, corpus_dir: Path | None = None,
               refresh: bool = False, retrain: bool = True) -> TextModel | None:
    """The model docgen uses for ``task`` (cached).  Never raises: when the newest file cannot be
    used (other scikit-learn version, damaged file) it retrains from ``corpus_dir`` — by default
    the source checkout's corpus, and only when the result can be kept in ``models_dir`` — else
    warns and returns None: classification then runs on the rules alone."""
    key = (task, str(models_dir or ""))
    if key in _LOADED and not refresh:
        return _LOADED[key]
    if not retrain:
        corpus_dir = None
    elif corpus_dir is None and models_dir is not None and (SOURCE_CORPUS / "labels.jsonl").exists():
        corpus_dir = SOURCE_CORPUS
    model = None
    path = find_model_file(task, models_dir)
    if path is not None:
        try:
            model = read_model(path)
        except ModelUnavailable as err:
            if corpus_dir is not None and Path(corpus_dir, "labels.jsonl").exists():
                warnings.warn(f"{err}；正在用语料 {corpus_dir} 重新训练", RuntimeWarning, stacklevel=2)
                model = _retrain(task, Path(corpus_dir), models_dir)
            else:
                warnings.warn(f"{err}；改用规则判断类别（请运行 docgen train 重新训练）", RuntimeWarning,
                              stacklevel=2)
    _LOADED[key] = model
    return model


def _retrain(task: str, corpus_dir: Path, models_dir: Path | None) -> TextModel | None:
    from docgen.train import load_corpus

    try:
        docs = load_corpus(corpus_dir)
        field_name = "category" if task == "category" else "field"
        model = train_category(((d["text"], d.get(field_name)) for d in docs), task=task)
        if model is not None and models_dir is not None:
            save_model(model, Path(models_dir))
        return model
    except Exception as err:  # noqa: BLE001 - retraining is best effort; rules still work
        warnings.warn(f"重新训练失败 ({err})；改用规则判断", RuntimeWarning, stacklevel=2)
        return None


def clear_cache() -> None:
    _LOADED.clear()


# ---------------------------------------------------------------------------------------------
# combining
# ---------------------------------------------------------------------------------------------

_DEFAULT = object()


def combine(rule: Prediction | None, model: Prediction | None, *, high: float,
            fallback: str) -> Prediction:
    if rule is None and model is None:
        return Prediction(label=fallback, confidence=0.0, source="rule", reason="无可用依据")
    if model is None:
        return rule  # type: ignore[return-value]
    if rule is None:
        return model
    if rule.label == model.label:
        conf = 1 - (1 - rule.confidence) * (1 - model.confidence)
        return Prediction(label=rule.label, confidence=round(conf, 3), source="rule",
                          reason=f"{rule.reason}；{model.reason}", alternatives=rule.alternatives)
    if rule.confidence >= high or rule.confidence >= model.confidence:
        alts = [(model.label, model.confidence)] + [a for a in rule.alternatives if a[0] != model.label]
        return Prediction(rule.label, rule.confidence, "rule", rule.reason, alts[:4])
    alts = [(rule.label, rule.confidence)] + [a for a in model.alternatives if a[0] != rule.label]
    return Prediction(model.label, model.confidence, "model", model.reason, alts[:4])


def _classify(j: Judgment, task: str, rule: Prediction | None, scoring: dict[str, Any],
              model: Any, models_dir: Path | None) -> Prediction:
    if model is _DEFAULT:
        model = load_model(task, models_dir)
    high = float(scoring.get("high_confidence", 0.8))
    mpred = None
    if model is not None and (rule is None or rule.confidence < high):
        try:
            mpred = model.predict(model_text(j))
        except Exception as err:  # noqa: BLE001 - a broken model must not stop analysis
            log.warning("%s model failed: %s", task, err)
    elif model is not None and rule is not None and scoring.get("model_second_opinion", False):
        # a sure rule wins; the model's view is still shown when it differs
        try:
            top = model.proba(model_text(j))[0]
            if top[0] != rule.label:
                rule.alternatives = [(top[0], round(top[1], 3))] + [
                    a for a in rule.alternatives if a[0] != top[0]][:3]
        except Exception as err:  # noqa: BLE001
            log.warning("%s model failed: %s", task, err)
        return rule
    elif rule is not None and rule.confidence >= high:
        return rule  # a sure rule wins whatever the model says: it need not run
    return combine(rule, mpred, high=high, fallback=str(scoring.get("fallback_label", "其他")))


def classify_category(j: Judgment, *, model: Any = _DEFAULT, models_dir: Path | None = None) -> Prediction:
    """The category of ``j`` (one of ``CATEGORIES``).  ``model=None`` → rules only; default:
    the newest model in ``models_dir`` (an instance's) or the packaged one."""
    rs = category_rules()
    return _classify(j, "category", category_by_rules(j), rs.scoring, model, models_dir)


def classify_domain(j: Judgment, *, model: Any = _DEFAULT, models_dir: Path | None = None) -> Prediction:
    """The 管理领域 of ``j`` (土地, 房屋征收, 公安, 市场监管 …; see domains.yaml)."""
    rs = domain_rules()
    return _classify(j, "domain", domain_by_rules(j), rs.scoring, model, models_dir)


def rule_predictions(j: Judgment) -> dict[str, Prediction | None]:
    """What the rules say of ``j`` for both tasks (the zones of ``j`` read once for both)."""
    z = zones(j)
    crs, drs = category_rules(), domain_rules()
    return {"category": _rule_prediction(apply_rules(j, crs, z), crs.scoring),
            "domain": _rule_prediction(apply_rules(j, drs, domain_zones(j, dict(z))), drs.scoring)}


def prime(js: Sequence[Judgment], *, models_dir: Path | None = None) -> None:
    """Before analysing several judgments one after another (a batch worker's chunk): score them
    with both models at once, so :func:`analyze` of each is cheaper.  Results are unchanged."""
    _PRIMED_RULES.clear()
    rules_of = [(j, rule_predictions(j)) for j in js]
    for task, rules in (("category", category_rules), ("domain", domain_rules)):
        model = load_model(task, models_dir)
        scoring = rules().scoring
        high = float(scoring.get("high_confidence", 0.8))
        second = scoring.get("model_second_opinion", False)
        texts = []
        for j, preds in rules_of:
            rule = preds[task]
            _PRIMED_RULES[(task, id(j))] = (j, rule)  # the analysis of j takes it, not works it out again
            if model is not None and (second or rule is None or rule.confidence < high):
                texts.append(model_text(j))  # only the judgments the model will actually score
        if model is not None and texts:
            model.prime(texts)


def analyze(j: Judgment, *, models_dir: Path | None = None) -> Judgment:
    """Fill ``j.category`` and ``j.domain`` (a correction, where one exists, is applied by the
    caller and overrides both)."""
    primed_c, cat_rule = _primed_rule("category", j)
    primed_d, dom_rule = _primed_rule("domain", j)
    if not (primed_c and primed_d):
        preds = rule_predictions(j)
        cat_rule = cat_rule if primed_c else preds["category"]
        dom_rule = dom_rule if primed_d else preds["domain"]
    j.category = _classify(j, "category", cat_rule, category_rules().scoring, _DEFAULT, models_dir)
    j.domain = _classify(j, "domain", dom_rule, domain_rules().scoring, _DEFAULT, models_dir)
    return j
