/**
 * Entry of actions/monitor's script steps (dist/actions/monitor/index.js → main()):
 * - `pull`: history of the model from the `mlops/monitoring` branch into INPUT_HISTORY_DIR;
 * - `push`: the files the monitor run wrote back to the branch, then `repository_dispatch` `mlops-drift` with the
 *   report's summary (the DriftEvent contract) for every window, or only drifted ones with INPUT_DISPATCH=drift.
 * Reads only the environment the runner provides; no work at import time.
 */
import { appendFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as core from '@actions/core';
import { getOctokit } from '@actions/github';
import { readReport } from '../../lib/contracts/index.js';
import { slotPath, type MonitorHistory } from '../../lib/drift/monitor-history.js';
import { dispatchDrift, driftPayload, shouldDispatch } from './dispatch.js';
import { MONITORING_BRANCH, pullHistory, pushHistory, type HistoryLocation } from './history-branch.js';

/** Runs `pull` or `push`; returns the exit code (0 ok, 2 bad input). */
export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const command = argv[2];
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
  const token = env.INPUT_TOKEN || env.GITHUB_TOKEN;
  if (!owner || !repo || !token) {
    core.error('actions/monitor needs GITHUB_REPOSITORY and a token (the token input, default github.token)');
    return 2;
  }
  const octokit = getOctokit(token, { baseUrl: env.GITHUB_API_URL ?? 'https://api.github.com' });
  const model = env.INPUT_MODEL_NAME || 'default';
  if (!/^[\w.-]{1,100}$/.test(model)) {
    core.error(`model-name must be letters, digits, . _ or -, got '${model}'`);
    return 2;
  }
  const at: HistoryLocation = { owner, repo, branch: env.INPUT_HISTORY_BRANCH || MONITORING_BRANCH, folder: model };
  const dir = env.INPUT_HISTORY_DIR || '.mlops-monitoring';
  if (command === 'pull') {
    const windows = await pullHistory(octokit, at, dir);
    core.info(`monitoring history of ${model}: ${windows} window(s) on ${at.branch}`);
    return 0;
  }
  if (command !== 'push') {
    core.error(`usage: main.js pull|push (got ${String(command)})`);
    return 2;
  }
  const history = JSON.parse(await readFile(join(dir, 'history.json'), 'utf8')) as MonitorHistory;
  const window = history.windows[history.windows.length - 1]!;
  await pushHistory(octokit, at, dir, [slotPath(window.slot), 'history.json'], window.label);
  const report = await readReport(env.INPUT_DRIFT_REPORT_PATH || 'mlops-drift.json', 'mlops/drift');
  await setOutputs(env, { drifted: String(report.drifted), share: String(report.share) });
  const mode = env.INPUT_DISPATCH || 'always';
  if (!['always', 'drift', 'never'].includes(mode)) {
    core.error(`dispatch must be always, drift or never, got '${mode}'`);
    return 2;
  }
  if (shouldDispatch(mode, report.drifted)) {
    const run = env.GITHUB_RUN_ID && /^\d+$/.test(env.GITHUB_RUN_ID) ? { id: Number(env.GITHUB_RUN_ID), url: `${env.GITHUB_SERVER_URL ?? 'https://github.com'}/${owner}/${repo}/actions/runs/${env.GITHUB_RUN_ID}` } : undefined;
    await dispatchDrift(octokit, owner, repo, driftPayload(report, { model, ...(run ? { run } : {}) }));
    core.info(`repository_dispatch mlops-drift sent (drifted: ${report.drifted})`);
  }
  return 0;
}

// Step outputs go to the file the runner names in GITHUB_OUTPUT (what core.setOutput does with process.env), read
// from the env this run was given so tests can point it elsewhere.
async function setOutputs(env: NodeJS.ProcessEnv, outputs: Record<string, string>): Promise<void> {
  if (!env.GITHUB_OUTPUT) return;
  await appendFile(env.GITHUB_OUTPUT, Object.entries(outputs).map(([k, v]) => `${k}=${v}\n`).join(''));
}
