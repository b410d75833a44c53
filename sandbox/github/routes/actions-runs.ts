/** Workflows and workflow runs: list workflows, dispatch (ref + inputs validated), runs, jobs, job logs, cancel, re-run. */
import { numberParam, paginate, type HandlerContext } from '../context.js';
import { GithubHttpError, notFound, validationFailed } from '../errors.js';
import { cancelRun, createRun, rerun, settle } from '../actions-engine.js';
import { readObject } from '../git-objects.js';
import { jobLogPath } from '../job-logs.js';
import { latestJobs, type WorkflowRecord, type WorkflowRunRecord } from '../model-actions.js';
import { actorLogin } from '../repo-ops.js';
import type { RouteDef } from '../router.js';
import { jobJson, runJson, workflowJson } from '../serialize-actions.js';
import { findWorkflow, parseWorkflow, syncWorkflows, workflowFiles, type DispatchInput, type WorkflowSpec } from '../workflow-files.js';

const READ = { role: 'read', appPermission: 'actions' } as const;
const WRITE = { role: 'write', appPermission: 'actions' } as const;

function workflowParam(ctx: HandlerContext): WorkflowRecord {
  const workflow = findWorkflow(ctx.world, ctx.repo, ctx.params.workflow_id!, ctx.now());
  if (!workflow) throw notFound();
  return workflow;
}

function runParam(ctx: HandlerContext): WorkflowRunRecord {
  settle(ctx.env);
  const id = numberParam(ctx, 'run_id');
  const run = ctx.world.actions.runs.find((r) => r.id === id && r.repo_id === ctx.repo.id);
  if (!run) throw notFound();
  return run;
}

/** A branch or tag (short or `refs/…`) → its ref and commit. Shas are refused with GitHub's 422. */
function dispatchRef(ctx: HandlerContext, ref: string): { branch: string | null; sha: string } {
  const candidates = ref.startsWith('refs/') ? [ref] : [`refs/heads/${ref}`, `refs/tags/${ref}`];
  for (const full of candidates) {
    let sha = ctx.repo.refs[full];
    for (let tag = sha ? readObject(ctx.world.git, sha, 'tag') : undefined; tag; tag = readObject(ctx.world.git, tag.object, 'tag')) sha = tag.object;
    if (sha) return { branch: full.replace(/^refs\/(heads|tags)\//, ''), sha };
  }
  throw new GithubHttpError(422, `No ref found for: ${ref}`);
}

/** Validates dispatch inputs against `on.workflow_dispatch.inputs` and fills defaults; messages are GitHub's. */
export function dispatchInputs(declared: Record<string, DispatchInput>, given: Record<string, unknown>): WorkflowRunRecord['inputs'] {
  const unexpected = Object.keys(given).filter((k) => !(k in declared));
  if (unexpected.length > 0) throw new GithubHttpError(422, `Unexpected inputs provided: ${JSON.stringify(unexpected)}`);
  const out: WorkflowRunRecord['inputs'] = {};
  for (const [name, input] of Object.entries(declared)) {
    const value = given[name] ?? input.default;
    if (value === undefined || value === '') {
      if (input.required) throw new GithubHttpError(422, `Required input '${name}' not provided`);
      continue;
    }
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') throw new GithubHttpError(422, `Provided value for input '${name}' is not a string, number or boolean`);
    if (input.type === 'choice' && !input.options?.includes(String(value))) throw new GithubHttpError(422, `Provided value '${String(value)}' for input '${name}' not in the list of allowed values`);
    if (input.type === 'boolean' && !['true', 'false'].includes(String(value))) throw new GithubHttpError(422, `Provided value '${String(value)}' for input '${name}' is not a boolean`);
    if (input.type === 'number' && !Number.isFinite(Number(value))) throw new GithubHttpError(422, `Provided value '${String(value)}' for input '${name}' is not a number`);
    out[name] = value;
  }
  return out;
}

/** The workflow file as of the run's commit (re-runs use the same definition, like GitHub). */
function specAt(ctx: HandlerContext, path: string, sha: string): WorkflowSpec {
  const text = workflowFiles(ctx.world, sha).get(path);
  if (text === undefined) throw new GithubHttpError(422, `Workflow file ${path} not found at ${sha}`);
  return parseWorkflow(path, text);
}

function listRuns(ctx: HandlerContext, workflowId?: number) {
  settle(ctx.env);
  const q = ctx.query;
  const status = q.get('status');
  const runs = ctx.world.actions.runs
    .filter((r) => r.repo_id === ctx.repo.id && (workflowId === undefined || r.workflow_id === workflowId))
    .filter((r) => !status || r.status === status || r.conclusion === status)
    .filter((r) => !q.get('branch') || r.head_branch === q.get('branch'))
    .filter((r) => !q.get('event') || r.event === q.get('event'))
    .filter((r) => !q.get('actor') || r.actor === q.get('actor'))
    .filter((r) => !q.get('head_sha') || r.head_sha === q.get('head_sha'))
    .reverse();
  const { page, headers } = paginate(ctx, runs);
  const base = ctx.env.baseUrl();
  return { status: 200, headers, body: { total_count: runs.length, workflow_runs: page.map((r) => runJson(ctx.world, base, ctx.repo, r)) } };
}

/** Routes: actions workflows, dispatch, runs, jobs, cancel and re-run. */
export const actionsRunRoutes: RouteDef[] = [
  {
    operationId: 'actions/list-repo-workflows',
    method: 'GET',
    path: '/repos/{owner}/{repo}/actions/workflows',
    access: READ,
    handle(ctx) {
      const workflows = syncWorkflows(ctx.world, ctx.repo, ctx.now());
      const { page, headers } = paginate(ctx, workflows);
      return { status: 200, headers, body: { total_count: workflows.length, workflows: page.map((w) => workflowJson(ctx.env.baseUrl(), ctx.repo, w)) } };
    },
  },
  {
    operationId: 'actions/get-workflow',
    method: 'GET',
    path: '/repos/{owner}/{repo}/actions/workflows/{workflow_id}',
    access: READ,
    handle: (ctx) => ({ status: 200, body: workflowJson(ctx.env.baseUrl(), ctx.repo, workflowParam(ctx)) }),
  },
  {
    operationId: 'actions/create-workflow-dispatch',
    method: 'POST',
    path: '/repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches',
    access: WRITE,
    handle(ctx) {
      const workflow = workflowParam(ctx);
      const ref = ctx.body.ref;
      if (typeof ref !== 'string' || ref === '') throw validationFailed('WorkflowDispatch', 'ref', 'missing_field');
      const given = ctx.body.inputs ?? {};
      if (typeof given !== 'object' || Array.isArray(given)) throw validationFailed('WorkflowDispatch', 'inputs', 'invalid');
      if (Object.keys(given).length > 25) throw new GithubHttpError(422, 'you may only define up to 25 `inputs` for a `workflow_dispatch` event');
      const target = dispatchRef(ctx, ref);
      const spec = specAt(ctx, workflow.path, target.sha);
      if (!spec.triggers.includes('workflow_dispatch')) throw new GithubHttpError(422, "Workflow does not have 'workflow_dispatch' trigger");
      const inputs = dispatchInputs(spec.inputs, given as Record<string, unknown>);
      const run = createRun(ctx.env, ctx.repo, workflow, spec, { event: 'workflow_dispatch', branch: target.branch, sha: target.sha, actor: actorLogin(ctx), inputs });
      if (ctx.body.return_run_details !== true) return { status: 204 };
      const json = runJson(ctx.world, ctx.env.baseUrl(), ctx.repo, run);
      return { status: 200, body: { workflow_run_id: run.id, run_url: json.url, html_url: json.html_url } };
    },
  },
  {
    operationId: 'actions/list-workflow-runs-for-repo',
    method: 'GET',
    path: '/repos/{owner}/{repo}/actions/runs',
    access: READ,
    handle: (ctx) => listRuns(ctx),
  },
  {
    operationId: 'actions/list-workflow-runs',
    method: 'GET',
    path: '/repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs',
    access: READ,
    handle: (ctx) => listRuns(ctx, workflowParam(ctx).id),
  },
  {
    operationId: 'actions/get-workflow-run',
    method: 'GET',
    path: '/repos/{owner}/{repo}/actions/runs/{run_id}',
    access: READ,
    handle: (ctx) => ({ status: 200, body: runJson(ctx.world, ctx.env.baseUrl(), ctx.repo, runParam(ctx)) }),
  },
  {
    operationId: 'actions/list-jobs-for-workflow-run',
    method: 'GET',
    path: '/repos/{owner}/{repo}/actions/runs/{run_id}/jobs',
    access: READ,
    handle(ctx) {
      const run = runParam(ctx);
      const jobs = ctx.query.get('filter') === 'all' ? ctx.world.actions.jobs.filter((j) => j.run_id === run.id) : latestJobs(ctx.world, run);
      const { page, headers } = paginate(ctx, jobs);
      return { status: 200, headers, body: { total_count: jobs.length, jobs: page.map((j) => jobJson(ctx.world, ctx.env.baseUrl(), ctx.repo, j)) } };
    },
  },
  {
    operationId: 'actions/get-job-for-workflow-run',
    method: 'GET',
    path: '/repos/{owner}/{repo}/actions/jobs/{job_id}',
    access: READ,
    handle(ctx) {
      settle(ctx.env);
      const id = numberParam(ctx, 'job_id');
      const job = ctx.world.actions.jobs.find((j) => j.id === id && j.repo_id === ctx.repo.id);
      if (!job) throw notFound();
      return { status: 200, body: jobJson(ctx.world, ctx.env.baseUrl(), ctx.repo, job) };
    },
  },
  {
    operationId: 'actions/download-job-logs-for-workflow-run',
    method: 'GET',
    path: '/repos/{owner}/{repo}/actions/jobs/{job_id}/logs',
    access: READ,
    handle(ctx) {
      settle(ctx.env);
      const id = numberParam(ctx, 'job_id');
      const job = ctx.world.actions.jobs.find((j) => j.id === id && j.repo_id === ctx.repo.id);
      if (!job) throw notFound();
      return { status: 302, headers: { location: `${ctx.env.baseUrl()}${jobLogPath(ctx.world, job, ctx.env.clock.now())}` } };
    },
  },
  {
    operationId: 'actions/cancel-workflow-run',
    method: 'POST',
    path: '/repos/{owner}/{repo}/actions/runs/{run_id}/cancel',
    access: WRITE,
    handle(ctx) {
      const run = runParam(ctx);
      if (run.status === 'completed') throw new GithubHttpError(409, 'Cannot cancel a workflow run that is completed.');
      cancelRun(ctx.env, run);
      return { status: 202, body: {} };
    },
  },
  {
    operationId: 'actions/re-run-workflow',
    method: 'POST',
    path: '/repos/{owner}/{repo}/actions/runs/{run_id}/rerun',
    access: WRITE,
    handle: (ctx) => rerunRoute(ctx, false),
  },
  {
    operationId: 'actions/re-run-workflow-failed-jobs',
    method: 'POST',
    path: '/repos/{owner}/{repo}/actions/runs/{run_id}/rerun-failed-jobs',
    access: WRITE,
    handle: (ctx) => rerunRoute(ctx, true),
  },
];

function rerunRoute(ctx: HandlerContext, onlyFailed: boolean) {
  const run = runParam(ctx);
  if (run.status !== 'completed') throw new GithubHttpError(403, 'This workflow is already running');
  if (onlyFailed && run.conclusion === 'success') throw new GithubHttpError(403, 'This workflow run has no failed jobs to re-run');
  run.triggering_actor = actorLogin(ctx);
  rerun(ctx.env, run, specAt(ctx, run.path, run.head_sha), onlyFailed);
  return { status: 201, body: {} };
}
