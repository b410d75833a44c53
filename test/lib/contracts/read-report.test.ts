import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BadInputError, InvalidDocumentError, formatDiagnostic } from '../../../lib/errors.js';
import { parseReport, parseReportDocument, readReport, serializeReport } from '../../../lib/contracts/index.js';
import { samples } from './samples.js';

const driftText = serializeReport(samples['mlops/drift']);

function thrown(fn: () => unknown): BadInputError {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof BadInputError, `expected a BadInputError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected an error');
}

const rendered = (error: BadInputError) =>
  error instanceof InvalidDocumentError ? error.diagnostics.map(formatDiagnostic) : [formatDiagnostic({ severity: 'error', message: error.message, location: error.location!, ...(error.hint ? { hint: error.hint } : {}) })];

test('an unknown kind lists the known kinds, points at the kind, and suggests the closest', () => {
  const error = thrown(() => parseReport(driftText.replace('"mlops/drift"', '"mlops/drfit"'), 'drift.json'));
  assert.equal(error.code, 'unknown-report-kind');
  assert.equal(error.exitCode, 2);
  assert.equal(error.message, "unknown report kind 'mlops/drfit'; known kinds: mlops/validation, mlops/profile, mlops/drift, mlops/evaluation, mlops/gate, mlops/training, mlops/bundle");
  assert.deepEqual(error.location, { file: 'drift.json', line: 2, col: 11, path: 'kind' });
  assert.equal(error.hint, "did you mean 'mlops/drift'?");
});

test('a newer version asks for an upgrade', () => {
  const error = thrown(() => parseReport(driftText.replace('"version": 1', '"version": 2'), 'drift.json'));
  assert.equal(error.code, 'report-version-too-new');
  assert.equal(error.message, 'report version 2 of mlops/drift is newer than this gh-mlops (supports 1); upgrade gh-mlops');
  assert.deepEqual(error.location, { file: 'drift.json', line: 3, col: 14, path: 'version' });
});

test('a version that is not a positive integer is an error at its position', () => {
  for (const bad of ['"1"', '0', '1.5']) {
    const error = thrown(() => parseReport(driftText.replace('"version": 1', `"version": ${bad}`), 'drift.json'));
    assert.ok(error instanceof InvalidDocumentError);
    assert.deepEqual(rendered(error), [`drift.json:3:14: error: expected a positive integer for 'version', got ${bad.replace(/"/g, "'")} (at version)\n  hint: mlops/drift versions this gh-mlops reads: 1`]);
  }
});

test('missing or non-string kind, and documents that are not objects, get clear errors', () => {
  const noKind = thrown(() => parseReport(driftText.replace('"kind": "mlops/drift",', ''), 'r.json'));
  assert.ok(noKind instanceof InvalidDocumentError);
  assert.match(rendered(noKind)[0]!, /^r\.json:1:1: error: missing required key 'kind'/);
  const numeric = thrown(() => parseReport('{"kind": 5}', 'r.json'));
  assert.match(rendered(numeric)[0]!, /^r\.json:1:10: error: expected a string for 'kind', got 5 \(at kind\)/);
  for (const [text, got] of [['[1, 2]', 'a list'], ['42', '42'], ['"drift"', "'drift'"], ['null', 'null']] as const) {
    const error = thrown(() => parseReport(text, 'r.json'));
    assert.equal(error.code, 'not-a-report');
    assert.equal(error.message, `r.json is not a gh-mlops report: expected a JSON object with kind, version, createdAt, tool and subject, got ${got}`);
  }
  assert.equal(thrown(() => parseReport('  \n', 'r.json')).code, 'empty-document');
});

test('JSON syntax errors carry line and column', () => {
  const error = thrown(() => parseReport('{\n  "kind": "mlops/drift",\n  "version": 1,\n', 'r.json'));
  assert.ok(error instanceof InvalidDocumentError);
  assert.equal(error.diagnostics.length, 1);
  assert.equal(error.diagnostics[0]!.location.line, 4);
});

test('missing fields and wrong types are reported with line:col and path, every one of them', () => {
  const text = driftText
    .replace('"drifted": true,\n', '')
    .replace('"mode": "profile"', '"mode": "profiles"')
    .replace('"statistic": 0.21,', '"statistic": "high",');
  const error = thrown(() => parseReport(text, 'drift.json'));
  assert.ok(error instanceof InvalidDocumentError);
  assert.equal(error.message, 'drift.json: 3 errors in mlops/drift v1 report');
  const lines = text.split('\n');
  const lineOf = (needle: string) => lines.findIndex((l) => l.includes(needle)) + 1;
  assert.deepEqual(
    error.diagnostics.map((d) => [d.location.line, d.location.path, d.message]),
    [
      [1, '(document root)', "missing required key 'drifted'"],
      [lineOf('"profiles"'), 'mode', "'profiles' is not one of: raw, profile"],
      [lineOf('"statistic": "high"'), 'columns[0].statistic', "expected a number, got 'high'"],
    ],
  );
  assert.equal(error.diagnostics[1]!.hint, "did you mean 'profile'?");
});

test('a nested missing field points at its parent object', () => {
  const text = serializeReport(samples['mlops/validation']).replace('"unexpectedCount": 12,\n', '');
  const error = thrown(() => parseReport(text, 'validation.json'));
  assert.ok(error instanceof InvalidDocumentError);
  const d = error.diagnostics[0]!;
  assert.equal(d.message, "missing required key 'unexpectedCount'");
  assert.equal(d.location.path, 'results[0]');
  // results[0] starts on the line before its first key (keys are sorted: column first)
  assert.equal(d.location.line, text.split('\n').findIndex((l) => l.includes('"column": "age"')));
});

test('unknown keys are warnings (a newer gh-mlops may add optional keys), and become part of the errors list when other errors exist', () => {
  const text = driftText.replace('"share": 0.5,', '"share": 0.5,\n  "sahre": 1,');
  const { report, warnings } = parseReportDocument(text, 'drift.json');
  assert.equal(report.kind, 'mlops/drift');
  assert.equal(warnings.length, 1);
  assert.equal(warnings[0]!.severity, 'warning');
  assert.equal(warnings[0]!.message, "unknown key 'sahre' (ignored)");
  assert.equal(warnings[0]!.hint, "did you mean 'share'?; a newer gh-mlops may have written it");
  const error = thrown(() => parseReport(text.replace('"mode": "profile"', '"mode": 3'), 'drift.json'));
  assert.ok(error instanceof InvalidDocumentError);
  assert.deepEqual(error.diagnostics.map((d) => d.severity), ['error', 'warning']);
});

test('an expected kind refuses a report of another kind', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'mlops-report-'));
  const file = join(dir, 'validation.json');
  await writeFile(file, serializeReport(samples['mlops/validation']));
  const drift = readReport(file, 'mlops/drift');
  await assert.rejects(drift, (e: BadInputError) => e.code === 'wrong-report-kind' && e.message === `${file} is a mlops/validation report, expected mlops/drift`);
  const validation = await readReport(file, 'mlops/validation');
  assert.equal(validation.summary.failed, 1);
});

test('a missing file is a BadInputError with a hint', async () => {
  await assert.rejects(readReport('/nonexistent/drift.json'), (e: BadInputError) => e.code === 'file-not-found' && e.message === 'cannot read report /nonexistent/drift.json: no such file');
});

test('bundle semantic checks: duplicate paths and histograms with the wrong number of edges', () => {
  const bundle = structuredClone(samples['mlops/bundle']);
  bundle.files.push({ ...bundle.files[1]! });
  const text = JSON.stringify(bundle, null, 2);
  const error = thrown(() => parseReport(text, 'mlops-bundle.json'));
  assert.ok(error instanceof InvalidDocumentError);
  assert.deepEqual(error.diagnostics.map((d) => [d.location.path, d.message]), [['files[2].path', 'reports/evaluation.json is listed twice (files[1] and files[2])']]);

  const profile = structuredClone(samples['mlops/profile']);
  profile.columns[0]!.histogram!.edges.pop();
  const histogram = thrown(() => parseReport(JSON.stringify(profile), 'profile.json'));
  assert.ok(histogram instanceof InvalidDocumentError);
  assert.deepEqual(histogram.diagnostics.map((d) => d.message), ['histogram has 3 edges for 3 counts; expected 4 edges']);
});

test('the bundle must list model.onnx, and its paths must stay inside the bundle', () => {
  const escaping = structuredClone(samples['mlops/bundle']);
  escaping.files[1]!.path = '../outside.json';
  const error = thrown(() => parseReport(JSON.stringify(escaping, null, 2), 'mlops-bundle.json'));
  assert.ok(error instanceof InvalidDocumentError);
  assert.deepEqual(error.diagnostics.map((d) => [d.location.path, d.hint]), [
    ['files[1].path', "a relative path with '/' separators, without '..' or '.' segments and not starting with '/'"],
  ]);
  const modelless = structuredClone(samples['mlops/bundle']);
  modelless.files = modelless.files.filter((f) => f.role !== 'model');
  const missing = thrown(() => parseReport(JSON.stringify(modelless, null, 2), 'mlops-bundle.json'));
  assert.ok(missing instanceof InvalidDocumentError);
  assert.deepEqual(missing.diagnostics.map((d) => [d.location.path, d.message]), [['files', 'the bundle does not list model.onnx']]);
});
test('YAML reports are accepted too (JSON is the written form)', () => {
  const yaml = "kind: mlops/gate\nversion: 1\ncreatedAt: '2025-01-31T12:00:00Z'\ntool: { name: gh-mlops, version: 0.1.0 }\nsubject: { commit: { sha: " + 'a'.repeat(40) + ' } }\npassed: true\npolicy: { tier: dev, sources: [{ path: p.yml, sha256: ' + 'f'.repeat(64) + ' }] }\nrules: []\ninputs: []\n';
  const report = parseReport(yaml, 'gate.yml', 'mlops/gate');
  assert.equal(report.policy.tier, 'dev');
});
