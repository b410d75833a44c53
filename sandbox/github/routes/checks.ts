/**
 * Check runs: create/update (GitHub Apps only, like GitHub), get, list for a ref, list annotations. GitHub's limits
 * are enforced because reporters must respect them on the real API: at most 50 annotations per request (more are
 * added with further updates) and 65535 characters for `output.summary` and `output.text`.
 */
import { numberParam, paginate, requireString, type HandlerContext } from '../context.js';
import { GithubHttpError, notFound, validationFailed } from '../errors.js';
import { emitEvent } from '../events.js';
import { nextId, type RepoRecord } from '../model.js';
import {
  ANNOTATION_LEVELS,
  CHECK_CONCLUSIONS,
  CHECK_STATUSES,
  suiteFor,
  type AnnotationRecord,
  type CheckConclusion,
  type CheckRunRecord,
  type CheckStatus,
} from '../model-checks.js';
import { actorLogin, resolveCommit } from '../repo-ops.js';
import type { RouteDef } from '../router.js';
import { annotationJson, checkRunJson, checkSuiteHookJson, webhookApp } from '../serialize-checks.js';
import type { EmulatorEnv } from '../context.js';

const READ = { role: 'read', appPermission: 'checks' } as const;
const WRITE = { role: 'write', appPermission: 'checks' } as const;
/** GitHub's per-request annotation limit. */
export const MAX_ANNOTATIONS = 50;
/** GitHub's limit on `output.summary` and `output.text`. */
export const MAX_OUTPUT_CHARS = 65535;

const invalid = (message: string) => new GithubHttpError(422, `Invalid request.\n\n${message}`);

function parseAnnotation(raw: unknown, i: number): AnnotationRecord {
  const a = (raw ?? {}) as Record<string, unknown>;
  for (const field of ['path', 'annotation_level', 'message']) {
    if (typeof a[field] !== 'string') throw invalid(`"${field}" wasn't supplied for annotation ${i}.`);
  }
  for (const field of ['start_line', 'end_line']) {
    if (!Number.isInteger(a[field])) throw invalid(`"${field}" wasn't supplied for annotation ${i}.`);
  }
  if (!(ANNOTATION_LEVELS as readonly unknown[]).includes(a.annotation_level)) throw invalid(`${JSON.stringify(a.annotation_level)} is not a member of ["notice", "warning", "failure"].`);
  const optInt = (k: string) => (Number.isInteger(a[k]) ? (a[k] as number) : null);
  const optStr = (k: string) => (typeof a[k] === 'string' ? (a[k] as string) : null);
  const start_column = optInt('start_column');
  const end_column = optInt('end_column');
  // GitHub ignores columns that span lines; keep them only on single-line annotations.
  const single = a.start_line === a.end_line;
  return {
    path: a.path as string,
    start_line: a.start_line as number,
    end_line: a.end_line as number,
    start_column: single ? start_column : null,
    end_column: single ? end_column : null,
    annotation_level: a.annotation_level as AnnotationRecord['annotation_level'],
    title: optStr('title'),
    message: a.message as string,
    raw_details: optStr('raw_details'),
  };
}

/** Applies `output` of a create/update body; annotations are appended, as GitHub does across updates. */
function applyOutput(ctx: HandlerContext, run: CheckRunRecord): void {
  const output = ctx.body.output;
  if (output === undefined || output === null) return;
  if (typeof output !== 'object' || Array.isArray(output)) throw invalid('For \'properties/output\', is not an object.');
  const o = output as Record<string, unknown>;
  if (typeof o.summary !== 'string') throw invalid('"summary" wasn\'t supplied.');
  if (typeof o.title !== 'string') throw invalid('"title" wasn\'t supplied.');
  for (const field of ['summary', 'text'] as const) {
    const value = o[field];
    if (typeof value === 'string' && value.length > MAX_OUTPUT_CHARS) {
      throw invalid(`Only ${MAX_OUTPUT_CHARS} characters are allowed for output.${field}; ${value.length} were supplied.`);
    }
  }
  const annotations = o.annotations ?? [];
  if (!Array.isArray(annotations)) throw invalid('For \'properties/annotations\', is not an array.');
  if (annotations.length > MAX_ANNOTATIONS) throw invalid(`For 'properties/annotations', ${annotations.length} items were supplied; only ${MAX_ANNOTATIONS} are allowed per request.`);
  const parsed = annotations.map(parseAnnotation);
  run.output = { title: o.title, summary: o.summary, text: typeof o.text === 'string' ? o.text : run.output.text };
  run.annotations.push(...parsed);
}

/** Applies status/conclusion/timestamps; a conclusion completes the run, as on GitHub. */
function applyState(ctx: HandlerContext, run: CheckRunRecord): void {
  const b = ctx.body;
  if (b.status !== undefined && !(CHECK_STATUSES as readonly unknown[]).includes(b.status)) throw validationFailed('CheckRun', 'status', 'invalid');
  if (b.conclusion !== undefined && b.conclusion !== null && !(CHECK_CONCLUSIONS as readonly unknown[]).includes(b.conclusion)) throw validationFailed('CheckRun', 'conclusion', 'invalid');
  const conclusion = typeof b.conclusion === 'string' ? (b.conclusion as CheckConclusion) : null;
  const status = conclusion ? 'completed' : ((b.status as CheckStatus | undefined) ?? run.status);
  if (status === 'completed' && !conclusion && run.conclusion === null) throw invalid('"conclusion" wasn\'t supplied.');
  if (typeof b.started_at === 'string') run.started_at = b.started_at;
  run.status = status;
  if (conclusion) run.conclusion = conclusion;
  if (status === 'completed') run.completed_at = typeof b.completed_at === 'string' ? b.completed_at : (run.completed_at ?? ctx.now());
  if (typeof b.details_url === 'string') run.details_url = b.details_url;
  if (typeof b.external_id === 'string') run.external_id = b.external_id;
  if (typeof b.name === 'string' && b.name !== '') run.name = b.name;
}

function emitCheckRun(env: EmulatorEnv, repo: RepoRecord, sender: string, action: string, run: CheckRunRecord): void {
  const world = env.world();
  const suite = world.checks.suites.find((s) => s.id === run.suite_id)!;
  const json = checkRunJson(world, env.baseUrl(), repo, run);
  emitEvent(env, repo, sender, 'check_run', { action, check_run: { ...json, app: webhookApp(json.app), check_suite: checkSuiteHookJson(world, env.baseUrl(), repo, suite) } });
}

function runParam(ctx: HandlerContext): CheckRunRecord {
  const id = numberParam(ctx, 'check_run_id');
  const run = ctx.world.checks.runs.find((r) => r.id === id && r.repo_id === ctx.repo.id);
  if (!run) throw notFound();
  return run;
}

function requireApp(ctx: HandlerContext): number {
  if (ctx.actor.kind !== 'installation') throw new GithubHttpError(403, 'You must authenticate via a GitHub App.');
  return ctx.world.app.id;
}

/** Routes: check runs. */
export const checkRoutes: RouteDef[] = [
  {
    operationId: 'checks/create',
    method: 'POST',
    path: '/repos/{owner}/{repo}/check-runs',
    access: WRITE,
    handle(ctx) {
      const appId = requireApp(ctx);
      const name = requireString(ctx, 'CheckRun', 'name');
      const headSha = requireString(ctx, 'CheckRun', 'head_sha');
      if (!/^[0-9a-f]{40}$/.test(headSha) || resolveCommit(ctx.world, ctx.repo, headSha) !== headSha) {
        throw validationFailed('CheckRun', 'head_sha', 'invalid', `No commit found for SHA: ${headSha}`);
      }
      const now = ctx.now();
      const branch = Object.entries(ctx.repo.refs).find(([ref, sha]) => ref.startsWith('refs/heads/') && sha === headSha)?.[0].slice('refs/heads/'.length) ?? null;
      const suite = suiteFor(ctx.world, ctx.repo.id, headSha, appId, branch, now);
      const run: CheckRunRecord = {
        id: nextId(ctx.world),
        repo_id: ctx.repo.id,
        suite_id: suite.id,
        name,
        head_sha: headSha,
        status: 'queued',
        conclusion: null,
        external_id: null,
        details_url: null,
        started_at: now,
        completed_at: null,
        output: { title: null, summary: null, text: null },
        annotations: [],
        app_id: appId,
      };
      applyState(ctx, run);
      applyOutput(ctx, run);
      ctx.world.checks.runs.push(run);
      const sender = actorLogin(ctx);
      emitCheckRun(ctx.env, ctx.repo, sender, 'created', run);
      if (run.status === 'completed') emitCheckRun(ctx.env, ctx.repo, sender, 'completed', run);
      return { status: 201, body: checkRunJson(ctx.world, ctx.env.baseUrl(), ctx.repo, run) };
    },
  },
  {
    operationId: 'checks/update',
    method: 'PATCH',
    path: '/repos/{owner}/{repo}/check-runs/{check_run_id}',
    access: WRITE,
    handle(ctx) {
      const appId = requireApp(ctx);
      const run = runParam(ctx);
      if (run.app_id !== appId) throw new GithubHttpError(403, 'Invalid app_id `' + appId + '` - check run can only be modified by the GitHub App that created it.');
      const wasCompleted = run.status === 'completed';
      // Validate everything before changing anything, so a 422 leaves the run as it was.
      const draft: CheckRunRecord = { ...run, output: { ...run.output }, annotations: [...run.annotations] };
      applyState(ctx, draft);
      applyOutput(ctx, draft);
      Object.assign(run, draft);
      if (!wasCompleted && run.status === 'completed') emitCheckRun(ctx.env, ctx.repo, actorLogin(ctx), 'completed', run);
      return { status: 200, body: checkRunJson(ctx.world, ctx.env.baseUrl(), ctx.repo, run) };
    },
  },
  {
    operationId: 'checks/get',
    method: 'GET',
    path: '/repos/{owner}/{repo}/check-runs/{check_run_id}',
    access: READ,
    handle: (ctx) => ({ status: 200, body: checkRunJson(ctx.world, ctx.env.baseUrl(), ctx.repo, runParam(ctx)) }),
  },
  {
    operationId: 'checks/list-annotations',
    method: 'GET',
    path: '/repos/{owner}/{repo}/check-runs/{check_run_id}/annotations',
    access: READ,
    handle(ctx) {
      const run = runParam(ctx);
      const { page, headers } = paginate(ctx, run.annotations);
      return { status: 200, headers, body: page.map((a) => annotationJson(ctx.env.baseUrl(), ctx.repo, run, a)) };
    },
  },
  {
    operationId: 'checks/list-for-ref',
    method: 'GET',
    path: '/repos/{owner}/{repo}/commits/{ref}/check-runs',
    access: READ,
    handle(ctx) {
      const ref = ctx.params.ref!;
      const sha = resolveCommit(ctx.world, ctx.repo, ref);
      if (!sha) throw new GithubHttpError(422, `No commit found for SHA: ${ref}`);
      const q = ctx.query;
      let runs = ctx.world.checks.runs
        .filter((r) => r.repo_id === ctx.repo.id && r.head_sha === sha)
        .filter((r) => !q.get('check_name') || r.name === q.get('check_name'))
        .filter((r) => !q.get('status') || r.status === q.get('status'))
        .filter((r) => !q.get('app_id') || r.app_id === Number(q.get('app_id')))
        .sort((a, b) => b.id - a.id);
      // `filter=latest` (the default): the newest run per name and app, as GitHub shows on the commit.
      if ((q.get('filter') ?? 'latest') === 'latest') {
        const seen = new Set<string>();
        runs = runs.filter((r) => {
          const key = `${r.app_id}:${r.name}`;
          return !seen.has(key) && seen.add(key);
        });
      }
      const { page, headers } = paginate(ctx, runs);
      return { status: 200, headers, body: { total_count: runs.length, check_runs: page.map((r) => checkRunJson(ctx.world, ctx.env.baseUrl(), ctx.repo, r)) } };
    },
  },
];
