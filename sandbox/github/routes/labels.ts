/** Repository labels and labels on issues. */
import { optionalString, paginate, requireString } from '../context.js';
import { GithubHttpError, validationFailed } from '../errors.js';
import { emitIssue, emitPull } from '../events.js';
import { nextId } from '../model.js';
import { actorLogin } from '../repo-ops.js';
import type { RouteDef } from '../router.js';
import { labelJson } from '../serialize-core.js';
import { ensureLabels, findIssue, labelNames } from './issues.js';

/** Routes: issues/create-label, issues/list-labels-for-repo, issues/add-labels. */
export const labelRoutes: RouteDef[] = [
  {
    operationId: 'issues/create-label',
    method: 'POST',
    path: '/repos/{owner}/{repo}/labels',
    access: { role: 'write', appPermission: 'issues' },
    handle(ctx) {
      const name = requireString(ctx, 'Label', 'name');
      const color = (optionalString(ctx, 'Label', 'color') ?? 'ededed').replace(/^#/, '');
      if (!/^[0-9a-fA-F]{6}$/.test(color)) throw validationFailed('Label', 'color', 'invalid');
      if (ctx.repo.labels.some((l) => l.name.toLowerCase() === name.toLowerCase())) throw validationFailed('Label', 'name', 'already_exists');
      const label = { id: nextId(ctx.world), name, color: color.toLowerCase(), description: optionalString(ctx, 'Label', 'description') ?? null, default: false };
      ctx.repo.labels.push(label);
      return { status: 201, body: labelJson(ctx.env.baseUrl(), ctx.repo, label) };
    },
  },
  {
    operationId: 'issues/list-labels-for-repo',
    method: 'GET',
    path: '/repos/{owner}/{repo}/labels',
    access: { role: 'read', appPermission: 'issues' },
    handle(ctx) {
      const { page, headers } = paginate(ctx, ctx.repo.labels);
      return { status: 200, headers, body: page.map((l) => labelJson(ctx.env.baseUrl(), ctx.repo, l)) };
    },
  },
  {
    operationId: 'issues/add-labels',
    method: 'POST',
    path: '/repos/{owner}/{repo}/issues/{issue_number}/labels',
    access: { role: 'triage', appPermission: 'issues' },
    handle(ctx) {
      const issue = findIssue(ctx);
      const names = labelNames(ctx.body.labels);
      if (names.length === 0) throw new GithubHttpError(422, 'Invalid request.\n\nNo subschema in "anyOf" matched.');
      ensureLabels(ctx.world, ctx.repo, names);
      const sender = actorLogin(ctx);
      for (const name of names) {
        const label = ctx.repo.labels.find((l) => l.name.toLowerCase() === name.toLowerCase())!;
        if (issue.labels.includes(label.name)) continue;
        issue.labels.push(label.name);
        const extra = { label: labelJson(ctx.env.baseUrl(), ctx.repo, label) };
        const pull = issue.pull ? ctx.repo.pulls.find((p) => p.number === issue.number) : undefined;
        if (pull) emitPull(ctx.env, ctx.repo, sender, 'labeled', pull, extra);
        else emitIssue(ctx.env, ctx.repo, sender, 'labeled', issue, extra);
      }
      issue.updated_at = ctx.now();
      const labels = issue.labels.map((n) => ctx.repo.labels.find((l) => l.name === n)!).map((l) => labelJson(ctx.env.baseUrl(), ctx.repo, l));
      return { status: 200, body: labels };
    },
  },
];
