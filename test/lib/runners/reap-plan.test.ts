import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planReap, type ListedRunner } from '../../../lib/runners/reap-plan.js';
import type { RunnerInstance } from '../../../lib/runners/tags.js';

const T0 = Date.parse('2026-03-02T10:00:00Z');
const min = 60_000;
const inst = (id: string, over: Partial<RunnerInstance> = {}): RunnerInstance => ({
  instanceId: id, instanceType: 'g5.xlarge', state: 'running', market: 'spot', launchedAt: T0, repo: 'acme/churn-model', runId: '1', label: id,
  runnerName: `mlops-${id}`, expiresAt: T0 + 360 * min, reapMarkedAt: undefined, stateReason: undefined, ...over,
});
const runner = (name: string, status: string, busy = false, id = 1): ListedRunner => ({ id, name, status, busy, labels: [] });

test('expired instances are terminated at once; healthy, booting and busy ones kept', () => {
  const plan = planReap(
    [inst('i-expired', { expiresAt: T0 + 60 * min }), inst('i-online'), inst('i-busy'), inst('i-booting', { launchedAt: T0 + 55 * min }), inst('i-gone', { state: 'terminated' })],
    [runner('mlops-i-online', 'online'), runner('mlops-i-busy', 'offline', true, 2), runner('mlops-i-booting', 'offline', false, 3)],
    { now: T0 + 60 * min },
  );
  assert.deepEqual(plan, { terminate: [{ instanceId: 'i-expired', reason: 'expired' }], mark: [], unmark: [], keep: ['i-online', 'i-busy', 'i-booting'], removeRunners: [] });
});

test('two phases: mark, keep while the mark is young, terminate when it is old enough; unmark a recovered one', () => {
  const runners = [runner('mlops-i-never', 'offline', false, 7)];
  const now = T0 + 20 * min;
  assert.deepEqual(planReap([inst('i-never'), inst('i-nobody')], runners, { now }).mark, [{ instanceId: 'i-never', reason: 'never-online' }, { instanceId: 'i-nobody', reason: 'runner-gone' }]);
  const marked = inst('i-never', { reapMarkedAt: now });
  assert.deepEqual(planReap([marked], runners, { now: now + 4 * min }), { terminate: [], mark: [], unmark: [], keep: ['i-never'], removeRunners: [] });
  assert.deepEqual(planReap([marked], runners, { now: now + 5 * min }), { terminate: [{ instanceId: 'i-never', reason: 'never-online' }], mark: [], unmark: [], keep: [], removeRunners: [{ id: 7, name: 'mlops-i-never' }] });
  assert.deepEqual(planReap([marked], [runner('mlops-i-never', 'online')], { now: now + 5 * min }).unmark, ['i-never']);
});

test('offline runners are removed only when ours and with no live instance', () => {
  const plan = planReap([inst('i-live', { launchedAt: T0 + 19 * min })], [runner('mlops-i-live', 'offline', false, 1), runner('mlops-orphan', 'offline', false, 2), runner('someone-elses', 'offline', false, 3), runner('mlops-up', 'online', false, 4)], { now: T0 + 20 * min });
  assert.deepEqual(plan.removeRunners, [{ id: 2, name: 'mlops-orphan' }]);
});
