/**
 * Who may promote: repository roles from the collaborator permission API. Its `permission` field folds `maintain` into
 * `write` and `triage` into `read` (the legacy levels), so the role comes from `role_name`; a custom role's name is
 * not on the ladder, and then `permission` (the custom role's base) is the best evidence there is.
 */
import type { RepoRole } from '../policies/types.js';

/** Repository roles, weakest first (GitHub's order). */
export const roleLadder: readonly RepoRole[] = ['read', 'triage', 'write', 'maintain', 'admin'];

/** The collaborator API's answer, as far as roles go. */
export interface CollaboratorPermission {
  permission: string;
  role_name?: string | null;
}

/** The user's role on the ladder; `none` when they have no access. */
export function roleFromPermission(answer: CollaboratorPermission): RepoRole | 'none' {
  const name = (answer.role_name ?? '').toLowerCase();
  if ((roleLadder as readonly string[]).includes(name)) return name as RepoRole;
  const legacy = answer.permission.toLowerCase();
  if ((roleLadder as readonly string[]).includes(legacy)) return legacy as RepoRole;
  return 'none';
}

/** True when `role` is `min` or stronger. */
export function roleAtLeast(role: RepoRole | 'none', min: RepoRole): boolean {
  return role !== 'none' && roleLadder.indexOf(role) >= roleLadder.indexOf(min);
}
