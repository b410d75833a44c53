// `mlops metrics` against the sandbox: a small history is made through the real API (pull requests, reviews, a merge,
// releases with the registry's marker and a training report asset, production deployments with a rollback, a drift
// issue), with the virtual clock moved between steps so durations are known, then the command reads it back.
import { runInProcess } from './in-process.js';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { releaseMarker } from '../../lib/registry/release-marker.js';
import { startSandbox, type Sandbox } from '../../sandbox/index.js';
import { octokitFor } from '../sandbox/github/helpers.js';

const owner = 'acme';
const repo = 'churn-model';
let sandbox: Sandbox;
let until: string;
const hour = 3600;

async function cli(argv: string[], env: Record<string, string> = {}) {
  return runInProcess(argv, { cwd: process.cwd(), env: { GITHUB_API_URL: sandbox.github, GITHUB_TOKEN: sandbox.tokens.erin!, GITHUB_REPOSITORY: `${owner}/${repo}`, ...env } });
}

before(async () => {
  sandbox = await startSandbox();
  const dave = octokitFor(sandbox, 'dave');
  const open = async (head: string, files: Record<string, string>) => ((await sandbox.actAs({ user: 'dave', action: 'open-pull-request', head, title: head, files })).body as { number: number }).number;
  const release = async (tag: string, pr?: number) => {
    const version = tag.slice(tag.indexOf('/v') + 2);
    return (await dave.rest.repos.createRelease({ owner, repo, tag_name: tag, target_commitish: 'main', name: tag, body: `Model churn ${version}\n\n${releaseMarker({ model: 'churn', version, sha: 'a'.repeat(40), ...(pr ? { pr } : {}) })}` })).data;
  };
  const deploy = async (tag: string, payload: Record<string, unknown> = {}) => {
    const version = tag.slice(tag.indexOf('/v') + 2);
    const d = (await dave.rest.repos.createDeployment({ owner, repo, ref: tag, environment: 'churn-production', auto_merge: false, required_contexts: [], payload: { mlops: 1, model: 'churn', version, tag, ...payload } })).data as { id: number };
    await dave.rest.repos.createDeploymentStatus({ owner, repo, deployment_id: d.id, state: 'success' });
  };

  const shipped = await open('exp-shipped', { 'models/churn/params.yml': 'lr: 0.1\n' });
  const rejected = await open('exp-rejected', { 'models/churn/params.yml': 'lr: 9\n' });
  await open('docs-only', { 'README.md': '# churn\n' });
  await sandbox.actAs({ user: 'bob', action: 'review', number: rejected, event: 'REQUEST_CHANGES', body: 'learning rate 9 diverges' });
  await dave.rest.pulls.update({ owner, repo, pull_number: rejected, state: 'closed' });
  const incident = (await dave.rest.issues.create({ owner, repo, title: 'Drift detected: churn (production)', labels: ['mlops:drift'] })).data.number;
  sandbox.clock.advance(3 * hour);
  await sandbox.actAs({ user: 'bob', action: 'merge', number: shipped });
  await dave.rest.issues.update({ owner, repo, issue_number: incident, state: 'closed' });
  const v1 = await release('churn/v1.0.0', shipped);
  const training = { kind: 'mlops/training', version: 1, createdAt: new Date(sandbox.clock.now()).toISOString(), subject: { run: { id: 4242, url: 'x' } }, gpuHours: 0.75, cost: { usd: 1.5, pricePerHour: 2, source: 'config' } };
  await dave.rest.repos.uploadReleaseAsset({ owner, repo, release_id: v1.id, name: 'training.json', data: JSON.stringify(training), baseUrl: sandbox.github, headers: { 'content-type': 'application/json' } });
  sandbox.clock.advance(2 * hour);
  await deploy('churn/v1.0.0');
  sandbox.clock.advance(hour);
  await release('churn/v1.1.0');
  await deploy('churn/v1.1.0');
  sandbox.clock.advance(hour);
  await deploy('churn/v1.0.0', { rollback_of: '1.1.0' });
  until = new Date(sandbox.clock.now() + 1000).toISOString();
});

after(async () => {
  await sandbox.close();
});

test('mlops metrics --format json reads the history back from GitHub', async () => {
  const r = await cli(['metrics', '--since', '1d', '--until', until, '--format', 'json']);
  assert.equal(r.code, 0, r.stderr);
  const m = JSON.parse(r.stdout);
  assert.equal(m.repository, 'acme/churn-model');
  assert.deepEqual(m.models, ['churn', 'retention-offer']); // from .github/mlops.yml
  // opened → production: 3 h before the merge + 2 h after, plus the milliseconds the calls took
  assert.equal(m.cycleTime.count, 1);
  assert.ok(m.cycleTime.median >= 5 && m.cycleTime.median < 5.01, String(m.cycleTime.median));
  assert.deepEqual(m.cycleTime.samples.map((s: { version: string }) => s.version), ['1.0.0']);
  assert.deepEqual([m.throughput.versions, m.throughput.perWeek], [2, 14]);
  // candidates: the shipped PR and the rejected one; the docs PR changes no model
  assert.deepEqual(m.scrap.outcomes.map((o: { outcome: string }) => o.outcome), ['shipped', 'review-rejected']);
  assert.equal(m.scrap.rate, 0.5);
  assert.deepEqual(m.changeFailure, { promotions: 2, rollbacks: 1, rate: 0.5 });
  assert.deepEqual([m.drift.opened, m.drift.resolved, m.drift.open], [1, 1, 0]);
  assert.ok(m.drift.hoursToResolve.median >= 3 && m.drift.hoursToResolve.median < 3.01);
  assert.deepEqual(m.cost, { trainingRuns: 1, gpuHours: 0.75, usd: 1.5, productionVersions: 2, gpuHoursPerVersion: 0.375, usdPerVersion: 0.75 });
  assert.ok(m.requests > 5 && m.requests < 40, `requests ${m.requests}`);
});

test('mlops metrics: text and markdown formats, and a model filter', async () => {
  const text = await cli(['metrics', '--since', '1d', '--until', until]);
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, /Change-failure rate +50\.0 % — 1 rollbacks \/ 2 promotions/);
  const md = await cli(['metrics', '--since', '1d', '--until', until, '--format', 'markdown', '--model', 'fraud']);
  assert.match(md.stdout, /^### Flow metrics for fraud/);
  assert.match(md.stdout, /\| Throughput \(versions to production\) \| 0 in 1\.0 days = 0\.00 \/ week \|/);
});

test('mlops metrics: bad input exits 2 and says which flag', async () => {
  const r = await cli(['metrics', '--since', 'a month']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--since must be a duration like 30d/);
  const noRepo = await cli(['metrics', '--repo', 'nope']);
  assert.equal(noRepo.code, 2);
  assert.match(noRepo.stderr, /--repo must be owner\/name/);
  const noToken = await cli(['metrics'], { GITHUB_TOKEN: '' });
  assert.equal(noToken.code, 2);
});
