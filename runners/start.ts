/** Launch + wait-online, behind the fork-safety check: what `mlops runner launch` and actions/runner-start do. */
import { readFile } from 'node:fs/promises';
import { CheckFailedError } from '../lib/errors.js';
import { decideForkSafety } from '../lib/runners/fork-safety.js';
import { launchRunner, type LaunchDeps, type LaunchRequest, type LaunchResult } from './launch.js';
import { waitOnline, type WaitOnlineDeps } from './wait-online.js';

export interface StartRequest extends LaunchRequest {
  /** 0: do not wait. */
  waitOnlineMs: number;
  pollMs?: number;
}

/** Refuses an event whose code must not reach a self-hosted runner (a fork's pull request, pull_request_target). */
export async function assertSafeEvent(env: NodeJS.ProcessEnv): Promise<void> {
  const payload = env.GITHUB_EVENT_PATH ? JSON.parse(await readFile(env.GITHUB_EVENT_PATH, 'utf8').catch(() => '{}')) : {};
  const decision = decideForkSafety(env.GITHUB_EVENT_NAME, payload);
  if (!decision.allowed) {
    throw new CheckFailedError(decision.reason, decision.message, {
      location: { file: 'mlops runner launch', path: 'GITHUB_EVENT_NAME' },
      hint: 'train on pull requests from branches of this repository, or after merge; see docs/runners.md (fork safety)',
    });
  }
}

/** Checks the event, launches, and waits until the runner is online (terminating it if it never is). */
export async function startRunner(request: StartRequest, deps: LaunchDeps & WaitOnlineDeps, env: NodeJS.ProcessEnv): Promise<LaunchResult & { onlineAfterMs: number | null }> {
  await assertSafeEvent(env);
  const launched = await launchRunner(request, deps);
  if (request.waitOnlineMs <= 0) return { ...launched, onlineAfterMs: null };
  const online = await waitOnline(
    { repo: request.repo, instanceId: launched.instanceId, runnerName: launched.runnerName, timeoutMs: request.waitOnlineMs, ...(request.pollMs ? { pollMs: request.pollMs } : {}) },
    deps,
  );
  return { ...launched, runnerId: online.runnerId, onlineAfterMs: online.waitedMs };
}
