"""案件类别 and 管理领域: rules on fictional snippets, the model, versioned files, the real-data bar."""

from __future__ import annotations

import json
import random
import warnings
from pathlib import Path

import pytest

from docgen.model import Prediction
from docgen.nlp import category as cat
from docgen.nlp.parse import parse_text

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "realdata" / "dev"
CORPUS = ROOT / "corpus"


def judgment(cause: str, claim: str = "", reason: str = "", *, agency: str = "东川市临江区某某局",
             number: str = "（2023）东0102行初45号", appeal: bool = False) -> str:
    """A small fictional judgment: the 案由 sentence, a claim and the court's reasoning."""
    if appeal:
        parties = f"上诉人（原审原告）：周明远，男，汉族。\n被上诉人（原审被告）：{agency}。\n法定代表人：钱立国，局长。\n"
        opening = f"上诉人周明远因诉{agency}{cause}一案，不服东川市临江区人民法院（2022）东0102行初3号行政判决，向本院提起上诉。本院依法组成合议庭审理了本案。"
        heading = "东川市中级人民法院"
    else:
        parties = f"原告：周明远，男，汉族，住东川市。\n被告：{agency}，住所地东川市。\n法定代表人：钱立国，局长。\n"
        opening = f"原告周明远诉被告{agency}{cause}一案，本院于2023年3月1日立案后，依法组成合议庭，公开开庭审理了本案。本案现已审理终结。"
        heading = "东川市临江区人民法院"
    return (f"{heading}\n行政判决书\n{number}\n{parties}　　{opening}\n"
            f"　　原告诉称，{claim or '被告的行为违法'}，请求判如所请。\n"
            f"　　被告辩称，其行为合法，请求驳回原告的诉讼请求。\n"
            f"　　本院认为，{reason or '被告的行为事实清楚，程序合法'}。依照《中华人民共和国行政诉讼法》第六十九条之规定，判决如下：\n"
            "　　驳回原告周明远的诉讼请求。\n审判长　李文静\n二〇二三年六月十二日\n书记员　黄小梅\n")


RULE_CASES = [
    ("行政处罚", judgment("行政处罚", "被告作出的东临市监罚〔2023〕8号行政处罚决定认定事实错误", agency="东川市临江区市场监督管理局")),
    ("行政处罚", judgment("治安管理行政处罚", "被告对原告作出行政拘留十日的处罚决定", agency="东川市公安局临江分局", appeal=True)),
    ("行政强制措施", judgment("行政强制", "请求确认被告扣押原告车辆的行为违法", agency="东川市交通运输局")),
    ("行政强制执行", judgment("强制拆除", "被告未经催告即强制拆除原告房屋，请求确认强制拆除行为违法", agency="东川市临江区人民政府")),
    ("政府信息公开", judgment("政府信息公开", "原告向被告申请公开征地批复文件，被告答复不予公开",
                        reason="依照《中华人民共和国政府信息公开条例》第三十六条，被告的答复并无不当")),
    ("行政确认", judgment("工伤认定", "请求撤销被告作出的不予认定工伤决定书", agency="东川市人力资源和社会保障局",
                      reason="根据《工伤保险条例》第十四条第（六）项，职工在上下班途中受到非本人主要责任的交通事故伤害的，应当认定为工伤")),
    ("行政登记", judgment("房屋登记", "请求撤销被告为第三人办理的房屋所有权转移登记", agency="东川市不动产登记中心")),
    ("行政许可", judgment("规划行政许可", "请求撤销被告为第三人颁发的建设工程规划许可证", agency="东川市自然资源和规划局")),
    ("行政征收或者征用", judgment("房屋征收补偿决定", "请求撤销被告作出的房屋征收补偿决定", agency="东川市临江区人民政府")),
    ("行政协议", judgment("行政协议", "请求判令被告继续履行双方签订的房屋征收补偿安置协议", agency="东川市临江区人民政府")),
    ("不履行法定职责", judgment("不履行法定职责", "原告举报违法建设后，被告未予查处，请求判令被告履行查处职责")),
    ("行政赔偿", judgment("行政赔偿", "请求判令被告赔偿违法拆除造成的损失", number="（2023）东0102行赔初5号")),
    ("行政复议", judgment("行政复议", "请求撤销被告作出的不予受理行政复议申请决定", agency="东川市人民政府")),
    ("行政裁决", judgment("土地权属争议", "被告作出的关于两村土地权属争议的处理决定错误", agency="东川市临江区人民政府")),
]


@pytest.mark.parametrize(("expected", "text"), RULE_CASES, ids=[c[0] + str(i) for i, c in enumerate(RULE_CASES)])
def test_rules_on_fictional_snippets(expected: str, text: str) -> None:
    j = parse_text(text)
    p = cat.category_by_rules(j)
    assert p is not None, cat.zones(j)
    assert p.label == expected, (p, cat.zones(j)["cause"])
    assert p.source == "rule" and 0 < p.confidence <= 1
    assert p.reason.startswith("规则") and "." in p.reason  # rule ids, e.g. cause.行政处罚


def test_rules_abstain_without_evidence() -> None:
    j = parse_text(judgment("行政", "被告的行为违法"))
    assert cat.category_by_rules(j) is None
    p = cat.classify_category(j, model=None)
    assert isinstance(p, Prediction) and p.confidence == 0.0


def test_first_named_cause_wins_and_others_are_alternatives() -> None:
    j = parse_text(judgment("交通行政处罚及行政赔偿", "请求撤销处罚决定并赔偿损失", agency="东川市交通运输局", appeal=True))
    p = cat.category_by_rules(j)
    assert p.label == "行政处罚"
    assert "行政赔偿" in [a for a, _ in p.alternatives]


def test_statute_evidence_alone() -> None:
    j = parse_text(judgment("", "被告的答复违法",
                            reason="依照《中华人民共和国政府信息公开条例》第三十三条，被告应当在法定期限内答复"))
    p = cat.category_by_rules(j)
    assert p.label == "政府信息公开" and "law.政府信息公开条例" in p.reason


def test_domain_rules() -> None:
    j = parse_text(RULE_CASES[0][1])
    assert cat.classify_domain(j, model=None).label == "市场监管"
    j = parse_text(RULE_CASES[1][1])
    assert cat.classify_domain(j, model=None).label == "公安"
    j = parse_text(RULE_CASES[8][1])
    assert cat.classify_domain(j, model=None).label == "房屋征收"


# -- the model ---------------------------------------------------------------------------------

_FICTION = {
    "行政处罚": ("罚款", "处罚决定", "没收违法所得", "警告", "违法经营", "责令改正并处罚款"),
    "政府信息公开": ("信息公开申请", "政府信息", "答复", "不予公开", "档案查阅", "公开申请表"),
    "行政确认": ("工伤认定", "劳动关系", "上下班途中", "工伤保险", "用人单位", "视同工伤"),
    "行政协议": ("补偿安置协议", "继续履行", "协议约定", "违约", "解除协议", "安置房交付"),
}


def _fiction(seed: int = 3, per_class: int = 12) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    filler = ("本院", "经审理", "原告", "被告", "认为", "事实", "证据", "程序", "依法", "请求")
    out = []
    for label, words in _FICTION.items():
        for _ in range(per_class):
            bag = rng.choices(words, k=8) + rng.choices(filler, k=8)
            rng.shuffle(bag)
            out.append(("，".join(bag) + "。", label))
    return out


@pytest.fixture(scope="module")
def small_model() -> cat.TextModel:
    m = cat.train_category(_fiction())
    assert m is not None
    return m


def test_model_trained_on_fictional_set(small_model: cat.TextModel) -> None:
    assert set(small_model.labels) == set(_FICTION)
    p = small_model.predict("原告不服被告作出的罚款处罚决定，认为没收违法所得错误。")
    assert p.label == "行政处罚" and p.source == "model"
    assert 0 < p.confidence <= 1 and p.reason.startswith("模型特征")
    assert any(w in p.reason for w in ("罚款", "处罚", "没收"))
    assert p.alternatives and all(0 <= c <= 1 for _, c in p.alternatives)


def test_tiny_classes_are_left_to_rules() -> None:
    samples = _fiction(per_class=6) + [("行政奖励 奖励 表彰", "行政奖励")]
    m = cat.train_category(samples)
    assert m is not None and "行政奖励" not in m.labels
    assert m.meta["left_to_rules"] == ["行政奖励"]
    assert cat.train_category([("罚款", "行政处罚")] * 5) is None  # one class: no model


def test_model_used_where_rules_abstain(small_model: cat.TextModel) -> None:
    j = parse_text(judgment("行政", "原告到被告处查询政府信息，被告答复不予公开，原告提交了公开申请表"))
    assert cat.category_by_rules(j) is None
    p = cat.classify_category(j, model=small_model)
    assert p.source == "model" and p.label == "政府信息公开"


def test_sure_rule_wins_over_model(small_model: cat.TextModel) -> None:
    j = parse_text(RULE_CASES[0][1])
    p = cat.classify_category(j, model=small_model)
    assert p.label == "行政处罚" and p.source == "rule"


def test_combine_policy() -> None:
    rule = Prediction("行政处罚", 0.5, "rule", "规则: cause.行政处罚")
    model = Prediction("行政强制措施", 0.9, "model", "模型特征: 扣押")
    p = cat.combine(rule, model, high=0.8, fallback="行政处理")
    assert p.label == "行政强制措施" and p.alternatives[0][0] == "行政处罚"
    sure = Prediction("行政处罚", 0.85, "rule", "规则: cause.行政处罚")
    p = cat.combine(sure, model, high=0.8, fallback="行政处理")
    assert p.label == "行政处罚" and p.alternatives[0] == ("行政强制措施", 0.9)
    agree = cat.combine(rule, Prediction("行政处罚", 0.6, "model", "模型特征: 罚款"), high=0.8, fallback="x")
    assert agree.label == "行政处罚" and agree.confidence == pytest.approx(0.8)


# -- versioned files ---------------------------------------------------------------------------


def test_versions_and_newest_wins(tmp_path: Path, small_model: cat.TextModel) -> None:
    p1 = cat.save_model(small_model, tmp_path)
    p2 = cat.save_model(small_model, tmp_path)
    assert (p1.name, p2.name) == ("category-v1.joblib", "category-v2.joblib")
    meta = json.loads(p2.with_suffix(".json").read_text(encoding="utf-8"))
    for key in ("version", "created", "sklearn_version", "n_samples", "labels", "data_hash"):
        assert key in meta
    assert meta["version"] == 2
    assert cat.find_model_file("category", tmp_path) == p2
    m = cat.load_model("category", tmp_path, refresh=True)
    assert m is not None and m.meta["version"] == 2
    assert m.predict("罚款 处罚决定").label == "行政处罚"


def test_version_mismatch_falls_back_to_rules(tmp_path: Path, small_model: cat.TextModel) -> None:
    path = cat.save_model(small_model, tmp_path)
    sidecar = path.with_suffix(".json")
    meta = json.loads(sidecar.read_text(encoding="utf-8"))
    meta["sklearn_version"] = "0.0.1"
    sidecar.write_text(json.dumps(meta), encoding="utf-8")
    with pytest.warns(RuntimeWarning, match="scikit-learn"):
        assert cat.load_model("category", tmp_path, refresh=True, retrain=False) is None
    j = parse_text(RULE_CASES[0][1])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        p = cat.classify_category(j, models_dir=tmp_path)
    assert p.label == "行政处罚" and p.source == "rule"


def test_damaged_file_falls_back(tmp_path: Path) -> None:
    (tmp_path / "category-v3.joblib").write_bytes(b"not a pickle")
    (tmp_path / "category-v3.json").write_text(json.dumps({"sklearn_version": __import__("sklearn").__version__}))
    with pytest.warns(RuntimeWarning):
        assert cat.load_model("category", tmp_path, refresh=True, retrain=False) is None


def test_version_mismatch_retrains_from_corpus(tmp_path: Path, small_model: cat.TextModel) -> None:
    models = tmp_path / "models"
    path = cat.save_model(small_model, models)
    meta = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    path.with_suffix(".json").write_text(json.dumps(dict(meta, sklearn_version="0.0.1")), encoding="utf-8")
    corpus = tmp_path / "corpus"
    (corpus / "docs").mkdir(parents=True)
    rows = []
    for i, (label, text) in enumerate(RULE_CASES[:4] * 4):
        (corpus / "docs" / f"{i:03d}.txt").write_text(text, encoding="utf-8")
        rows.append(json.dumps({"file": f"{i:03d}.txt", "category": label, "field": "其他"}, ensure_ascii=False))
    (corpus / "labels.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")
    with pytest.warns(RuntimeWarning, match="重新训练"):
        m = cat.load_model("category", models, corpus_dir=corpus, refresh=True)
    assert m is not None and set(m.labels) == {label for label, _ in RULE_CASES[:4]}
    assert cat.find_model_file("category", models).name == "category-v2.joblib"  # kept for next time
    cat.clear_cache()


def test_packaged_model_loads_and_is_small() -> None:
    path = cat.find_model_file("category")
    if path is None:
        pytest.skip("no packaged model")
    assert path.stat().st_size < 5 * 1024 * 1024
    meta = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    assert meta["heldout_metrics"]["n"] > 0


# -- measured ----------------------------------------------------------------------------------


@pytest.mark.realdata
def test_real_dev_category_accuracy() -> None:
    if not (DEV / "labels.jsonl").exists():
        pytest.skip("../shared/realdata/dev 不存在：跳过真实文书评测")
    from docgen.train import evaluate_dev

    rep = evaluate_dev(DEV)
    assert rep["n"] >= 40
    assert rep["category_accuracy"] >= 0.90, rep["mismatches"]


def test_corpus_heldout_accuracy() -> None:
    """The packaged model scored on the corpus documents it was NOT trained on (its sidecar
    lists them)."""
    path = cat.find_model_file("category")
    if path is None or not (CORPUS / "labels.jsonl").exists():
        pytest.skip("no packaged model or corpus")
    from docgen.train import load_corpus

    meta = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    held = set(meta.get("heldout_files", []))
    rows = [r for r in load_corpus(CORPUS) if r["file"] in held and r.get("category")]
    if len(rows) < 10:
        pytest.skip("corpus changed since the packaged model was trained")
    model = cat.load_model("category", refresh=True)
    ok = 0
    for r in rows:
        j = parse_text(r["text"])
        ok += cat.classify_category(j, model=model).label in {r["category"], *(r.get("category_alt") or [])}
    assert ok / len(rows) >= 0.9


def test_train_all_holds_out_and_versions(tmp_path: Path) -> None:
    from docgen.train import train_all

    corpus = tmp_path / "corpus"
    (corpus / "docs").mkdir(parents=True)
    rows = []
    for i, (label, text) in enumerate(RULE_CASES[:6] * 5):
        name = f"{i:03d}.txt"
        (corpus / "docs" / name).write_text(text.replace("周明远", f"周明{i}"), encoding="utf-8")
        rows.append(json.dumps({"file": name, "category": label, "field": "其他" if i % 2 else "公安"},
                               ensure_ascii=False))
    (corpus / "labels.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")
    out = tmp_path / "models"
    rep = train_all(corpus, corrections=[(RULE_CASES[0][1], "行政处罚")], out_dir=out)
    m = rep["category"]["metrics"]
    assert m["n"] + m["n_train"] == len(rows) and m["n_corrections"] == 1
    assert m["combined_accuracy"] is not None and m["rules_coverage"] == 1.0
    meta = json.loads((out / "category-v1.json").read_text(encoding="utf-8"))
    held = set(meta["heldout_files"])
    assert len(held) == m["n"] and meta["n_samples"] == m["n_train"] + 1  # + the correction
    assert (out / "domain-v1.joblib").exists()
    rep2 = train_all(corpus, out_dir=out)
    assert rep2["category"]["version"] == 2
