import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  acknowledge, decideIncident, decideRetrain, dependentsOf, incidentLabels, incidentTitle, ownerAssignees, parseIncidentState, withIncidentState, type IncidentState,
} from '../../../lib/incidents/index.js';

const now = Date.parse('2026-03-01T12:00:00Z');
const open = (over: Partial<IncidentState> = {}): IncidentState => ({ severity: 'medium', clean: 0, windows: ['w1'], ...over });

test('names: title, labels replace an earlier severity, owner assignees', () => {
  assert.equal(incidentTitle('churn', 'production'), 'Drift detected: churn (production)');
  assert.deepEqual(incidentLabels(['severity:low', 'team:ml', 'mlops:drift'], 'high'), ['mlops:drift', 'severity:high', 'team:ml']);
  assert.deepEqual(ownerAssignees('@bob'), ['bob']);
  assert.deepEqual(ownerAssignees('@acme/ml-team', ['a', 'b']), ['a', 'b']);
  assert.deepEqual(ownerAssignees('@acme/ml-team'), []);
  assert.equal(ownerAssignees('@acme/big', Array.from({ length: 12 }, (_, i) => `u${i}`)).length, 10);
});

test('drift without an incident opens one; with one it updates, commenting only on a severity change', () => {
  assert.deepEqual(decideIncident({ facts: { window: 'w1', drifted: true, severity: 'high' }, closeAfterCleanWindows: 3, now }), { kind: 'open', state: { severity: 'high', clean: 0, windows: ['w1'] } });
  assert.deepEqual(decideIncident({ open: open({ clean: 2 }), facts: { window: 'w2', drifted: true, severity: 'medium' }, closeAfterCleanWindows: 3, now }), { kind: 'update', state: { severity: 'medium', clean: 0, windows: ['w1', 'w2'] } });
  assert.deepEqual(decideIncident({ open: open(), facts: { window: 'w2', drifted: true, severity: 'high' }, closeAfterCleanWindows: 3, now }), {
    kind: 'update', state: { severity: 'high', clean: 0, windows: ['w1', 'w2'] }, comment: { from: 'medium', to: 'high' },
  });
});

test('an acknowledgement silences severity comments until it ends', () => {
  const acked = acknowledge(open(), 'carol', now, 86_400_000);
  assert.deepEqual(acked, { severity: 'medium', clean: 0, windows: ['w1'], ackUntil: '2026-03-02T12:00:00.000Z', ackBy: 'carol' });
  const during = decideIncident({ open: acked, facts: { window: 'w2', drifted: true, severity: 'high' }, closeAfterCleanWindows: 3, now: now + 3_600_000 });
  assert.equal(during.kind, 'update');
  assert.equal((during as { comment?: unknown }).comment, undefined);
  const after = decideIncident({ open: acked, facts: { window: 'w3', drifted: true, severity: 'high' }, closeAfterCleanWindows: 3, now: now + 86_400_001 });
  assert.deepEqual((after as { comment?: unknown }).comment, { from: 'medium', to: 'high' });
});

test('clean windows count, the Nth closes; a repeated window does nothing; clean without an incident does nothing', () => {
  assert.deepEqual(decideIncident({ open: open(), facts: { window: 'w2', drifted: false, severity: 'none' }, closeAfterCleanWindows: 3, now }), { kind: 'count-clean', state: { severity: 'medium', clean: 1, windows: ['w1', 'w2'] }, remaining: 2 });
  assert.deepEqual(decideIncident({ open: open({ clean: 2, windows: ['w1', 'w2', 'w3'] }), facts: { window: 'w4', drifted: false, severity: 'none' }, closeAfterCleanWindows: 3, now }), {
    kind: 'close', state: { severity: 'medium', clean: 3, windows: ['w1', 'w2', 'w3', 'w4'] }, cleanWindows: 3,
  });
  assert.deepEqual(decideIncident({ open: open(), facts: { window: 'w1', drifted: false, severity: 'none' }, closeAfterCleanWindows: 3, now }), { kind: 'none', reason: 'window w1 was already counted' });
  assert.deepEqual(decideIncident({ facts: { window: 'w9', drifted: false, severity: 'none' }, closeAfterCleanWindows: 3, now }), { kind: 'none', reason: 'no drift and no open incident' });
  const many = open({ windows: Array.from({ length: 20 }, (_, i) => `x${i}`) });
  const next = decideIncident({ open: many, facts: { window: 'new', drifted: true, severity: 'medium' }, closeAfterCleanWindows: 3, now });
  assert.deepEqual((next as { state: IncidentState }).state.windows.slice(-2), ['x19', 'new']);
  assert.equal((next as { state: IncidentState }).state.windows.length, 20);
});

test('state marker: round trip at the end of the body, replaced in place', () => {
  const state = { severity: 'high' as const, clean: 1, windows: ['run-7'], ackUntil: '2026-03-02T00:00:00.000Z', ackBy: 'carol' };
  const body = withIncidentState('<!-- mlops:drift-issue model=churn stage=production -->\n## text\n', state);
  assert.equal(body, '<!-- mlops:drift-issue model=churn stage=production -->\n## text\n\n<!-- mlops:drift-state {"severity":"high","clean":1,"windows":["run-7"],"ackUntil":"2026-03-02T00:00:00.000Z","ackBy":"carol"} -->\n');
  assert.deepEqual(parseIncidentState(body), state);
  const again = withIncidentState(body, { ...state, clean: 2 });
  assert.equal(again.match(/mlops:drift-state/g)!.length, 1);
  assert.equal(parseIncidentState(again)!.clean, 2);
  assert.equal(parseIncidentState('no state here'), undefined);
  assert.equal(parseIncidentState('<!-- mlops:drift-state {broken -->'), undefined);
  const tricky = withIncidentState('x', { ...state, ackBy: 'a--b' });
  assert.ok(!/\{[^}]*--/.test(tricky.split('mlops:drift-state')[1]!.slice(0, -5)), 'no -- inside the HTML comment');
  assert.equal(parseIncidentState(tricky)!.ackBy, 'a--b');
});

test('retrain: only on drift, only with on_drift retrain and training, never twice for one window', () => {
  const base = { onDrift: 'retrain' as const, drifted: true, hasTraining: true, duplicateWindow: false };
  assert.deepEqual(decideRetrain(base), { retrain: true });
  assert.deepEqual(decideRetrain({ ...base, drifted: false }), { retrain: false, reason: 'no drift' });
  assert.deepEqual(decideRetrain({ ...base, onDrift: 'issue' }), { retrain: false, reason: 'monitoring.on_drift is `issue`' });
  assert.deepEqual(decideRetrain({ ...base, hasTraining: false }), { retrain: false, reason: 'the model has no `training` section to retrain with' });
  assert.deepEqual(decideRetrain({ ...base, duplicateWindow: true }), { retrain: false, reason: 'this window was already handled' });
});

test('dependents: transitive, breadth first, each once, cycles safe', () => {
  const models = [
    { name: 'churn', owner: '@a', depends_on: [] },
    { name: 'offer', owner: '@b', depends_on: ['churn'] },
    { name: 'pricing', owner: '@c', depends_on: ['offer', 'churn'] },
    { name: 'loop', owner: '@d', depends_on: ['pricing', 'loop'] },
    { name: 'other', owner: '@e', depends_on: [] },
  ];
  assert.deepEqual(dependentsOf(models, 'churn'), [
    { name: 'offer', owner: '@b', path: ['churn', 'offer'] },
    { name: 'pricing', owner: '@c', path: ['churn', 'pricing'] },
    { name: 'loop', owner: '@d', path: ['churn', 'pricing', 'loop'] },
  ]);
  assert.deepEqual(dependentsOf(models, 'other'), []);
});
