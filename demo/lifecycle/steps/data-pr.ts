/**
 * Step 1: a data pull request. dave's November export breaks the schema: the Validate workflow's `mlops validate
 * --format github` step annotates the offending lines and the commit status `mlops / validation` is a failure; his
 * fix commit passes, and bob merges the PR.
 */
import { readFile } from 'node:fs/promises';
import { assetPath } from '../../../lib/package-root.js';
import { completed, jobLog, jobsOf, runFor } from '../actions-runs.js';
import type { Demo } from '../context.js';
import { merge, openPullRequest, push } from '../people.js';
import { check, type LifecycleStep } from '../step.js';

const planted = '19,47,91,122,152,205';

async function validationStatus(demo: Demo, sha: string): Promise<{ state: string; description: string } | undefined> {
  const { data } = await demo.gh('alice').rest.repos.listCommitStatusesForRef({ owner: 'acme', repo: 'churn-model', ref: sha });
  const status = data.find((s) => s.context === 'mlops / validation');
  return status ? { state: status.state, description: status.description ?? '' } : undefined;
}

export const dataPrStep: LifecycleStep = {
  name: '1 data PR: validation fails with line annotations, the fix passes',
  async run(demo) {
    const bad = await readFile(assetPath('fixtures', 'datasets', 'churn-bad.csv'), 'utf8');
    const pr = await openPullRequest(demo, 'dave', 'data/november-export', 'Training data: November export', { 'data/churn/train.csv': bad });
    demo.state.dataPr = pr.number;
    demo.record(`dave opened PR #${pr.number} adding data/churn/train.csv (the November export)`);
    const run = await completed(demo, (await runFor(demo, 'validate.yml', pr.headSha)).id);
    check(run.conclusion === 'failure', `the Validate run of the bad data concluded ${run.conclusion}`);
    const [job] = await jobsOf(demo, run.id);
    const log = await jobLog(demo, job!.id);
    const annotations = log.split('\n').filter((l) => l.startsWith('::error file=data/churn/train.csv'));
    const lines = annotations.map((l) => Number(/line=(\d+)/.exec(l)?.[1])).sort((a, b) => a - b).join(',');
    check(lines === planted, `annotations on lines ${lines || 'none'}, expected the planted ${planted}; the job log ends:\n${log.slice(-1500)}`);
    const failed = await validationStatus(demo, pr.headSha);
    check(failed?.state === 'failure', `commit status mlops / validation on ${pr.headSha.slice(0, 7)} is ${JSON.stringify(failed)}`);
    demo.record(`Validate run ${run.id} failed: ${annotations.length} ::error annotations on data/churn/train.csv lines ${lines.split(',').join(', ')}; status mlops / validation = failure`, { annotations });

    const fixed = await push(demo, 'dave', pr.branch, { 'data/churn/train.csv': await readFile(assetPath('fixtures', 'datasets', 'churn-train.csv'), 'utf8') }, 'Fix the export: drop corrupted rows');
    const rerun = await completed(demo, (await runFor(demo, 'validate.yml', fixed)).id);
    check(rerun.conclusion === 'success', `the Validate run of the fix concluded ${rerun.conclusion}`);
    const passed = await validationStatus(demo, fixed);
    check(passed?.state === 'success', `commit status on the fix is ${JSON.stringify(passed)}`);
    demo.record(`dave pushed the fix (${fixed.slice(0, 7)}): Validate run ${rerun.id} succeeded, status mlops / validation = success`);
    const sha = await merge(demo, 'bob', pr.number);
    await demo.world.settle();
    demo.record(`bob merged PR #${pr.number} (${sha.slice(0, 7)}): data/churn/train.csv is on main`);
  },
};
