/**
 * Comments keyed by a hidden marker: created once, edited in place after. GitHub has no unique key for a comment, so
 * callers run this under a lock (lib/locks) named after the marker; the marker makes redeliveries find the first copy.
 */
import type { GitHub, RepoRef } from './client.js';

/** Creates the comment carrying `marker` on issue/PR `number`, or edits it when the text changed. Returns its id. */
export async function upsertMarkedComment(gh: GitHub, where: RepoRef, number: number, marker: string, body: string): Promise<{ id: number; created: boolean }> {
  const text = `${marker}\n${body}`;
  const comments = await gh.paginate(gh.rest.issues.listComments, { ...where, issue_number: number, per_page: 100 });
  const found = comments.find((c) => c.body?.startsWith(marker));
  if (found) {
    if (found.body !== text) await gh.rest.issues.updateComment({ ...where, comment_id: found.id, body: text });
    return { id: found.id, created: false };
  }
  const { data } = await gh.rest.issues.createComment({ ...where, issue_number: number, body: text });
  return { id: data.id, created: true };
}
