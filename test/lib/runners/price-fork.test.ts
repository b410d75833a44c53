import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lookupPrice, readPriceTable, runCost, shippedPriceTable } from '../../../lib/runners/price-table.js';
import { decideForkSafety } from '../../../lib/runners/fork-safety.js';

test('prices: table lookups, Spot falling back to on-demand as an upper bound, cost math', () => {
  assert.deepEqual(lookupPrice(shippedPriceTable, 'g5.xlarge', 'on-demand'), { pricePerHour: 1.006, source: 'price-table:2026-11-01:on-demand', gpus: 1 });
  assert.deepEqual(lookupPrice(shippedPriceTable, 'g5.xlarge', 'spot'), { pricePerHour: 0.4024, source: 'price-table:2026-11-01:spot', gpus: 1 });
  assert.equal(lookupPrice(shippedPriceTable, 'x1.nope', 'spot'), undefined);
  const table = { ...shippedPriceTable, types: { 'g9.xlarge': { onDemand: 2, gpus: 2 } } };
  assert.deepEqual(lookupPrice(table, 'g9.xlarge', 'spot'), { pricePerHour: 2, source: 'price-table:2026-11-01:on-demand-upper-bound', gpus: 2 });
  assert.deepEqual(runCost(5400, { pricePerHour: 32.7726, source: 's', gpus: 8 }), { usd: 49.16, gpuHours: 12 });
  assert.deepEqual(runCost(90, { pricePerHour: 1.006, source: 's', gpus: 1 }), { usd: 0.03, gpuHours: 0.025 });
});

test('price table override: read and checked', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'prices-'));
  await writeFile(join(dir, 'ok.json'), JSON.stringify({ asOf: '2027-01-05', region: 'eu-west-1', currency: 'USD', types: { 'g5.xlarge': { onDemand: 1.1, spot: 0.5, gpus: 1 } } }));
  assert.equal((await readPriceTable(join(dir, 'ok.json'))).types['g5.xlarge']!.spot, 0.5);
  await writeFile(join(dir, 'bad.json'), JSON.stringify({ asOf: '2027-01-05', region: 'x', types: { 'g5.xlarge': { onDemand: -1, gpus: 1 } } }));
  await assert.rejects(readPriceTable(join(dir, 'bad.json')), (e: any) => e.exitCode === 2 && e.message.endsWith('types.g5.xlarge.onDemand must be a price ≥ 0'));
});

test('fork safety: fork PRs and pull_request_target refused; same-repo PRs and pushes allowed', () => {
  const pr = (head: string, fork: boolean) => ({ pull_request: { head: { repo: { full_name: head, fork } }, base: { repo: { full_name: 'acme/churn-model' } } } });
  assert.deepEqual(decideForkSafety('pull_request', pr('mallory/churn-model', true)).reason, 'fork-pull-request');
  assert.match(decideForkSafety('pull_request', pr('mallory/churn-model', true)).message, /from a fork \(mallory\/churn-model\): self-hosted runners must not run untrusted code/);
  assert.equal(decideForkSafety('pull_request', { pull_request: { head: { repo: null } } }).allowed, false);
  assert.equal(decideForkSafety('pull_request_target', pr('acme/churn-model', false)).reason, 'pull-request-target');
  assert.deepEqual(decideForkSafety('pull_request', pr('acme/churn-model', false)), { allowed: true, reason: 'same-repository', message: 'pull request from acme/churn-model' });
  assert.equal(decideForkSafety('workflow_dispatch', {}).allowed, true);
});
