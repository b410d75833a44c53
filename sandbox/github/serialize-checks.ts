/** API shapes for check runs, check suites, annotations and commit statuses (OpenAPI `check-run`, `status`, …). */
import { fullName, type RepoRecord, type World } from './model.js';
import type { AnnotationRecord, CheckRunRecord, CheckSuiteRecord, StatusRecord, StatusState } from './model-checks.js';
import { appJson, nodeId, repoJson, userByLogin } from './serialize-core.js';

/** The app a record names, as `integration`, or null. */
function appFor(world: World, base: string, appId: number | null): Record<string, unknown> | null {
  return appId !== null && appId === world.app.id ? appJson(world, base, world.app) : null;
}

/** Open pull requests of `repo` whose head is `sha` (what `pull_requests` of check runs and suites lists). */
function pullsAt(world: World, base: string, repo: RepoRecord, sha: string): Record<string, unknown>[] {
  const url = `${base}/repos/${fullName(repo)}`;
  const mini = { id: repo.id, url, name: repo.name };
  return repo.pulls
    .filter((p) => p.head_sha === sha && p.head_repo === fullName(repo) && repo.issues.some((i) => i.number === p.number && i.state === 'open'))
    .map((p) => ({
      url: `${url}/pulls/${p.number}`,
      id: p.id,
      number: p.number,
      head: { ref: p.head_ref, sha: p.head_sha, repo: mini },
      base: { ref: p.base_ref, sha: p.base_sha, repo: mini },
    }));
}

/** The app as webhook payloads carry it: no `client_id`/`installations_count` (REST-only in GitHub's payload schemas). */
export function webhookApp(app: unknown): unknown {
  if (!app || typeof app !== 'object') return app;
  const { client_id: _c, installations_count: _i, ...rest } = app as Record<string, unknown>;
  return rest;
}

/** `check-run`. */
export function checkRunJson(world: World, base: string, repo: RepoRecord, run: CheckRunRecord): Record<string, unknown> {
  const url = `${base}/repos/${fullName(repo)}/check-runs/${run.id}`;
  return {
    id: run.id,
    head_sha: run.head_sha,
    node_id: nodeId('CR', run.id),
    external_id: run.external_id ?? '',
    url,
    html_url: `${base}/${fullName(repo)}/runs/${run.id}`,
    details_url: run.details_url ?? `${base}/${fullName(repo)}/runs/${run.id}`,
    status: run.status,
    conclusion: run.conclusion,
    started_at: run.started_at,
    completed_at: run.completed_at,
    output: {
      title: run.output.title,
      summary: run.output.summary,
      text: run.output.text,
      annotations_count: run.annotations.length,
      annotations_url: `${url}/annotations`,
    },
    name: run.name,
    check_suite: { id: run.suite_id },
    app: appFor(world, base, run.app_id),
    pull_requests: pullsAt(world, base, repo, run.head_sha),
  };
}

/** The check suite as `check_run` webhooks embed it (status/conclusion rolled up from its runs). */
export function checkSuiteHookJson(world: World, base: string, repo: RepoRecord, suite: CheckSuiteRecord): Record<string, unknown> {
  const runs = world.checks.runs.filter((r) => r.suite_id === suite.id);
  const status = runs.every((r) => r.status === 'completed') ? 'completed' : runs.some((r) => r.status === 'in_progress') ? 'in_progress' : 'queued';
  const order = ['action_required', 'cancelled', 'timed_out', 'failure', 'neutral', 'success'] as const;
  const conclusion = status !== 'completed' ? null : (order.find((c) => runs.some((r) => r.conclusion === c)) ?? (runs.length > 0 ? 'success' : null));
  const updated = runs.map((r) => r.completed_at ?? r.started_at).sort().pop() ?? suite.created_at;
  return {
    id: suite.id,
    node_id: nodeId('CS', suite.id),
    head_branch: suite.head_branch,
    head_sha: suite.head_sha,
    status,
    conclusion,
    url: `${base}/repos/${fullName(repo)}/check-suites/${suite.id}`,
    before: null,
    after: suite.head_sha,
    pull_requests: pullsAt(world, base, repo, suite.head_sha),
    app: webhookApp(appFor(world, base, suite.app_id)),
    created_at: suite.created_at,
    updated_at: updated,
  };
}

/** `check-annotation`. */
export function annotationJson(base: string, repo: RepoRecord, run: CheckRunRecord, a: AnnotationRecord): Record<string, unknown> {
  return {
    path: a.path,
    start_line: a.start_line,
    end_line: a.end_line,
    start_column: a.start_column,
    end_column: a.end_column,
    annotation_level: a.annotation_level,
    title: a.title,
    message: a.message,
    raw_details: a.raw_details,
    blob_href: `${base}/${fullName(repo)}/blob/${run.head_sha}/${a.path.split('/').map(encodeURIComponent).join('/')}`,
  };
}

/** `status` (POST statuses, list statuses for a ref). */
export function statusJson(world: World, base: string, repo: RepoRecord, s: StatusRecord): Record<string, unknown> {
  const creator = userByLogin(world, base, s.creator);
  return {
    url: `${base}/repos/${fullName(repo)}/statuses/${s.sha}`,
    avatar_url: (creator?.avatar_url as string | undefined) ?? null,
    id: s.id,
    node_id: nodeId('SC', s.id),
    state: s.state,
    description: s.description,
    target_url: s.target_url,
    context: s.context,
    created_at: s.created_at,
    updated_at: s.updated_at,
    creator,
  };
}

/**
 * The combined state GitHub reports: `failure` if any latest status per context is error/failure, `pending` if any is
 * pending or there are none, otherwise `success`.
 */
export function combinedState(latest: StatusRecord[]): StatusState {
  if (latest.some((s) => s.state === 'error' || s.state === 'failure')) return 'failure';
  if (latest.length === 0 || latest.some((s) => s.state === 'pending')) return 'pending';
  return 'success';
}

/** The newest status per context, newest first. */
export function latestPerContext(statuses: StatusRecord[]): StatusRecord[] {
  const seen = new Set<string>();
  return [...statuses].sort((a, b) => b.id - a.id).filter((s) => !seen.has(s.context) && seen.add(s.context));
}

/** `combined-commit-status`: the state over every context's latest status, listing `shown` (one page of them). */
export function combinedStatusJson(world: World, base: string, repo: RepoRecord, sha: string, latest: StatusRecord[], shown = latest): Record<string, unknown> {
  const url = `${base}/repos/${fullName(repo)}`;
  return {
    state: combinedState(latest),
    statuses: shown.map((s) => {
      const { creator: _notInCombined, ...rest } = statusJson(world, base, repo, s);
      return { ...rest, required: false };
    }),
    sha,
    total_count: latest.length,
    repository: repoJson(world, base, repo),
    commit_url: `${url}/commits/${sha}`,
    url: `${url}/commits/${sha}/status`,
  };
}
