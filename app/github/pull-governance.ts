/**
 * Governance facts of a pull request gathered from GitHub: reviews (with the commit each was given on), the required
 * owners (CODEOWNERS of the model's files, else the model owner; teams expanded when the app may list members), and
 * people's roles from the collaborator API's `role_name`.
 */
import type { ResolvedModel } from '../../lib/config/types.js';
import {
  evaluateApprovals, modelFiles, ownersOfPaths, requiredOwners, roleFromPermission, teamsIn, type ApprovalDecision, type Review,
} from '../../lib/governance/index.js';
import type { RepoRole, ResolvedPolicy } from '../../lib/policies/types.js';
import { isHttpStatus, type GitHub, type RepoRef } from './client.js';
import { readCodeowners } from './repo-settings.js';

/** A user's role on the repository, `none` without access. */
export async function roleOf(gh: GitHub, where: RepoRef, login: string): Promise<RepoRole | 'none'> {
  try {
    const { data } = await gh.rest.repos.getCollaboratorPermissionLevel({ ...where, username: login });
    return roleFromPermission({ permission: data.permission, role_name: (data as { role_name?: string }).role_name ?? null });
  } catch (error) {
    if (isHttpStatus(error, 404, 403)) return 'none';
    throw error;
  }
}

/** A PR's reviews in lib/governance's shape. */
export async function listReviews(gh: GitHub, where: RepoRef, pullNumber: number): Promise<Review[]> {
  const reviews = await gh.paginate(gh.rest.pulls.listReviews, { ...where, pull_number: pullNumber, per_page: 100 });
  return reviews.map((r) => ({ id: r.id, user: r.user?.login ?? 'ghost', state: r.state as Review['state'], commitId: r.commit_id ?? '', ...(r.submitted_at ? { submittedAt: r.submitted_at } : {}) }));
}

/** What the approvals of a model PR look like now. */
export interface PullGovernance {
  number: number;
  url: string;
  author: string;
  headSha: string;
  mergedBy?: string;
  labels: string[];
  approvals: ApprovalDecision;
  /** Approvers on the head commit with their roles. */
  reviewers: Array<{ login: string; role: RepoRole | 'none' }>;
}

/** Evaluates a PR's approvals for `model` under `policy`. */
export async function pullGovernance(gh: GitHub, where: RepoRef, pullNumber: number, model: ResolvedModel, policy: ResolvedPolicy): Promise<PullGovernance> {
  const { data: pull } = await gh.rest.pulls.get({ ...where, pull_number: pullNumber });
  const files = (await gh.paginate(gh.rest.pulls.listFiles, { ...where, pull_number: pullNumber, per_page: 100 })).map((f) => f.filename);
  const rules = await readCodeowners(gh, where, pull.base.ref);
  const codeowners = ownersOfPaths(rules, modelFiles(model.paths, files));
  const teamMembers: Record<string, string[] | undefined> = {};
  for (const team of teamsIn(codeowners.length > 0 ? codeowners : [model.owner])) {
    const [org, slug] = team.split('/') as [string, string];
    try {
      teamMembers[team] = (await gh.paginate(gh.rest.teams.listMembersInOrg, { org, team_slug: slug, per_page: 100 })).map((m) => m.login);
    } catch (error) {
      if (!isHttpStatus(error, 403, 404)) throw error;
      teamMembers[team] = undefined;
    }
  }
  const owners = requiredOwners({ modelOwner: model.owner, codeowners, teamMembers });
  const reviews = await listReviews(gh, where, pullNumber);
  const author = pull.user.login;
  const approvals = evaluateApprovals(reviews, pull.head.sha, author, {
    required: Math.max(policy.approvals.required, model.promotion.required_approvals),
    requireOwner: policy.approvals.require_owner,
    changesRequestedBlocks: policy.approvals.dismiss_on_changes_requested,
    owners: owners.logins,
    ownerLabel: owners.unresolvedTeams.length > 0 ? `${owners.label} (members of ${owners.unresolvedTeams.join(', ')} could not be listed)` : owners.label,
  });
  const reviewers = await Promise.all(approvals.approvedBy.map(async (login) => ({ login, role: await roleOf(gh, where, login) })));
  return {
    number: pull.number,
    url: pull.html_url,
    author,
    headSha: pull.head.sha,
    ...(pull.merged_by ? { mergedBy: pull.merged_by.login } : {}),
    labels: pull.labels.map((l) => l.name),
    approvals,
    reviewers,
  };
}
