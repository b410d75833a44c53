import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { parseReport, serializeReport, type ColumnProfile, type ProfileReport } from '../../../lib/contracts/index.js';
import type { CellValue } from '../../../lib/data/batch.js';
import { BadInputError } from '../../../lib/errors.js';
import { createProfiler, type FileDigest } from '../../../lib/profile/dataset-profiler.js';
import { datasetFingerprint } from '../../../lib/profile/fingerprint.js';
import { mergeProfiles, type ProfileSource } from '../../../lib/profile/merge-profiles.js';
import { profileSource, toProfileReport } from '../../../lib/profile/profile-report.js';
import { KllSketch, KLL_RANK_ERROR, type KllState } from '../../../lib/sketches/kll.js';
import { seeded } from '../sketches/random.js';
import { batchesOf } from './data.js';

const columns = ['id', 'age', 'income', 'plan', 'active', 'signup', 'score', 'mixed', 'json_num'];
const now = new Date('2025-01-31T12:00:00Z');

function randomRows(seed: number, n: number): CellValue[][] {
  const r = seeded(seed);
  const plans = ['basic', 'pro', 'team', 'enterprise'];
  return Array.from({ length: n }, (_, i) => {
    const miss = () => r() < 0.03;
    return [
      `u${seed}-${i}`, // > 1000 distinct: HyperLogLog, approximate top-k only past 10,000
      miss() ? '' : String(18 + Math.floor(r() * 60)),
      miss() ? null : (r() * 1e5 - 2e4).toFixed(2),
      miss() ? ' ' : plans[Math.floor(r() ** 2 * 4)]!,
      r() < 0.5 ? 'true' : 'False',
      new Date(Date.UTC(2024, 0, 1) + Math.floor(r() * 365) * 86_400_000).toISOString().slice(0, 10),
      (r() * r() * 100).toExponential(3),
      r() < 0.01 ? 'N/A' : String(Math.floor(r() * 5)),
      miss() ? null : Math.round(r() * 1000) / 8,
    ];
  });
}

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

function profileRows(file: string, rows: CellValue[][], batchSize: number) {
  const profiler = createProfiler(columns);
  for (const batch of batchesOf(file, columns, rows, batchSize)) profiler.addBatch(batch);
  const digest: FileDigest = { path: file, bytes: rows.length, sha256: sha(file) };
  return { body: profiler.finish([digest]), digest };
}

/** Through the contract and back, as `mlops profile merge` sees a shard's profile. */
function viaReport(body: ProfileReport | ReturnType<typeof profileRows>['body'], files: FileDigest[], file: string): ProfileSource {
  const report = toProfileReport(body, { files, now, toolVersion: '0.1.0' });
  const text = serializeReport(report, file);
  return profileSource(parseReport(text, file, 'mlops/profile'), file);
}

const relClose = (a: number | undefined, b: number | undefined) =>
  assert.ok(a !== undefined && b !== undefined && Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)), `${a} vs ${b}`);

test('property: merging profiles of 2–4 random shards equals profiling the concatenation', () => {
  for (const seed of [11, 12, 13, 14]) {
    const r = seeded(seed * 7);
    const rows = randomRows(seed, 3000 + Math.floor(r() * 3000));
    const shards = 2 + Math.floor(r() * 3);
    const cuts = [0, ...Array.from({ length: shards - 1 }, () => Math.floor(r() * rows.length)).sort((a, b) => a - b), rows.length];
    const parts = cuts.slice(0, -1).map((start, i) => profileRows(`shard-${seed}-${i}.csv`, rows.slice(start, cuts[i + 1]), 1 + Math.floor(r() * 900)));
    const sources = parts.map((p, i) => viaReport(p.body, [p.digest], `shard-${i}.json`));
    const merged = mergeProfiles(sources);

    const whole = createProfiler(columns);
    parts.forEach((p, i) => batchesOf(p.digest.path, columns, rows.slice(cuts[i], cuts[i + 1]), 997).forEach((b) => whole.addBatch(b)));
    const expected = whole.finish(parts.map((p) => p.digest));

    const context = `seed ${seed}, ${shards} shards at ${cuts.join(',')}`;
    assert.equal(merged.body.rows, rows.length, context);
    assert.equal(merged.body.fingerprint, expected.fingerprint, context);
    assert.deepEqual(merged.files.map((f) => f.path), parts.map((p) => p.digest.path));
    for (let c = 0; c < columns.length; c++) {
      const m = merged.body.columns[c]!;
      const e = expected.columns[c]!;
      const at = `${context}, column ${e.name}`;
      assert.deepEqual([m.name, m.type, m.count, m.missing, m.min, m.max, m.n], [e.name, e.type, e.count, e.missing, e.min, e.max, e.n], at);
      if (e.mean !== undefined) {
        relClose(m.mean, e.mean);
        relClose(m.variance, e.variance);
      }
      assert.deepEqual(m.distinct, e.distinct, at); // HLL registers merge to exactly the union's
      const trueDistinct = new Set(rows.map((row) => normal(row[c]!)).filter((v) => v !== undefined)).size;
      if (e.distinct.exact) assert.equal(e.distinct.estimate, trueDistinct, at);
      else assert.ok(Math.abs(e.distinct.estimate - trueDistinct) <= 3 * e.distinct.errorBound * trueDistinct, `${at}: ${e.distinct.estimate} vs ${trueDistinct}`);
      assert.equal(m.topK?.exact, e.topK?.exact, at);
      if (e.topK?.exact) assert.deepEqual(m.topK, e.topK, at);
      assert.deepEqual(m.stringLength, e.stringLength, at);
      if (m.quantiles) checkQuantiles(m, rows.map((row) => row[c]!), at);
    }
    assert.deepEqual(merged.body.columns.map((c) => c.type), ['string', 'integer', 'number', 'categorical', 'boolean', 'datetime', 'number', 'categorical', 'number']);
  }
});

// The value as the profiler counts it (numbers by value, booleans case-blind), undefined when missing.
function normal(cell: CellValue): string | number | boolean | undefined {
  if (cell === null) return undefined;
  if (typeof cell !== 'string') return cell;
  const t = cell.trim();
  if (t === '') return undefined;
  if (/^(true|false)$/i.test(t)) return t.toLowerCase() === 'true';
  return Number.isFinite(Number(t)) && /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t) ? Number(t) : t;
}

function checkQuantiles(column: ColumnProfile, cells: CellValue[], at: string): void {
  const sketch = KllSketch.fromJSON(column.quantiles!.state as unknown as KllState);
  const values = cells
    .map((c) => (column.type === 'datetime' ? (typeof c === 'string' && c.trim() ? Date.parse(`${c.trim()}T00:00:00Z`) : Number.NaN) : typeof normal(c) === 'number' ? (normal(c) as number) : Number.NaN))
    .filter((x) => !Number.isNaN(x));
  const sorted = Float64Array.from(values).sort();
  assert.equal(sketch.n, sorted.length, at);
  for (let i = 1; i <= 99; i++) {
    const q = i / 100;
    const x = sketch.quantile(q);
    const below = sorted.findIndex((v) => v >= x);
    let upTo = below;
    while (upTo < sorted.length && sorted[upTo] === x) upTo++;
    const err = Math.max(0, below / sorted.length - q, q - upTo / sorted.length);
    assert.ok(err <= column.quantiles!.rankError, `${at}: q=${q} rank error ${err}`);
  }
  assert.equal(column.quantiles!.rankError, KLL_RANK_ERROR);
}

test('fingerprint: sha256 over each file digest + newline, then the row count; merged = concatenated', () => {
  const a = sha('a');
  const b = sha('b');
  assert.equal(datasetFingerprint([a, b], 7), `sha256:${createHash('sha256').update(`${a}\n${b}\n7`).digest('hex')}`);
  assert.notEqual(datasetFingerprint([b, a], 7), datasetFingerprint([a, b], 7));
  const p1 = profileRows('one.csv', randomRows(1, 50), 20);
  const p2 = profileRows('two.csv', randomRows(2, 30), 20);
  const merged = mergeProfiles([viaReport(p1.body, [p1.digest], 'one.json'), viaReport(p2.body, [p2.digest], 'two.json')]);
  assert.equal(merged.body.fingerprint, datasetFingerprint([p1.digest.sha256, p2.digest.sha256], 80));
});

test('report: a profile validates against mlops/profile v1 and reads back to the same body', () => {
  const p = profileRows('data.csv', randomRows(3, 200), 64);
  const report = toProfileReport(p.body, { files: [p.digest], now, toolVersion: '0.1.0' });
  const back = parseReport(serializeReport(report, 'profile.json'), 'profile.json', 'mlops/profile');
  assert.deepEqual(back.subject, { dataset: { fingerprint: p.body.fingerprint, rows: 200, files: [{ path: 'data.csv', bytes: 200, sha256: p.digest.sha256 }] } });
  const { kind: _k, version: _v, createdAt: _c, tool: _t, subject: _s, ...body } = back;
  assert.deepEqual(JSON.parse(JSON.stringify(body)), JSON.parse(JSON.stringify(p.body)));
  // a single profile merged alone is itself
  const alone = mergeProfiles([profileSource(back, 'profile.json')]);
  assert.deepEqual(JSON.parse(JSON.stringify(alone.body)), JSON.parse(JSON.stringify(p.body)));
});

test('merge errors: column mismatch names the file and the first difference; missing state and bad fingerprints are bad input', () => {
  const p1 = profileRows('one.csv', randomRows(1, 40), 40);
  const p2 = profileRows('two.csv', randomRows(2, 40), 40);
  const s1 = viaReport(p1.body, [p1.digest], 'one.json');
  const s2 = viaReport(p2.body, [p2.digest], 'two.json');
  const renamed: ProfileSource = { ...s2, body: { ...s2.body, columns: s2.body.columns.map((c, i) => (i === 2 ? { ...c, name: 'salary' } : c)) } };
  assert.throws(() => mergeProfiles([s1, renamed]), (e: unknown) => e instanceof BadInputError && e.message === "two.json: cannot merge with one.json: column 3 is 'salary', expected 'income' (expected columns: id, age, income, plan, active, signup, score, mixed, json_num)");
  const stateless: ProfileSource = { ...s2, body: { ...s2.body, columns: s2.body.columns.map(({ state: _state, ...c }) => c) } };
  assert.throws(() => mergeProfiles([s1, stateless]), /two\.json: column 'id' cannot be merged: the profile has no sketch state/);
  assert.throws(() => mergeProfiles([s1, { ...s2, files: [p1.digest] }]), /two\.json: the fingerprint does not match/);
  assert.throws(() => mergeProfiles([]), BadInputError);
});
