/**
 * What the runner gives a job before its first step: the `GITHUB_*` / `RUNNER_*` variables, the event payload file,
 * the `github` / `runner` / `needs` expression contexts, and a job token (an installation token of the app, revoked
 * when the job ends, like GITHUB_TOKEN).
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EmulatorEnv } from '../github/context.js';
import { fullName, type RepoRecord, type World } from '../github/model.js';
import { latestJobs, type JobRecord, type RunnerRecord, type WorkflowRunRecord } from '../github/model-actions.js';
import { repoJson, userByLogin } from '../github/serialize-core.js';
import type { ExpressionContexts } from './expressions.js';

/** Host variables a job must not inherit from the process that runs the sandbox (its own CI, say). */
const HOST_ONLY = /^(GITHUB_|RUNNER_|INPUT_|ACTIONS_|STATE_|MLOPS_ARTIFACT_URL$|CI$)/;

export interface JobEnvironment {
  env: Record<string, string>;
  contexts: Omit<ExpressionContexts, 'env' | 'steps' | 'inputs'> & { inputs: Record<string, unknown> };
  token: string;
}

/**
 * Issues the job's token: the app installation's permissions (all `read` for fork pull request runs, as GitHub's
 * GITHUB_TOKEN is for forks), on the installation of the repository's owner. Marked as a job token: events it causes
 * start no workflow runs.
 */
export function issueJobToken(world: World, repo: RepoRecord, now: number, readOnly = false): string {
  const installation = world.installations.find((i) => i.account.toLowerCase() === repo.owner.toLowerCase()) ?? world.installations[0];
  const token = `ghs_${randomBytes(18).toString('hex')}`;
  const permissions = Object.fromEntries(Object.entries(world.app.permissions).map(([name, level]) => [name, readOnly ? 'read' : level]));
  world.tokens.push({ token, kind: 'installation', subject: String(installation?.id ?? 0), expires_at: now + 24 * 3_600_000, permissions, job: true });
  return token;
}

/** Revokes a job token (GitHub revokes GITHUB_TOKEN when the job completes). */
export function revokeJobToken(world: World, token: string): void {
  world.tokens = world.tokens.filter((t) => t.token !== token);
}

/** The environment and contexts of a job; writes the event payload to `<tempDir>/_github/event.json`. */
export function jobEnvironment(
  emulator: EmulatorEnv,
  ids: { job: JobRecord; run: WorkflowRunRecord; repo: RepoRecord; runner: RunnerRecord | undefined },
  dirs: { workspace: string; temp: string; toolCache: string },
  options: { hostEnv: NodeJS.ProcessEnv; extraEnv: Record<string, string>; tokenInEnv: boolean },
): JobEnvironment {
  const world = emulator.world();
  const { job, run, repo } = ids;
  const base = emulator.baseUrl();
  const token = issueJobToken(world, repo, emulator.clock.now(), run.read_only_token === true);
  const isTag = run.ref?.startsWith('refs/tags/') ?? (run.head_branch !== null && repo.refs[`refs/tags/${run.head_branch}`] !== undefined && repo.refs[`refs/heads/${run.head_branch}`] === undefined);
  const ref = run.ref ?? (run.head_branch === null ? '' : `refs/${isTag ? 'tags' : 'heads'}/${run.head_branch}`);
  // Event runs carry their webhook payload; a dispatched run's payload is built as GitHub builds workflow_dispatch's.
  const event: Record<string, unknown> = run.event_payload ?? { inputs: run.inputs, ref, repository: repoJson(world, base, repo), sender: userByLogin(world, base, run.triggering_actor), workflow: run.path };
  const pullRefs = (event.pull_request ?? {}) as { head?: { ref?: string }; base?: { ref?: string } };
  const headRef = pullRefs.head?.ref ?? '';
  const baseRef = pullRefs.base?.ref ?? '';
  const refName = ref.startsWith('refs/pull/') ? ref.slice('refs/pull/'.length) : run.head_branch ?? '';
  const eventPath = join(dirs.temp, 'event.json');
  writeFileSync(eventPath, JSON.stringify(event, null, 2));
  const runnerName = ids.runner?.name ?? job.runner_name ?? 'sandbox';
  const vars: Record<string, string> = {
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_API_URL: base,
    GITHUB_SERVER_URL: base,
    GITHUB_GRAPHQL_URL: `${base}/graphql`,
    GITHUB_REPOSITORY: fullName(repo),
    GITHUB_REPOSITORY_OWNER: repo.owner,
    GITHUB_REPOSITORY_ID: String(repo.id),
    GITHUB_SHA: run.head_sha,
    GITHUB_REF: ref,
    GITHUB_REF_NAME: refName,
    GITHUB_REF_TYPE: isTag ? 'tag' : 'branch',
    GITHUB_HEAD_REF: headRef,
    GITHUB_BASE_REF: baseRef,
    GITHUB_RUN_ID: String(run.id),
    GITHUB_RUN_NUMBER: String(run.run_number),
    GITHUB_RUN_ATTEMPT: String(run.run_attempt),
    GITHUB_JOB: job.key,
    GITHUB_WORKFLOW: run.name,
    GITHUB_WORKFLOW_REF: `${fullName(repo)}/${run.path}@${ref}`,
    GITHUB_EVENT_NAME: run.event,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_WORKSPACE: dirs.workspace,
    GITHUB_ACTOR: run.actor,
    GITHUB_TRIGGERING_ACTOR: run.triggering_actor,
    RUNNER_TEMP: dirs.temp,
    RUNNER_TOOL_CACHE: dirs.toolCache,
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: 'X64',
    RUNNER_NAME: runnerName,
    RUNNER_ENVIRONMENT: ids.runner?.instance_id ? 'self-hosted' : 'github-hosted',
    // Not a runner variable: where `mlops artifact upload` sends archives in the sandbox (see cli/commands/artifact.ts).
    MLOPS_ARTIFACT_URL: `${base}/_sandbox/runs/${run.id}/artifacts`,
  };
  if (options.tokenInEnv) vars.GITHUB_TOKEN = token;
  const hostEnv = Object.fromEntries(Object.entries(options.hostEnv).filter((e): e is [string, string] => e[1] !== undefined && !HOST_ONLY.test(e[0])));
  const needs: ExpressionContexts['needs'] = {};
  for (const other of latestJobs(world, run).filter((j) => job.needs.includes(j.key))) needs[other.key] = { result: other.conclusion ?? '', outputs: other.outputs };
  const github = {
    token,
    job: job.key,
    ref,
    ref_name: refName,
    ref_type: vars.GITHUB_REF_TYPE,
    sha: run.head_sha,
    repository: fullName(repo),
    repository_owner: repo.owner,
    repository_id: String(repo.id),
    run_id: String(run.id),
    run_number: String(run.run_number),
    run_attempt: String(run.run_attempt),
    workflow: run.name,
    workflow_ref: vars.GITHUB_WORKFLOW_REF,
    event_name: run.event,
    event,
    event_path: eventPath,
    actor: run.actor,
    triggering_actor: run.triggering_actor,
    server_url: base,
    api_url: base,
    graphql_url: vars.GITHUB_GRAPHQL_URL,
    workspace: dirs.workspace,
    head_ref: headRef,
    base_ref: baseRef,
    action_path: '',
  };
  return {
    env: { ...hostEnv, ...options.extraEnv, ...vars },
    contexts: {
      github,
      inputs: { ...run.inputs },
      runner: { os: 'Linux', arch: 'X64', name: runnerName, temp: dirs.temp, tool_cache: dirs.toolCache, environment: vars.RUNNER_ENVIRONMENT! },
      needs,
      secrets: { GITHUB_TOKEN: token },
      matrix: {},
    },
    token,
  };
}
