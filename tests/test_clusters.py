"""Sub-theme clustering: determinism, k from the data, c-TF-IDF names, tiny inputs."""

from __future__ import annotations

import random

import numpy as np
import pytest
from scipy import sparse

from docgen.nlp.clusters import Cluster, ClusterResult, c_tf_idf, cluster_cases

THEMES = {
    "land": ["集体土地", "征地补偿", "宅基地", "安置房", "土地补偿费"],
    "traffic": ["驾驶证", "机动车", "交通违法", "酒后驾驶", "记分"],
    "food": ["食品安全", "过期食品", "进货查验", "食品标签", "经营者"],
    "injury": ["工伤认定", "劳动关系", "上下班途中", "工伤保险", "用人单位"],
}
BOILERPLATE = ["本院", "认为", "原告", "被告", "规定", "诉讼请求", "事实", "证据", "依法", "程序"]


def synthetic(n_per: int, seed: int = 1, themes: dict[str, list[str]] = THEMES) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    items = []
    names = list(themes)
    for i in range(n_per * len(names)):
        theme = names[i % len(names)]
        words = rng.choices(themes[theme], k=6) + rng.choices(BOILERPLATE, k=8)
        rng.shuffle(words)
        items.append((f"{theme}-{i}", "，".join(words) + "。"))
    return items


def _partition(res: ClusterResult) -> set[frozenset[str]]:
    return {frozenset(c.member_ids) for c in res.clusters}


def test_deterministic() -> None:
    items = synthetic(10)
    a, b = cluster_cases(items, seed=0), cluster_cases(list(items), seed=0)
    assert [(c.id, c.member_ids, c.label_terms, c.representative_ids) for c in a.clusters] == \
           [(c.id, c.member_ids, c.label_terms, c.representative_ids) for c in b.clusters]


@pytest.mark.parametrize("n_per", [5, 80])  # agglomerative (20 cases) and KMeans (320)
def test_k_chosen_from_separated_groups(n_per: int) -> None:
    items = synthetic(n_per)
    res = cluster_cases(items)
    assert res.k == 4, res.scores
    assert res.silhouette is not None and res.scores
    truth = {frozenset(cid for cid, _ in items if cid.startswith(t + "-")) for t in THEMES}
    assert _partition(res) == truth
    assert sum(c.size for c in res.clusters) == len(items)
    assert len({cid for c in res.clusters for cid in c.member_ids}) == len(items)


def test_minibatch_path_on_larger_input() -> None:
    items = synthetic(520)  # 2,080 cases → MiniBatchKMeans
    res = cluster_cases(items, max_k=5)
    assert res.method == "minibatch" and res.k == 4


def test_names_are_the_distinctive_terms() -> None:
    res = cluster_cases(synthetic(8))
    for c in res.clusters:
        theme = c.member_ids[0].split("-")[0]
        for term in c.label_terms[:3]:  # jieba may split a phrase: 土地补偿费 → 土地 / 补偿费
            assert any(term in w for w in THEMES[theme]), (theme, c.label_terms)
        assert not set(c.label_terms) & {"本院", "认为", "原告", "被告", "规定"}  # boilerplate is data-driven stop words
        assert c.representative_ids and set(c.representative_ids) <= set(c.member_ids)


def test_c_tf_idf_formula() -> None:
    # two classes, three terms: "shared" everywhere, "a" only in class 0, "b" only in class 1
    counts = sparse.csr_matrix(np.array([[2, 3, 0], [2, 1, 0], [2, 0, 4]]))
    w = c_tf_idf(counts, np.array([0, 0, 1]), 2)
    tf0 = np.array([4, 4, 0]) / 8
    avg = 14 / 2
    idf = np.log(1 + avg / np.array([6, 4, 4]))
    assert np.allclose(w[0], tf0 * idf)
    assert w[0, 1] > w[0, 0] and w[1, 2] > w[1, 0]


def test_fixed_k() -> None:
    res = cluster_cases(synthetic(5), k=2)
    assert res.k == 2 and len(res.clusters) == 2


def test_tiny_inputs() -> None:
    assert cluster_cases([]).clusters == []
    one = cluster_cases([("a", "工伤认定 劳动关系")])
    assert one.k == 1 and one.clusters[0].member_ids == ["a"]
    two = cluster_cases([("a", "工伤认定"), ("b", "驾驶证 机动车")])
    assert two.k == 1 and isinstance(two.clusters[0], Cluster) and two.clusters[0].size == 2


def test_identical_and_empty_texts() -> None:
    same = cluster_cases([(f"c{i}", "食品安全 过期食品 罚款") for i in range(6)])
    assert same.k == 1 and same.clusters[0].size == 6
    blank = cluster_cases([(f"c{i}", "本院认为，原告") for i in range(5)])
    assert blank.k == 1 and blank.clusters[0].size == 5
    dupes = synthetic(3) + synthetic(3)  # every text twice (different ids are kept)
    dupes = [(f"{cid}#{i}", t) for i, (cid, t) in enumerate(dupes)]
    res = cluster_cases(dupes)
    assert sum(c.size for c in res.clusters) == len(dupes)


def test_cluster_text_of_a_judgment() -> None:
    from docgen.nlp.clusters import cluster_text
    from docgen.nlp.parse import parse_text

    doc = ("东川市临江区人民法院\n行政判决书\n（2023）东0102行初45号\n原告：周明远，男，汉族。\n"
           "被告：东川市临江区市场监督管理局，住所地东川市。\n法定代表人：钱立国，局长。\n"
           "　　原告周明远诉被告东川市临江区市场监督管理局行政处罚一案，本院依法组成合议庭审理了本案。\n"
           "　　原告诉称，被告作出的罚款决定认定事实错误，请求撤销。\n"
           "　　本院认为，被告未告知原告陈述、申辩的权利，程序违法。判决如下：\n"
           "　　撤销被告作出的行政处罚决定。\n审判长　李文静\n二〇二三年六月十二日\n书记员　黄小梅\n")
    text = cluster_text(parse_text(doc))
    assert "行政处罚" in text and "陈述" in text and "周明远" not in text  # party names masked
