/** Watching the repository's workflow runs through the REST API, as a person on the Actions tab would (virtual time aside). */
import type { Demo } from './context.js';

/** A workflow run as the REST API shows it (the fields the demo reads). */
export interface RunView {
  id: number;
  path: string;
  event: string;
  status: string | null;
  conclusion: string | null;
  head_sha: string;
  head_branch: string | null;
  run_attempt?: number;
  html_url: string;
}

/** A job of a run. */
export interface JobView {
  id: number;
  name: string;
  status: string;
  conclusion: string | null;
  labels: string[];
  run_attempt?: number;
  steps?: Array<{ name: string; status: string; conclusion: string | null }>;
}

/** Polls `check` every 50 ms (wall) until it returns a value; fails after `timeoutMs` saying what it waited for. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined> | T | undefined, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Runs of `.github/workflows/<file>`, newest first (optionally only for commit `sha`). */
export async function runsOf(demo: Demo, file: string, sha?: string): Promise<RunView[]> {
  const { data } = await demo.gh('alice').rest.actions.listWorkflowRunsForRepo({ owner: 'acme', repo: 'churn-model', per_page: 100, ...(sha ? { head_sha: sha } : {}) });
  return (data.workflow_runs as unknown as RunView[]).filter((r) => r.path === `.github/workflows/${file}`).sort((a, b) => b.id - a.id);
}

/** The run of `file` for commit `sha` (waits for it to exist). */
export function runFor(demo: Demo, file: string, sha: string): Promise<RunView> {
  return waitFor(`a ${file} run for ${sha.slice(0, 7)}`, async () => (await runsOf(demo, file, sha))[0]);
}

/** The jobs of the run's latest attempt. */
export async function jobsOf(demo: Demo, runId: number): Promise<JobView[]> {
  const { data } = await demo.gh('alice').rest.actions.listJobsForWorkflowRun({ owner: 'acme', repo: 'churn-model', run_id: runId, filter: 'latest', per_page: 100 });
  return data.jobs as unknown as JobView[];
}

/** Waits until job `name` of run `runId` is in `status` (or completed), returning it. */
export function jobIn(demo: Demo, runId: number, name: string, status: 'queued' | 'in_progress' | 'completed', timeoutMs = 30_000): Promise<JobView> {
  const order = ['pending', 'queued', 'waiting', 'in_progress', 'completed'];
  return waitFor(`job ${name} of run ${runId} to be ${status}`, async () => {
    const job = (await jobsOf(demo, runId)).find((j) => j.name === name);
    return job && order.indexOf(job.status) >= order.indexOf(status) ? job : undefined;
  }, timeoutMs);
}

/** Waits for run `runId` to complete; returns it. */
export function completed(demo: Demo, runId: number, timeoutMs = 60_000): Promise<RunView> {
  return waitFor(`run ${runId} to complete`, async () => {
    const { data } = await demo.gh('alice').rest.actions.getWorkflowRun({ owner: 'acme', repo: 'churn-model', run_id: runId });
    return data.status === 'completed' ? (data as unknown as RunView) : undefined;
  }, timeoutMs);
}

/** The plain-text log of a job (the API answers 302 to a signed URL; fetch follows it). */
export async function jobLog(demo: Demo, jobId: number): Promise<string> {
  const res = await demo.gh('alice').rest.actions.downloadJobLogsForWorkflowRun({ owner: 'acme', repo: 'churn-model', job_id: jobId });
  return typeof res.data === 'string' ? res.data : Buffer.from(res.data as ArrayBuffer).toString('utf8');
}

/** Names and sizes of a run's artifacts. */
export async function artifactsOf(demo: Demo, runId: number): Promise<Array<{ name: string; size_in_bytes: number }>> {
  return (await demo.gh('alice').rest.actions.listWorkflowRunArtifacts({ owner: 'acme', repo: 'churn-model', run_id: runId, per_page: 100 })).data.artifacts;
}
