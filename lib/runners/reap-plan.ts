/**
 * The reaper's decisions, pure: which runner instances to terminate, which to mark first, and which offline runners to
 * deregister. Two phases protect a runner that is still booting: an instance that merely looks abandoned (no online
 * runner after the grace period) is marked on one pass and terminated on a later pass only if it still looks
 * abandoned then. An instance past its `mlops:expires-at` is terminated at once: its own user data should already have
 * powered it off, so nothing legitimate is still running there.
 */
import type { RunnerInstance } from './tags.js';

/** A self-hosted runner as the GitHub API lists it. */
export interface ListedRunner {
  id: number;
  name: string;
  status: string;
  busy: boolean;
  labels: string[];
}

export interface ReapOptions {
  /** Epoch ms: the EC2 endpoint's Date header or `--now`, never the local clock alone. */
  now: number;
  /** How long after launch a runner must be online (default 15 minutes). */
  graceMs?: number;
  /** How old a mark must be before the instance is terminated (default 5 minutes). */
  markAgeMs?: number;
}

export type ReapReason = 'expired' | 'never-online' | 'runner-gone';

export interface ReapPlan {
  terminate: Array<{ instanceId: string; reason: ReapReason }>;
  mark: Array<{ instanceId: string; reason: ReapReason }>;
  /** Marked before, but healthy now (its runner came online): the mark is cleared. */
  unmark: string[];
  keep: string[];
  removeRunners: Array<{ id: number; name: string }>;
}

const live = new Set(['pending', 'running', 'stopping', 'stopped']);

/** Default grace period before a runner that never came online counts as abandoned. */
export const defaultGraceMs = 15 * 60_000;
/** Default age a reaper mark must reach before the second pass terminates. */
export const defaultMarkAgeMs = 5 * 60_000;

/** Why an instance looks abandoned now, or undefined when it looks healthy. */
function abandonment(instance: RunnerInstance, runners: Map<string, ListedRunner>, now: number, graceMs: number): ReapReason | undefined {
  if (instance.expiresAt !== undefined && now >= instance.expiresAt) return 'expired';
  const runner = instance.runnerName === undefined ? undefined : runners.get(instance.runnerName);
  if (runner && (runner.status === 'online' || runner.busy)) return undefined;
  if (now - instance.launchedAt < graceMs) return undefined;
  // An ephemeral runner is deregistered after its job: no runner at all means the job ran (or the JIT was never used).
  return runner ? 'never-online' : 'runner-gone';
}

/** Plans one reaper pass over the instances tagged for a repository and the repository's runners. */
export function planReap(instances: readonly RunnerInstance[], runners: readonly ListedRunner[], options: ReapOptions): ReapPlan {
  const graceMs = options.graceMs ?? defaultGraceMs;
  const markAgeMs = options.markAgeMs ?? defaultMarkAgeMs;
  const byName = new Map(runners.map((r) => [r.name, r]));
  const plan: ReapPlan = { terminate: [], mark: [], unmark: [], keep: [], removeRunners: [] };
  const liveNames = new Set<string>();
  for (const instance of instances) {
    if (!live.has(instance.state)) continue;
    const reason = abandonment(instance, byName, options.now, graceMs);
    const keptAlive = reason === undefined || (reason !== 'expired' && !(instance.reapMarkedAt !== undefined && options.now - instance.reapMarkedAt >= markAgeMs));
    if (keptAlive && instance.runnerName !== undefined) liveNames.add(instance.runnerName);
    if (reason === undefined) {
      if (instance.reapMarkedAt !== undefined) plan.unmark.push(instance.instanceId);
      plan.keep.push(instance.instanceId);
    } else if (reason === 'expired' || (instance.reapMarkedAt !== undefined && options.now - instance.reapMarkedAt >= markAgeMs)) {
      plan.terminate.push({ instanceId: instance.instanceId, reason });
    } else if (instance.reapMarkedAt === undefined) {
      plan.mark.push({ instanceId: instance.instanceId, reason });
    } else {
      plan.keep.push(instance.instanceId);
    }
  }
  // Only runners gh-mlops made (mlops- names), offline, idle, and not the runner of an instance that is still alive
  // (a JIT runner is registered, and offline, from before its instance boots until it connects).
  for (const runner of runners) {
    if (!runner.name.startsWith('mlops-') || runner.status === 'online' || runner.busy || liveNames.has(runner.name)) continue;
    plan.removeRunners.push({ id: runner.id, name: runner.name });
  }
  return plan;
}
