#!/usr/bin/python3
"""Reference values for lib/evaluation, computed with Debian's python3-sklearn 1.2 and python3-scipy 1.10.

Writes fixtures/reference/evaluation-metrics.json: inputs and the values scikit-learn / scipy / numpy give for them.
Tests read the JSON and never run Python. Regenerate with:  /usr/bin/python3 scripts/gen-evaluation-reference.py

Conventions mirrored from lib/evaluation (and documented in docs/evaluation.md):
- binary predictions: positive iff p > threshold (what sklearn's predict does for p = sigmoid(decision));
- log loss on the positive-class probability (1-D y_pred), float64, eps = float64 machine epsilon (sklearn 1.2 'auto');
- ECE: 10 equal-width bins on p, bin = min(floor(p * 10), 9), sum |positive rate - mean p| * bin share;
- McNemar: chi-square with Edwards' continuity correction, max(0, |b - c| - 1)^2 / (b + c), 1 degree of freedom;
- bootstrap: mulberry32(seed) draws index floor(u * n) n times per resample; percentile CI with numpy's linear rule.
"""
import json
import os
import sys

import numpy as np
import sklearn
import scipy
from scipy import stats
from sklearn import metrics as m

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'fixtures', 'reference', 'evaluation-metrics.json')


def f(x):
    return None if x is None else float(x)


def binary_case(name, y, p, threshold=0.5):
    y = np.asarray(y, dtype=np.int64)
    p = np.asarray(p, dtype=np.float64)
    pred = (p > threshold).astype(np.int64)
    bins = np.minimum(np.floor(p * 10).astype(np.int64), 9)
    ece = 0.0
    for b in range(10):
        mask = bins == b
        if mask.sum() > 0:
            ece += abs(y[mask].mean() - p[mask].mean()) * mask.sum() / len(y)
    out = {
        'accuracy': m.accuracy_score(y, pred),
        'balanced_accuracy': m.balanced_accuracy_score(y, pred),
        'precision': m.precision_score(y, pred, zero_division=0),
        'recall': m.recall_score(y, pred, zero_division=0),
        'f1': m.f1_score(y, pred, zero_division=0),
        'mcc': m.matthews_corrcoef(y, pred),
        'log_loss': m.log_loss(y, p, labels=[0, 1]),
        'brier_score': m.brier_score_loss(y, p),
        'ece': ece,
    }
    # sklearn raises for ROC AUC with one class; average precision needs positives only.
    out['roc_auc'] = m.roc_auc_score(y, p) if len(set(y.tolist())) == 2 else None
    out['pr_auc'] = m.average_precision_score(y, p) if y.sum() > 0 else None
    cm = m.confusion_matrix(y, pred, labels=[0, 1]).tolist()
    return {'name': name, 'threshold': threshold, 'y': y.tolist(), 'p': p.tolist(), 'expected': {k: f(v) for k, v in out.items()}, 'confusion': cm}


def multiclass_case(name, y, proba):
    y = np.asarray(y, dtype=np.int64)
    proba = np.asarray(proba, dtype=np.float64)
    classes = list(range(proba.shape[1]))
    pred = proba.argmax(axis=1)
    out = {
        'accuracy': m.accuracy_score(y, pred),
        'balanced_accuracy': m.balanced_accuracy_score(y, pred),
        'macro_f1': m.f1_score(y, pred, average='macro', zero_division=0),
        'weighted_f1': m.f1_score(y, pred, average='weighted', zero_division=0),
        'micro_f1': m.f1_score(y, pred, average='micro', zero_division=0),
        'macro_precision': m.precision_score(y, pred, average='macro', zero_division=0),
        'macro_recall': m.recall_score(y, pred, average='macro', zero_division=0),
        'log_loss': m.log_loss(y, proba, labels=classes),
    }
    try:
        # sklearn wants rows that sum to 1 for OvR; we feed it the renormalized rows, as lib/evaluation scores them.
        out['roc_auc_ovr'] = m.roc_auc_score(y, proba / proba.sum(axis=1, keepdims=True), multi_class='ovr', average='macro', labels=classes)
    except ValueError:
        out['roc_auc_ovr'] = None
    cm = m.confusion_matrix(y, pred, labels=classes).tolist()
    return {'name': name, 'y': y.tolist(), 'proba': proba.tolist(), 'expected': {k: f(v) for k, v in out.items()}, 'confusion': cm}


def regression_case(name, y, pred):
    y = np.asarray(y, dtype=np.float64)
    pred = np.asarray(pred, dtype=np.float64)
    out = {
        'rmse': m.mean_squared_error(y, pred, squared=False),
        'mse': m.mean_squared_error(y, pred),
        'mae': m.mean_absolute_error(y, pred),
        'r2': m.r2_score(y, pred),
        'mape': m.mean_absolute_percentage_error(y, pred),
        'median_ae': m.median_absolute_error(y, pred),
    }
    return {'name': name, 'y': y.tolist(), 'pred': pred.tolist(), 'expected': {k: f(v) for k, v in out.items()}}


def mulberry32(seed):
    state = seed & 0xFFFFFFFF

    def nxt():
        nonlocal state
        state = (state + 0x6D2B79F5) & 0xFFFFFFFF
        t = state
        t = ((t ^ (t >> 15)) * (t | 1)) & 0xFFFFFFFF
        t = (t ^ ((t + (((t ^ (t >> 7)) * (t | 61)) & 0xFFFFFFFF)) & 0xFFFFFFFF)) & 0xFFFFFFFF
        return ((t ^ (t >> 14)) & 0xFFFFFFFF) / 4294967296.0

    return nxt


def bootstrap_case(name, y, p_challenger, p_champion, resamples, seed, threshold=0.5):
    """Paired bootstrap of challenger - champion for accuracy, roc_auc and log_loss."""
    y = np.asarray(y, dtype=np.int64)
    a = np.asarray(p_challenger, dtype=np.float64)
    b = np.asarray(p_champion, dtype=np.float64)
    n = len(y)
    rand = mulberry32(seed)
    deltas = {'accuracy': [], 'roc_auc': [], 'log_loss': []}
    first_indices = None
    for r in range(resamples):
        idx = np.array([int(rand() * n) for _ in range(n)], dtype=np.int64)
        if r == 0:
            first_indices = idx[:10].tolist()
        yy, aa, bb = y[idx], a[idx], b[idx]
        deltas['accuracy'].append(m.accuracy_score(yy, (aa > threshold).astype(int)) - m.accuracy_score(yy, (bb > threshold).astype(int)))
        if len(set(yy.tolist())) == 2:
            deltas['roc_auc'].append(m.roc_auc_score(yy, aa) - m.roc_auc_score(yy, bb))
        deltas['log_loss'].append(m.log_loss(yy, aa, labels=[0, 1]) - m.log_loss(yy, bb, labels=[0, 1]))
    ci = {k: [float(np.percentile(v, 2.5)), float(np.percentile(v, 97.5))] for k, v in deltas.items()}
    return {'name': name, 'seed': seed, 'resamples': resamples, 'y': y.tolist(), 'challenger': a.tolist(), 'champion': b.tolist(), 'firstIndices': first_indices, 'ci': ci}


def main():
    rng = np.random.default_rng(20261123)
    cases = {'binary': [], 'multiclass': [], 'regression': [], 'mcnemar': [], 'percentile': [], 'bootstrap': []}

    # Binary: scores rounded to 2 decimals (many ties), exact 0 and 1 (clipping), a threshold other than 0.5.
    n = 400
    y = rng.integers(0, 2, n)
    raw = np.clip(0.35 * y + rng.normal(0.32, 0.22, n), 0, 1)
    p = np.round(raw, 2)
    p[:5] = [0.0, 1.0, 0.0, 1.0, 0.5]
    cases['binary'].append(binary_case('ties-and-extremes', y, p))
    cases['binary'].append(binary_case('threshold-0.3', y, p, threshold=0.3))
    cases['binary'].append(binary_case('continuous', y[:150], np.clip(raw[:150] + rng.normal(0, 1e-3, 150), 1e-6, 1 - 1e-6)))
    cases['binary'].append(binary_case('all-tied-scores', [0, 1, 1, 0, 1, 0, 0, 1], [0.4] * 8))
    cases['binary'].append(binary_case('one-class-only', [1, 1, 1, 1], [0.9, 0.2, 0.7, 0.6]))
    cases['binary'].append(binary_case('imbalanced', (rng.random(300) < 0.08).astype(int), np.round(rng.random(300), 3)))

    # Multiclass: float32 probabilities (rows do not sum to exactly 1 in float64: sklearn renormalizes).
    for name, k, size in [('three-classes', 3, 240), ('five-classes', 5, 300)]:
        yy = rng.integers(0, k, size)
        logits = rng.normal(0, 1, (size, k))
        logits[np.arange(size), yy] += 1.2
        proba = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
        proba = proba.astype(np.float32).astype(np.float64)
        cases['multiclass'].append(multiclass_case(name, yy, proba))
    # A class the model knows but the data lacks: OvR AUC is undefined (sklearn raises), the rest is computed.
    yy = rng.integers(0, 2, 60)
    proba = rng.dirichlet([1, 1, 1], 60)
    cases['multiclass'].append(multiclass_case('class-absent-from-data', yy, proba))

    # Regression.
    yr = rng.normal(50, 20, 300)
    yr[:3] = [0.0, 1e-9, -5.0]
    cases['regression'].append(regression_case('noisy', yr, yr + rng.normal(0, 5, 300)))
    cases['regression'].append(regression_case('constant-target', [3.0] * 6, [3.0, 3.5, 2.0, 3.0, 4.0, 3.0]))
    cases['regression'].append(regression_case('perfect-constant', [2.0] * 4, [2.0] * 4))

    # McNemar: discordant pairs b (challenger right, champion wrong), c (the reverse).
    for b, c in [(12, 5), (30, 31), (0, 0), (3, 0), (150, 100)]:
        stat = 0.0 if b + c == 0 else max(0, abs(b - c) - 1) ** 2 / (b + c)
        cases['mcnemar'].append({'b': b, 'c': c, 'statistic': stat, 'pValue': float(stats.chi2.sf(stat, 1)) if b + c > 0 else 1.0})

    # numpy's default (linear) percentile.
    for values, q in [([3.0, 1.0, 2.0], 2.5), ([5.0, 1.0, 4.0, 2.0, 3.0], 97.5), (list(rng.normal(0, 1, 101)), 2.5), ([7.0], 50.0)]:
        cases['percentile'].append({'values': values, 'q': q, 'expected': float(np.percentile(values, q))})

    # Paired bootstrap: exact CIs with our PRNG replicated.
    nb = 120
    yb = rng.integers(0, 2, nb)
    champ = np.round(np.clip(0.25 * yb + rng.normal(0.38, 0.2, nb), 0.01, 0.99), 3)
    chall = np.round(np.clip(0.35 * yb + rng.normal(0.33, 0.2, nb), 0.01, 0.99), 3)
    cases['bootstrap'].append(bootstrap_case('challenger-vs-champion', yb, chall, champ, resamples=200, seed=7))

    doc = {
        'generator': 'scripts/gen-evaluation-reference.py',
        'versions': {'sklearn': sklearn.__version__, 'scipy': scipy.__version__, 'numpy': np.__version__},
        'cases': cases,
    }
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, 'w') as fh:
        json.dump(doc, fh, separators=(',', ':'))
        fh.write('\n')
    print(f'wrote {os.path.relpath(OUT)}', file=sys.stderr)


if __name__ == '__main__':
    main()
