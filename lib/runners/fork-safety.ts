/**
 * Whether a workflow event may start a self-hosted runner. Self-hosted runners keep no isolation between the job and
 * the machine (and this one can reach the account's network), so code from a fork must never run on them.
 */

export interface ForkSafetyDecision {
  allowed: boolean;
  /** Machine-readable reason. */
  reason: 'not-a-pull-request' | 'same-repository' | 'fork-pull-request' | 'pull-request-target';
  message: string;
}

interface PullRequestPayload {
  pull_request?: { head?: { repo?: { full_name?: string; fork?: boolean } | null }; base?: { repo?: { full_name?: string } } };
  repository?: { full_name?: string };
}

/** Decides from the event name and payload (GITHUB_EVENT_NAME, GITHUB_EVENT_PATH) whether launching is safe. */
export function decideForkSafety(eventName: string | undefined, payload: unknown): ForkSafetyDecision {
  const p = (payload ?? {}) as PullRequestPayload;
  if (eventName === 'pull_request_target') {
    return {
      allowed: false,
      reason: 'pull-request-target',
      message:
        'refusing to launch a self-hosted runner for pull_request_target: it runs with the base repository\'s secrets, and checking out the PR head would run untrusted code on the runner',
    };
  }
  if (eventName !== 'pull_request' && eventName !== 'pull_request_review' && eventName !== 'pull_request_review_comment') {
    return { allowed: true, reason: 'not-a-pull-request', message: `event ${eventName ?? '(none)'} is not a pull request` };
  }
  const head = p.pull_request?.head?.repo;
  const base = p.pull_request?.base?.repo?.full_name ?? p.repository?.full_name;
  // A deleted fork shows as head.repo null: treat it as a fork.
  if (head === null || head === undefined || head.fork === true || (base !== undefined && head.full_name !== base)) {
    return {
      allowed: false,
      reason: 'fork-pull-request',
      message: `refusing to launch a self-hosted runner for a pull request from a fork (${head?.full_name ?? 'deleted repository'}): self-hosted runners must not run untrusted code`,
    };
  }
  return { allowed: true, reason: 'same-repository', message: `pull request from ${head.full_name ?? 'the same repository'}` };
}
