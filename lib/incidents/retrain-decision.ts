/**
 * Continuous training: whether drift should start a retraining run. Only `monitoring.on_drift: retrain` with a
 * `training` section, only on drift, and at most once per model per cooldown — the cooldown itself is enforced by a
 * lock whose TTL is the cooldown (so replicas agree); this decides whether to try, and explains a skip.
 */

/** The decision. */
export type RetrainDecision = { retrain: true } | { retrain: false; reason: string };

/** Decides whether a window should try to dispatch retraining. */
export function decideRetrain(input: { onDrift: 'issue' | 'retrain'; drifted: boolean; hasTraining: boolean; duplicateWindow: boolean }): RetrainDecision {
  if (!input.drifted) return { retrain: false, reason: 'no drift' };
  if (input.duplicateWindow) return { retrain: false, reason: 'this window was already handled' };
  if (input.onDrift !== 'retrain') return { retrain: false, reason: 'monitoring.on_drift is `issue`' };
  if (!input.hasTraining) return { retrain: false, reason: 'the model has no `training` section to retrain with' };
  return { retrain: true };
}

/** When a cooldown that started at `since` (ms) ends, as ISO text. */
export function cooldownEnds(since: number, cooldownMs: number): string {
  return new Date(since + cooldownMs).toISOString();
}
