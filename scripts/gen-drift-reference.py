#!/usr/bin/python3
"""Reference values for lib/drift, computed with Debian's scipy 1.10 / numpy 1.24 (python3-scipy, python3-numpy).

    /usr/bin/python3 scripts/gen-drift-reference.py     # rewrites fixtures/reference/drift-*.json

Samples are described by a generator spec both sides can replay bit for bit (a Park-Miller LCG, integer sums and one
correctly rounded division), so large samples need not be stored; small ones are listed inline. Tests never run Python.
"""
import json
import math
import os
import sys

import numpy as np
import pandas as pd
import scipy
from scipy import special, stats
from scipy.spatial import distance

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
OUT = os.path.join(ROOT, 'fixtures', 'reference')


def lcg_sample(spec):
    """Replays a spec: value = (sum of `draws` successive x % mod) / scale + shift, x <- x * 48271 % (2^31 - 1)."""
    x = spec['seed']
    out = []
    for _ in range(spec['n']):
        total = 0
        for _ in range(spec.get('draws', 1)):
            x = x * 48271 % 2147483647
            total += x % spec['mod']
        out.append(total / spec['scale'] + spec.get('shift', 0))
    return np.array(out, dtype=np.float64)


def sample(s):
    return np.array(s, dtype=np.float64) if isinstance(s, list) else lcg_sample(s)


def gen(seed, n, mod=1000, scale=100, shift=0, draws=3):
    return {'seed': seed, 'n': n, 'mod': mod, 'scale': scale, 'shift': shift, 'draws': draws}


def num(x):
    x = float(x)
    if math.isinf(x) or math.isnan(x):
        raise ValueError(f'non-finite reference value {x}')
    return x


def ks_cases():
    cases = [
        ('exact, unequal sizes', [0.61, 0.29, 0.06, 0.59, -1.73, -0.74, 0.51, -0.56], [0.39, 1.64, 0.56, -0.17, 1.18, 0.71, 0.3, 1.03, 1.7, 0.22, 0.81]),
        ('exact, equal sizes', gen(1, 20), gen(2, 20, shift=3)),
        ('exact, ties (five integer values)', gen(3, 300, mod=5, scale=1, draws=1), gen(4, 250, mod=5, scale=1, draws=1, shift=0.0)),
        ('exact, ties shifted', gen(5, 400, mod=5, scale=1, draws=2), gen(6, 350, mod=6, scale=1, draws=2)),
        ('exact, identical samples', gen(7, 50), gen(7, 50)),
        ('exact, 10000 vs 9000', gen(8, 10000), gen(9, 9000, shift=0.05)),
        ('exact, p below 1e-100 (equal sizes)', gen(10, 2000), gen(11, 2000, shift=5)),
        ('exact, p below 1e-100 (unequal sizes)', gen(12, 3000), gen(13, 2500, shift=5)),
        ('constant, same value', [5.0] * 30, [5.0] * 40),
        ('constant baseline, other current', [5.0] * 30, gen(14, 40, scale=100, shift=3)),
        ('asymptotic, Pelz-Good region', gen(15, 12000), gen(16, 15000, shift=0.02)),
        ('asymptotic, smirnov tail', gen(17, 12000), gen(18, 15000, shift=0.4)),
        ('asymptotic, p below 1e-100', gen(19, 20000), gen(20, 30000, shift=1.7)),
        ('asymptotic, p underflows to 0', gen(21, 20000), gen(22, 30000, shift=9)),
        ('asymptotic, ties', gen(23, 20000, mod=7, scale=1, draws=1), gen(24, 11000, mod=7, scale=1, draws=1)),
        ('asymptotic, one small side (Durbin/Pomeranz)', gen(25, 60), gen(26, 20000, shift=0.3)),
        ('asymptotic, one small side, larger shift', gen(27, 100), gen(28, 20000, shift=2)),
        ('asymptotic, 1e6 vs 1e6', gen(29, 1000000, mod=100000, scale=10000), gen(30, 1000000, mod=100000, scale=10000, shift=0.01)),
    ]
    out = []
    for name, a, b in cases:
        r = stats.ks_2samp(sample(a), sample(b))
        out.append({'name': name, 'a': a, 'b': b, 'statistic': num(r.statistic), 'pValue': num(r.pvalue)})
    return out


def kstwo_grid():
    out = []
    for n in [1, 3, 10, 50, 140, 141, 500, 5000, 100000, 100001, 500000, 2000000]:
        for z in [0.2, 0.5, 0.8, 1.0, 1.3, 2.0, 4.0, 8.0, 15.0]:
            x = z / math.sqrt(n)
            if x >= 1:
                continue
            out.append({'n': n, 'x': x, 'sf': num(stats.kstwo.sf(x, n))})
        for x in [0.4, 0.5, 0.7, 0.95]:
            out.append({'n': n, 'x': x, 'sf': num(stats.kstwo.sf(x, n))})
    return out


def smirnov_grid():
    return [{'n': n, 'x': x, 'sf': num(special.smirnov(n, x))}
            for n in [2, 7, 100, 1012, 1013, 50000, 1000001]
            for x in [0.001, 0.01, 0.05, 0.2, 0.5, 0.9]]


def chi2_grid():
    return [{'dof': dof, 'x': x, 'sf': num(stats.chi2.sf(x, dof))}
            for dof in [1, 2, 3, 7, 40, 999]
            for x in [0.01, 0.5, 3.0, 20.0, 300.0, 1500.0, 3000.0]]


def counts_cases():
    """2 x k count tables: chi-square (no correction), Jensen-Shannon base 2 on the frequencies, PSI."""
    cases = [
        ('same proportions', [50, 30, 20], [100, 60, 40]),
        ('moderate shift', [50, 30, 20], [40, 35, 25]),
        ('new category in current', [50, 30, 20, 0], [45, 30, 20, 5]),
        ('vanished category', [50, 30, 20], [60, 40, 0]),
        ('single category both sides', [70], [30]),
        ('p below 1e-100', [2000, 1000, 10], [1000, 2000, 10]),
        ('many categories', list(range(1, 41)), list(range(40, 0, -1))),
    ]
    out = []
    for name, b, c in cases:
        table = np.array([b, c], dtype=np.float64)
        if len(b) > 1:
            chi2, p, dof, _ = stats.chi2_contingency(table, correction=False)
        else:
            chi2, p, dof = 0.0, 1.0, 0
        js = distance.jensenshannon(np.array(b, float), np.array(c, float), base=2)
        out.append({'name': name, 'baseline': b, 'current': c, 'chi2': num(chi2), 'pValue': num(p), 'dof': int(dof),
                    'jensenshannon': num(js), 'psi': num(psi_counts(b, c))})
    return out


def psi_counts(b, c):
    b = np.array(b, float) / np.sum(b)
    c = np.array(c, float) / np.sum(c)
    b = np.maximum(b, 1e-4)
    c = np.maximum(c, 1e-4)
    return np.sum((c - b) * np.log(c / b))


def decile_bins(baseline, values):
    """Counts over (-inf, e1], (e1, e2], ..., (e_k, +inf) with the distinct numpy.quantile deciles as edges."""
    edges = np.unique(np.quantile(baseline, [i / 10 for i in range(1, 10)]))
    idx = np.searchsorted(edges, values, side='left')
    return edges, np.bincount(idx, minlength=len(edges) + 1)


def numeric_cases():
    """Wasserstein / baseline std, decile edges, JS and PSI over decile bins."""
    cases = [
        ('shifted', gen(40, 800), gen(41, 900, shift=1)),
        ('same distribution', gen(42, 5000), gen(43, 4000)),
        ('ties, collapsed deciles', gen(44, 1000, mod=3, scale=1, draws=1), gen(45, 1200, mod=4, scale=1, draws=1)),
        ('constant baseline', [2.5] * 100, gen(46, 50)),
        ('constant both', [2.5] * 100, [2.5] * 10),
        ('large', gen(47, 200000, mod=100000, scale=10000), gen(48, 150000, mod=100000, scale=10000, shift=0.3)),
    ]
    out = []
    for name, a, b in cases:
        x, y = sample(a), sample(b)
        w = stats.wasserstein_distance(x, y)
        std = np.std(x)
        edges, cb = decile_bins(x, x)
        _, cc = decile_bins(x, y)
        out.append({'name': name, 'baseline': a, 'current': b, 'wasserstein': num(w), 'baselineStd': num(std),
                    'edges': [num(e) for e in edges], 'baselineCounts': cb.tolist(), 'currentCounts': cc.tolist(),
                    'jensenshannon': num(distance.jensenshannon(cb.astype(float), cc.astype(float), base=2)),
                    'psi': num(psi_counts(cb, cc))})
    return out


def csv_pair(seed, n_base, n_cur):
    """A baseline/current CSV pair exercising every column kind; the current side drifts in some columns."""
    rng = np.random.default_rng(seed)

    def table(n, current):
        x = np.round(rng.normal(10.0 + (0.6 if current else 0.0), 2.0, n), 3)
        level = rng.choice(5, n, p=[0.1, 0.2, 0.4, 0.2, 0.1] if not current else [0.2, 0.2, 0.3, 0.2, 0.1])
        colors = ['red', 'blue', 'green'] if not current else ['red', 'blue', 'purple']
        color = rng.choice(colors, n, p=[0.5, 0.3, 0.2])
        const = np.full(n, 1.5) if not current else np.round(rng.normal(1.5, 0.1, n), 2)
        stable = np.round(rng.exponential(3.0, n), 2)
        lines = ['id,x,level,color,const,stable,empty']
        for i in range(n):
            empty = '' if current else str(i % 7)
            lines.append(f'{"c" if current else "b"}{i},{x[i]},{level[i]},{color[i]},{const[i]},{stable[i]},{empty}')
        return '\n'.join(lines) + '\n'

    return table(n_base, False), table(n_cur, True)


def expected_columns(base_csv, cur_csv, numeric_method, categorical_method):
    """Per-column method, statistic and p-value as the definitions in docs/drift.md give them, from pandas + scipy."""
    import io
    b = pd.read_csv(io.StringIO(base_csv))
    c = pd.read_csv(io.StringIO(cur_csv))
    out = {}
    for col in ['x', 'level', 'color', 'const', 'stable']:
        bv = b[col].dropna()
        cv = c[col].dropna()
        numeric = pd.api.types.is_numeric_dtype(bv)
        distinct = bv.nunique()
        if numeric and (numeric_method != 'auto' or distinct > 5):
            method = numeric_method if numeric_method != 'auto' else ('ks' if len(bv) <= 1000 else 'wasserstein')
            x, y = bv.to_numpy(float), cv.to_numpy(float)
            if method == 'ks':
                r = stats.ks_2samp(x, y)
                out[col] = {'method': 'ks', 'statistic': num(r.statistic), 'pValue': num(r.pvalue)}
            elif method == 'wasserstein':
                std = np.std(x)
                w = stats.wasserstein_distance(x, y)
                out[col] = {'method': 'wasserstein', 'statistic': num(w / std if std > 0 else w)}
            else:
                _, cb = decile_bins(x, x)
                _, cc = decile_bins(x, y)
                stat = distance.jensenshannon(cb.astype(float), cc.astype(float), base=2) if method == 'jensenshannon' else psi_counts(cb, cc)
                out[col] = {'method': method, 'statistic': num(stat)}
        else:
            method = categorical_method if categorical_method != 'auto' else ('chisquare' if len(bv) <= 1000 else 'jensenshannon')
            keys = list(dict.fromkeys(list(bv.astype(str)) + list(cv.astype(str))))
            bc = bv.astype(str).value_counts()
            cc = cv.astype(str).value_counts()
            tb = np.array([bc.get(k, 0) for k in keys], float)
            tc = np.array([cc.get(k, 0) for k in keys], float)
            if method == 'chisquare':
                chi2, p, _, _ = stats.chi2_contingency(np.array([tb, tc]), correction=False)
                out[col] = {'method': 'chisquare', 'statistic': num(chi2), 'pValue': num(p)}
            elif method == 'jensenshannon':
                out[col] = {'method': method, 'statistic': num(distance.jensenshannon(tb, tc, base=2))}
            else:
                out[col] = {'method': method, 'statistic': num(psi_counts(tb, tc))}
    return out


def cli_cases():
    small = csv_pair(7, 600, 700)
    large = csv_pair(8, 1500, 1300)
    cases = []
    for name, (base, cur), nm, cm in [('small: auto (ks / chisquare)', small, 'auto', 'auto'),
                                      ('small: psi and jensenshannon', small, 'psi', 'jensenshannon'),
                                      ('large: auto (wasserstein / jensenshannon)', large, 'auto', 'auto'),
                                      ('large: numeric jensenshannon, categorical psi', large, 'jensenshannon', 'psi')]:
        cases.append({'name': name, 'numericMethod': nm, 'categoricalMethod': cm, 'baselineCsv': base, 'currentCsv': cur,
                      'columns': expected_columns(base, cur, nm, cm)})
    return cases


def main():
    os.makedirs(OUT, exist_ok=True)
    meta = {'generator': 'scripts/gen-drift-reference.py', 'scipy': scipy.__version__, 'numpy': np.__version__,
            'python': sys.version.split()[0]}
    stats_doc = {'meta': meta, 'ks': ks_cases(), 'kstwo': kstwo_grid(), 'smirnov': smirnov_grid(), 'chi2': chi2_grid(),
                 'counts': counts_cases(), 'numeric': numeric_cases()}
    with open(os.path.join(OUT, 'drift-stats.json'), 'w') as f:
        json.dump(stats_doc, f, indent=1)
        f.write('\n')
    with open(os.path.join(OUT, 'drift-cli.json'), 'w') as f:
        json.dump({'meta': meta, 'cases': cli_cases()}, f, indent=1)
        f.write('\n')


if __name__ == '__main__':
    main()
