/**
 * Entry of actions/evaluate's script steps (dist/actions/evaluate/index.js → main()): `guard` refuses fork models on
 * self-hosted runners before anything runs them; `publish` posts the check run and the sticky comment, writes the job
 * summary and the step outputs. Reads only the environment the runner provides; no work at import time.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import * as core from '@actions/core';
import { getOctokit } from '@actions/github';
import { readReport } from '../../lib/contracts/index.js';
import { toolVersion } from '../../lib/package-root.js';
import { directoryTemplateSource } from '../../lib/templates/index.js';
import { forkGuard } from './fork-guard.js';
import { publishEvaluation } from './publish.js';

interface EventPayload {
  pull_request?: { number?: number; head?: { sha?: string; ref?: string; repo?: { full_name?: string } | null }; base?: { repo?: { full_name?: string } } };
}

async function readEvent(env: NodeJS.ProcessEnv): Promise<EventPayload> {
  if (!env.GITHUB_EVENT_PATH) return {};
  return JSON.parse(await readFile(env.GITHUB_EVENT_PATH, 'utf8')) as EventPayload;
}

/** Runs `guard` or `publish`; returns the exit code (0 ok, 2 refused or bad input). */
export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const command = argv[2];
  const event = await readEvent(env);
  if (command === 'guard') {
    const refusal = forkGuard(event, env.RUNNER_ENVIRONMENT);
    if (refusal) {
      core.error(refusal);
      return 2;
    }
    return 0;
  }
  if (command !== 'publish') {
    core.error(`usage: main.js guard|publish (got ${String(command)})`);
    return 2;
  }
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '/').split('/') as [string, string];
  const token = env.INPUT_TOKEN ?? '';
  if (!token) {
    core.error('no token: pass `token` (default: github.token) with checks: write and pull-requests: write');
    return 2;
  }
  const cwd = process.cwd();
  const evaluation = await readReport(resolve(cwd, env.EVALUATION_PATH ?? 'mlops-evaluation.json'), 'mlops/evaluation');
  const gate = await readReport(resolve(cwd, env.GATE_PATH ?? 'mlops-gate.json'), 'mlops/gate');
  const octokit = getOctokit(token, { baseUrl: env.GITHUB_API_URL ?? 'https://api.github.com' });
  const runUrl = env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID ? `${env.GITHUB_SERVER_URL ?? 'https://github.com'}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}` : undefined;
  const pr = event.pull_request;
  const workspace = env.GITHUB_WORKSPACE ?? cwd;
  const result = await publishEvaluation(octokit, {
    owner,
    repo,
    ...(pr?.number !== undefined ? { pullNumber: pr.number } : {}),
    // The PR head, not GITHUB_SHA: on pull_request events that is the test merge commit, which the PR page does not show.
    headSha: pr?.head?.sha ?? env.GITHUB_SHA ?? '',
    model: env.INPUT_NAME || evaluation.subject.model?.name || 'model',
    ...(env.INPUT_MODEL ? { modelPath: resolve(cwd, env.INPUT_MODEL).slice(resolve(workspace).length + 1) } : {}),
    evaluation,
    gate,
    ...(runUrl ? { runUrl } : {}),
    ...(env.GITHUB_RUN_ID && /^\d+$/.test(env.GITHUB_RUN_ID) ? { runId: Number(env.GITHUB_RUN_ID) } : {}),
    ...(pr?.head?.ref ? { ref: pr.head.ref } : {}),
    toolVersion: toolVersion(),
    now: new Date(),
    overrides: directoryTemplateSource(workspace),
  });
  if (env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(result.summary, true).write();
  core.setOutput('check-run-id', String(result.checkRun.id));
  core.setOutput('comment-url', result.comment?.url ?? '');
  return 0;
}
