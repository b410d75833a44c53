/** Names of a drift incident: its title, labels, lock key and hidden marker, all derived from (model, stage). */
import type { DriftSeverity } from '../contracts/drift-event.js';

/** The label every drift incident carries. */
export const driftLabel = 'mlops:drift';

/** Title of the incident of `model` at `stage`, e.g. `Drift detected: churn (production)`. */
export function incidentTitle(model: string, stage: string): string {
  return `Drift detected: ${model} (${stage})`;
}

/** The severity label, e.g. `severity:high`. */
export function severityLabel(severity: DriftSeverity): string {
  return `severity:${severity}`;
}

/** The labels of an incident at `severity`: ours replace any earlier severity label, others are kept. */
export function incidentLabels(current: string[], severity: DriftSeverity): string[] {
  const kept = current.filter((l) => l !== driftLabel && !l.startsWith('severity:'));
  return [driftLabel, severityLabel(severity), ...kept];
}

/** The lock that makes one open incident per (model, stage) under concurrent deliveries. */
export function incidentLockKey(model: string, stage: string): string {
  return `drift/${model}/${stage}`;
}

/** The lock whose TTL is the retraining cooldown of `model` (taken, never released: it expires). */
export function retrainLockKey(model: string): string {
  return `retrain/${model}`;
}

/**
 * Assignees for an owner written `@alice` or `@org/team`: the user, or the team's members when they could be listed
 * (GitHub assigns at most 10 people); nobody when a team's members are unknown.
 */
export function ownerAssignees(owner: string, teamMembers?: string[]): string[] {
  const name = owner.replace(/^@/, '');
  if (!name.includes('/')) return [name];
  return (teamMembers ?? []).slice(0, 10);
}
