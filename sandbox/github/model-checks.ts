/**
 * Check runs (with their check suites and annotations) and commit statuses of the emulator's world: plain records like
 * model.ts, ids from the world's one sequence. A check suite exists per app and head sha, as on GitHub, where a suite is
 * created the first time an app reports on a commit.
 */
import { nextId, type World } from './model.js';

export type CheckStatus = 'queued' | 'in_progress' | 'completed';
export const CHECK_STATUSES: readonly CheckStatus[] = ['queued', 'in_progress', 'completed'];
export const CHECK_CONCLUSIONS = ['success', 'failure', 'neutral', 'cancelled', 'skipped', 'timed_out', 'action_required'] as const;
export type CheckConclusion = (typeof CHECK_CONCLUSIONS)[number];
export const ANNOTATION_LEVELS = ['notice', 'warning', 'failure'] as const;

export interface AnnotationRecord {
  path: string;
  start_line: number;
  end_line: number;
  start_column: number | null;
  end_column: number | null;
  annotation_level: (typeof ANNOTATION_LEVELS)[number];
  title: string | null;
  message: string;
  raw_details: string | null;
}

export interface CheckSuiteRecord {
  id: number;
  repo_id: number;
  head_sha: string;
  /** Branch the head sha was on when the suite was created (null when none points at it). */
  head_branch: string | null;
  app_id: number | null;
  created_at: string;
}

export interface CheckRunRecord {
  id: number;
  repo_id: number;
  suite_id: number;
  name: string;
  head_sha: string;
  status: CheckStatus;
  conclusion: CheckConclusion | null;
  external_id: string | null;
  details_url: string | null;
  started_at: string;
  completed_at: string | null;
  output: { title: string | null; summary: string | null; text: string | null };
  annotations: AnnotationRecord[];
  /** The app that created it (null for runs created through the control API as no app). */
  app_id: number | null;
}

export type StatusState = 'error' | 'failure' | 'pending' | 'success';
export const STATUS_STATES: readonly StatusState[] = ['error', 'failure', 'pending', 'success'];

export interface StatusRecord {
  id: number;
  repo_id: number;
  sha: string;
  state: StatusState;
  target_url: string | null;
  description: string | null;
  context: string;
  creator: string;
  created_at: string;
  updated_at: string;
}

/** Everything checks and statuses; `World.checks`. */
export interface ChecksWorld {
  suites: CheckSuiteRecord[];
  runs: CheckRunRecord[];
  statuses: StatusRecord[];
}

/** An empty checks state (seeding and reset). */
export function createChecksWorld(): ChecksWorld {
  return { suites: [], runs: [], statuses: [] };
}

/** The suite of `app` for `head_sha`, created on first use like GitHub's auto-created suites. */
export function suiteFor(world: World, repoId: number, headSha: string, appId: number | null, headBranch: string | null, now: string): CheckSuiteRecord {
  const found = world.checks.suites.find((s) => s.repo_id === repoId && s.head_sha === headSha && s.app_id === appId);
  if (found) return found;
  const suite: CheckSuiteRecord = { id: nextId(world), repo_id: repoId, head_sha: headSha, head_branch: headBranch, app_id: appId, created_at: now };
  world.checks.suites.push(suite);
  return suite;
}
