/**
 * Pull request approvals as governance counts them. Only a person's latest decisive review counts (COMMENTED reviews
 * decide nothing; a later review replaces an earlier one, as on GitHub). An approval counts only on the PR's head
 * commit: one given on an older commit is stale (the code changed after it). A latest review that requests changes
 * blocks, whatever its commit. The author cannot approve their own PR.
 */

/** One review as the reviews API lists it. */
export interface Review {
  id: number;
  user: string;
  state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED' | 'PENDING';
  /** The commit the review was given on. */
  commitId: string;
  submittedAt?: string;
}

/** The approvals rules of a policy (plus the owners, resolved by the caller). */
export interface ApprovalRules {
  required: number;
  requireOwner: boolean;
  /** A latest CHANGES_REQUESTED review blocks (policy `dismiss_on_changes_requested`). */
  changesRequestedBlocks: boolean;
  /** Logins whose approval satisfies `requireOwner` (the owner user, the owner team's members, CODEOWNERS users). */
  owners: string[];
  /** Owners as written, for messages (`@acme/ml-team`). */
  ownerLabel: string;
}

/** The verdict with its evidence. */
export interface ApprovalDecision {
  ok: boolean;
  /** Logins whose latest review approves the head commit. */
  approvedBy: string[];
  /** Logins whose latest approval is on an older commit. */
  stale: string[];
  /** Logins whose latest decisive review requests changes. */
  changesRequested: string[];
  ownerApproved: boolean;
  /** One sentence per unmet rule. */
  problems: string[];
}

/** Decides whether `reviews` satisfy `rules` for a PR by `author` whose head is `headSha`. */
export function evaluateApprovals(reviews: Review[], headSha: string, author: string, rules: ApprovalRules): ApprovalDecision {
  const latest = new Map<string, Review>();
  for (const r of [...reviews].sort((a, b) => a.id - b.id)) {
    if (r.state === 'COMMENTED' || r.state === 'PENDING') continue;
    if (r.user.toLowerCase() === author.toLowerCase()) continue;
    latest.set(r.user, r);
  }
  const approvedBy: string[] = [];
  const stale: string[] = [];
  const changesRequested: string[] = [];
  for (const [user, r] of latest) {
    if (r.state === 'APPROVED') (r.commitId === headSha ? approvedBy : stale).push(user);
    else if (r.state === 'CHANGES_REQUESTED') changesRequested.push(user);
  }
  const owners = new Set(rules.owners.map((o) => o.toLowerCase()));
  const ownerApproved = approvedBy.some((u) => owners.has(u.toLowerCase()));
  const problems: string[] = [];
  if (approvedBy.length < rules.required) {
    const staleNote = stale.length > 0 ? ` (${stale.map((u) => `@${u}`).join(', ')} approved an older commit)` : '';
    problems.push(`${approvedBy.length} of ${rules.required} required approval${rules.required === 1 ? '' : 's'} on head ${headSha.slice(0, 7)}${staleNote}`);
  }
  if (rules.requireOwner && !ownerApproved) problems.push(`no approval on head ${headSha.slice(0, 7)} from the owner ${rules.ownerLabel}`);
  if (rules.changesRequestedBlocks && changesRequested.length > 0) problems.push(`changes requested by ${changesRequested.map((u) => `@${u}`).join(', ')}`);
  const sort = (xs: string[]) => xs.sort((a, b) => a.localeCompare(b));
  return { ok: problems.length === 0, approvedBy: sort(approvedBy), stale: sort(stale), changesRequested: sort(changesRequested), ownerApproved, problems };
}
