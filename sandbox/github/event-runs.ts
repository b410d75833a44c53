/**
 * Workflow runs started by events, as GitHub starts them: for each emitted `push`, `pull_request`,
 * `pull_request_review`, `issue_comment` or `repository_dispatch`, every workflow file of the relevant commit whose
 * `on:` selects the event (workflow-triggers.ts) gets a run carrying the event's payload. `schedule` runs are fired
 * by the control API (there is no wall-clock cron in the sandbox).
 *
 * Which commit's workflow files count: push → the pushed commit; pull request events → the PR's head commit (GitHub
 * uses the test merge commit `refs/pull/N/merge`; the emulator keeps no merge refs, so GITHUB_SHA is the head and
 * GITHUB_REF names the merge ref); issue_comment, repository_dispatch, schedule → the default branch tip.
 *
 * GitHub's recursion guard: an event caused by a job's GITHUB_TOKEN starts no run, except `repository_dispatch`
 * (and `workflow_dispatch`, which the dispatch route handles). Events from the app's own installation tokens do.
 * Forks run no workflows of their own (GitHub disables Actions on forks until the owner enables them); a pull request
 * from a fork runs the base repository's workflows with a read-only job token and an empty `pull_requests`.
 */
import type { EmulatorEnv } from './context.js';
import { createRun } from './actions-engine.js';
import { commitFiles, diffFiles, readObject } from './git-objects.js';
import { findUser, fullName, type PullRecord, type RepoRecord, type World } from './model.js';
import type { WorkflowRunRecord } from './model-actions.js';
import { pullChanges } from './serialize-issues.js';
import { ensureWorkflow, parseWorkflow, workflowFiles, type WorkflowSpec } from './workflow-files.js';
import { RUN_TRIGGERING_EVENTS, scheduleCrons, triggerMatches, type TriggerEvent } from './workflow-triggers.js';

/** Where an event's runs point: the commit whose workflows are read, the ref, what filters see. */
interface EventTarget {
  sha: string;
  /** The run's `head_branch` (a tag name for tag pushes, the PR head branch for PR events). */
  headBranch: string | null;
  /** GITHUB_REF. */
  ref: string;
  match: TriggerEvent;
  pull?: PullRecord;
  fork: boolean;
  title: string;
}

const ZERO = '0'.repeat(40);

/** A commit sha behind a (possibly annotated-tag) sha. */
function peel(world: World, sha: string): string {
  for (let tag = readObject(world.git, sha, 'tag'); tag; tag = readObject(world.git, tag.object, 'tag')) sha = tag.object;
  return sha;
}

const firstLine = (world: World, sha: string) => readObject(world.git, sha, 'commit')?.message.split('\n')[0] ?? '';

/** Files changed by a push: before..after when the branch existed, else the head commit against its first parent. */
function pushedFiles(world: World, before: string, after: string): string[] {
  const from = before !== ZERO && readObject(world.git, before, 'commit') ? before : readObject(world.git, after, 'commit')?.parents[0];
  return diffFiles(from ? commitFiles(world.git, from) : new Map(), commitFiles(world.git, after)).map((c) => c.filename);
}

function defaultBranchTarget(world: World, repo: RepoRecord, name: string, action: string | undefined, title: string): EventTarget | undefined {
  const sha = repo.refs[`refs/heads/${repo.default_branch}`];
  if (!sha) return undefined;
  return { sha: peel(world, sha), headBranch: repo.default_branch, ref: `refs/heads/${repo.default_branch}`, match: { name, ...(action !== undefined ? { action } : {}) }, fork: false, title };
}

function eventTarget(world: World, repo: RepoRecord, event: string, payload: Record<string, unknown>): EventTarget | undefined {
  const action = typeof payload.action === 'string' ? payload.action : undefined;
  if (event === 'push') {
    const ref = String(payload.ref);
    const after = String(payload.after);
    if (payload.deleted === true || after === ZERO) return undefined;
    const sha = peel(world, after);
    const tag = ref.startsWith('refs/tags/') ? ref.slice('refs/tags/'.length) : undefined;
    const branch = ref.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : undefined;
    if (tag === undefined && branch === undefined) return undefined;
    const match: TriggerEvent = { name: event, ...(tag !== undefined ? { tag } : { branch: branch! }), files: () => pushedFiles(world, String(payload.before), sha) };
    return { sha, headBranch: tag ?? branch!, ref, match, fork: false, title: firstLine(world, sha) };
  }
  if (event === 'pull_request' || event === 'pull_request_review') {
    const number = (payload.pull_request as { number?: unknown } | undefined)?.number;
    const pull = repo.pulls.find((p) => p.number === number);
    if (!pull) return undefined;
    const issue = repo.issues.find((i) => i.number === pull.number);
    const match: TriggerEvent = { name: event, branch: pull.base_ref, files: () => pullChanges(world, repo, pull).changes.map((c) => c.filename), ...(action !== undefined ? { action } : {}) };
    return { sha: pull.head_sha, headBranch: pull.head_ref, ref: `refs/pull/${pull.number}/merge`, match, pull, fork: pull.head_repo !== fullName(repo), title: issue?.title ?? '' };
  }
  if (event === 'issue_comment') {
    const title = String((payload.issue as { title?: unknown } | undefined)?.title ?? '');
    return defaultBranchTarget(world, repo, event, action, title);
  }
  if (event === 'repository_dispatch') return defaultBranchTarget(world, repo, event, action, action ?? event);
  return undefined;
}

/** The workflows of a commit that parse (a broken file starts no run here; GitHub shows a failed run). */
function workflowsAt(world: World, sha: string): Array<[string, WorkflowSpec]> {
  const out: Array<[string, WorkflowSpec]> = [];
  for (const [path, text] of workflowFiles(world, sha)) {
    try {
      out.push([path, parseWorkflow(path, text)]);
    } catch {
      // skipped: invalid workflow file
    }
  }
  return out;
}

/** Starts the runs an emitted event triggers; returns them (none for events that start no runs). */
export function runsForEvent(env: EmulatorEnv, repo: RepoRecord, sender: string, event: string, payload: Record<string, unknown>): WorkflowRunRecord[] {
  if (!(RUN_TRIGGERING_EVENTS as readonly string[]).includes(event) || repo.parent !== null) return [];
  if (env.currentActor?.()?.jobToken && event !== 'repository_dispatch') return [];
  const world = env.world();
  const target = eventTarget(world, repo, event, payload);
  if (!target) return [];
  const now = new Date(Math.floor(env.clock.now() / 1000) * 1000).toISOString().replace('.000Z', 'Z');
  const runs: WorkflowRunRecord[] = [];
  for (const [path, spec] of workflowsAt(world, target.sha)) {
    if (!triggerMatches(spec.on, target.match)) continue;
    const workflow = ensureWorkflow(world, repo, path, spec.name, now);
    const pullNumbers = target.pull && !target.fork ? [target.pull.number] : [];
    runs.push(
      createRun(env, repo, workflow, spec, {
        event,
        branch: target.headBranch,
        sha: target.sha,
        actor: sender,
        inputs: {},
        details: { event_payload: payload, ref: target.ref, pull_numbers: pullNumbers, read_only_token: target.fork, title: target.title },
      }),
    );
  }
  return runs;
}

/**
 * Fires `schedule` on the default branch for one workflow file (`monitor.yml`, which must have an `on.schedule`) or for
 * every workflow with the given cron expression. The actor is the default branch tip's author (GitHub: whoever last
 * changed the cron), or the repository owner. Returns the runs, or a message when nothing is scheduled that way.
 */
export function scheduleRuns(env: EmulatorEnv, repo: RepoRecord, select: { workflow?: string; cron?: string }, payloadFor: (sender: string, fields: Record<string, unknown>) => Record<string, unknown>): WorkflowRunRecord[] | string {
  const world = env.world();
  const tip = repo.refs[`refs/heads/${repo.default_branch}`];
  if (!tip) return `${fullName(repo)} has no ${repo.default_branch} branch`;
  const sha = peel(world, tip);
  const author = readObject(world.git, sha, 'commit')?.author.email;
  const sender = world.users.find((u) => u.email !== null && u.email === author)?.login ?? findUser(world, repo.owner)?.login ?? repo.owner;
  const now = new Date(Math.floor(env.clock.now() / 1000) * 1000).toISOString().replace('.000Z', 'Z');
  const chosen = workflowsAt(world, sha).flatMap(([path, spec]) => {
    const crons = scheduleCrons(spec.on);
    if (select.workflow !== undefined) return path.split('/').pop() === select.workflow && crons.length > 0 ? [{ path, spec, cron: crons[0]! }] : [];
    return select.cron !== undefined && crons.includes(select.cron) ? [{ path, spec, cron: select.cron }] : [];
  });
  if (chosen.length === 0) {
    return select.workflow !== undefined
      ? `no workflow ${select.workflow} with on.schedule on ${repo.default_branch} of ${fullName(repo)}`
      : `no workflow on ${repo.default_branch} of ${fullName(repo)} is scheduled with cron '${String(select.cron)}'`;
  }
  return chosen.map(({ path, spec, cron }) =>
    createRun(env, repo, ensureWorkflow(world, repo, path, spec.name, now), spec, {
      event: 'schedule',
      branch: repo.default_branch,
      sha,
      actor: sender,
      inputs: {},
      details: { event_payload: payloadFor(sender, { schedule: cron, workflow: path }), ref: `refs/heads/${repo.default_branch}`, pull_numbers: [], read_only_token: false, title: spec.name },
    }),
  );
}
