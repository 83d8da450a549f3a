"""Sub-themes (`docgen clusters`): what recurs among the cases of one category and period.

TF-IDF over jieba words (legal boilerplate removed: categories.yaml ``vocabulary.stopwords``)
→ TruncatedSVD to a few dozen dimensions → unit length (so Euclidean ≈ cosine) → agglomerative
(Ward) clustering for small sets, KMeans for medium ones, MiniBatchKMeans above ~2,000 cases.
k is chosen from the data by the silhouette over a small range (on a fixed-seed sample when n is
large).  Each cluster is named by its distinctive terms, class-based TF-IDF as BERTopic does it:
the term frequencies of a cluster (L1-normalised) × log(1 + A / f_t), A = average number of words
per cluster, f_t = frequency of the term over all clusters.  Representative cases are the ones
closest to the centroid.  Every random step has a fixed seed: the same input gives the same
clusters.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass, field

import numpy as np

from docgen.nlp import features

SMALL_N = 300  # up to here: agglomerative (Ward); above: KMeans
LARGE_N = 2000  # above here: MiniBatchKMeans
SILHOUETTE_SAMPLE = 3000
MAX_DIMS = 60
N_TERMS = 6
N_REPRESENTATIVES = 3


@dataclass
class Cluster:
    id: int
    label_terms: list[str]
    size: int
    representative_ids: list[str]
    member_ids: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return "、".join(self.label_terms[:3]) or "（无显著词）"


@dataclass
class ClusterResult:
    clusters: list[Cluster]
    k: int
    method: str  # single | agglomerative | kmeans | minibatch
    silhouette: float | None = None
    scores: dict[int, float] = field(default_factory=dict)  # k → silhouette tried

    @property
    def assignments(self) -> dict[str, int]:
        return {cid: c.id for c in self.clusters for cid in c.member_ids}

    def to_dict(self) -> dict:
        return {
            "k": self.k, "method": self.method, "silhouette": self.silhouette,
            "scores": {str(k): v for k, v in self.scores.items()},
            "clusters": [
                {"id": c.id, "name": c.name, "label_terms": c.label_terms, "size": c.size,
                 "representative_ids": c.representative_ids, "member_ids": c.member_ids}
                for c in self.clusters
            ],
        }


def _k_range(n: int, n_distinct: int) -> list[int]:
    hi = min(n_distinct - 1, 12 if n > 200 else max(2, min(8, n // 3)))
    return list(range(2, hi + 1))


def _embed(tfidf, seed: int) -> np.ndarray:
    from sklearn.decomposition import TruncatedSVD
    from sklearn.preprocessing import normalize

    n, d = tfidf.shape
    dims = min(MAX_DIMS, n - 1, d - 1)
    if dims >= 2 and d > dims:
        x = TruncatedSVD(n_components=dims, random_state=seed, algorithm="randomized",
                         n_iter=5).fit_transform(tfidf)
    else:
        x = tfidf.toarray()
    x = normalize(x.astype(np.float64))
    return x


def _fit(x: np.ndarray, k: int, seed: int) -> tuple[np.ndarray, str]:
    from sklearn.cluster import AgglomerativeClustering, KMeans, MiniBatchKMeans

    n = x.shape[0]
    if n <= SMALL_N:
        return AgglomerativeClustering(n_clusters=k, linkage="ward").fit_predict(x), "agglomerative"
    if n <= LARGE_N:
        return KMeans(n_clusters=k, n_init=4, random_state=seed).fit_predict(x), "kmeans"
    km = MiniBatchKMeans(n_clusters=k, n_init=3, random_state=seed, batch_size=2048, max_no_improvement=10)
    return km.fit_predict(x), "minibatch"


def _silhouette(x: np.ndarray, labels: np.ndarray, seed: int) -> float:
    from sklearn.metrics import silhouette_score

    if len(set(labels.tolist())) < 2:
        return -1.0
    size = min(SILHOUETTE_SAMPLE, x.shape[0])
    return float(silhouette_score(x, labels, metric="euclidean", sample_size=size if size < x.shape[0] else None,
                                  random_state=seed))


def c_tf_idf(counts, labels: np.ndarray, k: int) -> np.ndarray:
    """Class-based TF-IDF (BERTopic): rows = clusters, columns = terms."""
    from scipy import sparse

    onehot = sparse.csr_matrix((np.ones(len(labels)), (labels, np.arange(len(labels)))), shape=(k, len(labels)))
    tf = (onehot @ counts).toarray().astype(np.float64)  # term counts per cluster
    total = tf.sum(axis=0)  # f_t: frequency over all clusters
    avg_words = tf.sum() / k  # A
    with np.errstate(divide="ignore", invalid="ignore"):
        idf = np.log(1 + avg_words / np.where(total > 0, total, np.inf))
        row = tf.sum(axis=1, keepdims=True)
        tf = np.divide(tf, row, out=np.zeros_like(tf), where=row > 0)
    return tf * idf


def _vectorizers(n: int):
    from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer

    min_df = 1 if n < 10 else 2
    max_df = 1.0 if n < 20 else 0.9
    counter = CountVectorizer(analyzer=features.identity, min_df=min_df, max_df=max_df, max_features=30000)
    return counter, TfidfTransformer(sublinear_tf=True)


def _single(items: list[tuple[str, str]], terms: list[str], method: str = "single") -> ClusterResult:
    ids = [cid for cid, _ in items]
    return ClusterResult(
        clusters=[Cluster(0, terms, len(ids), ids[:N_REPRESENTATIVES], ids)] if ids else [],
        k=1 if ids else 0, method=method)


def cluster_cases(items: list[tuple[str, str]], *, k: int | None = None, seed: int = 0,
                  max_k: int | None = None) -> ClusterResult:
    """Cluster ``(case_id, text)`` pairs.  ``k`` fixed, or chosen from the data (silhouette)."""
    items = list(items)
    n = len(items)
    if n == 0:
        return ClusterResult([], 0, "single")
    toks = [features.tokens(text or "") for _, text in items]
    if n < 3:
        return _single(items, _top_terms_plain(toks))
    counter, tfidf_t = _vectorizers(n)
    try:
        counts = counter.fit_transform(toks)
    except ValueError:  # empty vocabulary (all stop words / empty texts)
        return _single(items, [])
    if counts.shape[1] == 0:
        return _single(items, [])
    tfidf = tfidf_t.fit_transform(counts)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # SVD of identical rows: zero variance
        x = _embed(tfidf, seed)
    n_distinct = len(np.unique(np.round(x, 6), axis=0))
    vocab = counter.get_feature_names_out()
    if n_distinct < 2 or (k is not None and k <= 1):
        labels = np.zeros(n, dtype=int)
        return _result(items, x, labels, 1, counts, vocab, "single", None, {})

    scores: dict[int, float] = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # ConvergenceWarning on duplicate points etc.
        if k is not None:
            k = min(k, n_distinct)
            labels, method = _fit(x, k, seed)
            sil = _silhouette(x, labels, seed) if k > 1 else None
        else:
            ks = _k_range(n, n_distinct)
            if max_k is not None:
                ks = [c for c in ks if c <= max_k] or [2]
            best = None
            for cand in ks:
                lab, method = _fit(x, cand, seed)
                s = _silhouette(x, lab, seed)
                scores[cand] = round(s, 4)
                if best is None or s > best[0] + 1e-9:
                    best = (s, cand, lab, method)
            sil, k, labels, method = best  # type: ignore[misc]
    return _result(items, x, np.asarray(labels), k, counts, vocab, method, sil, scores)


def _top_terms_plain(toks: list[list[str]]) -> list[str]:
    from collections import Counter

    c = Counter(t for ts in toks for t in ts)
    return [t for t, _ in c.most_common(N_TERMS)]


def _result(items, x, labels, k, counts, vocab, method, sil, scores) -> ClusterResult:
    # renumber: largest cluster first, ties by first appearance → stable ids
    order = sorted(set(labels.tolist()), key=lambda c: (-(labels == c).sum(), int(np.argmax(labels == c))))
    remap = {old: new for new, old in enumerate(order)}
    labels = np.array([remap[c] for c in labels.tolist()])
    k = len(order)
    weights = c_tf_idf(counts, labels, k)
    clusters = []
    for c in range(k):
        idx = np.flatnonzero(labels == c)
        w = weights[c]
        top = [vocab[i] for i in np.argsort(-w, kind="stable")[:N_TERMS] if w[i] > 0]
        centroid = x[idx].mean(axis=0)
        dist = np.linalg.norm(x[idx] - centroid, axis=1)
        reps = [items[idx[i]][0] for i in np.argsort(dist, kind="stable")[:N_REPRESENTATIVES]]
        clusters.append(Cluster(id=c, label_terms=[str(t) for t in top], size=len(idx),
                                representative_ids=reps, member_ids=[items[i][0] for i in idx]))
    return ClusterResult(clusters, k, method, None if sil is None else round(float(sil), 4), scores)


def cluster_text(j, limit: int = 3000) -> str:
    """What a case contributes to clustering: its 案由, the claims and this court's reasoning
    (the issues it decides), not the party block or the boilerplate of the tail."""
    from docgen.nlp.category import _strip_parties, cause_phrases, claims

    parts = [*cause_phrases(j), claims(j), j.section_text("查明")[:800], j.section_text("本院认为")]
    text = _strip_parties("\n".join(p for p in parts if p), j)
    # place names say where, not what: "南塘县", "江湾区", "白鹭镇" would otherwise name sub-themes
    return _PLACE.sub("", text)[:limit]


_PLACE = re.compile(r"[\u4e00-\u9fa5]{1,6}?(省|自治区|市|自治州|县|区|镇|乡|街道|村|社区|路|街|组)(?=[\u4e00-\u9fa5]|$)")


def tokens_for(text: str) -> list[str]:
    """The words clustering sees for a text (for showing a user why a case is where it is)."""
    return features.tokens(text)
