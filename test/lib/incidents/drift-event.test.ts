import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { driftEvent, parseDriftEvent, type DriftReport } from '../../../lib/contracts/index.js';
import { incidentView } from '../../../lib/incidents/index.js';
import { BadInputError } from '../../../lib/errors.js';

const report = JSON.parse(readFileSync(new URL('../../fixtures/reports/drift.json', import.meta.url), 'utf8')) as DriftReport;

test('driftEvent: at most 10 top-level keys, drifted columns worst first, severity from the worst', () => {
  const event = driftEvent(report, { model: 'churn', run: { id: 7, url: 'https://github.com/acme/churn-model/actions/runs/7' } });
  assert.ok(Object.keys(event).length <= 10, Object.keys(event).join(','));
  assert.equal(event.stage, 'production');
  assert.equal(event.summary.window, 'run-7');
  assert.equal(event.summary.compared, report.columns.length);
  assert.deepEqual(event.columns.map((c) => [c.column, c.severity]), [['age', 'high']], 'only drifted columns');
  assert.equal(event.severity, 'high');
  assert.equal(event.drifted, report.drifted);
  assert.deepEqual(parseDriftEvent(JSON.parse(JSON.stringify(event))), event);
});

test('parseDriftEvent: names the first wrong field', () => {
  const event = driftEvent(report, { model: 'churn' });
  const bad = (mutate: (e: Record<string, any>) => void, path: string) => {
    const copy = JSON.parse(JSON.stringify(event));
    mutate(copy);
    assert.throws(() => parseDriftEvent(copy), (e: unknown) => e instanceof BadInputError && e.location?.path === path, path);
  };
  bad((e) => { e.mlops = 2; }, 'mlops');
  bad((e) => { e.model = 'bad model'; }, 'model');
  bad((e) => { e.severity = 'extreme'; }, 'severity');
  bad((e) => { delete e.summary.window; }, 'summary.window');
  bad((e) => { e.columns = [{ column: 'x', statistic: 'high', threshold: 1 }]; }, 'columns[0].statistic');
});

test('incidentView: the drift-issue view from the event', () => {
  const event = driftEvent(report, { model: 'churn', stage: 'production', run: { id: 7, url: 'https://x/runs/7' } });
  const view = incidentView(event, { owner: '@bob', onDrift: 'retrain', closeAfterCleanWindows: 2, toolVersion: '1.0.0', champion: { version: '1.0.0' } });
  assert.equal(view.model, 'churn');
  assert.equal(view.runUrl, 'https://x/runs/7');
  assert.equal(view.drifted.length, event.columns.length);
  assert.equal(view.compared, report.columns.length);
  assert.equal(view.onDrift, 'retrain');
  assert.deepEqual(view.champion, { version: '1.0.0' });
});

test('driftEvent: columns sorted by severity, then by statistic over threshold', () => {
  const column = (name: string, severity: 'low' | 'medium' | 'high' | undefined, statistic: number) => ({ ...report.columns[0]!, column: name, drifted: true, statistic, threshold: 0.1, ...(severity ? { severity } : { severity: undefined }) });
  const many = { ...report, columns: [column('a', 'low', 0.9), column('b', 'high', 0.2), column('c', undefined, 0.5), column('d', 'high', 0.4)] } as DriftReport;
  const event = driftEvent(many, { model: 'churn' });
  assert.deepEqual(event.columns.map((c) => `${c.column}:${c.severity}`), ['d:high', 'b:high', 'c:medium', 'a:low']);
  assert.equal(event.severity, 'high');
  assert.equal(driftEvent({ ...report, drifted: false, columns: [] } as DriftReport, { model: 'churn' }).severity, 'none');
});
