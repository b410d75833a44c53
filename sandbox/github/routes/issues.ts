/** Issues: create, read, update (state, labels, assignees), list with filters, add assignees. */
import { optionalString, optionalStrings, numberParam, paginate, requireRole, requireString, roleAtLeast, type HandlerContext } from '../context.js';
import { notFound, validationFailed } from '../errors.js';
import { emitIssue, emitPull } from '../events.js';
import { findUser, nextId, type IssueRecord, type RepoRecord, type World } from '../model.js';
import { actorLogin } from '../repo-ops.js';
import type { RouteDef } from '../router.js';
import { issueJson } from '../serialize-issues.js';
import { labelJson, userByLogin } from '../serialize-core.js';

const issues = { role: 'read', appPermission: 'issues' } as const;

/** The issue (or pull request's issue) with this number, or 404. */
export function findIssue(ctx: HandlerContext): IssueRecord {
  const n = numberParam(ctx, 'issue_number');
  const issue = ctx.repo.issues.find((i) => i.number === n);
  if (!issue) throw notFound();
  return issue;
}

/** Names from a `labels` body value: strings or `{ name }` objects. */
export function labelNames(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [];
  return list.map((l) => (typeof l === 'string' ? l : typeof l === 'object' && l && 'name' in l ? String((l as { name: unknown }).name) : '')).filter((n) => n !== '');
}

/** Makes sure labels exist on the repository (GitHub creates unknown ones when they are applied). */
export function ensureLabels(world: World, repo: RepoRecord, names: string[]): void {
  for (const name of names) {
    if (!repo.labels.some((l) => l.name.toLowerCase() === name.toLowerCase())) {
      repo.labels.push({ id: nextId(world), name, color: 'ededed', description: null, default: false });
    }
  }
}

/** Assignees must be able to see the repository (collaborators, or anyone for public repos), else 422. */
export function checkAssignees(ctx: HandlerContext, logins: string[]): void {
  for (const login of logins) {
    const user = findUser(ctx.world, login);
    if (!user || !ctx.repo.collaborators[user.login]) throw validationFailed('Issue', 'assignees', 'invalid', `Invalid assignee: ${login}`);
  }
}

function announce(ctx: HandlerContext, issue: IssueRecord, action: string, extra: Record<string, unknown> = {}): void {
  const sender = actorLogin(ctx);
  if (issue.pull) {
    const pull = ctx.repo.pulls.find((p) => p.number === issue.number)!;
    emitPull(ctx.env, ctx.repo, sender, action, pull, extra);
  } else {
    emitIssue(ctx.env, ctx.repo, sender, action, issue, extra);
  }
}

/** Applies an update body to an issue and emits edited/closed/reopened/labeled/assigned; shared with pulls/update. */
export function updateIssue(ctx: HandlerContext, issue: IssueRecord): void {
  const isAuthor = ctx.actor.user?.login === issue.user;
  const triage = roleAtLeast(ctx.role, 'triage') || ctx.actor.kind === 'installation';
  const title = optionalString(ctx, 'Issue', 'title');
  const body = ctx.body.body === null ? null : optionalString(ctx, 'Issue', 'body');
  const state = optionalString(ctx, 'Issue', 'state');
  if (state !== undefined && state !== 'open' && state !== 'closed') throw validationFailed('Issue', 'state', 'invalid');
  if (title !== undefined || body !== undefined || state !== undefined) requireRole(ctx, 'triage', isAuthor);
  const changes: Record<string, unknown> = {};
  if (title !== undefined && title !== issue.title) {
    changes.title = { from: issue.title };
    issue.title = title;
  }
  if (body !== undefined && body !== issue.body) {
    changes.body = { from: issue.body ?? '' };
    issue.body = body;
  }
  let labelsAdded: string[] = [];
  if (ctx.body.labels !== undefined && triage) {
    const names = labelNames(ctx.body.labels);
    ensureLabels(ctx.world, ctx.repo, names);
    labelsAdded = names.filter((n) => !issue.labels.includes(n));
    issue.labels = names;
  }
  let assigneesAdded: string[] = [];
  const assignees = optionalStrings(ctx, 'Issue', 'assignees') ?? (typeof ctx.body.assignee === 'string' ? [ctx.body.assignee] : undefined);
  if (assignees !== undefined && triage) {
    checkAssignees(ctx, assignees);
    assigneesAdded = assignees.filter((a) => !issue.assignees.includes(a));
    issue.assignees = assignees;
  }
  issue.updated_at = ctx.now();
  if (Object.keys(changes).length > 0) announce(ctx, issue, 'edited', { changes });
  for (const name of labelsAdded) {
    const label = ctx.repo.labels.find((l) => l.name.toLowerCase() === name.toLowerCase())!;
    announce(ctx, issue, 'labeled', { label: labelJson(ctx.env.baseUrl(), ctx.repo, label) });
  }
  for (const login of assigneesAdded) announce(ctx, issue, 'assigned', { assignee: userByLogin(ctx.world, ctx.env.baseUrl(), login) });
  if (state !== undefined && state !== issue.state) {
    issue.state = state;
    issue.closed_at = state === 'closed' ? ctx.now() : null;
    issue.closed_by = state === 'closed' ? actorLogin(ctx) : null;
    issue.state_reason = state === 'closed' ? (typeof ctx.body.state_reason === 'string' ? ctx.body.state_reason : 'completed') : 'reopened';
    announce(ctx, issue, state === 'closed' ? 'closed' : 'reopened');
  }
}

/** Creates an issue record (or the issue half of a pull request). */
export function createIssueRecord(ctx: HandlerContext, title: string, body: string | null, pull: boolean): IssueRecord {
  const now = ctx.now();
  const number = ctx.repo.issues.reduce((n, i) => Math.max(n, i.number), 0) + 1;
  const issue: IssueRecord = {
    id: nextId(ctx.world),
    number,
    title,
    body,
    user: actorLogin(ctx),
    state: 'open',
    state_reason: null,
    labels: [],
    assignees: [],
    locked: false,
    created_at: now,
    updated_at: now,
    closed_at: null,
    closed_by: null,
    pull,
  };
  ctx.repo.issues.push(issue);
  return issue;
}

/** Routes: issues/create, issues/get, issues/update, issues/list-for-repo, issues/add-assignees. */
export const issueRoutes: RouteDef[] = [
  {
    operationId: 'issues/create',
    method: 'POST',
    path: '/repos/{owner}/{repo}/issues',
    access: issues,
    handle(ctx) {
      const title = requireString(ctx, 'Issue', 'title');
      const issue = createIssueRecord(ctx, title, optionalString(ctx, 'Issue', 'body') ?? null, false);
      // Only people with triage can label and assign on creation; GitHub silently drops them for others.
      if (roleAtLeast(ctx.role, 'triage')) {
        const labels = labelNames(ctx.body.labels);
        ensureLabels(ctx.world, ctx.repo, labels);
        issue.labels = labels;
        const assignees = optionalStrings(ctx, 'Issue', 'assignees') ?? [];
        checkAssignees(ctx, assignees);
        issue.assignees = assignees;
      }
      emitIssue(ctx.env, ctx.repo, issue.user, 'opened', issue);
      return {
        status: 201,
        headers: { location: `${ctx.env.baseUrl()}/repos/${ctx.repo.owner}/${ctx.repo.name}/issues/${issue.number}` },
        body: issueJson(ctx.world, ctx.env.baseUrl(), ctx.repo, issue),
      };
    },
  },
  {
    operationId: 'issues/get',
    method: 'GET',
    path: '/repos/{owner}/{repo}/issues/{issue_number}',
    access: issues,
    handle: (ctx) => ({ status: 200, body: issueJson(ctx.world, ctx.env.baseUrl(), ctx.repo, findIssue(ctx)) }),
  },
  {
    operationId: 'issues/update',
    method: 'PATCH',
    path: '/repos/{owner}/{repo}/issues/{issue_number}',
    access: issues,
    handle(ctx) {
      const issue = findIssue(ctx);
      updateIssue(ctx, issue);
      return { status: 200, body: issueJson(ctx.world, ctx.env.baseUrl(), ctx.repo, issue) };
    },
  },
  {
    operationId: 'issues/list-for-repo',
    method: 'GET',
    path: '/repos/{owner}/{repo}/issues',
    access: issues,
    handle(ctx) {
      const state = ctx.query.get('state') ?? 'open';
      const labels = (ctx.query.get('labels') ?? '').split(',').map((l) => l.trim()).filter((l) => l !== '');
      const assignee = ctx.query.get('assignee');
      const creator = ctx.query.get('creator');
      const since = ctx.query.get('since');
      const sort = ctx.query.get('sort') ?? 'created';
      const asc = ctx.query.get('direction') === 'asc';
      let list = ctx.repo.issues.filter((i) => state === 'all' || i.state === state);
      list = list.filter((i) => labels.every((l) => i.labels.some((x) => x.toLowerCase() === l.toLowerCase())));
      if (assignee === 'none') list = list.filter((i) => i.assignees.length === 0);
      else if (assignee === '*') list = list.filter((i) => i.assignees.length > 0);
      else if (assignee) list = list.filter((i) => i.assignees.includes(assignee));
      if (creator) list = list.filter((i) => i.user === creator);
      if (since) list = list.filter((i) => i.updated_at >= since);
      const key = (i: IssueRecord) => (sort === 'updated' ? i.updated_at : '') + String(i.number).padStart(10, '0');
      list = [...list].sort((a, b) => (key(a) < key(b) ? -1 : 1));
      if (!asc) list.reverse();
      const { page, headers } = paginate(ctx, list);
      return { status: 200, headers, body: page.map((i) => issueJson(ctx.world, ctx.env.baseUrl(), ctx.repo, i)) };
    },
  },
  {
    operationId: 'issues/add-assignees',
    method: 'POST',
    path: '/repos/{owner}/{repo}/issues/{issue_number}/assignees',
    access: { role: 'triage', appPermission: 'issues' },
    handle(ctx) {
      const issue = findIssue(ctx);
      const assignees = optionalStrings(ctx, 'Issue', 'assignees') ?? [];
      checkAssignees(ctx, assignees);
      for (const login of assignees) {
        if (issue.assignees.includes(login)) continue;
        issue.assignees.push(login);
        announce(ctx, issue, 'assigned', { assignee: userByLogin(ctx.world, ctx.env.baseUrl(), login) });
      }
      issue.updated_at = ctx.now();
      return { status: 201, body: issueJson(ctx.world, ctx.env.baseUrl(), ctx.repo, issue) };
    },
  },
];
