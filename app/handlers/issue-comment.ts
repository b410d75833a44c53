/** `issue_comment.created`: ChatOps commands (`/mlops …`) on pull requests and issues. Edits are not subscribed. */
import type { Context } from 'probot';
import { depsFor, type AppOptions } from '../app-options.js';
import { handleComment, type CommentOutcome } from '../chatops/handle-comment.js';
import { eventConfig } from './config.js';

/** Handles one comment delivery. */
export async function onIssueComment(context: Context<'issue_comment'>, options: AppOptions, appId: number): Promise<CommentOutcome> {
  const { comment, issue, sender, repository } = context.payload;
  const outcome = await handleComment(
    depsFor(context, options, appId),
    {
      action: context.payload.action,
      body: comment.body ?? '',
      author: { login: comment.user?.login ?? 'ghost', type: comment.user?.type ?? 'User' },
      sender: { login: sender.login, type: sender.type },
      comment: { id: comment.id, createdAt: comment.created_at, url: comment.html_url },
      issue: { number: issue.number, isPull: issue.pull_request !== undefined && issue.pull_request !== null, body: issue.body ?? '' },
      repoUrl: repository.html_url,
    },
    () => eventConfig(context),
  );
  if (outcome.handled) context.log.info(`/mlops ${outcome.command} on #${issue.number}: ${outcome.ok ? 'done' : 'refused'}`);
  return outcome;
}
