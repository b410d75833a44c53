import { test } from 'node:test';
import assert from 'node:assert/strict';
import { binCounts, decileEdges } from '../../../lib/drift/decile-bins.js';
import { chiSquareContingency, jensenShannon, populationStabilityIndex } from '../../../lib/drift/distribution-distances.js';
import { chiSquareSf } from '../../../lib/statistics/gamma.js';
import { kstwoSf } from '../../../lib/drift/kolmogorov.js';
import { ksTwoSample } from '../../../lib/drift/ks-two-sample.js';
import { smirnovSf } from '../../../lib/drift/smirnov.js';
import { sortFloat64 } from '../../../lib/drift/sort-float64.js';
import { meanAndStd, wassersteinDistance } from '../../../lib/drift/wasserstein.js';
import { assertClose, reference, replay } from './reference.js';

// The tolerances: statistics to 1e-9 relative, p-values to 1e-6 relative.
const STAT = 1e-9;
const P = 1e-6;

test('ks_2samp: every reference case (exact and asymptotic paths, ties, constants, p < 1e-100) matches scipy', () => {
  for (const c of reference.ks) {
    const a = sortFloat64(replay(c.a));
    const b = sortFloat64(replay(c.b));
    const r = ksTwoSample(a, a.length, b, b.length);
    assertClose(r.statistic, c.statistic, STAT, `${c.name}: statistic`);
    assertClose(r.pValue, c.pValue, P, `${c.name}: p-value`);
  }
  assert.ok(reference.ks.some((c) => c.pValue > 0 && c.pValue < 1e-100));
});

test('kstwo.sf: the distribution of D_n over n from 1 to 2e6 and every formula region matches scipy', () => {
  for (const c of reference.kstwo) assertClose(kstwoSf(c.n, c.x), c.sf, P, `kstwo.sf(${c.x}, ${c.n})`);
});

test('smirnov: the one-sided distribution matches scipy.special.smirnov', () => {
  for (const c of reference.smirnov) assertClose(smirnovSf(c.n, c.x), c.sf, P, `smirnov(${c.n}, ${c.x})`);
});

test('chi2.sf: survival function over degrees of freedom 1–999 matches scipy, tails far below 1e-100 included', () => {
  for (const c of reference.chi2) assertClose(chiSquareSf(c.x, c.dof), c.sf, P, `chi2.sf(${c.x}, ${c.dof})`);
});

test('count tables: chi2_contingency (no correction), jensenshannon base 2 and PSI match scipy/numpy', () => {
  for (const c of reference.counts) {
    const chi = chiSquareContingency(c.baseline, c.current);
    assertClose(chi.statistic, c.chi2, STAT, `${c.name}: chi2`);
    assertClose(chi.pValue, c.pValue, P, `${c.name}: p-value`);
    assert.equal(chi.dof, c.dof, `${c.name}: dof`);
    assertClose(jensenShannon(c.baseline, c.current), c.jensenshannon, STAT, `${c.name}: jensenshannon`);
    assertClose(populationStabilityIndex(c.baseline, c.current), c.psi, STAT, `${c.name}: psi`);
  }
});

test('numeric: wasserstein_distance, baseline std, numpy decile edges, bin counts, JS and PSI over deciles', () => {
  for (const c of reference.numeric) {
    const b = sortFloat64(replay(c.baseline));
    const cur = sortFloat64(replay(c.current));
    assertClose(wassersteinDistance(b, b.length, cur, cur.length), c.wasserstein, STAT, `${c.name}: wasserstein`);
    assertClose(meanAndStd(b, b.length).std, c.baselineStd, STAT, `${c.name}: std`);
    const edges = decileEdges(b, b.length);
    assert.deepEqual(edges, c.edges, `${c.name}: edges`);
    const cb = binCounts(b, b.length, edges);
    const cc = binCounts(cur, cur.length, edges);
    assert.deepEqual(Array.from(cb), c.baselineCounts, `${c.name}: baseline bins`);
    assert.deepEqual(Array.from(cc), c.currentCounts, `${c.name}: current bins`);
    assertClose(jensenShannon(cb, cc), c.jensenshannon, STAT, `${c.name}: jensenshannon`);
    assertClose(populationStabilityIndex(cb, cc), c.psi, STAT, `${c.name}: psi`);
  }
});

test('sortFloat64: radix path sorts negatives, zeros, duplicates and large magnitudes like the native sort', () => {
  const values = replay({ seed: 99, n: 20000, mod: 100000, scale: 7, shift: -7000, draws: 1 });
  values[5] = -0;
  values[6] = 1e300;
  values[7] = -1e300;
  values[8] = 5e-324;
  const expected = values.slice().sort();
  assert.deepEqual(Array.from(sortFloat64(values)), Array.from(expected));
});
