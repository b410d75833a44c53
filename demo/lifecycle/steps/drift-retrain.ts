/**
 * Step 6: drift and continuous training. The daily export (churn-shifted.csv) lands; the scheduled Monitor run
 * (actions/monitor: `mlops monitor` against the production version's training profile, then repository_dispatch
 * `mlops-drift`) reports drift; the app opens the drift issue and assigns the owner. bob comments `/mlops retrain
 * churn`; the Retrain run proposes the fresh data and the app opens its PR; the PR trains on a GPU runner and is
 * evaluated against v1.0.0, approved and merged → churn/v1.1.0, promoted to production; then a rollback to v1.0.0
 * and back.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { assetPath } from '../../../lib/package-root.js';
import { completed, runFor, runsOf, waitFor } from '../actions-runs.js';
import { approve, champion, commitFiles, merge, stageHistory } from '../people.js';
import { check, type LifecycleStep } from '../step.js';
import { expectEvaluation } from './evaluation.js';
import { chat } from './promotion.js';
import { expectVersion } from './review-merge.js';
import { trainOnGpu } from './training-pr.js';

const where = { owner: 'acme', repo: 'churn-model' };
const title = 'Drift detected: churn (production)';

export const driftRetrainStep: LifecycleStep = {
  name: '6 drift: monitoring → drift issue → /mlops retrain → PR → churn/v1.1.0 → rollback and back',
  async run(demo) {
    const gh = demo.gh('alice');
    const live = await readFile(assetPath('fixtures', 'datasets', 'churn-shifted.csv'), 'utf8');
    const exported = await commitFiles(gh, 'main', { 'data/churn/live.csv': live }, 'Daily export: live traffic 2026-11-23');
    demo.record(`the daily export landed on main (${exported.slice(0, 7)}): data/churn/live.csv, 1000 rows of live traffic`);
    const scheduled = await fetch(`${demo.sandbox.control}/schedule`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ workflow: 'monitor.yml' }) });
    check(scheduled.ok, `schedule answered ${scheduled.status}`);
    const monitor = await completed(demo, (await waitFor('the scheduled Monitor run', async () => (await runsOf(demo, 'monitor.yml'))[0])).id);
    check(monitor.conclusion === 'success', `the Monitor run concluded ${monitor.conclusion}`);
    await demo.world.settle();
    const issue = await waitFor('the drift issue', async () => (await gh.rest.issues.listForRepo({ ...where, state: 'open', per_page: 100 })).data.find((i) => i.title === title));
    const assignees = issue.assignees?.map((a) => a.login) ?? [];
    const labels = issue.labels.map((l) => (typeof l === 'string' ? l : l.name));
    check(assignees.includes('bob'), `the drift issue is assigned to ${assignees.join(', ') || 'nobody'}, not the owner bob`);
    demo.state.driftIssue = issue.number;
    await writeFile(join(demo.outDir, 'drift-issue.md'), issue.body ?? '');
    demo.record(`scheduled Monitor run ${monitor.id} (mlops monitor vs churn/v1.0.0's training profile) → repository_dispatch mlops-drift → the app opened #${issue.number} "${title}", assigned @${assignees.join(', @')}, labels ${labels.join(', ')} (saved to demo-out/drift-issue.md)`);

    const retrain = await chat(demo, 'bob', issue.number, '/mlops retrain churn', true);
    demo.record(`bob on #${issue.number}: /mlops retrain churn → ${retrain}`);
    const retrainRun = await completed(demo, (await waitFor('the Retrain run', async () => (await runsOf(demo, 'retrain.yml'))[0])).id);
    check(retrainRun.conclusion === 'success', `the Retrain run concluded ${retrainRun.conclusion}`);
    await demo.world.settle();
    const branch = `mlops/retrain/churn/${retrainRun.id}`;
    const pull = await waitFor(`the app's PR from ${branch}`, async () => (await gh.rest.pulls.list({ ...where, state: 'open', per_page: 100 })).data.find((p) => p.head.ref === branch));
    check(pull.user?.type === 'Bot', `the retraining PR should be opened by the app, not ${pull.user?.login}`);
    demo.state.retrainPr = { number: pull.number, branch, headSha: pull.head.sha };
    demo.record(`Retrain run ${retrainRun.id} proposed the fresh data on ${branch}; the app (${pull.user?.login}) opened PR #${pull.number} "${pull.title}"`);

    const run = await runFor(demo, 'train.yml', pull.head.sha);
    await trainOnGpu(demo, run.id, 1);
    const published = await expectEvaluation(demo, run.id, pull.number, pull.head.sha);
    demo.record(`Train run ${run.id} trained on train.csv + live.csv on a GPU runner; evaluation vs champion v1.0.0: ${published.title}`);
    await approve(demo, 'bob', pull.number);
    const merged = await merge(demo, 'alice', pull.number);
    await demo.world.settle();
    const version = await expectVersion(demo, 'churn/v1.1.0', pull.number);
    check(version.lineage.parent?.version === '1.0.0', `v1.1.0's parent is ${JSON.stringify(version.lineage.parent)}`);
    check((await champion(demo, 'churn-staging')) === '1.1.0', 'churn/v1.1.0 did not reach staging');
    demo.record(`bob approved, alice merged (${merged.slice(0, 7)}): churn/v1.1.0 registered (parent v1.0.0) and deployed to staging`);

    await demo.world.passTime(25 * 3600);
    demo.record('a day passes with churn/v1.1.0 in staging (sandbox clock +25 h; the stateless app is restarted)');
    const promoted = await chat(demo, 'bob', pull.number, '/mlops promote churn v1.1.0 to production', true);
    check((await champion(demo, 'churn-production')) === '1.1.0', 'v1.1.0 is not the production champion');
    demo.record(`bob: /mlops promote churn v1.1.0 to production → ${promoted}`);
    const back = await chat(demo, 'bob', issue.number, '/mlops rollback churn production to v1.0.0', true);
    check((await champion(demo, 'churn-production')) === '1.0.0', 'the rollback did not make v1.0.0 the champion');
    demo.record(`bob: /mlops rollback churn production to v1.0.0 → ${back}`);
    const forward = await chat(demo, 'bob', issue.number, '/mlops promote churn v1.1.0 to production', true);
    check((await champion(demo, 'churn-production')) === '1.1.0', 'v1.1.0 is not the champion again');
    const history = await stageHistory(demo, 'churn-production');
    demo.record(`bob: /mlops promote churn v1.1.0 to production → ${forward}`, { production: history.map((d) => ({ id: d.id, version: d.version, state: d.state, by: d.requestedBy })) });
  },
};
