/**
 * Whether a workflow's `on:` selects an event, as GitHub decides it: the event name (string, list or map form),
 * activity `types` (with GitHub's default types where a bare trigger does not mean "every activity"), ref filters
 * (`branches`/`branches-ignore`/`tags`/`tags-ignore`) and `paths`/`paths-ignore` over the changed files. Pure.
 */
import { pathsPass, refPasses } from './filter-patterns.js';

/** The events whose workflow runs the emulator creates when it emits them (plus `schedule` and `workflow_dispatch`). */
export const RUN_TRIGGERING_EVENTS = ['push', 'pull_request', 'pull_request_review', 'issue_comment', 'repository_dispatch'] as const;

/** Activity types a trigger without `types:` runs for, where GitHub narrows them (events not listed: every type). */
export const DEFAULT_TYPES: Record<string, readonly string[]> = {
  pull_request: ['opened', 'synchronize', 'reopened'],
  pull_request_target: ['opened', 'synchronize', 'reopened'],
};

/** The `on:` value normalised to a map: trigger name → its configuration (`{}` for a bare trigger). */
export function normaliseOn(on: unknown): Record<string, unknown> {
  if (typeof on === 'string') return { [on]: {} };
  if (Array.isArray(on)) return Object.fromEntries(on.filter((x): x is string => typeof x === 'string').map((x) => [x, {}]));
  if (on && typeof on === 'object') return Object.fromEntries(Object.entries(on).map(([k, v]) => [k, v ?? {}]));
  return {};
}

/** What happened, reduced to what filters look at. */
export interface TriggerEvent {
  name: string;
  /** `action` of the payload (for repository_dispatch: the `event_type`). */
  action?: string;
  /** The branch filters look at: the pushed branch, or a pull request's base branch. */
  branch?: string;
  /** The pushed tag (push only). */
  tag?: string;
  /** The changed files (computed only when a `paths` filter needs them). */
  files?: () => string[];
}

const strings = (v: unknown): string[] | undefined =>
  typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : undefined;

/** True when the normalised `on:` map selects the event. */
export function triggerMatches(on: Record<string, unknown>, event: TriggerEvent): boolean {
  if (!(event.name in on)) return false;
  const raw = on[event.name];
  const config = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const types = strings(config.types) ?? DEFAULT_TYPES[event.name];
  if (types && (event.action === undefined || !types.includes(event.action))) return false;
  if (event.name === 'push' || event.name === 'pull_request' || event.name === 'pull_request_target') {
    const branches = strings(config.branches);
    const branchesIgnore = strings(config['branches-ignore']);
    const tags = strings(config.tags);
    const tagsIgnore = strings(config['tags-ignore']);
    if (event.tag !== undefined) {
      // Only branch filters defined: the workflow does not run for tags (and the other way round).
      if (!tags && !tagsIgnore && (branches || branchesIgnore)) return false;
      if (!refPasses(event.tag, tags, tagsIgnore)) return false;
      // Path filters are not evaluated for pushes of tags.
      return true;
    }
    if (event.branch !== undefined) {
      if (!branches && !branchesIgnore && (tags || tagsIgnore)) return false;
      if (!refPasses(event.branch, branches, branchesIgnore)) return false;
    }
    const paths = strings(config.paths);
    const pathsIgnore = strings(config['paths-ignore']);
    if ((paths || pathsIgnore) && !pathsPass(event.files?.() ?? [], paths, pathsIgnore)) return false;
  }
  return true;
}

/** The cron expressions of `on.schedule` (`[{ cron: '0 * * * *' }, …]`). */
export function scheduleCrons(on: Record<string, unknown>): string[] {
  const list = on.schedule;
  if (!Array.isArray(list)) return [];
  return list.map((entry) => (entry && typeof entry === 'object' ? (entry as Record<string, unknown>).cron : undefined)).filter((c): c is string => typeof c === 'string');
}
