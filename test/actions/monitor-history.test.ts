// actions/monitor against the sandbox GitHub: the history round-trips through the orphan branch mlops/monitoring
// (Contents API), a second run reads what the first pushed, and drift sends repository_dispatch mlops-drift.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getOctokit } from '@actions/github';
import { shouldDispatch } from '../../actions/monitor/dispatch.js';
import { main } from '../../actions/monitor/main.js';
import { runCli } from '../../cli/program.js';
import { parseDriftEvent } from '../../lib/contracts/index.js';
import type { Sandbox } from '../../sandbox/index.js';
import { owner, repo, useSandboxWithReceiver, type Received } from '../sandbox/github/actions-fixtures.js';
import { installationToken } from '../sandbox/github/installation.js';

let sandbox: Sandbox;
let received: Received[];
useSandboxWithReceiver((s, r) => {
  sandbox = s;
  received = r.received;
});

function csv(shift: number): string {
  const lines = ['v,plan'];
  for (let i = 0; i < 1200; i++) lines.push(`${i + shift},${['basic', 'pro'][i % 2]}`);
  return lines.join('\n') + '\n';
}

async function cli(argv: string[], cwd: string): Promise<number> {
  return runCli(argv, { io: { stdout: () => {}, stderr: () => {}, verbose: false }, cwd, env: {} });
}

test('monitor action: pull → mlops monitor → push round-trips the history on mlops/monitoring; drift dispatches mlops-drift', async () => {
  const token = await installationToken(sandbox);
  const work = mkdtempSync(join(tmpdir(), 'mlops-monitor-action-'));
  writeFileSync(join(work, 'train.csv'), csv(0));
  assert.equal(await cli(['profile', '--data', 'train.csv', '--out', 'baseline.json'], work), 0);
  const env = (dir: string): NodeJS.ProcessEnv => ({
    GITHUB_REPOSITORY: `${owner}/${repo}`, GITHUB_API_URL: sandbox.github, INPUT_TOKEN: token, INPUT_MODEL_NAME: 'churn',
    INPUT_HISTORY_DIR: join(work, dir), INPUT_DRIFT_REPORT_PATH: join(work, 'r.json'), GITHUB_OUTPUT: join(work, 'out.txt'),
  });
  const octokit = getOctokit(token, { baseUrl: sandbox.github });
  const windows: Array<[string, number]> = [['2026-11-01', 0], ['2026-11-02', 200]];
  for (const [i, [label, shift]] of windows.entries()) {
    const dir = `runner-${i}`; // every scheduled run starts on an empty runner
    assert.equal(await main(['node', 'index.js', 'pull'], env(dir)), 0);
    assert.deepEqual(readdirSafe(join(work, dir)), i === 0 ? [] : ['history.json', 'windows']);
    writeFileSync(join(work, 'window.csv'), csv(shift));
    const code = await cli(['monitor', '--baseline', 'baseline.json', '--current', 'window.csv', '--history', dir, '--window-label', label, '--report', 'r.json'], work);
    assert.equal(code, i === 0 ? 0 : 1);
    assert.equal(await main(['node', 'index.js', 'push'], env(dir)), 0);
  }
  const ref = await octokit.rest.git.getRef({ owner, repo, ref: 'heads/mlops/monitoring' });
  const commit = await octokit.rest.git.getCommit({ owner, repo, commit_sha: ref.data.object.sha });
  assert.equal(commit.data.message, 'mlops monitor: churn window 2026-11-02 (history.json)');
  const file = await octokit.rest.repos.getContent({ owner, repo, path: 'churn/history.json', ref: 'mlops/monitoring' });
  const history = JSON.parse(Buffer.from((file.data as { content: string }).content, 'base64').toString('utf8')) as { windows: Array<{ label: string; slot: number; columns: Array<{ column: string; change: string }> }> };
  assert.deepEqual(history.windows.map((w) => [w.label, w.slot, w.columns.find((c) => c.column === 'v')!.change]), [['2026-11-01', 0, 'none'], ['2026-11-02', 1, 'spike']]);
  // the orphan branch shares no history with the default branch
  let root = commit.data;
  while (root.parents.length > 0) root = (await octokit.rest.git.getCommit({ owner, repo, commit_sha: root.parents[0]!.sha })).data;
  assert.equal(root.message, 'mlops: start the monitoring history');
  assert.match(readFileSync(join(work, 'out.txt'), 'utf8'), /drifted=true/);
  // every window is announced (a clean one lets the app close an incident), as the DriftEvent contract the app parses
  for (let i = 0; i < 50 && received.filter((r) => r.event === 'repository_dispatch').length < 2; i++) await new Promise((r) => setTimeout(r, 20));
  const dispatches = received.filter((r) => r.event === 'repository_dispatch');
  assert.deepEqual(dispatches.map((d) => d.action), ['mlops-drift', 'mlops-drift']);
  const events = dispatches.map((d) => parseDriftEvent((d.payload as { client_payload: unknown }).client_payload));
  assert.deepEqual(events.map((e) => [e.model, e.drifted, e.severity, e.columns.map((c) => c.column)]), [['churn', false, 'none', []], ['churn', true, 'high', ['v']]]);
  assert.equal(events[1]!.windows.length, 2);
});

test('shouldDispatch: always by default, drift only when drifted, never', () => {
  assert.deepEqual([shouldDispatch('always', false), shouldDispatch('drift', false), shouldDispatch('drift', true), shouldDispatch('never', true)], [true, false, true, false]);
});

function readdirSafe(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}
