/**
 * Safety decisions of ChatOps, before anything acts: which comments are ours to read at all (new comments by people,
 * not edits and not bots — our own replies included, which would otherwise loop), and whether a command may act on its
 * target (fork pull requests never get our runners; a command acts on the PR head as of the comment, so a head that
 * moved since is refused; commands that belong to a PR or a drift issue are refused elsewhere).
 */
import { commandSpecs, type CommandName } from './commands.js';

/** The parts of an `issue_comment` delivery the first decision reads. */
export interface CommentEvent {
  action: string;
  body: string;
  author: { login: string; type: string };
  sender?: { login: string; type: string };
}

/** Why a comment is not read (undefined: read it). */
export function ignoreReason(event: CommentEvent): string | undefined {
  if (event.action !== 'created') return `comment ${event.action}: only new comments run commands (an edit never runs one twice)`;
  const bot = (u: { login: string; type: string } | undefined) => u !== undefined && (u.type === 'Bot' || u.login.endsWith('[bot]'));
  if (bot(event.author) || bot(event.sender)) return `comment by the bot @${event.author.login}`;
  return undefined;
}

/** What the command is aimed at. */
export interface CommandTarget {
  kind: 'pull-request' | 'issue';
  /** Pull requests: true when the head branch lives in another repository. */
  fork?: boolean;
  /** Issues: true when the issue is a gh-mlops drift incident. */
  driftIssue?: boolean;
  /** Pull requests: when the head commit was committed (ISO), and the comment's creation time. */
  headCommittedAt?: string;
  commentedAt?: string;
  /** Pull requests: closed or merged PRs have no head to train. */
  state?: 'open' | 'closed';
}

/** A target decision: go, or refuse with a code and a sentence for the reply. */
export type TargetDecision = { ok: true } | { ok: false; code: 'fork' | 'head-moved' | 'wrong-place' | 'closed'; reason: string };

/** Decides whether `command` may act on `target`. Pure. */
export function decideTarget(command: CommandName, target: CommandTarget): TargetDecision {
  const spec = commandSpecs[command];
  if (spec.place === 'pull-request' && target.kind !== 'pull-request') return { ok: false, code: 'wrong-place', reason: `\`/mlops ${command}\` works on a pull request: it acts on the PR's head commit` };
  if (spec.place === 'drift-issue' && !target.driftIssue) return { ok: false, code: 'wrong-place', reason: `\`/mlops ${command}\` works on a drift incident issue (titled "Drift detected: …")` };
  if (!spec.runsPullCode || target.kind !== 'pull-request') return { ok: true };
  if (target.fork) {
    return { ok: false, code: 'fork', reason: `this pull request comes from a fork: \`/mlops ${command}\` would run its code on this repository's runners with its secrets, which gh-mlops never does. A maintainer can push the branch to this repository and run the command on a PR from there` };
  }
  if (target.state === 'closed') return { ok: false, code: 'closed', reason: 'this pull request is closed: there is no head to act on' };
  if (target.headCommittedAt && target.commentedAt && Date.parse(target.headCommittedAt) > Date.parse(target.commentedAt)) {
    return { ok: false, code: 'head-moved', reason: `the PR head moved after the comment was written (head committed ${target.headCommittedAt}, comment ${target.commentedAt}): review the new commits and comment the command again to run it on the new head` };
  }
  return { ok: true };
}
