/** API shapes for Actions: workflow, workflow-run, job, runner, artifact, with every field the OpenAPI schemas require. */
import { readObject } from './git-objects.js';
import { fullName, type PullRecord, type RepoRecord, type World } from './model.js';
import { runnerStatus, type ArtifactRecord, type JobRecord, type RunnerRecord, type WorkflowRecord, type WorkflowRunRecord } from './model-actions.js';
import { nodeId, repoJson, userByLogin } from './serialize-core.js';

/** Version reported by runners that have connected (the actions/runner release the sandbox pretends to be). */
export const RUNNER_VERSION = '2.329.0';

const api = (base: string, repo: RepoRecord) => `${base}/repos/${fullName(repo)}/actions`;

/** `workflow`. */
export function workflowJson(base: string, repo: RepoRecord, w: WorkflowRecord): Record<string, unknown> {
  return {
    id: w.id,
    node_id: nodeId('W', w.id),
    name: w.name,
    path: w.path,
    state: 'active',
    created_at: w.created_at,
    updated_at: w.updated_at,
    url: `${api(base, repo)}/workflows/${w.id}`,
    html_url: `${base}/${fullName(repo)}/blob/${repo.default_branch}/${w.path}`,
    badge_url: `${base}/${fullName(repo)}/workflows/${encodeURIComponent(w.name)}/badge.svg`,
  };
}

/** `nullable-simple-commit` for a commit sha. */
function headCommitJson(world: World, sha: string): Record<string, unknown> | null {
  const c = readObject(world.git, sha, 'commit');
  if (!c) return null;
  return {
    id: sha,
    tree_id: c.tree,
    message: c.message,
    timestamp: c.committer.date,
    author: { name: c.author.name, email: c.author.email },
    committer: { name: c.committer.name, email: c.committer.email },
  };
}

/** `pull-request-minimal`, as a run's `pull_requests` lists a same-repository pull request. */
function pullMinimalJson(base: string, repo: RepoRecord, pull: PullRecord): Record<string, unknown> {
  const repoRef = { id: repo.id, url: `${base}/repos/${fullName(repo)}`, name: repo.name };
  return {
    id: pull.id,
    number: pull.number,
    url: `${base}/repos/${fullName(repo)}/pulls/${pull.number}`,
    head: { ref: pull.head_ref, sha: pull.head_sha, repo: repoRef },
    base: { ref: pull.base_ref, sha: pull.base_sha, repo: repoRef },
  };
}

/** `workflow-run`. */
export function runJson(world: World, base: string, repo: RepoRecord, run: WorkflowRunRecord): Record<string, unknown> {
  const url = `${api(base, repo)}/runs/${run.id}`;
  const repository = repoJson(world, base, repo);
  return {
    id: run.id,
    name: run.name,
    node_id: nodeId('WFR', run.id),
    check_suite_id: run.id,
    check_suite_node_id: nodeId('CS', run.id),
    head_branch: run.head_branch,
    head_sha: run.head_sha,
    path: run.path,
    display_title: run.display_title,
    run_number: run.run_number,
    run_attempt: run.run_attempt,
    referenced_workflows: [],
    event: run.event,
    status: run.status,
    conclusion: run.conclusion,
    workflow_id: run.workflow_id,
    url,
    html_url: `${base}/${fullName(repo)}/actions/runs/${run.id}`,
    pull_requests: (run.pull_numbers ?? []).flatMap((n) => {
      const pull = repo.pulls.find((p) => p.number === n);
      return pull ? [pullMinimalJson(base, repo, pull)] : [];
    }),
    created_at: run.created_at,
    updated_at: run.updated_at,
    actor: userByLogin(world, base, run.actor),
    triggering_actor: userByLogin(world, base, run.triggering_actor),
    run_started_at: run.run_started_at,
    jobs_url: `${url}/jobs`,
    logs_url: `${url}/logs`,
    check_suite_url: `${base}/repos/${fullName(repo)}/check-suites/${run.id}`,
    artifacts_url: `${url}/artifacts`,
    cancel_url: `${url}/cancel`,
    rerun_url: `${url}/rerun`,
    previous_attempt_url: run.run_attempt > 1 ? `${url}/attempts/${run.run_attempt - 1}` : null,
    workflow_url: `${api(base, repo)}/workflows/${run.workflow_id}`,
    head_commit: headCommitJson(world, run.head_sha),
    repository,
    head_repository: repository,
    head_repository_id: repo.id,
  };
}

/** Step states follow the job: all queued, first running, or all done (the last one carrying a failure). */
function stepsJson(job: JobRecord): Record<string, unknown>[] {
  return job.steps.map((s, i) => {
    if (s.reported) return { name: s.name, status: s.reported.status, conclusion: s.reported.conclusion, number: i + 1, started_at: s.reported.started_at, completed_at: s.reported.completed_at };
    const last = i === job.steps.length - 1;
    if (job.status === 'completed') {
      const conclusion = job.conclusion === 'success' || last ? job.conclusion : job.conclusion === 'failure' ? 'success' : job.conclusion;
      return { name: s.name, status: 'completed', conclusion, number: i + 1, started_at: job.started_at, completed_at: job.completed_at };
    }
    const running = job.status === 'in_progress' && i === 0;
    return { name: s.name, status: running ? 'in_progress' : 'queued', conclusion: null, number: i + 1, started_at: running ? job.started_at : null, completed_at: null };
  });
}

/** `job` (also the `workflow_job` of webhook payloads). */
export function jobJson(world: World, base: string, repo: RepoRecord, job: JobRecord): Record<string, unknown> {
  const run = world.actions.runs.find((r) => r.id === job.run_id)!;
  return {
    id: job.id,
    run_id: job.run_id,
    run_url: `${api(base, repo)}/runs/${job.run_id}`,
    run_attempt: job.run_attempt,
    node_id: nodeId('CR', job.id),
    head_sha: run.head_sha,
    url: `${api(base, repo)}/jobs/${job.id}`,
    html_url: `${base}/${fullName(repo)}/actions/runs/${job.run_id}/job/${job.id}`,
    // `pending` is the emulator's "waiting on needs"; the API calls that `waiting`.
    status: job.status === 'pending' ? 'waiting' : job.status,
    conclusion: job.conclusion,
    created_at: job.created_at,
    started_at: job.started_at,
    completed_at: job.completed_at,
    name: job.name,
    steps: stepsJson(job),
    check_run_url: `${base}/repos/${fullName(repo)}/check-runs/${job.id}`,
    labels: job.labels,
    runner_id: job.runner_id,
    runner_name: job.runner_name,
    runner_group_id: job.runner_id === null ? null : 1,
    runner_group_name: job.runner_id === null ? null : 'Default',
    workflow_name: run.name,
    head_branch: run.head_branch,
  };
}

/** `runner`. */
export function runnerJson(r: RunnerRecord, now: number): Record<string, unknown> {
  return {
    id: r.id,
    runner_group_id: r.runner_group_id,
    name: r.name,
    os: r.os,
    status: runnerStatus(r, now),
    busy: r.job_id !== null,
    ephemeral: r.ephemeral,
    labels: r.labels.map((l) => ({ ...l })),
    version: r.online_at === null && !r.used ? null : RUNNER_VERSION,
  };
}

/** `artifact`. */
export function artifactJson(world: World, base: string, repo: RepoRecord, a: ArtifactRecord, now: number): Record<string, unknown> {
  const run = world.actions.runs.find((r) => r.id === a.run_id);
  const url = `${api(base, repo)}/artifacts/${a.id}`;
  return {
    id: a.id,
    node_id: nodeId('AR', a.id),
    name: a.name,
    size_in_bytes: a.zip.length,
    url,
    archive_download_url: `${url}/zip`,
    expired: Date.parse(a.expires_at) <= now,
    created_at: a.created_at,
    updated_at: a.created_at,
    expires_at: a.expires_at,
    digest: a.digest,
    workflow_run: run ? { id: run.id, repository_id: repo.id, head_repository_id: repo.id, head_branch: run.head_branch, head_sha: run.head_sha } : null,
  };
}
