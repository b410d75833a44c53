/**
 * One sticky comment per model on a pull request, found by its hidden marker and edited in place.
 *
 * GitHub has no unique key for comments, so two runs of the same pull request can both find none and both create
 * one. Strategy: create-then-reconcile. After creating, list the marker comments again; the oldest (lowest id) is the
 * sticky one. A run whose own comment is younger deletes it and writes its body into the oldest instead, so every
 * race ends with exactly one comment holding the last writer's body. Common cases: an existing comment costs a list
 * and an edit (2 requests); a first comment a list, a create and the reconciling list (3).
 * Only comments written by a bot count: a person pasting the marker into a comment cannot capture the sticky one.
 */
import type { getOctokit } from '@actions/github';

/** The Octokit `@actions/github` hands out. */
export type ActionsOctokit = ReturnType<typeof getOctokit>;

/** Where the comment goes and what it says. */
export interface StickyTarget {
  owner: string;
  repo: string;
  issueNumber: number;
  /** The hidden marker line that starts the body, e.g. `<!-- mlops:pr-comment model=churn -->`. */
  marker: string;
  body: string;
}

/** What was done: the comment's id and URL, and whether it was created, updated, or a duplicate was reconciled. */
export interface StickyResult {
  id: number;
  url: string;
  action: 'created' | 'updated' | 'reconciled';
}

interface CommentLike {
  id: number;
  html_url: string;
  body?: string | undefined;
  user: { type?: string } | null;
}

async function markerComments(octokit: ActionsOctokit, t: StickyTarget): Promise<CommentLike[]> {
  const found: CommentLike[] = [];
  for await (const page of octokit.paginate.iterator(octokit.rest.issues.listComments, { owner: t.owner, repo: t.repo, issue_number: t.issueNumber, per_page: 100 })) {
    for (const c of page.data as CommentLike[]) if (c.user?.type === 'Bot' && (c.body ?? '').startsWith(t.marker)) found.push(c);
  }
  return found.sort((a, b) => a.id - b.id);
}

/** Creates or updates the sticky comment; see the module comment. */
export async function upsertStickyComment(octokit: ActionsOctokit, t: StickyTarget): Promise<StickyResult> {
  const base = { owner: t.owner, repo: t.repo };
  const existing = await markerComments(octokit, t);
  if (existing.length > 0) {
    const keep = existing[0]!;
    const updated = await octokit.rest.issues.updateComment({ ...base, comment_id: keep.id, body: t.body });
    // Leftovers of an earlier race that ended badly: remove them too.
    for (const extra of existing.slice(1)) await deleteQuietly(octokit, base, extra.id);
    return { id: keep.id, url: updated.data.html_url, action: 'updated' };
  }
  const created = await octokit.rest.issues.createComment({ ...base, issue_number: t.issueNumber, body: t.body });
  const after = await markerComments(octokit, t);
  const oldest = after[0];
  if (!oldest || oldest.id === created.data.id) {
    for (const extra of after.slice(1)) if (extra.id > created.data.id) await deleteQuietly(octokit, base, extra.id);
    return { id: created.data.id, url: created.data.html_url, action: 'created' };
  }
  // Another run created its comment first: ours is the younger duplicate.
  await deleteQuietly(octokit, base, created.data.id);
  const updated = await octokit.rest.issues.updateComment({ ...base, comment_id: oldest.id, body: t.body });
  return { id: oldest.id, url: updated.data.html_url, action: 'reconciled' };
}

/** Deletes a comment; one already deleted (by the other run of a race) is fine. */
async function deleteQuietly(octokit: ActionsOctokit, base: { owner: string; repo: string }, id: number): Promise<void> {
  try {
    await octokit.rest.issues.deleteComment({ ...base, comment_id: id });
  } catch (error) {
    if ((error as { status?: number }).status !== 404) throw error;
  }
}
