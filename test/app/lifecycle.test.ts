import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { assetPath } from '../../lib/package-root.js';
import { client, mlops, setCodeowner, shipVersion, stageHistory, startAppWorld, where, type AppWorld } from './app-fixtures.js';

let world: AppWorld;
before(async () => {
  world = await startAppWorld();
  await setCodeowner(world.sandbox, 'erin');
});
after(() => world.close());

const releaseOf = async (tag: string) => (await client(world.sandbox, 'alice').rest.repos.getReleaseByTag({ ...where, tag })).data;
const deliveriesOf = (event: string, action: string) => world.sandbox.githubEmulator.webhooks.deliveries().filter((d) => d.event === event && d.action === action && d.url.includes('/api/github/webhooks'));

test('PR → staging → full release refused for a missing approval → allowed → second version by label → rollback; redelivery changes nothing', async () => {
  const { sandbox } = world;
  const pr = await shipVersion(world, 'feature/one', { approver: 'erin' });
  assert.deepEqual((await stageHistory(sandbox, 'churn-staging')).map((d) => [d.version, d.state]), [['1.0.0', 'success']]);

  // A day later dave (write) marks it a full release: production needs maintain and a maintainer's approval.
  world.skew(25 * 3600);
  const rel = await releaseOf('churn/v1.0.0');
  await client(sandbox, 'dave').rest.repos.updateRelease({ ...where, release_id: rel.id, prerelease: false });
  await world.settle();
  let production = await stageHistory(sandbox, 'churn-production');
  assert.deepEqual(production.map((d) => [d.version, d.state]), [['1.0.0', 'failure']]);
  assert.ok(production[0]!.description.startsWith('refused: role: @dave has role write; production needs maintain or higher; reviewers: 0 of 1 reviewer(s)'), production[0]!.description);
  assert.deepEqual([production[0]!.payload.kind, production[0]!.payload.traffic_percent, production[0]!.payload.requested_by], ['canary', 10, 'dave']);

  // bob (maintain) releases it again: he is the approval production lacked.
  await client(sandbox, 'bob').rest.repos.updateRelease({ ...where, release_id: rel.id, prerelease: true });
  await world.settle();
  await client(sandbox, 'bob').rest.repos.updateRelease({ ...where, release_id: rel.id, prerelease: false });
  await world.settle();
  production = await stageHistory(sandbox, 'churn-production');
  assert.deepEqual(production.map((d) => [d.version, d.state, d.payload.requested_by]), [['1.0.0', 'failure', 'dave'], ['1.0.0', 'success', 'bob']]);
  // re-publishing as a pre-release asked for staging again, where 1.0.0 already is the champion: no new deployment
  assert.equal((await stageHistory(sandbox, 'churn-staging')).length, 1);

  // Redelivering the approved request finds its deployment and adds nothing.
  const comments = async () => (await client(sandbox, 'alice').rest.issues.listComments({ ...where, issue_number: pr.number, per_page: 100 })).data.length;
  const before = await comments();
  const last = deliveriesOf('release', 'released').at(-1)!;
  assert.equal((await fetch(`${sandbox.control}/deliveries/${last.id}/redeliver`, { method: 'POST' })).status, 202);
  await world.settle();
  assert.equal(deliveriesOf('release', 'released').at(-1)!.status_code, 200);
  assert.equal((await stageHistory(sandbox, 'churn-production')).length, 2);
  assert.equal(await comments(), before);
  const notes = (await releaseOf('churn/v1.0.0')).body ?? '';
  assert.equal((notes.match(/<!-- audit:deployment-/g) ?? []).length, 3);

  // A patch-labelled PR makes 1.0.1, promoted to staging; then staging is rolled back to 1.0.0.
  await shipVersion(world, 'feature/two', { approver: 'erin', labels: ['mlops:patch'], rocAuc: 0.87 });
  assert.equal((await releaseOf('churn/v1.0.1')).prerelease, true);
  const lineage = JSON.parse((await mlops(sandbox, 'erin', tmpdir(), 'registry', 'lineage', 'churn/v1.0.1', '--json')).stdout);
  assert.deepEqual(lineage.parent, { version: '1.0.0', tag: 'churn/v1.0.0' });
  assert.equal((await mlops(sandbox, 'erin', tmpdir(), 'registry', 'resolve', 'churn@staging')).stdout, 'churn/v1.0.1');

  const refused = await mlops(sandbox, 'erin', tmpdir(), 'registry', 'rollback', 'churn', 'staging');
  assert.equal(refused.code, 1, refused.stdout + refused.stderr);
  const done = await mlops(sandbox, 'dave', tmpdir(), 'registry', 'rollback', 'churn', 'staging');
  assert.equal(done.code, 0, done.stderr);
  const staging = await stageHistory(sandbox, 'churn-staging');
  assert.deepEqual(staging.map((d) => [d.version, d.state]), [['1.0.0', 'inactive'], ['1.0.1', 'inactive'], ['1.0.0', 'success']]);
  assert.equal(staging[2]!.payload.rollback_of, '1.0.1');
  assert.equal((await mlops(sandbox, 'erin', tmpdir(), 'registry', 'resolve', 'churn@staging')).stdout, 'churn/v1.0.0');

  // pull verifies every asset against lineage.json; list shows the champions.
  const dir = mkdtempSync(join(tmpdir(), 'pull-'));
  const pulled = await mlops(sandbox, 'erin', dir, 'registry', 'pull', 'churn@production', '--dir', 'out', '--json');
  assert.equal(pulled.code, 0, pulled.stderr);
  assert.deepEqual(readdirSync(join(dir, 'out')).sort(), ['evaluation.json', 'lineage.json', 'model-card.md', 'model.onnx', 'training-profile.json', 'training.json', 'validation.json']);
  assert.match(readFileSync(join(dir, 'out', 'model-card.md'), 'utf8'), /^# Model card: `churn` `1\.0\.0`/);
  // evaluate resolves its champion from the registry by spec: the production version's model.onnx, sha256-verified.
  const evaluated = await mlops(sandbox, 'erin', tmpdir(), 'evaluate', '--model', assetPath('fixtures', 'models', 'churn-v2.onnx'), '--champion', 'churn@production',
    '--data', assetPath('fixtures', 'datasets', 'churn-test.csv'), '--target', 'churned', '--bootstrap', '20', '--format', 'json');
  assert.equal(evaluated.code, 0, evaluated.stderr);
  const champion = (JSON.parse(evaluated.stdout) as { champion: { model: { name: string; sha256: string } } }).champion.model;
  assert.deepEqual(champion, { name: 'churn/v1.0.0', sha256: `${createHash('sha256').update(readFileSync(join(dir, 'out', 'model.onnx'))).digest('hex')}` });
  const listed = JSON.parse((await mlops(sandbox, 'erin', tmpdir(), 'registry', 'list', '--json')).stdout);
  assert.deepEqual(listed.models.find((m: { model: string }) => m.model === 'churn'), { model: 'churn', versions: ['1.0.1', '1.0.0'], drafts: [], stages: { staging: '1.0.0', production: '1.0.0' } });

  const dashboards = (await client(sandbox, 'alice').rest.issues.listForRepo({ ...where, state: 'all' })).data.filter((i) => i.title === 'MLOps model registry');
  assert.equal(dashboards.length, 1);
  // The dashboard also carries the flow metrics (the same numbers as `mlops metrics`): two promotions to production.
  assert.match(dashboards[0]!.body ?? '', /### Flow, \d{4}-\d\d-\d\d → \d{4}-\d\d-\d\d/);
  assert.match(dashboards[0]!.body ?? '', /\| Throughput \\\(versions to production\\\) \| 1 in 30\.0 days/);
});
