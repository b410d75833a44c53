import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createReport, readReport, reportKinds, serializeReport, writeReport, type Report, type ReportBody, type ReportKind } from '../../../lib/contracts/index.js';
import { BadInputError, InvalidDocumentError } from '../../../lib/errors.js';
import { toolVersion } from '../../../lib/package-root.js';
import { samples, sampleSubject } from './samples.js';

const envelopeKeys = new Set(['kind', 'version', 'createdAt', 'tool', 'subject']);
function bodyOf<K extends ReportKind>(report: Report<K>): ReportBody<K> {
  return Object.fromEntries(Object.entries(report).filter(([k]) => !envelopeKeys.has(k))) as unknown as ReportBody<K>;
}

for (const kind of reportKinds) {
  test(`${kind} round-trips: create → write → read`, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mlops-report-'));
    const file = join(dir, 'nested', 'report.json');
    const created = createReport(kind, bodyOf(samples[kind]), { subject: sampleSubject, now: new Date('2025-01-31T12:00:00Z'), toolVersion: '0.1.0' });
    assert.deepEqual(created, samples[kind]);
    await writeReport(file, created);
    assert.deepEqual(await readReport(file, kind), samples[kind]);
    assert.deepEqual(await readdir(join(dir, 'nested')), ['report.json'], 'no temp file is left behind');
  });
}

test('createReport stamps the current version, the clock and the package version by default', () => {
  const before = Date.now();
  const report = createReport('mlops/gate', bodyOf(samples['mlops/gate']), { subject: { commit: { sha: 'b'.repeat(40) } } });
  assert.equal(report.kind, 'mlops/gate');
  assert.equal(report.version, 1);
  assert.deepEqual(report.tool, { name: 'gh-mlops', version: toolVersion() });
  assert.ok(Date.parse(report.createdAt) >= before - 1 && Date.parse(report.createdAt) <= Date.now());
});

test('the written text is stable: envelope first, then the body in schema order, nested keys sorted, trailing newline', () => {
  const shuffled = Object.fromEntries(Object.entries(samples['mlops/gate']).reverse()) as Report<'mlops/gate'>;
  const text = serializeReport(shuffled);
  assert.equal(text, serializeReport(samples['mlops/gate']));
  assert.ok(text.endsWith('}\n') && !text.endsWith('\n\n'));
  const topLevel = Object.keys(JSON.parse(text) as object);
  assert.deepEqual(topLevel, ['kind', 'version', 'createdAt', 'tool', 'subject', 'passed', 'policy', 'rules', 'inputs']);
  assert.deepEqual(Object.keys((JSON.parse(text) as { subject: object }).subject), ['commit', 'dataset', 'model', 'run']);
  assert.equal(text.split('\n')[1], '  "kind": "mlops/gate",');
});

test('writeReport refuses an invalid report, unknown keys and non-finite numbers, and leaves no file', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'mlops-report-'));
  const file = join(dir, 'drift.json');
  const invalid = { ...samples['mlops/drift'], share: 1.5 };
  await assert.rejects(writeReport(file, invalid), (e: InvalidDocumentError) =>
    e instanceof InvalidDocumentError && e.diagnostics[0]!.message === '1.5 must be <= 1' && e.diagnostics[0]!.location.path === 'share');
  const extra = { ...samples['mlops/drift'], shares: 0.5 } as Report;
  await assert.rejects(writeReport(file, extra), (e: BadInputError) => e.code === 'unknown-report-key' && e.message === `cannot write ${file}: unknown key 'shares' at shares`);
  const nan = structuredClone(samples['mlops/drift']);
  nan.columns[0]!.statistic = Number.NaN;
  await assert.rejects(writeReport(file, nan), (e: BadInputError) => e.code === 'non-finite-number' && e.message === `cannot write ${file}: columns[0].statistic is NaN; reports hold finite numbers only`);
  assert.deepEqual(await readdir(dir), []);
});

test('writeReport replaces an existing file whole', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'mlops-report-'));
  const file = join(dir, 'gate.json');
  await writeFile(file, 'old content that is longer than nothing');
  await writeReport(file, samples['mlops/gate']);
  assert.equal(await readFile(file, 'utf8'), serializeReport(samples['mlops/gate']));
});
