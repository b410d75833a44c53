/** The version bump a model PR asks for, from its labels `mlops:major|minor|patch` (default minor). */
import type { Bump } from '../registry/registration-plan.js';

/** The labels that choose a bump. */
export const bumpLabels: Readonly<Record<Bump, string>> = { major: 'mlops:major', minor: 'mlops:minor', patch: 'mlops:patch' };

/** The bump and why: with several bump labels the largest wins (and is reported), none means minor. */
export function bumpFromLabels(labels: string[]): { bump: Bump; reason: string } {
  const names = new Set(labels.map((l) => l.toLowerCase()));
  const found = (['major', 'minor', 'patch'] as const).filter((b) => names.has(bumpLabels[b]));
  if (found.length === 0) return { bump: 'minor', reason: 'no mlops:major|minor|patch label: minor by default' };
  const bump = found[0]!;
  return { bump, reason: found.length > 1 ? `labels ${found.map((b) => bumpLabels[b]).join(', ')}: the largest, ${bump}, wins` : `label ${bumpLabels[bump]}` };
}
