"""``CalibratedClassifierCV.predict_proba`` of docgen's category and 管理领域 models, lean.

The models are a linear SVM with sigmoid calibration.  scikit-learn validates the input, the
estimator and every calibrator again on each call (~1.2 ms, most of it for a 13-class model);
a batch worker asks for a handful of documents at a time, so that overhead was most of the cost
of scoring.  :func:`predict_proba` does the same arithmetic in the same order — the linear
decision function, the sigmoid per class, the normalisation, the mean over the calibrated
classifiers — and gives the same numbers (tests/test_fast_paths.py).  Anything else (isotonic
or temperature calibration, a non-linear estimator) goes to scikit-learn.
"""

from __future__ import annotations

import threading
from typing import Any

_LOCK = threading.Lock()
_PREPARED: dict[int, tuple[Any, list[tuple[Any, Any, Any, Any, Any]] | None]] = {}


def _prepare(clf: Any) -> list[tuple[Any, Any, Any, Any, Any]] | None:
    """Per calibrated classifier: (coef.T, intercept, class columns, a, b), or None if unsupported."""
    import numpy as np
    from sklearn.calibration import CalibratedClassifierCV, _SigmoidCalibration
    from sklearn.linear_model._base import LinearClassifierMixin
    from sklearn.preprocessing import LabelEncoder

    if not isinstance(clf, CalibratedClassifierCV) or not hasattr(clf, "calibrated_classifiers_"):
        return None
    out = []
    n_classes = len(clf.classes_)
    for cc in clf.calibrated_classifiers_:
        est = cc.estimator
        if cc.method != "sigmoid" or not isinstance(est, LinearClassifierMixin) \
                or type(est).decision_function is not LinearClassifierMixin.decision_function \
                or not all(type(c) is _SigmoidCalibration for c in cc.calibrators) \
                or len(cc.classes) != n_classes:
            return None
        cols = LabelEncoder().fit(cc.classes).transform(est.classes_)
        if n_classes == 2:
            cols = cols + 1  # binary: the one decision column is the second class's
        coef_t = est.coef_.T if est.coef_.ndim == 2 else est.coef_
        a = np.array([c.a_ for c in cc.calibrators], dtype=np.float64)
        b = np.array([c.b_ for c in cc.calibrators], dtype=np.float64)
        out.append((coef_t, est.intercept_, cols, a, b))
    return out or None


def predict_proba(clf: Any, x: Any) -> Any:
    """``clf.predict_proba(x)`` for a fitted sigmoid-calibrated linear classifier (``x``: CSR)."""
    entry = _PREPARED.get(id(clf))
    if entry is None or entry[0] is not clf:
        entry = (clf, _prepare(clf))
        with _LOCK:
            if len(_PREPARED) > 64:
                _PREPARED.clear()
            _PREPARED[id(clf)] = entry
    parts = entry[1]
    if parts is None:
        return clf.predict_proba(x)
    import numpy as np
    from scipy.special import expit

    n, n_classes = x.shape[0], len(clf.classes_)
    mean = np.zeros((n, n_classes))
    for coef_t, intercept, cols, a, b in parts:
        scores = x @ coef_t + intercept
        if scores.ndim == 1:
            scores = scores.reshape(-1, 1)
        proba = np.zeros((n, n_classes))
        for k, col in enumerate(cols[:min(scores.shape[1], len(a))]):  # as sklearn's zip of the three
            proba[:, col] = expit(-(a[k] * scores[:, k] + b[k]))
        if n_classes == 2:
            proba[:, 0] = 1.0 - proba[:, 1]
        else:
            denominator = np.sum(proba, axis=1)[:, np.newaxis]
            uniform = np.full_like(proba, 1 / n_classes)
            proba = np.divide(proba, denominator, out=uniform, where=denominator != 0)
        proba[(1.0 < proba) & (proba <= 1.0 + 1e-5)] = 1.0
        mean += proba
    mean /= len(parts)
    return mean
