/**
 * A `/mlops` comment, start to finish: 👀 at once (before any lookup, so the person sees it was heard), then one
 * run per comment (the lock `chatops/comment-<id>` against concurrent redeliveries, the reply's hidden marker against
 * later ones), then the role from the collaborator API, the target checks (fork PRs, a head that moved), the command,
 * and the reply with 🚀 or 👎.
 */
import { commandSpecs, decidePermission, decideTarget, helpText, ignoreReason, parseComment, type CommentEvent } from '../../lib/chatops/index.js';
import type { ResolvedConfig } from '../../lib/config/types.js';
import type { AppDeps } from '../deps.js';
import { roleOf } from '../github/pull-governance.js';
import { incidentOf } from '../incidents/acknowledge.js';
import type { ChatPull, ChatRequest, ChatResult } from './chat-request.js';
import { runCommand } from './run-command.js';

/** The comment delivery, as far as ChatOps reads it. */
export interface CommentDelivery extends CommentEvent {
  comment: { id: number; createdAt: string; url: string };
  issue: { number: number; isPull: boolean; body: string };
  repoUrl: string;
}

/** What happened (for logs and tests). */
export type CommentOutcome = { handled: false; reason: string } | { handled: true; ok: boolean; command: string };

/** The hidden marker of the reply to comment `id`. */
export const replyMarker = (id: number) => `<!-- mlops:chatops comment=${id} -->`;

type Reaction = 'eyes' | 'rocket' | '-1';

/** Handles one comment delivery; `loadConfig` is called only for commands that need the config. */
export async function handleComment(deps: AppDeps, event: CommentDelivery, loadConfig: () => Promise<ResolvedConfig | undefined>): Promise<CommentOutcome> {
  const ignored = ignoreReason(event);
  if (ignored) return { handled: false, reason: ignored };
  const parsed = parseComment(event.body);
  if (parsed.kind === 'none') return { handled: false, reason: 'no /mlops command' };
  const { gh, where } = deps;
  const react = (content: Reaction) => gh.rest.reactions.createForIssueComment({ ...where, comment_id: event.comment.id, content });
  await react('eyes');

  const lock = await deps.locks.tryAcquire(`chatops/comment-${event.comment.id}`, 10 * 60_000);
  if (!lock) return { handled: false, reason: 'another delivery of this comment is being handled' };
  try {
    const marker = replyMarker(event.comment.id);
    const later = await gh.paginate(gh.rest.issues.listComments, { ...where, issue_number: event.issue.number, since: event.comment.createdAt, per_page: 100 });
    if (later.some((c) => c.body?.startsWith(marker))) return { handled: false, reason: 'this comment was answered already (redelivery)' };

    const login = event.author.login;
    const role = await roleOf(gh, where, login);
    const reply = async (result: ChatResult, command: string): Promise<CommentOutcome> => {
      const quoted = `> ${parsed.line}\n\n@${login} ${result.text}`;
      await gh.rest.issues.createComment({ ...where, issue_number: event.issue.number, body: `${marker}\n${quoted}` });
      await react(result.ok ? 'rocket' : '-1');
      return { handled: true, ok: result.ok, command };
    };

    if (parsed.kind === 'invalid') {
      return reply({ ok: false, text: `👎 I could not read that command.\n\n${helpText({ role, problem: parsed.error, ...(parsed.suggestion ? { suggestion: parsed.suggestion } : {}) })}` }, parsed.name ?? 'invalid');
    }
    const command = parsed.command;
    const permission = decidePermission(command.name, login, role);
    if (!permission.allowed) return reply({ ok: false, text: `👎 ${permission.reason}.` }, command.name);

    const spec = commandSpecs[command.name];
    let pull: ChatPull | undefined;
    if (event.issue.isPull && (spec.place === 'pull-request' || spec.runsPullCode)) {
      const { data } = await gh.rest.pulls.get({ ...where, pull_number: event.issue.number });
      const fork = (data.head.repo?.full_name ?? '') !== (data.base.repo.full_name ?? `${where.owner}/${where.repo}`);
      // A fork's commits are not readable through this repository's git API: its date is not needed to refuse it.
      const headCommittedAt = fork ? '' : (await gh.rest.git.getCommit({ ...where, commit_sha: data.head.sha })).data.committer.date;
      pull = { number: data.number, headRef: data.head.ref, headSha: data.head.sha, fork, state: data.state as 'open' | 'closed', headCommittedAt };
    }
    const target = decideTarget(command.name, {
      kind: event.issue.isPull ? 'pull-request' : 'issue',
      ...(pull ? { fork: pull.fork, state: pull.state, headCommittedAt: pull.headCommittedAt || undefined, commentedAt: event.comment.createdAt } : {}),
      driftIssue: !event.issue.isPull && incidentOf(event.issue.body) !== undefined,
    } as Parameters<typeof decideTarget>[1]);
    if (!target.ok) return reply({ ok: false, text: `👎 ${target.reason}.` }, command.name);

    let config: ResolvedConfig | undefined;
    try {
      config = command.name === 'help' ? undefined : await loadConfig();
    } catch (error) {
      const found = (error as { diagnostics?: Array<{ message: string; location: { line?: number } }> }).diagnostics ?? [];
      const detail = found.map((d) => `line ${d.location.line ?? '?'}: ${d.message}`).join('; ');
      return reply({ ok: false, text: `👎 \`.github/mlops.yml\` is invalid${detail ? ` (${detail})` : `: ${(error as Error).message}`}: fix it (\`mlops config check\`) and comment again.` }, command.name);
    }
    const req: ChatRequest = { deps, ...(config ? { config } : {}), command, login, role, comment: event.comment, issue: event.issue, ...(pull ? { pull } : {}), repoUrl: event.repoUrl };
    let result: ChatResult;
    try {
      result = await runCommand(req);
    } catch (error) {
      deps.log.warn(`/mlops ${command.name} on #${event.issue.number} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      result = { ok: false, text: `👎 \`/mlops ${command.name}\` failed: ${error instanceof Error ? error.message : String(error)}. Comment the command again to retry.` };
    }
    return reply(result, command.name);
  } finally {
    await lock.release();
  }
}
